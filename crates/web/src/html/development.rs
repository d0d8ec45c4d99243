//! Pages of member development: an organization's cases with what is due this month, opening a
//! case for an applicant, and the case itself — its timeline, the next step with the rule that
//! decides when it may be taken, and a form for each step its stage takes.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::{
    Router,
    body::Bytes,
    extract::{Path, Query},
    response::Response,
    routing::{get, post},
};
use chrono::NaiveDate;
use lianxin_app::{
    AppError,
    development::{self, CaseView, Next, StepInput},
    people::persons,
};
use lianxin_core::development::Step;
use serde::Deserialize;
use uuid::Uuid;

use axum::http::StatusCode;

use super::{Base, page, page_with, see_other, url_encode};
use crate::{
    AppState, Viewer,
    error::{WebResult, status_of},
    form::Pairs,
    html::error_text,
    i18n::Tr,
    rules,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/development", get(home))
        .route("/orgs/{id}/development", get(list).post(open))
        .route("/orgs/{id}/development/new", get(new))
        .route("/development/{id}", get(show))
        .route("/development/{id}/steps/{step}", post(step))
}

fn stage_word(tr: &Tr, stage: &str) -> String {
    tr.t(&format!("dev-stage-{}", stage.replace('_', "-")))
}

fn step_word(tr: &Tr, step: Step) -> String {
    tr.t(&format!("dev-step-{}", step.as_str().replace('_', "-")))
}

/// "确定为发展对象 · 2027-03-01 起" — the next step with its dates, in words.
fn next_words(tr: &Tr, n: &Option<Next>) -> String {
    let Some(n) = n else { return String::new() };
    let mut s = step_word(tr, n.step);
    if let Some(e) = n.earliest {
        s.push_str(&tr.ta("label-dev-from", &[("date", e.to_string())]));
    }
    if let Some(d) = n.due_by {
        s.push_str(&tr.ta("label-dev-by", &[("date", d.to_string())]));
    }
    s
}

/// The first organization the viewer reads development cases of.
async fn home(v: Viewer) -> WebResult<Response> {
    v.require()?;
    match lianxin_app::policy::home_org(&v.ctx.actor, lianxin_app::policy::Action::ReadDevelopment) {
        Some(id) => Ok(see_other(&format!("/orgs/{id}/development"))),
        None => Err(AppError::NotFound.into()),
    }
}

pub struct CaseRow {
    pub id: Uuid,
    pub name: String,
    pub org: String,
    pub stage: String,
    pub stage_code: String,
    pub applied_on: NaiveDate,
    pub next: String,
}

#[derive(Template)]
#[template(path = "development/list.html")]
struct ListPage {
    b: Base,
    org_id: Uuid,
    /// The cases due this month ([`RowsPart`]), written once per kept list; none past the first page.
    due: Option<std::sync::Arc<str>>,
    /// The page of cases ([`RowsPart`]), written once per kept page.
    rows: std::sync::Arc<str>,
    all: bool,
    next: Option<String>,
    may_run: bool,
}

/// A table of cases, or what to say when there are none.
#[derive(Template)]
#[template(path = "development/rows.html")]
struct RowsPart {
    tr: Tr,
    list: Vec<CaseRow>,
    none: &'static str,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQ {
    all: String,
    after: String,
}

fn row(tr: &Tr, c: &development::Case, n: &Option<Next>, orgs: &HashMap<Uuid, String>) -> CaseRow {
    CaseRow {
        id: c.id,
        name: c.person_name.clone(),
        org: orgs.get(&c.org_id).cloned().unwrap_or_default(),
        stage: stage_word(tr, &c.stage),
        stage_code: c.stage.clone(),
        applied_on: c.applied_on,
        next: next_words(tr, n),
    }
}

async fn list(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<ListQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let all = q.all == "1";
    let after = q.after.split_once('|').and_then(|(n, i)| Uuid::parse_str(i).ok().map(|i| (n.to_owned(), i)));
    let l = development::cases(&v.ctx, id, !all, after.as_ref().map(|(n, i)| (n.as_str(), *i)), 50).await?;
    let due = match after {
        Some(_) => None,
        None => {
            let d = development::due_this_month(&v.ctx, id).await?;
            Some(crate::shell::parts::part(&d, tr, "development-due", || {
                let list = d.cases.iter().map(|(c, n)| row(&tr, c, &Some(*n), &d.org_names)).collect();
                crate::shell::parts::html(&RowsPart { tr, list, none: tr.s("msg-dev-none-due") })
            }))
        }
    };
    let rows = crate::shell::parts::part(&l, tr, "development-cases", || {
        let list = l.cases.iter().map(|(c, n)| row(&tr, c, n, &l.org_names)).collect();
        crate::shell::parts::html(&RowsPart { tr, list, none: tr.s("msg-dev-none") })
    });
    let next = l
        .next_page
        .as_ref()
        .map(|(n, i)| format!("/orgs/{id}/development?all={}&after={}", if all { "1" } else { "" }, url_encode(&format!("{n}|{i}"))));
    let b = Base::titled(&v, tr.ta("page-development-of", &[("name", l.org.name.clone())]), &format!("/orgs/{id}/development"));
    Ok(page(&ListPage { b, org_id: id, due, rows, all, next, may_run: l.may_run }))
}

#[derive(Template)]
#[template(path = "development/new.html")]
struct NewPage {
    b: Base,
    org_id: Uuid,
    q: String,
    found: Vec<(Uuid, String, String)>,
    searched: bool,
    applied_on: String,
    error: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NewQ {
    q: String,
}

async fn new_page(v: &Viewer, org_id: Uuid, q: &str, applied_on: String, error: Option<&AppError>) -> WebResult<Response> {
    let tr = v.tr;
    development::org(&v.ctx, org_id).await?;
    if crate::request::sensitive_in_url(q, v.ctx.app.today()) {
        return Err(AppError::invalid("q", "error-sensitive-in-url").into());
    }
    let found = if q.trim().is_empty() {
        Vec::new()
    } else {
        persons::search(&v.ctx, q, None, 20)
            .await?
            .into_iter()
            .map(|p| {
                let born = p.birth_date.map(|d| tr.ta("label-born", &[("date", d.to_string())])).unwrap_or_default();
                (p.id, p.name, born)
            })
            .collect()
    };
    let b = Base::new(v, "page-development-new", &format!("/orgs/{org_id}/development/new"));
    let status = error.map_or(StatusCode::OK, status_of);
    let error = error.map(|e| error_text(&tr, e)).unwrap_or_default();
    Ok(page_with(status, &NewPage { b, org_id, q: q.to_owned(), searched: !q.trim().is_empty(), found, applied_on, error }))
}

async fn new(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<NewQ>) -> WebResult<Response> {
    v.require()?;
    let today = v.ctx.app.today().to_string();
    new_page(&v, id, &q.q, today, None).await
}

fn date(f: &Pairs, name: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(f.value(name).trim(), "%Y-%m-%d").ok()
}

async fn open(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let person = Uuid::parse_str(f.value("person_id").trim()).ok();
    let r = match person {
        Some(p) => development::open(&v.ctx, id, p, date(&f, "applied_on"), &f.value("note")).await,
        None => Err(AppError::invalid("person_id", "error-choose")),
    };
    match r {
        Ok(c) => Ok(see_other(&format!("/development/{}", c.id))),
        Err(e) if crate::shell::is_form_error(&e) => new_page(&v, id, &f.value("q"), f.value("applied_on"), Some(&e)).await,
        Err(e) => Err(e.into()),
    }
}

pub struct TimelineRow {
    pub step: String,
    pub on: NaiveDate,
    pub note: String,
    pub meeting: Option<Uuid>,
    pub by: String,
}

/// A form for one step.
pub struct StepForm {
    pub code: &'static str,
    pub title: String,
    pub help: String,
    pub on_label: String,
    pub note_label: String,
    pub note_required: bool,
}

#[derive(Template)]
#[template(path = "development/show.html")]
struct ShowPage {
    b: Base,
    v: CaseView,
    stage: String,
    next: String,
    why: Vec<String>,
    timeline: Vec<TimelineRow>,
    introducers: String,
    forms: Vec<StepForm>,
    votes: Vec<(Uuid, String)>,
    error: String,
    typed: BTreeMap<String, String>,
    today: String,
}

/// The gate's own explanation of the next step, from the rule that decides it.
fn why(v: &Viewer, c: &development::Case, n: &Option<Next>) -> Vec<String> {
    let Some(n) = n else { return Vec::new() };
    let today = v.ctx.app.today().to_string();
    let d = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
    let values: Vec<(&str, String)> = match n.step {
        Step::Talk => vec![("gate", "talk".into()), ("application_on", d(Some(c.applied_on))), ("on", today)],
        Step::DevelopmentTarget => vec![("gate", "development_target".into()), ("activist_since", d(c.activist_on)), ("on", today)],
        Step::Admission => vec![("gate", "notice".into()), ("notice_from", d(c.notice_from)), ("on", today)],
        Step::Approval => vec![("gate", "approval".into()), ("assembly_on", d(c.assembly_on)), ("on", today)],
        Step::Confirmation => vec![
            ("gate", "confirmation".into()),
            ("probation_from", d(c.assembly_on)),
            ("extension_months", c.extension_months.unwrap_or(0).to_string()),
            ("on", today),
        ],
        _ => return Vec::new(),
    };
    let Some(rule) = lianxin_core::rules::find("development-gate") else { return Vec::new() };
    let values: BTreeMap<String, String> = values.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    match rules::answer(&v.ctx.app, rule, &values) {
        Ok(e) => e.reasons.iter().map(|r| rules::reason_text(&v.tr, r)).collect(),
        Err(_) => Vec::new(),
    }
}

async fn render(v: &Viewer, id: Uuid, error: Option<&AppError>, f: &Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let view = development::case(&v.ctx, id).await?;
    let timeline = view
        .steps
        .iter()
        .map(|s| TimelineRow {
            step: Step::parse(&s.step).map(|x| step_word(&tr, x)).unwrap_or_default(),
            on: s.on_date,
            note: s.note.clone(),
            meeting: s.meeting_id,
            by: s.recorded_by.clone(),
        })
        .collect();
    let forms = development::open_steps(&view.case)
        .iter()
        .filter(|s| if **s == Step::Approval { view.may_approve } else { view.may_run })
        .map(|s| {
            let code = s.as_str();
            let key = code.replace('_', "-");
            StepForm {
                code,
                title: step_word(&tr, *s),
                help: tr.t(&format!("help-dev-step-{key}")),
                on_label: tr.t(if *s == Step::Training { "field-dev-on-training" } else { "field-dev-on" }),
                note_label: tr.t(if *s == Step::Review { "field-dev-review-conclusion" } else { "field-note" }),
                note_required: matches!(s, Step::Review | Step::Extension | Step::Cancellation),
            }
        })
        .collect();
    let votes =
        view.votes.iter().map(|(id, on, motion)| (*id, format!("{} {motion}", on.map(|d| d.to_string()).unwrap_or_default()))).collect();
    let typed = ["on", "note", "training_from", "training_to", "training_hours", "extension_months"]
        .iter()
        .map(|k| ((*k).to_owned(), f.value(k)))
        .collect();
    let b = Base::titled(v, tr.ta("page-development-case", &[("name", view.case.person_name.clone())]), &format!("/development/{id}"));
    Ok(page_with(
        error.map_or(StatusCode::OK, status_of),
        &ShowPage {
            stage: stage_word(&tr, &view.case.stage),
            next: next_words(&tr, &view.next),
            why: why(v, &view.case, &view.next),
            introducers: view.introducers.join("、"),
            timeline,
            forms,
            votes,
            error: error.map(|e| error_text(&tr, e)).unwrap_or_default(),
            typed,
            today: v.ctx.app.today().to_string(),
            v: view,
            b,
        },
    ))
}

async fn show(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    render(&v, id, None, &Pairs::default()).await
}

async fn step(v: Viewer, Path((id, step)): Path<(Uuid, String)>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let step = Step::parse(&step).ok_or(AppError::NotFound)?;
    let f = Pairs::parse(&body);
    let number = |name: &str| f.value(name).trim().parse::<u32>().ok();
    let input = StepInput {
        on: date(&f, "on"),
        note: f.value("note"),
        introducers: f.all("introducer").iter().filter_map(|s| Uuid::parse_str(s.trim()).ok()).collect(),
        training_from: date(&f, "training_from"),
        training_to: date(&f, "training_to"),
        training_hours: number("training_hours"),
        vote_id: Uuid::parse_str(f.value("vote_id").trim()).ok(),
        extension_months: number("extension_months"),
    };
    match development::record_step(&v.ctx, id, step, input).await {
        Ok(_) => Ok(see_other(&format!("/development/{id}"))),
        Err(e) if crate::shell::is_form_error(&e) || matches!(e, AppError::Refused { .. }) => render(&v, id, Some(&e), &f).await,
        Err(e) => Err(e.into()),
    }
}
