//! Browser journey of 四议两公开 on a phone (390×844), in Chinese, under the injected clock: the
//! secretary of 石门村 opens a public-works matter, records the proposal, the two committees'
//! deliberation and the assembly's review from the meetings' votes, is refused a villagers'
//! meeting without quorum (the page says why, with the numbers), records it with enough
//! household representatives, discloses the resolution and the result; a villager, without
//! signing in, reads the public board.
//!
//! Screenshots: `decision-*-phone.png` in `target/screenshots/`.

use std::time::Duration;

use fantoccini::Client;
use lianxin_core::meetings::MeetingKind::{Assembly, Committee, JointCommittees};

use super::{
    BRANCH, Driver, PHONE, Viewport,
    appeals::{sign_out, wait_for_text},
    assert_no_overflow, browser_binaries, click, helpers, shoot, sign_in, type_in, wait_for_path,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn decisions_journey_phone() {
    let Some((driver_bin, chrome_bin)) = browser_binaries() else { return };
    let app = helpers::spawn_app(helpers::Backend::Sqlite).await.expect("SQLite app");
    app.clock.set(helpers::afternoon("2026-06-10"));
    let driver = Driver::start(&driver_bin).await;
    let c = driver.session(&chrome_bin, PHONE).await;
    let result = tokio::time::timeout(Duration::from_secs(150), walk(&c, &app, PHONE)).await;
    let _ = c.close().await;
    drop(driver);
    result.unwrap_or_else(|_| panic!("the decisions journey took longer than 150 s"));
}

async fn value(c: &Client, css: &str, v: &str) {
    let e = super::find(c, css).await;
    e.clear().await.expect("clear");
    e.send_keys(v).await.expect("type");
}

async fn walk(c: &Client, app: &helpers::TestApp, v: Viewport) {
    let branch = app.org_id(BRANCH).await;
    let sec = helpers::ctx_for(app, "secretary").await;
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    // The meetings were held and their votes recorded under the meetings capability.
    for (kind, on, title) in [
        (Committee, "2026-06-01", "提议：修建村文化广场"),
        (JointCommittees, "2026-06-03", "商议：修建村文化广场"),
        (Assembly, "2026-06-05", "审议：修建村文化广场"),
    ] {
        lianxin_app::demo::held_vote(&sec, branch, kind, title, day(on), 0, 0).await.expect("a meeting's vote");
    }
    app.clock.set(helpers::afternoon("2026-06-10"));

    sign_in(c, app, "secretary").await;
    c.goto(&app.url("/decisions")).await.expect("the decisions entry");
    wait_for_path(c, "the branch's matters", |p| p.ends_with("/decisions") && p.starts_with("/orgs/")).await;
    click(c, "details.op summary").await;
    type_in(c, "input[name=title]", "修建村文化广场").await;
    click(c, "select[name=kind] option[value=public_works]").await;
    type_in(c, "textarea[name=description]", "占地1200平方米，预算45万元").await;
    assert_no_overflow(c, v, "the new matter").await;
    click(c, "details.op form button[type=submit]").await;
    wait_for_path(c, "the matter", |p| p.starts_with("/decisions/")).await;
    let text = wait_for_text(c, "须经村民会议").await;
    assert!(text.contains("现在可以进行“党组织提议”"), "{text}");

    // Three votes from the meetings, one step at a time.
    for step in ["党组织提议", "“两委”会议商议", "党员大会审议"] {
        wait_for_text(c, &format!("记录：{step}")).await;
        click(c, "form.form button[type=submit]").await;
        wait_for_text(c, &format!("{step} · 通过")).await;
    }
    // The villagers' meeting: too few, refused with the numbers.
    wait_for_text(c, "记录：村民会议或村民代表会议决议").await;
    type_in(c, "input[name=place]", "村文化室").await;
    value(c, "input[name=adults_present]", "20").await;
    value(c, "input[name=households_present]", "10").await;
    value(c, "input[name=yes]", "18").await;
    click(c, "form.form button[type=submit]").await;
    // The help above the form speaks of quorum too: wait for the refusal's own numbers.
    let text = wait_for_text(c, "这次会议不能表决").await;
    assert!(text.contains("不足全村") && text.contains("三分之二（至少"), "{text}");
    assert_no_overflow(c, v, "the refused resolution").await;
    shoot(c, v, "decision-refused").await;
    let roll = lianxin_app::decisions::roll(&sec, branch, day("2026-06-10")).await.expect("the roll");
    let present = roll.households * 3 / 4;
    value(c, "input[name=adults_present]", "0").await;
    value(c, "input[name=households_present]", &present.to_string()).await;
    value(c, "input[name=yes]", &(present - 2).to_string()).await;
    value(c, "input[name=no]", "2").await;
    click(c, "form.form button[type=submit]").await;
    wait_for_text(c, "记录：决议公开").await;
    type_in(c, "textarea[name=note]", "决议全文张贴于村务公开栏").await;
    // A date field is set as the date picker sets it.
    c.execute("document.querySelector('input[name=finish_by]').value = '2026-06-10';", vec![]).await.expect("the planned end");
    click(c, "form.form button[type=submit]").await;
    wait_for_text(c, "记录：实施结果公开").await;
    type_in(c, "textarea[name=note]", "广场建成，实际支出43.6万元").await;
    click(c, "form.form button[type=submit]").await;
    let text = wait_for_text(c, "实施结果公开 · 已公开").await;
    assert!(text.contains("已办结") && text.contains("超过到会"), "{text}");
    assert_no_overflow(c, v, "the finished matter").await;
    shoot(c, v, "decision-finished").await;
    sign_out(c).await;

    // A villager reads the board without signing in.
    c.goto(&app.url(&format!("/board/{branch}/decisions"))).await.expect("the board");
    let text = wait_for_text(c, "修建村文化广场").await;
    assert!(text.contains("决议全文张贴于村务公开栏") && text.contains("广场建成"), "{text}");
    assert_no_overflow(c, v, "the decisions board").await;
    shoot(c, v, "decision-board").await;
}
