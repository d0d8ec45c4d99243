//! The public board of party and village affairs on both databases: the secretary puts up general
//! items, finances, dues and a major matter (a future date, and a major matter without the day it
//! arose, refused; one put up late marked); the board is read without signing in with every
//! receipt and the chain checked, and printed on A4 with a QR code of its address; a changed entry
//! breaks the check; a category overdue is told to the township once; nobody else puts up
//! disclosures for the village.

use lianxin_app::{
    AppError,
    disclosure::{self, DisclosureNew},
};
use lianxin_core::disclosure::Category;
use sea_orm::{ConnectionTrait, Statement};

use crate::both;
use crate::helpers::{self, TestApp, ctx_for};

async fn the_village_board_is_chained_and_on_schedule(t: TestApp) {
    t.clock.set(helpers::afternoon("2026-03-10"));
    let branch = t.org_id("中共石门村支部委员会").await;
    let township = t.org_id("中共青山镇委员会").await;
    let sec = ctx_for(&t, "secretary").await;
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let new = |category, title: &str| DisclosureNew {
        category: Some(category),
        title: title.into(),
        content: "收入：上级转移支付12万元；支出：道路养护3.2万元。".into(),
        period: "2026年2月".into(),
        ..Default::default()
    };
    let future = DisclosureNew { on: Some(day("2026-03-11")), ..new(Category::Finance, "二月财务收支") };
    assert!(matches!(disclosure::publish(&sec, branch, future).await, Err(AppError::Invalid { .. })), "dated in the future");
    assert!(matches!(disclosure::publish(&sec, branch, new(Category::Major, "村小学撤并")).await, Err(AppError::Invalid { .. })));
    disclosure::publish(&sec, branch, new(Category::Finance, "二月财务收支")).await.unwrap();
    disclosure::publish(&sec, branch, new(Category::General, "第一季度村务公开")).await.unwrap();
    disclosure::publish(&sec, branch, new(Category::Dues, "2025年党费收缴使用情况")).await.unwrap();
    let late = DisclosureNew { arose_on: Some(day("2026-03-01")), ..new(Category::Major, "村小学撤并方案") };
    let late = disclosure::publish(&sec, branch, late).await.unwrap();
    assert_eq!(late.seq, 4);

    // Nobody else puts up the village's disclosures.
    let member = ctx_for(&t, "member").await;
    assert!(disclosure::publish(&member, branch, new(Category::General, "x")).await.is_err());
    let other = ctx_for(&t, "secretary2").await;
    assert!(disclosure::publish(&other, branch, new(Category::General, "x")).await.is_err());

    let b = disclosure::board(&t.ctx(), branch).await.unwrap();
    assert_eq!((b.entries.len(), b.broken_at, b.late.len()), (4, None, 1));
    assert!(b.schedules.iter().all(|s| !s.overdue));

    // Read without signing in, printed with its QR code.
    let anyone = helpers::browser();
    let page = anyone.get(t.url(&format!("/board/{branch}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("二月财务收支") && page.contains("核对无误") && page.contains("公开不及时") && page.contains("回执"), "{page}");
    let print = anyone.get(t.url(&format!("/board/{branch}/print"))).send().await.unwrap().text().await.unwrap();
    assert!(print.contains("<svg") && print.contains(&format!("/board/{branch}")), "a QR code of the board's address");

    // A changed disclosure breaks the check.
    let c = t.app.db.conn();
    let stmt = Statement::from_string(
        c.get_database_backend(),
        "UPDATE disclosures SET payload = REPLACE(payload, '3.2万元', '0.2万元') WHERE seq = 2".to_owned(),
    );
    c.execute_raw(stmt).await.unwrap();
    assert_eq!(disclosure::board(&t.ctx(), branch).await.unwrap().broken_at, Some(2));
    let page = anyone.get(t.url(&format!("/board/{branch}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("核对不一致"));

    // Finances disclosed in March are next owed by the end of April: told once after it.
    assert_eq!(disclosure::sweep(&t.ctx(), helpers::afternoon("2026-04-30")).await.unwrap(), 0);
    let sent = disclosure::sweep(&t.ctx(), helpers::afternoon("2026-05-01")).await.unwrap();
    assert_eq!(sent, 1, "finances");
    assert_eq!(disclosure::sweep(&t.ctx(), helpers::afternoon("2026-05-02")).await.unwrap(), 0, "once");
    let notices = lianxin_store::notify::inbox(t.app.db.conn(), None, &[township], 500).await.unwrap();
    assert!(notices.iter().any(|n| n.kind == "notice-board-overdue" && n.body.contains("finance")));
    // A village that never put anything up owes its board from the day its organization began.
    let liuwan = t.org_id("中共柳湾村支部委员会").await;
    assert!(disclosure::sweep(&t.ctx(), helpers::afternoon("2027-04-02")).await.unwrap() >= 3, "柳湾村's general items, finances and dues");
    let notices = lianxin_store::notify::inbox(t.app.db.conn(), None, &[township], 500).await.unwrap();
    assert!(notices.iter().any(|n| n.kind == "notice-board-overdue" && n.body.starts_with("中共柳湾村支部委员会|general")));
    t.clock.set(helpers::afternoon("2027-04-02"));
    let b = disclosure::board(&t.ctx(), liuwan).await.unwrap();
    assert!(b.entries.is_empty() && b.schedules.iter().filter(|s| s.overdue).count() >= 3, "flagged on its board");
    let tw = t.browser_as("township").await;
    let inbox = tw.get(t.url("/inbox")).send().await.unwrap().text().await.unwrap();
    assert!(inbox.contains("公开逾期") && inbox.contains("财务收支"), "the notice in words");
}
both!(the_village_board_is_chained_and_on_schedule, the_village_board_is_chained_and_on_schedule);
