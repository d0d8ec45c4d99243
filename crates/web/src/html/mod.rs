//! Server-rendered pages. They work with JavaScript off, on a phone first; every page shares the
//! layout in `templates/base.html`.

mod appeals;
mod appeals_public;
mod areas;
mod care;
pub(crate) mod charts;
mod decisions;
mod development;
mod disclosure;
mod dues;
mod elections;
mod enterprises;
mod households;
mod imports;
mod leaders;
mod meetings;
mod orgs;
mod people;
mod points;
mod rules;
mod study;
mod tasks;

use askama::Template;
use axum::{
    Router,
    extract::{Request, State},
    http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header},
    middleware::{self, Next},
    response::Response,
    routing::get,
};
use lianxin_app::journal::Stale;
use tower_http::{csrf::CsrfLayer, limit::RequestBodyLimitLayer};
use tower_sessions::{Expiry, SessionManagerLayer, cookie::SameSite};

use crate::shell::assets;
pub(crate) use crate::shell::forms;
pub use crate::shell::{Base, Field, FormPage, display_time, empty, error_text, page, page_with, safe_next, see_other, url_encode};
use crate::{AppState, DbSessionStore, Viewer, error::ErrorInfo, i18n::Tr};

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
    // Each role once, though it may be granted over several organizations.
    let mut roles: Vec<String> = Vec::new();
    for r in v.ctx.actor.principal().map(|p| p.roles.as_slice()).unwrap_or_default() {
        let word = v.tr.t(&format!("role-{}", r.role.as_str()));
        if !roles.contains(&word) {
            roles.push(word);
        }
    }
    let can_orgs = lianxin_app::policy::may_somewhere(&v.ctx.actor, lianxin_app::policy::Action::ReadOrg);
    let b = Base::new(&v, "page-home", "/");
    let welcome = v.tr.ta("msg-welcome", &[("name", b.user.clone().unwrap_or_default())]);
    page(&HomePage { b, welcome, roles, can_orgs })
}

async fn not_found() -> crate::WebError {
    crate::WebError(lianxin_app::AppError::NotFound)
}

/// Turns any error response of the HTML router into a page in the reader's language; sends
/// anonymous readers of protected pages to the login page.
async fn render_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // What an error page needs of the request, kept as it came (shared bytes, no parsing): most
    // answers are not errors.
    let uri = req.uri().clone();
    let mut asked = HeaderMap::new();
    for name in [header::COOKIE, header::ACCEPT_LANGUAGE, HeaderName::from_static("x-request-id")] {
        for v in req.headers().get_all(&name) {
            asked.append(name.clone(), v.clone());
        }
    }
    let peer = req.extensions().get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip());
    let mut resp = next.run(req).await;
    // Pages may show personal data: never keep them in a shared or browser cache.
    if !resp.headers().contains_key(header::CACHE_CONTROL) {
        resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if state.app.settings.security.secure_cookies {
        resp.headers_mut().insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    let status = resp.status();
    // A range past a file's end is a player's question, answered with the file's size alone.
    if !(status.is_client_error() || status.is_server_error()) || status == StatusCode::RANGE_NOT_SATISFIABLE {
        return resp;
    }
    let uri = uri.path_and_query().map(|p| p.to_string()).unwrap_or_else(|| "/".into());
    let jar = axum_extra::extract::CookieJar::from_headers(&asked);
    let accept = asked.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    let locale = crate::i18n::negotiate(jar.get(crate::request::LANG_COOKIE).map(|c| c.value()), accept);
    let ip = peer.map(|ip| ip.to_string());
    let request_id = asked.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
    // A cross-site form post refused by the CSRF layer is a denial like any other: audit it.
    if resp.extensions().get::<tower_http::csrf::ProtectionError>().is_some() {
        let mut ctx = lianxin_app::Ctx::new(state.app.clone(), lianxin_app::Actor::Anonymous);
        ctx.ip = ip;
        ctx.request_id = request_id;
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
        now: state.app.now(),
    };
    let mut r = page_with(status, &ErrorPage { b, status: status.as_u16(), message: tr.t(key) });
    // Keep headers a client relies on, such as Retry-After.
    if let Some(v) = resp.headers().get(header::RETRY_AFTER) {
        r.headers_mut().insert(header::RETRY_AFTER, v.clone());
    }
    r
}

/// Every page: this module's rooms and `rooms` from beside it (accounts), inside the layers pages
/// share (sessions, CSRF, error pages, body limits).
pub fn router(state: AppState, rooms: Router<AppState>) -> Router<AppState> {
    let sec = &state.app.settings.security;
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.app.clone(), chrono::Duration::minutes(sec.session_idle_minutes)))
        .with_name("lx_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(sec.secure_cookies)
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(sec.session_idle_minutes)));
    Router::new()
        .route("/", get(home))
        .route("/static/app.css", get(assets::css_unversioned))
        .route(assets::css_path(), get(assets::css))
        .route(assets::favicon_path(), get(assets::favicon))
        .route(assets::study_js_path(), get(assets::study_js))
        .route("/favicon.ico", get(assets::favicon_ico))
        .merge(rooms)
        .merge(orgs::router())
        .merge(areas::router())
        .merge(people::router())
        .merge(households::router())
        .merge(imports::router(state.app.settings.limits.import_bytes))
        .merge(appeals::router())
        .merge(appeals_public::router(&state.app.settings))
        .merge(meetings::router())
        .merge(decisions::router())
        .merge(disclosure::router())
        .merge(tasks::router())
        .merge(development::router())
        .merge(elections::router())
        .merge(dues::router())
        .merge(study::router(&state.app.settings))
        .merge(care::router())
        .merge(enterprises::router())
        .merge(leaders::router())
        .merge(points::router())
        .merge(rules::router())
        .fallback(not_found)
        // One stack, outermost first (each `layer` on a router is a box around every route,
        // cloned for every request). Forms are held to `body_bytes` by their extractors; only the
        // import upload and the need form with its photos may be larger, by their own route limits.
        .layer(
            tower::ServiceBuilder::new()
                .layer(sessions)
                .layer(middleware::from_fn_with_state(state.clone(), render_errors))
                .layer(CsrfLayer::new())
                .layer(tower_http::catch_panic::CatchPanicLayer::new())
                .layer(RequestBodyLimitLayer::new(largest_body(&state.app.settings)))
                .layer(axum::extract::DefaultBodyLimit::max(state.app.settings.limits.body_bytes)),
        )
}

/// The outer limit on any page's body: the largest that any route accepts and a margin, so a
/// body just over a route's own limit is answered by that route with its message (a bare 413 from
/// this layer names no field).
fn largest_body(s: &lianxin_app::settings::Settings) -> usize {
    s.limits.body_bytes.max(s.limits.import_bytes).max(s.appeals.form_bytes()).saturating_add(1024 * 1024)
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
