use sea_orm::entity::prelude::*;

/// A disclosure on an organization's public board, chained to the one before it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "disclosures")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub org_path: String,
    /// 1, 2, … within the organization's board.
    pub seq: i64,
    /// `general`, `finance`, `major`, `dues` (`lianxin_core::disclosure::Category`).
    pub category: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub content: String,
    /// The period it covers, in words ("2026年第四季度").
    pub period: String,
    /// For a major matter: the day it arose.
    pub arose_on: Option<Date>,
    pub on_date: Date,
    /// What the hash covers: the category, title, content, period and dates as JSON.
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
    pub created_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
