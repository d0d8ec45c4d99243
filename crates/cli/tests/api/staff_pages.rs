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

/// Files a need in 石门村 as its secretary (a phone call).
pub async fn file(t: &TestApp, code: &str, text: &str) -> lianxin_app::appeals::Appeal {
    use lianxin_app::appeals::intake::{self, NewAppeal, Submitted};
    let n = NewAppeal {
        village: Some(t.area_id("石门村").await),
        service_code: code.into(),
        description: text.into(),
        channel: Some(lianxin_core::appeals::Channel::PhoneCall),
        name: Some("王秀英".into()),
        phone: Some("13912345678".into()),
        not_duplicate: true,
        ..Default::default()
    };
    match intake::submit(&ctx_for(t, "secretary").await, n).await.expect("submit") {
        Submitted::Created { appeal, .. } => *appeal,
        Submitted::Similar { appeal, .. } => panic!("unexpected similar {}", appeal.code),
    }
}

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
