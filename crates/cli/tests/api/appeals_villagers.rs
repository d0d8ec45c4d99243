//! What a villager reads and presses, over plain HTTP: rating buttons told apart, every mistake of
//! the need form named at once, the home page leading to the boards, plain words and one way of
//! writing a deadline, and what a phone needs of the page shell (favicon, description, a
//! stylesheet kept for a year under its versioned name).

use lianxin_app::appeals::steps::{self, HandlerStep};
use lianxin_store::appeals as store;
use reqwest::StatusCode;

use crate::{
    appeals_pages::{Need, file_need, post_need, text},
    both,
    helpers::{TestApp, appeal_count, browser, ctx_for},
};

/// The stylesheet a page links.
fn stylesheet_of(page: &str) -> String {
    let at = page.find(r#"<link rel="stylesheet" href=""#).expect("a stylesheet") + r#"<link rel="stylesheet" href=""#.len();
    page[at..].split('"').next().unwrap().to_owned()
}

/// The declarations of the rule whose selector is exactly `selector`.
fn rule<'a>(css: &'a str, selector: &str) -> &'a str {
    let at = css.find(&format!("\n{selector} {{")).unwrap_or_else(|| panic!("no rule {selector}")) + selector.len() + 3;
    css[at..].split('}').next().unwrap()
}

/// 满意 / 基本满意 / 不满意 are three different buttons, each with a face for those who read
/// poorly; the kind's yes/no answers sit beside their words.
async fn rating_buttons(app: TestApp) {
    let c = browser();
    let village = app.area_id("石门村").await;
    let path = file_need(&app, &c, village, &Need::default()).await;
    let code = path.split('/').nth(2).unwrap().to_owned();
    let id = store::by_code(app.app.db.conn(), &code).await.unwrap().unwrap().id;
    steps::act(&ctx_for(&app, "secretary").await, id, None, HandlerStep::Resolve { reply: "已修好".into() }).await.expect("resolve");
    let (_, page) = text(&c, &app.url(&path)).await;
    for (value, word) in [("satisfied", "满意"), ("basically", "基本满意"), ("unsatisfied", "不满意")] {
        let at = page.find(&format!(r#"value="{value}""#)).unwrap_or_else(|| panic!("the {value} button"));
        let button = page[at..].split("</button>").next().unwrap();
        assert!(
            button.contains(r#"<svg class="need-face""#) && button.contains(r#"aria-hidden="true""#),
            "a face, hidden from readers: {button}"
        );
        assert!(button.contains(&format!("<span>{word}</span>")), "and the word");
    }
    let css = c.get(app.url(&stylesheet_of(&page))).send().await.unwrap().text().await.unwrap();
    let backgrounds: Vec<&str> = ["need-good", "need-ok", "need-bad"]
        .iter()
        .map(|class| {
            // More specific than `button.button`, which painted all three red.
            let r = rule(&css, &format!(".need-rate-buttons .{class}"));
            r.split("background:").nth(1).unwrap_or_else(|| panic!("{class} has its own background")).split(';').next().unwrap().trim()
        })
        .collect();
    assert!(backgrounds[0] != backgrounds[1] && backgrounds[1] != backgrounds[2] && backgrounds[0] != backgrounds[2], "{backgrounds:?}");
    // A choice's label lays its radio beside its words, whatever `.field label` says.
    assert!(rule(&css, ".need-choices .need-choice").contains("display: flex"));
}
both!(rating_buttons_are_told_apart, rating_buttons);

/// Pressing "next" without choosing a kind says so; the need form names every mistake at once,
/// each question by its own words.
async fn every_mistake(app: TestApp) {
    let c = browser();
    let village = app.area_id("石门村").await;
    let (s, body) = text(&c, &app.url(&format!("/villages/{village}/need?step=category"))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "no kind chosen");
    assert!(body.contains("请选择诉求类别"), "{body}");
    let (_, body) = text(&c, &app.url(&format!("/villages/{village}/need"))).await;
    assert!(body.contains(r#"name="step" value="category""#), "the step's form says it was sent");

    let before = appeal_count(&app).await;
    let r = post_need(&app, &c, village, &Need { category: "road", description: " ", phone: "12345", ..Default::default() }).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    for said in ["请改一下下面 3 处", "请写一写遇到了什么事", "请回答：是否影响通行安全", "手机号：电话号码格式不对"]
    {
        assert!(body.contains(said), "{said}: {body}");
    }
    assert!(body.contains(r##"href="#f-attr-hazard""##) && body.contains(r#"id="f-attr-hazard""#), "the list leads to the question");
    assert!(!body.contains("必填的补充信息"), "never the vague message");
    assert_eq!(appeal_count(&app).await, before, "nothing stored");

    let r = c
        .post(app.url(&format!("/villages/{village}/need")))
        .header("accept-language", "en-US")
        .multipart(
            reqwest::multipart::Form::new()
                .text("service_code", "road")
                .text("description", "")
                .text("lat", "north")
                .text("lon", "1")
                .text("attr.hazard", "maybe"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    for said in
        ["Please write what happened.", "Please answer again: Is it a safety hazard", "Latitude and longitude: ", "<span>Yes</span>"]
    {
        assert!(body.contains(said), "{said}: {body}");
    }
    assert_eq!(appeal_count(&app).await, before, "nothing stored");
}
both!(the_need_form_names_every_mistake, every_mistake);

/// The deadline as a villager's page writes it ("12月10日（周四）"), after `before`.
fn deadline_in(page: &str, before: &str) -> String {
    let at = page.find(before).unwrap_or_else(|| panic!("{before} in {page}")) + before.len();
    let rest = page[at..].trim_start();
    let end = rest.find('）').expect("a weekday in brackets") + '）'.len_utf8();
    rest[..end].to_owned()
}

/// The home page leads anyone to the boards; a board says where it is about, the time to get a
/// need done in plain words, one word for "done", and the deadline the same way as staff see it.
async fn boards_and_words(app: TestApp) {
    let c = browser();
    let village = app.area_id("石门村").await;
    let township = app.area_id("青山镇").await;
    let (_, home) = text(&c, &app.url("/")).await;
    assert!(home.contains(r#"href="/boards""#), "the home page links the boards");
    let (s, boards) = text(&c, &app.url("/boards")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(boards.contains(&format!(r#"href="/villages/{village}/board""#)), "each village's board");
    assert!(boards.contains(&format!(r#"href="/areas/{township}/board""#)), "and the township's");
    let en = c.get(app.url("/boards")).header("accept-language", "en-US").send().await.unwrap().text().await.unwrap();
    assert!(en.contains("Public boards of needs"), "in English too");

    let path = file_need(&app, &c, village, &Need::default()).await;
    let (_, page) = text(&c, &app.url(&path)).await;
    let due = deadline_in(&page, "村里最晚");
    assert!(due.contains("月") && due.contains("日（周"), "month, day and weekday: {due}");
    let code = path.split('/').nth(2).unwrap().to_owned();
    let id = store::by_code(app.app.db.conn(), &code).await.unwrap().unwrap().id;
    // The staff page writes the same deadline the same way.
    let staff = app.browser_as("secretary").await;
    let (_, shown) = text(&staff, &app.url(&format!("/appeals/{id}"))).await;
    assert!(shown.contains(&due), "the staff page says {due} too");
    assert!(!shown.contains(" 00:00"), "never a midnight of the next day");

    steps::act(&ctx_for(&app, "secretary").await, id, None, HandlerStep::Resolve { reply: "已修好".into() }).await.expect("resolve");
    let (_, page) = text(&c, &app.url(&path)).await;
    assert!(page.contains("已办好：已修好") && !page.contains("已办结"), "one word for done");
    for (url, place) in [(format!("/villages/{village}/board"), "石门村"), (format!("/areas/{township}/board"), "青山镇")] {
        let (_, board) = text(&c, &app.url(&url)).await;
        assert!(!board.contains("本村"), "{url} names its place");
        assert!(board.contains(&format!("{place}群众反映的事")), "{url}");
        assert!(board.contains("一半的诉求在 ") && board.contains("内办好"), "the median in plain words on {url}");
        assert!(!board.contains("中位数") && !board.contains("已办结") && !board.contains("已完成"), "{url}");
    }
}
both!(boards_plain_words_and_one_deadline, boards_and_words);

/// Every page names a description and a favicon, and links the stylesheet under a name carrying a
/// hash of its bytes, kept for a year; help text is 16 px and links that act as buttons are tall.
async fn shell_for_phones(app: TestApp) {
    let c = browser();
    let village = app.area_id("石门村").await;
    let mut css_path = String::new();
    for (url, lang) in [
        ("/".to_owned(), "zh-CN"),
        ("/need".to_owned(), "en-US"),
        (format!("/villages/{village}/need?category=road"), "zh-CN"),
        (format!("/villages/{village}/board"), "en-US"),
        ("/no-such-page".to_owned(), "zh-CN"),
    ] {
        let page = c.get(app.url(&url)).header("accept-language", lang).send().await.unwrap().text().await.unwrap();
        let at = page.find(r#"<meta name="description" content=""#).unwrap_or_else(|| panic!("a description on {url}")) + 34;
        let description = page[at..].split('"').next().unwrap();
        assert!(description.len() > 20, "{url}: {description}");
        assert_eq!(description.contains("连心"), lang == "zh-CN", "in the reader's language on {url}: {description}");
        assert!(page.contains(r#"<link rel="icon" href="/static/favicon."#) && page.contains(r#".svg" type="image/svg+xml">"#), "{url}");
        css_path = stylesheet_of(&page);
    }
    let hex = css_path.strip_prefix("/static/app.").and_then(|r| r.strip_suffix(".css")).expect("a versioned name");
    assert!(hex.len() == 10 && hex.chars().all(|c| c.is_ascii_hexdigit()), "{css_path}");
    let r = c.get(app.url(&css_path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/css"));
    let css = r.text().await.unwrap();
    let old = c.get(app.url("/static/app.css")).send().await.unwrap();
    assert_eq!(old.status(), StatusCode::OK, "the old name keeps working");
    assert!(!old.headers()["cache-control"].to_str().unwrap().contains("immutable"), "briefly kept");

    let r = c.get(app.url("/favicon.ico")).send().await.unwrap();
    assert!(r.status().is_redirection());
    let icon = r.headers()["location"].to_str().unwrap().to_owned();
    let r = c.get(app.url(&icon)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "image/svg+xml");
    assert!(r.headers()["cache-control"].to_str().unwrap().contains("max-age=31536000"));
    assert!(r.text().await.unwrap().starts_with("<svg"));

    assert!(rule(&css, ".help").contains("font-size: 1rem"), "help text at 16 px");
    assert!(rule(&css, ".tap, .need-tap-list a").contains("min-height: 44px"));
    let (_, form) = text(&c, &app.url(&format!("/villages/{village}/need?category=road"))).await;
    assert!(form.contains(&format!(r#"<a class="tap" href="/villages/{village}/need">"#)), "换一类 is tall enough to tap");
}
both!(the_shell_serves_phones, shell_for_phones);
