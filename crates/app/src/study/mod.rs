//! Study and training (RULES.md §10, seed §3): courses an organization publishes for its members
//! and those below (an uploaded video, read by range so a weak network resumes where it stopped,
//! or a link, with a document), the time each member actually played, party lectures attended
//! or brought to them, trainings with their hours, and each member's year against 32 hours (56
//! for secretaries and committee members). Every figure is reckoned by `lianxin_core::study`,
//! the functions `/rules` explains.

use std::sync::Arc;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use lianxin_core::{
    study::{self as rules, Requirement, Span},
    tree::TreePath,
};
use lianxin_store::{dues::paying_members, orgs as orgs_store, study as store};
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    AppError, Checks, Ctx, Result,
    input::{clean, paragraphs, path},
    journal::{Stale, record},
    meetings::{authorized_org, compliance::year_range},
    policy::{Action, Decision, Target, decide},
};

pub mod samples;
mod trainings;

pub use store::{Attendee, Course, Media, Training, View};
pub use trainings::{TRAINING_KINDS, TrainingInput, attendable, record_training, training, trainings};
pub type Member = lianxin_store::entity::member::Model;

/// Bytes per stored chunk of a file: a range is read chunk by chunk.
pub const CHUNK: u64 = store::CHUNK as u64;

/// The largest document accepted with a course.
pub const DOCUMENT_MAX_BYTES: usize = 20 * 1024 * 1024;

/// A file as a form gives it.
#[derive(Clone, Debug, Default)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A course as a form or the API gives it: a video or a link, and a document.
#[derive(Clone, Debug, Default)]
pub struct CourseInput {
    pub title: String,
    pub summary: String,
    pub link: String,
    pub video: Option<Upload>,
    pub document: Option<Upload>,
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A course, checked that the viewer may watch it; unknown and unreachable courses look alike.
async fn authorized_course(ctx: &Ctx, id: Uuid) -> Result<(Course, TreePath)> {
    let Some(c) = store::course(ctx.db().conn(), id).await? else {
        let nowhere = TreePath::root(id);
        ctx.authorize(Action::Study, Target::Course(&nowhere), "course", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = path(&c.org_path)?;
    ctx.authorize(Action::Study, Target::Course(&p), "course", Some(&id.to_string())).await?;
    Ok((c, p))
}

/// The member record of the viewer, if they are a member who studies.
async fn own_member(ctx: &Ctx) -> Result<Option<Member>> {
    let Some(person) = ctx.actor.principal().and_then(|p| p.person_id) else { return Ok(None) };
    Ok(lianxin_store::people::member_by_person(ctx.db().conn(), person)
        .await?
        .filter(|m| lianxin_store::dues::PAYING.contains(&m.status.as_str())))
}

/// Checks an uploaded video: an MP4 within the size allowed, with its length read from it.
pub fn check_video(bytes: &[u8], max_bytes: usize) -> Result<rules::Video> {
    if bytes.len() > max_bytes {
        return Err(AppError::invalid("video", "error-study-video-too-large"));
    }
    rules::mp4(bytes).ok_or_else(|| AppError::invalid("video", "error-study-not-video"))
}

pub(crate) fn media_row(kind: &str, mime: &str, bytes: &[u8], duration_ms: Option<u64>, now: chrono::DateTime<chrono::Utc>) -> Media {
    Media {
        id: Uuid::now_v7(),
        kind: kind.to_owned(),
        mime: mime.to_owned(),
        size: bytes.len() as i64,
        duration_ms: duration_ms.map(|d| d as i64),
        sha256: sha256(bytes),
        created_at: now,
    }
}

/// Publishes a course for the members of an organization and of those below it. Nothing is
/// kept unless everything is right: a video that is not one is refused, whatever its name.
pub async fn publish_course(ctx: &Ctx, org_id: Uuid, input: CourseInput) -> Result<Course> {
    let (org, p) = authorized_org(ctx, org_id, Action::RecordStudy).await?;
    let mut checks = Checks::default();
    let title = checks.take(clean("title", &input.title, 100, true)).flatten();
    let summary = checks.take(paragraphs("summary", &input.summary, 2000, false)).flatten().unwrap_or_default();
    let link = input.link.trim().to_owned();
    let video = input.video.filter(|v| !v.bytes.is_empty());
    let document = input.document.filter(|d| !d.bytes.is_empty());
    checks.check(video.is_none() && link.is_empty(), "video", "error-study-video-or-link");
    checks.check(
        !link.is_empty()
            && (link.len() > 500 || !(link.starts_with("https://") || link.starts_with("http://")) || link.contains(char::is_whitespace)),
        "link",
        "error-study-link",
    );
    let max = ctx.settings().study.video_max_mb as usize * 1024 * 1024;
    let found = video.as_ref().and_then(|v| checks.take(check_video(&v.bytes, max)));
    if let Some(d) = &document {
        checks.check(d.bytes.len() > DOCUMENT_MAX_BYTES, "document", "error-study-document-too-large");
        checks.check(!rules::is_pdf(&d.bytes), "document", "error-study-not-pdf");
    }
    checks.finish()?;
    let now = ctx.now();
    let tx = ctx.db().write().await?;
    let video_id = match (&video, found) {
        (Some(v), Some(f)) => {
            Some(store::insert_media(&tx, media_row("video", "video/mp4", &v.bytes, Some(f.duration_ms), now), &v.bytes).await?.id)
        }
        _ => None,
    };
    let (document_id, document_name) = match &document {
        Some(d) => {
            let name = d.name.trim().chars().take(100).collect::<String>();
            (Some(store::insert_media(&tx, media_row("document", "application/pdf", &d.bytes, None, now), &d.bytes).await?.id), Some(name))
        }
        None => (None, None),
    };
    let course = store::insert_course(
        &tx,
        Course {
            id: Uuid::now_v7(),
            org_id: org.id,
            org_path: p.as_str().to_owned(),
            title: title.expect("checked"),
            summary,
            link: (!link.is_empty()).then_some(link),
            video_id,
            document_id,
            document_name,
            published_by: ctx.actor_name(),
            published_at: now,
        },
    )
    .await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "study.course",
        "course",
        Some(&course.id.to_string()),
        "ok",
        json!({ "org_id": org.id, "video": video_id.is_some() }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(course)
}

/// A course in a list, with what the viewer played of it.
#[derive(Clone, Debug)]
pub struct CourseRow {
    pub course: Course,
    pub publisher: String,
    pub duration_ms: Option<u64>,
    pub watched_ms: u64,
}

/// The courses the members of an organization study.
#[derive(Clone, Debug)]
pub struct Courses {
    pub org: orgs_store::Org,
    pub rows: Vec<CourseRow>,
    pub may_publish: bool,
    /// The viewer's member record, when they are a member whose playing is counted.
    pub member: Option<Uuid>,
}

/// The courses published for an organization's members: by it and by those above it.
pub async fn courses(ctx: &Ctx, org_id: Uuid) -> Result<Courses> {
    let c = ctx.db().conn();
    let Some(org) = orgs_store::org(c, org_id).await? else {
        let nowhere = TreePath::root(org_id);
        ctx.authorize(Action::Study, Target::Course(&nowhere), "org", Some(&org_id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = path(&org.path)?;
    ctx.authorize(Action::Study, Target::Course(&p), "org", Some(&org_id.to_string())).await?;
    let list = store::courses_for(c, &p).await?;
    let me = own_member(ctx).await?;
    let watched: HashMap<Uuid, i64> = match &me {
        Some(m) => store::views_of(c, m.id).await?.into_iter().map(|v| (v.course_id, v.watched_ms)).collect(),
        None => HashMap::new(),
    };
    let publishers: Vec<Uuid> = list.iter().map(|course| course.org_id).collect();
    let names: HashMap<Uuid, String> = orgs_store::orgs_by_ids(c, &publishers).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let videos: Vec<Uuid> = list.iter().filter_map(|course| course.video_id).collect();
    let durations: HashMap<Uuid, u64> =
        store::media_by_ids(c, &videos).await?.into_iter().filter_map(|m| Some((m.id, m.duration_ms?.max(0) as u64))).collect();
    let rows = list
        .into_iter()
        .map(|course| CourseRow {
            publisher: names.get(&course.org_id).cloned().unwrap_or_default(),
            watched_ms: watched.get(&course.id).copied().unwrap_or(0) as u64,
            duration_ms: course.video_id.and_then(|v| durations.get(&v).copied()),
            course,
        })
        .collect();
    Ok(Courses {
        may_publish: decide(&ctx.actor, Action::RecordStudy, Target::Org(&p)) == Decision::Allow,
        member: me.map(|m| m.id),
        org,
        rows,
    })
}

/// One course as its page shows it.
#[derive(Clone, Debug)]
pub struct CourseView {
    pub course: Course,
    pub publisher: String,
    pub video: Option<Media>,
    pub document: Option<Media>,
    /// The viewer is a member whose playing is counted.
    pub counted: bool,
    pub spans: Vec<Span>,
    pub watched_ms: u64,
}

pub async fn course(ctx: &Ctx, id: Uuid) -> Result<CourseView> {
    let (course, _) = authorized_course(ctx, id).await?;
    let c = ctx.db().conn();
    let video = match course.video_id {
        Some(v) => store::media(c, v).await?,
        None => None,
    };
    let document = match course.document_id {
        Some(d) => store::media(c, d).await?,
        None => None,
    };
    let me = own_member(ctx).await?;
    let view = match &me {
        Some(m) => store::view(c, m.id, id).await?,
        None => None,
    };
    let spans = view.as_ref().map(|v| parse_spans(&v.spans)).unwrap_or_default();
    Ok(CourseView {
        publisher: orgs_store::org(c, course.org_id).await?.map(|o| o.name).unwrap_or_default(),
        counted: me.is_some(),
        watched_ms: rules::covered(&spans),
        spans,
        video,
        document,
        course,
    })
}

fn parse_spans(raw: &str) -> Vec<Span> {
    serde_json::from_str::<Vec<(u64, u64)>>(raw).unwrap_or_default()
}

/// Which file of a course.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum File {
    Video,
    Document,
}

/// A course's file, for the viewer who may watch the course, with the course it belongs to.
pub async fn file(ctx: &Ctx, course_id: Uuid, which: File) -> Result<(Course, Media)> {
    let (course, _) = authorized_course(ctx, course_id).await?;
    let id = match which {
        File::Video => course.video_id,
        File::Document => course.document_id,
    };
    let media = match id {
        Some(id) => store::media(ctx.db().conn(), id).await?,
        None => None,
    };
    media.map(|m| (course, m)).ok_or(AppError::NotFound)
}

/// Bytes `start..=end` of a file the caller was allowed ([`file`]), read from the chunks they
/// fall in. `end` is at most one chunk past `start`'s chunk: callers read a range chunk by chunk.
pub async fn read(app: &crate::App, media: Uuid, start: u64, end: u64) -> Result<Vec<u8>> {
    let chunk = CHUNK;
    let (first, last) = ((start / chunk) as i32, (end / chunk) as i32);
    let mut out = Vec::with_capacity((end - start + 1) as usize);
    for c in store::chunks(app.db.conn(), media, first, last).await? {
        let base = c.seq as u64 * chunk;
        let from = start.saturating_sub(base) as usize;
        let to = ((end + 1).saturating_sub(base) as usize).min(c.data.len());
        if from < to {
            out.extend_from_slice(&c.data[from..to]);
        }
    }
    if out.len() as u64 != end - start + 1 {
        return Err(AppError::internal(format!("file {media}: chunks do not cover {start}-{end}")));
    }
    Ok(out)
}

/// What a progress report did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reported {
    pub counted: bool,
    pub accepted: bool,
    pub watched_ms: u64,
    pub added_ms: u64,
    pub duration_ms: u64,
}

/// Adds what the viewer played of a course's video (the player's played ranges, in seconds).
/// Each second counts once; a report adding more than could have been played since the last is
/// refused whole, and the next report, which carries everything played since the page opened,
/// is counted. A viewer who is not a studying member watches without anything counted.
pub async fn report(ctx: &Ctx, course_id: Uuid, played: &[(f64, f64)]) -> Result<Reported> {
    let (course, _) = authorized_course(ctx, course_id).await?;
    let c = ctx.db().conn();
    let Some(video) = (match course.video_id {
        Some(v) => store::media(c, v).await?,
        None => None,
    }) else {
        return Err(AppError::invalid("played", "error-study-no-video"));
    };
    let duration_ms = video.duration_ms.unwrap_or(0).max(0) as u64;
    if played.len() > 500 || played.iter().any(|(a, b)| !a.is_finite() || !b.is_finite() || *a < 0.0 || b < a) {
        return Err(AppError::invalid("played", "error-study-played"));
    }
    let spans: Vec<Span> = played.iter().map(|(a, b)| ((a * 1000.0) as u64, (b * 1000.0) as u64)).collect();
    let Some(m) = own_member(ctx).await? else {
        return Ok(Reported { counted: false, accepted: true, watched_ms: 0, added_ms: 0, duration_ms });
    };
    let now = ctx.now();
    let tx = ctx.db().write().await?;
    let kept = store::view(&tx, m.id, course_id).await?;
    let before = kept.as_ref().map(|v| parse_spans(&v.spans)).unwrap_or_default();
    let since_ms = kept.as_ref().map_or(0, |v| (now - v.reported_at).num_milliseconds().max(0) as u64);
    let p = rules::progress(&before, &spans, duration_ms, since_ms);
    // A refused report keeps the spans as they were (`p.spans`); a refused first report still
    // starts the clock the next report is measured from.
    let added_ms = if p.accepted { p.added_ms() } else { 0 };
    if p.accepted || kept.is_none() {
        let view = View {
            member_id: m.id,
            course_id,
            spans: serde_json::to_string(&p.spans).expect("numbers"),
            watched_ms: rules::covered(&p.spans) as i64,
            reported_at: now,
        };
        store::save_view(&tx, view, kept.is_some(), ctx.app.today(), &m.org_path, added_ms as i64).await?;
        tx.commit().await?;
        // Not a journal entry (a player reports every few seconds), but hours are figures.
        ctx.app.caches.recorded();
    }
    Ok(Reported { counted: true, accepted: p.accepted, watched_ms: rules::covered(&p.spans), added_ms, duration_ms })
}

/// One member's year of study.
#[derive(Clone, Debug)]
pub struct HoursRow {
    pub member: Member,
    pub courses: u64,
    pub lectures: u64,
    pub trainings: u64,
    pub req: Requirement,
}

/// The year's hours of every studying member of an organization.
#[derive(Clone, Debug)]
pub struct Hours {
    pub org: orgs_store::Org,
    pub year: i32,
    pub rows: Vec<HoursRow>,
    pub may_record: bool,
}

impl Hours {
    pub fn short(&self) -> usize {
        self.rows.iter().filter(|r| !r.req.met).count()
    }
}

/// Each member's study in `[from, to]`, in tenths of an hour (courses played, lectures attended
/// or brought, skills training), by member id: what points count as study hours.
pub(crate) async fn tenths_in(
    ctx: &Ctx,
    root: &TreePath,
    members: &[Member],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<Uuid, u64>> {
    let parts = parts_in(ctx, root, members, from, to).await?;
    Ok(members.iter().map(|m| (m.id, parts(m).iter().sum())).collect())
}

/// Each member's tenths of an hour in `[from, to]` from courses played, lectures attended and
/// trainings, read once for the subtree `root` they belong to.
async fn parts_in(
    ctx: &Ctx,
    root: &TreePath,
    members: &[Member],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<impl Fn(&Member) -> [u64; 3] + use<>> {
    let c = ctx.db().conn();
    let people: Vec<Uuid> = members.iter().map(|m| m.person_id).collect();
    let (played, trained, lectures) = tokio::try_join!(
        store::played_in(c, root, from, to),
        store::trained_in(c, root, from, to),
        store::lectures_of(c, &people, from, to),
    )?;
    let s = ctx.settings().study.clone();
    let n = |v: Option<&i64>| v.copied().unwrap_or(0).max(0) as u64;
    Ok(move |m: &Member| {
        [
            rules::played_tenths(n(played.get(&m.id)), s.minutes_per_hour),
            n(lectures.get(&m.person_id)) * u64::from(s.lecture_tenths),
            n(trained.get(&m.id)),
        ]
    })
}

/// The hours of `members` in `year`, from the plays, lectures and trainings of the subtree
/// `root` they belong to.
async fn hours_of(ctx: &Ctx, root: &TreePath, members: Vec<Member>, year: i32) -> Result<Vec<HoursRow>> {
    let (from, to) = year_range(year);
    let parts = parts_in(ctx, root, &members, from, to).await?;
    let people: Vec<Uuid> = members.iter().map(|m| m.person_id).collect();
    let leaders: HashSet<Uuid> = store::leaders_among(ctx.db().conn(), &people, from, to).await?.into_iter().collect();
    Ok(members
        .into_iter()
        .map(|m| {
            let [courses, lectures, trainings] = parts(&m);
            let req = rules::requirement(courses + lectures + trainings, leaders.contains(&m.person_id));
            HoursRow { member: m, courses, lectures, trainings, req }
        })
        .collect())
}

/// An organization's members and their hours of `year`.
/// Kept until any recorded change ([`Ctx::figures`]).
pub async fn hours(ctx: &Ctx, org_id: Uuid, year: i32) -> Result<Arc<Hours>> {
    let (_, p) = authorized_org(ctx, org_id, Action::ReadStudy).await?;
    let may_record = decide(&ctx.actor, Action::RecordStudy, Target::Org(&p)) == Decision::Allow;
    ctx.figures((org_id, year, ctx.app.today(), may_record), || hours_now(ctx, org_id, year)).await
}

async fn hours_now(ctx: &Ctx, org_id: Uuid, year: i32) -> Result<Hours> {
    let (org, p) = authorized_org(ctx, org_id, Action::ReadStudy).await?;
    let members = paying_members(ctx.db().conn(), org.id).await?;
    let rows = hours_of(ctx, &p, members, year).await?;
    Ok(Hours { may_record: decide(&ctx.actor, Action::RecordStudy, Target::Org(&p)) == Decision::Allow, org, year, rows })
}

/// One organization in a roll-up.
#[derive(Clone, Debug, Default)]
pub struct OverviewRow {
    pub org_id: Uuid,
    pub name: String,
    pub members: u64,
    pub met: u64,
    pub tenths: u64,
}

#[derive(Clone, Debug)]
pub struct Overview {
    pub org: orgs_store::Org,
    pub year: i32,
    pub rows: Vec<OverviewRow>,
}

/// A subtree's year: per organization with members, how many met the requirement and the hours.
/// Kept until any recorded change ([`Ctx::figures`]).
pub async fn overview(ctx: &Ctx, org_id: Uuid, year: i32) -> Result<Arc<Overview>> {
    authorized_org(ctx, org_id, Action::ReadStudy).await?;
    ctx.figures((org_id, year, ctx.app.today()), || overview_now(ctx, org_id, year)).await
}

async fn overview_now(ctx: &Ctx, org_id: Uuid, year: i32) -> Result<Overview> {
    let (org, p) = authorized_org(ctx, org_id, Action::ReadStudy).await?;
    let c = ctx.db().conn();
    let members = lianxin_store::dues::paying_members_in(c, &p).await?;
    let rows = hours_of(ctx, &p, members, year).await?;
    let mut by_org: Vec<OverviewRow> = Vec::new();
    let mut at: HashMap<Uuid, usize> = HashMap::new();
    for r in rows {
        let i = *at.entry(r.member.org_id).or_insert_with(|| {
            by_org.push(OverviewRow { org_id: r.member.org_id, ..Default::default() });
            by_org.len() - 1
        });
        let o = &mut by_org[i];
        o.members += 1;
        o.met += u64::from(r.req.met);
        o.tenths += r.req.have;
    }
    let ids: Vec<Uuid> = by_org.iter().map(|o| o.org_id).collect();
    let names: HashMap<Uuid, String> = orgs_store::orgs_by_ids(c, &ids).await?.into_iter().map(|o| (o.id, o.name)).collect();
    for o in &mut by_org {
        o.name = names.get(&o.org_id).cloned().unwrap_or_default();
    }
    Ok(Overview { org, year, rows: by_org })
}

/// A lecture a member attended, or had brought to them.
#[derive(Clone, Debug)]
pub struct Lecture {
    pub meeting_id: Uuid,
    pub title: String,
    pub held_on: NaiveDate,
    pub brought_on: Option<NaiveDate>,
}

/// One member's year: the requirement and every hour behind it.
#[derive(Clone, Debug)]
pub struct MemberYear {
    pub org: orgs_store::Org,
    pub row: HoursRow,
    pub courses: Vec<(Course, u64)>,
    pub lectures: Vec<Lecture>,
    pub trainings: Vec<(Training, bool)>,
}

/// A member's year of study, for the member themself and for those who read the organization's.
pub async fn member(ctx: &Ctx, member_id: Uuid, year: i32) -> Result<MemberYear> {
    let c = ctx.db().conn();
    let Some(m) = lianxin_store::people::member(c, member_id).await? else {
        let nowhere = TreePath::root(member_id);
        ctx.authorize(Action::ReadStudy, Target::Org(&nowhere), "member", Some(&member_id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = path(&m.org_path)?;
    ctx.authorize(Action::ReadStudy, Target::Own { person: m.person_id, org: &p }, "member", Some(&member_id.to_string())).await?;
    let org = orgs_store::org(c, m.org_id).await?.ok_or(AppError::NotFound)?;
    let (from, to) = year_range(year);
    let row = hours_of(ctx, &p, vec![m.clone()], year).await?.pop().expect("one member");
    let played: HashMap<Uuid, i64> = store::played_by(c, m.id, from, to).await?.into_iter().collect();
    let ids: Vec<Uuid> = played.keys().copied().collect();
    let per = ctx.settings().study.minutes_per_hour;
    let courses = store::courses_by_ids(c, &ids)
        .await?
        .into_iter()
        .map(|course| {
            let tenths = rules::played_tenths(played[&course.id].max(0) as u64, per);
            (course, tenths)
        })
        .collect();
    let lectures = store::lectures_attended(c, m.person_id, from, to)
        .await?
        .into_iter()
        .map(|(mt, inv)| Lecture { meeting_id: mt.id, title: mt.title, held_on: mt.held_on.unwrap_or(from), brought_on: inv.makeup_on })
        .collect();
    let trainings = store::trainings_attended(c, m.id, from, to).await?;
    Ok(MemberYear { org, row, courses, lectures, trainings })
}
