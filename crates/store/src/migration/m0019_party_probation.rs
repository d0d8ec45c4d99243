//! 留党察看 (party probation, 党章 第四十条) on the member record: from when and until when a
//! full member is under it. Such a member may not introduce an applicant.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Members {
    Table,
    PartyProbationFrom,
    PartyProbationUntil,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for c in [Members::PartyProbationFrom, Members::PartyProbationUntil] {
            m.alter_table(Table::alter().table(Members::Table).add_column(date_null(c)).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for c in [Members::PartyProbationFrom, Members::PartyProbationUntil] {
            m.alter_table(Table::alter().table(Members::Table).drop_column(c).to_owned()).await?;
        }
        Ok(())
    }
}
