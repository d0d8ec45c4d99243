//! Browser journey of a villager's need, in Chinese, at phone and at desktop size: a villager without an account files
//! a water need in 石门村 with a photo and keeps the tracking page; her phone is that of a resident
//! whose household is linked to the member 赵小军 (`member`), so the need goes to him, and he
//! accepts and resolves it from his own queue on the staff pages; the villager rates it 不满意 and sees
//! it reopened; it is resolved again, rated 不满意 again and goes up to the township, where
//! `township` (second factor) finds it in the escalated queue. The village's public board shows it
//! without the villager's name or phone; the township's inbox marks the escalation as new, once.
//!
//! On the way: "next" without a kind and a road's form without answers name what is missing; the
//! three rating buttons differ in colour; what a thumb presses on the need pages is ≥ 44 px tall.
//!
//! Screenshots: `need-*-phone.png` and `need-*-desktop.png` in `target/screenshots/`.

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator, elements::Element};
use lianxin_core::appeals::format_tracking_code;
use lianxin_store::appeals as store;

use super::{
    DESKTOP, Driver, PATIENCE, PHONE, Viewport, assert_no_overflow, browser_binaries, click, find, h1, helpers, path_of, shoot, sign_in,
    type_in, wait_for_path,
};

const VILLAGE: &str = "石门村";
/// The resident `TestApp::linked_household` adds, whose household 赵小军 looks after.
const NAME: &str = "孙桂兰";
const PHONE_NO: &str = "13700009999";
const DESCRIPTION: &str = "二组的自来水停了三天，水管在村口漏水";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appeals_journey_phone() {
    journey(PHONE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appeals_journey_desktop() {
    journey(DESKTOP).await;
}

async fn journey(v: Viewport) {
    let Some((driver_bin, chrome_bin)) = browser_binaries() else { return };
    let app = helpers::spawn_app(helpers::Backend::Sqlite).await.expect("SQLite app");
    let driver = Driver::start(&driver_bin).await;
    let c = driver.session(&chrome_bin, v).await;
    let result = tokio::time::timeout(Duration::from_secs(240), walk(&c, &app, v)).await;
    let _ = c.close().await;
    drop(driver);
    result.unwrap_or_else(|_| panic!("the appeals journey ({}) took longer than 4 minutes", v.name));
}

pub(super) async fn page_text(c: &Client) -> String {
    c.execute("return document.body ? document.body.innerText : ''", vec![])
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Waits until the page shows `want`, and returns its text.
pub(super) async fn wait_for_text(c: &Client, want: &str) -> String {
    let started = Instant::now();
    loop {
        let text = page_text(c).await;
        if text.contains(want) {
            return text;
        }
        assert!(started.elapsed() < PATIENCE, "expected the page to show {want:?}; it shows:\n{text}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until an element matching `css` is on the page.
pub(super) async fn wait_for(c: &Client, css: &str) -> Element {
    let started = Instant::now();
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            return e;
        }
        assert!(started.elapsed() < PATIENCE, "expected {css} on {}", path_of(c).await);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the stored need reaches `status` (after a form was sent).
pub(super) async fn wait_for_status(app: &helpers::TestApp, code: &str, status: &str) -> store::Appeal {
    let started = Instant::now();
    loop {
        let a = store::by_code(app.app.db.conn(), code).await.expect("db").expect("the need");
        if a.status == status {
            return a;
        }
        assert!(started.elapsed() < PATIENCE, "expected the need to be {status}, it is {}", a.status);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub(super) async fn sign_out(c: &Client) {
    click(c, r#"header form[action="/logout"] button"#).await;
    wait_for_path(c, "/ after sign-out", |p| p == "/").await;
}

/// The handler finds the need in their queue and opens it.
async fn open_in_queue(c: &Client, app: &helpers::TestApp, shown: &str, id: uuid::Uuid) {
    c.goto(&app.url("/appeals")).await.expect("open the queue");
    let Ok(link) = c.find(Locator::XPath(&format!("//main//a[normalize-space(.)='{shown}']"))).await else {
        panic!("the queue lists {shown}:\n{}", page_text(c).await);
    };
    link.click().await.expect("open the need");
    wait_for_path(c, "the need's staff page", |p| p == format!("/appeals/{id}")).await;
}

/// The handler sends one of the step forms of the staff page (accept, resolve, …).
pub(super) async fn staff_step(c: &Client, step: &str, reply: Option<&str>) {
    let form = format!(r#"form:has(input[name=step][value="{step}"])"#);
    if let Some(text) = reply {
        type_in(c, &format!("{form} textarea[name=reply]"), text).await;
    }
    click(c, &format!("{form} button[type=submit]")).await;
}

/// Everything a thumb presses on a villager's page is at least 44 px tall: the header's links,
/// links and buttons of the page (links inside running text excepted), the choices.
async fn assert_tap_targets(c: &Client, page: &str) {
    let short = c
        .execute(
            "return [...document.querySelectorAll('header a, header button, main a, main button, main label.need-choice, main summary')] \
               .filter(e => !e.closest('p.help, .need-link, .pre') && !e.classList.contains('need-link')) \
               .map(e => [e, e.getBoundingClientRect()]).filter(([e, r]) => r.width > 0 && r.height > 0 && r.height < 44) \
               .map(([e, r]) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' \"' + e.textContent.trim().slice(0, 20) + '\" ' + r.height);",
            vec![],
        )
        .await
        .expect("measure tap targets");
    let short: Vec<&str> = short.as_array().map(|a| a.iter().filter_map(|x| x.as_str()).collect()).unwrap_or_default();
    assert!(short.is_empty(), "on {page}, shorter than 44 px: {short:?}");
}

/// Each radio of a choice sits beside its words, not above them.
async fn assert_radios_beside_words(c: &Client, page: &str) {
    let stacked = c
        .execute(
            "return [...document.querySelectorAll('label.need-choice')].filter(l => { \
               const i = l.querySelector('input').getBoundingClientRect(), t = l.querySelector('span').getBoundingClientRect(); \
               return !(i.right <= t.left && i.top < t.bottom && i.bottom > t.top); }).map(l => l.textContent.trim());",
            vec![],
        )
        .await
        .expect("measure the choices");
    assert_eq!(stacked.as_array().map(Vec::len), Some(0), "on {page}, radios not beside their words: {stacked}");
}

/// The villager rates the need on the private page.
async fn rate(c: &Client, link: &str, rating_label: &str, comment: &str) {
    c.goto(link).await.expect("open the private link");
    wait_for_text(c, "请您评价").await;
    type_in(c, "textarea[name=comment]", comment).await;
    let button = find(c, r#"button[name=rating][value=unsatisfied]"#).await;
    assert_eq!(button.text().await.expect("label").trim(), rating_label);
    button.click().await.expect("rate");
    wait_for_text(c, "谢谢您的评价").await;
}

async fn walk(c: &Client, app: &helpers::TestApp, v: Viewport) {
    let dir = tempfile::tempdir().expect("temp dir");
    // A camera's photo: 4000×3000, 3 MB, EXIF orientation and a location.
    let photo = dir.path().join("水管.jpg");
    std::fs::write(&photo, lianxin_app::photos::samples::camera_jpeg()).expect("write the photo");
    let village = app.area_id(VILLAGE).await;
    let (_, _, zhao) = app.linked_household(PHONE_NO).await;

    // The home page leads to the boards; the villager's other pages are easy to press too.
    c.goto(&app.url("/")).await.expect("open /");
    assert_tap_targets(c, "the home page").await;
    shoot(c, v, "need-home").await;
    click(c, r#"main a[href="/boards"]"#).await;
    wait_for_path(c, "the boards", |p| p == "/boards").await;
    assert_tap_targets(c, "the boards").await;
    assert_no_overflow(c, v, "the boards").await;
    shoot(c, v, "need-boards").await;
    for (path, what) in [("/track", "finding a need"), ("/my", "my needs")] {
        c.goto(&app.url(path)).await.expect("open the page");
        assert_tap_targets(c, what).await;
    }

    // A villager opens the need page on their phone and picks the village.
    c.goto(&app.url("/need")).await.expect("open /need");
    assert_tap_targets(c, "choosing the village").await;
    assert_eq!(h1(c).await, "我要反映诉求");
    assert_no_overflow(c, v, "/need").await;
    shoot(c, v, "need-choose").await;
    let link =
        c.find(Locator::XPath(&format!("//a[contains(@class,'need-village') and normalize-space(.)='{VILLAGE}']"))).await.expect("石门村");
    link.click().await.expect("choose the village");
    wait_for_path(c, "the village's need page", |p| p == format!("/villages/{village}/need")).await;
    assert_eq!(h1(c).await, format!("反映诉求：{VILLAGE}"));

    // Step 1: the kind of need. "Next" without a choice says what is missing.
    assert_tap_targets(c, "the kinds of need").await;
    assert_radios_beside_words(c, "the kinds of need").await;
    click(c, "form.need-form button[type=submit]").await;
    wait_for_text(c, "请选择诉求类别").await;
    shoot(c, v, "need-category-none").await;
    // A road's yes/no question: each answer beside its word, every mistake named at once.
    c.goto(&app.url(&format!("/villages/{village}/need?category=road"))).await.expect("the road form");
    wait_for(c, "input[name=\"attr.hazard\"]").await;
    assert_radios_beside_words(c, "the road's question").await;
    assert_tap_targets(c, "the road's form").await;
    click(c, "form.need-form button[type=submit]").await;
    let text = wait_for_text(c, "请回答：是否影响通行安全").await;
    assert!(text.contains("请写一写遇到了什么事"), "both mistakes at once:\n{text}");
    assert_no_overflow(c, v, "the form's mistakes").await;
    shoot(c, v, "need-mistakes").await;
    c.execute("document.getElementById('f-attr-hazard').scrollIntoView()", vec![]).await.expect("scroll to the question");
    shoot(c, v, "need-mistakes-question").await;
    c.goto(&app.url(&format!("/villages/{village}/need"))).await.expect("back to the kinds");
    let water = find(c, "input[name=category][value=water]").await;
    find(c, "label.need-choice:has(input[value=water])").await.click().await.expect("tap the label");
    assert_eq!(water.prop("checked").await.expect("checked").as_deref(), Some("true"), "tapping the label chooses 饮水用水");
    assert_no_overflow(c, v, "the kinds of need").await;
    shoot(c, v, "need-category").await;
    click(c, "form.need-form button[type=submit]").await;

    // Step 2: the need itself, with a photo.
    wait_for(c, "textarea[name=description]").await;
    assert!(page_text(c).await.contains("饮水用水"), "the chosen kind is named");
    type_in(c, "textarea[name=description]", DESCRIPTION).await;
    type_in(c, "input[name=\"attr.households\"]", "6").await;
    find(c, "input[type=file][name=photos]").await.send_keys(photo.to_str().expect("UTF-8 path")).await.expect("choose the photo");
    type_in(c, "input[name=phone]", PHONE_NO).await;
    type_in(c, "input[name=name]", NAME).await;
    assert_eq!(find(c, "input[name=public]").await.prop("checked").await.expect("checked").as_deref(), Some("true"), "public by default");
    assert_no_overflow(c, v, "the need form").await;
    assert_tap_targets(c, "the need form").await;
    shoot(c, v, "need-form").await;
    click(c, "form.need-form button[type=submit]").await;

    // The tracking page, with the code to write down and the private link.
    let path = wait_for_path(c, "the tracking page", |p| p.starts_with("/track/")).await;
    let code = path.split('/').nth(2).expect("code").to_owned();
    let shown = format_tracking_code(&code);
    let link = c.current_url().await.expect("url").to_string();
    assert_eq!(find(c, ".need-created .need-code").await.text().await.expect("code").trim(), shown, "the code in big letters");
    let text = page_text(c).await;
    assert!(text.contains("请把编号写下来"), "write it down:\n{text}");
    assert!(text.contains(&link), "the private link is shown in full");
    assert!(text.contains("已经提交，等待受理"), "the status in plain words");
    let loaded = c
        .execute("const i = document.querySelector('.need-photos img'); return i && i.complete && i.naturalWidth > 0;", vec![])
        .await
        .expect("photo check");
    assert_eq!(loaded.as_bool(), Some(true), "the photo is shown");
    assert_no_overflow(c, v, "the tracking page").await;
    assert_tap_targets(c, "the tracking page").await;
    shoot(c, v, "need-created").await;
    let stored = store::by_code(app.app.db.conn(), &code).await.expect("db").expect("stored");
    assert_eq!(stored.handler_person_id, Some(zhao), "the need went to the member linked to her household");
    let id = stored.id;

    // The linked member finds it in his own queue, accepts and resolves it on the staff pages.
    sign_in(c, app, "member").await;
    open_in_queue(c, app, &shown, id).await;
    assert!(page_text(c).await.contains(DESCRIPTION));
    staff_step(c, "accept", None).await;
    wait_for_status(app, &code, "accepted").await;
    wait_for(c, r#"form:has(input[name=step][value="resolve"]) textarea[name=reply]"#).await;
    staff_step(c, "resolve", Some("已经换了漏水的水管，恢复供水")).await;
    wait_for_status(app, &code, "resolved").await;
    sign_out(c).await;

    // The villager finds it resolved, rates 不满意, and sees it reopened.
    c.goto(&link).await.expect("open the private link");
    let text = wait_for_text(c, "已办好：已经换了漏水的水管，恢复供水").await;
    assert!(text.contains("村里说已经办好了"), "resolved, in plain words:\n{text}");
    assert!(!text.contains("请把编号写下来"), "the write-it-down box showed only once");
    assert_no_overflow(c, v, "the rating form").await;
    assert_tap_targets(c, "the rating form").await;
    // Three answers told apart by colour (and a face), each easy to press.
    let looks = c
        .execute(
            "return ['satisfied', 'basically', 'unsatisfied'].map(r => { \
               const b = document.querySelector('button[name=rating][value=' + r + ']'); \
               return [getComputedStyle(b).backgroundColor, b.getBoundingClientRect().height, !!b.querySelector('svg[aria-hidden=true]')]; });",
            vec![],
        )
        .await
        .expect("the rating buttons");
    let looks: Vec<(String, f64, bool)> = serde_json::from_value(looks).expect("three buttons");
    let colours: std::collections::BTreeSet<&str> = looks.iter().map(|l| l.0.as_str()).collect();
    assert_eq!(colours.len(), 3, "three different colours: {looks:?}");
    assert!(looks.iter().all(|l| l.1 >= 44.0 && l.2), "each at least 44 px tall, with a face: {looks:?}");
    c.execute("document.querySelector('.need-rate').scrollIntoView()", vec![]).await.expect("scroll to the rating");
    shoot(c, v, "need-rate").await;
    rate(c, &link, "不满意", "还是没有水").await;
    let text = page_text(c).await;
    assert!(text.contains("重新办理") && text.contains("正在办理"), "reopened:\n{text}");
    let a = wait_for_status(app, &code, "in_progress").await;
    assert_eq!((a.level.as_str(), a.reopen_count), ("village", 1), "still with the village, reopened once");
    shoot(c, v, "need-reopened").await;

    // Resolved again by the member on the staff page …
    sign_in(c, app, "member").await;
    c.goto(&app.url(&format!("/appeals/{id}"))).await.expect("open the need");
    wait_for(c, r#"form:has(input[name=step][value="resolve"]) textarea[name=reply]"#).await;
    staff_step(c, "resolve", Some("水管已全部更换")).await;
    wait_for_status(app, &code, "resolved").await;
    sign_out(c).await;

    // … rated 不满意 again: it goes up to the township.
    rate(c, &link, "不满意", "").await;
    let text = page_text(c).await;
    assert!(text.contains("已上报到镇党委"), "escalated, in plain words:\n{text}");
    assert!(text.contains("镇里最晚"), "the township's deadline now:\n{text}");
    let a = wait_for_status(app, &code, "in_progress").await;
    assert_eq!(a.level, "township");
    assert_no_overflow(c, v, "the escalated need").await;
    shoot(c, v, "need-escalated").await;

    // The public board shows it, without the villager's name or phone.
    c.goto(&app.url(&format!("/villages/{village}/board"))).await.expect("open the board");
    let text = wait_for_text(c, &shown).await;
    assert!(!text.contains(NAME) && !text.contains(PHONE_NO) && !text.contains("137****9999"), "no personal data on the board");
    assert_eq!(c.find_all(Locator::Css("figure.chart svg")).await.expect("charts").len(), 3, "three charts");
    assert_no_overflow(c, v, "the board").await;
    assert_tap_targets(c, "the board").await;
    shoot(c, v, "need-board").await;
    c.execute("document.querySelector('figure.chart').scrollIntoView()", vec![]).await.expect("scroll to the charts");
    shoot(c, v, "need-board-charts").await;

    // The township finds it among the needs sent up to it.
    sign_in(c, app, "township").await;
    c.goto(&app.url("/appeals?queue=escalated")).await.expect("open the escalated queue");
    let text = wait_for_text(c, &shown).await;
    assert!(text.contains("条新消息"), "the inbox link says there is news:\n{text}");
    // The need's own row (found by its code) is in the escalated queue.
    let row = c.find(Locator::XPath(&format!("//main//a[normalize-space(.)='{shown}']"))).await.expect("a link to the need in the queue");
    c.execute("arguments[0].scrollIntoView({block: 'center'})", vec![serde_json::to_value(&row).expect("element")]).await.expect("scroll");
    shoot(c, v, "need-township-queue").await;

    // Its inbox marks the escalation notice as new, once.
    c.goto(&app.url("/inbox")).await.expect("open the inbox");
    let text = wait_for_text(c, "条新消息").await;
    assert!(text.contains(&shown), "the notice names the need:\n{text}");
    assert_no_overflow(c, v, "the inbox").await;
    shoot(c, v, "need-township-inbox").await;
    c.refresh().await.expect("reload the inbox");
    let text = wait_for_text(c, &shown).await;
    assert!(!text.contains("条新消息"), "nothing new the second time:\n{text}");
}
