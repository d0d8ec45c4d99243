//! Browser sessions as the web layer's session store keeps them: in the database, so every
//! `serve` instance sees every session, and kept for a few seconds ([`Kept`]). This
//! process's own saves and deletes forget the kept copy; ending an account's sessions elsewhere is
//! audited as a change of access, which makes every kept copy stale.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use lianxin_store::sessions as store;
use uuid::Uuid;

use crate::{App, Result, cache::Timed};

/// Browser sessions by id, kept for a few seconds (`None`: no such session).
#[derive(Debug, Default)]
pub struct Kept {
    sessions: Timed<String, Option<Arc<Stored>>>,
}

/// Stores a new session under `id`; `false` when the id is taken (the caller picks another).
pub async fn create(app: &App, id: &str, data: String, expires: DateTime<Utc>, account: Option<Uuid>) -> Result<bool> {
    let tx = app.db.write().await?;
    let created = store::create(&tx, id, data, expires, account).await?;
    tx.commit().await?;
    if created {
        app.caches.room::<Kept>().sessions.forget(&id.to_owned());
    }
    Ok(created)
}

/// Saves a session's data and pushes its expiry forward.
pub async fn save(app: &App, id: &str, data: String, expires: DateTime<Utc>, account: Option<Uuid>) -> Result<()> {
    let tx = app.db.write().await?;
    store::save(&tx, id, data, expires, account).await?;
    tx.commit().await?;
    // A save never brings back a session deleted meanwhile: read it afresh next time.
    app.caches.room::<Kept>().sessions.forget(&id.to_owned());
    Ok(())
}

/// The keys a session's data holds for who is signed in: the account, when its password (and
/// second factor) passed, and when the session was last seen.
pub const ACCOUNT_KEY: &str = "account";
pub const AUTH_AT_KEY: &str = "auth_at";
pub const SEEN_AT_KEY: &str = "seen_at";

/// Who a session is signed in as, read from its data once per kept copy (a signed-in page needs
/// only these three, not the whole record).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
pub struct Marks {
    /// [`ACCOUNT_KEY`]
    pub account: Option<Uuid>,
    /// [`AUTH_AT_KEY`]
    pub auth_at: Option<DateTime<Utc>>,
    /// [`SEEN_AT_KEY`]
    pub seen_at: Option<DateTime<Utc>>,
}

impl Marks {
    /// The marks in a session's stored data; none when it holds no sign-in (or is unreadable).
    pub fn of(data: &str) -> Marks {
        serde_json::from_str(data).unwrap_or_default()
    }
}

/// A stored session as kept: its data, expiry and marks.
#[derive(Debug)]
pub struct Stored {
    data: String,
    expires: DateTime<Utc>,
    marks: Marks,
}

async fn stored(app: &App, id: &str, now: DateTime<Utc>) -> Result<Option<Arc<Stored>>> {
    let (epoch, kept) = (app.caches.epoch(), app.caches.room::<Kept>());
    let found = match kept.sessions.get(&id.to_owned(), epoch, now) {
        Some(f) => f,
        None => {
            let f = store::load(app.db.conn(), id, now).await?.map(|(data, expires)| {
                let marks = Marks::of(&data);
                Arc::new(Stored { data, expires, marks })
            });
            kept.sessions.put(id.to_owned(), f.clone(), epoch, now);
            f
        }
    };
    Ok(found.filter(|s| s.expires > now))
}

/// A session's data and expiry, if it exists and has not expired at the clock's `now`.
pub async fn load(app: &App, id: &str, now: DateTime<Utc>) -> Result<Option<(String, DateTime<Utc>)>> {
    Ok(stored(app, id, now).await?.map(|s| (s.data.clone(), s.expires)))
}

/// A session's [`Marks`], if it exists and has not expired at the clock's `now`.
pub async fn marks(app: &App, id: &str, now: DateTime<Utc>) -> Result<Option<Marks>> {
    Ok(stored(app, id, now).await?.map(|s| s.marks))
}

pub async fn delete(app: &App, id: &str) -> Result<()> {
    let tx = app.db.write().await?;
    store::delete(&tx, id).await?;
    tx.commit().await?;
    app.caches.room::<Kept>().sessions.forget(&id.to_owned());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_read_from_the_data_as_sessions_store_it() {
        let (account, at) = (Uuid::new_v4(), chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap());
        let mut data = std::collections::HashMap::new();
        data.insert(ACCOUNT_KEY.to_owned(), serde_json::to_value(account).unwrap());
        data.insert(AUTH_AT_KEY.to_owned(), serde_json::to_value(at).unwrap());
        data.insert("pending".to_owned(), serde_json::json!([account, "/", at]));
        let m = Marks::of(&serde_json::to_string(&data).unwrap());
        assert_eq!(m, Marks { account: Some(account), auth_at: Some(at), seen_at: None });
        assert_eq!(Marks::of("{}"), Marks::default());
        assert_eq!(Marks::of("not json"), Marks::default());
    }
}
