use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub org_path: String,
    pub kind: String,
    pub pair: Option<String>,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub agenda: String,
    pub place: String,
    pub starts_at: DateTimeUtc,
    pub counts_for: Date,
    pub status: String,
    pub held_on: Option<Date>,
    pub lecturer: Option<String>,
    pub lecturer_from: Option<String>,
    pub topic: Option<String>,
    pub called_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
