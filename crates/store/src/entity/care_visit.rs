use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "care_visits")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub member_id: Uuid,
    pub person_name: String,
    pub org_path: String,
    /// One of `lianxin_core::care::OCCASIONS`.
    pub occasion: String,
    pub planned_on: Date,
    /// Empty while the visit is only planned.
    pub visited_on: Option<Date>,
    /// Who visited, as written.
    pub visitors: String,
    /// What was done or given.
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
