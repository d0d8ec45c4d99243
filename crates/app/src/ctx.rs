//! The context every use case runs in: who acts, in which language, at what time, for which request.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use lianxin_core::{Clock, accounts::Role, clock::to_micros, tree::TreePath};
use lianxin_store::Db;
use uuid::Uuid;

use crate::Settings;

/// The system clock, truncated to the microseconds the databases keep.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        to_micros(Utc::now())
    }
}

/// What the whole process shares: the database, the settings, the clock.
#[derive(Clone, Debug)]
pub struct App {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub clock: Arc<dyn Clock>,
    /// The key for sensitive personal data; `None` when the settings have none.
    pub data_key: Option<Arc<crate::crypto::DataKey>>,
    /// Short-lived caches shared by the requests (see [`crate::cache`]).
    pub caches: Arc<crate::cache::Caches>,
    /// Intake's group commit (see [`crate::appeals::commit`]).
    pub committer: Arc<crate::appeals::commit::Committer>,
}

impl App {
    pub fn new(db: Db, settings: Settings, clock: Arc<dyn Clock>) -> Self {
        let data_key = crate::crypto::DataKey::from_hex(settings.data_key.expose()).ok().map(Arc::new);
        Self { db, settings: Arc::new(settings), clock, data_key, caches: Arc::default(), committer: Arc::default() }
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

/// Languages of the interface; Chinese first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    ZhCn,
    EnUs,
}

impl Locale {
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::EnUs => "en-US",
        }
    }

    pub fn parse(s: &str) -> Option<Locale> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") {
            Some(Locale::ZhCn)
        } else if s.starts_with("en") {
            Some(Locale::EnUs)
        } else {
            None
        }
    }
}

/// A role held over part of the trees: the organization subtree it was granted on, and the area
/// subtrees it reaches (the granted area, or the areas the granted organization serves).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopedRole {
    pub role: Role,
    pub org: Option<TreePath>,
    pub areas: Vec<TreePath>,
    /// Grids a grid leader looks after.
    pub grids: Vec<Uuid>,
}

/// What an API token lets its bearer do on top of the account's own rights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenAccess {
    Read,
    Write,
}

impl TokenAccess {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenAccess::Read => "read",
            TokenAccess::Write => "write",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "read" => Some(TokenAccess::Read),
            "write" => Some(TokenAccess::Write),
            _ => None,
        }
    }
}

/// A signed-in account with everything policy needs, loaded once per request.
#[derive(Clone, Debug)]
pub struct Principal {
    pub account_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<ScopedRole>,
    /// Set when the request came with an API token instead of a session.
    pub token: Option<TokenAccess>,
    /// The password is older than the rotation setting allows: only changing it is possible.
    pub password_expired: bool,
    /// The interface language saved with the account.
    pub locale: Locale,
    /// The person record the account belongs to (a member handles the appeals routed to them).
    pub person_id: Option<Uuid>,
}

impl Principal {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.iter().any(|r| r.role == role)
    }
}

/// Who performs an action.
#[derive(Clone, Debug)]
pub enum Actor {
    Anonymous,
    Account(Box<Principal>),
    /// The operator at the command line, or a scheduled job.
    System(&'static str),
}

impl Actor {
    pub fn id(&self) -> Option<String> {
        match self {
            Actor::Account(p) => Some(p.account_id.to_string()),
            _ => None,
        }
    }

    pub fn name(&self) -> String {
        match self {
            Actor::Anonymous => "anonymous".into(),
            Actor::Account(p) => p.username.clone(),
            Actor::System(who) => format!("system:{who}"),
        }
    }

    pub fn principal(&self) -> Option<&Principal> {
        match self {
            Actor::Account(p) => Some(p),
            _ => None,
        }
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
}

impl Ctx {
    pub fn new(app: App, actor: Actor) -> Self {
        Self { app, actor, locale: Locale::default(), request_id: None, ip: None }
    }

    /// A context for the operator's command line and for jobs.
    pub fn system(app: App, who: &'static str) -> Self {
        Self::new(app, Actor::System(who))
    }

    pub fn db(&self) -> &Db {
        &self.app.db
    }

    pub fn settings(&self) -> &Settings {
        &self.app.settings
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.app.now()
    }

    pub fn principal(&self) -> crate::Result<&Principal> {
        self.actor.principal().ok_or(crate::AppError::Unauthenticated)
    }
}
