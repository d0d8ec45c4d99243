//! Points (积分制, RULES.md §8): each member's score for a month, quarter or year under the
//! county's table (`Settings::points`), counted from what was recorded — needs resolved and
//! rated, meetings attended and missed, household contacts, whole hours of
//! study, contacts with the member one helps in a pair — plus points entered by hand with
//! their evidence and approved by someone other than who entered them; the standings of an
//! organization with the actions the thresholds call for, and every point's evidence.

use std::{collections::HashMap, sync::Arc};

use chrono::{DateTime, Days, NaiveDate, Utc};
use lianxin_core::paging::{Shown, Window};
use lianxin_core::{
    meetings::Period,
    points::{self as rules, Score},
    tree::TreePath,
};
use lianxin_store::{orgs as orgs_store, points as store};
use serde_json::json;
use uuid::Uuid;

use crate::{
    AppError, Checks, Ctx, Result,
    care::found,
    input::{clean, paragraphs},
    journal::{Stale, record},
    meetings::authorized_org,
    policy::{Action, Decision, Target, decide},
};

pub use store::Entry;
pub type Member = lianxin_store::entity::member::Model;

/// The first and last day of a period, and the instants they span where it is shown.
fn bounds(ctx: &Ctx, period: Period) -> (NaiveDate, NaiveDate, DateTime<Utc>, DateTime<Utc>) {
    let (from, to) = (period.first_day(), period.last_day());
    let offset = chrono::Duration::minutes(i64::from(ctx.settings().display_utc_offset_minutes));
    let start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).expect("midnight").and_utc() - offset;
    (from, to, start(from), start(to + Days::new(1)))
}

/// A member's score with the numbers behind it.
#[derive(Clone, Debug)]
pub struct Standing {
    pub member: Member,
    pub score: Score,
    /// How many times each item of recorded service happened, whether the table counts it or not.
    pub times: Times,
}

/// How many times each item of recorded service happened in the period.
#[derive(Clone, Copy, Debug, Default)]
pub struct Times {
    pub resolved: u64,
    pub satisfied: u64,
    pub present: u64,
    pub absent: u64,
    pub contacts: u64,
    /// Study in tenths of an hour (whole hours count as points).
    pub study_tenths: u64,
    /// Contacts with the member one helps in a pair (结对帮扶).
    pub pair_contacts: u64,
    /// Visits made to members in difficulty, as one of the members who went.
    pub visits: u64,
}

/// Scores the given members for a period in a few grouped queries.
async fn scores(ctx: &Ctx, root: &TreePath, members: Vec<Member>, period: Period) -> Result<Vec<Standing>> {
    let c = ctx.db().conn();
    let (from, to, start, end) = bounds(ctx, period);
    let people: Vec<Uuid> = members.iter().map(|m| m.person_id).collect();
    let ids: Vec<Uuid> = members.iter().map(|m| m.id).collect();
    // Independent reads, run together on the pool's readers: a county's year is several passes
    // of a few hundred milliseconds each.
    let ((resolved, satisfied), (present, absent), contacts, hand, study, pairs, visits) = tokio::try_join!(
        async { Ok::<_, AppError>(store::appeals_of(c, &people, start, end).await?) },
        async { Ok(store::attendance_of(c, &people, from, to).await?) },
        async { Ok(store::contacts_of(c, &ids, from, to).await?) },
        async { Ok(store::approved_hand(c, &ids, from, to).await?) },
        crate::study::tenths_in(ctx, root, &members, from, to),
        async { Ok(lianxin_store::care::pair_contacts_by_helpers(c, &ids, from, to).await?) },
        async { Ok(lianxin_store::care::visits_made_by(c, &ids, from, to).await?) },
    )?;
    let table = &ctx.settings().points;
    let yearly = matches!(period, Period::Year { .. });
    let n = |m: &HashMap<Uuid, i64>, k: &Uuid| m.get(k).copied().unwrap_or(0).max(0) as u64;
    Ok(members
        .into_iter()
        .map(|m| {
            let times = [
                ("appeal_resolved", n(&resolved, &m.person_id)),
                ("appeal_satisfied", n(&satisfied, &m.person_id)),
                ("meeting_present", n(&present, &m.person_id)),
                ("meeting_absent", n(&absent, &m.person_id)),
                ("household_contact", n(&contacts, &m.id)),
                ("study_hour", study.get(&m.id).copied().unwrap_or(0) / 10),
                ("pair_contact", n(&pairs, &m.id)),
                ("care_visit", n(&visits, &m.id)),
            ];
            let hand = hand.get(&m.id).copied().unwrap_or(0).clamp(-100_000, 100_000) as i32;
            let score = rules::score(table, &times, hand, m.status == "probationary", yearly);
            let [resolved, satisfied, present, absent, contacts, _, pair_contacts, visits] = times.map(|(_, n)| n);
            let study_tenths = study.get(&m.id).copied().unwrap_or(0);
            let times = Times { resolved, satisfied, present, absent, contacts, study_tenths, pair_contacts, visits };
            Standing { member: m, score, times }
        })
        .collect())
}

/// An organization's standings for a period: every current member of it and below, highest
/// first, with whether the viewer may enter and approve points.
#[derive(Clone, Debug)]
pub struct Standings {
    pub org: orgs_store::Org,
    pub period: Period,
    pub rows: Vec<Standing>,
    pub may_record: bool,
    pub pending: u64,
}

pub async fn standings(ctx: &Ctx, org_id: Uuid, period: Period) -> Result<Arc<Standings>> {
    let (org, p) = authorized_org(ctx, org_id, Action::ReadPoints).await?;
    let may_record = decide(&ctx.actor, Action::RecordPoints, Target::Org(&p)) == Decision::Allow;
    let key = (org.id, period, ctx.app.today(), may_record);
    ctx.figures(key, || compute(ctx, org, p, period, may_record)).await
}

/// [`standings`] computed afresh, never kept (what the benchmark times).
pub async fn standings_fresh(ctx: &Ctx, org_id: Uuid, period: Period) -> Result<Standings> {
    let (org, p) = authorized_org(ctx, org_id, Action::ReadPoints).await?;
    compute(ctx, org, p, period, false).await
}

async fn compute(ctx: &Ctx, org: orgs_store::Org, p: TreePath, period: Period, may_record: bool) -> Result<Standings> {
    let members = lianxin_store::dues::paying_members_in(ctx.db().conn(), &p).await?;
    let mut rows = scores(ctx, &p, members, period).await?;
    rows.sort_by(|a, b| b.score.total.cmp(&a.score.total).then_with(|| a.member.person_name.cmp(&b.member.person_name)));
    let (from, to, ..) = bounds(ctx, period);
    let pending = store::count_entries_in(ctx.db().conn(), &p, from, to, "pending").await?;
    Ok(Standings { org, period, rows, may_record, pending })
}

/// The evidence behind one member's points in a period.
pub struct Evidence {
    pub standing: Standing,
    /// Needs resolved: (id, code, when, rating).
    pub appeals: Vec<(Uuid, String, DateTime<Utc>, Option<String>)>,
    /// Meetings marked: (id, title, held on, attendance).
    pub meetings: Vec<(Uuid, String, NaiveDate, String)>,
    /// Household contacts: how many.
    pub contacts: u64,
    pub entries: Vec<Entry>,
}

/// A member's points for a period with every piece of evidence; the member reads their own.
pub async fn member(ctx: &Ctx, member_id: Uuid, period: Period) -> Result<Evidence> {
    let c = ctx.db().conn();
    let m = lianxin_store::people::member(c, member_id).await?;
    let (m, p) = found(ctx, m, |m| &m.org_path, Action::ReadOrg, "member", member_id).await?;
    ctx.authorize(Action::ReadPoints, Target::Own { person: m.person_id, org: &p }, "member", Some(&member_id.to_string())).await?;
    let (from, to, start, end) = bounds(ctx, period);
    let appeals = store::appeals_resolved_by(c, m.person_id, start, end).await?;
    let meetings = store::meetings_marked(c, m.person_id, from, to).await?;
    let entries = store::entries_of(c, m.id, from, to).await?;
    let standing = scores(ctx, &p, vec![m], period).await?.remove(0);
    let contacts = standing.score.lines.iter().find(|l| l.item == "household_contact").map_or(0, |l| l.times);
    Ok(Evidence { standing, appeals, meetings, contacts, entries })
}

/// Points entered by hand, as a form gives them.
#[derive(Clone, Debug, Default)]
pub struct EntryInput {
    pub member_id: Option<Uuid>,
    pub happened_on: Option<NaiveDate>,
    pub item: String,
    /// Whole points, "+3" or "-2".
    pub points: String,
    pub evidence: String,
}

/// Enters points by hand: for a current member of the organization, on a day not in the future,
/// a whole number from −20 to 20 other than zero, with the evidence; it counts once approved.
pub async fn enter(ctx: &Ctx, org_id: Uuid, input: EntryInput) -> Result<Entry> {
    let (_, p) = authorized_org(ctx, org_id, Action::RecordPoints).await?;
    let mut checks = Checks::default();
    let member = match input.member_id {
        Some(id) => checks.take(crate::care::member_within(ctx, id, &p, "member").await),
        None => {
            checks.check(true, "member", "error-required");
            None
        }
    };
    let item = checks.take(clean("item", &input.item, 100, true)).flatten();
    let evidence = checks.take(paragraphs("evidence", &input.evidence, 1000, true)).flatten();
    let points = input.points.trim().trim_start_matches('+').parse::<i32>().ok().filter(|n| *n != 0 && (-20..=20).contains(n));
    checks.check(points.is_none(), "points", "error-points-points");
    checks.check(input.happened_on.is_none(), "happened_on", "error-required");
    checks.check(input.happened_on.is_some_and(|d| d > ctx.app.today()), "happened_on", "error-care-future");
    checks.finish()?;
    let m = member.expect("checked");
    let Some(account) = ctx.actor.principal().map(|p| p.account_id) else { return Err(AppError::Forbidden) };
    let e = Entry {
        id: Uuid::now_v7(),
        member_id: m.id,
        person_name: m.person_name,
        org_path: m.org_path,
        happened_on: input.happened_on.expect("checked"),
        item: item.expect("checked"),
        points: points.expect("checked"),
        evidence: evidence.expect("checked"),
        status: "pending".into(),
        entered_by: ctx.actor_name(),
        entered_by_account: account,
        entered_at: ctx.now(),
        decided_by: None,
        decided_at: None,
        decision_note: String::new(),
    };
    let tx = ctx.db().write().await?;
    let e = store::insert_entry(&tx, e).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "points.enter",
        "points_entry",
        Some(&e.id.to_string()),
        "ok",
        json!({ "member_id": m.id, "points": e.points }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(e)
}

/// The entries of an organization waiting for a decision in a period, one page of them.
pub async fn pending(ctx: &Ctx, org_id: Uuid, period: Period, w: Window) -> Result<(orgs_store::Org, Shown<Entry>, bool)> {
    let (org, p) = authorized_org(ctx, org_id, Action::ReadPoints).await?;
    let (from, to, ..) = bounds(ctx, period);
    let list = Shown::of(store::entries_in(ctx.db().conn(), &p, from, to, "pending", w).await?, w);
    Ok((org, list, decide(&ctx.actor, Action::ApprovePoints, Target::Org(&p)) == Decision::Allow))
}

/// Approves or rejects an entry: once, by someone other than who entered it; a rejection says why.
pub async fn decide_entry(ctx: &Ctx, id: Uuid, approve: bool, note: &str) -> Result<Entry> {
    let e = store::entry(ctx.db().conn(), id).await?;
    let (mut e, _): (Entry, TreePath) = found(ctx, e, |e| &e.org_path, Action::ApprovePoints, "points_entry", id).await?;
    if e.status != "pending" {
        return Err(AppError::Conflict { field: "status", key: "error-points-decided" });
    }
    if ctx.actor.principal().map(|p| p.account_id) == Some(e.entered_by_account) {
        return Err(AppError::Refused { key: "error-points-own-entry" });
    }
    let note = paragraphs("decision_note", note, 500, !approve)?.unwrap_or_default();
    e.status = if approve { "approved" } else { "rejected" }.into();
    e.decided_by = Some(ctx.actor_name());
    e.decided_at = Some(ctx.now());
    e.decision_note = note;
    let tx = ctx.db().write().await?;
    let e = store::update_entry(&tx, e).await?;
    record(&tx, ctx, Stale::Nothing, "points.decide", "points_entry", Some(&e.id.to_string()), "ok", json!({ "status": e.status })).await?;
    ctx.commit(tx).await?;
    Ok(e)
}

/// The period a page asks for ("2026-Q2", "2026-05", "2026"), or this quarter.
pub fn period_of(ctx: &Ctx, raw: Option<&str>) -> Period {
    raw.and_then(Period::parse).unwrap_or_else(|| Period::containing(lianxin_core::meetings::Cadence::Quarterly, ctx.app.today()))
}
