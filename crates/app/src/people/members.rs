//! Member records (党员档案): every member in exactly one organization (one record per person,
//! the organization required — enforced by the database), status with its history, the roster of
//! a subtree, and the establishment rules of an organization.

use chrono::NaiveDate;
use lianxin_core::{
    orgs::OrgKind,
    people::{Finding, MemberStatus, PostKind, establishment_findings},
};
use lianxin_store::{orgs as orgs_store, people as store};
use serde_json::json;
use uuid::Uuid;

use super::{authorized_member, authorized_org, authorized_person, clean};
use crate::journal::Stale;
use crate::{AppError, Ctx, Result, journal::record, policy::Action};

/// Key dates and flags of a member record.
#[derive(Clone, Debug, Default)]
pub struct MemberInput {
    pub org_id: Uuid,
    pub status: Option<MemberStatus>,
    pub status_since: Option<NaiveDate>,
    pub applied_on: Option<NaiveDate>,
    pub activist_on: Option<NaiveDate>,
    pub target_on: Option<NaiveDate>,
    pub admitted_on: Option<NaiveDate>,
    pub full_on: Option<NaiveDate>,
    pub mobile: bool,
    pub mobile_since: Option<NaiveDate>,
    pub mobile_place: String,
    /// The member of the branch who keeps in touch with a mobile member (RULES.md §7).
    pub mobile_contact_id: Option<Uuid>,
    pub in_difficulty: bool,
    pub elderly_frail: bool,
}

/// Checks dates against each other and today, and that the status has the dates it needs.
pub(crate) fn check_member(m: &MemberInput, today: NaiveDate) -> Result<MemberStatus> {
    let status = m.status.ok_or(AppError::invalid("status", "error-choose"))?;
    let dates = [
        ("applied_on", m.applied_on),
        ("activist_on", m.activist_on),
        ("target_on", m.target_on),
        ("admitted_on", m.admitted_on),
        ("full_on", m.full_on),
        ("status_since", m.status_since),
        ("mobile_since", m.mobile_since),
    ];
    for (field, d) in dates {
        if d.is_some_and(|d| d > today) {
            return Err(AppError::invalid(field, "error-date-future"));
        }
    }
    // The pipeline runs forward: application ≤ activist ≤ target ≤ admission ≤ full membership.
    let order = [
        ("applied_on", m.applied_on),
        ("activist_on", m.activist_on),
        ("target_on", m.target_on),
        ("admitted_on", m.admitted_on),
        ("full_on", m.full_on),
    ];
    let mut last: Option<NaiveDate> = None;
    for (field, d) in order {
        if let Some(d) = d {
            if last.is_some_and(|l| d < l) {
                return Err(AppError::invalid(field, "error-date-order"));
            }
            last = Some(d);
        }
    }
    if status == MemberStatus::Probationary && m.admitted_on.is_none() {
        return Err(AppError::invalid("admitted_on", "error-required"));
    }
    if status == MemberStatus::Full && m.full_on.is_none() && m.admitted_on.is_none() {
        return Err(AppError::invalid("full_on", "error-required"));
    }
    if m.mobile && m.mobile_since.is_none() {
        return Err(AppError::invalid("mobile_since", "error-required"));
    }
    clean("mobile_place", &m.mobile_place, 200, false)?;
    Ok(status)
}

/// The contact person of a mobile member must be a member of the same organization.
async fn check_contact(ctx: &Ctx, org: Uuid, m: &MemberInput) -> Result<Option<Uuid>> {
    let Some(contact) = m.mobile_contact_id.filter(|_| m.mobile) else { return Ok(None) };
    let member = store::member_by_person(ctx.db().conn(), contact).await?;
    if member.is_none_or(|c| c.org_id != org) {
        return Err(AppError::invalid("mobile_contact_id", "error-contact-not-member"));
    }
    Ok(Some(contact))
}

/// Records a person as a member of an organization. A person already on record anywhere gets a
/// clear error: transfers move members, nothing places one in two organizations.
pub async fn create(ctx: &Ctx, person_id: Uuid, input: MemberInput) -> Result<store::Member> {
    let (person, _) = authorized_person(ctx, person_id, Action::ChangePeople).await?;
    let (org, org_path) = authorized_org(ctx, input.org_id, Action::ChangePeople).await?;
    if org.status != "active" {
        return Err(AppError::invalid("org_id", "error-parent-inactive"));
    }
    let today = ctx.app.today();
    let status = check_member(&input, today)?;
    let now = ctx.now();
    let m = store::Member {
        id: Uuid::now_v7(),
        person_id,
        person_name: person.name.clone(),
        org_id: org.id,
        org_path: org_path.as_str().into(),
        status: status.as_str().into(),
        status_since: input.status_since.unwrap_or(today),
        applied_on: input.applied_on,
        activist_on: input.activist_on,
        target_on: input.target_on,
        admitted_on: input.admitted_on,
        full_on: input.full_on,
        ended_on: None,
        mobile: input.mobile,
        mobile_since: input.mobile_since,
        mobile_place: clean("mobile_place", &input.mobile_place, 200, false)?,
        mobile_contact_id: check_contact(ctx, org.id, &input).await?,
        in_difficulty: input.in_difficulty,
        elderly_frail: input.elderly_frail,
        party_probation_from: None,
        party_probation_until: None,
        created_at: now,
        updated_at: now,
    };
    let tx = ctx.db().write().await?;
    let m = store::insert_member(&tx, m).await.map_err(AppError::on_unique("uq_members_person_id", "person_id", "error-member-exists"))?;
    store::insert_history(&tx, history(ctx, &m, "")).await?;
    record(
        &tx,
        ctx,
        Stale::Access,
        "member.create",
        "member",
        Some(&m.id.to_string()),
        "ok",
        json!({ "person": person_id, "org": org.id, "status": m.status }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(m)
}

pub(crate) fn history(ctx: &Ctx, m: &store::Member, note: &str) -> store::MemberHistory {
    store::MemberHistory {
        id: Uuid::now_v7(),
        member_id: m.id,
        status: m.status.clone(),
        org_id: m.org_id,
        since: m.status_since,
        note: note.to_owned(),
        recorded_at: ctx.now(),
        recorded_by: ctx.actor.name(),
    }
}

/// Updates dates, flags and status; a status change is kept in the history with its note.
pub async fn update(ctx: &Ctx, id: Uuid, input: MemberInput, note: &str) -> Result<store::Member> {
    let (mut m, _) = authorized_member(ctx, id, Action::ChangePeople).await?;
    if input.org_id != m.org_id {
        return Err(AppError::invalid("org_id", "error-use-transfer"));
    }
    let today = ctx.app.today();
    let status = check_member(&input, today)?;
    let note = clean("note", note, 1000, false)?.unwrap_or_default();
    let status_changed = status.as_str() != m.status;
    m.status = status.as_str().into();
    if status_changed {
        m.status_since = input.status_since.unwrap_or(today);
        m.ended_on = status.is_end_state().then_some(m.status_since);
    }
    m.applied_on = input.applied_on;
    m.activist_on = input.activist_on;
    m.target_on = input.target_on;
    m.admitted_on = input.admitted_on;
    m.full_on = input.full_on;
    m.mobile = input.mobile;
    m.mobile_since = input.mobile_since;
    m.mobile_place = clean("mobile_place", &input.mobile_place, 200, false)?;
    m.mobile_contact_id = check_contact(ctx, m.org_id, &input).await?;
    m.in_difficulty = input.in_difficulty;
    m.elderly_frail = input.elderly_frail;
    m.updated_at = ctx.now();
    let tx = ctx.db().write().await?;
    let m = store::update_member(&tx, m).await?;
    if status_changed {
        store::insert_history(&tx, history(ctx, &m, &note)).await?;
    }
    record(
        &tx,
        ctx,
        Stale::Access,
        "member.update",
        "member",
        Some(&id.to_string()),
        "ok",
        json!({ "status": m.status, "status_changed": status_changed }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(m)
}

/// Records 留党察看 (party probation) on a full member's record, from `from` for `years` (one or
/// two, 党章 第四十条), or clears it (`from` absent: lifted or recorded in error) with the reason.
/// Under it a member may not introduce an applicant.
pub async fn set_party_probation(ctx: &Ctx, id: Uuid, from: Option<NaiveDate>, years: Option<u32>, note: &str) -> Result<store::Member> {
    let (mut m, _) = authorized_member(ctx, id, Action::ChangePeople).await?;
    let note = clean("note", note, 1000, from.is_none())?.unwrap_or_default();
    let today = ctx.app.today();
    match from {
        Some(from) => {
            if MemberStatus::parse(&m.status) != Some(MemberStatus::Full) {
                return Err(AppError::invalid("from", "error-party-probation-full-only"));
            }
            if from > today {
                return Err(AppError::invalid("from", "error-date-future"));
            }
            let until = years
                .and_then(|y| lianxin_core::people::party_probation_until(from, y))
                .ok_or(AppError::invalid("years", "error-party-probation-years"))?;
            m.party_probation_from = Some(from);
            m.party_probation_until = Some(until);
        }
        None => {
            m.party_probation_from = None;
            m.party_probation_until = None;
        }
    }
    m.updated_at = ctx.now();
    let tx = ctx.db().write().await?;
    let m = store::update_member(&tx, m).await?;
    let detail = json!({ "from": m.party_probation_from, "until": m.party_probation_until, "note": note });
    record(&tx, ctx, Stale::Nothing, "member.party_probation", "member", Some(&id.to_string()), "ok", detail).await?;
    ctx.commit(tx).await?;
    Ok(m)
}

/// A page of the roster of an organization's subtree.
#[derive(Clone, Debug)]
pub struct RosterPage {
    pub org: orgs_store::Org,
    pub members: Vec<store::Member>,
    /// Organization names of the rows, by id.
    pub orgs: std::collections::HashMap<Uuid, String>,
    pub total: u64,
    pub next: Option<(String, String, Uuid)>,
}

/// A member record, read through its person: whoever may read the person may read the record.
pub async fn member(ctx: &Ctx, id: Uuid) -> Result<store::Member> {
    let m = store::member(ctx.db().conn(), id).await?.ok_or(AppError::NotFound)?;
    authorized_person(ctx, m.person_id, Action::ReadPeople).await?;
    Ok(m)
}

pub async fn roster(ctx: &Ctx, org_id: Uuid, filter: &store::RosterFilter, limit: u64) -> Result<RosterPage> {
    let (org, root) = authorized_org(ctx, org_id, Action::ReadPeople).await?;
    let c = ctx.db().conn();
    let limit = limit.clamp(1, 500);
    let members = store::roster(c, &root, filter, limit).await?;
    let total = store::count_roster(c, &root, &store::RosterFilter { after: None, ..filter.clone() }).await?;
    let mut ids: Vec<Uuid> = members.iter().map(|m| m.org_id).collect();
    ids.sort();
    ids.dedup();
    let orgs = orgs_store::orgs_by_ids(c, &ids).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let next = (members.len() as u64 == limit).then(|| members.last().map(|m| (m.org_path.clone(), m.person_name.clone(), m.id))).flatten();
    Ok(RosterPage { org, members, orgs, total, next })
}

/// How many members (probationary and full) are in a subtree.
pub async fn count(ctx: &Ctx, org_id: Uuid) -> Result<u64> {
    let (_, root) = authorized_org(ctx, org_id, Action::ReadPeople).await?;
    let f = store::RosterFilter { statuses: vec!["probationary".into(), "full".into()], ..Default::default() };
    Ok(store::count_roster(ctx.db().conn(), &root, &f).await?)
}

/// What an organization's page shows about its people: counts, its committee (current posts),
/// and the establishment findings with their numbers.
#[derive(Clone, Debug)]
pub struct OrgPeople {
    pub full: u64,
    pub probationary: u64,
    pub subtree_members: u64,
    /// Current posts with the holder's name and where the term stands.
    pub posts: Vec<(store::Position, String, lianxin_core::people::TermState)>,
    pub findings: Vec<Finding>,
}

pub async fn org_people(ctx: &Ctx, org_id: Uuid) -> Result<OrgPeople> {
    let (org, _) = authorized_org(ctx, org_id, Action::ReadPeople).await?;
    let c = ctx.db().conn();
    let full = store::count_members_of(c, org_id, &["full"]).await?;
    let probationary = store::count_members_of(c, org_id, &["probationary"]).await?;
    let subtree_members = count(ctx, org_id).await?;
    let positions = store::positions_in(c, Some(org_id), None, ctx.app.today(), false).await?;
    let ids: Vec<Uuid> = positions.iter().map(|p| p.person_id).collect();
    let names: std::collections::HashMap<Uuid, String> =
        store::persons_by_ids(c, &ids).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let committee = positions
        .iter()
        .filter(|p| matches!(PostKind::parse(&p.post), Some(PostKind::Secretary | PostKind::DeputySecretary | PostKind::CommitteeMember)))
        .count() as u64;
    let kind = OrgKind::parse(&org.kind).unwrap_or(OrgKind::Branch);
    let findings = establishment_findings(kind, full, full + probationary, (committee > 0).then_some(committee));
    let today = ctx.app.today();
    let months = ctx.settings().people.term_warning_months;
    let posts = positions
        .into_iter()
        .map(|p| {
            let n = names.get(&p.person_id).cloned().unwrap_or_default();
            let state = lianxin_core::people::term_state(p.planned_end, today, months);
            (p, n, state)
        })
        .collect();
    Ok(OrgPeople { full, probationary, subtree_members, posts, findings })
}
