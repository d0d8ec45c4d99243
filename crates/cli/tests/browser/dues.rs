//! Browser journey of party dues on a phone (390×844), in Chinese, under the injected clock: the
//! secretary of 石门村 opens the branch's book of the year (cards, the six-month alerts marked),
//! records an owed month for a member from the member's page, and publishes the year; the member
//! 赵小军 then finds the publication from the menu and reads it — amounts, never bases.
//!
//! Screenshots: `dues-*-phone.png` in `target/screenshots/`.

use std::time::Duration;

use fantoccini::Client;

use super::{
    BRANCH, Driver, PHONE, Viewport,
    appeals::{sign_out, wait_for, wait_for_text},
    assert_no_overflow, browser_binaries, click, helpers, shoot, sign_in, wait_for_path,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dues_journey_phone() {
    let Some((driver_bin, chrome_bin)) = browser_binaries() else { return };
    let app = helpers::spawn_app(helpers::Backend::Sqlite).await.expect("SQLite app");
    app.clock.set(helpers::afternoon("2026-12-03"));
    let driver = Driver::start(&driver_bin).await;
    let c = driver.session(&chrome_bin, PHONE).await;
    let result = tokio::time::timeout(Duration::from_secs(120), walk(&c, &app, PHONE)).await;
    let _ = c.close().await;
    drop(driver);
    result.unwrap_or_else(|_| panic!("the dues journey took longer than 2 minutes"));
}

async fn walk(c: &Client, app: &helpers::TestApp, v: Viewport) {
    let branch = app.org_id(BRANCH).await;
    let county = app.org_id("中共青山县委员会").await;
    lianxin_app::fixtures::dues::generate(&app.app, county, 1, 11).await.expect("a year of dues");
    let sec = helpers::ctx_for(app, "secretary").await;
    let book = lianxin_app::dues::book(&sec, branch, 2026).await.unwrap();
    let behind = book.rows.iter().find(|r| r.owed_fen() > 0).expect("someone owes a month");
    let year = |m: u32| chrono::NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
    let count = || async { lianxin_store::dues::payments_of(app.app.db.conn(), &[behind.member.id], year(1), year(12)).await.unwrap() };
    let before = count().await;

    // The book, from the menu, as cards.
    sign_in(c, app, "secretary").await;
    c.goto(&app.url("/dues")).await.expect("the dues menu entry");
    wait_for_text(c, "2026 年党费收缴").await;
    let text = wait_for_text(c, "应交 11 个月").await;
    if book.alerts() > 0 {
        assert!(text.contains("连续六个月未交纳"), "the alert shows:\n{text}");
    }
    assert_no_overflow(c, v, "the dues book").await;
    shoot(c, v, "dues-book").await;

    // The member's page: the months, the rule, and the earliest owed month ticked.
    c.goto(&app.url(&format!("/dues/members/{}?year=2026", behind.member.id))).await.expect("the member's dues");
    let text = wait_for_text(c, "逐月交纳情况").await;
    assert!(text.contains("未交"), "owed months are marked:\n{text}");
    assert_no_overflow(c, v, "a member's dues").await;
    shoot(c, v, "dues-member").await;
    let months = c.find_all(fantoccini::Locator::Css("input[name=month]:checked")).await.unwrap();
    assert_eq!(months.len(), 1, "one month ticked by default");
    let ticked = months[0].attr("value").await.unwrap().unwrap_or_default();
    click(c, "form[action$='/payments'] button[type=submit]").await;
    // The form posts to the member's page's own path prefix: wait for the redirect back to it.
    wait_for_path(c, "back on the member's page", |p| p.starts_with("/dues/members/") && !p.ends_with("/payments")).await;
    wait_for_text(c, "逐月交纳情况").await;
    let mut after = count().await;
    for _ in 0..50 {
        if after.len() > before.len() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        after = count().await;
    }
    assert_eq!(after.len(), before.len() + 1, "the payment is recorded");
    assert!(after.iter().any(|p| p.month.format("%Y-%m").to_string() == ticked), "the month ticked ({ticked}) is the one recorded");

    // The year published to the branch.
    c.goto(&app.url(&format!("/orgs/{branch}/dues/publication?year=2026"))).await.expect("the publication preview");
    wait_for_text(c, "尚未公示").await;
    click(c, "form[method=post][action$='/dues/publication'] button[type=submit]").await;
    wait_for_text(c, "已于 2026-12-03 向本支部党员公示").await;
    sign_out(c).await;

    // The member reads it from the menu.
    sign_in(c, app, "member").await;
    c.goto(&app.url("/dues")).await.expect("the member's dues entry");
    let text = wait_for_text(c, "党费收缴情况公示").await;
    assert!(text.contains(&behind.member.person_name) && text.contains("合计"), "{text}");
    if let Some(base) = behind.base.as_ref().and_then(|b| b.base_fen) {
        assert!(!text.contains(&lianxin_core::dues::yuan(base)), "bases are not published:\n{text}");
    }
    wait_for(c, "table.cards").await;
    assert_no_overflow(c, v, "the publication").await;
    shoot(c, v, "dues-publication").await;
}
