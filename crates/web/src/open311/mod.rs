//! Open311 GeoReport v2 (`/open311/v2/…`): discovery, services, service definitions, requests and
//! tokens, in XML and JSON, for villages, counties and third-party apps. A service is an appeal
//! category, a service request a PUBLIC appeal (public fields only), its id the tracking code.
//! Filing needs `api_key`, an API token of an account allowed to file for the village; there is no
//! session and no CSRF token here (this router is merged beside the html one, outside its layers).

use lianxin_app::appeals::open311 as data;
mod file;
mod read;
mod xml;

use std::{convert::Infallible, net::SocketAddr};

use axum::{
    Router,
    extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts},
    http::{StatusCode, Uri, header, request::Parts},
    response::Response,
    routing::{any, get},
};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use lianxin_app::{Actor, AppError, Ctx};

use self::xml::{Format, Node, respond};
use crate::{AppState, i18n::Tr};

/// The specification every endpoint follows.
const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";
/// When the discovery document last changed.
const CHANGESET: &str = "2026-05-01T00:00:00+08:00";
/// Open311's default cap on a list of requests, and its longest date span.
const MAX_REQUESTS: u64 = 1000;
const MAX_SPAN_DAYS: i64 = 90;
/// The most ids one `service_request_id` list may name.
const MAX_IDS: usize = 200;

pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/open311/v2/{file}", get(read::file).post(file::post).fallback(wrong_method))
        .route("/open311/v2/services/{file}", get(read::service_definition).fallback(wrong_method))
        .route("/open311/v2/requests/{file}", get(read::one_request).fallback(wrong_method))
        .route("/open311/v2/tokens/{file}", get(read::token).fallback(wrong_method))
        .route("/open311", any(no_resource))
        .route("/open311/{*rest}", any(no_resource))
        .layer(DefaultBodyLimit::max(state.app.settings.limits.body_bytes))
}

// ---- the caller and the parameters ----

/// Who asks: an anonymous reader (filing swaps in the api_key's account), in the language of
/// `Accept-Language`, and the base URL they reached us at.
struct Caller {
    ctx: Ctx,
    tr: Tr,
    base: String,
    /// The site's address for links (`appeals.public_url`, else the scheme and host reached).
    site: String,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let app = &state.app;
        let accept = parts.headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
        let locale = crate::i18n::negotiate(None, accept);
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let mut ctx = Ctx::new(app.clone(), Actor::Anonymous);
        ctx.locale = locale;
        ctx.ip = crate::request::client_ip(&parts.headers, peer, &app.settings.security.trusted_proxies).map(|ip| ip.to_string());
        ctx.request_id = parts.headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(|s| s.chars().take(64).collect());
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .filter(|h| !h.is_empty() && h.len() <= 255 && h.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b)))
            .unwrap_or("localhost");
        let scheme = if app.settings.security.secure_cookies { "https" } else { "http" };
        // Links to pages and photos: the public address when one is set, else where we were reached.
        let site = match &app.settings.appeals.public_url {
            Some(u) => u.trim_end_matches('/').to_owned(),
            None => format!("{scheme}://{host}"),
        };
        Ok(Caller { ctx, tr: Tr(locale), base: format!("{scheme}://{host}/open311/v2"), site })
    }
}

/// Form or query parameters, in order.
type Params = crate::form::Pairs;

// ---- errors ----

type O311<T> = Result<T, AppError>;

/// An error as Open311 gives it: `[{code, description}]`, one entry per parameter at fault, with
/// 404 for a missing resource, 403 for a bad or missing api_key and 400 for everything else.
fn render(e: &AppError, format: Format, tr: Tr) -> Response {
    crate::error::log_internal(e);
    let status = match e {
        AppError::NotFound | AppError::Missing { .. } => StatusCode::NOT_FOUND,
        AppError::Forbidden | AppError::Refused { .. } | AppError::Unauthenticated => StatusCode::FORBIDDEN,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    };
    let key = match e {
        AppError::Forbidden | AppError::Unauthenticated => "error-o311-key-refused",
        AppError::Locked { .. } => "error-rate-limited",
        e => e.key(),
    };
    let mut descriptions: Vec<String> = e.fields().iter().map(|f| format!("{}: {}", f.field, tr.t(f.key))).collect();
    if descriptions.is_empty() {
        descriptions.push(tr.t(key));
    }
    let code = i64::from(status.as_u16());
    let node = Node::List(
        "error",
        descriptions.into_iter().map(|d| Node::Obj(vec![("code", Node::Int(code)), ("description", Node::Text(d))])).collect(),
    );
    respond(format, status, "errors", &node)
}

fn bad(key: &'static str) -> AppError {
    AppError::BadRequest { key }
}

async fn no_resource(c: Caller, uri: Uri) -> Response {
    render(&AppError::NotFound, Format::guess(uri.path()), c.tr)
}

async fn wrong_method(c: Caller, uri: Uri) -> Response {
    render(&bad("error-o311-method"), Format::guess(uri.path()), c.tr)
}

// ---- formats of values ----

fn offset(c: &Caller) -> FixedOffset {
    FixedOffset::east_opt(c.ctx.settings().display_utc_offset_minutes * 60).unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC"))
}

/// A W3C datetime with the display zone's offset: `2026-05-01T10:00:00+08:00`.
fn w3c(t: DateTime<Utc>, off: FixedOffset) -> String {
    t.with_timezone(&off).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// A W3C datetime as clients send it: full, without seconds, with `Z`, or a bare date (midnight
/// in the display zone). A `+` of the offset that arrived as a space (unencoded in a query) is
/// read back as `+`.
fn parse_w3c(s: &str, off: FixedOffset) -> Option<DateTime<Utc>> {
    let s = s.trim().replace(' ', "+");
    if let Ok(t) = DateTime::parse_from_rfc3339(&s) {
        return Some(t.with_timezone(&Utc));
    }
    let zoned = match s.strip_suffix('Z').or_else(|| s.strip_suffix('z')) {
        Some(rest) => format!("{rest}+00:00"),
        None => s.clone(),
    };
    if let Ok(t) = DateTime::parse_from_str(&zoned, "%Y-%m-%dT%H:%M%:z") {
        return Some(t.with_timezone(&Utc));
    }
    let day = NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()?;
    day.and_hms_opt(0, 0, 0)?.and_local_timezone(off).single().map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w3c_datetimes() {
        let off = FixedOffset::east_opt(8 * 3600).unwrap();
        let t = parse_w3c("2026-05-01T10:00:00+08:00", off).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-05-01T02:00:00+00:00");
        assert_eq!(parse_w3c("2026-05-01T10:00:00 08:00", off), Some(t), "a + sent unencoded");
        assert_eq!(parse_w3c("2026-05-01T02:00Z", off), Some(t));
        assert_eq!(parse_w3c("2026-05-01", off).unwrap().to_rfc3339(), "2026-04-30T16:00:00+00:00");
        assert_eq!(parse_w3c("yesterday", off), None);
        assert_eq!(w3c(t, off), "2026-05-01T10:00:00+08:00");
    }
}
