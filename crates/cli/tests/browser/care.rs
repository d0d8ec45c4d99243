//! Browser journey of care on a phone (390×844), in Chinese, under the injected clock: the member
//! 赵小军 opens their households from the menu, logs a practical-help contact with the first and
//! sees it listed; the secretary reads the branch's year of care (the must-visit list as cards),
//! the households not contacted for over 30 days, the points standings, and registers a member in
//! difficulty. The member also opens their own points.
//!
//! Screenshots: `care-*-phone.png` in `target/screenshots/`.

use std::time::Duration;

use fantoccini::Client;

use super::{
    BRANCH, Driver, PHONE, Viewport,
    appeals::{sign_out, wait_for, wait_for_text},
    assert_no_overflow, browser_binaries, click, helpers, shoot, sign_in, type_in, wait_for_path,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn care_journey_phone() {
    let Some((driver_bin, chrome_bin)) = browser_binaries() else { return };
    let app = helpers::spawn_app(helpers::Backend::Sqlite).await.expect("SQLite app");
    app.clock.set(helpers::afternoon("2026-06-10"));
    lianxin_app::demo::seed_care(&app.ctx()).await.expect("the demo's care");
    let driver = Driver::start(&driver_bin).await;
    let c = driver.session(&chrome_bin, PHONE).await;
    let result = tokio::time::timeout(Duration::from_secs(120), walk(&c, &app, PHONE)).await;
    let _ = c.close().await;
    drop(driver);
    result.unwrap_or_else(|_| panic!("the care journey took longer than 2 minutes"));
}

async fn walk(c: &Client, app: &helpers::TestApp, v: Viewport) {
    let branch = app.org_id(BRANCH).await;

    // The member's households, from the menu entry.
    sign_in(c, app, "member").await;
    c.goto(&app.url("/care")).await.expect("the care entry");
    wait_for_path(c, "the member's own households", |p| p == "/care/mine").await;
    let text = wait_for_text(c, "我联系的户").await;
    assert!(text.contains("记一次联系"), "{text}");
    assert_no_overflow(c, v, "my households").await;
    shoot(c, v, "care-mine").await;

    // Log practical help with the first household.
    click(c, "ul.cards-list a.button").await;
    wait_for_path(c, "a household", |p| p.starts_with("/care/links/")).await;
    click(c, "select[name=kind] option[value=service]").await;
    type_in(c, "textarea[name=note]", "帮忙代购化肥两袋").await;
    click(c, "form.form button[type=submit]").await;
    let text = wait_for_text(c, "帮忙代购化肥两袋").await;
    assert!(text.contains("办实事") && text.contains("2026-06-10"), "{text}");
    assert_no_overflow(c, v, "a household's contacts").await;
    shoot(c, v, "care-link").await;

    // Their points, from their households' page: the contact just logged counts.
    c.goto(&app.url("/care/mine")).await.expect("my households again");
    click(c, "p.actions a.button.secondary").await;
    wait_for_path(c, "my points", |p| p.starts_with("/points/members/")).await;
    let text = wait_for_text(c, "基础分 100 分").await;
    assert!(text.contains("联系服务联户"), "{text}");
    assert_no_overflow(c, v, "my points").await;
    shoot(c, v, "points-mine").await;
    sign_out(c).await;

    // The secretary: the branch's year of care, as cards.
    sign_in(c, app, "secretary").await;
    c.goto(&app.url("/care")).await.expect("the secretary's care entry");
    let text = wait_for_text(c, "2026 年关怀帮扶").await;
    assert!(text.contains("应走访") && text.contains("登记为困难党员"), "{text}");
    wait_for(c, "table.cards").await;
    assert_no_overflow(c, v, "the year's care").await;
    shoot(c, v, "care-overview").await;

    // The households not contacted for over 30 days.
    c.goto(&app.url(&format!("/orgs/{branch}/care/contacts"))).await.expect("the contacts list");
    let text = wait_for_text(c, "超过 30 天未联系").await;
    assert!(text.contains("联户总数"), "{text}");
    assert_no_overflow(c, v, "households not contacted").await;
    shoot(c, v, "care-contacts").await;

    // The branch's points standings, as cards.
    c.goto(&app.url("/points")).await.expect("the points entry");
    let text = wait_for_text(c, "党员积分").await;
    assert!(text.contains("排名") || text.contains("积分"), "{text}");
    wait_for(c, "table.cards").await;
    assert_no_overflow(c, v, "the points standings").await;
    shoot(c, v, "points-standings").await;

    // Register a member in difficulty; the form names what is missing first.
    c.goto(&app.url(&format!("/orgs/{branch}/care/difficulties/new"))).await.expect("the form");
    click(c, "form.form button[type=submit]").await;
    wait_for_text(c, "此项必须填写").await;
    assert_no_overflow(c, v, "the difficulty form with errors").await;
    click(c, "select[name=member] option:nth-child(2)").await;
    click(c, "select[name=kind] option[value=disaster]").await;
    type_in(c, "textarea[name=note]", "房屋被暴雨冲毁一间").await;
    click(c, "form.form button[type=submit]").await;
    wait_for_path(c, "the difficulty", |p| p.starts_with("/care/difficulties/")).await;
    let text = wait_for_text(c, "房屋被暴雨冲毁一间").await;
    assert!(text.contains("受灾") && text.contains("帮扶中"), "{text}");
    assert_no_overflow(c, v, "a difficulty").await;
    shoot(c, v, "care-difficulty").await;
}
