//! `/api/v1/areas`: the administrative areas the token's account may reach.

use axum::{Json, extract::Path, http::StatusCode};
use chrono::{DateTime, Utc};
use lianxin_app::orgs::Area;
use lianxin_app::orgs::{self, AreaNew};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{ApiErrorBody, ApiJson, orgs::OrgOut};
use crate::{AppState, Viewer, error::WebResult};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, create)).routes(routes!(get_one, update))
}

/// An administrative area (行政区划).
#[derive(Serialize, ToSchema)]
pub struct AreaOut {
    pub id: Uuid,
    /// National statistical division code.
    pub code: String,
    pub name: String,
    /// province, city, county, township, village, group
    pub level: String,
    pub parent_id: Option<Uuid>,
    pub path: String,
    pub updated_at: DateTime<Utc>,
}

impl From<Area> for AreaOut {
    fn from(a: Area) -> Self {
        Self { id: a.id, code: a.code, name: a.name, level: a.level, parent_id: a.parent_id, path: a.path, updated_at: a.updated_at }
    }
}

#[utoipa::path(get, path = "/api/v1/areas", tag = "areas", responses((status = 200, body = Vec<AreaOut>), (status = 401, body = ApiErrorBody)))]
async fn list(v: Viewer) -> WebResult<Json<Vec<AreaOut>>> {
    v.require()?;
    Ok(Json(orgs::area_tree(&v.ctx, 10_000).await?.into_iter().map(AreaOut::from).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AreaIn {
    pub parent_id: Uuid,
    pub code: String,
    pub name: String,
}

#[utoipa::path(post, path = "/api/v1/areas", tag = "areas", request_body = AreaIn,
    responses((status = 201, body = AreaOut), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create(v: Viewer, ApiJson(b): ApiJson<AreaIn>) -> WebResult<(StatusCode, Json<AreaOut>)> {
    v.require()?;
    let a = orgs::create_area(&v.ctx, AreaNew { parent: Some(b.parent_id), level: None, code: b.code, name: b.name }).await?;
    Ok((StatusCode::CREATED, Json(a.into())))
}

/// An area with its children and the organizations serving it.
#[derive(Serialize, ToSchema)]
pub struct AreaDetail {
    #[serde(flatten)]
    pub area: AreaOut,
    pub children: Vec<AreaOut>,
    pub served_by: Vec<OrgOut>,
}

#[utoipa::path(get, path = "/api/v1/areas/{id}", tag = "areas", params(("id" = Uuid, Path)), responses((status = 200, body = AreaDetail), (status = 404, body = ApiErrorBody)))]
async fn get_one(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<AreaDetail>> {
    v.require()?;
    let view = orgs::area(&v.ctx, id).await?;
    Ok(Json(AreaDetail {
        area: view.area.into(),
        children: view.children.into_iter().map(AreaOut::from).collect(),
        served_by: view.orgs.into_iter().map(OrgOut::from).collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AreaPatchIn {
    pub name: String,
    pub code: String,
}

#[utoipa::path(patch, path = "/api/v1/areas/{id}", tag = "areas", params(("id" = Uuid, Path)), request_body = AreaPatchIn,
    responses((status = 200, body = AreaOut), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<AreaPatchIn>) -> WebResult<Json<AreaOut>> {
    v.require()?;
    Ok(Json(orgs::update_area(&v.ctx, id, &b.name, &b.code).await?.into()))
}
