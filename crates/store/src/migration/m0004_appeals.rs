//! Appeals (villagers' needs): categories with the duty matrix and village overrides, designated
//! handlers, the appeals with their timeline, co-handlers, photos and "me too" supporters; the
//! in-app inbox and the outbox of SMS/webhook notices; one-time phone codes; full-text search.

use sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index, path_col};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum AppealCategories {
    Table,
    Id,
    CountyAreaId,
    Code,
    NameZh,
    NameEn,
    GroupName,
    Keywords,
    Description,
    Owner,
    Sla,
    Attributes,
    Active,
    Sort,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AppealOverrides {
    Table,
    VillageAreaId,
    CategoryId,
    Owner,
}

#[derive(DeriveIden, Clone, Copy)]
enum AppealHandlers {
    Table,
    VillageAreaId,
    Owner,
    PersonId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Appeals {
    Table,
    Id,
    Code,
    KeyHash,
    VillageAreaId,
    VillagePath,
    CategoryId,
    ServiceCode,
    Owner,
    Level,
    OrgId,
    OrgPath,
    HandlerPersonId,
    HouseholdId,
    Status,
    Public,
    Description,
    Address,
    Lat,
    Lon,
    Attributes,
    Channel,
    NameEnc,
    NameMask,
    PhoneEnc,
    PhoneHash,
    PhoneMask,
    AccountId,
    FiledBy,
    Supporters,
    ReopenCount,
    Rating,
    RatingComment,
    RatedAt,
    DueAt,
    Reminded,
    BeyondCapacity,
    Escalations,
    RejectReason,
    ResolvedAt,
    ClosedAt,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum AppealEvents {
    Table,
    Id,
    AppealId,
    At,
    Kind,
    Actor,
    Public,
    Body,
    Data,
}

#[derive(DeriveIden, Clone, Copy)]
enum AppealCohandlers {
    Table,
    AppealId,
    BodyId,
    AddedAt,
    AddedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum AppealPhotos {
    Table,
    Id,
    AppealId,
    ContentType,
    Bytes,
    Data,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AppealSupports {
    Table,
    AppealId,
    Supporter,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum InboxMessages {
    Table,
    Id,
    OrgId,
    PersonId,
    AppealId,
    Kind,
    Body,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Outbox {
    Table,
    Id,
    Channel,
    ToEnc,
    ToMask,
    Body,
    Status,
    Attempts,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PhoneCodes {
    Table,
    PhoneHash,
    CodeHash,
    Attempts,
    SentAt,
    ExpiresAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Areas {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(AppealCategories::Table)
                .col(uuid(AppealCategories::Id).primary_key())
                .col(uuid(AppealCategories::CountyAreaId))
                .col(string_len(AppealCategories::Code, 20))
                .col(string_len(AppealCategories::NameZh, 50))
                .col(string_len(AppealCategories::NameEn, 80))
                .col(string_len(AppealCategories::GroupName, 50))
                .col(string_len(AppealCategories::Keywords, 500))
                .col(text(AppealCategories::Description))
                .col(string_len(AppealCategories::Owner, 30))
                .col(string_len(AppealCategories::Sla, 10))
                .col(text(AppealCategories::Attributes))
                .col(boolean(AppealCategories::Active))
                .col(integer(AppealCategories::Sort))
                .col(timestamp_with_time_zone(AppealCategories::CreatedAt))
                .col(timestamp_with_time_zone(AppealCategories::UpdatedAt))
                .foreign_key(&mut fk(
                    "fk_appeal_categories_county",
                    (AppealCategories::Table, AppealCategories::CountyAreaId),
                    (Areas::Table, Areas::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_appeal_categories_county_area_id_code",
            AppealCategories::Table,
            [AppealCategories::CountyAreaId, AppealCategories::Code],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(AppealOverrides::Table)
                .col(uuid(AppealOverrides::VillageAreaId))
                .col(uuid(AppealOverrides::CategoryId))
                .col(string_len(AppealOverrides::Owner, 30))
                .primary_key(Index::create().col(AppealOverrides::VillageAreaId).col(AppealOverrides::CategoryId))
                .foreign_key(&mut fk(
                    "fk_appeal_overrides_category",
                    (AppealOverrides::Table, AppealOverrides::CategoryId),
                    (AppealCategories::Table, AppealCategories::Id),
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AppealHandlers::Table)
                .col(uuid(AppealHandlers::VillageAreaId))
                .col(string_len(AppealHandlers::Owner, 30))
                .col(uuid(AppealHandlers::PersonId))
                .primary_key(Index::create().col(AppealHandlers::VillageAreaId).col(AppealHandlers::Owner))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Appeals::Table)
                .col(uuid(Appeals::Id).primary_key())
                .col(string_len(Appeals::Code, 10))
                .col(string_len(Appeals::KeyHash, 64))
                .col(uuid(Appeals::VillageAreaId))
                .col(path_col(m, Appeals::VillagePath))
                .col(uuid(Appeals::CategoryId))
                .col(string_len(Appeals::ServiceCode, 20))
                .col(string_len(Appeals::Owner, 30))
                .col(string_len(Appeals::Level, 10))
                .col(uuid(Appeals::OrgId))
                .col(path_col(m, Appeals::OrgPath))
                .col(uuid_null(Appeals::HandlerPersonId))
                .col(uuid_null(Appeals::HouseholdId))
                .col(string_len(Appeals::Status, 20))
                .col(boolean(Appeals::Public))
                .col(text(Appeals::Description))
                .col(string_len_null(Appeals::Address, 200))
                .col(double_null(Appeals::Lat))
                .col(double_null(Appeals::Lon))
                .col(text(Appeals::Attributes))
                .col(string_len(Appeals::Channel, 20))
                .col(text_null(Appeals::NameEnc))
                .col(string_len_null(Appeals::NameMask, 50))
                .col(text_null(Appeals::PhoneEnc))
                .col(string_len_null(Appeals::PhoneHash, 64))
                .col(string_len_null(Appeals::PhoneMask, 20))
                .col(uuid_null(Appeals::AccountId))
                .col(string_len_null(Appeals::FiledBy, 100))
                .col(integer(Appeals::Supporters))
                .col(integer(Appeals::ReopenCount))
                .col(string_len_null(Appeals::Rating, 20))
                .col(text_null(Appeals::RatingComment))
                .col(timestamp_with_time_zone_null(Appeals::RatedAt))
                .col(timestamp_with_time_zone(Appeals::DueAt))
                .col(boolean(Appeals::Reminded))
                .col(boolean(Appeals::BeyondCapacity))
                .col(integer(Appeals::Escalations))
                .col(text_null(Appeals::RejectReason))
                .col(timestamp_with_time_zone_null(Appeals::ResolvedAt))
                .col(timestamp_with_time_zone_null(Appeals::ClosedAt))
                .col(timestamp_with_time_zone(Appeals::CreatedAt))
                .col(timestamp_with_time_zone(Appeals::UpdatedAt))
                .col(integer(Appeals::Version))
                .foreign_key(&mut fk("fk_appeals_village", (Appeals::Table, Appeals::VillageAreaId), (Areas::Table, Areas::Id)))
                .foreign_key(&mut fk(
                    "fk_appeals_category",
                    (Appeals::Table, Appeals::CategoryId),
                    (AppealCategories::Table, AppealCategories::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("uq_appeals_code", Appeals::Table, [Appeals::Code], true)).await?;
        m.create_index(index("ix_appeals_org", Appeals::Table, [Appeals::OrgId, Appeals::Id], false)).await?;
        m.create_index(index("ix_appeals_org_path", Appeals::Table, [Appeals::OrgPath, Appeals::Id], false)).await?;
        m.create_index(index("ix_appeals_handler", Appeals::Table, [Appeals::HandlerPersonId, Appeals::Id], false)).await?;
        m.create_index(index("ix_appeals_village", Appeals::Table, [Appeals::VillageAreaId, Appeals::Id], false)).await?;
        m.create_index(index("ix_appeals_village_path", Appeals::Table, [Appeals::VillagePath, Appeals::CreatedAt], false)).await?;
        m.create_index(index("ix_appeals_status_due", Appeals::Table, [Appeals::Status, Appeals::DueAt], false)).await?;
        m.create_index(index("ix_appeals_phone", Appeals::Table, [Appeals::PhoneHash], false)).await?;
        m.create_index(index("ix_appeals_created", Appeals::Table, [Appeals::CreatedAt], false)).await?;

        m.create_table(
            Table::create()
                .table(AppealEvents::Table)
                .col(uuid(AppealEvents::Id).primary_key())
                .col(uuid(AppealEvents::AppealId))
                .col(timestamp_with_time_zone(AppealEvents::At))
                .col(string_len(AppealEvents::Kind, 30))
                .col(string_len(AppealEvents::Actor, 100))
                .col(boolean(AppealEvents::Public))
                .col(text(AppealEvents::Body))
                .col(text(AppealEvents::Data))
                .foreign_key(&mut fk(
                    "fk_appeal_events_appeal",
                    (AppealEvents::Table, AppealEvents::AppealId),
                    (Appeals::Table, Appeals::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_appeal_events_appeal", AppealEvents::Table, [AppealEvents::AppealId, AppealEvents::Id], false)).await?;

        m.create_table(
            Table::create()
                .table(AppealCohandlers::Table)
                .col(uuid(AppealCohandlers::AppealId))
                .col(uuid(AppealCohandlers::BodyId))
                .col(timestamp_with_time_zone(AppealCohandlers::AddedAt))
                .col(string_len(AppealCohandlers::AddedBy, 100))
                .primary_key(Index::create().col(AppealCohandlers::AppealId).col(AppealCohandlers::BodyId))
                .foreign_key(&mut fk(
                    "fk_appeal_cohandlers_appeal",
                    (AppealCohandlers::Table, AppealCohandlers::AppealId),
                    (Appeals::Table, Appeals::Id),
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AppealPhotos::Table)
                .col(uuid(AppealPhotos::Id).primary_key())
                .col(uuid(AppealPhotos::AppealId))
                .col(string_len(AppealPhotos::ContentType, 40))
                .col(integer(AppealPhotos::Bytes))
                .col(blob(AppealPhotos::Data))
                .col(timestamp_with_time_zone(AppealPhotos::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_appeal_photos_appeal",
                    (AppealPhotos::Table, AppealPhotos::AppealId),
                    (Appeals::Table, Appeals::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_appeal_photos_appeal", AppealPhotos::Table, [AppealPhotos::AppealId], false)).await?;

        m.create_table(
            Table::create()
                .table(AppealSupports::Table)
                .col(uuid(AppealSupports::AppealId))
                .col(string_len(AppealSupports::Supporter, 64))
                .col(timestamp_with_time_zone(AppealSupports::CreatedAt))
                .primary_key(Index::create().col(AppealSupports::AppealId).col(AppealSupports::Supporter))
                .foreign_key(&mut fk(
                    "fk_appeal_supports_appeal",
                    (AppealSupports::Table, AppealSupports::AppealId),
                    (Appeals::Table, Appeals::Id),
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(InboxMessages::Table)
                .col(uuid(InboxMessages::Id).primary_key())
                .col(uuid_null(InboxMessages::OrgId))
                .col(uuid_null(InboxMessages::PersonId))
                .col(uuid_null(InboxMessages::AppealId))
                .col(string_len(InboxMessages::Kind, 30))
                .col(text(InboxMessages::Body))
                .col(timestamp_with_time_zone(InboxMessages::CreatedAt))
                .col(timestamp_with_time_zone_null(InboxMessages::ReadAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_inbox_messages_org", InboxMessages::Table, [InboxMessages::OrgId, InboxMessages::Id], false)).await?;
        m.create_index(index("ix_inbox_messages_person", InboxMessages::Table, [InboxMessages::PersonId, InboxMessages::Id], false))
            .await?;

        m.create_table(
            Table::create()
                .table(Outbox::Table)
                .col(uuid(Outbox::Id).primary_key())
                .col(string_len(Outbox::Channel, 20))
                .col(text_null(Outbox::ToEnc))
                .col(string_len(Outbox::ToMask, 200))
                .col(text(Outbox::Body))
                .col(string_len(Outbox::Status, 16))
                .col(integer(Outbox::Attempts))
                .col(text_null(Outbox::LastError))
                .col(timestamp_with_time_zone(Outbox::CreatedAt))
                .col(timestamp_with_time_zone_null(Outbox::SentAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_outbox_status", Outbox::Table, [Outbox::Status, Outbox::Id], false)).await?;

        m.create_table(
            Table::create()
                .table(PhoneCodes::Table)
                .col(string_len(PhoneCodes::PhoneHash, 64).primary_key())
                .col(string_len(PhoneCodes::CodeHash, 64))
                .col(integer(PhoneCodes::Attempts))
                .col(timestamp_with_time_zone(PhoneCodes::SentAt))
                .col(timestamp_with_time_zone(PhoneCodes::ExpiresAt))
                .to_owned(),
        )
        .await?;

        // Full-text search that works for Chinese: trigrams on both engines. Queries of one or two
        // characters fall back to LIKE (a trigram index cannot answer them).
        let c = m.get_connection();
        match m.get_database_backend() {
            DatabaseBackend::Sqlite => {
                c.execute_unprepared("CREATE VIRTUAL TABLE appeals_fts USING fts5(appeal_id UNINDEXED, description, tokenize = 'trigram')")
                    .await?;
                c.execute_unprepared(
                    "CREATE TRIGGER appeals_fts_insert AFTER INSERT ON appeals BEGIN \
                     INSERT INTO appeals_fts (appeal_id, description) VALUES (new.id, new.description); END",
                )
                .await?;
                c.execute_unprepared(
                    "CREATE TRIGGER appeals_fts_delete AFTER DELETE ON appeals BEGIN \
                     DELETE FROM appeals_fts WHERE appeal_id = old.id; END",
                )
                .await?;
            }
            _ => {
                // pg_trgm ships with PostgreSQL's contrib; where it cannot be created the search
                // still works, by sequential scan.
                c.execute_unprepared(
                    "DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm; \
                     EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'pg_trgm is not available'; END $$",
                )
                .await?;
                c.execute_unprepared(
                    "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN \
                     CREATE INDEX ix_appeals_description_trgm ON appeals USING gin (description gin_trgm_ops); END IF; END $$",
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("the appeals tables cannot be rolled back; restore a backup instead".into()))
    }
}
