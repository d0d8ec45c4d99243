//! The leaders' candidate pool: an organization's own members ranked by their service record of a
//! year, the others with why they stand aside. Read by the level above, as it prepares an
//! election.

use axum::{
    Json,
    extract::{Path, Query},
};
use lianxin_app::leaders::{self, Candidate};
use lianxin_core::leaders::Standing;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{TeamOrg, YearQ};
use crate::{AppState, Viewer, api::ApiErrorBody, error::WebResult};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(pool))
}

/// A member in the pool, with the figures of the year behind their place.
#[derive(Serialize, ToSchema)]
pub struct CandidateOut {
    /// 1 for the first of the ranked; absent for those standing aside.
    pub rank: Option<u32>,
    pub member_id: Uuid,
    pub person_id: Uuid,
    pub name: String,
    /// probationary, full
    pub status: String,
    /// eligible, not_full (probationary members cannot be elected), grade (graded below qualified at the latest
    /// appraisal)
    pub standing: String,
    /// The latest appraisal grade (this year's, else last year's): excellent, qualified, basically_qualified,
    /// unqualified; absent when not appraised.
    pub grade: Option<String>,
    pub grade_year: Option<i32>,
    /// The year's points under the county's table.
    pub points: i32,
    /// Needs resolved, and of those the ones rated satisfied.
    pub resolved: u64,
    pub satisfied: u64,
    /// Meetings marked present at, and absent from.
    pub present: u64,
    pub absent: u64,
    /// Present of marked, in thousandths; absent when never marked.
    pub attendance: Option<u64>,
    /// Study in tenths of an hour, and whether it met the year's requirement.
    pub study_tenths: u64,
    pub study_met: bool,
    /// Care given: contacts with linked households and in pairs where they help.
    pub care: u64,
    /// Services to enterprises in the year.
    pub enterprise_services: u64,
}

fn standing_code(s: Standing) -> &'static str {
    match s {
        Standing::Eligible => "eligible",
        Standing::NotFull => "not_full",
        Standing::Grade(_) => "grade",
    }
}

fn candidate(c: Candidate, rank: Option<u32>) -> CandidateOut {
    let r = c.record;
    CandidateOut {
        rank,
        member_id: c.member.id,
        person_id: c.member.person_id,
        name: c.member.person_name,
        status: c.member.status,
        standing: standing_code(c.standing).into(),
        grade: c.grade.map(|(g, _)| g.as_str().into()),
        grade_year: c.grade.map(|(_, y)| y),
        points: r.points,
        resolved: r.resolved,
        satisfied: r.satisfied,
        present: r.present,
        absent: r.absent,
        attendance: r.attendance(),
        study_tenths: r.study_tenths,
        study_met: r.study_met,
        care: r.care,
        enterprise_services: c.enterprise_services,
    }
}

/// An organization's pool for a year.
#[derive(Serialize, ToSchema)]
pub struct PoolOut {
    pub org: TeamOrg,
    pub year: i32,
    /// The eligible, best first: points, then needs resolved, attendance, study and care.
    pub ranked: Vec<CandidateOut>,
    /// The others, by name, with why (`standing`).
    pub others: Vec<CandidateOut>,
    /// The organizations directly below, whose pools can be read too.
    pub below: Vec<TeamOrg>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{id}/leaders", tag = "team", params(("id" = Uuid, Path), YearQ),
    responses((status = 200, body = PoolOut), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn pool(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Json<PoolOut>> {
    v.require()?;
    let p = std::sync::Arc::unwrap_or_clone(leaders::pool(&v.ctx, id, q.year(&v.ctx)?).await?);
    Ok(Json(PoolOut {
        org: TeamOrg { id: p.org.id, name: p.org.name },
        year: p.year,
        ranked: p.ranked.into_iter().zip(1..).map(|(c, n)| candidate(c, Some(n))).collect(),
        others: p.others.into_iter().map(|c| candidate(c, None)).collect(),
        below: p.below.into_iter().map(|o| TeamOrg { id: o.id, name: o.name }).collect(),
    }))
}
