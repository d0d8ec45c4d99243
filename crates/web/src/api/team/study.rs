//! Study hours: each member's year against the requirement, from courses played, lectures
//! attended and trainings.

use axum::{
    Json,
    extract::{Path, Query},
};
use lianxin_app::study::{self, HoursRow};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{TeamOrg, YearQ};
use crate::{AppState, Viewer, api::ApiErrorBody, error::WebResult};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(hours))
}

/// One member's year of study; every figure in tenths of an hour (`325` is 32.5 hours).
#[derive(Serialize, ToSchema)]
pub struct StudyHoursOut {
    pub member_id: Uuid,
    pub person_id: Uuid,
    pub name: String,
    /// probationary, full
    pub status: String,
    /// Courses played on the platform.
    pub courses: u64,
    /// Party lectures attended.
    pub lectures: u64,
    /// Trainings attended.
    pub trainings: u64,
    pub total: u64,
    /// The year's requirement: more for a secretary or committee member (`leader`).
    pub required: u64,
    /// What is still missing; 0 once met.
    pub short: u64,
    pub met: bool,
    pub leader: bool,
}

impl From<HoursRow> for StudyHoursOut {
    fn from(r: HoursRow) -> Self {
        Self {
            member_id: r.member.id,
            person_id: r.member.person_id,
            name: r.member.person_name,
            status: r.member.status,
            courses: r.courses,
            lectures: r.lectures,
            trainings: r.trainings,
            total: r.courses + r.lectures + r.trainings,
            required: r.req.required,
            short: r.req.short,
            met: r.req.met,
            leader: r.req.leader,
        }
    }
}

/// An organization's members and their hours of a year.
#[derive(Serialize, ToSchema)]
pub struct StudyOut {
    pub org: TeamOrg,
    pub year: i32,
    pub members: Vec<StudyHoursOut>,
    /// How many have not met the requirement.
    pub short: u64,
    /// Whether the caller may record trainings here.
    pub may_record: bool,
}

#[utoipa::path(get, path = "/api/v1/orgs/{id}/study", tag = "team", params(("id" = Uuid, Path), YearQ),
    responses((status = 200, body = StudyOut), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn hours(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Json<StudyOut>> {
    v.require()?;
    let h = std::sync::Arc::unwrap_or_clone(study::hours(&v.ctx, id, q.year(&v.ctx)?).await?);
    let short = h.short() as u64;
    Ok(Json(StudyOut {
        org: TeamOrg { id: h.org.id, name: h.org.name },
        year: h.year,
        members: h.rows.into_iter().map(StudyHoursOut::from).collect(),
        short,
        may_record: h.may_record,
    }))
}
