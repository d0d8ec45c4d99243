//! Open311 GeoReport v2 (`/open311/v2/…`): discovery, services, service definitions, requests and
//! tokens, in XML and JSON, for villages, counties and third-party apps.

use axum::Router;

use crate::AppState;

pub fn router(_state: AppState) -> Router<AppState> {
    Router::new()
}
