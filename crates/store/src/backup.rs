//! Online backup of an SQLite database. PostgreSQL is backed up with its own tools (`pg_dump -Fc`,
//! `pg_restore`), as the README explains.

use std::path::Path;

use crate::{Backend, Db, StoreError};

/// Writes a consistent copy of the live database to `dest` with `VACUUM INTO`, which readers and
/// writers may keep using meanwhile. `dest` must not exist.
pub async fn sqlite_backup(db: &Db, dest: &Path) -> crate::Result<()> {
    if db.backend() != Backend::Sqlite {
        return Err(StoreError::Invalid("backup works on SQLite; for PostgreSQL use pg_dump -Fc (see README)".into()));
    }
    if dest.exists() {
        return Err(StoreError::Invalid(format!("{} already exists", dest.display())));
    }
    let d = dest.to_str().ok_or_else(|| StoreError::Invalid("the backup path must be valid UTF-8".into()))?;
    let sql = format!("VACUUM INTO '{}'", d.replace('\'', "''"));
    sea_orm::ConnectionTrait::execute_unprepared(db.conn(), &sql).await?;
    Ok(())
}
