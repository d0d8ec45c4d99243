//! The staff pages of appeals over HTTP, on both databases: queues per branch, the appeal page's
//! scope, handling through the forms with the version seen, a stale form refused, the Excel
//! export, search in Chinese, the queue's query budget, the member's own queue and the inbox.

use lianxin_app::appeals::{
    Appeal,
    intake::{self, NewAppeal, Submitted},
};
use lianxin_core::appeals::{Channel, format_tracking_code};
use lianxin_store::appeals as store;
use reqwest::{Client, StatusCode};

use crate::{
    both,
    helpers::{TestApp, ctx_for, reload},
};

/// Files a need in 石门村 as its secretary (a phone call), never offered as a duplicate.
pub async fn file(t: &TestApp, code: &str, text: &str) -> Appeal {
    let village = t.area_id("石门村").await;
    let n = NewAppeal {
        village: Some(village),
        service_code: code.into(),
        description: text.into(),
        channel: Some(Channel::PhoneCall),
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

/// Percent-encodes a query value.
fn enc(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

async fn text(c: &Client, t: &TestApp, path: &str) -> (StatusCode, String) {
    let r = c.get(t.url(path)).send().await.expect("get");
    let s = r.status();
    (s, r.text().await.unwrap_or_default())
}

async fn post(c: &Client, t: &TestApp, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    c.post(t.url(path)).form(form).send().await.expect("post")
}

/// Filed through the form by the secretary; listed in their queue, not in another branch's;
/// the page of a 石门村 appeal is 404 for the secretary of 柳湾村.
async fn queues_follow_the_branch(app: TestApp) {
    let sec = app.browser_as("secretary").await;
    let village = app.area_id("石门村").await.to_string();
    // The form offers the village's categories, with the road's extra field.
    let (s, form) = text(&sec, &app, "/appeals/new").await;
    assert_eq!(s, StatusCode::OK);
    assert!(form.contains("饮水用水") && form.contains("attr.road.hazard"), "{form}");
    // A missing description comes back explained, and nothing is filed.
    let r =
        post(&sec, &app, "/appeals/new", &[("village", &village), ("channel", "phone_call"), ("category", "water"), ("description", "")])
            .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("此项必须填写"));
    assert_eq!(store::count(app.app.db.conn(), &Default::default()).await.unwrap(), 0);
    let r = post(
        &sec,
        &app,
        "/appeals/new",
        &[
            ("village", &village),
            ("channel", "phone_call"),
            ("category", "water"),
            ("description", "村东头自来水停水三天了"),
            ("name", "王秀英"),
            ("phone", "13912345678"),
            ("public", "1"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    let list = store::list(app.app.db.conn(), &Default::default(), None, 10).await.unwrap();
    assert_eq!(list.len(), 1);
    let a = &list[0];
    assert_eq!(to, format!("/appeals/{}?done=filed", a.id));
    assert_eq!(a.channel, "phone_call");
    let code = format_tracking_code(&a.code);
    let (s, page) = text(&sec, &app, "/appeals").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains(&code) && page.contains("村东头自来水停水三天了"), "{page}");
    assert!(!page.contains("13912345678"), "no phone in the list");
    let other = app.browser_as("secretary2").await;
    let (s, page) = text(&other, &app, "/appeals").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!page.contains(&code));
    let (s, page) = text(&other, &app, "/appeals?queue=all").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!page.contains(&code));
    let (s, _) = text(&other, &app, &format!("/appeals/{}", a.id)).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // The staff page shows the masked requester; the reveal is a POST, audited and never cached.
    let (s, page) = text(&sec, &app, &to).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("139****5678") && !page.contains("13912345678") && page.contains("诉求已登记"));
    let r = post(&sec, &app, &format!("/appeals/{}/reveal", a.id), &[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let page = r.text().await.unwrap();
    assert!(page.contains("13912345678") && page.contains("王秀英"));
    assert_eq!(app.audit_count("appeal.reveal", "ok", Some(&a.id.to_string())).await, 1);
    assert_eq!(post(&other, &app, &format!("/appeals/{}/reveal", a.id), &[]).await.status(), StatusCode::NOT_FOUND);
    // Anonymous readers are sent to sign in.
    let anon = crate::helpers::browser();
    let r = anon.get(app.url("/appeals")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(r.headers()["location"].to_str().unwrap().starts_with("/login"));
}
both!(queues_follow_the_branch, queues_follow_the_branch);

/// Accept and resolve through the forms, each with the version seen; a stale form is refused with
/// the translated reason and changes nothing.
async fn handle_with_versions(app: TestApp) {
    let a = file(&app, "water", "三组的水井抽不上水").await;
    let sec = app.browser_as("secretary").await;
    let page_path = format!("/appeals/{}", a.id);
    let step_path = format!("/appeals/{}/step", a.id);
    let (_, page) = text(&sec, &app, &page_path).await;
    assert!(page.contains("name=\"version\" value=\"0\"") && page.contains("value=\"accept\""), "{page}");
    let r = post(&sec, &app, &step_path, &[("version", "0"), ("step", "accept")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"].to_str().unwrap(), format!("{page_path}?done=accept"));
    let now = reload(&app, a.id).await;
    assert_eq!((now.status.as_str(), now.version), ("accepted", 1));
    // The same stale form again: refused, explained, nothing changed.
    let r = post(&sec, &app, &step_path, &[("version", "0"), ("step", "resolve"), ("reply", "已经修好了")]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let body = r.text().await.unwrap();
    assert!(body.contains("这条诉求刚被别人处理过，请刷新后再操作。"), "{body}");
    assert!(body.contains("已经修好了"), "the typed reply is kept");
    let now = reload(&app, a.id).await;
    assert_eq!((now.status.as_str(), now.version), ("accepted", 1));
    // A resolve without a reply: explained, nothing changed.
    let r = post(&sec, &app, &step_path, &[("version", "1"), ("step", "resolve"), ("reply", "  ")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("此项必须填写"));
    assert_eq!(reload(&app, a.id).await.status, "accepted");
    // An internal note, then the resolution with the reply (line breaks kept as spaces).
    let r = post(&sec, &app, &step_path, &[("version", "1"), ("step", "note"), ("text", "已联系水利站")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Every step counts as a change: the note moved the version on.
    let r = post(&sec, &app, &step_path, &[("version", "2"), ("step", "resolve"), ("reply", "水泵已更换，\r\n请试用。")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let now = reload(&app, a.id).await;
    assert_eq!(now.status, "resolved");
    let (_, page) = text(&sec, &app, &format!("{page_path}?done=resolve")).await;
    assert!(page.contains("已办结，答复已发给群众") && page.contains("水泵已更换， 请试用。"));
    assert!(page.contains("已联系水利站") && page.contains("内部"), "internal note marked");
    assert!(!page.contains("value=\"resolve\""), "no resolve form once resolved");
    // Someone who may only read (the county's inspector) sees no forms and may not act.
    let inspector = app.browser_as("inspector").await;
    let (s, page) = text(&inspector, &app, &page_path).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!page.contains("name=\"version\""));
    let r = post(&inspector, &app, &step_path, &[("version", &now.version.to_string()), ("step", "note"), ("text", "x")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(reload(&app, a.id).await.version, now.version);
}
both!(handling_goes_through_versioned_forms, handle_with_versions);

/// The queue downloads as Excel with its filters; search finds Chinese words, short or long.
async fn export_and_search(app: TestApp) {
    let a = file(&app, "water", "村东头自来水停水三天了").await;
    let b = file(&app, "environment", "垃圾池满了没人清运").await;
    let sec = app.browser_as("secretary").await;
    let r = sec.get(app.url("/appeals/export.xlsx?queue=all&category=water")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let disposition = r.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.starts_with("attachment;") && disposition.contains(&format!("appeals-{}.xlsx", app.app.today())), "{disposition}");
    let bytes = r.bytes().await.unwrap();
    let sheet = lianxin_app::sheets::read(&bytes, "a.xlsx", Default::default()).unwrap();
    let flat: String = sheet.rows.iter().flat_map(|r| r.cells.iter().cloned()).collect::<Vec<_>>().join("|");
    assert!(flat.contains(&format_tracking_code(&a.code)), "{flat}");
    assert!(!flat.contains(&format_tracking_code(&b.code)), "the category filter applies");
    assert!(!flat.contains("13912345678") && flat.contains("139****5678"), "phones stay masked");
    // Search: three characters and more use the index, one or two fall back to LIKE.
    for (q, finds_a, finds_b) in [("自来水", true, false), ("停水", true, false), ("垃", false, true), ("修路", false, false)] {
        let (s, page) = text(&sec, &app, &format!("/appeals?queue=all&q={}", enc(q))).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(page.contains(&format_tracking_code(&a.code)), finds_a, "{q}");
        assert_eq!(page.contains(&format_tracking_code(&b.code)), finds_b, "{q}");
    }
    // A phone number typed into the search is refused (it would land in the address).
    let (s, page) = text(&sec, &app, "/appeals?queue=all&q=13912345678").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("搜索框里不要输入电话或身份证号"));
    // A bad status is explained on the page.
    let (s, _) = text(&sec, &app, "/appeals?status=nonsense").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}
both!(export_and_search_work, export_and_search);

/// The queue page runs the same number of statements for one row as for many.
async fn budget(app: TestApp) {
    let sec = app.browser_as("secretary").await;
    file(&app, "water", "第一条诉求：自来水").await;
    let count = |path: &'static str| {
        let (app, sec) = (&app, &sec);
        async move {
            // Every measure starts cold: nothing kept from the request before.
            app.app.caches.changed(lianxin_app::journal::Stale::Access);
            let before = app.app.db.statement_count();
            let r = sec.get(app.url(path)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            let _ = r.text().await;
            app.app.db.statement_count() - before
        }
    };
    count("/appeals").await;
    let one = count("/appeals").await;
    let one_all = count("/appeals?queue=all").await;
    for (i, code) in ["land", "social", "dispute", "elderly", "employment", "other"].iter().enumerate() {
        file(&app, code, &format!("第{i}条不同的诉求 {code}")).await;
    }
    let many = count("/appeals").await;
    let many_all = count("/appeals?queue=all").await;
    let rows = store::count(app.app.db.conn(), &Default::default()).await.unwrap();
    assert!(rows >= 6, "{rows} appeals");
    assert_eq!(one, many, "the queue page must not grow with its rows (N+1)");
    assert_eq!(one_all, many_all);
    assert!(many <= 18, "the queue page took {many} statements");
}
both!(queue_page_keeps_a_query_budget, budget);

/// Handed to the member through the reassign form, the appeal shows under their 我的, and both the
/// secretary (new appeal) and the member (assigned) find the notice in their inbox.
async fn member_and_inbox(app: TestApp) {
    let a = file(&app, "elderly", "独居老人家里没人照看").await;
    let code = format_tracking_code(&a.code);
    let sec = app.browser_as("secretary").await;
    let (s, inbox) = text(&sec, &app, "/inbox").await;
    assert_eq!(s, StatusCode::OK);
    assert!(inbox.contains(&format!("新诉求：{code}")) && inbox.contains(&format!("/appeals/{}", a.id)), "{inbox}");
    let member = app.person_of("member").await;
    let (_, page) = text(&sec, &app, &format!("/appeals/{}", a.id)).await;
    assert!(page.contains(&format!("value=\"{member}\"")), "the member is offered as handler");
    let r =
        post(&sec, &app, &format!("/appeals/{}/step", a.id), &[("version", "0"), ("step", "reassign"), ("person", &member.to_string())])
            .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(reload(&app, a.id).await.handler_person_id, Some(member));
    let m = app.browser_as("member").await;
    let (s, page) = text(&m, &app, "/appeals").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("我的") && page.contains(&code), "{page}");
    let (s, page) = text(&m, &app, &format!("/appeals/{}", a.id)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("value=\"start\""), "the member may act on it");
    let (_, inbox) = text(&m, &app, "/inbox").await;
    assert!(inbox.contains(&format!("有一条诉求交给您办理：{code}")), "{inbox}");
    // Another appeal of the village, not handed to the member, stays out of their reach.
    let other = file(&app, "water", "另一条诉求").await;
    let (_, page) = text(&m, &app, "/appeals").await;
    assert!(!page.contains(&format_tracking_code(&other.code)));
    assert_eq!(text(&m, &app, &format!("/appeals/{}", other.id)).await.0, StatusCode::NOT_FOUND);
    // The navigation leads there.
    let (_, home) = text(&m, &app, "/").await;
    assert!(home.contains("href=\"/appeals\"") && home.contains("href=\"/inbox\""));
}
both!(member_queue_and_inbox, member_and_inbox);

/// The duty matrix of a village and the categories of the county, through their forms.
async fn duties_and_categories(app: TestApp) {
    let village = app.area_id("石门村").await;
    let sec = app.browser_as("secretary").await;
    let (s, page) = text(&sec, &app, &format!("/villages/{village}/duties")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("饮水用水") && page.contains("张明"), "{page}");
    let water = lianxin_app::appeals::setup::categories_for_village(&app.ctx(), village)
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.code == "water")
        .unwrap();
    let r =
        post(&sec, &app, &format!("/villages/{village}/duties/owner"), &[("category", &water.id.to_string()), ("owner", "party_branch")])
            .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(store::override_for(app.app.db.conn(), village, water.id).await.unwrap().as_deref(), Some("party_branch"));
    let r =
        post(&sec, &app, &format!("/villages/{village}/duties/owner"), &[("category", &water.id.to_string()), ("owner", "nobody")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(store::override_for(app.app.db.conn(), village, water.id).await.unwrap().as_deref(), Some("party_branch"));
    // Another branch's secretary cannot change it.
    let other = app.browser_as("secretary2").await;
    let r = post(&other, &app, &format!("/villages/{village}/duties/owner"), &[("category", &water.id.to_string()), ("owner", "")]).await;
    assert!(r.status() == StatusCode::NOT_FOUND || r.status() == StatusCode::FORBIDDEN, "{}", r.status());
    assert!(store::override_for(app.app.db.conn(), village, water.id).await.unwrap().is_some());
    // The county edits its categories; a bad deadline is explained and changes nothing.
    let county = app.browser_as("county").await;
    let county_id = app.area_id("青山县").await;
    let (s, page) = text(&county, &app, "/appeals").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains(&format!("/areas/{county_id}/appeal-categories")));
    let (s, page) = text(&county, &app, &format!("/areas/{county_id}/appeal-categories")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("hazard"));
    let path = format!("/appeal-categories/{}?county={county_id}", water.id);
    let base = [
        ("name_zh", "饮水用水"),
        ("name_en", "Drinking water"),
        ("group_name", "基础设施"),
        ("keywords", "水"),
        ("owner", "village_committee"),
    ];
    let mut bad: Vec<(&str, &str)> = base.to_vec();
    bad.extend([("sla", "soon"), ("active", "1"), ("attributes", "[]")]);
    let r = post(&county, &app, &path, &bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("办理期限的写法不对"));
    let mut good: Vec<(&str, &str)> = base.to_vec();
    good.extend([("sla", "48h"), ("active", "1"), ("attributes", "")]);
    let r = post(&county, &app, &path, &good).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let k = store::category(app.app.db.conn(), water.id).await.unwrap().unwrap();
    assert_eq!((k.sla.as_str(), k.keywords.as_str(), k.attributes.as_str()), ("48h", "水", "[]"));
    // A village's secretary may not change the county's categories.
    let r = post(&sec, &app, &path, &good).await;
    assert!(r.status() == StatusCode::NOT_FOUND || r.status() == StatusCode::FORBIDDEN);
}
both!(duty_matrix_pages, duties_and_categories);

/// The overview of what is overdue, for the township.
async fn overview(app: TestApp) {
    let a = file(&app, "water", "水管爆了").await;
    app.clock.advance(chrono::Duration::days(30));
    let township = app.browser_as("township").await;
    let (s, page) = text(&township, &app, "/appeals/overview").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("石门村") && page.contains("/appeals?queue=overdue"), "{page}");
    let (s, page) = text(&township, &app, "/appeals?queue=overdue").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains(&format_tracking_code(&a.code)) && page.contains("已超期"));
}
both!(overdue_overview_for_the_township, overview);

/// A similar open need is offered as "me too" or "file anyway"; a category's required extra field
/// is asked on the form; the pages exist in English too.
async fn similar_and_extra_fields(app: TestApp) {
    let sec = app.browser_as("secretary").await;
    let village = app.area_id("石门村").await.to_string();
    let road = |text: &'static str, hazard: &'static str| {
        vec![
            ("village", village.clone()),
            ("channel", "walk_in".to_owned()),
            ("category", "road".to_owned()),
            ("description", text.to_owned()),
            ("attr.road.hazard", hazard.to_owned()),
            ("attr.water.households", "12".to_owned()),
            ("public", "1".to_owned()),
        ]
    };
    let send = |form: Vec<(&'static str, String)>| {
        let (sec, app) = (&sec, &app);
        async move { sec.post(app.url("/appeals/new")).form(&form).send().await.unwrap() }
    };
    // The road's hazard question is required.
    let r = send(road("村口的路塌了一个大坑", "")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("请填写这一类诉求必填的补充信息"));
    let r = send(road("村口的路塌了一个大坑", "yes")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let first = store::list(app.app.db.conn(), &Default::default(), None, 10).await.unwrap().remove(0);
    assert!(first.attributes.contains("hazard") && !first.attributes.contains("households"), "{}", first.attributes);
    // The same need again: offered as support, nothing filed yet.
    let r = send(road("村口的路塌了一个大坑，很危险", "yes")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(page.contains("已有相似的诉求") && page.contains(&format_tracking_code(&first.code)), "{page}");
    assert_eq!(store::count(app.app.db.conn(), &Default::default()).await.unwrap(), 1);
    let r = post(&sec, &app, "/appeals/new/support", &[("code", &first.code), ("phone", "13812340000")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/appeals?msg=supported");
    assert_eq!(reload(&app, first.id).await.supporters, 1);
    // Or filed anyway, on the villager's word that it is another need.
    let mut anyway = road("村口的路塌了一个大坑，很危险", "yes");
    anyway.push(("not_duplicate", "1".to_owned()));
    assert_eq!(send(anyway).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(store::count(app.app.db.conn(), &Default::default()).await.unwrap(), 2);
    // A channel staff do not type in is refused.
    let mut web = road("另一件事", "no");
    web[1] = ("channel", "web".to_owned());
    assert_eq!(send(web).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // English.
    let r = sec.get(app.url("/lang?to=en-US&back=/appeals")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = text(&sec, &app, "/appeals").await;
    assert!(page.contains("Export to Excel") && page.contains("Submitted"), "{page}");
    let (_, page) = text(&sec, &app, &format!("/appeals/{}", first.id)).await;
    assert!(page.contains("Timeline") && page.contains("Walk-in"));
}
both!(similar_needs_and_extra_fields, similar_and_extra_fields);
