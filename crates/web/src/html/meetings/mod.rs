//! Pages of organizational life: an organization's meetings, planning one, the meeting itself
//! (attendance, votes with their verdicts, minutes and their versions, make-up study), printable
//! minutes, the cadence compliance of a subtree, the yearly appraisal, one's own meetings and the
//! calendar feeds.

use askama::Template;
use axum::{
    Router,
    extract::{Path, Query},
    response::Response,
    routing::{get, post},
};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use lianxin_app::meetings::{self, Meeting};
use lianxin_core::meetings::MeetingStatus;
use serde::Deserialize;
use uuid::Uuid;

use super::{Base, page, see_other};
use crate::{AppState, Viewer, error::WebResult, i18n::Tr};

mod appraisal;
mod compliance;
mod feed;
mod plan;
mod show;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/meetings", get(mine))
        .route("/meetings/feed-key", post(feed::reset_key))
        .route("/feeds/{key}/meetings.ics", get(feed::person))
        .route("/feeds/{key}/orgs/{id}/meetings.ics", get(feed::org))
        .route("/orgs/{id}/meetings", get(list).post(plan::create))
        .route("/orgs/{id}/meetings/new", get(plan::form))
        .route("/orgs/{id}/compliance", get(compliance::overview))
        .route("/orgs/{id}/compliance.xlsx", get(compliance::export))
        .route("/orgs/{id}/appraisal", get(appraisal::sheet).post(appraisal::save))
        .route("/meetings/{id}", get(show::show))
        .route("/meetings/{id}/print", get(show::print))
        .route("/meetings/{id}/held", post(show::held))
        .route("/meetings/{id}/votes", post(show::vote))
        .route("/meetings/{id}/minutes", post(show::minutes))
        .route("/meetings/{id}/minutes/approve", post(show::approve))
        .route("/meetings/{id}/minutes/correct", post(show::correct))
        .route("/meetings/{id}/makeup", post(show::makeup))
        .route("/meetings/{id}/cancel", post(show::cancel))
}

/// A meeting's kind in words.
pub(crate) fn kind_word(tr: &Tr, kind: &str) -> String {
    tr.t(&format!("meeting-kind-{kind}"))
}

/// Where a meeting stands, in words.
pub(crate) fn status_word(tr: &Tr, status: &str) -> String {
    tr.t(&format!("meeting-status-{status}"))
}

/// A local date and time typed in a form, as an instant.
pub(crate) fn instant(offset_minutes: i32, date: &str, time: &str) -> Option<DateTime<Utc>> {
    let d = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    let t =
        if time.trim().is_empty() { NaiveTime::from_hms_opt(9, 0, 0)? } else { NaiveTime::parse_from_str(time.trim(), "%H:%M").ok()? };
    Some((d.and_time(t) - TimeDelta::minutes(i64::from(offset_minutes))).and_utc())
}

/// A row of a meeting list.
pub struct Row {
    pub id: Uuid,
    pub kind: String,
    pub title: String,
    pub when: String,
    pub place: String,
    pub status: String,
    pub status_code: String,
}

fn rows(b: &Base, list: &[Meeting]) -> Vec<Row> {
    list.iter()
        .map(|m| Row {
            id: m.id,
            kind: kind_word(&b.tr, &m.kind),
            title: m.title.clone(),
            when: b.time(&m.starts_at),
            place: m.place.clone(),
            status: status_word(&b.tr, &m.status),
            status_code: m.status.clone(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "meetings/list.html")]
struct ListPage {
    b: Base,
    org_id: Uuid,
    rows: Vec<Row>,
    next: Option<String>,
    may_run: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct ListQ {
    before: String,
}

async fn list(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<ListQ>) -> WebResult<Response> {
    v.require()?;
    let before = DateTime::parse_from_rfc3339(q.before.trim()).ok().map(|t| t.with_timezone(&Utc));
    let l = meetings::list(&v.ctx, id, before, 50).await?;
    let b = Base::titled(&v, v.tr.ta("page-meetings-of", &[("name", l.org.name.clone())]), &format!("/orgs/{id}/meetings"));
    let rows = rows(&b, &l.meetings);
    let next = l.next.map(|t| format!("/orgs/{id}/meetings?before={}", super::url_encode(&t.to_rfc3339())));
    Ok(page(&ListPage { b, org_id: id, rows, next, may_run: l.may_run }))
}

#[derive(Template)]
#[template(path = "meetings/mine.html")]
struct MinePage {
    b: Base,
    rows: Vec<Row>,
    has_key: bool,
    /// The feed address, shown once right after the key was made.
    new_feed: String,
}

async fn mine(v: Viewer) -> WebResult<Response> {
    v.require()?;
    mine_page(&v, String::new()).await
}

pub(crate) async fn mine_page(v: &Viewer, new_feed: String) -> WebResult<Response> {
    let list = meetings::mine(&v.ctx, 50).await?;
    let has_key = meetings::feed::has_key(&v.ctx).await?;
    let b = Base::new(v, "page-my-meetings", "/meetings");
    let rows = rows(&b, &list);
    Ok(page(&MinePage { b, rows, has_key, new_feed }))
}

pub(crate) fn back_to(id: Uuid) -> Response {
    see_other(&format!("/meetings/{id}"))
}

pub(crate) fn is_status(status: &str, s: MeetingStatus) -> bool {
    status == s.as_str()
}
