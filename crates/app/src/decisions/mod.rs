//! 四议两公开 (RULES.md §4, §9): a village matter goes through its six steps in order, each at a
//! recorded meeting and counted against that body's quorum and majority by the functions of
//! `lianxin_core::decisions` and `lianxin_core::elections` (the ones `/rules` explains). A vote
//! without quorum is refused with its numbers and nothing changed; a vote that was lost is
//! recorded, and the matter waits at that step. Disclosures are dated, an overdue one is flagged
//! and the organization above is told once.

use std::collections::HashMap;

use chrono::NaiveDate;
use lianxin_core::{
    decisions::{self as rules, Body, MatterKind, Outcome, Step},
    meetings::{MeetingKind, MeetingStatus},
    rules::decisions as explain,
    tree::TreePath,
};
use lianxin_store::{decisions as store, meetings as meetings_store, orgs as orgs_store};
use serde_json::json;
use uuid::Uuid;

use crate::{
    AppError, Checks, Ctx, Result,
    input::{clean, paragraphs, path},
    journal::{Stale, record},
    meetings::authorized_org,
    policy::{Action, Decision, Target, decide},
};

mod disclosure;
mod village;

pub use disclosure::{Board, board, sweep};
pub use store::{Attendee, Matter, MatterFilter, Step as StepRow, VillageMeeting};
use village::resolution;
pub use village::{Roll, roll};

/// A matter as opened: what it is about and what is proposed.
#[derive(Clone, Debug, Default)]
pub struct MatterNew {
    pub title: String,
    pub kind: Option<MatterKind>,
    pub description: String,
}

/// What a step records, as parsed from a form or the API; each step reads the fields it needs.
#[derive(Clone, Debug, Default)]
pub struct StepInput {
    /// A vote recorded at the organization's meeting (proposal, deliberation, review).
    pub vote_id: Option<Uuid>,
    /// The resolution: the body that met, when and where, who was there and how they voted.
    pub body: Option<Body>,
    pub on: Option<NaiveDate>,
    pub place: String,
    pub adults_present: Option<u64>,
    pub households_present: Option<u64>,
    /// The representatives present (persons on the roll).
    pub present: Vec<Uuid>,
    pub yes: Option<u64>,
    pub no: Option<u64>,
    pub abstain: Option<u64>,
    /// A reserved matter resolved by the representatives: the villagers' meeting delegated it.
    pub delegated: bool,
    /// A general matter resolved without a villagers' meeting (the reason in `note`).
    pub skip: bool,
    /// What was disclosed and where; why a step was skipped.
    pub note: String,
    /// When the implementation is to be finished (with the resolution's disclosure).
    pub finish_by: Option<NaiveDate>,
}

/// The steps completed so far (passed, done or skipped), in order.
pub fn completed(steps: &[StepRow]) -> Vec<Step> {
    steps.iter().filter(|s| s.outcome != Outcome::Failed.as_str()).filter_map(|s| Step::parse(&s.step)).collect()
}

pub fn kind(m: &Matter) -> MatterKind {
    MatterKind::parse(&m.kind).unwrap_or(MatterKind::General)
}

/// The meeting kinds a step is voted at. Under 一肩挑 the proposal may be made at the joint
/// meeting of the two committees, which then counts for the deliberation too.
pub fn meeting_kinds(step: Step, merge: bool) -> &'static [MeetingKind] {
    match step {
        Step::Proposal if merge => &[MeetingKind::Committee, MeetingKind::JointCommittees],
        Step::Proposal => &[MeetingKind::Committee],
        Step::Deliberation => &[MeetingKind::JointCommittees],
        Step::Review => &[MeetingKind::Assembly],
        _ => &[],
    }
}

/// Where the two disclosures stand: due from the resolution, and from the planned end of the
/// implementation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Disclosures {
    pub resolution: Option<rules::Disclosure>,
    pub result: Option<rules::Disclosure>,
}

impl Disclosures {
    pub fn overdue(&self) -> bool {
        self.resolution.is_some_and(|d| d.overdue) || self.result.is_some_and(|d| d.overdue)
    }
}

pub fn disclosures(m: &Matter, days: u32, today: NaiveDate) -> Disclosures {
    Disclosures {
        resolution: m.resolved_on.map(|from| rules::disclosure_due(from, days, m.resolution_disclosed_on, today)),
        result: m.finish_by.map(|from| rules::disclosure_due(from, days, m.result_disclosed_on, today)),
    }
}

fn may(ctx: &Ctx, action: Action, p: &TreePath) -> bool {
    decide(&ctx.actor, action, Target::Org(p)) == Decision::Allow
}

/// A matter with its organization's path, checked for `action`; unknown and out-of-scope matters
/// look alike.
async fn authorized(ctx: &Ctx, id: Uuid, action: Action) -> Result<(Matter, TreePath)> {
    let Some(m) = store::matter(ctx.db().conn(), id).await? else {
        let nowhere = TreePath::root(id);
        ctx.authorize(action, Target::Org(&nowhere), "decision_matter", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = path(&m.org_path)?;
    ctx.authorize(action, Target::Org(&p), "decision_matter", Some(&id.to_string())).await?;
    Ok((m, p))
}

fn who(ctx: &Ctx) -> String {
    // The name a person reads, never a login id.
    ctx.actor.principal().map(|p| p.display_name.clone()).unwrap_or_default()
}

/// Opens a matter, proposed by the village's party organization. Its kind says whether it is
/// reserved for the villagers' meeting.
pub async fn open(ctx: &Ctx, org_id: Uuid, new: MatterNew) -> Result<Matter> {
    let (org, p) = authorized_org(ctx, org_id, Action::RunDecisions).await?;
    let mut checks = Checks::default();
    let title = checks.take(clean("title", &new.title, 200, true)).flatten();
    let description = checks.take(paragraphs("description", &new.description, 4000, false)).flatten().unwrap_or_default();
    checks.check(new.kind.is_none(), "kind", "error-choose");
    checks.check(org.status != "active", "org_id", "error-parent-inactive");
    checks.finish()?;
    let now = ctx.now();
    let m = Matter {
        id: Uuid::now_v7(),
        org_id,
        org_path: p.as_str().to_owned(),
        title: title.expect("checked"),
        kind: new.kind.expect("checked").as_str().into(),
        description,
        next_step: Some(Step::Proposal.as_str().into()),
        status: "open".into(),
        resolved_on: None,
        finish_by: None,
        resolution_disclosed_on: None,
        result_disclosed_on: None,
        resolution_told_on: None,
        result_told_on: None,
        created_by: who(ctx),
        created_at: now,
        updated_at: now,
    };
    let tx = ctx.db().write().await?;
    let m = store::insert_matter(&tx, m).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "decision.open",
        "decision_matter",
        Some(&m.id.to_string()),
        "ok",
        json!({ "org": org_id, "kind": m.kind }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(m)
}

/// A vote a step may be recorded with: held at a meeting of the right kind, not yet used.
#[derive(Clone, Debug)]
pub struct VoteChoice {
    pub vote: meetings_store::Vote,
    pub meeting: meetings_store::Meeting,
}

/// A matter as its page shows it.
#[derive(Clone, Debug)]
pub struct MatterView {
    pub matter: Matter,
    pub org: orgs_store::Org,
    pub steps: Vec<StepRow>,
    pub village_meetings: HashMap<Uuid, VillageMeeting>,
    /// The representatives on each representatives' meeting's roll, who came and who did not.
    pub attendees: HashMap<Uuid, Vec<Attendee>>,
    pub next: Option<Step>,
    pub disclosures: Disclosures,
    pub may_run: bool,
    /// Votes the next step may be recorded with (for a vote step).
    pub votes: Vec<VoteChoice>,
    /// The roll the resolution would be counted against today.
    pub roll: Option<Roll>,
    pub merge: bool,
    pub disclosure_days: u32,
}

/// The votes of the organization's held meetings of `kinds` on or after `since`, the latest first,
/// not yet used for a step.
async fn vote_choices(ctx: &Ctx, org: Uuid, kinds: &[MeetingKind], since: Option<NaiveDate>) -> Result<Vec<VoteChoice>> {
    let c = ctx.db().conn();
    let mut out = Vec::new();
    for m in meetings_store::meetings_of_org(c, org, None, 60).await? {
        let fits = MeetingKind::parse(&m.kind).is_some_and(|k| kinds.contains(&k))
            && m.status == MeetingStatus::Held.as_str()
            && m.held_on.zip(since).is_none_or(|(held, since)| held >= since);
        if !fits {
            continue;
        }
        for v in meetings_store::votes_of(c, m.id).await? {
            if !store::vote_used(c, v.id).await? {
                out.push(VoteChoice { vote: v, meeting: m.clone() });
            }
        }
    }
    Ok(out)
}

pub async fn show(ctx: &Ctx, id: Uuid) -> Result<MatterView> {
    let (m, p) = authorized(ctx, id, Action::ReadDecisions).await?;
    let c = ctx.db().conn();
    let org = orgs_store::org(c, m.org_id).await?.ok_or(AppError::NotFound)?;
    let steps = store::steps_of(c, id).await?;
    let ids: Vec<Uuid> = steps.iter().filter_map(|s| s.village_meeting_id).collect();
    let village_meetings: HashMap<Uuid, VillageMeeting> = store::village_meetings(c, &ids).await?.into_iter().map(|v| (v.id, v)).collect();
    let mut attendees = HashMap::new();
    for v in village_meetings.values().filter(|v| v.body == Body::Representatives.as_str()) {
        attendees.insert(v.id, store::attendees(c, v.id).await?);
    }
    let next = m.next_step.as_deref().and_then(Step::parse);
    let may_run = may(ctx, Action::RunDecisions, &p) && m.status == "open";
    let settings = &ctx.settings().decisions;
    let votes = match next {
        Some(s) if may_run && s.is_vote() && s != Step::Resolution => {
            // Only votes taken on or after the last step can be the next one.
            let since = steps.iter().map(|s| s.on_date).max();
            vote_choices(ctx, m.org_id, meeting_kinds(s, settings.merge_first_two), since).await?
        }
        _ => Vec::new(),
    };
    let roll = match next {
        Some(Step::Resolution) if may_run => Some(roll(ctx, m.org_id, ctx.app.today()).await?),
        _ => None,
    };
    Ok(MatterView {
        disclosures: disclosures(&m, settings.disclosure_days, ctx.app.today()),
        matter: m,
        org,
        steps,
        village_meetings,
        attendees,
        next,
        may_run,
        votes,
        roll,
        merge: settings.merge_first_two,
        disclosure_days: settings.disclosure_days,
    })
}

/// A page of matters of an organization and those below it.
#[derive(Clone, Debug)]
pub struct MatterList {
    pub org: orgs_store::Org,
    pub matters: Vec<(Matter, Disclosures)>,
    pub org_names: HashMap<Uuid, String>,
    pub next_page: Option<(chrono::DateTime<chrono::Utc>, Uuid)>,
    pub may_run: bool,
}

pub async fn list(
    ctx: &Ctx,
    org_id: Uuid,
    filter: &MatterFilter,
    before: Option<(chrono::DateTime<chrono::Utc>, Uuid)>,
    limit: u64,
) -> Result<MatterList> {
    let (org, p) = authorized_org(ctx, org_id, Action::ReadDecisions).await?;
    let c = ctx.db().conn();
    let mut rows = store::matters_in(c, &p, filter, before, limit + 1).await?;
    let next_page = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|m| (m.created_at, m.id))
    } else {
        None
    };
    let mut ids: Vec<Uuid> = rows.iter().map(|m| m.org_id).collect();
    ids.sort();
    ids.dedup();
    let org_names = orgs_store::orgs_by_ids(c, &ids).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let (days, today) = (ctx.settings().decisions.disclosure_days, ctx.app.today());
    let matters = rows.into_iter().map(|m| (disclosures(&m, days, today), m)).map(|(d, m)| (m, d)).collect();
    Ok(MatterList { may_run: may(ctx, Action::RunDecisions, &p) && org.status == "active", org, matters, org_names, next_page })
}

/// The step rule's refusal as an error with its reasons.
fn order_refusal(k: MatterKind, o: &rules::Order) -> AppError {
    let key = if o.reserved { "error-decision-reserved" } else { "error-decision-order" };
    AppError::Rule { field: "step", key, reasons: explain::order_reasons(k, o) }
}

/// The day of a step: given, not in the future, not before the last step's.
fn day_checks(checks: &mut Checks, on: Option<NaiveDate>, today: NaiveDate, last_on: Option<NaiveDate>) {
    checks.check(on.is_none(), "on", "error-required");
    checks.check(on.is_some_and(|d| d > today), "on", "error-date-future");
    checks.check(on.zip(last_on).is_some_and(|(d, l)| d < l), "on", "error-decision-before-last");
}

fn count(n: u64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Records a step of a matter, checked by the order rule and by the quorum and majority of the
/// body that took it. Refused with nothing changed when out of order, at a meeting of the wrong
/// kind or organization, before the step before it, or without quorum; a lost vote is recorded
/// as failed and the matter waits at that step.
pub async fn record_step(ctx: &Ctx, id: Uuid, step: Step, input: StepInput) -> Result<Matter> {
    let (mut m, _p) = authorized(ctx, id, Action::RunDecisions).await?;
    if m.status != "open" {
        return Err(AppError::Conflict { field: "step", key: "error-decision-closed" });
    }
    let c = ctx.db().conn();
    let k = kind(&m);
    let steps = store::steps_of(c, id).await?;
    let done = completed(&steps);
    let order = rules::step_order(k, &done, step, input.skip);
    if !order.allowed {
        return Err(order_refusal(k, &order));
    }
    let last_on = steps.iter().map(|s| s.on_date).max();
    let today = ctx.app.today();
    let settings = ctx.settings().decisions.clone();
    let mut row = StepRow {
        id: Uuid::now_v7(),
        matter_id: id,
        step: step.as_str().into(),
        outcome: Outcome::Passed.as_str().into(),
        on_date: today,
        meeting_id: None,
        vote_id: None,
        village_meeting_id: None,
        base: None,
        present: None,
        yes: None,
        no: None,
        abstain: None,
        note: String::new(),
        recorded_by: who(ctx),
        recorded_at: ctx.now(),
    };
    let mut also: Option<StepRow> = None;
    let mut village: Option<(VillageMeeting, Vec<Attendee>)> = None;
    match step {
        Step::Proposal | Step::Deliberation | Step::Review => {
            let (vote, meeting) = vote_for(ctx, &m, step, input.vote_id, &settings).await?;
            let on = meeting.held_on.ok_or(AppError::invalid("vote_id", "error-meeting-not-held"))?;
            if last_on.is_some_and(|l| on < l) {
                return Err(AppError::invalid("vote_id", "error-decision-before-last"));
            }
            let passes = if step == Step::Review {
                let v = rules::assembly_review(vote.eligible.max(0) as u64, vote.present.max(0) as u64, vote.yes.max(0) as u64)
                    .map_err(|_| AppError::invalid("vote_id", "error-vote-exceeds-present"))?;
                if !v.quorum {
                    return Err(AppError::Rule { field: "vote_id", key: "error-decision-no-quorum", reasons: explain::review_reasons(&v) });
                }
                v.passes == Some(true)
            } else {
                vote.passes
            };
            row.on_date = on;
            row.meeting_id = Some(meeting.id);
            row.vote_id = Some(vote.id);
            (row.base, row.present, row.yes, row.no, row.abstain) =
                (Some(vote.eligible), Some(vote.present), Some(vote.yes), Some(vote.no), Some(vote.abstain));
            row.outcome = if passes { Outcome::Passed } else { Outcome::Failed }.as_str().into();
            // Under 一肩挑, a proposal at the joint meeting is its deliberation too.
            if step == Step::Proposal && passes && meeting.kind == MeetingKind::JointCommittees.as_str() {
                also = Some(StepRow {
                    id: Uuid::now_v7(),
                    step: Step::Deliberation.as_str().into(),
                    vote_id: None,
                    note: String::new(),
                    ..row.clone()
                });
            }
        }
        Step::Resolution if input.skip => {
            let mut checks = Checks::default();
            let note = checks.take(paragraphs("note", &input.note, 2000, true)).flatten();
            let on = input.on;
            day_checks(&mut checks, on, today, last_on);
            checks.finish()?;
            row.on_date = on.expect("checked");
            row.note = note.expect("checked");
            row.outcome = Outcome::Skipped.as_str().into();
        }
        Step::Resolution => {
            let (vm, roll, passes) = resolution(ctx, &m, k, &input, last_on).await?;
            row.on_date = vm.held_on;
            row.village_meeting_id = Some(vm.id);
            // Counted against the roll that made the quorum: the representatives, the adults, or
            // the households whose representatives came.
            let (base, present) = if vm.body == Body::Representatives.as_str() {
                (vm.representatives, vm.representatives_present)
            } else if 2 * vm.adults_present > vm.adults {
                (vm.adults, vm.adults_present)
            } else {
                (vm.households, vm.households_present)
            };
            (row.base, row.present) = (Some(base), Some(present));
            (row.yes, row.no, row.abstain) =
                (input.yes.map(count), Some(count(input.no.unwrap_or(0))), Some(count(input.abstain.unwrap_or(0))));
            row.note = if input.delegated { "delegated".into() } else { String::new() };
            row.outcome = if passes { Outcome::Passed } else { Outcome::Failed }.as_str().into();
            village = Some((vm, roll));
        }
        Step::ResolutionDisclosed | Step::ResultDisclosed => {
            let mut checks = Checks::default();
            let note = checks.take(paragraphs("note", &input.note, 2000, true)).flatten();
            let on = input.on;
            day_checks(&mut checks, on, today, last_on);
            if step == Step::ResolutionDisclosed {
                checks.check(input.finish_by.is_none(), "finish_by", "error-required");
                checks.check(input.finish_by.zip(on).is_some_and(|(f, d)| f < d), "finish_by", "error-decision-finish-before");
            }
            checks.finish()?;
            row.on_date = on.expect("checked");
            row.note = note.expect("checked");
            row.outcome = Outcome::Done.as_str().into();
        }
    }
    // Where the matter stands after the step.
    let failed = row.outcome == Outcome::Failed.as_str();
    if !failed {
        let on = row.on_date;
        match step {
            Step::Resolution => m.resolved_on = Some(on),
            Step::ResolutionDisclosed => {
                m.resolution_disclosed_on = Some(on);
                m.finish_by = input.finish_by;
            }
            Step::ResultDisclosed => {
                m.result_disclosed_on = Some(on);
                m.status = "done".into();
            }
            _ => {}
        }
        let mut now_done = done.clone();
        now_done.push(step);
        if also.is_some() {
            now_done.push(Step::Deliberation);
        }
        m.next_step = Step::ORDER.into_iter().find(|s| !now_done.contains(s)).map(|s| s.as_str().to_owned());
    }
    m.updated_at = ctx.now();
    let tx = ctx.db().write().await?;
    if let Some((vm, roll)) = village {
        store::insert_village_meeting(&tx, vm, roll).await?;
    }
    let row = store::insert_step(&tx, row).await.map_err(AppError::on_unique_any("vote_id", "error-decision-vote-used"))?;
    if let Some(a) = also {
        store::insert_step(&tx, a).await?;
    }
    let m = store::update_matter(&tx, m).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "decision.step",
        "decision_matter",
        Some(&id.to_string()),
        "ok",
        json!({ "step": step.as_str(), "outcome": row.outcome, "on": row.on_date, "base": row.base, "present": row.present, "yes": row.yes }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(m)
}

/// The meeting vote a party step is recorded with: the matter's own organization's, at a held
/// meeting of the step's kind, not yet used for another step.
async fn vote_for(
    ctx: &Ctx,
    m: &Matter,
    step: Step,
    vote_id: Option<Uuid>,
    settings: &crate::settings::DecisionSettings,
) -> Result<(meetings_store::Vote, meetings_store::Meeting)> {
    let c = ctx.db().conn();
    let vote_id = vote_id.ok_or(AppError::invalid("vote_id", "error-decision-vote-required"))?;
    let vote = meetings_store::vote(c, vote_id).await?.ok_or(AppError::invalid("vote_id", "error-decision-vote-required"))?;
    let meeting = meetings_store::meeting(c, vote.meeting_id).await?.ok_or(AppError::invalid("vote_id", "error-decision-vote-required"))?;
    let kind_fits = MeetingKind::parse(&meeting.kind).is_some_and(|k| meeting_kinds(step, settings.merge_first_two).contains(&k));
    if meeting.org_id != m.org_id || !kind_fits {
        return Err(AppError::invalid("vote_id", "error-decision-wrong-meeting"));
    }
    if meeting.status != MeetingStatus::Held.as_str() {
        return Err(AppError::invalid("vote_id", "error-meeting-not-held"));
    }
    if store::vote_used(c, vote.id).await? {
        return Err(AppError::invalid("vote_id", "error-decision-vote-used"));
    }
    Ok((vote, meeting))
}
