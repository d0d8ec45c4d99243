use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "study_trainings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub org_path: String,
    /// `skills`, `central` or `other`.
    pub kind: String,
    pub title: String,
    pub organizer: String,
    pub place: String,
    pub starts_on: Date,
    pub ends_on: Date,
    /// Tenths of a study hour.
    pub tenths: i32,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
