//! Study and training (RULES.md §10): courses with an uploaded video (kept in chunks, so a range
//! of it is read without the rest) or a link, and a document; what each member played of each
//! video, counted per day; trainings with their hours and who attended.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index, path_col};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum StudyMedia {
    Table,
    Id,
    Kind,
    Mime,
    Size,
    DurationMs,
    Sha256,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum StudyChunks {
    Table,
    MediaId,
    Seq,
    Data,
}

#[derive(DeriveIden, Clone, Copy)]
enum StudyCourses {
    Table,
    Id,
    OrgId,
    OrgPath,
    Title,
    Summary,
    Link,
    VideoId,
    DocumentId,
    DocumentName,
    PublishedBy,
    PublishedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum StudyViews {
    Table,
    MemberId,
    CourseId,
    Spans,
    WatchedMs,
    ReportedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum StudyPlays {
    Table,
    MemberId,
    CourseId,
    Day,
    OrgPath,
    Ms,
}

#[derive(DeriveIden, Clone, Copy)]
enum StudyTrainings {
    Table,
    Id,
    OrgId,
    OrgPath,
    Kind,
    Title,
    Organizer,
    Place,
    StartsOn,
    EndsOn,
    Tenths,
    Note,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum StudyAttendees {
    Table,
    TrainingId,
    MemberId,
    PersonName,
    OrgPath,
    Brought,
    EndsOn,
    Tenths,
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
        use StudyMedia as F;
        m.create_table(
            Table::create()
                .table(F::Table)
                .col(uuid(F::Id).primary_key())
                .col(string_len(F::Kind, 16))
                .col(string_len(F::Mime, 50))
                .col(big_integer(F::Size))
                .col(big_integer_null(F::DurationMs))
                .col(string_len(F::Sha256, 64))
                .col(timestamp_with_time_zone(F::CreatedAt))
                .to_owned(),
        )
        .await?;
        use StudyChunks as K;
        m.create_table(
            Table::create()
                .table(K::Table)
                .col(uuid(K::MediaId))
                .col(integer(K::Seq))
                .col(blob(K::Data))
                .primary_key(Index::create().col(K::MediaId).col(K::Seq))
                .foreign_key(&mut fk("fk_study_chunks_media", (K::Table, K::MediaId), (F::Table, F::Id)))
                .to_owned(),
        )
        .await?;

        use StudyCourses as C;
        m.create_table(
            Table::create()
                .table(C::Table)
                .col(uuid(C::Id).primary_key())
                .col(uuid(C::OrgId))
                .col(path_col(m, C::OrgPath))
                .col(string_len(C::Title, 100))
                .col(text(C::Summary))
                .col(string_len_null(C::Link, 500))
                .col(uuid_null(C::VideoId))
                .col(uuid_null(C::DocumentId))
                .col(string_len_null(C::DocumentName, 100))
                .col(string_len(C::PublishedBy, 100))
                .col(timestamp_with_time_zone(C::PublishedAt))
                .foreign_key(&mut fk("fk_study_courses_org", (C::Table, C::OrgId), (Organizations::Table, Organizations::Id)))
                .foreign_key(&mut fk("fk_study_courses_video", (C::Table, C::VideoId), (F::Table, F::Id)))
                .foreign_key(&mut fk("fk_study_courses_document", (C::Table, C::DocumentId), (F::Table, F::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_study_courses_org_path", C::Table, [C::OrgPath], false)).await?;

        use StudyViews as V;
        m.create_table(
            Table::create()
                .table(V::Table)
                .col(uuid(V::MemberId))
                .col(uuid(V::CourseId))
                .col(text(V::Spans))
                .col(big_integer(V::WatchedMs))
                .col(timestamp_with_time_zone(V::ReportedAt))
                .primary_key(Index::create().col(V::MemberId).col(V::CourseId))
                .foreign_key(&mut fk("fk_study_views_member", (V::Table, V::MemberId), (Members::Table, Members::Id)))
                .foreign_key(&mut fk("fk_study_views_course", (V::Table, V::CourseId), (C::Table, C::Id)))
                .to_owned(),
        )
        .await?;

        use StudyPlays as P;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(uuid(P::MemberId))
                .col(uuid(P::CourseId))
                .col(date(P::Day))
                .col(path_col(m, P::OrgPath))
                .col(big_integer(P::Ms))
                .primary_key(Index::create().col(P::MemberId).col(P::CourseId).col(P::Day))
                .foreign_key(&mut fk("fk_study_plays_member", (P::Table, P::MemberId), (Members::Table, Members::Id)))
                .foreign_key(&mut fk("fk_study_plays_course", (P::Table, P::CourseId), (C::Table, C::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_study_plays_org_path_day", P::Table, [P::OrgPath, P::Day], false)).await?;

        use StudyTrainings as T;
        m.create_table(
            Table::create()
                .table(T::Table)
                .col(uuid(T::Id).primary_key())
                .col(uuid(T::OrgId))
                .col(path_col(m, T::OrgPath))
                .col(string_len(T::Kind, 16))
                .col(string_len(T::Title, 100))
                .col(string_len(T::Organizer, 100))
                .col(string_len(T::Place, 100))
                .col(date(T::StartsOn))
                .col(date(T::EndsOn))
                .col(integer(T::Tenths))
                .col(text(T::Note))
                .col(string_len(T::RecordedBy, 100))
                .col(timestamp_with_time_zone(T::RecordedAt))
                .foreign_key(&mut fk("fk_study_trainings_org", (T::Table, T::OrgId), (Organizations::Table, Organizations::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_study_trainings_org_path_ends_on", T::Table, [T::OrgPath, T::EndsOn], false)).await?;

        use StudyAttendees as A;
        m.create_table(
            Table::create()
                .table(A::Table)
                .col(uuid(A::TrainingId))
                .col(uuid(A::MemberId))
                .col(string_len(A::PersonName, 50))
                .col(path_col(m, A::OrgPath))
                .col(boolean(A::Brought))
                .col(date(A::EndsOn))
                .col(integer(A::Tenths))
                .primary_key(Index::create().col(A::TrainingId).col(A::MemberId))
                .foreign_key(&mut fk("fk_study_attendees_training", (A::Table, A::TrainingId), (T::Table, T::Id)))
                .foreign_key(&mut fk("fk_study_attendees_member", (A::Table, A::MemberId), (Members::Table, Members::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_study_attendees_member_id", A::Table, [A::MemberId], false)).await?;
        m.create_index(index("ix_study_attendees_org_path_ends_on", A::Table, [A::OrgPath, A::EndsOn], false)).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            StudyAttendees::Table.into_iden(),
            StudyTrainings::Table.into_iden(),
            StudyPlays::Table.into_iden(),
            StudyViews::Table.into_iden(),
            StudyCourses::Table.into_iden(),
            StudyChunks::Table.into_iden(),
            StudyMedia::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
