//! How far each account has read its inbox: the newest notice it has seen (notices are ordered by
//! their time-ordered ids), so the staff pages can say how many are new. One row per account;
//! notices addressed to an organization are shared by its staff, so a mark on the notice itself
//! could not say who has read it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum InboxSeen {
    Table,
    AccountId,
    SeenId,
    SeenAt,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(InboxSeen::Table)
                .col(uuid(InboxSeen::AccountId).primary_key())
                .col(uuid(InboxSeen::SeenId))
                .col(timestamp_with_time_zone(InboxSeen::SeenAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_inbox_seen_account")
                        .from(InboxSeen::Table, InboxSeen::AccountId)
                        .to(Accounts::Table, Accounts::Id),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(InboxSeen::Table).to_owned()).await
    }
}
