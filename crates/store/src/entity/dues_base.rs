use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dues_bases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub member_id: Uuid,
    pub person_name: String,
    pub org_id: Uuid,
    pub org_path: String,
    pub year: i32,
    pub kind: String,
    pub base_fen: Option<i64>,
    pub monthly_fen: i64,
    pub note: String,
    pub set_by: String,
    pub set_at: DateTimeUtc,
    /// The reduced monthly amount of a hardship relief (zero: waived), once proposed.
    pub relief_fen: Option<i64>,
    pub relief_reason: String,
    /// pending, approved or rejected.
    pub relief_status: Option<String>,
    pub relief_proposed_by: Option<String>,
    pub relief_proposed_at: Option<DateTimeUtc>,
    pub relief_decided_by: Option<String>,
    pub relief_decided_at: Option<DateTimeUtc>,
    pub relief_note: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
