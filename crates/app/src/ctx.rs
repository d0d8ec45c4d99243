//! The context every use case runs in: who acts, in which language, at what time, for which request.

use std::sync::{
    Arc,
    atomic::{AtomicU8, Ordering},
};

use chrono::{DateTime, Utc};
use lianxin_core::{Clock, clock::to_micros};
use lianxin_store::{DatabaseTransaction, Db};

use crate::{Actor, Locale, Principal, Settings, cache::Stale};

/// The system clock, truncated to the microseconds the databases keep.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        to_micros(Utc::now())
    }
}

/// What the whole process shares: the database, the settings, the clock. One pointer: every
/// request clones it several times (state, session store, context), and one shared count is
/// cheaper to move between the cores than five.
#[derive(Clone, Debug)]
pub struct App(Arc<Shared>);

impl std::ops::Deref for App {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What an [`App`] holds.
#[derive(Debug)]
pub struct Shared {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub clock: Arc<dyn Clock>,
    /// The key for sensitive personal data; `None` when the settings have none.
    pub data_key: Option<Arc<crate::crypto::DataKey>>,
    /// Short-lived caches shared by the requests, and what each capability keeps for the
    /// process (see [`crate::cache`]).
    pub caches: Arc<crate::cache::Caches>,
}

impl App {
    pub fn new(db: Db, settings: Settings, clock: Arc<dyn Clock>) -> Self {
        let data_key = crate::crypto::DataKey::from_hex(settings.data_key.expose()).ok().map(Arc::new);
        Self(Arc::new(Shared { db, settings: Arc::new(settings), clock, data_key, caches: Arc::default() }))
    }

    pub fn now(&self) -> DateTime<Utc> {
        to_micros(self.clock.now())
    }

    /// Today's date where the users are (the display time zone).
    pub fn today(&self) -> chrono::NaiveDate {
        (self.now() + chrono::Duration::minutes(i64::from(self.settings.display_utc_offset_minutes))).date_naive()
    }

    /// The data key, or a clear error when the installation has none configured.
    pub fn key(&self) -> crate::Result<&crate::crypto::DataKey> {
        self.data_key.as_deref().ok_or(crate::AppError::BadRequest { key: "error-no-data-key" })
    }
}

/// The context of one use-case call.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub app: App,
    pub actor: Actor,
    pub locale: Locale,
    pub request_id: Option<String>,
    pub ip: Option<String>,
    /// What the changes recorded through this context make stale ([`crate::journal::pending`]),
    /// made stale again by [`Ctx::commit`] once they are committed.
    stale: Arc<AtomicU8>,
}

impl Ctx {
    pub fn new(app: App, actor: Actor) -> Self {
        Self { app, actor, locale: Locale::default(), request_id: None, ip: None, stale: Arc::default() }
    }

    /// A context for the operator's command line and for jobs.
    pub fn system(app: App, who: &'static str) -> Self {
        Self::new(app, Actor::System(who))
    }

    pub fn db(&self) -> &Db {
        &self.app.db
    }

    /// Notes that a change recorded in the open transaction makes `what` stale.
    pub(crate) fn note_stale(&self, what: Stale) {
        self.stale.fetch_max(what as u8, Ordering::SeqCst);
    }

    /// Commits a write transaction, then makes stale what its recorded changes named. They were
    /// made stale when recorded too; this second time is what counts, since a read between the
    /// two could have kept what the database held before the commit.
    pub async fn commit(&self, tx: DatabaseTransaction) -> crate::Result<()> {
        tx.commit().await?;
        self.made_stale();
        Ok(())
    }

    /// Makes stale now what was noted ([`Ctx::note_stale`]): after a commit not made by
    /// [`Ctx::commit`] (a group commit of several contexts' changes).
    pub(crate) fn made_stale(&self) {
        let what = Stale::from_u8(self.stale.swap(0, Ordering::SeqCst));
        self.app.caches.changed(what);
    }

    /// A view computed from recorded activity by `load`, kept by `key` until any recorded change
    /// or for [`crate::cache::TTL`] (see [`crate::cache::Kept::figures`]). The key names
    /// everything the view depends on besides the records (the day, what the viewer may do);
    /// whether the viewer may read it at all is decided before, on every request.
    pub(crate) async fn figures<K, V, F>(&self, key: K, load: impl FnOnce() -> F) -> crate::Result<std::sync::Arc<V>>
    where
        K: Eq + std::hash::Hash + Send + Sync + 'static,
        V: Send + Sync + 'static,
        F: std::future::Future<Output = crate::Result<V>>,
    {
        let room = self.app.caches.room::<crate::cache::Figures<K, V>>();
        room.0.figures(&self.app.caches, key, self.now(), || async { load().await.map(std::sync::Arc::new) }).await
    }

    pub fn settings(&self) -> &Settings {
        &self.app.settings
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.app.now()
    }

    /// The name of whoever acts, as records keep it ("recorded by"): the account's display name,
    /// empty for the system.
    pub fn actor_name(&self) -> String {
        self.actor.principal().map(|p| p.display_name.clone()).unwrap_or_default()
    }

    pub fn principal(&self) -> crate::Result<&Principal> {
        self.actor.principal().ok_or(crate::AppError::Unauthenticated)
    }
}
