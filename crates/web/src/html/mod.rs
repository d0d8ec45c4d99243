//! Server-rendered pages. They work with JavaScript off, on a phone first; every page shares the
//! layout in `templates/base.html`.

mod account;

mod admin;
mod appeals;
mod appeals_public;
mod areas;
mod auth;
pub(crate) mod charts;
mod forms;
mod households;
mod imports;
mod orgs;
mod people;

use askama::Template;
use axum::{
    Router,
    body::Body,
    extract::{Request, State},
    http::{HeaderValue, StatusCode, header},
    middleware::{self, Next},
    response::{Html, IntoResponse, Redirect, Response},
    routing::get,
};
use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};
use lianxin_app::{Actor, Locale, policy::Action};
use lianxin_core::accounts::Role;
use tower_http::{csrf::CsrfLayer, limit::RequestBodyLimitLayer};
use tower_sessions::{Expiry, SessionManagerLayer, cookie::SameSite};

use crate::{AppState, DbSessionStore, Viewer, error::ErrorInfo, i18n::Tr};
use lianxin_app::journal::Stale;

pub use forms::{Field, FormPage};

/// What the layout needs on every page.
pub struct Base {
    pub tr: Tr,
    pub title: String,
    pub user: Option<String>,
    pub nav: Vec<(String, String)>,
    /// The current path, for the language switch to come back to.
    pub here: String,
    pub offset_minutes: i32,
}

impl Base {
    pub fn new(v: &Viewer, title_key: &str, here: &str) -> Self {
        Self::titled(v, v.tr.t(title_key), here)
    }

    pub fn titled(v: &Viewer, title: String, here: &str) -> Self {
        let tr = v.tr;
        let mut nav = Vec::new();
        let user = match &v.ctx.actor {
            Actor::Account(p) => {
                let data_roles = p.roles.iter().any(|r| !r.role.is_admin());
                // A grid leader's work is their grid: one link per grid, nothing else.
                for g in p.roles.iter().filter(|r| r.role == Role::GridLeader).flat_map(|r| r.grids.iter()) {
                    nav.push((tr.t("nav-my-grid"), format!("/grids/{g}")));
                }
                let data_roles = data_roles && p.roles.iter().any(|r| !r.role.is_admin() && r.role != Role::GridLeader);
                if data_roles {
                    nav.push((tr.t("nav-orgs"), "/orgs".into()));
                    nav.push((tr.t("nav-areas"), "/areas".into()));
                    if p.roles.iter().any(|r| !matches!(r.role, Role::Member)) {
                        nav.push((tr.t("nav-people"), "/people".into()));
                    }
                    nav.push((tr.t("nav-staff-appeals"), "/appeals".into()));
                    nav.push((tr.t("nav-staff-inbox"), "/inbox".into()));
                }
                if p.has_role(Role::SystemAdmin) || p.has_role(Role::SecurityAdmin) {
                    nav.push((tr.t("nav-accounts"), "/admin/accounts".into()));
                }
                if p.has_role(Role::AuditAdmin) {
                    nav.push((tr.t("nav-audit"), "/admin/audit".into()));
                }
                nav.push((tr.t("nav-account"), "/account".into()));
                Some(p.display_name.clone())
            }
            _ => None,
        };
        Self { tr, title, user, nav, here: here.to_owned(), offset_minutes: v.ctx.settings().display_utc_offset_minutes }
    }

    /// The link that switches to the other language and comes back here.
    pub fn other_lang(&self) -> (&'static str, &'static str) {
        match self.tr.0 {
            Locale::ZhCn => ("en-US", "English"),
            Locale::EnUs => ("zh-CN", "中文"),
        }
    }

    /// Whether a navigation link leads to the section of the current page.
    pub fn is_current(&self, link: &str) -> bool {
        self.here == link || self.here.starts_with(&format!("{link}/")) || self.here.starts_with(&format!("{link}?"))
    }

    pub fn here_encoded(&self) -> String {
        url_encode(&self.here)
    }

    /// An instant in the display time zone.
    pub fn time(&self, t: &DateTime<Utc>) -> String {
        display_time(t, self.offset_minutes)
    }

    pub fn opt_time(&self, t: &Option<DateTime<Utc>>) -> String {
        t.as_ref().map(|t| self.time(t)).unwrap_or_else(|| "—".into())
    }
}

/// `YYYY-MM-DD HH:MM` at `offset_minutes` east of UTC. Written by hand: formatting machinery
/// costs more than the rest of a list's row, and lists show a time on every row.
pub(crate) fn display_time(t: &DateTime<Utc>, offset_minutes: i32) -> String {
    let off = FixedOffset::east_opt(offset_minutes * 60).unwrap_or(FixedOffset::east_opt(0).expect("zero offset"));
    let l = t.with_timezone(&off).naive_local();
    let parts = [(l.year().clamp(0, 9999) as u32, 4), (l.month(), 2), (l.day(), 2), (l.hour(), 2), (l.minute(), 2)];
    let mut out = String::with_capacity(16);
    for (i, (n, width)) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push(char::from(b" -- :"[i]));
        }
        for p in (0..width).rev() {
            out.push(char::from(b'0' + (n / 10u32.pow(p) % 10) as u8));
        }
    }
    out
}

pub fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// Renders a template as an HTML response.
pub fn page<T: Template>(t: &T) -> Response {
    page_with(StatusCode::OK, t)
}

pub fn page_with<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response()
        }
    }
}

/// After a successful POST: see the result with GET.
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// Only local paths may be redirect targets.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        // A local path: one leading slash, then no second slash or backslash, and no control
        // characters or spaces (browsers drop tabs and newlines, turning "/\t/x" into "//x").
        Some(n)
            if n.starts_with('/')
                && !n[1..].starts_with(['/', '\\'])
                && !n.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\')
                && !n.contains("://") =>
        {
            n.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    b: Base,
    status: u16,
    message: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    b: Base,
    welcome: String,
    roles: Vec<String>,
    can_orgs: bool,
}

async fn home(v: Viewer) -> Response {
    let roles: Vec<String> =
        v.ctx.actor.principal().map(|p| p.roles.iter().map(|r| v.tr.t(&format!("role-{}", r.role.as_str()))).collect()).unwrap_or_default();
    let can_orgs = v.ctx.actor.principal().is_some_and(|p| p.roles.iter().any(|r| !r.role.is_admin()));
    let b = Base::new(&v, "page-home", "/");
    let welcome = v.tr.ta("msg-welcome", &[("name", b.user.clone().unwrap_or_default())]);
    page(&HomePage { b, welcome, roles, can_orgs })
}

async fn css() -> Response {
    let mut r = include_str!("../../static/app.css").into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8"));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    r
}

async fn not_found() -> crate::WebError {
    crate::WebError(lianxin_app::AppError::NotFound)
}

/// Turns any error response of the HTML router into a page in the reader's language; sends
/// anonymous readers of protected pages to the login page.
async fn render_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let uri = req.uri().path_and_query().map(|p| p.to_string()).unwrap_or_else(|| "/".into());
    let jar = axum_extra::extract::CookieJar::from_headers(req.headers());
    let accept = req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let locale = crate::i18n::negotiate(jar.get(crate::request::LANG_COOKIE).map(|c| c.value()), accept.as_deref());
    let ip = req.extensions().get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip().to_string());
    let mut resp = next.run(req).await;
    // Pages may show personal data: never keep them in a shared or browser cache.
    if !resp.headers().contains_key(header::CACHE_CONTROL) {
        resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if state.app.settings.security.secure_cookies {
        resp.headers_mut().insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    let status = resp.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return resp;
    }
    // A cross-site form post refused by the CSRF layer is a denial like any other: audit it.
    if resp.extensions().get::<tower_http::csrf::ProtectionError>().is_some() {
        let mut ctx = lianxin_app::Ctx::new(state.app.clone(), lianxin_app::Actor::Anonymous);
        ctx.ip = ip;
        let _ = lianxin_app::journal::record_alone(
            &ctx,
            Stale::Access,
            "csrf.reject",
            "request",
            None,
            lianxin_core::audit::DENIED,
            serde_json::json!({ "path": redact_path(&uri) }),
        )
        .await;
    }
    let is_html = resp.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|c| c.starts_with("text/html"));
    let info = resp.extensions().get::<ErrorInfo>().cloned();
    if is_html && info.is_none() {
        return resp;
    }
    if info.as_ref().is_some_and(|i| i.code == "unauthenticated") {
        return see_other(&format!("/login?next={}", url_encode(&uri)));
    }
    if info.as_ref().is_some_and(|i| i.key == "error-password-expired") {
        return see_other("/account?expired=1");
    }
    let tr = Tr(locale);
    let key = info.as_ref().map(|i| i.key).unwrap_or(match status {
        StatusCode::NOT_FOUND => "error-not-found",
        StatusCode::FORBIDDEN => "error-forbidden",
        StatusCode::PAYLOAD_TOO_LARGE => "error-too-large",
        StatusCode::TOO_MANY_REQUESTS => "error-rate-limited",
        StatusCode::UNSUPPORTED_MEDIA_TYPE | StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST => "error-bad-form",
        s if s.is_server_error() => "error-internal",
        _ => "error-bad-request",
    });
    let b = Base {
        tr,
        title: tr.t("page-error"),
        user: None,
        nav: Vec::new(),
        here: uri,
        offset_minutes: state.app.settings.display_utc_offset_minutes,
    };
    let mut r = page_with(status, &ErrorPage { b, status: status.as_u16(), message: tr.t(key) });
    // Keep headers a client relies on, such as Retry-After.
    if let Some(v) = resp.headers().get(header::RETRY_AFTER) {
        r.headers_mut().insert(header::RETRY_AFTER, v.clone());
    }
    r
}

pub fn router(state: AppState) -> Router<AppState> {
    let sec = &state.app.settings.security;
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.app.clone(), chrono::Duration::minutes(sec.session_idle_minutes)))
        .with_name("lx_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(sec.secure_cookies)
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(sec.session_idle_minutes)));
    Router::new()
        .route("/", get(home))
        .route("/static/app.css", get(css))
        .merge(auth::router())
        .merge(orgs::router())
        .merge(areas::router())
        .merge(account::router())
        .merge(admin::router())
        .merge(people::router())
        .merge(households::router())
        .merge(imports::router(state.app.settings.limits.import_bytes))
        .merge(appeals::router())
        .merge(appeals_public::router(&state.app.settings))
        .fallback(not_found)
        // Forms are held to `body_bytes` by their extractors; only the import upload may be larger.
        .layer(axum::extract::DefaultBodyLimit::max(state.app.settings.limits.body_bytes))
        .layer(RequestBodyLimitLayer::new(state.app.settings.limits.body_bytes.max(state.app.settings.limits.import_bytes)))
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        .layer(CsrfLayer::new())
        .layer(middleware::from_fn_with_state(state, render_errors))
        .layer(sessions)
}

/// Whether the viewer holds any role that may act on `action` somewhere (for showing links).
pub fn may_somewhere(v: &Viewer, action: Action) -> bool {
    v.ctx.actor.principal().is_some_and(|p| {
        p.roles.iter().any(|r| match action {
            Action::ManageAccounts => r.role == Role::SystemAdmin,
            Action::ManageGrants => r.role == Role::SecurityAdmin,
            Action::ReadAudit => r.role == Role::AuditAdmin,
            _ => !r.role.is_admin(),
        })
    })
}

/// A path fit for the audit log: the key of a private tracking link is cut off.
fn redact_path(uri: &str) -> String {
    let path = uri.split('?').next().unwrap_or("");
    let parts: Vec<&str> = path.split('/').collect();
    if parts.len() > 3 && parts[1] == "track" {
        return format!("/track/{}/…", parts[2]);
    }
    path.to_owned()
}

/// Response body used when a handler needs an empty 204.
pub fn empty() -> Response {
    Response::builder().status(StatusCode::NO_CONTENT).body(Body::empty()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_time_is_chronos_format() {
        for (secs, offset) in [(0, 0), (1_800_000_000, 480), (1_799_999_999, 480), (951_782_400, -300), (4_102_444_799, 480)] {
            let t = DateTime::<Utc>::from_timestamp(secs, 0).unwrap();
            let off = FixedOffset::east_opt(offset * 60).unwrap();
            assert_eq!(display_time(&t, offset), t.with_timezone(&off).format("%Y-%m-%d %H:%M").to_string(), "{secs} at {offset}");
        }
    }
}
