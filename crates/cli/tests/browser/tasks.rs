//! Browser journey of a task handed down, on a phone (390×844), in Chinese: the county's organizer
//! hands a visiting task to two townships (first refused for parts over the whole, with the
//! numbers); 青山镇 splits its share between two villages; 石门村's secretary reports with what
//! shows it (over the target without a note refused); the other shares are reported; the county
//! sees 100 % and the roll-up level by level.
//!
//! Screenshots: `task-*-phone.png` in `target/screenshots/`.

use std::time::Duration;

use fantoccini::Client;

use super::{
    BRANCH, Driver, PHONE, Viewport,
    appeals::{sign_out, wait_for_text},
    assert_no_overflow, browser_binaries, click, helpers, shoot, sign_in, type_in, wait_for_path,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn task_journey_phone() {
    let Some((driver_bin, chrome_bin)) = browser_binaries() else { return };
    let app = helpers::spawn_app(helpers::Backend::Sqlite).await.expect("SQLite app");
    app.clock.set(helpers::afternoon("2026-06-01"));
    let driver = Driver::start(&driver_bin).await;
    let c = driver.session(&chrome_bin, PHONE).await;
    let result = tokio::time::timeout(Duration::from_secs(150), walk(&c, &app, PHONE)).await;
    let _ = c.close().await;
    drop(driver);
    result.unwrap_or_else(|_| panic!("the task journey took longer than 150 s"));
}

async fn value(c: &Client, css: &str, v: &str) {
    let e = super::find(c, css).await;
    e.clear().await.expect("clear");
    e.send_keys(v).await.expect("type");
}

/// Ticks the organization named `name` in the form at `form` and types its target.
async fn part(c: &Client, form: &str, name: &str, target: &str) {
    let labels = c.find_all(fantoccini::Locator::Css(&format!("{form} label.check"))).await.expect("the organizations");
    for (i, l) in labels.iter().enumerate() {
        if l.text().await.expect("a label").trim() == name {
            click(c, &format!("{form} input[name=o{i}]")).await;
            value(c, &format!("{form} input[name=t{i}]"), target).await;
            return;
        }
    }
    panic!("{name} is not offered");
}

async fn walk(c: &Client, app: &helpers::TestApp, v: Viewport) {
    let county = app.org_id("中共青山县委员会").await;
    let township = app.org_id("中共青山镇委员会").await;
    let others: Vec<_> = lianxin_app::tasks::below(&app.ctx(), county).await.expect("the townships");
    let other = others.iter().find(|o| o.id != township).expect("a second township").name.clone();

    sign_in(c, app, "county").await;
    c.goto(&app.url("/tasks")).await.expect("the tasks");
    wait_for_path(c, "the county's tasks", |p| p == format!("/orgs/{county}/tasks")).await;
    click(c, "details.op summary").await;
    let form = r#"form[action$="/tasks"]"#;
    type_in(c, &format!("{form} input[name=title]"), "走访脱贫户和监测户").await;
    value(c, &format!("{form} input[name=target]"), "100").await;
    type_in(c, &format!("{form} input[name=unit]"), "户").await;
    c.execute("document.querySelector('input[name=due_on]').value = '2026-06-30';", vec![]).await.expect("the deadline");
    part(c, form, "中共青山镇委员会", "60").await;
    part(c, form, &other, "50").await;
    assert_no_overflow(c, v, "the task form").await;
    click(c, &format!("{form} button[type=submit]")).await;
    let text = wait_for_text(c, "超出 10").await;
    assert!(text.contains("总目标 100，分解 110"), "{text}");
    shoot(c, v, "task-over-refused").await;
    // The form comes back open with what was typed; tick again with 40 for the other township.
    part(c, form, "中共青山镇委员会", "60").await;
    part(c, form, &other, "40").await;
    c.execute("document.querySelector('input[name=due_on]').value = '2026-06-30';", vec![]).await.expect("the deadline");
    click(c, &format!("{form} button[type=submit]")).await;
    let page = wait_for_path(c, "the task", |p| p.starts_with("/tasks/")).await;
    wait_for_text(c, "逐级完成情况").await;
    sign_out(c).await;

    // 青山镇 splits its 60 between two villages.
    app.clock.set(helpers::afternoon("2026-06-01") + chrono::TimeDelta::seconds(60));
    sign_in(c, app, "township").await;
    c.goto(&app.url(&page)).await.expect("the task");
    let split = r#"form[action$="/split"]"#;
    click(c, &format!("details:has({split}) summary")).await;
    part(c, split, BRANCH, "30").await;
    part(c, split, "中共柳湾村支部委员会", "30").await;
    click(c, &format!("{split} button[type=submit]")).await;
    wait_for_text(c, "└ 中共柳湾村支部委员会").await;
    sign_out(c).await;

    // 石门村 reports: over the target needs a note.
    sign_in(c, app, "secretary").await;
    c.goto(&app.url(&page)).await.expect("the task");
    let report = r#"form[action$="/report"]"#;
    click(c, &format!("details:has({report}) summary")).await;
    value(c, &format!("{report} input[name=done]"), "32").await;
    type_in(c, &format!("{report} textarea[name=evidence]"), "走访登记表存村部档案柜").await;
    click(c, &format!("{report} button[type=submit]")).await;
    let text = wait_for_text(c, "超过目标").await;
    assert!(text.contains("目标 30，上报 32"), "{text}");
    click(c, &format!("details:has({report}) summary")).await;
    value(c, &format!("{report} input[name=done]"), "32").await;
    type_in(c, &format!("{report} textarea[name=note]"), "新纳入监测的2户一并走访").await;
    type_in(c, &format!("{report} textarea[name=evidence]"), "走访登记表存村部档案柜").await;
    click(c, &format!("{report} button[type=submit]")).await;
    let text = wait_for_text(c, "新纳入监测的2户一并走访").await;
    assert!(text.contains("100%"), "30 of 30 for the village: {text}");
    assert_no_overflow(c, v, "the village's part").await;
    shoot(c, v, "task-village").await;
    sign_out(c).await;

    // The other shares are reported by their organizations (here through the use case).
    let id: uuid::Uuid = page.trim_start_matches("/tasks/").parse().expect("a task id");
    let view = lianxin_app::tasks::show(&app.ctx(), id).await.expect("the task");
    for r in view.parts.iter().filter(|r| !r.split && r.achieved < r.part.target as u64) {
        lianxin_app::tasks::report(&app.ctx(), r.part.id, r.part.target as u64, "", "走访记录").await.expect("a report");
    }

    // The county sees 100 %, level by level.
    app.clock.set(helpers::afternoon("2026-06-01") + chrono::TimeDelta::seconds(120));
    sign_in(c, app, "county").await;
    c.goto(&app.url(&page)).await.expect("the task");
    let text = wait_for_text(c, "完成率").await;
    assert!(text.contains("100%") && text.contains("中共柳湾村支部委员会") && text.contains("走访登记表存村部档案柜"), "{text}");
    assert_no_overflow(c, v, "the county's roll-up").await;
    shoot(c, v, "task-rollup").await;
}
