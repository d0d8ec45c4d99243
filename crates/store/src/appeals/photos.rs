//! An appeal's photos: the kept copies (a display copy and a thumbnail), listed without their bytes.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::Photo;
use crate::entity::appeal_photo;

pub async fn insert_photo<C: ConnectionTrait>(c: &C, p: Photo) -> crate::Result<()> {
    p.into_active_model().reset_all().insert(c).await?;
    Ok(())
}

/// Inserts photos, a few per statement (they are large).
pub async fn insert_photos<C: ConnectionTrait>(c: &C, rows: Vec<Photo>) -> crate::Result<()> {
    for chunk in rows.chunks(4) {
        appeal_photo::Entity::insert_many(chunk.iter().cloned().map(|p| p.into_active_model().reset_all()))
            .exec_without_returning(c)
            .await?;
    }
    Ok(())
}

pub async fn photo<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Photo>> {
    Ok(appeal_photo::Entity::find_by_id(id).one(c).await?)
}

/// A photo as a page lists it: its id and the size its thumbnail shows at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PhotoRef {
    pub id: Uuid,
    pub width: u32,
    pub height: u32,
}

impl PhotoRef {
    /// The long side a page shows a thumbnail at, in CSS pixels (the thumbnail itself has twice
    /// as many, for sharp phone screens).
    pub const SHOWN: u32 = 120;

    /// The width and height to show the thumbnail at: its shape, long side `SHOWN`.
    pub fn shown_width(&self) -> u32 {
        self.shown().0
    }

    pub fn shown_height(&self) -> u32 {
        self.shown().1
    }

    fn shown(&self) -> (u32, u32) {
        let long = Ord::max(Ord::max(self.width, self.height), 1);
        let scale = |v: u32| Ord::max(u64::from(v) * u64::from(Self::SHOWN) / u64::from(long), 1) as u32;
        (scale(self.width), scale(self.height))
    }
}

/// The photos of an appeal (ids and thumbnail sizes, without the bytes). Photos stored before
/// thumbnails were made are listed as squares of the old 120 px.
pub async fn photo_ids<C: ConnectionTrait>(c: &C, appeal_id: Uuid) -> crate::Result<Vec<PhotoRef>> {
    let rows: Vec<(Uuid, Option<i32>, Option<i32>)> = appeal_photo::Entity::find()
        .select_only()
        .column(appeal_photo::Column::Id)
        .column(appeal_photo::Column::ThumbWidth)
        .column(appeal_photo::Column::ThumbHeight)
        .filter(appeal_photo::Column::AppealId.eq(appeal_id))
        .order_by_asc(appeal_photo::Column::Id)
        .into_tuple()
        .all(c)
        .await?;
    let side = |v: Option<i32>| v.and_then(|v| u32::try_from(v).ok()).unwrap_or(120);
    Ok(rows.into_iter().map(|(id, w, h)| PhotoRef { id, width: side(w), height: side(h) }).collect())
}

/// The first photo (smallest id) of each of `appeal_ids` that has one: one query.
pub async fn first_photos<C: ConnectionTrait>(c: &C, appeal_ids: &[Uuid]) -> crate::Result<std::collections::HashMap<Uuid, Uuid>> {
    let mut first = std::collections::HashMap::new();
    if appeal_ids.is_empty() {
        return Ok(first);
    }
    let rows: Vec<(Uuid, Uuid)> = appeal_photo::Entity::find()
        .select_only()
        .column(appeal_photo::Column::AppealId)
        .column(appeal_photo::Column::Id)
        .filter(appeal_photo::Column::AppealId.is_in(appeal_ids.iter().copied()))
        .order_by_asc(appeal_photo::Column::Id)
        .into_tuple()
        .all(c)
        .await?;
    for (appeal, photo) in rows {
        first.entry(appeal).or_insert(photo);
    }
    Ok(first)
}
