//! Accounts as people meet them: signing in (password, then the second factor), the account page
//! (password, language, API tokens) and administration (accounts, grants, the audit log). Pages,
//! served inside the page layers of `html`.

mod account;
mod admin;
mod sign_in;

use axum::Router;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().merge(sign_in::router()).merge(account::router()).merge(admin::router())
}
