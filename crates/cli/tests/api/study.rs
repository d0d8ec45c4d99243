//! Study and training through the pages and the use cases, under the injected clock: a course
//! published with a real video (a file that only calls itself one refused, nothing kept), the
//! video read by byte ranges as a phone's player asks, the time played counted once and only as
//! fast as it could have been played, trainings whose hours must fit their days, lectures
//! attended counted, and each member's year against 32 hours (56 for the secretary) on the
//! branch's list, the member's own page, the spreadsheet and the township's roll-up.

use lianxin_app::study::samples;
use reqwest::{
    StatusCode,
    header::{CONTENT_RANGE, RANGE},
    multipart::{Form, Part},
};
use serde_json::json;
use uuid::Uuid;

use crate::both;
use crate::helpers::{self, TestApp, ctx_for};

async fn errors_on(r: reqwest::Response) -> String {
    let page = r.text().await.unwrap_or_default();
    page.split("role=\"alert\">").skip(1).map(|s| s.split('<').next().unwrap_or("")).collect::<Vec<_>>().join(" | ")
}

/// A well-formed MP4 of `seconds` whose media data is `pad` bytes: enough for the checks a
/// server can make without decoding, and larger than one stored chunk.
fn long_mp4(seconds: u32, pad: usize) -> Vec<u8> {
    let b = |kind: &[u8; 4], body: &[u8]| [&((body.len() + 8) as u32).to_be_bytes()[..], kind, body].concat();
    let mut mvhd = vec![0u8; 100];
    mvhd[12..16].copy_from_slice(&1000u32.to_be_bytes());
    mvhd[16..20].copy_from_slice(&(seconds * 1000).to_be_bytes());
    let data: Vec<u8> = (0..pad).map(|i| (i % 251) as u8).collect();
    [b(b"ftyp", b"isom\0\0\x02\0isomiso2avc1mp41"), b(b"moov", &b(b"mvhd", &mvhd)), b(b"mdat", &data)].concat()
}

async fn publish(c: &reqwest::Client, t: &TestApp, org: Uuid, title: &str, video: &[u8], name: &str) -> reqwest::Response {
    let form = Form::new()
        .text("title", title.to_owned())
        .text("summary", "学习党章第三条。")
        .part("video", Part::bytes(video.to_vec()).file_name(name.to_owned()).mime_str("video/mp4").unwrap());
    c.post(t.url(&format!("/orgs/{org}/courses/new"))).multipart(form).send().await.unwrap()
}

/// A progress report's answer, which must be a success.
async fn reported(r: reqwest::Response) -> serde_json::Value {
    let (status, headers) = (r.status(), format!("{:?}", r.headers()));
    let text = r.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{headers} {text}");
    serde_json::from_str(&text).expect("JSON")
}

/// The member record of the account `member` (赵小军).
async fn member_of(t: &TestApp) -> Uuid {
    lianxin_store::people::member_by_person(t.app.db.conn(), t.person_of("member").await).await.unwrap().unwrap().id
}

async fn course_count(t: &TestApp, org: Uuid) -> usize {
    let o = lianxin_store::orgs::org(t.app.db.conn(), org).await.unwrap().unwrap();
    lianxin_store::study::courses_for(t.app.db.conn(), &lianxin_core::tree::TreePath::parse(&o.path).unwrap()).await.unwrap().len()
}

fn course_id(r: &reqwest::Response) -> Uuid {
    let to = r.headers()["location"].to_str().unwrap();
    Uuid::parse_str(to.trim_start_matches("/courses/")).unwrap()
}

async fn watching_a_course(t: TestApp) {
    let branch = t.org_id("中共石门村支部委员会").await;
    t.clock.set(helpers::afternoon("2026-04-01"));
    let sec = t.browser_as("secretary").await;

    // A PDF named like a video is refused with the reason, and nothing is kept.
    let r = publish(&sec, &t, branch, "党章学习", samples::NOT_A_VIDEO, "党章.mp4").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors_on(r).await.contains("不是 MP4 视频"));
    assert_eq!(course_count(&t, branch).await, 0);
    // Neither a video nor a link: refused.
    let r = sec.post(t.url(&format!("/orgs/{branch}/courses/new"))).multipart(Form::new().text("title", "空课程")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(course_count(&t, branch).await, 0);

    let r = publish(&sec, &t, branch, "党章学习", samples::VIDEO, "党章.mp4").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let short = course_id(&r);
    let big = long_mp4(3600, 600 * 1024);
    let r = publish(&sec, &t, branch, "设施蔬菜种植技术", &big, "蔬菜.mp4").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let long = course_id(&r);

    // The member finds both among the branch's courses, with the player on the course page.
    let me = t.browser_as("member").await;
    let list = me.get(t.url(&format!("/orgs/{branch}/courses"))).send().await.unwrap().text().await.unwrap();
    assert!(list.contains("党章学习") && list.contains("设施蔬菜种植技术"));
    let page = me.get(t.url(&format!("/courses/{short}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("src=\"/courses/{short}/video\"")) && page.contains("data-progress"));

    // Ranges as a player asks for them, across the stored chunks, and the whole file without one.
    let url = t.url(&format!("/courses/{long}/video"));
    let size = big.len();
    for (asked, from, to) in [
        ("bytes=0-99", 0, 99),
        ("bytes=262100-262200", 262_100, 262_200),
        ("bytes=500000-", 500_000, size - 1),
        ("bytes=-10", size - 10, size - 1),
    ] {
        let r = me.get(&url).header(RANGE, asked).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::PARTIAL_CONTENT, "{asked}");
        assert_eq!(r.headers()[CONTENT_RANGE].to_str().unwrap(), format!("bytes {from}-{to}/{size}"), "{asked}");
        assert_eq!(r.bytes().await.unwrap().as_ref(), &big[from..=to], "{asked}");
    }
    let r = me.get(&url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["accept-ranges"], "bytes");
    assert_eq!(r.bytes().await.unwrap().as_ref(), &big[..]);
    let r = me.get(&url).header(RANGE, format!("bytes={size}-")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(r.headers()[CONTENT_RANGE].to_str().unwrap(), format!("bytes */{size}"));

    // Another village's secretary does not reach this branch's course.
    let other = t.browser_as("secretary2").await;
    assert_eq!(other.get(t.url(&format!("/courses/{short}"))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(other.get(&url).send().await.unwrap().status(), StatusCode::NOT_FOUND);

    // What was played counts once, and no faster than it could have been played.
    let progress = t.url(&format!("/courses/{long}/progress"));
    let report = |played: serde_json::Value| me.post(&progress).json(&json!({ "played": played })).send();
    let r = reported(report(json!([[0, 20]])).await.unwrap()).await;
    assert_eq!((r["accepted"].as_bool(), r["watched_ms"].as_u64()), (Some(true), Some(20_000)));
    t.clock.advance(chrono::TimeDelta::seconds(15));
    let r = reported(report(json!([[0, 20], [10, 45]])).await.unwrap()).await;
    assert_eq!((r["added_ms"].as_u64(), r["watched_ms"].as_u64()), (Some(25_000), Some(45_000)));
    let r = reported(report(json!([[0, 45]])).await.unwrap()).await;
    assert_eq!(r["added_ms"].as_u64(), Some(0), "played again, counted once");
    // Fifty minutes claimed fifteen seconds later: refused whole, nothing added.
    t.clock.advance(chrono::TimeDelta::seconds(15));
    let r = reported(report(json!([[0, 3000]])).await.unwrap()).await;
    assert_eq!((r["accepted"].as_bool(), r["watched_ms"].as_u64()), (Some(false), Some(45_000)));
    // Half an hour on (within the session's idle limit), the same report fits the time that
    // passed and is counted.
    t.clock.advance(chrono::TimeDelta::minutes(29));
    let r = reported(report(json!([[0, 3000]])).await.unwrap()).await;
    assert_eq!((r["accepted"].as_bool(), r["watched_ms"].as_u64()), (Some(true), Some(3_000_000)));
    // Bad reports change nothing.
    assert_eq!(report(json!([[30, 10]])).await.unwrap().status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(me.post(t.url(&format!("/courses/{short}/progress"))).body("played").send().await.unwrap().status().is_client_error());
    let kept = lianxin_store::study::view(t.app.db.conn(), member_of(&t).await, long).await.unwrap().unwrap();
    assert_eq!(kept.watched_ms, 3_000_000, "bad reports changed nothing");

    // 50 minutes at 45 a study hour: 1.1 hours, on the member's own page and the branch's list.
    let member = lianxin_store::people::member(t.app.db.conn(), member_of(&t).await).await.unwrap().unwrap();
    let own = me.get(t.url(&format!("/study/members/{}?year=2026", member.id))).send().await.unwrap().text().await.unwrap();
    assert!(own.contains("设施蔬菜种植技术") && own.contains("1.1 学时"), "{own}");
    let y = lianxin_app::study::member(&ctx_for(&t, "member").await, member.id, 2026).await.unwrap();
    assert_eq!(y.row.courses, 11);
    // Nobody else's hours, and not the branch's list.
    let other_member =
        lianxin_store::dues::paying_members(t.app.db.conn(), branch).await.unwrap().into_iter().find(|m| m.id != member.id).unwrap();
    assert_eq!(me.get(t.url(&format!("/study/members/{}", other_member.id))).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(me.get(t.url(&format!("/orgs/{branch}/study"))).send().await.unwrap().status(), StatusCode::FORBIDDEN);

    // A viewer without a member record watches, and nothing is counted.
    let township = t.browser_as("township").await;
    let r = reported(township.post(&progress).json(&json!({ "played": [[0, 10]] })).send().await.unwrap()).await;
    assert_eq!((r["counted"].as_bool(), r["watched_ms"].as_u64()), (Some(false), Some(0)));
}

both!(watching_a_course, watching_a_course);

async fn a_year_of_study(t: TestApp) {
    use lianxin_app::meetings::{
        self, MeetingNew,
        record::{self, HeldInput, Mark},
    };
    let branch = t.org_id("中共石门村支部委员会").await;
    let township = t.org_id("中共青山镇委员会").await;
    t.clock.set(helpers::afternoon("2026-05-20"));
    let sec = t.browser_as("secretary").await;
    let members = lianxin_store::dues::paying_members(t.app.db.conn(), branch).await.unwrap();
    let (a, b) = (&members[0], &members[1]);
    let form = |hours: &str, from: &str, to: &str| {
        vec![
            ("kind", "skills".to_owned()),
            ("title", "果树修剪技术".to_owned()),
            ("organizer", "县农业农村局".to_owned()),
            ("starts_on", from.to_owned()),
            ("ends_on", to.to_owned()),
            ("hours", hours.to_owned()),
            ("attendee", a.id.to_string()),
            ("attendee", b.id.to_string()),
            ("brought", b.id.to_string()),
        ]
    };
    let url = t.url(&format!("/orgs/{branch}/trainings/new"));
    // 17 hours in two days is more than the days hold; the last day before the first; no hours.
    for (hours, from, to, says) in [
        ("17", "2026-05-10", "2026-05-11", "每天最多 8 学时"),
        ("6", "2026-05-11", "2026-05-10", "结束日期不能早于开始日期"),
        ("0", "2026-05-10", "2026-05-10", "请写学时"),
        ("6", "2026-05-30", "2026-05-30", "还没有结束"),
    ] {
        let r = sec.post(&url).form(&form(hours, from, to)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{hours} {from} {to}");
        assert!(errors_on(r).await.contains(says), "{says}");
    }
    assert!(lianxin_app::study::trainings(&ctx_for(&t, "secretary").await, branch, 2026).await.unwrap().1.is_empty(), "nothing kept");
    let r = sec.post(&url).form(&form("16", "2026-05-10", "2026-05-11")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let training = sec.get(t.url(r.headers()["location"].to_str().unwrap())).send().await.unwrap().text().await.unwrap();
    assert!(training.contains("果树修剪技术") && training.contains("送学上门") && training.contains(&a.person_name));

    // A party lecture: `a` present, `b` absent but brought the lecture later; both count 2 hours.
    let sctx = ctx_for(&t, "secretary").await;
    let at = helpers::afternoon("2026-05-15");
    t.clock.set(at - chrono::TimeDelta::days(3));
    let new = MeetingNew {
        org_id: branch,
        kind: lianxin_core::meetings::MeetingKind::Lecture,
        pair: None,
        talk_with: vec![],
        title: "党课：新时代党员的责任".into(),
        agenda: "党课".into(),
        place: "村部".into(),
        starts_at: at,
        counts_for: None,
    };
    let id = meetings::plan(&sctx, new).await.expect("plan").id;
    t.clock.set(at + chrono::TimeDelta::hours(3));
    let invitees = meetings::show(&sctx, id).await.unwrap().invitees;
    let marks = invitees
        .iter()
        .map(|i| Mark {
            person_id: i.person_id,
            attendance: if i.person_id == b.person_id {
                lianxin_core::meetings::Attendance::Absent
            } else {
                lianxin_core::meetings::Attendance::Present
            },
            leave_reason: String::new(),
            unable: None,
        })
        .collect();
    let held =
        HeldInput {
            held_at: at, marks, lecturer: "王老师".into(), lecturer_from: "县委党校".into(), topic: "新时代党员的责任".into()
        };
    record::held(&sctx, id, held).await.expect("held");
    t.clock.set(helpers::afternoon("2026-05-20"));
    let before = lianxin_app::study::hours(&sctx, branch, 2026).await.unwrap();
    let row = |h: &lianxin_app::study::Hours, m: Uuid| h.rows.iter().find(|r| r.member.id == m).cloned().unwrap();
    assert_eq!((row(&before, a.id).lectures, row(&before, b.id).lectures), (20, 0));
    record::makeup(&sctx, id, b.person_id, chrono::NaiveDate::from_ymd_opt(2026, 5, 18).unwrap(), "送到家中学习").await.expect("make-up");
    let h = lianxin_app::study::hours(&sctx, branch, 2026).await.unwrap();
    assert_eq!((row(&h, a.id).lectures, row(&h, b.id).lectures), (20, 20), "the lecture brought to them counts too");
    assert_eq!((row(&h, a.id).trainings, row(&h, a.id).req.have), (160, 180));
    assert!(!row(&h, a.id).req.met && row(&h, a.id).req.short == 140);

    // The secretary owes 56 hours, the others 32.
    let secretary = h.rows.iter().find(|r| r.member.person_name == "张明").expect("张明 is a member of the branch");
    assert_eq!(secretary.req.required, 560);
    assert!(h.rows.iter().filter(|r| r.member.person_name != "张明").all(|r| r.req.required == 320 || r.req.leader));

    // The page lists who is short; the spreadsheet says the same in words.
    let page = sec.get(t.url(&format!("/orgs/{branch}/study?year=2026"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&a.person_name) && page.contains("14 学时"), "a is 14 hours short");
    let r = sec.get(t.url(&format!("/orgs/{branch}/study.xlsx?year=2026"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let sheet = lianxin_app::sheets::read(&r.bytes().await.unwrap(), "study.xlsx", Default::default()).unwrap();
    assert_eq!(sheet.headers[0], "姓名");
    let line = sheet.rows.iter().find(|l| l.cells[0] == a.person_name).unwrap();
    assert_eq!(line.cells[1..].to_vec(), vec!["0", "2", "16", "18", "32", "14 学时"]);

    // The township's roll-up agrees with the branch's own list.
    let o = lianxin_app::study::overview(&ctx_for(&t, "township").await, township, 2026).await.unwrap();
    let mine = o.rows.iter().find(|r| r.org_id == branch).unwrap();
    assert_eq!(mine.members, h.rows.len() as u64);
    assert_eq!(mine.met, h.rows.iter().filter(|r| r.req.met).count() as u64);
    assert_eq!(mine.tenths, h.rows.iter().map(|r| r.req.have).sum::<u64>());
    let tw = t.browser_as("township").await;
    let page = tw.get(t.url(&format!("/orgs/{township}/study/overview?year=2026"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("中共石门村支部委员会"));

    // Another branch's secretary neither reads nor records here.
    let other = t.browser_as("secretary2").await;
    assert_eq!(other.get(t.url(&format!("/orgs/{branch}/study"))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(other.post(&url).form(&form("6", "2026-05-10", "2026-05-10")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
}

both!(a_year_of_study, a_year_of_study);
