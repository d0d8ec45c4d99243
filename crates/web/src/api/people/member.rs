//! Member records, the roster of an organization and its people summary.

use super::*;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_member))
        .routes(routes!(update_member))
        .routes(routes!(roster))
        .routes(routes!(people_summary))
}

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
pub(super) async fn create_member(
    v: Viewer,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<MemberIn>,
) -> WebResult<(StatusCode, Json<MemberOut>)> {
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
    pub(super) fn split(self) -> (MemberIn, String) {
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
pub(super) async fn update_member(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<MemberPatchIn>) -> WebResult<Json<MemberOut>> {
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

/// The marks a roster can be narrowed to.
pub(crate) const ROSTER_FLAGS: [&str; 3] = ["mobile", "in_difficulty", "elderly_frail"];

impl RosterQ {
    pub(super) fn filter(&self) -> Result<RosterFilter, AppError> {
        let statuses = match self.status.trim() {
            "" | "current" => vec![MemberStatus::Probationary.as_str().into(), MemberStatus::Full.as_str().into()],
            "all" => Vec::new(),
            s => vec![required("status", s, MemberStatus::parse)?.as_str().into()],
        };
        let flag = self.flag.trim();
        if !flag.is_empty() && !ROSTER_FLAGS.contains(&flag) {
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
pub(super) async fn roster(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<RosterQ>) -> WebResult<Json<RosterOut>> {
    v.require()?;
    let r = members::roster(&v.ctx, id, &q.filter()?, crate::api::page_size(q.limit, 100)?).await?;
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
pub(super) async fn people_summary(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<PeopleSummary>> {
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
