//! Planning a meeting: its kind, time, place and agenda; the invitees follow from the kind (the
//! members, the committee, both village bodies, or the two people of a talk) and each gets the
//! notice.

use axum::{body::Bytes, extract::Path, response::Response};
use lianxin_app::{
    AppError,
    meetings::{self, MeetingNew},
    people::RosterFilter,
};
use lianxin_core::{
    meetings::{MeetingKind, Period, TalkPair},
    people::MemberStatus,
};
use uuid::Uuid;

use super::{instant, kind_word};
use crate::{
    Viewer,
    error::WebResult,
    form::Pairs,
    html::{Base, Field, FormPage, see_other},
    shell::is_form_error,
};

async fn form_page(v: &Viewer, org: Uuid, f: &Pairs) -> WebResult<FormPage> {
    let tr = v.tr;
    let mut kinds = vec![(String::new(), tr.t("label-choose"))];
    kinds.extend(MeetingKind::ALL.iter().map(|k| (k.as_str().to_owned(), kind_word(&tr, k.as_str()))));
    let mut pairs_opts = vec![(String::new(), tr.t("label-choose"))];
    pairs_opts.extend(TalkPair::ALL.iter().map(|p| (p.as_str().to_owned(), tr.t(&format!("talk-pair-{p}")))));
    let statuses = vec![MemberStatus::Full.as_str().to_owned(), MemberStatus::Probationary.as_str().to_owned()];
    let members = lianxin_app::people::members::roster(&v.ctx, org, &RosterFilter { statuses, ..Default::default() }, 300)
        .await
        .map(|r| r.members)
        .unwrap_or_default();
    let people: Vec<(String, String)> = members.iter().map(|m| (m.person_id.to_string(), m.person_name.clone())).collect();
    let chosen = f.all("talk_with").join(",");
    let fields = vec![
        Field::new("kind", tr.t("field-meeting-kind"), "select").value(f.value("kind")).options(kinds).required(),
        Field::text("title", tr.t("field-meeting-title")).value(f.value("title")).help(tr.t("help-meeting-title")),
        Field::new("date", tr.t("field-meeting-date"), "date").value(f.value("date")).required(),
        Field::new("time", tr.t("field-meeting-time"), "time").value(f.value("time")).help(tr.t("help-meeting-time")),
        Field::text("place", tr.t("field-meeting-place")).value(f.value("place")).required(),
        Field::new("agenda", tr.t("field-meeting-agenda"), "textarea").value(f.value("agenda")),
        Field::text("counts_for", tr.t("field-meeting-counts-for")).value(f.value("counts_for")).help(tr.t("help-meeting-counts-for")),
        Field::new("pair", tr.t("field-talk-pair"), "select").value(f.value("pair")).options(pairs_opts).help(tr.t("help-talk-pair")),
        Field::new("talk_with", tr.t("field-talk-with"), "checkboxes").value(chosen).options(people),
    ];
    let b = Base::new(v, "page-meeting-new", &format!("/orgs/{org}/meetings/new"));
    let mut p = FormPage::new(b, format!("/orgs/{org}/meetings"), fields, tr.t("btn-meeting-plan"));
    p.intro = tr.t("help-meeting-plan");
    p.cancel = format!("/orgs/{org}/meetings");
    Ok(p)
}

pub(super) async fn form(v: Viewer, Path(org): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    Ok(form_page(&v, org, &Pairs::default()).await?.render_ok())
}

fn parse(v: &Viewer, org: Uuid, f: &Pairs) -> Result<MeetingNew, AppError> {
    let mut checks = lianxin_app::Checks::default();
    let kind = MeetingKind::parse(f.get("kind").unwrap_or(""));
    checks.check(kind.is_none(), "kind", "error-choose");
    let starts_at = instant(v.ctx.settings().display_utc_offset_minutes, &f.value("date"), &f.value("time"));
    checks.check(starts_at.is_none(), "date", "error-date");
    let counts_for = f.get("counts_for").map(Period::parse);
    checks.check(matches!(counts_for, Some(None)), "counts_for", "error-period");
    let pair = f.get("pair").and_then(TalkPair::parse);
    let talk_with: Vec<Uuid> = f.all("talk_with").iter().filter_map(|s| Uuid::parse_str(s.trim()).ok()).collect();
    checks.finish()?;
    let kind = kind.unwrap_or(MeetingKind::Assembly);
    let title = f.get("title").map(str::to_owned).unwrap_or_else(|| kind_word(&v.tr, kind.as_str()));
    Ok(MeetingNew {
        org_id: org,
        kind,
        pair,
        talk_with,
        title,
        agenda: f.value("agenda"),
        place: f.value("place"),
        starts_at: starts_at.unwrap_or_default(),
        counts_for: counts_for.flatten(),
    })
}

pub(super) async fn create(v: Viewer, Path(org): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let r = match parse(&v, org, &f) {
        Ok(new) => meetings::plan(&v.ctx, new).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(m) => Ok(see_other(&format!("/meetings/{}", m.id))),
        Err(e) if is_form_error(&e) => Ok(form_page(&v, org, &f).await?.with_error(&e)),
        Err(e) => Err(e.into()),
    }
}
