//! The database handle: connection pool, backend-specific settings, write transactions.

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbErr, SqlErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use crate::migration::Migrator;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(#[from] DbErr),
    #[error("cannot open the database at {url}: {reason}")]
    Open { url: String, reason: String },
    #[error("{0}")]
    Invalid(String),
}

/// Which engine is behind the handle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A pooled connection to the database, cheap to clone (one shared handle: every request clones
/// it, through the application state).
#[derive(Clone, Debug)]
pub struct Db(Arc<Handles>);

#[derive(Debug)]
struct Handles {
    conn: DatabaseConnection,
    /// SQLite: the one connection write transactions use. Writers queue for it in the process
    /// (instead of sleeping in SQLite's busy handler), and its page cache stays warm: SQLite
    /// drops a connection's cache whenever another connection has written since its last
    /// transaction, so writes spread over the pool would read their pages afresh each time.
    writer: Option<DatabaseConnection>,
    backend: Backend,
    url: String,
    statements: Arc<AtomicU64>,
}

impl Db {
    /// Opens the database at `url` (`sqlite://path?mode=rwc` or `postgres://…`). SQLite gets WAL,
    /// `synchronous=NORMAL`, a busy timeout and foreign keys; both get a pool larger than one.
    pub async fn connect(url: &str, pool_size: u32) -> crate::Result<Db> {
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::Open { url: redact(url), reason: "the URL must start with sqlite: or postgres:".into() });
        };
        let statements = Arc::new(AtomicU64::new(0));
        let conn = open_pool(url, backend, pool_size.max(2), READ_CACHE_KB, &statements).await?;
        let writer = match backend {
            Backend::Sqlite => Some(open_pool(url, backend, 1, WRITE_CACHE_KB, &statements).await?),
            Backend::Postgres => None,
        };
        Ok(Db(Arc::new(Handles { conn, writer, backend, url: url.to_owned(), statements })))
    }

    /// Brings the schema up to date; safe to run at every start.
    pub async fn migrate(&self) -> crate::Result<()> {
        Migrator::up(&self.0.conn, None).await?;
        Ok(())
    }

    /// How many statements this handle has run, for query budgets in tests and metrics.
    pub fn statement_count(&self) -> u64 {
        self.0.statements.load(Ordering::Relaxed)
    }

    pub fn conn(&self) -> &DatabaseConnection {
        &self.0.conn
    }

    pub fn backend(&self) -> Backend {
        self.0.backend
    }

    /// The URL with any password removed, for messages.
    pub fn display_url(&self) -> String {
        redact(&self.0.url)
    }

    /// Starts a write transaction. On SQLite it is `BEGIN IMMEDIATE`, so the write lock is taken at
    /// the start and a read-then-write transaction never fails to upgrade.
    pub async fn write(&self) -> crate::Result<DatabaseTransaction> {
        let opts = TransactionOptions {
            sqlite_transaction_mode: (self.0.backend == Backend::Sqlite).then_some(SqliteTransactionMode::Immediate),
            ..Default::default()
        };
        Ok(self.0.writer.as_ref().unwrap_or(&self.0.conn).begin_with_options(opts).await?)
    }

    /// Copies what the SQLite write-ahead log holds into the database file as far as readers
    /// allow, without waiting for anyone (`wal_checkpoint(PASSIVE)`). A server runs it every
    /// second beside the writers, so the writer committing does not do it (past
    /// `wal_autocheckpoint` pages it still would). Nothing to do on PostgreSQL.
    pub async fn checkpoint(&self) -> crate::Result<()> {
        if self.0.backend == Backend::Sqlite {
            self.0.conn.execute_unprepared("PRAGMA wal_checkpoint(PASSIVE)").await?;
        }
        Ok(())
    }

    /// Checks the database answers, for readiness probes.
    pub async fn ping(&self) -> crate::Result<()> {
        self.0.conn.execute_unprepared("SELECT 1").await?;
        Ok(())
    }

    pub async fn close(&self) {
        if let Some(w) = &self.0.writer {
            let _ = w.close_by_ref().await;
        }
        let _ = self.0.conn.close_by_ref().await;
    }
}

/// SQLite page cache of each reading connection and of the writer, in KiB. The writer's stays
/// warm (no other connection writes); readers' are dropped whenever the writer commits. 16 MB
/// each measured as fast as 32 MB on the appeals benchmarks, with less memory.
const READ_CACHE_KB: u32 = 16_000;
const WRITE_CACHE_KB: u32 = 16_000;

/// Rows a SQLite statement buffers towards its reader (the driver's default is 50).
const ROW_BUFFER: usize = 256;

/// A pool of `size` connections with the backend's settings, counting statements in `counter`.
async fn open_pool(url: &str, backend: Backend, size: u32, cache_kb: u32, counter: &Arc<AtomicU64>) -> crate::Result<DatabaseConnection> {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.max_connections(size)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(30))
        // A connection is not pinged before each use (a round trip per statement); a broken one
        // fails its statement, and the pool replaces it.
        .test_before_acquire(false)
        .sqlx_logging(false);
    if backend == Backend::Sqlite {
        opts.map_sqlx_sqlite_opts(move |o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                .pragma("temp_store", "memory")
                .pragma("cache_size", format!("-{cache_kb}"))
                // The log may grow to ~40 MB before a committing writer copies it back itself;
                // a server's checkpointer (`Db::checkpoint`) keeps it short.
                .pragma("wal_autocheckpoint", "10000")
                // Rows a query may hand over before the reader takes them: a page of a list
                // (50 and one more to know there is a next page) arrives without the database
                // thread waiting for the reader in between.
                .row_buffer_size(ROW_BUFFER)
        });
    }
    let mut conn = Database::connect(opts).await.map_err(|e| StoreError::Open { url: redact(url), reason: e.to_string() })?;
    let counter = counter.clone();
    conn.set_metric_callback(move |info| {
        counter.fetch_add(1, Ordering::Relaxed);
        // `LIANXIN_LOG=lianxin_store::sql=trace` lists every statement with its time (the
        // statement's text only: values are bound, never written into it).
        tracing::trace!(target: "lianxin_store::sql", us = info.elapsed.as_micros() as u64, failed = info.failed, sql = %info.statement.sql);
    });
    // Touch the database now, so a missing or locked file is reported at startup.
    conn.execute_unprepared("SELECT 1").await.map_err(|e| StoreError::Open { url: redact(url), reason: e.to_string() })?;
    Ok(conn)
}

/// Removes the password from a database URL.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &url[s + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}://{}:***{}", &url[..s], user, &url[at..])
        }
        _ => url.to_owned(),
    }
}

/// The name (`uq_<table>_<cols>`) of the unique index a write violated, on either backend.
/// PostgreSQL names the constraint; SQLite names the columns (`table.col, table.col2`).
pub fn unique_violation(err: &StoreError) -> Option<String> {
    let StoreError::Db(e) = err else { return None };
    let Some(SqlErr::UniqueConstraintViolation(msg)) = e.sql_err() else {
        return None;
    };
    if let Some(start) = msg.find("\"uq_") {
        let rest = &msg[start + 1..];
        return rest.find('"').map(|end| rest[..end].to_owned());
    }
    // PostgreSQL names any other constraint it was (a primary key, a `ux_` index) the same way.
    if let Some(start) = msg.find("unique constraint \"") {
        let rest = &msg[start + "unique constraint \"".len()..];
        return rest.find('"').map(|end| rest[..end].to_owned());
    }
    let cols = msg.rsplit("UNIQUE constraint failed: ").next()?;
    let mut table = "";
    let mut names = Vec::new();
    for tc in cols.split(',') {
        let (t, c) = tc.trim().split_once('.')?;
        table = t;
        names.push(c.to_owned());
    }
    Some(format!("uq_{}_{}", table, names.join("_")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite is built with the options of `.cargo/config.toml`: without its process-wide memory
    /// statistics (they serialize every allocation on one mutex) and with stable query plans (no
    /// statement compiled again because a bound value changed).
    #[test]
    fn sqlite_is_built_with_our_options() {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async {
            let dir = std::env::temp_dir().join(format!("lianxin-memstatus-{}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("temp dir");
            let db = Db::connect(&format!("sqlite://{}/t.db?mode=rwc", dir.display()), 2).await.expect("open");
            let rows = db
                .conn()
                .query_all_raw(sea_orm::Statement::from_string(db.conn().get_database_backend(), "PRAGMA compile_options"))
                .await
                .expect("pragma");
            let options: Vec<String> = rows.iter().map(|r| r.try_get_by_index::<String>(0).expect("option")).collect();
            db.close().await;
            let _ = std::fs::remove_dir_all(&dir);
            for want in ["DEFAULT_MEMSTATUS=0", "ENABLE_QPSG"] {
                assert!(options.iter().any(|o| o == want), "{want} missing from the compile options: {options:?}");
            }
        });
    }

    #[test]
    fn redacts_password() {
        assert_eq!(redact("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(redact("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}
