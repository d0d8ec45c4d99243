//! The rows a township's table of its villages is computed from: one per appeal filed in the
//! villages below some areas, without personal data.

use chrono::{DateTime, Utc};
use lianxin_core::tree::TreePath;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::entity::appeal;

#[derive(Clone, Debug, sea_orm::FromQueryResult)]
pub struct VillageFigureRow {
    pub village_area_id: Uuid,
    pub status: String,
    pub level: String,
    pub rating: Option<String>,
    pub due_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// Every appeal of the villages within `areas` (one query, by the village path index).
pub async fn village_figure_rows<C: ConnectionTrait>(c: &C, areas: &[TreePath]) -> crate::Result<Vec<VillageFigureRow>> {
    if areas.is_empty() {
        return Ok(Vec::new());
    }
    let mut within = Condition::any();
    for a in areas {
        let (lo, hi) = a.subtree_range();
        within = within.add(Condition::all().add(appeal::Column::VillagePath.gte(lo)).add(appeal::Column::VillagePath.lt(hi)));
    }
    Ok(appeal::Entity::find()
        .select_only()
        .column(appeal::Column::VillageAreaId)
        .column(appeal::Column::Status)
        .column(appeal::Column::Level)
        .column(appeal::Column::Rating)
        .column(appeal::Column::DueAt)
        .column(appeal::Column::CreatedAt)
        .column(appeal::Column::ResolvedAt)
        .filter(within)
        .into_model::<VillageFigureRow>()
        .all(c)
        .await?)
}
