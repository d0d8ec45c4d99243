//! Filing: `POST requests.{fmt}` with an api_key, on behalf of the key's account.

use axum::{
    body::Bytes,
    extract::{Path, rejection::BytesRejection},
    http::{HeaderMap, StatusCode, header},
    response::Response,
};
use lianxin_app::{
    Actor, AppError, Ctx,
    appeals::intake::{self, NewAppeal, Submitted},
    auth,
    policy::{Action, Decision, Target, decide},
};
use lianxin_core::appeals::{Channel, format_tracking_code};
use uuid::Uuid;

use super::{
    Caller, Failure, O311, Params,
    data::{self, Jurisdiction},
    read::jurisdiction,
    xml::{Format, Node, respond},
};

/// `POST requests.{fmt}`.
pub(super) async fn post(c: Caller, Path(file): Path<String>, headers: HeaderMap, body: Result<Bytes, BytesRejection>) -> Response {
    let Some((name, format)) = Format::split(&file) else {
        return Failure::not_found("error-not-found").render(Format::guess(&file), c.tr);
    };
    if name != "requests" {
        return Failure::bad("error-o311-method").render(format, c.tr);
    }
    let urlencoded = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|t| t.trim().to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"));
    if !urlencoded {
        return Failure::bad("error-media-type").render(format, c.tr);
    }
    let body = match body {
        Ok(b) => b,
        Err(_) => return Failure::bad("error-too-large").render(format, c.tr),
    };
    let p = Params::parse(&body);
    match create_request(&c, &p).await {
        Ok(node) => respond(format, StatusCode::OK, "service_requests", &node),
        Err(e) => e.render(format, c.tr),
    }
}

fn coordinate(p: &Params, name: &'static str) -> O311<Option<f64>> {
    match p.get(name) {
        None => Ok(None),
        Some(s) => s.parse::<f64>().ok().filter(|v| v.is_finite()).map(Some).ok_or(Failure::bad_param(name, "error-appeal-location")),
    }
}

/// `first_name` and `last_name` as one name: "John Smith", or family name first ("张明").
fn full_name(first: Option<&str>, last: Option<&str>) -> Option<String> {
    match (first, last) {
        (None, None) => None,
        (Some(n), None) | (None, Some(n)) => Some(n.to_owned()),
        (Some(f), Some(l)) if f.is_ascii() && l.is_ascii() => Some(format!("{f} {l}")),
        (Some(f), Some(l)) => Some(format!("{l}{f}")),
    }
}

/// The only village the key's account may file for; several need `address_id`, none is a key
/// that may file nowhere.
async fn only_village(ctx: &Ctx, j: &Jurisdiction, actor: &Actor) -> O311<Uuid> {
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
        return Err(Failure::forbidden("error-o311-key-village"));
    }
    let villages = data::villages_among(ctx, j, &ids).await?;
    match (ids.len(), villages.as_slice()) {
        (1, [v]) => Ok(v.id),
        _ => Err(Failure::bad_param("address_id", "error-o311-address-id-required")),
    }
}

async fn create_request(c: &Caller, p: &Params) -> O311<Node> {
    let key = p.get("api_key").ok_or(Failure::forbidden("error-o311-key-missing"))?;
    let principal = auth::authenticate_token(&c.ctx.app, key).await?.ok_or(Failure::forbidden("error-o311-key-refused"))?;
    let actor = Actor::Account(Box::new(principal));
    let j = jurisdiction(c, p).await?;
    let code = p.get("service_code").ok_or(Failure::bad_param("service_code", "error-required"))?;
    let category = data::service(&c.ctx, &j, code).await?.ok_or(Failure::bad_param("service_code", "error-o311-service-unknown"))?;
    let lat = coordinate(p, "lat")?;
    let lon = coordinate(p, "long")?;
    let address = p.get("address_string");
    let address_id = p.get("address_id");
    if lat.is_none() && lon.is_none() && address.is_none() && address_id.is_none() {
        return Err(Failure::bad_param("lat", "error-o311-location-required"));
    }
    let village = match address_id {
        Some(code) => data::village_by_code(&c.ctx, &j, code).await?.ok_or(Failure::bad_param("address_id", "error-o311-address-id"))?.id,
        None => only_village(&c.ctx, &j, &actor).await?,
    };
    let new = NewAppeal {
        village: Some(village),
        // Open311's description is optional; ours is not, so the service's name stands in.
        description: p.get("description").map_or_else(|| category.name_zh.clone(), str::to_owned),
        service_code: category.code,
        address: address.map(str::to_owned),
        lat,
        lon,
        attributes: p.attributes(),
        name: full_name(p.get("first_name"), p.get("last_name")),
        phone: p.get("phone").map(str::to_owned),
        channel: Some(Channel::Open311),
        household: None,
        public: None,
        photos: Vec::new(),
        // A third-party app cannot offer "me too": every report is its own request.
        not_duplicate: true,
        require_location: address_id.is_none(),
    };
    let mut ctx = c.ctx.clone();
    ctx.actor = actor;
    let appeal = match intake::submit(&ctx, new).await {
        Ok(Submitted::Created { appeal, .. }) => appeal,
        Ok(Submitted::Similar { .. }) => return Err(Failure::bad("error-api-appeal-similar")),
        // The village is outside what the key's account may file for.
        Err(AppError::NotFound) => return Err(Failure::forbidden("error-o311-key-village")),
        Err(e) => return Err(e.into()),
    };
    let notice = c.tr.ta("label-o311-notice", &[("no", format_tracking_code(&appeal.code))]);
    Ok(Node::List(
        "request",
        vec![Node::Obj(vec![
            ("service_request_id", Node::text(appeal.code.clone())),
            ("service_notice", Node::text(notice)),
            ("account_id", Node::opt_text(p.get("account_id"))),
        ])],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_either_order() {
        assert_eq!(full_name(Some("明"), Some("张")).as_deref(), Some("张明"));
        assert_eq!(full_name(Some("John"), Some("Smith")).as_deref(), Some("John Smith"));
        assert_eq!(full_name(None, None), None);
    }
}
