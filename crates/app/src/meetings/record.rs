//! Holding a meeting: attendance per invitee, the lecturer and topic of a lecture, votes decided
//! by the quorum and majority rules, minutes approved and then locked (a correction is a new
//! version with its reason), and the make-up study brought to those who could not come.

use chrono::{DateTime, NaiveDate, Utc};
use lianxin_core::{
    meetings::{Attendance, MeetingKind, MeetingStatus, Unable, assembly_vote, committee_vote},
    people::MemberStatus,
};
use lianxin_store::meetings as store;
use serde_json::json;
use uuid::Uuid;

use super::{Meeting, Minutes, Vote, authorized, local};
use crate::{
    AppError, Checks, Ctx, Result,
    input::{clean, paragraphs},
    journal::{Stale, record},
    policy::Action,
};

/// One invitee's attendance as recorded.
#[derive(Clone, Debug)]
pub struct Mark {
    pub person_id: Uuid,
    pub attendance: Attendance,
    pub leave_reason: String,
    pub unable: Option<Unable>,
}

/// What was recorded when the meeting was held.
#[derive(Clone, Debug)]
pub struct HeldInput {
    pub held_at: DateTime<Utc>,
    pub marks: Vec<Mark>,
    /// For a party lecture: who spoke (a county teacher or a university student may come from
    /// outside, seed §3) and on what.
    pub lecturer: String,
    pub lecturer_from: String,
    pub topic: String,
}

/// Records that a planned meeting was held, with attendance. Refused: a time still to come,
/// attendance for someone not invited, leave without a reason, a lecture without its lecturer
/// and topic. Invitees not marked are recorded absent.
pub async fn held(ctx: &Ctx, id: Uuid, input: HeldInput) -> Result<Meeting> {
    let mut m = authorized(ctx, id, Action::RunMeetings).await?;
    let kind = MeetingKind::parse(&m.kind).unwrap_or(MeetingKind::Assembly);
    let c = ctx.db().conn();
    let mut invitees = store::invitees(c, id).await?;
    let mut checks = Checks::default();
    checks.check(m.status == MeetingStatus::Cancelled.as_str(), "status", "error-meeting-cancelled");
    checks.check(input.held_at > ctx.now(), "held_at", "error-meeting-held-in-future");
    let lecturer = checks.take(clean("lecturer", &input.lecturer, 100, kind == MeetingKind::Lecture)).flatten();
    let lecturer_from = checks.take(clean("lecturer_from", &input.lecturer_from, 200, false)).flatten();
    let topic = checks.take(clean("topic", &input.topic, 200, kind == MeetingKind::Lecture)).flatten();
    for mark in &input.marks {
        let Some(i) = invitees.iter_mut().find(|i| i.person_id == mark.person_id) else {
            checks.check(true, "attendance", "error-meeting-not-invited");
            continue;
        };
        let reason = checks.take(clean("leave_reason", &mark.leave_reason, 200, mark.attendance == Attendance::Leave)).flatten();
        i.attendance = Some(mark.attendance.as_str().into());
        i.leave_reason = if mark.attendance == Attendance::Leave { reason } else { None };
        if let Some(u) = mark.unable {
            i.unable = Some(u.as_str().into());
        }
    }
    checks.finish()?;
    for i in invitees.iter_mut().filter(|i| i.attendance.is_none()) {
        i.attendance = Some(Attendance::Absent.as_str().into());
    }
    m.status = MeetingStatus::Held.as_str().into();
    m.held_on = Some(local(ctx, input.held_at));
    m.starts_at = input.held_at;
    m.lecturer = lecturer;
    m.lecturer_from = lecturer_from;
    m.topic = topic;
    m.updated_at = ctx.now();
    let present = invitees.iter().filter(|i| i.attendance.as_deref() == Some("present")).count();
    let tx = ctx.db().write().await?;
    let count = invitees.len();
    store::replace_invitees(&tx, id, invitees).await?;
    let m = store::update_meeting(&tx, m).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "meeting.held",
        "meeting",
        Some(&id.to_string()),
        "ok",
        json!({ "held_on": m.held_on, "invitees": count, "present": present }),
    )
    .await?;
    super::compliance::changed(ctx);
    ctx.commit(tx).await?;
    super::compliance::changed(ctx);
    Ok(m)
}

/// A vote as counted at the meeting.
#[derive(Clone, Debug)]
pub struct VoteInput {
    pub motion: String,
    pub yes: u64,
    pub no: u64,
    pub abstain: u64,
}

/// The base and attendance a vote at this meeting is counted against: for the assembly, the
/// invited full members (probationary members have no vote) and those of them present; for the
/// committee, its members and those present.
pub fn vote_base(kind: MeetingKind, invitees: &[store::Invitee]) -> (u64, u64) {
    let voting: Vec<&store::Invitee> = match kind {
        MeetingKind::Assembly => invitees.iter().filter(|i| i.role == MemberStatus::Full.as_str()).collect(),
        _ => invitees.iter().collect(),
    };
    let present = voting.iter().filter(|i| i.attendance.as_deref() == Some(Attendance::Present.as_str())).count();
    (voting.len() as u64, present as u64)
}

/// Records a vote. Refused with the rule's numbers: a meeting that takes no votes or was not
/// held, counts that exceed those present, and a vote without quorum (支部条例 第十一条, 第十二条).
pub async fn vote(ctx: &Ctx, id: Uuid, input: VoteInput) -> Result<Vote> {
    let m = authorized(ctx, id, Action::RunMeetings).await?;
    let kind = MeetingKind::parse(&m.kind).unwrap_or(MeetingKind::Assembly);
    let mut checks = Checks::default();
    let motion = checks.take(clean("motion", &input.motion, 300, true)).flatten();
    checks.check(!kind.votes(), "kind", "error-meeting-no-votes");
    checks.check(m.status != MeetingStatus::Held.as_str(), "status", "error-meeting-not-held");
    checks.finish()?;
    let invitees = store::invitees(ctx.db().conn(), id).await?;
    let (eligible, present) = vote_base(kind, &invitees);
    let cast = input.yes.saturating_add(input.no).saturating_add(input.abstain);
    if cast > present {
        return Err(AppError::invalid("yes", "error-vote-exceeds-present"));
    }
    let verdict = match kind {
        MeetingKind::Assembly => assembly_vote(eligible, present, input.yes),
        _ => committee_vote(eligible, present, input.yes),
    }
    .map_err(|e| AppError::invalid(if e.field() == "yes" { "yes" } else { "kind" }, "error-vote-exceeds-present"))?;
    if !verdict.quorum {
        let key = if kind == MeetingKind::Assembly { "error-vote-no-quorum-assembly" } else { "error-vote-no-quorum-committee" };
        return Err(AppError::invalid("present", key));
    }
    let count = |n: u64| i32::try_from(n).unwrap_or(i32::MAX);
    let v = Vote {
        id: Uuid::now_v7(),
        meeting_id: id,
        motion: motion.unwrap_or_default(),
        eligible: count(eligible),
        present: count(present),
        yes: count(input.yes),
        no: count(input.no),
        abstain: count(input.abstain),
        passes: verdict.passes.unwrap_or(false),
        recorded_by: ctx.actor.principal().map(|p| p.account_id),
        recorded_at: ctx.now(),
    };
    let tx = ctx.db().write().await?;
    let v = store::insert_vote(&tx, v).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "meeting.vote",
        "meeting",
        Some(&id.to_string()),
        "ok",
        json!({ "eligible": eligible, "present": present, "yes": input.yes, "no": input.no, "abstain": input.abstain, "passes": v.passes }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(v)
}

/// Writes the minutes: a first draft, or the current draft again. Once approved they are locked;
/// a change is then a correction ([`correct`]).
pub async fn write_minutes(ctx: &Ctx, id: Uuid, body: &str, resolutions: &str) -> Result<Minutes> {
    let m = authorized(ctx, id, Action::RunMeetings).await?;
    let mut checks = Checks::default();
    let body = checks.take(paragraphs("body", body, 20_000, true)).flatten().unwrap_or_default();
    let resolutions = checks.take(paragraphs("resolutions", resolutions, 4_000, false)).flatten().unwrap_or_default();
    checks.check(m.status != MeetingStatus::Held.as_str(), "status", "error-meeting-not-held");
    checks.finish()?;
    let tx = ctx.db().write().await?;
    let versions = store::minutes_of(&tx, id).await?;
    let saved = match versions.last() {
        Some(last) if last.approved_at.is_some() => {
            return Err(AppError::Conflict { field: "body", key: "error-minutes-approved" });
        }
        Some(last) => {
            let mut draft = last.clone();
            draft.body = body;
            draft.resolutions = resolutions;
            draft.written_by = ctx.actor.principal().map(|p| p.account_id);
            draft.written_at = ctx.now();
            store::update_minutes(&tx, draft).await?
        }
        None => store::insert_minutes(&tx, new_version(ctx, id, 1, body, resolutions, None)).await?,
    };
    record(&tx, ctx, Stale::Nothing, "meeting.minutes", "meeting", Some(&id.to_string()), "ok", json!({ "version": saved.version }))
        .await?;
    ctx.commit(tx).await?;
    Ok(saved)
}

fn new_version(ctx: &Ctx, meeting: Uuid, version: i32, body: String, resolutions: String, reason: Option<String>) -> Minutes {
    Minutes {
        id: Uuid::now_v7(),
        meeting_id: meeting,
        version,
        body,
        resolutions,
        reason,
        written_by: ctx.actor.principal().map(|p| p.account_id),
        written_at: ctx.now(),
        approved_by: None,
        approved_at: None,
    }
}

/// Approves the latest version of the minutes, which locks it.
pub async fn approve(ctx: &Ctx, id: Uuid) -> Result<Minutes> {
    authorized(ctx, id, Action::ApproveMinutes).await?;
    let tx = ctx.db().write().await?;
    let mut last = store::minutes_of(&tx, id).await?.pop().ok_or(AppError::invalid("body", "error-minutes-none"))?;
    if last.approved_at.is_some() {
        return Err(AppError::Conflict { field: "body", key: "error-minutes-approved" });
    }
    last.approved_by = ctx.actor.principal().map(|p| p.account_id);
    last.approved_at = Some(ctx.now());
    let last = store::update_minutes(&tx, last).await?;
    record(&tx, ctx, Stale::Nothing, "meeting.minutes_approve", "meeting", Some(&id.to_string()), "ok", json!({ "version": last.version }))
        .await?;
    ctx.commit(tx).await?;
    Ok(last)
}

/// Corrects approved minutes: a new version with its reason, to be approved in turn; the approved
/// version stays as it was.
pub async fn correct(ctx: &Ctx, id: Uuid, body: &str, resolutions: &str, reason: &str) -> Result<Minutes> {
    authorized(ctx, id, Action::RunMeetings).await?;
    let mut checks = Checks::default();
    let body = checks.take(paragraphs("body", body, 20_000, true)).flatten().unwrap_or_default();
    let resolutions = checks.take(paragraphs("resolutions", resolutions, 4_000, false)).flatten().unwrap_or_default();
    let reason = checks.take(clean("reason", reason, 500, true)).flatten();
    checks.finish()?;
    let tx = ctx.db().write().await?;
    let versions = store::minutes_of(&tx, id).await?;
    let Some(last) = versions.last() else { return Err(AppError::invalid("body", "error-minutes-none")) };
    if last.approved_at.is_none() {
        return Err(AppError::Conflict { field: "reason", key: "error-minutes-draft-open" });
    }
    let saved = store::insert_minutes(&tx, new_version(ctx, id, last.version + 1, body, resolutions, reason))
        .await
        .map_err(AppError::on_unique("uq_meeting_minutes_meeting_id_version", "body", "error-minutes-draft-open"))?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "meeting.minutes_correct",
        "meeting",
        Some(&id.to_string()),
        "ok",
        json!({ "version": saved.version }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(saved)
}

/// Records the make-up study brought to an invitee who could not come (送学上门).
pub async fn makeup(ctx: &Ctx, id: Uuid, person: Uuid, on: NaiveDate, note: &str) -> Result<()> {
    let m = authorized(ctx, id, Action::RunMeetings).await?;
    let mut checks = Checks::default();
    let note = checks.take(clean("note", note, 200, false)).flatten();
    checks.check(m.status != MeetingStatus::Held.as_str(), "status", "error-meeting-not-held");
    checks.check(on > ctx.app.today(), "on", "error-meeting-held-in-future");
    checks.check(m.held_on.is_some_and(|h| on < h), "on", "error-makeup-before-meeting");
    checks.finish()?;
    let tx = ctx.db().write().await?;
    let mut i = store::invitees(&tx, id)
        .await?
        .into_iter()
        .find(|i| i.person_id == person)
        .ok_or(AppError::invalid("person_id", "error-meeting-not-invited"))?;
    if i.attendance.as_deref() == Some(Attendance::Present.as_str()) {
        return Err(AppError::invalid("person_id", "error-makeup-was-present"));
    }
    i.makeup_on = Some(on);
    i.makeup_note = note;
    store::update_invitee(&tx, i).await?;
    record(&tx, ctx, Stale::Nothing, "meeting.makeup", "meeting", Some(&id.to_string()), "ok", json!({ "person": person, "on": on }))
        .await?;
    ctx.commit(tx).await?;
    Ok(())
}
