use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "persons")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub gender: Option<String>,
    pub birth_date: Option<Date>,
    pub ethnicity: Option<String>,
    pub education: Option<String>,
    pub occupation: Option<String>,
    /// Nonce and ciphertext (AES-256-GCM), hex; never shown.
    #[serde(skip)]
    pub id_number_enc: Option<String>,
    #[serde(skip)]
    pub id_number_hash: Option<String>,
    pub id_number_mask: Option<String>,
    #[serde(skip)]
    pub phone_enc: Option<String>,
    #[serde(skip)]
    pub phone_hash: Option<String>,
    pub phone_mask: Option<String>,
    pub household_id: Option<Uuid>,
    pub area_id: Uuid,
    pub area_path: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
