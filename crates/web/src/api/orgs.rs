//! `/api/v1/orgs`: the organizations the token's account may reach.

use axum::{
    Json,
    extract::{Path, Query},
    http::StatusCode,
};
use chrono::{DateTime, NaiveDate, Utc};
use lianxin_app::orgs::{Org, OrgFilter};
use lianxin_app::{
    AppError,
    orgs::{self, OrgEdit, OrgNew},
};
use lianxin_core::orgs::{OrgBasis, OrgKind};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{ApiErrorBody, ApiJson};
use crate::{AppState, Viewer, error::WebResult};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update))
        .routes(routes!(move_org))
        .routes(routes!(merge_org))
        .routes(routes!(dissolve_org))
}

/// A party organization.
#[derive(Serialize, ToSchema)]
pub struct OrgOut {
    pub id: Uuid,
    pub name: String,
    /// committee, general_branch, branch, party_group, joint_branch
    pub kind: String,
    /// area, industry, enterprise, cooperative, other
    pub basis: String,
    pub parent_id: Option<Uuid>,
    /// active, merged, dissolved
    pub status: String,
    pub merged_into: Option<Uuid>,
    pub established_on: Option<NaiveDate>,
    pub ended_at: Option<DateTime<Utc>>,
    pub note: String,
    /// Materialized path; also the cursor for `after`.
    pub path: String,
}

impl From<Org> for OrgOut {
    fn from(o: Org) -> Self {
        Self {
            id: o.id,
            name: o.name,
            kind: o.kind,
            basis: o.basis,
            parent_id: o.parent_id,
            status: o.status,
            merged_into: o.merged_into,
            established_on: o.established_on,
            ended_at: o.ended_at,
            note: o.note,
            path: o.path,
        }
    }
}

/// One page of organizations; pass `next` as `after` for the next page.
#[derive(Serialize, ToSchema)]
pub struct OrgPage {
    pub items: Vec<OrgOut>,
    pub next: Option<String>,
}

#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
pub struct ListQ {
    /// Only names containing this text.
    pub q: Option<String>,
    /// Include merged and dissolved organizations.
    pub include_ended: bool,
    /// Cursor: the `next` of the previous page.
    pub after: Option<String>,
    /// Page size, 1–500 (default 100).
    pub limit: Option<u64>,
}

#[utoipa::path(get, path = "/api/v1/orgs", tag = "orgs", params(ListQ), responses((status = 200, body = OrgPage), (status = 401, body = ApiErrorBody)))]
async fn list(v: Viewer, Query(q): Query<ListQ>) -> WebResult<Json<OrgPage>> {
    v.require()?;
    let limit = crate::api::page_size(q.limit, 100)?;
    let f = OrgFilter { name_contains: q.q, include_ended: q.include_ended, after_path: q.after, max_depth: None };
    let rows = orgs::org_tree(&v.ctx, &f, limit).await?;
    let next = (rows.len() as u64 == limit).then(|| rows.last().map(|o| o.path.clone())).flatten();
    Ok(Json(OrgPage { items: rows.into_iter().map(OrgOut::from).collect(), next }))
}

/// A new organization under `parent_id`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgIn {
    pub parent_id: Uuid,
    pub name: String,
    pub kind: String,
    pub basis: String,
    #[serde(default)]
    pub areas: Vec<Uuid>,
    #[serde(default)]
    pub established_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
}

#[utoipa::path(post, path = "/api/v1/orgs", tag = "orgs", request_body = OrgIn,
    responses((status = 201, body = OrgOut), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create(v: Viewer, ApiJson(b): ApiJson<OrgIn>) -> WebResult<(StatusCode, Json<OrgOut>)> {
    v.require()?;
    let new = OrgNew {
        parent: Some(b.parent_id),
        name: b.name,
        kind: OrgKind::parse(&b.kind).ok_or(AppError::invalid("kind", "error-choose"))?,
        basis: OrgBasis::parse(&b.basis).ok_or(AppError::invalid("basis", "error-choose"))?,
        areas: b.areas,
        established_on: b.established_on,
        note: b.note,
    };
    let o = orgs::create_org(&v.ctx, new).await?;
    Ok((StatusCode::CREATED, Json(o.into())))
}

/// An organization with its areas and children.
#[derive(Serialize, ToSchema)]
pub struct OrgDetail {
    #[serde(flatten)]
    pub org: OrgOut,
    pub areas: Vec<Uuid>,
    pub children: Vec<OrgOut>,
    pub subtree_size: u64,
}

#[utoipa::path(get, path = "/api/v1/orgs/{id}", tag = "orgs", params(("id" = Uuid, Path)),
    responses((status = 200, body = OrgDetail), (status = 404, body = ApiErrorBody)))]
async fn get_one(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<OrgDetail>> {
    v.require()?;
    let view = orgs::org(&v.ctx, id).await?;
    Ok(Json(OrgDetail {
        areas: view.areas.iter().map(|a| a.id).collect(),
        children: view.children.into_iter().map(OrgOut::from).collect(),
        subtree_size: view.subtree_size,
        org: view.org.into(),
    }))
}

/// Fields to change; absent fields stay as they are.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgPatchIn {
    pub name: Option<String>,
    pub basis: Option<String>,
    pub note: Option<String>,
    pub established_on: Option<NaiveDate>,
    pub areas: Option<Vec<Uuid>>,
}

#[utoipa::path(patch, path = "/api/v1/orgs/{id}", tag = "orgs", params(("id" = Uuid, Path)), request_body = OrgPatchIn,
    responses((status = 200, body = OrgOut), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<OrgPatchIn>) -> WebResult<Json<OrgOut>> {
    v.require()?;
    let basis = b.basis.as_deref().map(|s| OrgBasis::parse(s).ok_or(AppError::invalid("basis", "error-choose"))).transpose()?;
    let edit = OrgEdit { name: b.name, basis, note: b.note, established_on: b.established_on.map(Some), areas: b.areas };
    Ok(Json(orgs::update_org(&v.ctx, id, edit).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveIn {
    pub parent_id: Uuid,
}

#[utoipa::path(post, path = "/api/v1/orgs/{id}/move", tag = "orgs", params(("id" = Uuid, Path)), request_body = MoveIn,
    responses((status = 200, body = OrgOut), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn move_org(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<MoveIn>) -> WebResult<Json<OrgOut>> {
    v.require()?;
    Ok(Json(orgs::move_org(&v.ctx, id, b.parent_id).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeIn {
    pub into: Uuid,
}

#[utoipa::path(post, path = "/api/v1/orgs/{id}/merge", tag = "orgs", params(("id" = Uuid, Path)), request_body = MergeIn,
    responses((status = 200, body = OrgOut), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn merge_org(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<MergeIn>) -> WebResult<Json<OrgOut>> {
    v.require()?;
    Ok(Json(orgs::merge_org(&v.ctx, id, b.into).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DissolveIn {
    pub reason: String,
}

#[utoipa::path(post, path = "/api/v1/orgs/{id}/dissolve", tag = "orgs", params(("id" = Uuid, Path)), request_body = DissolveIn,
    responses((status = 200, body = OrgOut), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn dissolve_org(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<DissolveIn>) -> WebResult<Json<OrgOut>> {
    v.require()?;
    Ok(Json(orgs::dissolve_org(&v.ctx, id, &b.reason).await?.into()))
}
