use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "appeal_categories")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_area_id: Uuid,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub group_name: String,
    pub keywords: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub owner: String,
    pub sla: String,
    #[sea_orm(column_type = "Text")]
    pub attributes: String,
    pub active: bool,
    pub sort: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
