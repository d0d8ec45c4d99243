//! Open311 GeoReport v2 (`/open311/v2/…`): discovery, services, service definitions, requests and
//! tokens, in XML and JSON, for villages, counties and third-party apps. A service is an appeal
//! category, a service request a PUBLIC appeal (public fields only), its id the tracking code.
//! Filing needs `api_key`, an API token of an account allowed to file for the village; there is no
//! session and no CSRF token here (this router is merged beside the html one, outside its layers).

use lianxin_app::appeals::open311 as data;
mod file;
mod read;
mod xml;

use std::{collections::BTreeMap, convert::Infallible, net::SocketAddr};

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
struct Params(Vec<(String, String)>);

impl Params {
    fn parse(bytes: &[u8]) -> Params {
        Params(form_urlencoded::parse(bytes).into_owned().collect())
    }

    /// The first non-empty value: an empty optional parameter is absent.
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.trim()).find(|v| !v.is_empty())
    }

    /// A comma list (or the parameter repeated).
    fn list(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// `attribute[CODE]=v` and, for a multivaluelist, `attribute[CODE][]=v` repeated.
    fn attributes(&self) -> BTreeMap<String, Vec<String>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, v) in &self.0 {
            if let Some(rest) = k.strip_prefix("attribute[")
                && let Some((code, tail)) = rest.split_once(']')
                && (tail.is_empty() || tail == "[]")
                && !v.trim().is_empty()
            {
                out.entry(code.to_owned()).or_default().push(v.trim().to_owned());
            }
        }
        out
    }
}

// ---- errors ----

/// An Open311 error: `[{code, description}]` with 404 for a missing resource, 403 for a bad or
/// missing api_key and 400 for everything else.
#[derive(Debug)]
struct Failure {
    status: StatusCode,
    key: &'static str,
    /// The parameter at fault, named as Open311 names it.
    param: Option<&'static str>,
}

type O311<T> = Result<T, Failure>;

impl Failure {
    fn bad(key: &'static str) -> Self {
        Failure { status: StatusCode::BAD_REQUEST, key, param: None }
    }

    fn bad_param(param: &'static str, key: &'static str) -> Self {
        Failure { status: StatusCode::BAD_REQUEST, key, param: Some(param) }
    }

    fn not_found(key: &'static str) -> Self {
        Failure { status: StatusCode::NOT_FOUND, key, param: None }
    }

    fn forbidden(key: &'static str) -> Self {
        Failure { status: StatusCode::FORBIDDEN, key, param: None }
    }

    fn render(&self, format: Format, tr: Tr) -> Response {
        let message = tr.t(self.key);
        let description = match self.param {
            Some(p) => format!("{p}: {message}"),
            None => message,
        };
        let node = Node::List(
            "error",
            vec![Node::Obj(vec![("code", Node::Int(i64::from(self.status.as_u16()))), ("description", Node::Text(description))])],
        );
        respond(format, self.status, "errors", &node)
    }
}

/// Our field names as Open311 parameters.
fn param_of(field: &'static str) -> &'static str {
    match field {
        "village" => "address_id",
        "address" => "address_string",
        "lon" => "long",
        "attributes" => "attribute",
        "name" => "last_name",
        other => other,
    }
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        match e {
            AppError::NotFound => Failure::not_found("error-not-found"),
            AppError::Forbidden | AppError::Unauthenticated => Failure::forbidden("error-o311-key-refused"),
            AppError::Invalid { field, key } | AppError::Conflict { field, key } => Failure::bad_param(param_of(field), key),
            AppError::BadRequest { key } => Failure::bad(key),
            AppError::Locked { .. } => Failure::bad("error-rate-limited"),
            AppError::Internal(cause) => {
                tracing::error!(cause = %cause, "open311: internal error");
                Failure { status: StatusCode::INTERNAL_SERVER_ERROR, key: "error-internal", param: None }
            }
        }
    }
}

async fn no_resource(c: Caller, uri: Uri) -> Response {
    Failure::not_found("error-not-found").render(Format::guess(uri.path()), c.tr)
}

async fn wrong_method(c: Caller, uri: Uri) -> Response {
    Failure::bad("error-o311-method").render(Format::guess(uri.path()), c.tr)
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
    fn attributes_single_and_multi() {
        let p =
            Params::parse(b"attribute%5Bhazard%5D=yes&attribute[kinds][]=a&attribute[kinds][]=b&attribute[x]=&attribute[bad]x=1&other=2");
        let a = p.attributes();
        assert_eq!(a.get("hazard"), Some(&vec!["yes".to_owned()]));
        assert_eq!(a.get("kinds"), Some(&vec!["a".to_owned(), "b".to_owned()]));
        assert_eq!(a.len(), 2, "{a:?}");
    }

    #[test]
    fn empty_parameters_are_absent() {
        let p = Params::parse(b"jurisdiction_id=&service_code=road,%20water&service_code=land&status=");
        assert_eq!(p.get("jurisdiction_id"), None);
        assert_eq!(p.list("service_code"), vec!["road", "water", "land"]);
        assert!(p.list("status").is_empty());
    }

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
