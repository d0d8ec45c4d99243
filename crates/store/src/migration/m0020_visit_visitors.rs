//! The members who made a visit (RULES.md §10: visits to members in difficulty): beside the
//! visitors as written (a township leader, say), the organization's own members who went, so a
//! visit counts for them in points and in the leaders' pool.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum CareVisitVisitors {
    Table,
    Id,
    VisitId,
    MemberId,
    VisitedOn,
}

#[derive(DeriveIden, Clone, Copy)]
enum CareVisits {
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
        use CareVisitVisitors as V;
        m.create_table(
            Table::create()
                .table(V::Table)
                .col(uuid(V::Id).primary_key())
                .col(uuid(V::VisitId))
                .col(uuid(V::MemberId))
                .col(date_null(V::VisitedOn))
                .foreign_key(&mut fk("fk_care_visit_visitors_visit", (V::Table, V::VisitId), (CareVisits::Table, CareVisits::Id)))
                .foreign_key(&mut fk("fk_care_visit_visitors_member", (V::Table, V::MemberId), (Members::Table, Members::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ux_care_visit_visitors_visit_member", V::Table, [V::VisitId, V::MemberId], true)).await?;
        m.create_index(index("ix_care_visit_visitors_member_on", V::Table, [V::MemberId, V::VisitedOn], false)).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(CareVisitVisitors::Table).to_owned()).await
    }
}
