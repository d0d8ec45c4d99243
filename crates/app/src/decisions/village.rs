//! The villagers' and representatives' meetings that resolve a matter: the roll they are counted
//! against, read from the people records on the day, and the meeting as recorded, refused without
//! quorum with its numbers.

use chrono::NaiveDate;
use lianxin_core::{
    decisions::{Body, MatterKind},
    elections,
    rules::elections as explain_elections,
    tree::TreePath,
};
use lianxin_store::{decisions as store, orgs as orgs_store};
use uuid::Uuid;

use super::{Attendee, Matter, StepInput, VillageMeeting, count, who};
use crate::{
    AppError, Checks, Ctx, Result,
    input::{clean, path},
};

/// The roll of a villagers' or representatives' meeting on a day, from the people records.
#[derive(Clone, Debug, Default)]
pub struct Roll {
    pub adults: u64,
    pub households: u64,
    pub representatives: Vec<(Uuid, String)>,
}

/// The village's areas: those the organization serves.
async fn areas_of(ctx: &Ctx, org: Uuid) -> Result<Vec<TreePath>> {
    let c = ctx.db().conn();
    let ids = orgs_store::org_area_ids(c, org).await?;
    orgs_store::areas_by_ids(c, &ids).await?.iter().map(|a| path(&a.path)).collect()
}

/// The roll on `on`: adults and households of the village, the representatives in office.
pub async fn roll(ctx: &Ctx, org: Uuid, on: NaiveDate) -> Result<Roll> {
    let c = ctx.db().conn();
    let areas = areas_of(ctx, org).await?;
    let (adults, households) = store::adults_and_households(c, &areas, on).await?;
    Ok(Roll { adults, households, representatives: store::representatives(c, &areas, on).await? })
}

/// The villagers' or representatives' meeting that resolves, checked against its roll: refused
/// without quorum (with the numbers), or when a reserved matter goes to the representatives
/// without the villagers' meeting's delegation. Returns the meeting to record, its roll of
/// representatives and whether the resolution passed.
pub(super) async fn resolution(
    ctx: &Ctx,
    m: &Matter,
    k: MatterKind,
    input: &StepInput,
    last_on: Option<NaiveDate>,
) -> Result<(VillageMeeting, Vec<Attendee>, bool)> {
    let today = ctx.app.today();
    let mut checks = Checks::default();
    let place = checks.take(clean("place", &input.place, 200, true)).flatten();
    checks.check(input.body.is_none(), "body", "error-choose");
    super::day_checks(&mut checks, input.on, today, last_on);
    checks.check(input.yes.is_none(), "yes", "error-required");
    checks.finish()?;
    let (body, on) = (input.body.expect("checked"), input.on.expect("checked"));
    if body == Body::Representatives && k.reserved() && !input.delegated {
        return Err(AppError::invalid("body", "error-decision-reserved-villagers"));
    }
    let roll = roll(ctx, m.org_id, on).await?;
    let (yes, no, abstain) = (input.yes.unwrap_or(0), input.no.unwrap_or(0), input.abstain.unwrap_or(0));
    let cast = yes.saturating_add(no).saturating_add(abstain);
    let mut vm = VillageMeeting {
        id: Uuid::now_v7(),
        org_id: m.org_id,
        org_path: m.org_path.clone(),
        body: body.as_str().into(),
        held_on: on,
        place: place.expect("checked"),
        topic: m.title.clone(),
        adults: count(roll.adults),
        households: count(roll.households),
        representatives: count(roll.representatives.len() as u64),
        adults_present: 0,
        households_present: 0,
        representatives_present: 0,
        recorded_by: who(ctx),
        created_at: ctx.now(),
    };
    let too_many = |field: &'static str| AppError::invalid(field, "error-vote-exceeds-present");
    match body {
        Body::Villagers => {
            let (ap, hp) = (input.adults_present.unwrap_or(0), input.households_present.unwrap_or(0));
            if roll.adults == 0 || roll.households == 0 {
                return Err(AppError::invalid("body", "error-decision-no-roll"));
            }
            let v = elections::villagers_meeting(roll.adults, ap, roll.households, hp, Some(yes)).map_err(|e| match e.field() {
                "yes" => too_many("yes"),
                "household_reps_present" => AppError::invalid("households_present", "error-decision-over-roll"),
                _ => AppError::invalid("adults_present", "error-decision-over-roll"),
            })?;
            if !v.quorum {
                return Err(AppError::Rule {
                    field: "adults_present",
                    key: "error-decision-no-quorum",
                    reasons: explain_elections::villagers_reasons(&v, None),
                });
            }
            if cast > v.present {
                return Err(too_many("yes"));
            }
            (vm.adults_present, vm.households_present) = (count(ap), count(hp));
            Ok((vm, Vec::new(), v.passes == Some(true)))
        }
        Body::Representatives => {
            if roll.representatives.is_empty() {
                return Err(AppError::invalid("body", "error-decision-no-representatives"));
            }
            let on_roll = |p: &Uuid| roll.representatives.iter().any(|(id, _)| id == p);
            if !input.present.iter().all(on_roll) {
                return Err(AppError::invalid("present", "error-decision-not-on-roll"));
            }
            let present = roll.representatives.iter().filter(|(id, _)| input.present.contains(id)).count() as u64;
            let v = elections::representatives_meeting(roll.representatives.len() as u64, present, yes).map_err(|_| too_many("yes"))?;
            if !v.quorum {
                return Err(AppError::Rule {
                    field: "present",
                    key: "error-decision-no-quorum",
                    reasons: explain_elections::representatives_reasons(&v),
                });
            }
            if cast > present {
                return Err(too_many("yes"));
            }
            vm.representatives_present = count(present);
            let attendees = roll
                .representatives
                .iter()
                .map(|(id, name)| Attendee {
                    meeting_id: vm.id,
                    person_id: *id,
                    person_name: name.clone(),
                    present: input.present.contains(id),
                })
                .collect();
            Ok((vm, attendees, v.passes))
        }
    }
}
