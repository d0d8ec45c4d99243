//! Care and pairing (RULES.md §10, §8, seed §4): members in difficulty registered with the kind
//! of difficulty and what was done, visits planned and made with the year's must-visit list,
//! strong-helps-weak pairs with their contacts, and each member's contacts with the households
//! linked to them (联户) with the list of those not contacted for N days. Who must be visited
//! and who is overdue are reckoned by `lianxin_core::care`, the functions `/rules` explains.

use std::sync::Arc;

use std::collections::HashMap;

use chrono::NaiveDate;
use lianxin_core::{
    care::{self as rules, DIFFICULTY_KINDS, MustVisit, OCCASIONS},
    tree::TreePath,
};
use lianxin_store::{care as store, orgs as orgs_store};
use serde_json::json;
use uuid::Uuid;

use crate::{
    AppError, Checks, Ctx, Result,
    input::{clean, paragraphs, path},
    journal::{Stale, record},
    meetings::{authorized_org, compliance::year_range},
    policy::{Action, Decision, Target, decide},
};

mod households;
mod pairs;

pub use households::{ContactInput, HouseholdView, LinkLine, Mine, household, log_household_contact, mine, not_contacted};
pub use pairs::{PairInput, PairLine, create_pair, log_pair_contact, pair, pairs};
pub use store::{Difficulty, HouseholdContact, Pair, PairContact, Visit};
pub type Member = lianxin_store::entity::member::Model;

/// A current member (probationary or full) of the organization at `root` or below it.
pub(crate) async fn member_within(ctx: &Ctx, id: Uuid, root: &TreePath, field: &'static str) -> Result<Member> {
    match lianxin_store::people::member(ctx.db().conn(), id).await? {
        Some(m) if is_within(&m, root) => Ok(m),
        _ => Err(AppError::invalid(field, "error-care-member-unknown")),
    }
}

fn is_within(m: &Member, root: &TreePath) -> bool {
    lianxin_store::dues::PAYING.contains(&m.status.as_str()) && path(&m.org_path).is_ok_and(|p| p.is_within(root))
}

/// Authorizes `action` on a record that is `person`'s own work (their household links, the pair
/// they help in): they, and the branch for them, log contacts; reading it is theirs too, or the
/// organization's like any care record.
pub(crate) async fn authorize_own(ctx: &Ctx, action: Action, person: Uuid, p: &TreePath, kind: &str, id: &str) -> Result<()> {
    let own = Target::Own { person, org: p };
    let (action, target) = match action {
        Action::LogContact => (action, own),
        _ if decide(&ctx.actor, Action::LogContact, own) == Decision::Allow => (Action::LogContact, own),
        _ => (action, Target::Org(p)),
    };
    ctx.authorize(action, target, kind, Some(id)).await
}

/// The members who may be chosen on the organization's care forms.
pub async fn members(ctx: &Ctx, org_id: Uuid) -> Result<(orgs_store::Org, Vec<Member>)> {
    let (org, p) = authorized_org(ctx, org_id, Action::RecordCare).await?;
    Ok((org, lianxin_store::dues::paying_members_in(ctx.db().conn(), &p).await?))
}

/// A member on the year's must-visit list, with the visits of the year.
#[derive(Clone, Debug)]
pub struct MustLine {
    pub member: Member,
    pub check: MustVisit,
    /// Visits made this year.
    pub visited: Vec<Visit>,
    /// Visits planned this year and not yet made.
    pub planned: Vec<Visit>,
}

/// An organization's care in a year.
#[derive(Clone, Debug)]
pub struct Overview {
    pub org: orgs_store::Org,
    pub year: i32,
    pub must: Vec<MustLine>,
    pub difficulties: Vec<Difficulty>,
    pub visits: Vec<Visit>,
    pub may_record: bool,
}

/// The care of an organization and those below it in a year: who must be visited (and whether
/// they were), the difficulties that touched the year, and the year's visits.
/// Kept until any recorded change ([`Ctx::figures`]).
pub async fn overview(ctx: &Ctx, org_id: Uuid, year: i32) -> Result<Arc<Overview>> {
    let (org, p) = authorized_org(ctx, org_id, Action::ReadCare).await?;
    let may_record = decide(&ctx.actor, Action::RecordCare, Target::Org(&p)) == Decision::Allow;
    ctx.figures((org_id, year, ctx.app.today(), may_record), || overview_now(ctx, org, p, year, may_record)).await
}

async fn overview_now(ctx: &Ctx, org: orgs_store::Org, p: TreePath, year: i32, may_record: bool) -> Result<Overview> {
    let c = ctx.db().conn();
    let (from, to) = year_range(year);
    let members = lianxin_store::dues::paying_members_in(c, &p).await?;
    let difficulties = store::difficulties_in(c, &p, from, to).await?;
    let visits = store::visits_in(c, &p, from, to).await?;
    let persons: HashMap<Uuid, Option<NaiveDate>> =
        lianxin_store::people::persons_by_ids(c, &members.iter().map(|m| m.person_id).collect::<Vec<_>>())
            .await?
            .into_iter()
            .map(|p| (p.id, p.birth_date))
            .collect();
    let mut by_member: HashMap<Uuid, Vec<&Visit>> = HashMap::new();
    for v in &visits {
        by_member.entry(v.member_id).or_default().push(v);
    }
    let in_difficulty: std::collections::HashSet<Uuid> = difficulties.iter().map(|d| d.member_id).collect();
    let must = members
        .into_iter()
        .filter_map(|m| {
            let in_difficulty = in_difficulty.contains(&m.id);
            // Party years count from becoming a full member (党龄).
            let check = rules::must_visit(in_difficulty, persons.get(&m.person_id).copied().flatten(), m.full_on, year);
            check.must.then(|| {
                let (visited, planned) =
                    by_member.get(&m.id).into_iter().flatten().map(|v| (*v).clone()).partition(|v| v.visited_on.is_some());
                MustLine { member: m, check, visited, planned }
            })
        })
        .collect();
    Ok(Overview { org, year, must, difficulties, visits, may_record })
}

/// A difficulty as a form gives it.
#[derive(Clone, Debug, Default)]
pub struct DifficultyInput {
    pub member_id: Option<Uuid>,
    pub kind: String,
    pub note: String,
    pub registered_on: Option<NaiveDate>,
}

/// Registers a member's difficulty; the member record is marked in difficulty until every one
/// of theirs is closed.
pub async fn register_difficulty(ctx: &Ctx, org_id: Uuid, input: DifficultyInput) -> Result<Difficulty> {
    let (_, p) = authorized_org(ctx, org_id, Action::RecordCare).await?;
    let mut checks = Checks::default();
    let member = match input.member_id {
        Some(id) => checks.take(member_within(ctx, id, &p, "member").await),
        None => {
            checks.check(true, "member", "error-required");
            None
        }
    };
    checks.check(!DIFFICULTY_KINDS.contains(&input.kind.as_str()), "kind", "error-required");
    let note = checks.take(paragraphs("note", &input.note, 1000, true)).flatten();
    checks.check(input.registered_on.is_none(), "registered_on", "error-required");
    checks.check(input.registered_on.is_some_and(|d| d > ctx.app.today()), "registered_on", "error-care-future");
    checks.finish()?;
    let m = member.expect("checked");
    let d = Difficulty {
        id: Uuid::now_v7(),
        member_id: m.id,
        person_name: m.person_name.clone(),
        org_path: m.org_path.clone(),
        kind: input.kind,
        note: note.expect("checked"),
        registered_on: input.registered_on.expect("checked"),
        closed_on: None,
        closed_note: String::new(),
        recorded_by: ctx.actor_name(),
        recorded_at: ctx.now(),
    };
    let tx = ctx.db().write().await?;
    let d = store::insert_difficulty(&tx, d).await?;
    store::set_in_difficulty(&tx, m.id, ctx.now()).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "care.difficulty",
        "difficulty",
        Some(&d.id.to_string()),
        "ok",
        json!({ "member_id": m.id, "kind": d.kind }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(d)
}

/// A care record found by id, checked that the viewer may do `action` at its organization;
/// unknown and unreachable records look alike.
pub(crate) async fn found<T>(
    ctx: &Ctx,
    row: Option<T>,
    org_path: fn(&T) -> &str,
    action: Action,
    kind: &str,
    id: Uuid,
) -> Result<(T, TreePath)> {
    let Some(row) = row else {
        let nowhere = TreePath::root(id);
        ctx.authorize(action, Target::Org(&nowhere), kind, Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = path(org_path(&row))?;
    ctx.authorize(action, Target::Org(&p), kind, Some(&id.to_string())).await?;
    Ok((row, p))
}

/// A difficulty, checked that the viewer may read it.
async fn authorized_difficulty(ctx: &Ctx, id: Uuid, action: Action) -> Result<(Difficulty, TreePath)> {
    found(ctx, store::difficulty(ctx.db().conn(), id).await?, |d| &d.org_path, action, "difficulty", id).await
}

/// A difficulty with the member's visits (what was done), and whether the viewer may close it.
pub async fn difficulty(ctx: &Ctx, id: Uuid) -> Result<(Difficulty, Vec<Visit>, bool)> {
    let (d, p) = authorized_difficulty(ctx, id, Action::ReadCare).await?;
    let visits = store::visits_of(ctx.db().conn(), d.member_id).await?;
    let may = d.closed_on.is_none() && decide(&ctx.actor, Action::RecordCare, Target::Org(&p)) == Decision::Allow;
    Ok((d, visits, may))
}

/// Closes a difficulty with what was done; a closed one stays closed.
pub async fn close_difficulty(ctx: &Ctx, id: Uuid, closed_on: Option<NaiveDate>, note: &str) -> Result<Difficulty> {
    let (mut d, _) = authorized_difficulty(ctx, id, Action::RecordCare).await?;
    if d.closed_on.is_some() {
        return Err(AppError::Conflict { field: "closed_on", key: "error-care-closed" });
    }
    let mut checks = Checks::default();
    let note = checks.take(paragraphs("closed_note", note, 1000, true)).flatten();
    checks.check(closed_on.is_none(), "closed_on", "error-required");
    checks.check(closed_on.is_some_and(|c| c < d.registered_on), "closed_on", "error-care-before-registered");
    checks.check(closed_on.is_some_and(|c| c > ctx.app.today()), "closed_on", "error-care-future");
    checks.finish()?;
    d.closed_on = closed_on;
    d.closed_note = note.expect("checked");
    let tx = ctx.db().write().await?;
    let d = store::update_difficulty(&tx, d).await?;
    store::set_in_difficulty(&tx, d.member_id, ctx.now()).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "care.difficulty_closed",
        "difficulty",
        Some(&d.id.to_string()),
        "ok",
        json!({ "closed_on": d.closed_on }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(d)
}

/// A visit as a form gives it: planned, or made at once when the day it was made is given.
#[derive(Clone, Debug, Default)]
pub struct VisitInput {
    pub member_id: Option<Uuid>,
    pub occasion: String,
    pub planned_on: Option<NaiveDate>,
    pub visited_on: Option<NaiveDate>,
    /// Who visited, as written (a township leader, say).
    pub visitors: String,
    /// The organization's own members who went: the visit counts for them.
    pub visitor_ids: Vec<Uuid>,
    pub note: String,
}

/// The members who went on a visit: each a current member of the organization's subtree, none
/// twice (a visit made names someone, as written or as a member).
async fn visiting_members(ctx: &Ctx, ids: &[Uuid], root: &TreePath, checks: &mut Checks) -> Result<Vec<Uuid>> {
    let found: HashMap<Uuid, Member> =
        lianxin_store::people::members_by_ids(ctx.db().conn(), ids).await?.into_iter().map(|m| (m.id, m)).collect();
    let mut out: Vec<Uuid> = Vec::new();
    for id in ids {
        if out.contains(id) {
            continue;
        }
        let within = found.get(id).is_some_and(|m| is_within(m, root));
        checks.check(!within, "visitor", "error-care-member-unknown");
        if within {
            out.push(*id);
        }
    }
    Ok(out)
}

/// Plans a visit to a member, or records one made.
pub async fn plan_visit(ctx: &Ctx, org_id: Uuid, input: VisitInput) -> Result<Visit> {
    let (_, p) = authorized_org(ctx, org_id, Action::RecordCare).await?;
    let mut checks = Checks::default();
    let member = match input.member_id {
        Some(id) => checks.take(member_within(ctx, id, &p, "member").await),
        None => {
            checks.check(true, "member", "error-required");
            None
        }
    };
    checks.check(!OCCASIONS.contains(&input.occasion.as_str()), "occasion", "error-required");
    let planned_on = input.planned_on.or(input.visited_on);
    checks.check(planned_on.is_none(), "planned_on", "error-required");
    checks.check(input.visited_on.is_some_and(|d| d > ctx.app.today()), "visited_on", "error-care-future");
    let members = visiting_members(ctx, &input.visitor_ids, &p, &mut checks).await?;
    let named = input.visited_on.is_some() && input.visitor_ids.is_empty();
    let visitors = checks.take(clean("visitors", &input.visitors, 100, named)).flatten().unwrap_or_default();
    let note = checks.take(paragraphs("note", &input.note, 1000, false)).flatten().unwrap_or_default();
    checks.finish()?;
    let m = member.expect("checked");
    let v = Visit {
        id: Uuid::now_v7(),
        member_id: m.id,
        person_name: m.person_name,
        org_path: m.org_path,
        occasion: input.occasion,
        planned_on: planned_on.expect("checked"),
        visited_on: input.visited_on,
        visitors,
        note,
        recorded_by: ctx.actor_name(),
        recorded_at: ctx.now(),
    };
    let tx = ctx.db().write().await?;
    let v = store::insert_visit(&tx, v).await?;
    store::set_visitors(&tx, v.id, &members, v.visited_on).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "care.visit",
        "visit",
        Some(&v.id.to_string()),
        "ok",
        json!({ "member_id": m.id, "made": v.visited_on.is_some(), "visitors": members }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(v)
}

async fn authorized_visit(ctx: &Ctx, id: Uuid, action: Action) -> Result<(Visit, TreePath)> {
    found(ctx, store::visit(ctx.db().conn(), id).await?, |v| &v.org_path, action, "visit", id).await
}

/// A visit as its page shows it.
pub struct VisitView {
    pub visit: Visit,
    /// The organization's members who went (or are to go), by name.
    pub members: Vec<Member>,
    /// Whether the viewer may record it as made.
    pub may_record: bool,
}

/// A visit, the members who went, and whether the viewer may record it as made.
pub async fn visit(ctx: &Ctx, id: Uuid) -> Result<VisitView> {
    let (v, p) = authorized_visit(ctx, id, Action::ReadCare).await?;
    let may_record = v.visited_on.is_none() && decide(&ctx.actor, Action::RecordCare, Target::Org(&p)) == Decision::Allow;
    let c = ctx.db().conn();
    let ids = store::visitors_of(c, &[v.id]).await?.remove(&v.id).unwrap_or_default();
    let mut members = lianxin_store::people::members_by_ids(c, &ids).await?;
    members.sort_by(|a, b| a.person_name.cmp(&b.person_name));
    Ok(VisitView { visit: v, members, may_record })
}

/// A planned visit made, as a form gives it.
#[derive(Clone, Debug, Default)]
pub struct MadeInput {
    pub visited_on: Option<NaiveDate>,
    /// Who visited, as written.
    pub visitors: String,
    /// The organization's own members who went.
    pub visitor_ids: Vec<Uuid>,
    pub note: String,
}

/// Records a planned visit as made: when, by whom (as written, or the members who went, or
/// both), and what was done or given.
pub async fn record_visit(ctx: &Ctx, id: Uuid, input: MadeInput) -> Result<Visit> {
    let (mut v, p) = authorized_visit(ctx, id, Action::RecordCare).await?;
    if v.visited_on.is_some() {
        return Err(AppError::Conflict { field: "visited_on", key: "error-care-visited" });
    }
    let (visited_on, note) = (input.visited_on, input.note.as_str());
    let mut checks = Checks::default();
    checks.check(visited_on.is_none(), "visited_on", "error-required");
    checks.check(visited_on.is_some_and(|d| d > ctx.app.today()), "visited_on", "error-care-future");
    let members = visiting_members(ctx, &input.visitor_ids, &p, &mut checks).await?;
    let visitors = checks.take(clean("visitors", &input.visitors, 100, input.visitor_ids.is_empty())).flatten();
    let note = checks.take(paragraphs("note", note, 1000, true)).flatten();
    checks.finish()?;
    v.visited_on = visited_on;
    v.visitors = visitors.unwrap_or_default();
    v.note = note.expect("checked");
    let tx = ctx.db().write().await?;
    let v = store::update_visit(&tx, v).await?;
    store::set_visitors(&tx, v.id, &members, v.visited_on).await?;
    record(&tx, ctx, Stale::Nothing, "care.visit_made", "visit", Some(&v.id.to_string()), "ok", json!({ "visited_on": v.visited_on }))
        .await?;
    ctx.commit(tx).await?;
    Ok(v)
}
