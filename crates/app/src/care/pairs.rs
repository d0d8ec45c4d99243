//! Strong-helps-weak pairs (RULES.md §10, pairing): a full member helps another member towards a
//! goal for a period, and each contact is recorded — by the helper, or by the branch for them.

use chrono::NaiveDate;
use lianxin_core::{
    care::{self as rules, PairError},
    tree::TreePath,
};
use lianxin_store::{care as store, orgs as orgs_store};
use serde_json::json;
use uuid::Uuid;

use super::{Pair, PairContact, member_within, year_range};
use crate::{
    AppError, Checks, Ctx, Result,
    input::{paragraphs, path},
    journal::{Stale, record},
    meetings::authorized_org,
    policy::{Action, Decision, Target, decide},
};

/// A pair as a form gives it.
#[derive(Clone, Debug, Default)]
pub struct PairInput {
    pub helper: Option<Uuid>,
    pub helped: Option<Uuid>,
    pub goal: String,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
}

/// A pair with how many contacts it has had and the latest.
#[derive(Clone, Debug)]
pub struct PairLine {
    pub pair: Pair,
    pub contacts: i64,
    pub last: Option<NaiveDate>,
}

/// The pairs of an organization and those below it whose period touches the year.
pub async fn pairs(ctx: &Ctx, org_id: Uuid, year: i32) -> Result<(orgs_store::Org, Vec<PairLine>, bool)> {
    let (org, p) = authorized_org(ctx, org_id, Action::ReadCare).await?;
    let c = ctx.db().conn();
    let (from, to) = year_range(year);
    let list = store::pairs_in(c, &p, from, to).await?;
    let counts = store::pair_contact_counts(c, &list.iter().map(|p| p.id).collect::<Vec<_>>()).await?;
    let lines = list
        .into_iter()
        .map(|pair| {
            let (contacts, last) = counts.get(&pair.id).map_or((0, None), |(n, d)| (*n, Some(*d)));
            PairLine { pair, contacts, last }
        })
        .collect();
    Ok((org, lines, decide(&ctx.actor, Action::RecordCare, Target::Org(&p)) == Decision::Allow))
}

/// Sets up a pair: the helper a full member, someone else helped, the period the right way round
/// (`lianxin_core::care::pair`). Nothing is kept unless everything is right.
pub async fn create_pair(ctx: &Ctx, org_id: Uuid, input: PairInput) -> Result<Pair> {
    let (org, p) = authorized_org(ctx, org_id, Action::RecordCare).await?;
    let mut checks = Checks::default();
    let member = async |id: Option<Uuid>, field: &'static str, checks: &mut Checks| match id {
        Some(id) => checks.take(member_within(ctx, id, &p, field).await),
        None => {
            checks.check(true, field, "error-required");
            None
        }
    };
    let helper = member(input.helper, "helper", &mut checks).await;
    let helped = member(input.helped, "helped", &mut checks).await;
    let goal = checks.take(paragraphs("goal", &input.goal, 500, true)).flatten();
    checks.check(input.starts_on.is_none(), "starts_on", "error-required");
    checks.check(input.ends_on.is_none(), "ends_on", "error-required");
    if let (Some(h), Some(w), Some(from), Some(to)) = (&helper, &helped, input.starts_on, input.ends_on) {
        match rules::pair(h.id, &h.status, w.id, from, to) {
            Err(PairError::SamePerson) => checks.check(true, "helped", "error-care-pair-same"),
            Err(PairError::HelperNotFull) => checks.check(true, "helper", "error-care-pair-helper"),
            Err(PairError::Backwards) => checks.check(true, "ends_on", "error-care-backwards"),
            Ok(()) => {}
        }
    }
    checks.finish()?;
    let (h, w) = (helper.expect("checked"), helped.expect("checked"));
    let pair = Pair {
        id: Uuid::now_v7(),
        org_id: org.id,
        org_path: org.path.clone(),
        helper_id: h.id,
        helper_person_id: h.person_id,
        helper_name: h.person_name,
        helped_id: w.id,
        helped_name: w.person_name,
        goal: goal.expect("checked"),
        starts_on: input.starts_on.expect("checked"),
        ends_on: input.ends_on.expect("checked"),
        recorded_by: ctx.actor_name(),
        recorded_at: ctx.now(),
    };
    let tx = ctx.db().write().await?;
    let pair = store::insert_pair(&tx, pair).await?;
    record(&tx, ctx, Stale::Nothing, "care.pair", "pair", Some(&pair.id.to_string()), "ok", json!({ "helper": h.id, "helped": w.id }))
        .await?;
    ctx.commit(tx).await?;
    Ok(pair)
}

/// A pair, checked for `action`: reading it is the branch's, or the helper's own; logging a
/// contact is the helper's own, or the branch's for them.
async fn authorized_pair(ctx: &Ctx, id: Uuid, action: Action) -> Result<(Pair, TreePath)> {
    let Some(pair) = store::pair(ctx.db().conn(), id).await? else {
        let nowhere = TreePath::root(id);
        ctx.authorize(action, Target::Org(&nowhere), "pair", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = path(&pair.org_path)?;
    super::authorize_own(ctx, action, pair.helper_person_id, &p, "pair", &id.to_string()).await?;
    Ok((pair, p))
}

/// A pair with its contacts, and whether the viewer may log one.
pub async fn pair(ctx: &Ctx, id: Uuid) -> Result<(Pair, Vec<PairContact>, bool)> {
    let (pair, p) = authorized_pair(ctx, id, Action::ReadCare).await?;
    let contacts = store::pair_contacts(ctx.db().conn(), pair.id).await?;
    let may = decide(&ctx.actor, Action::LogContact, Target::Own { person: pair.helper_person_id, org: &p }) == Decision::Allow;
    Ok((pair, contacts, may))
}

/// Logs a contact in a pair: on a day inside the pair's period, not in the future.
pub async fn log_pair_contact(ctx: &Ctx, id: Uuid, on: Option<NaiveDate>, note: &str) -> Result<PairContact> {
    let (pair, _) = authorized_pair(ctx, id, Action::LogContact).await?;
    let mut checks = Checks::default();
    let note = checks.take(paragraphs("note", note, 1000, true)).flatten();
    checks.check(on.is_none(), "contacted_on", "error-required");
    checks.check(on.is_some_and(|d| d > ctx.app.today()), "contacted_on", "error-care-future");
    checks.check(on.is_some_and(|d| d < pair.starts_on || d > pair.ends_on), "contacted_on", "error-care-outside-period");
    checks.finish()?;
    let x = PairContact {
        id: Uuid::now_v7(),
        pair_id: pair.id,
        contacted_on: on.expect("checked"),
        note: note.expect("checked"),
        recorded_by: ctx.actor_name(),
        recorded_at: ctx.now(),
    };
    let tx = ctx.db().write().await?;
    let x = store::insert_pair_contact(&tx, x).await?;
    record(&tx, ctx, Stale::Nothing, "care.pair_contact", "pair", Some(&pair.id.to_string()), "ok", json!({ "on": x.contacted_on }))
        .await?;
    ctx.commit(tx).await?;
    Ok(x)
}
