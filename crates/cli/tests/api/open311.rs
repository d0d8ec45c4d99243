//! Open311 GeoReport v2 conformance, in XML and JSON, on both backends: discovery, services and
//! their definitions, filing with an api_key (no session, no CSRF token), reading requests by id,
//! token and filters, jurisdictions, errors with the spec's status codes, and that only public
//! fields of public appeals ever leave: never a name or a phone.

use chrono::{Duration, SecondsFormat};
use lianxin_app::TokenAccess;
use lianxin_core::Clock;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::{
    both,
    helpers::{TestApp, appeal_count},
};

const XML: &str = "text/xml; charset=utf-8";
const JSON: &str = "application/json; charset=utf-8";

/// The filer's details, which must never appear in any Open311 answer.
const NAME_FIRST: &str = "大爷";
const NAME_LAST: &str = "王";
const PHONE: &str = "13812345678";
const PRIVATE_NAME: &str = "李秀英";
const PRIVATE_PHONE: &str = "13900001111";

struct Reply {
    status: StatusCode,
    content_type: String,
    raw: String,
    json: Value,
}

/// Talks Open311 and remembers every body it received.
struct Client<'a> {
    app: &'a TestApp,
    http: reqwest::Client,
    seen: std::sync::Mutex<Vec<String>>,
}

impl<'a> Client<'a> {
    fn new(app: &'a TestApp) -> Self {
        Client { app, http: reqwest::Client::new(), seen: Default::default() }
    }

    async fn reply(&self, r: reqwest::Response) -> Reply {
        let status = r.status();
        let content_type = r.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        let raw = r.text().await.unwrap();
        self.seen.lock().unwrap().push(raw.clone());
        let json = serde_json::from_str(&raw).unwrap_or(Value::Null);
        Reply { status, content_type, raw, json }
    }

    async fn get(&self, path: &str, query: &[(&str, &str)]) -> Reply {
        let r = self
            .http
            .get(self.app.url(&format!("/open311/v2/{path}")))
            .query(query)
            .header("accept-language", "en-US")
            .send()
            .await
            .unwrap();
        self.reply(r).await
    }

    async fn post(&self, path: &str, form: &[(&str, &str)]) -> Reply {
        // Like a third-party web app: cross-site, no cookie, no CSRF token.
        let r = self
            .http
            .post(self.app.url(&format!("/open311/v2/{path}")))
            .header("accept-language", "en-US")
            .header("origin", "https://reports.example.org")
            .header("sec-fetch-site", "cross-site")
            .form(form)
            .send()
            .await
            .unwrap();
        self.reply(r).await
    }

    /// No answer so far carried the filers' names or phones, clear or masked.
    fn assert_no_personal_data(&self) {
        let seen = self.seen.lock().unwrap();
        assert!(!seen.is_empty());
        for raw in seen.iter() {
            for s in [
                NAME_FIRST,
                "王大爷",
                "王**",
                PHONE,
                "138****5678",
                PRIVATE_NAME,
                "李**",
                PRIVATE_PHONE,
                "139****1111",
                "phone",
                "first_name",
            ] {
                assert!(!raw.contains(s), "{s} in {raw}");
            }
        }
    }
}

/// A well-formedness check of our XML: the declaration, one root, balanced elements, and text
/// with only the five entities. Returns the root's name.
fn xml_root(s: &str) -> String {
    let body = s.strip_prefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>").unwrap_or_else(|| panic!("no declaration: {s}")).trim();
    let mut stack: Vec<&str> = Vec::new();
    let mut root: Option<&str> = None;
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<') {
            let end = after.find('>').unwrap_or_else(|| panic!("unclosed tag in {s}"));
            let tag = &after[..end];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop(), Some(name), "unbalanced </{name}> in {s}");
            } else {
                assert!(!tag.is_empty() && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "bad tag <{tag}> in {s}");
                if stack.is_empty() {
                    assert!(root.is_none(), "two roots in {s}");
                    root = Some(tag);
                }
                stack.push(tag);
            }
            rest = &after[end + 1..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..end];
            assert!(!stack.is_empty(), "text outside the root in {s}");
            assert!(!text.contains('>'), "unescaped > in {text}");
            for (i, _) in text.match_indices('&') {
                assert!(["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].iter().any(|e| text[i..].starts_with(e)), "bad entity in {text}");
            }
            rest = &rest[end..];
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?} in {s}");
    root.expect("a root").to_owned()
}

/// The unescaped texts of every `<tag>` element.
fn xml_texts(s: &str, tag: &str) -> Vec<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    s.split(&open)
        .skip(1)
        .map(|p| {
            p.split(&close)
                .next()
                .unwrap()
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

/// An Open311 error answer: the status, the content type, and `[{code, description}]`.
fn error(r: &Reply, status: StatusCode, format: &str) {
    assert_eq!(r.status, status, "{}", r.raw);
    assert_eq!(r.content_type, format, "{}", r.raw);
    if format == JSON {
        let errors = r.json.as_array().unwrap_or_else(|| panic!("errors array: {}", r.raw));
        assert_eq!(errors.len(), 1, "{}", r.raw);
        assert_eq!(errors[0]["code"], status.as_u16(), "{}", r.raw);
        assert!(!errors[0]["description"].as_str().unwrap().is_empty());
    } else {
        assert_eq!(xml_root(&r.raw), "errors");
        assert_eq!(xml_texts(&r.raw, "code"), vec![status.as_u16().to_string()], "{}", r.raw);
        assert_eq!(xml_texts(&r.raw, "description").len(), 1, "{}", r.raw);
    }
}

async fn area_code(t: &TestApp, name: &str) -> String {
    let id = t.area_id(name).await;
    lianxin_store::orgs::area(t.app.db.conn(), id).await.unwrap().unwrap().code
}

/// Files through the JSON API (for appeals Open311 only reads); returns the tracking code.
async fn file_via_api(t: &TestApp, token: &str, body: Value) -> (String, String) {
    let r = reqwest::Client::new().post(t.url("/api/v1/appeals")).bearer_auth(token).json(&body).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let v: Value = r.json().await.unwrap();
    (v["id"].as_str().unwrap().to_owned(), v["code"].as_str().unwrap().to_owned())
}

fn codes(r: &Reply) -> Vec<String> {
    r.json
        .as_array()
        .unwrap_or_else(|| panic!("array: {}", r.raw))
        .iter()
        .map(|x| x["service_request_id"].as_str().unwrap().to_owned())
        .collect()
}

both!(discovery_and_services, discovery_and_services_body);
async fn discovery_and_services_body(t: TestApp) {
    let c = Client::new(&t);

    let d = c.get("discovery.json", &[]).await;
    assert_eq!(d.status, StatusCode::OK, "{}", d.raw);
    assert_eq!(d.content_type, JSON);
    let ep = &d.json["endpoints"][0];
    assert_eq!(ep["specification"], "http://wiki.open311.org/GeoReport_v2");
    assert_eq!(ep["formats"], json!(["text/xml", "application/json"]));
    assert!(ep["url"].as_str().unwrap().ends_with("/open311/v2"), "{}", d.raw);
    assert!(d.json["changeset"].as_str().unwrap().ends_with("+08:00"));
    let d = c.get("discovery.xml", &[]).await;
    assert_eq!(d.content_type, XML);
    assert_eq!(xml_root(&d.raw), "discovery");
    assert_eq!(xml_texts(&d.raw, "format"), ["text/xml", "application/json"]);

    // Services: a bare array, the same in XML.
    let s = c.get("services.json", &[]).await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.raw);
    assert_eq!(s.content_type, JSON);
    let list = s.json.as_array().expect("a bare array");
    let road = list.iter().find(|x| x["service_code"] == "road").expect("road");
    assert_eq!(road["service_name"], "Roads and transport");
    assert_eq!(road["metadata"], true);
    assert_eq!(road["type"], "realtime");
    assert_eq!(road["group"], "基础设施");
    assert!(road["keywords"].as_str().unwrap().contains(','), "{}", s.raw);
    assert_eq!(list.iter().find(|x| x["service_code"] == "other").unwrap()["metadata"], false);
    let sx = c.get("services.xml", &[]).await;
    assert_eq!(sx.content_type, XML);
    assert_eq!(xml_root(&sx.raw), "services");
    assert!(sx.raw.contains("<services><service><service_code>"), "{}", sx.raw);
    assert_eq!(xml_texts(&sx.raw, "service_code").len(), list.len());

    // A service definition.
    let def = c.get("services/road.json", &[]).await;
    assert_eq!(def.status, StatusCode::OK, "{}", def.raw);
    assert_eq!(def.json["service_code"], "road");
    let attr = &def.json["attributes"][0];
    assert_eq!(attr["code"], "hazard");
    assert_eq!(attr["variable"], true);
    assert_eq!(attr["datatype"], "singlevaluelist");
    assert_eq!(attr["required"], true);
    assert_eq!(attr["order"], 1);
    assert_eq!(attr["description"], "Is it a safety hazard");
    let keys: Vec<&str> = attr["values"].as_array().unwrap().iter().map(|v| v["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["yes", "no"]);
    let defx = c.get("services/road.xml", &[]).await;
    assert_eq!(xml_root(&defx.raw), "service_definition");
    assert!(defx.raw.contains("<attributes><attribute><variable>true</variable><code>hazard</code>"), "{}", defx.raw);
    assert_eq!(xml_texts(&defx.raw, "key"), ["yes", "no"]);
    let none = c.get("services/other.json", &[]).await;
    assert_eq!(none.json["attributes"], json!([]));

    // Missing resources.
    error(&c.get("services/spaceships.json", &[]).await, StatusCode::NOT_FOUND, JSON);
    error(&c.get("services/spaceships.xml", &[]).await, StatusCode::NOT_FOUND, XML);
    error(&c.get("services.html", &[]).await, StatusCode::NOT_FOUND, XML);
    error(&c.get("nothing.json", &[]).await, StatusCode::NOT_FOUND, JSON);
    error(&c.get("requests/ABCDE23456/more.json", &[]).await, StatusCode::NOT_FOUND, JSON);
    error(&c.post("services.json", &[]).await, StatusCode::BAD_REQUEST, JSON);

    // Jurisdictions: optional with one county, an empty one is absent, an unknown one is 404.
    let county = area_code(&t, "青山县").await;
    assert_eq!(c.get("services.json", &[("jurisdiction_id", &county)]).await.json, s.json);
    assert_eq!(c.get("services.json", &[("jurisdiction_id", "")]).await.json, s.json);
    error(&c.get("services.json", &[("jurisdiction_id", "123456789012")]).await, StatusCode::NOT_FOUND, JSON);
    error(&c.get("services.xml", &[("jurisdiction_id", "123456789012")]).await, StatusCode::NOT_FOUND, XML);
    let village = area_code(&t, "石门村").await;
    error(&c.get("services.json", &[("jurisdiction_id", &village)]).await, StatusCode::NOT_FOUND, JSON);

    // With a second county it is required.
    let city = t.area_id("示例市").await;
    lianxin_app::orgs::create_area(
        &t.ctx(),
        lianxin_app::orgs::AreaNew { parent: Some(city), level: None, code: "990122000000".into(), name: "绿水县".into() },
    )
    .await
    .unwrap();
    error(&c.get("services.json", &[]).await, StatusCode::BAD_REQUEST, JSON);
    error(&c.get("requests.xml", &[]).await, StatusCode::BAD_REQUEST, XML);
    assert_eq!(c.get("services.json", &[("jurisdiction_id", &county)]).await.json, s.json);
    let other = c.get("services.json", &[("jurisdiction_id", "990122000000")]).await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.raw);
    assert_eq!(other.json, json!([]), "the new county has no categories yet");
}

both!(file_and_read_back, file_and_read_back_body);
async fn file_and_read_back_body(t: TestApp) {
    let c = Client::new(&t);
    let key = t.token("secretary", TokenAccess::Write).await;
    let shimen = area_code(&t, "石门村").await;
    let count = appeal_count(&t).await;

    // Filed with lat/long, the village being the key's only one.
    let description = "桥头路面塌陷，车辆只能绕行";
    let r = c
        .post(
            "requests.json",
            &[
                ("api_key", key.as_str()),
                ("service_code", "road"),
                ("lat", "30.1234"),
                ("long", "114.5678"),
                ("description", description),
                ("attribute[hazard]", "yes"),
                ("first_name", NAME_FIRST),
                ("last_name", NAME_LAST),
                ("phone", PHONE),
                ("account_id", "app-42"),
                ("jurisdiction_id", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.raw);
    assert_eq!(r.content_type, JSON);
    let arr = r.json.as_array().expect("array");
    assert_eq!(arr.len(), 1);
    let id = arr[0]["service_request_id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 10);
    assert!(!arr[0]["service_notice"].as_str().unwrap().is_empty());
    assert_eq!(arr[0]["account_id"], "app-42");
    assert_eq!(appeal_count(&t).await, count + 1);
    // The same cross-site headers are refused by the pages' CSRF protection: Open311 is outside it.
    let page = reqwest::Client::new()
        .post(t.url("/login"))
        .header("origin", "https://reports.example.org")
        .header("sec-fetch-site", "cross-site")
        .form(&[("username", "secretary"), ("password", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::FORBIDDEN);

    // Readable by id in JSON and XML.
    let one = c.get(&format!("requests/{id}.json"), &[]).await;
    assert_eq!(one.status, StatusCode::OK, "{}", one.raw);
    assert_eq!(one.content_type, JSON);
    let req = &one.json.as_array().expect("1-element array")[0];
    assert_eq!(one.json.as_array().unwrap().len(), 1);
    assert_eq!(req["service_request_id"], id.as_str());
    assert_eq!(req["status"], "open");
    assert_eq!(req["status_notes"], "Submitted, awaiting acceptance");
    assert_eq!(req["service_code"], "road");
    assert_eq!(req["service_name"], "Roads and transport");
    assert_eq!(req["description"], description);
    assert_eq!(req["agency_responsible"], "Village committee");
    assert_eq!(req["address_id"], shimen.as_str());
    assert_eq!(req["lat"], 30.1234);
    assert_eq!(req["long"], 114.5678);
    for f in ["requested_datetime", "updated_datetime", "expected_datetime"] {
        let v = req[f].as_str().unwrap_or_else(|| panic!("{f}: {}", one.raw));
        assert!(chrono::DateTime::parse_from_rfc3339(v).is_ok() && v.ends_with("+08:00"), "{f} = {v}");
    }
    let onex = c.get(&format!("requests/{id}.xml"), &[]).await;
    assert_eq!(onex.content_type, XML);
    assert_eq!(xml_root(&onex.raw), "service_requests");
    assert!(onex.raw.contains(&format!("<service_requests><request><service_request_id>{id}</service_request_id>")), "{}", onex.raw);
    assert_eq!(xml_texts(&onex.raw, "description"), [description]);
    assert_eq!(xml_texts(&onex.raw, "status"), ["open"]);
    // The dashed form people read out is the same request; the token is the code too.
    let dashed = format!("{}-{}", &id[..5], &id[5..]);
    assert_eq!(c.get(&format!("requests/{dashed}.json"), &[]).await.json, one.json);
    let tok = c.get(&format!("tokens/{id}.json"), &[]).await;
    assert_eq!(tok.status, StatusCode::OK, "{}", tok.raw);
    assert_eq!(tok.json, json!([{ "service_request_id": id, "token": id }]));
    let tokx = c.get(&format!("tokens/{id}.xml"), &[]).await;
    assert_eq!(xml_root(&tokx.raw), "service_requests");
    assert_eq!(xml_texts(&tokx.raw, "token"), [id.as_str()]);

    // Filed in XML by address_id and address_string, HTML kept as text and escaped.
    let html = "<b>路灯</b> & \"灯杆\" '歪了'";
    let r = c
        .post(
            "requests.xml",
            &[
                ("api_key", key.as_str()),
                ("service_code", "road"),
                ("address_id", shimen.as_str()),
                ("address_string", "石门村二组路口"),
                ("description", html),
                ("attribute[hazard][]", "no"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.raw);
    assert_eq!(r.content_type, XML);
    assert_eq!(xml_root(&r.raw), "service_requests");
    let id2 = xml_texts(&r.raw, "service_request_id").pop().expect("an id");
    let two = c.get(&format!("requests/{id2}.json"), &[]).await;
    assert_eq!(two.json[0]["description"], html);
    assert_eq!(two.json[0]["address"], "石门村二组路口");
    assert_eq!(two.json[0]["lat"], Value::Null);
    let twox = c.get(&format!("requests/{id2}.xml"), &[]).await;
    xml_root(&twox.raw);
    assert!(twox.raw.contains("&lt;b&gt;路灯&lt;/b&gt; &amp; &quot;灯杆&quot; &apos;歪了&apos;"), "{}", twox.raw);
    assert_eq!(xml_texts(&twox.raw, "description"), [html]);
    let count = appeal_count(&t).await;

    // Refusals, each changing nothing.
    let good: Vec<(&str, &str)> = vec![
        ("api_key", key.as_str()),
        ("service_code", "road"),
        ("lat", "30.1"),
        ("long", "114.2"),
        ("description", "路灯不亮"),
        ("attribute[hazard]", "yes"),
    ];
    let without = |name: &str| good.iter().copied().filter(|(k, _)| *k != name).collect::<Vec<_>>();
    let with = |name: &'static str, value: &'static str| {
        let mut f: Vec<(&str, &str)> = good.iter().copied().filter(|(k, _)| *k != name).collect();
        f.push((name, value));
        f
    };
    let reader = t.token("secretary", TokenAccess::Read).await;
    let neighbour = t.token("secretary2", TokenAccess::Write).await;
    let long_text = "路".repeat(4001);
    let mut by_neighbour = without("api_key");
    by_neighbour.push(("api_key", neighbour.as_str()));
    by_neighbour.push(("address_id", shimen.as_str()));
    let mut by_reader = without("api_key");
    by_reader.push(("api_key", reader.as_str()));
    let mut too_long = without("description");
    too_long.push(("description", long_text.as_str()));
    type Form<'f> = Vec<(&'f str, &'f str)>;
    let cases: Vec<(&str, Form, StatusCode)> = vec![
        ("no api_key", without("api_key"), StatusCode::FORBIDDEN),
        ("empty api_key", with("api_key", ""), StatusCode::FORBIDDEN),
        ("bad api_key", with("api_key", "not-a-token"), StatusCode::FORBIDDEN),
        ("read-only api_key", by_reader, StatusCode::FORBIDDEN),
        ("another village's key", by_neighbour, StatusCode::FORBIDDEN),
        ("no location", without("lat").into_iter().filter(|(k, _)| *k != "long").collect(), StatusCode::BAD_REQUEST),
        ("half a location", without("long"), StatusCode::BAD_REQUEST),
        ("not a number", with("lat", "north"), StatusCode::BAD_REQUEST),
        ("missing required attribute", without("attribute[hazard]"), StatusCode::BAD_REQUEST),
        ("attribute outside its list", with("attribute[hazard]", "maybe"), StatusCode::BAD_REQUEST),
        ("no service_code", without("service_code"), StatusCode::BAD_REQUEST),
        ("unknown service", with("service_code", "spaceships"), StatusCode::BAD_REQUEST),
        ("description over 4000", too_long, StatusCode::BAD_REQUEST),
        ("unknown address_id", with("address_id", "990121999999"), StatusCode::BAD_REQUEST),
        ("unknown jurisdiction", with("jurisdiction_id", "123456789012"), StatusCode::NOT_FOUND),
    ];
    for (what, form, status) in cases {
        for (path, format) in [("requests.json", JSON), ("requests.xml", XML)] {
            let r = c.post(path, &form).await;
            assert_eq!(r.status, status, "{what} ({path}): {}", r.raw);
            error(&r, status, format);
            assert_eq!(appeal_count(&t).await, count, "{what} changed nothing");
        }
    }
    let json_body = reqwest::Client::new()
        .post(t.url("/open311/v2/requests.json"))
        .json(&json!({ "api_key": key, "service_code": "road", "lat": 30.1, "long": 114.2, "attribute[hazard]": "yes" }))
        .send()
        .await
        .unwrap();
    error(&c.reply(json_body).await, StatusCode::BAD_REQUEST, JSON);
    assert_eq!(appeal_count(&t).await, count, "a JSON body is refused");
    let r = c.post("requests.json", &without("attribute[hazard]")).await;
    assert!(r.json[0]["description"].as_str().unwrap().starts_with("attribute:"), "{}", r.raw);

    c.assert_no_personal_data();
}

both!(request_lists_and_privacy, request_lists_and_privacy_body);
async fn request_lists_and_privacy_body(t: TestApp) {
    let c = Client::new(&t);
    let key = t.token("secretary", TokenAccess::Write).await;
    let shimen = t.area_id("石门村").await;
    let base = |code: &str, text: &str| json!({ "village_id": shimen, "service_code": code, "description": text, "not_duplicate": true, "name": "王大爷", "phone": PHONE });
    let mut road = base("road", "村东头的桥面裂开了");
    road["attributes"] = json!({ "hazard": "yes" });
    let (_, road_code) = file_via_api(&t, &key, road).await;
    let (_, water_code) = file_via_api(&t, &key, base("water", "二组水压太低")).await;
    let (rejected_id, rejected_code) = file_via_api(&t, &key, base("other", "想申请村里统一买化肥")).await;
    let mut private = base("dispute", "邻居占了我家的宅基地");
    private["public"] = json!(false);
    private["name"] = json!(PRIVATE_NAME);
    private["phone"] = json!(PRIVATE_PHONE);
    let (_, private_code) = file_via_api(&t, &key, private).await;
    let r = reqwest::Client::new()
        .post(t.url(&format!("/api/v1/appeals/{rejected_id}/steps")))
        .bearer_auth(&key)
        .json(&json!({ "step": "reject", "text": "不属于村里的职责" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);

    // The default list: the last 90 days, public only.
    let all = c.get("requests.json", &[]).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.raw);
    assert_eq!(all.content_type, JSON);
    let mut got = codes(&all);
    got.sort();
    let mut want = vec![road_code.clone(), water_code.clone(), rejected_code.clone()];
    want.sort();
    assert_eq!(got, want, "public ones only: {}", all.raw);
    let allx = c.get("requests.xml", &[]).await;
    assert_eq!(xml_root(&allx.raw), "service_requests");
    assert_eq!(xml_texts(&allx.raw, "service_request_id").len(), 3);
    assert!(!allx.raw.contains(&private_code));

    // The private one is never found, however asked.
    error(&c.get(&format!("requests/{private_code}.json"), &[]).await, StatusCode::NOT_FOUND, JSON);
    error(&c.get(&format!("requests/{private_code}.xml"), &[]).await, StatusCode::NOT_FOUND, XML);
    error(&c.get(&format!("tokens/{private_code}.json"), &[]).await, StatusCode::NOT_FOUND, JSON);
    let by_ids = c.get("requests.json", &[("service_request_id", &format!("{private_code},{water_code}"))]).await;
    assert_eq!(codes(&by_ids), std::slice::from_ref(&water_code));
    error(&c.get("requests/NOTACODE.json", &[]).await, StatusCode::NOT_FOUND, JSON);

    // Filters.
    assert_eq!(codes(&c.get("requests.json", &[("service_code", "water")]).await), std::slice::from_ref(&water_code));
    let mut two = codes(&c.get("requests.json", &[("service_code", "water,road")]).await);
    two.sort();
    let mut want2 = vec![road_code.clone(), water_code.clone()];
    want2.sort();
    assert_eq!(two, want2);
    let closed = c.get("requests.json", &[("status", "closed")]).await;
    assert_eq!(codes(&closed), std::slice::from_ref(&rejected_code));
    assert_eq!(closed.json[0]["status"], "closed");
    assert_eq!(closed.json[0]["status_notes"], "Rejected");
    let open = codes(&c.get("requests.json", &[("status", "open")]).await);
    assert_eq!(open.len(), 2);
    assert!(!open.contains(&rejected_code));
    assert_eq!(codes(&c.get("requests.json", &[("status", "open,closed")]).await).len(), 3);
    error(&c.get("requests.json", &[("status", "pending")]).await, StatusCode::BAD_REQUEST, JSON);

    let now = t.clock.now();
    let at = |d: Duration| {
        (now + d).with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap()).to_rfc3339_opts(SecondsFormat::Secs, false)
    };
    let (yesterday, tomorrow) = (at(Duration::days(-1)), at(Duration::days(1)));
    assert_eq!(codes(&c.get("requests.json", &[("start_date", &yesterday), ("end_date", &tomorrow)]).await).len(), 3);
    assert!(codes(&c.get("requests.json", &[("start_date", &tomorrow)]).await).is_empty());
    assert!(codes(&c.get("requests.json", &[("end_date", &yesterday)]).await).is_empty());
    let utc = (now - Duration::days(1)).to_rfc3339_opts(SecondsFormat::Secs, true);
    assert_eq!(codes(&c.get("requests.json", &[("start_date", &utc)]).await).len(), 3, "Z is a timezone too");
    let long_ago = at(Duration::days(-100));
    error(&c.get("requests.json", &[("start_date", &long_ago), ("end_date", &tomorrow)]).await, StatusCode::BAD_REQUEST, JSON);
    error(&c.get("requests.xml", &[("start_date", &long_ago), ("end_date", &tomorrow)]).await, StatusCode::BAD_REQUEST, XML);
    error(&c.get("requests.json", &[("start_date", &tomorrow), ("end_date", &yesterday)]).await, StatusCode::BAD_REQUEST, JSON);
    error(&c.get("requests.json", &[("start_date", "last week")]).await, StatusCode::BAD_REQUEST, JSON);

    // Pages (oldest first).
    let first = codes(&c.get("requests.json", &[("page_size", "2")]).await);
    let second = codes(&c.get("requests.json", &[("page_size", "2"), ("page", "2")]).await);
    assert_eq!(first.len(), 2);
    assert_eq!(second.len(), 1);
    assert!(!first.contains(&second[0]));
    error(&c.get("requests.json", &[("page", "0")]).await, StatusCode::BAD_REQUEST, JSON);
    error(&c.get("requests.json", &[("page_size", "many")]).await, StatusCode::BAD_REQUEST, JSON);

    // A jurisdiction that holds them, and one that does not.
    let qingshan = area_code(&t, "青山镇").await;
    assert_eq!(codes(&c.get("requests.json", &[("jurisdiction_id", &qingshan)]).await).len(), 3);
    let baishi = area_code(&t, "白石乡").await;
    assert!(codes(&c.get("requests.json", &[("jurisdiction_id", &baishi)]).await).is_empty());
    error(&c.get(&format!("requests/{road_code}.json"), &[("jurisdiction_id", &baishi)]).await, StatusCode::NOT_FOUND, JSON);

    // 100 days on, the default window is empty but ids still reach them.
    t.clock.advance(Duration::days(100));
    assert!(codes(&c.get("requests.json", &[]).await).is_empty());
    assert_eq!(codes(&c.get("requests.json", &[("service_request_id", &road_code)]).await), std::slice::from_ref(&road_code));

    c.assert_no_personal_data();
}

// ---------------------------------------------------------------------------------------------
// media_url: the first photo of a public appeal, at the address villagers reach
// ---------------------------------------------------------------------------------------------

both!(media_url_is_the_first_photo, media_url_body);
async fn media_url_body(t: TestApp) {
    use lianxin_app::appeals::intake::{self, NewAppeal, NewPhoto, Submitted};
    let c = Client::new(&t);
    let shimen = t.area_id("石门村").await;
    let villager = {
        let mut c = lianxin_app::Ctx::new(t.app.clone(), lianxin_app::Actor::Anonymous);
        c.ip = Some("10.0.0.5".into());
        c
    };
    let jpeg = |fill: u8| NewPhoto { bytes: lianxin_app::photos::samples::jpeg(16, 16, [fill, fill, fill]) };
    let need = |text: &str, photos: Vec<NewPhoto>| NewAppeal {
        village: Some(shimen),
        service_code: "water".into(),
        description: text.into(),
        not_duplicate: true,
        photos,
        ..Default::default()
    };
    let filed = |n| async {
        match intake::submit(&villager, n).await.expect("submit") {
            Submitted::Created { appeal, .. } => *appeal,
            Submitted::Similar { .. } => panic!("expected a new appeal"),
        }
    };
    let with = filed(need("三组的水管漏水了", vec![jpeg(10), jpeg(200)])).await;
    let without = filed(need("五组的水压太低", Vec::new())).await;
    let first = lianxin_store::appeals::photo_ids(t.app.db.conn(), with.id).await.expect("photos")[0].id;
    let first_bytes = lianxin_store::appeals::photo(t.app.db.conn(), first).await.expect("photo").expect("stored").data;

    for format in ["json", "xml"] {
        let one = c.get(&format!("requests/{}.{format}", with.code), &[]).await;
        assert_eq!(one.status, StatusCode::OK, "{}", one.raw);
        let url = if format == "json" {
            one.json[0]["media_url"].as_str().expect("media_url").to_owned()
        } else {
            xml_texts(&one.raw, "media_url")[0].clone()
        };
        assert_eq!(url, t.url(&format!("/appeal-photos/{first}")), "{format}");
        // It answers with the photo, to anyone.
        let photo = reqwest::get(&url).await.expect("photo");
        assert_eq!(photo.status(), StatusCode::OK);
        assert_eq!(photo.bytes().await.expect("bytes"), first_bytes, "the first photo");
    }
    let none = c.get(&format!("requests/{}.json", without.code), &[]).await;
    assert_eq!(none.json[0]["media_url"], Value::Null);
    c.assert_no_personal_data();
}
