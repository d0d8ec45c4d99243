//! People: persons, households, grids, village bodies, member records with their history,
//! positions, member–household links, transfers, imports; accounts linked to persons.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index, path_col};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Persons {
    Table,
    Id,
    Name,
    Gender,
    BirthDate,
    Ethnicity,
    Education,
    Occupation,
    IdNumberEnc,
    IdNumberHash,
    IdNumberMask,
    PhoneEnc,
    PhoneHash,
    PhoneMask,
    HouseholdId,
    AreaId,
    AreaPath,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Households {
    Table,
    Id,
    AreaId,
    AreaPath,
    GridId,
    HeadPersonId,
    HouseholdNo,
    Address,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Grids {
    Table,
    Id,
    AreaId,
    AreaPath,
    Name,
    LeaderPersonId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum VillageBodies {
    Table,
    Id,
    AreaId,
    AreaPath,
    Kind,
    Name,
    LeadingOrgId,
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Members {
    Table,
    Id,
    PersonId,
    PersonName,
    OrgId,
    OrgPath,
    Status,
    StatusSince,
    AppliedOn,
    ActivistOn,
    TargetOn,
    AdmittedOn,
    FullOn,
    EndedOn,
    Mobile,
    MobileSince,
    MobilePlace,
    MobileContactId,
    InDifficulty,
    ElderlyFrail,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum MemberHistory {
    Table,
    Id,
    MemberId,
    Status,
    OrgId,
    Since,
    Note,
    RecordedAt,
    RecordedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum Positions {
    Table,
    Id,
    PersonId,
    Post,
    OrgId,
    BodyId,
    GridId,
    StartedOn,
    PlannedEnd,
    EndedOn,
    Note,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum HouseholdLinks {
    Table,
    MemberId,
    HouseholdId,
    Since,
}

#[derive(DeriveIden, Clone, Copy)]
enum Transfers {
    Table,
    Id,
    MemberId,
    FromOrgId,
    ToOrgId,
    Destination,
    Status,
    Reason,
    LetterNo,
    LetterValidUntil,
    RequestedAt,
    RequestedBy,
    DecidedAt,
    DecidedBy,
    Note,
}

#[derive(DeriveIden, Clone, Copy)]
enum Imports {
    Table,
    Id,
    Kind,
    Filename,
    Status,
    TotalRows,
    ProcessedRows,
    ErrorCount,
    Errors,
    CreatedBy,
    CreatedAt,
    FinishedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Accounts {
    Table,
    PersonId,
    TotpLastStep,
    MustChangePassword,
}

#[derive(DeriveIden, Clone, Copy)]
enum Areas {
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
        m.create_table(
            Table::create()
                .table(Grids::Table)
                .col(uuid(Grids::Id).primary_key())
                .col(uuid(Grids::AreaId))
                .col(path_col(m, Grids::AreaPath))
                .col(string_len(Grids::Name, 100))
                .col(uuid_null(Grids::LeaderPersonId))
                .col(timestamp_with_time_zone(Grids::CreatedAt))
                .col(timestamp_with_time_zone(Grids::UpdatedAt))
                .foreign_key(&mut fk("fk_grids_area", (Grids::Table, Grids::AreaId), (Areas::Table, Areas::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_grids_area_path", Grids::Table, [Grids::AreaPath], false)).await?;

        m.create_table(
            Table::create()
                .table(Households::Table)
                .col(uuid(Households::Id).primary_key())
                .col(uuid(Households::AreaId))
                .col(path_col(m, Households::AreaPath))
                .col(uuid_null(Households::GridId))
                .col(uuid_null(Households::HeadPersonId))
                .col(string_len_null(Households::HouseholdNo, 40))
                .col(string_len(Households::Address, 200))
                .col(timestamp_with_time_zone(Households::CreatedAt))
                .col(timestamp_with_time_zone(Households::UpdatedAt))
                .foreign_key(&mut fk("fk_households_area", (Households::Table, Households::AreaId), (Areas::Table, Areas::Id)))
                .foreign_key(&mut fk("fk_households_grid", (Households::Table, Households::GridId), (Grids::Table, Grids::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_households_area_path", Households::Table, [Households::AreaPath], false)).await?;
        m.create_index(index("ix_households_grid", Households::Table, [Households::GridId], false)).await?;

        m.create_table(
            Table::create()
                .table(Persons::Table)
                .col(uuid(Persons::Id).primary_key())
                .col(string_len(Persons::Name, 50))
                .col(string_len_null(Persons::Gender, 10))
                .col(date_null(Persons::BirthDate))
                .col(string_len_null(Persons::Ethnicity, 20))
                .col(string_len_null(Persons::Education, 20))
                .col(string_len_null(Persons::Occupation, 20))
                .col(text_null(Persons::IdNumberEnc))
                .col(string_len_null(Persons::IdNumberHash, 64))
                .col(string_len_null(Persons::IdNumberMask, 20))
                .col(text_null(Persons::PhoneEnc))
                .col(string_len_null(Persons::PhoneHash, 64))
                .col(string_len_null(Persons::PhoneMask, 20))
                .col(uuid_null(Persons::HouseholdId))
                .col(uuid(Persons::AreaId))
                .col(path_col(m, Persons::AreaPath))
                .col(timestamp_with_time_zone(Persons::CreatedAt))
                .col(timestamp_with_time_zone(Persons::UpdatedAt))
                .foreign_key(&mut fk("fk_persons_area", (Persons::Table, Persons::AreaId), (Areas::Table, Areas::Id)))
                .foreign_key(&mut fk("fk_persons_household", (Persons::Table, Persons::HouseholdId), (Households::Table, Households::Id)))
                .to_owned(),
        )
        .await?;
        // One person per ID number: the keyed hash is unique where present.
        m.create_index(index("uq_persons_id_number_hash", Persons::Table, [Persons::IdNumberHash], true)).await?;
        m.create_index(index("ix_persons_phone_hash", Persons::Table, [Persons::PhoneHash], false)).await?;
        m.create_index(index("ix_persons_household", Persons::Table, [Persons::HouseholdId], false)).await?;
        m.create_index(index("ix_persons_area_path_name", Persons::Table, [Persons::AreaPath, Persons::Name], false)).await?;
        m.create_index(index("ix_persons_name", Persons::Table, [Persons::Name], false)).await?;

        m.create_table(
            Table::create()
                .table(VillageBodies::Table)
                .col(uuid(VillageBodies::Id).primary_key())
                .col(uuid(VillageBodies::AreaId))
                .col(path_col(m, VillageBodies::AreaPath))
                .col(string_len(VillageBodies::Kind, 32))
                .col(string_len(VillageBodies::Name, 200))
                .col(uuid_null(VillageBodies::LeadingOrgId))
                .col(string_len(VillageBodies::Status, 16))
                .col(timestamp_with_time_zone(VillageBodies::CreatedAt))
                .col(timestamp_with_time_zone(VillageBodies::UpdatedAt))
                .foreign_key(&mut fk("fk_village_bodies_area", (VillageBodies::Table, VillageBodies::AreaId), (Areas::Table, Areas::Id)))
                .foreign_key(&mut fk(
                    "fk_village_bodies_org",
                    (VillageBodies::Table, VillageBodies::LeadingOrgId),
                    (Organizations::Table, Organizations::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_village_bodies_area_path", VillageBodies::Table, [VillageBodies::AreaPath], false)).await?;

        m.create_table(
            Table::create()
                .table(Members::Table)
                .col(uuid(Members::Id).primary_key())
                .col(uuid(Members::PersonId))
                .col(string_len(Members::PersonName, 50))
                .col(uuid(Members::OrgId))
                .col(path_col(m, Members::OrgPath))
                .col(string_len(Members::Status, 24))
                .col(date(Members::StatusSince))
                .col(date_null(Members::AppliedOn))
                .col(date_null(Members::ActivistOn))
                .col(date_null(Members::TargetOn))
                .col(date_null(Members::AdmittedOn))
                .col(date_null(Members::FullOn))
                .col(date_null(Members::EndedOn))
                .col(boolean(Members::Mobile))
                .col(date_null(Members::MobileSince))
                .col(string_len_null(Members::MobilePlace, 200))
                .col(uuid_null(Members::MobileContactId))
                .col(boolean(Members::InDifficulty))
                .col(boolean(Members::ElderlyFrail))
                .col(timestamp_with_time_zone(Members::CreatedAt))
                .col(timestamp_with_time_zone(Members::UpdatedAt))
                .foreign_key(&mut fk("fk_members_person", (Members::Table, Members::PersonId), (Persons::Table, Persons::Id)))
                .foreign_key(&mut fk("fk_members_org", (Members::Table, Members::OrgId), (Organizations::Table, Organizations::Id)))
                .to_owned(),
        )
        .await?;
        // Every member in exactly one organization: one record per person, and org_id NOT NULL.
        m.create_index(index("uq_members_person_id", Members::Table, [Members::PersonId], true)).await?;
        m.create_index(index("ix_members_org_path_name", Members::Table, [Members::OrgPath, Members::PersonName, Members::Id], false))
            .await?;
        m.create_index(index("ix_members_org", Members::Table, [Members::OrgId], false)).await?;

        m.create_table(
            Table::create()
                .table(MemberHistory::Table)
                .col(uuid(MemberHistory::Id).primary_key())
                .col(uuid(MemberHistory::MemberId))
                .col(string_len(MemberHistory::Status, 24))
                .col(uuid(MemberHistory::OrgId))
                .col(date(MemberHistory::Since))
                .col(text(MemberHistory::Note))
                .col(timestamp_with_time_zone(MemberHistory::RecordedAt))
                .col(string_len(MemberHistory::RecordedBy, 100))
                .foreign_key(&mut fk(
                    "fk_member_history_member",
                    (MemberHistory::Table, MemberHistory::MemberId),
                    (Members::Table, Members::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_member_history_member",
            MemberHistory::Table,
            [MemberHistory::MemberId, MemberHistory::RecordedAt],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Positions::Table)
                .col(uuid(Positions::Id).primary_key())
                .col(uuid(Positions::PersonId))
                .col(string_len(Positions::Post, 32))
                .col(uuid_null(Positions::OrgId))
                .col(uuid_null(Positions::BodyId))
                .col(uuid_null(Positions::GridId))
                .col(date(Positions::StartedOn))
                .col(date(Positions::PlannedEnd))
                .col(date_null(Positions::EndedOn))
                .col(text(Positions::Note))
                .col(timestamp_with_time_zone(Positions::CreatedAt))
                .foreign_key(&mut fk("fk_positions_person", (Positions::Table, Positions::PersonId), (Persons::Table, Persons::Id)))
                .foreign_key(&mut fk("fk_positions_org", (Positions::Table, Positions::OrgId), (Organizations::Table, Organizations::Id)))
                .foreign_key(&mut fk("fk_positions_body", (Positions::Table, Positions::BodyId), (VillageBodies::Table, VillageBodies::Id)))
                .foreign_key(&mut fk("fk_positions_grid", (Positions::Table, Positions::GridId), (Grids::Table, Grids::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_positions_person", Positions::Table, [Positions::PersonId], false)).await?;
        m.create_index(index("ix_positions_org", Positions::Table, [Positions::OrgId], false)).await?;
        m.create_index(index("ix_positions_body", Positions::Table, [Positions::BodyId], false)).await?;
        m.create_index(index("ix_positions_planned_end", Positions::Table, [Positions::PlannedEnd], false)).await?;

        m.create_table(
            Table::create()
                .table(HouseholdLinks::Table)
                .col(uuid(HouseholdLinks::MemberId))
                .col(uuid(HouseholdLinks::HouseholdId))
                .col(date(HouseholdLinks::Since))
                .primary_key(Index::create().col(HouseholdLinks::MemberId).col(HouseholdLinks::HouseholdId))
                .foreign_key(&mut fk(
                    "fk_household_links_member",
                    (HouseholdLinks::Table, HouseholdLinks::MemberId),
                    (Members::Table, Members::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_household_links_household",
                    (HouseholdLinks::Table, HouseholdLinks::HouseholdId),
                    (Households::Table, Households::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_household_links_household", HouseholdLinks::Table, [HouseholdLinks::HouseholdId], false)).await?;

        m.create_table(
            Table::create()
                .table(Transfers::Table)
                .col(uuid(Transfers::Id).primary_key())
                .col(uuid(Transfers::MemberId))
                .col(uuid(Transfers::FromOrgId))
                .col(uuid_null(Transfers::ToOrgId))
                .col(string_len_null(Transfers::Destination, 200))
                .col(string_len(Transfers::Status, 20))
                .col(text(Transfers::Reason))
                .col(string_len_null(Transfers::LetterNo, 40))
                .col(date_null(Transfers::LetterValidUntil))
                .col(timestamp_with_time_zone(Transfers::RequestedAt))
                .col(string_len(Transfers::RequestedBy, 100))
                .col(timestamp_with_time_zone_null(Transfers::DecidedAt))
                .col(string_len_null(Transfers::DecidedBy, 100))
                .col(text(Transfers::Note))
                .foreign_key(&mut fk("fk_transfers_member", (Transfers::Table, Transfers::MemberId), (Members::Table, Members::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_transfers_member", Transfers::Table, [Transfers::MemberId], false)).await?;
        m.create_index(index("ix_transfers_to", Transfers::Table, [Transfers::ToOrgId, Transfers::Status], false)).await?;
        m.create_index(index("uq_transfers_letter_no", Transfers::Table, [Transfers::LetterNo], true)).await?;
        // At most one transfer waiting per member, enforced by the database (a partial unique
        // index: SQLite and PostgreSQL both have them).
        m.get_connection()
            .execute_unprepared("CREATE UNIQUE INDEX uq_transfers_member_id ON transfers (member_id) WHERE status = 'requested'")
            .await?;

        m.create_table(
            Table::create()
                .table(Imports::Table)
                .col(uuid(Imports::Id).primary_key())
                .col(string_len(Imports::Kind, 20))
                .col(string_len(Imports::Filename, 200))
                .col(string_len(Imports::Status, 16))
                .col(big_integer(Imports::TotalRows))
                .col(big_integer(Imports::ProcessedRows))
                .col(big_integer(Imports::ErrorCount))
                .col(text(Imports::Errors))
                .col(string_len(Imports::CreatedBy, 100))
                .col(timestamp_with_time_zone(Imports::CreatedAt))
                .col(timestamp_with_time_zone_null(Imports::FinishedAt))
                .to_owned(),
        )
        .await?;

        m.alter_table(Table::alter().table(Accounts::Table).add_column(uuid_null(Accounts::PersonId)).to_owned()).await?;
        // The last second-factor time step used, so a code is accepted only once.
        m.alter_table(Table::alter().table(Accounts::Table).add_column(big_integer_null(Accounts::TotpLastStep)).to_owned()).await?;
        // Set on accounts created or reset by an administrator: the owner chooses a new password.
        m.alter_table(Table::alter().table(Accounts::Table).add_column(boolean(Accounts::MustChangePassword).default(false)).to_owned())
            .await?;
        Ok(())
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("the people tables cannot be rolled back; restore a backup instead".into()))
    }
}
