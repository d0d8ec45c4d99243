//! Browser journey of enterprises on a phone (390×844), in Chinese, under the injected clock:
//! the member 赵小军 finds the tea cooperative they serve on their own page and records what
//! they did for it; a villager, without signing in, reads the cooperative's offers on the
//! village board; the secretary reads the village's enterprises as cards and publishes an offer
//! (the form names what is missing first); the township reads the branch's leaders' pool as
//! cards, each figure a link to its evidence.
//!
//! Screenshots: `enterprise-*-phone.png` and `leaders-pool-phone.png` in `target/screenshots/`.

use std::time::Duration;

use fantoccini::Client;

use super::{
    BRANCH, Driver, PHONE, Viewport,
    appeals::{sign_out, wait_for, wait_for_text},
    assert_no_overflow, browser_binaries, click, helpers, shoot, sign_in, type_in, wait_for_path,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enterprises_journey_phone() {
    let Some((driver_bin, chrome_bin)) = browser_binaries() else { return };
    let app = helpers::spawn_app(helpers::Backend::Sqlite).await.expect("SQLite app");
    app.clock.set(helpers::afternoon("2026-06-10"));
    lianxin_app::demo::seed_enterprises(&app.ctx()).await.expect("the demo's enterprises");
    let driver = Driver::start(&driver_bin).await;
    let c = driver.session(&chrome_bin, PHONE).await;
    let result = tokio::time::timeout(Duration::from_secs(120), walk(&c, &app, PHONE)).await;
    let _ = c.close().await;
    drop(driver);
    result.unwrap_or_else(|_| panic!("the enterprises journey took longer than 2 minutes"));
}

async fn walk(c: &Client, app: &helpers::TestApp, v: Viewport) {
    // The member: the cooperative they serve, from their own page; record a service.
    sign_in(c, app, "member").await;
    c.goto(&app.url("/care/mine")).await.expect("my page");
    wait_for_text(c, "我联系的企业").await;
    click(c, "a[href$='/services/new']").await;
    wait_for_path(c, "the service form", |p| p.ends_with("/services/new")).await;
    click(c, "select[name=kind] option[value=technology]").await;
    type_in(c, "textarea[name=note]", "请县农技站专家来讲夏茶修剪").await;
    assert_no_overflow(c, v, "the service form").await;
    click(c, "form.form button[type=submit]").await;
    let text = wait_for_text(c, "请县农技站专家来讲夏茶修剪").await;
    assert!(text.contains("引进技术") && text.contains("2026-06-10") && text.contains("招采茶工"), "{text}");
    assert_no_overflow(c, v, "the cooperative's page").await;
    shoot(c, v, "enterprise-page").await;
    sign_out(c).await;

    // A villager, not signed in: the offers on the village board.
    let village = app.area_id("石门村").await;
    c.goto(&app.url(&format!("/villages/{village}/board"))).await.expect("the board");
    let text = wait_for_text(c, "本地企业和合作社提供的机会").await;
    assert!(text.contains("招采茶工") && text.contains("粮油加工技能培训"), "{text}");
    assert_no_overflow(c, v, "the board with offers").await;
    c.execute("document.getElementById('offers').scrollIntoView()", vec![]).await.expect("scroll");
    shoot(c, v, "enterprise-board").await;

    // The secretary: the village's enterprises as cards, and an offer published.
    sign_in(c, app, "secretary").await;
    c.goto(&app.url("/enterprises")).await.expect("the enterprises entry");
    wait_for_path(c, "the village's enterprises", |p| p.ends_with("/enterprises") && p.starts_with("/areas/")).await;
    let text = wait_for_text(c, "石门村茶叶专业合作社").await;
    assert!(text.contains("赵小军"), "{text}");
    wait_for(c, "table.cards").await;
    assert_no_overflow(c, v, "the enterprises").await;
    shoot(c, v, "enterprise-list").await;
    click(c, "table.cards td.card-head a").await;
    wait_for_path(c, "the cooperative", |p| p.starts_with("/enterprises/")).await;
    click(c, "a[href$='/offers/new']").await;
    wait_for_path(c, "the offer form", |p| p.ends_with("/offers/new")).await;
    click(c, "form.form button[type=submit]").await;
    wait_for_text(c, "此项必须填写").await;
    assert_no_overflow(c, v, "the offer form with errors").await;
    click(c, "select[name=kind] option[value=training]").await;
    type_in(c, "input[name=title]", "手工炒茶培训").await;
    type_in(c, "textarea[name=detail]", "两天，老师傅手把手教").await;
    type_in(c, "textarea[name=how_to]", "到合作社报名").await;
    click(c, "form.form button[type=submit]").await;
    let text = wait_for_text(c, "手工炒茶培训").await;
    assert!(text.contains("正在提供"), "{text}");
    sign_out(c).await;

    // The township: the branch's leaders' pool as cards.
    sign_in(c, app, "township").await;
    let branch = app.org_id(BRANCH).await;
    c.goto(&app.url(&format!("/orgs/{branch}/leaders?year=2026"))).await.expect("the pool");
    let text = wait_for_text(c, "可以作为人选的党员").await;
    assert!(text.contains("赵小军") || text.contains("暂不作为人选"), "{text}");
    wait_for(c, "a[href^='/points/members/']").await;
    assert_no_overflow(c, v, "the leaders' pool").await;
    shoot(c, v, "leaders-pool").await;
}
