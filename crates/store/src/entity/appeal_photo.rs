use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "appeal_photos")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub appeal_id: Uuid,
    pub content_type: String,
    pub bytes: i32,
    /// The copy to look at.
    pub data: Vec<u8>,
    pub created_at: DateTimeUtc,
    pub width: Option<i32>,
    pub height: Option<i32>,
    /// The thumbnail for lists (empty for photos stored before thumbnails were made).
    pub thumb: Option<Vec<u8>>,
    pub thumb_width: Option<i32>,
    pub thumb_height: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
