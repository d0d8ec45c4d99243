//! The queues (mine, my organization's, overdue, escalated to us, all) with filters, search and
//! keyset pages; the same list as an Excel workbook; the overview of what is overdue below us.

use askama::Template;
use axum::{extract::Query, response::Response};
use lianxin_app::{
    AppError,
    appeals::{
        people_choice::{self, Choice},
        queues::{self, OverdueLine, Queue, QueueFilter, QueuePage},
    },
    notify::inbox,
};
use lianxin_core::appeals::{Level, Status};
use serde::Deserialize;
use uuid::Uuid;

use super::{XLSX, category_options, download, label};
use crate::{
    Viewer,
    error::{WebResult, status_of},
    html::{Base, forms::is_form_error, page_with, people::opt, url_encode},
};

const PAGE: u64 = 50;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct QueueQ {
    pub queue: String,
    pub org: String,
    pub status: String,
    pub category: String,
    /// One village of the queue (from the table of villages).
    pub village: String,
    pub q: String,
    pub before: String,
    /// A message after an action elsewhere (a known word, never free text).
    pub msg: String,
}

impl QueueQ {
    fn filter(&self, today: chrono::NaiveDate) -> Result<QueueFilter, AppError> {
        let bad = |field: &'static str| AppError::invalid(field, "error-bad-request");
        let text = self.q.trim();
        // Searches travel in the address: keep phone and ID numbers out of it.
        if crate::request::sensitive_in_url(text, today) {
            return Err(AppError::invalid("q", "error-staff-sensitive-search"));
        }
        Ok(QueueFilter {
            queue: match self.queue.trim() {
                "" => None,
                s => Some(Queue::parse(s).ok_or_else(|| bad("queue"))?),
            },
            org: match self.org.trim() {
                "" => None,
                s => Some(Uuid::parse_str(s).map_err(|_| bad("org"))?),
            },
            status: opt(&self.status, |s| Some(s.to_owned())),
            service_code: opt(&self.category, |s| Some(s.to_owned())),
            village: match self.village.trim() {
                "" => None,
                s => Some(Uuid::parse_str(s).map_err(|_| bad("village"))?),
            },
            text: opt(text, |s| Some(s.to_owned())),
            before: opt(&self.before, |s| Uuid::parse_str(s).ok()),
            limit: Some(PAGE),
        })
    }

    /// The filters as a query string (no cursor), with the queue given.
    fn query(&self, queue: &str) -> String {
        let mut parts = vec![format!("queue={queue}")];
        for (k, v) in
            [("org", &self.org), ("status", &self.status), ("category", &self.category), ("village", &self.village), ("q", &self.q)]
        {
            if !v.trim().is_empty() {
                parts.push(format!("{k}={}", url_encode(v.trim())));
            }
        }
        parts.join("&")
    }
}

/// A link of the tab bar.
pub struct Tab {
    pub label: String,
    pub href: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "appeals/staff/queue.html")]
struct ListPage {
    b: Base,
    page: Option<QueuePage>,
    q: QueueQ,
    error: String,
    msg: String,
    tabs: Vec<Tab>,
    orgs: Vec<Choice>,
    categories: Vec<(String, String)>,
    statuses: Vec<(String, String)>,
    export: String,
    next: Option<String>,
    can_file: bool,
    can_overview: bool,
    setup: Vec<(String, String)>,
    /// Inbox notices new to the viewer ("" when none).
    unread: String,
}

/// The rows of the table: rendered once and kept with the list (`QueuePage::shown`) for as long
/// as the list is kept, since they depend only on the rows, the language, the display zone and the
/// year (a deadline this year leaves it out).
#[derive(Template)]
#[template(path = "appeals/staff/queue_rows.html")]
struct RowsPart<'a> {
    rows: &'a [queues::QueueRow],
    tr: crate::i18n::Tr,
    offset_minutes: i32,
    now: chrono::DateTime<chrono::Utc>,
    /// Words for each status and level, looked up once for the table rather than once per row.
    status_words: Vec<(&'static str, String)>,
    level_words: Vec<(&'static str, String)>,
    /// The columns' names, written beside each value when a row is shown as a card.
    heads: Vec<String>,
}

impl RowsPart<'_> {
    fn status<'b>(&'b self, s: &'b str) -> &'b str {
        word(&self.status_words, s)
    }

    fn level<'b>(&'b self, s: &'b str) -> &'b str {
        word(&self.level_words, s)
    }

    fn head(&self, i: usize) -> &str {
        self.heads.get(i).map_or("", String::as_str)
    }

    fn code(&self, c: &str) -> String {
        lianxin_core::appeals::format_tracking_code(c)
    }

    /// A deadline, as every page writes it.
    fn time(&self, t: &chrono::DateTime<chrono::Utc>) -> String {
        crate::shell::deadline(&self.tr, t, self.offset_minutes, &self.now)
    }

    /// The rows as HTML.
    fn render_rows(rows: &[queues::QueueRow], tr: crate::i18n::Tr, offset_minutes: i32, now: chrono::DateTime<chrono::Utc>) -> String {
        let part = RowsPart {
            rows,
            tr,
            offset_minutes,
            now,
            status_words: words(&tr, "staff-status", Status::ALL.iter().map(|s| s.as_str())),
            level_words: words(&tr, "level", Level::ALL.iter().map(|l| l.as_str())),
            heads: HEADS.iter().map(|k| tr.t(k)).collect(),
        };
        crate::shell::parts::html(&part)
    }
}

/// The queue's columns (and the overdue mark), in the order of `queue_rows.html`.
const HEADS: [&str; 10] = [
    "label-staff-code",
    "field-staff-category",
    "label-staff-village",
    "label-staff-summary",
    "field-staff-status",
    "label-staff-level",
    "label-staff-handler",
    "label-staff-overdue",
    "label-staff-due",
    "label-staff-supporters",
];

/// The words of every value once, for a page that names them on many rows.
fn words(tr: &crate::i18n::Tr, prefix: &str, values: impl Iterator<Item = &'static str>) -> Vec<(&'static str, String)> {
    values.map(|v| (v, label(tr, prefix, v))).collect()
}

/// The word for `value` from `words`, the value itself when it has none.
fn word<'a>(words: &'a [(&'static str, String)], value: &'a str) -> &'a str {
    words.iter().find(|(v, _)| *v == value).map_or(value, |(_, w)| w.as_str())
}

impl ListPage {
    /// The table's rows, rendered once for the kept list.
    fn table(&self) -> &str {
        match &self.page {
            Some(p) => p.shown.html.get_or_init(|| RowsPart::render_rows(&p.rows, self.b.tr, self.b.offset_minutes, self.b.now)),
            None => "",
        }
    }

    fn is_org(&self, id: &Uuid) -> bool {
        self.page.as_ref().and_then(|p| p.org) == Some(*id)
    }

    /// Whether a filter narrows the list (or failed): the folded filters then show open.
    fn filtering(&self) -> bool {
        !self.error.is_empty()
            || [&self.q.org, &self.q.status, &self.q.category, &self.q.village, &self.q.q].iter().any(|v| !v.trim().is_empty())
    }
}

fn files_appeals(v: &Viewer) -> bool {
    lianxin_app::policy::may_somewhere(&v.ctx.actor, lianxin_app::policy::Action::FileAppeal)
}

pub async fn list(v: Viewer, Query(q): Query<QueueQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let orgs = people_choice::queue_orgs(&v.ctx).await?;
    let has_person = v.ctx.actor.principal().is_some_and(|p| p.person_id.is_some());
    let (page, error, status) = match q.filter(v.ctx.app.today()) {
        Ok(f) => match queues::queue(&v.ctx, &f).await {
            Ok(p) => (Some(p), String::new(), axum::http::StatusCode::OK),
            Err(e) if is_form_error(&e) => (None, tr.t(e.key()), status_of(&e)),
            Err(e) => return Err(e.into()),
        },
        Err(e) => (None, tr.t(e.key()), status_of(&e)),
    };
    // What was typed is shown back, but a refused control character is shown as a mark, never
    // written into the page.
    let mut q = q;
    q.q = crate::shell::printable(&q.q);
    let current = page.as_ref().map(|p| p.queue.as_str()).unwrap_or(q.queue.as_str()).to_owned();
    let tabs = Queue::ALL
        .iter()
        .filter(|k| if **k == Queue::Mine { has_person } else { !orgs.is_empty() })
        .map(|k| Tab {
            label: tr.t(&format!("label-staff-queue-{}", k.as_str())),
            href: format!("/appeals?{}", q.query(k.as_str())),
            current: k.as_str() == current,
        })
        .collect();
    let next = page.as_ref().and_then(|p| p.next).map(|n| format!("/appeals?{}&before={n}", q.query(&current)));
    let export = format!("/appeals/export.xlsx?{}", q.query(&current));
    let msg = match q.msg.as_str() {
        "supported" => tr.t("msg-staff-supported"),
        "filed" => tr.t("msg-staff-done-filed"),
        _ => String::new(),
    };
    let mut statuses = vec![(String::new(), tr.t("label-staff-status-default")), ("active".to_owned(), tr.t("label-staff-status-active"))];
    statuses.extend(Status::ALL.iter().map(|s| (s.as_str().to_owned(), label(&tr, "staff-status", s.as_str()))));
    let setup = people_choice::setup_areas(&v.ctx)
        .await?
        .into_iter()
        .map(|a| {
            if a.level == "county" {
                (tr.ta("label-staff-setup-categories", &[("name", a.name)]), format!("/areas/{}/appeal-categories", a.id))
            } else {
                (tr.ta("label-staff-setup-duties", &[("name", a.name)]), format!("/villages/{}/duties", a.id))
            }
        })
        .collect();
    let unread = match inbox::unread(&v.ctx).await? {
        0 => String::new(),
        n if n >= inbox::UNREAD_CAP => tr.ta("label-staff-inbox-unread", &[("count", format!("{}+", inbox::UNREAD_CAP - 1))]),
        n => tr.ta("label-staff-inbox-unread", &[("count", n.to_string())]),
    };
    let b = Base::new(&v, "page-staff-appeals", "/appeals");
    let p = ListPage {
        b,
        page,
        error,
        msg,
        tabs,
        can_overview: !orgs.is_empty(),
        orgs,
        categories: category_options(&tr),
        statuses,
        export,
        next,
        can_file: files_appeals(&v),
        setup,
        unread,
        q,
    };
    Ok(page_with(status, &p))
}

pub async fn export(v: Viewer, Query(q): Query<QueueQ>) -> WebResult<Response> {
    v.require()?;
    let mut f = q.filter(v.ctx.app.today())?;
    f.before = None;
    let bytes = queues::export(&v.ctx, &f).await?;
    let today = v.ctx.app.today();
    let name = format!("{}-{today}.xlsx", v.tr.t("label-staff-export-name"));
    Ok(download(bytes, XLSX, &name, &format!("appeals-{today}.xlsx")))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OverviewQ {
    org: String,
}

#[derive(Template)]
#[template(path = "appeals/staff/overview.html")]
struct OverviewPage {
    b: Base,
    lines: Vec<OverdueLine>,
    orgs: Vec<Choice>,
    org: Option<Uuid>,
    total: i64,
    boards: Vec<(String, String)>,
}

impl OverviewPage {
    fn level(&self, s: &str) -> String {
        label(&self.b.tr, "level", s)
    }

    fn is_org(&self, id: &Uuid) -> bool {
        self.org == Some(*id)
    }

    fn total_text(&self) -> String {
        self.b.tr.ta("msg-staff-overdue-total", &[("count", self.total.to_string())])
    }

    fn overdue_link(&self) -> String {
        match self.org {
            Some(o) => format!("/appeals?queue=overdue&org={o}"),
            None => "/appeals?queue=overdue".into(),
        }
    }
}

/// What is overdue below the viewer's organization, by village and level.
pub async fn overview(v: Viewer, Query(q): Query<OverviewQ>) -> WebResult<Response> {
    v.require()?;
    let org = opt(&q.org, |s| Uuid::parse_str(s).ok());
    let orgs = people_choice::queue_orgs(&v.ctx).await?;
    let lines = queues::overdue_overview(&v.ctx, org).await?;
    let total = lines.iter().map(|l| l.count).sum();
    // The public boards of the areas the viewer serves (with their charts).
    let mut boards = Vec::new();
    if let Some(p) = v.ctx.actor.principal() {
        let mut ids: Vec<Uuid> = p.roles.iter().flat_map(|r| r.areas.iter().filter_map(lianxin_core::tree::TreePath::last_id)).collect();
        ids.sort();
        ids.dedup();
        for id in ids.into_iter().take(5) {
            if let Ok(a) = lianxin_app::orgs::area(&v.ctx, id).await {
                boards.push((v.tr.ta("label-staff-board-of", &[("name", a.area.name)]), format!("/areas/{id}/board")));
            }
        }
    }
    let org = org.or_else(|| orgs.first().map(|c| c.id));
    let b = Base::new(&v, "page-staff-overview", "/appeals/overview");
    Ok(crate::html::page(&OverviewPage { b, lines, orgs, org, total, boards }))
}
