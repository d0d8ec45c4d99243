//! Staff pages read on a phone and in words, on both databases: every list is one table of cards
//! (`table.cards`, each cell named by `data-label`) with its filters folded unless one is active.

use reqwest::{Client, StatusCode};

use crate::{
    both,
    helpers::{TestApp, ctx_for},
};

async fn text(c: &Client, t: &TestApp, path: &str) -> String {
    let r = c.get(t.url(path)).send().await.expect("get");
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    r.text().await.unwrap_or_default()
}

pub use crate::appeals_staff::file;

/// The filters of a page: folded (a closed `<details>`) unless `open`.
fn folded(page: &str) -> bool {
    page.contains(r#"<details class="filters">"#)
}

fn unfolded(page: &str) -> bool {
    page.contains(r#"<details class="filters" open>"#)
}

/// The queue, the roster, the households and the import pages are tables of cards; the queue's
/// and the roster's filters are folded until a filter is chosen.
async fn lists_are_cards(app: TestApp) {
    file(&app, "water", "村东头自来水停水三天了").await;
    let sec = app.browser_as("secretary").await;
    let page = text(&sec, &app, "/appeals").await;
    assert!(page.contains(r#"<table class="cards">"#), "{page}");
    assert!(page.contains(r#"data-label="村""#) && page.contains(r#"data-label="办理期限""#), "each cell names its column");
    assert!(folded(&page) && !unfolded(&page), "filters folded without a filter");
    let page = text(&sec, &app, "/appeals?queue=all&category=water").await;
    assert!(unfolded(&page), "filters open while one is active");
    let org = app.org_id("中共石门村支部委员会").await;
    let page = text(&sec, &app, &format!("/orgs/{org}/roster")).await;
    assert!(page.contains(r#"<table class="cards">"#) && folded(&page), "{page}");
    let page = text(&sec, &app, &format!("/orgs/{org}/roster?status=all")).await;
    assert!(unfolded(&page));
    let page = text(&sec, &app, "/imports/new").await;
    assert!(page.contains(r#"<table class="cards">"#));
    assert!(page.contains("身份证号码") && !page.contains("id_number"), "no English header aliases in the Chinese view");
    app.linked_household("13700001111").await;
    let group = lianxin_store::orgs::area_children(app.app.db.conn(), app.area_id("石门村").await).await.unwrap().remove(0);
    let page = text(&sec, &app, &format!("/areas/{}/people", group.id)).await;
    assert!(page.contains(r#"<table class="cards">"#) && page.contains("石门村第一村民小组8号"), "{page}");
}
both!(lists_are_cards_with_folded_filters, lists_are_cards);

/// The part of `page` before `marker` (all of it when the marker is missing).
fn before<'a>(page: &'a str, marker: &str) -> &'a str {
    page.split(marker).next().unwrap_or(page)
}

/// The need page puts the next step first (accept, then resolve with a reply) and folds the rarer
/// steps; extra fields read as question and answer; the timeline names people, never login ids.
async fn need_page_next_step(app: TestApp) {
    use lianxin_app::appeals::intake::{self, NewAppeal, Submitted};
    let n = NewAppeal {
        village: Some(app.area_id("石门村").await),
        service_code: "road".into(),
        description: "村口的路塌了一个大坑".into(),
        channel: Some(lianxin_core::appeals::Channel::WalkIn),
        attributes: [("hazard".to_owned(), vec!["yes".to_owned()])].into_iter().collect(),
        not_duplicate: true,
        ..Default::default()
    };
    let Submitted::Created { appeal: a, .. } = intake::submit(&ctx_for(&app, "secretary").await, n).await.expect("submit") else {
        panic!("similar")
    };
    let sec = app.browser_as("secretary").await;
    let path = format!("/appeals/{}", a.id);
    let page = text(&sec, &app, &path).await;
    let top = before(&page, "<h2>基本情况</h2>");
    assert!(top.contains(r#"class="next-step""#) && top.contains(r#"value="accept""#), "accept comes first: {page}");
    assert!(!top.contains(r#"value="reject""#) && !top.contains(r#"value="escalate""#));
    for step in ["reject", "escalate", "note"] {
        let at = page.find(&format!(r#"name="step" value="{step}""#)).unwrap_or_else(|| panic!("{step} offered"));
        let opened = page[..at].rfind(r#"<details class="more""#).expect("folded");
        assert!(page[opened..at].find("</details>").is_none(), "{step} is inside a <details>");
    }
    assert!(page.contains("是否影响通行安全") && !page.contains("hazard"), "the question, not the field's code");
    let timeline = page.split("label-staff-timeline").last().unwrap_or_default();
    assert!(page.contains("张明") && !timeline.contains(">secretary<"), "{page}");
    let r =
        sec.post(app.url(&format!("{path}/step"))).form(&[("version", a.version.to_string().as_str()), ("step", "accept")]).send().await;
    assert_eq!(r.expect("accept").status(), StatusCode::SEE_OTHER);
    let page = text(&sec, &app, &path).await;
    let top = before(&page, "<h2>基本情况</h2>");
    assert!(top.contains(r#"value="resolve""#) && top.contains(r#"name="reply""#), "then resolve with a reply: {page}");
    // English: the same page in words.
    sec.get(app.url("/lang?to=en-US&back=/")).send().await.expect("lang");
    let page = text(&sec, &app, &path).await;
    assert!(page.contains("Is it a safety hazard") && page.contains("<strong>Yes</strong>"), "{page}");
    assert!(page.contains("Next step") && page.contains("Need "), "{page}");
}
both!(need_page_puts_the_next_step_first, need_page_next_step);

/// An overdue need sent up by the sweeper says by whom, where to and how late; the timeline says
/// 系统, never the job's id.
async fn escalated_need_says_why(app: TestApp) {
    let a = file(&app, "water", "水管爆了").await;
    app.clock.advance(chrono::Duration::days(12));
    let now = lianxin_core::Clock::now(&app.clock);
    let report = lianxin_app::appeals::sweep::run(&app.ctx(), now).await.expect("sweep");
    assert_eq!(report.escalated, 1);
    let township = app.browser_as("township").await;
    let page = text(&township, &app, &format!("/appeals/{}", a.id)).await;
    assert!(page.contains("天后由系统上报到"), "{page}");
    assert!(page.contains("系统") && !page.contains("system:"), "{page}");
}
both!(an_escalated_need_says_why_and_how_late, escalated_need_says_why);

/// The Excel export names values in words, with a filled overdue column; the home page names
/// each role once and the title names the product once; English pages say "need".
async fn words_not_codes(app: TestApp) {
    file(&app, "water", "村东头自来水停水三天了").await;
    let sec = app.browser_as("secretary").await;
    let r = sec.get(app.url("/appeals/export.xlsx?queue=all")).send().await.expect("export");
    let bytes = r.bytes().await.expect("bytes");
    let sheet = lianxin_app::sheets::read(&bytes, "a.xlsx", Default::default()).expect("xlsx");
    let row = &sheet.rows.last().expect("a row").cells;
    assert_eq!(row[2], "待受理", "{row:?}");
    assert_eq!(row[3], "村级");
    assert_eq!(row[9], "电话");
    assert_eq!(row[10], "0");
    assert!(row[12].starts_with("20") && row[12].contains('-') && !row[12].contains('T'), "a date: {row:?}");
    assert_eq!(row[14], "否", "the overdue column is filled");
    let home = text(&sec, &app, "/").await;
    let roles = home.split("<p class=\"muted\">").nth(1).map(|s| before(s, "</p>").to_owned()).unwrap_or_default();
    let words: Vec<&str> = roles.split(['、', '：', ':']).map(str::trim).filter(|w| !w.is_empty()).collect();
    let mut unique = words.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(words.len(), unique.len(), "each role once: {roles}");
    let title = before(home.split("<title>").nth(1).unwrap_or_default(), "</title>").to_owned();
    assert_eq!(title.matches("连心").count(), 1, "{title}");
    sec.get(app.url("/lang?to=en-US&back=/")).send().await.expect("lang");
    let page = text(&sec, &app, "/appeals").await;
    assert!(!page.contains("Appeal") && !page.contains(" appeal"), "{page}");
    assert!(page.contains("Drinking water") && page.contains("Submitted"), "{page}");
}
both!(pages_and_exports_use_words, words_not_codes);

/// Files a need in `village` as `who`, with its private key.
async fn file_in(t: &TestApp, who: &str, village: &str, code: &str, text: &str) -> (lianxin_app::appeals::Appeal, String) {
    use lianxin_app::appeals::intake::{self, NewAppeal, Submitted};
    let n = NewAppeal {
        village: Some(t.area_id(village).await),
        service_code: code.into(),
        description: text.into(),
        channel: Some(lianxin_core::appeals::Channel::PhoneCall),
        not_duplicate: true,
        ..Default::default()
    };
    match intake::submit(&ctx_for(t, who).await, n).await.expect("submit") {
        Submitted::Created { appeal, key } => (*appeal, key),
        Submitted::Similar { appeal, .. } => panic!("unexpected similar {}", appeal.code),
    }
}

/// The township's table of its villages counts what was filed: open, overdue, sent up,
/// satisfaction and the median time to an answer; the page links each village's queue; a village
/// secretary sees only their own village; a county need's numbers stay out of other villages.
async fn township_table(app: TestApp) {
    use lianxin_app::appeals::{Requester, steps, villages};
    use lianxin_core::appeals::Rating;
    let sec = ctx_for(&app, "secretary").await;
    let (done, key) = file_in(&app, "secretary", "石门村", "water", "停水了").await;
    file_in(&app, "secretary", "石门村", "elderly", "路灯坏了").await;
    file_in(&app, "secretary", "石门村", "other", "想了解新农合").await;
    file_in(&app, "secretary2", "柳湾村", "water", "水井干了").await;
    // One answered after ten hours and rated satisfied.
    steps::act(&sec, done.id, None, steps::HandlerStep::Accept).await.expect("accept");
    app.clock.advance(chrono::Duration::hours(10));
    steps::act(&sec, done.id, None, steps::HandlerStep::Resolve { reply: "已修好".into() }).await.expect("resolve");
    steps::rate(&app.ctx(), &done.code, &Requester::with_key(key), Rating::Satisfied, "").await.expect("rate");
    // Thirty days on, the open ones are overdue and the sweeper sends them up.
    app.clock.advance(chrono::Duration::days(30));
    let now = lianxin_core::Clock::now(&app.clock);
    lianxin_app::appeals::sweep::run(&app.ctx(), now).await.expect("sweep");
    let township = ctx_for(&app, "township").await;
    let table = villages::village_table(&township, None).await.expect("table");
    let row = |name: &str| table.villages.iter().find(|v| v.name == name).unwrap_or_else(|| panic!("{name} listed")).clone();
    let shimen = row("石门村");
    assert_eq!((shimen.filed, shimen.open, shimen.overdue, shimen.escalated), (3, 2, 0, 2), "{shimen:?}");
    assert_eq!(shimen.satisfaction, Some(1.0));
    assert_eq!(shimen.median_hours, Some(10));
    let liuwan = row("柳湾村");
    assert_eq!((liuwan.filed, liuwan.open, liuwan.escalated, liuwan.satisfaction, liuwan.median_hours), (1, 1, 1, None, None));
    assert!(table.villages.iter().any(|v| v.filed == 0), "every village of the township, with needs or not: {:?}", table.villages);
    // Another twenty days: the township missed its deadline too.
    app.clock.advance(chrono::Duration::days(20));
    let table = villages::village_table(&township, None).await.expect("table");
    assert_eq!(table.villages[0].name, "石门村", "most overdue first");
    assert_eq!(table.villages[0].overdue, 2);
    // The page: a table of cards with a chart, each village leading to its queue.
    let browser = app.browser_as("township").await;
    let page = text(&browser, &app, "/appeals/villages").await;
    let shimen_id = app.area_id("石门村").await;
    assert!(page.contains(r#"<table class="cards">"#) && page.contains("<svg"), "{page}");
    assert!(page.contains(&format!("village={shimen_id}")), "{page}");
    let queue = text(&browser, &app, &format!("/appeals?queue=all&village={shimen_id}")).await;
    assert!(queue.contains("路灯坏了") && !queue.contains("水井干了"), "only that village");
    assert!(text(&browser, &app, "/appeals").await.contains("/appeals/villages"), "reachable from the queue");
    // A secretary's table holds only their village.
    let own = villages::village_table(&sec, None).await.expect("own");
    assert_eq!(own.villages.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["石门村"]);
    let other = app.org_id("中共柳湾村支部委员会").await;
    assert!(villages::village_table(&sec, Some(other)).await.is_err(), "not another branch's villages");
}
both!(township_sees_a_table_of_its_villages, township_table);
