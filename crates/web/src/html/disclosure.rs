//! The public board of party and village affairs: an organization's page to put a disclosure up
//! and see each category's schedule; the board itself, read without signing in, every entry with
//! its receipt and the chain checked as it is shown; and the A4 printout for the notice board,
//! with a QR code that opens the same board.

use askama::Template;
use axum::{
    Router,
    body::Bytes,
    extract::Path,
    http::{HeaderMap, StatusCode},
    response::Response,
    routing::get,
};
use chrono::NaiveDate;
use lianxin_app::{
    AppError,
    disclosure::{self, Board, DisclosureNew},
};
use lianxin_core::disclosure::Category;
use uuid::Uuid;

use super::{Base, page, page_with, see_other};
use crate::{AppState, Viewer, error::WebResult, error::status_of, form::Pairs, html::error_text, i18n::Tr};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{id}/disclosures", get(manage).post(publish))
        .route("/board/{id}", get(board))
        .route("/board/{id}/print", get(print))
}

/// A disclosure as a line of the board.
pub struct Line {
    pub seq: i64,
    pub category: String,
    pub title: String,
    pub content: String,
    pub period: String,
    pub on: String,
    pub arose: String,
    pub late: bool,
    pub receipt: String,
}

/// A category's schedule in words.
pub struct Due {
    pub category: String,
    pub last: String,
    pub due: String,
    pub overdue: bool,
}

fn lines(tr: &Tr, b: &Board) -> (Vec<Line>, Vec<Due>) {
    let lines = b
        .entries
        .iter()
        .map(|d| Line {
            seq: d.seq,
            category: tr.t(&format!("disclosure-category-{}", d.category)),
            title: d.title.clone(),
            content: d.content.clone(),
            period: d.period.clone(),
            on: d.on_date.to_string(),
            arose: d.arose_on.map(|a| a.to_string()).unwrap_or_default(),
            late: b.late.contains(&d.id),
            receipt: d.hash[..16].to_owned(),
        })
        .collect();
    let dues = b
        .schedules
        .iter()
        .filter(|s| s.category != Category::Major)
        .map(|s| Due {
            category: tr.t(&format!("disclosure-category-{}", s.category.as_str())),
            last: s.last.map(|d| d.to_string()).unwrap_or_else(|| tr.t("label-disclosure-never")),
            due: s.due_on.map(|d| d.to_string()).unwrap_or_default(),
            overdue: s.overdue,
        })
        .collect();
    (lines, dues)
}

#[derive(Template)]
#[template(path = "disclosure/manage.html")]
struct ManagePage {
    b: Base,
    org_id: Uuid,
    major_days: String,
    lines: Vec<Line>,
    dues: Vec<Due>,
    intact: bool,
    f: Pairs,
    error: String,
}

async fn manage_page(v: &Viewer, id: Uuid, error: Option<&AppError>, f: Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let board = disclosure::board(&v.ctx, id).await?;
    if !board.may_publish {
        return Err(AppError::NotFound.into());
    }
    let (lines, dues) = lines(&tr, &board);
    let b = Base::titled(v, tr.ta("page-disclosures-of", &[("name", board.org.name.clone())]), &format!("/orgs/{id}/disclosures"));
    Ok(page_with(
        error.map_or(StatusCode::OK, status_of),
        &ManagePage {
            b,
            org_id: id,
            major_days: v.ctx.settings().decisions.major_disclosure_days.to_string(),
            lines,
            dues,
            intact: board.broken_at.is_none(),
            f,
            error: error.map(|e| error_text(&tr, e)).unwrap_or_default(),
        },
    ))
}

async fn manage(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    manage_page(&v, id, None, Pairs::default()).await
}

fn date_of(f: &Pairs, field: &'static str) -> Result<Option<NaiveDate>, AppError> {
    super::people::date(field, &f.value(field))
}

async fn publish(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let r = async {
        let new = DisclosureNew {
            category: Category::parse(f.value("category").trim()),
            title: f.value("title"),
            content: f.value("content"),
            period: f.value("period"),
            on: date_of(&f, "on")?,
            arose_on: date_of(&f, "arose_on")?,
        };
        disclosure::publish(&v.ctx, id, new).await
    }
    .await;
    match r {
        Ok(_) => Ok(see_other(&format!("/orgs/{id}/disclosures"))),
        Err(e) if crate::shell::is_form_error(&e) => manage_page(&v, id, Some(&e), f).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "disclosure/board.html")]
struct BoardPage {
    b: Base,
    org_id: Uuid,
    lines: Vec<Line>,
    dues: Vec<Due>,
    intact: bool,
    broken_at: Option<i64>,
}

/// The board, without signing in.
async fn board(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    let tr = v.tr;
    let board = disclosure::board(&v.ctx, id).await?;
    let (lines, dues) = lines(&tr, &board);
    let b = Base::titled(&v, tr.ta("page-board-of", &[("name", board.org.name.clone())]), &format!("/board/{id}"));
    Ok(page(&BoardPage { b, org_id: id, lines, dues, intact: board.broken_at.is_none(), broken_at: board.broken_at }))
}

#[derive(Template)]
#[template(path = "disclosure/print.html")]
struct PrintPage {
    b: Base,
    org_id: Uuid,
    org: String,
    lines: Vec<Line>,
    url: String,
    qr: String,
}

/// The board on A4 for the notice board, with a QR code of its address.
async fn print(v: Viewer, Path(id): Path<Uuid>, headers: HeaderMap) -> WebResult<Response> {
    let tr = v.tr;
    let board = disclosure::board(&v.ctx, id).await?;
    let (lines, _) = lines(&tr, &board);
    let host = headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let scheme = if v.ctx.settings().security.secure_cookies { "https" } else { "http" };
    let url = format!("{scheme}://{host}/board/{id}");
    let qr = qrcode::QrCode::new(url.as_bytes())
        .map_err(|e| AppError::internal(format!("qr: {e:?}")))?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(160, 160)
        .build();
    let b = Base::titled(&v, tr.ta("page-board-of", &[("name", board.org.name.clone())]), &format!("/board/{id}/print"));
    Ok(page(&PrintPage { b, org_id: id, org: board.org.name.clone(), lines, url, qr }))
}
