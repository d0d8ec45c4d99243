//! `/api/v1` for the service team: points, study hours, care, dues, member development,
//! enterprises and the leaders' candidate pool. Each handler parses at the edge and calls one use
//! case of `lianxin_app`, which decides who may read or change what; the answers speak codes (each
//! field's values are listed where it is documented), as the rest of the API does.

use std::ops::RangeInclusive;

use chrono::Datelike;
use lianxin_app::{AppError, Ctx};
use lianxin_core::meetings::Period;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use crate::AppState;

mod care;
mod development;
mod dues;
mod enterprises;
mod leaders;
mod points;
mod study;
#[cfg(test)]
mod tests;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(points::router())
        .merge(study::router())
        .merge(care::router())
        .merge(dues::router())
        .merge(development::router())
        .merge(enterprises::router())
        .merge(leaders::router())
}

/// The years the team's figures may be asked for; anything else is refused rather than read as
/// this year.
pub(crate) const YEARS: RangeInclusive<i32> = 1990..=2100;

/// A period as sent (`2026-05`, `2026-Q2`, `2026`, or empty for this quarter), for the document.
pub(crate) const PERIOD_PATTERN: &str = r"^(|(199[0-9]|20[0-9]{2}|2100)(-(0[1-9]|1[0-2]|Q[1-4]))?)$";

/// Query parameters sent empty (`?year=`) count as absent, as in the pages.
pub(crate) fn empty_none<'de, D: Deserializer<'de>, T: std::str::FromStr>(d: D) -> Result<Option<T>, D::Error>
where
    T::Err: std::fmt::Display,
{
    match Option::<String>::deserialize(d)?.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => s.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

/// The year a list is for.
#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
pub struct YearQ {
    /// A calendar year, 1990–2100 (default: this year).
    #[serde(deserialize_with = "empty_none")]
    pub year: Option<i32>,
}

impl YearQ {
    fn year(&self, ctx: &Ctx) -> Result<i32, AppError> {
        year_of(ctx, self.year)
    }
}

fn year_of(ctx: &Ctx, year: Option<i32>) -> Result<i32, AppError> {
    match year {
        None => Ok(ctx.app.today().year()),
        Some(y) if YEARS.contains(&y) => Ok(y),
        Some(_) => Err(AppError::invalid("year", "error-out-of-range")),
    }
}

/// The period points are counted for.
#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
pub struct PeriodQ {
    /// A month (`2026-05`), a quarter (`2026-Q2`) or a year (`2026`); default: this quarter.
    #[serde(deserialize_with = "empty_none")]
    pub period: Option<String>,
}

impl PeriodQ {
    /// The period asked for, read as the pages read it (`lianxin_app::points::period_of`); text
    /// that names no period, or one outside [`YEARS`], is refused rather than read as this quarter.
    fn period(&self, ctx: &Ctx) -> Result<Period, AppError> {
        let raw = self.period.as_deref();
        if raw.is_some_and(|s| Period::parse(s).is_none_or(|p| !YEARS.contains(&p.year()))) {
            return Err(AppError::invalid("period", "error-period"));
        }
        Ok(lianxin_app::points::period_of(ctx, raw))
    }
}

/// An organization as a team list names it.
#[derive(Serialize, ToSchema)]
pub struct TeamOrg {
    pub id: Uuid,
    pub name: String,
}
