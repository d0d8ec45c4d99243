//! Queries for the public board of party and village affairs.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::entity::{area, disclosure, disclosure_notice, organization_area};

pub use disclosure::Model as Disclosure;

/// The board's last entry (sequence and hash), if any.
pub async fn head<C: ConnectionTrait>(c: &C, org: Uuid) -> crate::Result<Option<(i64, String)>> {
    Ok(disclosure::Entity::find()
        .filter(disclosure::Column::OrgId.eq(org))
        .order_by_desc(disclosure::Column::Seq)
        .limit(1)
        .one(c)
        .await?
        .map(|d| (d.seq, d.hash)))
}

pub async fn insert<C: ConnectionTrait>(c: &C, d: Disclosure) -> crate::Result<Disclosure> {
    Ok(d.into_active_model().reset_all().insert(c).await?)
}

/// An organization's board in order.
pub async fn board<C: ConnectionTrait>(c: &C, org: Uuid) -> crate::Result<Vec<Disclosure>> {
    Ok(disclosure::Entity::find().filter(disclosure::Column::OrgId.eq(org)).order_by_asc(disclosure::Column::Seq).all(c).await?)
}

/// The organizations that have a board.
pub async fn orgs_with_boards<C: ConnectionTrait>(c: &C) -> crate::Result<Vec<Uuid>> {
    let mut ids: Vec<Uuid> =
        disclosure::Entity::find().select_only().column(disclosure::Column::OrgId).distinct().into_tuple().all(c).await?;
    ids.sort();
    Ok(ids)
}

/// Records that the level above was told of a category overdue on `due_on`; false when told.
pub async fn note_told<C: ConnectionTrait>(c: &C, org: Uuid, category: &str, due_on: chrono::NaiveDate) -> crate::Result<bool> {
    if disclosure_notice::Entity::find_by_id((org, category.to_owned(), due_on)).one(c).await?.is_some() {
        return Ok(false);
    }
    disclosure_notice::ActiveModel { org_id: sea_orm::Set(org), category: sea_orm::Set(category.to_owned()), due_on: sea_orm::Set(due_on) }
        .insert(c)
        .await?;
    Ok(true)
}

/// The organizations that serve a village: each owes the village a public board.
pub async fn village_orgs<C: ConnectionTrait>(c: &C) -> crate::Result<Vec<Uuid>> {
    let villages: Vec<Uuid> =
        area::Entity::find().filter(area::Column::Level.eq("village")).select_only().column(area::Column::Id).into_tuple().all(c).await?;
    let mut out = Vec::new();
    for chunk in villages.chunks(500) {
        let ids: Vec<Uuid> = organization_area::Entity::find()
            .filter(organization_area::Column::AreaId.is_in(chunk.iter().copied()))
            .select_only()
            .column(organization_area::Column::OrgId)
            .into_tuple()
            .all(c)
            .await?;
        out.extend(ids);
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The last day each category was disclosed on each board: (organization, category, day).
pub async fn last_dates<C: ConnectionTrait>(c: &C) -> crate::Result<Vec<(Uuid, String, chrono::NaiveDate)>> {
    Ok(disclosure::Entity::find()
        .select_only()
        .column(disclosure::Column::OrgId)
        .column(disclosure::Column::Category)
        .column_as(disclosure::Column::OnDate.max(), "last")
        .group_by(disclosure::Column::OrgId)
        .group_by(disclosure::Column::Category)
        .into_tuple()
        .all(c)
        .await?)
}
