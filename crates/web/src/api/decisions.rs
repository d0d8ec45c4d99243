//! 四议两公开 over `/api/v1`: an organization's matters a page at a time (newest first), opening
//! one, a matter with its steps, and recording the step it waits for. Each handler calls one use
//! case of `lianxin_app::decisions`, which enforces the order and the quorums; a refusal by a
//! rule carries its reasons with the numbers.

use axum::{
    Json,
    extract::{Path, Query},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use chrono::{DateTime, NaiveDate, Utc};
use lianxin_app::{
    AppError,
    decisions::{self, Matter, MatterFilter, MatterNew, StepInput},
};
use lianxin_core::decisions::{Body, MatterKind, Step};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState, Viewer,
    api::{ApiErrorBody, ApiJson},
    error::WebResult,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, open)).routes(routes!(get_one)).routes(routes!(record))
}

/// A village matter and where it stands.
#[derive(Serialize, ToSchema)]
pub struct MatterOut {
    pub id: Uuid,
    pub org_id: Uuid,
    pub title: String,
    /// allowances, collective_income, public_works, land_contracting, collective_projects, homesteads, compensation,
    /// asset_disposal, villagers_interest (the nine reserved for the villagers' meeting), general
    pub kind: String,
    /// Reserved for the villagers' meeting: no step may be skipped.
    pub reserved: bool,
    pub description: String,
    /// The step it waits for: proposal, deliberation, review, resolution, resolution_disclosed, result_disclosed;
    /// absent once finished.
    pub next_step: Option<String>,
    /// open, done
    pub status: String,
    pub resolved_on: Option<NaiveDate>,
    pub finish_by: Option<NaiveDate>,
    pub resolution_disclosed_on: Option<NaiveDate>,
    pub result_disclosed_on: Option<NaiveDate>,
    /// A disclosure is past its day and not made.
    pub overdue: bool,
    pub created_at: DateTime<Utc>,
}

fn matter_out(v: &Viewer, m: Matter) -> MatterOut {
    let overdue = decisions::disclosures(&m, v.ctx.settings().decisions.disclosure_days, v.ctx.app.today()).overdue();
    MatterOut {
        reserved: decisions::kind(&m).reserved(),
        overdue,
        id: m.id,
        org_id: m.org_id,
        title: m.title,
        kind: m.kind,
        description: m.description,
        next_step: m.next_step.filter(|_| m.status == "open"),
        status: m.status,
        resolved_on: m.resolved_on,
        finish_by: m.finish_by,
        resolution_disclosed_on: m.resolution_disclosed_on,
        result_disclosed_on: m.result_disclosed_on,
        created_at: m.created_at,
    }
}

/// Where the next page starts.
#[derive(Serialize, ToSchema)]
pub struct MatterCursor {
    pub before_at: DateTime<Utc>,
    pub before_id: Uuid,
}

#[derive(Serialize, ToSchema)]
pub struct MatterPageOut {
    pub items: Vec<MatterOut>,
    /// Pass as `before_at` and `before_id` for the next page; absent on the last one.
    pub next: Option<MatterCursor>,
    /// Whether the caller may open matters and record steps here.
    pub may_run: bool,
}

#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
pub struct MatterQ {
    /// Include the finished matters.
    pub all: bool,
    /// Words in the title.
    pub q: String,
    /// Cursor: `next.before_at` of the previous page (an RFC 3339 instant).
    pub before_at: Option<DateTime<Utc>>,
    /// Cursor: `next.before_id` of the previous page.
    #[serde(deserialize_with = "super::team::empty_none")]
    pub before_id: Option<Uuid>,
    /// Page size, 1–500 (default 50).
    #[serde(deserialize_with = "super::team::empty_none")]
    pub limit: Option<u64>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{id}/decisions", tag = "decisions", params(("id" = Uuid, Path), MatterQ),
    responses((status = 200, body = MatterPageOut), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn list(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<MatterQ>) -> WebResult<Json<MatterPageOut>> {
    v.require()?;
    let limit = crate::api::page_size(q.limit, 50)?;
    let before = q.before_at.zip(q.before_id);
    let words = q.q.trim();
    let filter = MatterFilter { open: !q.all, q: (!words.is_empty()).then(|| words.to_owned()) };
    let l = decisions::list(&v.ctx, id, &filter, before, limit).await?;
    Ok(Json(MatterPageOut {
        may_run: l.may_run,
        next: l.next_page.map(|(before_at, before_id)| MatterCursor { before_at, before_id }),
        items: l.matters.into_iter().map(|(m, _)| matter_out(&v, m)).collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MatterIn {
    pub title: String,
    /// One of the kinds listed on `MatterOut.kind`.
    pub kind: String,
    #[serde(default)]
    pub description: String,
}

#[utoipa::path(post, path = "/api/v1/orgs/{id}/decisions", tag = "decisions", params(("id" = Uuid, Path)), request_body = MatterIn,
    responses((status = 201, body = MatterOut), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn open(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<serde_json::Value>) -> Result<(StatusCode, Json<MatterOut>), Response> {
    v.require().map_err(IntoResponse::into_response)?;
    let b: MatterIn = crate::api::from_value(v.tr, b)?;
    let new = MatterNew { title: b.title, kind: MatterKind::parse(b.kind.trim()), description: b.description };
    let m = decisions::open(&v.ctx, id, new).await.map_err(|e| crate::WebError(e).into_response())?;
    Ok((StatusCode::CREATED, Json(matter_out(&v, m))))
}

/// A step as it happened.
#[derive(Serialize, ToSchema)]
pub struct StepOut {
    /// proposal, deliberation, review, resolution, resolution_disclosed, result_disclosed
    pub step: String,
    /// passed, failed, done, skipped
    pub outcome: String,
    pub on: NaiveDate,
    /// The party meeting whose vote it was.
    pub meeting_id: Option<Uuid>,
    pub vote_id: Option<Uuid>,
    /// villagers, representatives (the resolution)
    pub body: Option<String>,
    /// Those the vote was counted against.
    pub base: Option<i32>,
    pub present: Option<i32>,
    pub yes: Option<i32>,
    pub no: Option<i32>,
    pub abstain: Option<i32>,
    pub note: String,
}

#[derive(Serialize, ToSchema)]
pub struct MatterFullOut {
    pub matter: MatterOut,
    pub steps: Vec<StepOut>,
}

#[utoipa::path(get, path = "/api/v1/decisions/{id}", tag = "decisions", params(("id" = Uuid, Path)),
    responses((status = 200, body = MatterFullOut), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_one(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<MatterFullOut>> {
    v.require()?;
    let view = decisions::show(&v.ctx, id).await?;
    Ok(Json(full(&v, view)))
}

fn full(v: &Viewer, view: decisions::MatterView) -> MatterFullOut {
    let steps = view
        .steps
        .iter()
        .map(|s| StepOut {
            step: s.step.clone(),
            outcome: s.outcome.clone(),
            on: s.on_date,
            meeting_id: s.meeting_id,
            vote_id: s.vote_id,
            body: s.village_meeting_id.and_then(|id| view.village_meetings.get(&id)).map(|m| m.body.clone()),
            base: s.base,
            present: s.present,
            yes: s.yes,
            no: s.no,
            abstain: s.abstain,
            note: s.note.clone(),
        })
        .collect();
    MatterFullOut { matter: matter_out(v, view.matter), steps }
}

/// What a step records; each step reads the fields it needs.
#[derive(Deserialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct StepIn {
    /// proposal, deliberation, review: a vote recorded at the organization's meeting of the step's kind.
    pub vote_id: Option<Uuid>,
    /// resolution: villagers, representatives
    pub body: Option<String>,
    /// resolution: the day of the meeting; disclosures: the day disclosed.
    pub on: Option<NaiveDate>,
    pub place: String,
    /// villagers' meeting: adults present, household representatives present.
    pub adults_present: Option<u64>,
    pub households_present: Option<u64>,
    /// representatives' meeting: the representatives present (persons on the roll).
    pub present: Vec<Uuid>,
    pub yes: Option<u64>,
    pub no: Option<u64>,
    pub abstain: Option<u64>,
    /// A reserved matter resolved by the representatives: the villagers' meeting delegated it.
    pub delegated: bool,
    /// A general matter resolved without a villagers' meeting (the reason in `note`).
    pub skip: bool,
    pub note: String,
    /// resolution_disclosed: when the implementation is to be finished.
    pub finish_by: Option<NaiveDate>,
}

#[utoipa::path(post, path = "/api/v1/decisions/{id}/steps/{step}", tag = "decisions", params(("id" = Uuid, Path), ("step" = String, Path)),
    request_body = StepIn,
    responses((status = 200, body = MatterFullOut), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn record(
    v: Viewer,
    Path((id, step)): Path<(Uuid, String)>,
    ApiJson(b): ApiJson<serde_json::Value>,
) -> Result<Json<MatterFullOut>, Response> {
    let web = |e: AppError| crate::WebError(e).into_response();
    v.require().map_err(IntoResponse::into_response)?;
    let b: StepIn = crate::api::from_value(v.tr, b)?;
    let step = Step::parse(step.trim()).ok_or(AppError::NotFound).map_err(web)?;
    let body = match b.body.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => Some(Body::parse(s).ok_or(AppError::invalid("body", "error-choose")).map_err(web)?),
    };
    let input = StepInput {
        vote_id: b.vote_id,
        body,
        on: b.on,
        place: b.place,
        adults_present: b.adults_present,
        households_present: b.households_present,
        present: b.present,
        yes: b.yes,
        no: b.no,
        abstain: b.abstain,
        delegated: b.delegated,
        skip: b.skip,
        note: b.note,
        finish_by: b.finish_by,
    };
    decisions::record_step(&v.ctx, id, step, input).await.map_err(web)?;
    let view = decisions::show(&v.ctx, id).await.map_err(web)?;
    Ok(Json(full(&v, view)))
}
