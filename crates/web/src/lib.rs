//! The HTTP face of lianxin: server-rendered pages (`html`, with `accounts` beside it, both in the
//! page `shell`), the JSON API with its OpenAPI document (`api`), Open311, health probes. Handlers are thin: parse, call one `app` function, render.

mod accounts;
pub mod api;
mod error;
mod form;
mod health;
pub mod html;
pub mod i18n;
pub mod open311;
mod request;
mod rules;
mod session_store;
mod shell;

use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::{Router, http::HeaderValue, http::header};
use lianxin_app::App;
use tower_governor::{GovernorLayer, governor::GovernorConfigBuilder};
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    request_id::{PropagateRequestIdLayer, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    timeout::TimeoutLayer,
    trace::TraceLayer,
};

pub use error::WebError;
pub use request::Viewer;
pub use session_store::DbSessionStore;

/// State shared by every handler.
#[derive(Clone, Debug)]
pub struct AppState {
    pub app: App,
}

/// The whole application: pages, API, health, with the security layers around them.
pub fn router(app: App) -> Router {
    router_with_layers(app, LAYERS.len())
}

/// The layers around every route, innermost first (the names the stack benchmark prints).
pub const LAYERS: [&str; 11] = [
    "rate limit",
    "timeout",
    "compression (pages, API, Open311)",
    "content security policy",
    "nosniff",
    "frame options",
    "referrer policy",
    "catch panic",
    "trace",
    "request id (propagate)",
    "request id (set)",
];

/// The application with only the first `n` of [`LAYERS`] around it: the stack benchmark measures
/// what each layer costs by adding them one at a time. The product always serves all of them
/// ([`router`]).
pub fn router_with_layers(app: App, n: usize) -> Router {
    let limits = app.settings.limits.clone();
    let state = AppState { app: app.clone() };
    let governor = GovernorConfigBuilder::default()
        .key_extractor(request::ClientIpKey(Arc::new(app.settings.security.trusted_proxies.clone())))
        // One request back every 1/n s (a period in whole milliseconds would stop at 1 000/s).
        .per_nanosecond((1_000_000_000 / limits.per_ip_per_second.max(1)).max(1))
        .burst_size(limits.per_ip_burst.max(1))
        .finish()
        .map(Arc::new);
    let x_request_id = header::HeaderName::from_static("x-request-id");
    let on = |i: usize| i < n;
    let mut content = Router::new()
        .merge(html::router(state.clone(), accounts::router()))
        .merge(api::router(state.clone()))
        .merge(open311::router(state.clone()));
    // Bodies worth compressing for a weak network are pages and API answers; the probes' few
    // bytes are not, and the layer costs microseconds per request even when nothing is compressed.
    if on(2) {
        content = content.layer(CompressionLayer::new());
    }
    let mut r = Router::new().merge(content).merge(health::router()).with_state(state.clone());
    if on(0)
        && let Some(cfg) = governor
    {
        r = r.layer(GovernorLayer::new(cfg));
    }
    // Body limits sit inside each router, so an oversized body is refused in the channel's format.
    if on(1) {
        r = r.layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(limits.request_timeout_secs),
        ));
    }
    if on(3) {
        r = r.layer(security_headers());
    }
    if on(4) {
        r = r.layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")));
    }
    if on(5) {
        r = r.layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")));
    }
    if on(6) {
        r = r.layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")));
    }
    if on(7) {
        r = r.layer(CatchPanicLayer::new());
    }
    if on(8) {
        r = r.layer(TraceLayer::new_for_http());
    }
    if on(9) {
        r = r.layer(PropagateRequestIdLayer::new(x_request_id.clone()));
    }
    if on(10) {
        // The request id is the server's own: a client's `X-Request-Id` moves to
        // `X-Client-Request-Id` (at most 64 bytes) before the server's is set.
        r = r
            .layer(SetRequestIdLayer::new(x_request_id, request::CountingId::new()))
            .layer(axum::middleware::map_request(request::client_request_id));
    }
    r
}

fn security_headers() -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
    )
}

/// Serves until `shutdown` resolves, then finishes the requests in flight. Not generic on
/// purpose: the server's whole stack is compiled once, here, instead of again in every binary.
pub async fn serve(
    app: App,
    listener: tokio::net::TcpListener,
    shutdown: std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + 'static>>,
) -> std::io::Result<()> {
    let svc = router(app).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, svc).with_graceful_shutdown(shutdown).await
}
