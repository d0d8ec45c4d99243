//! Trainings: an organization's trainings of a year, recording one with its hours (checked
//! against its days by the rule `/rules` explains) and who attended — also those it was brought
//! to — and one training with its attendees.

use askama::Template;
use axum::{
    Router,
    body::Bytes,
    extract::{Path, Query},
    http::StatusCode,
    response::Response,
    routing::get,
};
use chrono::NaiveDate;
use lianxin_app::{
    AppError,
    study::{self, TRAINING_KINDS, Training, TrainingInput},
};
use uuid::Uuid;

use crate::{
    AppState, Viewer,
    error::{WebResult, status_of},
    form::Pairs,
    html::{Base, error_text, page, page_with, see_other},
    i18n::Tr,
    rules,
    shell::years::{YearQ, recent_years, year_of},
};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{id}/trainings", get(list))
        .route("/orgs/{id}/trainings/new", get(new).post(record))
        .route("/trainings/{id}", get(show))
}

/// "2026-03-05" or "2026-03-05 – 2026-03-07".
pub(super) fn days_text(t: &Training) -> String {
    if t.starts_on == t.ends_on { t.starts_on.to_string() } else { format!("{} – {}", t.starts_on, t.ends_on) }
}

fn kind_word(tr: &Tr, kind: &str) -> String {
    tr.t(&format!("study-training-kind-{kind}"))
}

struct Line {
    id: Uuid,
    title: String,
    kind: String,
    organizer: String,
    days: String,
    hours: String,
}

fn line(tr: &Tr, t: &Training) -> Line {
    Line {
        id: t.id,
        title: t.title.clone(),
        kind: kind_word(tr, &t.kind),
        organizer: t.organizer.clone(),
        days: days_text(t),
        hours: super::hours_word(tr, t.tenths.max(0) as u64),
    }
}

#[derive(Template)]
#[template(path = "study/trainings.html")]
struct ListPage {
    b: Base,
    org_id: Uuid,
    year: i32,
    years: Vec<i32>,
    lines: Vec<Line>,
    may_record: bool,
}

async fn list(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let year = year_of(&v, &q.year);
    let (org, list, may_record) = study::trainings(&v.ctx, id, year).await?;
    let b = Base::titled(
        &v,
        tr.ta("page-study-trainings", &[("name", org.name.clone()), ("year", year.to_string())]),
        &format!("/orgs/{id}/trainings"),
    );
    Ok(page(&ListPage { b, org_id: id, year, years: recent_years(&v), lines: list.iter().map(|t| line(&tr, t)).collect(), may_record }))
}

struct Choice {
    id: Uuid,
    name: String,
    attended: bool,
    brought: bool,
    frail: bool,
}

#[derive(Template)]
#[template(path = "study/training_new.html")]
struct NewPage {
    b: Base,
    org_id: Uuid,
    org_name: String,
    error: String,
    kinds: Vec<(&'static str, String)>,
    f: Pairs,
    members: Vec<Choice>,
    rule_line: String,
}

async fn render_new(v: &Viewer, id: Uuid, error: Option<&AppError>, f: Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let (org, members) = study::attendable(&v.ctx, id).await?;
    let (attended, brought) = (f.all("attendee"), f.all("brought"));
    let fresh = error.is_none();
    let members = members
        .iter()
        .map(|m| Choice {
            id: m.id,
            name: m.person_name.clone(),
            attended: fresh || attended.contains(&m.id.to_string()),
            brought: brought.contains(&m.id.to_string()),
            frail: m.elderly_frail,
        })
        .collect();
    let kinds = TRAINING_KINDS.iter().map(|k| (*k, kind_word(&tr, k))).collect();
    let reason = lianxin_core::rules::study::training_reason(1, lianxin_core::study::capacity(1));
    let b = Base::titled(v, tr.t("page-study-training-new"), &format!("/orgs/{id}/trainings/new"));
    Ok(page_with(
        error.map_or(StatusCode::OK, status_of),
        &NewPage {
            b,
            org_id: id,
            org_name: org.name,
            error: error.map(|e| error_text(&tr, e)).unwrap_or_default(),
            kinds,
            f,
            members,
            rule_line: rules::reason_text(&tr, &reason),
        },
    ))
}

async fn new(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    render_new(&v, id, None, Pairs::default()).await
}

fn date(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

async fn record(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let ids = |name: &str| f.all(name).iter().filter_map(|s| Uuid::parse_str(s.trim()).ok()).collect::<Vec<_>>();
    let input = TrainingInput {
        kind: f.value("kind").trim().to_owned(),
        title: f.value("title"),
        organizer: f.value("organizer"),
        place: f.value("place"),
        starts_on: date(&f.value("starts_on")),
        ends_on: date(&f.value("ends_on")),
        hours: f.value("hours"),
        note: f.value("note"),
        attendees: ids("attendee"),
        brought: ids("brought"),
    };
    match study::record_training(&v.ctx, id, input).await {
        Ok(t) => Ok(see_other(&format!("/trainings/{}", t.id))),
        Err(e) if crate::shell::is_form_error(&e) => render_new(&v, id, Some(&e), f).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "study/training.html")]
struct ShowPage {
    b: Base,
    t: Training,
    l: Line,
    why: String,
    attendees: Vec<(Uuid, String, bool)>,
}

async fn show(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let (t, seats) = study::training(&v.ctx, id).await?;
    let days = lianxin_core::study::days(t.starts_on, t.ends_on);
    let why = rules::reason_text(&tr, &lianxin_core::rules::study::training_reason(days, t.tenths.max(0) as u64));
    let b = Base::titled(&v, t.title.clone(), &format!("/trainings/{id}"));
    Ok(page(&ShowPage {
        b,
        l: line(&tr, &t),
        why,
        attendees: seats.into_iter().map(|a| (a.member_id, a.person_name, a.brought)).collect(),
        t,
    }))
}
