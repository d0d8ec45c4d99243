//! Villagers' pages of appeals: filing a need, following and rating it (by the private link or
//! after signing in with a phone and a one-time code), and the public board of a village, a
//! township or a county with its charts. No account, no JavaScript, plain words, phone first;
//! never a name or a phone on a public page.

mod board;
mod intake;
mod my;
mod track;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    routing::{get, post},
};
use chrono::{DateTime, Duration, Utc};
use lianxin_app::{Settings, appeals::Event};
use lianxin_core::appeals::{Level, Rating, Status};

use super::Base;
use crate::{AppState, Viewer, i18n::Tr};

pub fn router(settings: &Settings) -> Router<AppState> {
    let s = &settings.appeals;
    let photo_limit = s.form_bytes();
    Router::new()
        .route("/need", get(intake::choose))
        .route("/villages/{id}/need", get(intake::form).post(intake::submit).layer(DefaultBodyLimit::max(photo_limit)))
        .route("/track", get(track::find))
        .route("/track/{code}", get(track::public_page))
        .route("/track/{code}/support", post(track::support))
        .route("/track/{code}/{key}", get(track::private_page))
        .route("/track/{code}/{key}/rate", post(track::rate_by_key))
        .route("/track/{code}/{key}/withdraw", post(track::withdraw_by_key))
        .route("/appeal-photos/{id}", get(track::photo))
        .route("/appeal-photos/{id}/thumb", get(track::thumb))
        .route("/my", get(my::home))
        .route("/my/send", post(my::send))
        .route("/my/verify", post(my::verify))
        .route("/my/signout", post(my::sign_out))
        .route("/my/{code}", get(my::show))
        .route("/my/{code}/rate", post(my::rate))
        .route("/my/{code}/withdraw", post(my::withdraw))
        .route("/boards", get(board::list))
        .route("/villages/{id}/board", get(board::show))
        .route("/areas/{id}/board", get(board::show))
}

/// Session keys of a villager signed in with a phone: the phone's keyed hash (it proves "my
/// needs") and its mask (to show who is signed in).
pub const PHONE_HASH_KEY: &str = "villager_phone_hash";
pub const PHONE_MASK_KEY: &str = "villager_phone_mask";
/// The tracking code just filed, so its page shows the "write it down" box once.
pub const CREATED_KEY: &str = "need_created";

/// The villager's own links in the header (signed-in staff keep their navigation).
fn villager_base(v: &Viewer, title: String, here: &str) -> Base {
    let mut b = Base::titled(v, title, here);
    if !v.signed_in() {
        b.nav = vec![
            (v.tr.s("nav-need"), "/need".into()),
            (v.tr.s("nav-need-track"), "/track".into()),
            (v.tr.s("nav-need-mine"), "/my".into()),
        ];
    }
    b
}

/// The phone a villager signed in with: (keyed hash, mask).
async fn signed_phone(v: &Viewer) -> Option<(String, String)> {
    let s = v.session.as_ref()?;
    let hash = s.get::<String>(PHONE_HASH_KEY).await.ok().flatten()?;
    let mask = s.get::<String>(PHONE_MASK_KEY).await.ok().flatten().unwrap_or_default();
    Some((hash, mask))
}

/// A status as a short word (lists, the board).
fn state_word(tr: &Tr, status: &str) -> String {
    match Status::parse(status) {
        Some(s) => tr.t(&format!("need-state-{}", s.as_str())),
        None => status.to_owned(),
    }
}

/// A status as a sentence for the villager who follows the need.
fn status_sentence(tr: &Tr, status: &str) -> String {
    match Status::parse(status) {
        Some(s) => tr.t(&format!("need-status-{}", s.as_str())),
        None => status.to_owned(),
    }
}

fn rating_word(tr: &Tr, rating: &str) -> String {
    match Rating::parse(rating) {
        Some(r) => tr.t(&format!("need-rating-{}", r.as_str())),
        None => rating.to_owned(),
    }
}

fn local(offset_minutes: i32, t: DateTime<Utc>) -> chrono::NaiveDateTime {
    t.naive_utc() + Duration::minutes(i64::from(offset_minutes))
}

/// A day as people write it: "2026年5月3日" or "2026-05-03".
fn day_text(tr: &Tr, offset_minutes: i32, t: DateTime<Utc>) -> String {
    let d = local(offset_minutes, t).date();
    match tr.0 {
        lianxin_app::Locale::ZhCn => d.format("%Y年%-m月%-d日").to_string(),
        lianxin_app::Locale::EnUs => d.format("%Y-%m-%d").to_string(),
    }
}

/// A duration in hours as "5 小时" or "2 天 3 小时".
fn hours_text(tr: &Tr, hours: i64) -> String {
    if hours < 48 {
        return tr.ta("label-need-hours", &[("count", hours.to_string())]);
    }
    let (d, h) = (hours / 24, hours % 24);
    if h == 0 {
        tr.ta("label-need-days", &[("days", d.to_string())])
    } else {
        tr.ta("label-need-days-hours", &[("days", d.to_string()), ("count", h.to_string())])
    }
}

/// One line of a timeline: when, and what happened in plain words.
#[derive(Clone, Debug)]
pub struct Step {
    pub when: String,
    pub text: String,
}

/// The public timeline in sentences. `filer` shows what only the filer should read (the words
/// of their rating); the public page leaves them out.
fn timeline(b: &Base, events: &[Event], filer: bool) -> Vec<Step> {
    let tr = &b.tr;
    events
        .iter()
        .filter(|e| e.public)
        .filter_map(|e| {
            let data: serde_json::Value = serde_json::from_str(&e.data).unwrap_or_default();
            let with_body = |key: &str| {
                if e.body.trim().is_empty() { tr.t(key) } else { tr.ta(&format!("{key}-says"), &[("full", e.body.clone())]) }
            };
            let text = match e.kind.as_str() {
                "submitted" => tr.t("need-event-submitted"),
                "accepted" => tr.t("need-event-accepted"),
                "started" => tr.t("need-event-started"),
                "reply" => with_body("need-event-reply"),
                "resolved" => with_body("need-event-resolved"),
                "rejected" => with_body("need-event-rejected"),
                "cohandler" => tr.ta("need-event-cohandler", &[("name", e.body.clone())]),
                "escalated" => {
                    let to = data["to"].as_str().and_then(Level::parse).unwrap_or(Level::Township);
                    let mut s = tr.t(&format!("need-event-escalated-{}", to.as_str()));
                    if let Some(why) = data["why"].as_str().filter(|w| ["overdue", "unsatisfied", "beyond_capacity"].contains(w)) {
                        s = tr.ta("need-event-because", &[("full", s), ("name", tr.t(&format!("need-why-{why}")))]);
                    }
                    s
                }
                "supported" => tr.t("need-event-supported"),
                "rated" => {
                    let r = rating_word(tr, data["rating"].as_str().unwrap_or(""));
                    let mut s = tr.ta("need-event-rated", &[("name", r)]);
                    if filer && !e.body.trim().is_empty() {
                        s = format!("{s}{}{}", tr.t("need-colon"), e.body);
                    }
                    s
                }
                "closed" if data["why"].as_str() == Some("not_rated") => tr.t("need-event-closed-unrated"),
                "closed" => tr.t("need-event-closed"),
                "reopened" => tr.t("need-event-reopened"),
                "withdrawn" => tr.t("need-event-withdrawn"),
                _ => return None,
            };
            Some(Step { when: b.time(&e.at), text })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lianxin_app::Locale;

    /// The keys built from enum values exist in both languages.
    #[test]
    fn built_keys_exist() {
        for l in [Locale::ZhCn, Locale::EnUs] {
            let tr = Tr(l);
            let mut keys: Vec<String> = Vec::new();
            for s in Status::ALL {
                keys.push(format!("need-state-{}", s.as_str()));
                keys.push(format!("need-status-{}", s.as_str()));
            }
            for r in Rating::ALL {
                keys.push(format!("need-rating-{}", r.as_str()));
            }
            for lv in [Level::Township, Level::County] {
                keys.push(format!("need-event-escalated-{}", lv.as_str()));
            }
            for w in ["overdue", "unsatisfied", "beyond_capacity"] {
                keys.push(format!("need-why-{w}"));
            }
            for k in ["need-event-reply", "need-event-resolved", "need-event-rejected"] {
                keys.push(k.to_owned());
                keys.push(format!("{k}-says"));
            }
            for m in 1..=12 {
                keys.push(format!("need-month-{m}"));
            }
            let args: Vec<(&'static str, String)> = ["full", "name", "count", "days"].iter().map(|a| (*a, "x".to_owned())).collect();
            for k in keys {
                assert_ne!(tr.ta(&k, &args), k, "{k} missing in {l:?}");
            }
        }
    }

    #[test]
    fn durations_in_plain_words() {
        let tr = Tr(Locale::ZhCn);
        assert_eq!(hours_text(&tr, 5), "5 小时");
        assert_eq!(hours_text(&tr, 48), "2 天");
        assert_eq!(hours_text(&tr, 51), "2 天 3 小时");
    }
}
