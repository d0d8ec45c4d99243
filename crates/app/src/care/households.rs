//! Members and the households linked to them (联户, RULES.md §8): each contact logged by the
//! member (or by the branch for them), how long each household has gone without one, and the
//! list of those not contacted for more than the days the setting allows.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use lianxin_core::paging::{Shown, Window};
use lianxin_core::{
    care::{self as rules, CONTACT_KINDS, Contact},
    tree::TreePath,
};
use lianxin_store::{care as store, orgs as orgs_store};
use serde_json::json;
use uuid::Uuid;

use super::{HouseholdContact, Member, Pair, year_range};
use crate::{
    AppError, Checks, Ctx, Result,
    input::{paragraphs, path},
    journal::{Stale, record},
    meetings::authorized_org,
    policy::{Action, Decision, Target, decide},
};

/// A member's link to a household with how long it went without contact.
#[derive(Clone, Debug)]
pub struct LinkLine {
    pub link: store::Link,
    /// The household in words: its address and its head.
    pub household: String,
    pub contact: Contact,
    /// Whether a practical service was logged this year (one a year is due).
    pub served: bool,
}

async fn lines(ctx: &Ctx, links: Vec<store::Link>) -> Result<Vec<LinkLine>> {
    let c = ctx.db().conn();
    let today = ctx.app.today();
    let members: Vec<Uuid> = links.iter().map(|l| l.member_id).collect::<HashSet<_>>().into_iter().collect();
    let last = store::last_contacts(c, &members).await?;
    let (from, to) = year_range(today.year());
    let served: HashSet<(Uuid, Uuid)> = store::served_in(c, &members, from, to).await?.into_iter().collect();
    let ids: Vec<Uuid> = links.iter().map(|l| l.household_id).collect::<HashSet<_>>().into_iter().collect();
    let households: HashMap<Uuid, _> = lianxin_store::people::households_by_ids(c, &ids).await?.into_iter().map(|h| (h.id, h)).collect();
    let heads: Vec<Uuid> = households.values().filter_map(|h| h.head_person_id).collect();
    let names: HashMap<Uuid, String> =
        lianxin_store::people::persons_by_ids(c, &heads).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let limit = ctx.app.settings.care.contact_days;
    Ok(links
        .into_iter()
        .map(|link| {
            let key = (link.member_id, link.household_id);
            let household =
                households.get(&link.household_id).map_or_else(String::new, |h| match h.head_person_id.and_then(|p| names.get(&p)) {
                    Some(head) => format!("{}（{head}）", h.address),
                    None => h.address.clone(),
                });
            LinkLine {
                contact: rules::contact(link.since, last.get(&key).copied(), today, limit),
                served: served.contains(&key),
                household,
                link,
            }
        })
        .collect())
}

/// The households of an organization's members not contacted for more than the days allowed
/// (all links when `all`), longest first, with how many links there are.
pub async fn not_contacted(ctx: &Ctx, org_id: Uuid, all: bool) -> Result<(orgs_store::Org, Vec<LinkLine>, usize)> {
    let (org, p) = authorized_org(ctx, org_id, Action::ReadCare).await?;
    let links = store::links_in(ctx.db().conn(), &p).await?;
    let total = links.len();
    let mut out: Vec<LinkLine> = lines(ctx, links).await?.into_iter().filter(|l| all || l.contact.overdue).collect();
    out.sort_by(|a, b| b.contact.days.cmp(&a.contact.days).then_with(|| a.link.person_name.cmp(&b.link.person_name)));
    Ok((org, out, total))
}

/// The viewer's own care work: the households linked to them and the pairs they help in.
#[derive(Clone, Debug, Default)]
pub struct Mine {
    pub member: Option<Member>,
    pub links: Vec<LinkLine>,
    pub pairs: Vec<Pair>,
}

pub async fn mine(ctx: &Ctx) -> Result<Mine> {
    let Some(person) = ctx.actor.principal().and_then(|p| p.person_id) else {
        return Err(AppError::Forbidden);
    };
    let c = ctx.db().conn();
    let Some(m) = lianxin_store::people::member_by_person(c, person).await? else { return Ok(Mine::default()) };
    let mut links = lines(ctx, store::links_of(c, &m).await?).await?;
    links.sort_by_key(|l| std::cmp::Reverse(l.contact.days));
    let pairs = store::pairs_helped_by(c, person).await?;
    Ok(Mine { member: Some(m), links, pairs })
}

/// A member's link to a household, checked for `action`: the member's own, or the branch's.
async fn authorized_link(ctx: &Ctx, member_id: Uuid, household_id: Uuid, action: Action) -> Result<(Member, LinkLine, TreePath)> {
    let c = ctx.db().conn();
    let m = lianxin_store::people::member(c, member_id).await?;
    let Some(m) = m else {
        let nowhere = TreePath::root(member_id);
        ctx.authorize(action, Target::Org(&nowhere), "household_link", Some(&member_id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = path(&m.org_path)?;
    super::authorize_own(ctx, action, m.person_id, &p, "member", &member_id.to_string()).await?;
    let Some(link) = store::links_of(c, &m).await?.into_iter().find(|l| l.household_id == household_id) else {
        return Err(AppError::NotFound);
    };
    let line = lines(ctx, vec![link]).await?.remove(0);
    Ok((m, line, p))
}

/// A member's link to a household as its page shows it.
pub struct HouseholdView {
    pub line: LinkLine,
    /// One page of the contacts, newest first.
    pub contacts: Shown<HouseholdContact>,
    /// How many contacts there are in all.
    pub total: u64,
    /// Whether the viewer may log a contact.
    pub may_log: bool,
}

/// A member's link to a household with a page of its contacts, and whether the viewer may log one.
pub async fn household(ctx: &Ctx, member_id: Uuid, household_id: Uuid, w: Window) -> Result<HouseholdView> {
    let (m, line, p) = authorized_link(ctx, member_id, household_id, Action::ReadCare).await?;
    let c = ctx.db().conn();
    let contacts = Shown::of(store::household_contacts(c, member_id, household_id, w).await?, w);
    let total = store::count_household_contacts(c, member_id, household_id).await?;
    let may_log = decide(&ctx.actor, Action::LogContact, Target::Own { person: m.person_id, org: &p }) == Decision::Allow;
    Ok(HouseholdView { line, contacts, total, may_log })
}

/// A contact with a household as a form gives it.
#[derive(Clone, Debug, Default)]
pub struct ContactInput {
    pub on: Option<NaiveDate>,
    pub kind: String,
    pub note: String,
}

/// Logs a member's contact with a household linked to them: on a day from the link's first day
/// to today, of a known kind, with what was talked about or done.
pub async fn log_household_contact(ctx: &Ctx, member_id: Uuid, household_id: Uuid, input: ContactInput) -> Result<HouseholdContact> {
    let (m, line, _) = authorized_link(ctx, member_id, household_id, Action::LogContact).await?;
    let mut checks = Checks::default();
    checks.check(!CONTACT_KINDS.contains(&input.kind.as_str()), "kind", "error-required");
    let note = checks.take(paragraphs("note", &input.note, 500, true)).flatten();
    checks.check(input.on.is_none(), "contacted_on", "error-required");
    checks.check(input.on.is_some_and(|d| d > ctx.app.today()), "contacted_on", "error-care-future");
    checks.check(input.on.is_some_and(|d| d < line.link.since), "contacted_on", "error-care-before-link");
    checks.finish()?;
    let x = HouseholdContact {
        id: Uuid::now_v7(),
        member_id: m.id,
        household_id,
        org_path: m.org_path.clone(),
        contacted_on: input.on.expect("checked"),
        kind: input.kind,
        note: note.expect("checked"),
        recorded_by: ctx.actor_name(),
        recorded_at: ctx.now(),
    };
    let tx = ctx.db().write().await?;
    let x = store::insert_household_contact(&tx, x).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "care.household_contact",
        "member",
        Some(&member_id.to_string()),
        "ok",
        json!({ "household_id": household_id, "on": x.contacted_on, "kind": x.kind }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(x)
}
