//! Enterprises and cooperatives: an area's list with the year's figures, one enterprise with its
//! liaisons, offers, services and co-handled needs, and a member's service recorded.

use axum::{
    Json,
    extract::{Path, Query},
    http::StatusCode,
};
use chrono::{DateTime, NaiveDate, Utc};
use lianxin_app::{
    AppError,
    enterprises::{self, Body, Liaison, Line, Need, OfferLine, Service, ServiceInput},
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::YearQ;
use crate::{
    AppState, Viewer,
    api::{ApiErrorBody, ApiJson},
    error::WebResult,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get_one))
        .routes(routes!(record_service))
        .routes(routes!(dissolve))
        .routes(routes!(reopen))
}

/// A member who serves an enterprise.
#[derive(Serialize, ToSchema)]
pub struct LiaisonOut {
    pub id: Uuid,
    pub member_id: Uuid,
    pub person_id: Uuid,
    pub name: String,
    pub since: NaiveDate,
    /// Absent while they serve it.
    pub until: Option<NaiveDate>,
}

impl From<Liaison> for LiaisonOut {
    fn from(l: Liaison) -> Self {
        Self { id: l.id, member_id: l.member_id, person_id: l.person_id, name: l.person_name, since: l.since, until: l.until }
    }
}

/// An enterprise, a cooperative or a collective economy organization.
#[derive(Serialize, ToSchema)]
pub struct EnterpriseHead {
    pub id: Uuid,
    pub name: String,
    /// enterprise, cooperative, collective_economy
    pub kind: String,
    /// `active` while it operates.
    pub status: String,
    /// The village or township it belongs to.
    pub area_id: Uuid,
    pub place: String,
}

fn head(b: Body, place: String) -> EnterpriseHead {
    EnterpriseHead { id: b.id, name: b.name, kind: b.kind, status: b.status, area_id: b.area_id, place }
}

/// An enterprise in an area's list, with its figures for the year.
#[derive(Serialize, ToSchema)]
pub struct EnterpriseLineOut {
    #[serde(flatten)]
    pub enterprise: EnterpriseHead,
    /// The members serving it now.
    pub liaisons: Vec<LiaisonOut>,
    /// Offers shown on the board today.
    pub live_offers: u64,
    /// Services recorded in the year.
    pub services: u64,
    /// Needs it co-handles.
    pub needs: u64,
}

impl From<Line> for EnterpriseLineOut {
    fn from(l: Line) -> Self {
        Self {
            enterprise: head(l.body, l.place),
            liaisons: l.liaisons.into_iter().map(LiaisonOut::from).collect(),
            live_offers: l.live_offers,
            services: l.services,
            needs: l.needs,
        }
    }
}

/// The enterprises of an area and the places below it.
#[derive(Serialize, ToSchema)]
pub struct EnterprisesOut {
    pub area_id: Uuid,
    pub area_name: String,
    pub year: i32,
    pub items: Vec<EnterpriseLineOut>,
    /// Whether the caller may register enterprises and link members here.
    pub may_manage: bool,
}

#[utoipa::path(get, path = "/api/v1/areas/{id}/enterprises", tag = "team", params(("id" = Uuid, Path), YearQ),
    responses((status = 200, body = EnterprisesOut), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn list(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Json<EnterprisesOut>> {
    v.require()?;
    let e = std::sync::Arc::unwrap_or_clone(enterprises::list(&v.ctx, id, q.year(&v.ctx)?).await?);
    Ok(Json(EnterprisesOut {
        area_id: e.area.id,
        area_name: e.area.name,
        year: e.year,
        items: e.lines.into_iter().map(EnterpriseLineOut::from).collect(),
        may_manage: e.may_manage,
    }))
}

/// What an enterprise offers villagers.
#[derive(Serialize, ToSchema)]
pub struct OfferOut {
    pub id: Uuid,
    /// jobs, purchase, training, service
    pub kind: String,
    pub title: String,
    pub detail: String,
    /// How many (jobs, tonnes, places); absent when it does not apply.
    pub places: Option<i32>,
    /// How a villager takes it up.
    pub how_to: String,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    /// Where it stands today: upcoming, open, ended, withdrawn (only open ones are on the board).
    pub state: String,
}

impl From<OfferLine> for OfferOut {
    fn from(l: OfferLine) -> Self {
        let o = l.offer;
        Self {
            id: o.id,
            kind: o.kind,
            title: o.title,
            detail: o.detail,
            places: o.places,
            how_to: o.how_to,
            valid_from: o.valid_from,
            valid_until: o.valid_until,
            withdrawn_at: o.withdrawn_at,
            state: l.state.as_str().into(),
        }
    }
}

/// What a member did for an enterprise.
#[derive(Serialize, ToSchema)]
pub struct ServiceOut {
    pub id: Uuid,
    pub enterprise_id: Uuid,
    pub member_id: Uuid,
    pub name: String,
    pub served_on: NaiveDate,
    /// policy, finance, market, technology, dispute, other
    pub kind: String,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

impl From<Service> for ServiceOut {
    fn from(s: Service) -> Self {
        Self {
            id: s.id,
            enterprise_id: s.body_id,
            member_id: s.member_id,
            name: s.person_name,
            served_on: s.served_on,
            kind: s.kind,
            note: s.note,
            recorded_by: s.recorded_by,
            recorded_at: s.recorded_at,
        }
    }
}

/// A need the enterprise co-handles (those the caller may read).
#[derive(Serialize, ToSchema)]
pub struct CohandledNeedOut {
    pub id: Uuid,
    /// Tracking code.
    pub code: String,
    pub service_code: String,
    /// submitted, accepted, in_progress, resolved, closed, rejected, withdrawn
    pub status: String,
    pub created_at: DateTime<Utc>,
}

impl From<Need> for CohandledNeedOut {
    fn from(n: Need) -> Self {
        Self { id: n.id, code: n.code, service_code: n.service_code, status: n.status, created_at: n.created_at }
    }
}

/// One enterprise: who serves it (now and before), its offers, the year's services, and the
/// needs it co-handles.
#[derive(Serialize, ToSchema)]
pub struct EnterpriseOut {
    #[serde(flatten)]
    pub enterprise: EnterpriseHead,
    pub year: i32,
    pub liaisons: Vec<LiaisonOut>,
    pub offers: Vec<OfferOut>,
    /// Services recorded in the year, newest first: one page of them (at most 100).
    pub services: Vec<ServiceOut>,
    /// Where the next page of services starts (`services_from`), when more follow.
    pub services_next: Option<u64>,
    pub needs: Vec<CohandledNeedOut>,
    pub may_manage: bool,
    /// Whether the caller may record service: for anyone who serves it (staff), or for
    /// themself (a member who serves it).
    pub may_serve: bool,
}

/// The year an enterprise is shown for, and where its page of services starts.
#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
pub struct EnterpriseQ {
    /// A calendar year, 1990–2100 (default: this year).
    #[serde(deserialize_with = "super::empty_none")]
    pub year: Option<i32>,
    /// How many of the year's services come before the page (default 0).
    #[serde(deserialize_with = "super::empty_none")]
    pub services_from: Option<u64>,
}

/// Services one page of an enterprise shows.
pub const SERVICES_PAGE: u64 = 100;

#[utoipa::path(get, path = "/api/v1/enterprises/{id}", tag = "team", params(("id" = Uuid, Path), EnterpriseQ),
    responses((status = 200, body = EnterpriseOut), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn get_one(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<EnterpriseQ>) -> WebResult<Json<EnterpriseOut>> {
    v.require()?;
    let year = super::year_of(&v.ctx, q.year)?;
    let w = lianxin_core::paging::Window::new(q.services_from, SERVICES_PAGE);
    let e = enterprises::enterprise(&v.ctx, id, year, w).await?;
    Ok(Json(EnterpriseOut {
        enterprise: head(e.body, e.place),
        year: e.year,
        liaisons: e.liaisons.into_iter().map(LiaisonOut::from).collect(),
        offers: e.offers.into_iter().map(OfferOut::from).collect(),
        services_next: e.services.next,
        services: e.services.items.into_iter().map(ServiceOut::from).collect(),
        needs: e.needs.into_iter().map(CohandledNeedOut::from).collect(),
        may_manage: e.may_manage,
        may_serve: e.may_serve,
    }))
}

/// What a member who serves the enterprise did for it.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnterpriseServiceIn {
    /// Whose service: one of the members serving it now. A member recording their own leaves it
    /// out (it is then always their own).
    #[serde(default)]
    pub member_id: Option<Uuid>,
    /// Not after today, nor before the member began serving it.
    pub served_on: NaiveDate,
    /// policy, finance, market, technology, dispute, other
    pub kind: String,
    /// What was done, at most 1000 characters.
    pub note: String,
}

/// The app names the member field `member` (as the pages' forms do); the API calls it `member_id`.
fn as_sent(e: AppError) -> AppError {
    match e {
        AppError::Invalid { mut fields } => {
            for f in &mut fields {
                if f.field == "member" {
                    f.field = "member_id";
                }
            }
            AppError::Invalid { fields }
        }
        e => e,
    }
}

#[utoipa::path(post, path = "/api/v1/enterprises/{id}/services", tag = "team", params(("id" = Uuid, Path)), request_body = EnterpriseServiceIn,
    responses((status = 201, body = ServiceOut), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn record_service(
    v: Viewer,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<EnterpriseServiceIn>,
) -> WebResult<(StatusCode, Json<ServiceOut>)> {
    v.require()?;
    let input = ServiceInput { member_id: b.member_id, served_on: Some(b.served_on), kind: b.kind, note: b.note };
    let s = enterprises::record_service(&v.ctx, id, input).await.map_err(as_sent)?;
    Ok((StatusCode::CREATED, Json(s.into())))
}

/// Why an enterprise closes, or reopens.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnterpriseReasonIn {
    /// At most 500 characters, not blank.
    pub reason: String,
}

/// Records that an enterprise has closed: its offers leave the village board and the members
/// serving it stop today. 409 when it is closed already.
#[utoipa::path(post, path = "/api/v1/enterprises/{id}/dissolve", tag = "team", params(("id" = Uuid, Path)), request_body = EnterpriseReasonIn,
    responses((status = 200, body = EnterpriseHead), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn dissolve(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<EnterpriseReasonIn>) -> WebResult<Json<EnterpriseHead>> {
    v.require()?;
    let body = enterprises::dissolve(&v.ctx, id, &b.reason).await?;
    let place = enterprises::place_of(&v.ctx, &body).await?;
    Ok(Json(head(body, place)))
}

/// Undoes a closing: the enterprise is active again. Its offers and the members who served it
/// are published and linked anew. 409 when it is not closed.
#[utoipa::path(post, path = "/api/v1/enterprises/{id}/reopen", tag = "team", params(("id" = Uuid, Path)), request_body = EnterpriseReasonIn,
    responses((status = 200, body = EnterpriseHead), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn reopen(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<EnterpriseReasonIn>) -> WebResult<Json<EnterpriseHead>> {
    v.require()?;
    let body = enterprises::reopen(&v.ctx, id, &b.reason).await?;
    let place = enterprises::place_of(&v.ctx, &body).await?;
    Ok(Json(head(body, place)))
}
