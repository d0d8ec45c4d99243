//! Browser journey of organizational life on a phone (390×844), in Chinese: the secretary of 石门村
//! plans a committee meeting, the committee's notice arrives in the inbox, the meeting is recorded
//! as held with attendance, its minutes are written and approved, and the township's overview counts
//! one fewer branch behind on this month's committee meeting, the branch's own row turned green.
//!
//! Screenshots: `meetings-*-phone.png` in `target/screenshots/`.

use std::time::Duration;

use chrono::{TimeZone, Utc};
use fantoccini::Client;

use super::{
    BRANCH, Driver, PHONE, Viewport,
    appeals::{page_text, sign_out, wait_for, wait_for_text},
    assert_no_overflow, browser_binaries, click, helpers, shoot, sign_in, type_in, wait_for_path,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meetings_journey_phone() {
    let Some((driver_bin, chrome_bin)) = browser_binaries() else { return };
    let app = helpers::spawn_app(helpers::Backend::Sqlite).await.expect("SQLite app");
    // 13:00 on Thursday 10 December 2026 in Shanghai.
    app.clock.set(Utc.with_ymd_and_hms(2026, 12, 10, 5, 0, 0).unwrap());
    let driver = Driver::start(&driver_bin).await;
    let c = driver.session(&chrome_bin, PHONE).await;
    let result = tokio::time::timeout(Duration::from_secs(180), walk(&c, &app, PHONE)).await;
    let _ = c.close().await;
    drop(driver);
    result.unwrap_or_else(|_| panic!("the meetings journey took longer than 3 minutes"));
}

/// Sets a form control's value the way a date or time picker would.
async fn set_value(c: &Client, css: &str, value: &str) {
    c.execute(&format!("document.querySelector('{css}').value = '{value}';"), vec![]).await.unwrap_or_else(|e| panic!("set {css}: {e}"));
}

/// The township's headline for December's committee meetings: how many branches have not held it.
async fn behind_on_committee(c: &Client, app: &helpers::TestApp, township: uuid::Uuid) -> String {
    c.goto(&app.url(&format!("/orgs/{township}/compliance?year=2026"))).await.expect("open the township's overview");
    let text = wait_for_text(c, "支委会：2026年12月").await;
    text.lines().find(|l| l.contains("支委会：2026年12月")).unwrap_or_default().to_owned()
}

async fn walk(c: &Client, app: &helpers::TestApp, v: Viewport) {
    let branch = app.org_id(BRANCH).await;
    let township = app.org_id("中共青山镇委员会").await;

    // The township before: this month's committee meeting is outstanding in 石门村 too.
    sign_in(c, app, "township").await;
    let before = behind_on_committee(c, app, township).await;
    assert_no_overflow(c, v, "the township's overview").await;
    shoot(c, v, "meetings-township-before").await;
    sign_out(c).await;

    // The secretary plans the committee meeting on the phone.
    sign_in(c, app, "secretary").await;
    c.goto(&app.url(&format!("/orgs/{branch}/meetings/new"))).await.expect("open the plan form");
    wait_for(c, "select[name=kind]").await;
    set_value(c, "select[name=kind]", "committee").await;
    type_in(c, "input[name=title]", "十二月支委会").await;
    set_value(c, "input[name=date]", "2026-12-10").await;
    set_value(c, "input[name=time]", "09:00").await;
    type_in(c, "input[name=place]", "村党群服务中心").await;
    type_in(c, "textarea[name=agenda]", "一、学习文件\n二、研究冬季送温暖").await;
    assert_no_overflow(c, v, "the plan form").await;
    shoot(c, v, "meetings-plan").await;
    click(c, "form.form button[type=submit]").await;
    let meeting = wait_for_path(c, "the meeting's page", |p| p.starts_with("/meetings/")).await;
    wait_for_text(c, "应到").await;
    assert_no_overflow(c, v, "the planned meeting").await;
    shoot(c, v, "meetings-planned").await;

    // The committee's notice: the secretary sits on the committee and finds it in the inbox.
    c.goto(&app.url("/inbox")).await.expect("open the inbox");
    wait_for_text(c, "会议通知：十二月支委会").await;
    c.goto(&app.url("/meetings")).await.expect("my meetings");
    wait_for_text(c, "十二月支委会").await;

    // Held, everyone present; minutes written and approved.
    c.goto(&app.url(&meeting)).await.expect("back to the meeting");
    wait_for(c, "form[action$='/held']").await;
    set_value(c, "input[name=held_date]", "2026-12-10").await;
    set_value(c, "input[name=held_time]", "09:00").await;
    click(c, "form[action$='/held'] button[type=submit]").await;
    wait_for(c, "form[action$='/minutes'] textarea[name=body]").await;
    let text = page_text(c).await;
    assert!(text.contains("缺席 0 人"), "everyone was present:\n{text}");
    type_in(c, "form[action$='/minutes'] textarea[name=body]", "一、学习了上级文件。\n二、确定冬季走访困难党员名单。").await;
    click(c, "form[action$='/minutes'] button[type=submit]").await;
    wait_for_text(c, "草稿，待书记审定").await;
    click(c, "form[action$='/minutes/approve'] button[type=submit]").await;
    let text = wait_for_text(c, "书记已于").await;
    assert!(!text.contains("草稿，待书记审定"), "the minutes are approved:\n{text}");
    assert_no_overflow(c, v, "the held meeting").await;
    shoot(c, v, "meetings-held").await;
    sign_out(c).await;

    // The township after: one branch fewer behind, and 石门村's December committee meeting is green.
    // (A minute later: a second factor's code is taken once.)
    app.clock.advance(chrono::TimeDelta::seconds(60));
    sign_in(c, app, "township").await;
    let after = behind_on_committee(c, app, township).await;
    let count = |s: &str| s.split("中有 ").nth(1).and_then(|r| r.split(' ').next()).and_then(|n| n.parse::<u32>().ok());
    assert_eq!(count(&after), count(&before).map(|n| n - 1), "before: {before}; after: {after}");
    c.goto(&app.url(&format!("/orgs/{branch}/compliance?year=2026"))).await.expect("drill down to the branch");
    wait_for_text(c, "本组织各项会议").await;
    let green = c
        .execute(
            "return [...document.querySelectorAll('table.cards tbody tr')].some(r => r.innerText.includes('支委会') \
               && r.innerText.includes('2026年12月') && r.classList.contains('state-held'));",
            vec![],
        )
        .await
        .expect("read the rows");
    assert_eq!(green.as_bool(), Some(true), "the branch's December committee meeting is green:\n{}", page_text(c).await);
    assert_no_overflow(c, v, "the branch's compliance").await;
    shoot(c, v, "meetings-branch-after").await;
}
