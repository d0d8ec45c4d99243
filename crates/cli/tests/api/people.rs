//! People: encryption at rest, the one-organization invariant under concurrent transfers, imports
//! that write all or nothing, scope derived from positions, audited reveals, masked exports.

use chrono::NaiveDate;
use lianxin_app::{
    Ctx,
    people::{
        households::{self, HouseholdInput},
        import::{self, ImportKind},
        members::{self, MemberInput},
        persons::{self, PersonInput, Sensitive},
        positions::{self, PositionInput, PostIn},
        transfers,
    },
};
use lianxin_core::people::{MemberStatus, PostKind, make_id_number};
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::{both, helpers::TestApp};

fn id_number(n: u16) -> String {
    make_id_number("430124", NaiveDate::from_ymd_opt(1968, 3, 8).unwrap(), n, n % 2 == 1)
}

async fn person(app: &TestApp, village: &str, name: &str, n: u16, phone: &str) -> Uuid {
    let area = app.area_id(village).await;
    persons::create(
        &app.ctx(),
        PersonInput { name: name.into(), id_number: id_number(n), phone: phone.into(), area_id: area, ..Default::default() },
    )
    .await
    .unwrap()
    .id
}

fn full_member(org: Uuid) -> MemberInput {
    MemberInput {
        org_id: org,
        status: Some(MemberStatus::Full),
        admitted_on: NaiveDate::from_ymd_opt(1995, 7, 1),
        full_on: NaiveDate::from_ymd_opt(1996, 7, 1),
        ..Default::default()
    }
}

/// The raw database never holds an ID number or phone in clear.
async fn at_rest(app: TestApp) {
    let id = id_number(101);
    let phone = "13912345678";
    person(&app, "石门村", "王秀英", 101, phone).await;
    let mut raw = Vec::new();
    match app.backend {
        crate::helpers::Backend::Sqlite => {
            app.app.db.conn().execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)").await.unwrap();
            let url = app.app.settings.database_url.expose().to_owned();
            let path = url.trim_start_matches("sqlite://").split('?').next().unwrap().to_owned();
            for f in [path.clone(), format!("{path}-wal")] {
                raw.extend(std::fs::read(&f).unwrap_or_default());
            }
        }
        crate::helpers::Backend::Postgres => {
            let rows = app
                .app
                .db
                .conn()
                .query_all_raw(sea_orm::Statement::from_string(
                    sea_orm::DatabaseBackend::Postgres,
                    "SELECT CAST(persons.* AS TEXT) AS t FROM persons",
                ))
                .await
                .unwrap();
            for r in rows {
                raw.extend(r.try_get::<String>("", "t").unwrap().into_bytes());
            }
            let audit = app
                .app
                .db
                .conn()
                .query_all_raw(sea_orm::Statement::from_string(
                    sea_orm::DatabaseBackend::Postgres,
                    "SELECT CAST(audit_entries.* AS TEXT) AS t FROM audit_entries",
                ))
                .await
                .unwrap();
            for r in audit {
                raw.extend(r.try_get::<String>("", "t").unwrap().into_bytes());
            }
        }
    }
    let hay = String::from_utf8_lossy(&raw);
    assert!(hay.contains("王秀英"), "the scan sees stored text");
    assert!(!hay.contains(&id), "ID number stored in clear");
    assert!(!hay.contains(phone), "phone stored in clear");
    assert!(!hay.contains(&id[..14]), "no long prefix of the ID in clear either");
}
both!(sensitive_data_is_encrypted_at_rest, at_rest);

/// Two receiving clerks confirming the same transfer, and two transfers racing: the member is in
/// exactly one organization afterwards, every time.
async fn concurrent_transfers(app: TestApp) {
    let shimen = app.org_id("中共石门村支部委员会").await;
    let liuwan = app.org_id("中共柳湾村支部委员会").await;
    let taoyuan = app.org_id("中共桃源村支部委员会").await;
    let ctx = app.ctx();
    for round in 0..4u16 {
        let p = person(&app, "石门村", &format!("李{round}"), 200 + round, "").await;
        let m = members::create(&ctx, p, full_member(shimen)).await.unwrap();
        // A second record for the same person, at the same moment as a first transfer request.
        let (dup, t1, t2) = tokio::join!(
            members::create(&ctx, p, full_member(liuwan)),
            transfers::request(&ctx, m.id, liuwan, "搬迁"),
            transfers::request(&ctx, m.id, taoyuan, "搬迁")
        );
        assert!(dup.is_err(), "a person is never a member twice");
        let t = match (t1, t2) {
            (Ok(t), Err(e)) | (Err(e), Ok(t)) => {
                assert_eq!(e.key(), "error-transfer-pending", "the loser is told why");
                t
            }
            (a, b) => panic!("exactly one pending transfer expected: {:?} {:?}", a.is_ok(), b.is_ok()),
        };
        let (c1, c2) = tokio::join!(transfers::confirm(&ctx, t.id, ""), transfers::confirm(&ctx, t.id, ""));
        assert!(c1.is_ok() != c2.is_ok(), "one confirmation wins, the other is refused");
        let rows = lianxin_store::people::members_by_persons(app.app.db.conn(), &[p]).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(Some(rows[0].org_id), t.to_org_id);
        let to_path = lianxin_store::orgs::org(app.app.db.conn(), rows[0].org_id).await.unwrap().unwrap().path;
        assert_eq!(rows[0].org_path, to_path);
    }
    // The history of the last one tells the story.
    let audit = app.audit_count("transfer.confirm", "ok", None).await;
    assert_eq!(audit, 4);
}
both!(one_organization_under_concurrent_transfers, concurrent_transfers);

fn roster_xlsx(rows: &[[&str; 7]]) -> Vec<u8> {
    let headers: Vec<String> =
        ["姓名", "公民身份号码", "联系电话", "区划代码", "所在党组织", "党员状态", "入党日期"].iter().map(|s| s.to_string()).collect();
    lianxin_app::sheets::write_xlsx("党员花名册", &headers, rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>()))
        .unwrap()
}

/// A roster with one bad row writes nothing and says which cell is wrong; fixed, it writes all.
async fn import_all_or_nothing(app: TestApp) {
    let village = "990121100202"; // 石门村
    let org = "中共石门村支部委员会";
    let ids: Vec<String> = (0..12).map(|i| id_number(300 + i)).collect();
    let mut rows: Vec<[&str; 7]> =
        ids.iter().map(|id| ["张三", id.as_str(), "13800138000", village, org, "正式党员", "2001-07-01"]).collect();
    let mut broken = ids[7].clone();
    let last = broken.pop().unwrap();
    broken.push(if last == '1' { '2' } else { '1' });
    rows[7][1] = broken.as_str();
    rows[9][5] = "党员吗"; // an unknown status
    let ctx_count = |app: &TestApp| {
        let db = app.app.db.conn().clone();
        async move {
            lianxin_store::people::count_roster(
                &db,
                &lianxin_core::tree::TreePath::parse(&lianxin_store::orgs::org_subtree_roots(&db).await.unwrap()[0].path).unwrap(),
                &Default::default(),
            )
            .await
            .unwrap()
        }
    };
    let secretary = secretary_ctx(&app).await;
    let before = ctx_count(&app).await;
    let out = import::run(&secretary, ImportKind::Members, &roster_xlsx(&rows), "roster.xlsx", |_| {}).await.unwrap();
    assert_eq!(out.members_created, 0);
    assert_eq!(out.errors.len(), 2, "{:?}", out.errors);
    assert_eq!(out.errors[0].line, 9, "row 8 of the data is line 9 of the file");
    assert_eq!(out.errors[0].column, "公民身份号码");
    assert_eq!(out.errors[0].reason, "error-id-check");
    assert!(!out.errors[0].value.contains(&broken[4..14]), "the value is masked in the report");
    assert_eq!(out.errors[1].column, "党员状态");
    assert_eq!(ctx_count(&app).await, before, "nothing was written");
    // Fixed, the same file goes in whole.
    rows[7][1] = ids[7].as_str();
    rows[9][5] = "预备党员";
    let out = import::run(&secretary, ImportKind::Members, &roster_xlsx(&rows), "roster.xlsx", |_| {}).await.unwrap();
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(out.members_created, 12);
    assert_eq!(ctx_count(&app).await, before + 12);
    // Again: every row is now a member already, so nothing is written twice.
    let out = import::run(&secretary, ImportKind::Members, &roster_xlsx(&rows), "roster.xlsx", |_| {}).await.unwrap();
    assert_eq!(out.errors.len(), 12);
    assert!(out.errors.iter().all(|e| e.reason == "error-member-exists"));
    // A member roster sent as a villager roster is refused rather than losing its columns.
    let e = import::run(&secretary, ImportKind::Persons, &roster_xlsx(&rows), "roster.xlsx", |_| {}).await.unwrap_err();
    assert_eq!(e.key(), "error-import-looks-members");
    // A village outside the secretary's scope is refused by code.
    let outside = [["赵四", ids[0].as_str(), "", "990121100203", "中共柳湾村支部委员会", "正式党员", "2001-07-01"]];
    let out = import::run(&secretary, ImportKind::Members, &roster_xlsx(&outside), "x.xlsx", |_| {}).await.unwrap();
    assert!(out.errors.iter().any(|e| e.reason == "error-import-area"));
    assert!(out.errors.iter().any(|e| e.reason == "error-import-org"));
}
both!(imports_write_all_or_nothing, import_all_or_nothing);

/// The context of the demo secretary account, as a page request would have it.
async fn secretary_ctx(app: &TestApp) -> Ctx {
    let a = lianxin_store::accounts::by_username(app.app.db.conn(), "secretary").await.unwrap().unwrap();
    let p = lianxin_app::auth::load_principal(&app.app, a.id, None).await.unwrap().unwrap();
    Ctx::new(app.app.clone(), lianxin_app::Actor::Account(p))
}

/// Uploads through the page: bad files are refused with a reason; a good one shows its progress
/// page and ends done.
async fn upload(app: TestApp) {
    let c = app.browser_as("secretary").await;
    let post = |bytes: Vec<u8>, name: &'static str| {
        let form =
            reqwest::multipart::Form::new().text("kind", "members").part("file", reqwest::multipart::Part::bytes(bytes).file_name(name));
        c.post(app.url("/imports")).multipart(form).send()
    };
    let garbage: Vec<u8> = (0..200_000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let r = post(garbage, "roster.xlsx").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("不是 Excel"));
    let r = post(Vec::new(), "empty.csv").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let wrong_headers =
        lianxin_app::sheets::write_xlsx("x", &["名字".to_string(), "电话".to_string()], vec![vec!["a".to_string(), "b".to_string()]])
            .unwrap();
    let r = post(wrong_headers, "wrong.xlsx").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("缺少必需的列"));
    // A good file: a progress page that ends done.
    let id = id_number(400);
    let good = roster_xlsx(&[["钱五", id.as_str(), "", "990121100202", "中共石门村支部委员会", "正式党员", "2001-07-01"]]);
    let r = post(good, "good.xlsx").await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = r.headers()["location"].to_str().unwrap().to_owned();
    let mut done = false;
    for _ in 0..200 {
        let body = c.get(app.url(&page)).send().await.unwrap().text().await.unwrap();
        if body.contains("导入完成") {
            done = true;
            break;
        }
        assert!(!body.contains("没有写入任何内容"), "{body}");
        tokio::task::yield_now().await;
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert!(done, "the import finished");
    // Someone else cannot see that import.
    let other = app.browser_as("secretary2").await;
    assert_eq!(other.get(app.url(&page)).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(app.audit_count("import.read", lianxin_core::audit::DENIED, None).await, 1, "and the attempt is audited");
}
both!(uploads_explain_bad_files, upload);

/// A grid leader's account reaches the households of their grid, and nothing else.
async fn grid_scope(app: TestApp) {
    let ctx = app.ctx();
    let village = app.area_id("石门村").await;
    let g1 = households::create_grid(&ctx, village, "一网格", None).await.unwrap();
    let g2 = households::create_grid(&ctx, village, "二网格", None).await.unwrap();
    let h1 = households::create_household(
        &ctx,
        HouseholdInput { area_id: village, household_no: "A1".into(), address: "".into(), grid_id: Some(g1.id) },
    )
    .await
    .unwrap();
    let h2 = households::create_household(
        &ctx,
        HouseholdInput { area_id: village, household_no: "B1".into(), address: "".into(), grid_id: Some(g2.id) },
    )
    .await
    .unwrap();
    let in1 = persons::create(
        &ctx,
        PersonInput { name: "孙一".into(), id_number: id_number(501), area_id: village, household_id: Some(h1.id), ..Default::default() },
    )
    .await
    .unwrap();
    let in2 = persons::create(
        &ctx,
        PersonInput { name: "孙二".into(), id_number: id_number(502), area_id: village, household_id: Some(h2.id), ..Default::default() },
    )
    .await
    .unwrap();
    let leader =
        persons::create(&ctx, PersonInput { name: "周网格".into(), area_id: village, household_id: Some(h1.id), ..Default::default() })
            .await
            .unwrap();
    positions::appoint(
        &ctx,
        PositionInput {
            person_id: leader.id,
            post: PostKind::GridLeader,
            place: PostIn::Grid(g1.id),
            started_on: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            planned_end: None,
            note: String::new(),
        },
    )
    .await
    .unwrap();
    lianxin_app::accounts::create(
        &ctx,
        lianxin_app::accounts::AccountNew {
            username: "zhougrid".into(),
            display_name: "周网格".into(),
            password: "green-field-2026".into(),
            locale: Default::default(),
        },
    )
    .await
    .unwrap();
    let a = lianxin_store::accounts::by_username(app.app.db.conn(), "zhougrid").await.unwrap().unwrap();
    let tx = app.app.db.write().await.unwrap();
    lianxin_store::accounts::update(
        &tx,
        a.id,
        lianxin_store::accounts::AccountPatch { person_id: Some(Some(leader.id)), ..Default::default() },
        app.app.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let c = crate::helpers::browser();
    let r =
        c.post(app.url("/login")).form(&[("username", "zhougrid"), ("password", "green-field-2026"), ("next", "/")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(c.get(app.url(&format!("/households/{}", h1.id))).send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(c.get(app.url(&format!("/people/{}", in1.id))).send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(c.get(app.url(&format!("/households/{}", h2.id))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(c.get(app.url(&format!("/people/{}", in2.id))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    // Reading is all a grid leader does: no reveal, no changes.
    let r = c.post(app.url(&format!("/people/{}/reveal", in1.id))).form(&[("field", "id_number")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(app.audit_count("people.reveal", "denied", Some(&in1.id.to_string())).await >= 1);
    // When the post ends, so does the reach (from the next request).
    let post = lianxin_store::people::positions_of_person(app.app.db.conn(), leader.id).await.unwrap()[0].id;
    positions::end(&ctx, post, app.app.today()).await.unwrap();
    assert_eq!(c.get(app.url(&format!("/households/{}", h1.id))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
}
both!(scope_follows_positions, grid_scope);

/// Revealing is audited, never cached and never put in a URL; exports are masked unless asked
/// for by someone allowed, and that is audited too.
async fn reveal_and_export(app: TestApp) {
    let shimen = app.org_id("中共石门村支部委员会").await;
    let id = id_number(601);
    let p = person(&app, "石门村", "吴建华", 601, "13700001111").await;
    members::create(&app.ctx(), p, full_member(shimen)).await.unwrap();
    let c = app.browser_as("secretary").await;
    let page = c.get(app.url(&format!("/people/{p}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&lianxin_core::people::mask_id(&id)) && !page.contains(&id));
    let r = c.post(app.url(&format!("/people/{p}/reveal"))).form(&[("field", "id_number")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert!(r.text().await.unwrap().contains(&id));
    assert_eq!(app.audit_count("person.reveal", "ok", Some(&p.to_string())).await, 1);
    // Searching by ID number goes through the form's body, never the address.
    let found = c.post(app.url("/people/search")).form(&[("q", id.as_str())]).send().await.unwrap().text().await.unwrap();
    assert!(found.contains("吴建华"));
    assert_eq!(c.get(app.url(&format!("/people?q={id}"))).send().await.unwrap().status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Through the API, only a token with write access may reveal.
    let api = reqwest::Client::new();
    let read = app.token("secretary", lianxin_app::TokenAccess::Read).await;
    let r = api
        .post(app.url(&format!("/api/v1/people/{p}/reveal")))
        .bearer_auth(&read)
        .json(&serde_json::json!({ "field": "id_number" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let write = app.token("secretary", lianxin_app::TokenAccess::Write).await;
    let r = api
        .post(app.url(&format!("/api/v1/people/{p}/reveal")))
        .bearer_auth(&write)
        .json(&serde_json::json!({ "field": "id_number" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(app.audit_count("person.reveal", "ok", Some(&p.to_string())).await, 2);
    let value = persons::reveal(&app.ctx(), p, Sensitive::Phone).await.unwrap();
    assert_eq!(value, "13700001111");
    // Export, masked.
    let bytes = c.get(app.url(&format!("/orgs/{shimen}/roster.xlsx"))).send().await.unwrap().bytes().await.unwrap();
    let sheet = lianxin_app::sheets::read(&bytes, "r.xlsx", Default::default()).unwrap();
    let flat: String = sheet.rows.iter().flat_map(|r| r.cells.iter().cloned()).collect::<Vec<_>>().join("|");
    assert!(flat.contains("吴建华") && !flat.contains(&id));
    // Export with the numbers, by someone who may reveal: audited with the count.
    let bytes = c.get(app.url(&format!("/orgs/{shimen}/roster.xlsx?reveal=1"))).send().await.unwrap().bytes().await.unwrap();
    let sheet = lianxin_app::sheets::read(&bytes, "r.xlsx", Default::default()).unwrap();
    assert!(sheet.rows.iter().any(|r| r.cells.contains(&id)));
    assert_eq!(app.audit_count("people.export_reveal", "ok", Some(&shimen.to_string())).await, 1);
    // The villagers of the village export the same way.
    let village = app.area_id("石门村").await;
    let bytes = c.get(app.url(&format!("/areas/{village}/people.xlsx"))).send().await.unwrap().bytes().await.unwrap();
    let sheet = lianxin_app::sheets::read(&bytes, "v.xlsx", Default::default()).unwrap();
    let flat: String = sheet.rows.iter().flat_map(|r| r.cells.iter().cloned()).collect::<Vec<_>>().join("|");
    assert!(flat.contains("吴建华") && !flat.contains(&id) && flat.contains(&lianxin_core::people::mask_id(&id)));
    // A member (no reveal right) asking for the numbers still gets masks.
    let m = app.browser_as("member").await;
    assert_eq!(m.get(app.url(&format!("/orgs/{shimen}/roster.xlsx?reveal=1"))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    // Logs of the server never carry it either: the access log has paths only, and no path has it.
    let log = lianxin_store::audit::list(app.app.db.conn(), &Default::default(), 10_000).await.unwrap();
    assert!(log.iter().all(|e| !e.detail.contains(&id)), "no ID number in the audit log");
}
both!(reveals_and_exports_are_audited, reveal_and_export);

/// Establishment rules and terms are shown where they are decided.
async fn rules_and_terms(app: TestApp) {
    let ctx = app.ctx();
    let qingshan = app.org_id("中共青山镇委员会").await;
    // A small new branch (industry-based, so it serves no village) with two full members.
    let small = lianxin_app::orgs::create_org(
        &ctx,
        lianxin_app::orgs::OrgNew {
            parent: Some(qingshan),
            name: "中共青山镇竹编产业支部委员会".into(),
            kind: lianxin_core::orgs::OrgKind::Branch,
            basis: lianxin_core::orgs::OrgBasis::Industry,
            areas: vec![],
            established_on: None,
            note: String::new(),
        },
    )
    .await
    .unwrap()
    .id;
    for i in 0..2u16 {
        let p = person(&app, "石门村", &format!("郑{i}"), 700 + i, "").await;
        members::create(&ctx, p, full_member(small)).await.unwrap();
    }
    let sec = person(&app, "石门村", "郑书记", 710, "").await;
    let soon = app.app.today() + chrono::Duration::days(60);
    positions::appoint(
        &ctx,
        PositionInput {
            person_id: sec,
            post: PostKind::Secretary,
            place: PostIn::Org(small),
            started_on: NaiveDate::from_ymd_opt(2021, 1, 1).unwrap(),
            planned_end: Some(soon),
            note: String::new(),
        },
    )
    .await
    .unwrap();
    let t = app.browser_as("township").await;
    let page = t.get(app.url(&format!("/orgs/{small}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("正式党员只有 2 名"), "the branch is told it is too small");
    assert!(page.contains("还有 60 天届满"), "the secretary's term is flagged on the organization's page");
    let terms = t.get(app.url(&format!("/orgs/{qingshan}/terms"))).send().await.unwrap().text().await.unwrap();
    assert!(terms.contains("郑书记") && terms.contains("天届满"), "the level above sees the term ending");
    // Dissolving an organization with members is refused: nobody is left without one.
    let r = t.post(app.url(&format!("/orgs/{small}/dissolve"))).form(&[("reason", "x")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("还有党员"));
}
both!(rules_and_terms_are_shown, rules_and_terms);

/// Every people page renders for a secretary (no template or query failure), in both languages.
async fn pages_render(app: TestApp) {
    let ctx = app.ctx();
    let shimen = app.org_id("中共石门村支部委员会").await;
    let village = app.area_id("石门村").await;
    let h = households::create_household(
        &ctx,
        HouseholdInput { area_id: village, household_no: "S-01".into(), address: "石门村一组 3 号".into(), grid_id: None },
    )
    .await
    .unwrap();
    let p = persons::create(
        &ctx,
        PersonInput {
            name: "冯桂兰".into(),
            id_number: id_number(801),
            phone: "13800000801".into(),
            area_id: village,
            household_id: Some(h.id),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let m = members::create(&ctx, p.id, full_member(shimen)).await.unwrap();
    positions::appoint(
        &ctx,
        PositionInput {
            person_id: p.id,
            post: PostKind::Secretary,
            place: PostIn::Org(shimen),
            started_on: NaiveDate::from_ymd_opt(2021, 6, 1).unwrap(),
            planned_end: None,
            note: String::new(),
        },
    )
    .await
    .unwrap();
    households::link(&ctx, m.id, h.id).await.unwrap();
    let pages = [
        "/people".to_owned(),
        "/people?q=冯".to_owned(),
        format!("/people/new?area={village}"),
        format!("/people/{}", p.id),
        format!("/people/{}/edit", p.id),
        format!("/people/{}/positions", p.id),
        format!("/members/{}/edit", m.id),
        format!("/members/{}/transfer", m.id),
        format!("/orgs/{shimen}"),
        format!("/orgs/{shimen}/roster"),
        format!("/orgs/{shimen}/roster?status=all&flag=mobile&q=冯"),
        format!("/orgs/{shimen}/terms"),
        format!("/orgs/{shimen}/transfers"),
        format!("/areas/{village}/people"),
        format!("/households/{}", h.id),
        format!("/households/new?area={village}"),
        "/imports/new".to_owned(),
    ];
    for lang in ["zh-CN", "en-US"] {
        let c = app.browser_as("secretary").await;
        c.get(app.url(&format!("/lang?to={lang}&back=/"))).send().await.unwrap();
        for path in &pages {
            let r = c.get(app.url(path)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{path} ({lang})");
            let body = r.text().await.unwrap();
            for marker in ["field-", "label-", "btn-", "error-", "help-", "member-status-", "post-"] {
                let leaked = body
                    .split(['>', '<', '"'])
                    .any(|t| t.trim().starts_with(marker) && t.trim().bytes().all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'_'));
                assert!(!leaked, "{path} ({lang}) shows an untranslated key starting {marker}");
            }
        }
        for path in ["/imports/template/members.xlsx", "/imports/template/persons.xlsx"] {
            let r = c.get(app.url(path)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            let sheet = lianxin_app::sheets::read(&r.bytes().await.unwrap(), "t.xlsx", Default::default()).unwrap();
            assert!(sheet.headers.contains(&"姓名".to_string()));
        }
    }
}
both!(people_pages_render, pages_render);

/// Bad person and member forms are refused with the field named, keep what was typed (but never
/// echo an ID number or phone), and change nothing.
async fn bad_person_forms(app: TestApp) {
    let village = app.area_id("石门村").await.to_string();
    let c = app.browser_as("secretary").await;
    let good_id = id_number(901);
    let mut bad_check = good_id.clone();
    let last = bad_check.pop().unwrap();
    bad_check.push(if last == '3' { '4' } else { '3' });
    // (form, field marked, message shown)
    type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);
    let cases: Vec<Case> = vec![
        (vec![("name", "韩梅"), ("id_number", bad_check.as_str()), ("area_id", village.as_str())], "f-id_number", "校验位不对"),
        (vec![("name", "韩梅"), ("id_number", "12345"), ("area_id", village.as_str())], "f-id_number", "18 位"),
        (vec![("name", "韩梅"), ("phone", "12345"), ("area_id", village.as_str())], "f-phone", "电话号码格式不对"),
        (vec![("name", "韩梅"), ("birth_date", "1990-02-30"), ("area_id", village.as_str())], "f-birth_date", "日期格式不对"),
        (
            vec![("name", "韩梅"), ("id_number", good_id.as_str()), ("gender", "female"), ("area_id", village.as_str())],
            "f-gender",
            "性别与身份证号不一致",
        ),
        (vec![("name", ""), ("area_id", village.as_str())], "f-name", "此项必须填写"),
    ];
    let before = lianxin_store::people::count_persons(
        app.app.db.conn(),
        &lianxin_core::tree::TreePath::parse(
            &lianxin_store::orgs::area(app.app.db.conn(), app.area_id("石门村").await).await.unwrap().unwrap().path,
        )
        .unwrap(),
    )
    .await
    .unwrap();
    for (form, field, message) in cases {
        let r = c.post(app.url("/people")).form(&form).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{form:?}");
        let body = r.text().await.unwrap();
        assert!(body.contains(&format!("id=\"{field}\"")) && body.contains("aria-invalid=\"true\""), "{field} marked");
        assert!(body.contains(message), "{message} shown for {form:?}");
        assert!(body.contains("韩梅") || form[0].1.is_empty(), "the name typed is kept");
        assert!(!body.contains(&good_id) && !body.contains(&bad_check), "an ID number is never echoed back");
    }
    let after = lianxin_store::people::count_persons(
        app.app.db.conn(),
        &lianxin_core::tree::TreePath::parse(
            &lianxin_store::orgs::area(app.app.db.conn(), app.area_id("石门村").await).await.unwrap().unwrap().path,
        )
        .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(before, after, "nothing was created");
    // A member placed in two organizations: the second is refused, naming the field.
    let p = person(&app, "石门村", "韩梅", 902, "").await;
    let shimen = app.org_id("中共石门村支部委员会").await.to_string();
    let form = [("org_id", shimen.as_str()), ("status", "full"), ("admitted_on", "1999-07-01"), ("full_on", "2000-07-01")];
    assert_eq!(c.post(app.url(&format!("/people/{p}/member"))).form(&form).send().await.unwrap().status(), StatusCode::SEE_OTHER);
    let t = app.browser_as("township").await;
    let other = app.org_id("中共桃源村支部委员会").await.to_string();
    let r = t
        .post(app.url(&format!("/people/{p}/member")))
        .form(&[("org_id", other.as_str()), ("status", "full"), ("admitted_on", "1999-07-01")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("一名党员只能属于一个党组织"));
    let rows = lianxin_store::people::members_by_persons(app.app.db.conn(), &[p]).await.unwrap();
    assert_eq!(rows.len(), 1);
    // Dates out of order are refused with the field.
    let q = person(&app, "石门村", "韩雷", 903, "").await;
    let r = c
        .post(app.url(&format!("/people/{q}/member")))
        .form(&[("org_id", shimen.as_str()), ("status", "full"), ("admitted_on", "2005-07-01"), ("full_on", "2004-07-01")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("id=\"f-full_on\""));
}
both!(bad_person_forms_change_nothing, bad_person_forms);

/// A mobile member's contact person is a member of the same branch.
async fn mobile_contact(app: TestApp) {
    let ctx = app.ctx();
    let shimen = app.org_id("中共石门村支部委员会").await;
    let away = person(&app, "石门村", "沈外出", 950, "").await;
    let contact = person(&app, "石门村", "沈联系", 951, "").await;
    let outsider = person(&app, "石门村", "沈群众", 952, "").await;
    members::create(&ctx, contact, full_member(shimen)).await.unwrap();
    let mobile = |c: Uuid| MemberInput {
        mobile: true,
        mobile_since: NaiveDate::from_ymd_opt(2025, 3, 1),
        mobile_place: "广东省东莞市".into(),
        mobile_contact_id: Some(c),
        ..full_member(shimen)
    };
    let e = members::create(&ctx, away, mobile(outsider)).await.unwrap_err();
    assert_eq!(e.field(), Some("mobile_contact_id"));
    let m = members::create(&ctx, away, mobile(contact)).await.unwrap();
    assert_eq!(m.mobile_contact_id, Some(contact));
    assert!(m.mobile);
}
both!(mobile_members_have_a_contact_in_the_branch, mobile_contact);

/// The demo's grid leader signs in and finds their grid's households in one step.
async fn demo_grid_leader(app: TestApp) {
    let c = app.browser_as("gridleader").await;
    let home = c.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    let link = home.split("href=\"/grids/").nth(1).and_then(|s| s.split('"').next()).expect("a link to my grid").to_owned();
    let page = c.get(app.url(&format!("/grids/{link}"))).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let body = page.text().await.unwrap();
    let first = body.split("href=\"/households/").nth(1).and_then(|s| s.split('"').next()).expect("households listed").to_owned();
    assert_eq!(c.get(app.url(&format!("/households/{first}"))).send().await.unwrap().status(), StatusCode::OK);
    // Nothing outside the grid: the organization tree and the village's other grids are closed.
    assert!(!home.contains("href=\"/orgs\""));
    let other_grid = lianxin_store::people::grids_in(
        app.app.db.conn(),
        &lianxin_core::tree::TreePath::parse(
            &lianxin_store::orgs::area(app.app.db.conn(), app.area_id("柳湾村").await).await.unwrap().unwrap().path,
        )
        .unwrap(),
    )
    .await
    .unwrap();
    if let Some(g) = other_grid.first() {
        assert_eq!(c.get(app.url(&format!("/grids/{}", g.id))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    }
}
both!(demo_grid_leader_reaches_their_grid, demo_grid_leader);
