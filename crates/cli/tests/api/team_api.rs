//! The service team's API — points, study hours, care, dues, member development, enterprises and
//! the leaders' pool — over HTTP with tokens, on both backends: each answer carries the figures
//! the use cases reckon (checked field by field against them, and against numbers the test set
//! up), another village's secretary finds none of 石门村's, a read-only token records nothing, a
//! bad body is named and keeps nothing, and the pool is the level above's to read.

use chrono::NaiveDate;
use lianxin_app::TokenAccess;
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::both;
use crate::helpers::{self, TestApp, ctx_for};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A caller holding an API token, reading answers in English.
struct Api<'a> {
    t: &'a TestApp,
    token: String,
    http: reqwest::Client,
}

impl<'a> Api<'a> {
    async fn new(t: &'a TestApp, username: &str, access: TokenAccess) -> Self {
        Api { t, token: t.token(username, access).await, http: reqwest::Client::new() }
    }

    async fn answer(r: reqwest::RequestBuilder) -> (StatusCode, Value) {
        let r = r.header("accept-language", "en-US").send().await.unwrap();
        let status = r.status();
        let raw = r.text().await.unwrap();
        (status, serde_json::from_str(&raw).unwrap_or(Value::String(raw)))
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        Self::answer(self.http.get(self.t.url(path)).bearer_auth(&self.token)).await
    }

    /// A read that must succeed.
    async fn ok(&self, path: &str) -> Value {
        let (s, v) = self.get(path).await;
        assert_eq!(s, StatusCode::OK, "{path}: {v}");
        v
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        Self::answer(self.http.post(self.t.url(path)).bearer_auth(&self.token).json(&body)).await
    }
}

/// An error with `status` naming `field`, with a message.
fn refused((status, v): &(StatusCode, Value), want: StatusCode, field: &str) {
    assert_eq!(*status, want, "{v}");
    assert_eq!(v["error"]["field"], field, "{v}");
    assert!(!v["error"]["message"].as_str().unwrap_or("").is_empty(), "{v}");
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array().expect("a list").iter().map(|r| r["member_id"].as_str().unwrap_or_default().to_owned()).collect()
}

fn find<'v>(list: &'v Value, key: &str, id: Uuid) -> &'v Value {
    list.as_array().expect("a list").iter().find(|r| r[key] == id.to_string()).unwrap_or_else(|| panic!("{id} not in {list}"))
}

/// Points, study, care, dues and development of 石门村's branch, read by its secretary.
async fn the_branch_reads_its_figures(t: TestApp) {
    let branch = t.org_id("中共石门村支部委员会").await;
    // An assembly on 10 May with everyone present; then the 12th.
    helpers::assembly_vote(&t, "2026-05-10", "通过发展对象").await;
    t.clock.set(helpers::afternoon("2026-05-12"));
    lianxin_app::demo::seed_care(&t.ctx()).await.unwrap();
    let sec = ctx_for(&t, "secretary").await;
    let me = lianxin_store::people::member_by_person(t.app.db.conn(), t.person_of("member").await).await.unwrap().unwrap();
    let members = lianxin_store::dues::paying_members(t.app.db.conn(), branch).await.unwrap();
    let api = Api::new(&t, "secretary", TokenAccess::Read).await;

    // Points: three by hand, approved by the township, beside the meeting attended.
    let entry = lianxin_app::points::EntryInput {
        member_id: Some(me.id),
        happened_on: Some(d("2026-05-11")),
        item: "带头参加防汛抢险".into(),
        points: "+3".into(),
        evidence: "镇防汛办出具的证明，编号 2026-017".into(),
    };
    let e = lianxin_app::points::enter(&sec, branch, entry).await.unwrap();
    lianxin_app::points::decide_entry(&ctx_for(&t, "township").await, e.id, true, "").await.unwrap();
    let v = api.ok(&format!("/api/v1/orgs/{branch}/points?period=2026-Q2")).await;
    assert_eq!((v["period"].as_str(), v["from"].as_str(), v["to"].as_str()), (Some("2026-Q2"), Some("2026-04-01"), Some("2026-06-30")));
    assert_eq!(v["org"]["name"], "中共石门村支部委员会");
    let q2 = lianxin_core::meetings::Period::parse("2026-Q2").unwrap();
    let s = lianxin_app::points::standings(&sec, branch, q2).await.unwrap();
    assert_eq!(ids(&v["members"]), s.rows.iter().map(|r| r.member.id.to_string()).collect::<Vec<_>>(), "the same members, highest first");
    for (row, want) in v["members"].as_array().unwrap().iter().zip(&s.rows) {
        assert_eq!(row["total"].as_i64(), Some(i64::from(want.score.total)), "{row}");
        assert_eq!(row["hand"].as_i64(), Some(i64::from(want.score.hand)));
        assert_eq!(row["status"], want.member.status.as_str());
        let times: Vec<(String, u64)> = row["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| (l["item"].as_str().unwrap().to_owned(), l["times"].as_u64().unwrap()))
            .collect();
        assert_eq!(times, want.score.lines.iter().map(|l| (l.item.clone(), l.times)).collect::<Vec<_>>());
        let actions: Vec<&str> = row["actions"].as_array().unwrap().iter().map(|a| a["action"].as_str().unwrap()).collect();
        assert_eq!(actions, want.score.actions.iter().map(|a| a.0.as_str()).collect::<Vec<_>>());
    }
    let mine = find(&v["members"], "member_id", me.id);
    let present = mine["lines"].as_array().unwrap().iter().find(|l| l["item"] == "meeting_present").unwrap();
    assert_eq!((present["times"].as_u64(), present["each"].as_i64(), present["counted"].as_i64()), (Some(1), Some(1), Some(1)));
    assert_eq!((mine["base"].as_i64(), mine["hand"].as_i64()), (Some(100), Some(3)));
    let total = mine["total"].as_i64().unwrap();
    assert!(total >= 104, "100, one meeting and three by hand, and any contacts: {mine}");
    // Without a period, this quarter; another quarter counts none of it.
    assert_eq!(api.ok(&format!("/api/v1/orgs/{branch}/points")).await["period"], "2026-Q2");
    let q1 = api.ok(&format!("/api/v1/orgs/{branch}/points?period=2026-Q1")).await;
    assert_eq!(find(&q1["members"], "member_id", me.id)["hand"].as_i64(), Some(0));
    // The evidence: the meeting, the entry, the same total.
    let ev = api.ok(&format!("/api/v1/members/{}/points?period=2026-Q2", me.id)).await;
    assert_eq!(ev["standing"]["total"].as_i64(), Some(total), "{ev}");
    let meeting = &ev["meetings"][0];
    assert_eq!((meeting["title"].as_str(), meeting["attendance"].as_str()), (Some("支部党员大会"), Some("present")), "{ev}");
    let kept = &ev["entries"][0];
    assert_eq!(
        (kept["points"].as_i64(), kept["status"].as_str(), kept["item"].as_str()),
        (Some(3), Some("approved"), Some("带头参加防汛抢险"))
    );
    // The member reads their own, not the branch's; a period that is none is named.
    let member = Api::new(&t, "member", TokenAccess::Read).await;
    assert_eq!(member.ok(&format!("/api/v1/members/{}/points?period=2026-Q2", me.id)).await["standing"]["total"].as_i64(), Some(total));
    assert_eq!(member.get(&format!("/api/v1/orgs/{branch}/points")).await.0, StatusCode::FORBIDDEN);
    refused(&api.get(&format!("/api/v1/orgs/{branch}/points?period=2026-Q5")).await, StatusCode::UNPROCESSABLE_ENTITY, "period");

    // Study: a two-day training of eight hours for the member, in tenths.
    let training = lianxin_app::study::TrainingInput {
        kind: "skills".into(),
        title: "茶叶种植技术培训".into(),
        organizer: "县农业农村局".into(),
        place: "村部".into(),
        starts_on: Some(d("2026-04-20")),
        ends_on: Some(d("2026-04-21")),
        hours: "8".into(),
        attendees: vec![me.id],
        ..Default::default()
    };
    lianxin_app::study::record_training(&sec, branch, training).await.unwrap();
    let v = api.ok(&format!("/api/v1/orgs/{branch}/study?year=2026")).await;
    let h = lianxin_app::study::hours(&sec, branch, 2026).await.unwrap();
    assert_eq!(ids(&v["members"]), h.rows.iter().map(|r| r.member.id.to_string()).collect::<Vec<_>>());
    for (row, want) in v["members"].as_array().unwrap().iter().zip(&h.rows) {
        let got: Vec<u64> =
            ["courses", "lectures", "trainings", "total", "required", "short"].iter().map(|k| row[k].as_u64().unwrap()).collect();
        let total = want.courses + want.lectures + want.trainings;
        assert_eq!(got, vec![want.courses, want.lectures, want.trainings, total, want.req.required, want.req.short], "{row}");
        assert_eq!(row["met"].as_bool(), Some(want.req.met));
    }
    let mine = find(&v["members"], "member_id", me.id);
    assert_eq!(mine["trainings"].as_u64(), Some(80), "{mine}");
    assert!(mine["required"].as_u64().unwrap() >= 320 && mine["met"] == false, "{mine}");
    assert_eq!(v["short"].as_u64(), Some(h.short() as u64));
    refused(&api.get(&format!("/api/v1/orgs/{branch}/study?year=1066")).await, StatusCode::UNPROCESSABLE_ENTITY, "year");

    // Care: a member registered in difficulty and visited is on the must-visit list, with why.
    let sick = members.iter().find(|m| !m.in_difficulty && m.id != me.id).unwrap();
    let difficulty = lianxin_app::care::DifficultyInput {
        member_id: Some(sick.id),
        kind: "illness".into(),
        note: "慢性病长期服药，医药费负担重".into(),
        registered_on: Some(d("2026-05-01")),
    };
    lianxin_app::care::register_difficulty(&sec, branch, difficulty).await.unwrap();
    let visit = lianxin_app::care::VisitInput {
        member_id: Some(sick.id),
        occasion: "illness".into(),
        planned_on: Some(d("2026-05-08")),
        visited_on: Some(d("2026-05-08")),
        visitors: "支部书记".into(),
        visitor_ids: Vec::new(),
        note: "送去慰问金 500 元".into(),
    };
    lianxin_app::care::plan_visit(&sec, branch, visit).await.unwrap();
    let v = api.ok(&format!("/api/v1/orgs/{branch}/care?year=2026")).await;
    let o = lianxin_app::care::overview(&sec, branch, 2026).await.unwrap();
    assert_eq!(ids(&v["must_visit"]), o.must.iter().map(|l| l.member.id.to_string()).collect::<Vec<_>>());
    for (row, want) in v["must_visit"].as_array().unwrap().iter().zip(&o.must) {
        assert_eq!(row["must"], true);
        assert_eq!(
            (row["in_difficulty"].as_bool(), row["elderly"].as_bool(), row["veteran"].as_bool()),
            (Some(want.check.in_difficulty), Some(want.check.elderly), Some(want.check.veteran))
        );
        assert_eq!(row["age"].as_u64(), want.check.age.map(u64::from), "{row}");
        assert_eq!(row["party_years"].as_u64(), want.check.party_years.map(u64::from), "{row}");
        assert_eq!(row["visited"].as_array().unwrap().len(), want.visited.len());
        assert_eq!(row["planned"].as_array().unwrap().len(), want.planned.len());
    }
    let line = find(&v["must_visit"], "member_id", sick.id);
    assert_eq!((line["in_difficulty"].as_bool(), line["counted_on"].as_str()), (Some(true), Some("2026-12-31")), "{line}");
    assert_eq!(line["visited"], json!(["2026-05-08"]));
    assert_eq!(v["difficulties"].as_array().unwrap().len(), o.difficulties.len());
    assert_eq!(v["visits"].as_array().unwrap().len(), o.visits.len());
    let registered = find(&v["difficulties"], "member_id", sick.id);
    assert_eq!((registered["kind"].as_str(), registered["closed_on"].is_null()), (Some("illness"), true));
    assert_eq!(find(&v["visits"], "member_id", sick.id)["occasion"], "illness");

    // Dues: a base of 5 000.01 yuan is 75.00 a month; January and February paid.
    let payer = members.iter().find(|m| m.id != me.id && m.id != sick.id).unwrap();
    let base =
        lianxin_app::dues::BaseInput { kind: Some(lianxin_core::dues::DuesKind::Employed), base: "5000.01".into(), note: String::new() };
    lianxin_app::dues::set_base(&sec, payer.id, 2026, base).await.unwrap();
    let months = vec![d("2026-01-01"), d("2026-02-01")];
    lianxin_app::dues::pay(&sec, payer.id, lianxin_app::dues::PayInput { months, paid_on: Some(d("2026-05-12")), ..Default::default() })
        .await
        .unwrap();
    let v = api.ok(&format!("/api/v1/orgs/{branch}/dues?year=2026")).await;
    let book = lianxin_app::dues::book(&sec, branch, 2026).await.unwrap();
    assert_eq!(ids(&v["members"]), book.rows.iter().map(|r| r.member.id.to_string()).collect::<Vec<_>>());
    assert_eq!((v["paid_fen"].as_i64(), v["owed_fen"].as_i64()), (Some(book.paid_fen()), Some(book.owed_fen())));
    assert_eq!((v["alerts"].as_u64(), v["without_base"].as_u64()), (Some(book.alerts() as u64), Some(book.without_base() as u64)));
    assert_eq!(v["through"], "2026-04-01", "the last month owed is April");
    let row = find(&v["members"], "member_id", payer.id);
    assert_eq!(
        (row["base"]["kind"].as_str(), row["base"]["base_fen"].as_i64(), row["base"]["monthly_fen"].as_i64()),
        (Some("employed"), Some(500_001), Some(7_500))
    );
    assert_eq!(row["paid_fen"].as_i64(), Some(15_000), "{row}");
    let cells = row["months"].as_array().unwrap();
    assert_eq!(cells.len(), 12);
    assert_eq!((cells[0]["paid_fen"].as_i64(), cells[1]["paid_on"].as_str()), (Some(7_500), Some("2026-05-12")));
    assert!(cells[2]["paid_fen"].is_null() && cells[2]["due"] == true && cells[5]["due"] == false, "{row}");
    let want = book.rows.iter().find(|r| r.member.id == payer.id).unwrap();
    assert_eq!(row["owed_fen"].as_i64(), Some(want.owed_fen()));
    assert_eq!(row["arrears"].as_array().unwrap().len(), want.arrears.owed.len());
    assert!(row["base"]["relief"].is_null() && row["base"]["owed_monthly_fen"].as_i64() == Some(7_500), "{row}");
    // A relief to 10.00 a month, proposed by the branch: still 75.00 owed until the township approves.
    let relief = lianxin_app::dues::ReliefInput { amount: "10".into(), reason: "家中遭灾".into() };
    lianxin_app::dues::relief::propose(&sec, payer.id, 2026, relief).await.unwrap();
    let v = api.ok(&format!("/api/v1/orgs/{branch}/dues?year=2026")).await;
    let base = &find(&v["members"], "member_id", payer.id)["base"];
    assert_eq!((base["relief"]["status"].as_str(), base["relief"]["monthly_fen"].as_i64()), (Some("pending"), Some(1_000)), "{base}");
    assert_eq!(base["owed_monthly_fen"].as_i64(), Some(7_500));
    let township = crate::helpers::ctx_for(&t, "township").await;
    lianxin_app::dues::relief::decide(&township, payer.id, 2026, true, "").await.unwrap();
    let v = api.ok(&format!("/api/v1/orgs/{branch}/dues?year=2026")).await;
    let base = &find(&v["members"], "member_id", payer.id)["base"];
    assert_eq!((base["relief"]["status"].as_str(), base["owed_monthly_fen"].as_i64()), (Some("approved"), Some(1_000)), "{base}");
    assert!(base["relief"]["decided_by"].as_str().is_some_and(|s| !s.is_empty()), "{base}");

    // Development: an applicant's case, waiting for the talk.
    let born = d("1998-05-01");
    let person = lianxin_app::people::persons::PersonInput {
        name: "王红梅".into(),
        birth_date: Some(born),
        area_id: t.area_id("石门村").await,
        ..Default::default()
    };
    let person = lianxin_app::people::persons::create(&sec, person).await.unwrap().id;
    let case = lianxin_app::development::open(&sec, branch, person, Some(d("2026-04-01")), "递交入党申请书").await.unwrap();
    let v = api.ok(&format!("/api/v1/orgs/{branch}/development")).await;
    let c = find(&v["items"], "id", case.id);
    assert_eq!(
        (c["stage"].as_str(), c["name"].as_str(), c["applied_on"].as_str()),
        (Some("applicant"), Some("王红梅"), Some("2026-04-01")),
        "{c}"
    );
    let next = lianxin_app::development::next(&case, 5).unwrap();
    assert_eq!(c["next"]["step"], "talk");
    assert_eq!(c["next"]["due_by"], json!(next.due_by), "{c}");
    let page = lianxin_app::development::cases(&sec, branch, true, None, 50).await.unwrap();
    let listed: Vec<String> = v["items"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(listed, page.cases.iter().map(|(c, _)| c.id.to_string()).collect::<Vec<_>>());
    // A page of one, then the next from its cursor.
    let one = api.ok(&format!("/api/v1/orgs/{branch}/development?limit=1")).await;
    assert_eq!(one["items"].as_array().unwrap().len(), 1);
    if listed.len() > 1 {
        let n = &one["next"];
        let after = format!("after_name={}&after_id={}", urlencode(n["after_name"].as_str().unwrap()), n["after_id"].as_str().unwrap());
        let two = api.ok(&format!("/api/v1/orgs/{branch}/development?limit=1&{after}")).await;
        assert_eq!(two["items"][0]["id"].as_str(), Some(listed[1].as_str()));
    }
    refused(&api.get(&format!("/api/v1/orgs/{branch}/development?limit=0")).await, StatusCode::UNPROCESSABLE_ENTITY, "limit");

    // Another village's secretary finds none of it.
    let neighbour = Api::new(&t, "secretary2", TokenAccess::Write).await;
    for path in [
        format!("/api/v1/orgs/{branch}/points"),
        format!("/api/v1/members/{}/points", me.id),
        format!("/api/v1/orgs/{branch}/study"),
        format!("/api/v1/orgs/{branch}/care"),
        format!("/api/v1/orgs/{branch}/dues"),
        format!("/api/v1/orgs/{branch}/development"),
        format!("/api/v1/orgs/{}/points", Uuid::now_v7()),
    ] {
        let (s, v) = neighbour.get(&path).await;
        assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")), "{path}: {v}");
    }
    let actor = ctx_for(&t, "secretary2").await.actor;
    let own = lianxin_app::policy::home_org(&actor, lianxin_app::policy::Action::ReadCare).expect("their own branch");
    assert_eq!(neighbour.ok(&format!("/api/v1/orgs/{own}/care?year=2026")).await["org"]["id"], own.to_string());
    // Without a token, nothing.
    let r = reqwest::get(t.url(&format!("/api/v1/orgs/{branch}/points"))).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// Enterprises with their services recorded through the API, and the leaders' pool.
async fn enterprises_and_the_pool(t: TestApp) {
    t.clock.set(helpers::afternoon("2026-05-12"));
    lianxin_app::demo::seed_enterprises(&t.ctx()).await.unwrap();
    let branch = t.org_id("中共石门村支部委员会").await;
    let shimen = t.area_id("石门村").await;
    let me = lianxin_store::people::member_by_person(t.app.db.conn(), t.person_of("member").await).await.unwrap().unwrap();
    let api = Api::new(&t, "secretary", TokenAccess::Write).await;

    // The village's list: the tea cooperative with its member, two live offers, two services.
    let v = api.ok(&format!("/api/v1/areas/{shimen}/enterprises?year=2026")).await;
    assert_eq!((v["area_name"].as_str(), v["year"].as_i64()), (Some("石门村"), Some(2026)));
    let list = lianxin_app::enterprises::list(&ctx_for(&t, "secretary").await, shimen, 2026).await.unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), list.lines.len());
    let tea = v["items"].as_array().unwrap().iter().find(|e| e["name"] == "石门村茶叶专业合作社").expect("the tea cooperative").clone();
    assert!(!v["items"].as_array().unwrap().iter().any(|e| e["name"] == "青山镇粮油加工厂"), "the township's mill is not the village's");
    assert_eq!(
        (tea["kind"].as_str(), tea["place"].as_str(), tea["status"].as_str()),
        (Some("cooperative"), Some("石门村"), Some("active"))
    );
    assert_eq!((tea["live_offers"].as_u64(), tea["services"].as_u64(), tea["needs"].as_u64()), (Some(2), Some(2), Some(0)), "{tea}");
    assert_eq!(tea["liaisons"][0]["member_id"], me.id.to_string());
    let id = tea["id"].as_str().unwrap().to_owned();
    let one = api.ok(&format!("/api/v1/enterprises/{id}?year=2026")).await;
    let kinds: Vec<&str> = one["services"].as_array().unwrap().iter().map(|s| s["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.len(), 2);
    assert!(kinds.contains(&"finance") && kinds.contains(&"market"), "{one}");
    assert!(one["offers"].as_array().unwrap().iter().all(|o| o["state"] == "open"), "{one}");
    assert_eq!((one["may_serve"].as_bool(), one["year"].as_i64()), (Some(true), Some(2026)));
    assert_eq!(api.ok(&format!("/api/v1/enterprises/{id}?year=2025")).await["services"], json!([]), "none the year before");

    // A service recorded: 201 with the record, kept and counted.
    let body = json!({ "member_id": me.id, "served_on": "2026-05-11", "kind": "policy", "note": "讲解茶园补贴政策，帮合作社备齐申报材料" });
    let (s, rec) = api.post(&format!("/api/v1/enterprises/{id}/services"), body.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{rec}");
    assert_eq!(
        (rec["kind"].as_str(), rec["served_on"].as_str(), rec["name"].as_str()),
        (Some("policy"), Some("2026-05-11"), Some(me.person_name.as_str()))
    );
    assert_eq!((rec["member_id"].as_str(), rec["enterprise_id"].as_str()), (Some(me.id.to_string().as_str()), Some(id.as_str())));
    let count = || async { api.ok(&format!("/api/v1/enterprises/{id}?year=2026")).await["services"].as_array().unwrap().len() };
    assert_eq!(count().await, 3);

    // A read-only token records nothing; a body without `kind`, or one naming no member, is
    // named and keeps nothing.
    let reader = Api::new(&t, "secretary", TokenAccess::Read).await;
    let (s, v) = reader.post(&format!("/api/v1/enterprises/{id}/services"), body.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    let mut no_kind = body.clone();
    no_kind.as_object_mut().unwrap().remove("kind");
    refused(&api.post(&format!("/api/v1/enterprises/{id}/services"), no_kind).await, StatusCode::UNPROCESSABLE_ENTITY, "kind");
    let mut odd_kind = body.clone();
    odd_kind["kind"] = json!("bribes");
    refused(&api.post(&format!("/api/v1/enterprises/{id}/services"), odd_kind).await, StatusCode::UNPROCESSABLE_ENTITY, "kind");
    let mut nobody = body.clone();
    nobody.as_object_mut().unwrap().remove("member_id");
    refused(&api.post(&format!("/api/v1/enterprises/{id}/services"), nobody).await, StatusCode::UNPROCESSABLE_ENTITY, "member_id");
    assert_eq!(count().await, 3, "nothing kept");

    // Another village's secretary finds neither the village's list nor the cooperative.
    let neighbour = Api::new(&t, "secretary2", TokenAccess::Write).await;
    assert_eq!(neighbour.get(&format!("/api/v1/enterprises/{id}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(neighbour.get(&format!("/api/v1/areas/{shimen}/enterprises")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(neighbour.post(&format!("/api/v1/enterprises/{id}/services"), body).await.0, StatusCode::NOT_FOUND);
    assert_eq!(count().await, 3);

    // Closing and reopening: a reason each time, the neighbour and a read-only token refused,
    // twice the same answered 409; each leaves the enterprise as the answer says.
    let close = format!("/api/v1/enterprises/{id}/dissolve");
    let reopen = format!("/api/v1/enterprises/{id}/reopen");
    refused(&api.post(&close, json!({ "reason": " " })).await, StatusCode::UNPROCESSABLE_ENTITY, "reason");
    assert_eq!(neighbour.post(&close, json!({ "reason": "停业" })).await.0, StatusCode::NOT_FOUND);
    assert_eq!(reader.post(&close, json!({ "reason": "停业" })).await.0, StatusCode::FORBIDDEN);
    assert_eq!(api.ok(&format!("/api/v1/enterprises/{id}")).await["status"], "active", "nothing changed");
    let (s, v) = api.post(&close, json!({ "reason": "合作社停业整顿" })).await;
    assert_eq!((s, v["status"].as_str(), v["id"].as_str()), (StatusCode::OK, Some("dissolved"), Some(id.as_str())), "{v}");
    assert_eq!(api.post(&close, json!({ "reason": "again" })).await.0, StatusCode::CONFLICT);
    let (s, v) = api.post(&reopen, json!({ "reason": "整顿结束，恢复经营" })).await;
    assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("active")), "{v}");
    assert_eq!(api.post(&reopen, json!({ "reason": "again" })).await.0, StatusCode::CONFLICT);
    assert_eq!(t.audit_count("enterprise.reopen", "ok", Some(id.as_str())).await, 1);

    // The pool: not the branch's own secretary's to read, the township's.
    let (s, v) = api.get(&format!("/api/v1/orgs/{branch}/leaders?year=2026")).await;
    assert_eq!((s, v["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")), "{v}");
    let township = Api::new(&t, "township", TokenAccess::Read).await;
    let v = township.ok(&format!("/api/v1/orgs/{branch}/leaders?year=2026")).await;
    let p = lianxin_app::leaders::pool(&ctx_for(&t, "township").await, branch, 2026).await.unwrap();
    assert_eq!(ids(&v["ranked"]), p.ranked.iter().map(|c| c.member.id.to_string()).collect::<Vec<_>>());
    assert_eq!(ids(&v["others"]), p.others.iter().map(|c| c.member.id.to_string()).collect::<Vec<_>>());
    assert!(!p.ranked.is_empty());
    for (n, (row, want)) in v["ranked"].as_array().unwrap().iter().zip(&p.ranked).enumerate() {
        assert_eq!(
            (row["rank"].as_u64(), row["standing"].as_str(), row["status"].as_str()),
            (Some(n as u64 + 1), Some("eligible"), Some("full"))
        );
        let r = &want.record;
        let got: Vec<u64> = ["resolved", "satisfied", "present", "absent", "study_tenths", "care", "enterprise_services"]
            .iter()
            .map(|k| row[k].as_u64().unwrap())
            .collect();
        assert_eq!(got, vec![r.resolved, r.satisfied, r.present, r.absent, r.study_tenths, r.care, want.enterprise_services], "{row}");
        assert_eq!((row["points"].as_i64(), row["study_met"].as_bool()), (Some(i64::from(r.points)), Some(r.study_met)));
        assert_eq!(row["attendance"].as_u64(), r.attendance());
        assert_eq!(row["grade"].as_str(), want.grade.map(|(g, _)| g.as_str()));
    }
    for row in v["others"].as_array().unwrap() {
        assert!(row["rank"].is_null() && row["standing"] != "eligible", "{row}");
        assert!(row["status"] != "full" || row["standing"] == "grade", "{row}");
    }
    let mine = v["ranked"]
        .as_array()
        .unwrap()
        .iter()
        .chain(v["others"].as_array().unwrap())
        .find(|r| r["member_id"] == me.id.to_string())
        .unwrap();
    assert_eq!(mine["enterprise_services"].as_u64(), Some(3), "two seeded and one through the API: {mine}");
    assert_eq!(v["org"]["name"], "中共石门村支部委员会");

    // The document lists the paths.
    let doc: Value = reqwest::get(t.url("/api/openapi.json")).await.unwrap().json().await.unwrap();
    for p in [
        "/api/v1/orgs/{id}/points",
        "/api/v1/members/{id}/points",
        "/api/v1/orgs/{id}/study",
        "/api/v1/orgs/{id}/care",
        "/api/v1/orgs/{id}/dues",
        "/api/v1/orgs/{id}/development",
        "/api/v1/areas/{id}/enterprises",
        "/api/v1/enterprises/{id}",
        "/api/v1/enterprises/{id}/services",
        "/api/v1/orgs/{id}/leaders",
    ] {
        assert!(doc["paths"].get(p).is_some(), "{p} missing");
    }
    assert!(doc["paths"]["/api/v1/enterprises/{id}/services"]["post"].is_object());
}

both!(the_branch_reads_its_figures, the_branch_reads_its_figures);
both!(enterprises_and_the_pool, enterprises_and_the_pool);
