//! Care: an organization's year — who must be visited and whether they were, the difficulties
//! that touched the year, and the year's visits.

use axum::{
    Json,
    extract::{Path, Query},
};
use chrono::NaiveDate;
use lianxin_app::care::{self, Difficulty, MustLine, Visit};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{TeamOrg, YearQ};
use crate::{AppState, Viewer, api::ApiErrorBody, error::WebResult};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(overview))
}

/// A member on the year's must-visit list, why, and the year's visits to them.
#[derive(Serialize, ToSchema)]
pub struct MustVisitOut {
    pub member_id: Uuid,
    pub person_id: Uuid,
    pub name: String,
    /// probationary, full
    pub status: String,
    /// Always true here: on the list.
    pub must: bool,
    /// Registered in difficulty during the year.
    pub in_difficulty: bool,
    /// Age on `counted_on`, when the birth date is known.
    pub age: Option<u32>,
    /// Years as a full member on `counted_on`, when known.
    pub party_years: Option<u32>,
    /// 80 or older.
    pub elderly: bool,
    /// 50 years or more in the party.
    pub veteran: bool,
    /// The day ages and party years are counted on: the year's last day.
    pub counted_on: NaiveDate,
    /// Days of the visits made this year.
    pub visited: Vec<NaiveDate>,
    /// Days of the visits planned this year and not yet made.
    pub planned: Vec<NaiveDate>,
}

impl From<MustLine> for MustVisitOut {
    fn from(l: MustLine) -> Self {
        Self {
            member_id: l.member.id,
            person_id: l.member.person_id,
            name: l.member.person_name,
            status: l.member.status,
            must: l.check.must,
            in_difficulty: l.check.in_difficulty,
            age: l.check.age,
            party_years: l.check.party_years,
            elderly: l.check.elderly,
            veteran: l.check.veteran,
            counted_on: l.check.on,
            visited: l.visited.iter().filter_map(|v| v.visited_on).collect(),
            planned: l.planned.iter().map(|v| v.planned_on).collect(),
        }
    }
}

/// A member registered in difficulty.
#[derive(Serialize, ToSchema)]
pub struct DifficultyOut {
    pub id: Uuid,
    pub member_id: Uuid,
    pub name: String,
    /// illness, disability, age, poverty, disaster
    pub kind: String,
    pub note: String,
    pub registered_on: NaiveDate,
    /// Absent while open.
    pub closed_on: Option<NaiveDate>,
    /// What was done, once closed.
    pub closed_note: String,
}

impl From<Difficulty> for DifficultyOut {
    fn from(d: Difficulty) -> Self {
        Self {
            id: d.id,
            member_id: d.member_id,
            name: d.person_name,
            kind: d.kind,
            note: d.note,
            registered_on: d.registered_on,
            closed_on: d.closed_on,
            closed_note: d.closed_note,
        }
    }
}

/// A visit planned or made.
#[derive(Serialize, ToSchema)]
pub struct VisitOut {
    pub id: Uuid,
    pub member_id: Uuid,
    pub name: String,
    /// spring_festival, july_first, illness, help, other
    pub occasion: String,
    pub planned_on: NaiveDate,
    /// Absent while only planned.
    pub visited_on: Option<NaiveDate>,
    /// Who visited, as written.
    pub visitors: String,
    /// What was done or given.
    pub note: String,
}

impl From<Visit> for VisitOut {
    fn from(v: Visit) -> Self {
        Self {
            id: v.id,
            member_id: v.member_id,
            name: v.person_name,
            occasion: v.occasion,
            planned_on: v.planned_on,
            visited_on: v.visited_on,
            visitors: v.visitors,
            note: v.note,
        }
    }
}

/// The care of an organization and those below it in a year.
#[derive(Serialize, ToSchema)]
pub struct CareOut {
    pub org: TeamOrg,
    pub year: i32,
    pub must_visit: Vec<MustVisitOut>,
    pub difficulties: Vec<DifficultyOut>,
    pub visits: Vec<VisitOut>,
    /// Whether the caller may record care here.
    pub may_record: bool,
}

#[utoipa::path(get, path = "/api/v1/orgs/{id}/care", tag = "team", params(("id" = Uuid, Path), YearQ),
    responses((status = 200, body = CareOut), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn overview(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Json<CareOut>> {
    v.require()?;
    let o = std::sync::Arc::unwrap_or_clone(care::overview(&v.ctx, id, q.year(&v.ctx)?).await?);
    Ok(Json(CareOut {
        org: TeamOrg { id: o.org.id, name: o.org.name },
        year: o.year,
        must_visit: o.must.into_iter().map(MustVisitOut::from).collect(),
        difficulties: o.difficulties.into_iter().map(DifficultyOut::from).collect(),
        visits: o.visits.into_iter().map(VisitOut::from).collect(),
        may_record: o.may_record,
    }))
}
