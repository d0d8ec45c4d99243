use sea_orm::entity::prelude::*;

/// A village matter under 四议两公开, with where it stands and its disclosures' days.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "decision_matters")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub org_path: String,
    pub title: String,
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// The step it waits for; empty once both disclosures are made.
    pub next_step: Option<String>,
    /// `open`, `done` (both disclosures made) or `dropped`.
    pub status: String,
    pub resolved_on: Option<Date>,
    /// When the implementation is to be finished (its result disclosed after).
    pub finish_by: Option<Date>,
    pub resolution_disclosed_on: Option<Date>,
    pub result_disclosed_on: Option<Date>,
    /// The day the level above was told of an overdue disclosure (told once).
    pub resolution_told_on: Option<Date>,
    pub result_told_on: Option<Date>,
    /// The name of who recorded it, never a login id.
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
