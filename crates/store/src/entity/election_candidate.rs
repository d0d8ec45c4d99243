use sea_orm::entity::prelude::*;

/// A candidate, in the order of the ballot.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "election_candidates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub election_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    pub person_id: Option<Uuid>,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
