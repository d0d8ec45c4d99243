use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub person_id: Uuid,
    pub person_name: String,
    pub org_id: Uuid,
    pub org_path: String,
    pub status: String,
    pub status_since: Date,
    pub applied_on: Option<Date>,
    pub activist_on: Option<Date>,
    pub target_on: Option<Date>,
    pub admitted_on: Option<Date>,
    pub full_on: Option<Date>,
    pub ended_on: Option<Date>,
    pub mobile: bool,
    pub mobile_since: Option<Date>,
    pub mobile_place: Option<String>,
    pub mobile_contact_id: Option<Uuid>,
    pub in_difficulty: bool,
    pub elderly_frail: bool,
    /// 留党察看: from this day until the day before `party_probation_until`.
    pub party_probation_from: Option<Date>,
    pub party_probation_until: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
