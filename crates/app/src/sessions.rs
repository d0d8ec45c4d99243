//! Browser sessions as the web layer's session store keeps them: in the database, so every
//! `serve` instance sees every session, and kept for a few seconds ([`crate::auth::Kept`]). This
//! process's own saves and deletes forget the kept copy; ending an account's sessions elsewhere is
//! audited as a change of access, which makes every kept copy stale.

use chrono::{DateTime, Utc};
use lianxin_store::sessions as store;
use uuid::Uuid;

use crate::{App, Result, auth::Kept};

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

/// A session's data and expiry, if it exists and has not expired at the clock's `now`.
pub async fn load(app: &App, id: &str, now: DateTime<Utc>) -> Result<Option<(String, DateTime<Utc>)>> {
    let (epoch, kept) = (app.caches.epoch(), app.caches.room::<Kept>());
    let found = match kept.sessions.get(&id.to_owned(), epoch, now) {
        Some(f) => f,
        None => {
            let f = store::load(app.db.conn(), id, now).await?;
            kept.sessions.put(id.to_owned(), f.clone(), epoch, now);
            f
        }
    };
    Ok(found.filter(|(_, expires)| *expires > now))
}

pub async fn delete(app: &App, id: &str) -> Result<()> {
    let tx = app.db.write().await?;
    store::delete(&tx, id).await?;
    tx.commit().await?;
    app.caches.room::<Kept>().sessions.forget(&id.to_owned());
    Ok(())
}
