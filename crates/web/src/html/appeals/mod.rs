//! Staff pages of appeals: the queues with search and Excel export, one appeal with its timeline
//! and the handler's actions, filing on a villager's behalf, the overview of what is overdue, the
//! inbox, and the duty matrix (a village's owners and handlers, a county's categories).

mod file;
mod inbox;
mod queue;
mod setup;
mod show;
mod villages;

use axum::{
    Router,
    routing::{get, post},
};
use lianxin_app::appeals::setup::DEFAULT_CATEGORIES;

use crate::{AppState, i18n::Tr};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/appeals", get(queue::list))
        .route("/appeals/export.xlsx", get(queue::export))
        .route("/appeals/overview", get(queue::overview))
        .route("/appeals/villages", get(villages::villages))
        .route("/appeals/new", get(file::form).post(file::submit))
        .route("/appeals/new/support", post(file::support))
        .route("/appeals/{id}", get(show::show))
        .route("/appeals/{id}/step", post(show::step))
        .route("/appeals/{id}/reveal", post(show::reveal))
        .route("/inbox", get(inbox::inbox))
        .route("/villages/{id}/duties", get(setup::duties))
        .route("/villages/{id}/duties/owner", post(setup::set_owner))
        .route("/villages/{id}/duties/handler", post(setup::set_handler))
        .route("/areas/{id}/appeal-categories", get(setup::categories).post(setup::create_category))
        .route("/appeal-categories/{id}", post(setup::update_category))
}

/// A status, level, channel or owner in the reader's language.
pub fn label(tr: &Tr, prefix: &str, value: &str) -> String {
    let key = format!("{prefix}-{value}");
    if tr.has(&key) { tr.t(&key) } else { value.to_owned() }
}

/// A list answer ("是", "否") in the reader's language; other answers as they were named.
fn answer_word(tr: &Tr, name: &str) -> String {
    match name {
        "是" => tr.t("label-staff-yes"),
        "否" => tr.t("label-staff-no"),
        other => other.to_owned(),
    }
}

/// A category group of the default set in the reader's language (a county's own groups as named).
fn group_word(tr: &Tr, group: &str) -> String {
    let key = match group {
        "基础设施" => "infrastructure",
        "土地" => "land",
        "民生" => "livelihood",
        "平安" => "safety",
        "发展" => "development",
        "环境" => "environment",
        "其他" => "other",
        other => return other.to_owned(),
    };
    label(tr, "staff-group", key)
}

/// The categories a queue can be narrowed to (every county starts from the same codes).
fn category_options(tr: &Tr) -> Vec<(String, String)> {
    let en = tr.0 == lianxin_app::Locale::EnUs;
    DEFAULT_CATEGORIES.iter().map(|(code, zh, english, ..)| ((*code).to_owned(), (if en { *english } else { *zh }).to_owned())).collect()
}

/// Text typed in a textarea, with its line breaks kept as spaces (the use cases accept one line).
fn one_line(s: &str) -> String {
    s.split(['\r', '\n']).map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

use crate::shell::{XLSX, download};
