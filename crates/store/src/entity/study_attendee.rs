use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "study_attendees")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub training_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub member_id: Uuid,
    pub person_name: String,
    pub org_path: String,
    /// Brought to a member who could not come (送学上门).
    pub brought: bool,
    /// The training's last day and hours, copied so a member's year is summed in one query.
    pub ends_on: Date,
    pub tenths: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
