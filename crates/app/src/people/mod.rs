//! People: persons and households, grids, village bodies, member records, positions and terms,
//! member–household links, transfers, and spreadsheet import and export. Sensitive fields are
//! encrypted at rest, shown masked, revealed only with a permission, and every reveal is audited.

pub mod export;
pub mod households;
pub mod import;
pub mod members;
pub mod persons;
pub mod positions;
pub mod transfers;

use lianxin_core::tree::{Scope, TreePath};
use lianxin_store::{orgs as orgs_store, people as store};
use uuid::Uuid;

use crate::{
    Actor, AppError, Ctx, Result,
    policy::{Action, Target},
};

/// The rows pages and the API show.
pub use lianxin_store::people::{Grid, Household, Import, Member, MemberHistory, Person, Position, RosterFilter, Transfer, VillageBody};

pub(crate) use crate::input::{clean, path};

/// The area and organization subtrees in which the actor may `action` on people.
pub(crate) fn people_scope(ctx: &Ctx, action: Action) -> Result<(Scope, Scope)> {
    match &ctx.actor {
        Actor::System(_) => Err(AppError::internal("people_scope needs an account")),
        Actor::Anonymous => Err(AppError::Unauthenticated),
        Actor::Account(p) => {
            let roles: Vec<_> = p
                .roles
                .iter()
                .filter(|r| crate::policy::role_allows(r.role, action) && r.role != lianxin_core::accounts::Role::GridLeader)
                .collect();
            let areas = Scope::new(roles.iter().flat_map(|r| r.areas.iter().cloned()));
            let orgs = Scope::new(roles.iter().filter_map(|r| r.org.clone()));
            Ok((areas, orgs))
        }
    }
}

/// What a person record is attached to, for policy: where they live, the organization they belong
/// to (members), and their household's grid.
pub(crate) struct PersonPlace {
    pub area: TreePath,
    pub org: Option<TreePath>,
    pub grid: Option<Uuid>,
}

pub(crate) async fn place_of<C: lianxin_store::ConnectionTrait>(c: &C, p: &store::Person) -> Result<PersonPlace> {
    let member = store::member_by_person(c, p.id).await?;
    let grid = match p.household_id {
        Some(h) => store::household(c, h).await?.and_then(|h| h.grid_id),
        None => None,
    };
    Ok(PersonPlace { area: path(&p.area_path)?, org: member.map(|m| path(&m.org_path)).transpose()?, grid })
}

impl PersonPlace {
    pub fn target(&self) -> Target<'_> {
        Target::People { area: Some(&self.area), org: self.org.as_ref(), grid: self.grid }
    }
}

/// Loads a person the actor may `action` on; unknown and out-of-scope ids look alike (404).
pub(crate) async fn authorized_person(ctx: &Ctx, id: Uuid, action: Action) -> Result<(store::Person, PersonPlace)> {
    let c = ctx.db().conn();
    let Some(p) = store::person(c, id).await? else {
        let nowhere = TreePath::root(id);
        ctx.authorize(action, Target::People { area: Some(&nowhere), org: None, grid: None }, "person", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let place = place_of(c, &p).await?;
    ctx.authorize(action, place.target(), "person", Some(&id.to_string())).await?;
    Ok((p, place))
}

/// Loads a member record the actor may `action` on (by the organization it belongs to);
/// unknown and out-of-scope ids look alike (404).
pub(crate) async fn authorized_member(ctx: &Ctx, id: Uuid, action: Action) -> Result<(store::Member, TreePath)> {
    let Some(m) = store::member(ctx.db().conn(), id).await? else {
        let nowhere = TreePath::root(id);
        ctx.authorize(action, Target::People { area: None, org: Some(&nowhere), grid: None }, "member", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = path(&m.org_path)?;
    ctx.authorize(action, Target::People { area: None, org: Some(&p), grid: None }, "member", Some(&id.to_string())).await?;
    Ok((m, p))
}

/// Loads an organization for people work (its roster, its members' placement).
pub(crate) async fn authorized_org(ctx: &Ctx, id: Uuid, action: Action) -> Result<(orgs_store::Org, TreePath)> {
    let Some(o) = crate::orgs::org_for_reading(ctx, id).await? else {
        let nowhere = TreePath::root(id);
        ctx.authorize(action, Target::People { area: None, org: Some(&nowhere), grid: None }, "org", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = path(&o.path)?;
    ctx.authorize(action, Target::People { area: None, org: Some(&p), grid: None }, "org", Some(&id.to_string())).await?;
    Ok((o, p))
}
