//! The appeals API: filing on a villager's behalf with a token, the staff queues, one appeal with
//! its timeline, handler steps with optimistic versions, categories, scope across villages and
//! bad input — through `/api/v1` over HTTP, on both backends.

use chrono::Duration;
use lianxin_app::TokenAccess;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{
    both,
    helpers::{TestApp, appeal_count},
};

/// A caller holding a token, reading answers in English.
struct Caller<'a> {
    app: &'a TestApp,
    token: Option<String>,
    http: reqwest::Client,
}

struct Reply {
    status: StatusCode,
    content_type: String,
    raw: String,
    json: Value,
}

impl<'a> Caller<'a> {
    async fn new(app: &'a TestApp, username: &str, access: TokenAccess) -> Self {
        Caller { app, token: Some(app.token(username, access).await), http: reqwest::Client::new() }
    }

    fn anonymous(app: &'a TestApp) -> Self {
        Caller { app, token: None, http: reqwest::Client::new() }
    }

    async fn send(&self, method: Method, path: &str, body: Option<Value>, raw_body: Option<&str>) -> Reply {
        let mut req = self.http.request(method, self.app.url(path)).header("accept-language", "en-US");
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        if let Some(b) = raw_body {
            req = req.header("content-type", "application/json").body(b.to_owned());
        }
        let r = req.send().await.unwrap();
        let status = r.status();
        let content_type = r.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        let raw = r.text().await.unwrap();
        let json = serde_json::from_str(&raw).unwrap_or(Value::Null);
        Reply { status, content_type, raw, json }
    }

    async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None, None).await
    }

    async fn post(&self, path: &str, body: Value) -> Reply {
        self.send(Method::POST, path, Some(body), None).await
    }
}

/// An error with `status` naming `field`.
fn refused(r: &Reply, status: StatusCode, field: &str) {
    assert_eq!(r.status, status, "{}", r.raw);
    assert_eq!(r.json["error"]["field"], field, "{}", r.raw);
    assert!(!r.json["error"]["message"].as_str().unwrap_or("").is_empty(), "{}", r.raw);
}

fn road(village: Uuid, description: &str) -> Value {
    json!({
        "village_id": village,
        "service_code": "road",
        "description": description,
        "attributes": { "hazard": "yes" },
        "name": "王大爷",
        "phone": "13812345678",
        "channel": "phone_call",
    })
}

fn ids(r: &Reply) -> Vec<String> {
    r.json["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items: {}", r.raw))
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

both!(file_queue_and_handle, file_queue_and_handle_body);
async fn file_queue_and_handle_body(t: TestApp) {
    let shimen = t.area_id("石门村").await;
    let sec = Caller::new(&t, "secretary", TokenAccess::Write).await;

    // The categories are public, with their extra fields.
    let cats = Caller::anonymous(&t).get(&format!("/api/v1/villages/{shimen}/appeal-categories")).await;
    assert_eq!(cats.status, StatusCode::OK, "{}", cats.raw);
    let road_cat = cats.json.as_array().unwrap().iter().find(|k| k["code"] == "road").expect("road category").clone();
    assert_eq!(road_cat["name"], "Roads and transport");
    assert_eq!(road_cat["attributes"][0]["code"], "hazard");
    assert_eq!(road_cat["attributes"][0]["required"], true);
    assert_eq!(road_cat["attributes"][0]["values"].as_array().unwrap().len(), 2);
    let none = Caller::anonymous(&t).get(&format!("/api/v1/villages/{}/appeal-categories", Uuid::now_v7())).await;
    assert_eq!(none.status, StatusCode::NOT_FOUND, "{}", none.raw);

    // Filed on a villager's behalf: routed to the village's designated handler.
    let before = appeal_count(&t).await;
    let made = sec.post("/api/v1/appeals", road(shimen, "村口石桥的栏杆断了，晚上走路很危险")).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.raw);
    assert_eq!(appeal_count(&t).await, before + 1);
    let id = made.json["id"].as_str().unwrap().to_owned();
    let code = made.json["code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 10);
    assert_eq!(made.json["code_display"].as_str().unwrap().len(), 11);
    assert_eq!(made.json["status"], "submitted");
    assert_eq!(made.json["level"], "village");
    assert_eq!(made.json["version"], 0);
    assert!(made.json["handler_person_id"].is_string(), "routed to the designated handler: {}", made.raw);
    assert!(made.json["due_at"].is_string());
    let key = made.json["key"].as_str().unwrap();
    assert_eq!(made.json["track_path"], format!("/track/{code}/{key}"));
    assert!(!made.raw.contains("13812345678") && !made.raw.contains("王大爷"), "{}", made.raw);

    // In the organization's queue and in the handler's own, with the requester masked.
    let org = sec.get("/api/v1/appeals?queue=org").await;
    assert_eq!(org.status, StatusCode::OK, "{}", org.raw);
    assert_eq!(org.json["queue"], "org");
    assert!(ids(&org).contains(&id));
    let row = org.json["items"].as_array().unwrap().iter().find(|i| i["id"] == id.as_str()).unwrap();
    assert_eq!(row["requester"], "王**");
    assert_eq!(row["phone"], "138****5678");
    assert_eq!(row["channel"], "phone_call");
    assert!(!org.raw.contains("13812345678"), "{}", org.raw);
    let mine = sec.get("/api/v1/appeals?queue=mine").await;
    assert!(ids(&mine).contains(&id), "{}", mine.raw);
    let all = sec.get("/api/v1/appeals?queue=all&service_code=road&status=").await;
    assert!(ids(&all).contains(&id), "{}", all.raw);
    let water = sec.get("/api/v1/appeals?queue=all&service_code=water").await;
    assert!(!ids(&water).contains(&id), "{}", water.raw);
    let overdue = sec.get("/api/v1/appeals?queue=overdue").await;
    assert!(!ids(&overdue).contains(&id), "not due yet: {}", overdue.raw);
    refused(&sec.get("/api/v1/appeals?queue=everything").await, StatusCode::UNPROCESSABLE_ENTITY, "queue");
    // A phone or ID number in the search would sit in the URL: refused, whatever its spelling.
    let id_number = lianxin_core::people::make_id_number("430124", chrono::NaiveDate::from_ymd_opt(1956, 4, 2).unwrap(), 17, false);
    for q in ["13812345678", "138-1234-5678", "%2B86%2013812345678", id_number.as_str()] {
        let r = sec.get(&format!("/api/v1/appeals?queue=all&q={q}")).await;
        refused(&r, StatusCode::UNPROCESSABLE_ENTITY, "q");
        assert!(!r.raw.contains("12345678") && !r.raw.contains(&id_number), "the number is not echoed: {}", r.raw);
        assert!(r.json["error"]["message"].as_str().unwrap().contains("tracking code"), "says what to search by instead: {}", r.raw);
    }
    let words = sec.get(&format!("/api/v1/appeals?queue=all&q={}", "%E8%B7%AF%E9%9D%A2")).await;
    assert_eq!(words.status, StatusCode::OK, "an ordinary search still works: {}", words.raw);

    // Past its deadline it shows as overdue.
    t.clock.advance(Duration::days(20));
    let overdue = sec.get("/api/v1/appeals?queue=overdue").await;
    assert!(ids(&overdue).contains(&id), "{}", overdue.raw);
    assert_eq!(overdue.json["items"][0]["overdue"], true);
    t.clock.advance(Duration::days(-20));

    // The staff view with its timeline.
    let one = sec.get(&format!("/api/v1/appeals/{id}")).await;
    assert_eq!(one.status, StatusCode::OK, "{}", one.raw);
    assert_eq!(one.json["appeal"]["version"], 0);
    assert_eq!(one.json["attributes"]["hazard"], "yes");
    assert_eq!(one.json["can_handle"], true);
    assert_eq!(one.json["timeline"][0]["kind"], "submitted");
    assert_eq!(one.json["village_id"], shimen.to_string());

    // Accept, then a stale step is refused and changes nothing, then resolve.
    let steps = format!("/api/v1/appeals/{id}/steps");
    let accepted = sec.post(&steps, json!({ "version": 0, "step": "accept" })).await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.raw);
    assert_eq!(accepted.json["status"], "accepted");
    assert_eq!(accepted.json["version"], 1);
    let stale = sec.post(&steps, json!({ "version": 0, "step": "start" })).await;
    refused(&stale, StatusCode::CONFLICT, "version");
    assert_eq!(stale.json["error"]["code"], "conflict");
    assert!(stale.json["error"]["message"].as_str().unwrap().contains("Someone else just acted"), "{}", stale.raw);
    let after = sec.get(&format!("/api/v1/appeals/{id}")).await;
    assert_eq!(after.json["appeal"]["status"], "accepted");
    assert_eq!(after.json["appeal"]["version"], 1);
    assert_eq!(after.json["timeline"].as_array().unwrap().len(), 2, "{}", after.raw);

    let note = sec.post(&steps, json!({ "version": 1, "step": "note", "text": "已联系施工队" })).await;
    assert_eq!(note.status, StatusCode::OK, "{}", note.raw);
    assert_eq!(note.json["version"], 2);
    refused(&sec.post(&steps, json!({ "step": "fly" })).await, StatusCode::UNPROCESSABLE_ENTITY, "step");
    refused(&sec.post(&steps, json!({ "step": "reassign" })).await, StatusCode::UNPROCESSABLE_ENTITY, "person_id");
    let resolved = sec.post(&steps, json!({ "version": 2, "step": "resolve", "text": "栏杆已修好" })).await;
    assert_eq!(resolved.status, StatusCode::OK, "{}", resolved.raw);
    assert_eq!(resolved.json["status"], "resolved");
    assert!(resolved.json["resolved_at"].is_string());
    // A step the state no longer allows.
    let again = sec.post(&steps, json!({ "step": "accept" })).await;
    refused(&again, StatusCode::CONFLICT, "status");
    let done = sec.get(&format!("/api/v1/appeals/{id}")).await;
    let kinds: Vec<&str> = done.json["timeline"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["submitted", "accepted", "note", "resolved"]);
    // Resolved leaves the work list but stays searchable.
    assert!(!ids(&sec.get("/api/v1/appeals?queue=org").await).contains(&id));
    assert!(ids(&sec.get("/api/v1/appeals?queue=all&status=resolved").await).contains(&id));
}

both!(similar_open_appeal, similar_open_appeal_body);
async fn similar_open_appeal_body(t: TestApp) {
    let shimen = t.area_id("石门村").await;
    let sec = Caller::new(&t, "secretary", TokenAccess::Write).await;
    let text = "三组的自来水停了两天了，请尽快修复";
    let body = json!({ "village_id": shimen, "service_code": "water", "description": text });
    let first = sec.post("/api/v1/appeals", body.clone()).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.raw);
    let count = appeal_count(&t).await;

    let second = sec
        .post(
            "/api/v1/appeals",
            json!({ "village_id": shimen, "service_code": "water", "description": "三组自来水停了两天了，请尽快修复！" }),
        )
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.raw);
    assert_eq!(second.json["error"]["code"], "similar");
    assert_eq!(second.json["similar"]["code"], first.json["code"]);
    assert!(second.json["similar"]["similarity"].as_f64().unwrap() >= 0.5);
    assert_eq!(appeal_count(&t).await, count, "nothing filed");

    let mut forced = body;
    forced["not_duplicate"] = json!(true);
    let third = sec.post("/api/v1/appeals", forced).await;
    assert_eq!(third.status, StatusCode::CREATED, "{}", third.raw);
    assert_eq!(appeal_count(&t).await, count + 1);
}

both!(tokens_and_villages, tokens_and_villages_body);
async fn tokens_and_villages_body(t: TestApp) {
    let shimen = t.area_id("石门村").await;
    let sec = Caller::new(&t, "secretary", TokenAccess::Write).await;
    let made = sec.post("/api/v1/appeals", road(shimen, "后山小路塌了一段")).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.raw);
    let id = made.json["id"].as_str().unwrap().to_owned();
    let count = appeal_count(&t).await;

    // No token: sign in first.
    let anon = Caller::anonymous(&t);
    assert_eq!(anon.post("/api/v1/appeals", road(shimen, "桥上路灯不亮")).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(anon.get("/api/v1/appeals").await.status, StatusCode::UNAUTHORIZED);

    // A read-only token reads but cannot file or act.
    let reader = Caller::new(&t, "secretary", TokenAccess::Read).await;
    let r = reader.post("/api/v1/appeals", road(shimen, "桥上路灯不亮")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.raw);
    assert_eq!(r.json["error"]["code"], "forbidden");
    assert_eq!(reader.get(&format!("/api/v1/appeals/{id}")).await.status, StatusCode::OK);
    let step = reader.post(&format!("/api/v1/appeals/{id}/steps"), json!({ "step": "accept" })).await;
    assert_eq!(step.status, StatusCode::FORBIDDEN, "{}", step.raw);
    assert_eq!(appeal_count(&t).await, count);

    // The neighbouring village's secretary sees nothing of 石门村.
    let neighbour = Caller::new(&t, "secretary2", TokenAccess::Write).await;
    let r = neighbour.get(&format!("/api/v1/appeals/{id}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.raw);
    let r = neighbour.post(&format!("/api/v1/appeals/{id}/steps"), json!({ "step": "accept" })).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.raw);
    let r = neighbour.post("/api/v1/appeals", road(shimen, "桥上路灯不亮")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.raw);
    assert!(!ids(&neighbour.get("/api/v1/appeals?queue=all").await).contains(&id));
    assert_eq!(appeal_count(&t).await, count);
    let one = sec.get(&format!("/api/v1/appeals/{id}")).await;
    assert_eq!(one.json["appeal"]["status"], "submitted", "untouched");
    assert_eq!(one.json["appeal"]["version"], 0);
}

both!(bad_input_changes_nothing, bad_input_changes_nothing_body);
async fn bad_input_changes_nothing_body(t: TestApp) {
    let shimen = t.area_id("石门村").await;
    let township = t.area_id("青山镇").await;
    let sec = Caller::new(&t, "secretary", TokenAccess::Write).await;
    let count = appeal_count(&t).await;
    let with = |patch: Value| {
        let mut b = road(shimen, "路灯坏了");
        for (k, v) in patch.as_object().unwrap() {
            b[k] = v.clone();
        }
        b
    };

    let cases: Vec<(&str, Value, StatusCode, &str)> = vec![
        ("empty description", with(json!({ "description": "  " })), StatusCode::UNPROCESSABLE_ENTITY, "description"),
        ("100 KB description", with(json!({ "description": "路".repeat(34_000) })), StatusCode::UNPROCESSABLE_ENTITY, "description"),
        ("unknown category", with(json!({ "service_code": "spaceships" })), StatusCode::UNPROCESSABLE_ENTITY, "service_code"),
        ("unknown village", with(json!({ "village_id": Uuid::now_v7() })), StatusCode::UNPROCESSABLE_ENTITY, "village"),
        ("a township is no village", with(json!({ "village_id": township })), StatusCode::UNPROCESSABLE_ENTITY, "village"),
        ("missing required attribute", with(json!({ "attributes": {} })), StatusCode::UNPROCESSABLE_ENTITY, "attributes"),
        ("attribute not in the list", with(json!({ "attributes": { "hazard": "maybe" } })), StatusCode::UNPROCESSABLE_ENTITY, "attributes"),
        (
            "unknown attribute",
            with(json!({ "attributes": { "hazard": "yes", "colour": "red" } })),
            StatusCode::UNPROCESSABLE_ENTITY,
            "attributes",
        ),
        ("nested attribute value", with(json!({ "attributes": { "hazard": { "a": 1 } } })), StatusCode::UNPROCESSABLE_ENTITY, "attributes"),
        ("villagers' own channel", with(json!({ "channel": "web" })), StatusCode::UNPROCESSABLE_ENTITY, "channel"),
        ("bad phone", with(json!({ "phone": "12345" })), StatusCode::UNPROCESSABLE_ENTITY, "phone"),
        ("half a location", with(json!({ "lat": 30.1 })), StatusCode::UNPROCESSABLE_ENTITY, "lat"),
        ("unknown field", with(json!({ "priority": "high" })), StatusCode::UNPROCESSABLE_ENTITY, "priority"),
        ("wrong type", with(json!({ "public": "yes" })), StatusCode::UNPROCESSABLE_ENTITY, "public"),
    ];
    for (what, body, status, field) in cases {
        let r = sec.post("/api/v1/appeals", body).await;
        assert_eq!(r.status, status, "{what}: {}", r.raw);
        assert_eq!(r.json["error"]["field"], field, "{what}: {}", r.raw);
        assert_eq!(appeal_count(&t).await, count, "{what} changed nothing");
    }
    let r = sec.send(Method::POST, "/api/v1/appeals", None, Some("{\"village_id\": ")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.raw);
    assert_eq!(r.json["error"]["code"], "invalid_json");
    let r = sec.post("/api/v1/appeals", json!({ "village_id": shimen, "description": "路灯坏了" })).await;
    refused(&r, StatusCode::UNPROCESSABLE_ENTITY, "service_code");
    assert_eq!(appeal_count(&t).await, count);

    // HTML is kept as typed and comes back as JSON text.
    let html = "<script>alert('x')</script> 村口<b>路灯</b>坏了 & 没人修";
    let made = sec.post("/api/v1/appeals", json!({ "village_id": shimen, "service_code": "other", "description": html })).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.raw);
    assert_eq!(appeal_count(&t).await, count + 1);
    let one = sec.get(&format!("/api/v1/appeals/{}", made.json["id"].as_str().unwrap())).await;
    assert!(one.content_type.starts_with("application/json"), "{}", one.content_type);
    assert_eq!(one.json["description"], html);
}
