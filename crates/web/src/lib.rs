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
mod stamp;

use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::{Router, response::IntoResponse};
use lianxin_app::App;
use tower::{ServiceBuilder, util::MapResponseLayer};
use tower_governor::{GovernorLayer, governor::GovernorConfigBuilder};
use tower_http::{catch_panic::CatchPanicLayer, compression::CompressionLayer, timeout::TimeoutLayer, trace::TraceLayer};

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
pub const LAYERS: [&str; 5] =
    ["rate limit", "timeout", "compression (pages, API, Open311)", "catch panic and trace", "request id and security headers"];

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
    let inner = Router::new().merge(content).merge(health::router()).with_state(state.clone());
    // The layers around everything go around the router as one stack of plain services (a layer
    // put on a `Router` is boxed around each route, and every box is cloned for every request).
    // Each optional layer answers with axum's `Response`, so the stack has one type whatever `n`.
    let stack = ServiceBuilder::new()
        // The request id is the server's own: a client's `X-Request-Id` moves to
        // `X-Client-Request-Id` (at most 64 bytes) before the server's is set. A panic's answer
        // (from the layer inside) carries the id and the headers too.
        .option_layer(on(4).then(stamp::StampLayer::default))
        .option_layer(on(3).then(|| {
            ServiceBuilder::new()
                .layer(MapResponseLayer::new(IntoResponse::into_response))
                .layer(CatchPanicLayer::new())
                .layer(TraceLayer::new_for_http())
                .into_inner()
        }))
        .option_layer(on(1).then(|| {
            TimeoutLayer::with_status_code(axum::http::StatusCode::SERVICE_UNAVAILABLE, Duration::from_secs(limits.request_timeout_secs))
        }))
        .option_layer(governor.filter(|_| on(0)).map(GovernorLayer::new))
        .service(inner);
    Router::new().fallback_service(stack)
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
