//! Browser journey of member development on a phone (390×844), in Chinese, under the injected
//! clock: the secretary of 石门村 records 王红梅's application, the talk and her choice as an
//! activist; a year too early the page refuses to make her a development target and says from
//! when; the middle of the procedure (introducers, review, training, notice, the assembly's vote in
//! the meetings capability, the township's approval) is recorded through the use cases; a year of
//! probation later the secretary confirms her on the phone with the assembly's vote, and the case
//! reads "正式党员". The rules' calculators are read at phone width too.
//!
//! Screenshots: `development-*-phone.png` in `target/screenshots/`.

use std::time::Duration;

use chrono::NaiveDate;
use fantoccini::Client;
use lianxin_app::{
    development::{self, StepInput},
    people::persons::{self, PersonInput},
};
use lianxin_core::development::Step;

use super::{
    BRANCH, Driver, PHONE, Viewport,
    appeals::{page_text, sign_out, wait_for, wait_for_text},
    assert_no_overflow, browser_binaries, click, helpers, shoot, sign_in, type_in, wait_for_path,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn development_journey_phone() {
    let Some((driver_bin, chrome_bin)) = browser_binaries() else { return };
    let app = helpers::spawn_app(helpers::Backend::Sqlite).await.expect("SQLite app");
    app.clock.set(helpers::afternoon("2025-01-06"));
    let driver = Driver::start(&driver_bin).await;
    let c = driver.session(&chrome_bin, PHONE).await;
    let result = tokio::time::timeout(Duration::from_secs(180), walk(&c, &app, PHONE)).await;
    let _ = c.close().await;
    drop(driver);
    result.unwrap_or_else(|_| panic!("the development journey took longer than 3 minutes"));
}

async fn set_value(c: &Client, css: &str, value: &str) {
    c.execute(&format!("document.querySelector('{css}').value = '{value}';"), vec![]).await.unwrap_or_else(|e| panic!("set {css}: {e}"));
}

async fn walk(c: &Client, app: &helpers::TestApp, v: Viewport) {
    let branch = app.org_id(BRANCH).await;
    let sec = helpers::ctx_for(app, "secretary").await;
    let person = PersonInput {
        name: "王红梅".into(),
        gender: None,
        birth_date: Some(d("1998-05-01")),
        ethnicity: String::new(),
        education: None,
        occupation: None,
        id_number: String::new(),
        phone: String::new(),
        area_id: app.area_id("石门村").await,
        household_id: None,
    };
    let applicant = persons::create(&sec, person).await.expect("the applicant on record").id;

    // The application, found by name, on the phone.
    sign_in(c, app, "secretary").await;
    c.goto(&app.url(&format!("/orgs/{branch}/development"))).await.expect("open the branch's cases");
    wait_for_text(c, "本月该办的").await;
    assert_no_overflow(c, v, "the branch's development list").await;
    shoot(c, v, "development-list").await;
    click(c, "a[href$='/development/new']").await;
    wait_for(c, "input[name=q]").await;
    type_in(c, "input[name=q]", "王红梅").await;
    click(c, "form[action$='/development/new'] button[type=submit]").await;
    wait_for(c, "input[name=person_id]").await;
    set_value(c, "input[name=applied_on]", "2025-01-06").await;
    assert_no_overflow(c, v, "the application form").await;
    shoot(c, v, "development-new").await;
    click(c, "form[action$='/development'] button[type=submit]").await;
    let case = wait_for_path(c, "the case's page", |p| p.starts_with("/development/")).await;
    let id: uuid::Uuid = case.trim_start_matches("/development/").parse().expect("case id");

    // The talk and the activist, each from its own form.
    wait_for(c, "form[action$='/steps/talk']").await;
    click(c, "form[action$='/steps/talk'] button[type=submit]").await;
    wait_for(c, "form[action$='/steps/activist']").await;
    click(c, "form[action$='/steps/activist'] button[type=submit]").await;
    let text = wait_for_text(c, "确定为发展对象，2026-01-06 起").await;
    assert!(text.contains("张明"), "who recorded each step, by name:\n{text}");
    sign_out(c).await;

    // Eleven months on: the page refuses to make her a development target and says from when.
    app.clock.set(helpers::afternoon("2025-12-01"));
    sign_in(c, app, "secretary").await;
    c.goto(&app.url(&case)).await.expect("back to the case");
    wait_for(c, "form[action$='/steps/development_target']").await;
    click(c, "form[action$='/steps/development_target'] button[type=submit]").await;
    let text = wait_for_text(c, "不满一年").await;
    assert!(text.contains("2026-01-06 起才能确定为发展对象"), "the rule explains the wait:\n{text}");
    assert_no_overflow(c, v, "the refused step").await;
    shoot(c, v, "development-refused").await;
    sign_out(c).await;

    // The middle of the procedure through the use cases.
    let step = |on: &str| StepInput { on: Some(d(on)), ..StepInput::default() };
    app.clock.set(helpers::afternoon("2026-01-26"));
    let sec = helpers::ctx_for(app, "secretary").await;
    development::record_step(&sec, id, Step::DevelopmentTarget, step("2026-01-06")).await.unwrap();
    let full = lianxin_store::development::full_members_of(app.app.db.conn(), branch, 2).await.unwrap();
    let introducers = StepInput { on: Some(d("2026-01-07")), introducers: full.iter().map(|f| f.0).collect(), ..StepInput::default() };
    development::record_step(&sec, id, Step::Introducers, introducers).await.unwrap();
    let review = StepInput { note: "政治审查合格".into(), ..step("2026-01-08") };
    development::record_step(&sec, id, Step::Review, review).await.unwrap();
    let training = StepInput {
        training_from: Some(d("2026-01-12")),
        training_to: Some(d("2026-01-14")),
        training_hours: Some(24),
        ..StepInput::default()
    };
    development::record_step(&sec, id, Step::Training, training).await.unwrap();
    development::record_step(&sec, id, Step::PreReview, step("2026-01-20")).await.unwrap();
    development::record_step(&sec, id, Step::Notice, step("2026-01-26")).await.unwrap();
    let vote = helpers::assembly_vote(app, "2026-02-03", "接收王红梅为预备党员").await;
    let admission = StepInput { vote_id: Some(vote), ..step("2026-02-03") };
    development::record_step(&sec, id, Step::Admission, admission).await.unwrap();
    app.clock.set(helpers::afternoon("2026-03-02"));
    let town = helpers::ctx_for(app, "township").await;
    development::record_step(&town, id, Step::Approval, step("2026-03-02")).await.unwrap();

    // A year of probation later the secretary confirms her on the phone, with the assembly's vote.
    helpers::assembly_vote(app, "2027-02-04", "王红梅按期转为正式党员").await;
    sign_in(c, app, "secretary").await;
    c.goto(&app.url(&case)).await.expect("the case in probation");
    wait_for(c, "form[action$='/steps/confirmation']").await;
    c.execute("document.querySelector('form[action$=\"/steps/confirmation\"]').closest('details').open = true;", vec![]).await.unwrap();
    assert_no_overflow(c, v, "the probationary case").await;
    shoot(c, v, "development-probation").await;
    click(c, "form[action$='/steps/confirmation'] button[type=submit]").await;
    let text = wait_for_text(c, "所处阶段\n正式党员").await;
    assert!(text.contains("正式党员") && !text.contains("预备期还没有满"), "confirmed:\n{text}");
    let m = lianxin_store::people::member_by_person(app.app.db.conn(), applicant).await.unwrap().unwrap();
    assert_eq!(m.status, "full");
    assert_no_overflow(c, v, "the confirmed case").await;
    shoot(c, v, "development-full").await;

    // The rules' calculators at phone width.
    c.goto(&app.url("/rules/dues?kind=employed&base=3000.01")).await.expect("the dues calculator");
    let text = wait_for_text(c, "30.00 元").await;
    assert!(text.contains("3000.01"), "{}", page_text(c).await);
    assert_no_overflow(c, v, "the dues calculator").await;
    shoot(c, v, "rules-dues").await;
    c.goto(&app.url("/rules/development-gate?gate=development_target&activist_since=2026-01-01&on=2026-06-01")).await.expect("gate");
    wait_for_text(c, "2027-01-01 起才能确定为发展对象").await;
    assert_no_overflow(c, v, "the development gate calculator").await;
    c.goto(&app.url("/rules")).await.expect("the rules");
    wait_for_text(c, "党费计算").await;
    assert_no_overflow(c, v, "the rules page").await;
    shoot(c, v, "rules").await;
}
