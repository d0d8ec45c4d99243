use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "study_plays")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub member_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub course_id: Uuid,
    /// The day it was played: the year's hours are the sum of its days.
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: Date,
    pub org_path: String,
    /// Milliseconds first played that day.
    pub ms: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
