//! Pages of tasks handed down: an organization's tasks (those it issued with their progress, the
//! parts handed to it with their deadlines) and issuing one; a task's roll-up level by level down
//! to the village, with what each reported and what shows it, the forms to split a part, report
//! progress and return a part for rework; and the roll-up as Excel.

use askama::Template;
use axum::{
    Router,
    body::Bytes,
    extract::Path,
    http::StatusCode,
    response::Response,
    routing::{get, post},
};
use chrono::NaiveDate;
use lianxin_app::{
    AppError,
    tasks::{self, TaskList, TaskNew, TaskView},
};
use lianxin_core::tasks::{Due, TaskKind};
use uuid::Uuid;

use super::{Base, page_with, see_other};
use crate::{AppState, Viewer, error::WebResult, error::status_of, form::Pairs, html::error_text, i18n::Tr};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/tasks", get(home))
        .route("/orgs/{id}/tasks", get(list).post(issue))
        .route("/tasks/{id}", get(show))
        .route("/tasks/{id}/roll-up.xlsx", get(export))
        .route("/task-parts/{id}/split", post(split))
        .route("/task-parts/{id}/report", post(report))
        .route("/task-parts/{id}/return", post(return_part))
}

async fn home(v: Viewer) -> WebResult<Response> {
    v.require()?;
    match lianxin_app::policy::home_org(&v.ctx.actor, lianxin_app::policy::Action::ReadTasks) {
        Some(id) => Ok(see_other(&format!("/orgs/{id}/tasks"))),
        None => Err(AppError::NotFound.into()),
    }
}

/// A percentage in hundredths as words: "62.5%".
fn pct(h: u64) -> String {
    if h.is_multiple_of(100) { format!("{}%", h / 100) } else { format!("{}.{}%", h / 100, (h % 100) / 10) }
}

fn due_words(tr: &Tr, d: Due) -> String {
    match d {
        Due::Open { days_left } => tr.ta("task-due-open", &[("days", days_left.to_string())]),
        Due::Overdue { days } => tr.ta("task-due-overdue", &[("days", days.to_string())]),
        Due::DoneOnTime => tr.t("task-due-done"),
        Due::DoneLate { days } => tr.ta("task-due-done-late", &[("days", days.to_string())]),
    }
}

fn kind_word(tr: &Tr, k: &str) -> String {
    tr.t(&format!("task-kind-{k}"))
}

#[derive(Template)]
#[template(path = "tasks/list.html")]
struct ListPage {
    b: Base,
    org_id: Uuid,
    may_issue: bool,
    /// id, title, kind, due, percent
    issued: Vec<(Uuid, String, String, String, String)>,
    /// task id, title, target, due words, overdue, status words
    handed: Vec<(Uuid, String, String, String, bool, String)>,
    below: Vec<(Uuid, String)>,
    f: Pairs,
    error: String,
}

async fn list_page(v: &Viewer, id: Uuid, error: Option<&AppError>, f: Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let TaskList { org, may_issue, issued, handed, below } = tasks::list(&v.ctx, id).await?;
    let b = Base::titled(v, tr.ta("page-tasks-of", &[("name", org.name.clone())]), &format!("/orgs/{id}/tasks"));
    Ok(page_with(
        error.map_or(StatusCode::OK, status_of),
        &ListPage {
            b,
            org_id: id,
            may_issue,
            issued: issued
                .into_iter()
                .map(|(t, p)| (t.id, t.title.clone(), kind_word(&tr, &t.kind), t.due_on.to_string(), pct(p)))
                .collect(),
            handed: handed
                .into_iter()
                .map(|(x, t, d)| {
                    let target = if t.kind == "number" { format!("{} {}", x.target, t.unit) } else { kind_word(&tr, &t.kind) };
                    (t.id, t.title, target, due_words(&tr, d), d.overdue(), tr.t(&format!("task-status-{}", x.status)))
                })
                .collect(),
            below: below.into_iter().map(|o| (o.id, o.name)).collect(),
            f,
            error: error.map(|e| error_text(&tr, e)).unwrap_or_default(),
        },
    ))
}

async fn list(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    list_page(&v, id, None, Pairs::default()).await
}

/// The organizations a form names: `o{i}` an organization ticked, `t{i}` its target.
fn parts_of(f: &Pairs) -> Result<Vec<(Uuid, u64)>, AppError> {
    let mut out = Vec::new();
    for (key, id) in f.prefixed("o") {
        let Some(Ok(i)) = key.strip_prefix('o').map(str::parse::<usize>) else { continue };
        let Ok(id) = Uuid::parse_str(id.trim()) else { continue };
        let raw = f.value(&format!("t{i}"));
        let target = if raw.trim().is_empty() { 0 } else { raw.trim().parse().map_err(|_| AppError::invalid("parts", "error-count"))? };
        out.push((id, target));
    }
    Ok(out)
}

fn date_of(f: &Pairs, field: &'static str) -> Result<Option<NaiveDate>, AppError> {
    super::people::date(field, &f.value(field))
}

async fn issue(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let r = async {
        let new = TaskNew {
            title: f.value("title"),
            description: f.value("description"),
            kind: TaskKind::parse(f.value("kind").trim()),
            unit: f.value("unit"),
            checklist: f.value("checklist"),
            target: if f.value("target").trim().is_empty() {
                0
            } else {
                f.value("target").trim().parse().map_err(|_| AppError::invalid("target", "error-count"))?
            },
            due_on: date_of(&f, "due_on")?,
            parts: parts_of(&f)?,
        };
        tasks::issue(&v.ctx, id, new).await
    }
    .await;
    match r {
        Ok(t) => Ok(see_other(&format!("/tasks/{}", t.id))),
        Err(e) if crate::shell::is_form_error(&e) => list_page(&v, id, Some(&e), f).await,
        Err(e) => Err(e.into()),
    }
}

/// A part's row on the page.
pub struct Row {
    pub id: Uuid,
    pub org: String,
    pub indent: usize,
    pub target: String,
    pub achieved: String,
    pub percent: String,
    pub bar: u64,
    pub due: String,
    pub overdue: bool,
    pub status: String,
    pub returned: String,
    pub note: String,
    pub short: String,
    pub may_report: bool,
    pub may_split: bool,
    pub may_return: bool,
    /// The organizations below the part's own, to split it among.
    pub below: Vec<(Uuid, String)>,
    pub done: i64,
}

#[derive(Template)]
#[template(path = "tasks/show.html")]
struct ShowPage {
    b: Base,
    view: TaskView,
    kind: String,
    whole: String,
    percent: String,
    short: String,
    items: Vec<String>,
    rows: Vec<Row>,
    /// when, organization, figure, note, evidence
    reports: Vec<(String, String, String, String, String)>,
    number: bool,
    error: String,
}

async fn render(v: &Viewer, id: Uuid, error: Option<&AppError>) -> WebResult<Response> {
    let tr = v.tr;
    let view = tasks::show(&v.ctx, id).await?;
    let t = &view.task;
    let number = t.kind == "number";
    let unit = t.unit.clone();
    let amount = |n: u64| if number { format!("{n} {unit}") } else { n.to_string() };
    let mut rows = Vec::new();
    for r in &view.parts {
        rows.push(Row {
            id: r.part.id,
            org: r.org_name.clone(),
            indent: r.depth,
            target: amount(r.part.target as u64),
            achieved: amount(r.achieved),
            percent: pct(r.percent),
            bar: r.percent / 100,
            due: due_words(&tr, r.due),
            overdue: r.due.overdue(),
            status: tr.t(&format!("task-status-{}", r.state)),
            returned: r.part.returned_reason.clone().unwrap_or_default(),
            note: r.part.note.clone(),
            short: if r.short > 0 { tr.ta("label-task-short", &[("short", amount(r.short))]) } else { String::new() },
            may_report: r.may_report,
            may_split: r.may_split,
            may_return: r.may_return,
            below: r.below.iter().map(|o| (o.id, o.name.clone())).collect(),
            done: r.part.done,
        });
    }
    let offset = v.ctx.settings().display_utc_offset_minutes;
    let reports = view
        .reports
        .iter()
        .map(|(r, org)| {
            let at = lianxin_core::meetings::local_date(r.at, offset).to_string();
            (at, org.clone(), amount(r.done as u64), r.note.clone(), r.evidence.clone())
        })
        .collect();
    let b = Base::titled(v, t.title.clone(), &format!("/tasks/{id}"));
    Ok(page_with(
        error.map_or(StatusCode::OK, status_of),
        &ShowPage {
            kind: kind_word(&tr, &t.kind),
            whole: if number { amount(t.target as u64) } else { kind_word(&tr, &t.kind) },
            percent: pct(view.percent),
            short: if view.short > 0 { tr.ta("label-task-short", &[("short", amount(view.short))]) } else { String::new() },
            items: tasks::items(&t.checklist),
            rows,
            reports,
            number,
            error: error.map(|e| error_text(&tr, e)).unwrap_or_default(),
            b,
            view,
        },
    ))
}

async fn show(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    render(&v, id, None).await
}

/// Runs a part's form and comes back to the task, with the error when refused.
async fn act(v: &Viewer, part: Uuid, r: Result<(), AppError>) -> WebResult<Response> {
    let task = tasks::task_of(&v.ctx, part).await?;
    match r {
        Ok(()) => Ok(see_other(&format!("/tasks/{task}"))),
        Err(e) if crate::shell::is_form_error(&e) => render(v, task, Some(&e)).await,
        Err(e) => Err(e.into()),
    }
}

async fn split(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let r = async { tasks::split(&v.ctx, id, &parts_of(&f)?, date_of(&f, "due_on")?).await.map(|_| ()) }.await;
    act(&v, id, r).await
}

async fn report(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let r = async {
        let raw = f.value("done");
        let done = raw.trim().parse::<u64>().map_err(|_| AppError::invalid("done", "error-count"))?;
        tasks::report(&v.ctx, id, done, &f.value("note"), &f.value("evidence")).await.map(|_| ())
    }
    .await;
    act(&v, id, r).await
}

async fn return_part(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let r = tasks::return_part(&v.ctx, id, &f.value("reason")).await.map(|_| ());
    act(&v, id, r).await
}

/// The roll-up as Excel: every part the viewer reaches, in the order of the tree, in words.
async fn export(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let view = tasks::show(&v.ctx, id).await?;
    let headers = [
        "field-org",
        "field-task-level",
        "field-task-target",
        "field-task-achieved",
        "field-task-percent",
        "field-task-due",
        "field-task-status",
        "field-task-note",
    ]
    .map(|k| tr.t(k))
    .to_vec();
    let rows = view
        .parts
        .iter()
        .map(|r| {
            vec![
                r.org_name.clone(),
                (r.depth + 1).to_string(),
                r.part.target.to_string(),
                r.achieved.to_string(),
                pct(r.percent),
                due_words(&tr, r.due),
                tr.t(&format!("task-status-{}", r.state)),
                r.part.returned_reason.clone().unwrap_or_else(|| r.part.note.clone()),
            ]
        })
        .collect::<Vec<_>>();
    let bytes =
        lianxin_app::sheets::write_xlsx(&tr.t("nav-tasks"), &headers, rows).map_err(|e| AppError::internal(format!("xlsx: {e:?}")))?;
    Ok(crate::shell::download(bytes, crate::shell::XLSX, &format!("{}-{}.xlsx", view.task.title, tr.t("nav-tasks")), "tasks.xlsx"))
}
