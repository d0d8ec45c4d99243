//! `/api/v1` for people: persons (with audited reveals), member records and the roster,
//! transfers, posts and terms, households, grids, village bodies and member–household links.
//! Output structs are our own so that encrypted values and lookup hashes can never be serialized.

use axum::{
    Json,
    extract::{Path, Query},
    http::{StatusCode, header},
};
use chrono::{DateTime, NaiveDate, Utc};
use lianxin_app::people::{Grid, Household, Member, MemberHistory, Person, Position, RosterFilter, Transfer, VillageBody};
use lianxin_app::{
    AppError,
    people::{
        households::{self, BodyInput, HouseholdInput},
        members::{self, MemberInput},
        persons::{self, PersonInput, Sensitive},
        positions::{self, PositionInput, PostIn},
        transfers,
    },
};
use lianxin_core::people::{
    BodyKind, Education, Finding, Gender, MemberStatus, Occupation, PostKind, Severity, TermState, parse_id_number, parse_phone,
};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{ApiErrorBody, ApiJson};
use crate::{AppState, Viewer, error::WebResult};

mod household;
pub(crate) mod member;
mod person;
mod post;
mod shapes;
mod transfer;

use post::*;
pub use shapes::*;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(person::router())
        .merge(member::router())
        .merge(transfer::router())
        .merge(post::router())
        .merge(household::router())
}

// ---- parsing at the edge ----

/// Optional enum text: absent or empty is none; anything else must be one of the listed values.
fn choice<T>(field: &'static str, s: Option<&str>, parse: impl Fn(&str) -> Option<T>) -> Result<Option<T>, AppError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => parse(s).map(Some).ok_or(AppError::invalid(field, "error-choose")),
    }
}

/// Required enum text.
fn required<T>(field: &'static str, s: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, AppError> {
    choice(field, Some(s), parse)?.ok_or(AppError::invalid(field, "error-choose"))
}

/// An area named in the path that is not there is not found (404), not a refused field as in a
/// body.
fn area_in_path(e: AppError) -> AppError {
    match &e {
        AppError::Invalid { fields } if matches!(fields.as_slice(), [f] if f.field == "area_id") => AppError::NotFound,
        _ => e,
    }
}

/// Query parameters sent empty (`?grid=`) count as absent, as in the pages.
fn empty_none<'de, D: Deserializer<'de>, T: std::str::FromStr>(d: D) -> Result<Option<T>, D::Error>
where
    T::Err: std::fmt::Display,
{
    match Option::<String>::deserialize(d)?.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => s.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

#[cfg(test)]
mod tests;
