//! Who is asking, in which language: the [`Viewer`] extractor turns a request into a use-case
//! context, from an API token or a browser session, enforcing the session's idle and absolute
//! limits against the injected clock.

use std::net::SocketAddr;

use axum::{
    extract::{ConnectInfo, FromRequestParts},
    http::{header, request::Parts},
};
use axum_extra::extract::CookieJar;
use chrono::{DateTime, Duration, Utc};
use lianxin_app::{
    Actor, AppError, Ctx, auth,
    journal::{self, Stale},
    sessions,
};
use lianxin_core::audit;
use serde_json::json;
use tower_sessions::Session;
use uuid::Uuid;

use crate::{AppState, WebError, i18n::Tr};

/// Session keys.
pub use lianxin_app::sessions::{ACCOUNT_KEY, AUTH_AT_KEY, SEEN_AT_KEY};
/// An account that passed its password and still owes a second factor: (account, next page,
/// when the password was checked).
pub const PENDING_KEY: &str = "pending";
/// How long a passed password waits for its second factor.
pub const PENDING_MINUTES: i64 = 5;
pub const LANG_COOKIE: &str = "lang";

/// The caller of a request.
pub struct Viewer {
    pub ctx: Ctx,
    pub tr: Tr,
    pub session: Option<Session>,
}

impl Viewer {
    /// Fails with "login required" for anonymous callers.
    pub fn require(&self) -> Result<(), WebError> {
        match self.ctx.actor {
            Actor::Anonymous => Err(WebError(AppError::Unauthenticated)),
            _ => Ok(()),
        }
    }

    pub fn signed_in(&self) -> bool {
        matches!(self.ctx.actor, Actor::Account(_))
    }
}

fn bearer(parts: &Parts) -> Option<&str> {
    parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ")
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let app = state.app.clone();
        let jar = CookieJar::from_headers(&parts.headers);
        let accept = parts.headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
        let request_id = parts.headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(|s| s.chars().take(64).collect());
        let ip = client_ip(
            &parts.headers,
            parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()),
            &app.settings.security.trusted_proxies,
        )
        .map(|ip| ip.to_string());
        let session = parts.extensions.get::<Session>().cloned();

        // API tokens are for the API: on a page the header is ignored, so a token never opens the
        // full interface (its forms, the reveal of an ID number) to a script.
        let api = parts.uri.path().starts_with("/api/");
        let actor = if let Some(token) = bearer(parts).filter(|_| api) {
            match auth::authenticate_token(&app, token).await? {
                Some(p) => Actor::Account(p),
                None => {
                    // A bogus, expired or revoked token is a refused request like any other.
                    let mut ctx = Ctx::new(app.clone(), Actor::Anonymous);
                    ctx.request_id = request_id;
                    ctx.ip = ip;
                    let path = json!({ "path": parts.uri.path().chars().take(200).collect::<String>() });
                    journal::record_alone(&ctx, Stale::Nothing, "token.reject", "token", None, audit::DENIED, path).await?;
                    return Err(WebError(AppError::Unauthenticated));
                }
            }
        } else if let Some(s) = &session {
            let actor = session_actor(&app, s).await?;
            // An expired password leaves only the account page (to change it) and sign-out.
            let path = parts.uri.path();
            let get = parts.method == axum::http::Method::GET;
            let exempt = (get && path == "/account")
                || path == "/account/password"
                || path == "/logout"
                || path.starts_with("/static/")
                || path == "/lang";
            if actor.principal().is_some_and(|p| p.password_expired) && !exempt {
                return Err(WebError(AppError::BadRequest { key: "error-password-expired" }));
            }
            actor
        } else {
            Actor::Anonymous
        };
        // The language: an explicit choice (cookie), else the account's own, else the browser's.
        let cookie = jar.get(LANG_COOKIE).map(|c| c.value().to_owned());
        let saved = actor.principal().map(|p| p.locale.tag());
        let locale = crate::i18n::negotiate(cookie.as_deref().or(saved), accept);
        let mut ctx = Ctx::new(app, actor);
        ctx.locale = locale;
        ctx.request_id = request_id;
        ctx.ip = ip;
        Ok(Viewer { ctx, tr: Tr(locale), session })
    }
}

/// The account a session is signed in as, if its idle and absolute limits still hold. Read from
/// the session's kept marks ([`sessions::marks`]): a page that changes nothing in its session
/// never loads the whole record.
async fn session_actor(app: &lianxin_app::App, s: &Session) -> Result<Actor, WebError> {
    let Some(id) = s.id() else {
        return Ok(Actor::Anonymous);
    };
    let now = app.now();
    let Some(marks) = sessions::marks(app, &id.to_string(), now).await? else {
        // No such session (ended, or expired): loading it makes the session layer drop the cookie.
        let _ = s.get_value(ACCOUNT_KEY).await;
        return Ok(Actor::Anonymous);
    };
    let Some(account) = marks.account else {
        return Ok(Actor::Anonymous);
    };
    let sec = &app.settings.security;
    let auth_at = marks.auth_at.unwrap_or(DateTime::<Utc>::MIN_UTC);
    let seen_at = marks.seen_at.unwrap_or(auth_at);
    if now - seen_at > Duration::minutes(sec.session_idle_minutes) || now - auth_at > Duration::hours(sec.session_absolute_hours) {
        let _ = s.flush().await;
        return Ok(Actor::Anonymous);
    }
    // Refresh the idle mark at most once a minute, so browsing does not write on every request.
    if now - seen_at > Duration::minutes(1) {
        let _ = s.insert(SEEN_AT_KEY, now).await;
    }
    let actor = auth::session_actor(app, account).await?;
    if matches!(actor, Actor::Anonymous) {
        let _ = s.flush().await;
    }
    Ok(actor)
}

/// Marks a session as signed in: a fresh id (no fixation), the account, and the clock marks.
pub async fn sign_in(s: &Session, account: Uuid, now: DateTime<Utc>) -> Result<(), WebError> {
    let fail = |e: tower_sessions::session::Error| WebError(AppError::internal(e));
    s.cycle_id().await.map_err(fail)?;
    s.remove_value(PENDING_KEY).await.map_err(fail)?;
    s.insert(ACCOUNT_KEY, account).await.map_err(fail)?;
    s.insert(AUTH_AT_KEY, now).await.map_err(fail)?;
    s.insert(SEEN_AT_KEY, now).await.map_err(fail)?;
    Ok(())
}

/// Whether text a client sent in a URL (a search) is a phone or ID number, which must not travel
/// there: addresses end up in logs, proxies and browser histories.
pub fn sensitive_in_url(text: &str, today: chrono::NaiveDate) -> bool {
    let t = text.trim();
    lianxin_core::people::parse_phone(t).is_ok() || lianxin_core::people::parse_id_number(t, today).is_ok()
}

/// The client's address: the peer, unless the peer is a trusted proxy, in which case the last
/// address in `X-Forwarded-For` that is not itself a trusted proxy.
pub fn client_ip(
    headers: &axum::http::HeaderMap,
    peer: Option<std::net::IpAddr>,
    trusted: &[std::net::IpAddr],
) -> Option<std::net::IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<std::net::IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    Some(forwarded.into_iter().rev().find(|ip| !trusted.contains(ip)).unwrap_or(peer))
}

/// Rate limiting keyed on the client address as [`client_ip`] finds it.
#[derive(Clone, Debug)]
pub struct ClientIpKey(pub std::sync::Arc<Vec<std::net::IpAddr>>);

impl tower_governor::key_extractor::KeyExtractor for ClientIpKey {
    type Key = std::net::IpAddr;

    fn extract<T>(&self, req: &axum::http::Request<T>) -> Result<Self::Key, tower_governor::GovernorError> {
        let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        client_ip(req.headers(), peer, &self.0).ok_or(tower_governor::GovernorError::UnableToExtractKey)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_for_only_from_trusted_proxies() {
        let lb: std::net::IpAddr = "10.0.0.1".parse().unwrap();
        let client: std::net::IpAddr = "203.0.113.7".parse().unwrap();
        let mut h = axum::http::HeaderMap::new();
        h.insert("x-forwarded-for", "198.51.100.1, 203.0.113.7".parse().unwrap());
        assert_eq!(client_ip(&h, Some(client), &[lb]), Some(client), "an untrusted peer's header is ignored");
        assert_eq!(client_ip(&h, Some(lb), &[lb]), Some(client), "the last hop before the proxy");
        assert_eq!(client_ip(&axum::http::HeaderMap::new(), Some(lb), &[lb]), Some(lb));
    }
}

/// Request ids without a random number per request: this process's random start, then a counter
/// (`3f9c2a71-00000000002a`). Unique within a run, and runs differ in their start; a UUID per
/// request cost two microseconds, a tenth of a small answer's whole time.
#[derive(Clone, Debug)]
pub(crate) struct CountingId {
    start: u32,
    next: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl CountingId {
    pub(crate) fn new() -> Self {
        let start = (uuid::Uuid::new_v4().as_u128() & 0xffff_ffff) as u32;
        CountingId { start, next: std::sync::Arc::new(std::sync::atomic::AtomicU64::new(1)) }
    }

    fn id(&self) -> String {
        let n = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        format!("{:08x}-{n:012x}", self.start)
    }

    /// The next id as a header value.
    pub(crate) fn header(&self) -> axum::http::HeaderValue {
        // Hex digits and a dash are always a valid header value.
        axum::http::HeaderValue::try_from(self.id()).unwrap_or_else(|_| axum::http::HeaderValue::from_static("0"))
    }
}

#[cfg(test)]
mod counting_id_tests {
    use super::CountingId;

    #[test]
    fn ids_differ_within_a_run_and_between_runs() {
        let a = CountingId::new();
        let (x, y) = (a.id(), a.clone().id());
        assert_ne!(x, y, "clones share the counter");
        assert_eq!(x.len(), 21);
        assert!(x.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'), "{x}");
        // Two starts collide once in 4 billion; two in a row colliding means no randomness at all.
        let starts: std::collections::HashSet<u32> = (0..3).map(|_| CountingId::new().start).collect();
        assert!(starts.len() > 1);
    }
}
