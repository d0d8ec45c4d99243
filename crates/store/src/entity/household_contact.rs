use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "household_contacts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub member_id: Uuid,
    pub household_id: Uuid,
    /// The member's organization: who may read it.
    pub org_path: String,
    pub contacted_on: Date,
    /// One of `lianxin_core::care::CONTACT_KINDS`.
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
