//! Households, grids, village bodies and member–household links.

use super::*;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_households))
        .routes(routes!(create_household))
        .routes(routes!(get_household))
        .routes(routes!(list_grids))
        .routes(routes!(create_grid))
        .routes(routes!(list_bodies))
        .routes(routes!(create_body))
        .routes(routes!(link))
        .routes(routes!(unlink))
}

#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
pub struct HouseholdsQ {
    /// Only the households of this grid.
    #[serde(deserialize_with = "empty_none")]
    pub grid: Option<Uuid>,
    /// Cursor: the `next` of the previous page.
    #[serde(deserialize_with = "empty_none")]
    pub after: Option<Uuid>,
    /// Page size, 1–500 (default 100).
    #[serde(deserialize_with = "empty_none")]
    pub limit: Option<u64>,
}

/// One page of households, by id.
#[derive(Serialize, ToSchema)]
pub struct HouseholdPage {
    pub items: Vec<HouseholdOut>,
    pub next: Option<Uuid>,
}

#[utoipa::path(get, path = "/api/v1/areas/{id}/households", tag = "people", params(("id" = Uuid, Path), HouseholdsQ),
    responses((status = 200, body = HouseholdPage), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn list_households(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<HouseholdsQ>) -> WebResult<Json<HouseholdPage>> {
    v.require()?;
    let limit = crate::api::page_size(q.limit, 100)?;
    let rows = households::households(&v.ctx, id, q.grid, q.after, limit).await.map_err(super::area_in_path)?;
    let next = (rows.len() as u64 == limit).then(|| rows.last().map(|h| h.id)).flatten();
    Ok(Json(HouseholdPage { items: rows.into_iter().map(HouseholdOut::from).collect(), next }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HouseholdIn {
    /// A village or villager group.
    pub area_id: Uuid,
    /// 户号, when the village numbers its households.
    #[serde(default)]
    pub household_no: String,
    #[serde(default)]
    pub address: String,
    /// A grid of the same village.
    #[serde(default)]
    pub grid_id: Option<Uuid>,
}

#[utoipa::path(post, path = "/api/v1/households", tag = "people", request_body = HouseholdIn,
    responses((status = 201, body = HouseholdOut), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn create_household(v: Viewer, ApiJson(b): ApiJson<HouseholdIn>) -> WebResult<(StatusCode, Json<HouseholdOut>)> {
    v.require()?;
    let input = HouseholdInput { area_id: b.area_id, household_no: b.household_no, address: b.address, grid_id: b.grid_id };
    let h = households::create_household(&v.ctx, input).await?;
    Ok((StatusCode::CREATED, Json(h.into())))
}

/// A member linked to a household, in brief.
#[derive(Serialize, ToSchema)]
pub struct LinkedMember {
    pub member_id: Uuid,
    pub person_id: Uuid,
    pub person_name: String,
    pub org_id: Uuid,
    /// A member status (see `MemberOut.status`).
    pub status: String,
}

/// A household with its people and the members who look after it.
#[derive(Serialize, ToSchema)]
pub struct HouseholdDetail {
    pub household: HouseholdOut,
    pub grid: Option<GridOut>,
    pub people: Vec<PersonOut>,
    pub linked_members: Vec<LinkedMember>,
    pub can_change: bool,
}

#[utoipa::path(get, path = "/api/v1/households/{id}", tag = "people", params(("id" = Uuid, Path)),
    responses((status = 200, body = HouseholdDetail), (status = 404, body = ApiErrorBody)))]
pub(super) async fn get_household(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<HouseholdDetail>> {
    v.require()?;
    let view = households::household(&v.ctx, id).await?;
    Ok(Json(HouseholdDetail {
        household: view.household.into(),
        grid: view.grid.map(GridOut::from),
        people: view.people.into_iter().map(PersonOut::from).collect(),
        linked_members: view
            .linked_members
            .into_iter()
            .map(|m| LinkedMember {
                member_id: m.id,
                person_id: m.person_id,
                person_name: m.person_name,
                org_id: m.org_id,
                status: m.status,
            })
            .collect(),
        can_change: view.can_change,
    }))
}

#[utoipa::path(get, path = "/api/v1/areas/{id}/grids", tag = "people", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<GridOut>), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn list_grids(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<Vec<GridOut>>> {
    v.require()?;
    Ok(Json(households::grids(&v.ctx, id).await.map_err(super::area_in_path)?.into_iter().map(GridOut::from).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GridIn {
    /// A village (not a villager group).
    pub area_id: Uuid,
    pub name: String,
    #[serde(default)]
    pub leader_person_id: Option<Uuid>,
}

#[utoipa::path(post, path = "/api/v1/grids", tag = "people", request_body = GridIn,
    responses((status = 201, body = GridOut), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn create_grid(v: Viewer, ApiJson(b): ApiJson<GridIn>) -> WebResult<(StatusCode, Json<GridOut>)> {
    v.require()?;
    let g = households::create_grid(&v.ctx, b.area_id, &b.name, b.leader_person_id).await?;
    Ok((StatusCode::CREATED, Json(g.into())))
}

#[utoipa::path(get, path = "/api/v1/areas/{id}/bodies", tag = "people", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<BodyOut>), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn list_bodies(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<Vec<BodyOut>>> {
    v.require()?;
    Ok(Json(households::bodies(&v.ctx, id).await.map_err(super::area_in_path)?.into_iter().map(BodyOut::from).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BodyIn {
    pub area_id: Uuid,
    /// village_committee, representative_assembly, supervision_committee, collective_economy, cooperative, enterprise,
    /// social_organization
    pub kind: String,
    pub name: String,
    /// The party organization that leads the body.
    #[serde(default)]
    pub leading_org_id: Option<Uuid>,
}

#[utoipa::path(post, path = "/api/v1/bodies", tag = "people", request_body = BodyIn,
    responses((status = 201, body = BodyOut), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn create_body(v: Viewer, ApiJson(b): ApiJson<BodyIn>) -> WebResult<(StatusCode, Json<BodyOut>)> {
    v.require()?;
    let input =
        BodyInput { area_id: b.area_id, kind: required("kind", &b.kind, BodyKind::parse)?, name: b.name, leading_org_id: b.leading_org_id };
    let body = households::create_body(&v.ctx, input).await?;
    Ok((StatusCode::CREATED, Json(body.into())))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkIn {
    pub household_id: Uuid,
}

/// The member's linked households fall outside the usual range (5–10 by default).
#[derive(Serialize, ToSchema)]
pub struct LinkWarning {
    pub count: u64,
    pub min: u64,
    pub max: u64,
}

#[derive(Serialize, ToSchema)]
pub struct LinkOut {
    pub warning: Option<LinkWarning>,
}

/// Links a member to a household they look after (联户); linking twice changes nothing.
#[utoipa::path(post, path = "/api/v1/members/{id}/links", tag = "people", params(("id" = Uuid, Path)), request_body = LinkIn,
    responses((status = 200, body = LinkOut), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn link(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<LinkIn>) -> WebResult<Json<LinkOut>> {
    v.require()?;
    let warning = households::link(&v.ctx, id, b.household_id).await?.map(|(count, min, max)| LinkWarning { count, min, max });
    Ok(Json(LinkOut { warning }))
}

#[utoipa::path(delete, path = "/api/v1/members/{id}/links/{household_id}", tag = "people", params(("id" = Uuid, Path), ("household_id" = Uuid, Path)),
    responses((status = 204, description = "Unlinked."), (status = 404, body = ApiErrorBody)))]
pub(super) async fn unlink(v: Viewer, Path((id, household_id)): Path<(Uuid, Uuid)>) -> WebResult<StatusCode> {
    v.require()?;
    households::unlink(&v.ctx, id, household_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
