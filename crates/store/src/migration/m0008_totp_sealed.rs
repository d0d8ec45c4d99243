//! Second-factor secrets are stored encrypted (hex of nonce, ciphertext and tag: 120 characters
//! for a 32-character base32 secret), which the 64-character column cannot hold. SQLite does not
//! enforce a declared length, so only PostgreSQL's column is widened.

use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == DatabaseBackend::Postgres {
            m.get_connection().execute_unprepared("ALTER TABLE accounts ALTER COLUMN totp_secret TYPE varchar(255)").await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == DatabaseBackend::Postgres {
            m.get_connection().execute_unprepared("ALTER TABLE accounts ALTER COLUMN totp_secret TYPE varchar(64)").await?;
        }
        Ok(())
    }
}
