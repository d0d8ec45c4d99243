use sea_orm::entity::prelude::*;

/// An organization's part of a task: handed down by the issuer or by the part above
/// (`parent_id`), with its own target, deadline and what it has done.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "task_parts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub task_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub org_id: Uuid,
    pub org_path: String,
    /// The organization that handed it down.
    pub assigned_by: Uuid,
    pub target: i64,
    pub due_on: Date,
    /// What it reported itself (a part split further achieves what its parts do).
    pub done: i64,
    /// `open`, `done`, `returned` (for rework).
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub returned_reason: Option<String>,
    pub done_on: Option<Date>,
    pub reminded_on: Option<Date>,
    pub escalated_on: Option<Date>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
