use sea_orm::entity::prelude::*;

/// Progress reported on a part: the figure reached, a note, and what shows it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "task_reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub part_id: Uuid,
    pub task_id: Uuid,
    pub at: DateTimeUtc,
    pub done: i64,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    /// What shows it: where the photos or the document are, the meeting it was recorded at.
    #[sea_orm(column_type = "Text")]
    pub evidence: String,
    pub reported_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
