use sea_orm::entity::prelude::*;

/// A task an organization issues to those below it: what it asks for, the whole target and the
/// deadline.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "tasks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub org_path: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// `number`, `checklist`, `evidence` (`lianxin_core::tasks::TaskKind`).
    pub kind: String,
    /// The unit of a number (户, 亩, 次).
    pub unit: String,
    /// The checklist's items, one a line.
    #[sea_orm(column_type = "Text")]
    pub checklist: String,
    /// The whole: the number to reach, the items of the checklist, or 1 for evidence.
    pub target: i64,
    pub due_on: Date,
    pub created_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
