use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "care_difficulties")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub member_id: Uuid,
    pub person_name: String,
    /// The member's organization when registered: who may read it.
    pub org_path: String,
    /// One of `lianxin_core::care::DIFFICULTY_KINDS`.
    pub kind: String,
    /// The difficulty in a few words.
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub registered_on: Date,
    pub closed_on: Option<Date>,
    /// What was done, when it was closed.
    #[sea_orm(column_type = "Text")]
    pub closed_note: String,
    pub recorded_by: String,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
