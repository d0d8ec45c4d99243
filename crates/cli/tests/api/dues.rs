//! Party dues through the pages and the use cases, under the injected clock: a base fixed for
//! the year, payments month by month with every early, repeated or far-ahead month refused and
//! nothing changed, the six-month alert, the yearly publication that only the branch's members
//! read, payments imported from a sheet all or none, the book as .xlsx, and a township's
//! roll-up checked against the branches' own books.

use chrono::{Datelike, NaiveDate};
use lianxin_app::dues::{self, BaseInput, PayInput};
use lianxin_core::dues::DuesKind;
use reqwest::{
    StatusCode,
    multipart::{Form, Part},
};
use uuid::Uuid;

use crate::both;
use crate::helpers::{self, TestApp, ctx_for};

fn m(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").unwrap()
}

async fn errors_on(r: reqwest::Response) -> String {
    let page = r.text().await.unwrap_or_default();
    page.split("role=\"alert\">").skip(1).map(|s| s.split('<').next().unwrap_or("")).collect::<Vec<_>>().join(" | ")
}

/// The paying members of 石门村's branch, by name (the member account's person excluded).
async fn members(t: &TestApp) -> Vec<dues::Member> {
    let branch = t.org_id("中共石门村支部委员会").await;
    let all = lianxin_store::dues::paying_members(t.app.db.conn(), branch).await.unwrap();
    assert!(all.len() >= 5, "the demo branch has paying members");
    all.into_iter().filter(|m| m.person_name != "赵小军").collect()
}

async fn payments(t: &TestApp, member: Uuid) -> Vec<dues::Payment> {
    lianxin_store::dues::payments_of(t.app.db.conn(), &[member], m("2000-01"), m("2100-12")).await.unwrap()
}

async fn a_year_of_dues(t: TestApp) {
    let branch = t.org_id("中共石门村支部委员会").await;
    t.clock.set(helpers::afternoon("2026-03-10"));
    let list = members(&t).await;
    let (a, b) = (&list[0], &list[1]);
    let c = t.browser_as("secretary").await;
    let base_url = t.url(&format!("/dues/members/{}/base", a.id));
    let pay_url = t.url(&format!("/dues/members/{}/payments", a.id));

    // A negative base is refused with its rule, and nothing is stored.
    let r = c.post(&base_url).form(&[("year", "2026"), ("kind", "employed"), ("base", "-100")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors_on(r).await.contains("不能是负数"));
    assert!(lianxin_store::dues::base_of(t.app.db.conn(), a.id, 2026).await.unwrap().is_none());
    // Paying before a base is fixed: refused.
    let r = c.post(&pay_url).form(&[("year", "2026"), ("month", "2026-01"), ("paid_on", "2026-03-10")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors_on(r).await.contains("还没有核定"));

    // 5 000.01 yuan is in the 1.5 % band: 75.00 a month.
    let r = c.post(&base_url).form(&[("year", "2026"), ("kind", "employed"), ("base", "5000.01")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let base = lianxin_store::dues::base_of(t.app.db.conn(), a.id, 2026).await.unwrap().unwrap();
    assert_eq!((base.base_fen, base.monthly_fen), (Some(500_001), 7_500));
    let page = c.get(t.url(&format!("/dues/members/{}?year=2026", a.id))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("1.5%") && page.contains("75.00"), "the page explains the amount by its band");

    let r = c
        .post(&pay_url)
        .form(&[("year", "2026"), ("month", "2026-01"), ("month", "2026-02"), ("month", "2026-03"), ("paid_on", "2026-03-10")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let paid = payments(&t, a.id).await;
    assert_eq!(
        paid.iter().map(|p| (p.month, p.amount_fen)).collect::<Vec<_>>(),
        vec![(m("2026-01"), 7500), (m("2026-02"), 7500), (m("2026-03"), 7500)]
    );

    // A month already paid (even beside a new one), a month beyond the quarter, a payment by the
    // branch without a note: each refused, nothing recorded.
    for (form, says) in [
        (vec![("month", "2026-02"), ("month", "2026-04")], "已经交过"),
        (vec![("month", "2026-06")], "本季度末"),
        (vec![("month", "2026-04"), ("by_branch", "1")], "写明由谁代交"),
        (vec![("month", "2026-04"), ("paid_on", "2026-03-11")], "日期"),
    ] {
        let mut f: Vec<(&str, &str)> = vec![("year", "2026")];
        if !form.iter().any(|(k, _)| *k == "paid_on") {
            f.push(("paid_on", "2026-03-10"));
        }
        f.extend(form);
        let r = c.post(&pay_url).form(&f).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{f:?}");
        let e = errors_on(r).await;
        assert!(e.contains(says), "{f:?}: {e}");
        assert_eq!(payments(&t, a.id).await.len(), 3, "{f:?} changed nothing");
    }
    // The base is fixed for the year once a month of it is paid.
    let r = c.post(&base_url).form(&[("year", "2026"), ("kind", "employed"), ("base", "3000")]).send().await.unwrap();
    assert!(errors_on(r).await.contains("全年不变"));
    assert_eq!(lianxin_store::dues::base_of(t.app.db.conn(), a.id, 2026).await.unwrap().unwrap().monthly_fen, 7_500);

    // Another member pays January and February, then nothing: by October the alert shows.
    let sec = ctx_for(&t, "secretary").await;
    dues::set_base(&sec, b.id, 2026, BaseInput { kind: Some(DuesKind::Farmer), ..Default::default() }).await.unwrap();
    let on = NaiveDate::from_ymd_opt(2026, 3, 10);
    dues::pay(&sec, b.id, PayInput { months: vec![m("2026-01"), m("2026-02")], paid_on: on, ..Default::default() }).await.unwrap();
    t.clock.set(helpers::afternoon("2026-08-05"));
    let book = dues::book(&ctx_for(&t, "secretary").await, branch, 2026).await.unwrap();
    let row = book.rows.iter().find(|r| r.member.id == b.id).unwrap();
    assert_eq!((row.arrears.longest_run, row.arrears.alert), (5, false), "March to July: five months");
    t.clock.set(helpers::afternoon("2026-09-05"));
    let sec = ctx_for(&t, "secretary").await;
    let book = dues::book(&sec, branch, 2026).await.unwrap();
    let row = book.rows.iter().find(|r| r.member.id == b.id).unwrap();
    assert_eq!((row.arrears.longest_run, row.arrears.alert), (6, true), "March to August: six months");
    let c = t.browser_as("secretary").await;
    let page = c.get(t.url(&format!("/orgs/{branch}/dues?year=2026"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&b.person_name) && page.contains("连续六个月未交纳"));
    // Paying back the missing months clears it.
    dues::pay(
        &sec,
        b.id,
        PayInput { months: vec![m("2026-03"), m("2026-04")], paid_on: NaiveDate::from_ymd_opt(2026, 9, 5), ..Default::default() },
    )
    .await
    .unwrap();
    let book = dues::book(&sec, branch, 2026).await.unwrap();
    assert!(!book.rows.iter().find(|r| r.member.id == b.id).unwrap().arrears.alert);

    // The year is published from December on, once; members read it, bases never shown.
    let r = c.post(t.url(&format!("/orgs/{branch}/dues/publication"))).form(&[("year", "2026")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors_on(r).await.contains("十二月起"));
    let member = t.browser_as("member").await;
    let r = member.get(t.url(&format!("/orgs/{branch}/dues/publication?year=2026"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "members see nothing before it is published");
    t.clock.set(helpers::afternoon("2026-12-02"));
    let c = t.browser_as("secretary").await;
    let r = c.post(t.url(&format!("/orgs/{branch}/dues/publication"))).form(&[("year", "2026")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = c.post(t.url(&format!("/orgs/{branch}/dues/publication"))).form(&[("year", "2026")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let member = t.browser_as("member").await;
    let page = member.get(t.url(&format!("/orgs/{branch}/dues/publication?year=2026"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&a.person_name) && page.contains("75.00") && page.contains("225.00"), "{a:?}");
    assert!(!page.contains("5000.01"), "bases are incomes: not published");
    let inbox = lianxin_app::notify::inbox::inbox(&ctx_for(&t, "member").await, 20).await.unwrap();
    assert!(inbox.iter().any(|n| n.kind == "notice-dues-published"));
    // A member reads no book; another village's secretary reaches neither book nor member.
    let r = member.get(t.url(&format!("/orgs/{branch}/dues"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let other = t.browser_as("secretary2").await;
    let r = other.get(t.url(&format!("/orgs/{branch}/dues"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = other
        .post(t.url(&format!("/dues/members/{}/payments", a.id)))
        .form(&[("month", "2026-12"), ("paid_on", "2026-12-02")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(payments(&t, a.id).await.len(), 3);
}
both!(a_year_of_dues, a_year_of_dues);

/// Hardship relief (第七条): the branch proposes, only the committee above decides; until approved
/// the table's amount is owed; a reduction must be below it; a waived year owes nothing and takes
/// no payment; the township's roll-up counts the relief.
async fn hardship_relief(t: TestApp) {
    let branch = t.org_id("中共石门村支部委员会").await;
    let township = t.org_id("中共青山镇委员会").await;
    t.clock.set(helpers::afternoon("2026-03-10"));
    let list = members(&t).await;
    let (a, w) = (&list[2], &list[3]);
    let sec = ctx_for(&t, "secretary").await;
    let base = BaseInput { kind: Some(DuesKind::Employed), base: "5000.01".into(), ..Default::default() };
    dues::set_base(&sec, a.id, 2026, base.clone()).await.unwrap();
    dues::set_base(&sec, w.id, 2026, base).await.unwrap();
    let due = |o: &dues::Overview| o.rows.iter().find(|r| r.org_id == branch).map_or(0, |r| r.due_fen);
    let before = due(&dues::overview(&ctx_for(&t, "township").await, township, 2026).await.unwrap());
    let c = t.browser_as("secretary").await;
    let url = t.url(&format!("/dues/members/{}/relief", a.id));
    let stored = || async { lianxin_store::dues::base_of(t.app.db.conn(), a.id, 2026).await.unwrap().unwrap() };

    // Not a reduction, negative, or without the hardship: refused with the rule, nothing kept.
    for (form, says) in [
        (vec![("amount", "75"), ("reason", "因病致贫")], "必须低于"),
        (vec![("amount", "-1"), ("reason", "因病致贫")], "负数"),
        (vec![("amount", "5"), ("reason", "")], ""),
    ] {
        let mut f = vec![("year", "2026")];
        f.extend(form);
        let r = c.post(&url).form(&f).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{f:?}");
        assert!(errors_on(r).await.contains(says), "{f:?}");
        assert_eq!(stored().await.relief_status, None, "{f:?} kept nothing");
    }
    let r = c.post(&url).form(&[("year", "2026"), ("amount", "5"), ("reason", "因病致贫，全家靠低保")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!((stored().await.relief_status.as_deref(), stored().await.relief_fen), (Some("pending"), Some(500)));
    let page = c.get(t.url(&format!("/dues/members/{}?year=2026", a.id))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("待上级党委审批") && page.contains("还需要报上级党委批准"), "the page says what is missing");
    assert_eq!(dues::monthly_owed(&stored().await), 7500, "until approved the table's amount is owed");

    // The branch cannot approve its own proposal; the township sees it waiting and must say why
    // it rejects.
    let r = c.post(format!("{url}/decision")).form(&[("year", "2026"), ("decision", "approve")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(stored().await.relief_status.as_deref(), Some("pending"));
    let town = ctx_for(&t, "township").await;
    let (_, waiting, _) = dues::relief::pending(&town, township, lianxin_core::paging::Window::first(100)).await.unwrap();
    assert!(waiting.items.iter().any(|(_, m)| m.id == a.id));
    assert!(dues::relief::decide(&town, a.id, 2026, false, " ").await.is_err(), "a rejection says why");
    dues::relief::decide(&town, a.id, 2026, true, "").await.unwrap();
    assert!(dues::relief::decide(&town, a.id, 2026, true, "").await.is_err(), "decided once");
    assert_eq!(dues::monthly_owed(&stored().await), 500);
    let r = c.post(&url).form(&[("year", "2026"), ("amount", "1"), ("reason", "再次申请")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);

    // Payments are taken at the reduced amount.
    dues::pay(&sec, a.id, PayInput { months: vec![m("2026-01")], paid_on: NaiveDate::from_ymd_opt(2026, 3, 10), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(payments(&t, a.id).await.iter().map(|p| p.amount_fen).collect::<Vec<_>>(), vec![500]);

    // Waived: nothing owed, no payment taken, no arrears.
    dues::relief::propose(&sec, w.id, 2026, dues::ReliefInput { amount: "0".into(), reason: "重病".into() }).await.unwrap();
    dues::relief::decide(&town, w.id, 2026, true, "").await.unwrap();
    let on = NaiveDate::from_ymd_opt(2026, 3, 10);
    assert!(dues::pay(&sec, w.id, PayInput { months: vec![m("2026-01")], paid_on: on, ..Default::default() }).await.is_err());
    let book = dues::book(&sec, branch, 2026).await.unwrap();
    let row = book.rows.iter().find(|r| r.member.id == w.id).unwrap();
    assert_eq!((row.owed_fen(), row.arrears.owed.len()), (0, 0));

    // The roll-up counts both reliefs for the two months owed so far.
    let after = due(&dues::overview(&town, township, 2026).await.unwrap());
    assert_eq!(before - after, 2 * ((7500 - 500) + 7500));

    // A year later the waived year is still not arrears: only the new year's unpaid months are.
    t.clock.set(helpers::afternoon("2027-03-10"));
    let base = BaseInput { kind: Some(DuesKind::Employed), base: "5000.01".into(), ..Default::default() };
    dues::set_base(&sec, w.id, 2027, base).await.unwrap();
    let book = dues::book(&sec, branch, 2027).await.unwrap();
    let row = book.rows.iter().find(|r| r.member.id == w.id).unwrap();
    assert_eq!(row.arrears.owed, vec![m("2027-01"), m("2027-02")]);
}
both!(hardship_relief, hardship_relief);

async fn upload(c: &reqwest::Client, t: &TestApp, branch: Uuid, csv: String) -> reqwest::Response {
    let form = Form::new().part("file", Part::bytes(csv.into_bytes()).file_name("党费.csv").mime_str("text/csv").unwrap());
    c.post(t.url(&format!("/orgs/{branch}/dues/import"))).multipart(form).send().await.unwrap()
}

async fn imports_are_all_or_none(t: TestApp) {
    let branch = t.org_id("中共石门村支部委员会").await;
    t.clock.set(helpers::afternoon("2026-05-10"));
    let list = members(&t).await;
    let sec = ctx_for(&t, "secretary").await;
    for p in &list[..3] {
        dues::set_base(&sec, p.id, 2026, BaseInput { kind: Some(DuesKind::Retired), base: "5000".into(), note: String::new() })
            .await
            .unwrap();
    }
    let (a, b, c3) = (&list[0], &list[1], &list[2]);
    let c = t.browser_as("secretary").await;
    let bad = format!(
        "姓名,月份,交纳日期,代交,备注\n{},2026-04,2026-05-08,否,\n查无此人,2026-04,2026-05-08,,\n{},2026年13月,2026-05-08,,\n{},2026-04,2026-05-08,是,\n",
        a.person_name, b.person_name, c3.person_name
    );
    let r = upload(&c, &t, branch, bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    for says in ["第 3 行", "没有这名", "第 4 行", "不是一个月份", "第 5 行", "写明由谁代交"] {
        assert!(page.contains(says), "{says}");
    }
    for p in &list[..3] {
        assert!(payments(&t, p.id).await.is_empty(), "nothing recorded while any row is wrong");
    }
    let good = format!(
        "姓名,月份,交纳日期,代交,备注\n{},2026-04,2026-05-08,否,\n{},2026/4,2026年5月8日,是,书记上门收取\n",
        a.person_name, b.person_name
    );
    let r = upload(&c, &t, branch, good.clone()).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("已登记 2 条交纳记录，共 50.00 元"));
    let pb = payments(&t, b.id).await;
    assert_eq!((pb.len(), pb[0].by_branch, pb[0].amount_fen), (1, true, 2_500));
    let r = upload(&c, &t, branch, good).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("已经交过"));
    assert_eq!(payments(&t, a.id).await.len(), 1);

    // The book as a spreadsheet: Chinese headers, words not codes, the payments as amounts.
    let r = c.get(t.url(&format!("/orgs/{branch}/dues.xlsx?year=2026"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let bytes = r.bytes().await.unwrap();
    let sheet = lianxin_app::sheets::read(&bytes, "dues.xlsx", Default::default()).unwrap();
    assert_eq!(sheet.headers[0], "姓名");
    assert!(sheet.headers.iter().any(|h| h == "2026 年 4 月"));
    let row = sheet.rows.iter().find(|r| r.cells[0] == b.person_name).unwrap();
    assert_eq!(row.cells[1], "离退休党员");
    assert!(row.cells.iter().any(|c| c == "25.00 元（支部代交）"), "{row:?}");
    assert!(row.cells.iter().any(|c| c == "未交"), "January to March owed: {row:?}");
    // A member cannot import.
    let member = t.browser_as("member").await;
    let r = upload(&member, &t, branch, "姓名,月份,交纳日期\n".into()).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}
both!(imports_are_all_or_none, imports_are_all_or_none);

/// The township's roll-up agrees with every branch's own book, read member by member.
async fn the_rollup_agrees_with_the_books(t: TestApp) {
    t.clock.set(helpers::afternoon("2026-11-20"));
    let county = t.org_id("中共青山县委员会").await;
    let township = t.org_id("中共青山镇委员会").await;
    lianxin_app::fixtures::dues::generate(&t.app, county, 2, 7).await.unwrap();
    let ctx = ctx_for(&t, "township").await;
    let o = dues::overview(&ctx, township, 2026).await.unwrap();
    assert!(o.rows.len() >= 2, "{:?}", o.rows);
    let mut silent_seen = 0;
    for row in &o.rows {
        let book = dues::book(&ctx, row.org_id, 2026).await.unwrap();
        let with_base: Vec<_> = book.rows.iter().filter(|r| r.base.is_some()).collect();
        assert_eq!(row.members as usize, with_base.len(), "{}", row.name);
        assert_eq!(row.paid_fen, book.paid_fen(), "{}", row.name);
        let monthly: i64 = with_base.iter().map(|r| r.base.as_ref().unwrap().monthly_fen).sum();
        assert_eq!(row.due_fen, monthly * i64::from(book.through.month()), "{}", row.name);
        // Six months back from October: May to October with no payment at all.
        let silent = with_base.iter().filter(|r| r.months[4..10].iter().all(Option::is_none)).count();
        assert_eq!(row.silent as usize, silent, "{}", row.name);
        silent_seen += silent;
        assert!(book.rows.iter().filter(|r| r.arrears.alert).count() >= silent, "every silent member is also alerted");
    }
    assert!(silent_seen > 0, "the generated county has members six months behind");
    let c = t.browser_as("township").await;
    let page = c.get(t.url(&format!("/orgs/{township}/dues/overview?year=2026"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("中共石门村支部委员会") && page.contains("近六个月未交人数"));
    let r = t.browser_as("secretary").await.get(t.url(&format!("/orgs/{township}/dues/overview?year=2026"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "a branch does not read the township's roll-up");
}
both!(the_rollup_agrees_with_the_books, the_rollup_agrees_with_the_books);

async fn the_dues_rules_answer(t: TestApp) {
    let c = reqwest::Client::new();
    let ask = |name: &str, body: serde_json::Value| c.post(t.url(&format!("/api/v1/rules/{name}"))).json(&body).send();
    let j: serde_json::Value =
        ask("dues-payment", serde_json::json!({ "starts": "2025-03-15", "month": "2026-08", "paid_on": "2026-05-20" }))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(j["allowed"], false, "{j}");
    let j: serde_json::Value =
        ask("dues-arrears", serde_json::json!({ "starts": "2026-01", "through": "2026-10", "paid": ["2026-01", "2026-02", "2026-09"] }))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!((j["longest_run"].as_u64(), j["alert"].as_bool()), (Some(6), Some(true)), "{j}");
    let r = ask("dues-arrears", serde_json::json!({ "starts": "January", "through": "2026-10" })).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()["error"]["field"], "starts");
    let page = c.get(t.url("/rules/dues-arrears?starts=2026-01&through=2026-10&paid=2026-01")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("最长连续 9 个月未交"), "the calculator answers without JavaScript");
}
both!(the_dues_rules_answer, the_dues_rules_answer);
