//! Queries for enterprises and cooperatives: the village bodies of the enterprise kinds in a
//! subtree of areas, the members who serve them, their offers (those that may be on a village's
//! board), what members did for them, and the needs they co-handle.

use std::collections::HashMap;

use chrono::NaiveDate;
use lianxin_core::{paging::Window, tree::TreePath};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, Query},
};
use uuid::Uuid;

use crate::entity::{appeal, appeal_cohandler, enterprise_liaison, enterprise_offer, enterprise_service, village_body};

pub use enterprise_liaison::Model as Liaison;
pub use enterprise_offer::Model as Offer;
pub use enterprise_service::Model as Service;

/// The kinds of village body this capability covers.
pub const KINDS: [&str; 3] = ["enterprise", "cooperative", "collective_economy"];

/// The most enterprises one list shows ([`in_areas`]).
pub const LIST_MAX: usize = 2000;

/// The enterprises, cooperatives and collective economies of the areas at `root` and below, by
/// name: at most [`LIST_MAX`], and one more when there are more.
pub async fn in_areas<C: ConnectionTrait>(c: &C, root: &TreePath) -> crate::Result<Vec<village_body::Model>> {
    let (lo, hi) = root.subtree_range();
    Ok(village_body::Entity::find()
        .filter(village_body::Column::AreaPath.gte(lo))
        .filter(village_body::Column::AreaPath.lt(hi))
        .filter(village_body::Column::Kind.is_in(KINDS))
        .order_by_asc(village_body::Column::Name)
        .limit(LIST_MAX as u64 + 1)
        .all(c)
        .await?)
}

/// The village bodies with the given ids, in one query per 500.
pub async fn bodies<C: ConnectionTrait>(c: &C, ids: &[Uuid]) -> crate::Result<Vec<village_body::Model>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(village_body::Entity::find().filter(village_body::Column::Id.is_in(chunk.iter().copied())).all(c).await?);
    }
    Ok(out)
}

pub async fn insert_liaison<C: ConnectionTrait>(c: &C, l: Liaison) -> crate::Result<Liaison> {
    Ok(l.into_active_model().reset_all().insert(c).await?)
}

pub async fn liaison<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Liaison>> {
    Ok(enterprise_liaison::Entity::find_by_id(id).one(c).await?)
}

pub async fn update_liaison<C: ConnectionTrait>(c: &C, l: Liaison) -> crate::Result<Liaison> {
    Ok(l.into_active_model().reset_all().update(c).await?)
}

/// The liaisons of the given bodies, current and past, oldest first.
pub async fn liaisons_of<C: ConnectionTrait>(c: &C, bodies: &[Uuid]) -> crate::Result<Vec<Liaison>> {
    let mut out = Vec::new();
    for chunk in bodies.chunks(500) {
        out.extend(
            enterprise_liaison::Entity::find()
                .filter(enterprise_liaison::Column::BodyId.is_in(chunk.iter().copied()))
                .order_by_asc(enterprise_liaison::Column::Since)
                .all(c)
                .await?,
        );
    }
    Ok(out)
}

/// The bodies a member serves (current links only).
pub async fn served_by<C: ConnectionTrait>(c: &C, member: Uuid) -> crate::Result<Vec<Liaison>> {
    Ok(enterprise_liaison::Entity::find()
        .filter(enterprise_liaison::Column::MemberId.eq(member))
        .filter(enterprise_liaison::Column::Until.is_null())
        .all(c)
        .await?)
}

pub async fn insert_offer<C: ConnectionTrait>(c: &C, o: Offer) -> crate::Result<Offer> {
    Ok(o.into_active_model().reset_all().insert(c).await?)
}

pub async fn offer<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Offer>> {
    Ok(enterprise_offer::Entity::find_by_id(id).one(c).await?)
}

pub async fn update_offer<C: ConnectionTrait>(c: &C, o: Offer) -> crate::Result<Offer> {
    Ok(o.into_active_model().reset_all().update(c).await?)
}

/// Every offer of a body, newest first.
pub async fn offers_of<C: ConnectionTrait>(c: &C, body: Uuid) -> crate::Result<Vec<Offer>> {
    Ok(enterprise_offer::Entity::find()
        .filter(enterprise_offer::Column::BodyId.eq(body))
        .order_by_desc(enterprise_offer::Column::ValidFrom)
        .all(c)
        .await?)
}

/// The offers open on `on` (not withdrawn, begun, not ended) of active bodies placed at any of
/// `areas` (a village and the places above it), newest first, one page of them.
pub async fn offers_at<C: ConnectionTrait>(c: &C, areas: &[String], on: NaiveDate, w: Window) -> crate::Result<Vec<Offer>> {
    let active = Query::select()
        .column(village_body::Column::Id)
        .from(village_body::Entity)
        .and_where(village_body::Column::Status.eq("active"))
        .to_owned();
    Ok(enterprise_offer::Entity::find()
        .filter(enterprise_offer::Column::AreaPath.is_in(areas.iter().cloned()))
        .filter(enterprise_offer::Column::WithdrawnAt.is_null())
        .filter(enterprise_offer::Column::ValidFrom.lte(on))
        .filter(Condition::any().add(enterprise_offer::Column::ValidUntil.is_null()).add(enterprise_offer::Column::ValidUntil.gte(on)))
        .filter(enterprise_offer::Column::BodyId.in_subquery(active))
        .order_by_desc(enterprise_offer::Column::ValidFrom)
        .order_by_asc(enterprise_offer::Column::Id)
        .offset(w.from)
        .limit(w.fetch())
        .all(c)
        .await?)
}

/// How many offers of each body are not withdrawn and not ended by `on`.
pub async fn live_offers<C: ConnectionTrait>(c: &C, bodies: &[Uuid], on: NaiveDate) -> crate::Result<HashMap<Uuid, i64>> {
    let mut out = HashMap::new();
    for chunk in bodies.chunks(500) {
        let rows: Vec<(Uuid, i64)> = enterprise_offer::Entity::find()
            .select_only()
            .column(enterprise_offer::Column::BodyId)
            .column_as(Expr::col(enterprise_offer::Column::Id).count(), "n")
            .filter(enterprise_offer::Column::BodyId.is_in(chunk.iter().copied()))
            .filter(enterprise_offer::Column::WithdrawnAt.is_null())
            .filter(enterprise_offer::Column::ValidFrom.lte(on))
            .filter(Condition::any().add(enterprise_offer::Column::ValidUntil.is_null()).add(enterprise_offer::Column::ValidUntil.gte(on)))
            .group_by(enterprise_offer::Column::BodyId)
            .into_tuple()
            .all(c)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

pub async fn insert_service<C: ConnectionTrait>(c: &C, s: Service) -> crate::Result<Service> {
    Ok(s.into_active_model().reset_all().insert(c).await?)
}

/// What members did for a body in `[from, to]`, newest first, one page of it.
pub async fn services_of<C: ConnectionTrait>(c: &C, body: Uuid, from: NaiveDate, to: NaiveDate, w: Window) -> crate::Result<Vec<Service>> {
    Ok(enterprise_service::Entity::find()
        .filter(enterprise_service::Column::BodyId.eq(body))
        .filter(enterprise_service::Column::ServedOn.gte(from))
        .filter(enterprise_service::Column::ServedOn.lte(to))
        .order_by_desc(enterprise_service::Column::ServedOn)
        .order_by_desc(enterprise_service::Column::RecordedAt)
        .order_by_asc(enterprise_service::Column::Id)
        .offset(w.from)
        .limit(w.fetch())
        .all(c)
        .await?)
}

/// How many services each body received in `[from, to]`.
pub async fn service_counts<C: ConnectionTrait>(
    c: &C,
    bodies: &[Uuid],
    from: NaiveDate,
    to: NaiveDate,
) -> crate::Result<HashMap<Uuid, i64>> {
    let mut out = HashMap::new();
    for chunk in bodies.chunks(500) {
        let rows: Vec<(Uuid, i64)> = enterprise_service::Entity::find()
            .select_only()
            .column(enterprise_service::Column::BodyId)
            .column_as(Expr::col(enterprise_service::Column::Id).count(), "n")
            .filter(enterprise_service::Column::BodyId.is_in(chunk.iter().copied()))
            .filter(enterprise_service::Column::ServedOn.gte(from))
            .filter(enterprise_service::Column::ServedOn.lte(to))
            .group_by(enterprise_service::Column::BodyId)
            .into_tuple()
            .all(c)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// How many services each of the given members gave in `[from, to]`.
pub async fn services_by<C: ConnectionTrait>(c: &C, members: &[Uuid], from: NaiveDate, to: NaiveDate) -> crate::Result<HashMap<Uuid, i64>> {
    let mut out = HashMap::new();
    for chunk in members.chunks(500) {
        let rows: Vec<(Uuid, i64)> = enterprise_service::Entity::find()
            .select_only()
            .column(enterprise_service::Column::MemberId)
            .column_as(Expr::col(enterprise_service::Column::Id).count(), "n")
            .filter(enterprise_service::Column::MemberId.is_in(chunk.iter().copied()))
            .filter(enterprise_service::Column::ServedOn.gte(from))
            .filter(enterprise_service::Column::ServedOn.lte(to))
            .group_by(enterprise_service::Column::MemberId)
            .into_tuple()
            .all(c)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// The needs a body co-handles, newest first (at most 200).
pub async fn cohandled<C: ConnectionTrait>(c: &C, body: Uuid) -> crate::Result<Vec<appeal::Model>> {
    let ids: Vec<Uuid> = appeal_cohandler::Entity::find()
        .select_only()
        .column(appeal_cohandler::Column::AppealId)
        .filter(appeal_cohandler::Column::BodyId.eq(body))
        .into_tuple()
        .all(c)
        .await?;
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(appeal::Entity::find().filter(appeal::Column::Id.is_in(chunk.iter().copied())).all(c).await?);
    }
    out.sort_by_key(|a| std::cmp::Reverse(a.created_at));
    out.truncate(200);
    Ok(out)
}

/// How many needs each body co-handles.
pub async fn cohandled_counts<C: ConnectionTrait>(c: &C, bodies: &[Uuid]) -> crate::Result<HashMap<Uuid, i64>> {
    let mut out = HashMap::new();
    for chunk in bodies.chunks(500) {
        let rows: Vec<(Uuid, i64)> = appeal_cohandler::Entity::find()
            .select_only()
            .column(appeal_cohandler::Column::BodyId)
            .column_as(Expr::col(appeal_cohandler::Column::AppealId).count(), "n")
            .filter(appeal_cohandler::Column::BodyId.is_in(chunk.iter().copied()))
            .group_by(appeal_cohandler::Column::BodyId)
            .into_tuple()
            .all(c)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// The enterprises, cooperatives and collective economies placed exactly at any of `areas`.
pub async fn at_areas<C: ConnectionTrait>(c: &C, areas: &[String]) -> crate::Result<Vec<village_body::Model>> {
    Ok(village_body::Entity::find()
        .filter(village_body::Column::AreaPath.is_in(areas.iter().cloned()))
        .filter(village_body::Column::Kind.is_in(KINDS))
        .order_by_asc(village_body::Column::Name)
        .all(c)
        .await?)
}

/// Marks an enterprise closed (注销) on `today`: its offers not yet withdrawn are withdrawn at
/// `now`, and the members serving it stop on `today`. Its history stays.
/// Marks a dissolved body active again (a closing recorded by mistake, or a body that trades
/// again). Its withdrawn offers and ended links stay as they were: they are published and linked
/// anew.
pub async fn reopen<C: ConnectionTrait>(c: &C, body: Uuid, now: chrono::DateTime<chrono::Utc>) -> crate::Result<()> {
    village_body::Entity::update_many()
        .col_expr(village_body::Column::Status, Expr::value("active"))
        .col_expr(village_body::Column::UpdatedAt, Expr::value(now))
        .filter(village_body::Column::Id.eq(body))
        .exec(c)
        .await?;
    Ok(())
}

pub async fn dissolve<C: ConnectionTrait>(c: &C, body: Uuid, today: NaiveDate, now: chrono::DateTime<chrono::Utc>) -> crate::Result<()> {
    village_body::Entity::update_many()
        .col_expr(village_body::Column::Status, Expr::value("dissolved"))
        .col_expr(village_body::Column::UpdatedAt, Expr::value(now))
        .filter(village_body::Column::Id.eq(body))
        .exec(c)
        .await?;
    enterprise_offer::Entity::update_many()
        .col_expr(enterprise_offer::Column::WithdrawnAt, Expr::value(now))
        .filter(enterprise_offer::Column::BodyId.eq(body))
        .filter(enterprise_offer::Column::WithdrawnAt.is_null())
        .exec(c)
        .await?;
    enterprise_liaison::Entity::update_many()
        .col_expr(enterprise_liaison::Column::Until, Expr::value(today))
        .filter(enterprise_liaison::Column::BodyId.eq(body))
        .filter(enterprise_liaison::Column::Until.is_null())
        .exec(c)
        .await?;
    Ok(())
}
