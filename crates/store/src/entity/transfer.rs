use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "transfers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub member_id: Uuid,
    pub from_org_id: Uuid,
    pub to_org_id: Option<Uuid>,
    pub destination: Option<String>,
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub letter_no: Option<String>,
    pub letter_valid_until: Option<Date>,
    pub requested_at: DateTimeUtc,
    pub requested_by: String,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub note: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
