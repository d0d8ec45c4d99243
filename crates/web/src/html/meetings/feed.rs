//! Calendar feeds (RFC 5545): the meetings a person is invited to, and an organization's, behind
//! the account's feed key. Text is escaped and lines are folded at 75 octets as the RFC asks.

use axum::{
    extract::Path,
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, TimeDelta, Utc};
use lianxin_app::meetings::{self, Meeting};
use uuid::Uuid;

use super::{kind_word, mine_page};
use crate::{Viewer, error::WebResult, i18n::Tr};

/// Makes a new feed key and shows its address once.
pub(super) async fn reset_key(v: Viewer, headers: axum::http::HeaderMap) -> WebResult<Response> {
    v.require()?;
    let key = meetings::feed::reset_key(&v.ctx).await?;
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let base = v.ctx.settings().appeals.public_url.clone().unwrap_or_else(|| format!("http://{host}"));
    mine_page(&v, format!("{}/feeds/{key}/meetings.ics", base.trim_end_matches('/'))).await
}

pub(super) async fn person(v: Viewer, Path(key): Path<String>) -> WebResult<Response> {
    let key = key.trim_end_matches(".ics").to_owned();
    let list = meetings::feed::person_feed(&v.ctx.app, &key).await?;
    Ok(ics(&v.tr, &v.tr.t("label-feed-mine"), &list))
}

pub(super) async fn org(v: Viewer, Path((key, id)): Path<(String, Uuid)>) -> WebResult<Response> {
    let (o, list) = meetings::feed::org_feed(&v.ctx.app, &key, id).await?;
    Ok(ics(&v.tr, &o.name, &list))
}

fn stamp(t: &DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT as RFC 5545 §3.3.11 writes it.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so no line is longer than 75 octets (§3.1), never inside a character.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// The calendar of `list`, named `name`.
pub(crate) fn calendar(tr: &Tr, name: &str, list: &[Meeting]) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//lianxin//meetings//ZH");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for m in list {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}@lianxin", m.id));
        line(&mut out, &format!("DTSTAMP:{}", stamp(&m.updated_at)));
        line(&mut out, &format!("DTSTART:{}", stamp(&m.starts_at)));
        line(&mut out, &format!("DTEND:{}", stamp(&(m.starts_at + TimeDelta::hours(2)))));
        line(&mut out, &format!("SUMMARY:{}", escape(&format!("{}（{}）", m.title, kind_word(tr, &m.kind)))));
        line(&mut out, &format!("LOCATION:{}", escape(&m.place)));
        if !m.agenda.is_empty() {
            line(&mut out, &format!("DESCRIPTION:{}", escape(&m.agenda)));
        }
        line(&mut out, &format!("STATUS:{}", if m.status == "cancelled" { "CANCELLED" } else { "CONFIRMED" }));
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

fn ics(tr: &Tr, name: &str, list: &[Meeting]) -> Response {
    let mut r = calendar(tr, name, list).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8"));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=300"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "支部委员会会议".repeat(6)));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), format!("SUMMARY:{}", "支部委员会会议".repeat(6)));
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
