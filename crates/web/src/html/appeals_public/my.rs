//! "My needs" without an account: the villager types the phone they filed with, gets a
//! one-time code by SMS, and the session keeps the phone's keyed hash (never the phone) to list
//! and open their needs until they sign out or stay idle too long.

use askama::Template;
use axum::{
    Form,
    extract::{Path, Query},
    response::Response,
};
use lianxin_app::{
    AppError,
    appeals::{PublicAppeal, Requester, mine},
    notify::phone,
};
use lianxin_core::appeals::{format_tracking_code, summary};
use serde::Deserialize;
use uuid::Uuid;

use super::{
    PHONE_HASH_KEY, PHONE_MASK_KEY, signed_phone, state_word,
    track::{Mode, NoticeQ, RateForm, rate_as, track_page, withdraw_as},
    villager_base,
};
use crate::{
    Viewer, WebError,
    error::WebResult,
    html::{Base, forms::is_form_error, page, page_with, see_other},
};

/// One of "my needs" as the list shows it.
pub struct Row {
    code: String,
    shown_code: String,
    category: String,
    state: String,
    summary: String,
    filed: String,
}

#[derive(Template)]
#[template(path = "appeals/public/my.html")]
struct MyPage {
    b: Base,
    /// `phone` (type the phone), `code` (type the code), or `list`.
    step: &'static str,
    phone: String,
    mask: String,
    rows: Vec<Row>,
    next: Option<Uuid>,
    notice: String,
    error: String,
}

fn my_page(v: &Viewer, step: &'static str) -> MyPage {
    MyPage {
        b: villager_base(v, v.tr.t("page-need-mine"), "/my"),
        step,
        phone: String::new(),
        mask: String::new(),
        rows: Vec::new(),
        next: None,
        notice: String::new(),
        error: String::new(),
    }
}

fn rows(v: &Viewer, list: Vec<PublicAppeal>) -> Vec<Row> {
    let offset = v.ctx.settings().display_utc_offset_minutes;
    list.into_iter()
        .map(|a| Row {
            shown_code: format_tracking_code(&a.code),
            state: state_word(&v.tr, &a.status),
            summary: summary(&a.description, 40),
            filed: super::day_text(&v.tr, offset, a.created_at),
            category: a.category,
            code: a.code,
        })
        .collect()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQ {
    before: Option<Uuid>,
}

pub async fn home(v: Viewer, Query(q): Query<ListQ>) -> WebResult<Response> {
    let Some((hash, mask)) = signed_phone(&v).await else {
        return Ok(page(&my_page(&v, "phone")));
    };
    let (list, next) = mine::mine(&v.ctx, &hash, q.before).await?;
    let mut p = my_page(&v, "list");
    p.mask = mask;
    p.rows = rows(&v, list);
    p.next = next;
    Ok(page(&p))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PhoneForm {
    phone: String,
    code: String,
}

fn error_text(v: &Viewer, e: &AppError) -> String {
    match e {
        AppError::Locked { .. } => v.tr.t("error-need-too-often"),
        e => v.tr.t(e.key()),
    }
}

/// Sends the code; the next form carries the phone in a hidden field (never in the address).
pub async fn send(v: Viewer, Form(f): Form<PhoneForm>) -> WebResult<Response> {
    match phone::send_code(&v.ctx, &f.phone).await {
        Ok(()) => {
            let mut p = my_page(&v, "code");
            p.phone = f.phone.trim().to_owned();
            p.notice = v.tr.t("msg-need-code-sent");
            Ok(page(&p))
        }
        Err(e) if is_form_error(&e) => {
            let mut p = my_page(&v, "phone");
            p.phone = f.phone;
            p.error = error_text(&v, &e);
            Ok(page_with(crate::error::status_of(&e), &p))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn verify(v: Viewer, Form(f): Form<PhoneForm>) -> WebResult<Response> {
    match phone::verify_code(&v.ctx, &f.phone, &f.code).await {
        Ok((hash, mask)) => {
            let s = v.session.as_ref().ok_or_else(|| WebError(AppError::internal("no session layer")))?;
            let fail = |e: tower_sessions::session::Error| WebError(AppError::internal(e));
            // A fresh session id: whoever knew the old one learns nothing of this phone.
            s.cycle_id().await.map_err(fail)?;
            s.insert(PHONE_HASH_KEY, hash).await.map_err(fail)?;
            s.insert(PHONE_MASK_KEY, mask).await.map_err(fail)?;
            Ok(see_other("/my"))
        }
        Err(e) if is_form_error(&e) => {
            let mut p = my_page(&v, "code");
            p.phone = f.phone;
            p.error = error_text(&v, &e);
            Ok(page_with(crate::error::status_of(&e), &p))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn sign_out(v: Viewer) -> WebResult<Response> {
    if let Some(s) = &v.session {
        let _ = s.remove::<String>(PHONE_HASH_KEY).await;
        let _ = s.remove::<String>(PHONE_MASK_KEY).await;
    }
    Ok(see_other("/my"))
}

/// The signed-in phone as the proof of filing; without one, the phone form.
async fn requester(v: &Viewer) -> Option<Requester> {
    signed_phone(v).await.map(|(h, _)| Requester { key: None, phone_hash: Some(h) })
}

fn mode(code: &str) -> (String, Mode) {
    let path = format!("/my/{code}");
    (path.clone(), Mode::Filer { actions: path, photo_query: String::new() })
}

pub async fn show(v: Viewer, Path(code): Path<String>, Query(q): Query<NoticeQ>) -> WebResult<Response> {
    let Some(who) = requester(&v).await else { return Ok(see_other("/my")) };
    let t = mine::tracked(&v.ctx, &code, &who).await?;
    let (here, m) = mode(&t.appeal.code);
    let mut p = track_page(&v, t, m, &here);
    p.notice = super::track::notice(&v, &q);
    Ok(page(&p))
}

pub async fn rate(v: Viewer, Path(code): Path<String>, Form(f): Form<RateForm>) -> WebResult<Response> {
    let Some(who) = requester(&v).await else { return Ok(see_other("/my")) };
    let (back, m) = mode(&code);
    rate_as(&v, &code, &who, &f, &back, m).await
}

pub async fn withdraw(v: Viewer, Path(code): Path<String>) -> WebResult<Response> {
    let Some(who) = requester(&v).await else { return Ok(see_other("/my")) };
    let (back, m) = mode(&code);
    withdraw_as(&v, &code, &who, &back, m).await
}
