use sea_orm::entity::prelude::*;

/// What a member did for an enterprise or cooperative on a day.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enterprise_services")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub body_id: Uuid,
    pub member_id: Uuid,
    pub person_name: String,
    pub served_on: Date,
    /// `policy`, `finance`, `market`, `technology`, `dispute` or `other`.
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
