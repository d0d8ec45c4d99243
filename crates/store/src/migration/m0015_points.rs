//! Points (积分制, RULES.md §8): points entered by hand with their evidence and the decision on
//! them. Points from recorded service are counted from the records themselves, never stored twice.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index, path_col};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PointsEntries {
    Table,
    Id,
    MemberId,
    PersonName,
    OrgPath,
    HappenedOn,
    Item,
    Points,
    Evidence,
    Status,
    EnteredBy,
    EnteredByAccount,
    EnteredAt,
    DecidedBy,
    DecidedAt,
    DecisionNote,
}

#[derive(DeriveIden, Clone, Copy)]
enum Members {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use PointsEntries as P;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(uuid(P::Id).primary_key())
                .col(uuid(P::MemberId))
                .col(string_len(P::PersonName, 50))
                .col(path_col(m, P::OrgPath))
                .col(date(P::HappenedOn))
                .col(string_len(P::Item, 100))
                .col(integer(P::Points))
                .col(text(P::Evidence))
                .col(string_len(P::Status, 16))
                .col(string_len(P::EnteredBy, 100))
                .col(uuid(P::EnteredByAccount))
                .col(timestamp_with_time_zone(P::EnteredAt))
                .col(string_len_null(P::DecidedBy, 100))
                .col(timestamp_with_time_zone_null(P::DecidedAt))
                .col(text(P::DecisionNote))
                .foreign_key(&mut fk("fk_points_entries_member", (P::Table, P::MemberId), (Members::Table, Members::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_points_entries_org_path_on", P::Table, [P::OrgPath, P::HappenedOn], false)).await?;
        m.create_index(index("ix_points_entries_member_id", P::Table, [P::MemberId], false)).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(PointsEntries::Table).to_owned()).await
    }
}
