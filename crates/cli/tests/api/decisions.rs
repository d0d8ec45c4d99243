//! 四议两公开 through the pages, the use cases and the API, under the injected clock: a reserved
//! matter of 石门村 from the proposal to the disclosed result, every step out of order, every
//! vote without quorum and every reserved-matter shortcut refused with its numbers and nothing
//! changed; a lost vote recorded and the matter held at its step; 柳湾村's representatives
//! counted from their roll; an overdue disclosure told to the township once; the public board
//! read without signing in; who may read and record.

use lianxin_app::{
    AppError,
    decisions::{self, StepInput},
    demo::held_vote,
};
use lianxin_core::{
    decisions::{Body, Step},
    meetings::MeetingKind::{Assembly, Committee, JointCommittees},
};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::both;
use crate::helpers::{self, TestApp, ctx_for};

fn d(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

async fn errors_on(r: reqwest::Response) -> String {
    let page = r.text().await.unwrap_or_default();
    page.split("role=\"alert\">").skip(1).map(|s| s.split("</div>").next().unwrap_or("")).collect::<Vec<_>>().join(" | ")
}

async fn steps(t: &TestApp, id: Uuid) -> Vec<lianxin_app::decisions::StepRow> {
    lianxin_store::decisions::steps_of(t.app.db.conn(), id).await.unwrap()
}

async fn matter(t: &TestApp, id: Uuid) -> lianxin_app::decisions::Matter {
    lianxin_store::decisions::matter(t.app.db.conn(), id).await.unwrap().unwrap()
}

async fn post_step(c: &reqwest::Client, t: &TestApp, id: Uuid, step: &str, form: &[(&str, String)]) -> reqwest::Response {
    c.post(t.url(&format!("/decisions/{id}/steps/{step}"))).form(form).send().await.unwrap()
}

async fn village_meetings(t: &TestApp) -> usize {
    use sea_orm::{EntityTrait, PaginatorTrait};
    lianxin_store::entity::village_meeting::Entity::find().count(t.app.db.conn()).await.unwrap() as usize
}

async fn a_reserved_matter_goes_through_every_step(t: TestApp) {
    let branch = t.org_id("中共石门村支部委员会").await;
    t.clock.set(helpers::afternoon("2026-03-02"));
    let sec = ctx_for(&t, "secretary").await;
    let c = t.browser_as("secretary").await;

    // Opened from the list page: a kind must be chosen, and the matter waits for its proposal.
    let r = c.post(t.url(&format!("/orgs/{branch}/decisions"))).form(&[("title", "硬化通组道路"), ("kind", "")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors_on(r).await.contains("请从列表中选择"));
    let r = c
        .post(t.url(&format!("/orgs/{branch}/decisions")))
        .form(&[("title", "硬化通组道路"), ("kind", "public_works"), ("description", "长1.2公里")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let id: Uuid = r.headers()["location"].to_str().unwrap().trim_start_matches("/decisions/").parse().unwrap();
    assert_eq!(matter(&t, id).await.next_step.as_deref(), Some("proposal"));

    // Out of order: the assembly's vote before the proposal is refused, nothing recorded.
    let early = held_vote(&sec, branch, Assembly, "审议：硬化通组道路", d("2026-02-20"), 0, 0).await.unwrap();
    let r = post_step(&c, &t, id, "review", &[("vote_id", early.to_string())]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let why = errors_on(r).await;
    assert!(why.contains("步骤顺序不对") && why.contains("现在应进行“党组织提议”"), "{why}");
    assert!(steps(&t, id).await.is_empty());

    // The proposal at the branch committee; the assembly's vote is the wrong meeting for it.
    let r = post_step(&c, &t, id, "proposal", &[("vote_id", early.to_string())]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors_on(r).await.contains("不是本组织这一步应开的会议"));
    let proposal = held_vote(&sec, branch, Committee, "提议：硬化通组道路", d("2026-02-21"), 0, 0).await.unwrap();
    let r = post_step(&c, &t, id, "proposal", &[("vote_id", proposal.to_string())]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The same vote cannot count twice.
    let again = decisions::record_step(&sec, id, Step::Deliberation, StepInput { vote_id: Some(proposal), ..Default::default() }).await;
    assert!(matches!(again, Err(AppError::Invalid { .. })), "{again:?}");
    let joint = held_vote(&sec, branch, JointCommittees, "商议：硬化通组道路", d("2026-02-22"), 0, 0).await.unwrap();
    decisions::record_step(&sec, id, Step::Deliberation, StepInput { vote_id: Some(joint), ..Default::default() }).await.unwrap();

    // The assembly's review needs two thirds present: 60 per cent present is a quorum for the
    // meeting's own votes (half) but not for the review, refused with the numbers.
    let thin = held_vote(&sec, branch, Assembly, "审议：硬化通组道路", d("2026-02-23"), 40, 0).await.unwrap();
    let r = post_step(&c, &t, id, "review", &[("vote_id", thin.to_string())]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let why = errors_on(r).await;
    assert!(why.contains("到会人数不够") && why.contains("不足应到") && why.contains("三分之二"), "{why}");
    assert_eq!(steps(&t, id).await.len(), 2);
    // A vote lost with the quorum met is recorded, and the matter waits at the review.
    let lost = held_vote(&sec, branch, Assembly, "审议：硬化通组道路", d("2026-02-24"), 0, 1000).await.unwrap();
    let r = post_step(&c, &t, id, "review", &[("vote_id", lost.to_string())]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(steps(&t, id).await.last().unwrap().outcome, "failed");
    assert_eq!(matter(&t, id).await.next_step.as_deref(), Some("review"));
    let page = c.get(t.url(&format!("/decisions/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("未通过") && page.contains("审议未通过"), "the lost vote is shown with its reason");
    let passed = held_vote(&sec, branch, Assembly, "审议：硬化通组道路", d("2026-02-25"), 0, 0).await.unwrap();
    decisions::record_step(&sec, id, Step::Review, StepInput { vote_id: Some(passed), ..Default::default() }).await.unwrap();

    // The resolution: a reserved matter cannot skip it, nor go to the representatives undelegated.
    let skip = post_step(&c, &t, id, "resolution", &[("skip", "1".into()), ("on", "2026-02-26".into()), ("note", "职权内".into())]).await;
    assert_eq!(skip.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors_on(skip).await.contains("不能跳过决议"));
    let roll = decisions::roll(&sec, branch, d("2026-02-26")).await.unwrap();
    assert!(roll.adults > 0 && roll.households > 0, "the roll comes from the people records");
    let reps = StepInput {
        body: Some(Body::Representatives),
        on: Some(d("2026-02-26")),
        place: "村委会".into(),
        present: roll.representatives.iter().map(|r| r.0).collect(),
        yes: Some(roll.representatives.len() as u64),
        ..Default::default()
    };
    let r = decisions::record_step(&sec, id, Step::Resolution, reps).await;
    assert!(matches!(&r, Err(e) if e.key() == "error-decision-reserved-villagers"), "{r:?}");
    // A villagers' meeting without quorum: half the adults and less than two thirds of the households.
    let before = village_meetings(&t).await;
    let short = [
        ("body", "villagers".to_owned()),
        ("on", "2026-02-26".into()),
        ("place", "文化广场".into()),
        ("adults_present", (roll.adults / 2).to_string()),
        ("households_present", (roll.households / 2).to_string()),
        ("yes", "10".into()),
    ];
    let r = post_step(&c, &t, id, "resolution", &short).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let why = errors_on(r).await;
    assert!(why.contains(&format!("全村 {} 户的三分之二", roll.households)), "{why}");
    assert_eq!(village_meetings(&t).await, before, "nothing recorded");
    let present = roll.households * 3 / 4;
    let enough = [
        ("body", "villagers".to_owned()),
        ("on", "2026-02-26".into()),
        ("place", "文化广场".into()),
        ("adults_present", "0".into()),
        ("households_present", present.to_string()),
        ("yes", (present - 3).to_string()),
        ("no", "3".into()),
    ];
    let r = post_step(&c, &t, id, "resolution", &enough).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(village_meetings(&t).await, before + 1);
    let m = matter(&t, id).await;
    assert_eq!((m.resolved_on, m.next_step.as_deref()), (Some(d("2026-02-26")), Some("resolution_disclosed")));

    // The disclosures: what and where, and when the work is to finish.
    let r = post_step(&c, &t, id, "resolution_disclosed", &[("on", "2026-02-27".into()), ("note", "决议张贴于村务公开栏".into())]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "the planned end is needed");
    let r = post_step(
        &c,
        &t,
        id,
        "resolution_disclosed",
        &[("on", "2026-02-27".into()), ("note", "决议张贴于村务公开栏".into()), ("finish_by", "2026-06-30".into())],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    t.clock.set(helpers::afternoon("2026-07-02"));
    let sec = ctx_for(&t, "secretary").await;
    let done = StepInput { on: Some(d("2026-07-02")), note: "道路已完工，支出35万元".into(), ..Default::default() };
    let m = decisions::record_step(&sec, id, Step::ResultDisclosed, done).await.unwrap();
    assert_eq!((m.status.as_str(), m.next_step), ("done", None));
    assert_eq!(steps(&t, id).await.len(), 7, "six steps and the lost review");
    let c = t.browser_as("secretary").await;
    let x = c.get(t.url(&format!("/orgs/{branch}/decisions.xlsx"))).send().await.unwrap();
    assert_eq!(x.status(), StatusCode::OK);
    assert!(x.headers()["content-type"].to_str().unwrap().contains("spreadsheetml"));
    let sheet = lianxin_app::sheets::read(&x.bytes().await.unwrap(), "d.xlsx", Default::default()).unwrap();
    let text = format!("{:?}", sheet.rows);
    assert!(text.contains("硬化通组道路") && text.contains("公益事业的兴办和筹资筹劳方案") && text.contains("已办结"), "{text}");

    // The public board, without signing in.
    let page = helpers::browser().get(t.url(&format!("/board/{branch}/decisions"))).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains("硬化通组道路") && page.contains("决议张贴于村务公开栏") && page.contains("道路已完工"));
    assert!(!page.contains("public_works") && !page.contains("resolution_disclosed"), "words, not codes");
}
both!(a_reserved_matter_goes_through_every_step, a_reserved_matter_goes_through_every_step);

async fn representatives_resolve_and_an_overdue_disclosure_is_told_once(t: TestApp) {
    let branch = t.org_id("中共柳湾村支部委员会").await;
    t.clock.set(helpers::afternoon("2026-03-02"));
    let sec = ctx_for(&t, "secretary2").await;
    let new = decisions::MatterNew {
        title: "更换自来水主管道".into(),
        kind: Some(lianxin_core::decisions::MatterKind::General),
        description: String::new(),
    };
    let id = decisions::open(&sec, branch, new).await.unwrap().id;
    for (step, kind, day) in [
        (Step::Proposal, Committee, "2026-02-10"),
        (Step::Deliberation, JointCommittees, "2026-02-11"),
        (Step::Review, Assembly, "2026-02-12"),
    ] {
        let v = held_vote(&sec, branch, kind, "更换自来水主管道", d(day), 0, 0).await.unwrap();
        decisions::record_step(&sec, id, step, StepInput { vote_id: Some(v), ..Default::default() }).await.unwrap();
    }
    let roll = decisions::roll(&sec, branch, d("2026-02-20")).await.unwrap().representatives;
    assert!(roll.len() >= 3, "the village has representatives in office");
    let input = |present: Vec<Uuid>, yes: u64| StepInput {
        body: Some(Body::Representatives),
        on: Some(d("2026-02-20")),
        place: "村委会".into(),
        present,
        yes: Some(yes),
        ..Default::default()
    };
    // Someone not on the roll, and fewer than two thirds present: refused.
    let stranger = t.person_of("member").await;
    let r = decisions::record_step(&sec, id, Step::Resolution, input(vec![stranger], 1)).await;
    assert!(matches!(&r, Err(e) if e.key() == "error-decision-not-on-roll"), "{r:?}");
    let few: Vec<Uuid> = roll.iter().take(roll.len() / 2).map(|r| r.0).collect();
    let r = decisions::record_step(&sec, id, Step::Resolution, input(few.clone(), few.len() as u64)).await;
    assert!(matches!(&r, Err(AppError::Rule { reasons, .. }) if reasons[0].key == "reason-representatives-quorum"), "{r:?}");
    let all: Vec<Uuid> = roll.iter().map(|r| r.0).collect();
    decisions::record_step(&sec, id, Step::Resolution, input(all.clone(), all.len() as u64)).await.unwrap();
    let attendees = lianxin_store::decisions::attendees(
        t.app.db.conn(),
        steps(&t, id).await.last().unwrap().village_meeting_id.expect("the representatives' meeting"),
    )
    .await
    .unwrap();
    assert_eq!(attendees.len(), roll.len());

    // Not disclosed within the days allowed: flagged, and the township told once by the sweep.
    t.clock.set(helpers::afternoon("2026-03-10"));
    let township = t.org_id("中共青山镇委员会").await;
    let sent = decisions::sweep(&t.ctx(), helpers::afternoon("2026-03-10")).await.unwrap();
    assert_eq!(sent, 1);
    assert_eq!(decisions::sweep(&t.ctx(), helpers::afternoon("2026-03-11")).await.unwrap(), 0, "told once");
    let notices = lianxin_store::notify::inbox(t.app.db.conn(), None, &[township], 500).await.unwrap();
    assert!(notices.iter().any(|n| n.kind == "notice-disclosure-overdue" && n.body.contains("更换自来水主管道")));
    let c = t.browser_as("township").await;
    let list = c.get(t.url(&format!("/orgs/{township}/decisions"))).send().await.unwrap().text().await.unwrap();
    assert!(list.contains("更换自来水主管道") && list.contains("公开逾期"), "the township sees it flagged");
    let inbox = c.get(t.url("/inbox")).send().await.unwrap().text().await.unwrap();
    assert!(inbox.contains("决策公开逾期") && inbox.contains("决议公开"), "the notice in words");

    // The API says the same, and a refusal carries the rule's reasons.
    let token = t.token("secretary2", lianxin_app::TokenAccess::Write).await;
    let api = reqwest::Client::new();
    let j: serde_json::Value =
        api.get(t.url(&format!("/api/v1/decisions/{id}"))).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    assert_eq!(j["matter"]["overdue"], true);
    assert_eq!(j["steps"].as_array().unwrap().len(), 4);
    let r = api
        .post(t.url(&format!("/api/v1/decisions/{id}/steps/result_disclosed")))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "on": "2026-03-10", "note": "已公开" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let j: serde_json::Value = r.json().await.unwrap();
    assert_eq!(j["error"]["field"], "step");
    assert!(j["error"]["reasons"][0].as_str().unwrap().contains("决议公开"), "{j}");
}
both!(representatives_resolve_and_an_overdue_disclosure_is_told_once, representatives_resolve_and_an_overdue_disclosure_is_told_once);

async fn who_may_read_and_record(t: TestApp) {
    let branch = t.org_id("中共石门村支部委员会").await;
    let sec = ctx_for(&t, "secretary").await;
    let new = decisions::MatterNew {
        title: "村集体收益使用".into(),
        kind: Some(lianxin_core::decisions::MatterKind::CollectiveIncome),
        description: String::new(),
    };
    let id = decisions::open(&sec, branch, new.clone()).await.unwrap().id;
    // A member of the branch reads it (their assembly reviews it) but cannot open or record.
    let member = ctx_for(&t, "member").await;
    assert!(decisions::show(&member, id).await.is_ok());
    assert!(matches!(decisions::open(&member, branch, new.clone()).await, Err(AppError::Forbidden)));
    assert!(matches!(decisions::record_step(&member, id, Step::Proposal, StepInput::default()).await, Err(AppError::Forbidden)));
    // Another village's secretary does not see it at all.
    let other = ctx_for(&t, "secretary2").await;
    assert!(matches!(decisions::show(&other, id).await, Err(AppError::NotFound)));
    let c = t.browser_as("secretary2").await;
    assert_eq!(c.get(t.url(&format!("/decisions/{id}"))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    // The inspector reads the county's matters but records nothing.
    let inspector = ctx_for(&t, "inspector").await;
    assert!(decisions::show(&inspector, id).await.is_ok());
    assert!(matches!(decisions::record_step(&inspector, id, Step::Proposal, StepInput::default()).await, Err(AppError::Forbidden)));
    // A read-only token cannot record either.
    let token = t.token("secretary", lianxin_app::TokenAccess::Read).await;
    let r = reqwest::Client::new()
        .post(t.url(&format!("/api/v1/orgs/{branch}/decisions")))
        .bearer_auth(token)
        .json(&serde_json::json!({ "title": "x", "kind": "general" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}
both!(who_may_read_and_record, who_may_read_and_record);

/// Under 一肩挑 (the setting on), the proposal made at the two committees' joint meeting counts as
/// the deliberation too; with the setting off the joint meeting's vote is refused for a proposal.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_joint_meeting_proposes_and_deliberates_under_the_setting() {
    for merge in [false, true] {
        let Some(t) = helpers::spawn_app_with(helpers::Backend::Sqlite, |s| s.decisions.merge_first_two = merge).await else { return };
        let branch = t.org_id("中共石门村支部委员会").await;
        t.clock.set(helpers::afternoon("2026-03-02"));
        let sec = ctx_for(&t, "secretary").await;
        let new = decisions::MatterNew {
            title: "村集体收益分配".into(),
            kind: Some(lianxin_core::decisions::MatterKind::CollectiveIncome),
            description: String::new(),
        };
        let id = decisions::open(&sec, branch, new).await.unwrap().id;
        let joint = held_vote(&sec, branch, JointCommittees, "提议并商议：村集体收益分配", d("2026-02-20"), 0, 0).await.unwrap();
        let r = decisions::record_step(&sec, id, Step::Proposal, StepInput { vote_id: Some(joint), ..Default::default() }).await;
        if merge {
            let m = r.unwrap();
            assert_eq!(m.next_step.as_deref(), Some("review"));
            let s = steps(&t, id).await;
            assert_eq!(s.iter().map(|x| x.step.as_str()).collect::<Vec<_>>(), ["proposal", "deliberation"]);
            assert_eq!(s[1].meeting_id, s[0].meeting_id, "the same meeting");
        } else {
            assert!(matches!(&r, Err(e) if e.key() == "error-decision-wrong-meeting"), "{r:?}");
            assert!(steps(&t, id).await.is_empty());
        }
    }
}
