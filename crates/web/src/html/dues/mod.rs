//! Pages of party dues: an organization's book of the year (lists become cards on a phone),
//! a member's base and payments with the rules that decide them, the yearly publication the
//! branch's members read, a township's or county's roll-up, and the book as a spreadsheet out
//! and payments from one in.

use askama::Template;
use axum::{
    Router,
    body::Bytes,
    extract::{DefaultBodyLimit, Path, Query},
    http::StatusCode,
    response::Response,
    routing::{get, post},
};
use chrono::{Datelike, NaiveDate};
use lianxin_app::{
    AppError,
    dues::{self, BaseInput, Book, BookRow, PayInput},
    policy::{self, Action},
};
use lianxin_core::{
    dues::{DuesKind, yuan},
    paging::Window,
};
use uuid::Uuid;

use super::{Base, page, page_with, see_other};
use crate::{
    AppState, Viewer,
    error::{WebResult, status_of},
    form::Pairs,
    html::error_text,
    i18n::Tr,
    rules,
    shell::{
        pager::{FromQ, Pager},
        years::{YearQ, recent_years, year_of},
    },
};

mod sheet;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dues", get(home))
        .route("/orgs/{id}/dues", get(book))
        .route("/orgs/{id}/dues/overview", get(overview))
        .route("/orgs/{id}/dues/publication", get(publication).post(publish))
        .route("/orgs/{id}/dues.xlsx", get(sheet::export))
        .route("/orgs/{id}/dues/import", get(sheet::import_form).post(sheet::import).layer(DefaultBodyLimit::max(6 * 1024 * 1024)))
        .route("/dues/members/{id}", get(member))
        .route("/dues/members/{id}/base", post(set_base))
        .route("/dues/members/{id}/payments", post(pay))
        .route("/dues/members/{id}/relief", post(propose_relief))
        .route("/dues/members/{id}/relief/decision", post(decide_relief))
        .route("/orgs/{id}/dues/reliefs", get(reliefs))
}

pub(super) fn kind_word(tr: &Tr, kind: &str) -> String {
    tr.t(&format!("dues-kind-{}", kind.replace('_', "-")))
}

pub(super) fn month_word(tr: &Tr, m: NaiveDate) -> String {
    tr.ta("label-dues-month", &[("year", m.year().to_string()), ("month", m.month().to_string())])
}

/// Where a viewer's dues work starts: the book they keep or read, else their branch's publication.
async fn home(v: Viewer) -> WebResult<Response> {
    v.require()?;
    if let Some(id) = policy::home_org(&v.ctx.actor, Action::ReadDues) {
        return Ok(see_other(&format!("/orgs/{id}/dues")));
    }
    match policy::home_org(&v.ctx.actor, Action::ReadDuesPublication) {
        Some(id) => Ok(see_other(&format!("/orgs/{id}/dues/publication"))),
        None => Err(AppError::NotFound.into()),
    }
}

/// One member as the book lists them.
pub struct Row {
    pub member_id: Uuid,
    pub name: String,
    pub kind: String,
    pub monthly: String,
    pub paid: String,
    pub months: String,
    pub owed: String,
    pub alert: bool,
    pub no_base: bool,
}

fn row(tr: &Tr, r: &BookRow) -> Row {
    let due = r.due.iter().filter(|d| **d).count();
    let paid_due = r.due.iter().zip(&r.months).filter(|(d, p)| **d && p.is_some()).count();
    Row {
        member_id: r.member.id,
        name: r.member.person_name.clone(),
        kind: r.base.as_ref().map(|b| kind_word(tr, &b.kind)).unwrap_or_default(),
        monthly: r.base.as_ref().map(|b| yuan(b.monthly_fen)).unwrap_or_default(),
        paid: yuan(r.paid_fen),
        months: tr.ta("label-dues-months-paid", &[("paid", paid_due.to_string()), ("due", due.to_string())]),
        owed: yuan(r.owed_fen()),
        alert: r.arrears.alert,
        no_base: r.base.is_none(),
    }
}

#[derive(Template)]
#[template(path = "dues/book.html")]
struct BookPage {
    b: Base,
    book: std::sync::Arc<Book>,
    /// The book's figures and members ([`BookPart`]), written once per kept book.
    part: std::sync::Arc<str>,
    years: Vec<i32>,
}

/// What the page shows of a kept book (kept by organization, year, day and whether the viewer
/// records dues): its figures, what may be done with it, and its members.
#[derive(Template)]
#[template(path = "dues/book_part.html")]
struct BookPart<'a> {
    tr: Tr,
    book: &'a Book,
    rows: Vec<Row>,
    paid: String,
    owed: String,
    through: String,
    has_children: bool,
}

async fn book(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let year = year_of(&v, &q.year);
    let book = dues::book(&v.ctx, id, year).await?;
    let part = crate::shell::parts::part(&book, tr, "dues-book", || {
        use lianxin_core::orgs::OrgKind;
        crate::shell::parts::html(&BookPart {
            tr,
            book: &book,
            rows: book.rows.iter().map(|r| row(&tr, r)).collect(),
            paid: yuan(book.paid_fen()),
            owed: yuan(book.owed_fen()),
            through: month_word(&tr, book.through),
            has_children: matches!(OrgKind::parse(&book.org.kind), Some(OrgKind::Committee | OrgKind::GeneralBranch)),
        })
    });
    let b = Base::titled(
        &v,
        tr.ta("page-dues-book", &[("name", book.org.name.clone()), ("year", year.to_string())]),
        &format!("/orgs/{id}/dues"),
    );
    Ok(page(&BookPage { b, part, years: recent_years(&v), book }))
}

struct MonthCell {
    month: String,
    state: &'static str,
    text: String,
}

struct Payable {
    value: String,
    month: String,
    late: bool,
}

#[derive(Template)]
#[template(path = "dues/member.html")]
struct MemberPage {
    b: Base,
    d: dues::MemberDues,
    year: i32,
    kind: String,
    base: String,
    monthly: String,
    why_amount: Vec<String>,
    why_arrears: String,
    cells: Vec<MonthCell>,
    payable: Vec<Payable>,
    rule_lines: Vec<String>,
    kinds: Vec<(&'static str, String)>,
    error: String,
    typed_kind: String,
    typed_base: String,
    today: String,
    starts: String,
    /// The relief's state in words, its reasons under the rule, and what was said.
    relief: Option<ReliefLines>,
    typed_relief: String,
    typed_relief_reason: String,
    may_propose_relief: bool,
}

struct ReliefLines {
    state: String,
    amount: String,
    reason: String,
    proposed: String,
    decided: String,
    why: Vec<String>,
    pending: bool,
}

fn relief_lines(v: &Viewer, b: &dues::Base) -> Option<ReliefLines> {
    let tr = v.tr;
    let status = b.relief_status.as_deref()?;
    let offset = v.ctx.settings().display_utc_offset_minutes;
    let when = |t: Option<chrono::DateTime<chrono::Utc>>| t.map(|t| crate::shell::display_time(&t, offset)).unwrap_or_default();
    let why = dues::relief::verdict(b)
        .map(|x| lianxin_core::rules::dues::relief_reasons(&x).iter().map(|r| rules::reason_text(&tr, r)).collect());
    Some(ReliefLines {
        state: tr.t(&format!("label-dues-relief-{status}")),
        amount: b.relief_fen.map(yuan).unwrap_or_default(),
        reason: b.relief_reason.clone(),
        proposed: tr.ta(
            "label-dues-relief-proposed",
            &[("name", b.relief_proposed_by.clone().unwrap_or_default()), ("date", when(b.relief_proposed_at))],
        ),
        decided: match &b.relief_decided_by {
            Some(n) => tr.ta("label-dues-relief-decided", &[("name", n.clone()), ("date", when(b.relief_decided_at))]),
            None => String::new(),
        },
        why: why.unwrap_or_default(),
        pending: status == "pending",
    })
}

async fn render_member(v: &Viewer, id: Uuid, year: i32, error: Option<&AppError>, f: &Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let d = dues::member(&v.ctx, id, year).await?;
    let r = &d.row;
    let why_amount = match &r.base {
        Some(b) => {
            let kind = DuesKind::parse(&b.kind).unwrap_or(DuesKind::Other);
            match lianxin_core::dues::monthly_dues(kind, b.base_fen, v.ctx.settings().dues.farmer_fen) {
                Ok(x) => vec![rules::reason_text(&tr, &lianxin_core::rules::dues::dues_reason(&x))],
                Err(_) => Vec::new(),
            }
        }
        None => Vec::new(),
    };
    let cells = (1..=12)
        .map(|m| {
            let i = m as usize - 1;
            let month = NaiveDate::from_ymd_opt(year, m, 1).expect("a month");
            let (state, text) = match (&r.months[i], r.due[i]) {
                (Some(p), _) if p.by_branch => ("paid", tr.ta("label-dues-paid-by-branch", &[("amount", yuan(p.amount_fen))])),
                (Some(p), _) => ("paid", tr.ta("label-yuan", &[("amount", yuan(p.amount_fen))])),
                (None, true) => ("owed", tr.t("label-dues-unpaid")),
                (None, false) => ("none", "—".to_owned()),
            };
            MonthCell { month: month_word(&tr, month), state, text }
        })
        .collect();
    let payable = d
        .payable
        .iter()
        .map(|p| Payable { value: p.month.format("%Y-%m").to_string(), month: month_word(&tr, p.month), late: p.late })
        .collect();
    let rule_lines = d
        .payable
        .first()
        .map(|p| lianxin_core::rules::dues::payment_reasons(p).iter().take(2).map(|x| rules::reason_text(&tr, x)).collect())
        .unwrap_or_default();
    let kinds = DuesKind::ALL.iter().map(|k| (k.as_str(), kind_word(&tr, k.as_str()))).collect();
    let b = Base::titled(
        v,
        tr.ta("page-dues-member", &[("name", r.member.person_name.clone()), ("year", year.to_string())]),
        &format!("/dues/members/{id}"),
    );
    Ok(page_with(
        error.map_or(StatusCode::OK, status_of),
        &MemberPage {
            kind: r.base.as_ref().map(|b| kind_word(&tr, &b.kind)).unwrap_or_default(),
            base: r.base.as_ref().and_then(|b| b.base_fen).map(yuan).unwrap_or_default(),
            monthly: r.base.as_ref().map(|b| yuan(dues::monthly_owed(b))).unwrap_or_default(),
            relief: r.base.as_ref().and_then(|b| relief_lines(v, b)),
            may_propose_relief: r.base.as_ref().is_some_and(|b| b.relief_status.as_deref() != Some("approved")),
            typed_relief: f.get("amount").map(str::to_owned).unwrap_or_default(),
            typed_relief_reason: f.get("reason").map(str::to_owned).unwrap_or_default(),
            why_amount,
            why_arrears: rules::reason_text(&tr, &lianxin_core::rules::dues::arrears_reason(&r.arrears)),
            cells,
            payable,
            rule_lines,
            kinds,
            error: error.map(|e| error_text(&tr, e)).unwrap_or_default(),
            typed_kind: f.get("kind").map(str::to_owned).or_else(|| r.base.as_ref().map(|b| b.kind.clone())).unwrap_or_default(),
            typed_base: f.get("base").map(str::to_owned).or_else(|| r.base.as_ref().and_then(|b| b.base_fen).map(yuan)).unwrap_or_default(),
            today: v.ctx.app.today().to_string(),
            starts: month_word(&tr, lianxin_core::dues::month_of(dues::starts(&d.row.member))),
            year,
            d,
            b,
        },
    ))
}

async fn member(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Response> {
    v.require()?;
    let year = year_of(&v, &q.year);
    render_member(&v, id, year, None, &Pairs::default()).await
}

async fn set_base(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let year = year_of(&v, &f.value("year"));
    let input = BaseInput { kind: DuesKind::parse(f.value("kind").trim()), base: f.value("base"), note: f.value("note") };
    match dues::set_base(&v.ctx, id, year, input).await {
        Ok(_) => Ok(see_other(&format!("/dues/members/{id}?year={year}"))),
        Err(e) if crate::shell::is_form_error(&e) => render_member(&v, id, year, Some(&e), &f).await,
        Err(e) => Err(e.into()),
    }
}

async fn pay(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let year = year_of(&v, &f.value("year"));
    let input = PayInput {
        months: f.all("month").iter().filter_map(|m| dues::sheet::parse_month(m)).collect(),
        paid_on: NaiveDate::parse_from_str(f.value("paid_on").trim(), "%Y-%m-%d").ok(),
        by_branch: f.value("by_branch") == "1",
        note: f.value("note"),
    };
    let bad_month = f.all("month").iter().any(|m| dues::sheet::parse_month(m).is_none());
    let result = if bad_month { Err(AppError::invalid("months", "error-dues-month")) } else { dues::pay(&v.ctx, id, input).await };
    match result {
        Ok(_) => Ok(see_other(&format!("/dues/members/{id}?year={year}"))),
        Err(e) if crate::shell::is_form_error(&e) => render_member(&v, id, year, Some(&e), &f).await,
        Err(e) => Err(e.into()),
    }
}

async fn propose_relief(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let year = year_of(&v, &f.value("year"));
    let input = dues::ReliefInput { amount: f.value("amount"), reason: f.value("reason") };
    match dues::relief::propose(&v.ctx, id, year, input).await {
        Ok(_) => Ok(see_other(&format!("/dues/members/{id}?year={year}"))),
        Err(e) if crate::shell::is_form_error(&e) => render_member(&v, id, year, Some(&e), &f).await,
        Err(e) => Err(e.into()),
    }
}

async fn decide_relief(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let year = year_of(&v, &f.value("year"));
    let approve = f.value("decision") == "approve";
    match dues::relief::decide(&v.ctx, id, year, approve, &f.value("decision_note")).await {
        Ok(_) => Ok(see_other(&format!("/dues/members/{id}?year={year}"))),
        Err(e) if crate::shell::is_form_error(&e) => render_member(&v, id, year, Some(&e), &f).await,
        Err(e) => Err(e.into()),
    }
}

struct ReliefRow {
    href: String,
    name: String,
    org: String,
    year: i32,
    table: String,
    amount: String,
    reason: String,
    proposed: String,
}

#[derive(Template)]
#[template(path = "dues/reliefs.html")]
struct ReliefsPage {
    b: Base,
    rows: Vec<ReliefRow>,
    pager: Pager,
}

/// Reliefs one page lists.
const RELIEFS_PAGE: u64 = 100;

async fn reliefs(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<FromQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let (org, list, orgs) = dues::relief::pending(&v.ctx, id, Window::new(q.from(), RELIEFS_PAGE)).await?;
    let here = format!("/orgs/{id}/dues/reliefs");
    let pager = Pager::of(tr, &list, RELIEFS_PAGE, &here, "from", "");
    let rows = list
        .items
        .iter()
        .map(|(b, m)| ReliefRow {
            href: format!("/dues/members/{}?year={}", m.id, b.year),
            name: m.person_name.clone(),
            org: orgs.get(&b.org_id).cloned().unwrap_or_default(),
            year: b.year,
            table: yuan(b.monthly_fen),
            amount: b.relief_fen.map(yuan).unwrap_or_default(),
            reason: b.relief_reason.clone(),
            proposed: b.relief_proposed_by.clone().unwrap_or_default(),
        })
        .collect();
    let b = Base::titled(&v, tr.ta("page-dues-reliefs", &[("name", org.name.clone())]), &here);
    Ok(page(&ReliefsPage { b, rows, pager }))
}

struct StatementLine {
    name: String,
    monthly: String,
    months: u32,
    paid: String,
}

#[derive(Template)]
#[template(path = "dues/publication.html")]
struct PublicationPage {
    b: Base,
    org_id: Uuid,
    year: i32,
    lines: Vec<StatementLine>,
    total: String,
    published: String,
    may_publish: bool,
    error: String,
}

async fn render_publication(v: &Viewer, id: Uuid, year: i32, error: Option<&AppError>) -> WebResult<Response> {
    let tr = v.tr;
    let s = dues::statement(&v.ctx, id, year).await?;
    let may_publish = s.publication.is_none() && s.may_record;
    let lines = s
        .rows
        .iter()
        .map(|r| StatementLine {
            name: r.name.clone(),
            monthly: r.monthly_fen.map(yuan).unwrap_or_default(),
            months: r.months_paid,
            paid: yuan(r.paid_fen),
        })
        .collect();
    let published = s
        .publication
        .as_ref()
        .map(|p| {
            tr.ta(
                "label-dues-published-on",
                &[(
                    "date",
                    (p.published_at + chrono::TimeDelta::minutes(i64::from(v.ctx.settings().display_utc_offset_minutes)))
                        .date_naive()
                        .to_string(),
                )],
            )
        })
        .unwrap_or_default();
    let b = Base::titled(
        v,
        tr.ta("page-dues-publication", &[("name", s.org.name.clone()), ("year", year.to_string())]),
        &format!("/orgs/{id}/dues/publication"),
    );
    Ok(page_with(
        error.map_or(StatusCode::OK, status_of),
        &PublicationPage {
            b,
            org_id: id,
            year,
            lines,
            total: yuan(s.total_fen),
            published,
            may_publish,
            error: error.map(|e| error_text(&tr, e)).unwrap_or_default(),
        },
    ))
}

async fn publication(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Response> {
    v.require()?;
    let year = q.year.trim().parse::<i32>().ok().unwrap_or_else(|| v.ctx.app.today().year() - i32::from(v.ctx.app.today().month() < 12));
    render_publication(&v, id, year, None).await
}

async fn publish(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let year = year_of(&v, &f.value("year"));
    match dues::publish(&v.ctx, id, year).await {
        Ok(_) => Ok(see_other(&format!("/orgs/{id}/dues/publication?year={year}"))),
        Err(e) if crate::shell::is_form_error(&e) => render_publication(&v, id, year, Some(&e)).await,
        Err(e) => Err(e.into()),
    }
}

struct OverviewLine {
    org_id: Uuid,
    name: String,
    members: i64,
    due: String,
    paid: String,
    rate: String,
    silent: i64,
}

#[derive(Template)]
#[template(path = "dues/overview.html")]
struct OverviewPage {
    b: Base,
    org_id: Uuid,
    year: i32,
    /// The overview's lines ([`OverviewPart`]), written once per kept overview.
    part: std::sync::Arc<str>,
}

/// What the page shows of a kept overview (kept by organization, year and day).
#[derive(Template)]
#[template(path = "dues/overview_part.html")]
struct OverviewPart {
    tr: Tr,
    org_id: Uuid,
    year: i32,
    through: String,
    lines: Vec<OverviewLine>,
    total: OverviewLine,
}

fn rate(paid: i64, due: i64) -> String {
    if due <= 0 { "—".into() } else { format!("{}%", (paid * 100 + due / 2) / due) }
}

fn overview_line(r: &dues::OverviewRow) -> OverviewLine {
    OverviewLine {
        org_id: r.org_id,
        name: r.name.clone(),
        members: r.members,
        due: yuan(r.due_fen),
        paid: yuan(r.paid_fen),
        rate: rate(r.paid_fen, r.due_fen),
        silent: r.silent,
    }
}

async fn overview(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let year = year_of(&v, &q.year);
    let o = dues::overview(&v.ctx, id, year).await?;
    let part = crate::shell::parts::part(&o, tr, "dues-overview", || {
        let sum = o.rows.iter().fold(dues::OverviewRow::default(), |mut a, r| {
            a.members += r.members;
            a.due_fen += r.due_fen;
            a.paid_fen += r.paid_fen;
            a.silent += r.silent;
            a
        });
        let mut total = overview_line(&sum);
        total.name = tr.t("label-total");
        let lines = o.rows.iter().map(overview_line).collect();
        crate::shell::parts::html(&OverviewPart { tr, org_id: id, year, through: month_word(&tr, o.through), lines, total })
    });
    let b = Base::titled(
        &v,
        tr.ta("page-dues-overview", &[("name", o.org.name.clone()), ("year", year.to_string())]),
        &format!("/orgs/{id}/dues/overview"),
    );
    Ok(page(&OverviewPage { b, org_id: id, year, part }))
}
