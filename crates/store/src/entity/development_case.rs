use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "development_cases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub person_id: Uuid,
    pub person_name: String,
    pub org_id: Uuid,
    pub org_path: String,
    pub stage: String,
    pub applied_on: Date,
    pub talk_on: Option<Date>,
    pub activist_on: Option<Date>,
    pub target_on: Option<Date>,
    pub introducer1: Option<Uuid>,
    pub introducer2: Option<Uuid>,
    pub review_on: Option<Date>,
    pub training_from: Option<Date>,
    pub training_to: Option<Date>,
    pub training_hours: Option<i32>,
    pub pre_review_on: Option<Date>,
    pub notice_from: Option<Date>,
    pub assembly_on: Option<Date>,
    pub admission_vote_id: Option<Uuid>,
    pub approved_on: Option<Date>,
    pub extension_months: Option<i32>,
    pub confirmation_vote_id: Option<Uuid>,
    pub confirmed_on: Option<Date>,
    pub ended_on: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
