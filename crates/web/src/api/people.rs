//! `/api/v1` for people: persons (with audited reveals), member records and the roster,
//! transfers, posts and terms, households, grids, village bodies and member–household links.
//! Output structs are our own so that encrypted values and lookup hashes can never be serialized.

use axum::{
    Json,
    extract::{Path, Query},
    http::{StatusCode, header},
};
use chrono::{DateTime, NaiveDate, Utc};
use lianxin_app::{
    AppError,
    people::{
        households::{self, BodyInput, HouseholdInput},
        members::{self, MemberInput},
        persons::{self, PersonInput, Sensitive},
        positions::{self, PositionInput, PostIn},
        transfers,
    },
};
use lianxin_core::people::{
    BodyKind, Education, Finding, Gender, MemberStatus, Occupation, PostKind, Severity, TermState, parse_id_number, parse_phone,
};
use lianxin_store::people::{Grid, Household, Member, MemberHistory, Person, Position, RosterFilter, Transfer, VillageBody};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{ApiErrorBody, ApiJson};
use crate::{AppState, Viewer, error::WebResult};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search, create_person))
        .routes(routes!(search_exact))
        .routes(routes!(get_person, update_person))
        .routes(routes!(reveal))
        .routes(routes!(create_member))
        .routes(routes!(update_member))
        .routes(routes!(roster))
        .routes(routes!(people_summary))
        .routes(routes!(request_transfer))
        .routes(routes!(confirm_transfer))
        .routes(routes!(reject_transfer))
        .routes(routes!(cancel_transfer))
        .routes(routes!(issue_letter))
        .routes(routes!(pending_transfers))
        .routes(routes!(appoint))
        .routes(routes!(end_position))
        .routes(routes!(terms))
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

// ---- parsing at the edge ----

/// Optional enum text: absent or empty is none; anything else must be one of the listed values.
fn choice<T>(field: &'static str, s: Option<&str>, parse: impl Fn(&str) -> Option<T>) -> Result<Option<T>, AppError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => parse(s).map(Some).ok_or(AppError::invalid(field, "error-choose")),
    }
}

/// Required enum text.
fn required<T>(field: &'static str, s: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, AppError> {
    choice(field, Some(s), parse)?.ok_or(AppError::invalid(field, "error-choose"))
}

/// Query parameters sent empty (`?grid=`) count as absent, as in the pages.
fn empty_none<'de, D: Deserializer<'de>, T: std::str::FromStr>(d: D) -> Result<Option<T>, D::Error>
where
    T::Err: std::fmt::Display,
{
    match Option::<String>::deserialize(d)?.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => s.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

fn page_size(limit: Option<u64>, default: u64) -> u64 {
    limit.unwrap_or(default).clamp(1, 500)
}

// ---- output shapes ----

/// A person, with the ID number and phone masked.
#[derive(Serialize, ToSchema)]
pub struct PersonOut {
    pub id: Uuid,
    pub name: String,
    /// male, female
    pub gender: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub ethnicity: Option<String>,
    /// primary, junior, senior, vocational, college, bachelor, postgraduate, none
    pub education: Option<String>,
    /// farmer, migrant_worker, worker, business, cadre, teacher, medical, student, retired, other
    pub occupation: Option<String>,
    /// The ID number with all but its first four and last four characters starred.
    pub id_number_mask: Option<String>,
    /// The phone with its middle starred.
    pub phone_mask: Option<String>,
    pub household_id: Option<Uuid>,
    /// The village or villager group the person lives in.
    pub area_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Person> for PersonOut {
    fn from(p: Person) -> Self {
        Self {
            id: p.id,
            name: p.name,
            gender: p.gender,
            birth_date: p.birth_date,
            ethnicity: p.ethnicity,
            education: p.education,
            occupation: p.occupation,
            id_number_mask: p.id_number_mask,
            phone_mask: p.phone_mask,
            household_id: p.household_id,
            area_id: p.area_id,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// A member record (党员档案).
#[derive(Serialize, ToSchema)]
pub struct MemberOut {
    pub id: Uuid,
    pub person_id: Uuid,
    pub person_name: String,
    pub org_id: Uuid,
    /// applicant, activist, development_target, probationary, full, suspended, out_of_contact, removed, deceased
    pub status: String,
    pub status_since: NaiveDate,
    pub applied_on: Option<NaiveDate>,
    pub activist_on: Option<NaiveDate>,
    pub target_on: Option<NaiveDate>,
    pub admitted_on: Option<NaiveDate>,
    pub full_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub mobile: bool,
    pub mobile_since: Option<NaiveDate>,
    pub mobile_place: Option<String>,
    pub in_difficulty: bool,
    pub elderly_frail: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Member> for MemberOut {
    fn from(m: Member) -> Self {
        Self {
            id: m.id,
            person_id: m.person_id,
            person_name: m.person_name,
            org_id: m.org_id,
            status: m.status,
            status_since: m.status_since,
            applied_on: m.applied_on,
            activist_on: m.activist_on,
            target_on: m.target_on,
            admitted_on: m.admitted_on,
            full_on: m.full_on,
            ended_on: m.ended_on,
            mobile: m.mobile,
            mobile_since: m.mobile_since,
            mobile_place: m.mobile_place,
            in_difficulty: m.in_difficulty,
            elderly_frail: m.elderly_frail,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

/// One entry of a member record's status history.
#[derive(Serialize, ToSchema)]
pub struct HistoryOut {
    /// A member status (see `MemberOut.status`).
    pub status: String,
    pub org_id: Uuid,
    pub since: NaiveDate,
    pub note: String,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

impl From<MemberHistory> for HistoryOut {
    fn from(h: MemberHistory) -> Self {
        Self { status: h.status, org_id: h.org_id, since: h.since, note: h.note, recorded_at: h.recorded_at, recorded_by: h.recorded_by }
    }
}

/// A post held for a term, in an organization, a village body or a grid.
#[derive(Serialize, ToSchema)]
pub struct PositionOut {
    pub id: Uuid,
    pub person_id: Uuid,
    /// secretary, deputy_secretary, committee_member, party_group_leader, vc_director, vc_deputy_director, vc_member,
    /// supervision_chair, supervision_member, collective_head, grid_leader, other
    pub post: String,
    pub org_id: Option<Uuid>,
    pub body_id: Option<Uuid>,
    pub grid_id: Option<Uuid>,
    pub started_on: NaiveDate,
    pub planned_end: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

impl From<Position> for PositionOut {
    fn from(p: Position) -> Self {
        Self {
            id: p.id,
            person_id: p.person_id,
            post: p.post,
            org_id: p.org_id,
            body_id: p.body_id,
            grid_id: p.grid_id,
            started_on: p.started_on,
            planned_end: p.planned_end,
            ended_on: p.ended_on,
            note: p.note,
            created_at: p.created_at,
        }
    }
}

/// A transfer of membership (组织关系转接) inside the system, or a letter for leaving it.
#[derive(Serialize, ToSchema)]
pub struct TransferOut {
    pub id: Uuid,
    pub member_id: Uuid,
    pub from_org_id: Uuid,
    /// The receiving organization; absent for a letter.
    pub to_org_id: Option<Uuid>,
    /// Where a letter sends the member.
    pub destination: Option<String>,
    /// requested, confirmed, rejected, cancelled, letter_issued
    pub status: String,
    pub reason: String,
    pub letter_no: Option<String>,
    pub letter_valid_until: Option<NaiveDate>,
    pub requested_at: DateTime<Utc>,
    pub requested_by: String,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
    pub note: String,
}

impl From<Transfer> for TransferOut {
    fn from(t: Transfer) -> Self {
        Self {
            id: t.id,
            member_id: t.member_id,
            from_org_id: t.from_org_id,
            to_org_id: t.to_org_id,
            destination: t.destination,
            status: t.status,
            reason: t.reason,
            letter_no: t.letter_no,
            letter_valid_until: t.letter_valid_until,
            requested_at: t.requested_at,
            requested_by: t.requested_by,
            decided_at: t.decided_at,
            decided_by: t.decided_by,
            note: t.note,
        }
    }
}

/// A household (户).
#[derive(Serialize, ToSchema)]
pub struct HouseholdOut {
    pub id: Uuid,
    pub area_id: Uuid,
    pub grid_id: Option<Uuid>,
    pub head_person_id: Option<Uuid>,
    pub household_no: Option<String>,
    pub address: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Household> for HouseholdOut {
    fn from(h: Household) -> Self {
        Self {
            id: h.id,
            area_id: h.area_id,
            grid_id: h.grid_id,
            head_person_id: h.head_person_id,
            household_no: h.household_no,
            address: h.address,
            created_at: h.created_at,
            updated_at: h.updated_at,
        }
    }
}

/// A grid (网格) of a village.
#[derive(Serialize, ToSchema)]
pub struct GridOut {
    pub id: Uuid,
    pub area_id: Uuid,
    pub name: String,
    pub leader_person_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Grid> for GridOut {
    fn from(g: Grid) -> Self {
        Self {
            id: g.id,
            area_id: g.area_id,
            name: g.name,
            leader_person_id: g.leader_person_id,
            created_at: g.created_at,
            updated_at: g.updated_at,
        }
    }
}

/// A village body led by a party organization.
#[derive(Serialize, ToSchema)]
pub struct BodyOut {
    pub id: Uuid,
    pub area_id: Uuid,
    /// village_committee, representative_assembly, supervision_committee, collective_economy, cooperative, enterprise,
    /// social_organization
    pub kind: String,
    pub name: String,
    pub leading_org_id: Option<Uuid>,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<VillageBody> for BodyOut {
    fn from(b: VillageBody) -> Self {
        Self {
            id: b.id,
            area_id: b.area_id,
            kind: b.kind,
            name: b.name,
            leading_org_id: b.leading_org_id,
            status: b.status,
            created_at: b.created_at,
            updated_at: b.updated_at,
        }
    }
}

// ---- persons ----

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
async fn search(v: Viewer, Query(q): Query<SearchQ>) -> WebResult<Json<PersonPage>> {
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
async fn search_exact(v: Viewer, ApiJson(b): ApiJson<ExactSearchIn>) -> WebResult<Json<PersonPage>> {
    v.require()?;
    search_rows(&v, SearchQ { q: b.q, ..Default::default() }).await
}

async fn search_rows(v: &Viewer, q: SearchQ) -> WebResult<Json<PersonPage>> {
    let limit = page_size(q.limit, 50);
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
async fn create_person(v: Viewer, ApiJson(b): ApiJson<PersonIn>) -> WebResult<(StatusCode, Json<PersonOut>)> {
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
async fn get_person(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<PersonDetail>> {
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
async fn update_person(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<PersonIn>) -> WebResult<Json<PersonOut>> {
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
async fn reveal(
    v: Viewer,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<RevealIn>,
) -> WebResult<([(header::HeaderName, &'static str); 1], Json<RevealOut>)> {
    v.require()?;
    let field = required("field", &b.field, Sensitive::parse)?;
    let value = persons::reveal(&v.ctx, id, field).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(RevealOut { value })))
}

// ---- member records ----

/// Key dates and flags of a member record.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberIn {
    /// The organization; on PATCH it must be the current one (moves go through transfers).
    pub org_id: Uuid,
    /// applicant, activist, development_target, probationary, full, suspended, out_of_contact, removed, deceased
    pub status: String,
    /// Defaults to today when the status is new.
    #[serde(default)]
    pub status_since: Option<NaiveDate>,
    #[serde(default)]
    pub applied_on: Option<NaiveDate>,
    #[serde(default)]
    pub activist_on: Option<NaiveDate>,
    #[serde(default)]
    pub target_on: Option<NaiveDate>,
    /// Required for a probationary member.
    #[serde(default)]
    pub admitted_on: Option<NaiveDate>,
    #[serde(default)]
    pub full_on: Option<NaiveDate>,
    /// Away from home (流动党员); needs `mobile_since`.
    #[serde(default)]
    pub mobile: bool,
    #[serde(default)]
    pub mobile_since: Option<NaiveDate>,
    #[serde(default)]
    pub mobile_place: String,
    /// Person id of the branch member who keeps in touch with a mobile member.
    #[serde(default)]
    pub mobile_contact_id: Option<Uuid>,
    #[serde(default)]
    pub in_difficulty: bool,
    #[serde(default)]
    pub elderly_frail: bool,
}

impl TryFrom<MemberIn> for MemberInput {
    type Error = AppError;

    fn try_from(b: MemberIn) -> Result<Self, AppError> {
        Ok(MemberInput {
            org_id: b.org_id,
            status: Some(required("status", &b.status, MemberStatus::parse)?),
            status_since: b.status_since,
            applied_on: b.applied_on,
            activist_on: b.activist_on,
            target_on: b.target_on,
            admitted_on: b.admitted_on,
            full_on: b.full_on,
            mobile: b.mobile,
            mobile_since: b.mobile_since,
            mobile_place: b.mobile_place,
            mobile_contact_id: b.mobile_contact_id,
            in_difficulty: b.in_difficulty,
            elderly_frail: b.elderly_frail,
        })
    }
}

#[utoipa::path(post, path = "/api/v1/people/{id}/member", tag = "people", params(("id" = Uuid, Path)), request_body = MemberIn,
    responses((status = 201, body = MemberOut), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody, description = "The person already has a member record (field `person_id`)."), (status = 422, body = ApiErrorBody)))]
async fn create_member(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<MemberIn>) -> WebResult<(StatusCode, Json<MemberOut>)> {
    v.require()?;
    let m = members::create(&v.ctx, id, b.try_into()?).await?;
    Ok((StatusCode::CREATED, Json(m.into())))
}

/// The fields of `MemberIn`, all replaced, and a note kept with a status change.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberPatchIn {
    /// Must be the current organization (moves go through transfers).
    pub org_id: Uuid,
    /// applicant, activist, development_target, probationary, full, suspended, out_of_contact, removed, deceased
    pub status: String,
    #[serde(default)]
    pub status_since: Option<NaiveDate>,
    #[serde(default)]
    pub applied_on: Option<NaiveDate>,
    #[serde(default)]
    pub activist_on: Option<NaiveDate>,
    #[serde(default)]
    pub target_on: Option<NaiveDate>,
    #[serde(default)]
    pub admitted_on: Option<NaiveDate>,
    #[serde(default)]
    pub full_on: Option<NaiveDate>,
    #[serde(default)]
    pub mobile: bool,
    #[serde(default)]
    pub mobile_since: Option<NaiveDate>,
    #[serde(default)]
    pub mobile_place: String,
    /// Person id of the branch member who keeps in touch with a mobile member.
    #[serde(default)]
    pub mobile_contact_id: Option<Uuid>,
    #[serde(default)]
    pub in_difficulty: bool,
    #[serde(default)]
    pub elderly_frail: bool,
    /// Why the status changed; kept in the history.
    #[serde(default)]
    pub note: String,
}

impl MemberPatchIn {
    fn split(self) -> (MemberIn, String) {
        let m = MemberIn {
            org_id: self.org_id,
            status: self.status,
            status_since: self.status_since,
            applied_on: self.applied_on,
            activist_on: self.activist_on,
            target_on: self.target_on,
            admitted_on: self.admitted_on,
            full_on: self.full_on,
            mobile: self.mobile,
            mobile_since: self.mobile_since,
            mobile_place: self.mobile_place,
            mobile_contact_id: self.mobile_contact_id,
            in_difficulty: self.in_difficulty,
            elderly_frail: self.elderly_frail,
        };
        (m, self.note)
    }
}

#[utoipa::path(patch, path = "/api/v1/members/{id}", tag = "people", params(("id" = Uuid, Path)), request_body = MemberPatchIn,
    responses((status = 200, body = MemberOut), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_member(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<MemberPatchIn>) -> WebResult<Json<MemberOut>> {
    v.require()?;
    let (m, note) = b.split();
    Ok(Json(members::update(&v.ctx, id, m.try_into()?, &note).await?.into()))
}

#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
pub struct RosterQ {
    /// current (probationary and full, the default), all, or one status: applicant, activist, development_target,
    /// probationary, full, suspended, out_of_contact, removed, deceased
    pub status: String,
    /// Only members flagged: mobile, in_difficulty, elderly_frail
    pub flag: String,
    /// Name prefix.
    pub q: String,
    /// Cursor: `next.after_path` of the previous page.
    #[serde(deserialize_with = "empty_none")]
    pub after_path: Option<String>,
    /// Cursor: `next.after_name` of the previous page.
    #[serde(deserialize_with = "empty_none")]
    pub after_name: Option<String>,
    /// Cursor: `next.after_id` of the previous page.
    #[serde(deserialize_with = "empty_none")]
    pub after_id: Option<Uuid>,
    /// Page size, 1–500 (default 100).
    #[serde(deserialize_with = "empty_none")]
    pub limit: Option<u64>,
}

impl RosterQ {
    fn filter(&self) -> Result<RosterFilter, AppError> {
        let statuses = match self.status.trim() {
            "" | "current" => vec![MemberStatus::Probationary.as_str().into(), MemberStatus::Full.as_str().into()],
            "all" => Vec::new(),
            s => vec![required("status", s, MemberStatus::parse)?.as_str().into()],
        };
        let flag = self.flag.trim();
        if !matches!(flag, "" | "mobile" | "in_difficulty" | "elderly_frail") {
            return Err(AppError::invalid("flag", "error-choose"));
        }
        let after = match (&self.after_path, &self.after_name, self.after_id) {
            (Some(p), Some(n), Some(i)) => Some((p.clone(), n.clone(), i)),
            _ => None,
        };
        Ok(RosterFilter {
            statuses,
            mobile: (flag == "mobile").then_some(true),
            in_difficulty: (flag == "in_difficulty").then_some(true),
            elderly_frail: (flag == "elderly_frail").then_some(true),
            name_prefix: Some(self.q.trim().to_owned()).filter(|s| !s.is_empty()),
            after,
        })
    }
}

/// A roster row: the member record and the name of its organization.
#[derive(Serialize, ToSchema)]
pub struct RosterItem {
    #[serde(flatten)]
    pub member: MemberOut,
    pub org_name: String,
}

#[derive(Serialize, ToSchema)]
pub struct RosterCursor {
    pub after_path: String,
    pub after_name: String,
    pub after_id: Uuid,
}

/// One page of the roster of an organization's subtree, by organization then name.
#[derive(Serialize, ToSchema)]
pub struct RosterOut {
    pub items: Vec<RosterItem>,
    /// Rows matching the filter in the whole subtree.
    pub total: u64,
    pub next: Option<RosterCursor>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{id}/members", tag = "people", params(("id" = Uuid, Path), RosterQ),
    responses((status = 200, body = RosterOut), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn roster(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<RosterQ>) -> WebResult<Json<RosterOut>> {
    v.require()?;
    let r = members::roster(&v.ctx, id, &q.filter()?, page_size(q.limit, 100)).await?;
    let items = r
        .members
        .into_iter()
        .map(|m| RosterItem { org_name: r.orgs.get(&m.org_id).cloned().unwrap_or_default(), member: m.into() })
        .collect();
    let next = r.next.map(|(after_path, after_name, after_id)| RosterCursor { after_path, after_name, after_id });
    Ok(Json(RosterOut { items, total: r.total, next }))
}

/// A current post in the organization and who holds it.
#[derive(Serialize, ToSchema)]
pub struct PostHolder {
    #[serde(flatten)]
    pub position: PositionOut,
    pub person_name: String,
    #[serde(flatten)]
    pub term: TermStateOut,
}

/// A finding of the establishment rules with the numbers that produced it.
#[derive(Serialize, ToSchema)]
pub struct FindingOut {
    /// `finding` (branch_too_small, committee_required, committee_size_out_of_range, secretary_only,
    /// consider_general_branch, consider_village_committee, may_use_delegates) and its numbers (`full`, `members`,
    /// `size`, `min`, `max`).
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub finding: Finding,
    /// The i18n key of the explanation.
    pub key: &'static str,
    /// info, warning, violation
    #[schema(value_type = String)]
    pub severity: Severity,
}

/// What an organization's page shows about its people.
#[derive(Serialize, ToSchema)]
pub struct PeopleSummary {
    /// Full members of this organization itself.
    pub full: u64,
    /// Probationary members of this organization itself.
    pub probationary: u64,
    /// Probationary and full members in the whole subtree.
    pub subtree_members: u64,
    pub posts: Vec<PostHolder>,
    pub findings: Vec<FindingOut>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{id}/people-summary", tag = "people", params(("id" = Uuid, Path)),
    responses((status = 200, body = PeopleSummary), (status = 404, body = ApiErrorBody)))]
async fn people_summary(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<PeopleSummary>> {
    v.require()?;
    let s = members::org_people(&v.ctx, id).await?;
    Ok(Json(PeopleSummary {
        full: s.full,
        probationary: s.probationary,
        subtree_members: s.subtree_members,
        posts: s
            .posts
            .into_iter()
            .map(|(p, person_name, state)| PostHolder { position: p.into(), person_name, term: state.into() })
            .collect(),
        findings: s.findings.into_iter().map(|f| FindingOut { key: f.key(), severity: f.severity(), finding: f }).collect(),
    }))
}

// ---- transfers ----

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferIn {
    pub to_org_id: Uuid,
    pub reason: String,
}

#[utoipa::path(post, path = "/api/v1/members/{id}/transfers", tag = "people", params(("id" = Uuid, Path)), request_body = TransferIn,
    responses((status = 201, body = TransferOut), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn request_transfer(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<TransferIn>) -> WebResult<(StatusCode, Json<TransferOut>)> {
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
async fn confirm_transfer(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<DecisionIn>) -> WebResult<Json<MemberOut>> {
    v.require()?;
    Ok(Json(transfers::confirm(&v.ctx, id, &b.note).await?.into()))
}

#[utoipa::path(post, path = "/api/v1/transfers/{id}/reject", tag = "people", params(("id" = Uuid, Path)), request_body = DecisionIn,
    responses((status = 204, description = "Rejected; the member stays."), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn reject_transfer(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<DecisionIn>) -> WebResult<StatusCode> {
    v.require()?;
    transfers::reject(&v.ctx, id, &b.note).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/transfers/{id}/cancel", tag = "people", params(("id" = Uuid, Path)),
    responses((status = 204, description = "Withdrawn by the sending side."), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn cancel_transfer(v: Viewer, Path(id): Path<Uuid>) -> WebResult<StatusCode> {
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
async fn issue_letter(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<LetterIn>) -> WebResult<(StatusCode, Json<TransferOut>)> {
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
async fn pending_transfers(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<Vec<PendingTransferOut>>> {
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

// ---- posts and terms ----

/// A post to appoint the person to; exactly one of `org_id`, `body_id`, `grid_id` says where.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PositionIn {
    /// secretary, deputy_secretary, committee_member, party_group_leader (in an organization); vc_director,
    /// vc_deputy_director, vc_member, supervision_chair, supervision_member, collective_head (in a village body);
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
    fn parse(self, person_id: Uuid) -> Result<PositionInput, AppError> {
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
async fn appoint(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<PositionIn>) -> WebResult<(StatusCode, Json<PositionOut>)> {
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
async fn end_position(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<EndIn>) -> WebResult<StatusCode> {
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
async fn terms(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<Vec<TermOut>>> {
    v.require()?;
    let rows = positions::terms_ending(&v.ctx, id, 500).await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| TermOut { position: r.position.into(), person_name: r.person_name, org_name: r.org_name, term: r.state.into() })
            .collect(),
    ))
}

// ---- households, grids, bodies, links ----

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
async fn list_households(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<HouseholdsQ>) -> WebResult<Json<HouseholdPage>> {
    v.require()?;
    let limit = page_size(q.limit, 100);
    let rows = households::households(&v.ctx, id, q.grid, q.after, limit).await?;
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
async fn create_household(v: Viewer, ApiJson(b): ApiJson<HouseholdIn>) -> WebResult<(StatusCode, Json<HouseholdOut>)> {
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
async fn get_household(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<HouseholdDetail>> {
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
async fn list_grids(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<Vec<GridOut>>> {
    v.require()?;
    Ok(Json(households::grids(&v.ctx, id).await?.into_iter().map(GridOut::from).collect()))
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
async fn create_grid(v: Viewer, ApiJson(b): ApiJson<GridIn>) -> WebResult<(StatusCode, Json<GridOut>)> {
    v.require()?;
    let g = households::create_grid(&v.ctx, b.area_id, &b.name, b.leader_person_id).await?;
    Ok((StatusCode::CREATED, Json(g.into())))
}

#[utoipa::path(get, path = "/api/v1/areas/{id}/bodies", tag = "people", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<BodyOut>), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn list_bodies(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<Vec<BodyOut>>> {
    v.require()?;
    Ok(Json(households::bodies(&v.ctx, id).await?.into_iter().map(BodyOut::from).collect()))
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
async fn create_body(v: Viewer, ApiJson(b): ApiJson<BodyIn>) -> WebResult<(StatusCode, Json<BodyOut>)> {
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
async fn link(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<LinkIn>) -> WebResult<Json<LinkOut>> {
    v.require()?;
    let warning = households::link(&v.ctx, id, b.household_id).await?.map(|(count, min, max)| LinkWarning { count, min, max });
    Ok(Json(LinkOut { warning }))
}

#[utoipa::path(delete, path = "/api/v1/members/{id}/links/{household_id}", tag = "people", params(("id" = Uuid, Path), ("household_id" = Uuid, Path)),
    responses((status = 204, description = "Unlinked."), (status = 404, body = ApiErrorBody)))]
async fn unlink(v: Viewer, Path((id, household_id)): Path<(Uuid, Uuid)>) -> WebResult<StatusCode> {
    v.require()?;
    households::unlink(&v.ctx, id, household_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests;
