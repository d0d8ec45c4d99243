//! 四议两公开 (RULES.md §4): a village matter with its steps, each linked to the meeting where it
//! happened; the villagers' meetings and representatives' meetings that resolve, with the roll
//! they were counted against and, for representatives, who came.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index, path_col};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum DecisionMatters {
    Table,
    Id,
    OrgId,
    OrgPath,
    Title,
    Kind,
    Description,
    NextStep,
    Status,
    ResolvedOn,
    FinishBy,
    ResolutionDisclosedOn,
    ResultDisclosedOn,
    ResolutionToldOn,
    ResultToldOn,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum DecisionSteps {
    Table,
    Id,
    MatterId,
    Step,
    Outcome,
    OnDate,
    MeetingId,
    VoteId,
    VillageMeetingId,
    Base,
    Present,
    Yes,
    No,
    Abstain,
    Note,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum VillageMeetings {
    Table,
    Id,
    OrgId,
    OrgPath,
    Body,
    HeldOn,
    Place,
    Topic,
    Adults,
    Households,
    Representatives,
    AdultsPresent,
    HouseholdsPresent,
    RepresentativesPresent,
    RecordedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum VillageMeetingAttendees {
    Table,
    MeetingId,
    PersonId,
    PersonName,
    Present,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use DecisionMatters as D;
        m.create_table(
            Table::create()
                .table(D::Table)
                .col(uuid(D::Id).primary_key())
                .col(uuid(D::OrgId))
                .col(path_col(m, D::OrgPath))
                .col(string_len(D::Title, 200))
                .col(string_len(D::Kind, 30))
                .col(text(D::Description))
                .col(string_len_null(D::NextStep, 30))
                .col(string_len(D::Status, 20))
                .col(date_null(D::ResolvedOn))
                .col(date_null(D::FinishBy))
                .col(date_null(D::ResolutionDisclosedOn))
                .col(date_null(D::ResultDisclosedOn))
                .col(date_null(D::ResolutionToldOn))
                .col(date_null(D::ResultToldOn))
                .col(string_len(D::CreatedBy, 100))
                .col(timestamp_with_time_zone(D::CreatedAt))
                .col(timestamp_with_time_zone(D::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_decision_matters_org_path_created", D::Table, [D::OrgPath, D::CreatedAt], false)).await?;

        use VillageMeetings as V;
        m.create_table(
            Table::create()
                .table(V::Table)
                .col(uuid(V::Id).primary_key())
                .col(uuid(V::OrgId))
                .col(path_col(m, V::OrgPath))
                .col(string_len(V::Body, 20))
                .col(date(V::HeldOn))
                .col(string_len(V::Place, 200))
                .col(string_len(V::Topic, 200))
                .col(integer(V::Adults))
                .col(integer(V::Households))
                .col(integer(V::Representatives))
                .col(integer(V::AdultsPresent))
                .col(integer(V::HouseholdsPresent))
                .col(integer(V::RepresentativesPresent))
                .col(string_len(V::RecordedBy, 100))
                .col(timestamp_with_time_zone(V::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_village_meetings_org_held", V::Table, [V::OrgId, V::HeldOn], false)).await?;

        use VillageMeetingAttendees as A;
        m.create_table(
            Table::create()
                .table(A::Table)
                .col(uuid(A::MeetingId))
                .col(uuid(A::PersonId))
                .col(string_len(A::PersonName, 50))
                .col(boolean(A::Present))
                .primary_key(Index::create().col(A::MeetingId).col(A::PersonId))
                .foreign_key(&mut fk("fk_village_meeting_attendees_meeting", (A::Table, A::MeetingId), (V::Table, V::Id)))
                .to_owned(),
        )
        .await?;

        use DecisionSteps as S;
        m.create_table(
            Table::create()
                .table(S::Table)
                .col(uuid(S::Id).primary_key())
                .col(uuid(S::MatterId))
                .col(string_len(S::Step, 30))
                .col(string_len(S::Outcome, 20))
                .col(date(S::OnDate))
                .col(uuid_null(S::MeetingId))
                .col(uuid_null(S::VoteId))
                .col(uuid_null(S::VillageMeetingId))
                .col(integer_null(S::Base))
                .col(integer_null(S::Present))
                .col(integer_null(S::Yes))
                .col(integer_null(S::No))
                .col(integer_null(S::Abstain))
                .col(text(S::Note))
                .col(string_len(S::RecordedBy, 100))
                .col(timestamp_with_time_zone(S::RecordedAt))
                .foreign_key(&mut fk("fk_decision_steps_matter", (S::Table, S::MatterId), (D::Table, D::Id)))
                .foreign_key(&mut fk("fk_decision_steps_village_meeting", (S::Table, S::VillageMeetingId), (V::Table, V::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_decision_steps_matter", S::Table, [S::MatterId, S::RecordedAt], false)).await?;
        // A meeting's vote counts for one step of one matter.
        m.create_index(index("ux_decision_steps_vote", S::Table, [S::VoteId], true)).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(DecisionSteps::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(VillageMeetingAttendees::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(VillageMeetings::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(DecisionMatters::Table).to_owned()).await
    }
}
