//! Pages of study and training: the courses a member studies (cards on a phone), a course with
//! its video and what of it was played, publishing a course with its video, an organization's
//! year of hours against the requirement with who is short (and as a spreadsheet), a township's
//! or county's roll-up, a member's own year, and trainings with their attendees.

use askama::Template;
use axum::{
    Router,
    extract::{DefaultBodyLimit, Multipart, Path, Query},
    response::Response,
    routing::{get, post},
};
use lianxin_app::{
    AppError,
    policy::{self, Action},
    settings::Settings,
    study::{self, CourseInput, Upload},
};
use lianxin_core::study::hours_text;
use uuid::Uuid;

use super::{Base, page, page_with, see_other};
use crate::{
    AppState, Viewer,
    error::{WebResult, status_of},
    html::error_text,
    i18n::Tr,
    rules,
    shell::{
        XLSX, assets, download,
        years::{YearQ, recent_years, year_of},
    },
};

mod media;
mod trainings;

pub fn router(settings: &Settings) -> Router<AppState> {
    let upload = (settings.study.video_max_mb as usize + study::DOCUMENT_MAX_BYTES / (1024 * 1024) + 1) * 1024 * 1024;
    Router::new()
        .route("/study", get(home))
        .route("/orgs/{id}/courses", get(courses))
        .route("/orgs/{id}/courses/new", get(new_course).post(publish).layer(DefaultBodyLimit::max(upload)))
        .route("/courses/{id}", get(course))
        .route("/courses/{id}/video", get(media::video))
        .route("/courses/{id}/document", get(media::document))
        .route("/courses/{id}/progress", post(media::progress))
        .route("/orgs/{id}/study", get(hours))
        .route("/orgs/{id}/study.xlsx", get(export))
        .route("/orgs/{id}/study/overview", get(overview))
        .route("/study/members/{id}", get(member))
        .merge(trainings::router())
}

/// Minutes and seconds of video: "12:05".
fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

/// "Watched 3:20 of 12:00 (0.2 study hours)".
pub(super) fn watched_text(tr: &Tr, watched_ms: u64, duration_ms: u64, minutes_per_hour: u32) -> String {
    tr.ta(
        "label-study-watched",
        &[
            ("watched", clock(watched_ms)),
            ("duration", clock(duration_ms)),
            ("hours", hours_text(lianxin_core::study::played_tenths(watched_ms, minutes_per_hour))),
        ],
    )
}

fn hours_word(tr: &Tr, tenths: u64) -> String {
    tr.ta("label-study-hours", &[("hours", hours_text(tenths))])
}

/// Where a viewer's study starts: the hours they read, else the courses of their organization.
async fn home(v: Viewer) -> WebResult<Response> {
    v.require()?;
    if let Some(id) = policy::home_org(&v.ctx.actor, Action::ReadStudy) {
        return Ok(see_other(&format!("/orgs/{id}/study")));
    }
    match policy::home_org(&v.ctx.actor, Action::Study) {
        Some(id) => Ok(see_other(&format!("/orgs/{id}/courses"))),
        None => Err(AppError::NotFound.into()),
    }
}

struct CourseCard {
    id: Uuid,
    title: String,
    publisher: String,
    kind: String,
    watched: String,
    done: bool,
}

#[derive(Template)]
#[template(path = "study/courses.html")]
struct CoursesPage {
    b: Base,
    list: study::Courses,
    cards: Vec<CourseCard>,
}

async fn courses(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let list = study::courses(&v.ctx, id).await?;
    let per = v.ctx.settings().study.minutes_per_hour;
    let cards = list
        .rows
        .iter()
        .map(|r| CourseCard {
            id: r.course.id,
            title: r.course.title.clone(),
            publisher: r.publisher.clone(),
            kind: tr.t(if r.course.video_id.is_some() { "label-study-video" } else { "label-study-link" }),
            watched: match r.duration_ms {
                Some(d) if list.member.is_some() => watched_text(&tr, r.watched_ms, d, per),
                _ => String::new(),
            },
            done: r.duration_ms.is_some_and(|d| d > 0 && r.watched_ms + 1000 >= d),
        })
        .collect();
    let b = Base::titled(&v, tr.ta("page-study-courses", &[("name", list.org.name.clone())]), &format!("/orgs/{id}/courses"));
    Ok(page(&CoursesPage { b, list, cards }))
}

#[derive(Template)]
#[template(path = "study/course.html")]
struct CoursePage {
    b: Base,
    c: study::CourseView,
    watched: String,
    size: String,
    summary: Vec<String>,
    script: &'static str,
}

async fn course(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let c = study::course(&v.ctx, id).await?;
    let duration = c.video.as_ref().and_then(|m| m.duration_ms).unwrap_or(0).max(0) as u64;
    let watched = if c.counted && c.video.is_some() {
        watched_text(&tr, c.watched_ms, duration, v.ctx.settings().study.minutes_per_hour)
    } else {
        String::new()
    };
    let summary = c.course.summary.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned).collect();
    let b = Base::titled(&v, c.course.title.clone(), &format!("/courses/{id}"));
    let bytes = c.video.as_ref().map_or(0, |m| m.size.max(0) as u64);
    let size = if bytes < 1024 * 1024 { format!("{} KB", bytes.div_ceil(1024)) } else { format!("{:.1} MB", bytes as f64 / 1_048_576.0) };
    Ok(page(&CoursePage { b, watched, size, summary, script: assets::study_js_path(), c }))
}

#[derive(Template)]
#[template(path = "study/course_new.html")]
struct NewCoursePage {
    b: Base,
    org_id: Uuid,
    org_name: String,
    error: String,
    title: String,
    summary: String,
    link: String,
    max_mb: u32,
}

fn new_course_page(v: &Viewer, org: (Uuid, String), error: String, typed: &CourseInput) -> NewCoursePage {
    NewCoursePage {
        b: Base::titled(v, v.tr.t("page-study-course-new"), &format!("/orgs/{}/courses/new", org.0)),
        org_id: org.0,
        org_name: org.1,
        error,
        title: typed.title.clone(),
        summary: typed.summary.clone(),
        link: typed.link.clone(),
        max_mb: v.ctx.settings().study.video_max_mb,
    }
}

async fn new_course(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let (org, _) = study::attendable(&v.ctx, id).await?;
    Ok(page(&new_course_page(&v, (org.id, org.name), String::new(), &CourseInput::default())))
}

async fn publish(v: Viewer, Path(id): Path<Uuid>, form: Multipart) -> WebResult<Response> {
    v.require()?;
    let (org, _) = study::attendable(&v.ctx, id).await?;
    let parts = match crate::form::multipart(form).await {
        Ok(parts) => parts,
        Err((status, key)) => return Ok(page_with(status, &new_course_page(&v, (org.id, org.name), v.tr.t(key), &CourseInput::default()))),
    };
    let mut input = CourseInput::default();
    for p in parts {
        let text = || String::from_utf8_lossy(&p.data).into_owned();
        match p.name.as_str() {
            "title" => input.title = text(),
            "summary" => input.summary = text(),
            "link" => input.link = text(),
            "video" => input.video = Some(Upload { name: p.filename, bytes: p.data }),
            "document" => input.document = Some(Upload { name: p.filename, bytes: p.data }),
            _ => {}
        }
    }
    let typed = CourseInput { video: None, document: None, ..input.clone() };
    match study::publish_course(&v.ctx, id, input).await {
        Ok(c) => Ok(see_other(&format!("/courses/{}", c.id))),
        Err(e) if crate::shell::is_form_error(&e) => {
            Ok(page_with(status_of(&e), &new_course_page(&v, (org.id, org.name), error_text(&v.tr, &e), &typed)))
        }
        Err(e) => Err(e.into()),
    }
}

struct HoursLine {
    member_id: Uuid,
    name: String,
    leader: bool,
    courses: String,
    lectures: String,
    trainings: String,
    total: String,
    required: String,
    short: String,
    met: bool,
}

fn line(tr: &Tr, r: &study::HoursRow) -> HoursLine {
    HoursLine {
        member_id: r.member.id,
        name: r.member.person_name.clone(),
        leader: r.req.leader,
        courses: hours_text(r.courses),
        lectures: hours_text(r.lectures),
        trainings: hours_text(r.trainings),
        total: hours_text(r.req.have),
        required: hours_text(r.req.required),
        short: if r.req.met { tr.t("label-study-met") } else { hours_word(tr, r.req.short) },
        met: r.req.met,
    }
}

#[derive(Template)]
#[template(path = "study/hours.html")]
struct HoursPage {
    b: Base,
    h: std::sync::Arc<study::Hours>,
    /// The members' lines ([`HoursPart`]), written once per kept year of hours.
    part: std::sync::Arc<str>,
    years: Vec<i32>,
    has_children: bool,
    rule_line: String,
}

/// What the page shows of kept hours (kept by organization, year and day): who is short first,
/// the shortest first, for the list is for acting on.
#[derive(Template)]
#[template(path = "study/hours_part.html")]
struct HoursPart {
    tr: Tr,
    year: i32,
    lines: Vec<HoursLine>,
}

async fn hours(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let year = year_of(&v, &q.year);
    let h = study::hours(&v.ctx, id, year).await?;
    let part = crate::shell::parts::part(&h, tr, "study-hours", || {
        let mut lines: Vec<HoursLine> = h.rows.iter().map(|r| line(&tr, r)).collect();
        lines.sort_by_key(|l| l.met);
        crate::shell::parts::html(&HoursPart { tr, year: h.year, lines })
    });
    use lianxin_core::orgs::OrgKind;
    let has_children = matches!(OrgKind::parse(&h.org.kind), Some(OrgKind::Committee | OrgKind::GeneralBranch));
    let rule_line = tr.t("rule-says-study-hours");
    let b = Base::titled(
        &v,
        tr.ta("page-study-hours", &[("name", h.org.name.clone()), ("year", year.to_string())]),
        &format!("/orgs/{id}/study"),
    );
    Ok(page(&HoursPage { b, part, years: recent_years(&v), has_children, rule_line, h }))
}

async fn export(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let year = year_of(&v, &q.year);
    let h = study::hours(&v.ctx, id, year).await?;
    let headers = [
        "field-person-name",
        "field-study-courses",
        "field-study-lectures",
        "field-study-trainings",
        "field-study-total",
        "field-study-required",
        "field-study-short",
    ]
    .map(|k| tr.t(k))
    .to_vec();
    let rows = h
        .rows
        .iter()
        .map(|r| {
            let l = line(&tr, r);
            vec![l.name, l.courses, l.lectures, l.trainings, l.total, l.required, l.short]
        })
        .collect::<Vec<_>>();
    let bytes =
        lianxin_app::sheets::write_xlsx(&tr.t("nav-study"), &headers, rows).map_err(|e| AppError::internal(format!("xlsx: {e:?}")))?;
    let name = format!("{}-{year}-{}.xlsx", h.org.name, tr.t("nav-study"));
    Ok(download(bytes, XLSX, &name, &format!("study-{year}.xlsx")))
}

struct OverviewLine {
    org_id: Uuid,
    name: String,
    members: u64,
    met: u64,
    short: u64,
    average: String,
}

#[derive(Template)]
#[template(path = "study/overview.html")]
struct OverviewPage {
    b: Base,
    org_id: Uuid,
    year: i32,
    /// The overview's lines ([`OverviewPart`]), written once per kept overview.
    part: std::sync::Arc<str>,
}

/// What the page shows of a kept overview (kept by organization, year and day).
#[derive(Template)]
#[template(path = "study/overview_part.html")]
struct OverviewPart {
    tr: Tr,
    year: i32,
    lines: Vec<OverviewLine>,
    total: OverviewLine,
}

fn overview_line(r: &study::OverviewRow) -> OverviewLine {
    OverviewLine {
        org_id: r.org_id,
        name: r.name.clone(),
        members: r.members,
        met: r.met,
        short: r.members - r.met,
        average: hours_text(r.tenths.checked_div(r.members).unwrap_or(0)),
    }
}

async fn overview(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let year = year_of(&v, &q.year);
    let o = study::overview(&v.ctx, id, year).await?;
    let part = crate::shell::parts::part(&o, tr, "study-overview", || {
        let sum = o.rows.iter().fold(study::OverviewRow::default(), |mut a, r| {
            a.members += r.members;
            a.met += r.met;
            a.tenths += r.tenths;
            a
        });
        let mut total = overview_line(&sum);
        total.name = tr.t("label-total");
        crate::shell::parts::html(&OverviewPart { tr, year, lines: o.rows.iter().map(overview_line).collect(), total })
    });
    let b = Base::titled(
        &v,
        tr.ta("page-study-overview", &[("name", o.org.name.clone()), ("year", year.to_string())]),
        &format!("/orgs/{id}/study/overview"),
    );
    Ok(page(&OverviewPage { b, org_id: id, year, part }))
}

struct Item {
    title: String,
    link: String,
    when: String,
    hours: String,
    brought: bool,
}

#[derive(Template)]
#[template(path = "study/member.html")]
struct MemberPage {
    b: Base,
    y: study::MemberYear,
    year: i32,
    years: Vec<i32>,
    why: String,
    total: String,
    required: String,
    items: Vec<(String, Vec<Item>)>,
}

async fn member(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let year = year_of(&v, &q.year);
    let y = study::member(&v.ctx, id, year).await?;
    let lecture = u64::from(v.ctx.settings().study.lecture_tenths);
    let courses = y
        .courses
        .iter()
        .map(|(c, t)| Item {
            title: c.title.clone(),
            link: format!("/courses/{}", c.id),
            when: String::new(),
            hours: hours_word(&tr, *t),
            brought: false,
        })
        .collect();
    let lectures = y
        .lectures
        .iter()
        .map(|l| Item {
            title: l.title.clone(),
            link: format!("/meetings/{}", l.meeting_id),
            when: l.brought_on.unwrap_or(l.held_on).to_string(),
            hours: hours_word(&tr, lecture),
            brought: l.brought_on.is_some(),
        })
        .collect();
    let trainings = y
        .trainings
        .iter()
        .map(|(t, brought)| Item {
            title: t.title.clone(),
            link: String::new(),
            when: trainings::days_text(t),
            hours: hours_word(&tr, t.tenths.max(0) as u64),
            brought: *brought,
        })
        .collect();
    let items =
        vec![(tr.t("field-study-courses"), courses), (tr.t("field-study-lectures"), lectures), (tr.t("field-study-trainings"), trainings)];
    let why = rules::reason_text(&tr, &lianxin_core::rules::study::requirement_reason(&y.row.req));
    let b = Base::titled(
        &v,
        tr.ta("page-study-member", &[("name", y.row.member.person_name.clone()), ("year", year.to_string())]),
        &format!("/study/members/{id}"),
    );
    Ok(page(&MemberPage {
        b,
        total: hours_word(&tr, y.row.req.have),
        required: hours_word(&tr, y.row.req.required),
        why,
        items,
        years: recent_years(&v),
        year,
        y,
    }))
}
