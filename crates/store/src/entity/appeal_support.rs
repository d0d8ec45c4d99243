use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "appeal_supports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub appeal_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub supporter: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
