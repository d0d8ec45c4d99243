//! Meetings (organizational life, RULES.md §1): the meeting with its invitees and their
//! attendance, minutes kept as versions, votes, the yearly democratic appraisal per member, the
//! reminders already sent (so the sweeper sends each once), and per-account calendar feed keys.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index, path_col};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Meetings {
    Table,
    Id,
    OrgId,
    OrgPath,
    Kind,
    Pair,
    Title,
    Agenda,
    Place,
    StartsAt,
    CountsFor,
    Status,
    HeldOn,
    Lecturer,
    LecturerFrom,
    Topic,
    CalledBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum MeetingInvitees {
    Table,
    MeetingId,
    PersonId,
    PersonName,
    Role,
    Attendance,
    LeaveReason,
    Unable,
    MakeupOn,
    MakeupNote,
}

#[derive(DeriveIden, Clone, Copy)]
enum MeetingMinutes {
    Table,
    Id,
    MeetingId,
    Version,
    Body,
    Resolutions,
    Reason,
    WrittenBy,
    WrittenAt,
    ApprovedBy,
    ApprovedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum MeetingVotes {
    Table,
    Id,
    MeetingId,
    Motion,
    Eligible,
    Present,
    Yes,
    No,
    Abstain,
    Passes,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Appraisals {
    Table,
    Id,
    OrgId,
    Year,
    PersonId,
    PersonName,
    Probationary,
    SelfAssessment,
    MutualAssessment,
    Grade,
    MeetingId,
    GradedBy,
    GradedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum MeetingReminders {
    Table,
    OrgId,
    Requirement,
    Period,
    Stage,
    SentAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum FeedKeys {
    Table,
    AccountId,
    KeyHash,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Meetings::Table)
                .col(uuid(Meetings::Id).primary_key())
                .col(uuid(Meetings::OrgId))
                .col(path_col(m, Meetings::OrgPath))
                .col(string_len(Meetings::Kind, 30))
                .col(string_len_null(Meetings::Pair, 30))
                .col(string_len(Meetings::Title, 200))
                .col(text(Meetings::Agenda))
                .col(string_len(Meetings::Place, 200))
                .col(timestamp_with_time_zone(Meetings::StartsAt))
                .col(date(Meetings::CountsFor))
                .col(string_len(Meetings::Status, 20))
                .col(date_null(Meetings::HeldOn))
                .col(string_len_null(Meetings::Lecturer, 100))
                .col(string_len_null(Meetings::LecturerFrom, 200))
                .col(string_len_null(Meetings::Topic, 200))
                .col(uuid_null(Meetings::CalledBy))
                .col(timestamp_with_time_zone(Meetings::CreatedAt))
                .col(timestamp_with_time_zone(Meetings::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_meetings_org_path_counts_for", Meetings::Table, [Meetings::OrgPath, Meetings::CountsFor], false)).await?;
        m.create_index(index("ix_meetings_org_id_starts_at", Meetings::Table, [Meetings::OrgId, Meetings::StartsAt], false)).await?;

        m.create_table(
            Table::create()
                .table(MeetingInvitees::Table)
                .col(uuid(MeetingInvitees::MeetingId))
                .col(uuid(MeetingInvitees::PersonId))
                .col(string_len(MeetingInvitees::PersonName, 50))
                .col(string_len(MeetingInvitees::Role, 30))
                .col(string_len_null(MeetingInvitees::Attendance, 20))
                .col(string_len_null(MeetingInvitees::LeaveReason, 200))
                .col(string_len_null(MeetingInvitees::Unable, 20))
                .col(date_null(MeetingInvitees::MakeupOn))
                .col(string_len_null(MeetingInvitees::MakeupNote, 200))
                .primary_key(Index::create().col(MeetingInvitees::MeetingId).col(MeetingInvitees::PersonId))
                .foreign_key(&mut fk(
                    "fk_meeting_invitees_meeting",
                    (MeetingInvitees::Table, MeetingInvitees::MeetingId),
                    (Meetings::Table, Meetings::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_meeting_invitees_person", MeetingInvitees::Table, [MeetingInvitees::PersonId], false)).await?;

        m.create_table(
            Table::create()
                .table(MeetingMinutes::Table)
                .col(uuid(MeetingMinutes::Id).primary_key())
                .col(uuid(MeetingMinutes::MeetingId))
                .col(integer(MeetingMinutes::Version))
                .col(text(MeetingMinutes::Body))
                .col(text(MeetingMinutes::Resolutions))
                .col(string_len_null(MeetingMinutes::Reason, 500))
                .col(uuid_null(MeetingMinutes::WrittenBy))
                .col(timestamp_with_time_zone(MeetingMinutes::WrittenAt))
                .col(uuid_null(MeetingMinutes::ApprovedBy))
                .col(timestamp_with_time_zone_null(MeetingMinutes::ApprovedAt))
                .foreign_key(&mut fk(
                    "fk_meeting_minutes_meeting",
                    (MeetingMinutes::Table, MeetingMinutes::MeetingId),
                    (Meetings::Table, Meetings::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_meeting_minutes_meeting_id_version",
            MeetingMinutes::Table,
            [MeetingMinutes::MeetingId, MeetingMinutes::Version],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(MeetingVotes::Table)
                .col(uuid(MeetingVotes::Id).primary_key())
                .col(uuid(MeetingVotes::MeetingId))
                .col(string_len(MeetingVotes::Motion, 300))
                .col(integer(MeetingVotes::Eligible))
                .col(integer(MeetingVotes::Present))
                .col(integer(MeetingVotes::Yes))
                .col(integer(MeetingVotes::No))
                .col(integer(MeetingVotes::Abstain))
                .col(boolean(MeetingVotes::Passes))
                .col(uuid_null(MeetingVotes::RecordedBy))
                .col(timestamp_with_time_zone(MeetingVotes::RecordedAt))
                .foreign_key(&mut fk(
                    "fk_meeting_votes_meeting",
                    (MeetingVotes::Table, MeetingVotes::MeetingId),
                    (Meetings::Table, Meetings::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_meeting_votes_meeting", MeetingVotes::Table, [MeetingVotes::MeetingId], false)).await?;

        m.create_table(
            Table::create()
                .table(Appraisals::Table)
                .col(uuid(Appraisals::Id).primary_key())
                .col(uuid(Appraisals::OrgId))
                .col(integer(Appraisals::Year))
                .col(uuid(Appraisals::PersonId))
                .col(string_len(Appraisals::PersonName, 50))
                .col(boolean(Appraisals::Probationary))
                .col(text(Appraisals::SelfAssessment))
                .col(text(Appraisals::MutualAssessment))
                .col(string_len_null(Appraisals::Grade, 30))
                .col(uuid_null(Appraisals::MeetingId))
                .col(uuid_null(Appraisals::GradedBy))
                .col(timestamp_with_time_zone(Appraisals::GradedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_appraisals_org_id_year_person_id",
            Appraisals::Table,
            [Appraisals::OrgId, Appraisals::Year, Appraisals::PersonId],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(MeetingReminders::Table)
                .col(uuid(MeetingReminders::OrgId))
                .col(string_len(MeetingReminders::Requirement, 60))
                .col(string_len(MeetingReminders::Period, 10))
                .col(string_len(MeetingReminders::Stage, 10))
                .col(timestamp_with_time_zone(MeetingReminders::SentAt))
                .primary_key(
                    Index::create()
                        .col(MeetingReminders::OrgId)
                        .col(MeetingReminders::Requirement)
                        .col(MeetingReminders::Period)
                        .col(MeetingReminders::Stage),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(FeedKeys::Table)
                .col(uuid(FeedKeys::AccountId).primary_key())
                .col(string_len(FeedKeys::KeyHash, 64))
                .col(timestamp_with_time_zone(FeedKeys::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index("uq_feed_keys_key_hash", FeedKeys::Table, [FeedKeys::KeyHash], true)).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["feed_keys", "meeting_reminders", "appraisals", "meeting_votes", "meeting_minutes", "meeting_invitees", "meetings"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}
