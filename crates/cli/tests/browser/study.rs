//! Browser journey of study on a phone (390×844), in Chinese, under the injected clock: the
//! member 赵小军 finds the branch's course from the menu, plays its video (served by range from
//! the store), pauses it, and the time played is counted on the server and shown on the page and
//! on the member's own hours; the secretary then reads the branch's hours with who is short.
//!
//! Screenshots: `study-*-phone.png` in `target/screenshots/`.

use std::time::Duration;

use fantoccini::Client;
use lianxin_app::study::{self, CourseInput, Upload, samples};

use super::{
    BRANCH, Driver, PHONE, Viewport,
    appeals::{sign_out, wait_for, wait_for_text},
    assert_no_overflow, browser_binaries, helpers, shoot, sign_in, wait_for_path,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn study_journey_phone() {
    let Some((driver_bin, chrome_bin)) = browser_binaries() else { return };
    let app = helpers::spawn_app(helpers::Backend::Sqlite).await.expect("SQLite app");
    app.clock.set(helpers::afternoon("2026-06-10"));
    let driver = Driver::start(&driver_bin).await;
    let c = driver.session(&chrome_bin, PHONE).await;
    let result = tokio::time::timeout(Duration::from_secs(120), walk(&c, &app, PHONE)).await;
    let _ = c.close().await;
    drop(driver);
    result.unwrap_or_else(|_| panic!("the study journey took longer than 2 minutes"));
}

async fn walk(c: &Client, app: &helpers::TestApp, v: Viewport) {
    let branch = app.org_id(BRANCH).await;
    let sec = helpers::ctx_for(app, "secretary").await;
    let input = CourseInput {
        title: "学习党章：党员的义务".into(),
        summary: "党章第三条讲解。".into(),
        video: Some(Upload { name: "党章.mp4".into(), bytes: samples::VIDEO.to_vec() }),
        ..Default::default()
    };
    let course = study::publish_course(&sec, branch, input).await.expect("a course");
    let member = lianxin_store::people::member_by_person(app.app.db.conn(), app.person_of("member").await).await.unwrap().unwrap();

    // The courses, from the menu.
    sign_in(c, app, "member").await;
    c.goto(&app.url("/study")).await.expect("the study menu entry");
    wait_for_path(c, "the branch's courses", |p| p.ends_with("/courses")).await;
    wait_for_text(c, "学习党章：党员的义务").await;
    assert_no_overflow(c, v, "the courses").await;
    shoot(c, v, "study-courses").await;

    // The course: the player fits the phone; it plays and is paused after a few seconds.
    c.goto(&app.url(&format!("/courses/{}", course.id))).await.expect("the course");
    wait_for(c, "video[data-progress]").await;
    wait_for_text(c, "已看 0:00").await;
    assert_no_overflow(c, v, "the course").await;
    let started = c
        .execute_async(
            "const done = arguments[arguments.length - 1]; const v = document.querySelector('video'); v.muted = true; \
             v.play().then(() => done('playing'), e => done('refused: ' + e));",
            vec![],
        )
        .await
        .expect("play");
    assert_eq!(started.as_str(), Some("playing"), "the phone's browser plays the course video");
    let mut at = 0.0;
    for _ in 0..100 {
        at = c.execute("return document.querySelector('video').currentTime", vec![]).await.unwrap().as_f64().unwrap_or(0.0);
        if at >= 3.0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(at >= 3.0, "the video plays on ({at} s)");
    c.execute("document.querySelector('video').pause()", vec![]).await.unwrap();
    shoot(c, v, "study-course").await;

    // The pause sends what was played: the server counts it, the page says so.
    let mut watched = 0;
    for _ in 0..50 {
        watched = lianxin_store::study::view(app.app.db.conn(), member.id, course.id).await.unwrap().map_or(0, |v| v.watched_ms);
        if watched >= 3000 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!((3000..=12_500).contains(&watched), "the time played is counted: {watched} ms");
    let text = wait_for_text(c, "计 0 学时").await;
    assert!(!text.contains("已看 0:00"), "the page shows what was counted:\n{text}");

    // The member's own year lists the course.
    c.goto(&app.url(&format!("/study/members/{}?year=2026", member.id))).await.expect("my hours");
    let text = wait_for_text(c, "学习党章：党员的义务").await;
    assert!(text.contains("每年应不少于 32 学时"), "{text}");
    assert_no_overflow(c, v, "a member's hours").await;
    shoot(c, v, "study-member").await;
    sign_out(c).await;

    // The secretary reads the branch's hours, who is short first, as cards.
    sign_in(c, app, "secretary").await;
    c.goto(&app.url("/study")).await.expect("the secretary's study entry");
    let text = wait_for_text(c, "2026 年学习学时").await;
    assert!(text.contains("还差") && text.contains(&member.person_name), "{text}");
    wait_for(c, "table.cards").await;
    assert_no_overflow(c, v, "the branch's hours").await;
    shoot(c, v, "study-hours").await;
}
