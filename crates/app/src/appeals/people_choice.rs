//! What the staff forms of appeals offer to choose from: whom an appeal may be handed to, which
//! village bodies may co-handle it, the villages and households an account files for, and the
//! organizations whose queues it reads. Each list is bounded and costs a fixed number of queries.

use lianxin_core::{accounts::Role, orgs::AreaLevel, people::BodyKind, tree::TreePath};
use lianxin_store::{ConnectionTrait, appeals as store, orgs as orgs_store, people as people_store};
use uuid::Uuid;

use super::{Village, authorized, village};
use crate::{
    Ctx, Result,
    input::path,
    policy::{Action, Decision, Target, decide},
};

/// One option of a select: the id sent back, and what the reader sees.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Choice {
    pub id: Uuid,
    pub label: String,
}

const MAX_CHOICES: u64 = 500;

/// People of a village who may handle its appeals: the party members of the organization serving
/// it, of the organization the appeal sits with now (when escalated), and the post holders of the
/// village's bodies (the village committee and the others), each once, members first.
async fn village_people<C: ConnectionTrait>(
    c: &C,
    v: &Village,
    also_org: Option<(Uuid, &str)>,
    today: chrono::NaiveDate,
) -> Result<Vec<Choice>> {
    let current = people_store::RosterFilter { statuses: vec!["probationary".into(), "full".into()], ..Default::default() };
    let mut out: Vec<Choice> = Vec::new();
    let push = |out: &mut Vec<Choice>, id: Uuid, label: String| {
        if !out.iter().any(|x| x.id == id) {
            out.push(Choice { id, label });
        }
    };
    for m in people_store::roster(c, &v.org_path, &current, MAX_CHOICES).await? {
        push(&mut out, m.person_id, m.person_name);
    }
    if let Some((org, org_path)) = also_org.filter(|(o, _)| *o != v.org.id) {
        for m in people_store::roster(c, &path(org_path)?, &current, MAX_CHOICES).await?.into_iter().filter(|m| m.org_id == org) {
            push(&mut out, m.person_id, m.person_name);
        }
    }
    // The bodies of a village are few (committee, economic organization, a cooperative or two).
    let bodies = people_store::bodies_in(c, &v.path).await?;
    let mut holders: Vec<(Uuid, String)> = Vec::new();
    for b in bodies.iter().filter(|b| b.status == "active") {
        for p in people_store::positions_in(c, None, Some(b.id), today, false).await? {
            holders.push((p.person_id, b.name.clone()));
        }
    }
    let ids: Vec<Uuid> = holders.iter().map(|(p, _)| *p).collect();
    let names = people_store::persons_by_ids(c, &ids).await?;
    for (person, body) in holders {
        if let Some(p) = names.iter().find(|p| p.id == person) {
            push(&mut out, p.id, format!("{}（{}）", p.name, body));
        }
    }
    Ok(out)
}

/// Whom an appeal may be handed to (for the reassign form of someone who may handle it).
pub async fn handlers(ctx: &Ctx, appeal: Uuid) -> Result<Vec<Choice>> {
    let a = authorized(ctx, appeal, Action::HandleAppeals).await?;
    let c = ctx.db().conn();
    let v = village(c, a.village_area_id).await?;
    village_people(c, &v, Some((a.org_id, a.org_path.as_str())), ctx.app.today()).await
}

/// Who may be designated handler of a village's bodies (for the duty matrix).
pub async fn village_handlers(ctx: &Ctx, village_id: Uuid) -> Result<Vec<Choice>> {
    let c = ctx.db().conn();
    let v = village(c, village_id).await?;
    ctx.authorize(Action::SetupAppeals, Target::Area(&v.path), "village", Some(&village_id.to_string())).await?;
    village_people(c, &v, None, ctx.app.today()).await
}

/// The active village bodies that may co-handle an appeal.
pub async fn bodies(ctx: &Ctx, appeal: Uuid) -> Result<Vec<Choice>> {
    let a = authorized(ctx, appeal, Action::HandleAppeals).await?;
    let c = ctx.db().conn();
    let vp = path(&a.village_path)?;
    // The village's own bodies, then the enterprises and cooperatives of the places above it.
    let above: Vec<String> = vp.ancestors().into_iter().map(|p| p.as_str().to_owned()).collect();
    let mut bodies = people_store::bodies_in(c, &vp).await?;
    bodies.extend(lianxin_store::enterprises::at_areas(c, &above).await?);
    Ok(bodies.into_iter().filter(|b| may_cohandle(b, &vp)).map(|b| Choice { id: b.id, label: b.name }).collect())
}

/// The villages the actor may file appeals for, in tree order.
pub async fn villages_for_filing(ctx: &Ctx) -> Result<Vec<Choice>> {
    let areas = crate::orgs::area_tree(ctx, 5000).await?;
    Ok(areas
        .into_iter()
        .filter(|a| AreaLevel::parse(&a.level) == Some(AreaLevel::Village))
        .filter(|a| {
            lianxin_core::tree::TreePath::parse(&a.path).is_some_and(|p| {
                decide(&ctx.actor, Action::FileAppeal, Target::Appeal { org: &p, village: &p, handler: None }) == Decision::Allow
            })
        })
        .map(|a| Choice { id: a.id, label: a.name })
        .collect())
}

/// The households of a village to file for: the ones linked to the actor (a member's) first, then
/// the village's others when the actor may read its people.
pub async fn households_for_filing(ctx: &Ctx, village_id: Uuid) -> Result<Vec<Choice>> {
    let c = ctx.db().conn();
    let v = village(c, village_id).await?;
    ctx.authorize(Action::FileAppeal, Target::Appeal { org: &v.org_path, village: &v.path, handler: None }, "village", None).await?;
    let label = |h: &people_store::Household| match (&h.household_no, h.address.trim()) {
        (Some(n), "") => n.clone(),
        (Some(n), a) => format!("{n} · {a}"),
        (None, a) => a.to_owned(),
    };
    let mut out: Vec<Choice> = Vec::new();
    if let Some(person) = ctx.principal()?.person_id
        && let Some(m) = people_store::member_by_person(c, person).await?
    {
        let linked = people_store::links_of_member(c, m.id).await?;
        for h in people_store::households_by_ids(c, &linked).await?.into_iter().filter(|h| h.area_id == v.area.id) {
            out.push(Choice { id: h.id, label: label(&h) });
        }
    }
    let reads = decide(&ctx.actor, Action::ReadPeople, Target::People { area: Some(&v.path), org: None, grid: None }) == Decision::Allow;
    if reads {
        for h in people_store::households(c, &v.path, None, None, MAX_CHOICES).await?.into_iter().filter(|h| h.area_id == v.area.id) {
            if !out.iter().any(|x| x.id == h.id) {
                out.push(Choice { id: h.id, label: label(&h) });
            }
        }
    }
    Ok(out)
}

/// The organizations whose queues the actor reads, with their names, the one they act for first.
pub async fn queue_orgs(ctx: &Ctx) -> Result<Vec<Choice>> {
    let mine = super::queues::my_orgs(ctx);
    if mine.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = mine.iter().map(|(id, _)| *id).collect();
    let c = ctx.db().conn();
    let names = super::cached_names(ctx, super::Named::Org, ids.iter().copied(), |ids| super::org_names(c, ids)).await?;
    Ok(ids.into_iter().map(|id| Choice { id, label: names.get(&id).cloned().unwrap_or_default() }).collect())
}

/// The areas whose duty set-up the actor may change: villages (duties) and counties (categories).
pub async fn setup_areas(ctx: &Ctx) -> Result<Vec<orgs_store::Area>> {
    let Some(p) = ctx.actor.principal() else { return Ok(Vec::new()) };
    let mut ids: Vec<Uuid> = p
        .roles
        .iter()
        .filter(|r| matches!(r.role, Role::Organizer | Role::Secretary))
        .flat_map(|r| r.areas.iter().filter_map(lianxin_core::tree::TreePath::last_id))
        .collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let (now, epoch, kept) = (ctx.now(), ctx.app.caches.epoch(), ctx.app.caches.room::<super::Kept>());
    let cache = &kept.areas;
    let (found, missing) = cache.get_many(ids, epoch, now);
    let mut areas: Vec<orgs_store::Area> = found.into_iter().map(|(_, a)| a).collect();
    for a in orgs_store::areas_by_ids(ctx.db().conn(), &missing).await? {
        cache.put(a.id, a.clone(), epoch, now);
        areas.push(a);
    }
    areas.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(areas
        .into_iter()
        .filter(|a| matches!(AreaLevel::parse(&a.level), Some(AreaLevel::Village | AreaLevel::County)))
        .filter(|a| {
            lianxin_core::tree::TreePath::parse(&a.path)
                .is_some_and(|p| decide(&ctx.actor, Action::SetupAppeals, Target::Area(&p)) == Decision::Allow)
        })
        .collect())
}

/// A county's categories for its editing page, with whether the actor may change them.
pub async fn county_categories(ctx: &Ctx, county: Uuid) -> Result<(orgs_store::Area, Vec<store::Category>, bool)> {
    let view = crate::orgs::area(ctx, county).await?;
    if AreaLevel::parse(&view.area.level) != Some(AreaLevel::County) {
        return Err(crate::AppError::NotFound);
    }
    let p = path(&view.area.path)?;
    let can_change = decide(&ctx.actor, Action::SetupAppeals, Target::Area(&p)) == Decision::Allow;
    let categories = super::setup::categories_of_county(ctx, county).await?;
    Ok((view.area, categories, can_change))
}

/// Whether a village body may co-handle a need of the village at `village`
/// (`lianxin_core::enterprises::may_cohandle`).
pub(crate) fn may_cohandle(b: &people_store::VillageBody, village: &TreePath) -> bool {
    let (Some(kind), Some(at)) = (BodyKind::parse(&b.kind), TreePath::parse(&b.area_path)) else { return false };
    lianxin_core::enterprises::may_cohandle(kind, &at, b.status == "active", village).allowed()
}
