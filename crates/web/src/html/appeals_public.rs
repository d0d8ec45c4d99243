//! Villagers' pages of appeals: filing a need, following and rating it, "my needs", the board.

use axum::Router;
use lianxin_app::Settings;

use crate::AppState;

pub fn router(_settings: &Settings) -> Router<AppState> {
    Router::new()
}
