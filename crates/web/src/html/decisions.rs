//! Pages of 四议两公开: an organization's village matters (open or all, searched, newest first,
//! the overdue disclosures flagged), opening one, the matter itself — its steps with the numbers
//! they were counted on and the rule's reasons, and a form for the step it waits for — and the
//! village's public board of disclosed decisions, read without signing in.

use std::collections::HashMap;

use askama::Template;
use axum::{
    Router,
    body::Bytes,
    extract::{Path, Query},
    http::StatusCode,
    response::Response,
    routing::{get, post},
};
use chrono::NaiveDate;
use lianxin_app::{
    AppError,
    decisions::{self, MatterFilter, MatterNew, MatterView, StepInput},
};
use lianxin_core::decisions::{Body, MatterKind, Outcome, Step};
use lianxin_core::rules::decisions as explain;
use lianxin_core::rules::elections as explain_elections;
use serde::Deserialize;
use uuid::Uuid;

use super::{Base, page, page_with, see_other, url_encode};
use crate::{AppState, Viewer, error::WebResult, error::status_of, form::Pairs, html::error_text, i18n::Tr, rules};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/decisions", get(home))
        .route("/orgs/{id}/decisions", get(list).post(open))
        .route("/orgs/{id}/decisions.xlsx", get(export))
        .route("/decisions/{id}", get(show))
        .route("/decisions/{id}/steps/{step}", post(step))
        .route("/board/{id}/decisions", get(board))
}

pub fn step_word(tr: &Tr, s: Step) -> String {
    tr.t(&format!("decision-step-{}", s.as_str().replace('_', "-")))
}

pub fn kind_word(tr: &Tr, k: &str) -> String {
    tr.t(&format!("matter-kind-{}", k.replace('_', "-")))
}

fn outcome_word(tr: &Tr, o: &str) -> String {
    tr.t(&format!("decision-outcome-{o}"))
}

/// The first organization the viewer reads matters of.
async fn home(v: Viewer) -> WebResult<Response> {
    v.require()?;
    match lianxin_app::policy::home_org(&v.ctx.actor, lianxin_app::policy::Action::ReadDecisions) {
        Some(id) => Ok(see_other(&format!("/orgs/{id}/decisions"))),
        None => Err(AppError::NotFound.into()),
    }
}

pub struct MatterRow {
    pub id: Uuid,
    pub title: String,
    pub org: String,
    pub kind: String,
    pub reserved: bool,
    pub next: String,
    pub overdue: bool,
    pub opened: NaiveDate,
}

#[derive(Template)]
#[template(path = "decisions/list.html")]
struct ListPage {
    b: Base,
    org_id: Uuid,
    rows: Vec<MatterRow>,
    all: bool,
    q: String,
    next: Option<String>,
    may_run: bool,
    /// The kinds as (word stored, word read, chosen).
    kinds: Vec<(String, String, bool)>,
    typed: HashMap<&'static str, String>,
    error: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQ {
    all: String,
    q: String,
    before: String,
}

async fn list_page(v: &Viewer, id: Uuid, q: ListQ, error: Option<&AppError>, f: &Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let all = q.all == "1";
    let words = q.q.trim().to_owned();
    if crate::request::sensitive_in_url(&words, v.ctx.app.today()) {
        return Err(AppError::invalid("q", "error-sensitive-in-url").into());
    }
    let before = q.before.split_once('|').and_then(|(t, i)| {
        let t = chrono::DateTime::parse_from_rfc3339(t).ok()?.with_timezone(&chrono::Utc);
        Some((t, Uuid::parse_str(i).ok()?))
    });
    let filter = MatterFilter { open: !all, q: (!words.is_empty()).then(|| words.clone()) };
    let l = decisions::list(&v.ctx, id, &filter, before, 50).await?;
    let offset = v.ctx.settings().display_utc_offset_minutes;
    let rows = l
        .matters
        .iter()
        .map(|(m, d)| MatterRow {
            id: m.id,
            title: m.title.clone(),
            org: l.org_names.get(&m.org_id).cloned().unwrap_or_default(),
            kind: kind_word(&tr, &m.kind),
            reserved: decisions::kind(m).reserved(),
            next: match m.next_step.as_deref().and_then(Step::parse) {
                Some(s) if m.status == "open" => step_word(&tr, s),
                _ => tr.t("label-decision-finished"),
            },
            overdue: d.overdue(),
            opened: lianxin_core::meetings::local_date(m.created_at, offset),
        })
        .collect();
    let next = l.next_page.map(|(t, i)| {
        format!(
            "/orgs/{id}/decisions?all={}&q={}&before={}",
            if all { "1" } else { "" },
            url_encode(&words),
            url_encode(&format!("{}|{i}", t.to_rfc3339()))
        )
    });
    let chosen = f.value("kind");
    let kinds = MatterKind::ALL.iter().map(|k| (k.as_str().to_owned(), kind_word(&tr, k.as_str()), chosen.trim() == k.as_str())).collect();
    let typed = ["title", "kind", "description"].into_iter().map(|k| (k, f.value(k))).collect();
    let b = Base::titled(v, tr.ta("page-decisions-of", &[("name", l.org.name.clone())]), &format!("/orgs/{id}/decisions"));
    Ok(page_with(
        error.map_or(StatusCode::OK, status_of),
        &ListPage {
            b,
            org_id: id,
            rows,
            all,
            q: words,
            next,
            may_run: l.may_run,
            kinds,
            typed,
            error: error.map(|e| error_text(&tr, e)).unwrap_or_default(),
        },
    ))
}

async fn list(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<ListQ>) -> WebResult<Response> {
    v.require()?;
    list_page(&v, id, q, None, &Pairs::default()).await
}

/// Every matter of the organization and those below it, for Excel: names and dates in words.
async fn export(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let l = decisions::list(&v.ctx, id, &MatterFilter { open: false, q: None }, None, 5000).await?;
    let headers = [
        "field-decision-title",
        "field-org",
        "field-decision-kind",
        "label-decision-reserved",
        "field-decision-next",
        "field-decision-opened",
        "decision-step-resolution",
        "decision-step-resolution-disclosed",
        "field-decision-finish-by",
        "decision-step-result-disclosed",
        "label-decision-overdue",
    ]
    .map(|k| tr.t(k))
    .to_vec();
    let offset = v.ctx.settings().display_utc_offset_minutes;
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let yes_no = |b: bool| tr.t(if b { "label-yes" } else { "label-no" });
    let rows = l
        .matters
        .iter()
        .map(|(m, d)| {
            vec![
                m.title.clone(),
                l.org_names.get(&m.org_id).cloned().unwrap_or_default(),
                kind_word(&tr, &m.kind),
                yes_no(decisions::kind(m).reserved()),
                match m.next_step.as_deref().and_then(Step::parse) {
                    Some(s) if m.status == "open" => step_word(&tr, s),
                    _ => tr.t("label-decision-finished"),
                },
                lianxin_core::meetings::local_date(m.created_at, offset).to_string(),
                day(m.resolved_on),
                day(m.resolution_disclosed_on),
                day(m.finish_by),
                day(m.result_disclosed_on),
                yes_no(d.overdue()),
            ]
        })
        .collect::<Vec<_>>();
    let bytes =
        lianxin_app::sheets::write_xlsx(&tr.t("nav-decisions"), &headers, rows).map_err(|e| AppError::internal(format!("xlsx: {e:?}")))?;
    Ok(crate::shell::download(bytes, crate::shell::XLSX, &format!("{}-{}.xlsx", l.org.name, tr.t("nav-decisions")), "decisions.xlsx"))
}

async fn open(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let new = MatterNew { title: f.value("title"), kind: MatterKind::parse(f.value("kind").trim()), description: f.value("description") };
    match decisions::open(&v.ctx, id, new).await {
        Ok(m) => Ok(see_other(&format!("/decisions/{}", m.id))),
        Err(e) if crate::shell::is_form_error(&e) => list_page(&v, id, ListQ::default(), Some(&e), &f).await,
        Err(e) => Err(e.into()),
    }
}

/// One step as the page shows it: what, when, how it ended, where, the numbers and why.
pub struct StepLine {
    pub step: String,
    pub outcome: String,
    pub outcome_code: String,
    pub on: NaiveDate,
    pub meeting: Option<Uuid>,
    pub numbers: String,
    pub why: Vec<String>,
    pub note: String,
    pub present: Vec<String>,
    pub absent: Vec<String>,
    pub by: String,
}

#[derive(Template)]
#[template(path = "decisions/show.html")]
struct ShowPage {
    b: Base,
    v: MatterView,
    kind: String,
    reserved: bool,
    lines: Vec<StepLine>,
    next: Option<Step>,
    next_word: String,
    next_why: Vec<String>,
    disclosures: Vec<String>,
    overdue: bool,
    votes: Vec<(Uuid, String)>,
    representatives: Vec<(Uuid, String)>,
    adults: u64,
    households: u64,
    may_skip: bool,
    error: String,
    typed: HashMap<&'static str, String>,
    checked: Vec<Uuid>,
    today: String,
}

fn numbers(tr: &Tr, base: Option<i32>, present: Option<i32>, yes: Option<i32>, no: Option<i32>, abstain: Option<i32>) -> String {
    let n = |x: Option<i32>| x.map(|v| v.to_string()).unwrap_or_default();
    match (base, present) {
        (Some(_), Some(_)) => tr.ta(
            "label-decision-numbers",
            &[("base", n(base)), ("present", n(present)), ("yes", n(yes)), ("no", n(no)), ("abstain", n(abstain))],
        ),
        _ => String::new(),
    }
}

fn line(tr: &Tr, view: &MatterView, s: &decisions::StepRow) -> StepLine {
    let step = Step::parse(&s.step).unwrap_or(Step::Proposal);
    let u = |x: Option<i32>| x.unwrap_or(0).max(0) as u64;
    let mut why = Vec::new();
    let (mut present, mut absent) = (Vec::new(), Vec::new());
    if s.vote_id.is_some() {
        why = explain::vote_reasons(step, u(s.base), u(s.present), u(s.yes)).iter().map(|r| rules::reason_text(tr, r)).collect();
    }
    if let Some(vm) = s.village_meeting_id.and_then(|id| view.village_meetings.get(&id)) {
        let yes = s.yes.map(|y| y.max(0) as u64);
        let reasons = if vm.body == Body::Representatives.as_str() {
            lianxin_core::elections::representatives_meeting(vm.representatives as u64, vm.representatives_present as u64, yes.unwrap_or(0))
                .map(|v| explain_elections::representatives_reasons(&v))
                .unwrap_or_default()
        } else {
            lianxin_core::elections::villagers_meeting(
                vm.adults as u64,
                vm.adults_present as u64,
                vm.households as u64,
                vm.households_present as u64,
                yes,
            )
            .map(|v| explain_elections::villagers_reasons(&v, yes))
            .unwrap_or_default()
        };
        why = reasons.iter().map(|r| rules::reason_text(tr, r)).collect();
        why.insert(
            0,
            tr.ta("label-decision-village-meeting", &[("body", tr.t(&format!("decision-body-{}", vm.body))), ("place", vm.place.clone())]),
        );
        for a in view.attendees.get(&vm.id).into_iter().flatten() {
            if a.present { present.push(a.person_name.clone()) } else { absent.push(a.person_name.clone()) }
        }
    }
    let note = if s.note == "delegated" { tr.t("label-decision-delegated") } else { s.note.clone() };
    StepLine {
        step: step_word(tr, step),
        outcome: outcome_word(tr, &s.outcome),
        outcome_code: s.outcome.clone(),
        on: s.on_date,
        meeting: s.meeting_id,
        numbers: numbers(tr, s.base, s.present, s.yes, s.no, s.abstain),
        why,
        note,
        present,
        absent,
        by: s.recorded_by.clone(),
    }
}

/// The disclosures' days in words: due on, made on, overdue.
fn disclosure_lines(tr: &Tr, view: &MatterView) -> Vec<String> {
    let d = &view.disclosures;
    [(Step::ResolutionDisclosed, d.resolution), (Step::ResultDisclosed, d.result)]
        .into_iter()
        .filter_map(|(s, x)| x.map(|x| (s, x)))
        .map(|(s, x)| {
            let r = explain::disclosure_reason(&x, view.disclosure_days);
            format!("{}：{}", step_word(tr, s), rules::reason_text(tr, &r))
        })
        .collect()
}

async fn render(v: &Viewer, id: Uuid, error: Option<&AppError>, f: &Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let view = decisions::show(&v.ctx, id).await?;
    let lines = view.steps.iter().map(|s| line(&tr, &view, s)).collect();
    let k = decisions::kind(&view.matter);
    let next = if view.matter.status == "open" { view.next } else { None };
    let next_why = next
        .map(|s| {
            let done = decisions::completed(&view.steps);
            explain::order_reasons(k, &lianxin_core::decisions::step_order(k, &done, s, false))
                .iter()
                .map(|r| rules::reason_text(&tr, r))
                .collect()
        })
        .unwrap_or_default();
    let votes = view
        .votes
        .iter()
        .map(|c| {
            let kind = tr.t(&format!("meeting-kind-{}", c.meeting.kind));
            let on = c.meeting.held_on.map(|d| d.to_string()).unwrap_or_default();
            let n = numbers(&tr, Some(c.vote.eligible), Some(c.vote.present), Some(c.vote.yes), Some(c.vote.no), Some(c.vote.abstain));
            (c.vote.id, format!("{on} {kind} · {} · {n}", c.vote.motion))
        })
        .collect();
    let roll = view.roll.clone().unwrap_or_default();
    let typed = ["on", "place", "adults_present", "households_present", "yes", "no", "abstain", "note", "finish_by", "body"]
        .into_iter()
        .map(|k| (k, f.value(k)))
        .collect();
    let checked = f.all("present").iter().filter_map(|s| Uuid::parse_str(s.trim()).ok()).collect();
    let b = Base::titled(v, view.matter.title.clone(), &format!("/decisions/{id}"));
    Ok(page_with(
        error.map_or(StatusCode::OK, status_of),
        &ShowPage {
            b,
            kind: kind_word(&tr, &view.matter.kind),
            reserved: k.reserved(),
            lines,
            next,
            next_word: next.map(|s| step_word(&tr, s)).unwrap_or_else(|| tr.t("label-decision-finished")),
            next_why,
            disclosures: disclosure_lines(&tr, &view),
            overdue: view.disclosures.overdue(),
            votes,
            representatives: roll.representatives,
            adults: roll.adults,
            households: roll.households,
            may_skip: !k.reserved(),
            error: error.map(|e| error_text(&tr, e)).unwrap_or_default(),
            typed,
            checked,
            today: v.ctx.app.today().to_string(),
            v: view,
        },
    ))
}

async fn show(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    render(&v, id, None, &Pairs::default()).await
}

fn date(f: &Pairs, name: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(f.value(name).trim(), "%Y-%m-%d").ok()
}

/// A step's input from a form (the JSON API reads the same fields).
pub fn step_input(f: &Pairs) -> Result<StepInput, AppError> {
    let number = |name: &'static str| -> Result<Option<u64>, AppError> {
        let raw = f.value(name);
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        raw.parse::<u64>().map(Some).map_err(|_| AppError::invalid(name, "error-count"))
    };
    let day = |name: &'static str| -> Result<Option<NaiveDate>, AppError> {
        let raw = f.value(name);
        if raw.trim().is_empty() {
            return Ok(None);
        }
        date(f, name).map(Some).ok_or(AppError::invalid(name, "error-date"))
    };
    let body = f.value("body");
    Ok(StepInput {
        vote_id: Uuid::parse_str(f.value("vote_id").trim()).ok(),
        body: Body::parse(body.trim()),
        on: day("on")?,
        place: f.value("place"),
        adults_present: number("adults_present")?,
        households_present: number("households_present")?,
        present: f.all("present").iter().filter_map(|s| Uuid::parse_str(s.trim()).ok()).collect(),
        yes: number("yes")?,
        no: number("no")?,
        abstain: number("abstain")?,
        delegated: f.value("delegated") == "1",
        skip: f.value("skip") == "1",
        note: f.value("note"),
        finish_by: day("finish_by")?,
    })
}

async fn step(v: Viewer, Path((id, step)): Path<(Uuid, String)>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let step = Step::parse(&step).ok_or(AppError::NotFound)?;
    let f = Pairs::parse(&body);
    let r = match step_input(&f) {
        Ok(input) => decisions::record_step(&v.ctx, id, step, input).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(_) => Ok(see_other(&format!("/decisions/{id}"))),
        Err(e) if crate::shell::is_form_error(&e) => render(&v, id, Some(&e), &f).await,
        Err(e) => Err(e.into()),
    }
}

pub struct BoardEntry {
    pub title: String,
    pub kind: String,
    pub description: String,
    pub steps: Vec<(String, NaiveDate, String, String)>,
}

#[derive(Template)]
#[template(path = "decisions/board.html")]
struct BoardPage {
    b: Base,
    entries: Vec<BoardEntry>,
}

/// The village's public board of decisions: each matter whose resolution was disclosed, its
/// steps with their dates and numbers, and what was disclosed. No sign-in.
async fn board(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    let tr = v.tr;
    let bd = decisions::board(&v.ctx, id).await?;
    let entries = bd
        .entries
        .iter()
        .map(|(m, steps)| BoardEntry {
            title: m.title.clone(),
            kind: kind_word(&tr, &m.kind),
            description: m.description.clone(),
            steps: steps
                .iter()
                .map(|s| {
                    let step = Step::parse(&s.step).unwrap_or(Step::Proposal);
                    let note = if s.outcome == Outcome::Skipped.as_str() || step.is_vote() { String::new() } else { s.note.clone() };
                    (step_word(&tr, step), s.on_date, numbers(&tr, s.base, s.present, s.yes, s.no, s.abstain), note)
                })
                .collect(),
        })
        .collect();
    let b = Base::titled(&v, tr.ta("page-decisions-board", &[("name", bd.org.name.clone())]), &format!("/board/{id}/decisions"));
    Ok(page(&BoardPage { b, entries }))
}
