//! Deadlines of the open appeals only. What is overdue "now" below an organization (its overdue
//! queue, the overview by village) was read through `(status, due_at)`, which holds every open
//! appeal of the county: the overdue ones of the whole county were fetched to keep the few of one
//! village. Two partial indexes replace it: `(org_path, due_at)` for a subtree's overdue appeals,
//! and `(due_at)` for the sweeper's county-wide pass. Without statistics SQLite weighs a range
//! bounded on both sides (a subtree's paths) above a one-sided one (`due_at < now`), so a
//! subtree's read takes the path index and the sweep the deadline index.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const OPEN: &str = "status IN ('submitted', 'accepted', 'in_progress')";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let c = m.get_connection();
        c.execute_unprepared(&format!("CREATE INDEX ix_appeals_open_org_path_due ON appeals (org_path, due_at) WHERE {OPEN}")).await?;
        c.execute_unprepared(&format!("CREATE INDEX ix_appeals_open_due ON appeals (due_at) WHERE {OPEN}")).await?;
        c.execute_unprepared("DROP INDEX ix_appeals_status_due").await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let c = m.get_connection();
        c.execute_unprepared("CREATE INDEX ix_appeals_status_due ON appeals (status, due_at)").await?;
        c.execute_unprepared("DROP INDEX ix_appeals_open_due").await?;
        c.execute_unprepared("DROP INDEX ix_appeals_open_org_path_due").await?;
        Ok(())
    }
}
