//! The villagers' pages of appeals over plain HTTP, as a phone without JavaScript sees them: the
//! need form, filing with a photo, the tracking page, refused uploads, the public board without
//! personal data, escaping, rating through the private link, and "my needs" by phone code.

use lianxin_app::appeals::steps::{self, HandlerStep};
use lianxin_store::appeals as store;
use reqwest::{
    Client, StatusCode,
    multipart::{Form, Part},
};

use crate::{
    both,
    helpers::{TestApp, appeal_count, browser, ctx_for},
};

/// A small real photo (a villager's picture of a pipe).
pub fn photo() -> Vec<u8> {
    lianxin_app::photos::samples::png(64, 48, [40, 90, 160])
}

/// What a villager types in the form.
pub(crate) struct Need<'a> {
    pub category: &'a str,
    pub description: &'a str,
    pub name: &'a str,
    pub phone: &'a str,
    pub public: bool,
    pub photo: Option<(&'a str, &'a [u8])>,
    /// More photos after the first.
    pub more: &'a [&'a [u8]],
}

impl Default for Need<'_> {
    fn default() -> Self {
        Need {
            category: "water", description: "自来水停了三天，全组吃水困难", name: "", phone: "", public: true, photo: None, more: &[]
        }
    }
}

pub(crate) async fn post_need(app: &TestApp, c: &Client, village: uuid::Uuid, n: &Need<'_>) -> reqwest::Response {
    let mut form = Form::new()
        .text("service_code", n.category.to_owned())
        .text("description", n.description.to_owned())
        .text("address", "")
        .text("name", n.name.to_owned())
        .text("phone", n.phone.to_owned());
    if n.category == "water" {
        form = form.text("attr.households", "12");
    }
    if n.public {
        form = form.text("public", "1");
    }
    form = match n.photo {
        Some((file, bytes)) => form.part("photos", Part::bytes(bytes.to_vec()).file_name(file.to_owned()).mime_str("image/png").unwrap()),
        // A file input left empty still sends an empty part.
        None => form.part("photos", Part::bytes(Vec::new()).file_name("").mime_str("application/octet-stream").unwrap()),
    };
    for (i, bytes) in n.more.iter().enumerate() {
        form = form.part("photos", Part::bytes(bytes.to_vec()).file_name(format!("{i}.png")).mime_str("image/png").unwrap());
    }
    c.post(app.url(&format!("/villages/{village}/need"))).multipart(form).send().await.expect("post the need")
}

/// Files a need through the form; returns the tracking page's path.
pub(crate) async fn file_need(app: &TestApp, c: &Client, village: uuid::Uuid, n: &Need<'_>) -> String {
    let r = post_need(app, c, village, n).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "filing answers with a redirect: {}", r.text().await.unwrap_or_default());
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.starts_with("/track/"), "to the tracking page: {to}");
    to
}

pub(crate) async fn text(c: &Client, url: &str) -> (StatusCode, String) {
    let r = c.get(url).send().await.expect("get");
    (r.status(), r.text().await.expect("body"))
}

/// The need form works without JavaScript: village, then kind, then the rest in one form.
async fn form_without_js(app: TestApp) {
    let c = browser();
    let village = app.area_id("石门村").await;
    let (s, body) = text(&c, &app.url("/need")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains(&format!("href=\"/villages/{village}/need\"")), "the village is a link");
    assert!(body.contains(&format!("href=\"/villages/{village}/board\"")), "its public board is linked");
    assert!(body.contains("村务公开：诉求"));
    let en = c.get(app.url("/need")).header("accept-language", "en-US,en;q=0.9").send().await.unwrap().text().await.unwrap();
    assert!(en.contains("<h1>Report a need</h1>") && en.contains("First choose your village."), "English complete");
    let r = c.get(app.url(&format!("/need?village={village}"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], format!("/villages/{village}/need").as_str());

    let (s, body) = text(&c, &app.url(&format!("/villages/{village}/need"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains(r#"<form method="get""#), "step 1 is a plain GET form");
    assert!(body.contains(r#"type="radio" name="category" value="water""#), "kinds are radios");
    assert!(body.contains("饮水用水") && body.contains("基础设施"), "names and groups");
    let (s, body) = text(&c, &app.url(&format!("/villages/{village}/need?category="))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "no choice made");
    assert!(body.contains("请选择诉求类别"), "{body}");

    let (s, body) = text(&c, &app.url(&format!("/villages/{village}/need?category=road"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains(r#"enctype="multipart/form-data""#), "one multipart form");
    for name in ["description", "address", "phone", "name", "lat", "lon"] {
        assert!(body.contains(&format!("name=\"{name}\"")), "has {name}");
    }
    assert!(body.contains(r#"type="file" name="photos""#), "photos");
    assert!(body.contains(r#"type="radio" name="attr.hazard" value="yes""#), "the road's own question as radios");
    assert!(body.contains(r#"name="public" value="1" checked"#), "public by default (the setting)");
    assert!(!body.contains("<script"), "no script anywhere");

    let (s, _) = text(&c, &app.url(&format!("/villages/{}/need", uuid::Uuid::now_v7()))).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "an unknown village");
    let township = app.area_id("青山镇").await;
    let (s, _) = text(&c, &app.url(&format!("/villages/{township}/need"))).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "a township is not a village");
}
both!(form_renders_without_js, form_without_js);

/// Filing with a photo: the tracking page shows the code and, once, the box to write it down;
/// the photo is served to the filer.
async fn filing(app: TestApp) {
    let c = browser();
    let village = app.area_id("石门村").await;
    let before = appeal_count(&app).await;
    // A camera's photo of 3 MB, turned by its EXIF and carrying a location, and a second one: more
    // than the 2 MB other forms may send, within this form's own limit.
    let camera = lianxin_app::photos::samples::camera_jpeg();
    assert!(camera.len() > 2 * 1024 * 1024);
    let small = photo();
    let path = file_need(
        &app,
        &c,
        village,
        &Need { photo: Some(("水管.png", &small)), more: &[&camera, &camera], phone: "13700001111", ..Default::default() },
    )
    .await;
    assert_eq!(appeal_count(&app).await, before + 1);
    let code = path.split('/').nth(2).unwrap().to_owned();
    let a = store::by_code(app.app.db.conn(), &code).await.unwrap().expect("stored under its code");
    assert_eq!(a.channel, "web");
    assert_eq!(a.service_code, "water");
    assert!(a.public);
    let photos = store::photo_ids(app.app.db.conn(), a.id).await.unwrap();
    assert_eq!(photos.len(), 3, "the photos are stored");

    let shown = lianxin_core::appeals::format_tracking_code(&code);
    let (s, body) = text(&c, &app.url(&path)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains(&shown), "the code as XXXXX-XXXXX: {shown}");
    assert!(body.contains("请把编号写下来"), "the box to write it down");
    assert!(body.contains(&app.url(&path)), "the private link to keep, in full");
    assert!(body.contains("已经提交，等待受理"), "the status in plain words");
    assert!(body.contains("村里最晚"), "the village's deadline");
    assert!(body.contains("提交了诉求"), "the timeline");
    let (_, again) = text(&c, &app.url(&path)).await;
    assert!(!again.contains("请把编号写下来"), "the box shows once");
    assert!(again.contains(&shown), "the code stays");

    let key = path.split('/').nth(3).unwrap();
    // Kept as JPEG copies: the small photo keeps its size, the camera's is turned upright and
    // shrunk; the page shows thumbnails with their size and links the copy to look at.
    assert_eq!((photos[0].width, photos[0].height), (64, 48));
    assert_eq!((photos[1].width, photos[1].height), (180, 240), "the camera's photo upright, as a thumbnail");
    let (_, page) = text(&c, &app.url(&path)).await;
    let thumb = format!("/appeal-photos/{}/thumb?key={key}", photos[1].id);
    assert!(page.contains(&format!(r#"<img src="{thumb}" width="90" height="120""#)), "thumbnail with its size: {page}");
    assert!(page.contains(&format!(r#"<a href="/appeal-photos/{}?key={key}">"#, photos[1].id)), "links the copy to look at");
    for (url, most) in [(thumb.clone(), 20 * 1024), (format!("/appeal-photos/{}?key={key}", photos[1].id), 200 * 1024)] {
        let r = c.get(app.url(&url)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{url}");
        assert_eq!(r.headers()["content-type"], "image/jpeg");
        assert!(r.headers()["cache-control"].to_str().unwrap().starts_with("private"));
        let bytes = r.bytes().await.unwrap();
        assert!(bytes.len() <= most, "{url}: {} bytes", bytes.len());
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "no EXIF, so no location");
    }
    // What is stored is the two copies; the camera's original is not kept.
    let stored = store::photo(app.app.db.conn(), photos[1].id).await.unwrap().unwrap();
    assert!(stored.data.len() <= 200 * 1024 && stored.thumb.as_ref().is_some_and(|t| t.len() <= 20 * 1024));

    // A wrong key opens nothing.
    let (s, _) = text(&c, &app.url(&format!("/track/{code}/{}", "0".repeat(32)))).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // The code typed with a dash and in lower case finds the public page.
    let r = c.get(app.url(&format!("/track?code={}", shown.to_lowercase()))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], format!("/track/{code}").as_str());
    let (s, body) = text(&c, &app.url(&format!("/track/{code}"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains("自来水停了三天"), "the public page");
    assert!(!body.contains("13700001111") && !body.contains("137****1111"), "no phone on the public page");
    assert!(!body.contains("/withdraw"), "no withdrawal for strangers");
}
both!(filing_through_the_form, filing);

/// A file that is not an image gets the translated error, the form comes back filled in, and
/// nothing is stored.
async fn bad_photo(app: TestApp) {
    let c = browser();
    let village = app.area_id("石门村").await;
    let before = appeal_count(&app).await;
    let r = post_need(
        &app,
        &c,
        village,
        &Need { description: "路灯不亮", photo: Some(("x.png", b"#!/bin/sh\necho not a photo\n")), ..Default::default() },
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(body.contains("不是能打开的照片"), "the translated error: {body}");
    assert!(body.contains("照片需要重新选择"), "photos must be chosen again");
    assert!(body.contains(">路灯不亮</textarea>"), "the description is kept");
    assert_eq!(appeal_count(&app).await, before, "nothing stored");

    // A required question left out: the error is shown and nothing is stored.
    let r = post_need(&app, &c, village, &Need { category: "road", ..Default::default() }).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("请回答：是否影响通行安全"), "the question named");
    let r = post_need(&app, &c, village, &Need { description: "  ", ..Default::default() }).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("请写一写遇到了什么事"));
    assert_eq!(appeal_count(&app).await, before, "nothing stored");

    // A file that starts like a PNG but is zeros: refused, nothing stored.
    let fake = fake_png(4096);
    let r = post_need(&app, &c, village, &Need { description: "路灯不亮", photo: Some(("x.png", &fake)), ..Default::default() }).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("不是能打开的照片"));
    assert_eq!(appeal_count(&app).await, before, "nothing stored");

    // One photo over 12 MB: the photo's own message.
    let over = fake_png(12 * 1024 * 1024 + 1);
    let r = post_need(&app, &c, village, &Need { photo: Some(("big.png", &over)), ..Default::default() }).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("每张不超过 12 MB"));
    assert_eq!(appeal_count(&app).await, before, "nothing stored");

    // Photos past the form's own body limit (3 × 12 MB and a little): a clear message, nothing stored.
    let huge = fake_png(37 * 1024 * 1024);
    let r = post_need(&app, &c, village, &Need { photo: Some(("big.png", &huge)), ..Default::default() }).await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.text().await.unwrap().contains("照片太大了"));
    assert_eq!(appeal_count(&app).await, before, "nothing stored");
}
both!(a_non_image_photo_is_refused, bad_photo);

/// A PNG signature followed by zeros, `len` bytes in all.
fn fake_png(len: usize) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
    b.resize(len, 0);
    b
}

/// The board counts the need and lists it without the filer's name or phone; text is escaped.
async fn board(app: TestApp) {
    let c = browser();
    let village = app.area_id("石门村").await;
    let evil = "<script>alert('x')</script>井水变浑了";
    let path = file_need(&app, &c, village, &Need { description: evil, name: "王秀兰", phone: "13700002222", ..Default::default() }).await;
    let code = path.split('/').nth(2).unwrap().to_owned();
    // A private one is counted but not listed.
    let private =
        file_need(&app, &c, village, &Need { category: "elderly", description: "独居老人需要帮忙", public: false, ..Default::default() })
            .await;
    let private_code = private.split('/').nth(2).unwrap().to_owned();

    for url in [format!("/villages/{village}/board"), format!("/areas/{}/board", app.area_id("青山镇").await)] {
        let (s, body) = text(&c, &app.url(&url)).await;
        assert_eq!(s, StatusCode::OK, "{url}");
        assert!(body.contains(&lianxin_core::appeals::format_tracking_code(&code)), "the public need is listed on {url}");
        assert!(!body.contains(&private_code), "the private one is not");
        assert!(!body.contains("王秀兰") && !body.contains("王**"), "no name");
        assert!(!body.contains("13700002222") && !body.contains("137****2222"), "no phone");
        assert!(!body.contains("<script>alert"), "escaped");
        assert!(body.contains("&lt;script&gt;") || body.contains("&#60;script&#62;"), "shown as text");
        assert_eq!(body.matches("<svg").count(), 3, "three charts");
        assert!(body.contains("<title id=\"chart-volume-t\">每月受理和办好</title>"));
        assert!(body.contains("饮水用水") && body.contains("养老助老"), "counts by kind include both");
    }
    let (_, body) = text(&c, &app.url(&path)).await;
    assert!(!body.contains("<script>alert"), "escaped there too");
    assert!(body.contains("&lt;script&gt;") || body.contains("&#60;script&#62;"), "shown as text there too");

    // The private one says so on its public address.
    let (s, body) = text(&c, &app.url(&format!("/track/{private_code}"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains("这条诉求没有公开"), "{body}");
    assert!(!body.contains("独居老人"), "and shows nothing of it");
    let (s, _) = text(&c, &app.url(&format!("/villages/{}/board", uuid::Uuid::now_v7()))).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
both!(the_board_has_no_personal_data, board);

/// The filer rates through the private link: unsatisfied reopens, then escalates; a similar need
/// is offered as "me too".
async fn rating(app: TestApp) {
    let c = browser();
    let village = app.area_id("石门村").await;
    let path = file_need(&app, &c, village, &Need::default()).await;
    let code = path.split('/').nth(2).unwrap().to_owned();
    let secretary = ctx_for(&app, "secretary").await;
    let id = store::by_code(app.app.db.conn(), &code).await.unwrap().unwrap().id;
    steps::act(&secretary, id, None, HandlerStep::Resolve { reply: "已修好水泵".into() }).await.expect("resolve");
    let (_, body) = text(&c, &app.url(&path)).await;
    assert!(body.contains("已办好：已修好水泵"), "the reply in the timeline");
    assert!(body.contains(r#"value="unsatisfied""#), "the rating buttons");

    let r = c.post(app.url(&format!("{path}/rate"))).form(&[("rating", "bad"), ("comment", "")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("请选择：满意、基本满意或不满意"));
    let r = c.post(app.url(&format!("{path}/rate"))).form(&[("rating", "unsatisfied"), ("comment", "还是没水")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, body) = text(&c, &app.url(&path)).await;
    assert!(body.contains("重新办理") && body.contains("正在办理"), "reopened");
    assert!(body.contains("还是没水"), "the filer sees their words");
    let (_, public) = text(&c, &app.url(&format!("/track/{code}"))).await;
    assert!(!public.contains("还是没水"), "strangers do not");

    steps::act(&secretary, id, None, HandlerStep::Resolve { reply: "换了新水泵".into() }).await.expect("resolve again");
    let (_, body) = text(&c, &app.url(&path)).await;
    assert!(body.contains(r#"value="unsatisfied""#), "the rating buttons again after the second resolve");
    let r = c.post(app.url(&format!("{path}/rate"))).form(&[("rating", "unsatisfied"), ("comment", "")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let a = store::by_code(app.app.db.conn(), &code).await.unwrap().unwrap();
    assert_eq!(a.level, "township", "the second unsatisfied sends it up");
    let (_, body) = text(&c, &app.url(&path)).await;
    assert!(body.contains("已上报到镇党委"), "in plain words");
    assert!(body.contains("镇里最晚") && !body.contains("村里最晚"), "the township's deadline");

    // Rating again is refused with a message, and changes nothing.
    let r = c.post(app.url(&format!("{path}/rate"))).form(&[("rating", "satisfied"), ("comment", "")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(store::by_code(app.app.db.conn(), &code).await.unwrap().unwrap().version, a.version);

    // A near-identical need is offered as "me too", and the villager may still insist.
    let other = browser();
    let r = post_need(&app, &other, village, &Need { description: "自来水停了三天，全组吃水很困难", ..Default::default() }).await;
    assert_eq!(r.status(), StatusCode::OK);
    let body = r.text().await.unwrap();
    assert!(body.contains("我也有这个问题") && body.contains(&format!("/track/{code}/support")), "me too is offered");
    assert!(body.contains(r#"name="not_duplicate" value="1""#) && body.contains("照片需要重新选择"), "or a record of their own");
    let r = other.post(app.url(&format!("/track/{code}/support"))).form(&[("phone", "")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(store::by_code(app.app.db.conn(), &code).await.unwrap().unwrap().supporters, 1);
}
both!(rating_through_the_private_link, rating);

/// "My needs": phone, code by SMS (the log gateway keeps it in the outbox), the list, one need,
/// sign-out.
async fn my_needs(app: TestApp) {
    let c = browser();
    let village = app.area_id("石门村").await;
    let path = file_need(&app, &c, village, &Need { phone: "13700003333", ..Default::default() }).await;
    let code = path.split('/').nth(2).unwrap().to_owned();

    let me = browser();
    let (_, body) = text(&me, &app.url("/my")).await;
    assert!(body.contains(r#"action="/my/send""#));
    let r = me.post(app.url("/my/send")).form(&[("phone", "12345")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("电话号码格式不对"));
    let r = me.post(app.url("/my/send")).form(&[("phone", "13700003333")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body = r.text().await.unwrap();
    assert!(body.contains("验证码已经发到您的手机"));
    let sms = lianxin_store::notify::outbox_latest(app.app.db.conn(), 5)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.channel == "sms")
        .expect("the code SMS");
    let digits: String = sms.body.chars().filter(char::is_ascii_digit).collect();
    let sent = &digits[..6];
    let wrong = if sent == "000000" { "111111" } else { "000000" };
    let r = me.post(app.url("/my/verify")).form(&[("phone", "13700003333"), ("code", wrong)]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("验证码不对"));
    let r = me.post(app.url("/my/verify")).form(&[("phone", "13700003333"), ("code", sent)]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    let (_, body) = text(&me, &app.url("/my")).await;
    assert!(body.contains("137****3333"), "who is signed in, masked");
    assert!(body.contains(&format!("href=\"/my/{code}\"")), "the need is listed");
    let (s, body) = text(&me, &app.url(&format!("/my/{code}"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains(&format!("action=\"/my/{code}/withdraw\"")), "the filer may withdraw");
    let r = me.post(app.url(&format!("/my/{code}/withdraw"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(store::by_code(app.app.db.conn(), &code).await.unwrap().unwrap().status, "withdrawn");

    // Another phone's need is not theirs.
    let other = file_need(&app, &c, village, &Need { category: "land", description: "宅基地边界不清", ..Default::default() }).await;
    let other_code = other.split('/').nth(2).unwrap();
    let (s, _) = text(&me, &app.url(&format!("/my/{other_code}"))).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    let r = me.post(app.url("/my/signout")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = me.get(app.url(&format!("/my/{code}"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "signed out: back to the phone form");
}
both!(my_needs_by_phone_code, my_needs);
