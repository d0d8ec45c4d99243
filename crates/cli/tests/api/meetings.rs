//! Organizational life through the pages and the use cases: a committee meeting planned with its
//! notices, held with attendance, voted, minuted, approved and corrected; every refusal the rules
//! call for, with nothing changed; compliance across the tree; the calendar feed read by an
//! independent parser; the rules answered on `/rules` and by the API.

use chrono::{NaiveDate, TimeZone, Utc};
use lianxin_app::meetings::{
    self, MeetingNew,
    appraisal::{self, Entry},
    compliance,
    record::{self, HeldInput, Mark, VoteInput},
};
use lianxin_core::meetings::{Attendance, Grade, MeetingKind, PeriodState};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::both;
use crate::helpers::{TestApp, ctx_for};

/// 10:00 on Thursday 10 December 2026 in Shanghai.
fn meeting_day() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 10, 2, 0, 0).unwrap()
}

async fn shimen(t: &TestApp) -> Uuid {
    t.org_id("中共石门村支部委员会").await
}

/// The error messages a returned form shows.
async fn errors_on(r: reqwest::Response) -> String {
    let page = r.text().await.unwrap_or_default();
    page.split("role=\"alert\">").skip(1).map(|s| s.split('<').next().unwrap_or("")).collect::<Vec<_>>().join(" | ")
}

fn location(r: &reqwest::Response) -> String {
    r.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

async fn a_committee_meeting_from_plan_to_corrected_minutes(t: TestApp) {
    t.clock.set(meeting_day() + chrono::TimeDelta::hours(3));
    let branch = shimen(&t).await;
    // The township's overview is read (and kept) before anything happens.
    let town = ctx_for(&t, "township").await;
    let qingshan = t.org_id("中共青山镇委员会").await;
    let (from, to) = compliance::year_range(2026);
    let before = compliance::compliance(&town, qingshan, from, to).await.unwrap();
    assert!(before.orgs.iter().any(|o| o.org.id == branch));
    let c = t.browser_as("secretary").await;
    let r = c
        .post(t.url(&format!("/orgs/{branch}/meetings")))
        .form(&[
            ("kind", "committee"),
            ("title", "十二月支委会"),
            ("date", "2026-12-10"),
            ("time", "10:00"),
            ("place", "村委会会议室"),
            ("agenda", "一、学习\n二、研究发展党员"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", errors_on(r).await);
    let id: Uuid = location(&r).trim_start_matches("/meetings/").parse().expect("meeting id");
    let sec = ctx_for(&t, "secretary").await;
    let view = meetings::show(&sec, id).await.unwrap();
    assert!(view.invitees.len() >= 3, "the committee is invited: {:?}", view.invitees);
    assert!(view.invitees.iter().all(|i| ["secretary", "deputy_secretary", "committee_member"].contains(&i.role.as_str())));
    for i in &view.invitees {
        let inbox = lianxin_store::notify::inbox(t.app.db.conn(), Some(i.person_id), &[], 50).await.unwrap();
        assert!(
            inbox.iter().any(|m| m.kind == "notice-meeting-planned" && m.body.contains("村委会会议室")),
            "{} got the notice",
            i.person_name
        );
    }

    // Refused, nothing changed: a time still to come, someone not invited, leave without reason.
    let held_form = |date: &str, extra: Vec<(String, String)>| {
        let mut f: Vec<(String, String)> = vec![("held_date".into(), date.into()), ("held_time".into(), "10:00".into())];
        f.extend(view.invitees.iter().map(|i| (format!("att.{}", i.person_id), "present".to_owned())));
        f.extend(extra);
        f
    };
    let r = c.post(t.url(&format!("/meetings/{id}/held"))).form(&held_form("2026-12-11", vec![])).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("还没到的时间不能记为已召开"));
    let stranger = t.person_of("member").await;
    assert!(!view.invitees.iter().any(|i| i.person_id == stranger), "赵小军 is not on the committee");
    let r = c
        .post(t.url(&format!("/meetings/{id}/held")))
        .form(&held_form("2026-12-10", vec![(format!("att.{stranger}"), "present".into())]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let first = view.invitees[0].person_id;
    let r = c
        .post(t.url(&format!("/meetings/{id}/held")))
        .form(&held_form("2026-12-10", vec![(format!("att.{first}"), "leave".into())]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "leave needs its reason");
    assert_eq!(meetings::show(&sec, id).await.unwrap().meeting.status, "planned");

    let r = c.post(t.url(&format!("/meetings/{id}/held"))).form(&held_form("2026-12-10", vec![])).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let present = view.invitees.len() as u64;

    // Votes: more ballots than people present are refused; a vote of all present passes.
    let r = c
        .post(t.url(&format!("/meetings/{id}/votes")))
        .form(&[("motion", "确定发展对象"), ("yes", &present.to_string()), ("no", "1"), ("abstain", "0")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = c
        .post(t.url(&format!("/meetings/{id}/votes")))
        .form(&[("motion", "确定发展对象"), ("yes", &present.to_string()), ("no", "0"), ("abstain", "0")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let v = meetings::show(&sec, id).await.unwrap();
    assert_eq!(v.votes.len(), 1);
    assert!(v.votes[0].passes);

    // Minutes: written, approved and locked; a correction is a new version with its reason.
    let r = c
        .post(t.url(&format!("/meetings/{id}/minutes")))
        .form(&[("body", "一、学习\n二、研究"), ("resolutions", "同意")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = c.post(t.url(&format!("/meetings/{id}/minutes/approve"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = c.post(t.url(&format!("/meetings/{id}/minutes"))).form(&[("body", "改过的"), ("resolutions", "")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT, "approved minutes cannot be edited");
    let r = c
        .post(t.url(&format!("/meetings/{id}/minutes/correct")))
        .form(&[("body", "一、学习\n二、研究发展党员"), ("resolutions", "同意"), ("reason", "漏记议题全称")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let v = meetings::show(&sec, id).await.unwrap();
    assert_eq!(v.minutes.len(), 2);
    assert_eq!(v.minutes[0].body, "一、学习\n二、研究", "the approved version is kept as it was");
    assert!(v.minutes[0].approved_at.is_some() && v.minutes[1].approved_at.is_none());
    assert_eq!(v.minutes[1].reason.as_deref(), Some("漏记议题全称"));
    let page = c.get(t.url(&format!("/meetings/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("+ 二、研究发展党员") && page.contains("- 二、研究"), "the page shows what the correction changed");
    let print = c.get(t.url(&format!("/meetings/{id}/print"))).send().await.unwrap();
    assert_eq!(print.status(), StatusCode::OK);

    // The township sees this month's committee meeting of 石门村 held, at once (the clock has not
    // moved: what was kept before went stale with the change).
    let all = compliance::compliance(&town, qingshan, from, to).await.unwrap();
    let mine = all.orgs.iter().find(|o| o.org.id == branch).expect("the branch is in the township's list");
    let december = mine
        .checks
        .iter()
        .find(|c| c.requirement.kind == MeetingKind::Committee && c.period.code() == "2026-12")
        .expect("a committee meeting is due in December");
    assert_eq!(december.state, PeriodState::Held);
    let r = c.get(t.url(&format!("/orgs/{qingshan}/compliance"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "a village secretary does not see the township's overview");
    let tc = t.browser_as("township").await;
    let r = tc.get(t.url(&format!("/orgs/{qingshan}/compliance?year=2026"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("石门村"));
    let x = tc.get(t.url(&format!("/orgs/{qingshan}/compliance.xlsx?year=2026"))).send().await.unwrap();
    assert_eq!(x.status(), StatusCode::OK);
    assert!(x.bytes().await.unwrap().starts_with(b"PK"), "an Excel workbook");
}
both!(a_committee_meeting_from_plan_to_corrected_minutes, a_committee_meeting_from_plan_to_corrected_minutes);

async fn plan_assembly(t: &TestApp, at: chrono::DateTime<Utc>) -> Uuid {
    let sec = ctx_for(t, "secretary").await;
    meetings::plan(
        &sec,
        MeetingNew {
            org_id: shimen(t).await,
            kind: MeetingKind::Assembly,
            pair: None,
            talk_with: vec![],
            title: "第四季度党员大会".into(),
            agenda: String::new(),
            place: "村部".into(),
            starts_at: at,
            counts_for: None,
        },
    )
    .await
    .unwrap()
    .id
}

async fn the_rules_refuse_with_nothing_changed(t: TestApp) {
    t.clock.set(meeting_day() + chrono::TimeDelta::hours(3));
    let sec = ctx_for(&t, "secretary").await;
    let id = plan_assembly(&t, meeting_day()).await;
    let invitees = meetings::show(&sec, id).await.unwrap().invitees;
    let full: Vec<_> = invitees.iter().filter(|i| i.role == "full").collect();
    assert!(full.len() >= 4, "the branch has full members: {}", full.len());
    // Fewer than half of the full members present: the assembly may not vote.
    let few = (full.len() - 1) / 2;
    let marks: Vec<Mark> = invitees
        .iter()
        .map(|i| Mark {
            person_id: i.person_id,
            attendance: if full.iter().take(few).any(|f| f.person_id == i.person_id) { Attendance::Present } else { Attendance::Absent },
            leave_reason: String::new(),
            unable: None,
        })
        .collect();
    record::held(
        &sec,
        id,
        HeldInput { held_at: meeting_day(), marks, lecturer: String::new(), lecturer_from: String::new(), topic: String::new() },
    )
    .await
    .unwrap();
    let e = record::vote(&sec, id, VoteInput { motion: "接收预备党员".into(), yes: few as u64, no: 0, abstain: 0 }).await.unwrap_err();
    assert_eq!(e.key(), "error-vote-no-quorum-assembly", "{e:?}");
    assert!(meetings::show(&sec, id).await.unwrap().votes.is_empty());
    let (eligible, present) = record::vote_base(MeetingKind::Assembly, &meetings::show(&sec, id).await.unwrap().invitees);
    assert_eq!((eligible, present), (full.len() as u64, few as u64), "the base is the full members who should attend");

    // A meeting that does not exist or lies outside the secretary's branch: not found.
    let other = ctx_for(&t, "secretary2").await;
    let e = meetings::show(&other, id).await.unwrap_err();
    assert!(matches!(e, lianxin_app::AppError::NotFound), "{e:?}");
    let member = ctx_for(&t, "member").await;
    assert!(meetings::show(&member, id).await.is_ok(), "a member reads their own branch's meetings");
    let e = record::write_minutes(&member, id, "记录", "").await.unwrap_err();
    assert!(matches!(e, lianxin_app::AppError::Forbidden), "a member does not write the minutes: {e:?}");

    // Appraisal: a probationary member gets no grade; excellent grades stop at a third.
    let branch = shimen(&t).await;
    let sheet = appraisal::sheet(&sec, branch, 2026).await.unwrap();
    if let Some(p) = sheet.rows.iter().find(|r| r.probationary) {
        let e = appraisal::save(
            &sec,
            branch,
            2026,
            vec![Entry {
                person_id: p.person_id,
                self_assessment: String::new(),
                mutual_assessment: String::new(),
                grade: Some(Grade::Qualified),
            }],
        )
        .await
        .unwrap_err();
        assert_eq!(e.fields()[0].key, "error-appraisal-probationary");
    }
    let full_rows: Vec<_> = sheet.rows.iter().filter(|r| !r.probationary).collect();
    let cap = full_rows.len() / 3;
    assert_eq!(sheet.max_excellent as usize, cap);
    let grade_first = |n: usize| -> Vec<Entry> {
        full_rows
            .iter()
            .take(n)
            .map(|r| Entry {
                person_id: r.person_id,
                self_assessment: "自评".into(),
                mutual_assessment: String::new(),
                grade: Some(Grade::Excellent),
            })
            .collect()
    };
    let e = appraisal::save(&sec, branch, 2026, grade_first(cap + 1)).await.unwrap_err();
    assert_eq!(e.fields()[0].key, "error-appraisal-too-many-excellent");
    assert!(appraisal::sheet(&sec, branch, 2026).await.unwrap().rows.iter().all(|r| r.saved.is_none()), "nothing was saved");
    let saved = appraisal::save(&sec, branch, 2026, grade_first(cap)).await.unwrap();
    assert_eq!(saved.excellent as usize, cap);
}
both!(the_rules_refuse_with_nothing_changed, the_rules_refuse_with_nothing_changed);

async fn reminders_go_once_and_the_calendar_reads(t: TestApp) {
    // Late in December nothing was held this month: each branch with a committee is reminded once.
    let late = Utc.with_ymd_and_hms(2026, 12, 28, 2, 0, 0).unwrap();
    t.clock.set(late);
    let ctx = t.ctx();
    let first = compliance::sweep(&ctx, late).await.unwrap();
    assert!(first.reminded > 0, "{first:?}");
    let again = compliance::sweep(&ctx, late).await.unwrap();
    assert_eq!(again.reminded, 0, "a reminder is sent once");
    // After the month ended, the level above hears of it, once, even after a week of downtime.
    let after = Utc.with_ymd_and_hms(2027, 1, 8, 2, 0, 0).unwrap();
    t.clock.set(after);
    let missed = compliance::sweep(&ctx, after).await.unwrap();
    assert!(missed.reported > 0, "{missed:?}");
    assert_eq!(compliance::sweep(&ctx, after).await.unwrap().reported, 0);
    let township = t.org_id("中共青山镇委员会").await;
    let notices = lianxin_store::notify::inbox(t.app.db.conn(), None, &[township], 500).await.unwrap();
    assert!(notices.iter().any(|m| m.kind == "notice-meeting-missed"), "the township is told");

    // The calendar feed: an address of one's own, read by an independent iCalendar parser.
    t.clock.set(meeting_day() - chrono::TimeDelta::days(2));
    plan_assembly(&t, meeting_day()).await;
    let c = t.browser_as("member").await;
    let page = c.post(t.url("/meetings/feed-key")).send().await.unwrap().text().await.unwrap();
    let start = page.find("/feeds/").expect("the page shows the new address");
    let path: String = page[start..].chars().take_while(|ch| *ch != '<' && *ch != '"').collect();
    let ics = reqwest::get(t.url(&path)).await.unwrap();
    assert_eq!(ics.status(), StatusCode::OK);
    assert!(ics.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let body = ics.text().await.unwrap();
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(body.as_bytes()));
    let cal = parser.next().expect("a calendar").expect("it parses");
    let event = cal
        .events
        .iter()
        .find(|e| e.properties.iter().any(|p| p.name == "SUMMARY" && p.value.as_deref().is_some_and(|v| v.contains("第四季度党员大会"))))
        .expect("the assembly is in the member's calendar");
    let start = event.properties.iter().find(|p| p.name == "DTSTART").and_then(|p| p.value.clone()).unwrap();
    assert_eq!(start, "20261210T020000Z");
    // A new key makes the old address stop working; a made-up one finds nothing.
    c.post(t.url("/meetings/feed-key")).send().await.unwrap();
    assert_eq!(reqwest::get(t.url(&path)).await.unwrap().status(), StatusCode::NOT_FOUND);
    let made_up = format!("/feeds/{}/meetings.ics", "0".repeat(48));
    assert_eq!(reqwest::get(t.url(&made_up)).await.unwrap().status(), StatusCode::NOT_FOUND);
}
both!(reminders_go_once_and_the_calendar_reads, reminders_go_once_and_the_calendar_reads);

async fn the_rules_answer_on_the_page_and_the_api(t: TestApp) {
    let c = reqwest::Client::new();
    let r = c
        .post(t.url("/api/v1/rules/assembly-vote"))
        .json(&serde_json::json!({ "eligible": 40, "present": 20, "yes": 20 }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let j: serde_json::Value = r.json().await.unwrap();
    assert_eq!(j["quorum"], true);
    assert_eq!(j["passes"], false, "20 of 40 is not more than half of those who should attend");
    assert_eq!(j["need_yes"], 21);
    assert_eq!(j["confidence"], "H");
    assert!(j["rule"].as_str().unwrap().contains("第十一条"));
    assert!(j["reasons"][1].as_str().unwrap().contains("20"), "{j}");
    let r = c
        .post(t.url("/api/v1/rules/assembly-vote"))
        .json(&serde_json::json!({ "eligible": 10, "present": 11, "yes": 3 }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let j: serde_json::Value = r.json().await.unwrap();
    assert_eq!(j["error"]["field"], "present");
    let r =
        c.post(t.url("/api/v1/rules/committee-meeting")).json(&serde_json::json!({ "members": -1, "present": 0 })).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = c.post(t.url("/api/v1/rules/appraisal")).json(&serde_json::json!({ "full_members": 9, "excellent": 4 })).send().await.unwrap();
    let j: serde_json::Value = r.json().await.unwrap();
    assert_eq!((j["allowed"].clone(), j["max_excellent"].clone()), (serde_json::json!(false), serde_json::json!(3)));
    let r = c.post(t.url("/api/v1/rules/establishment")).json(&serde_json::json!({ "full_members": 7 })).send().await.unwrap();
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()["committee_size"], serde_json::json!([3, 5]));
    let id = lianxin_core::people::make_id_number("430124", NaiveDate::from_ymd_opt(1970, 1, 1).unwrap(), 5, true);
    let r = c.post(t.url("/api/v1/rules/id-number")).json(&serde_json::json!({ "id": id })).send().await.unwrap();
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()["valid"], true);
    assert_eq!(
        c.post(t.url("/api/v1/rules/no-such-rule")).json(&serde_json::json!({})).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let doc: serde_json::Value = c.get(t.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert!(doc["paths"].get("/api/v1/rules/{name}").is_some(), "listed in the OpenAPI document");

    // The page lists every rule; its calculator works without JavaScript.
    let page = c.get(t.url("/rules")).send().await.unwrap().text().await.unwrap();
    for r in lianxin_core::rules::RULES {
        assert!(page.contains(&format!("/rules/{}", r.name)), "{} listed", r.name);
    }
    let page = c.get(t.url("/rules/assembly-vote?eligible=10&present=5&yes=5")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("未通过") && page.contains("可以表决"), "{page}");
    let r = c.get(t.url("/rules/assembly-vote?eligible=10&present=12&yes=5")).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("这个数不能大于"));
}
both!(the_rules_answer_on_the_page_and_the_api, the_rules_answer_on_the_page_and_the_api);

/// The meeting lists, the compliance overviews and the appraisal run the same number of
/// statements with no meetings as with three years of them (no query per row).
async fn meeting_pages_keep_a_query_budget(t: TestApp) {
    let county = t.org_id("中共青山县委员会").await;
    let qingshan = t.org_id("中共青山镇委员会").await;
    let branch = shimen(&t).await;
    let c = t.browser_as("county").await;
    let pages = [
        format!("/orgs/{branch}/meetings"),
        format!("/orgs/{qingshan}/compliance?year=2026"),
        format!("/orgs/{county}/compliance?year=2026"),
        format!("/orgs/{branch}/compliance?year=2026"),
        format!("/orgs/{branch}/appraisal?year=2026"),
    ];
    let count = |path: String| {
        let (t, c) = (&t, &c);
        async move {
            t.app.caches.changed(lianxin_app::journal::Stale::Access);
            let before = t.app.db.statement_count();
            let r = c.get(t.url(&path)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            let _ = r.text().await;
            t.app.db.statement_count() - before
        }
    };
    let mut empty = Vec::new();
    for p in &pages {
        count(p.clone()).await;
        empty.push(count(p.clone()).await);
    }
    let written = lianxin_app::fixtures::meetings::generate(&t.app, county, 3, 7).await.unwrap();
    assert!(written.meetings > 500, "{written:?}");
    for (p, before) in pages.iter().zip(&empty) {
        let after = count(p.clone()).await;
        assert_eq!(after, *before, "{p} must not grow with its rows (N+1)");
        assert!(after <= 14, "{p} took {after} statements");
    }
}
both!(meeting_pages_keep_a_query_budget, meeting_pages_keep_a_query_budget);
