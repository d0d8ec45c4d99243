use sea_orm::entity::prelude::*;

/// An election of an organization's committee: its seats, where it stands and its round.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "elections")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub org_path: String,
    pub title: String,
    pub seats: i32,
    /// `preparing`, `voting` (a round open), `counted` (a round closed).
    pub status: String,
    /// The round open or last closed; 0 before the first.
    pub round: i32,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
