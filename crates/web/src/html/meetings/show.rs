//! The meeting page: what was planned, who was invited and who came, the votes with the numbers
//! that decided them, the minutes with every version and what a correction changed, the make-up
//! study brought to those who could not come; its forms, and the printable minutes.

use std::collections::BTreeMap;

use askama::Template;
use axum::{body::Bytes, extract::Path, response::Response};
use chrono::NaiveDate;
use lianxin_app::{
    AppError,
    meetings::{
        self, MeetingView,
        record::{self, HeldInput, Mark, VoteInput},
    },
};
use lianxin_core::{
    meetings::{Attendance, MeetingKind, MeetingStatus, Unable},
    people::MemberStatus,
};
use uuid::Uuid;

use super::{back_to, instant, is_status, kind_word, status_word};
use crate::{
    Viewer,
    error::WebResult,
    form::Pairs,
    html::{Base, page, page_with},
    i18n::Tr,
    rules,
};

pub struct InviteeRow {
    pub person_id: Uuid,
    pub name: String,
    pub role: String,
    pub attendance: String,
    pub attendance_code: String,
    pub leave_reason: String,
    pub unable: String,
    pub makeup: String,
    /// May be brought the make-up study: not present at a held meeting.
    pub missed: bool,
}

pub struct VoteRow {
    pub motion: String,
    pub counts: String,
    pub passes: bool,
    pub why: Vec<String>,
}

pub struct VersionRow {
    pub heading: String,
    pub approved: String,
    pub written: String,
    pub reason: String,
    pub body: String,
    pub resolutions: String,
    /// What changed from the version before: (class, line with its sign).
    pub diff: Vec<(&'static str, String)>,
}

#[derive(Template)]
#[template(path = "meetings/show.html")]
struct ShowPage {
    b: Base,
    v: MeetingView,
    kind: String,
    status: String,
    period: String,
    when: String,
    invitees: Vec<InviteeRow>,
    summary: String,
    votes: Vec<VoteRow>,
    /// The quorum as it stands, explained by the rule that decides it.
    quorum: Vec<String>,
    versions: Vec<VersionRow>,
    planned: bool,
    held: bool,
    /// Someone invited was not present (the make-up study form is offered).
    any_missed: bool,
    votes_here: bool,
    lecture: bool,
    latest_approved: bool,
    has_minutes: bool,
    error: String,
    /// What was typed into the form that failed, to show it back.
    typed: BTreeMap<String, String>,
    held_date: String,
    held_time: String,
}

/// "应到 N 人，实到 …": the attendance of a meeting in one sentence.
fn attendance_summary(tr: &Tr, view: &MeetingView) -> String {
    tr.ta(
        "msg-meeting-attendance",
        &[
            ("count", view.invitees.len().to_string()),
            ("present", view.count(Attendance::Present).to_string()),
            ("leave", view.count(Attendance::Leave).to_string()),
            ("absent", view.count(Attendance::Absent).to_string()),
            ("makeup", view.makeups().to_string()),
        ],
    )
}

fn role_word(tr: &Tr, role: &str) -> String {
    if MemberStatus::parse(role).is_some() { tr.t(&format!("member-status-{role}")) } else { tr.t(&format!("post-{role}")) }
}

/// Lines removed (`-`) and added (`+`) between two texts, in order (a longest common subsequence
/// of lines; minutes are short).
pub fn line_diff(old: &str, new: &str) -> Vec<(char, String)> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(('-', a[i].to_owned()));
            i += 1;
        } else {
            out.push(('+', b[j].to_owned()));
            j += 1;
        }
    }
    out
}

fn explain(v: &Viewer, name: &str, values: &[(&str, u64)]) -> Vec<String> {
    let Some(rule) = lianxin_core::rules::find(name) else { return Vec::new() };
    let values = values.iter().map(|(k, n)| ((*k).to_owned(), n.to_string())).collect();
    match rules::answer(&v.ctx.app, rule, &values) {
        Ok(e) => e.reasons.iter().map(|r| rules::reason_text(&v.tr, r)).collect(),
        Err(p) => p.iter().map(|p| rules::problem_text(&v.tr, p)).collect(),
    }
}

async fn render(v: &Viewer, id: Uuid, error: Option<&AppError>, typed: &Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let view = meetings::show(&v.ctx, id).await?;
    let b = Base::titled(v, view.meeting.title.clone(), &format!("/meetings/{id}"));
    let kind = view.kind();
    let held = is_status(&view.meeting.status, MeetingStatus::Held);
    let invitees = view
        .invitees
        .iter()
        .map(|i| InviteeRow {
            person_id: i.person_id,
            name: i.person_name.clone(),
            role: role_word(&tr, &i.role),
            attendance: i.attendance.as_deref().map(|a| tr.t(&format!("attendance-{a}"))).unwrap_or_else(|| "—".into()),
            attendance_code: i.attendance.clone().unwrap_or_default(),
            leave_reason: i.leave_reason.clone().unwrap_or_default(),
            unable: i.unable.as_deref().map(|u| tr.t(&format!("unable-{u}"))).unwrap_or_default(),
            makeup: i.makeup_on.map(|d| d.to_string()).unwrap_or_default(),
            missed: held && i.attendance.as_deref() != Some(Attendance::Present.as_str()),
        })
        .collect();
    let summary = attendance_summary(&tr, &view);
    let (eligible, present) = record::vote_base(kind, &view.invitees);
    let (rule, base_name) = if kind == MeetingKind::Assembly { ("assembly-vote", "eligible") } else { ("committee-meeting", "members") };
    let quorum = if kind.votes() && held {
        let mut q = explain(v, rule, &[(base_name, eligible), ("present", present), ("yes", 0)]);
        q.truncate(1);
        q
    } else {
        Vec::new()
    };
    let votes = view
        .votes
        .iter()
        .map(|x| {
            let n = |i: i32| u64::try_from(i).unwrap_or(0);
            VoteRow {
                motion: x.motion.clone(),
                counts: tr
                    .ta("msg-vote-counts", &[("yes", x.yes.to_string()), ("no", x.no.to_string()), ("abstain", x.abstain.to_string())]),
                passes: x.passes,
                why: if kind == MeetingKind::Assembly {
                    explain(v, "assembly-vote", &[("eligible", n(x.eligible)), ("present", n(x.present)), ("yes", n(x.yes))])
                } else {
                    let mut w = explain(v, "committee-meeting", &[("members", n(x.eligible)), ("present", n(x.present))]);
                    w.push(tr.ta("reason-committee-passes", &[("yes", x.yes.to_string()), ("members", x.eligible.to_string())]));
                    w
                },
            }
        })
        .collect();
    let mut versions: Vec<VersionRow> = Vec::new();
    let mut before: Option<&lianxin_app::meetings::Minutes> = None;
    for m in &view.minutes {
        versions.push(VersionRow {
            heading: tr.ta("label-minutes-version", &[("count", m.version.to_string())]),
            approved: m
                .approved_at
                .as_ref()
                .map(|t| tr.ta("msg-minutes-approved-at", &[("time", b.time(t))]))
                .unwrap_or_else(|| tr.t("label-minutes-draft")),
            written: tr.ta("msg-minutes-written-at", &[("time", b.time(&m.written_at))]),
            reason: m.reason.clone().unwrap_or_default(),
            body: m.body.clone(),
            resolutions: m.resolutions.clone(),
            diff: before
                .map(|p| line_diff(&format!("{}\n{}", p.body, p.resolutions), &format!("{}\n{}", m.body, m.resolutions)))
                .unwrap_or_default()
                .into_iter()
                .map(|(sign, line)| (if sign == '+' { "added" } else { "removed" }, format!("{sign} {line}")))
                .collect(),
        });
        before = Some(m);
    }
    let latest_approved = view.minutes.last().is_some_and(|m| m.approved_at.is_some());
    let period_code = kind.period_containing(view.meeting.counts_for).code();
    let local = view.meeting.starts_at + chrono::TimeDelta::minutes(i64::from(b.offset_minutes));
    let typed_map: BTreeMap<String, String> =
        ["motion", "yes", "no", "abstain", "body", "resolutions", "reason", "lecturer", "lecturer_from", "topic", "note"]
            .iter()
            .map(|k| ((*k).to_owned(), typed.value(k)))
            .collect();
    let status = error.map(crate::error::status_of);
    let error = error.map(|e| crate::shell::error_text(&tr, e));
    let p = ShowPage {
        kind: kind_word(&tr, kind.as_str()),
        status: status_word(&tr, &view.meeting.status),
        period: rules::period_words(&tr, &period_code),
        when: b.time(&view.meeting.starts_at),
        invitees,
        summary,
        votes,
        quorum,
        versions,
        planned: is_status(&view.meeting.status, MeetingStatus::Planned),
        held,
        any_missed: held && view.invitees.iter().any(|i| i.attendance.as_deref() != Some(Attendance::Present.as_str())),
        votes_here: kind.votes(),
        lecture: kind == MeetingKind::Lecture,
        latest_approved,
        has_minutes: !view.minutes.is_empty(),
        error: error.unwrap_or_default(),
        typed: typed_map,
        held_date: local.format("%Y-%m-%d").to_string(),
        held_time: local.format("%H:%M").to_string(),
        v: view,
        b,
    };
    Ok(match status {
        Some(s) => page_with(s, &p),
        None => page(&p),
    })
}

pub(super) async fn show(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    render(&v, id, None, &Pairs::default()).await
}

/// After a form: back to the page, or the page again with the error and what was typed.
async fn after(v: &Viewer, id: Uuid, r: Result<(), AppError>, f: &Pairs) -> WebResult<Response> {
    match r {
        Ok(()) => Ok(back_to(id)),
        Err(e) if crate::shell::is_form_error(&e) || matches!(e, AppError::Refused { .. }) => render(v, id, Some(&e), f).await,
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn held(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let offset = v.ctx.settings().display_utc_offset_minutes;
    let r = async {
        let held_at = instant(offset, &f.value("held_date"), &f.value("held_time")).ok_or(AppError::invalid("held_at", "error-date"))?;
        let marks = f
            .prefixed("att.")
            .into_iter()
            .filter_map(|(k, val)| {
                let person = Uuid::parse_str(k.trim_start_matches("att.")).ok()?;
                Some(Mark {
                    person_id: person,
                    attendance: Attendance::parse(val.trim()).unwrap_or(Attendance::Absent),
                    leave_reason: f.value(&format!("reason.{person}")),
                    unable: Unable::parse(f.value(&format!("unable.{person}")).trim()),
                })
            })
            .collect();
        let input =
            HeldInput { held_at, marks, lecturer: f.value("lecturer"), lecturer_from: f.value("lecturer_from"), topic: f.value("topic") };
        record::held(&v.ctx, id, input).await.map(|_| ())
    }
    .await;
    after(&v, id, r, &f).await
}

fn count(f: &Pairs, name: &'static str) -> Result<u64, AppError> {
    let s = f.value(name);
    let s = s.trim();
    if s.is_empty() {
        return Ok(0);
    }
    s.parse().map_err(|_| AppError::invalid(name, "error-count"))
}

pub(super) async fn vote(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let r = async {
        let input = VoteInput { motion: f.value("motion"), yes: count(&f, "yes")?, no: count(&f, "no")?, abstain: count(&f, "abstain")? };
        record::vote(&v.ctx, id, input).await.map(|_| ())
    }
    .await;
    after(&v, id, r, &f).await
}

pub(super) async fn minutes(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let r = record::write_minutes(&v.ctx, id, &f.value("body"), &f.value("resolutions")).await.map(|_| ());
    after(&v, id, r, &f).await
}

pub(super) async fn approve(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let r = record::approve(&v.ctx, id).await.map(|_| ());
    after(&v, id, r, &Pairs::default()).await
}

pub(super) async fn correct(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let r = record::correct(&v.ctx, id, &f.value("body"), &f.value("resolutions"), &f.value("reason")).await.map(|_| ());
    after(&v, id, r, &f).await
}

pub(super) async fn makeup(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let r = async {
        let person = Uuid::parse_str(f.value("person_id").trim()).map_err(|_| AppError::invalid("person_id", "error-choose"))?;
        let on = NaiveDate::parse_from_str(f.value("on").trim(), "%Y-%m-%d").map_err(|_| AppError::invalid("on", "error-date"))?;
        record::makeup(&v.ctx, id, person, on, &f.value("note")).await
    }
    .await;
    after(&v, id, r, &f).await
}

pub(super) async fn cancel(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let r = meetings::cancel(&v.ctx, id, &f.value("reason")).await.map(|_| ());
    after(&v, id, r, &f).await
}

#[derive(Template)]
#[template(path = "meetings/print.html")]
struct PrintPage {
    b: Base,
    v: MeetingView,
    kind: String,
    when: String,
    summary: String,
    present: Vec<String>,
    away: Vec<String>,
    minutes: Option<lianxin_app::meetings::Minutes>,
    approved: String,
    vote_lines: Vec<String>,
}

/// The minutes for paper: A4, the approved version (or the draft, marked so).
pub(super) async fn print(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let view = meetings::show(&v.ctx, id).await?;
    let b = Base::titled(&v, view.meeting.title.clone(), &format!("/meetings/{id}/print"));
    let named = |wanted: &[Attendance]| -> Vec<String> {
        view.invitees
            .iter()
            .filter(|i| wanted.iter().any(|a| i.attendance.as_deref() == Some(a.as_str())))
            .map(|i| i.person_name.clone())
            .collect()
    };
    let present = named(&[Attendance::Present]);
    let away = named(&[Attendance::Leave, Attendance::Absent]);
    let minutes = view.minutes.last().cloned();
    let approved = minutes
        .as_ref()
        .and_then(|m| m.approved_at.as_ref())
        .map(|t| tr.ta("msg-minutes-approved-at", &[("time", b.time(t))]))
        .unwrap_or_else(|| tr.t("label-minutes-draft"));
    let summary = attendance_summary(&tr, &view);
    let vote_lines = view
        .votes
        .iter()
        .map(|x| {
            let verdict = if x.passes { tr.t("label-vote-passes") } else { tr.t("label-vote-fails") };
            let line = tr.ta(
                "msg-vote-print",
                &[("name", x.motion.clone()), ("yes", x.yes.to_string()), ("no", x.no.to_string()), ("abstain", x.abstain.to_string())],
            );
            format!("{line} {verdict}")
        })
        .collect();
    Ok(page(&PrintPage {
        kind: kind_word(&tr, &view.meeting.kind),
        when: b.time(&view.meeting.starts_at),
        summary,
        present,
        away,
        minutes,
        approved,
        vote_lines,
        v: view,
        b,
    }))
}

#[cfg(test)]
mod tests {
    use super::line_diff;

    #[test]
    fn a_correction_shows_what_it_changed() {
        let d = line_diff("一、学习\n二、表决\n三、其他", "一、学习\n二、表决（修正）\n三、其他");
        assert_eq!(d, vec![('-', "二、表决".to_owned()), ('+', "二、表决（修正）".to_owned())]);
        assert!(line_diff("a\nb", "a\nb").is_empty());
    }
}
