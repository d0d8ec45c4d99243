use sea_orm::entity::prelude::*;

/// What an enterprise or cooperative offers villagers, shown on the board of the villages at and
/// below `area_path` from `valid_from` to `valid_until`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enterprise_offers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub body_id: Uuid,
    pub area_path: String,
    /// `jobs`, `purchase`, `training` or `service`.
    pub kind: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub detail: String,
    /// How many: jobs, tonnes, places in a class; none when it does not apply.
    pub places: Option<i32>,
    /// How a villager takes it up, in words shown to the public.
    #[sea_orm(column_type = "Text")]
    pub how_to: String,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    pub withdrawn_at: Option<DateTimeUtc>,
    pub created_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
