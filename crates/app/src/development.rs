//! Member development (RULES.md §5): a case per person from the application to full membership.
//! Each step is checked by its gate in `lianxin_core::development` (the functions `/rules`
//! explains) and refused, with nothing changed, when early or incomplete. The branch assembly's
//! votes come from the meetings capability (one vote per person). The member record is created
//! when the higher committee approves the admission, so the people roster stays the one truth.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use lianxin_core::{
    development::{self as gates, IntroducerStatus, Stage, Step},
    meetings::{MeetingKind, MeetingStatus},
    people::MemberStatus,
    tree::TreePath,
};
use lianxin_store::{development as store, meetings as meetings_store, orgs as orgs_store, people as people_store};
use serde_json::json;
use uuid::Uuid;

use crate::{
    AppError, Checks, Ctx, Result,
    input::paragraphs,
    journal::{Stale, record},
    meetings::authorized_org,
    policy::{Action, Decision, Target, decide},
};

pub use store::{Case, Step as StepRow};

/// What a step records, as parsed from a form or the API; each step reads the fields it needs.
#[derive(Clone, Debug, Default)]
pub struct StepInput {
    pub on: Option<NaiveDate>,
    pub note: String,
    /// The introducers: member records.
    pub introducers: Vec<Uuid>,
    pub training_from: Option<NaiveDate>,
    pub training_to: Option<NaiveDate>,
    pub training_hours: Option<u32>,
    /// The branch assembly's vote on this person (admission, confirmation).
    pub vote_id: Option<Uuid>,
    pub extension_months: Option<u32>,
}

/// The step a case waits for, from when it may be taken and by when it should be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Next {
    pub step: Step,
    pub earliest: Option<NaiveDate>,
    pub due_by: Option<NaiveDate>,
}

pub fn stage(c: &Case) -> Stage {
    Stage::parse(&c.stage).unwrap_or(Stage::Applicant)
}

/// The next step of a case by the procedure's order, with its dates from the gates.
pub fn next(c: &Case, notice_working_days: u32) -> Option<Next> {
    let n = |step, earliest, due_by| Some(Next { step, earliest, due_by });
    match stage(c) {
        Stage::Applicant if c.talk_on.is_none() => {
            n(Step::Talk, Some(c.applied_on), Some(gates::add_months(c.applied_on, gates::TALK_MONTHS)))
        }
        Stage::Applicant => n(Step::Activist, c.talk_on, None),
        Stage::Activist => {
            let from = c.activist_on.unwrap_or(c.applied_on);
            n(Step::DevelopmentTarget, Some(gates::add_months(from, gates::ACTIVIST_MONTHS)), None)
        }
        Stage::DevelopmentTarget => {
            let missing = missing_for_admission(c);
            match missing.first() {
                Some(s) => n(*s, c.target_on, None),
                None => {
                    let from = c.notice_from.unwrap_or(c.applied_on);
                    n(Step::Admission, Some(gates::notice(from, from, notice_working_days).earliest), None)
                }
            }
        }
        Stage::Admitted => {
            let from = c.assembly_on.unwrap_or(c.applied_on);
            n(Step::Approval, Some(from), Some(gates::add_months(from, gates::APPROVAL_MONTHS)))
        }
        Stage::Probationary => {
            let from = c.assembly_on.unwrap_or(c.applied_on);
            n(Step::Confirmation, Some(gates::probation_ends(from, extension(c))), None)
        }
        Stage::Full | Stage::Cancelled => None,
    }
}

fn extension(c: &Case) -> u32 {
    c.extension_months.unwrap_or(0).max(0) as u32
}

/// The steps a case may take now: its stage's steps less those already recorded (the talk once
/// made, each preparation for the assembly once done).
pub fn open_steps(c: &Case) -> Vec<Step> {
    let done = |s: &Step| match s {
        Step::Talk => c.talk_on.is_some(),
        Step::Activist => c.talk_on.is_none(),
        Step::Introducers => c.introducer1.is_some(),
        Step::Review => c.review_on.is_some(),
        Step::Training => c.training_to.is_some(),
        Step::PreReview => c.pre_review_on.is_some(),
        Step::Notice => c.notice_from.is_some(),
        Step::Extension => c.extension_months.is_some(),
        _ => false,
    };
    stage(c).steps().iter().copied().filter(|s| !done(s)).collect()
}

/// What the assembly still lacks before it may discuss admitting a development target.
pub fn missing_for_admission(c: &Case) -> Vec<Step> {
    let training_ok = match (c.training_from, c.training_to) {
        (Some(f), Some(t)) => gates::training(f, t, c.training_hours.unwrap_or(0).max(0) as u32).is_ok_and(|g| g.allowed),
        _ => false,
    };
    gates::admission_missing(
        stage(c) == Stage::DevelopmentTarget,
        c.introducer1.is_some() && c.introducer2.is_some(),
        c.review_on.is_some(),
        training_ok,
        c.pre_review_on.is_some(),
        c.notice_from.is_some(),
    )
}

/// Whether the next step is due by the end of `month_end`: it may be taken by then, or its
/// deadline falls by then.
pub fn due_by(n: &Next, month_end: NaiveDate) -> bool {
    n.earliest.is_some_and(|e| e <= month_end) || n.due_by.is_some_and(|d| d <= month_end)
}

fn may(ctx: &Ctx, action: Action, path: &TreePath) -> bool {
    decide(&ctx.actor, action, Target::Org(path)) == Decision::Allow
}

/// A case with its organization, checked for `action`; unknown and out-of-scope cases are
/// "not found" alike.
async fn authorized(ctx: &Ctx, id: Uuid, action: Action) -> Result<(Case, orgs_store::Org, TreePath)> {
    let Some(c) = store::case(ctx.db().conn(), id).await? else {
        let nowhere = TreePath::root(id);
        ctx.authorize(action, Target::Org(&nowhere), "development_case", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let (org, path) = authorized_org(ctx, c.org_id, action).await?;
    Ok((c, org, path))
}

/// Opens a case when a person applies (细则 第五条: 18 at the application). The person must live
/// within the organization's reach, not be a party member already, and have no case yet.
pub async fn open(ctx: &Ctx, org_id: Uuid, person_id: Uuid, applied_on: Option<NaiveDate>, note: &str) -> Result<Case> {
    let (org, path) = authorized_org(ctx, org_id, Action::RunDevelopment).await?;
    let c = ctx.db().conn();
    let today = ctx.app.today();
    let mut checks = Checks::default();
    let note = checks.take(paragraphs("note", note, 2000, false)).flatten().unwrap_or_default();
    checks.check(applied_on.is_none(), "applied_on", "error-required");
    checks.check(applied_on.is_some_and(|d| d > today), "applied_on", "error-date-future");
    checks.check(org.status != "active", "org_id", "error-parent-inactive");
    let person = people_store::person(c, person_id).await?;
    checks.check(person.is_none(), "person_id", "error-choose");
    checks.finish()?;
    let (person, applied_on) = (person.expect("checked"), applied_on.expect("checked"));
    crate::people::authorized_person(ctx, person_id, Action::ReadPeople).await?;
    let Some(birth) = person.birth_date else {
        return Err(AppError::invalid("person_id", "error-dev-birth-unknown"));
    };
    if !gates::application(birth, applied_on).allowed {
        return Err(AppError::invalid("applied_on", "error-dev-under-age"));
    }
    if people_store::member_by_person(c, person_id)
        .await?
        .is_some_and(|m| MemberStatus::parse(&m.status).is_some_and(|s| s.is_party_member()))
    {
        return Err(AppError::invalid("person_id", "error-dev-already-member"));
    }
    let case = blank_case(person_id, &person.name, org_id, path.as_str(), applied_on, ctx.now());
    let tx = ctx.db().write().await?;
    let case = store::insert_case(&tx, case).await.map_err(AppError::on_unique(
        "uq_development_cases_person_id",
        "person_id",
        "error-dev-case-exists",
    ))?;
    store::insert_step(&tx, step_row(ctx, case.id, Step::Application, applied_on, note, None)).await?;
    record(&tx, ctx, Stale::Nothing, "development.open", "development_case", Some(&case.id.to_string()), "ok", json!({ "org": org_id }))
        .await?;
    ctx.commit(tx).await?;
    Ok(case)
}

/// A case just opened: the applicant's stage, no step after the application yet.
pub fn blank_case(
    person_id: Uuid,
    name: &str,
    org_id: Uuid,
    org_path: &str,
    applied_on: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Case {
    Case {
        id: Uuid::now_v7(),
        person_id,
        person_name: name.to_owned(),
        org_id,
        org_path: org_path.to_owned(),
        stage: Stage::Applicant.as_str().into(),
        applied_on,
        talk_on: None,
        activist_on: None,
        target_on: None,
        introducer1: None,
        introducer2: None,
        review_on: None,
        training_from: None,
        training_to: None,
        training_hours: None,
        pre_review_on: None,
        notice_from: None,
        assembly_on: None,
        admission_vote_id: None,
        approved_on: None,
        extension_months: None,
        confirmation_vote_id: None,
        confirmed_on: None,
        ended_on: None,
        created_at: now,
        updated_at: now,
    }
}

fn step_row(ctx: &Ctx, case_id: Uuid, step: Step, on: NaiveDate, note: String, meeting_id: Option<Uuid>) -> StepRow {
    StepRow {
        id: Uuid::now_v7(),
        case_id,
        step: step.as_str().into(),
        on_date: on,
        note,
        meeting_id,
        // The name a person reads, never a login id.
        recorded_by: ctx.actor.principal().map(|p| p.display_name.clone()).unwrap_or_default(),
        recorded_at: ctx.now(),
    }
}

/// An introducer's standing from their member record on `on`.
fn introducer_status(m: Option<&people_store::Member>, on: NaiveDate) -> IntroducerStatus {
    match m.and_then(|m| MemberStatus::parse(&m.status)) {
        Some(MemberStatus::Full)
            if m.is_some_and(|m| lianxin_core::people::under_party_probation(m.party_probation_from, m.party_probation_until, on)) =>
        {
            IntroducerStatus::PartyProbation
        }
        Some(MemberStatus::Full) => IntroducerStatus::Full,
        Some(MemberStatus::Probationary) => IntroducerStatus::Probationary,
        _ => IntroducerStatus::NotMember,
    }
}

/// A vote of the branch assembly, checked for this case: the organization's own assembly, held,
/// passed, on `on`'s day, and not already used for another person.
async fn assembly_vote(ctx: &Ctx, case: &Case, vote_id: Option<Uuid>, on: NaiveDate) -> Result<meetings_store::Vote> {
    let c = ctx.db().conn();
    let Some(vote_id) = vote_id else { return Err(AppError::invalid("vote_id", "error-dev-vote-required")) };
    let vote = meetings_store::vote(c, vote_id).await?.ok_or(AppError::invalid("vote_id", "error-dev-vote-required"))?;
    let meeting = meetings_store::meeting(c, vote.meeting_id).await?.ok_or(AppError::invalid("vote_id", "error-dev-vote-required"))?;
    let assembly =
        meeting.org_id == case.org_id && meeting.kind == MeetingKind::Assembly.as_str() && meeting.status == MeetingStatus::Held.as_str();
    if !assembly {
        return Err(AppError::invalid("vote_id", "error-dev-vote-not-assembly"));
    }
    if meeting.held_on != Some(on) {
        return Err(AppError::invalid("on", "error-dev-vote-date"));
    }
    if !vote.passes {
        return Err(AppError::invalid("vote_id", "error-dev-vote-failed"));
    }
    if store::vote_used(c, vote.id).await? {
        return Err(AppError::invalid("vote_id", "error-dev-vote-used"));
    }
    Ok(vote)
}

/// Records a step of a case, checked by its gate; refused with nothing changed when the stage
/// does not take it, a date is early, in the future or out of order, or something it needs is
/// missing.
pub async fn record_step(ctx: &Ctx, id: Uuid, step: Step, input: StepInput) -> Result<Case> {
    let action = if step == Step::Approval { Action::ApproveDevelopment } else { Action::RunDevelopment };
    let (mut case, _org, path) = authorized(ctx, id, action).await?;
    let today = ctx.app.today();
    let settings = ctx.settings();
    let st = stage(&case);
    if !st.steps().contains(&step) {
        return Err(AppError::Conflict { field: "step", key: "error-dev-step-stage" });
    }
    let mut checks = Checks::default();
    let note = checks.take(paragraphs("note", &input.note, 2000, false)).flatten().unwrap_or_default();
    let on = input.on.or(if step == Step::Training { input.training_to } else { None });
    checks.check(on.is_none(), "on", "error-required");
    checks.check(on.is_some_and(|d| d > today), "on", "error-date-future");
    checks.finish()?;
    let on = on.expect("checked");
    let mut meeting_id = None;
    let mut member_change: Option<(MemberStatus, NaiveDate)> = None;
    if step == Step::Review && note.is_empty() {
        return Err(AppError::invalid("note", "error-dev-review-conclusion"));
    }
    match step {
        Step::Talk => {
            let w = gates::first_talk(case.applied_on, on);
            if !w.allowed {
                return Err(AppError::invalid("on", "error-dev-before-application"));
            }
            case.talk_on = Some(on);
        }
        Step::Activist => {
            if case.talk_on.is_none() {
                return Err(AppError::invalid("on", "error-dev-talk-first"));
            }
            if !gates::activist(case.applied_on, on).allowed || case.talk_on.is_some_and(|t| on < t) {
                return Err(AppError::invalid("on", "error-date-order"));
            }
            case.activist_on = Some(on);
            case.stage = Stage::Activist.as_str().into();
        }
        Step::DevelopmentTarget => {
            let w = gates::development_target(case.activist_on.unwrap_or(case.applied_on), on);
            if !w.allowed {
                return Err(AppError::invalid("on", "error-dev-target-early"));
            }
            case.target_on = Some(on);
            case.stage = Stage::DevelopmentTarget.as_str().into();
        }
        Step::Introducers => {
            let mut ids = input.introducers.clone();
            ids.dedup();
            let members = people_store::members_by_ids(ctx.db().conn(), &ids).await?;
            let statuses: Vec<IntroducerStatus> = ids.iter().map(|i| introducer_status(members.iter().find(|m| m.id == *i), on)).collect();
            let self_introduced = members.iter().any(|m| m.person_id == case.person_id);
            if !gates::introducers(&statuses).allowed || self_introduced || input.introducers.len() != ids.len() {
                return Err(AppError::invalid("introducers", "error-dev-introducers"));
            }
            case.introducer1 = ids.first().copied();
            case.introducer2 = ids.get(1).copied();
        }
        Step::Review => case.review_on = Some(on),
        Step::Training => {
            let (Some(from), Some(to)) = (input.training_from, input.training_to) else {
                return Err(AppError::invalid("training_from", "error-required"));
            };
            let hours = input.training_hours.unwrap_or(0);
            match gates::training(from, to, hours) {
                Err(gates::TrainingError::Backwards) => return Err(AppError::invalid("training_to", "error-date-order")),
                Err(gates::TrainingError::TooManyHours { .. }) => return Err(AppError::invalid("training_hours", "error-dev-hours-over")),
                Ok(g) if !g.allowed => return Err(AppError::invalid("training_hours", "error-dev-training-short")),
                Ok(_) => {}
            }
            if to > today {
                return Err(AppError::invalid("training_to", "error-date-future"));
            }
            case.training_from = Some(from);
            case.training_to = Some(to);
            case.training_hours = Some(i32::try_from(hours).unwrap_or(i32::MAX));
        }
        Step::PreReview => {
            let missing = missing_for_admission(&case);
            if missing.iter().any(|s| matches!(s, Step::Introducers | Step::Review | Step::Training)) {
                return Err(AppError::invalid("on", "error-dev-incomplete"));
            }
            case.pre_review_on = Some(on);
        }
        Step::Notice => {
            if case.pre_review_on.is_none_or(|p| on < p) {
                return Err(AppError::invalid("on", "error-dev-pre-review-first"));
            }
            case.notice_from = Some(on);
        }
        Step::Admission => {
            if !missing_for_admission(&case).is_empty() {
                return Err(AppError::invalid("on", "error-dev-incomplete"));
            }
            let n = gates::notice(case.notice_from.unwrap_or(on), on, settings.development.notice_working_days);
            if !n.allowed {
                return Err(AppError::invalid("on", "error-dev-notice-running"));
            }
            let vote = assembly_vote(ctx, &case, input.vote_id, on).await?;
            meeting_id = Some(vote.meeting_id);
            case.assembly_on = Some(on);
            case.admission_vote_id = Some(vote.id);
            case.stage = Stage::Admitted.as_str().into();
        }
        Step::Approval => {
            let from = case.assembly_on.unwrap_or(case.applied_on);
            let w = gates::approval(from, on);
            if on < from {
                return Err(AppError::invalid("on", "error-date-order"));
            }
            if !w.allowed {
                return Err(AppError::invalid("on", "error-dev-approval-expired"));
            }
            case.approved_on = Some(on);
            case.stage = Stage::Probationary.as_str().into();
            member_change = Some((MemberStatus::Probationary, from));
        }
        Step::Extension => {
            let months = input.extension_months.unwrap_or(0);
            if !gates::extension(months, case.extension_months.is_some()).allowed {
                return Err(AppError::invalid("extension_months", "error-dev-extension"));
            }
            if note.is_empty() {
                return Err(AppError::invalid("note", "error-required"));
            }
            case.extension_months = Some(months as i32);
        }
        Step::Confirmation => {
            let from = case.assembly_on.unwrap_or(case.applied_on);
            if !gates::confirmation(from, extension(&case), on).allowed {
                return Err(AppError::invalid("on", "error-dev-probation-running"));
            }
            let vote = assembly_vote(ctx, &case, input.vote_id, on).await?;
            meeting_id = Some(vote.meeting_id);
            case.confirmation_vote_id = Some(vote.id);
            case.confirmed_on = Some(on);
            case.stage = Stage::Full.as_str().into();
            // Party standing counts from the end of probation.
            member_change = Some((MemberStatus::Full, gates::probation_ends(from, extension(&case))));
        }
        Step::Cancellation => {
            if note.is_empty() {
                return Err(AppError::invalid("note", "error-required"));
            }
            case.ended_on = Some(on);
            case.stage = Stage::Cancelled.as_str().into();
            member_change = Some((MemberStatus::Removed, on));
        }
        Step::Application => return Err(AppError::Conflict { field: "step", key: "error-dev-step-stage" }),
    }
    case.updated_at = ctx.now();
    let tx = ctx.db().write().await?;
    let case = store::update_case(&tx, case).await?;
    store::insert_step(&tx, step_row(ctx, case.id, step, on, note.clone(), meeting_id)).await?;
    if let Some((status, since)) = member_change {
        write_member(ctx, &tx, &case, &path, status, since, &note).await?;
    }
    let stale = if member_change.is_some() { Stale::Access } else { Stale::Nothing };
    record(
        &tx,
        ctx,
        stale,
        "development.step",
        "development_case",
        Some(&id.to_string()),
        "ok",
        json!({ "step": step.as_str(), "on": on }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(case)
}

/// The member record at admission, confirmation or cancellation: created at admission (or an
/// earlier record of the pipeline taken over), its status and dates kept with the history.
async fn write_member<C: lianxin_store::ConnectionTrait>(
    ctx: &Ctx,
    tx: &C,
    case: &Case,
    path: &TreePath,
    status: MemberStatus,
    since: NaiveDate,
    note: &str,
) -> Result<()> {
    let existing = people_store::member_by_person(tx, case.person_id).await?;
    if existing.as_ref().is_some_and(|m| m.org_id != case.org_id) {
        return Err(AppError::Conflict { field: "person_id", key: "error-member-exists" });
    }
    let now = ctx.now();
    let mut m = existing.unwrap_or_else(|| people_store::Member {
        id: Uuid::now_v7(),
        person_id: case.person_id,
        person_name: case.person_name.clone(),
        org_id: case.org_id,
        org_path: path.as_str().into(),
        status: String::new(),
        status_since: since,
        applied_on: None,
        activist_on: None,
        target_on: None,
        admitted_on: None,
        full_on: None,
        ended_on: None,
        mobile: false,
        mobile_since: None,
        mobile_place: None,
        mobile_contact_id: None,
        in_difficulty: false,
        elderly_frail: false,
        party_probation_from: None,
        party_probation_until: None,
        created_at: now,
        updated_at: now,
    });
    let new = m.status.is_empty();
    m.status = status.as_str().into();
    m.status_since = since;
    m.applied_on = Some(case.applied_on);
    m.activist_on = case.activist_on;
    m.target_on = case.target_on;
    m.admitted_on = case.assembly_on;
    m.full_on = (status == MemberStatus::Full).then_some(since);
    m.ended_on = status.is_end_state().then_some(since);
    m.updated_at = now;
    let m = if new { people_store::insert_member(tx, m).await? } else { people_store::update_member(tx, m).await? };
    people_store::insert_history(tx, crate::people::members::history(ctx, &m, note)).await?;
    Ok(())
}

/// A case as its page shows it.
#[derive(Clone, Debug)]
pub struct CaseView {
    pub case: Case,
    pub org: orgs_store::Org,
    pub steps: Vec<StepRow>,
    pub introducers: Vec<String>,
    pub next: Option<Next>,
    /// Passed votes of the branch's held assemblies not used by another case, for the
    /// admission and confirmation forms: (vote, meeting date, motion).
    pub votes: Vec<(Uuid, Option<NaiveDate>, String)>,
    /// Full members of the branch, for the introducers form: (member, name).
    pub full_members: Vec<(Uuid, String)>,
    pub may_run: bool,
    pub may_approve: bool,
}

pub async fn case(ctx: &Ctx, id: Uuid) -> Result<CaseView> {
    let (case, org, path) = authorized(ctx, id, Action::ReadDevelopment).await?;
    let c = ctx.db().conn();
    let steps = store::steps_of(c, id).await?;
    let ids: Vec<Uuid> = [case.introducer1, case.introducer2].into_iter().flatten().collect();
    let introducers = people_store::members_by_ids(c, &ids).await?.into_iter().map(|m| m.person_name).collect();
    let st = stage(&case);
    let may_run = may(ctx, Action::RunDevelopment, &path);
    let votes = if may_run && matches!(st, Stage::DevelopmentTarget | Stage::Probationary) {
        store::free_assembly_votes(c, case.org_id, 20).await?
    } else {
        Vec::new()
    };
    let full_members = if may_run && st == Stage::DevelopmentTarget {
        store::full_members_of(c, case.org_id, 200)
            .await?
            .into_iter()
            .filter(|(_, p, _)| *p != case.person_id)
            .map(|(m, _, n)| (m, n))
            .collect()
    } else {
        Vec::new()
    };
    Ok(CaseView {
        next: next(&case, ctx.settings().development.notice_working_days),
        may_approve: may(ctx, Action::ApproveDevelopment, &path),
        case,
        org,
        steps,
        introducers,
        votes,
        full_members,
        may_run,
    })
}

/// An organization whose cases the actor may read.
pub async fn org(ctx: &Ctx, org_id: Uuid) -> Result<orgs_store::Org> {
    Ok(authorized_org(ctx, org_id, Action::ReadDevelopment).await?.0)
}

/// The cases of an organization's subtree, a page at a time, each with its next step.
#[derive(Clone, Debug)]
pub struct CasesPage {
    pub org: orgs_store::Org,
    pub cases: Vec<(Case, Option<Next>)>,
    pub org_names: std::collections::HashMap<Uuid, String>,
    pub next_page: Option<(String, Uuid)>,
    pub may_run: bool,
}

pub async fn cases(ctx: &Ctx, org_id: Uuid, open_only: bool, after: Option<(&str, Uuid)>, limit: u64) -> Result<Arc<CasesPage>> {
    let (org, path) = authorized_org(ctx, org_id, Action::ReadDevelopment).await?;
    let limit = limit.clamp(1, 200);
    let may_run = may(ctx, Action::RunDevelopment, &path);
    let key = (org_id, open_only, after.map(|(n, i)| (n.to_owned(), i)), limit, may_run);
    let page = ctx.figures(key, || async {
        let c = ctx.db().conn();
        let mut rows = store::cases_in(c, &path, open_only, after, limit + 1).await?;
        let next_page = (rows.len() as u64 > limit).then(|| {
            rows.truncate(limit as usize);
            rows.last().map(|r| (r.person_name.clone(), r.id))
        });
        let org_ids: Vec<Uuid> = rows.iter().map(|r| r.org_id).collect();
        let org_names = orgs_store::orgs_by_ids(c, &org_ids).await?.into_iter().map(|o| (o.id, o.name)).collect();
        let days = ctx.settings().development.notice_working_days;
        Ok(CasesPage {
            cases: rows
                .into_iter()
                .map(|r| {
                    let n = next(&r, days);
                    (r, n)
                })
                .collect(),
            org,
            org_names,
            next_page: next_page.flatten(),
            may_run,
        })
    });
    page.await
}

/// The cases due this month ([`due_this_month`]) with the names of their organizations (by id).
pub struct Due {
    pub cases: Vec<(Case, Next)>,
    pub org_names: std::collections::HashMap<Uuid, String>,
}

/// The open cases of a subtree whose next step is due by the end of the month holding `today`,
/// soonest first: the branch's and the township's "due this month".
pub async fn due_this_month(ctx: &Ctx, org_id: Uuid) -> Result<Arc<Due>> {
    let (_, path) = authorized_org(ctx, org_id, Action::ReadDevelopment).await?;
    let today = ctx.app.today();
    let month_end = gates::add_months(today.with_day0(0).unwrap_or(today), 1).pred_opt().unwrap_or(today);
    let days = ctx.settings().development.notice_working_days;
    ctx.figures((org_id, month_end), || async {
        let c = ctx.db().conn();
        let mut cases: Vec<(Case, Next)> = store::open_cases_in(c, &path)
            .await?
            .into_iter()
            .filter_map(|c| next(&c, days).filter(|n| due_by(n, month_end)).map(|n| (c, n)))
            .collect();
        cases.sort_by_key(|(c, n)| (n.due_by.or(n.earliest), c.person_name.clone()));
        let org_ids: Vec<Uuid> = cases.iter().map(|(c, _)| c.org_id).collect::<std::collections::HashSet<_>>().into_iter().collect();
        let org_names = orgs_store::orgs_by_ids(c, &org_ids).await?.into_iter().map(|o| (o.id, o.name)).collect();
        Ok(Due { cases, org_names })
    })
    .await
}
