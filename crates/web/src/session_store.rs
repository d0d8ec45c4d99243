//! tower-sessions storage over the database, so every `serve` instance sees every session.

use std::sync::Arc;

use lianxin_app::cache::Caches;
use lianxin_core::Clock;
use lianxin_store::{Db, sessions};
use tower_sessions::{
    SessionStore,
    session::{Id, Record},
    session_store::{Error, Result},
};
use uuid::Uuid;

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: Db,
    clock: Arc<dyn Clock>,
    idle: chrono::Duration,
    /// Sessions read lately (see `lianxin_app::cache`): this process's own saves and deletes
    /// update it; ending an account's sessions elsewhere is audited, which makes it stale.
    caches: Arc<Caches>,
}

impl DbSessionStore {
    pub fn new(db: Db, clock: Arc<dyn Clock>, idle: chrono::Duration, caches: Arc<Caches>) -> Self {
        Self { db, clock, idle, caches }
    }

    /// Expiry on the injected clock (tower-sessions computes its own from wall time, which tests
    /// cannot move); every save of an active session pushes it forward.
    fn expiry(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now() + self.idle
    }
}

/// The account a session belongs to — signed in, or half-way (password passed, second factor
/// owed) — so ending an account's sessions ends both.
fn account_of(r: &Record) -> Option<Uuid> {
    let signed_in = r.data.get(crate::request::ACCOUNT_KEY).and_then(|v| v.as_str());
    let pending = r.data.get(crate::request::PENDING_KEY).and_then(|v| v.get(0)).and_then(|v| v.as_str());
    signed_in.or(pending).and_then(|s| Uuid::parse_str(s).ok())
}

fn backend(e: impl std::fmt::Display) -> Error {
    Error::Backend(e.to_string())
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        loop {
            let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
            let tx = self.db.write().await.map_err(backend)?;
            let created = sessions::create(&tx, &record.id.to_string(), data, self.expiry(), account_of(record)).await.map_err(backend)?;
            tx.commit().await.map_err(backend)?;
            if created {
                self.caches.room::<lianxin_app::auth::Kept>().sessions.forget(&record.id.to_string());
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        let tx = self.db.write().await.map_err(backend)?;
        sessions::save(&tx, &record.id.to_string(), data, self.expiry(), account_of(record)).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        // A save never brings back a session deleted meanwhile: read it afresh next time.
        self.caches.room::<lianxin_app::auth::Kept>().sessions.forget(&record.id.to_string());
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let (now, epoch) = (self.clock.now(), self.caches.epoch());
        let found = match self.caches.room::<lianxin_app::auth::Kept>().sessions.get(&id.to_string(), epoch, now) {
            Some(f) => f,
            None => {
                let f = sessions::load(self.db.conn(), &id.to_string(), now).await.map_err(backend)?;
                self.caches.room::<lianxin_app::auth::Kept>().sessions.put(id.to_string(), f.clone(), epoch, now);
                f
            }
        };
        let Some((data, expires)) = found.filter(|(_, expires)| *expires > now) else {
            return Ok(None);
        };
        let data = serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(expires.timestamp()).map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record { id: *id, data, expiry_date }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        let tx = self.db.write().await.map_err(backend)?;
        sessions::delete(&tx, &id.to_string()).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        self.caches.room::<lianxin_app::auth::Kept>().sessions.forget(&id.to_string());
        Ok(())
    }
}
