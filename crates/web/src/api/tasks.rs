//! Tasks over `/api/v1`: a task's roll-up level by level (the parts the caller reaches), and
//! progress reported on a part with what shows it. Each handler calls one use case of
//! `lianxin_app::tasks`, which checks the split, the target and who may report.

use axum::{
    Json,
    extract::Path,
    response::{IntoResponse, Response},
};
use chrono::NaiveDate;
use lianxin_app::{AppError, tasks};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState, Viewer,
    api::{ApiErrorBody, ApiJson},
    error::WebResult,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_one)).routes(routes!(report))
}

/// A part of a task as it rolls up.
#[derive(Serialize, ToSchema)]
pub struct PartOut {
    pub id: Uuid,
    pub org_id: Uuid,
    pub org_name: String,
    /// The part it was split from; absent for a part the issuer handed down.
    pub parent_id: Option<Uuid>,
    /// 0 for a part the issuer handed down, 1 below it, …
    pub depth: usize,
    pub target: i64,
    /// What its own parts achieve (each capped at its target), or what it reported.
    pub achieved: u64,
    /// Percent achieved, two decimals, capped at 100.
    pub percent: f64,
    pub due_on: NaiveDate,
    pub overdue: bool,
    /// open, done, returned
    pub status: String,
    pub returned_reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TaskOut {
    pub id: Uuid,
    pub org_id: Uuid,
    pub title: String,
    /// number, checklist, evidence
    pub kind: String,
    pub unit: String,
    pub target: i64,
    pub due_on: NaiveDate,
    pub achieved: u64,
    pub percent: f64,
    /// How much of a number's target no part carries.
    pub short: u64,
    pub parts: Vec<PartOut>,
}

fn task_out(v: tasks::TaskView) -> TaskOut {
    let t = v.task;
    TaskOut {
        id: t.id,
        org_id: t.org_id,
        title: t.title,
        kind: t.kind,
        unit: t.unit,
        target: t.target,
        due_on: t.due_on,
        achieved: v.achieved,
        percent: v.percent as f64 / 100.0,
        short: v.short,
        parts: v
            .parts
            .into_iter()
            .map(|r| PartOut {
                id: r.part.id,
                org_id: r.part.org_id,
                org_name: r.org_name,
                parent_id: r.part.parent_id,
                depth: r.depth,
                target: r.part.target,
                achieved: r.achieved,
                percent: r.percent as f64 / 100.0,
                due_on: r.part.due_on,
                overdue: r.due.overdue(),
                status: r.state,
                returned_reason: r.part.returned_reason,
            })
            .collect(),
    }
}

#[utoipa::path(get, path = "/api/v1/tasks/{id}", tag = "tasks", params(("id" = Uuid, Path)),
    responses((status = 200, body = TaskOut), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody)))]
async fn get_one(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<TaskOut>> {
    v.require()?;
    Ok(Json(task_out(tasks::show(&v.ctx, id).await?)))
}

/// Progress on a part not split further.
#[derive(Deserialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ReportIn {
    /// The figure reached (items done for a checklist, 1 for evidence shown).
    pub done: u64,
    /// Required when `done` is over the target: why.
    pub note: String,
    /// What shows it: where the photos or the document are, the meeting it was recorded at.
    pub evidence: String,
}

#[utoipa::path(post, path = "/api/v1/task-parts/{id}/reports", tag = "tasks", params(("id" = Uuid, Path)), request_body = ReportIn,
    responses((status = 200, body = TaskOut), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn report(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<serde_json::Value>) -> Result<Json<TaskOut>, Response> {
    let web = |e: AppError| crate::WebError(e).into_response();
    v.require().map_err(IntoResponse::into_response)?;
    let b: ReportIn = crate::api::from_value(v.tr, b)?;
    let part = tasks::report(&v.ctx, id, b.done, &b.note, &b.evidence).await.map_err(web)?;
    Ok(Json(task_out(tasks::show(&v.ctx, part.task_id).await.map_err(web)?)))
}
