//! Browser journey of the village secretary on a phone (390×844), in Chinese: the queue reads as
//! cards with its filters folded, a need opens with its next step first, the secretary accepts it
//! and then resolves it with a reply; the township's table of villages reads on the same phone.
//!
//! Screenshots: `staff-*-phone.png` in `target/screenshots/`.

use std::time::Duration;

use fantoccini::{Client, Locator};
use lianxin_app::appeals::intake::{self, NewAppeal, Submitted};
use lianxin_core::appeals::{Channel, format_tracking_code};

use super::{
    Driver, PHONE, Viewport,
    appeals::{page_text, sign_out, staff_step, wait_for, wait_for_status, wait_for_text},
    assert_no_overflow, browser_binaries, helpers, shoot, sign_in, wait_for_path,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secretary_journey_phone() {
    let Some((driver_bin, chrome_bin)) = browser_binaries() else { return };
    let app = helpers::spawn_app(helpers::Backend::Sqlite).await.expect("SQLite app");
    let driver = Driver::start(&driver_bin).await;
    let c = driver.session(&chrome_bin, PHONE).await;
    let result = tokio::time::timeout(Duration::from_secs(180), walk(&c, &app, PHONE)).await;
    let _ = c.close().await;
    drop(driver);
    result.unwrap_or_else(|_| panic!("the secretary's journey took longer than 3 minutes"));
}

/// Files a need in 石门村 as its secretary, heard on the phone.
async fn file(app: &helpers::TestApp, code: &str, text: &str, attrs: &[(&str, &str)]) -> lianxin_app::appeals::Appeal {
    let n = NewAppeal {
        village: Some(app.area_id("石门村").await),
        service_code: code.into(),
        description: text.into(),
        channel: Some(Channel::PhoneCall),
        name: Some("王秀英".into()),
        phone: Some("13912345678".into()),
        attributes: attrs.iter().map(|(k, v)| ((*k).to_owned(), vec![(*v).to_owned()])).collect(),
        not_duplicate: true,
        ..Default::default()
    };
    match intake::submit(&helpers::ctx_for(app, "secretary").await, n).await.expect("submit") {
        Submitted::Created { appeal, .. } => *appeal,
        Submitted::Similar { appeal, .. } => panic!("unexpected similar {}", appeal.code),
    }
}

/// How the rows of the page's card table are laid out: (rows, rows shown as cards, header shown).
async fn card_layout(c: &Client) -> (u64, u64, bool) {
    let r = c
        .execute(
            "const rows = [...document.querySelectorAll('table.cards tbody tr')]; \
             const head = document.querySelector('table.cards thead'); \
             return [rows.length, rows.filter(r => getComputedStyle(r).display !== 'table-row').length, \
                     !!head && head.getBoundingClientRect().height > 2];",
            vec![],
        )
        .await
        .expect("measure the cards");
    (r[0].as_u64().unwrap_or(0), r[1].as_u64().unwrap_or(0), r[2].as_bool().unwrap_or(true))
}

async fn walk(c: &Client, app: &helpers::TestApp, v: Viewport) {
    file(app, "water", "村东头自来水停水三天了，老人挑水困难", &[]).await;
    let need = file(app, "road", "村口的路塌了一个大坑，晚上看不清很危险", &[("hazard", "yes")]).await;
    file(app, "elderly", "独居老人李大爷需要有人每周上门看看", &[]).await;
    let shown = format_tracking_code(&need.code);

    // The queue: every row a card, the filters folded, nothing sideways.
    sign_in(c, app, "secretary").await;
    c.goto(&app.url("/appeals")).await.expect("open the queue");
    wait_for_text(c, &shown).await;
    let (rows, cards, header) = card_layout(c).await;
    assert_eq!((rows, cards, header), (3, 3, false), "each of the three needs is a card, without the table's header");
    let open = c.execute("return document.querySelector('details.filters').open", vec![]).await.expect("filters");
    assert_eq!(open.as_bool(), Some(false), "the filters are folded");
    assert_no_overflow(c, v, "the queue").await;
    shoot(c, v, "staff-queue").await;

    // The need: its next step first.
    let Ok(link) = c.find(Locator::XPath(&format!("//main//a[normalize-space(.)='{shown}']"))).await else {
        panic!("the queue lists {shown}:\n{}", page_text(c).await);
    };
    link.click().await.expect("open the need");
    wait_for_path(c, "the need's staff page", |p| p == format!("/appeals/{}", need.id)).await;
    wait_for(c, r#"section.next-step form:has(input[name=step][value="accept"])"#).await;
    let text = page_text(c).await;
    assert!(text.contains("是否影响通行安全") && !text.contains("hazard"), "the extra field as its question:\n{text}");
    let first = c
        .execute(
            "const s = document.querySelector('section.next-step').getBoundingClientRect(); return s.top < window.innerHeight;",
            vec![],
        )
        .await
        .expect("where the next step is");
    assert_eq!(first.as_bool(), Some(true), "the next step is on the first screen");
    assert_no_overflow(c, v, "the need").await;
    shoot(c, v, "staff-need").await;

    // Accept, then resolve with a reply.
    staff_step(c, "accept", None).await;
    wait_for_status(app, &need.code, "accepted").await;
    wait_for(c, r#"section.next-step form:has(input[name=step][value="resolve"]) textarea[name=reply]"#).await;
    let text = wait_for_text(c, "已受理").await;
    assert!(text.contains("张明"), "the timeline names the secretary:\n{text}");
    assert_no_overflow(c, v, "the accepted need").await;
    shoot(c, v, "staff-accepted").await;
    staff_step(c, "resolve", Some("已安排施工队填平，并装了警示灯")).await;
    wait_for_status(app, &need.code, "resolved").await;
    let text = wait_for_text(c, "已安排施工队填平").await;
    assert!(!text.contains("secretary") && !text.contains("anonymous"), "no login ids:\n{text}");
    assert_no_overflow(c, v, "the resolved need").await;
    shoot(c, v, "staff-resolved").await;
    // The same need in English: words throughout, one word for the thing.
    c.goto(&app.url(&format!("/lang?to=en-US&back=/appeals/{}", need.id))).await.expect("English");
    let text = wait_for_text(c, "Timeline").await;
    assert!(text.contains("Is it a safety hazard") && text.contains("Resolved, awaiting rating"), "{text}");
    assert!(!text.to_lowercase().contains("appeal"), "need, not appeal:\n{text}");
    assert_no_overflow(c, v, "the need in English").await;
    shoot(c, v, "staff-need-en").await;
    c.goto(&app.url(&format!("/lang?to=zh-CN&back=/appeals/{}", need.id))).await.expect("Chinese again");
    wait_for_text(c, "基本情况").await;

    // The member roster and a villager group's households are cards as well.
    let branch = app.org_id("中共石门村支部委员会").await;
    let (_, _, _) = app.linked_household("13700002222").await;
    let group = lianxin_store::orgs::area_children(app.app.db.conn(), app.area_id("石门村").await).await.expect("groups").remove(0);
    for (path, name) in [(format!("/orgs/{branch}/roster"), "staff-roster"), (format!("/areas/{}/people", group.id), "staff-households")] {
        c.goto(&app.url(&path)).await.expect("open the list");
        wait_for(c, "table.cards tbody tr").await;
        let (rows, cards, header) = card_layout(c).await;
        assert!(rows > 0 && rows == cards && !header, "{path}: each row a card ({cards} of {rows})");
        assert_no_overflow(c, v, &path).await;
        shoot(c, v, name).await;
    }
    sign_out(c).await;

    // The township's villages read on the same phone.
    sign_in(c, app, "township").await;
    c.goto(&app.url("/appeals/villages")).await.expect("open the villages");
    wait_for_text(c, "石门村").await;
    let (rows, cards, _) = card_layout(c).await;
    assert!(rows > 0 && rows == cards, "each village a card ({cards} of {rows})");
    assert_no_overflow(c, v, "the villages").await;
    shoot(c, v, "staff-villages").await;
}
