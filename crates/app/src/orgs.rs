//! Areas and party organizations: the trees every scope hangs on. Moving or merging keeps every
//! path consistent in one transaction; nothing is ever deleted.

use chrono::NaiveDate;
use lianxin_core::{
    accounts::Role,
    audit::OK,
    orgs::{AreaLevel, OrgBasis, OrgKind, OrgStatus, check_placement, valid_area_code},
    tree::{Scope, TreePath, check_move},
};
use lianxin_store::orgs::{self as store, OrgPatch};
use serde_json::json;
use uuid::Uuid;

use crate::journal::Stale;
use crate::{
    Actor, AppError, Ctx, Result,
    journal::record,
    policy::{Action, Decision, Target, decide},
};

/// The rows pages and the API show.
pub use lianxin_store::orgs::{Area, Org, OrgFilter};

// ---- areas ----

/// A new area, as parsed from a form or the API.
#[derive(Clone, Debug)]
pub struct AreaNew {
    pub parent: Option<Uuid>,
    /// Needed only for a root area; a child is one level below its parent.
    pub level: Option<AreaLevel>,
    pub code: String,
    pub name: String,
}

pub async fn create_area(ctx: &Ctx, new: AreaNew) -> Result<Area> {
    let db = ctx.db().conn();
    let name = crate::input::name("name", &new.name, 100, true).map(Option::unwrap_or_default)?;
    let code = new.code.trim().to_owned();
    let id = Uuid::now_v7();
    let (level, parent_id, path) = match new.parent {
        Some(pid) => {
            let Some(parent) = store::area(db, pid).await? else {
                ctx.authorize(Action::ChangeArea, Target::Area(&TreePath::root(pid)), "area", Some(&pid.to_string())).await?;
                return Err(AppError::NotFound);
            };
            let pp = crate::input::path(&parent.path)?;
            ctx.authorize(Action::ChangeArea, Target::Area(&pp), "area", Some(&pid.to_string())).await?;
            let level = AreaLevel::parse(&parent.level)
                .and_then(AreaLevel::child_level)
                .ok_or(AppError::invalid("parent_id", "error-area-no-children"))?;
            (level, Some(pid), TreePath::child(&pp, id))
        }
        None => {
            if !matches!(ctx.actor, Actor::System(_)) {
                return Err(AppError::invalid("parent_id", "error-parent-required"));
            }
            (new.level.ok_or(AppError::invalid("level", "error-required"))?, None, TreePath::root(id))
        }
    };
    if !valid_area_code(level, &code) {
        return Err(AppError::invalid("code", "error-area-code"));
    }
    let now = ctx.now();
    let a = Area { id, code, name, level: level.as_str().into(), parent_id, path: path.as_str().into(), created_at: now, updated_at: now };
    let tx = ctx.db().write().await?;
    let a = store::insert_area(&tx, a).await.map_err(AppError::on_unique("uq_areas_code", "code", "error-area-code-taken"))?;
    record(&tx, ctx, Stale::Access, "area.create", "area", Some(&a.id.to_string()), OK, json!({ "code": a.code, "name": a.name })).await?;
    ctx.commit(tx).await?;
    Ok(a)
}

async fn readable_area(ctx: &Ctx, id: Uuid, action: Action) -> Result<(Area, TreePath)> {
    let a = store::area(ctx.db().conn(), id).await?;
    let Some(a) = a else {
        // Unknown ids are answered like ids outside the scope, so probing reveals nothing.
        ctx.authorize(action, Target::Area(&TreePath::root(id)), "area", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = crate::input::path(&a.path)?;
    ctx.authorize(action, Target::Area(&p), "area", Some(&id.to_string())).await?;
    Ok((a, p))
}

/// Changes an area's name and statistical code.
pub async fn update_area(ctx: &Ctx, id: Uuid, name: &str, code: &str) -> Result<Area> {
    let (a, _) = readable_area(ctx, id, Action::ChangeArea).await?;
    let name = crate::input::name("name", name, 100, true).map(Option::unwrap_or_default)?;
    let code = code.trim();
    let level = AreaLevel::parse(&a.level).unwrap_or(AreaLevel::Village);
    if !valid_area_code(level, code) {
        return Err(AppError::invalid("code", "error-area-code"));
    }
    let tx = ctx.db().write().await?;
    store::rename_area(&tx, id, &name, code, ctx.now()).await.map_err(AppError::on_unique(
        "uq_areas_code",
        "code",
        "error-area-code-taken",
    ))?;
    record(
        &tx,
        ctx,
        Stale::Access,
        "area.update",
        "area",
        Some(&id.to_string()),
        OK,
        json!({ "before": { "name": a.name, "code": a.code }, "name": name, "code": code }),
    )
    .await?;
    ctx.commit(tx).await?;
    store::area(ctx.db().conn(), id).await?.ok_or(AppError::NotFound)
}

/// An area with what its page shows.
#[derive(Clone, Debug)]
pub struct AreaView {
    pub area: Area,
    pub ancestors: Vec<Area>,
    pub children: Vec<Area>,
    pub orgs: Vec<Org>,
    pub can_change: bool,
}

pub async fn area(ctx: &Ctx, id: Uuid) -> Result<AreaView> {
    let (area, path) = readable_area(ctx, id, Action::ReadArea).await?;
    let db = ctx.db().conn();
    let ancestor_ids: Vec<Uuid> = path.ancestors().iter().filter_map(lianxin_core::tree::TreePath::last_id).collect();
    let ancestors = store::areas_by_ids(db, &ancestor_ids).await?;
    let children = store::area_children(db, id).await?;
    let orgs = store::orgs_serving_area(db, id)
        .await?
        .into_iter()
        .filter(|o| TreePath::parse(&o.path).is_some_and(|p| decide(&ctx.actor, Action::ReadOrg, Target::Org(&p)) == Decision::Allow))
        .collect();
    let can_change = decide(&ctx.actor, Action::ChangeArea, Target::Area(&path)) == Decision::Allow;
    Ok(AreaView { area, ancestors, children, orgs, can_change })
}

/// Roots of what the actor may read in the area tree.
async fn area_scope(ctx: &Ctx) -> Result<Scope> {
    Ok(match &ctx.actor {
        Actor::System(_) => Scope::new(store::area_roots(ctx.db().conn()).await?.iter().filter_map(|a| TreePath::parse(&a.path))),
        Actor::Account(p) => Scope::new(p.roles.iter().filter(|r| !r.role.is_admin()).flat_map(|r| r.areas.iter().cloned())),
        Actor::Anonymous => return Err(AppError::Unauthenticated),
    })
}

/// Every area the actor may read, in path order, at most `limit`.
pub async fn area_tree(ctx: &Ctx, limit: u64) -> Result<Vec<Area>> {
    let scope = area_scope(ctx).await?;
    let mut out = Vec::new();
    for root in scope.roots() {
        out.extend(store::area_subtree(ctx.db().conn(), root, limit.saturating_sub(out.len() as u64)).await?);
    }
    Ok(out)
}

/// Areas by id, for a form that lists the areas an organization serves now (so saving never
/// drops one), for a signed-in actor.
pub async fn areas_by_ids(ctx: &Ctx, ids: &[Uuid]) -> Result<Vec<Area>> {
    ctx.principal()?;
    Ok(store::areas_by_ids(ctx.db().conn(), ids).await?)
}

// ---- organizations ----

/// A new organization.
#[derive(Clone, Debug)]
pub struct OrgNew {
    pub parent: Option<Uuid>,
    pub name: String,
    pub kind: OrgKind,
    pub basis: OrgBasis,
    /// Areas it serves: a joint branch serves several villages, an industry branch may serve none.
    pub areas: Vec<Uuid>,
    pub established_on: Option<NaiveDate>,
    pub note: String,
}

/// Checks the areas an organization is to serve. Every area added or removed must be one the
/// actor may change: the areas an organization serves widen the scope of everyone granted on it,
/// so a secretary cannot extend their own reach by editing their branch.
async fn check_areas(ctx: &Ctx, ids: &[Uuid], before: &[Uuid]) -> Result<Vec<Uuid>> {
    let mut ids = ids.to_vec();
    ids.sort();
    ids.dedup();
    if ids.len() > 200 {
        return Err(AppError::invalid("areas", "error-too-many"));
    }
    let found = store::areas_by_ids(ctx.db().conn(), &ids).await?;
    if found.len() != ids.len() {
        return Err(AppError::invalid("areas", "error-unknown-area"));
    }
    let changed: Vec<Uuid> =
        ids.iter().filter(|a| !before.contains(a)).chain(before.iter().filter(|a| !ids.contains(a))).copied().collect();
    for area in store::areas_by_ids(ctx.db().conn(), &changed).await? {
        let p = crate::input::path(&area.path)?;
        if decide(&ctx.actor, Action::ChangeArea, Target::Area(&p)) != Decision::Allow {
            crate::journal::record_alone(
                ctx,
                Stale::Access,
                Action::ChangeArea.as_str(),
                "area",
                Some(&area.id.to_string()),
                lianxin_core::audit::DENIED,
                json!({ "via": "org.areas" }),
            )
            .await?;
            return Err(AppError::invalid("areas", "error-area-outside-scope"));
        }
    }
    Ok(ids)
}

pub async fn create_org(ctx: &Ctx, new: OrgNew) -> Result<Org> {
    let mut checks = crate::Checks::default();
    let name = checks.take(crate::input::name("name", &new.name, 200, true).map(Option::unwrap_or_default)).unwrap_or_default();
    checks.check(new.note.chars().count() > 4000, "note", "error-too-long");
    checks.finish()?;
    let id = Uuid::now_v7();
    let (parent_kind, path) = match new.parent {
        Some(pid) => {
            let (parent, pp) = readable_org(ctx, pid, Action::ChangeOrg).await?;
            let kind = OrgKind::parse(&parent.kind).ok_or_else(|| AppError::internal("bad kind"))?;
            let status = OrgStatus::parse(&parent.status).unwrap_or(OrgStatus::Dissolved);
            (Some((kind, status)), TreePath::child(&pp, id))
        }
        None => {
            if !matches!(ctx.actor, Actor::System(_)) {
                return Err(AppError::invalid("parent_id", "error-parent-required"));
            }
            (None, TreePath::root(id))
        }
    };
    check_placement(new.kind, parent_kind).map_err(|e| {
        use lianxin_core::orgs::PlacementError::*;
        AppError::invalid(
            "kind",
            match e {
                UnderPartyGroup => "error-under-party-group",
                PartyGroupNeedsBranch => "error-party-group-needs-branch",
                ParentInactive => "error-parent-inactive",
                RootMustBeCommittee => "error-root-committee",
            },
        )
    })?;
    let areas = check_areas(ctx, &new.areas, &[]).await?;
    let now = ctx.now();
    let o = Org {
        id,
        name,
        kind: new.kind.as_str().into(),
        basis: new.basis.as_str().into(),
        parent_id: new.parent,
        path: path.as_str().into(),
        status: OrgStatus::Active.as_str().into(),
        merged_into: None,
        established_on: new.established_on,
        ended_at: None,
        note: new.note.trim().to_owned(),
        created_at: now,
        updated_at: now,
    };
    let tx = ctx.db().write().await?;
    let o = store::insert_org(&tx, o).await?;
    store::set_org_areas(&tx, o.id, &areas).await?;
    record(
        &tx,
        ctx,
        Stale::Access,
        "org.create",
        "org",
        Some(&o.id.to_string()),
        OK,
        json!({ "name": o.name, "kind": o.kind, "parent": o.parent_id, "areas": areas }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(o)
}

async fn readable_org(ctx: &Ctx, id: Uuid, action: Action) -> Result<(Org, TreePath)> {
    let o = store::org(ctx.db().conn(), id).await?;
    let Some(o) = o else {
        ctx.authorize(action, Target::Org(&TreePath::root(id)), "org", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = crate::input::path(&o.path)?;
    ctx.authorize(action, Target::Org(&p), "org", Some(&id.to_string())).await?;
    Ok((o, p))
}

/// The organization a move or a merge goes into, named by a field of the request: one that does
/// not exist is that field's error (the organization moved or merged was found), not a missing
/// page.
async fn target_org(ctx: &Ctx, id: Uuid, action: Action, field: &'static str) -> Result<(Org, TreePath)> {
    readable_org(ctx, id, action).await.map_err(|e| match e {
        AppError::NotFound => AppError::invalid(field, "error-unknown-org"),
        e => e,
    })
}

/// An edit of an organization's own fields.
#[derive(Clone, Debug, Default)]
pub struct OrgEdit {
    pub name: Option<String>,
    pub basis: Option<OrgBasis>,
    pub note: Option<String>,
    pub established_on: Option<Option<NaiveDate>>,
    pub areas: Option<Vec<Uuid>>,
}

pub async fn update_org(ctx: &Ctx, id: Uuid, edit: OrgEdit) -> Result<Org> {
    let (before, _) = readable_org(ctx, id, Action::ChangeOrg).await?;
    if before.status != OrgStatus::Active.as_str() {
        return Err(AppError::Conflict { field: "id", key: "error-org-ended" });
    }
    let name = edit.name.as_deref().map(|n| crate::input::name("name", n, 200, true).map(Option::unwrap_or_default)).transpose()?;
    if edit.note.as_ref().is_some_and(|n| n.chars().count() > 4000) {
        return Err(AppError::invalid("note", "error-too-long"));
    }
    let areas = match &edit.areas {
        Some(a) => {
            let before = store::org_area_ids(ctx.db().conn(), id).await?;
            Some(check_areas(ctx, a, &before).await?)
        }
        None => None,
    };
    let patch = OrgPatch {
        name,
        basis: edit.basis.map(|b| b.as_str().to_owned()),
        note: edit.note.map(|n| n.trim().to_owned()),
        established_on: edit.established_on,
    };
    let tx = ctx.db().write().await?;
    store::update_org(&tx, id, patch.clone(), ctx.now()).await?;
    if let Some(a) = &areas {
        store::set_org_areas(&tx, id, a).await?;
    }
    record(
        &tx,
        ctx,
        Stale::Access,
        "org.update",
        "org",
        Some(&id.to_string()),
        OK,
        json!({ "before": { "name": before.name, "basis": before.basis }, "name": patch.name, "basis": patch.basis, "areas": areas }),
    )
    .await?;
    ctx.commit(tx).await?;
    store::org(ctx.db().conn(), id).await?.ok_or(AppError::NotFound)
}

/// Moves an organization, with everything below it, under a new parent.
pub async fn move_org(ctx: &Ctx, id: Uuid, new_parent: Uuid) -> Result<Org> {
    let (o, old_path) = readable_org(ctx, id, Action::ChangeOrg).await?;
    let (parent, parent_path) = target_org(ctx, new_parent, Action::ChangeOrg, "parent_id").await?;
    check_move(&old_path, &parent_path).map_err(|_| AppError::invalid("parent_id", "error-move-into-self"))?;
    let kind = OrgKind::parse(&o.kind).ok_or_else(|| AppError::internal("bad kind"))?;
    let pk = OrgKind::parse(&parent.kind).ok_or_else(|| AppError::internal("bad kind"))?;
    let ps = OrgStatus::parse(&parent.status).unwrap_or(OrgStatus::Dissolved);
    check_placement(kind, Some((pk, ps))).map_err(|_| AppError::invalid("parent_id", "error-bad-placement"))?;
    if o.status != OrgStatus::Active.as_str() {
        return Err(AppError::Conflict { field: "id", key: "error-org-ended" });
    }
    let new_path = TreePath::child(&parent_path, id);
    let tx = ctx.db().write().await?;
    // Re-read inside the write transaction: a concurrent move may have changed either path.
    let (Some(cur), Some(cur_parent)) = (store::org(&tx, id).await?, store::org(&tx, new_parent).await?) else {
        return Err(AppError::NotFound);
    };
    if cur.path != old_path.as_str() || cur_parent.path != parent_path.as_str() || cur_parent.status != OrgStatus::Active.as_str() {
        return Err(AppError::Conflict { field: "parent_id", key: "error-changed-meanwhile" });
    }
    let moved = store::rebase_subtree(&tx, "organizations", &old_path, &new_path, ctx.now()).await?;
    lianxin_store::people::rebase_member_paths(&tx, &old_path, &new_path).await?;
    store::set_org_parent(&tx, id, new_parent).await?;
    record(
        &tx,
        ctx,
        Stale::Access,
        "org.move",
        "org",
        Some(&id.to_string()),
        OK,
        json!({ "from": o.parent_id, "to": new_parent, "nodes": moved }),
    )
    .await?;
    ctx.commit(tx).await?;
    store::org(ctx.db().conn(), id).await?.ok_or(AppError::NotFound)
}

/// Merges `id` into `into`: the children of `id` move under `into`, `into` takes over the areas,
/// and `id` stays on record as merged.
pub async fn merge_org(ctx: &Ctx, id: Uuid, into: Uuid) -> Result<Org> {
    if id == into {
        return Err(AppError::invalid("into", "error-merge-self"));
    }
    let (o, path) = readable_org(ctx, id, Action::ChangeOrg).await?;
    let (target, target_path) = target_org(ctx, into, Action::ChangeOrg, "into").await?;
    if o.status != OrgStatus::Active.as_str() || target.status != OrgStatus::Active.as_str() {
        return Err(AppError::Conflict { field: "id", key: "error-org-ended" });
    }
    check_move(&path, &target_path).map_err(|_| AppError::invalid("into", "error-move-into-self"))?;
    let db = ctx.db().conn();
    let children = store::active_children_ids(db, id).await?;
    let mut areas = store::org_area_ids(db, into).await?;
    areas.extend(store::org_area_ids(db, id).await?);
    areas.sort();
    areas.dedup();
    // The children must be allowed under the target (a party group takes no organizations; a
    // committee takes no party groups).
    let target_kind = OrgKind::parse(&target.kind).ok_or_else(|| AppError::internal("bad kind"))?;
    for c in store::org_children(db, id, false).await? {
        let kind = OrgKind::parse(&c.kind).ok_or_else(|| AppError::internal("bad kind"))?;
        check_placement(kind, Some((target_kind, OrgStatus::Active))).map_err(|_| AppError::invalid("into", "error-bad-placement"))?;
    }
    let now = ctx.now();
    let tx = ctx.db().write().await?;
    let (Some(cur), Some(cur_target)) = (store::org(&tx, id).await?, store::org(&tx, into).await?) else { return Err(AppError::NotFound) };
    if cur.path != path.as_str()
        || cur_target.path != target_path.as_str()
        || cur.status != OrgStatus::Active.as_str()
        || cur_target.status != OrgStatus::Active.as_str()
    {
        return Err(AppError::Conflict { field: "into", key: "error-changed-meanwhile" });
    }
    if store::active_children_ids(&tx, id).await?.len() != children.len() {
        return Err(AppError::Conflict { field: "into", key: "error-changed-meanwhile" });
    }
    for child in &children {
        let old = TreePath::child(&path, *child);
        let new = TreePath::child(&target_path, *child);
        store::rebase_subtree(&tx, "organizations", &old, &new, now).await?;
        lianxin_store::people::rebase_member_paths(&tx, &old, &new).await?;
        store::set_org_parent(&tx, *child, into).await?;
    }
    // Members of the merged organization itself now belong to the target.
    let members_moved = lianxin_store::people::move_members(&tx, id, into, target_path.as_str(), now).await?;
    store::set_org_areas(&tx, into, &areas).await?;
    store::end_org(&tx, id, OrgStatus::Merged.as_str(), Some(into), now).await?;
    record(
        &tx,
        ctx,
        Stale::Access,
        "org.merge",
        "org",
        Some(&id.to_string()),
        OK,
        json!({ "into": into, "children_moved": children.len(), "members_moved": members_moved }),
    )
    .await?;
    ctx.commit(tx).await?;
    store::org(ctx.db().conn(), id).await?.ok_or(AppError::NotFound)
}

/// Dissolves an organization that has no active organizations below it.
pub async fn dissolve_org(ctx: &Ctx, id: Uuid, reason: &str) -> Result<Org> {
    let (o, _) = readable_org(ctx, id, Action::ChangeOrg).await?;
    let reason = crate::input::clean("reason", reason, 1000, true).map(Option::unwrap_or_default)?;
    if o.status != OrgStatus::Active.as_str() {
        return Err(AppError::Conflict { field: "id", key: "error-org-ended" });
    }
    if !store::active_children_ids(ctx.db().conn(), id).await?.is_empty() {
        return Err(AppError::invalid("reason", "error-has-children"));
    }
    // Every member belongs to exactly one organization: move them before dissolving.
    let members = lianxin_store::people::count_members_of(
        ctx.db().conn(),
        id,
        &lianxin_core::people::MemberStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
    )
    .await?;
    if members > 0 {
        return Err(AppError::invalid("reason", "error-has-members"));
    }
    let tx = ctx.db().write().await?;
    store::end_org(&tx, id, OrgStatus::Dissolved.as_str(), None, ctx.now()).await?;
    record(&tx, ctx, Stale::Access, "org.dissolve", "org", Some(&id.to_string()), OK, json!({ "reason": reason })).await?;
    ctx.commit(tx).await?;
    store::org(ctx.db().conn(), id).await?.ok_or(AppError::NotFound)
}

/// An organization with what its page shows.
#[derive(Clone, Debug)]
pub struct OrgView {
    pub org: Org,
    /// Outermost first, each with whether the actor may open it.
    pub ancestors: Vec<(Org, bool)>,
    pub children: Vec<Org>,
    pub areas: Vec<Area>,
    pub subtree_size: u64,
    pub merged_into: Option<Org>,
    pub can_change: bool,
}

pub async fn org(ctx: &Ctx, id: Uuid) -> Result<OrgView> {
    let (org, path) = readable_org(ctx, id, Action::ReadOrg).await?;
    let db = ctx.db().conn();
    let ancestor_ids: Vec<Uuid> = path.ancestors().iter().filter_map(lianxin_core::tree::TreePath::last_id).collect();
    let mut ancestors = store::orgs_by_ids(db, &ancestor_ids).await?;
    ancestors.sort_by_key(|a| a.path.len());
    let ancestors = ancestors
        .into_iter()
        .map(|a| {
            let readable =
                TreePath::parse(&a.path).is_some_and(|p| decide(&ctx.actor, Action::ReadOrg, Target::Org(&p)) == Decision::Allow);
            (a, readable)
        })
        .collect();
    let children = store::org_children(db, id, true).await?;
    let area_ids = store::org_area_ids(db, id).await?;
    let areas = store::areas_by_ids(db, &area_ids).await?;
    let subtree_size = store::count_org_subtree(db, &path).await?;
    let merged_into = match org.merged_into {
        Some(m) => store::org(db, m).await?,
        None => None,
    };
    let can_change =
        org.status == OrgStatus::Active.as_str() && decide(&ctx.actor, Action::ChangeOrg, Target::Org(&path)) == Decision::Allow;
    Ok(OrgView { org, ancestors, children, areas, subtree_size, merged_into, can_change })
}

/// The organization subtrees the actor may read.
pub async fn org_scope(ctx: &Ctx) -> Result<Scope> {
    Ok(match &ctx.actor {
        Actor::System(_) => {
            let roots = store::org_subtree_roots(ctx.db().conn()).await?;
            Scope::new(roots.iter().filter_map(|o| TreePath::parse(&o.path)))
        }
        Actor::Account(p) => Scope::new(p.roles.iter().filter(|r| r.role != Role::Member || r.org.is_some()).filter_map(|r| r.org.clone())),
        Actor::Anonymous => return Err(AppError::Unauthenticated),
    })
}

/// The organizations the actor may read, in path order (parents before children), across all
/// the subtrees of their scope. Members see only their own organization.
pub async fn org_tree(ctx: &Ctx, filter: &OrgFilter, limit: u64) -> Result<Vec<Org>> {
    let scope = org_scope(ctx).await?;
    let db = ctx.db().conn();
    let mut out: Vec<Org> = Vec::new();
    for root in scope.roots() {
        let member_only = ctx.actor.principal().is_some_and(|p| {
            p.roles.iter().filter(|r| r.org.as_ref() == Some(root)).all(|r| r.role == Role::Member)
                && !p.roles.iter().any(|r| r.role != Role::Member && r.org.as_ref().is_some_and(|o| root.is_within(o)))
        });
        let left = limit.saturating_sub(out.len() as u64);
        if left == 0 {
            break;
        }
        if member_only {
            if let Some(id) = root.last_id()
                && let Some(o) = store::org(db, id).await?
                && filter.after_path.as_ref().is_none_or(|a| o.path > *a)
            {
                out.push(o);
            }
            continue;
        }
        out.extend(store::org_subtree(db, root, filter, left).await?);
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Organizations and areas by id, kept until any recorded change or for a few seconds: every
/// page of an organization or an area reads it first, to decide who may see it. Unknown ids are
/// not kept (asked again each time), so made-up ids cannot crowd out real ones.
#[derive(Default)]
struct KeptById {
    orgs: crate::cache::Timed<Uuid, Org, 4096>,
    areas: crate::cache::Timed<Uuid, Area, 4096>,
}

/// The organization `id`, kept for reading ([`KeptById`]): what access is decided on.
pub(crate) async fn org_for_reading(ctx: &Ctx, id: Uuid) -> Result<Option<Org>> {
    kept_by_id(ctx, id, |k| &k.orgs, store::org(ctx.db().conn(), id)).await
}

/// The area `id`, kept for reading ([`KeptById`]).
pub(crate) async fn area_for_reading(ctx: &Ctx, id: Uuid) -> Result<Option<Area>> {
    kept_by_id(ctx, id, |k| &k.areas, store::area(ctx.db().conn(), id)).await
}

async fn kept_by_id<V: Clone>(
    ctx: &Ctx,
    id: Uuid,
    map: impl Fn(&KeptById) -> &crate::cache::Timed<Uuid, V, 4096>,
    load: impl std::future::Future<Output = lianxin_store::Result<Option<V>>>,
) -> Result<Option<V>> {
    let caches = &ctx.app.caches;
    let (room, epoch, now) = (caches.room::<KeptById>(), caches.records_epoch(), ctx.now());
    if let Some(v) = map(&room).get(&id, epoch, now) {
        return Ok(Some(v));
    }
    let v = load.await?;
    if let Some(v) = &v {
        map(&room).put(id, v.clone(), epoch, now);
    }
    Ok(v)
}
