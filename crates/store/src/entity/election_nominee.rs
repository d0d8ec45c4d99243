use sea_orm::entity::prelude::*;

/// Someone registered or nominated in the public recommendation, with the recommendation votes
/// counted for them by members and by villagers.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "election_nominees")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub election_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    pub person_id: Option<Uuid>,
    /// `registered`, `members` (nominated by members) or `masses` (by villagers).
    pub how: String,
    pub member_votes: i32,
    pub villager_votes: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
