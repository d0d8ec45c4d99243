//! The organization tree: creating, moving, merging and dissolving keep every path consistent;
//! history is kept; the pages and the API agree; list pages keep a query budget.

use reqwest::StatusCode;
use serde_json::json;

use crate::{both, helpers::TestApp};

/// Every organization's path is its parent's path plus its own segment.
async fn assert_paths_consistent(app: &TestApp) {
    let all =
        lianxin_app::orgs::org_tree(&app.ctx(), &lianxin_store::orgs::OrgFilter { include_ended: true, ..Default::default() }, 100_000)
            .await
            .unwrap();
    let by_id: std::collections::HashMap<_, _> = all.iter().map(|o| (o.id, o)).collect();
    for o in &all {
        let expected = match o.parent_id {
            Some(p) => format!("{}{}/", by_id[&p].path, o.id.simple()),
            None => format!("/{}/", o.id.simple()),
        };
        assert_eq!(o.path, expected, "path of {}", o.name);
    }
}

async fn lifecycle(app: TestApp) {
    let c = app.browser_as("township").await;
    let qingshan = app.org_id("中共青山镇委员会").await;
    let taoyuan_area = app.area_id("桃源村").await;
    // Create a cooperative branch under the township through the form.
    let parent = qingshan.to_string();
    let area = taoyuan_area.to_string();
    let r = c
        .post(app.url("/orgs"))
        .form(&[
            ("parent_id", parent.as_str()),
            ("name", "中共桃源养殖合作社支部委员会"),
            ("kind", "branch"),
            ("basis", "cooperative"),
            ("areas", area.as_str()),
            ("established_on", "2024-07-01"),
            ("note", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let coop = app.org_id("中共桃源养殖合作社支部委员会").await;
    let page = c.get(app.url(&format!("/orgs/{coop}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("按合作社") && page.contains("桃源村") && page.contains("2024-07-01"));

    // Move a whole village branch (with its party groups) under the cooperative branch's sibling.
    let shimen = app.org_id("中共石门村支部委员会").await;
    let taoyuan = app.org_id("中共桃源村支部委员会").await;
    let r = c.post(app.url(&format!("/orgs/{shimen}/move"))).form(&[("target", taoyuan.to_string().as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_paths_consistent(&app).await;
    // Moving under its own descendant is refused with the field named.
    let group = lianxin_app::orgs::org(&app.ctx(), shimen).await.unwrap().children[0].id;
    let r = c.post(app.url(&format!("/orgs/{shimen}/move"))).form(&[("target", group.to_string().as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Into an organization that does not exist: that field's error, and nothing moves.
    let nowhere = uuid::Uuid::now_v7();
    let moved = lianxin_app::orgs::move_org(&app.ctx(), taoyuan, nowhere).await.unwrap_err();
    let merged = lianxin_app::orgs::merge_org(&app.ctx(), taoyuan, nowhere).await.unwrap_err();
    assert_eq!(moved.fields().first().map(|f| f.field), Some("parent_id"), "{moved:?}");
    assert_eq!(merged.fields().first().map(|f| f.field), Some("into"), "{merged:?}");
    assert_paths_consistent(&app).await;

    // Merge 桃源 into 青山村总支: children follow, the record stays as merged.
    let qingshan_village = app.org_id("中共青山村总支部委员会").await;
    let r =
        c.post(app.url(&format!("/orgs/{taoyuan}/merge"))).form(&[("target", qingshan_village.to_string().as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_paths_consistent(&app).await;
    let merged = lianxin_app::orgs::org(&app.ctx(), taoyuan).await.unwrap();
    assert_eq!(merged.org.status, "merged");
    assert_eq!(merged.org.merged_into, Some(qingshan_village));
    let target = lianxin_app::orgs::org(&app.ctx(), qingshan_village).await.unwrap();
    assert!(target.children.iter().any(|c| c.id == shimen), "the moved branch followed the merge");
    assert!(target.areas.iter().any(|a| a.name == "桃源村"), "the areas followed the merge");
    // A merged organization cannot be edited any more.
    assert_eq!(c.get(app.url(&format!("/orgs/{taoyuan}/edit"))).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    let r = c.post(app.url(&format!("/orgs/{taoyuan}/edit"))).form(&[("name", "x"), ("basis", "area")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT, "its state does not allow it");
    assert!(r.text().await.unwrap().contains("已合并或撤销"), "said above the form");
    assert_eq!(lianxin_app::orgs::org(&app.ctx(), taoyuan).await.unwrap().org.name, "中共桃源村支部委员会");

    // Dissolving needs no active children; the record is kept and shown with the ended ones.
    let r = c.post(app.url(&format!("/orgs/{qingshan_village}/dissolve"))).form(&[("reason", "测试")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = c.post(app.url(&format!("/orgs/{coop}/dissolve"))).form(&[("reason", "合作社注销")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let tree = c.get(app.url("/orgs")).send().await.unwrap().text().await.unwrap();
    assert!(!tree.contains("中共桃源养殖合作社支部委员会"));
    let tree = c.get(app.url("/orgs?ended=1")).send().await.unwrap().text().await.unwrap();
    assert!(tree.contains("中共桃源养殖合作社支部委员会") && tree.contains("已撤销"));
    assert_eq!(app.audit_count("org.merge", "ok", Some(&taoyuan.to_string())).await, 1);
    assert_eq!(app.audit_count("org.dissolve", "ok", Some(&coop.to_string())).await, 1);
}
both!(create_move_merge_dissolve, lifecycle);

async fn api(app: TestApp) {
    let token = app.token("township", lianxin_app::TokenAccess::Write).await;
    let api = reqwest::Client::new();
    let qingshan = app.org_id("中共青山镇委员会").await;
    let r = api
        .post(app.url("/api/v1/orgs"))
        .bearer_auth(&token)
        .json(&json!({ "parent_id": qingshan, "name": "中共青山镇电商产业支部委员会", "kind": "branch", "basis": "industry" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let created: serde_json::Value = r.json().await.unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    let r =
        api.patch(app.url(&format!("/api/v1/orgs/{id}"))).bearer_auth(&token).json(&json!({ "note": "直播带货" })).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let got: serde_json::Value =
        api.get(app.url(&format!("/api/v1/orgs/{id}"))).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    assert_eq!(got["note"], "直播带货");
    assert_eq!(got["basis"], "industry");
    assert_eq!(got["parent_id"], qingshan.to_string());
    // Keyset pagination walks the whole scope without repeats.
    let mut seen = std::collections::HashSet::new();
    let mut after: Option<String> = None;
    loop {
        let mut req = api.get(app.url("/api/v1/orgs")).bearer_auth(&token).query(&[("limit", "3")]);
        if let Some(a) = &after {
            req = req.query(&[("after", a.as_str())]);
        }
        let page: serde_json::Value = req.send().await.unwrap().json().await.unwrap();
        for o in page["items"].as_array().unwrap() {
            assert!(seen.insert(o["id"].as_str().unwrap().to_owned()), "repeated {o}");
        }
        match page["next"].as_str() {
            Some(n) => after = Some(n.to_owned()),
            None => break,
        }
    }
    let direct = lianxin_store::orgs::count_org_subtree(
        app.app.db.conn(),
        &lianxin_core::tree::TreePath::parse(&lianxin_store::orgs::org(app.app.db.conn(), qingshan).await.unwrap().unwrap().path).unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(seen.len() as u64, direct);
    // Areas through the API.
    let areas: serde_json::Value = api.get(app.url("/api/v1/areas")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    assert!(areas.as_array().unwrap().iter().any(|a| a["name"] == "青山镇"));
    assert!(!areas.as_array().unwrap().iter().any(|a| a["name"] == "白石乡"));
    // The OpenAPI document describes these routes.
    let doc: serde_json::Value = api.get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert!(doc["paths"]["/api/v1/orgs/{id}/move"]["post"].is_object());
    assert_eq!(api.get(app.url("/api/docs")).send().await.unwrap().status(), StatusCode::OK);
}
both!(json_api_creates_reads_and_pages, api);

/// The tree page runs the same number of statements whatever the size of the subtree.
async fn budget(app: TestApp) {
    let county = app.browser_as("county").await;
    // secretary2's account holds no posts, so loading it costs what the county organizer's does.
    let secretary = app.browser_as("secretary2").await;
    let count = |c: reqwest::Client, path: String| {
        let app = &app;
        async move {
            // Every measure starts cold: nothing kept from the request before.
            app.app.caches.changed(lianxin_app::journal::Stale::Access);
            let before = app.app.db.statement_count();
            let r = c.get(app.url(&path)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            app.app.db.statement_count() - before
        }
    };
    let small = count(secretary.clone(), "/orgs".into()).await;
    let large = count(county.clone(), "/orgs".into()).await;
    let orgs = app.org_count().await;
    assert!(orgs > 30, "the county has {orgs} organizations");
    assert!(large <= 12, "tree page of the county took {large} statements");
    assert_eq!(small, large, "statements must not grow with the rows (N+1)");
    // An organization page costs the same for the county (many children) as for a party group.
    let county_id = app.org_id("中共青山县委员会").await;
    let shimen = app.org_id("中共石门村支部委员会").await;
    let big = count(county.clone(), format!("/orgs/{county_id}")).await;
    let little = count(county.clone(), format!("/orgs/{shimen}")).await;
    assert!(big <= little + 1, "county page {big} statements, branch page {little}");
}
both!(tree_page_keeps_a_query_budget, budget);

async fn language(app: TestApp) {
    // Before signing in, the browser's language decides.
    let anon = crate::helpers::browser();
    let en = anon.get(app.url("/login")).header("accept-language", "en-US,en;q=0.9").send().await.unwrap().text().await.unwrap();
    assert!(en.contains("<html lang=\"en-US\">") && en.contains("Sign in"));
    let zh = anon.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    assert!(zh.contains("<html lang=\"zh-CN\">"));
    // Signed in, the account's saved language wins over the browser's.
    let c = app.browser_as("secretary").await;
    let zh = c.get(app.url("/orgs")).header("accept-language", "en-US").send().await.unwrap().text().await.unwrap();
    assert!(zh.contains("<html lang=\"zh-CN\">") && zh.contains("党组织"));
    // The switch remembers the choice (cookie and account) and goes back to the page.
    let r = c.get(app.url("/lang?to=en-US&back=/orgs")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/orgs");
    let en = c.get(app.url("/orgs")).header("accept-language", "zh-CN").send().await.unwrap().text().await.unwrap();
    assert!(en.contains("Party organizations"));
    // Another device of the same person, without the cookie, follows the account.
    let other = app.browser_as("secretary").await;
    let en = other.get(app.url("/orgs")).send().await.unwrap().text().await.unwrap();
    assert!(en.contains("Party organizations"), "the choice was saved with the account");
    // An outside address is never a redirect target.
    for back in ["//evil.example/", "/%09/evil.example", "/\\evil.example", "https://evil.example/"] {
        let r = c.get(app.url(&format!("/lang?to=zh-CN&back={back}"))).send().await.unwrap();
        assert_eq!(r.headers()["location"], "/", "{back}");
    }
}
both!(language_switch, language);
