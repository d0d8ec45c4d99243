//! Bad input gets a clear, translated 4xx naming the field, and changes nothing.

use reqwest::StatusCode;
use serde_json::json;

use crate::{both, helpers::TestApp};

async fn forms(app: TestApp) {
    let c = app.browser_as("township").await;
    let qingshan = app.org_id("中共青山镇委员会").await.to_string();
    let before = app.org_count().await;
    let long = "长".repeat(201);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (vec![("parent_id", qingshan.as_str()), ("name", ""), ("kind", "branch"), ("basis", "area")], "f-name"),
        (vec![("parent_id", qingshan.as_str()), ("name", "X支部"), ("kind", "galaxy"), ("basis", "area")], "f-kind"),
        (
            vec![
                ("parent_id", qingshan.as_str()),
                ("name", "X支部"),
                ("kind", "branch"),
                ("basis", "area"),
                ("established_on", "2024-13-45"),
            ],
            "f-established_on",
        ),
        (
            vec![("parent_id", qingshan.as_str()), ("name", "X支部"), ("kind", "branch"), ("basis", "area"), ("areas", "not-a-uuid")],
            "areas",
        ),
        (vec![("parent_id", qingshan.as_str()), ("name", long.as_str()), ("kind", "branch"), ("basis", "area")], "f-name"),
        // A direction override or a zero-width space would make the name read otherwise.
        (vec![("parent_id", qingshan.as_str()), ("name", "X支部\u{202E}"), ("kind", "branch"), ("basis", "area")], "f-name"),
        (vec![("parent_id", qingshan.as_str()), ("name", "X支部\u{200B}"), ("kind", "branch"), ("basis", "area")], "f-name"),
    ];
    for (form, field) in cases {
        let r = c.post(app.url("/orgs")).form(&form).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{form:?}");
        let body = r.text().await.unwrap();
        assert!(body.contains("aria-invalid=\"true\"") || body.contains("has-error"), "the field is marked: {body}");
        assert!(body.contains(field), "{field} named");
        assert!(body.contains("X支部") || form[1].1.is_empty() || form[1].1.len() > 200, "what was typed is kept");
    }
    // Every mistake of a form is shown at once, each beside its field.
    let r = c
        .post(app.url("/orgs"))
        .form(&[("parent_id", qingshan.as_str()), ("name", ""), ("kind", "galaxy"), ("basis", "area"), ("established_on", "2024-13-45")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    for field in ["name", "kind", "established_on"] {
        assert!(body.contains(&format!("class=\"ferr\" id=\"e-{field}\"")), "{field} has its own error: {body}");
    }
    assert!(body.matches("aria-invalid=\"true\"").count() >= 3, "three fields marked: {body}");
    // A parent outside the scope, or unknown, is answered as not found.
    let other = app.org_id("中共白石乡委员会").await.to_string();
    let r = c
        .post(app.url("/orgs"))
        .form(&[("parent_id", other.as_str()), ("name", "越权"), ("kind", "branch"), ("basis", "area")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.org_count().await, before, "nothing was created");
    // English readers get English errors.
    c.get(app.url("/lang?to=en-US&back=/")).send().await.unwrap();
    let r = c
        .post(app.url("/orgs"))
        .form(&[("parent_id", qingshan.as_str()), ("name", ""), ("kind", "branch"), ("basis", "area")])
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("This field is required."));
    // Area codes are checked and unique.
    let village = app.area_id("石门村").await.to_string();
    let r = c.post(app.url("/areas")).form(&[("parent_id", village.as_str()), ("name", "新组"), ("code", "123")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = c
        .post(app.url("/areas"))
        .form(&[("parent_id", village.as_str()), ("name", "新组"), ("code", "990121100202001")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT, "the code of 第一村民小组 is taken");
}
both!(bad_forms_change_nothing, forms);

async fn json_bodies(app: TestApp) {
    let token = app.token("township", lianxin_app::TokenAccess::Write).await;
    let api = reqwest::Client::new();
    let qingshan = app.org_id("中共青山镇委员会").await;
    let before = app.org_count().await;
    let post =
        |body: String| api.post(app.url("/api/v1/orgs")).bearer_auth(&token).header("content-type", "application/json").body(body).send();
    let r = post("{not json".into()).await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = post(json!({ "parent_id": qingshan, "kind": "branch", "basis": "area" }).to_string()).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e: serde_json::Value = r.json().await.unwrap();
    assert_eq!(e["error"]["field"], "name");
    assert_eq!(e["error"]["message"], "请求中的某个字段缺失或格式不对。");
    let r = post(json!({ "parent_id": qingshan, "name": 5, "kind": "branch", "basis": "area" }).to_string()).await.unwrap();
    let e: serde_json::Value = r.json().await.unwrap();
    assert_eq!(e["error"]["field"], "name");
    let r = api
        .post(app.url("/api/v1/orgs"))
        .bearer_auth(&token)
        .header("accept-language", "en")
        .json(&json!({ "parent_id": qingshan, "name": "", "kind": "branch", "basis": "area" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e: serde_json::Value = r.json().await.unwrap();
    assert_eq!(e["error"]["field"], "name");
    assert_eq!(e["error"]["message"], "This field is required.");
    let r = api
        .post(app.url("/api/v1/orgs"))
        .bearer_auth(&token)
        .json(&json!({ "parent_id": qingshan, "name": "a", "kind": "party_group", "basis": "area" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a party group cannot sit under a committee");
    // Oversized bodies are refused before they are read.
    // From a client of its own: the server answers without reading the rest and closes the
    // connection, which a shared client could otherwise pick up again for the next request.
    let big = "x".repeat(3 * 1024 * 1024);
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/orgs"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(json!({ "parent_id": qingshan, "name": big, "kind": "branch", "basis": "area" }).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let e: serde_json::Value = r.json().await.unwrap();
    assert_eq!(e["error"]["code"], "too_large");
    assert_eq!(app.org_count().await, before, "nothing was created");
    // Unknown routes are 404 in the channel's format.
    let r = api.get(app.url("/api/v1/nothing")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()["error"]["code"], "not_found");
    let r = reqwest::get(app.url("/no/such/page")).await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.unwrap().contains("没有找到"));
    // A form posted too large is refused with a page.
    let c = app.browser_as("township").await;
    let r = c.post(app.url("/orgs")).form(&[("note", "y".repeat(3 * 1024 * 1024))]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.text().await.unwrap().contains("太大"));
}
both!(bad_json_changes_nothing, json_bodies);

async fn rate_limit(app: TestApp) {
    // Beyond the burst, one address is slowed down with 429.
    let _ = app;
    let Some(limited) = crate::helpers::spawn_app_with(app.backend, |s| {
        s.limits.per_ip_per_second = 1;
        s.limits.per_ip_burst = 5;
    })
    .await
    else {
        return;
    };
    let mut statuses = Vec::new();
    for _ in 0..10 {
        statuses.push(reqwest::get(limited.url("/healthz")).await.unwrap().status());
    }
    assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
}
both!(requests_are_rate_limited, rate_limit);
