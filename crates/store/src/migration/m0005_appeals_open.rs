//! Indexes of the open appeals only: a queue of work and the "me too" check read the few open
//! appeals of an organization or village among its thousands of finished ones. The same SQL on
//! both backends; a query uses them when it names the statuses literally (see
//! `appeals::active_clause`). The full organization and village indexes go (queues of finished appeals
//! read the organization's path range), and the phone index keeps only appeals with a phone.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str); 2] = [("ix_appeals_open_org", "org_id, id"), ("ix_appeals_open_village", "village_area_id, id")];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let c = m.get_connection();
        for (name, cols) in INDEXES {
            c.execute_unprepared(&format!(
                "CREATE INDEX {name} ON appeals ({cols}) WHERE status IN ('submitted', 'accepted', 'in_progress')"
            ))
            .await?;
        }
        // An organization's whole queue is read through its path, and nothing reads appeals by
        // village id alone: two indexes fewer to keep up on every filing and escalation. Most
        // appeals have no phone: only those with one are indexed by it.
        c.execute_unprepared("DROP INDEX ix_appeals_org").await?;
        c.execute_unprepared("DROP INDEX ix_appeals_village").await?;
        c.execute_unprepared("CREATE INDEX ix_appeals_phone_given ON appeals (phone_hash) WHERE phone_hash IS NOT NULL").await?;
        c.execute_unprepared("DROP INDEX ix_appeals_phone").await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let c = m.get_connection();
        c.execute_unprepared("CREATE INDEX ix_appeals_org ON appeals (org_id, id)").await?;
        c.execute_unprepared("CREATE INDEX ix_appeals_village ON appeals (village_area_id, id)").await?;
        c.execute_unprepared("CREATE INDEX ix_appeals_phone ON appeals (phone_hash)").await?;
        c.execute_unprepared("DROP INDEX ix_appeals_phone_given").await?;
        for (name, _) in INDEXES {
            m.get_connection().execute_unprepared(&format!("DROP INDEX {name}")).await?;
        }
        Ok(())
    }
}
