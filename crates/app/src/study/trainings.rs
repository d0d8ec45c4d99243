//! Trainings (RULES.md §10): concentrated, skills and other training an organization records
//! with its organizer, days, hours and attendees — also those it was brought to (送学上门). The
//! hours may not exceed what the days hold (`lianxin_core::study::training_hours`).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use lianxin_core::{
    study::{self as rules, TrainingError},
    tree::TreePath,
};
use lianxin_store::{orgs as orgs_store, study as store};
use serde_json::json;
use uuid::Uuid;

use super::{Attendee, Member, Training, year_range};
use crate::{
    AppError, Checks, Ctx, Result,
    input::{clean, paragraphs, path},
    journal::{Stale, record},
    meetings::authorized_org,
    policy::{Action, Decision, Target, decide},
};

/// A training as a form gives it.
#[derive(Clone, Debug, Default)]
pub struct TrainingInput {
    pub kind: String,
    pub title: String,
    pub organizer: String,
    pub place: String,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// Study hours as written ("6", "2.5").
    pub hours: String,
    pub note: String,
    pub attendees: Vec<Uuid>,
    /// Attendees to whom the training was brought (送学上门).
    pub brought: Vec<Uuid>,
}

/// The kinds of training.
pub const TRAINING_KINDS: [&str; 3] = ["central", "skills", "other"];

/// The trainings an organization held in a year.
pub async fn trainings(ctx: &Ctx, org_id: Uuid, year: i32) -> Result<(orgs_store::Org, Vec<Training>, bool)> {
    let (org, p) = authorized_org(ctx, org_id, Action::ReadStudy).await?;
    let (from, to) = year_range(year);
    let list = store::trainings_of(ctx.db().conn(), org.id, from, to).await?;
    Ok((org, list, decide(&ctx.actor, Action::RecordStudy, Target::Org(&p)) == Decision::Allow))
}

/// The members who may be recorded as attending a training of an organization: the studying
/// members of it and of those below it.
pub async fn attendable(ctx: &Ctx, org_id: Uuid) -> Result<(orgs_store::Org, Vec<Member>)> {
    let (org, p) = authorized_org(ctx, org_id, Action::RecordStudy).await?;
    Ok((org, lianxin_store::dues::paying_members_in(ctx.db().conn(), &p).await?))
}

/// Records a training with its hours and attendees. The hours may not exceed what its days hold;
/// nothing is kept unless everything is right.
pub async fn record_training(ctx: &Ctx, org_id: Uuid, input: TrainingInput) -> Result<Training> {
    let (org, members) = attendable(ctx, org_id).await?;
    let mut checks = Checks::default();
    let title = checks.take(clean("title", &input.title, 100, true)).flatten();
    let organizer = checks.take(clean("organizer", &input.organizer, 100, true)).flatten();
    let place = checks.take(clean("place", &input.place, 100, false)).flatten().unwrap_or_default();
    let note = checks.take(paragraphs("note", &input.note, 1000, false)).flatten().unwrap_or_default();
    checks.check(!TRAINING_KINDS.contains(&input.kind.as_str()), "kind", "error-required");
    checks.check(input.starts_on.is_none(), "starts_on", "error-required");
    checks.check(input.ends_on.is_none(), "ends_on", "error-required");
    let tenths = rules::parse_hours(&input.hours);
    checks.check(tenths.is_none(), "hours", "error-study-hours");
    if let (Some(from), Some(to), Some(t)) = (input.starts_on, input.ends_on, tenths) {
        match rules::training_hours(from, to, t) {
            Err(TrainingError::Backwards) => checks.check(true, "ends_on", "error-study-backwards"),
            Err(TrainingError::TooManyHours { .. }) => checks.check(true, "hours", "error-study-training-hours"),
            Ok(_) => {}
        }
        checks.check(to > ctx.app.today(), "ends_on", "error-study-future");
    }
    let known: HashMap<Uuid, &Member> = members.iter().map(|m| (m.id, m)).collect();
    let attendees: Vec<Uuid> = {
        let mut seen = HashSet::new();
        input.attendees.iter().copied().filter(|id| seen.insert(*id)).collect()
    };
    checks.check(attendees.is_empty(), "attendees", "error-study-attendees");
    checks.check(attendees.iter().any(|id| !known.contains_key(id)), "attendees", "error-study-attendee-unknown");
    checks.check(input.brought.iter().any(|id| !attendees.contains(id)), "brought", "error-study-attendee-unknown");
    checks.finish()?;
    let (starts_on, ends_on, tenths) = (input.starts_on.expect("checked"), input.ends_on.expect("checked"), tenths.expect("checked"));
    let t = Training {
        id: Uuid::now_v7(),
        org_id: org.id,
        org_path: org.path.clone(),
        kind: input.kind,
        title: title.expect("checked"),
        organizer: organizer.expect("checked"),
        place,
        starts_on,
        ends_on,
        tenths: tenths as i32,
        note,
        recorded_by: ctx.actor_name(),
        recorded_at: ctx.now(),
    };
    let seats = attendees
        .iter()
        .map(|id| {
            let m = known[id];
            Attendee {
                training_id: t.id,
                member_id: m.id,
                person_name: m.person_name.clone(),
                org_path: m.org_path.clone(),
                brought: input.brought.contains(id),
                ends_on,
                tenths: tenths as i32,
            }
        })
        .collect::<Vec<_>>();
    let tx = ctx.db().write().await?;
    let t = store::insert_training(&tx, t, seats).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "study.training",
        "training",
        Some(&t.id.to_string()),
        "ok",
        json!({ "org_id": org.id, "tenths": tenths, "attendees": attendees.len() }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(t)
}

/// A training with its attendees.
pub async fn training(ctx: &Ctx, id: Uuid) -> Result<(Training, Vec<Attendee>)> {
    let c = ctx.db().conn();
    let Some(t) = store::training(c, id).await? else {
        let nowhere = TreePath::root(id);
        ctx.authorize(Action::ReadStudy, Target::Org(&nowhere), "training", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = path(&t.org_path)?;
    ctx.authorize(Action::ReadStudy, Target::Org(&p), "training", Some(&id.to_string())).await?;
    let seats = store::attendees_of(c, t.id).await?;
    Ok((t, seats))
}
