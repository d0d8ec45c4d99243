//! Staff pages of appeals: queues, one appeal with its actions, the inbox, exports, the overview.

use axum::Router;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
}
