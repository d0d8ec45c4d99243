//! Member development: the cases of an organization's subtree, a page at a time, each with the
//! step it waits for.

use axum::{
    Json,
    extract::{Path, Query},
};
use chrono::NaiveDate;
use lianxin_app::development::{self, Case, Next};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{TeamOrg, empty_none};
use crate::{AppState, Viewer, api::ApiErrorBody, error::WebResult};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(cases))
}

/// The step a case waits for, from when it may be taken and by when it should be.
#[derive(Serialize, ToSchema)]
pub struct DevelopmentNextOut {
    /// application, talk, activist, development_target, introducers, review, training, pre_review, notice, admission,
    /// approval, extension, confirmation, cancellation
    pub step: String,
    pub earliest: Option<NaiveDate>,
    pub due_by: Option<NaiveDate>,
}

impl From<Next> for DevelopmentNextOut {
    fn from(n: Next) -> Self {
        Self { step: n.step.as_str().into(), earliest: n.earliest, due_by: n.due_by }
    }
}

/// A development case: a person from the application to full membership.
#[derive(Serialize, ToSchema)]
pub struct DevelopmentCaseOut {
    pub id: Uuid,
    pub person_id: Uuid,
    pub name: String,
    pub org_id: Uuid,
    pub org_name: String,
    /// applicant, activist, development_target, admitted, probationary, full, cancelled
    pub stage: String,
    pub applied_on: NaiveDate,
    pub talk_on: Option<NaiveDate>,
    pub activist_on: Option<NaiveDate>,
    pub target_on: Option<NaiveDate>,
    /// The branch assembly that admitted them.
    pub assembly_on: Option<NaiveDate>,
    pub approved_on: Option<NaiveDate>,
    pub confirmed_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    /// Absent once the case has ended.
    pub next: Option<DevelopmentNextOut>,
}

#[derive(Serialize, ToSchema)]
pub struct DevelopmentCursor {
    pub after_name: String,
    pub after_id: Uuid,
}

/// One page of an organization's cases, by name.
#[derive(Serialize, ToSchema)]
pub struct DevelopmentPageOut {
    pub org: TeamOrg,
    pub items: Vec<DevelopmentCaseOut>,
    /// Pass as `after_name` and `after_id` for the next page; absent on the last one.
    pub next: Option<DevelopmentCursor>,
    /// Whether the caller may open cases and record steps here.
    pub may_run: bool,
}

#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
pub struct DevelopmentQ {
    /// Include the cases that have ended (full members, cancelled).
    pub include_ended: bool,
    /// Cursor: `next.after_name` of the previous page.
    #[serde(deserialize_with = "empty_none")]
    pub after_name: Option<String>,
    /// Cursor: `next.after_id` of the previous page.
    #[serde(deserialize_with = "empty_none")]
    pub after_id: Option<Uuid>,
    /// Page size, 1–500 (default 50); a page holds at most 200.
    #[serde(deserialize_with = "empty_none")]
    pub limit: Option<u64>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{id}/development", tag = "team", params(("id" = Uuid, Path), DevelopmentQ),
    responses((status = 200, body = DevelopmentPageOut), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn cases(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<DevelopmentQ>) -> WebResult<Json<DevelopmentPageOut>> {
    v.require()?;
    let limit = crate::api::page_size(q.limit, 50)?;
    let after = match (q.after_name.as_deref(), q.after_id) {
        (Some(n), Some(i)) => Some((n, i)),
        _ => None,
    };
    let page = development::cases(&v.ctx, id, !q.include_ended, after, limit).await?;
    let development::CasesPage { org, cases, org_names, next_page, may_run } = &*page;
    let case = |(c, n): (Case, Option<Next>)| DevelopmentCaseOut {
        org_name: org_names.get(&c.org_id).cloned().unwrap_or_default(),
        id: c.id,
        person_id: c.person_id,
        name: c.person_name,
        org_id: c.org_id,
        stage: c.stage,
        applied_on: c.applied_on,
        talk_on: c.talk_on,
        activist_on: c.activist_on,
        target_on: c.target_on,
        assembly_on: c.assembly_on,
        approved_on: c.approved_on,
        confirmed_on: c.confirmed_on,
        ended_on: c.ended_on,
        next: n.map(DevelopmentNextOut::from),
    };
    Ok(Json(DevelopmentPageOut {
        org: TeamOrg { id: org.id, name: org.name.clone() },
        items: cases.iter().cloned().map(case).collect(),
        next: next_page.clone().map(|(after_name, after_id)| DevelopmentCursor { after_name, after_id }),
        may_run: *may_run,
    }))
}
