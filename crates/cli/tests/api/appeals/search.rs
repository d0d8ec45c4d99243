//! Appeals: full-text search, the public board and categories counties add.

use super::*;

// ---------------------------------------------------------------------------------------------
// 9. Full-text search
// ---------------------------------------------------------------------------------------------

async fn search(t: TestApp) {
    let shimen = t.area_id("石门村").await;
    let liuwan = t.area_id("柳湾村").await;
    let v = villager(&t, "10.0.0.11");
    let (water, _) = file(&v, need(shimen, "water", "村东头的自来水管道破裂了")).await;
    let (wifi, _) = file(&v, need(shimen, "other", "村委会WiFi信号差，100%连不上")).await;
    let (old, _) = file(&v, need(shimen, "elderly", "独居老人需要照顾")).await;
    let (elsewhere, _) = file(&v, need(liuwan, "water", "柳湾村的自来水管道也破裂了")).await;
    let secretary = ctx_for(&t, "secretary").await;
    // A closed one is still found by search.
    act(&secretary, &old, resolve("已安排志愿者")).await;

    let find = |q: &'static str| {
        let secretary = secretary.clone();
        async move {
            let page = queues::queue(&secretary, &QueueFilter { queue: Some(Queue::All), text: Some(q.into()), ..Default::default() })
                .await
                .unwrap_or_else(|e| panic!("search {q}: {e:?}"));
            let mut ids: Vec<Uuid> = page.rows.iter().map(|r| r.id).collect();
            ids.sort();
            ids
        }
    };
    let sorted = |mut v: Vec<Uuid>| {
        v.sort();
        v
    };
    assert_eq!(find("自来水管道").await, vec![water.id], "trigram search, only the secretary's own village");
    assert_eq!(find("自来水").await, vec![water.id]);
    assert_eq!(find("水管").await, vec![water.id], "two characters");
    assert_eq!(find("水").await, vec![water.id], "one character");
    assert_eq!(find("老人").await, vec![old.id], "resolved appeals are searched too");
    assert_eq!(find("wifi信号").await, vec![wifi.id], "case does not matter");
    assert_eq!(find("wi").await, vec![wifi.id]);
    assert_eq!(find("100%").await, vec![wifi.id]);
    assert_eq!(find("%").await, vec![wifi.id], "a percent sign is literal");
    assert_eq!(find("_").await, Vec::<Uuid>::new(), "so is an underscore");
    assert_eq!(find("桥梁塌方").await, Vec::<Uuid>::new());
    assert_eq!(find("龙").await, Vec::<Uuid>::new());
    assert_eq!(find("\"引号\"").await, Vec::<Uuid>::new(), "quotes do not break the query");
    assert_eq!(sorted(find("村").await), sorted(vec![water.id, wifi.id]));
    // The county sees both villages.
    let county = ctx_for(&t, "county").await;
    let page = queues::queue(&county, &QueueFilter { queue: Some(Queue::All), text: Some("自来水管道".into()), ..Default::default() })
        .await
        .expect("county search");
    assert_eq!(sorted(page.rows.iter().map(|r| r.id).collect()), sorted(vec![water.id, elsewhere.id]));
    // Too long a query is refused.
    let long = "水".repeat(101);
    let e = err(queues::queue(&secretary, &QueueFilter { queue: Some(Queue::All), text: Some(long), ..Default::default() }).await);
    assert_eq!(e.key(), "error-too-long");
    // Control and invisible characters are refused with a 422, on the page and in the API; a NUL
    // once broke the full-text query with a 500.
    for q in ["\u{0}abc", "自来\u{0}水管道", "a\u{202E}bc"] {
        let e = err(queues::queue(&secretary, &QueueFilter { queue: Some(Queue::All), text: Some(q.into()), ..Default::default() }).await);
        assert!(matches!(e, AppError::Invalid { .. }), "{q:?}: {e:?}");
    }
    let browser = t.browser_as("secretary").await;
    for q in ["%00abc", "%E8%87%AA%E6%9D%A5%00%E6%B0%B4%E7%AE%A1", "a%E2%80%AEbc"] {
        let r = browser.get(t.url(&format!("/appeals?queue=all&q={q}"))).send().await.unwrap();
        assert_eq!(r.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY, "page, q={q}");
        let body = r.text().await.unwrap();
        assert!(body.contains("字符"), "the reason is shown in words: {body}");
        assert!(!body.contains('\u{0}'), "the NUL is not written back into the page");
    }
    let token = t.token("secretary", lianxin_app::TokenAccess::Read).await;
    let api = reqwest::Client::new();
    for q in ["%00abc", "a%E2%80%AEbc"] {
        let r = api.get(t.url(&format!("/api/v1/appeals?queue=all&q={q}"))).bearer_auth(&token).send().await.unwrap();
        assert_eq!(r.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY, "API, q={q}");
    }
}
both!(search_finds_by_text_of_any_length, search);

// ---------------------------------------------------------------------------------------------
// 10. The public board
// ---------------------------------------------------------------------------------------------

async fn public_board(t: TestApp) {
    let shimen = t.area_id("石门村").await;
    let liuwan = t.area_id("柳湾村").await;
    let v = villager(&t, "10.0.0.12");
    let (name, phone) = ("欧阳秀兰", "13712345678");
    let with_contact = |n: NewAppeal| NewAppeal { name: Some(name.into()), phone: Some(phone.into()), ..n };
    let (a, akey) = file(&v, with_contact(need(shimen, "water", "水压太低，楼上没水"))).await;
    let (b, _) = file(&v, with_contact(need(shimen, "water", "水费收得不明白"))).await;
    let (private, _) = file(&v, NewAppeal { public: Some(false), ..with_contact(need(shimen, "elderly", "家中老人行动不便")) }).await;
    file(&v, with_contact(need(liuwan, "water", "柳湾村也停水"))).await;
    assert_eq!(a.name_mask.as_deref(), Some("欧***"));
    assert_eq!(a.phone_mask.as_deref(), Some("137****5678"));

    let secretary = ctx_for(&t, "secretary").await;
    // The handler may see who asked, and that is audited.
    let (n, p) = steps::reveal_contact(&secretary, a.id).await.expect("reveal");
    assert_eq!((n.as_deref(), p.as_deref()), (Some(name), Some(phone)));
    assert_eq!(t.audit_count("appeal.reveal", "ok", Some(&a.id.to_string())).await, 1);
    t.clock.advance(Duration::hours(6));
    act(&secretary, &a, resolve("已加装增压泵")).await;
    steps::rate(&v, &a.code, &Requester::with_key(akey), Rating::Satisfied, "").await.expect("rate");

    let board = board::board(&villager(&t, "10.0.0.13"), shimen, None).await.expect("board");
    let f = &board.figures;
    assert_eq!(board.area_name, "石门村");
    assert_eq!((f.filed, f.open, f.done), (3, 2, 1), "the village's own needs only, private ones counted");
    assert_eq!((f.satisfied, f.basically, f.unsatisfied), (1, 0, 0));
    assert_eq!(f.satisfaction, Some(1.0));
    assert_eq!(f.median_hours, Some(6));
    let water = f.by_category.iter().find(|c| c.service_code == "water").expect("water");
    assert_eq!((water.filed, water.open, water.done, water.name.as_str()), (2, 1, 1, "饮水用水"));
    let elderly = f.by_category.iter().find(|c| c.service_code == "elderly").expect("elderly");
    assert_eq!((elderly.filed, elderly.open), (1, 1));
    assert_eq!(f.by_category.len(), 2);
    assert_eq!(f.by_category[0].service_code, "water", "most filed first");
    assert_eq!(f.months.len(), 12);
    assert_eq!(f.months.iter().map(|m| m.filed).sum::<u64>(), 3);
    assert_eq!(f.months.iter().map(|m| m.resolved).sum::<u64>(), 1);
    let mut listed: Vec<&str> = board.appeals.iter().map(|p| p.code.as_str()).collect();
    listed.sort();
    let mut expected = vec![a.code.as_str(), b.code.as_str()];
    expected.sort();
    assert_eq!(listed, expected, "public needs only");
    assert!(!listed.contains(&private.code.as_str()));

    // No personal data in what the public sees.
    let json = serde_json::to_string(&board).expect("json");
    for secret in [name, phone, "欧***", "137****5678", "5678", &a.key_hash] {
        assert!(!json.contains(secret), "the board leaks {secret}");
    }
    let county = board::board(&villager(&t, "10.0.0.13"), t.area_id("青山县").await, None).await.expect("county board");
    assert_eq!(county.figures.filed, 4);
    assert!(!serde_json::to_string(&county).expect("json").contains(name));
}
both!(public_board_counts_without_personal_data, public_board);

both!(counties_add_categories, categories_added);

async fn categories_added(t: TestApp) {
    let county = t.area_id("青山县").await;
    let new = |code: &str| setup::CategoryNew {
        code: code.into(),
        name_zh: "桥梁".into(),
        name_en: "Bridges".into(),
        owner: "village_committee".into(),
        sla: "3d".into(),
    };
    let organizer = ctx_for(&t, "county").await;
    let k = setup::create_category(&organizer, county, new("bridge")).await.expect("create");
    assert_eq!((k.code.as_str(), k.sla.as_str(), k.active), ("bridge", "3d", true));
    let offered = setup::categories_for_village(&villager(&t, "10.0.0.30"), t.area_id("石门村").await).await.expect("categories");
    assert!(offered.iter().any(|c| c.code == "bridge"), "villages of the county offer it at once");
    assert_eq!(err(setup::create_category(&organizer, county, new("bridge")).await).key(), "error-appeal-category-taken");
    assert_eq!(err(setup::create_category(&organizer, county, new("Bad code!")).await).key(), "error-appeal-category-code");
    let mut no_owner = new("ferry");
    no_owner.owner = "nobody".into();
    assert_eq!(err(setup::create_category(&organizer, county, no_owner).await).key(), "error-appeal-owner");
    // A village secretary cannot change the county's matrix.
    let secretary = ctx_for(&t, "secretary").await;
    assert!(matches!(err(setup::create_category(&secretary, county, new("ferry")).await), AppError::NotFound | AppError::Forbidden));
    // Attribute definitions with two fields of one code, or a list without values, are refused.
    let dup = r#"[{"code":"a","datatype":"string","required":false,"description":"x"},{"code":"a","datatype":"number","required":false,"description":"y"}]"#;
    let empty_list = r#"[{"code":"a","datatype":"singlevaluelist","required":true,"description":"x","values":[]}]"#;
    for bad in [dup, empty_list] {
        let patch = setup::CategoryPatch { attributes: Some(bad.into()), ..Default::default() };
        assert_eq!(err(setup::update_category(&organizer, k.id, patch).await).key(), "error-appeal-attributes-json");
    }
}
