use sea_orm::entity::prelude::*;

/// A villagers' meeting or representatives' meeting, with the roll it was counted against (taken
/// from the people records on the day) and those present.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "village_meetings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The village's party organization, which called it.
    pub org_id: Uuid,
    pub org_path: String,
    /// `villagers` or `representatives`.
    pub body: String,
    pub held_on: Date,
    pub place: String,
    pub topic: String,
    /// Residents aged 18 or more.
    pub adults: i32,
    pub households: i32,
    /// Representatives in office on the day.
    pub representatives: i32,
    pub adults_present: i32,
    pub households_present: i32,
    pub representatives_present: i32,
    pub recorded_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
