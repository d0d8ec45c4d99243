//! The public board of party and village affairs: each organization's disclosures, appended to a
//! hash chain of its own, and the notices to the level above of a category overdue.

use sea_orm_migration::{prelude::*, schema::*};

use super::{index, path_col};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Disclosures {
    Table,
    Id,
    OrgId,
    OrgPath,
    Seq,
    Category,
    Title,
    Content,
    Period,
    AroseOn,
    OnDate,
    Payload,
    PrevHash,
    Hash,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum DisclosureNotices {
    Table,
    OrgId,
    Category,
    DueOn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use Disclosures as D;
        m.create_table(
            Table::create()
                .table(D::Table)
                .col(uuid(D::Id).primary_key())
                .col(uuid(D::OrgId))
                .col(path_col(m, D::OrgPath))
                .col(big_integer(D::Seq))
                .col(string_len(D::Category, 20))
                .col(string_len(D::Title, 200))
                .col(text(D::Content))
                .col(string_len(D::Period, 50))
                .col(date_null(D::AroseOn))
                .col(date(D::OnDate))
                .col(text(D::Payload))
                .col(string_len(D::PrevHash, 64))
                .col(string_len(D::Hash, 64))
                .col(string_len(D::CreatedBy, 100))
                .col(timestamp_with_time_zone(D::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ux_disclosures_org_seq", D::Table, [D::OrgId, D::Seq], true)).await?;
        use DisclosureNotices as N;
        m.create_table(
            Table::create()
                .table(N::Table)
                .col(uuid(N::OrgId))
                .col(string_len(N::Category, 20))
                .col(date(N::DueOn))
                .primary_key(Index::create().col(N::OrgId).col(N::Category).col(N::DueOn))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [DisclosureNotices::Table.into_iden(), Disclosures::Table.into_iden()] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
