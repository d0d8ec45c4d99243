//! Enterprises and cooperatives (seed §4): the members who serve each (they are village bodies
//! of the enterprise kinds), what each offers villagers, and what members did for them.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index, path_col};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum EnterpriseLiaisons {
    Table,
    Id,
    BodyId,
    MemberId,
    PersonId,
    PersonName,
    OrgPath,
    Since,
    Until,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum EnterpriseOffers {
    Table,
    Id,
    BodyId,
    AreaPath,
    Kind,
    Title,
    Detail,
    Places,
    HowTo,
    ValidFrom,
    ValidUntil,
    WithdrawnAt,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum EnterpriseServices {
    Table,
    Id,
    BodyId,
    MemberId,
    PersonName,
    ServedOn,
    Kind,
    Note,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum VillageBodies {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Members {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use EnterpriseLiaisons as L;
        use EnterpriseOffers as O;
        use EnterpriseServices as S;
        m.create_table(
            Table::create()
                .table(L::Table)
                .col(uuid(L::Id).primary_key())
                .col(uuid(L::BodyId))
                .col(uuid(L::MemberId))
                .col(uuid(L::PersonId))
                .col(string_len(L::PersonName, 50))
                .col(path_col(m, L::OrgPath))
                .col(date(L::Since))
                .col(date_null(L::Until))
                .col(string_len(L::CreatedBy, 100))
                .col(timestamp_with_time_zone(L::CreatedAt))
                .foreign_key(&mut fk("fk_enterprise_liaisons_body", (L::Table, L::BodyId), (VillageBodies::Table, VillageBodies::Id)))
                .foreign_key(&mut fk("fk_enterprise_liaisons_member", (L::Table, L::MemberId), (Members::Table, Members::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_enterprise_liaisons_body", L::Table, [L::BodyId], false)).await?;
        m.create_index(index("ix_enterprise_liaisons_member", L::Table, [L::MemberId], false)).await?;
        m.create_table(
            Table::create()
                .table(O::Table)
                .col(uuid(O::Id).primary_key())
                .col(uuid(O::BodyId))
                .col(path_col(m, O::AreaPath))
                .col(string_len(O::Kind, 16))
                .col(string_len(O::Title, 200))
                .col(text(O::Detail))
                .col(integer_null(O::Places))
                .col(text(O::HowTo))
                .col(date(O::ValidFrom))
                .col(date_null(O::ValidUntil))
                .col(timestamp_with_time_zone_null(O::WithdrawnAt))
                .col(string_len(O::CreatedBy, 100))
                .col(timestamp_with_time_zone(O::CreatedAt))
                .foreign_key(&mut fk("fk_enterprise_offers_body", (O::Table, O::BodyId), (VillageBodies::Table, VillageBodies::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_enterprise_offers_body", O::Table, [O::BodyId], false)).await?;
        m.create_index(index("ix_enterprise_offers_area_path", O::Table, [O::AreaPath], false)).await?;
        m.create_table(
            Table::create()
                .table(S::Table)
                .col(uuid(S::Id).primary_key())
                .col(uuid(S::BodyId))
                .col(uuid(S::MemberId))
                .col(string_len(S::PersonName, 50))
                .col(date(S::ServedOn))
                .col(string_len(S::Kind, 16))
                .col(text(S::Note))
                .col(string_len(S::RecordedBy, 100))
                .col(timestamp_with_time_zone(S::RecordedAt))
                .foreign_key(&mut fk("fk_enterprise_services_body", (S::Table, S::BodyId), (VillageBodies::Table, VillageBodies::Id)))
                .foreign_key(&mut fk("fk_enterprise_services_member", (S::Table, S::MemberId), (Members::Table, Members::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_enterprise_services_body_on", S::Table, [S::BodyId, S::ServedOn], false)).await?;
        m.create_index(index("ix_enterprise_services_member", S::Table, [S::MemberId], false)).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [EnterpriseServices::Table.into_iden(), EnterpriseOffers::Table.into_iden(), EnterpriseLiaisons::Table.into_iden()] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
