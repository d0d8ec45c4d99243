//! The marks of a meeting's invitees read without their rows: a period's attendance counts
//! read the invitees of each held meeting with their mark and person from this index alone
//! (a county's year: 0.15 s against 0.27 s in SQLite).

use sea_orm_migration::prelude::*;

use super::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum MeetingInvitees {
    Table,
    MeetingId,
    Attendance,
    PersonId,
}

const NAME: &str = "ix_meeting_invitees_meeting_mark_person";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use MeetingInvitees as I;
        m.create_index(index(NAME, I::Table, [I::MeetingId, I::Attendance, I::PersonId], false)).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name(NAME).table(MeetingInvitees::Table).to_owned()).await
    }
}
