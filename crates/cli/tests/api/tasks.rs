//! Tasks through the use cases and the pages, on both databases: the county hands a task to two
//! townships (parts over the whole refused with the numbers, a shortfall shown), a township splits
//! its part among villages (not to an organization outside it), villages report with evidence
//! (over the target without a note refused; a split part cannot report itself), the roll-up rises
//! level by level to 100 %, a part is returned for rework with its reason, an overdue part is
//! reminded once and told to the level above a week later, and the roll-up exports to Excel.

use lianxin_app::{
    AppError,
    tasks::{self, TaskNew},
};
use lianxin_core::tasks::TaskKind;

use crate::both;
use crate::helpers::{self, TestApp, ctx_for};

async fn a_county_task_rolls_up_from_the_villages(t: TestApp) {
    t.clock.set(helpers::afternoon("2026-06-01"));
    let county_org = t.org_id("中共青山县委员会").await;
    let township_org = t.org_id("中共青山镇委员会").await;
    let shimen = t.org_id("中共石门村支部委员会").await;
    let liuwan = t.org_id("中共柳湾村支部委员会").await;
    let county = ctx_for(&t, "county").await;
    let township = ctx_for(&t, "township").await;
    let sec = ctx_for(&t, "secretary").await;
    let below = tasks::below(&county, county_org).await.unwrap();
    assert!(below.len() >= 2, "the county has townships: {}", below.len());
    let other_township = below.iter().find(|o| o.id != township_org).unwrap().id;
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let new = |parts: Vec<(uuid::Uuid, u64)>| TaskNew {
        title: "走访脱贫户和监测户".into(),
        kind: Some(TaskKind::Number),
        unit: "户".into(),
        target: 100,
        due_on: Some(day("2026-06-30")),
        parts,
        ..Default::default()
    };

    // Parts over the whole are refused with the numbers; a village is not below the county directly
    // but is within it, and a task cannot go to the county itself.
    let r = tasks::issue(&county, county_org, new(vec![(township_org, 60), (other_township, 50)])).await;
    assert!(matches!(&r, Err(AppError::Rule { reasons, .. }) if reasons[0].key == "reason-task-split"), "{r:?}");
    assert!(matches!(tasks::issue(&county, county_org, new(vec![(county_org, 10)])).await, Err(AppError::Invalid { .. })));
    assert!(matches!(tasks::issue(&sec, shimen, new(vec![(township_org, 10)])).await, Err(AppError::Invalid { .. } | AppError::Forbidden)));
    let task = tasks::issue(&county, county_org, new(vec![(township_org, 60), (other_township, 30)])).await.unwrap();
    let view = tasks::show(&county, task.id).await.unwrap();
    assert_eq!(view.short, 10, "ten households handed to nobody yet");
    let part_of = |v: &tasks::TaskView, org| v.parts.iter().find(|r| r.part.org_id == org).unwrap().part.clone();
    let mine = part_of(&view, township_org);
    let theirs = part_of(&view, other_township);

    // The township splits its 60 among its villages: never more, never outside it.
    let r = tasks::split(&township, mine.id, &[(shimen, 40), (liuwan, 30)], None).await;
    assert!(matches!(&r, Err(AppError::Rule { .. })), "{r:?}");
    assert!(tasks::split(&township, mine.id, &[(other_township, 10)], None).await.is_err());
    tasks::split(&township, mine.id, &[(shimen, 30), (liuwan, 30)], None).await.unwrap();
    assert!(matches!(tasks::report(&township, mine.id, 60, "", "").await, Err(AppError::Conflict { .. })), "a split part rolls up");
    let view = tasks::show(&county, task.id).await.unwrap();
    let shimen_part = part_of(&view, shimen);
    let liuwan_part = part_of(&view, liuwan);
    assert_eq!(view.parts.iter().find(|r| r.part.id == shimen_part.id).unwrap().depth, 1);

    // The villages report; over the target needs a note.
    let r = tasks::report(&sec, shimen_part.id, 35, "", "走访记录表").await;
    assert!(matches!(&r, Err(AppError::Rule { reasons, .. }) if reasons[0].key == "reason-task-progress"), "{r:?}");
    assert!(
        matches!(tasks::report(&sec, liuwan_part.id, 10, "", "").await, Err(AppError::Forbidden | AppError::NotFound)),
        "not another village's part"
    );
    tasks::report(&sec, shimen_part.id, 35, "多走访了5户新纳入监测的农户", "走访记录表存村部档案柜").await.unwrap();
    let sec2 = ctx_for(&t, "secretary2").await;
    tasks::report(&sec2, liuwan_part.id, 12, "", "照片在村部电脑").await.unwrap();
    let view = tasks::show(&county, task.id).await.unwrap();
    let row = |v: &tasks::TaskView, id| v.parts.iter().find(|r| r.part.id == id).unwrap().clone();
    assert_eq!(row(&view, shimen_part.id).achieved, 30, "capped at its own target");
    assert_eq!(row(&view, mine.id).achieved, 42, "the township achieves what its villages do");
    assert_eq!(view.achieved, 42);
    assert_eq!(view.reports.len(), 2);

    // The village sees its own part, not the other township's.
    let v = tasks::show(&sec, task.id).await.unwrap();
    assert!(v.parts.iter().all(|r| r.part.org_id != other_township && r.part.org_id != liuwan), "{:?}", v.parts.len());

    // The township returns 柳湾村's part for rework; 柳湾村 reports again.
    assert!(tasks::return_part(&sec, liuwan_part.id, "照片不清楚").await.is_err(), "only the level that handed it down");
    let back = tasks::return_part(&township, liuwan_part.id, "照片看不清户主，请重拍").await.unwrap();
    assert_eq!((back.status.as_str(), back.returned_reason.as_deref()), ("returned", Some("照片看不清户主，请重拍")));
    tasks::report(&sec2, liuwan_part.id, 30, "", "重拍的照片在村部电脑").await.unwrap();
    let county_org_ctx = t.ctx();
    tasks::report(&county_org_ctx, theirs.id, 40, "另一镇多走访了10户", "走访记录").await.unwrap();
    let view = tasks::show(&county, task.id).await.unwrap();
    assert_eq!((view.achieved, view.percent), (90, 9000), "60 + 30 of 100: ten were never handed down");
    let township_row = row(&view, mine.id);
    assert_eq!(township_row.state, "done", "a split part is done when its villages achieve its target");
    assert_eq!(township_row.due, lianxin_core::tasks::Due::DoneOnTime);

    // The API: the roll-up, and a report over the target without a note refused with the reason.
    let api = reqwest::Client::new();
    let token = t.token("county", lianxin_app::TokenAccess::Read).await;
    let j: serde_json::Value =
        api.get(t.url(&format!("/api/v1/tasks/{}", task.id))).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    assert_eq!((j["achieved"].as_u64(), j["percent"].as_f64(), j["parts"].as_array().unwrap().len()), (Some(90), Some(90.0), 4), "{j}");
    let token2 = t.token("secretary2", lianxin_app::TokenAccess::Write).await;
    let r = api
        .post(t.url(&format!("/api/v1/task-parts/{}/reports", liuwan_part.id)))
        .bearer_auth(&token2)
        .json(&serde_json::json!({ "done": 31, "evidence": "照片" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("31"), "the numbers in the reason");

    // Overdue: the 10 short are nobody's part; make one overdue to see the sweep.
    let late = TaskNew { due_on: Some(day("2026-06-05")), ..new(vec![(township_org, 5)]) };
    let late = tasks::issue(&county, county_org, late).await.unwrap();
    assert_eq!(tasks::sweep(&t.ctx(), helpers::afternoon("2026-06-05")).await.unwrap(), 0, "not overdue on its day");
    assert_eq!(tasks::sweep(&t.ctx(), helpers::afternoon("2026-06-06")).await.unwrap(), 1, "reminded");
    assert_eq!(tasks::sweep(&t.ctx(), helpers::afternoon("2026-06-07")).await.unwrap(), 0, "once");
    assert_eq!(tasks::sweep(&t.ctx(), helpers::afternoon("2026-06-13")).await.unwrap(), 1, "the county told a week later");
    let notices = lianxin_store::notify::inbox(t.app.db.conn(), None, &[county_org], 500).await.unwrap();
    assert!(notices.iter().any(|n| n.kind == "notice-task-escalated" && n.body.contains(&late.title)));

    // The pages: the roll-up in words, the export.
    let c = t.browser_as("county").await;
    let page = c.get(t.url(&format!("/tasks/{}", task.id))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("逐级完成情况") && page.contains("90%") && page.contains("还差 10 户"), "the roll-up in words");
    let x = c.get(t.url(&format!("/tasks/{}/roll-up.xlsx", task.id))).send().await.unwrap();
    assert_eq!(x.status(), reqwest::StatusCode::OK);
    let sheet = lianxin_app::sheets::read(&x.bytes().await.unwrap(), "t.xlsx", Default::default()).unwrap();
    assert_eq!(sheet.rows.len(), 4, "the four parts");
    let list = c.get(t.url(&format!("/orgs/{county_org}/tasks"))).send().await.unwrap().text().await.unwrap();
    assert!(list.contains("走访脱贫户和监测户"));
    // A form with parts over the whole comes back with the numbers.
    let form = [
        ("title", "清理河道"),
        ("kind", "number"),
        ("target", "10"),
        ("unit", "公里"),
        ("due_on", "2026-07-01"),
        ("o0", &township_org.to_string()),
        ("t0", "11"),
    ];
    let r = c.post(t.url(&format!("/orgs/{county_org}/tasks"))).form(&form).send().await.unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("超出 1"), "the numbers");
}
both!(a_county_task_rolls_up_from_the_villages, a_county_task_rolls_up_from_the_villages);
