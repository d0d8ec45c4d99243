//! Tasks handed down and rolled up: the task an organization issues, its parts handed to the
//! organizations below (each may be split further, `parent_id`), and the progress reported on
//! each part with what shows it.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index, path_col};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Tasks {
    Table,
    Id,
    OrgId,
    OrgPath,
    Title,
    Description,
    Kind,
    Unit,
    Checklist,
    Target,
    DueOn,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum TaskParts {
    Table,
    Id,
    TaskId,
    ParentId,
    OrgId,
    OrgPath,
    AssignedBy,
    Target,
    DueOn,
    Done,
    Status,
    Note,
    ReturnedReason,
    DoneOn,
    RemindedOn,
    EscalatedOn,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum TaskReports {
    Table,
    Id,
    PartId,
    TaskId,
    At,
    Done,
    Note,
    Evidence,
    ReportedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use Tasks as T;
        m.create_table(
            Table::create()
                .table(T::Table)
                .col(uuid(T::Id).primary_key())
                .col(uuid(T::OrgId))
                .col(path_col(m, T::OrgPath))
                .col(string_len(T::Title, 200))
                .col(text(T::Description))
                .col(string_len(T::Kind, 20))
                .col(string_len(T::Unit, 20))
                .col(text(T::Checklist))
                .col(big_integer(T::Target))
                .col(date(T::DueOn))
                .col(string_len(T::CreatedBy, 100))
                .col(timestamp_with_time_zone(T::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_tasks_org", T::Table, [T::OrgId, T::CreatedAt], false)).await?;
        use TaskParts as P;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(uuid(P::Id).primary_key())
                .col(uuid(P::TaskId))
                .col(uuid_null(P::ParentId))
                .col(uuid(P::OrgId))
                .col(path_col(m, P::OrgPath))
                .col(uuid(P::AssignedBy))
                .col(big_integer(P::Target))
                .col(date(P::DueOn))
                .col(big_integer(P::Done))
                .col(string_len(P::Status, 20))
                .col(text(P::Note))
                .col(string_len_null(P::ReturnedReason, 500))
                .col(date_null(P::DoneOn))
                .col(date_null(P::RemindedOn))
                .col(date_null(P::EscalatedOn))
                .col(timestamp_with_time_zone(P::UpdatedAt))
                .foreign_key(&mut fk("fk_task_parts_task", (P::Table, P::TaskId), (T::Table, T::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_task_parts_task", P::Table, [P::TaskId], false)).await?;
        m.create_index(index("ix_task_parts_org", P::Table, [P::OrgId, P::DueOn], false)).await?;
        m.create_index(index("ux_task_parts_org", P::Table, [P::TaskId, P::OrgId], true)).await?;
        use TaskReports as R;
        m.create_table(
            Table::create()
                .table(R::Table)
                .col(uuid(R::Id).primary_key())
                .col(uuid(R::PartId))
                .col(uuid(R::TaskId))
                .col(timestamp_with_time_zone(R::At))
                .col(big_integer(R::Done))
                .col(text(R::Note))
                .col(text(R::Evidence))
                .col(string_len(R::ReportedBy, 100))
                .foreign_key(&mut fk("fk_task_reports_part", (R::Table, R::PartId), (P::Table, P::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_task_reports_task", R::Table, [R::TaskId, R::At], false)).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [TaskReports::Table.into_iden(), TaskParts::Table.into_iden(), Tasks::Table.into_iden()] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
