//! Following a need: find it by its tracking code (public ones show their public page), the
//! filer's own page under the private link (status, timeline, photos, rating, withdrawal), "me
//! too" on a public need, and the photos.

use askama::Template;
use axum::{
    Form,
    extract::{Path, Query},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use lianxin_app::{
    AppError,
    appeals::{
        PhotoRef, Requester,
        intake::support as add_support,
        mine::{self, Lookup, Tracked},
        queues, steps,
    },
};
use lianxin_core::appeals::{Rating, format_tracking_code, parse_tracking_code};
use serde::Deserialize;
use uuid::Uuid;

use super::{CREATED_KEY, Step, signed_phone, status_sentence, timeline, villager_base};
use crate::{
    Viewer,
    error::WebResult,
    html::{Base, forms::is_form_error, page, page_with, see_other},
};

// ---- finding a need by its code ----

#[derive(Template)]
#[template(path = "appeals/public/find.html")]
struct FindPage {
    b: Base,
    code: String,
    error: String,
    /// The need exists and is private.
    private: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FindQ {
    code: Option<String>,
}

fn find_page(v: &Viewer, code: &str, error: String, private: bool) -> FindPage {
    FindPage { b: villager_base(v, v.tr.t("page-need-track"), "/track"), code: code.to_owned(), error, private }
}

pub async fn find(v: Viewer, Query(q): Query<FindQ>) -> WebResult<Response> {
    match q.code.as_deref().map(str::trim) {
        None => Ok(page(&find_page(&v, "", String::new(), false))),
        Some(typed) => match parse_tracking_code(typed) {
            Some(code) => Ok(see_other(&format!("/track/{code}"))),
            None => Ok(page_with(StatusCode::UNPROCESSABLE_ENTITY, &find_page(&v, typed, v.tr.t("error-need-code"), false))),
        },
    }
}

// ---- the tracking page ----

/// How the page was opened, which decides what it offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Anyone, on a public need: no personal words, "me too" while open.
    Public,
    /// The filer, by private link or signed-in phone: rating and withdrawal under `actions`.
    Filer { actions: String, photo_query: String },
}

#[derive(Template)]
#[template(path = "appeals/public/track.html")]
pub struct TrackPage {
    b: Base,
    t: Tracked,
    mode: Mode,
    code: String,
    status: String,
    due: String,
    filed: String,
    steps: Vec<Step>,
    /// The "write it down" box, shown once after filing, with the link to keep.
    created: bool,
    link: String,
    pub(super) notice: String,
    error: String,
}

impl TrackPage {
    fn is_filer(&self) -> bool {
        matches!(self.mode, Mode::Filer { .. })
    }

    fn actions(&self) -> &str {
        match &self.mode {
            Mode::Filer { actions, .. } => actions,
            Mode::Public => "",
        }
    }

    /// What the handler answered when resolving it last, shown next to the rating buttons.
    fn last_reply(&self) -> Option<&str> {
        self.t.events.iter().rev().find(|e| e.kind == "resolved").map(|e| e.body.as_str()).filter(|b| !b.trim().is_empty())
    }

    /// The copy to look at.
    fn photo_src(&self, p: &PhotoRef) -> String {
        self.photo_at(p, "")
    }

    /// The thumbnail the page shows.
    fn thumb_src(&self, p: &PhotoRef) -> String {
        self.photo_at(p, "/thumb")
    }

    fn photo_at(&self, p: &PhotoRef, copy: &str) -> String {
        let id = p.id;
        match &self.mode {
            Mode::Filer { photo_query, .. } => format!("/appeal-photos/{id}{copy}{photo_query}"),
            Mode::Public => format!("/appeal-photos/{id}{copy}"),
        }
    }
}

/// Who must finish by the deadline: the village, or the level it was sent up to.
fn due_key(level: &str) -> &'static str {
    match lianxin_core::appeals::Level::parse(level) {
        Some(lianxin_core::appeals::Level::Township) => "label-need-due-township",
        Some(lianxin_core::appeals::Level::County) => "label-need-due-county",
        _ => "label-need-due-village",
    }
}

pub fn track_page(v: &Viewer, t: Tracked, mode: Mode, here: &str) -> TrackPage {
    let code = format_tracking_code(&t.appeal.code);
    let b = villager_base(v, v.tr.ta("page-need-one", &[("name", code.clone())]), here);
    let offset = v.ctx.settings().display_utc_offset_minutes;
    let steps = timeline(&b, &t.events, matches!(mode, Mode::Filer { .. }));
    TrackPage {
        status: status_sentence(&v.tr, &t.appeal.status),
        due: v.tr.ta(due_key(&t.appeal.level), &[("name", crate::shell::deadline(&v.tr, &t.appeal.due_at, offset, &v.ctx.now()))]),
        filed: super::day_text(&v.tr, offset, t.appeal.created_at),
        steps,
        code,
        t,
        mode,
        b,
        created: false,
        link: String::new(),
        notice: String::new(),
        error: String::new(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NoticeQ {
    done: Option<String>,
}

/// The message after an action, from the `done` marker of the redirect.
pub(super) fn notice(v: &Viewer, q: &NoticeQ) -> String {
    match q.done.as_deref() {
        Some("supported") => v.tr.t("msg-need-supported"),
        Some("already") => v.tr.t("msg-need-already-supported"),
        Some("rated") => v.tr.t("msg-need-rated"),
        Some("withdrawn") => v.tr.t("msg-need-withdrawn"),
        _ => String::new(),
    }
}

pub async fn public_page(v: Viewer, Path(code): Path<String>, Query(q): Query<NoticeQ>) -> WebResult<Response> {
    match mine::lookup(&v.ctx, &code).await {
        Ok(Lookup::Public(t)) => {
            let here = format!("/track/{}", t.appeal.code);
            let mut p = track_page(&v, *t, Mode::Public, &here);
            p.notice = notice(&v, &q);
            Ok(page(&p))
        }
        Ok(Lookup::Private) => Ok(page(&find_page(&v, &code, String::new(), true))),
        Err(AppError::NotFound) => Ok(page_with(StatusCode::NOT_FOUND, &find_page(&v, &code, v.tr.t("error-need-unknown-code"), false))),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SupportForm {
    phone: String,
}

/// "Me too": counted once per phone (or per address without one), then back to the public page.
pub async fn support(v: Viewer, Path(code): Path<String>, Form(f): Form<SupportForm>) -> WebResult<Response> {
    let phone = Some(f.phone.as_str()).filter(|p| !p.trim().is_empty());
    let (a, counted) = add_support(&v.ctx, &code, phone).await?;
    Ok(see_other(&format!("/track/{}?done={}", a.code, if counted { "supported" } else { "already" })))
}

/// The full address of the private link, to bookmark or copy.
fn full_link(v: &Viewer, headers: &HeaderMap, path: &str) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).filter(|h| h.chars().all(|c| c.is_ascii_graphic()));
    let scheme = if v.ctx.settings().security.secure_cookies { "https" } else { "http" };
    match host {
        Some(h) => format!("{scheme}://{h}{path}"),
        None => path.to_owned(),
    }
}

pub async fn private_page(
    v: Viewer,
    headers: HeaderMap,
    Path((code, key)): Path<(String, String)>,
    Query(q): Query<NoticeQ>,
) -> WebResult<Response> {
    let t = mine::tracked(&v.ctx, &code, &Requester::with_key(&key)).await?;
    let path = format!("/track/{}/{key}", t.appeal.code);
    let created = match &v.session {
        Some(s) if s.get::<String>(CREATED_KEY).await.ok().flatten().as_deref() == Some(t.appeal.code.as_str()) => {
            let _ = s.remove::<String>(CREATED_KEY).await;
            true
        }
        _ => false,
    };
    let mode = Mode::Filer { actions: path.clone(), photo_query: format!("?key={key}") };
    let mut p = track_page(&v, t, mode, &path);
    p.created = created;
    p.link = full_link(&v, &headers, &path);
    p.notice = notice(&v, &q);
    Ok(page(&p))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RateForm {
    rating: String,
    comment: String,
}

/// Rates a resolved need as its filer `who`, then goes back to `back`.
pub async fn rate_as(v: &Viewer, code: &str, who: &Requester, f: &RateForm, back: &str, mode: Mode) -> WebResult<Response> {
    let result = match Rating::parse(f.rating.trim()) {
        Some(r) => steps::rate(&v.ctx, code, who, r, &f.comment).await,
        None => Err(AppError::invalid("rating", "error-need-rating")),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("{back}?done=rated"))),
        Err(e) if is_form_error(&e) => again(v, code, who, mode, back, &e).await,
        Err(e) => Err(e.into()),
    }
}

/// Withdraws an open need as its filer.
pub async fn withdraw_as(v: &Viewer, code: &str, who: &Requester, back: &str, mode: Mode) -> WebResult<Response> {
    match steps::withdraw(&v.ctx, code, who).await {
        Ok(_) => Ok(see_other(&format!("{back}?done=withdrawn"))),
        Err(e) if is_form_error(&e) => again(v, code, who, mode, back, &e).await,
        Err(e) => Err(e.into()),
    }
}

/// The filer's page again, with what went wrong.
async fn again(v: &Viewer, code: &str, who: &Requester, mode: Mode, here: &str, e: &AppError) -> WebResult<Response> {
    let t = mine::tracked(&v.ctx, code, who).await?;
    let mut p = track_page(v, t, mode, here);
    p.error = v.tr.t(e.key());
    Ok(page_with(crate::error::status_of(e), &p))
}

fn key_mode(code: &str, key: &str) -> (String, Mode) {
    let path = format!("/track/{code}/{key}");
    (path.clone(), Mode::Filer { actions: path, photo_query: format!("?key={key}") })
}

pub async fn rate_by_key(v: Viewer, Path((code, key)): Path<(String, String)>, Form(f): Form<RateForm>) -> WebResult<Response> {
    let (back, mode) = key_mode(&code, &key);
    rate_as(&v, &code, &Requester::with_key(&key), &f, &back, mode).await
}

pub async fn withdraw_by_key(v: Viewer, Path((code, key)): Path<(String, String)>) -> WebResult<Response> {
    let (back, mode) = key_mode(&code, &key);
    withdraw_as(&v, &code, &Requester::with_key(&key), &back, mode).await
}

// ---- photos ----

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PhotoQ {
    key: Option<String>,
}

/// A photo: of a public need for anyone; otherwise for its filer (link key or signed-in phone)
/// or staff who may read the need. Kept in the browser's own cache only.
pub async fn photo(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<PhotoQ>) -> WebResult<Response> {
    photo_copy(v, id, q, false).await
}

/// A photo's thumbnail, under the same rules (photos stored before thumbnails were made answer
/// with the copy to look at).
pub async fn thumb(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<PhotoQ>) -> WebResult<Response> {
    photo_copy(v, id, q, true).await
}

async fn photo_copy(v: Viewer, id: Uuid, q: PhotoQ, thumb: bool) -> WebResult<Response> {
    let who = Requester { key: q.key.filter(|k| !k.is_empty()), phone_hash: signed_phone(&v).await.map(|(h, _)| h) };
    let p = queues::photo(&v.ctx, id, &who).await?;
    let kind = HeaderValue::from_str(&p.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let data = match p.thumb {
        Some(t) if thumb && !t.is_empty() => t,
        _ => p.data,
    };
    let mut r = data.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, kind);
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=86400"));
    r.headers_mut().insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("inline"));
    Ok(r)
}
