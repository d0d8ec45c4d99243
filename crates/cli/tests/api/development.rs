//! Member development through the pages and the use cases, under the injected clock: an applicant
//! of 石门村 from the application to full membership, every early or incomplete step refused with
//! nothing changed, the assembly's votes taken from the meetings capability, approval only from
//! the township, and the member record written at admission; the rules answered by the API.

use chrono::NaiveDate;
use lianxin_app::{
    AppError,
    development::{self, StepInput},
    people::{
        members::{self, MemberInput},
        persons::{self, PersonInput},
    },
};
use lianxin_core::{development::Step, people::MemberStatus};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::both;
use crate::helpers::{self, TestApp, ctx_for};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

async fn errors_on(r: reqwest::Response) -> String {
    let page = r.text().await.unwrap_or_default();
    page.split("role=\"alert\">").skip(1).map(|s| s.split('<').next().unwrap_or("")).collect::<Vec<_>>().join(" | ")
}

async fn person(t: &TestApp, name: &str, born: &str) -> Uuid {
    let sec = ctx_for(t, "secretary").await;
    let input = PersonInput {
        name: name.into(),
        gender: None,
        birth_date: Some(d(born)),
        ethnicity: String::new(),
        education: None,
        occupation: None,
        id_number: String::new(),
        phone: String::new(),
        area_id: t.area_id("石门村").await,
        household_id: None,
    };
    persons::create(&sec, input).await.expect("person").id
}

async fn post_step(c: &reqwest::Client, t: &TestApp, case: Uuid, step: &str, form: &[(&str, String)]) -> reqwest::Response {
    c.post(t.url(&format!("/development/{case}/steps/{step}"))).form(form).send().await.unwrap()
}

async fn stage_of(t: &TestApp, case: Uuid) -> String {
    lianxin_store::development::case(t.app.db.conn(), case).await.unwrap().unwrap().stage
}

async fn an_applicant_becomes_a_full_member(t: TestApp) {
    let branch = t.org_id("中共石门村支部委员会").await;
    t.clock.set(helpers::afternoon("2025-01-06"));
    let young = person(&t, "李小雨", "2007-03-01").await;
    let applicant = person(&t, "王红梅", "1998-05-01").await;
    // Moving the clock by weeks ends a session: sign in again after each move.
    let mut c = t.browser_as("secretary").await;

    // Under 18 at the application: refused, no case.
    let r = c
        .post(t.url(&format!("/orgs/{branch}/development")))
        .form(&[("person_id", young.to_string()), ("applied_on", "2025-01-06".into())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors_on(r).await.contains("不满十八岁"));
    assert!(lianxin_store::development::case_of_person(t.app.db.conn(), young).await.unwrap().is_none());

    let r = c
        .post(t.url(&format!("/orgs/{branch}/development")))
        .form(&[("person_id", applicant.to_string()), ("applied_on", "2025-01-06".into())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", errors_on(r).await);
    let case: Uuid = r.headers()["location"].to_str().unwrap().trim_start_matches("/development/").parse().expect("case id");
    let r = c
        .post(t.url(&format!("/orgs/{branch}/development")))
        .form(&[("person_id", applicant.to_string()), ("applied_on", "2025-01-06".into())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT, "one case per person");

    // The talk within the month, then activist.
    let r = post_step(&c, &t, case, "talk", &[("on", "2025-01-20".into())]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a day still to come");
    t.clock.set(helpers::afternoon("2025-01-20"));
    c = t.browser_as("secretary").await;
    let r = post_step(&c, &t, case, "activist", &[("on", "2025-01-20".into())]).await;
    let status = r.status();
    let e = errors_on(r).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert!(e.contains("请先记录谈话"), "{e}");
    assert_eq!(post_step(&c, &t, case, "talk", &[("on", "2025-01-20".into())]).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(post_step(&c, &t, case, "activist", &[("on", "2025-01-20".into())]).await.status(), StatusCode::SEE_OTHER);

    // A development target only after a full year as an activist; the page says from when.
    t.clock.set(helpers::afternoon("2026-01-19"));
    c = t.browser_as("secretary").await;
    let r = post_step(&c, &t, case, "development_target", &[("on", "2026-01-19".into())]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors_on(r).await.contains("不满一年"));
    assert_eq!(stage_of(&t, case).await, "activist", "nothing changed");
    let page = c.get(t.url(&format!("/development/{case}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("2026-01-20 起才能确定为发展对象"), "the rule explains the wait");
    t.clock.set(helpers::afternoon("2026-01-20"));
    c = t.browser_as("secretary").await;
    assert_eq!(post_step(&c, &t, case, "development_target", &[("on", "2026-01-20".into())]).await.status(), StatusCode::SEE_OTHER);

    // Introducers: a probationary member may not introduce; two full members may.
    let sec = ctx_for(&t, "secretary").await;
    let probationer = person(&t, "陈预备", "1990-02-02").await;
    let p = members::create(
        &sec,
        probationer,
        MemberInput {
            org_id: branch,
            status: Some(MemberStatus::Probationary),
            admitted_on: Some(d("2025-09-01")),
            applied_on: Some(d("2023-01-01")),
            ..MemberInput::default()
        },
    )
    .await
    .unwrap();
    let full = lianxin_store::development::full_members_of(t.app.db.conn(), branch, 10).await.unwrap();
    assert!(full.len() >= 2);
    let r = post_step(
        &c,
        &t,
        case,
        "introducers",
        &[("on", "2026-01-20".into()), ("introducer", full[0].0.to_string()), ("introducer", p.id.to_string())],
    )
    .await;
    let (status, e) = (r.status(), errors_on(r).await);
    assert!(e.contains("两名正式党员"), "{status} {e}");

    // 留党察看: only a full member, one year or two; under it a full member may not introduce.
    let probation = |m: Uuid| t.url(&format!("/members/{m}/party-probation"));
    let db = t.app.db.clone();
    let stored = |m: Uuid| {
        let db = db.clone();
        async move { lianxin_store::people::member(db.conn(), m).await.unwrap().unwrap() }
    };
    let form = |from: &'static str, years: &'static str, note: &'static str| vec![("from", from), ("years", years), ("note", note)];
    for (m, f, says) in [
        (full[1].0, form("2026-01-05", "3", ""), "一年或两年"),
        (p.id, form("2026-01-05", "1", ""), "只有正式党员"),
        (full[1].0, form("2026-02-05", "1", ""), "不能晚于今天"),
    ] {
        let r = c.post(probation(m)).form(&f).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{f:?}");
        assert!(errors_on(r).await.contains(says), "{f:?}");
        assert_eq!(stored(m).await.party_probation_from, None, "{f:?} kept nothing");
    }
    let r = c.post(probation(full[1].0)).form(&form("2026-01-05", "1", "青组字〔2026〕3号")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(stored(full[1].0).await.party_probation_until, Some(d("2027-01-05")));
    let person_page = c.get(t.url(&format!("/people/{}", stored(full[1].0).await.person_id))).send().await.unwrap().text().await.unwrap();
    assert!(person_page.contains("2026-01-05 至 2027-01-05（察看中）"), "the record shows it");
    // So do the roster's export, in words, and the member record of the API.
    let bytes = c.get(t.url(&format!("/orgs/{branch}/roster.xlsx"))).send().await.unwrap().bytes().await.unwrap();
    let sheet = lianxin_app::sheets::read(&bytes, "r.xlsx", Default::default()).unwrap();
    let name = stored(full[1].0).await.person_name;
    let row = sheet.rows.iter().find(|r| r.cells.contains(&name)).expect("the member is exported");
    assert!(row.cells.iter().any(|c| c == "2026-01-05 – 2027-01-04"), "{row:?}");
    assert!(sheet.headers.iter().any(|h| h == "留党察看") && !row.cells.iter().any(|c| c == "male"), "{:?}", sheet.headers);
    let both_full = [("on", "2026-01-20".to_string()), ("introducer", full[0].0.to_string()), ("introducer", full[1].0.to_string())];
    let r = post_step(&c, &t, case, "introducers", &both_full).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a member under 留党察看 may not introduce");
    // Lifting it needs the reason.
    let r = c.post(probation(full[1].0)).form(&form("", "1", "")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = c.post(probation(full[1].0)).form(&form("", "1", "记录有误，撤销")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(stored(full[1].0).await.party_probation_from, None);

    let r = post_step(
        &c,
        &t,
        case,
        "introducers",
        &[("on", "2026-01-20".into()), ("introducer", full[0].0.to_string()), ("introducer", full[1].0.to_string())],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Review needs its conclusion; training cannot hold more hours than its days.
    t.clock.set(helpers::afternoon("2026-01-23"));
    c = t.browser_as("secretary").await;
    assert_eq!(post_step(&c, &t, case, "review", &[("on", "2026-01-21".into())]).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        post_step(&c, &t, case, "review", &[("on", "2026-01-21".into()), ("note", "政治审查合格".into())]).await.status(),
        StatusCode::SEE_OTHER
    );
    let over = [("training_from", "2026-01-22".to_string()), ("training_to", "2026-01-22".into()), ("training_hours", "30".into())];
    assert!(errors_on(post_step(&c, &t, case, "training", &over).await).await.contains("学时超过"));
    let short = [("training_from", "2026-01-21".to_string()), ("training_to", "2026-01-22".into()), ("training_hours", "16".into())];
    assert!(errors_on(post_step(&c, &t, case, "training", &short).await).await.contains("不足三天"));
    let ok = [("training_from", "2026-01-21".to_string()), ("training_to", "2026-01-23".into()), ("training_hours", "20".into())];
    assert_eq!(post_step(&c, &t, case, "training", &ok).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        post_step(&c, &t, case, "notice", &[("on", "2026-01-23".into())]).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "after the pre-review"
    );
    assert_eq!(post_step(&c, &t, case, "pre_review", &[("on", "2026-01-23".into())]).await.status(), StatusCode::SEE_OTHER);
    t.clock.set(helpers::afternoon("2026-01-26"));
    c = t.browser_as("secretary").await;
    assert_eq!(post_step(&c, &t, case, "notice", &[("on", "2026-01-26".into())]).await.status(), StatusCode::SEE_OTHER);

    // The assembly: not while the notice runs (Mon 26 to Fri 30 January); then with its vote.
    let early = helpers::assembly_vote(&t, "2026-01-30", "接收王红梅为预备党员").await;
    c = t.browser_as("secretary").await;
    let r = post_step(&c, &t, case, "admission", &[("on", "2026-01-30".into()), ("vote_id", early.to_string())]).await;
    assert!(errors_on(r).await.contains("公示期还没有满"));
    let vote = helpers::assembly_vote(&t, "2026-02-02", "接收王红梅为预备党员").await;
    c = t.browser_as("secretary").await;
    let r = post_step(&c, &t, case, "admission", &[("on", "2026-02-01".into()), ("vote_id", vote.to_string())]).await;
    assert!(errors_on(r).await.contains("支部大会召开的日期"));
    let r = post_step(&c, &t, case, "admission", &[("on", "2026-02-02".into()), ("vote_id", vote.to_string())]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", errors_on(r).await);
    assert_eq!(stage_of(&t, case).await, "admitted");
    assert!(
        lianxin_store::people::member_by_person(t.app.db.conn(), applicant).await.unwrap().is_none(),
        "no member record before approval"
    );

    // Approval: never the branch itself; the township, within three months.
    t.clock.set(helpers::afternoon("2026-03-02"));
    c = t.browser_as("secretary").await;
    let r = post_step(&c, &t, case, "approval", &[("on", "2026-03-02".into())]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let town = ctx_for(&t, "township").await;
    development::record_step(&town, case, Step::Approval, StepInput { on: Some(d("2026-03-02")), ..StepInput::default() }).await.unwrap();
    let m = lianxin_store::people::member_by_person(t.app.db.conn(), applicant).await.unwrap().expect("the member record");
    assert_eq!((m.status.as_str(), m.admitted_on, m.org_id), ("probationary", Some(d("2026-02-02")), branch));

    // Confirmation: not before the year of probation has run, and with the assembly's vote.
    let again = helpers::assembly_vote(&t, "2027-01-29", "王红梅按期转正").await;
    c = t.browser_as("secretary").await;
    let r = post_step(&c, &t, case, "confirmation", &[("on", "2027-01-29".into()), ("vote_id", again.to_string())]).await;
    assert!(errors_on(r).await.contains("预备期还没有满"));
    let used = post_step(&c, &t, case, "confirmation", &[("on", "2026-02-02".into()), ("vote_id", vote.to_string())]).await;
    assert_eq!(used.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let vote = helpers::assembly_vote(&t, "2027-02-03", "王红梅按期转正").await;
    c = t.browser_as("secretary").await;
    let r = post_step(&c, &t, case, "confirmation", &[("on", "2027-02-03".into()), ("vote_id", vote.to_string())]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", errors_on(r).await);
    let m = lianxin_store::people::member_by_person(t.app.db.conn(), applicant).await.unwrap().unwrap();
    assert_eq!((m.status.as_str(), m.full_on), ("full", Some(d("2027-02-02"))), "party standing from the end of probation");

    // The timeline holds every step in order; the member is on the roster.
    let view = development::case(&sec, case).await.unwrap();
    let steps: Vec<&str> = view.steps.iter().map(|s| s.step.as_str()).collect();
    assert_eq!(
        steps,
        [
            "application",
            "talk",
            "activist",
            "development_target",
            "introducers",
            "review",
            "training",
            "pre_review",
            "notice",
            "admission",
            "approval",
            "confirmation"
        ]
    );
    let page = c.get(t.url(&format!("/development/{case}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("正式党员") && page.contains("支部大会讨论接收"));
    let list = c.get(t.url(&format!("/orgs/{branch}/development?all=1"))).send().await.unwrap().text().await.unwrap();
    assert!(list.contains("王红梅"));
    let m = members::member(&sec, m.id).await.unwrap();
    assert_eq!(MemberStatus::parse(&m.status), Some(MemberStatus::Full));
}
both!(an_applicant_becomes_a_full_member, an_applicant_becomes_a_full_member);

async fn due_lists_and_who_may_read(t: TestApp) {
    let branch = t.org_id("中共石门村支部委员会").await;
    t.clock.set(helpers::afternoon("2026-12-01"));
    let who = person(&t, "赵申请", "1995-01-01").await;
    let sec = ctx_for(&t, "secretary").await;
    let case = development::open(&sec, branch, who, Some(d("2026-11-20")), "").await.unwrap();
    // The talk is due by 20 December: on the branch's and the township's lists for December.
    let due = development::due_this_month(&sec, branch).await.unwrap();
    assert!(due.cases.iter().any(|(c, n)| c.id == case.id && n.step == Step::Talk && n.due_by == Some(d("2026-12-20"))));
    let town = ctx_for(&t, "township").await;
    let qingshan = t.org_id("中共青山镇委员会").await;
    assert!(development::due_this_month(&town, qingshan).await.unwrap().cases.iter().any(|(c, _)| c.id == case.id));
    // A member of the branch does not read applicants' files; another branch's secretary does not
    // even see the case exists.
    let member = ctx_for(&t, "member").await;
    assert!(matches!(development::case(&member, case.id).await.unwrap_err(), AppError::Forbidden));
    let other = ctx_for(&t, "secretary2").await;
    assert!(matches!(development::case(&other, case.id).await.unwrap_err(), AppError::NotFound));
    let e = development::record_step(&other, case.id, Step::Talk, StepInput { on: Some(d("2026-12-01")), ..StepInput::default() })
        .await
        .unwrap_err();
    assert!(matches!(e, AppError::NotFound), "{e:?}");
    // A step the stage does not take is refused.
    let e = development::record_step(&sec, case.id, Step::Confirmation, StepInput { on: Some(d("2026-12-01")), ..StepInput::default() })
        .await
        .unwrap_err();
    assert_eq!(e.key(), "error-dev-step-stage");
}
both!(due_lists_and_who_may_read, due_lists_and_who_may_read);

async fn the_development_and_dues_rules_answer(t: TestApp) {
    let c = reqwest::Client::new();
    let ask = |name: &str, body: serde_json::Value| c.post(t.url(&format!("/api/v1/rules/{name}"))).json(&body).send();
    let r = ask(
        "development-gate",
        serde_json::json!({ "gate": "application", "applicant_birth": "2008-12-08", "application_on": "2026-12-07" }),
    )
    .await
    .unwrap();
    let j: serde_json::Value = r.json().await.unwrap();
    assert_eq!((j["allowed"].clone(), j["earliest"].clone()), (serde_json::json!(false), serde_json::json!("2026-12-08")));
    let j: serde_json::Value =
        ask("development-gate", serde_json::json!({ "gate": "introducers", "introducers": ["full", "probationary"] }))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(j["allowed"], false);
    let j: serde_json::Value =
        ask("development-gate", serde_json::json!({ "gate": "confirmation", "probation_from": "2025-12-07", "on": "2026-12-07" }))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(j["allowed"], true);
    let r = ask("development-gate", serde_json::json!({ "gate": "development_target", "activist_since": "2025-12-07" })).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()["error"]["field"], "on");
    for (kind, base, dues) in
        [("employed", "3000", 15.0), ("employed", "3000.01", 30.0), ("employed", "10000.01", 200.0), ("retired", "5000", 25.0)]
    {
        let j: serde_json::Value = ask("dues", serde_json::json!({ "kind": kind, "base": base })).await.unwrap().json().await.unwrap();
        assert_eq!(j["dues"].as_f64(), Some(dues), "{kind} {base}: {j}");
    }
    let j: serde_json::Value = ask("dues", serde_json::json!({ "kind": "student" })).await.unwrap().json().await.unwrap();
    assert_eq!(j["dues"].as_f64(), Some(0.2));
    let r = ask("dues", serde_json::json!({ "kind": "employed", "base": -5 })).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()["error"]["field"], "base");
    let page = c.get(t.url("/rules/dues?kind=employed&base=3000.01")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("30.00 元"), "the calculator answers without JavaScript");
}
both!(the_development_and_dues_rules_answer, the_development_and_dues_rules_answer);
