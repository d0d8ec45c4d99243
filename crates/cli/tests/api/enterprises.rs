//! Enterprises and cooperatives, and the leaders' candidate pool, through the pages and the use
//! cases under the injected clock: bad input is refused with every field named and nothing kept;
//! an offer shows on the public board of its village (and, for a township's cooperative, of every
//! village below) from its first day to its last and not once withdrawn; a member records what
//! they did for the enterprise they serve and nothing for another; a township cooperative
//! co-handles a village's need; the pool is read by the level above only, ranked, with each
//! figure's evidence.

use lianxin_core::paging::Window;
use reqwest::StatusCode;
use serde_json::json;

use crate::both;
use crate::helpers::{TestApp, afternoon, ctx_for};

async fn errors_on(r: reqwest::Response) -> String {
    let page = r.text().await.unwrap_or_default();
    page.split("role=\"alert\">").skip(1).map(|s| s.split('<').next().unwrap_or("")).collect::<Vec<_>>().join(" | ")
}

async fn get(c: &reqwest::Client, t: &TestApp, path: &str) -> (StatusCode, String) {
    let r = c.get(t.url(path)).send().await.unwrap();
    let s = r.status();
    (s, r.text().await.unwrap_or_default())
}

/// The enterprise named `name`, registered through the page at the area named `place`.
async fn register(t: &TestApp, c: &reqwest::Client, place: &str, kind: &str, name: &str) -> uuid::Uuid {
    let area = t.area_id(place).await;
    let r = c.post(t.url(&format!("/areas/{area}/enterprises/new"))).form(&[("kind", kind), ("name", name)]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{name}");
    let at = r.headers()["location"].to_str().unwrap().to_owned();
    uuid::Uuid::parse_str(at.trim_start_matches("/enterprises/")).unwrap()
}

async fn enterprises_serve_villagers(t: TestApp) {
    t.clock.set(afternoon("2026-05-12"));
    let sec = t.browser_as("secretary").await;
    let township = t.browser_as("township").await;
    let shimen = t.area_id("石门村").await;
    let liuwan = t.area_id("柳湾村").await;

    // Registering: a kind that is not an enterprise's and an empty name are both named; nothing
    // kept. The county is not a place enterprises are registered at.
    let r = sec
        .post(t.url(&format!("/areas/{shimen}/enterprises/new")))
        .form(&[("kind", "village_committee"), ("name", " ")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let says = errors_on(r).await;
    assert!(says.contains("请从列表中选择") && says.contains("必须填写"), "{says}");
    let root =
        lianxin_core::tree::TreePath::parse(&lianxin_store::orgs::area(t.app.db.conn(), shimen).await.unwrap().unwrap().path).unwrap();
    assert!(lianxin_store::enterprises::in_areas(t.app.db.conn(), &root).await.unwrap().is_empty());
    let county = t.browser_as("county").await;
    let county_area = t.area_id("青山县").await;
    let r = county
        .post(t.url(&format!("/areas/{county_area}/enterprises/new")))
        .form(&[("kind", "enterprise"), ("name", "青山县农投公司")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors_on(r).await.contains("只能登记在村或乡镇"));

    let tea = register(&t, &sec, "石门村", "cooperative", "石门村茶叶专业合作社").await;
    let mill = register(&t, &township, "青山镇", "enterprise", "青山镇粮油加工厂").await;
    // Another village's secretary does not see it.
    let neighbour = t.browser_as("secretary2").await;
    assert_eq!(get(&neighbour, &t, &format!("/enterprises/{tea}")).await.0, StatusCode::NOT_FOUND);

    // Linking the member: twice is refused.
    let me = lianxin_store::people::member_by_person(t.app.db.conn(), t.person_of("member").await).await.unwrap().unwrap();
    let link = t.url(&format!("/enterprises/{tea}/liaisons/new"));
    let form = [("member", me.id.to_string()), ("since", "2026-05-01".to_owned())];
    assert_eq!(sec.post(&link).form(&form).send().await.unwrap().status(), StatusCode::SEE_OTHER);
    let r = sec.post(&link).form(&form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors_on(r).await.contains("已经在联系"));

    // Offers: a count that is not a number and a last day before the first are named; nothing
    // kept. A good one shows on the village's board without signing in.
    let offer = t.url(&format!("/enterprises/{tea}/offers/new"));
    let bad = [
        ("kind", "jobs"),
        ("title", "招采茶工 20 名"),
        ("detail", "日结 150 元，管午饭"),
        ("places", "二十"),
        ("how_to", "到合作社办公室找王会计报名"),
        ("valid_from", "2026-05-20"),
        ("valid_until", "2026-05-10"),
    ];
    let r = sec.post(&offer).form(&bad).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let says = errors_on(r).await;
    assert!(says.contains("1 到 100000") && says.contains("不能早于开始日期"), "{says}");
    assert!(lianxin_store::enterprises::offers_of(t.app.db.conn(), tea).await.unwrap().is_empty());
    let good = [
        ("kind", "jobs"),
        ("title", "招采茶工 20 名"),
        ("detail", "日结 150 元，管午饭"),
        ("places", "20"),
        ("how_to", "到合作社办公室找王会计报名"),
        ("valid_from", "2026-05-12"),
        ("valid_until", "2026-05-31"),
    ];
    assert_eq!(sec.post(&offer).form(&good).send().await.unwrap().status(), StatusCode::SEE_OTHER);
    let later = [
        ("valid_from", "2026-06-01"),
        ("valid_until", ""),
        ("title", "收购夏茶鲜叶"),
        ("kind", "purchase"),
        ("places", ""),
        ("detail", "每斤 8 元"),
        ("how_to", "送到合作社收购点"),
    ];
    assert_eq!(sec.post(&offer).form(&later).send().await.unwrap().status(), StatusCode::SEE_OTHER);
    let mill_offer = [
        ("kind", "training"),
        ("title", "粮油加工技能培训"),
        ("detail", "三天，免费"),
        ("places", "30"),
        ("how_to", "到镇农技站报名"),
        ("valid_from", "2026-05-01"),
        ("valid_until", ""),
    ];
    let r = township.post(t.url(&format!("/enterprises/{mill}/offers/new"))).form(&mill_offer).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let public = crate::helpers::browser();
    let (s, board) = get(&public, &t, &format!("/villages/{shimen}/board")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(board.contains("招采茶工 20 名") && board.contains("石门村茶叶专业合作社") && board.contains("粮油加工技能培训"), "{board}");
    assert!(!board.contains("收购夏茶鲜叶"), "not before its first day");
    let (_, other) = get(&public, &t, &format!("/villages/{liuwan}/board")).await;
    assert!(other.contains("粮油加工技能培训") && !other.contains("招采茶工"), "the township's offer reaches every village below it");

    // On 1 June the first has ended and the second begun.
    t.clock.set(afternoon("2026-06-01"));
    let (_, board) = get(&public, &t, &format!("/villages/{shimen}/board")).await;
    assert!(!board.contains("招采茶工") && board.contains("收购夏茶鲜叶"), "{board}");
    let sec = t.browser_as("secretary").await;
    let (_, page) = get(&sec, &t, &format!("/enterprises/{tea}")).await;
    assert!(page.contains("已截止") && page.contains("正在提供"), "{page}");
    // Taken down, it leaves the board; a second time is a conflict.
    let second =
        lianxin_store::enterprises::offers_of(t.app.db.conn(), tea).await.unwrap().into_iter().find(|o| o.title == "收购夏茶鲜叶").unwrap();
    let withdraw = t.url(&format!("/enterprises/offers/{}/withdraw", second.id));
    assert_eq!(sec.post(&withdraw).send().await.unwrap().status(), StatusCode::SEE_OTHER);
    assert_eq!(sec.post(&withdraw).send().await.unwrap().status(), StatusCode::CONFLICT);
    assert!(!get(&public, &t, &format!("/villages/{shimen}/board")).await.1.contains("收购夏茶鲜叶"));

    // The member records what they did for the cooperative they serve, not for the mill.
    let member = t.browser_as("member").await;
    let (s, mine) = get(&member, &t, "/care/mine").await;
    assert_eq!(s, StatusCode::OK);
    assert!(mine.contains("石门村茶叶专业合作社"), "{mine}");
    let service = [("served_on", "2026-05-30"), ("kind", "finance"), ("note", "帮合作社申请到农机购置补贴 3 万元")];
    let r = member.post(t.url(&format!("/enterprises/{tea}/services/new"))).form(&service).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = member.post(t.url(&format!("/enterprises/{mill}/services/new"))).form(&service).send().await.unwrap();
    assert!(matches!(r.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{}", r.status());
    let early = [("served_on", "2026-04-01"), ("kind", "market"), ("note", "联系超市")];
    let r = member.post(t.url(&format!("/enterprises/{tea}/services/new"))).form(&early).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors_on(r).await.contains("早于开始联系"));
    let (_, page) = get(&sec, &t, &format!("/enterprises/{tea}?year=2026")).await;
    assert!(page.contains("农机购置补贴") && page.contains("对接资金"), "{page}");

    // A need of 石门村 co-handled by the township's mill, listed on the mill's page.
    let need = crate::appeals_staff::file(&t, "environment", "加工厂的运粮车把村口弄得全是泥").await;
    let ctx = ctx_for(&t, "secretary").await;
    let choices = lianxin_app::appeals::people_choice::bodies(&ctx, need.id).await.unwrap();
    assert!(choices.iter().any(|c| c.id == mill) && choices.iter().any(|c| c.id == tea), "{choices:?}");
    lianxin_app::appeals::steps::act(&ctx, need.id, None, lianxin_app::appeals::steps::HandlerStep::AddCohandler { body: mill })
        .await
        .unwrap();
    let township = t.browser_as("township").await;
    let (_, page) = get(&township, &t, &format!("/enterprises/{mill}")).await;
    assert!(page.contains(&lianxin_core::appeals::format_tracking_code(&need.code)), "{page}");
    let (_, list) = get(&township, &t, &format!("/areas/{}/enterprises", t.area_id("青山镇").await)).await;
    assert!(list.contains("青山镇粮油加工厂") && list.contains("石门村茶叶专业合作社") && list.contains("赵小军"), "{list}");
    let xlsx = township.get(t.url(&format!("/areas/{shimen}/enterprises.xlsx"))).send().await.unwrap();
    assert_eq!(xlsx.status(), StatusCode::OK);

    // The rule on the API.
    let v: serde_json::Value = sec
        .post(t.url("/api/v1/rules/offer-shown"))
        .json(&json!({ "valid_from": "2026-05-12", "valid_until": "2026-05-31", "on": "2026-06-01" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!((v["shown"].as_bool(), v["offer_state"].as_str()), (Some(false), Some("ended")), "{v}");

    // The leaders' pool of the branch: the township reads it, the branch does not; the member's
    // service to the cooperative is in their row, and a probationary member stands aside.
    let branch = t.org_id("中共石门村支部委员会").await;
    assert_eq!(get(&sec, &t, &format!("/orgs/{branch}/leaders")).await.0, StatusCode::FORBIDDEN);
    let (s, pool) = get(&township, &t, &format!("/orgs/{branch}/leaders?year=2026")).await;
    assert_eq!(s, StatusCode::OK);
    let p = lianxin_app::leaders::pool(&ctx_for(&t, "township").await, branch, 2026).await.unwrap();
    let row = p.ranked.iter().chain(&p.others).find(|c| c.member.id == me.id).unwrap();
    assert_eq!(row.enterprise_services, 1);
    assert!(pool.contains(&me.person_name) && pool.contains(&format!("/points/members/{}?period=2026", me.id)), "{pool}");
    for w in p.ranked.windows(2) {
        assert_ne!(lianxin_core::leaders::order(&w[0].record, &w[1].record), std::cmp::Ordering::Greater);
    }
    assert!(
        p.others.iter().all(|c| c.member.status != "full" || c.grade.is_some()),
        "only the probationary and the poorly graded stand aside"
    );
    assert!(p.ranked.iter().all(|c| c.member.status == "full"));
    let xlsx = township.get(t.url(&format!("/orgs/{branch}/leaders.xlsx?year=2026"))).send().await.unwrap();
    assert_eq!(xlsx.status(), StatusCode::OK);
    let (s, start) = get(&township, &t, "/leaders").await;
    assert!(s == StatusCode::OK && start.contains("中共石门村支部委员会"), "{start}");
    let v: serde_json::Value = sec
        .post(t.url("/api/v1/rules/leader-candidate"))
        .json(&json!({ "status": "full", "grade": "basically_qualified" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["eligible"].as_bool(), Some(false), "{v}");
}

both!(enterprises_serve_villagers, enterprises_serve_villagers);

/// A list longer than it shows says so: 2 001 cooperatives under one village, the county's list
/// shows 2 000 and the sentence pointing below.
async fn a_long_list_says_it_is_cut(t: TestApp) {
    use sea_orm::EntityTrait;
    let village = t.area_id("石门村").await;
    let area = lianxin_store::orgs::area(t.app.db.conn(), village).await.unwrap().unwrap();
    let now = t.app.now();
    let rows: Vec<lianxin_store::entity::village_body::ActiveModel> = (0..=lianxin_app::enterprises::LIST_MAX)
        .map(|i| {
            sea_orm::IntoActiveModel::into_active_model(lianxin_store::entity::village_body::Model {
                id: uuid::Uuid::now_v7(),
                area_id: area.id,
                area_path: area.path.clone(),
                kind: "cooperative".into(),
                name: format!("合作社{i:05}"),
                leading_org_id: None,
                status: "active".into(),
                created_at: now,
                updated_at: now,
            })
        })
        .collect();
    for chunk in rows.chunks(500) {
        lianxin_store::entity::village_body::Entity::insert_many(chunk.to_vec()).exec(t.app.db.conn()).await.unwrap();
    }
    let county = ctx_for(&t, "county").await;
    let county_area = t.area_id("青山县").await;
    let list = lianxin_app::enterprises::list(&county, county_area, 2026).await.unwrap();
    assert!(list.more && list.lines.len() == lianxin_app::enterprises::LIST_MAX);
    let short = lianxin_app::enterprises::list(&ctx_for(&t, "secretary2").await, t.area_id("柳湾村").await, 2026).await.unwrap();
    assert!(!short.more, "a short list says nothing");
    let c = t.browser_as("county").await;
    let (status, page) = get(&c, &t, &format!("/areas/{county_area}/enterprises?year=2026")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("只列出按名称排在前面的 2000 个"), "the page says the list is cut");
}
both!(a_long_list_says_it_is_cut, a_long_list_says_it_is_cut);

/// Closing an enterprise needs the reason; its offer leaves the board, its members stop serving
/// it, and it stays on the list marked closed. A village's secretary cannot close another's.
async fn an_enterprise_closes(t: TestApp) {
    t.clock.set(afternoon("2026-05-12"));
    let sec = t.browser_as("secretary").await;
    let id = register(&t, &sec, "石门村", "cooperative", "石门村茶叶合作社").await;
    let ctx = ctx_for(&t, "secretary").await;
    let (_, candidates) = lianxin_app::enterprises::candidates(&ctx, id).await.unwrap();
    lianxin_app::enterprises::link(&ctx, id, Some(candidates[0].id), chrono::NaiveDate::from_ymd_opt(2026, 5, 1)).await.unwrap();
    let offer = lianxin_app::enterprises::OfferInput {
        kind: lianxin_core::enterprises::OFFER_KINDS[0].into(),
        title: "收购春茶".into(),
        detail: "每斤四十元".into(),
        how_to: "找村委会".into(),
        valid_from: chrono::NaiveDate::from_ymd_opt(2026, 5, 12),
        ..Default::default()
    };
    lianxin_app::enterprises::publish(&ctx, id, offer).await.unwrap();
    let shimen = t.area_id("石门村").await;
    assert_eq!(lianxin_app::enterprises::on_board(&ctx, shimen, Window::first(20)).await.unwrap().items.len(), 1);

    let other = t.browser_as("secretary2").await;
    let r = other.post(t.url(&format!("/enterprises/{id}/dissolve"))).form(&[("reason", "停业")]).send().await.unwrap();
    assert!(matches!(r.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{}", r.status());
    let r = sec.post(t.url(&format!("/enterprises/{id}/dissolve"))).form(&[("reason", " ")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        lianxin_app::enterprises::enterprise(&ctx, id, 2026, Window::first(10)).await.unwrap().body.status,
        "active",
        "nothing changed"
    );
    let r = sec.post(t.url(&format!("/enterprises/{id}/dissolve"))).form(&[("reason", "合作社已解散")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    let view = lianxin_app::enterprises::enterprise(&ctx, id, 2026, Window::first(10)).await.unwrap();
    assert_eq!(view.body.status, "dissolved");
    assert!(view.liaisons.iter().all(|l| l.until.is_some()), "its members stop serving it");
    assert!(
        lianxin_app::enterprises::on_board(&ctx, shimen, Window::first(20)).await.unwrap().items.is_empty(),
        "its offer left the board"
    );
    let (_, page) = get(&sec, &t, &format!("/enterprises/{id}")).await;
    assert!(page.contains("已注销") && !page.contains("/dissolve\""), "marked closed, not closable twice");
    // A closing recorded by mistake is undone, with why; the offer it withdrew stays withdrawn.
    assert!(page.contains(&format!("/enterprises/{id}/reopen\"")), "{page}");
    let r = sec.post(t.url(&format!("/enterprises/{id}/reopen"))).form(&[("reason", "")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = other.post(t.url(&format!("/enterprises/{id}/reopen"))).form(&[("reason", "x")]).send().await.unwrap();
    assert!(matches!(r.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{}", r.status());
    let r = sec.post(t.url(&format!("/enterprises/{id}/reopen"))).form(&[("reason", "注销登记错了")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let view = lianxin_app::enterprises::enterprise(&ctx, id, 2026, Window::first(10)).await.unwrap();
    assert_eq!(view.body.status, "active");
    assert!(
        lianxin_app::enterprises::on_board(&ctx, shimen, Window::first(20)).await.unwrap().items.is_empty(),
        "published anew, not brought back"
    );
}
both!(an_enterprise_closes, an_enterprise_closes);
