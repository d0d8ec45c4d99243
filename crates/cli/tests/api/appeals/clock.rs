//! Appeals: escalation, reminders and closing under the injected clock.

use super::*;

// ---------------------------------------------------------------------------------------------
// 3. Escalation, reminders and closing under the injected clock
// ---------------------------------------------------------------------------------------------

async fn sweeping(t: TestApp) {
    let shimen = t.area_id("石门村").await;
    let t0 = t.app.now();
    let (a, _) = file(&villager(&t, "10.0.0.3"), need(shimen, "water", "全组停水一周")).await;
    let township_org = t.org_id("中共青山镇委员会").await;
    let county_org = t.org_id("中共青山县委员会").await;

    // Past the village's deadline: the scheduled job sends it to the township.
    let at1 = t0 + Duration::days(30);
    t.clock.set(at1);
    let runs = lianxin_app::jobs::run_due(&t.app, at1, "test").await.expect("jobs");
    let sweep_run = runs.iter().find(|r| r.job == "appeals_sweep").expect("the sweep ran");
    assert_eq!(sweep_run.outcome, "ok");
    assert!(sweep_run.detail.contains("escalated 1"), "{}", sweep_run.detail);
    let s1 = reload(&t, a.id).await;
    assert_eq!((s1.level.as_str(), s1.org_id, s1.escalations), ("township", township_org, 1));
    assert_eq!(s1.status, "submitted", "escalation keeps the work where it was");
    assert_eq!(s1.due_at, lianxin_app::appeals::due_at(&t.app.settings, Level::Township, "", at1));
    assert_eq!(s1.version, a.version + 1);
    assert!(
        lianxin_store::notify::inbox(t.app.db.conn(), None, &[township_org], 100)
            .await
            .expect("inbox")
            .iter()
            .any(|m| m.kind == "appeal-escalated-many")
    );

    // Past the township's: the county.
    let at2 = at1 + Duration::days(30);
    t.clock.set(at2);
    let r = sweep::run(&t.ctx(), at2).await.expect("sweep");
    assert_eq!(r.escalated, 1);
    let s2 = reload(&t, a.id).await;
    assert_eq!((s2.level.as_str(), s2.org_id, s2.escalations), ("county", county_org, 2));
    assert_eq!(s2.due_at, lianxin_app::appeals::due_at(&t.app.settings, Level::County, "", at2));

    // Past the county's: nothing above, it stays; a second sweep at the same instant is a no-op.
    let at3 = at2 + Duration::days(30);
    t.clock.set(at3);
    let r = sweep::run(&t.ctx(), at3).await.expect("sweep");
    assert_eq!(r.escalated, 0);
    let s3 = reload(&t, a.id).await;
    assert_eq!((s3.level.as_str(), s3.org_id, s3.version), ("county", county_org, s2.version));
    let ev = events(&t, a.id, false).await.len();
    let again = sweep::run(&t.ctx(), at3).await.expect("sweep again");
    assert_eq!(again, sweep::SweepReport::default(), "nothing left to do");
    assert_eq!(events(&t, a.id, false).await.len(), ev);
    assert_eq!(reload(&t, a.id).await.version, s3.version);
    assert_eq!(kinds(&events(&t, a.id, false).await), ["submitted", "escalated", "escalated"]);
    // Nor can the county send it further up by hand.
    let county = ctx_for(&t, "county").await;
    assert_eq!(err(steps::act(&county, a.id, None, HandlerStep::Escalate { reason: "超出能力".into() }).await).key(), "error-appeal-top");
    assert_eq!(reload(&t, a.id).await.version, s3.version);
}
both!(overdue_appeals_rise_to_the_county_and_stop, sweeping);

/// Lists are kept between reads (see `queues::KeptPage`); every change that shows in a list is
/// seen by the next read: a filing, a step, a "me too", a deadline passing (even inside the
/// keeping time), an escalation by the sweeper.
async fn kept_lists(t: TestApp) {
    let shimen = t.area_id("石门村").await;
    let secretary = ctx_for(&t, "secretary").await;
    let f = QueueFilter { queue: Some(Queue::Org), ..Default::default() };
    let read = || async { queues::queue(&secretary, &f).await.expect("queue") };
    let first = read().await;
    assert!(std::sync::Arc::ptr_eq(&first.rows, &read().await.rows), "a second read is served from the kept page");
    let long = QueueFilter { limit: Some(101), ..f.clone() };
    let (a1, a2) = (queues::queue(&secretary, &long).await.expect("queue"), queues::queue(&secretary, &long).await.expect("queue"));
    assert!(!std::sync::Arc::ptr_eq(&a1.rows, &a2.rows), "pages over 100 rows are not kept");

    let (a, _) = file(&villager(&t, "10.0.0.7"), need(shimen, "water", "三组的自来水管冻裂了")).await;
    let row = |p: &queues::QueuePage| p.rows.iter().find(|r| r.id == a.id).cloned();
    assert!(row(&read().await).is_some(), "a new filing is listed at once");

    act(&secretary, &a, HandlerStep::Accept).await;
    assert_eq!(row(&read().await).expect("listed").status, "accepted");

    intake::support(&villager(&t, "10.0.0.8"), &a.code, Some("13900001111")).await.expect("me too");
    assert_eq!(row(&read().await).expect("listed").supporters, 1);

    // The deadline passes one second after a read: the next read marks it overdue.
    let due = reload(&t, a.id).await.due_at;
    t.clock.set(due - Duration::seconds(1));
    assert!(!row(&read().await).expect("listed").overdue);
    t.clock.set(due + Duration::seconds(1));
    assert!(row(&read().await).expect("listed").overdue);

    // The sweeper sends it up at the instant of the last read: it leaves the village's queue.
    let r = sweep::run(&t.ctx(), due + Duration::seconds(1)).await.expect("sweep");
    assert_eq!(r.escalated, 1);
    assert!(row(&read().await).is_none(), "escalated away from the village");
}
both!(kept_lists_show_every_change_at_once, kept_lists);

async fn reminders_and_closing(t: TestApp) {
    let shimen = t.area_id("石门村").await;
    let zhang = t.person_of("secretary").await;
    let secretary = ctx_for(&t, "secretary").await;
    let (a, _) = file(&villager(&t, "10.0.0.4"), need(shimen, "water", "水表坏了不走字")).await;

    // Half a day before the deadline the handler is reminded, once.
    let early = a.due_at - Duration::hours(48);
    let r = sweep::run(&t.ctx(), early).await.expect("sweep");
    assert_eq!(r.reminded, 0, "too early");
    let soon = a.due_at - Duration::hours(12);
    t.clock.set(soon);
    let r = sweep::run(&t.ctx(), soon).await.expect("sweep");
    assert_eq!((r.reminded, r.escalated), (1, 0));
    assert!(reload(&t, a.id).await.reminded);
    let due_soon = |k: Vec<String>| k.iter().filter(|k| *k == "appeal-due-soon").count();
    assert_eq!(due_soon(inbox_kinds(&t, Some(zhang), &[], a.id).await), 1);
    let r = sweep::run(&t.ctx(), soon + Duration::hours(1)).await.expect("sweep");
    assert_eq!(r.reminded, 0);
    assert_eq!(due_soon(inbox_kinds(&t, Some(zhang), &[], a.id).await), 1, "reminded once per deadline");

    // Resolved and never rated: closed after auto_close_days, not before.
    let resolved = act(&secretary, &a, resolve("已更换水表")).await;
    let days = t.app.settings.appeals.auto_close_days;
    let r = sweep::run(&t.ctx(), soon + Duration::days(days) - Duration::minutes(1)).await.expect("sweep");
    assert_eq!(r.closed, 0);
    assert_eq!(reload(&t, a.id).await.status, "resolved");
    let later = soon + Duration::days(days);
    let r = sweep::run(&t.ctx(), later).await.expect("sweep");
    assert_eq!(r.closed, 1);
    let closed = reload(&t, a.id).await;
    assert_eq!(closed.status, "closed");
    assert_eq!(closed.closed_at, Some(later));
    assert_eq!(closed.rating, None);
    assert_eq!(closed.version, resolved.version + 1);
    let last = events(&t, a.id, true).await.pop().expect("event");
    assert_eq!(last.kind, "closed");
    assert!(last.data.contains("not_rated"));
    assert_eq!(sweep::run(&t.ctx(), later).await.expect("sweep").closed, 0);
}
both!(reminders_before_deadlines_and_unrated_appeals_close, reminders_and_closing);

/// Two sweeps at the same instant (an operator's `jobs run --now` while the scheduler runs):
/// every escalation, reminder and closing happens once.
async fn concurrent_sweeps(t: TestApp) {
    let shimen = t.area_id("石门村").await;
    let zhang = t.person_of("secretary").await;
    let secretary = ctx_for(&t, "secretary").await;
    let v = villager(&t, "10.0.0.14");
    let (overdue, _) = file(&v, need(shimen, "water", "全村停水")).await;
    t.clock.advance(Duration::days(2));
    let (resolved, _) = file(&v, need(shimen, "other", "村道边的树倒了")).await;
    let resolved = act(&secretary, &resolved, resolve("已清理")).await;
    let (due_soon, _) = file(&v, need(shimen, "land", "土地确权证书有误")).await;
    // An instant where the first is overdue, the second unrated for long enough and the third
    // near its deadline (ten working days).
    let at = due_soon.due_at - Duration::hours(1);
    assert!(at >= overdue.due_at, "the first is overdue by then");
    assert!(at >= resolved.resolved_at.expect("resolved") + Duration::days(t.app.settings.appeals.auto_close_days));
    let (c1, c2) = (t.ctx(), t.ctx());
    let (x, y) = tokio::join!(sweep::run(&c1, at), sweep::run(&c2, at));
    let (x, y) = (x.expect("sweep"), y.expect("sweep"));
    assert_eq!(x.escalated + y.escalated, 1, "{x:?} {y:?}");
    assert_eq!(x.reminded + y.reminded, 1, "{x:?} {y:?}");
    assert_eq!(x.closed + y.closed, 1, "{x:?} {y:?}");
    assert_eq!(kinds(&events(&t, overdue.id, false).await), ["submitted", "escalated"]);
    let reminders = inbox_kinds(&t, Some(zhang), &[], due_soon.id).await.into_iter().filter(|k| k == "appeal-due-soon").count();
    assert_eq!(reminders, 1, "one reminder, however many sweeps");
    assert_eq!(kinds(&events(&t, resolved.id, false).await), ["submitted", "resolved", "closed"]);
}
both!(concurrent_sweeps_act_once, concurrent_sweeps);

// ---------------------------------------------------------------------------------------------

/// Kept lists go stale per organization subtree: a filing in one village leaves the neighbour
/// village's kept page as it was, and makes stale the lists of the village, the township and the
/// county above it; a need sent up by hand leaves the village's queue and enters the township's
/// at once.
async fn kept_lists_by_subtree(t: TestApp) {
    let shimen = t.area_id("石门村").await;
    let (secretary, neighbour, township) = (ctx_for(&t, "secretary").await, ctx_for(&t, "secretary2").await, ctx_for(&t, "township").await);
    let org = QueueFilter { queue: Some(Queue::Org), ..Default::default() };
    let all = QueueFilter { queue: Some(Queue::All), ..Default::default() };
    let read = |c: &Ctx, f: &QueueFilter| {
        let (c, f) = (c.clone(), f.clone());
        async move { queues::queue(&c, &f).await.expect("queue") }
    };
    let (theirs, ours, above) = (read(&neighbour, &org).await, read(&secretary, &org).await, read(&township, &all).await);

    let (a, _) = file(&villager(&t, "10.0.0.31"), need(shimen, "water", "二组的水井干了")).await;
    assert!(std::sync::Arc::ptr_eq(&theirs.rows, &read(&neighbour, &org).await.rows), "the neighbour's page is still kept");
    let has = |p: &queues::QueuePage| p.rows.iter().any(|r| r.id == a.id);
    let ours2 = read(&secretary, &org).await;
    assert!(!std::sync::Arc::ptr_eq(&ours.rows, &ours2.rows) && has(&ours2), "the village's list shows the filing");
    assert!(has(&read(&township, &all).await) && !has(&above), "the township's list of its subtree shows it too");

    // Sent up by hand: out of the village's own queue, into the township's, on the next reads.
    let town_queue = read(&township, &org).await;
    assert!(!has(&town_queue));
    act(&secretary, &a, HandlerStep::Escalate { reason: "需要镇里协调打井".into() }).await;
    assert!(!has(&read(&secretary, &org).await), "left the village's queue");
    assert!(has(&read(&township, &org).await), "entered the township's queue");
    assert!(std::sync::Arc::ptr_eq(&theirs.rows, &read(&neighbour, &org).await.rows), "the neighbour's page is kept still");
}
both!(kept_lists_go_stale_by_organization_subtree, kept_lists_by_subtree);
