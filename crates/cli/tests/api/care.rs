//! Care and pairing through the pages and the use cases, under the injected clock: a difficulty
//! registered (and refused when incomplete or in the future, nothing kept), the member on the
//! year's must-visit list until visited, the difficulty closed with what was done, a pair whose
//! helper must be a full member, a member logging contacts with their own households (and not
//! with anyone else's), the households not contacted for more than the setting's days, and who
//! may read and record care at all.

use lianxin_store::care as store;
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::both;
use crate::helpers::{self, TestApp, ctx_for};

async fn errors_on(r: reqwest::Response) -> String {
    let page = r.text().await.unwrap_or_default();
    page.split("role=\"alert\">").skip(1).map(|s| s.split('<').next().unwrap_or("")).collect::<Vec<_>>().join(" | ")
}

fn location(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().unwrap().to_owned()
}

fn id_in(r: &reqwest::Response) -> Uuid {
    Uuid::parse_str(location(r).rsplit('/').next().unwrap()).unwrap()
}

async fn member_record(t: &TestApp, id: Uuid) -> lianxin_store::entity::member::Model {
    lianxin_store::people::member(t.app.db.conn(), id).await.unwrap().unwrap()
}

async fn caring_for_members(t: TestApp) {
    let branch = t.org_id("中共石门村支部委员会").await;
    t.clock.set(helpers::afternoon("2026-06-01"));
    let sec = t.browser_as("secretary").await;
    let members = lianxin_store::dues::paying_members(t.app.db.conn(), branch).await.unwrap();
    let sick = members.iter().find(|m| !m.in_difficulty && !m.elderly_frail).unwrap().clone();
    let url = t.url(&format!("/orgs/{branch}/care/difficulties/new"));

    // No note and a day in the future: both named at once, nothing kept.
    let form = |note: &str, on: &str| {
        vec![("member", sick.id.to_string()), ("kind", "illness".to_owned()), ("note", note.to_owned()), ("registered_on", on.to_owned())]
    };
    let r = sec.post(&url).form(&form("", "2026-06-02")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let says = errors_on(r).await;
    assert!(says.contains("日期不能晚于今天") && says.contains("必须填写"), "{says}");
    assert!(store::difficulties_of(t.app.db.conn(), sick.id).await.unwrap().is_empty());
    // A member of another branch is not this branch's to register.
    let other = lianxin_store::dues::paying_members(t.app.db.conn(), t.org_id("中共柳湾村支部委员会").await).await.unwrap()[0].id;
    let mut wrong = form("住院治疗", "2026-05-30");
    wrong[0].1 = other.to_string();
    let r = sec.post(&url).form(&wrong).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors_on(r).await.contains("不是本组织的党员"));

    let r = sec.post(&url).form(&form("慢性病长期服药，医药费负担重", "2026-05-30")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let difficulty = id_in(&r);
    assert!(member_record(&t, sick.id).await.in_difficulty, "the member record follows the registry");
    assert_eq!(t.audit_count("care.difficulty", "ok", Some(&difficulty.to_string())).await, 1);

    // On the year's must-visit list, with the reason, not yet visited.
    let page = sec.get(t.url(&format!("/orgs/{branch}/care?year=2026"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&sick.person_name) && page.contains("登记为困难党员，应当走访慰问") && page.contains("未走访"));
    let must = |o: &lianxin_app::care::Overview| o.must.iter().find(|l| l.member.id == sick.id).map(|l| (l.visited.len(), l.planned.len()));
    let ctx = ctx_for(&t, "secretary").await;
    assert_eq!(must(&lianxin_app::care::overview(&ctx, branch, 2026).await.unwrap()), Some((0, 0)));

    // A visit planned, then recorded: not in the future, with who went and what was done.
    let r = sec
        .post(t.url(&format!("/orgs/{branch}/care/visits/new")))
        .form(&[("member", sick.id.to_string().as_str()), ("occasion", "illness"), ("planned_on", "2026-06-03")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let visit = id_in(&r);
    assert_eq!(must(&lianxin_app::care::overview(&ctx, branch, 2026).await.unwrap()), Some((0, 1)));
    let made = t.url(&format!("/care/visits/{visit}/made"));
    let r = sec.post(&made).form(&[("visited_on", "2026-06-02"), ("visitors", "张明"), ("note", "送去慰问金")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = sec.post(&made).form(&[("visited_on", "2026-06-01"), ("visitors", ""), ("note", "")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(store::visit(t.app.db.conn(), visit).await.unwrap().unwrap().visited_on.is_none());
    // The members who went are the organization's own: another branch's member is named, nothing kept.
    let went = members.iter().find(|m| m.id != sick.id).unwrap().clone();
    let (went_id, other_id) = (went.id.to_string(), other.to_string());
    let made_with = |visitor: &String| {
        vec![
            ("visited_on", "2026-06-01".to_owned()),
            ("visitors", "镇联村干部刘芳".into()),
            ("visitor", visitor.clone()),
            ("note", "送去慰问金 500 元".into()),
        ]
    };
    let r = sec.post(&made).form(&made_with(&other_id)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors_on(r).await.contains("不是本组织的党员"));
    assert!(store::visit(t.app.db.conn(), visit).await.unwrap().unwrap().visited_on.is_none());
    let period = lianxin_core::meetings::Period::parse("2026").unwrap();
    let visits_of = |s: &lianxin_app::points::Standings| s.rows.iter().find(|r| r.member.id == went.id).map(|r| r.times.visits);
    let before = lianxin_app::points::standings_fresh(&ctx, branch, period).await.unwrap();
    assert_eq!(visits_of(&before), Some(0));
    let r = sec.post(&made).form(&made_with(&went_id)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(must(&lianxin_app::care::overview(&ctx, branch, 2026).await.unwrap()), Some((1, 0)));
    let page = sec.get(t.url(&format!("/care/visits/{visit}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("走访的党员") && page.contains(&went.person_name) && page.contains("镇联村干部刘芳"), "{page}");
    // The visit counts for the member who went: in their points (看望慰问 +2) and care given.
    let after = lianxin_app::points::standings_fresh(&ctx, branch, period).await.unwrap();
    assert_eq!(visits_of(&after), Some(1));
    let line = |s: &lianxin_app::points::Standings| {
        s.rows
            .iter()
            .find(|r| r.member.id == went.id)
            .and_then(|r| r.score.lines.iter().find(|l| l.item == "care_visit").map(|l| l.counted))
    };
    assert_eq!((line(&before), line(&after)), (Some(0), Some(2)));
    let r = sec.post(&made).form(&[("visited_on", "2026-06-01"), ("visitors", "张明"), ("note", "又一次")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT, "a visit is recorded once");
    let xlsx = sec.get(t.url(&format!("/orgs/{branch}/care.xlsx?year=2026"))).send().await.unwrap();
    assert_eq!(xlsx.status(), StatusCode::OK);
    assert!(xlsx.headers()["content-type"].to_str().unwrap().contains("spreadsheetml"));

    // Closed with what was done: not before it was registered; once.
    let close = t.url(&format!("/care/difficulties/{difficulty}/close"));
    let r = sec.post(&close).form(&[("closed_on", "2026-05-01"), ("closed_note", "办理了大病救助")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors_on(r).await.contains("不能早于登记日期"));
    let r = sec.post(&close).form(&[("closed_on", "2026-06-01"), ("closed_note", "办理了大病救助")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(!member_record(&t, sick.id).await.in_difficulty);
    let r = sec.post(&close).form(&[("closed_on", "2026-06-01"), ("closed_note", "再办一次")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let page = sec.get(t.url(&format!("/care/difficulties/{difficulty}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("2026-06-01 办结") && page.contains("办理了大病救助"));

    // Who may read and record care.
    let me = t.browser_as("member").await;
    assert_eq!(me.get(t.url(&format!("/orgs/{branch}/care"))).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(me.post(&url).form(&form("x", "2026-05-30")).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    let inspector = t.browser_as("inspector").await;
    assert_eq!(inspector.get(t.url(&format!("/orgs/{branch}/care"))).send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(inspector.post(&url).form(&form("x", "2026-05-30")).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    let neighbour = t.browser_as("secretary2").await;
    assert_eq!(neighbour.get(t.url(&format!("/orgs/{branch}/care"))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(neighbour.get(t.url(&format!("/care/difficulties/{difficulty}"))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
}

both!(caring_for_members, caring_for_members);

/// A county's must-visit list goes a page at a time (every name reachable, the headline counting
/// all of them); the export holds the whole list.
async fn the_must_visit_list_pages(t: TestApp) {
    t.clock.set(helpers::afternoon("2026-06-01"));
    let county = t.org_id("中共青山县委员会").await;
    let c = t.app.db.conn();
    let root = lianxin_core::tree::TreePath::parse(&lianxin_store::orgs::org(c, county).await.unwrap().unwrap().path).unwrap();
    let members = lianxin_store::dues::paying_members_in(c, &root).await.unwrap();
    assert!(members.len() > 100, "the demo county has {} members, too few to page", members.len());
    let now = t.app.now();
    let tx = t.app.db.write().await.unwrap();
    for m in &members {
        let d = store::Difficulty {
            id: Uuid::now_v7(),
            member_id: m.id,
            person_name: m.person_name.clone(),
            org_path: m.org_path.clone(),
            kind: "illness".into(),
            note: "住院治疗".into(),
            registered_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            closed_on: None,
            closed_note: String::new(),
            recorded_by: "test".into(),
            recorded_at: now,
        };
        store::insert_difficulty(&tx, d).await.unwrap();
    }
    tx.commit().await.unwrap();
    let o = lianxin_app::care::overview(&ctx_for(&t, "county").await, county, 2026).await.unwrap();
    let total = o.must.len();
    assert!(total >= members.len(), "every member in difficulty must be visited: {total}");

    let staff = t.browser_as("county").await;
    let rows = |page: &str| page.matches("<td class=\"card-head\">").count();
    let first = staff.get(t.url(&format!("/orgs/{county}/care?year=2026"))).send().await.unwrap().text().await.unwrap();
    let must_part = |page: &str| page.split("id=\"must\"").nth(1).unwrap().split("<h2>").next().unwrap().to_owned();
    let (one, name) = (must_part(&first), &o.must[100].member.person_name);
    assert!(one.contains(&format!("应走访 {total} 人")), "the headline counts all");
    assert_eq!(rows(&one), 100, "a page of a hundred");
    assert!(one.contains("from=100#must") && one.contains("下一页") && !one.contains("上一页"));
    let second = staff.get(t.url(&format!("/orgs/{county}/care?year=2026&from=100"))).send().await.unwrap().text().await.unwrap();
    let two = must_part(&second);
    assert_eq!(rows(&two), (total - 100).min(100));
    assert!(two.contains(name.as_str()) && two.contains("上一页"), "the 101st is on the second page");
    // The spreadsheet holds them all.
    let x = staff.get(t.url(&format!("/orgs/{county}/care.xlsx?year=2026"))).send().await.unwrap();
    assert_eq!(x.status(), StatusCode::OK);
    let sheet = lianxin_app::sheets::read(&x.bytes().await.unwrap(), "c.xlsx", Default::default()).unwrap();
    assert_eq!(sheet.rows.len(), total, "every member, under the header");
}

both!(the_must_visit_list_pages, the_must_visit_list_pages);

async fn pairs_and_households(t: TestApp) {
    let branch = t.org_id("中共石门村支部委员会").await;
    t.clock.set(helpers::afternoon("2026-03-01"));
    lianxin_app::demo::link_named_member(&t.ctx()).await.unwrap();
    let sec = t.browser_as("secretary").await;
    let members = lianxin_store::dues::paying_members(t.app.db.conn(), branch).await.unwrap();
    let me_id = lianxin_store::people::member_by_person(t.app.db.conn(), t.person_of("member").await).await.unwrap().unwrap().id;
    let full = members.iter().find(|m| m.status == "full" && m.id != me_id).unwrap();
    let helped = members.iter().find(|m| m.id != full.id && m.id != me_id).unwrap();
    let url = t.url(&format!("/orgs/{branch}/pairs/new"));
    let form = |helper: Uuid, helped: Uuid, from: &str, to: &str| {
        vec![
            ("helper", helper.to_string()),
            ("helped", helped.to_string()),
            ("goal", "发展大棚蔬菜，年内增收一万元".to_owned()),
            ("starts_on", from.to_owned()),
            ("ends_on", to.to_owned()),
        ]
    };
    // A member helping themself, a period backwards, and (where there is one) a probationary helper.
    for (f, says) in [
        (form(full.id, full.id, "2026-03-01", "2026-12-31"), "同一个人"),
        (form(full.id, helped.id, "2026-12-31", "2026-03-01"), "结束日期不能早于开始日期"),
    ] {
        let r = sec.post(&url).form(&f).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(errors_on(r).await.contains(says));
    }
    if let Some(p) = members.iter().find(|m| m.status == "probationary") {
        let r = sec.post(&url).form(&form(p.id, full.id, "2026-03-01", "2026-12-31")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(errors_on(r).await.contains("帮扶人须是正式党员"));
    }
    let root =
        lianxin_core::tree::TreePath::parse(&lianxin_store::orgs::org(t.app.db.conn(), branch).await.unwrap().unwrap().path).unwrap();
    assert!(
        store::pairs_in(t.app.db.conn(), &root, t.app.today() - chrono::Days::new(3650), t.app.today() + chrono::Days::new(3650))
            .await
            .unwrap()
            .is_empty()
    );
    let r = sec.post(&url).form(&form(full.id, helped.id, "2026-03-01", "2026-12-31")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let pair = id_in(&r);
    let log = t.url(&format!("/pairs/{pair}/contacts"));
    let r = sec.post(&log).form(&[("contacted_on", "2026-02-28"), ("note", "指导育苗")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors_on(r).await.contains("不在结对期限内"));
    let r = sec.post(&log).form(&[("contacted_on", "2026-03-01"), ("note", "指导育苗")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let list = sec.get(t.url(&format!("/orgs/{branch}/pairs?year=2026"))).send().await.unwrap().text().await.unwrap();
    assert!(list.contains(&format!("{} 帮扶 {}", full.person_name, helped.person_name)) && list.contains("共 1 次，最近 2026-03-01"));

    // The member is not this pair's helper: they neither read nor log it.
    let me = t.browser_as("member").await;
    assert_eq!(me.get(t.url(&format!("/pairs/{pair}"))).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(me.post(&log).form(&[("contacted_on", "2026-03-01"), ("note", "x")]).send().await.unwrap().status(), StatusCode::FORBIDDEN);

    // Their own households: logged from their page, refused before the link began or in the future.
    let mine = me.get(t.url("/care/mine")).send().await.unwrap().text().await.unwrap();
    let mut links: Vec<&str> = mine.split("href=\"/care/links/").skip(1).map(|s| s.split('"').next().unwrap()).collect();
    links.dedup();
    assert!(links.len() >= 6, "{mine}");
    let link = t.url(&format!("/care/links/{}", links[0]));
    let since = (t.app.today() - chrono::Days::new(200)).to_string();
    for (on, kind, note, says) in [
        ("2026-03-02", "phone", "问了春耕", "不能晚于今天"),
        ("2025-01-01", "visit", "问了春耕", "早于分配这户的日期"),
        ("2026-03-01", "visit", "", "必须填写"),
    ] {
        let r = me.post(&link).form(&[("contacted_on", on), ("kind", kind), ("note", note)]).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{on}");
        assert!(errors_on(r).await.contains(says), "{on}");
    }
    let r = me.post(&link).form(&[("contacted_on", "2026-03-01"), ("kind", "service"), ("note", "帮忙代购化肥")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{since}");
    let page = me.get(&link).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("帮忙代购化肥") && page.contains("办实事"));
    // Sixty contacts are shown fifty at a time, newest first, with all sixty counted and the
    // page after reachable; nothing is left off.
    let (member, household) = links[0].split_once('/').map(|(m, h)| (m.parse::<Uuid>().unwrap(), h.parse::<Uuid>().unwrap())).unwrap();
    let logged =
        store::household_contacts(t.app.db.conn(), member, household, lianxin_core::paging::Window::first(1)).await.unwrap().remove(0);
    let older: Vec<_> = (1..60_u64)
        .map(|d| store::HouseholdContact {
            id: Uuid::now_v7(),
            contacted_on: logged.contacted_on - chrono::Days::new(d),
            kind: "phone".into(),
            note: format!("第 {d} 次电话"),
            ..logged.clone()
        })
        .collect();
    store::insert_household_contacts(t.app.db.conn(), older).await.unwrap();
    let first = me.get(&link).send().await.unwrap().text().await.unwrap();
    assert!(first.contains("联系记录（60 次）"), "{first}");
    assert_eq!(first.matches("次电话").count(), 49, "the newest fifty: the one logged and 49 calls");
    let next = format!("/care/links/{}?from=50#contacts", links[0]);
    assert!(first.contains(&format!("href=\"{next}\"")) && !first.contains("上一页"), "{first}");
    let second = me.get(t.url(&next)).send().await.unwrap().text().await.unwrap();
    assert_eq!(second.matches("次电话").count(), 10);
    assert!(second.contains("第 59 次电话") && second.contains("上一页") && !second.contains("下一页"), "{second}");
    // Another member's household is not theirs to log.
    let someone = store::links_in(t.app.db.conn(), &root).await.unwrap().into_iter().find(|l| l.member_id != me_id).unwrap();
    let theirs = t.url(&format!("/care/links/{}/{}", someone.member_id, someone.household_id));
    let r = me.post(&theirs).form(&[("contacted_on", "2026-03-01"), ("kind", "visit"), ("note", "x")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(store::count_household_contacts(t.app.db.conn(), someone.member_id, someone.household_id).await.unwrap(), 0);

    // Forty days on, the household contacted on 1 March is over the 30 days; the others, never
    // contacted and linked 200 days before, are too.
    t.clock.set(helpers::afternoon("2026-04-10"));
    let sec = t.browser_as("secretary").await;
    let (_, lines, total) = lianxin_app::care::not_contacted(&ctx_for(&t, "secretary").await, branch, false).await.unwrap();
    let ours: Vec<_> = lines.iter().filter(|l| l.link.member_id == me_id).collect();
    assert_eq!(ours.len(), links.len());
    let contacted = ours.iter().find(|l| l.contact.ever).unwrap();
    assert_eq!((contacted.contact.days, contacted.served), (40, true));
    assert!(total >= lines.len());
    let page = sec.get(t.url(&format!("/orgs/{branch}/care/contacts"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("超过 30 天未联系") && page.contains("从未联系"));
    let xlsx = sec.get(t.url(&format!("/orgs/{branch}/care/contacts.xlsx"))).send().await.unwrap();
    assert_eq!(xlsx.status(), StatusCode::OK);
    // The rule answers the same on the API.
    let r = sec
        .post(t.url("/api/v1/rules/household-contact"))
        .json(&json!({ "linked_since": since, "last_contact": "2026-03-01", "on": "2026-04-10" }))
        .send()
        .await
        .unwrap();
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!((v["days"].as_u64(), v["overdue"].as_bool()), (Some(40), Some(true)), "{v}");
}

both!(pairs_and_households, pairs_and_households);

/// The member's households, linked 200 days before 1 March and never contacted: listed under
/// the default 30 days, not when the setting allows a year.
async fn the_days_allowed_are_a_setting(t: TestApp, listed: bool) {
    let branch = t.org_id("中共石门村支部委员会").await;
    t.clock.set(helpers::afternoon("2026-03-01"));
    lianxin_app::demo::link_named_member(&t.ctx()).await.unwrap();
    let me_id = lianxin_store::people::member_by_person(t.app.db.conn(), t.person_of("member").await).await.unwrap().unwrap().id;
    t.clock.set(helpers::afternoon("2026-03-31"));
    let (_, lines, _) = lianxin_app::care::not_contacted(&ctx_for(&t, "secretary").await, branch, false).await.unwrap();
    let ours = lines.iter().filter(|l| l.link.member_id == me_id).count();
    assert_eq!(ours > 0, listed, "{ours} of the member's households listed");
    assert!(lines.iter().all(|l| l.contact.days > u64::from(l.contact.limit)));
}

#[tokio::test]
async fn the_days_allowed_are_a_setting_sqlite() {
    let Some(t) = helpers::spawn_app_with(helpers::Backend::Sqlite, |s| s.care.contact_days = 365).await else { return };
    the_days_allowed_are_a_setting(t, false).await;
    let Some(t) = helpers::spawn_app(helpers::Backend::Sqlite).await else { return };
    the_days_allowed_are_a_setting(t, true).await;
}
