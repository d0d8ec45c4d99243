//! The JSON API under `/api/v1`, for integrations holding an API token. The OpenAPI document at
//! `/api/openapi.json` is generated from these routes; `/api/docs` shows it readably.

mod appeals;
mod areas;
mod decisions;
mod document;
mod elections;
mod orgs;
mod people;
mod reference;
mod rules;
mod tasks;
mod team;

use axum::{
    Json, Router,
    extract::{FromRequest, Request, State, rejection::JsonRejection},
    http::{StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
};
use lianxin_app::Actor;
use serde::{Serialize, de::DeserializeOwned};
use utoipa::{
    Modify, OpenApi, ToSchema,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{AppState, Viewer, error::ErrorInfo, error::WebResult, i18n::Tr};

#[derive(OpenApi)]
#[openapi(
    info(title = "lianxin API", description = "连心 — organizations, areas and accounts of a service-oriented village party organization."),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    tags((name = "orgs", description = "Party organizations"), (name = "areas", description = "Administrative areas"), (name = "people", description = "People, households and member records"), (name = "me", description = "The calling account"), (name = "appeals", description = "Villagers' needs: intake on a villager's behalf, staff queues, handling steps, categories"), (name = "rules", description = "The rules the product enforces, answered with their reasons (public)"), (name = "team", description = "The service team: points, study, care, dues, development, enterprises, leaders' pool"), (name = "decisions", description = "Village matters under 四议两公开: the six steps, the meetings' votes, the disclosures"), (name = "elections", description = "Elections: where one stands, and a member's own ballot with its receipt"), (name = "tasks", description = "Tasks handed down: the roll-up level by level, progress reported on a part"))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
    }
}

/// The largest page any list answers.
pub const MAX_PAGE: u64 = 500;

/// A list's page size: the default when absent, else 1 to [`MAX_PAGE`] (anything else is refused
/// rather than quietly changed).
pub fn page_size(limit: Option<u64>, default: u64) -> Result<u64, lianxin_app::AppError> {
    match limit {
        None => Ok(default),
        Some(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
        Some(_) => Err(lianxin_app::AppError::invalid("limit", "error-page-size")),
    }
}

/// The API routes and their OpenAPI document.
pub fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (routes, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(me))
        .merge(orgs::router())
        .merge(areas::router())
        .merge(people::router())
        .merge(appeals::router())
        .merge(rules::router())
        .merge(team::router())
        .merge(decisions::router())
        .merge(elections::router())
        .merge(tasks::router())
        .split_for_parts();
    let mut json = serde_json::to_value(&doc).expect("the document is JSON");
    document::complete(&mut json);
    (routes, serde_json::from_value(json).expect("the completed document reads back"))
}

pub fn router(state: AppState) -> Router<AppState> {
    let (routes, doc) = api();
    let doc_json = doc.clone();
    Router::new()
        .merge(routes)
        .route("/api/openapi.json", get(move || async move { Json(doc_json) }))
        .route("/api/docs", get(move |v: Viewer| async move { reference::page(&v, &doc) }))
        .route("/api/{*rest}", axum::routing::any(|| async { crate::WebError(lianxin_app::AppError::NotFound) }))
        // One stack, outermost first (each `layer` on a router is a box around every route, cloned
        // for every request). Answers carry personal data (masked or revealed): never kept by a
        // browser or a proxy.
        .layer(
            tower::ServiceBuilder::new()
                .layer(tower_http::set_header::SetResponseHeaderLayer::if_not_present(
                    axum::http::header::CACHE_CONTROL,
                    axum::http::HeaderValue::from_static("no-store"),
                ))
                .layer(middleware::from_fn_with_state(state.clone(), render_errors))
                .layer(tower_http::catch_panic::CatchPanicLayer::new())
                .layer(tower_http::limit::RequestBodyLimitLayer::new(state.app.settings.limits.body_bytes)),
        )
}

/// The error body of every API failure.
#[derive(Serialize, ToSchema)]
pub struct ApiErrorBody {
    pub error: ApiErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ApiErrorDetail {
    /// Stable machine-readable code.
    pub code: String,
    /// Message in the language of `Accept-Language`.
    pub message: String,
    /// The input field at fault, when there is one.
    pub field: Option<String>,
    /// Why a rule refused the input, with its numbers (a vote without quorum: those present, the
    /// fewest needed, the base); absent for other errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
}

fn error_json(status: StatusCode, tr: Tr, code: &str, key: &str, field: Option<String>) -> Response {
    error_json_why(status, tr, code, key, field, Vec::new())
}

impl ApiErrorDetail {
    pub fn new(code: &str, message: String, field: Option<String>) -> Self {
        Self { code: code.into(), message, field, reasons: Vec::new() }
    }
}

fn error_json_why(status: StatusCode, tr: Tr, code: &str, key: &str, field: Option<String>, reasons: Vec<String>) -> Response {
    (status, Json(ApiErrorBody { error: ApiErrorDetail { code: code.into(), message: tr.t(key), field, reasons } })).into_response()
}

/// Gives every API error the same JSON shape, with the message translated.
async fn render_errors(State(_s): State<AppState>, req: Request, next: Next) -> Response {
    let accept = req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let tr = Tr(crate::i18n::negotiate(None, accept.as_deref()));
    let resp = next.run(req).await;
    let status = resp.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return resp;
    }
    if let Some(info) = resp.extensions().get::<ErrorInfo>().cloned() {
        let reasons = info.reasons.iter().map(|r| crate::rules::reason_text(&tr, r)).collect();
        return error_json_why(info.status, tr, info.code, info.key, info.field.map(str::to_owned), reasons);
    }
    if resp.extensions().get::<Handled>().is_some() {
        return resp;
    }
    let (code, key) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => ("too_large", "error-too-large"),
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "error-method"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("unsupported_media_type", "error-media-type"),
        StatusCode::TOO_MANY_REQUESTS => ("rate_limited", "error-rate-limited"),
        StatusCode::NOT_FOUND => ("not_found", "error-not-found"),
        s if s.is_server_error() => ("internal", "error-internal"),
        _ => ("bad_request", "error-bad-request"),
    };
    error_json(status, tr, code, key, None)
}

/// Marks a response whose error body is already in the API's shape.
#[derive(Clone, Copy)]
struct Handled;

/// A JSON body whose syntax or shape errors name the field and use the API's error shape.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let accept = req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let tr = Tr(crate::i18n::negotiate(None, accept.as_deref()));
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(rej) => {
                let (status, code, key) = match &rej {
                    JsonRejection::MissingJsonContentType(_) => {
                        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "error-media-type")
                    }
                    JsonRejection::JsonSyntaxError(_) => (StatusCode::BAD_REQUEST, "invalid_json", "error-bad-json"),
                    JsonRejection::JsonDataError(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid", "error-bad-json-field"),
                    JsonRejection::BytesRejection(_) => (StatusCode::PAYLOAD_TOO_LARGE, "too_large", "error-too-large"),
                    _ => (StatusCode::BAD_REQUEST, "bad_request", "error-bad-request"),
                };
                let detail = rej.body_text();
                let field = field_in(&detail);
                let mut r = error_json(status, tr, code, key, field);
                r.extensions_mut().insert(Handled);
                Err(r)
            }
        }
    }
}

/// Reads a JSON body taken as a value into `T`, answering as [`ApiJson`] does when it does not
/// fit: for handlers that check who is asking before they read what was sent (a caller without
/// credentials is told so, whatever the body).
// The error is the response itself, as an extractor's rejection is: handlers return it as is.
#[allow(clippy::result_large_err)]
pub fn from_value<T: DeserializeOwned>(tr: Tr, v: serde_json::Value) -> Result<T, Response> {
    serde_json::from_value(v).map_err(|e| {
        let mut r = error_json(StatusCode::UNPROCESSABLE_ENTITY, tr, "invalid", "error-bad-json-field", field_in(&e.to_string()));
        r.extensions_mut().insert(Handled);
        r
    })
}

/// The field serde names in an error such as "missing field `name`" or "name: invalid type".
fn field_in(msg: &str) -> Option<String> {
    let after = msg.rsplit("Failed to deserialize the JSON body into the target type: ").next()?;
    if let Some((path, _)) = after.split_once(": ")
        && !path.contains(' ')
        && !path.contains('`')
    {
        return Some(path.to_owned());
    }
    let start = after.find('`')?;
    let rest = &after[start + 1..];
    rest.find('`').map(|end| rest[..end].to_owned())
}

/// Who am I, for integrations checking their token.
#[derive(Serialize, ToSchema)]
pub struct Me {
    pub account_id: Option<uuid::Uuid>,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<MeRole>,
    /// `read` or `write` for a token; absent for a browser session.
    pub token_access: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct MeRole {
    pub role: String,
    pub org_path: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "me", responses((status = 200, body = Me), (status = 401, body = ApiErrorBody)))]
async fn me(v: Viewer) -> WebResult<Json<Me>> {
    v.require()?;
    let Actor::Account(p) = &v.ctx.actor else {
        return Err(lianxin_app::AppError::Unauthenticated.into());
    };
    Ok(Json(Me {
        account_id: Some(p.account_id),
        username: p.username.clone(),
        display_name: p.display_name.clone(),
        roles: p.roles.iter().map(|r| MeRole { role: r.role.as_str().into(), org_path: r.org.as_ref().map(|o| o.to_string()) }).collect(),
        token_access: p.token.map(|t| t.as_str().into()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_are_found_in_serde_errors() {
        assert_eq!(
            field_in("Failed to deserialize the JSON body into the target type: missing field `name` at line 1 column 2").as_deref(),
            Some("name")
        );
        assert_eq!(
            field_in(
                "Failed to deserialize the JSON body into the target type: kind: invalid type: integer `3`, expected a string at line 1"
            )
            .as_deref(),
            Some("kind")
        );
    }

    #[test]
    fn openapi_lists_the_routes() {
        let (_, doc) = api();
        let json = serde_json::to_value(&doc).unwrap();
        for p in ["/api/v1/me", "/api/v1/orgs", "/api/v1/orgs/{id}", "/api/v1/areas"] {
            assert!(json["paths"].get(p).is_some(), "{p} missing");
        }
    }
}
