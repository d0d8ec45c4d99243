//! Party dues (RULES.md §6): each member's base and monthly amount for a year (fixed each
//! January), one payment per member and month, and the yearly publication to the branch.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index, path_col};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum DuesBases {
    Table,
    Id,
    MemberId,
    PersonName,
    OrgId,
    OrgPath,
    Year,
    Kind,
    BaseFen,
    MonthlyFen,
    Note,
    SetBy,
    SetAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum DuesPayments {
    Table,
    Id,
    MemberId,
    PersonName,
    OrgId,
    OrgPath,
    Month,
    AmountFen,
    PaidOn,
    ByBranch,
    Note,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum DuesPublications {
    Table,
    Id,
    OrgId,
    Year,
    Members,
    TotalFen,
    PublishedBy,
    PublishedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Members {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organizations {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use DuesBases as B;
        m.create_table(
            Table::create()
                .table(B::Table)
                .col(uuid(B::Id).primary_key())
                .col(uuid(B::MemberId))
                .col(string_len(B::PersonName, 50))
                .col(uuid(B::OrgId))
                .col(path_col(m, B::OrgPath))
                .col(integer(B::Year))
                .col(string_len(B::Kind, 16))
                .col(big_integer_null(B::BaseFen))
                .col(big_integer(B::MonthlyFen))
                .col(text(B::Note))
                .col(string_len(B::SetBy, 100))
                .col(timestamp_with_time_zone(B::SetAt))
                .foreign_key(&mut fk("fk_dues_bases_member", (B::Table, B::MemberId), (Members::Table, Members::Id)))
                .foreign_key(&mut fk("fk_dues_bases_org", (B::Table, B::OrgId), (Organizations::Table, Organizations::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("uq_dues_bases_member_id_year", B::Table, [B::MemberId, B::Year], true)).await?;
        m.create_index(index("ix_dues_bases_org_path_year", B::Table, [B::OrgPath, B::Year], false)).await?;

        use DuesPayments as P;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(uuid(P::Id).primary_key())
                .col(uuid(P::MemberId))
                .col(string_len(P::PersonName, 50))
                .col(uuid(P::OrgId))
                .col(path_col(m, P::OrgPath))
                .col(date(P::Month))
                .col(big_integer(P::AmountFen))
                .col(date(P::PaidOn))
                .col(boolean(P::ByBranch))
                .col(text(P::Note))
                .col(string_len(P::RecordedBy, 100))
                .col(timestamp_with_time_zone(P::RecordedAt))
                .foreign_key(&mut fk("fk_dues_payments_member", (P::Table, P::MemberId), (Members::Table, Members::Id)))
                .foreign_key(&mut fk("fk_dues_payments_org", (P::Table, P::OrgId), (Organizations::Table, Organizations::Id)))
                .to_owned(),
        )
        .await?;
        // One payment per member and month: a month already paid cannot be paid again.
        m.create_index(index("uq_dues_payments_member_id_month", P::Table, [P::MemberId, P::Month], true)).await?;
        m.create_index(index("ix_dues_payments_org_path_month", P::Table, [P::OrgPath, P::Month], false)).await?;

        use DuesPublications as U;
        m.create_table(
            Table::create()
                .table(U::Table)
                .col(uuid(U::Id).primary_key())
                .col(uuid(U::OrgId))
                .col(integer(U::Year))
                .col(integer(U::Members))
                .col(big_integer(U::TotalFen))
                .col(string_len(U::PublishedBy, 100))
                .col(timestamp_with_time_zone(U::PublishedAt))
                .foreign_key(&mut fk("fk_dues_publications_org", (U::Table, U::OrgId), (Organizations::Table, Organizations::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("uq_dues_publications_org_id_year", U::Table, [U::OrgId, U::Year], true)).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(DuesPublications::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(DuesPayments::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(DuesBases::Table).to_owned()).await?;
        Ok(())
    }
}
