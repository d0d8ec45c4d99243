//! Organizational life (RULES.md §1): meetings planned with a notice to every invitee, held with
//! attendance, votes and minutes, the yearly democratic appraisal, cadence compliance across the
//! tree with reminders, and calendar feeds. Every count a meeting must meet is decided by the
//! `lianxin_core::meetings` function that `/rules` explains.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use lianxin_core::{
    meetings::{Attendance, Invitees, MeetingKind, MeetingStatus, Period, TalkPair, Unable, local_date},
    orgs::OrgKind,
    people::MemberStatus,
    tree::TreePath,
};
use lianxin_store::{meetings as store, orgs as orgs_store, people as people_store};
use serde_json::json;
use uuid::Uuid;

use crate::{
    AppError, Checks, Ctx, Result,
    input::{clean, paragraphs, path},
    journal::{Stale, record},
    notify::{self, To},
    policy::{Action, Target},
};

pub mod appraisal;
pub mod compliance;
pub mod feed;
pub mod record;

pub use store::{Appraisal, Invitee, Meeting, Minutes, Vote};

/// A meeting to plan, as parsed from a form or the API.
#[derive(Clone, Debug)]
pub struct MeetingNew {
    pub org_id: Uuid,
    pub kind: MeetingKind,
    /// For a heart-to-heart talk: its pair kind and the two people.
    pub pair: Option<TalkPair>,
    pub talk_with: Vec<Uuid>,
    pub title: String,
    pub agenda: String,
    pub place: String,
    pub starts_at: DateTime<Utc>,
    /// The period it counts for, when it makes up an earlier one; by default the period of its
    /// own date.
    pub counts_for: Option<Period>,
}

/// The local date of an instant in the display zone.
pub(crate) fn local(ctx: &Ctx, t: DateTime<Utc>) -> NaiveDate {
    local_date(t, ctx.settings().display_utc_offset_minutes)
}

/// Whether an organization of `org` kind holds meetings of `kind`.
fn held_by(kind: MeetingKind, org: OrgKind) -> bool {
    match kind {
        MeetingKind::GroupMeeting => org == OrgKind::PartyGroup,
        MeetingKind::DemocraticLife => org == OrgKind::Committee,
        _ => matches!(org, OrgKind::Branch | OrgKind::JointBranch | OrgKind::GeneralBranch),
    }
}

/// Whether the actor may do `action` in the organization at `path`: for showing a form or not.
pub(crate) fn may(ctx: &Ctx, action: Action, path: &TreePath) -> bool {
    crate::policy::decide(&ctx.actor, action, Target::Org(path)) == crate::policy::Decision::Allow
}

/// Loads an organization and checks `action` on it.
pub(crate) async fn authorized_org(ctx: &Ctx, id: Uuid, action: Action) -> Result<(orgs_store::Org, TreePath)> {
    let Some(o) = crate::orgs::org_for_reading(ctx, id).await? else {
        let nowhere = TreePath::root(id);
        ctx.authorize(action, Target::Org(&nowhere), "org", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = path(&o.path)?;
    ctx.authorize(action, Target::Org(&p), "org", Some(&id.to_string())).await?;
    Ok((o, p))
}

/// Loads a meeting and checks `action` on its organization; unknown and out-of-scope meetings
/// look alike.
pub(crate) async fn authorized(ctx: &Ctx, id: Uuid, action: Action) -> Result<Meeting> {
    let Some(m) = store::meeting(ctx.db().conn(), id).await? else {
        let nowhere = TreePath::root(id);
        ctx.authorize(action, Target::Org(&nowhere), "meeting", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = path(&m.org_path)?;
    ctx.authorize(action, Target::Org(&p), "meeting", Some(&id.to_string())).await?;
    Ok(m)
}

/// Who a meeting invites, as (person, name, role, why they may not come).
async fn invitees_for(
    ctx: &Ctx,
    org: &orgs_store::Org,
    root: &TreePath,
    new: &MeetingNew,
) -> Result<Vec<(Uuid, String, String, Option<Unable>)>> {
    let c = ctx.db().conn();
    let today = ctx.app.today();
    let committee = |positions: Vec<people_store::Position>| {
        positions
            .into_iter()
            .filter(|p| matches!(p.post.as_str(), "secretary" | "deputy_secretary" | "committee_member"))
            .collect::<Vec<_>>()
    };
    let mut out: Vec<(Uuid, String, String, Option<Unable>)> = Vec::new();
    let mut push_posts = |posts: Vec<people_store::Position>, names: &[people_store::Person]| {
        for p in posts {
            if out.iter().any(|(id, ..)| *id == p.person_id) {
                continue;
            }
            let name = names.iter().find(|n| n.id == p.person_id).map(|n| n.name.clone()).unwrap_or_default();
            out.push((p.person_id, name, p.post, None));
        }
    };
    match new.kind.invitees() {
        Invitees::Members => {
            let f = people_store::RosterFilter {
                statuses: vec![MemberStatus::Full.as_str().into(), MemberStatus::Probationary.as_str().into()],
                ..Default::default()
            };
            for m in people_store::roster(c, root, &f, 5000).await? {
                let unable = if m.elderly_frail {
                    Some(Unable::Frail)
                } else if m.mobile {
                    Some(Unable::Mobile)
                } else {
                    None
                };
                out.push((m.person_id, m.person_name, m.status, unable));
            }
        }
        Invitees::Committee => {
            let posts = committee(people_store::positions_in(c, Some(org.id), None, today, false).await?);
            let ids: Vec<Uuid> = posts.iter().map(|p| p.person_id).collect();
            let names = people_store::persons_by_ids(c, &ids).await?;
            push_posts(posts, &names);
        }
        Invitees::BothBodies => {
            let mut posts = committee(people_store::positions_in(c, Some(org.id), None, today, false).await?);
            for body in people_store::bodies_led_by(c, org.id).await? {
                if body.kind == "village_committee" {
                    posts.extend(people_store::positions_in(c, None, Some(body.id), today, false).await?);
                }
            }
            let ids: Vec<Uuid> = posts.iter().map(|p| p.person_id).collect();
            let names = people_store::persons_by_ids(c, &ids).await?;
            push_posts(posts, &names);
        }
        Invitees::Pair => {
            let members = people_store::members_by_persons(c, &new.talk_with).await?;
            for person in &new.talk_with {
                let Some(m) =
                    members.iter().find(|m| m.person_id == *person && TreePath::parse(&m.org_path).is_some_and(|p| p.is_within(root)))
                else {
                    return Err(AppError::invalid("talk_with", "error-meeting-talk-not-member"));
                };
                if !out.iter().any(|(id, ..)| id == person) {
                    out.push((m.person_id, m.person_name.clone(), m.status.clone(), None));
                }
            }
            if out.len() != 2 {
                return Err(AppError::invalid("talk_with", "error-meeting-talk-two"));
            }
        }
    }
    Ok(out)
}

/// Plans a meeting and sends its notice to every invitee's inbox (and the outbox when a webhook is
/// configured): agenda, time and place.
pub async fn plan(ctx: &Ctx, new: MeetingNew) -> Result<Meeting> {
    let (org, root) = authorized_org(ctx, new.org_id, Action::RunMeetings).await?;
    let mut checks = Checks::default();
    let title = checks.take(clean("title", &new.title, 200, true)).flatten();
    let agenda = checks.take(paragraphs("agenda", &new.agenda, 4000, false)).flatten().unwrap_or_default();
    let place = checks.take(clean("place", &new.place, 200, true)).flatten();
    let org_kind = OrgKind::parse(&org.kind).unwrap_or(OrgKind::Branch);
    checks.check(org.status != "active", "org_id", "error-parent-inactive");
    checks.check(!held_by(new.kind, org_kind), "kind", "error-meeting-kind-org");
    checks.check(new.kind == MeetingKind::Talk && new.pair.is_none(), "pair", "error-required");
    let natural = new.kind.period_containing(local(ctx, new.starts_at));
    let counts_for = new.counts_for.map(|p| new.kind.period_containing(p.first_day())).unwrap_or(natural);
    checks.check(counts_for > natural, "counts_for", "error-meeting-counts-for-later");
    let invitees = checks.take(invitees_for(ctx, &org, &root, &new).await).unwrap_or_default();
    checks.check(invitees.is_empty() && new.kind.invitees() != Invitees::Pair, "kind", "error-meeting-no-invitees");
    checks.finish()?;
    let now = ctx.now();
    let m = Meeting {
        id: Uuid::now_v7(),
        org_id: org.id,
        org_path: org.path.clone(),
        kind: new.kind.as_str().into(),
        pair: if new.kind == MeetingKind::Talk { new.pair.map(|p| p.as_str().into()) } else { None },
        title: title.unwrap_or_default(),
        agenda,
        place: place.unwrap_or_default(),
        starts_at: new.starts_at,
        counts_for: counts_for.first_day(),
        status: MeetingStatus::Planned.as_str().into(),
        held_on: None,
        lecturer: None,
        lecturer_from: None,
        topic: None,
        called_by: ctx.actor.principal().map(|p| p.account_id),
        created_at: now,
        updated_at: now,
    };
    let rows: Vec<Invitee> = invitees
        .iter()
        .map(|(person, name, role, unable)| Invitee {
            meeting_id: m.id,
            person_id: *person,
            person_name: name.clone(),
            role: role.clone(),
            attendance: None,
            leave_reason: None,
            unable: unable.map(|u| u.as_str().into()),
            makeup_on: None,
            makeup_note: None,
        })
        .collect();
    let tx = ctx.db().write().await?;
    let m = store::insert_meeting(&tx, m).await?;
    store::insert_invitees(&tx, rows).await?;
    let body = notice_body(ctx, &m);
    notify::tell_each(&tx, ctx, invitees.iter().map(|(person, ..)| *person), "notice-meeting-planned", &body).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "meeting.plan",
        "meeting",
        Some(&m.id.to_string()),
        "ok",
        json!({ "org": org.id, "kind": m.kind, "invitees": invitees.len(), "counts_for": counts_for.code() }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(m)
}

/// The notice's text: title, local time and place (the inbox puts it in the reader's sentence).
fn notice_body(ctx: &Ctx, m: &Meeting) -> String {
    let at = m.starts_at + TimeDelta::minutes(i64::from(ctx.settings().display_utc_offset_minutes));
    format!("{} · {} · {}", m.title, at.format("%Y-%m-%d %H:%M"), m.place)
}

/// Cancels a planned meeting; invitees are told.
pub async fn cancel(ctx: &Ctx, id: Uuid, reason: &str) -> Result<Meeting> {
    let mut m = authorized(ctx, id, Action::RunMeetings).await?;
    let reason = clean("reason", reason, 500, true)?.unwrap_or_default();
    if m.status != MeetingStatus::Planned.as_str() {
        return Err(AppError::Conflict { field: "status", key: "error-meeting-not-planned" });
    }
    let tx = ctx.db().write().await?;
    let invitees = store::invitees(&tx, id).await?;
    m.status = MeetingStatus::Cancelled.as_str().into();
    m.updated_at = ctx.now();
    let m = store::update_meeting(&tx, m).await?;
    let body = format!("{} · {}", notice_body(ctx, &m), reason);
    let mut inbox = Vec::new();
    for i in &invitees {
        inbox.push(notify::notice(ctx, To::Person(i.person_id), None, "notice-meeting-cancelled", &body)?.0);
    }
    lianxin_store::notify::insert_inbox(&tx, inbox).await?;
    record(&tx, ctx, Stale::Nothing, "meeting.cancel", "meeting", Some(&id.to_string()), "ok", json!({ "reason": reason })).await?;
    compliance::changed(ctx);
    ctx.commit(tx).await?;
    compliance::changed(ctx);
    Ok(m)
}

/// A meeting with everything recorded about it.
#[derive(Clone, Debug)]
pub struct MeetingView {
    pub meeting: Meeting,
    pub org: orgs_store::Org,
    pub invitees: Vec<Invitee>,
    pub votes: Vec<Vote>,
    /// Every version of the minutes, the first first.
    pub minutes: Vec<Minutes>,
    /// What the viewer may do to it.
    pub may_run: bool,
    pub may_approve: bool,
}

impl MeetingView {
    pub fn kind(&self) -> MeetingKind {
        MeetingKind::parse(&self.meeting.kind).unwrap_or(MeetingKind::Assembly)
    }

    pub fn count(&self, a: Attendance) -> usize {
        self.invitees.iter().filter(|i| i.attendance.as_deref() == Some(a.as_str())).count()
    }

    /// Make-up study brought to those who could not come (送学上门).
    pub fn makeups(&self) -> usize {
        self.invitees.iter().filter(|i| i.makeup_on.is_some()).count()
    }
}

pub async fn show(ctx: &Ctx, id: Uuid) -> Result<MeetingView> {
    let meeting = authorized(ctx, id, Action::ReadMeetings).await?;
    let c = ctx.db().conn();
    let org = orgs_store::org(c, meeting.org_id).await?.ok_or(AppError::NotFound)?;
    let p = path(&meeting.org_path)?;
    Ok(MeetingView {
        invitees: store::invitees(c, id).await?,
        votes: store::votes_of(c, id).await?,
        minutes: store::minutes_of(c, id).await?,
        may_run: may(ctx, Action::RunMeetings, &p),
        may_approve: may(ctx, Action::ApproveMinutes, &p),
        org,
        meeting,
    })
}

/// One page of an organization's meetings, the latest first.
#[derive(Clone, Debug)]
pub struct MeetingList {
    pub org: orgs_store::Org,
    pub meetings: Vec<Meeting>,
    /// The start of the last row, for the next page.
    pub next: Option<DateTime<Utc>>,
    pub may_run: bool,
}

pub async fn list(ctx: &Ctx, org_id: Uuid, before: Option<DateTime<Utc>>, limit: u64) -> Result<MeetingList> {
    let (org, p) = authorized_org(ctx, org_id, Action::ReadMeetings).await?;
    let limit = limit.clamp(1, 200);
    let meetings = store::meetings_of_org(ctx.db().conn(), org_id, before, limit + 1).await?;
    let (meetings, next) = if meetings.len() as u64 > limit {
        let page: Vec<Meeting> = meetings.into_iter().take(limit as usize).collect();
        let next = page.last().map(|m| m.starts_at);
        (page, next)
    } else {
        (meetings, None)
    };
    Ok(MeetingList { org, meetings, next, may_run: may(ctx, Action::RunMeetings, &p) })
}

/// The meetings the signed-in person is invited to from today on.
pub async fn mine(ctx: &Ctx, limit: u64) -> Result<Vec<Meeting>> {
    let p = ctx.principal()?;
    let Some(person) = p.person_id else { return Ok(Vec::new()) };
    let from = ctx.now() - TimeDelta::days(1);
    Ok(store::meetings_of_person(ctx.db().conn(), person, from, limit).await?)
}
