//! Member development (RULES.md §5): one case per person from the application to full
//! membership, with the key dates the gates read, and its steps as a timeline.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index, path_col};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum DevelopmentCases {
    Table,
    Id,
    PersonId,
    PersonName,
    OrgId,
    OrgPath,
    Stage,
    AppliedOn,
    TalkOn,
    ActivistOn,
    TargetOn,
    Introducer1,
    Introducer2,
    ReviewOn,
    TrainingFrom,
    TrainingTo,
    TrainingHours,
    PreReviewOn,
    NoticeFrom,
    AssemblyOn,
    AdmissionVoteId,
    ApprovedOn,
    ExtensionMonths,
    ConfirmationVoteId,
    ConfirmedOn,
    EndedOn,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum DevelopmentSteps {
    Table,
    Id,
    CaseId,
    Step,
    OnDate,
    Note,
    MeetingId,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Persons {
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
        use DevelopmentCases as C;
        m.create_table(
            Table::create()
                .table(C::Table)
                .col(uuid(C::Id).primary_key())
                .col(uuid(C::PersonId))
                .col(string_len(C::PersonName, 50))
                .col(uuid(C::OrgId))
                .col(path_col(m, C::OrgPath))
                .col(string_len(C::Stage, 24))
                .col(date(C::AppliedOn))
                .col(date_null(C::TalkOn))
                .col(date_null(C::ActivistOn))
                .col(date_null(C::TargetOn))
                .col(uuid_null(C::Introducer1))
                .col(uuid_null(C::Introducer2))
                .col(date_null(C::ReviewOn))
                .col(date_null(C::TrainingFrom))
                .col(date_null(C::TrainingTo))
                .col(integer_null(C::TrainingHours))
                .col(date_null(C::PreReviewOn))
                .col(date_null(C::NoticeFrom))
                .col(date_null(C::AssemblyOn))
                .col(uuid_null(C::AdmissionVoteId))
                .col(date_null(C::ApprovedOn))
                .col(integer_null(C::ExtensionMonths))
                .col(uuid_null(C::ConfirmationVoteId))
                .col(date_null(C::ConfirmedOn))
                .col(date_null(C::EndedOn))
                .col(timestamp_with_time_zone(C::CreatedAt))
                .col(timestamp_with_time_zone(C::UpdatedAt))
                .foreign_key(&mut fk("fk_development_cases_person", (C::Table, C::PersonId), (Persons::Table, Persons::Id)))
                .foreign_key(&mut fk("fk_development_cases_org", (C::Table, C::OrgId), (Organizations::Table, Organizations::Id)))
                .to_owned(),
        )
        .await?;
        // One case per person; a vote admits or confirms one person only.
        m.create_index(index("uq_development_cases_person_id", C::Table, [C::PersonId], true)).await?;
        m.create_index(index("uq_development_cases_admission_vote_id", C::Table, [C::AdmissionVoteId], true)).await?;
        m.create_index(index("uq_development_cases_confirmation_vote_id", C::Table, [C::ConfirmationVoteId], true)).await?;
        m.create_index(index("ix_development_cases_org_path_stage", C::Table, [C::OrgPath, C::Stage], false)).await?;

        use DevelopmentSteps as S;
        m.create_table(
            Table::create()
                .table(S::Table)
                .col(uuid(S::Id).primary_key())
                .col(uuid(S::CaseId))
                .col(string_len(S::Step, 24))
                .col(date(S::OnDate))
                .col(text(S::Note))
                .col(uuid_null(S::MeetingId))
                .col(string_len(S::RecordedBy, 100))
                .col(timestamp_with_time_zone(S::RecordedAt))
                .foreign_key(&mut fk("fk_development_steps_case", (S::Table, S::CaseId), (C::Table, C::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_development_steps_case", S::Table, [S::CaseId, S::OnDate], false)).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(DevelopmentSteps::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(DevelopmentCases::Table).to_owned()).await?;
        Ok(())
    }
}
