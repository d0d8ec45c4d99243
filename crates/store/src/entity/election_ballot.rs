use sea_orm::entity::prelude::*;

/// A ballot in the box: a random id, the marks and the receipt; no voter, no time.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "election_ballots")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub election_id: Uuid,
    pub round: i32,
    #[sea_orm(column_type = "Text")]
    pub marks: String,
    pub receipt: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
