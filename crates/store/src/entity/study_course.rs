use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "study_courses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The organization that published it: its members and those below study it.
    pub org_id: Uuid,
    pub org_path: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    pub link: Option<String>,
    pub video_id: Option<Uuid>,
    pub document_id: Option<Uuid>,
    pub document_name: Option<String>,
    pub published_by: String,
    pub published_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
