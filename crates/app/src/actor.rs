//! Who is acting: an account with its scoped roles, the operator or a job, or nobody signed in;
//! and the interface language. A leaf: [`crate::policy`] and [`crate::ctx`] import it, it imports
//! neither.

use lianxin_core::{accounts::Role, tree::TreePath};
use uuid::Uuid;

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
    Account(std::sync::Arc<Principal>),
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
