//! The people API: persons with masked and audited sensitive fields, member records with their
//! one-record rule, transfers between branches, households, grids, bodies, links and posts — all
//! through `/api/v1` with bearer tokens, on both backends.

use chrono::{Months, NaiveDate};
use lianxin_app::TokenAccess;
use lianxin_core::people::{make_id_number, mask_id};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{both, helpers::TestApp};

/// Region of the ID numbers made here. The demo county's code 990121 would be the natural choice,
/// but `parse_id_number` refuses province 99, so a real region is used.
const REGION: &str = "430124";

/// A caller holding a write token.
struct Caller<'a> {
    app: &'a TestApp,
    token: String,
    http: reqwest::Client,
}

/// A response: status, the `Cache-Control` header, the raw body and the body as JSON (null if none).
struct Reply {
    status: StatusCode,
    cache_control: Option<String>,
    raw: String,
    json: Value,
}

impl<'a> Caller<'a> {
    async fn new(app: &'a TestApp, username: &str) -> Self {
        Caller { app, token: app.token(username, TokenAccess::Write).await, http: reqwest::Client::new() }
    }

    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut req = self.http.request(method, self.app.url(path)).bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.unwrap();
        let status = r.status();
        let cache_control = r.headers().get("cache-control").map(|v| v.to_str().unwrap().to_owned());
        let raw = r.text().await.unwrap();
        let json = serde_json::from_str(&raw).unwrap_or(Value::Null);
        Reply { status, cache_control, raw, json }
    }

    async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None).await
    }

    async fn post(&self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(body)).await
    }

    async fn patch(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(body)).await
    }

    async fn delete(&self, path: &str) -> Reply {
        self.call(Method::DELETE, path, None).await
    }
}

/// Asserts a 422 (or other error status) naming `field`.
fn refused(r: &Reply, status: StatusCode, field: &str) {
    assert_eq!(r.status, status, "{}", r.raw);
    assert_eq!(r.json["error"]["field"], field, "{}", r.raw);
}

/// No clear ID number or phone, no ciphertext and no lookup hash in a response.
fn assert_nothing_sensitive(raw: &str, id_number: &str, phone: &str) {
    assert!(!raw.contains(id_number), "clear ID number in {raw}");
    assert!(!raw.contains(&id_number[..14]), "ID number prefix in {raw}");
    assert!(!raw.contains(phone), "clear phone in {raw}");
    for key in ["_enc", "_hash", "id_number\"", "phone\""] {
        assert!(!raw.contains(key), "{key} in {raw}");
    }
}

fn ids(items: &Value) -> Vec<String> {
    items.as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect()
}

fn full_member(org: Uuid) -> Value {
    json!({ "org_id": org, "status": "full", "admitted_on": "1995-07-01", "full_on": "1996-07-01" })
}

async fn persons_members_and_transfers(app: TestApp) {
    let sec = Caller::new(&app, "secretary").await;
    let sec2 = Caller::new(&app, "secretary2").await;
    let shimen_area = app.area_id("石门村").await;
    let shimen = app.org_id("中共石门村支部委员会").await;
    let liuwan = app.org_id("中共柳湾村支部委员会").await;
    let id_number = make_id_number(REGION, NaiveDate::from_ymd_opt(1970, 5, 6).unwrap(), 12, true);
    let phone = "13812345678";

    // Bad inputs are refused with the field named, and change nothing.
    let created_before = app.audit_count("person.create", "ok", None).await;
    let mut wrong_check = id_number.clone();
    let last = wrong_check.pop().unwrap();
    wrong_check.push(if last == '0' { '1' } else { '0' });
    let bad = [
        (json!({ "name": "王建华", "id_number": wrong_check, "area_id": shimen_area }), "id_number"),
        (json!({ "name": "王建华", "id_number": id_number, "area_id": Uuid::now_v7() }), "area_id"),
        (json!({ "id_number": id_number, "area_id": shimen_area }), "name"),
        (json!({ "name": "王建华", "gender": "unknown", "area_id": shimen_area }), "gender"),
        (json!({ "name": "王建华", "birth_date": "1970-13-01", "area_id": shimen_area }), "birth_date"),
        (json!({ "name": "王建华", "area_id": shimen_area, "id_number_enc": "x" }), "id_number_enc"),
    ];
    for (body, field) in bad {
        refused(&sec.post("/api/v1/people", body).await, StatusCode::UNPROCESSABLE_ENTITY, field);
    }
    assert_eq!(app.audit_count("person.create", "ok", None).await, created_before);
    assert_eq!(sec.get("/api/v1/people?q=王建华").await.json["items"], json!([]));

    // Create, then read back: masked only.
    let body = json!({
        "name": "王建华", "id_number": id_number, "phone": "138 1234 5678", "area_id": shimen_area,
        "ethnicity": "汉族", "education": "senior", "occupation": "farmer",
    });
    let r = sec.post("/api/v1/people", body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.raw);
    assert_nothing_sensitive(&r.raw, &id_number, phone);
    let person = r.json["id"].as_str().unwrap().to_owned();
    assert_eq!(r.json["gender"], "male", "taken from the ID number");
    assert_eq!(r.json["birth_date"], "1970-05-06");
    assert_eq!(r.json["phone_mask"], "138****5678");
    let r = sec.get(&format!("/api/v1/people/{person}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.raw);
    assert_nothing_sensitive(&r.raw, &id_number, phone);
    let mask = r.json["person"]["id_number_mask"].as_str().unwrap();
    assert_eq!(mask, mask_id(&id_number));
    assert!(mask.starts_with(&format!("{}**********", &id_number[..4])), "{mask}");
    assert_eq!(r.json["member"], Value::Null);
    assert_eq!(r.json["can_reveal"], true);

    // Reveal: the value, never cached, audited; an unknown field is refused without a reveal.
    let r = sec.post(&format!("/api/v1/people/{person}/reveal"), json!({ "field": "id_number" })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.raw);
    assert_eq!(r.json["value"], id_number.as_str());
    assert_eq!(r.cache_control.as_deref(), Some("no-store"));
    assert_eq!(app.audit_count("person.reveal", "ok", Some(&person)).await, 1);
    let r = sec.post(&format!("/api/v1/people/{person}/reveal"), json!({ "field": "name" })).await;
    refused(&r, StatusCode::UNPROCESSABLE_ENTITY, "field");
    assert_eq!(app.audit_count("person.reveal", "ok", Some(&person)).await, 1);

    // Search by name prefix, exact ID number and phone.
    assert!(ids(&sec.get("/api/v1/people?q=王建").await.json["items"]).contains(&person));
    // An ID number or phone is never accepted in a URL; the exact search takes it in the body.
    let r = sec.http.get(app.url("/api/v1/people")).bearer_auth(&sec.token).query(&[("q", id_number.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(sec.get(&format!("/api/v1/people?q={phone}")).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let found = sec.post("/api/v1/people/search", json!({ "q": id_number })).await.json;
    assert_eq!(ids(&found["items"]), vec![person.clone()]);
    assert_eq!(found["next"], Value::Null);
    assert_eq!(ids(&sec.post("/api/v1/people/search", json!({ "q": phone })).await.json["items"]), vec![person.clone()]);

    // The other village's secretary cannot see, reveal, change or find the person.
    assert_eq!(sec2.get(&format!("/api/v1/people/{person}")).await.status, StatusCode::NOT_FOUND);
    let r = sec2.post(&format!("/api/v1/people/{person}/reveal"), json!({ "field": "id_number" })).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(!r.raw.contains(&id_number));
    let r = sec2.patch(&format!("/api/v1/people/{person}"), json!({ "name": "x", "area_id": shimen_area })).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(sec2.get("/api/v1/people?q=王建").await.json["items"], json!([]));
    assert_eq!(app.audit_count("person.reveal", "ok", Some(&person)).await, 1);

    // PATCH with empty ID number and phone keeps the stored ones.
    let r = sec
        .patch(
            &format!("/api/v1/people/{person}"),
            json!({ "name": "王建华", "area_id": shimen_area, "occupation": "cadre", "ethnicity": "汉族" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.raw);
    assert_eq!(r.json["occupation"], "cadre");
    assert_eq!(r.json["id_number_mask"], mask_id(&id_number).as_str());
    assert_eq!(r.json["phone_mask"], "138****5678");
    let r = sec.post(&format!("/api/v1/people/{person}/reveal"), json!({ "field": "phone" })).await;
    assert_eq!(r.json["value"], phone);

    // One member record per person.
    let r = sec.post(&format!("/api/v1/people/{person}/member"), json!({ "org_id": shimen, "status": "member" })).await;
    refused(&r, StatusCode::UNPROCESSABLE_ENTITY, "status");
    let r = sec.post(&format!("/api/v1/people/{person}/member"), full_member(shimen)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.raw);
    let member = r.json["id"].as_str().unwrap().to_owned();
    assert_eq!(r.json["person_name"], "王建华");
    let r = sec.post(&format!("/api/v1/people/{person}/member"), full_member(shimen)).await;
    refused(&r, StatusCode::CONFLICT, "person_id");
    let roster = sec.get(&format!("/api/v1/orgs/{shimen}/members")).await.json;
    assert!(ids(&roster["items"]).contains(&member));
    let shimen_total = roster["total"].as_u64().unwrap();
    assert!(shimen_total >= 1);

    // Transfer to 柳湾村: requested by the sender, confirmed by the receiver.
    let r = sec.post(&format!("/api/v1/members/{member}/transfers"), json!({ "to_org_id": liuwan, "reason": "婚迁柳湾村" })).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.raw);
    assert_eq!(r.json["status"], "requested");
    let transfer = r.json["id"].as_str().unwrap().to_owned();
    let r = sec.post(&format!("/api/v1/members/{member}/transfers"), json!({ "to_org_id": liuwan, "reason": "再次" })).await;
    refused(&r, StatusCode::CONFLICT, "member_id");
    let pending = sec2.get(&format!("/api/v1/orgs/{liuwan}/transfers")).await.json;
    let row = pending.as_array().unwrap().iter().find(|t| t["id"] == transfer.as_str()).expect("pending at the receiver");
    assert_eq!(row["member_name"], "王建华");
    let r = sec2.post(&format!("/api/v1/transfers/{transfer}/confirm"), json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.raw);
    assert_eq!(r.json["org_id"], liuwan.to_string());
    assert_eq!(sec2.post(&format!("/api/v1/transfers/{transfer}/confirm"), json!({})).await.status, StatusCode::CONFLICT);

    // The member moved: the receiver now sees the person, and each roster shows where they are.
    let r = sec2.get(&format!("/api/v1/people/{person}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.raw);
    assert_nothing_sensitive(&r.raw, &id_number, phone);
    assert_eq!(r.json["member"]["org_id"], liuwan.to_string());
    assert_eq!(r.json["member_org_name"], "中共柳湾村支部委员会");
    assert_eq!(r.json["transfers"][0]["status"], "confirmed");
    let roster = sec.get(&format!("/api/v1/orgs/{shimen}/members")).await.json;
    assert!(!ids(&roster["items"]).contains(&member));
    assert_eq!(roster["total"].as_u64().unwrap(), shimen_total - 1);
    let roster = sec2.get(&format!("/api/v1/orgs/{liuwan}/members")).await.json;
    let row = roster["items"].as_array().unwrap().iter().find(|m| m["id"] == member.as_str()).expect("on the receiver's roster");
    assert_eq!(row["org_name"], "中共柳湾村支部委员会");
    assert_eq!(sec.get(&format!("/api/v1/orgs/{liuwan}/members")).await.status, StatusCode::NOT_FOUND);

    // The receiver's summary counts the member and explains its findings.
    let s = sec2.get(&format!("/api/v1/orgs/{liuwan}/people-summary")).await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.raw);
    assert!(s.json["full"].as_u64().unwrap() >= 1);
    for f in s.json["findings"].as_array().unwrap() {
        assert!(f["key"].as_str().unwrap().starts_with("finding-"), "{f}");
        assert!(f["finding"].is_string() && f["severity"].is_string(), "{f}");
    }
}
both!(persons_members_and_transfers_through_the_api, persons_members_and_transfers);

async fn households_posts_and_links(app: TestApp) {
    let t = Caller::new(&app, "township").await;
    let area = app.area_id("石门村").await;
    let shimen = app.org_id("中共石门村支部委员会").await;
    let liuwan = app.org_id("中共柳湾村支部委员会").await;
    let today = app.ctx().app.today();

    // A grid, a household in it, a person living there.
    let r = t.post("/api/v1/grids", json!({ "area_id": area, "name": "第一网格" })).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.raw);
    let grid = r.json["id"].as_str().unwrap().to_owned();
    assert!(ids(&t.get(&format!("/api/v1/areas/{area}/grids")).await.json).contains(&grid));
    let r =
        t.post("/api/v1/households", json!({ "area_id": area, "household_no": "SM-001", "address": "石门村1号", "grid_id": grid })).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.raw);
    let household = r.json["id"].as_str().unwrap().to_owned();
    let page = t.get(&format!("/api/v1/areas/{area}/households?grid={grid}&after=&limit=10")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.raw);
    assert_eq!(ids(&page.json["items"]), vec![household.clone()]);
    let id_number = make_id_number(REGION, NaiveDate::from_ymd_opt(1975, 8, 1).unwrap(), 14, false);
    let r = t.post("/api/v1/people", json!({ "name": "陈桂兰", "id_number": id_number, "area_id": area, "household_id": household })).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.raw);
    let person = r.json["id"].as_str().unwrap().to_owned();
    let h = t.get(&format!("/api/v1/households/{household}")).await;
    assert_eq!(ids(&h.json["people"]), vec![person.clone()]);
    assert_eq!(h.json["grid"]["id"], grid.as_str());
    assert_nothing_sensitive(&h.raw, &id_number, "none");

    // A village body; its kind must be one of the list.
    let r = t.post("/api/v1/bodies", json!({ "area_id": area, "kind": "council", "name": "石门村村民委员会" })).await;
    refused(&r, StatusCode::UNPROCESSABLE_ENTITY, "kind");
    let r = t
        .post(
            "/api/v1/bodies",
            json!({ "area_id": area, "kind": "village_committee", "name": "石门村村民委员会", "leading_org_id": shimen }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.raw);
    let body = r.json["id"].as_str().unwrap().to_owned();
    assert!(ids(&t.get(&format!("/api/v1/areas/{area}/bodies")).await.json).contains(&body));

    // Member, linked to the household: one household is below the usual range.
    let r = t.post(&format!("/api/v1/people/{person}/member"), full_member(shimen)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.raw);
    let member = r.json["id"].as_str().unwrap().to_owned();
    let r = t.post(&format!("/api/v1/members/{member}/links"), json!({ "household_id": household })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.raw);
    assert_eq!(r.json["warning"], json!({ "count": 1, "min": 5, "max": 10 }));
    let h = t.get(&format!("/api/v1/households/{household}")).await.json;
    assert_eq!(h["linked_members"][0]["member_id"], member.as_str());
    assert_eq!(t.get(&format!("/api/v1/people/{person}")).await.json["linked_household_ids"], json!([household]));

    // Posts: a secretary whose term is over and the village committee director (一肩挑).
    let started = today.checked_sub_months(Months::new(72)).unwrap();
    let r =
        t.post(&format!("/api/v1/people/{person}/positions"), json!({ "post": "secretary", "body_id": body, "started_on": started })).await;
    refused(&r, StatusCode::UNPROCESSABLE_ENTITY, "post");
    let r = t
        .post(
            &format!("/api/v1/people/{person}/positions"),
            json!({ "post": "secretary", "org_id": shimen, "grid_id": grid, "started_on": started }),
        )
        .await;
    refused(&r, StatusCode::UNPROCESSABLE_ENTITY, "org_id");
    let r = t
        .post(&format!("/api/v1/people/{person}/positions"), json!({ "post": "secretary", "org_id": shimen, "started_on": started }))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.raw);
    let secretary_post = r.json["id"].as_str().unwrap().to_owned();
    assert_eq!(r.json["planned_end"], started.checked_add_months(Months::new(60)).unwrap().to_string());
    let r = t
        .post(&format!("/api/v1/people/{person}/positions"), json!({ "post": "vc_director", "body_id": body, "started_on": started }))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.raw);
    assert_eq!(t.get(&format!("/api/v1/people/{person}")).await.json["cross_holding"], true);
    let terms = t.get(&format!("/api/v1/orgs/{shimen}/terms")).await.json;
    let row = terms.as_array().unwrap().iter().find(|p| p["id"] == secretary_post.as_str()).expect("the ended term is listed");
    assert_eq!((row["state"].as_str(), row["person_name"].as_str()), (Some("ended"), Some("陈桂兰")));
    assert!(row["days_over"].as_i64().unwrap() > 0);
    let summary = t.get(&format!("/api/v1/orgs/{shimen}/people-summary")).await.json;
    let post = summary["posts"].as_array().unwrap().iter().find(|p| p["id"] == secretary_post.as_str()).expect("current post");
    assert_eq!(post["state"], "ended");
    assert_eq!(t.post(&format!("/api/v1/positions/{secretary_post}/end"), json!({})).await.status, StatusCode::NO_CONTENT);
    assert_eq!(t.post(&format!("/api/v1/positions/{secretary_post}/end"), json!({})).await.status, StatusCode::CONFLICT);

    // Member record changes: status with a note; the organization only changes by transfer.
    let patch =
        json!({ "org_id": shimen, "status": "out_of_contact", "admitted_on": "1995-07-01", "full_on": "1996-07-01", "note": "联系不上" });
    let r = t.patch(&format!("/api/v1/members/{member}"), patch).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.raw);
    assert_eq!(r.json["status"], "out_of_contact");
    let r = t.patch(&format!("/api/v1/members/{member}"), json!({ "org_id": liuwan, "status": "full", "full_on": "1996-07-01" })).await;
    refused(&r, StatusCode::UNPROCESSABLE_ENTITY, "org_id");
    let roster = t.get(&format!("/api/v1/orgs/{shimen}/members?status=out_of_contact&flag=&q=陈")).await.json;
    assert_eq!(ids(&roster["items"]), vec![member.clone()]);
    refused(&t.get(&format!("/api/v1/orgs/{shimen}/members?flag=vip")).await, StatusCode::UNPROCESSABLE_ENTITY, "flag");
    refused(&t.get(&format!("/api/v1/orgs/{shimen}/members?status=bogus")).await, StatusCode::UNPROCESSABLE_ENTITY, "status");

    // A transfer cancelled, one rejected (with a reason), then a letter for leaving the system.
    let request = json!({ "to_org_id": liuwan, "reason": "投靠子女" });
    let r = t.post(&format!("/api/v1/members/{member}/transfers"), request.clone()).await;
    let first = r.json["id"].as_str().unwrap().to_owned();
    assert_eq!(t.call(Method::POST, &format!("/api/v1/transfers/{first}/cancel"), None).await.status, StatusCode::NO_CONTENT);
    assert_eq!(t.call(Method::POST, &format!("/api/v1/transfers/{first}/cancel"), None).await.status, StatusCode::CONFLICT);
    let r = t.post(&format!("/api/v1/members/{member}/transfers"), request).await;
    let second = r.json["id"].as_str().unwrap().to_owned();
    refused(&t.post(&format!("/api/v1/transfers/{second}/reject"), json!({})).await, StatusCode::UNPROCESSABLE_ENTITY, "note");
    assert_eq!(t.post(&format!("/api/v1/transfers/{second}/reject"), json!({ "note": "材料不全" })).await.status, StatusCode::NO_CONTENT);
    let r = t.post(&format!("/api/v1/members/{member}/letters"), json!({ "destination": "广东省深圳市", "reason": "外出务工" })).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.raw);
    assert_eq!(r.json["status"], "letter_issued");
    assert!(r.json["letter_no"].as_str().unwrap().starts_with("LX"));
    let statuses: Vec<Value> = t.get(&format!("/api/v1/people/{person}")).await.json["transfers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["status"].clone())
        .collect();
    assert_eq!(statuses.len(), 3);
    for s in ["cancelled", "rejected", "letter_issued"] {
        assert!(statuses.contains(&json!(s)), "{s} in {statuses:?}");
    }

    // Unlinking twice: the second finds nothing.
    assert_eq!(t.delete(&format!("/api/v1/members/{member}/links/{household}")).await.status, StatusCode::NO_CONTENT);
    assert_eq!(t.delete(&format!("/api/v1/members/{member}/links/{household}")).await.status, StatusCode::NOT_FOUND);
}
both!(households_posts_and_links_through_the_api, households_posts_and_links);
