use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dues_payments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub member_id: Uuid,
    pub person_name: String,
    pub org_id: Uuid,
    pub org_path: String,
    /// The first day of the month paid for.
    pub month: Date,
    pub amount_fen: i64,
    pub paid_on: Date,
    /// Paid by the branch on the member's behalf (a frail or far-away member), with the note.
    pub by_branch: bool,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
