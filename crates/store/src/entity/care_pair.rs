use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "care_pairs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub org_path: String,
    pub helper_id: Uuid,
    pub helper_person_id: Uuid,
    pub helper_name: String,
    pub helped_id: Uuid,
    pub helped_name: String,
    #[sea_orm(column_type = "Text")]
    pub goal: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub recorded_by: String,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
