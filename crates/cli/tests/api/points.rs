//! Points through the pages and the use cases, under the injected clock: points entered by hand
//! are refused without evidence or with an impossible value (nothing kept), count only once
//! someone other than who entered them approves them, and the standings count recorded service —
//! meetings attended, household contacts — each capped by the county's table; a member reads
//! their own points with the evidence and nobody else's.

use reqwest::StatusCode;
use serde_json::json;

use crate::both;
use crate::helpers::{self, TestApp, ctx_for};

async fn errors_on(r: reqwest::Response) -> String {
    let page = r.text().await.unwrap_or_default();
    page.split("role=\"alert\">").skip(1).map(|s| s.split('<').next().unwrap_or("")).collect::<Vec<_>>().join(" | ")
}

async fn total_of(t: &TestApp, member: uuid::Uuid, period: &str) -> (i32, Vec<(String, u64)>) {
    let branch = t.org_id("中共石门村支部委员会").await;
    let p = lianxin_core::meetings::Period::parse(period).unwrap();
    let s = lianxin_app::points::standings(&ctx_for(t, "secretary").await, branch, p).await.unwrap();
    let row = s.rows.iter().find(|r| r.member.id == member).cloned().unwrap();
    (row.score.total, row.score.lines.iter().map(|l| (l.item.clone(), l.times)).collect())
}

async fn points_for_service(t: TestApp) {
    let branch = t.org_id("中共石门村支部委员会").await;
    // An assembly on 10 May with everyone present: one meeting attended each.
    helpers::assembly_vote(&t, "2026-05-10", "通过发展对象").await;
    t.clock.set(helpers::afternoon("2026-05-12"));
    let me = lianxin_store::people::member_by_person(t.app.db.conn(), t.person_of("member").await).await.unwrap().unwrap();
    let (before, lines) = total_of(&t, me.id, "2026-Q2").await;
    assert_eq!(lines.iter().find(|l| l.0 == "meeting_present").map(|l| l.1), Some(1), "{lines:?}");
    assert_eq!(before, 101, "base 100 and one meeting attended");

    // A household contact logged by the member counts too.
    lianxin_app::demo::link_named_member(&t.ctx()).await.unwrap();
    let household = lianxin_store::people::links_of_member(t.app.db.conn(), me.id).await.unwrap()[0];
    let input = lianxin_app::care::ContactInput { on: Some(t.app.today()), kind: "visit".into(), note: "问了春耕用肥".into() };
    lianxin_app::care::log_household_contact(&ctx_for(&t, "member").await, me.id, household, input).await.unwrap();
    assert_eq!(total_of(&t, me.id, "2026-Q2").await.0, 102);

    // Points by hand: a value of zero, no evidence and a day ahead are all named; nothing kept.
    let sec = t.browser_as("secretary").await;
    let url = t.url(&format!("/orgs/{branch}/points/new"));
    let form = |points: &str, evidence: &str, on: &str| {
        vec![
            ("member", me.id.to_string()),
            ("happened_on", on.to_owned()),
            ("item", "带头参加防汛抢险".to_owned()),
            ("points", points.to_owned()),
            ("evidence", evidence.to_owned()),
        ]
    };
    let r = sec.post(&url).form(&form("0", "", "2026-05-13")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let says = errors_on(r).await;
    assert!(says.contains("-20 到 20") && says.contains("必须填写") && says.contains("不能晚于今天"), "{says}");
    let r = sec.post(&url).form(&form("25", "镇防汛办证明", "2026-05-11")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let root =
        lianxin_core::tree::TreePath::parse(&lianxin_store::orgs::org(t.app.db.conn(), branch).await.unwrap().unwrap().path).unwrap();
    let (from, to) = (chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
    for status in ["pending", "approved", "rejected"] {
        assert_eq!(lianxin_store::points::count_entries_in(t.app.db.conn(), &root, from, to, status).await.unwrap(), 0, "nothing entered");
    }

    let r = sec.post(&url).form(&form("+3", "镇防汛办出具的证明，编号 2026-017", "2026-05-11")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let first = lianxin_core::paging::Window::first(10);
    let entry = lianxin_store::points::entries_in(t.app.db.conn(), &root, from, to, "pending", first).await.unwrap().remove(0);
    assert_eq!(total_of(&t, me.id, "2026-Q2").await.0, 102, "not counted before it is approved");
    let pending = sec.get(t.url(&format!("/orgs/{branch}/points/pending"))).send().await.unwrap().text().await.unwrap();
    assert!(pending.contains("带头参加防汛抢险") && pending.contains("+3"));

    // Not by who entered it; by the township; once.
    let decide = t.url(&format!("/points/entries/{}/decide", entry.id));
    let r = sec.post(&decide).form(&[("decision", "approve")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(lianxin_store::points::entry(t.app.db.conn(), entry.id).await.unwrap().unwrap().status, "pending");
    let township = t.browser_as("township").await;
    let r = township.post(&decide).form(&[("decision", "approve")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(total_of(&t, me.id, "2026-Q2").await.0, 105);
    assert_eq!(total_of(&t, me.id, "2026-Q1").await.0, 100, "another quarter counts none of it");
    let r = township.post(&decide).form(&[("decision", "reject"), ("decision_note", "重复")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(t.audit_count("points.decide", "ok", Some(&entry.id.to_string())).await, 1);

    // The standings, the spreadsheet, and the member's own page with the evidence.
    let page = sec.get(t.url(&format!("/orgs/{branch}/points?period=2026-Q2"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&me.person_name) && page.contains("参加组织生活 +1") && page.contains("录入积分 +3"), "{page}");
    let xlsx = sec.get(t.url(&format!("/orgs/{branch}/points.xlsx?period=2026-Q2"))).send().await.unwrap();
    assert_eq!(xlsx.status(), StatusCode::OK);
    let member = t.browser_as("member").await;
    let mine = member.get(t.url(&format!("/points/members/{}?period=2026-Q2", me.id))).send().await.unwrap();
    assert_eq!(mine.status(), StatusCode::OK);
    let mine = mine.text().await.unwrap();
    assert!(mine.contains("合计 105 分") && mine.contains("支部党员大会") && mine.contains("镇防汛办出具的证明"), "{mine}");
    let other = lianxin_store::dues::paying_members(t.app.db.conn(), branch).await.unwrap().into_iter().find(|m| m.id != me.id).unwrap();
    assert_eq!(member.get(t.url(&format!("/points/members/{}", other.id))).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(member.get(t.url(&format!("/orgs/{branch}/points"))).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    let neighbour = t.browser_as("secretary2").await;
    assert_eq!(neighbour.get(t.url(&format!("/points/members/{}", me.id))).send().await.unwrap().status(), StatusCode::NOT_FOUND);

    // The rule on the API, under the same table.
    let r = sec
        .post(t.url("/api/v1/rules/points"))
        .json(&json!({ "meeting_present": 1, "household_contact": 1, "hand_added": 3 }))
        .send()
        .await
        .unwrap();
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["total"].as_u64(), Some(105), "{v}");
}

both!(points_for_service, points_for_service);
