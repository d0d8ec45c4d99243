//! Cadence compliance across the tree: for every organization of a subtree and every period of a
//! range, whether each required meeting was held, held late or is missing, with the rule it
//! answers to; rolled up by the organizations directly below the root and by month. Four reads
//! (organizations, committee sizes, member counts, held meetings), whatever the size of the subtree. The sweeper
//! reminds a branch before a period ends and tells the level above once it is missed.

use std::{
    collections::HashMap,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
};

use chrono::{NaiveDate, TimeDelta};
use lianxin_core::{
    meetings::{Check, Held, MeetingKind, Period, PeriodState, Requirement, TalkPair, Tally, check_period, periods_between, requirements},
    orgs::OrgKind,
    tree::TreePath,
};
use lianxin_store::{meetings as store, orgs as orgs_store};
use serde_json::json;
use uuid::Uuid;

use super::authorized_org;
use crate::{
    Ctx, Result,
    journal::{Stale, record},
    notify::{self, To},
    policy::Action,
};

/// A committee has at least three posts (支部条例 第二十条: 3 to 5 members).
const COMMITTEE_MIN_POSTS: i64 = 3;

/// One organization's checks.
#[derive(Clone, Debug)]
pub struct OrgChecks {
    pub org: orgs_store::Org,
    pub checks: Vec<Check>,
}

impl OrgChecks {
    pub fn tally(&self) -> Tally {
        Tally::of(&self.checks)
    }
}

/// A line of the roll-up: an organization directly below the root (a township, or a branch)
/// with the tally of its whole subtree.
#[derive(Clone, Debug)]
pub struct Line {
    pub org: orgs_store::Org,
    pub tally: Tally,
    /// Organizations below it (itself included) with a period behind (late or missing).
    pub behind_orgs: u64,
    pub orgs: u64,
}

/// How many organizations that must hold `kind` did, in the latest period of the range.
#[derive(Clone, Debug)]
pub struct KindLine {
    pub kind: MeetingKind,
    pub pair: Option<TalkPair>,
    pub period: Period,
    pub required: u64,
    pub not_held: u64,
}

#[derive(Clone, Debug)]
pub struct Compliance {
    pub root: orgs_store::Org,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub today: NaiveDate,
    pub orgs: Vec<OrgChecks>,
    pub lines: Vec<Line>,
    pub kinds: Vec<KindLine>,
    /// Per month of the range: periods ending that month that were held on time, and behind.
    pub months: Vec<(Period, Tally)>,
    pub total: Tally,
}

/// The range of a year (or the year up to today).
pub fn year_range(year: i32) -> (NaiveDate, NaiveDate) {
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    (from, to)
}

/// What the meetings capability keeps for the process: computed overviews, by root, range and
/// day. They go stale when anything access depends on changes (the trees, posts, people) and when
/// a meeting is held or cancelled anywhere ([`changed`]), and after [`crate::cache::TTL`].
#[derive(Default)]
pub(crate) struct Kept {
    overviews: crate::cache::Kept<(Uuid, NaiveDate, NaiveDate, NaiveDate), Arc<Compliance>>,
    generation: AtomicU64,
}

impl Kept {
    fn epoch(&self, ctx: &Ctx) -> u64 {
        ctx.app.caches.epoch().wrapping_add(self.generation.load(Ordering::SeqCst))
    }
}

/// A meeting was held or cancelled: every kept overview is stale. Called when the change is
/// recorded and again once it is committed (a read in between could have kept the old rows).
pub(crate) fn changed(ctx: &Ctx) {
    changed_in(&ctx.app);
}

/// [`changed`], for bulk writes that have no use-case context (generated data).
pub(crate) fn changed_in(app: &crate::App) {
    app.caches.room::<Kept>().generation.fetch_add(1, Ordering::SeqCst);
}

/// Checks every organization of the subtree at `root` for the periods overlapping `from..=to`;
/// kept for a few seconds, so a township's or county's overview is computed once for everyone
/// reading it, not once per reader.
pub async fn compliance(ctx: &Ctx, root: Uuid, from: NaiveDate, to: NaiveDate) -> Result<Arc<Compliance>> {
    let (root_org, root_path) = authorized_org(ctx, root, Action::ReadMeetings).await?;
    let today = ctx.app.today();
    let kept = ctx.app.caches.room::<Kept>();
    let key = (root, from, to, today);
    kept.overviews
        .get_or_load(
            key,
            || kept.epoch(ctx),
            ctx.now(),
            || async { Ok(Arc::new(compute(ctx, root_org, &root_path, from, to, today).await?)) },
        )
        .await
}

/// [`compliance`] computed afresh, never kept (what the benchmark times).
pub async fn compliance_fresh(ctx: &Ctx, root: Uuid, from: NaiveDate, to: NaiveDate) -> Result<Compliance> {
    let (root_org, root_path) = authorized_org(ctx, root, Action::ReadMeetings).await?;
    compute(ctx, root_org, &root_path, from, to, ctx.app.today()).await
}

async fn compute(
    ctx: &Ctx,
    root: orgs_store::Org,
    path: &TreePath,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Compliance> {
    let orgs = checks_in(ctx, path, from, to, today).await?;
    Ok(roll_up(root, path, orgs, from, to, today))
}

/// The checks of a subtree: four queries, then pure work.
pub(crate) async fn checks_in(ctx: &Ctx, root: &TreePath, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Vec<OrgChecks>> {
    let c = ctx.db().conn();
    let orgs = orgs_store::org_subtree(c, root, &orgs_store::OrgFilter::default(), 20_000).await?;
    let ids: Vec<Uuid> = orgs.iter().map(|o| o.id).collect();
    let committees: HashMap<Uuid, i64> = store::committee_sizes(c, &ids, today).await?.into_iter().collect();
    let members: HashMap<Uuid, i64> = store::member_counts(c, &ids).await?.into_iter().collect();
    // The first period of a requirement may begin before `from` (the year `from` falls in): read
    // the meetings counted for it too.
    let mut held: HashMap<Uuid, Vec<Held>> = HashMap::new();
    for r in store::held_in(c, root, from - TimeDelta::days(366), to).await? {
        let (Some(kind), Some(on)) = (MeetingKind::parse(&r.kind), r.held_on) else { continue };
        let pair = r.pair.as_deref().and_then(TalkPair::parse);
        held.entry(r.org_id).or_default().push(Held { kind, pair, counts_for: r.counts_for, held_on: on });
    }
    let settings = ctx.settings().meetings.cadence();
    let none = Vec::new();
    Ok(orgs
        .into_iter()
        .map(|org| {
            let kind = OrgKind::parse(&org.kind).unwrap_or(OrgKind::Branch);
            let has_committee = committees.get(&org.id).is_some_and(|n| *n >= COMMITTEE_MIN_POSTS);
            // Nothing is owed for periods before the organization was established.
            let start = org.established_on.map_or(from, |e| e.max(from));
            let mine = held.get(&org.id).unwrap_or(&none);
            // A party group without members of its own holds no meetings of its own.
            let reqs = if kind == OrgKind::PartyGroup && !members.contains_key(&org.id) {
                Vec::new()
            } else {
                requirements(kind, has_committee, settings)
            };
            let checks = reqs
                .iter()
                .flat_map(|req| {
                    periods_between(req.cadence, start, to.min(today.max(from)))
                        .into_iter()
                        .map(move |p| check_period(req, p, mine, today, settings))
                        .collect::<Vec<_>>()
                })
                .collect();
            OrgChecks { org, checks }
        })
        .collect())
}

fn roll_up(
    root: orgs_store::Org,
    root_path: &TreePath,
    orgs: Vec<OrgChecks>,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Compliance {
    let depth = root_path.depth();
    // Lines: the organizations one level below the root, each with its subtree; the root's own
    // checks form a line of their own when it has any.
    let mut lines: Vec<Line> = Vec::new();
    let mut index: HashMap<Uuid, usize> = HashMap::new();
    for o in &orgs {
        let Some(p) = TreePath::parse(&o.org.path) else { continue };
        if p.depth() == depth + 1 || (p.depth() == depth && !o.checks.is_empty()) {
            index.insert(o.org.id, lines.len());
            lines.push(Line { org: o.org.clone(), tally: Tally::default(), behind_orgs: 0, orgs: 0 });
        }
    }
    let mut months: HashMap<Period, Tally> = HashMap::new();
    let mut total = Tally::default();
    let mut kinds: HashMap<(MeetingKind, Option<TalkPair>), (Period, u64, u64)> = HashMap::new();
    for o in &orgs {
        let Some(p) = TreePath::parse(&o.org.path) else { continue };
        let line = if p.depth() == depth {
            index.get(&o.org.id)
        } else {
            p.as_str().trim_matches('/').split('/').nth(depth).and_then(|s| Uuid::parse_str(s).ok()).and_then(|id| index.get(&id))
        };
        let t = o.tally();
        total = total + t;
        if let Some(&i) = line {
            lines[i].tally = lines[i].tally + t;
            lines[i].orgs += u64::from(!o.checks.is_empty());
            lines[i].behind_orgs += u64::from(t.behind() > 0);
        }
        for c in &o.checks {
            let end = c.period.last_day().min(to);
            months
                .entry(Period::Month { year: chrono::Datelike::year(&end), month: chrono::Datelike::month(&end) })
                .or_default()
                .add(c.state);
            let key = (c.requirement.kind, c.requirement.pair);
            let e = kinds.entry(key).or_insert((c.period, 0, 0));
            if c.period > e.0 {
                *e = (c.period, 0, 0);
            }
            if c.period == e.0 {
                e.1 += 1;
                e.2 += u64::from(!matches!(c.state, PeriodState::Held));
            }
        }
    }
    let mut months: Vec<(Period, Tally)> = months.into_iter().collect();
    months.sort_by_key(|(p, _)| *p);
    let mut kinds: Vec<KindLine> =
        kinds.into_iter().map(|((kind, pair), (period, required, not_held))| KindLine { kind, pair, period, required, not_held }).collect();
    kinds.sort_by_key(|k| (k.kind, k.pair));
    let orgs = orgs.into_iter().filter(|o| !o.checks.is_empty()).collect();
    Compliance { root, from, to, today, orgs, lines, kinds, months, total }
}

/// What a sweep did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SweepReport {
    pub reminded: u64,
    pub reported: u64,
}

/// How far back a sweep looks for periods missed while it was not running.
const CATCH_UP_DAYS: i64 = 92;

fn requirement_code(r: &Requirement) -> String {
    match r.pair {
        Some(p) => format!("{}:{}", r.kind.as_str(), p.as_str()),
        None => r.kind.as_str().to_owned(),
    }
}

/// Reminds each organization of a required meeting it has not held as its period nears its end,
/// and tells the organization above once a period ended without it. Each notice is sent once
/// (recorded per organization, requirement, period and stage), so running again, or after
/// downtime, sends only what is still owed.
pub async fn sweep(ctx: &Ctx, now: chrono::DateTime<chrono::Utc>) -> Result<SweepReport> {
    let today = super::local(ctx, now);
    let c = ctx.db().conn();
    let mut report = SweepReport::default();
    for root in orgs_store::org_subtree_roots(c).await? {
        let Some(root_path) = TreePath::parse(&root.path) else { continue };
        let orgs = checks_in(ctx, &root_path, today - TimeDelta::days(CATCH_UP_DAYS), today, today).await?;
        let tx = ctx.db().write().await?;
        let mut inbox = Vec::new();
        for o in &orgs {
            for check in &o.checks {
                let (stage, to, key) = match check.state {
                    PeriodState::Due => ("remind", Some(o.org.id), "notice-meeting-due"),
                    PeriodState::Missing => ("missed", o.org.parent_id, "notice-meeting-missed"),
                    _ => continue,
                };
                let Some(to) = to else { continue };
                if !store::mark_reminder(&tx, o.org.id, &requirement_code(&check.requirement), &check.period.code(), stage, now).await? {
                    continue;
                }
                // Put in the reader's words by the inbox: the organization, the kind, the period.
                let body = format!("{}|{}|{}", o.org.name, check.requirement.kind.as_str(), check.period.code());
                inbox.push(notify::notice(ctx, To::Org(to), None, key, &body)?.0);
                if stage == "remind" {
                    report.reminded += 1;
                } else {
                    report.reported += 1;
                }
            }
        }
        let sent = inbox.len();
        lianxin_store::notify::insert_inbox(&tx, inbox).await?;
        if sent > 0 {
            record(&tx, ctx, Stale::Nothing, "meeting.sweep", "org", Some(&root.id.to_string()), "ok", json!({ "notices": sent })).await?;
        }
        ctx.commit(tx).await?;
    }
    Ok(report)
}
