//! The embedded migration set, one file per step. Rules (DESIGN.md): one ALTER per statement,
//! foreign keys only inside CREATE TABLE, never modify a column, no backend-only features.

use sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

mod m0001_foundation;
mod m0002_people;
mod m0003_members_path_status;
mod m0004_appeals;
mod m0005_appeals_open;
mod m0006_inbox_seen;
mod m0007_appeals_open_due;
mod m0008_totp_sealed;
mod m0009_photo_copies;
mod m0010_meetings;
mod m0011_development;
mod m0012_dues;
mod m0013_study;
mod m0014_care;
mod m0015_points;
mod m0016_enterprises;
mod m0017_dues_relief;
mod m0018_invitee_marks;
mod m0019_party_probation;
mod m0020_visit_visitors;
mod m0021_decisions;
mod m0022_elections;
mod m0023_election_stages;
mod m0024_tasks;
mod m0025_disclosures;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_foundation::Migration),
            Box::new(m0002_people::Migration),
            Box::new(m0003_members_path_status::Migration),
            Box::new(m0004_appeals::Migration),
            Box::new(m0005_appeals_open::Migration),
            Box::new(m0006_inbox_seen::Migration),
            Box::new(m0007_appeals_open_due::Migration),
            Box::new(m0008_totp_sealed::Migration),
            Box::new(m0009_photo_copies::Migration),
            Box::new(m0010_meetings::Migration),
            Box::new(m0011_development::Migration),
            Box::new(m0012_dues::Migration),
            Box::new(m0013_study::Migration),
            Box::new(m0014_care::Migration),
            Box::new(m0015_points::Migration),
            Box::new(m0016_enterprises::Migration),
            Box::new(m0017_dues_relief::Migration),
            Box::new(m0018_invitee_marks::Migration),
            Box::new(m0019_party_probation::Migration),
            Box::new(m0020_visit_visitors::Migration),
            Box::new(m0021_decisions::Migration),
            Box::new(m0022_elections::Migration),
            Box::new(m0023_election_stages::Migration),
            Box::new(m0024_tasks::Migration),
            Box::new(m0025_disclosures::Migration),
        ]
    }
}

/// A materialized path column: byte order on every backend, so subtree ranges are exact.
pub(crate) fn path_col<T: IntoIden>(manager: &SchemaManager, name: T) -> ColumnDef {
    let mut c = string_len(name, 1024);
    if manager.get_database_backend() == DatabaseBackend::Postgres {
        c.extra("COLLATE \"C\"");
    }
    c
}

pub(crate) fn index<T: IntoIden, C: IntoIden>(
    name: &str,
    table: T,
    cols: impl IntoIterator<Item = C>,
    unique: bool,
) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(c);
    }
    if unique {
        i.unique();
    }
    i.to_owned()
}

/// A foreign key named `name` from `(table, column)` to `(table, column)`.
pub(crate) fn fk(name: &str, from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).to_owned()
}
