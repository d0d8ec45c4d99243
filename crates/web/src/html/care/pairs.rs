//! Strong-helps-weak pairs: an organization's pairs of a year with their contacts, setting one
//! up (the helper a full member, checked by `lianxin_core::care::pair`), and a pair's page where
//! the helper — or the branch for them — logs each contact.

use askama::Template;
use axum::{
    Router,
    body::Bytes,
    extract::{Path, Query},
    response::Response,
    routing::{get, post},
};
use lianxin_app::{
    AppError,
    care::{self, Pair, PairContact, PairInput},
};
use uuid::Uuid;

use super::{Choice, choices, date, said, shown};
use crate::{
    AppState, Viewer,
    error::WebResult,
    form::Pairs,
    html::{Base, page, page_with, see_other},
    shell::{
        is_form_error,
        years::{YearQ, recent_years, year_of},
    },
};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{id}/pairs", get(list))
        .route("/orgs/{id}/pairs/new", get(new).post(create))
        .route("/pairs/{id}", get(show))
        .route("/pairs/{id}/contacts", post(log))
}

#[derive(Template)]
#[template(path = "care/pairs.html")]
struct ListPage {
    b: Base,
    org_id: Uuid,
    year: i32,
    years: Vec<i32>,
    lines: Vec<care::PairLine>,
    may_record: bool,
}

async fn list(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let year = year_of(&v, &q.year);
    let (org, lines, may_record) = care::pairs(&v.ctx, id, year).await?;
    let b =
        Base::titled(&v, tr.ta("page-care-pairs", &[("name", org.name.clone()), ("year", year.to_string())]), &format!("/orgs/{id}/pairs"));
    Ok(page(&ListPage { b, org_id: id, year, years: recent_years(&v), lines, may_record }))
}

#[derive(Template)]
#[template(path = "care/pair_new.html")]
struct NewPage {
    b: Base,
    org_id: Uuid,
    org_name: String,
    error: String,
    f: Pairs,
    helpers: Vec<Choice>,
    helped: Vec<Choice>,
}

async fn render_new(v: &Viewer, id: Uuid, error: Option<&AppError>, f: Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let (org_name, helpers) = choices(v, id, &f.value("helper")).await?;
    let (_, helped) = choices(v, id, &f.value("helped")).await?;
    let b = Base::titled(v, tr.t("page-care-pair-new"), &format!("/orgs/{id}/pairs/new"));
    Ok(page_with(shown(error), &NewPage { b, org_id: id, org_name, error: said(&tr, error), f, helpers, helped }))
}

async fn new(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let mut f = Pairs::default();
    let today = v.ctx.app.today();
    f.set("starts_on", today.to_string());
    f.set("ends_on", today.checked_add_months(chrono::Months::new(12)).unwrap_or(today).to_string());
    render_new(&v, id, None, f).await
}

async fn create(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let input = PairInput {
        helper: Uuid::parse_str(f.value("helper").trim()).ok(),
        helped: Uuid::parse_str(f.value("helped").trim()).ok(),
        goal: f.value("goal"),
        starts_on: date(&f.value("starts_on")),
        ends_on: date(&f.value("ends_on")),
    };
    match care::create_pair(&v.ctx, id, input).await {
        Ok(p) => Ok(see_other(&format!("/pairs/{}", p.id))),
        Err(e) if is_form_error(&e) => render_new(&v, id, Some(&e), f).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "care/pair.html")]
struct ShowPage {
    b: Base,
    p: Pair,
    contacts: Vec<PairContact>,
    may_log: bool,
    error: String,
    f: Pairs,
}

async fn render_show(v: &Viewer, id: Uuid, error: Option<&AppError>, f: Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let (p, contacts, may_log) = care::pair(&v.ctx, id).await?;
    let title = tr.ta("page-care-pair", &[("helper", p.helper_name.clone()), ("helped", p.helped_name.clone())]);
    let b = Base::titled(v, title, &format!("/pairs/{id}"));
    Ok(page_with(shown(error), &ShowPage { b, p, contacts, may_log, error: said(&tr, error), f }))
}

async fn show(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let mut f = Pairs::default();
    f.set("contacted_on", v.ctx.app.today().to_string());
    render_show(&v, id, None, f).await
}

async fn log(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    match care::log_pair_contact(&v.ctx, id, date(&f.value("contacted_on")), &f.value("note")).await {
        Ok(_) => Ok(see_other(&format!("/pairs/{id}"))),
        Err(e) if is_form_error(&e) => render_show(&v, id, Some(&e), f).await,
        Err(e) => Err(e.into()),
    }
}
