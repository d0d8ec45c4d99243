use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "appeal_cohandlers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub appeal_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub body_id: Uuid,
    pub added_at: DateTimeUtc,
    pub added_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
