//! Personal numbers a villager types into a need (a phone, an ID number, a bank card) never reach
//! a public reader: the village board, the public tracking page and Open311 (JSON and XML) show
//! them masked, while the staff and the filer's own private link show the text as typed.

use lianxin_app::appeals::steps::{self, HandlerStep};
use lianxin_store::appeals as store;
use reqwest::{Client, StatusCode, multipart::Form};

use crate::{
    both,
    helpers::{TestApp, browser, ctx_for},
};

const DESCRIPTION: &str = "电话13812345678，身份证11010519491231002X，卡号6222 0202 0000 1234";
const ADDRESS: &str = "村口小卖部 139-0000-1111";
const REPLY: &str = "请拨 13700001111 联系水利站";

/// The numbers as typed, none of which a public reader may see.
const RAW: [&str; 6] = ["13812345678", "11010519491231002X", "6222 0202 0000 1234", "0202 0000", "139-0000-1111", "13700001111"];
/// The same numbers masked.
const MASKED: [&str; 5] = ["138****5678", "1101**********002X", "6222 **** **** 1234", "139-****-1111", "137****1111"];

async fn get(c: &Client, url: &str) -> String {
    let r = c.get(url).send().await.expect("get");
    assert_eq!(r.status(), StatusCode::OK, "{url}");
    r.text().await.expect("body")
}

fn assert_masked(what: &str, body: &str, masked: &[&str]) {
    for raw in RAW {
        assert!(!body.contains(raw), "{what} shows {raw:?} as typed: {body}");
    }
    for m in masked {
        assert!(body.contains(m), "{what} shows {m:?}: {body}");
    }
}

async fn masked_on_public_surfaces(app: TestApp) {
    // A villager files a public need through the form, numbers in the description and address.
    let c = browser();
    let village = app.area_id("石门村").await;
    let form = Form::new()
        .text("service_code", "water")
        .text("description", DESCRIPTION)
        .text("address", ADDRESS)
        .text("name", "")
        .text("phone", "")
        .text("attr.households", "12")
        .text("public", "1");
    let r = c.post(app.url(&format!("/villages/{village}/need"))).multipart(form).send().await.expect("post");
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap_or_default());
    let private = r.headers()["location"].to_str().unwrap().to_owned();
    let code = private.trim_start_matches("/track/").split('/').next().unwrap().to_owned();
    let a = store::by_code(app.app.db.conn(), &code).await.expect("db").expect("filed");
    assert!(a.public);
    // The secretary answers publicly with a number of their own.
    let sec = ctx_for(&app, "secretary").await;
    steps::act(&sec, a.id, None, HandlerStep::Note { text: REPLY.into(), public: true }).await.expect("reply");

    // The village board.
    let board = get(&c, &app.url(&format!("/villages/{village}/board"))).await;
    assert_masked("the board", &board, &MASKED[..3]);
    // The public tracking page, with the address and the public reply.
    let public = get(&c, &app.url(&format!("/track/{code}"))).await;
    assert_masked("the public tracking page", &public, &MASKED);
    // Open311, as a list and as one request, in JSON and XML.
    for path in ["requests.json", "requests.xml", &format!("requests/{code}.json"), &format!("requests/{code}.xml")] {
        let body = get(&c, &app.url(&format!("/open311/v2/{path}"))).await;
        assert_masked(path, &body, &MASKED[..4]);
    }

    // The staff read the need as typed.
    let staff = app.browser_as("secretary").await;
    let page = get(&staff, &app.url(&format!("/appeals/{}", a.id))).await;
    for raw in ["13812345678", "11010519491231002X", "6222 0202 0000 1234", "139-0000-1111", "13700001111"] {
        assert!(page.contains(raw), "the staff page shows {raw:?}");
    }
    // So does the filer, through the private link.
    let mine = get(&c, &app.url(&private)).await;
    for raw in ["13812345678", "11010519491231002X", "6222 0202 0000 1234", "139-0000-1111", "13700001111"] {
        assert!(mine.contains(raw), "the filer's page shows {raw:?}");
    }
}
both!(personal_numbers_are_masked_on_public_surfaces, masked_on_public_surfaces);
