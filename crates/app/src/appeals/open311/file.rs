//! Filing through Open311: `POST requests` with an `api_key`, on behalf of the key's account. One
//! call, like the JSON API's: the key is checked, the jurisdiction, service and village settled,
//! and the appeal filed by intake under the account's own permissions.

use std::collections::BTreeMap;

use lianxin_core::appeals::Channel;
use uuid::Uuid;

use super::{Jurisdiction, jurisdiction, service, village_by_code, villages_among};
use crate::{
    Actor, AppError, Ctx,
    appeals::{
        Appeal,
        intake::{self, NewAppeal, Submitted},
    },
    auth,
    policy::{Action, Decision, Target, decide},
};

/// A service request as the client posted it, its parameters already read (names as Open311's).
#[derive(Clone, Debug, Default)]
pub struct Filing {
    pub api_key: Option<String>,
    pub jurisdiction_id: Option<String>,
    pub service_code: Option<String>,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub address_string: Option<String>,
    /// A village's 12-digit area code.
    pub address_id: Option<String>,
    pub description: Option<String>,
    /// `first_name` and `last_name` as one name.
    pub name: Option<String>,
    pub phone: Option<String>,
    pub attributes: BTreeMap<String, Vec<String>>,
}

/// Files `f` for the account of its api_key. Errors name Open311's parameters.
pub async fn file(ctx: &Ctx, f: Filing) -> Result<Appeal, AppError> {
    let key = f.api_key.as_deref().ok_or(AppError::Refused { key: "error-o311-key-missing" })?;
    let principal = auth::authenticate_token(&ctx.app, key).await?.ok_or(AppError::Refused { key: "error-o311-key-refused" })?;
    let mut ctx = ctx.clone();
    ctx.actor = Actor::Account(principal);
    let j = jurisdiction(&ctx, f.jurisdiction_id.as_deref()).await?;
    let code = f.service_code.as_deref().ok_or(AppError::invalid("service_code", "error-required"))?;
    let category = service(&ctx, &j, code).await?.ok_or(AppError::invalid("service_code", "error-o311-service-unknown"))?;
    if f.lat.is_none() && f.long.is_none() && f.address_string.is_none() && f.address_id.is_none() {
        return Err(AppError::invalid("lat", "error-o311-location-required"));
    }
    let village = match f.address_id.as_deref() {
        Some(code) => village_by_code(&ctx, &j, code).await?.ok_or(AppError::invalid("address_id", "error-o311-address-id"))?.id,
        None => only_village(&ctx, &j).await?,
    };
    let new = NewAppeal {
        village: Some(village),
        // Open311's description is optional; ours is not, so the service's name stands in.
        description: f.description.unwrap_or_else(|| category.name_zh.clone()),
        service_code: category.code,
        address: f.address_string,
        lat: f.lat,
        lon: f.long,
        attributes: f.attributes,
        name: f.name,
        phone: f.phone,
        channel: Some(Channel::Open311),
        household: None,
        public: None,
        photos: Vec::new(),
        // A third-party app cannot offer "me too": every report is its own request.
        not_duplicate: true,
        require_location: f.address_id.is_none(),
    };
    match intake::submit(&ctx, new).await {
        Ok(Submitted::Created { appeal, .. }) => Ok(*appeal),
        Ok(Submitted::Similar { .. }) => Err(AppError::BadRequest { key: "error-api-appeal-similar" }),
        // The village is outside what the key's account may file for.
        Err(AppError::NotFound) => Err(AppError::Refused { key: "error-o311-key-village" }),
        Err(e) => Err(rename_fields(e)),
    }
}

/// The only village the key's account may file for; several need `address_id`, none is a key
/// that may file nowhere.
async fn only_village(ctx: &Ctx, j: &Jurisdiction) -> Result<Uuid, AppError> {
    let actor = &ctx.actor;
    let mut ids: Vec<Uuid> = Vec::new();
    for r in actor.principal().map(|p| p.roles.as_slice()).unwrap_or_default() {
        for area in &r.areas {
            let may = decide(actor, Action::FileAppeal, Target::Appeal { org: area, village: area, handler: None }) == Decision::Allow;
            if may && let Some(id) = area.last_id() {
                ids.push(id);
            }
        }
    }
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Err(AppError::Refused { key: "error-o311-key-village" });
    }
    match (ids.len(), villages_among(ctx, j, &ids).await?.as_slice()) {
        (1, [v]) => Ok(v.id),
        _ => Err(AppError::invalid("address_id", "error-o311-address-id-required")),
    }
}

/// Intake's field names as Open311's parameters.
fn rename_fields(e: AppError) -> AppError {
    let param = |field: &'static str| match field {
        "village" => "address_id",
        "address" => "address_string",
        "lon" => "long",
        "attributes" => "attribute",
        "name" => "last_name",
        other => other,
    };
    match e {
        AppError::Invalid { fields } => {
            AppError::Invalid { fields: fields.into_iter().map(|f| crate::FieldError { field: param(f.field), key: f.key }).collect() }
        }
        AppError::Conflict { field, key } => AppError::Conflict { field: param(field), key },
        e => e,
    }
}
