//! tower-sessions storage over the database (through [`lianxin_app::sessions`]), so every
//! `serve` instance sees every session.

use lianxin_app::{App, sessions};
use tower_sessions::{
    SessionStore,
    session::{Id, Record},
    session_store::{Error, Result},
};
use uuid::Uuid;

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    app: App,
    idle: chrono::Duration,
}

impl DbSessionStore {
    pub fn new(app: App, idle: chrono::Duration) -> Self {
        Self { app, idle }
    }

    /// Expiry on the injected clock (tower-sessions computes its own from wall time, which tests
    /// cannot move); every save of an active session pushes it forward.
    fn expiry(&self) -> chrono::DateTime<chrono::Utc> {
        self.app.clock.now() + self.idle
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
            if sessions::create(&self.app, &record.id.to_string(), data, self.expiry(), account_of(record)).await.map_err(backend)? {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        sessions::save(&self.app, &record.id.to_string(), data, self.expiry(), account_of(record)).await.map_err(backend)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let now = self.app.clock.now();
        let Some((data, expires)) = sessions::load(&self.app, &id.to_string(), now).await.map_err(backend)? else {
            return Ok(None);
        };
        let data = serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(expires.timestamp()).map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record { id: *id, data, expiry_date }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        sessions::delete(&self.app, &id.to_string()).await.map_err(backend)
    }
}
