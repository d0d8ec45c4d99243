//! Points (积分制): an organization's standings for a period, and one member's points with the
//! evidence behind each.

use axum::{
    Json,
    extract::{Path, Query},
};
use chrono::{DateTime, NaiveDate, Utc};
use lianxin_app::points::{self, Entry, Standing};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{PeriodQ, TeamOrg};
use crate::{AppState, Viewer, api::ApiErrorBody, error::WebResult};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(standings)).routes(routes!(member_points))
}

/// One item of the county's table in a member's score.
#[derive(Serialize, ToSchema)]
pub struct PointsLineOut {
    /// appeal_resolved, appeal_satisfied, meeting_present, meeting_absent, household_contact, study_hour, pair_contact, care_visit
    pub item: String,
    /// How many times it happened in the period.
    pub times: u64,
    /// Points for each time (below zero for a fault).
    pub each: i32,
    /// Before the cap.
    pub raw: i64,
    /// After the cap: what the total counts.
    pub counted: i32,
    /// The table's cap for the period cut it.
    pub capped: bool,
}

/// What a score below a threshold calls for.
#[derive(Serialize, ToSchema)]
pub struct PointsActionOut {
    /// talk, remedial, probation_not_confirmed
    pub action: String,
    /// The threshold the total is under.
    pub below: i32,
}

/// A member's score for the period, with the numbers behind it.
#[derive(Serialize, ToSchema)]
pub struct PointsStandingOut {
    pub member_id: Uuid,
    pub person_id: Uuid,
    pub name: String,
    /// probationary, full
    pub status: String,
    pub org_id: Uuid,
    /// The table's base score.
    pub base: i32,
    pub total: i32,
    pub lines: Vec<PointsLineOut>,
    /// Approved points entered by hand (uncapped).
    pub hand: i32,
    /// Lowest threshold first; empty when the total calls for nothing.
    pub actions: Vec<PointsActionOut>,
}

impl From<Standing> for PointsStandingOut {
    fn from(s: Standing) -> Self {
        let m = s.member;
        Self {
            member_id: m.id,
            person_id: m.person_id,
            name: m.person_name,
            status: m.status,
            org_id: m.org_id,
            base: s.score.base,
            total: s.score.total,
            lines: s
                .score
                .lines
                .into_iter()
                .map(|l| PointsLineOut { item: l.item, times: l.times, each: l.each, raw: l.raw, counted: l.counted, capped: l.capped })
                .collect(),
            hand: s.score.hand,
            actions: s.score.actions.into_iter().map(|(action, below)| PointsActionOut { action, below }).collect(),
        }
    }
}

/// An organization's standings: every current member of it and below, highest first.
#[derive(Serialize, ToSchema)]
pub struct PointsStandingsOut {
    pub org: TeamOrg,
    /// The period counted: `2026-05`, `2026-Q2` or `2026`.
    pub period: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub members: Vec<PointsStandingOut>,
    /// Points entered by hand in the period waiting for a decision.
    pub pending: u64,
    /// Whether the caller may enter points here.
    pub may_record: bool,
}

#[utoipa::path(get, path = "/api/v1/orgs/{id}/points", tag = "team", params(("id" = Uuid, Path), PeriodQ),
    responses((status = 200, body = PointsStandingsOut), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn standings(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<PeriodQ>) -> WebResult<Json<PointsStandingsOut>> {
    v.require()?;
    let period = q.period(&v.ctx)?;
    let s = std::sync::Arc::unwrap_or_clone(points::standings(&v.ctx, id, period).await?);
    Ok(Json(PointsStandingsOut {
        org: TeamOrg { id: s.org.id, name: s.org.name },
        period: s.period.code(),
        from: s.period.first_day(),
        to: s.period.last_day(),
        members: s.rows.into_iter().map(PointsStandingOut::from).collect(),
        pending: s.pending as u64,
        may_record: s.may_record,
    }))
}

/// A need the member resolved in the period.
#[derive(Serialize, ToSchema)]
pub struct PointsAppealOut {
    pub id: Uuid,
    /// Tracking code.
    pub code: String,
    pub resolved_at: DateTime<Utc>,
    /// satisfied, basically, unsatisfied; absent until the villager rates it.
    pub rating: Option<String>,
}

/// A meeting the member was marked at in the period.
#[derive(Serialize, ToSchema)]
pub struct PointsMeetingOut {
    pub id: Uuid,
    pub title: String,
    pub held_on: NaiveDate,
    /// present, leave, absent
    pub attendance: String,
}

/// Points entered by hand for the member.
#[derive(Serialize, ToSchema)]
pub struct PointsEntryOut {
    pub id: Uuid,
    pub happened_on: NaiveDate,
    /// What it was, as entered.
    pub item: String,
    pub points: i32,
    pub evidence: String,
    /// pending, approved, rejected (only approved ones count)
    pub status: String,
    pub entered_by: String,
    pub entered_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: String,
}

impl From<Entry> for PointsEntryOut {
    fn from(e: Entry) -> Self {
        Self {
            id: e.id,
            happened_on: e.happened_on,
            item: e.item,
            points: e.points,
            evidence: e.evidence,
            status: e.status,
            entered_by: e.entered_by,
            entered_at: e.entered_at,
            decided_by: e.decided_by,
            decided_at: e.decided_at,
            decision_note: e.decision_note,
        }
    }
}

/// One member's points for a period with every piece of evidence.
#[derive(Serialize, ToSchema)]
pub struct MemberPointsOut {
    /// The period counted: `2026-05`, `2026-Q2` or `2026`.
    pub period: String,
    pub standing: PointsStandingOut,
    pub appeals: Vec<PointsAppealOut>,
    pub meetings: Vec<PointsMeetingOut>,
    /// Contacts with the households linked to the member.
    pub contacts: u64,
    pub entries: Vec<PointsEntryOut>,
}

#[utoipa::path(get, path = "/api/v1/members/{id}/points", tag = "team", params(("id" = Uuid, Path), PeriodQ),
    responses((status = 200, body = MemberPointsOut), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn member_points(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<PeriodQ>) -> WebResult<Json<MemberPointsOut>> {
    v.require()?;
    let period = q.period(&v.ctx)?;
    let e = points::member(&v.ctx, id, period).await?;
    Ok(Json(MemberPointsOut {
        period: period.code(),
        standing: e.standing.into(),
        appeals: e.appeals.into_iter().map(|(id, code, resolved_at, rating)| PointsAppealOut { id, code, resolved_at, rating }).collect(),
        meetings: e
            .meetings
            .into_iter()
            .map(|(id, title, held_on, attendance)| PointsMeetingOut { id, title, held_on, attendance })
            .collect(),
        contacts: e.contacts,
        entries: e.entries.into_iter().map(PointsEntryOut::from).collect(),
    }))
}
