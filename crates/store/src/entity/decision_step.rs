use sea_orm::entity::prelude::*;

/// One step of a matter as it happened: the meeting (a party meeting's vote, or a villagers' or
/// representatives' meeting) with the numbers it was counted on, or a disclosure.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "decision_steps")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub matter_id: Uuid,
    pub step: String,
    pub outcome: String,
    pub on_date: Date,
    pub meeting_id: Option<Uuid>,
    pub vote_id: Option<Uuid>,
    pub village_meeting_id: Option<Uuid>,
    /// Those the vote is counted against (who should attend).
    pub base: Option<i32>,
    pub present: Option<i32>,
    pub yes: Option<i32>,
    pub no: Option<i32>,
    pub abstain: Option<i32>,
    /// What was disclosed and where, or why a step was skipped.
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
