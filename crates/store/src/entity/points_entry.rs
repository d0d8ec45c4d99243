use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "points_entries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub member_id: Uuid,
    pub person_name: String,
    pub org_path: String,
    /// The day the service (or the fault) happened.
    pub happened_on: Date,
    /// What it was, in words.
    pub item: String,
    /// Points added (or taken, below zero).
    pub points: i32,
    /// What shows it happened: a document, a photo's place, a record's number.
    #[sea_orm(column_type = "Text")]
    pub evidence: String,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    pub entered_by: String,
    pub entered_by_account: Uuid,
    pub entered_at: DateTimeUtc,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text")]
    pub decision_note: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
