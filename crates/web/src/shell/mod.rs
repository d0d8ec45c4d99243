//! The page shell every server-rendered page shares: what the layout needs (`Base`, the menu asked
//! of `app::policy`), rendering a template as a response, redirects after a post, times in the
//! display zone, and the one form template (`forms`).

pub mod assets;
pub mod forms;
pub mod pager;
pub mod parts;
pub mod years;

use askama::Template;
use axum::{
    body::Body,
    http::StatusCode,
    response::{Html, IntoResponse, Redirect, Response},
};
use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};
use lianxin_app::{Actor, Locale, policy};

use crate::{Viewer, i18n::Tr};

pub use forms::{Field, FormPage, is_form_error};

/// What the layout needs on every page.
pub struct Base {
    pub tr: Tr,
    pub title: String,
    pub user: Option<String>,
    /// The menu: (words, link); kept words and fixed links are not copied for every page.
    pub nav: Vec<(&'static str, std::borrow::Cow<'static, str>)>,
    /// The current path, for the language switch to come back to.
    pub here: String,
    pub offset_minutes: i32,
    /// When the page is made (the app's clock), so a deadline this year leaves its year out.
    pub now: DateTime<Utc>,
}

impl Base {
    pub fn new(v: &Viewer, title_key: &str, here: &str) -> Self {
        Self::titled(v, v.tr.t(title_key), here)
    }

    /// The page's title for the browser's tab: the page, then the product, never the product twice.
    pub fn head_title(&self) -> String {
        let product = self.tr.t("label-product");
        if self.title.is_empty() || self.title == product {
            product
        } else if self.title.contains(&product) {
            self.title.clone()
        } else {
            format!("{} · {product}", self.title)
        }
    }

    pub fn titled(v: &Viewer, title: String, here: &str) -> Self {
        let tr = v.tr;
        let mut nav = Vec::new();
        let user = match &v.ctx.actor {
            Actor::Account(p) => {
                let m = policy::menu(&v.ctx.actor);
                for g in &m.grids {
                    nav.push((tr.s("nav-my-grid"), format!("/grids/{g}").into()));
                }
                let links = [
                    (m.orgs, "nav-orgs", "/orgs"),
                    (m.areas, "nav-areas", "/areas"),
                    (m.people, "nav-people", "/people"),
                    (m.appeals, "nav-staff-appeals", "/appeals"),
                    (m.appeals, "nav-staff-inbox", "/inbox"),
                    (m.meetings, "nav-my-meetings", "/meetings"),
                    (m.decisions, "nav-decisions", "/decisions"),
                    (m.tasks, "nav-tasks", "/tasks"),
                    (m.elections, "nav-elections", "/elections"),
                    (m.development, "nav-development", "/development"),
                    (m.dues, "nav-dues", "/dues"),
                    (m.study, "nav-study", "/study"),
                    (m.care, "nav-care", "/care"),
                    (m.mine && !m.care, "nav-care-mine", "/care/mine"),
                    (m.points, "nav-points", "/points"),
                    (m.enterprises, "nav-enterprises", "/enterprises"),
                    (m.leaders, "nav-leaders", "/leaders"),
                    (m.accounts, "nav-accounts", "/admin/accounts"),
                    (m.audit, "nav-audit", "/admin/audit"),
                    (true, "nav-account", "/account"),
                ];
                nav.extend(links.into_iter().filter(|(shown, ..)| *shown).map(|(_, key, link)| (tr.s(key), link.into())));
                Some(p.display_name.clone())
            }
            _ => None,
        };
        Self { tr, title, user, nav, here: here.to_owned(), offset_minutes: v.ctx.settings().display_utc_offset_minutes, now: v.ctx.now() }
    }

    /// The link that switches to the other language and comes back here.
    pub fn other_lang(&self) -> (&'static str, &'static str) {
        match self.tr.0 {
            Locale::ZhCn => ("en-US", "English"),
            Locale::EnUs => ("zh-CN", "中文"),
        }
    }

    /// Whether a navigation link leads to the section of the current page.
    pub fn is_current(&self, link: &str) -> bool {
        self.here.strip_prefix(link).is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?']))
    }

    /// The page's description for search engines and shared links, in the reader's language.
    pub fn description(&self) -> String {
        self.tr.ta("meta-description", &[("name", self.title.clone())])
    }

    pub fn css_path(&self) -> &'static str {
        assets::css_path()
    }

    pub fn favicon_path(&self) -> &'static str {
        assets::favicon_path()
    }

    pub fn here_encoded(&self) -> String {
        url_encode(&self.here)
    }

    /// An instant in the display time zone.
    pub fn time(&self, t: &DateTime<Utc>) -> String {
        display_time(t, self.offset_minutes)
    }

    /// A deadline, as every page writes it (see [`deadline`]).
    pub fn deadline(&self, due: &DateTime<Utc>) -> String {
        deadline(&self.tr, due, self.offset_minutes, &self.now)
    }

    pub fn opt_time(&self, t: &Option<DateTime<Utc>>) -> String {
        t.as_ref().map(|t| self.time(t)).unwrap_or_else(|| "—".into())
    }
}

/// `YYYY-MM-DD HH:MM` at `offset_minutes` east of UTC. Written by hand: formatting machinery
/// costs more than the rest of a list's row, and lists show a time on every row.
pub fn display_time(t: &DateTime<Utc>, offset_minutes: i32) -> String {
    let off = FixedOffset::east_opt(offset_minutes * 60).unwrap_or(FixedOffset::east_opt(0).expect("zero offset"));
    let l = t.with_timezone(&off).naive_local();
    let parts = [(l.year().clamp(0, 9999) as u32, 4), (l.month(), 2), (l.day(), 2), (l.hour(), 2), (l.minute(), 2)];
    let mut out = String::with_capacity(16);
    for (i, (n, width)) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push(char::from(b" -- :"[i]));
        }
        for p in (0..width).rev() {
            out.push(char::from(b'0' + (n / 10u32.pow(p) % 10) as u8));
        }
    }
    out
}

/// A deadline as every page writes it, for villagers and staff alike: the last day with its
/// weekday ("12月10日（周四）", "Thu 10 Dec"), the year only when it is not this year, the time
/// only when it is not midnight. A deadline falls at the midnight that ends its last day, so
/// 00:00 of the 11th is written as the 10th.
pub fn deadline(tr: &Tr, due: &DateTime<Utc>, offset_minutes: i32, now: &DateTime<Utc>) -> String {
    let off = FixedOffset::east_opt(offset_minutes * 60).unwrap_or(FixedOffset::east_opt(0).expect("zero offset"));
    let l = due.with_timezone(&off).naive_local();
    let midnight = l.hour() == 0 && l.minute() == 0;
    let day = if midnight { l.date().pred_opt().unwrap_or(l.date()) } else { l.date() };
    let args = [
        ("year", day.year().to_string()),
        ("month", day.month().to_string()),
        ("monthname", tr.t(&format!("date-month-{}", day.month()))),
        ("day", day.day().to_string()),
        ("weekday", tr.t(&format!("date-weekday-{}", day.weekday().number_from_monday()))),
    ];
    let this_year = day.year() == now.with_timezone(&off).year();
    let date = tr.ta(if this_year { "date-deadline" } else { "date-deadline-year" }, &args);
    if midnight { date } else { tr.ta("date-deadline-time", &[("full", date), ("time", format!("{:02}:{:02}", l.hour(), l.minute()))]) }
}

/// Text typed by a reader, fit to be shown back: a control character (other than the line break
/// or tab a text area may hold), refused by the use case, is shown as a mark instead of being
/// written into the page.
pub fn printable(s: &str) -> String {
    s.chars().map(|c| if c.is_control() && !matches!(c, '\n' | '\r' | '\t') { '\u{FFFD}' } else { c }).collect()
}

pub fn url_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len() + 8);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.extend(['%', HEX[usize::from(b >> 4)] as char, HEX[usize::from(b & 15)] as char]);
        }
    }
    out
}

/// An error shown above a page's forms: the message of each field at fault, or the error's own.
pub fn error_text(tr: &Tr, e: &lianxin_app::AppError) -> String {
    let fields = e.fields();
    let mut text = if fields.is_empty() { tr.t(e.key()) } else { fields.iter().map(|f| tr.t(f.key)).collect::<Vec<_>>().join(" ") };
    // A rule's refusal says why, with its numbers.
    for r in e.reasons() {
        text.push(' ');
        text.push_str(&crate::rules::reason_text(tr, r));
    }
    text
}

/// Renders a template as an HTML response.
pub fn page<T: Template>(t: &T) -> Response {
    page_with(StatusCode::OK, t)
}

pub fn page_with<T: Template>(status: StatusCode, t: &T) -> Response {
    // Room for a long list page at once: growing from the template's own estimate (its fixed
    // text) copied the page several times over.
    let mut html = String::with_capacity(T::SIZE_HINT.max(PAGE_BYTES));
    match t.render_into(&mut html) {
        Ok(()) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response()
        }
    }
}

/// What a page's buffer starts with (most pages are 5–40 KB).
const PAGE_BYTES: usize = 32 * 1024;

/// After a successful POST: see the result with GET.
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// Only local paths may be redirect targets.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        // A local path: one leading slash, then no second slash or backslash, and no control
        // characters or spaces (browsers drop tabs and newlines, turning "/\t/x" into "//x").
        Some(n)
            if n.starts_with('/')
                && !n[1..].starts_with(['/', '\\'])
                && !n.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\')
                && !n.contains("://") =>
        {
            n.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// Response body used when a handler needs an empty 204.
pub fn empty() -> Response {
    Response::builder().status(StatusCode::NO_CONTENT).body(Body::empty()).unwrap_or_default()
}

/// The content type of an Excel workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A file to download under `filename` (`ascii_name` for clients that cannot read UTF-8 names),
/// never cached.
pub fn download(bytes: Vec<u8>, content_type: &'static str, filename: &str, ascii_name: &str) -> Response {
    use axum::http::{HeaderValue, header};
    let mut r = bytes.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r.headers_mut().insert(header::CONTENT_DISPOSITION, attachment(filename, ascii_name));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// `Content-Disposition` of a download: the name in UTF-8 for browsers that read it, and an
/// ASCII one for those that do not.
pub fn attachment(filename: &str, ascii_name: &str) -> axum::http::HeaderValue {
    let disposition = format!("attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{}", url_encode(filename));
    axum::http::HeaderValue::from_str(&disposition).unwrap_or(axum::http::HeaderValue::from_static("attachment"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn url_encoding_keeps_paths_and_escapes_the_rest() {
        assert_eq!(url_encode("/orgs/1a-b_c.d~e"), "/orgs/1a-b_c.d~e");
        assert_eq!(url_encode("/x?y=1&z=石"), "/x%3Fy%3D1%26z%3D%E7%9F%B3");
        assert_eq!(url_encode("a b%"), "a%20b%25");
    }

    #[test]
    fn a_deadline_names_its_last_day() {
        let (zh, en) = (Tr(Locale::ZhCn), Tr(Locale::EnUs));
        let now = at("2026-12-01T09:00:00+08:00");
        // Midnight that starts the 11th ends the 10th, a Thursday.
        let due = at("2026-12-11T00:00:00+08:00");
        assert_eq!(deadline(&zh, &due, 480, &now), "12月10日（周四）");
        assert_eq!(deadline(&en, &due, 480, &now), "Thu 10 Dec");
        // A deadline in working hours keeps its time.
        let due = at("2026-12-11T14:30:00+08:00");
        assert_eq!(deadline(&zh, &due, 480, &now), "12月11日（周五） 14:30");
        assert_eq!(deadline(&en, &due, 480, &now), "Fri 11 Dec, 14:30");
        // Next year's says so.
        let due = at("2027-01-05T00:00:00+08:00");
        assert_eq!(deadline(&zh, &due, 480, &now), "2027年1月4日（周一）");
        assert_eq!(deadline(&en, &due, 480, &now), "Mon 4 Jan 2027");
    }

    #[test]
    fn display_time_is_chronos_format() {
        for (secs, offset) in [(0, 0), (1_800_000_000, 480), (1_799_999_999, 480), (951_782_400, -300), (4_102_444_799, 480)] {
            let t = DateTime::<Utc>::from_timestamp(secs, 0).unwrap();
            let off = FixedOffset::east_opt(offset * 60).unwrap();
            assert_eq!(display_time(&t, offset), t.with_timezone(&off).format("%Y-%m-%d %H:%M").to_string(), "{secs} at {offset}");
        }
    }
}
