//! Persons: search by name, ID number or phone, create, read, update, and the audited reveal.

use super::*;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search, create_person))
        .routes(routes!(search_exact))
        .routes(routes!(get_person, update_person))
        .routes(routes!(reveal))
}

#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
pub struct SearchQ {
    /// A name prefix, or an exact ID number or phone.
    pub q: String,
    /// Cursor: `next.after_name` of the previous page.
    #[serde(deserialize_with = "empty_none")]
    pub after_name: Option<String>,
    /// Cursor: `next.after_id` of the previous page.
    #[serde(deserialize_with = "empty_none")]
    pub after_id: Option<Uuid>,
    /// Page size, 1–500 (default 50).
    #[serde(deserialize_with = "empty_none")]
    pub limit: Option<u64>,
}

/// Where the next page of a name search starts.
#[derive(Serialize, ToSchema)]
pub struct PersonCursor {
    pub after_name: String,
    pub after_id: Uuid,
}

/// One page of persons; `next` is absent on the last page and for exact ID number or phone matches.
#[derive(Serialize, ToSchema)]
pub struct PersonPage {
    pub items: Vec<PersonOut>,
    pub next: Option<PersonCursor>,
}

#[utoipa::path(get, path = "/api/v1/people", tag = "people", params(SearchQ),
    responses((status = 200, body = PersonPage), (status = 401, body = ApiErrorBody)))]
pub(super) async fn search(v: Viewer, Query(q): Query<SearchQ>) -> WebResult<Json<PersonPage>> {
    v.require()?;
    // An ID number or phone never travels in a URL (they end up in logs and histories).
    if crate::request::sensitive_in_url(&q.q, v.ctx.app.today()) {
        return Err(AppError::invalid("q", "error-sensitive-in-url").into());
    }
    search_rows(&v, q).await
}

/// An exact search by ID number or phone, sent in the body.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExactSearchIn {
    /// A complete ID number or phone.
    pub q: String,
}

#[utoipa::path(post, path = "/api/v1/people/search", tag = "people", request_body = ExactSearchIn,
    responses((status = 200, body = PersonPage), (status = 401, body = ApiErrorBody)))]
pub(super) async fn search_exact(v: Viewer, ApiJson(b): ApiJson<ExactSearchIn>) -> WebResult<Json<PersonPage>> {
    v.require()?;
    if b.q.trim().is_empty() {
        return Err(AppError::invalid("q", "error-required").into());
    }
    search_rows(&v, SearchQ { q: b.q, ..Default::default() }).await
}

pub(super) async fn search_rows(v: &Viewer, q: SearchQ) -> WebResult<Json<PersonPage>> {
    let limit = crate::api::page_size(q.limit, 50)?;
    let after = match (&q.after_name, q.after_id) {
        (Some(n), Some(id)) => Some((n.as_str(), id)),
        _ => None,
    };
    let rows = persons::search(&v.ctx, &q.q, after, limit).await?;
    // An exact match ignores the cursor, so offering one would send a client round in circles.
    let exact = parse_id_number(&q.q, v.ctx.app.today()).is_ok() || parse_phone(&q.q).is_ok();
    let next = (!exact && rows.len() as u64 == limit)
        .then(|| rows.last().map(|p| PersonCursor { after_name: p.name.clone(), after_id: p.id }))
        .flatten();
    Ok(Json(PersonPage { items: rows.into_iter().map(PersonOut::from).collect(), next }))
}

/// A person's fields. On PATCH every field is replaced, except that an empty `id_number` or
/// `phone` keeps the stored one.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonIn {
    pub name: String,
    /// male, female (taken from the ID number when one is given)
    #[serde(default)]
    pub gender: Option<String>,
    /// YYYY-MM-DD (taken from the ID number when one is given)
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    #[serde(default)]
    pub ethnicity: String,
    /// primary, junior, senior, vocational, college, bachelor, postgraduate, none
    #[serde(default)]
    pub education: Option<String>,
    /// farmer, migrant_worker, worker, business, cadre, teacher, medical, student, retired, other
    #[serde(default)]
    pub occupation: Option<String>,
    /// 18-character resident ID number; stored encrypted, shown masked.
    #[serde(default)]
    pub id_number: String,
    /// Mobile (11 digits) or landline with area code; stored encrypted, shown masked.
    #[serde(default)]
    pub phone: String,
    /// The village or villager group the person lives in.
    pub area_id: Uuid,
    /// A household of the same village.
    #[serde(default)]
    pub household_id: Option<Uuid>,
}

impl TryFrom<PersonIn> for PersonInput {
    type Error = AppError;

    fn try_from(b: PersonIn) -> Result<Self, AppError> {
        Ok(PersonInput {
            gender: choice("gender", b.gender.as_deref(), Gender::parse)?,
            education: choice("education", b.education.as_deref(), Education::parse)?,
            occupation: choice("occupation", b.occupation.as_deref(), Occupation::parse)?,
            name: b.name,
            birth_date: b.birth_date,
            ethnicity: b.ethnicity,
            id_number: b.id_number,
            phone: b.phone,
            area_id: b.area_id,
            household_id: b.household_id,
        })
    }
}

#[utoipa::path(post, path = "/api/v1/people", tag = "people", request_body = PersonIn,
    responses((status = 201, body = PersonOut), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn create_person(v: Viewer, ApiJson(b): ApiJson<PersonIn>) -> WebResult<(StatusCode, Json<PersonOut>)> {
    v.require()?;
    let p = persons::create(&v.ctx, b.try_into()?).await?;
    Ok((StatusCode::CREATED, Json(p.into())))
}

/// A person with their member record, posts, linked households and transfers.
#[derive(Serialize, ToSchema)]
pub struct PersonDetail {
    pub person: PersonOut,
    pub household_id: Option<Uuid>,
    pub member: Option<MemberOut>,
    pub member_org_name: Option<String>,
    /// Status changes of the member record, newest first.
    pub member_history: Vec<HistoryOut>,
    /// Current and past posts, newest first.
    pub positions: Vec<PositionOut>,
    /// Holds both the branch secretary and the village committee director post (一肩挑).
    pub cross_holding: bool,
    /// Households the member looks after (联户).
    pub linked_household_ids: Vec<Uuid>,
    pub transfers: Vec<TransferOut>,
    /// The caller may change this person.
    pub can_change: bool,
    /// The caller may reveal the ID number and phone.
    pub can_reveal: bool,
}

#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "people", params(("id" = Uuid, Path)),
    responses((status = 200, body = PersonDetail), (status = 404, body = ApiErrorBody)))]
pub(super) async fn get_person(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<PersonDetail>> {
    v.require()?;
    let view = persons::view(&v.ctx, id).await?;
    let cross_holding = positions::cross_holding(&view.positions, v.ctx.app.today());
    Ok(Json(PersonDetail {
        household_id: view.person.household_id,
        person: view.person.into(),
        member: view.member.map(MemberOut::from),
        member_org_name: view.member_org.map(|o| o.name),
        member_history: view.history.into_iter().map(HistoryOut::from).collect(),
        positions: view.positions.into_iter().map(PositionOut::from).collect(),
        cross_holding,
        linked_household_ids: view.linked_households.into_iter().map(|h| h.id).collect(),
        transfers: view.transfers.into_iter().map(TransferOut::from).collect(),
        can_change: view.can_change,
        can_reveal: view.can_reveal,
    }))
}

#[utoipa::path(patch, path = "/api/v1/people/{id}", tag = "people", params(("id" = Uuid, Path)), request_body = PersonIn,
    responses((status = 200, body = PersonOut), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn update_person(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<PersonIn>) -> WebResult<Json<PersonOut>> {
    v.require()?;
    Ok(Json(persons::update(&v.ctx, id, b.try_into()?, false).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevealIn {
    /// id_number, phone
    pub field: String,
}

/// A revealed value; the response is never cached.
#[derive(Serialize, ToSchema)]
pub struct RevealOut {
    pub value: String,
}

/// Shows the full ID number or phone and audits that; the field is in the body so that the value's
/// request never names it in a URL.
#[utoipa::path(post, path = "/api/v1/people/{id}/reveal", tag = "people", params(("id" = Uuid, Path)), request_body = RevealIn,
    responses((status = 200, body = RevealOut, headers(("Cache-Control" = String, description = "no-store"))), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(super) async fn reveal(
    v: Viewer,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<RevealIn>,
) -> WebResult<([(header::HeaderName, &'static str); 1], Json<RevealOut>)> {
    v.require()?;
    let field = required("field", &b.field, Sensitive::parse)?;
    let value = persons::reveal(&v.ctx, id, field).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(RevealOut { value })))
}
