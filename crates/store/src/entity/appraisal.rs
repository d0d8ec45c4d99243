use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appraisals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub year: i32,
    pub person_id: Uuid,
    pub person_name: String,
    pub probationary: bool,
    #[sea_orm(column_type = "Text")]
    pub self_assessment: String,
    #[sea_orm(column_type = "Text")]
    pub mutual_assessment: String,
    pub grade: Option<String>,
    pub meeting_id: Option<Uuid>,
    pub graded_by: Option<Uuid>,
    pub graded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
