//! Pages of points: an organization's standings for a period (cards on a phone, and a
//! spreadsheet), a member's points with every piece of evidence, entering points by hand with
//! their evidence, and the entries waiting for someone else's decision.

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
    points::{self, Entry, EntryInput},
    policy::{self, Action},
};
use lianxin_core::{meetings::Period, paging::Window, rules::points::reasons};
use serde::Deserialize;
use uuid::Uuid;

use super::{Base, error_text, page, page_with, see_other};
use crate::{
    AppState, Viewer,
    error::{WebResult, status_of},
    form::Pairs,
    i18n::Tr,
    rules::{self, period_words},
    shell::{XLSX, download, is_form_error, pager::Pager},
};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/points", get(home))
        .route("/orgs/{id}/points", get(standings))
        .route("/orgs/{id}/points.xlsx", get(export))
        .route("/orgs/{id}/points/new", get(new).post(enter))
        .route("/orgs/{id}/points/pending", get(pending))
        .route("/points/entries/{id}/decide", post(decide))
        .route("/points/members/{id}", get(member))
}

#[derive(Deserialize)]
struct PeriodQ {
    period: Option<String>,
}

/// The period of the entries waiting, and how many come before the page shown.
#[derive(Deserialize)]
struct PendingQ {
    period: Option<String>,
    from: Option<String>,
}

/// Entries one page of those waiting shows.
const PENDING_PAGE: u64 = 50;

async fn home(v: Viewer) -> WebResult<Response> {
    v.require()?;
    match policy::home_org(&v.ctx.actor, Action::ReadPoints) {
        Some(id) => Ok(see_other(&format!("/orgs/{id}/points"))),
        None => Err(AppError::NotFound.into()),
    }
}

/// The periods offered: the quarters and years of the recent years, newest first.
fn periods(v: &Viewer, tr: &Tr) -> Vec<(String, String)> {
    let year = chrono::Datelike::year(&v.ctx.app.today());
    (year - 2..=year)
        .rev()
        .flat_map(|y| std::iter::once(Period::Year { year: y }).chain((1..=4).rev().map(move |q| Period::Quarter { year: y, quarter: q })))
        .filter(|p| p.first_day() <= v.ctx.app.today())
        .map(|p| (p.code(), period_words(tr, &p.code())))
        .collect()
}

struct Row {
    member_id: Uuid,
    rank: usize,
    name: String,
    total: i32,
    parts: String,
    actions: String,
    flagged: bool,
}

fn actions_text(tr: &Tr, s: &lianxin_core::points::Score) -> String {
    s.actions.iter().map(|(a, _)| tr.t(&format!("points-action-{}", a.replace('_', "-")))).collect::<Vec<_>>().join("、")
}

fn parts_text(tr: &Tr, s: &lianxin_core::points::Score) -> String {
    let mut parts: Vec<String> = s
        .lines
        .iter()
        .filter(|l| l.counted != 0)
        .map(|l| format!("{} {:+}", tr.t(&format!("points-item-{}", l.item.replace('_', "-"))), l.counted))
        .collect();
    if s.hand != 0 {
        parts.push(format!("{} {:+}", tr.t("points-item-hand"), s.hand));
    }
    parts.join("，")
}

#[derive(Template)]
#[template(path = "points/standings.html")]
struct StandingsPage {
    b: Base,
    org_id: Uuid,
    /// All the page shows ([`StandingsPart`]), written once per kept standings.
    part: std::sync::Arc<str>,
}

/// What the page shows of kept standings (kept by organization, period, day and whether the
/// viewer records points): the periods to choose from, what may be done, the table.
#[derive(Template)]
#[template(path = "points/standings_part.html")]
struct StandingsPart {
    tr: Tr,
    org_id: Uuid,
    period: String,
    periods: Vec<(String, String)>,
    rows: Vec<Row>,
    may_record: bool,
    pending: u64,
    base: i32,
}

async fn standings(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<PeriodQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let period = points::period_of(&v.ctx, q.period.as_deref());
    let s = points::standings(&v.ctx, id, period).await?;
    let part = crate::shell::parts::part(&s, tr, "points-standings", || {
        let rows = s
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| Row {
                member_id: r.member.id,
                rank: i + 1,
                name: r.member.person_name.clone(),
                total: r.score.total,
                parts: parts_text(&tr, &r.score),
                actions: actions_text(&tr, &r.score),
                flagged: !r.score.actions.is_empty(),
            })
            .collect();
        crate::shell::parts::html(&StandingsPart {
            tr,
            org_id: id,
            period: period.code(),
            periods: periods(&v, &tr),
            rows,
            may_record: s.may_record,
            pending: s.pending,
            base: v.ctx.settings().points.base,
        })
    });
    let words = period_words(&tr, &period.code());
    let b = Base::titled(&v, tr.ta("page-points", &[("name", s.org.name.clone()), ("period", words)]), &format!("/orgs/{id}/points"));
    Ok(page(&StandingsPage { b, org_id: id, part }))
}

async fn export(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<PeriodQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let period = points::period_of(&v.ctx, q.period.as_deref());
    let s = points::standings(&v.ctx, id, period).await?;
    let headers = ["field-points-rank", "field-person-name", "field-points-total", "field-points-parts", "field-points-actions"]
        .map(|k| tr.t(k))
        .to_vec();
    let rows = s
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                r.member.person_name.clone(),
                r.score.total.to_string(),
                parts_text(&tr, &r.score),
                actions_text(&tr, &r.score),
            ]
        })
        .collect::<Vec<_>>();
    let bytes =
        lianxin_app::sheets::write_xlsx(&tr.t("nav-points"), &headers, rows).map_err(|e| AppError::internal(format!("xlsx: {e:?}")))?;
    let name = format!("{}-{}-{}.xlsx", s.org.name, period_words(&tr, &period.code()), tr.t("nav-points"));
    Ok(download(bytes, XLSX, &name, &format!("points-{}.xlsx", period.code())))
}

struct EntryLine {
    id: Uuid,
    name: String,
    on: NaiveDate,
    item: String,
    points: String,
    evidence: String,
    state: String,
    by: String,
}

fn entry_line(tr: &Tr, e: &Entry) -> EntryLine {
    EntryLine {
        id: e.id,
        name: e.person_name.clone(),
        on: e.happened_on,
        item: e.item.clone(),
        points: format!("{:+}", e.points),
        evidence: e.evidence.clone(),
        state: match e.status.as_str() {
            "approved" | "rejected" => {
                let who = e.decided_by.clone().unwrap_or_default();
                let note = if e.decision_note.is_empty() { String::new() } else { format!("：{}", e.decision_note) };
                format!("{}（{who}）{note}", tr.t(&format!("points-status-{}", e.status)))
            }
            _ => tr.t("points-status-pending"),
        },
        by: e.entered_by.clone(),
    }
}

#[derive(Template)]
#[template(path = "points/member.html")]
struct MemberPage {
    b: Base,
    member_id: Uuid,
    period: String,
    periods: Vec<(String, String)>,
    total: i32,
    why: Vec<String>,
    actions: String,
    appeals: Vec<(Uuid, String, String, String)>,
    meetings: Vec<(Uuid, String, NaiveDate, String)>,
    contacts: u64,
    entries: Vec<EntryLine>,
}

async fn member(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<PeriodQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let period = points::period_of(&v.ctx, q.period.as_deref());
    let e = points::member(&v.ctx, id, period).await?;
    let offset = v.ctx.settings().display_utc_offset_minutes;
    let appeals = e
        .appeals
        .iter()
        .map(|(aid, code, at, rating)| {
            let day = lianxin_core::meetings::local_date(*at, offset).to_string();
            let rating = rating.as_deref().map(|r| tr.t(&format!("staff-rating-{r}"))).unwrap_or_default();
            (*aid, code.clone(), day, rating)
        })
        .collect();
    let meetings = e.meetings.iter().map(|(mid, title, on, a)| (*mid, title.clone(), *on, tr.t(&format!("attendance-{a}")))).collect();
    let title =
        tr.ta("page-points-member", &[("name", e.standing.member.person_name.clone()), ("period", period_words(&tr, &period.code()))]);
    let b = Base::titled(&v, title, &format!("/points/members/{id}"));
    Ok(page(&MemberPage {
        b,
        member_id: id,
        period: period.code(),
        periods: periods(&v, &tr),
        total: e.standing.score.total,
        why: reasons(&e.standing.score).iter().map(|r| rules::reason_text(&tr, r)).collect(),
        actions: actions_text(&tr, &e.standing.score),
        appeals,
        meetings,
        contacts: e.contacts,
        entries: e.entries.iter().map(|x| entry_line(&tr, x)).collect(),
    }))
}

struct Choice {
    id: Uuid,
    name: String,
    chosen: bool,
}

#[derive(Template)]
#[template(path = "points/new.html")]
struct NewPage {
    b: Base,
    org_id: Uuid,
    org_name: String,
    error: String,
    f: Pairs,
    members: Vec<Choice>,
}

async fn render_new(v: &Viewer, id: Uuid, error: Option<&AppError>, f: Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let (org, members) = lianxin_app::care::members(&v.ctx, id).await?;
    let chosen = f.value("member");
    let members = members.into_iter().map(|m| Choice { chosen: m.id.to_string() == chosen, id: m.id, name: m.person_name }).collect();
    let b = Base::titled(v, tr.t("page-points-new"), &format!("/orgs/{id}/points/new"));
    Ok(page_with(
        error.map_or(StatusCode::OK, status_of),
        &NewPage { b, org_id: id, org_name: org.name, error: error.map(|e| error_text(&tr, e)).unwrap_or_default(), f, members },
    ))
}

async fn new(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let mut f = Pairs::default();
    f.set("happened_on", v.ctx.app.today().to_string());
    render_new(&v, id, None, f).await
}

async fn enter(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let input = EntryInput {
        member_id: Uuid::parse_str(f.value("member").trim()).ok(),
        happened_on: NaiveDate::parse_from_str(f.value("happened_on").trim(), "%Y-%m-%d").ok(),
        item: f.value("item"),
        points: f.value("points"),
        evidence: f.value("evidence"),
    };
    match points::enter(&v.ctx, id, input).await {
        Ok(_) => Ok(see_other(&format!("/orgs/{id}/points/pending"))),
        Err(e) if is_form_error(&e) => render_new(&v, id, Some(&e), f).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "points/pending.html")]
struct PendingPage {
    b: Base,
    org_id: Uuid,
    lines: Vec<EntryLine>,
    pager: Pager,
    may_decide: bool,
}

async fn pending(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<PendingQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let year = Period::Year { year: chrono::Datelike::year(&v.ctx.app.today()) };
    let period = q.period.as_deref().and_then(Period::parse).unwrap_or(year);
    let from = q.from.as_deref().and_then(crate::shell::pager::from_param);
    let (org, list, may_decide) = points::pending(&v.ctx, id, period, Window::new(from, PENDING_PAGE)).await?;
    let pager = Pager::of(tr, &list, PENDING_PAGE, &format!("/orgs/{id}/points/pending?period={}", period.code()), "from", "");
    let b = Base::titled(&v, tr.ta("page-points-pending", &[("name", org.name.clone())]), &format!("/orgs/{id}/points/pending"));
    let lines = list.items.iter().map(|e| entry_line(&tr, e)).collect();
    Ok(page(&PendingPage { b, org_id: id, lines, pager, may_decide }))
}

async fn decide(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let e = points::decide_entry(&v.ctx, id, f.value("decision") == "approve", &f.value("decision_note")).await?;
    Ok(see_other(&format!(
        "/points/members/{}?period={}",
        e.member_id,
        Period::Year { year: chrono::Datelike::year(&e.happened_on) }.code()
    )))
}
