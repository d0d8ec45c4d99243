use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "appeals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub code: String,
    pub key_hash: String,
    pub village_area_id: Uuid,
    pub village_path: String,
    pub category_id: Uuid,
    pub service_code: String,
    pub owner: String,
    pub level: String,
    pub org_id: Uuid,
    pub org_path: String,
    pub handler_person_id: Option<Uuid>,
    pub household_id: Option<Uuid>,
    pub status: String,
    pub public: bool,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    #[sea_orm(column_type = "Text")]
    pub attributes: String,
    pub channel: String,
    #[sea_orm(column_type = "Text")]
    pub name_enc: Option<String>,
    pub name_mask: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub phone_enc: Option<String>,
    pub phone_hash: Option<String>,
    pub phone_mask: Option<String>,
    pub account_id: Option<Uuid>,
    pub filed_by: Option<String>,
    pub supporters: i32,
    pub reopen_count: i32,
    pub rating: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub rating_comment: Option<String>,
    pub rated_at: Option<DateTimeUtc>,
    pub due_at: DateTimeUtc,
    pub reminded: bool,
    pub beyond_capacity: bool,
    pub escalations: i32,
    #[sea_orm(column_type = "Text")]
    pub reject_reason: Option<String>,
    pub resolved_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
