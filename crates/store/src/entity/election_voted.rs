use sea_orm::entity::prelude::*;

/// That a voter voted in a round: no time, no ballot.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "election_voted")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub election_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub round: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
