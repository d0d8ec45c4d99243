use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "appeal_handlers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub village_area_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub owner: String,
    pub person_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
