//! Pages of care and pairing: an organization's year of care (the must-visit list with whether
//! each was visited, members in difficulty, the visits), registering and closing a difficulty,
//! planning and recording a visit; pairs and household contacts in their own modules.

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
    care::{self, DifficultyInput, Visit, VisitInput},
    policy::{self, Action},
};
use lianxin_core::{
    care::{DIFFICULTY_KINDS, OCCASIONS},
    paging::{Shown, Window},
    rules::care::must_visit_reason,
};
use serde::Deserialize;
use uuid::Uuid;

use crate::{
    AppState, Viewer,
    error::WebResult,
    form::Pairs,
    html::{Base, page, page_with, see_other},
    i18n::Tr,
    rules,
    shell::{
        XLSX, download, is_form_error,
        pager::{FromQ, Pager},
        years::{YearQ, recent_years, year_of},
    },
};

mod households;
mod pairs;

pub(super) use crate::shell::forms::{date, said, shown, word};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/care", get(home))
        .route("/orgs/{id}/care", get(overview))
        .route("/orgs/{id}/care.xlsx", get(export))
        .route("/orgs/{id}/care/difficulties/new", get(new_difficulty).post(register))
        .route("/care/difficulties/{id}", get(difficulty))
        .route("/care/difficulties/{id}/close", post(close))
        .route("/orgs/{id}/care/visits/new", get(new_visit).post(plan))
        .route("/care/visits/{id}", get(visit))
        .route("/care/visits/{id}/made", post(made))
        .merge(pairs::router())
        .merge(households::router())
}

/// The staff go to their organization's care; a member to their own households and pairs.
async fn home(v: Viewer) -> WebResult<Response> {
    v.require()?;
    if let Some(id) = policy::home_org(&v.ctx.actor, Action::ReadCare) {
        return Ok(see_other(&format!("/orgs/{id}/care")));
    }
    if policy::menu(&v.ctx.actor).mine {
        return Ok(see_other("/care/mine"));
    }
    Err(AppError::NotFound.into())
}

struct MustCard {
    member_id: Uuid,
    name: String,
    why: String,
    visited: String,
    planned: String,
    done: bool,
}

fn visit_words(tr: &Tr, list: &[Visit], made: bool) -> String {
    list.iter()
        .map(|v| {
            let on = if made { v.visited_on.unwrap_or(v.planned_on) } else { v.planned_on };
            format!("{} {}", word(tr, "care-occasion", &v.occasion), on.format("%m-%d"))
        })
        .collect::<Vec<_>>()
        .join("、")
}

struct DifficultyLine {
    id: Uuid,
    name: String,
    kind: String,
    registered_on: NaiveDate,
    state: String,
    open: bool,
}

struct VisitLine {
    id: Uuid,
    name: String,
    occasion: String,
    on: NaiveDate,
    made: bool,
}

#[derive(Template)]
#[template(path = "care/overview.html")]
struct OverviewPage {
    b: Base,
    org_id: Uuid,
    year: i32,
    years: Vec<i32>,
    /// The year's lists ([`OverviewPart`]), written once per kept overview.
    part: std::sync::Arc<str>,
}

/// What the page shows of a kept overview (kept by organization, year, day and whether the viewer
/// records care): what may be done, the must-visit list, the difficulties and the visits.
#[derive(Template)]
#[template(path = "care/overview_part.html")]
struct OverviewPart {
    tr: Tr,
    org_id: Uuid,
    year: i32,
    may_record: bool,
    /// The page of the must-visit list shown, of `must_total`.
    must: Vec<MustCard>,
    must_total: usize,
    not_visited: usize,
    must_pager: String,
    difficulties: Vec<DifficultyLine>,
    visits: Vec<VisitLine>,
    /// What is said under a list shown in part (empty when shown whole).
    difficulties_more: String,
    visits_more: String,
}

/// Rows an overview shows of its difficulties and of its visits: a township's or a county's year
/// holds thousands, each one the branch's own page lists in full.
const OVERVIEW_ROWS: usize = 200;

/// Members of the must-visit list a page shows (the rest a page at a time, and all in the export).
const MUST_PAGE: u64 = 100;

/// What is said under a list of `total` of which [`OVERVIEW_ROWS`] are shown, or nothing.
fn more_text(tr: &Tr, total: usize) -> String {
    if total > OVERVIEW_ROWS {
        tr.ta("msg-care-more", &[("count", total.to_string()), ("limit", OVERVIEW_ROWS.to_string())])
    } else {
        String::new()
    }
}

fn must_cards<'a>(tr: &Tr, lines: impl IntoIterator<Item = &'a care::MustLine>) -> Vec<MustCard> {
    lines
        .into_iter()
        .map(|l| MustCard {
            member_id: l.member.id,
            name: l.member.person_name.clone(),
            why: rules::reason_text(tr, &must_visit_reason(&l.check)),
            visited: visit_words(tr, &l.visited, true),
            planned: visit_words(tr, &l.planned, false),
            done: !l.visited.is_empty(),
        })
        .collect()
}

async fn overview(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>, Query(f): Query<FromQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let year = year_of(&v, &q.year);
    let o = care::overview(&v.ctx, id, year).await?;
    let window = Window::new(f.from(), MUST_PAGE);
    let write = || {
        let shown = Shown::within(&o.must, window);
        let must_pager = Pager::of(tr, &shown, MUST_PAGE, &format!("/orgs/{id}/care?year={year}"), "from", "#must").to_string();
        let must = must_cards(&tr, shown.items.iter().copied());
        let difficulties = o
            .difficulties
            .iter()
            .take(OVERVIEW_ROWS)
            .map(|d| DifficultyLine {
                id: d.id,
                name: d.person_name.clone(),
                kind: word(&tr, "care-kind", &d.kind),
                registered_on: d.registered_on,
                state: match d.closed_on {
                    Some(on) => tr.ta("label-care-closed-on", &[("on", on.to_string())]),
                    None => tr.t("label-care-open"),
                },
                open: d.closed_on.is_none(),
            })
            .collect();
        let visits = o
            .visits
            .iter()
            .take(OVERVIEW_ROWS)
            .map(|x| VisitLine {
                id: x.id,
                name: x.person_name.clone(),
                occasion: word(&tr, "care-occasion", &x.occasion),
                on: x.visited_on.unwrap_or(x.planned_on),
                made: x.visited_on.is_some(),
            })
            .collect();
        crate::shell::parts::html(&OverviewPart {
            tr,
            org_id: id,
            year,
            may_record: o.may_record,
            not_visited: o.must.iter().filter(|m| m.visited.is_empty()).count(),
            must_total: o.must.len(),
            must,
            must_pager,
            difficulties,
            visits,
            difficulties_more: more_text(&tr, o.difficulties.len()),
            visits_more: more_text(&tr, o.visits.len()),
        })
    };
    // The first page is the one read again and again; a later page is written when asked for.
    let part = if window.from == 0 { crate::shell::parts::part(&o, tr, "care-overview", write) } else { write().into() };
    let b = Base::titled(&v, tr.ta("page-care", &[("name", o.org.name.clone()), ("year", year.to_string())]), &format!("/orgs/{id}/care"));
    Ok(page(&OverviewPage { b, org_id: id, year, years: recent_years(&v), part }))
}

/// The must-visit list of the year as a spreadsheet, in words.
async fn export(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let year = year_of(&v, &q.year);
    let o = care::overview(&v.ctx, id, year).await?;
    let headers = ["field-person-name", "field-care-why", "field-care-visited", "field-care-planned"].map(|k| tr.t(k)).to_vec();
    let rows = must_cards(&tr, &o.must).into_iter().map(|c| vec![c.name, c.why, c.visited, c.planned]).collect::<Vec<_>>();
    let bytes =
        lianxin_app::sheets::write_xlsx(&tr.t("nav-care"), &headers, rows).map_err(|e| AppError::internal(format!("xlsx: {e:?}")))?;
    let name = format!("{}-{year}-{}.xlsx", o.org.name, tr.t("label-care-must-visit"));
    Ok(download(bytes, XLSX, &name, &format!("care-{year}.xlsx")))
}

/// The members a form offers, with the one chosen.
pub(super) struct Choice {
    pub id: Uuid,
    pub name: String,
    pub chosen: bool,
}

pub(super) async fn choices(v: &Viewer, org_id: Uuid, chosen: &str) -> WebResult<(String, Vec<Choice>)> {
    let (org, members) = care::members(&v.ctx, org_id).await?;
    let list = members.into_iter().map(|m| Choice { chosen: m.id.to_string() == chosen, id: m.id, name: m.person_name }).collect();
    Ok((org.name, list))
}

#[derive(Template)]
#[template(path = "care/difficulty_new.html")]
struct DifficultyForm {
    b: Base,
    org_id: Uuid,
    org_name: String,
    error: String,
    f: Pairs,
    members: Vec<Choice>,
    kinds: Vec<(&'static str, String)>,
}

async fn render_difficulty(v: &Viewer, id: Uuid, error: Option<&AppError>, f: Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let (org_name, members) = choices(v, id, &f.value("member")).await?;
    let b = Base::titled(v, tr.t("page-care-difficulty-new"), &format!("/orgs/{id}/care/difficulties/new"));
    Ok(page_with(
        shown(error),
        &DifficultyForm {
            b,
            org_id: id,
            org_name,
            error: said(&tr, error),
            f,
            members,
            kinds: DIFFICULTY_KINDS.iter().map(|k| (*k, word(&tr, "care-kind", k))).collect(),
        },
    ))
}

async fn new_difficulty(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<MemberQ>) -> WebResult<Response> {
    v.require()?;
    let mut f = Pairs::default();
    f.set("member", q.member.unwrap_or_default());
    f.set("registered_on", v.ctx.app.today().to_string());
    render_difficulty(&v, id, None, f).await
}

async fn register(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let input = DifficultyInput {
        member_id: Uuid::parse_str(f.value("member").trim()).ok(),
        kind: f.value("kind").trim().to_owned(),
        note: f.value("note"),
        registered_on: date(&f.value("registered_on")),
    };
    match care::register_difficulty(&v.ctx, id, input).await {
        Ok(d) => Ok(see_other(&format!("/care/difficulties/{}", d.id))),
        Err(e) if is_form_error(&e) => render_difficulty(&v, id, Some(&e), f).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "care/difficulty.html")]
struct DifficultyPage {
    b: Base,
    d: care::Difficulty,
    kind: String,
    visits: Vec<VisitLine>,
    may_close: bool,
    error: String,
    f: Pairs,
}

async fn render_shown_difficulty(v: &Viewer, id: Uuid, error: Option<&AppError>, f: Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let (d, visits, may_close) = care::difficulty(&v.ctx, id).await?;
    let visits = visits
        .iter()
        .map(|x| VisitLine {
            id: x.id,
            name: x.note.clone(),
            occasion: word(&tr, "care-occasion", &x.occasion),
            on: x.visited_on.unwrap_or(x.planned_on),
            made: x.visited_on.is_some(),
        })
        .collect();
    let b = Base::titled(v, tr.ta("page-care-difficulty", &[("name", d.person_name.clone())]), &format!("/care/difficulties/{id}"));
    Ok(page_with(
        shown(error),
        &DifficultyPage { b, kind: word(&tr, "care-kind", &d.kind), d, visits, may_close, error: said(&tr, error), f },
    ))
}

async fn difficulty(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let mut f = Pairs::default();
    f.set("closed_on", v.ctx.app.today().to_string());
    render_shown_difficulty(&v, id, None, f).await
}

async fn close(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    match care::close_difficulty(&v.ctx, id, date(&f.value("closed_on")), &f.value("closed_note")).await {
        Ok(d) => Ok(see_other(&format!("/care/difficulties/{}", d.id))),
        Err(e) if is_form_error(&e) => render_shown_difficulty(&v, id, Some(&e), f).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct MemberQ {
    member: Option<String>,
}

#[derive(Template)]
#[template(path = "care/visit_new.html")]
struct VisitForm {
    b: Base,
    org_id: Uuid,
    org_name: String,
    error: String,
    f: Pairs,
    members: Vec<Choice>,
    /// The members who may go, those chosen marked.
    visitors: Vec<Choice>,
    occasions: Vec<(&'static str, String)>,
}

/// The members of the organization who may go on a visit, those in `chosen` marked.
async fn visitor_choices(v: &Viewer, org_id: Uuid, chosen: &[String]) -> WebResult<Vec<Choice>> {
    let (_, members) = care::members(&v.ctx, org_id).await?;
    Ok(members.into_iter().map(|m| Choice { chosen: chosen.contains(&m.id.to_string()), id: m.id, name: m.person_name }).collect())
}

/// The members chosen as visitors on a form (unreadable choices dropped: the list offers ids).
fn visitor_ids(f: &Pairs) -> Vec<Uuid> {
    f.all("visitor").iter().filter_map(|s| Uuid::parse_str(s.trim()).ok()).collect()
}

async fn render_visit_form(v: &Viewer, id: Uuid, error: Option<&AppError>, f: Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let (org_name, members) = choices(v, id, &f.value("member")).await?;
    let visitors = visitor_choices(v, id, &f.all("visitor")).await?;
    let b = Base::titled(v, tr.t("page-care-visit-new"), &format!("/orgs/{id}/care/visits/new"));
    Ok(page_with(
        shown(error),
        &VisitForm {
            b,
            org_id: id,
            org_name,
            error: said(&tr, error),
            f,
            members,
            visitors,
            occasions: OCCASIONS.iter().map(|k| (*k, word(&tr, "care-occasion", k))).collect(),
        },
    ))
}

async fn new_visit(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<MemberQ>) -> WebResult<Response> {
    v.require()?;
    let mut f = Pairs::default();
    f.set("member", q.member.unwrap_or_default());
    f.set("planned_on", v.ctx.app.today().to_string());
    render_visit_form(&v, id, None, f).await
}

async fn plan(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let input = VisitInput {
        member_id: Uuid::parse_str(f.value("member").trim()).ok(),
        occasion: f.value("occasion").trim().to_owned(),
        planned_on: date(&f.value("planned_on")),
        visited_on: date(&f.value("visited_on")),
        visitors: f.value("visitors"),
        visitor_ids: visitor_ids(&f),
        note: f.value("note"),
    };
    match care::plan_visit(&v.ctx, id, input).await {
        Ok(x) => Ok(see_other(&format!("/care/visits/{}", x.id))),
        Err(e) if is_form_error(&e) => render_visit_form(&v, id, Some(&e), f).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "care/visit.html")]
struct VisitPage {
    b: Base,
    x: Visit,
    occasion: String,
    /// The members who went (or are to go), by name.
    went: String,
    may_record: bool,
    /// The members who may go, for the form recording the visit made.
    visitors: Vec<Choice>,
    error: String,
    f: Pairs,
}

async fn render_visit(v: &Viewer, id: Uuid, error: Option<&AppError>, mut f: Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let view = care::visit(&v.ctx, id).await?;
    let x = view.visit;
    let occasion = word(&tr, "care-occasion", &x.occasion);
    let went = view.members.iter().map(|m| m.person_name.as_str()).collect::<Vec<_>>().join("、");
    let visitors = if view.may_record {
        if error.is_none() {
            // Those planned to go are chosen to begin with.
            for m in &view.members {
                f.set("visitor", m.id.to_string());
            }
        }
        let org = lianxin_core::tree::TreePath::parse(&x.org_path)
            .and_then(|p| p.last_id())
            .ok_or_else(|| AppError::internal("a visit without its organization"))?;
        visitor_choices(v, org, &f.all("visitor")).await?
    } else {
        Vec::new()
    };
    let b = Base::titled(v, format!("{} · {occasion}", x.person_name), &format!("/care/visits/{id}"));
    Ok(page_with(shown(error), &VisitPage { b, x, occasion, went, may_record: view.may_record, visitors, error: said(&tr, error), f }))
}

async fn visit(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let mut f = Pairs::default();
    f.set("visited_on", v.ctx.app.today().to_string());
    render_visit(&v, id, None, f).await
}

async fn made(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let input = care::MadeInput {
        visited_on: date(&f.value("visited_on")),
        visitors: f.value("visitors"),
        visitor_ids: visitor_ids(&f),
        note: f.value("note"),
    };
    match care::record_visit(&v.ctx, id, input).await {
        Ok(x) => Ok(see_other(&format!("/care/visits/{}", x.id))),
        Err(e) if is_form_error(&e) => render_visit(&v, id, Some(&e), f).await,
        Err(e) => Err(e.into()),
    }
}
