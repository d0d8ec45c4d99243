//! Households (户), grids (网格) with their leaders, village bodies, and the links between members
//! and the households they look after (联户).

use lianxin_core::{
    orgs::AreaLevel,
    people::{BodyKind, link_count_finding},
    tree::TreePath,
};
use lianxin_store::{orgs as orgs_store, people as store};
use serde_json::json;
use uuid::Uuid;

use super::{authorized_member, clean, path, persons::village_of};
use crate::journal::Stale;
use crate::{
    AppError, Ctx, Result,
    journal::record,
    policy::{Action, Decision, Target, decide},
};

async fn village_area(ctx: &Ctx, area_id: Uuid, action: Action) -> Result<(orgs_store::Area, TreePath)> {
    let a = orgs_store::area(ctx.db().conn(), area_id).await?.ok_or(AppError::invalid("area_id", "error-unknown-area"))?;
    if !matches!(AreaLevel::parse(&a.level), Some(AreaLevel::Village | AreaLevel::Group)) {
        return Err(AppError::invalid("area_id", "error-area-village"));
    }
    let p = path(&a.path)?;
    ctx.authorize(action, Target::People { area: Some(&p), org: None, grid: None }, "area", Some(&area_id.to_string())).await?;
    Ok((a, p))
}

/// A new household.
#[derive(Clone, Debug, Default)]
pub struct HouseholdInput {
    pub area_id: Uuid,
    pub household_no: String,
    pub address: String,
    pub grid_id: Option<Uuid>,
}

pub async fn create_household(ctx: &Ctx, input: HouseholdInput) -> Result<store::Household> {
    let (area, p) = village_area(ctx, input.area_id, Action::ChangePeople).await?;
    let address = clean("address", &input.address, 200, false)?.unwrap_or_default();
    let no = clean("household_no", &input.household_no, 40, false)?;
    if let Some(g) = input.grid_id {
        check_grid(ctx, g, &p).await?;
    }
    let now = ctx.now();
    let h = store::Household {
        id: Uuid::now_v7(),
        area_id: area.id,
        area_path: area.path,
        grid_id: input.grid_id,
        head_person_id: None,
        household_no: no,
        address,
        created_at: now,
        updated_at: now,
    };
    let tx = ctx.db().write().await?;
    let h = store::insert_household(&tx, h).await?;
    record(&tx, ctx, Stale::Access, "household.create", "household", Some(&h.id.to_string()), "ok", json!({ "area": h.area_id })).await?;
    ctx.commit(tx).await?;
    Ok(h)
}

async fn check_grid(ctx: &Ctx, grid: Uuid, area: &TreePath) -> Result<store::Grid> {
    let g = store::grid(ctx.db().conn(), grid).await?.ok_or(AppError::invalid("grid_id", "error-unknown-grid"))?;
    if !area.is_within(&path(&g.area_path)?) && !path(&g.area_path)?.is_within(&village_of(area)) {
        return Err(AppError::invalid("grid_id", "error-grid-elsewhere"));
    }
    Ok(g)
}

async fn authorized_household(ctx: &Ctx, id: Uuid, action: Action) -> Result<(store::Household, TreePath)> {
    let Some(h) = store::household(ctx.db().conn(), id).await? else {
        let nowhere = TreePath::root(id);
        ctx.authorize(action, Target::People { area: Some(&nowhere), org: None, grid: None }, "household", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = path(&h.area_path)?;
    ctx.authorize(action, Target::People { area: Some(&p), org: None, grid: h.grid_id }, "household", Some(&id.to_string())).await?;
    Ok((h, p))
}

/// Puts a household in a grid and names its head.
pub async fn update_household(ctx: &Ctx, id: Uuid, grid: Option<Uuid>, head: Option<Uuid>, address: &str) -> Result<store::Household> {
    let (mut h, p) = authorized_household(ctx, id, Action::ChangePeople).await?;
    if let Some(g) = grid {
        check_grid(ctx, g, &p).await?;
    }
    if let Some(head) = head {
        let person = store::person(ctx.db().conn(), head).await?.ok_or(AppError::invalid("head_person_id", "error-unknown-person"))?;
        if person.household_id != Some(id) {
            return Err(AppError::invalid("head_person_id", "error-head-not-in-household"));
        }
    }
    h.grid_id = grid;
    h.head_person_id = head;
    h.address = clean("address", address, 200, false)?.unwrap_or_default();
    h.updated_at = ctx.now();
    let tx = ctx.db().write().await?;
    let h = store::update_household(&tx, h).await?;
    record(&tx, ctx, Stale::Access, "household.update", "household", Some(&id.to_string()), "ok", json!({ "grid": grid, "head": head }))
        .await?;
    ctx.commit(tx).await?;
    Ok(h)
}

/// A household with its people and the members linked to it.
#[derive(Clone, Debug)]
pub struct HouseholdView {
    pub household: store::Household,
    pub area: Option<orgs_store::Area>,
    pub grid: Option<store::Grid>,
    pub people: Vec<store::Person>,
    pub linked_members: Vec<store::Member>,
    pub can_change: bool,
}

pub async fn household(ctx: &Ctx, id: Uuid) -> Result<HouseholdView> {
    let (household, p) = authorized_household(ctx, id, Action::ReadPeople).await?;
    let c = ctx.db().conn();
    let area = orgs_store::area(c, household.area_id).await?;
    let grid = match household.grid_id {
        Some(g) => store::grid(c, g).await?,
        None => None,
    };
    let people = store::persons_in_household(c, id).await?;
    let linked_members = store::members_by_ids(c, &store::links_of_household(c, id).await?).await?;
    let can_change =
        decide(&ctx.actor, Action::ChangePeople, Target::People { area: Some(&p), org: None, grid: household.grid_id }) == Decision::Allow;
    Ok(HouseholdView { household, area, grid, people, linked_members, can_change })
}

/// Households of a village (or one of its grids), keyset by id.
pub async fn households(ctx: &Ctx, area_id: Uuid, grid: Option<Uuid>, after: Option<Uuid>, limit: u64) -> Result<Vec<store::Household>> {
    let c = ctx.db().conn();
    if let Some(g) = grid {
        // A grid leader may list their grid even without the village.
        let gr = store::grid(c, g).await?.ok_or(AppError::NotFound)?;
        if gr.area_id != area_id {
            return Err(AppError::NotFound);
        }
        let gp = path(&gr.area_path)?;
        ctx.authorize(Action::ReadPeople, Target::People { area: Some(&gp), org: None, grid: Some(g) }, "grid", Some(&g.to_string()))
            .await?;
        return Ok(store::households(c, &gp, Some(g), after, limit.min(500)).await?);
    }
    let (_, p) = village_area(ctx, area_id, Action::ReadPeople).await?;
    Ok(store::households(c, &p, None, after, limit.min(500)).await?)
}

/// A grid, for whoever may read its households (a grid leader may, without the village).
pub async fn grid(ctx: &Ctx, id: Uuid) -> Result<store::Grid> {
    let g = store::grid(ctx.db().conn(), id).await?.ok_or(AppError::NotFound)?;
    let gp = path(&g.area_path)?;
    ctx.authorize(Action::ReadPeople, Target::People { area: Some(&gp), org: None, grid: Some(id) }, "grid", Some(&id.to_string())).await?;
    Ok(g)
}

pub async fn create_grid(ctx: &Ctx, village: Uuid, name: &str, leader: Option<Uuid>) -> Result<store::Grid> {
    let (area, p) = village_area(ctx, village, Action::ChangePeople).await?;
    if p != village_of(&p) {
        return Err(AppError::invalid("area_id", "error-area-village"));
    }
    let name = crate::input::name("name", name, 100, true)?.unwrap_or_default();
    if let Some(l) = leader {
        super::authorized_person(ctx, l, Action::ChangePeople).await?;
    }
    let now = ctx.now();
    let g = store::Grid {
        id: Uuid::now_v7(),
        area_id: area.id,
        area_path: area.path,
        name,
        leader_person_id: leader,
        created_at: now,
        updated_at: now,
    };
    let tx = ctx.db().write().await?;
    let g = store::insert_grid(&tx, g).await?;
    record(&tx, ctx, Stale::Access, "grid.create", "grid", Some(&g.id.to_string()), "ok", json!({ "name": g.name })).await?;
    ctx.commit(tx).await?;
    Ok(g)
}

pub async fn grids(ctx: &Ctx, village: Uuid) -> Result<Vec<store::Grid>> {
    let (_, p) = village_area(ctx, village, Action::ReadPeople).await?;
    Ok(store::grids_in(ctx.db().conn(), &p).await?)
}

/// A village body led by a party organization.
#[derive(Clone, Debug)]
pub struct BodyInput {
    pub area_id: Uuid,
    pub kind: BodyKind,
    pub name: String,
    pub leading_org_id: Option<Uuid>,
}

pub async fn create_body(ctx: &Ctx, input: BodyInput) -> Result<store::VillageBody> {
    let (area, _) = village_area(ctx, input.area_id, Action::ChangePeople).await?;
    let name = crate::input::name("name", &input.name, 200, true)?.unwrap_or_default();
    if let Some(o) = input.leading_org_id {
        let org = orgs_store::org(ctx.db().conn(), o).await?.ok_or(AppError::invalid("leading_org_id", "error-unknown-org"))?;
        let op = path(&org.path)?;
        if org.status != "active" || decide(&ctx.actor, Action::ReadOrg, Target::Org(&op)) != Decision::Allow {
            return Err(AppError::invalid("leading_org_id", "error-unknown-org"));
        }
    }
    let now = ctx.now();
    let b = store::VillageBody {
        id: Uuid::now_v7(),
        area_id: area.id,
        area_path: area.path,
        kind: input.kind.as_str().into(),
        name,
        leading_org_id: input.leading_org_id,
        status: "active".into(),
        created_at: now,
        updated_at: now,
    };
    let tx = ctx.db().write().await?;
    let b = store::insert_body(&tx, b).await?;
    record(
        &tx,
        ctx,
        Stale::Access,
        "body.create",
        "village_body",
        Some(&b.id.to_string()),
        "ok",
        json!({ "kind": b.kind, "name": b.name }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(b)
}

pub async fn bodies(ctx: &Ctx, village: Uuid) -> Result<Vec<store::VillageBody>> {
    let (_, p) = village_area(ctx, village, Action::ReadPeople).await?;
    Ok(store::bodies_in(ctx.db().conn(), &p).await?)
}

/// Links a member to a household they look after; returns a warning when the member's count of
/// linked households leaves the usual range (5–10 by default, RULES.md §8).
pub async fn link(ctx: &Ctx, member: Uuid, household_id: Uuid) -> Result<Option<(u64, u64, u64)>> {
    let c = ctx.db().conn();
    let (m, _) = authorized_member(ctx, member, Action::ChangePeople).await?;
    let (h, _) = authorized_household(ctx, household_id, Action::ChangePeople).await?;
    let tx = ctx.db().write().await?;
    store::link(&tx, m.id, h.id, ctx.app.today()).await?;
    record(&tx, ctx, Stale::Access, "link.create", "member", Some(&member.to_string()), "ok", json!({ "household": h.id })).await?;
    ctx.commit(tx).await?;
    let n = store::links_of_member(c, member).await?.len() as u64;
    let s = &ctx.settings().people;
    Ok(link_count_finding(n, s.linked_households_min, s.linked_households_max))
}

pub async fn unlink(ctx: &Ctx, member: Uuid, household_id: Uuid) -> Result<()> {
    authorized_member(ctx, member, Action::ChangePeople).await?;
    let tx = ctx.db().write().await?;
    if store::unlink(&tx, member, household_id).await? == 0 {
        return Err(AppError::NotFound);
    }
    record(&tx, ctx, Stale::Access, "link.remove", "member", Some(&member.to_string()), "ok", json!({ "household": household_id })).await?;
    ctx.commit(tx).await?;
    Ok(())
}
