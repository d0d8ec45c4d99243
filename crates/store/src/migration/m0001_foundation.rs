//! Areas, organizations, accounts, sessions, tokens, audit chain and jobs.

use sea_orm_migration::{prelude::*, schema::*};

use super::{index, path_col};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Areas {
    Table,
    Id,
    Code,
    Name,
    Level,
    ParentId,
    Path,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organizations {
    Table,
    Id,
    Name,
    Kind,
    Basis,
    ParentId,
    Path,
    Status,
    MergedInto,
    EstablishedOn,
    EndedAt,
    Note,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum OrganizationAreas {
    Table,
    OrgId,
    AreaId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Accounts {
    Table,
    Id,
    Username,
    DisplayName,
    PasswordHash,
    PasswordChangedAt,
    TotpSecret,
    TotpEnabled,
    Locale,
    FailedLogins,
    LockedUntil,
    Disabled,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum RoleGrants {
    Table,
    Id,
    AccountId,
    Role,
    OrgId,
    AreaId,
    GrantedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Sessions {
    Table,
    Id,
    Data,
    ExpiresAt,
    AccountId,
}

#[derive(DeriveIden, Clone, Copy)]
enum ApiTokens {
    Table,
    Id,
    AccountId,
    Name,
    TokenHash,
    Scope,
    CreatedAt,
    ExpiresAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Throttles {
    Table,
    Key,
    Failures,
    LockedUntil,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditEntries {
    Table,
    Id,
    Seq,
    At,
    ActorId,
    ActorName,
    Action,
    TargetKind,
    TargetId,
    Outcome,
    Ip,
    RequestId,
    Detail,
    PrevHash,
    Hash,
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditHead {
    Table,
    Id,
    Seq,
    Hash,
    PrunedSeq,
    PrunedHash,
}

#[derive(DeriveIden, Clone, Copy)]
enum Jobs {
    Table,
    Name,
    IntervalSecs,
    NextRunAt,
    ClaimedBy,
    ClaimedUntil,
    LastRunAt,
    LastOutcome,
    Runs,
}

#[derive(DeriveIden, Clone, Copy)]
enum JobRuns {
    Table,
    Id,
    Job,
    Instance,
    DueAt,
    StartedAt,
    FinishedAt,
    Outcome,
    Detail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Areas::Table)
                    .col(uuid(Areas::Id).primary_key())
                    .col(string_len(Areas::Code, 20))
                    .col(string_len(Areas::Name, 100))
                    .col(string_len(Areas::Level, 16))
                    .col(uuid_null(Areas::ParentId))
                    .col(path_col(manager, Areas::Path))
                    .col(timestamp_with_time_zone(Areas::CreatedAt))
                    .col(timestamp_with_time_zone(Areas::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create().name("fk_areas_parent").from(Areas::Table, Areas::ParentId).to(Areas::Table, Areas::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("uq_areas_code", Areas::Table, [Areas::Code], true)).await?;
        manager.create_index(index("uq_areas_path", Areas::Table, [Areas::Path], true)).await?;
        manager.create_index(index("ix_areas_parent", Areas::Table, [Areas::ParentId], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table(Organizations::Table)
                    .col(uuid(Organizations::Id).primary_key())
                    .col(string_len(Organizations::Name, 200))
                    .col(string_len(Organizations::Kind, 20))
                    .col(string_len(Organizations::Basis, 20))
                    .col(uuid_null(Organizations::ParentId))
                    .col(path_col(manager, Organizations::Path))
                    .col(string_len(Organizations::Status, 16))
                    .col(uuid_null(Organizations::MergedInto))
                    .col(date_null(Organizations::EstablishedOn))
                    .col(timestamp_with_time_zone_null(Organizations::EndedAt))
                    .col(text(Organizations::Note))
                    .col(timestamp_with_time_zone(Organizations::CreatedAt))
                    .col(timestamp_with_time_zone(Organizations::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organizations_parent")
                            .from(Organizations::Table, Organizations::ParentId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("uq_organizations_path", Organizations::Table, [Organizations::Path], true)).await?;
        manager.create_index(index("ix_organizations_parent", Organizations::Table, [Organizations::ParentId], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table(OrganizationAreas::Table)
                    .col(uuid(OrganizationAreas::OrgId))
                    .col(uuid(OrganizationAreas::AreaId))
                    .primary_key(Index::create().col(OrganizationAreas::OrgId).col(OrganizationAreas::AreaId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organization_areas_org")
                            .from(OrganizationAreas::Table, OrganizationAreas::OrgId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organization_areas_area")
                            .from(OrganizationAreas::Table, OrganizationAreas::AreaId)
                            .to(Areas::Table, Areas::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ix_organization_areas_area", OrganizationAreas::Table, [OrganizationAreas::AreaId], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table(Accounts::Table)
                    .col(uuid(Accounts::Id).primary_key())
                    .col(string_len(Accounts::Username, 32))
                    .col(string_len(Accounts::DisplayName, 100))
                    .col(string_len(Accounts::PasswordHash, 200))
                    .col(timestamp_with_time_zone(Accounts::PasswordChangedAt))
                    .col(string_len_null(Accounts::TotpSecret, 64))
                    .col(boolean(Accounts::TotpEnabled))
                    .col(string_len(Accounts::Locale, 10))
                    .col(integer(Accounts::FailedLogins))
                    .col(timestamp_with_time_zone_null(Accounts::LockedUntil))
                    .col(boolean(Accounts::Disabled))
                    .col(timestamp_with_time_zone(Accounts::CreatedAt))
                    .col(timestamp_with_time_zone(Accounts::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("uq_accounts_username", Accounts::Table, [Accounts::Username], true)).await?;

        manager
            .create_table(
                Table::create()
                    .table(RoleGrants::Table)
                    .col(uuid(RoleGrants::Id).primary_key())
                    .col(uuid(RoleGrants::AccountId))
                    .col(string_len(RoleGrants::Role, 20))
                    .col(uuid_null(RoleGrants::OrgId))
                    .col(uuid_null(RoleGrants::AreaId))
                    .col(uuid_null(RoleGrants::GrantedBy))
                    .col(timestamp_with_time_zone(RoleGrants::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_role_grants_account")
                            .from(RoleGrants::Table, RoleGrants::AccountId)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_role_grants_org")
                            .from(RoleGrants::Table, RoleGrants::OrgId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_role_grants_area")
                            .from(RoleGrants::Table, RoleGrants::AreaId)
                            .to(Areas::Table, Areas::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ix_role_grants_account", RoleGrants::Table, [RoleGrants::AccountId], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(string_len(Sessions::Id, 64).primary_key())
                    .col(text(Sessions::Data))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .col(uuid_null(Sessions::AccountId))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ix_sessions_expires", Sessions::Table, [Sessions::ExpiresAt], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table(ApiTokens::Table)
                    .col(uuid(ApiTokens::Id).primary_key())
                    .col(uuid(ApiTokens::AccountId))
                    .col(string_len(ApiTokens::Name, 100))
                    .col(string_len(ApiTokens::TokenHash, 64))
                    .col(string_len(ApiTokens::Scope, 16))
                    .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_api_tokens_account")
                            .from(ApiTokens::Table, ApiTokens::AccountId)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("uq_api_tokens_token_hash", ApiTokens::Table, [ApiTokens::TokenHash], true)).await?;

        manager
            .create_table(
                Table::create()
                    .table(Throttles::Table)
                    .col(string_len(Throttles::Key, 100).primary_key())
                    .col(integer(Throttles::Failures))
                    .col(timestamp_with_time_zone_null(Throttles::LockedUntil))
                    .col(timestamp_with_time_zone(Throttles::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditEntries::Table)
                    .col(uuid(AuditEntries::Id).primary_key())
                    .col(big_integer(AuditEntries::Seq))
                    .col(timestamp_with_time_zone(AuditEntries::At))
                    .col(string_len_null(AuditEntries::ActorId, 64))
                    .col(string_len(AuditEntries::ActorName, 100))
                    .col(string_len(AuditEntries::Action, 64))
                    .col(string_len(AuditEntries::TargetKind, 32))
                    .col(string_len_null(AuditEntries::TargetId, 64))
                    .col(string_len(AuditEntries::Outcome, 16))
                    .col(string_len_null(AuditEntries::Ip, 64))
                    .col(string_len_null(AuditEntries::RequestId, 64))
                    .col(text(AuditEntries::Detail))
                    .col(string_len(AuditEntries::PrevHash, 64))
                    .col(string_len(AuditEntries::Hash, 64))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("uq_audit_entries_seq", AuditEntries::Table, [AuditEntries::Seq], true)).await?;
        manager.create_index(index("ix_audit_entries_at", AuditEntries::Table, [AuditEntries::At], false)).await?;
        manager
            .create_index(index("ix_audit_entries_target", AuditEntries::Table, [AuditEntries::TargetKind, AuditEntries::TargetId], false))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditHead::Table)
                    .col(integer(AuditHead::Id).primary_key())
                    .col(big_integer(AuditHead::Seq))
                    .col(string_len(AuditHead::Hash, 64))
                    .col(big_integer(AuditHead::PrunedSeq))
                    .col(string_len(AuditHead::PrunedHash, 64))
                    .to_owned(),
            )
            .await?;
        let genesis = lianxin_core::audit::GENESIS;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(AuditHead::Table)
                    .columns([AuditHead::Id, AuditHead::Seq, AuditHead::Hash, AuditHead::PrunedSeq, AuditHead::PrunedHash])
                    .values_panic([1.into(), 0i64.into(), genesis.into(), 0i64.into(), genesis.into()])
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Jobs::Table)
                    .col(string_len(Jobs::Name, 64).primary_key())
                    .col(big_integer(Jobs::IntervalSecs))
                    .col(timestamp_with_time_zone(Jobs::NextRunAt))
                    .col(string_len_null(Jobs::ClaimedBy, 64))
                    .col(timestamp_with_time_zone_null(Jobs::ClaimedUntil))
                    .col(timestamp_with_time_zone_null(Jobs::LastRunAt))
                    .col(string_len_null(Jobs::LastOutcome, 200))
                    .col(big_integer(Jobs::Runs))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(JobRuns::Table)
                    .col(uuid(JobRuns::Id).primary_key())
                    .col(string_len(JobRuns::Job, 64))
                    .col(string_len(JobRuns::Instance, 64))
                    .col(timestamp_with_time_zone(JobRuns::DueAt))
                    .col(timestamp_with_time_zone(JobRuns::StartedAt))
                    .col(timestamp_with_time_zone(JobRuns::FinishedAt))
                    .col(string_len(JobRuns::Outcome, 16))
                    .col(text(JobRuns::Detail))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ix_job_runs_job", JobRuns::Table, [JobRuns::Job, JobRuns::StartedAt], false)).await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("the foundation cannot be rolled back; restore a backup instead".into()))
    }
}
