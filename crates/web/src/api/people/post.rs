//! Posts (positions) and the terms of an organization.

use super::*;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(appoint)).routes(routes!(end_position)).routes(routes!(terms))
}

/// A post to appoint the person to; exactly one of `org_id`, `body_id`, `grid_id` says where.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PositionIn {
    /// secretary, deputy_secretary, committee_member, party_group_leader (in an organization); vc_director,
    /// vc_deputy_director, vc_member, supervision_chair, supervision_member, collective_head, villager_representative (in a village body);
    /// grid_leader (in a grid); other (anywhere)
    pub post: String,
    #[serde(default)]
    pub org_id: Option<Uuid>,
    #[serde(default)]
    pub body_id: Option<Uuid>,
    #[serde(default)]
    pub grid_id: Option<Uuid>,
    pub started_on: NaiveDate,
    /// Defaults to the post's usual term (5 years; 3 for grid and other posts).
    #[serde(default)]
    pub planned_end: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
}

impl PositionIn {
    pub(super) fn parse(self, person_id: Uuid) -> Result<PositionInput, AppError> {
        let place = match (self.org_id, self.body_id, self.grid_id) {
            (Some(o), None, None) => PostIn::Org(o),
            (None, Some(b), None) => PostIn::Body(b),
            (None, None, Some(g)) => PostIn::Grid(g),
            _ => return Err(AppError::invalid("org_id", "error-choose")),
        };
        Ok(PositionInput {
            person_id,
            post: required("post", &self.post, PostKind::parse)?,
            place,
            started_on: self.started_on,
            planned_end: self.planned_end,
            note: self.note,
        })
    }
}

#[utoipa::path(post, path = "/api/v1/people/{id}/positions", tag = "people", params(("id" = Uuid, Path)), request_body = PositionIn,
    responses((status = 201, body = PositionOut), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn appoint(
    v: Viewer,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<PositionIn>,
) -> WebResult<(StatusCode, Json<PositionOut>)> {
    v.require()?;
    let p = positions::appoint(&v.ctx, b.parse(id)?).await?;
    Ok((StatusCode::CREATED, Json(p.into())))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields, default)]
pub struct EndIn {
    /// Defaults to today.
    pub ended_on: Option<NaiveDate>,
}

/// Ends a post (kept in the history). Send `{}` to end it today.
#[utoipa::path(post, path = "/api/v1/positions/{id}/end", tag = "people", params(("id" = Uuid, Path)), request_body = EndIn,
    responses((status = 204, description = "Ended."), (status = 400, body = ApiErrorBody, description = "Already ended."), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn end_position(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<EndIn>) -> WebResult<StatusCode> {
    v.require()?;
    positions::end(&v.ctx, id, b.ended_on.unwrap_or_else(|| v.ctx.app.today())).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Where a term stands, so the level above can prepare the election in time.
#[derive(Serialize, ToSchema)]
pub struct TermStateOut {
    /// current, ending_soon, ended
    pub state: &'static str,
    /// For `ending_soon`: days until the planned end (0 on the day).
    pub days_left: Option<i64>,
    /// For `ended`: days since the planned end.
    pub days_over: Option<i64>,
}

impl From<TermState> for TermStateOut {
    fn from(s: TermState) -> Self {
        match s {
            TermState::Current => Self { state: "current", days_left: None, days_over: None },
            TermState::EndingSoon { days_left } => Self { state: "ending_soon", days_left: Some(days_left), days_over: None },
            TermState::Ended { days_over } => Self { state: "ended", days_left: None, days_over: Some(days_over) },
        }
    }
}

/// A term ending within the warning months, or already over.
#[derive(Serialize, ToSchema)]
pub struct TermOut {
    #[serde(flatten)]
    pub position: PositionOut,
    pub person_name: String,
    pub org_name: String,
    #[serde(flatten)]
    pub term: TermStateOut,
}

#[utoipa::path(get, path = "/api/v1/orgs/{id}/terms", tag = "people", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<TermOut>), (status = 404, body = ApiErrorBody)))]
pub(super) async fn terms(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<Vec<TermOut>>> {
    v.require()?;
    let rows = positions::terms_ending(&v.ctx, id, 500).await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| TermOut { position: r.position.into(), person_name: r.person_name, org_name: r.org_name, term: r.state.into() })
            .collect(),
    ))
}
