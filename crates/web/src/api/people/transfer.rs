//! Transfers of a member between organizations, and introduction letters.

use super::*;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(request_transfer))
        .routes(routes!(confirm_transfer))
        .routes(routes!(reject_transfer))
        .routes(routes!(cancel_transfer))
        .routes(routes!(issue_letter))
        .routes(routes!(pending_transfers))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferIn {
    pub to_org_id: Uuid,
    pub reason: String,
}

#[utoipa::path(post, path = "/api/v1/members/{id}/transfers", tag = "people", params(("id" = Uuid, Path)), request_body = TransferIn,
    responses((status = 201, body = TransferOut), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn request_transfer(
    v: Viewer,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<TransferIn>,
) -> WebResult<(StatusCode, Json<TransferOut>)> {
    v.require()?;
    let t = transfers::request(&v.ctx, id, b.to_org_id, &b.reason).await?;
    Ok((StatusCode::CREATED, Json(t.into())))
}

/// A decision on a pending transfer.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields, default)]
pub struct DecisionIn {
    /// Optional when confirming; the reason, required, when rejecting.
    pub note: String,
}

/// The receiving side confirms: the member moves in the same transaction. Send `{}` for no note.
#[utoipa::path(post, path = "/api/v1/transfers/{id}/confirm", tag = "people", params(("id" = Uuid, Path)), request_body = DecisionIn,
    responses((status = 200, body = MemberOut), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
pub(super) async fn confirm_transfer(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<DecisionIn>) -> WebResult<Json<MemberOut>> {
    v.require()?;
    Ok(Json(transfers::confirm(&v.ctx, id, &b.note).await?.into()))
}

#[utoipa::path(post, path = "/api/v1/transfers/{id}/reject", tag = "people", params(("id" = Uuid, Path)), request_body = DecisionIn,
    responses((status = 204, description = "Rejected; the member stays."), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn reject_transfer(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<DecisionIn>) -> WebResult<StatusCode> {
    v.require()?;
    transfers::reject(&v.ctx, id, &b.note).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/transfers/{id}/cancel", tag = "people", params(("id" = Uuid, Path)),
    responses((status = 204, description = "Withdrawn by the sending side."), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
pub(super) async fn cancel_transfer(v: Viewer, Path(id): Path<Uuid>) -> WebResult<StatusCode> {
    v.require()?;
    transfers::cancel(&v.ctx, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LetterIn {
    /// Where the member goes (another province, the army, …).
    pub destination: String,
    pub reason: String,
}

/// Issues a numbered letter of introduction (介绍信) for a member leaving the system.
#[utoipa::path(post, path = "/api/v1/members/{id}/letters", tag = "people", params(("id" = Uuid, Path)), request_body = LetterIn,
    responses((status = 201, body = TransferOut), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn issue_letter(
    v: Viewer,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<LetterIn>,
) -> WebResult<(StatusCode, Json<TransferOut>)> {
    v.require()?;
    let t = transfers::issue_letter(&v.ctx, id, &b.destination, &b.reason).await?;
    Ok((StatusCode::CREATED, Json(t.into())))
}

/// A transfer waiting for a decision, with the names to show.
#[derive(Serialize, ToSchema)]
pub struct PendingTransferOut {
    #[serde(flatten)]
    pub transfer: TransferOut,
    pub member_name: String,
    pub from_org_name: String,
    pub to_org_name: String,
}

#[utoipa::path(get, path = "/api/v1/orgs/{id}/transfers", tag = "people", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<PendingTransferOut>), (status = 404, body = ApiErrorBody)))]
pub(super) async fn pending_transfers(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<Vec<PendingTransferOut>>> {
    v.require()?;
    let rows = transfers::pending_for(&v.ctx, id, 500).await?;
    Ok(Json(
        rows.into_iter()
            .map(|(t, member_name, from_org_name, to_org_name)| PendingTransferOut {
                transfer: t.into(),
                member_name,
                from_org_name,
                to_org_name,
            })
            .collect(),
    ))
}
