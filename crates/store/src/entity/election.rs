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
    /// `recommending` (public recommendation), `preparing` (candidates fixed), `voting` (a round
    /// open), `counted` (a round closed, seats left), `elected` (every seat filled), `reported`
    /// (sent to the level above), `approved`.
    pub status: String,
    /// The round open or last closed; 0 before the first.
    pub round: i32,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Chosen by the new committee among those elected.
    pub secretary: Option<String>,
    pub deputy: Option<String>,
    /// Recommendation ballots returned by members and by villagers (or their representatives).
    pub rec_member_ballots: i32,
    pub rec_villager_ballots: i32,
    pub reported_on: Option<Date>,
    pub approved_on: Option<Date>,
    pub approved_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
