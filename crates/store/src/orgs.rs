//! Queries for areas and organizations. Subtrees are read by path range (see
//! `lianxin_core::tree::TreePath::subtree_range`), never by walking.

use chrono::{DateTime, Utc};
use lianxin_core::tree::TreePath;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, Statement,
    sea_query::Expr,
};
use uuid::Uuid;

use crate::entity::{area, organization, organization_area};

pub use area::Model as Area;
pub use organization::Model as Org;

// ---- areas ----

pub async fn area<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Area>> {
    Ok(area::Entity::find_by_id(id).one(c).await?)
}

pub async fn area_by_code<C: ConnectionTrait>(c: &C, code: &str) -> crate::Result<Option<Area>> {
    Ok(area::Entity::find().filter(area::Column::Code.eq(code)).one(c).await?)
}

pub async fn areas_by_ids<C: ConnectionTrait>(c: &C, ids: &[Uuid]) -> crate::Result<Vec<Area>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(area::Entity::find().filter(area::Column::Id.is_in(ids.to_vec())).order_by_asc(area::Column::Path).all(c).await?)
}

/// Every area in the subtree rooted at `root`, in path order, at most `limit` of them.
pub async fn area_subtree<C: ConnectionTrait>(c: &C, root: &TreePath, limit: u64) -> crate::Result<Vec<Area>> {
    let (lo, hi) = root.subtree_range();
    Ok(area::Entity::find()
        .filter(area::Column::Path.gte(lo))
        .filter(area::Column::Path.lt(hi))
        .order_by_asc(area::Column::Path)
        .limit(limit)
        .all(c)
        .await?)
}

pub async fn area_children<C: ConnectionTrait>(c: &C, parent: Uuid) -> crate::Result<Vec<Area>> {
    Ok(area::Entity::find().filter(area::Column::ParentId.eq(parent)).order_by_asc(area::Column::Code).all(c).await?)
}

pub async fn area_roots<C: ConnectionTrait>(c: &C) -> crate::Result<Vec<Area>> {
    Ok(area::Entity::find().filter(area::Column::ParentId.is_null()).order_by_asc(area::Column::Code).all(c).await?)
}

pub async fn insert_area<C: ConnectionTrait>(c: &C, a: Area) -> crate::Result<Area> {
    Ok(area::ActiveModel {
        id: Set(a.id),
        code: Set(a.code),
        name: Set(a.name),
        level: Set(a.level),
        parent_id: Set(a.parent_id),
        path: Set(a.path),
        created_at: Set(a.created_at),
        updated_at: Set(a.updated_at),
    }
    .insert(c)
    .await?)
}

pub async fn rename_area<C: ConnectionTrait>(c: &C, id: Uuid, name: &str, code: &str, now: DateTime<Utc>) -> crate::Result<()> {
    area::Entity::update_many()
        .col_expr(area::Column::Name, Expr::value(name))
        .col_expr(area::Column::Code, Expr::value(code))
        .col_expr(area::Column::UpdatedAt, Expr::value(now))
        .filter(area::Column::Id.eq(id))
        .exec(c)
        .await?;
    Ok(())
}

// ---- organizations ----

pub async fn org<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Org>> {
    Ok(organization::Entity::find_by_id(id).one(c).await?)
}

pub async fn orgs_by_ids<C: ConnectionTrait>(c: &C, ids: &[Uuid]) -> crate::Result<Vec<Org>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(organization::Entity::find().filter(organization::Column::Id.is_in(ids.to_vec())).all(c).await?)
}

/// Filter for listing organizations inside one subtree.
#[derive(Clone, Debug, Default)]
pub struct OrgFilter {
    /// Only organizations whose name contains this text.
    pub name_contains: Option<String>,
    pub include_ended: bool,
    /// Keyset pagination: only paths after this one.
    pub after_path: Option<String>,
    pub max_depth: Option<usize>,
}

/// Organizations in the subtree at `root`, in path order (a parent always before its children).
pub async fn org_subtree<C: ConnectionTrait>(c: &C, root: &TreePath, f: &OrgFilter, limit: u64) -> crate::Result<Vec<Org>> {
    let (lo, hi) = root.subtree_range();
    let mut q = organization::Entity::find().filter(organization::Column::Path.gte(lo)).filter(organization::Column::Path.lt(hi));
    if !f.include_ended {
        q = q.filter(organization::Column::Status.eq("active"));
    }
    if let Some(name) = f.name_contains.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(organization::Column::Name.contains(name));
    }
    if let Some(after) = &f.after_path {
        q = q.filter(organization::Column::Path.gt(after.clone()));
    }
    if let Some(d) = f.max_depth {
        // Depth is the number of segments; a segment is 32 hex digits and a slash.
        q = q.filter(Expr::cust_with_values("LENGTH(path) <= ?", [(d * 33 + 1) as i64]));
    }
    Ok(q.order_by_asc(organization::Column::Path).limit(limit).all(c).await?)
}

pub async fn count_org_subtree<C: ConnectionTrait>(c: &C, root: &TreePath) -> crate::Result<u64> {
    let (lo, hi) = root.subtree_range();
    Ok(organization::Entity::find()
        .filter(organization::Column::Path.gte(lo))
        .filter(organization::Column::Path.lt(hi))
        .filter(organization::Column::Status.eq("active"))
        .count(c)
        .await?)
}

/// The active children of several organizations at once.
pub async fn active_children_of<C: ConnectionTrait>(c: &C, parents: &[Uuid]) -> crate::Result<Vec<Org>> {
    if parents.is_empty() {
        return Ok(Vec::new());
    }
    Ok(organization::Entity::find()
        .filter(organization::Column::ParentId.is_in(parents.iter().copied()))
        .filter(organization::Column::Status.eq("active"))
        .order_by_asc(organization::Column::Name)
        .all(c)
        .await?)
}

pub async fn org_children<C: ConnectionTrait>(c: &C, parent: Uuid, include_ended: bool) -> crate::Result<Vec<Org>> {
    let mut q = organization::Entity::find().filter(organization::Column::ParentId.eq(parent));
    if !include_ended {
        q = q.filter(organization::Column::Status.eq("active"));
    }
    Ok(q.order_by_asc(organization::Column::Name).all(c).await?)
}

pub async fn insert_org<C: ConnectionTrait>(c: &C, o: Org) -> crate::Result<Org> {
    Ok(organization::ActiveModel {
        id: Set(o.id),
        name: Set(o.name),
        kind: Set(o.kind),
        basis: Set(o.basis),
        parent_id: Set(o.parent_id),
        path: Set(o.path),
        status: Set(o.status),
        merged_into: Set(o.merged_into),
        established_on: Set(o.established_on),
        ended_at: Set(o.ended_at),
        note: Set(o.note),
        created_at: Set(o.created_at),
        updated_at: Set(o.updated_at),
    }
    .insert(c)
    .await?)
}

/// Fields of an organization that an edit may change.
#[derive(Clone, Debug, Default)]
pub struct OrgPatch {
    pub name: Option<String>,
    pub basis: Option<String>,
    pub note: Option<String>,
    pub established_on: Option<Option<chrono::NaiveDate>>,
}

pub async fn update_org<C: ConnectionTrait>(c: &C, id: Uuid, p: OrgPatch, now: DateTime<Utc>) -> crate::Result<()> {
    let mut q = organization::Entity::update_many().col_expr(organization::Column::UpdatedAt, Expr::value(now));
    if let Some(v) = p.name {
        q = q.col_expr(organization::Column::Name, Expr::value(v));
    }
    if let Some(v) = p.basis {
        q = q.col_expr(organization::Column::Basis, Expr::value(v));
    }
    if let Some(v) = p.note {
        q = q.col_expr(organization::Column::Note, Expr::value(v));
    }
    if let Some(v) = p.established_on {
        q = q.col_expr(organization::Column::EstablishedOn, Expr::value(v));
    }
    q.filter(organization::Column::Id.eq(id)).exec(c).await?;
    Ok(())
}

/// Ends an organization (merged or dissolved); its record and history stay.
pub async fn end_org<C: ConnectionTrait>(
    c: &C,
    id: Uuid,
    status: &str,
    merged_into: Option<Uuid>,
    now: DateTime<Utc>,
) -> crate::Result<()> {
    organization::Entity::update_many()
        .col_expr(organization::Column::Status, Expr::value(status))
        .col_expr(organization::Column::MergedInto, Expr::value(merged_into))
        .col_expr(organization::Column::EndedAt, Expr::value(now))
        .col_expr(organization::Column::UpdatedAt, Expr::value(now))
        .filter(organization::Column::Id.eq(id))
        .exec(c)
        .await?;
    Ok(())
}

/// Rewrites the paths of a whole subtree after its root moved; one statement, inside the caller's
/// transaction, so the tree is never seen half-moved.
pub async fn rebase_subtree<C: ConnectionTrait>(
    c: &C,
    table: &str,
    old: &TreePath,
    new: &TreePath,
    now: DateTime<Utc>,
) -> crate::Result<u64> {
    let (lo, hi) = old.subtree_range();
    let cut = old.as_str().len() as i64 + 1;
    let b = c.get_database_backend();
    let sql = match b {
        sea_orm::DatabaseBackend::Postgres => {
            format!("UPDATE {table} SET path = $1 || SUBSTR(path, CAST($2 AS INTEGER)), updated_at = $3 WHERE path >= $4 AND path < $5")
        }
        _ => format!("UPDATE {table} SET path = ? || SUBSTR(path, CAST(? AS INTEGER)), updated_at = ? WHERE path >= ? AND path < ?"),
    };
    let r =
        c.execute_raw(Statement::from_sql_and_values(b, sql, [new.as_str().into(), cut.into(), now.into(), lo.into(), hi.into()])).await?;
    Ok(r.rows_affected())
}

pub async fn set_org_parent<C: ConnectionTrait>(c: &C, id: Uuid, parent: Uuid) -> crate::Result<()> {
    organization::Entity::update_many()
        .col_expr(organization::Column::ParentId, Expr::value(parent))
        .filter(organization::Column::Id.eq(id))
        .exec(c)
        .await?;
    Ok(())
}

/// Moves every active child of `from` under `to` (used when merging); returns the moved children.
pub async fn active_children_ids<C: ConnectionTrait>(c: &C, parent: Uuid) -> crate::Result<Vec<Uuid>> {
    Ok(org_children(c, parent, false).await?.into_iter().map(|o| o.id).collect())
}

// ---- the areas an organization serves ----

pub async fn org_area_ids<C: ConnectionTrait>(c: &C, org: Uuid) -> crate::Result<Vec<Uuid>> {
    Ok(organization_area::Entity::find()
        .filter(organization_area::Column::OrgId.eq(org))
        .all(c)
        .await?
        .into_iter()
        .map(|m| m.area_id)
        .collect())
}

/// Organizations serving an area, for the area's page.
pub async fn orgs_serving_area<C: ConnectionTrait>(c: &C, area: Uuid) -> crate::Result<Vec<Org>> {
    let ids: Vec<Uuid> = organization_area::Entity::find()
        .filter(organization_area::Column::AreaId.eq(area))
        .all(c)
        .await?
        .into_iter()
        .map(|m| m.org_id)
        .collect();
    orgs_by_ids(c, &ids).await
}

pub async fn set_org_areas<C: ConnectionTrait>(c: &C, org: Uuid, areas: &[Uuid]) -> crate::Result<()> {
    organization_area::Entity::delete_many().filter(organization_area::Column::OrgId.eq(org)).exec(c).await?;
    if areas.is_empty() {
        return Ok(());
    }
    let rows = areas.iter().map(|a| organization_area::ActiveModel { org_id: Set(org), area_id: Set(*a) });
    organization_area::Entity::insert_many(rows).exec_without_returning(c).await?;
    Ok(())
}

/// Organizations at the top of the tree.
pub async fn org_subtree_roots<C: ConnectionTrait>(c: &C) -> crate::Result<Vec<Org>> {
    Ok(organization::Entity::find()
        .filter(organization::Column::ParentId.is_null())
        .order_by_asc(organization::Column::Name)
        .all(c)
        .await?)
}
