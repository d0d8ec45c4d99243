use sea_orm::entity::prelude::*;

/// One teller's count of a paper round (slot 1 or 2), kept until the other teller's agrees.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "election_teller_counts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub election_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub round: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub slot: i32,
    pub teller: String,
    /// The count as JSON (`lianxin_core::elections::stages::PaperCount`).
    #[sea_orm(column_type = "Text")]
    pub counts: String,
    pub entered_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
