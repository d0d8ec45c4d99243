use sea_orm::entity::prelude::*;

/// A member who serves an enterprise or cooperative (联系服务企业党员), from `since` to `until`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enterprise_liaisons")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub body_id: Uuid,
    pub member_id: Uuid,
    pub person_id: Uuid,
    pub person_name: String,
    pub org_path: String,
    pub since: Date,
    pub until: Option<Date>,
    pub created_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
