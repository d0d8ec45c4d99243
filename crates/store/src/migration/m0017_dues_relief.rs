//! Hardship relief of dues (第七条): a year's base may carry a reduced monthly amount (zero
//! when waived) with its reason, proposed by the branch and decided by the committee above.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum DuesBases {
    Table,
    ReliefFen,
    ReliefReason,
    ReliefStatus,
    ReliefProposedBy,
    ReliefProposedAt,
    ReliefDecidedBy,
    ReliefDecidedAt,
    ReliefNote,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let cols = [
            big_integer_null(DuesBases::ReliefFen),
            string_len(DuesBases::ReliefReason, 500).default("").to_owned(),
            string_len_null(DuesBases::ReliefStatus, 20),
            string_len_null(DuesBases::ReliefProposedBy, 100),
            timestamp_with_time_zone_null(DuesBases::ReliefProposedAt),
            string_len_null(DuesBases::ReliefDecidedBy, 100),
            timestamp_with_time_zone_null(DuesBases::ReliefDecidedAt),
            string_len(DuesBases::ReliefNote, 500).default("").to_owned(),
        ];
        for col in cols {
            m.alter_table(Table::alter().table(DuesBases::Table).add_column(col).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for c in [
            DuesBases::ReliefNote,
            DuesBases::ReliefDecidedAt,
            DuesBases::ReliefDecidedBy,
            DuesBases::ReliefProposedAt,
            DuesBases::ReliefProposedBy,
            DuesBases::ReliefStatus,
            DuesBases::ReliefReason,
            DuesBases::ReliefFen,
        ] {
            m.alter_table(Table::alter().table(DuesBases::Table).drop_column(c).to_owned()).await?;
        }
        Ok(())
    }
}
