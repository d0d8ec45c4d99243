//! Appeals (villagers' needs) through the use cases, in-process, on both databases: the whole
//! lifecycle with rating and reopening, routing, escalation under the injected clock, concurrent
//! handlers, scope, duplicates, bad input, public intake limits, search and the public board.

use chrono::Duration;
use lianxin_app::{
    Actor, AppError, Ctx, Settings,
    appeals::{
        Appeal, Event, Requester, board,
        intake::{self, NewAppeal, NewPhoto, Submitted},
        queues::{self, Queue, QueueFilter},
        setup,
        steps::{self, HandlerStep},
        sweep,
    },
    notify::inbox,
};
use lianxin_core::{
    appeals::{Channel, Level, Rating},
    tree::TreePath,
};
use lianxin_store::{appeals as store, people as people_store};
use uuid::Uuid;

use crate::{both, helpers::TestApp};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A context acting as a demo account, loaded as a session would load it.
async fn ctx_for(t: &TestApp, username: &str) -> Ctx {
    let a = lianxin_store::accounts::by_username(t.app.db.conn(), username).await.expect("db").expect("account");
    let p = lianxin_app::auth::load_principal(&t.app, a.id, None).await.expect("principal").expect("active");
    Ctx::new(t.app.clone(), Actor::Account(Box::new(p)))
}

/// A villager without an account, on the public form from `ip`.
fn villager(t: &TestApp, ip: &str) -> Ctx {
    Ctx { ip: Some(ip.into()), ..Ctx::new(t.app.clone(), Actor::Anonymous) }
}

/// A need in a village and category; duplicates are not offered unless a test asks for them.
fn need(village: Uuid, code: &str, text: &str) -> NewAppeal {
    NewAppeal { village: Some(village), service_code: code.into(), description: text.into(), not_duplicate: true, ..Default::default() }
}

/// Files and expects a new record: the appeal and its private key.
async fn file(ctx: &Ctx, n: NewAppeal) -> (Appeal, String) {
    match intake::submit(ctx, n).await.expect("submit") {
        Submitted::Created { appeal, key } => (*appeal, key),
        Submitted::Similar { appeal, similarity } => panic!("expected a new appeal, got similar {} ({similarity})", appeal.code),
    }
}

/// The error of a result that must fail.
fn err<T: std::fmt::Debug>(r: lianxin_app::Result<T>) -> AppError {
    match r {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e,
    }
}

async fn appeal_count(t: &TestApp) -> u64 {
    store::count(t.app.db.conn(), &store::AppealFilter::default()).await.expect("count")
}

async fn reload(t: &TestApp, id: Uuid) -> Appeal {
    store::appeal(t.app.db.conn(), id).await.expect("db").expect("appeal")
}

async fn events(t: &TestApp, id: Uuid, public_only: bool) -> Vec<Event> {
    store::events(t.app.db.conn(), id, public_only).await.expect("events")
}

fn kinds(ev: &[Event]) -> Vec<&str> {
    ev.iter().map(|e| e.kind.as_str()).collect()
}

async fn category_id(t: &TestApp, code: &str) -> Uuid {
    let county = t.area_id("青山县").await;
    store::category_by_code(t.app.db.conn(), county, code).await.expect("db").expect("category").id
}

async fn category_sla(t: &TestApp, a: &Appeal) -> String {
    store::category(t.app.db.conn(), a.category_id).await.expect("db").expect("category").sla
}

async fn area_path(t: &TestApp, id: Uuid) -> TreePath {
    let a = lianxin_store::orgs::area(t.app.db.conn(), id).await.expect("db").expect("area");
    TreePath::parse(&a.path).expect("path")
}

/// Inbox messages of a person or organization about one appeal, by kind.
async fn inbox_kinds(t: &TestApp, person: Option<Uuid>, orgs: &[Uuid], appeal: Uuid) -> Vec<String> {
    lianxin_store::notify::inbox(t.app.db.conn(), person, orgs, 1000)
        .await
        .expect("inbox")
        .into_iter()
        .filter(|m| m.appeal_id == Some(appeal))
        .map(|m| m.kind)
        .collect()
}

async fn act(ctx: &Ctx, a: &Appeal, s: HandlerStep) -> Appeal {
    steps::act(ctx, a.id, None, s).await.unwrap_or_else(|e| panic!("{} on {}: {e:?}", ctx.actor.name(), a.code))
}

fn resolve(reply: &str) -> HandlerStep {
    HandlerStep::Resolve { reply: reply.into() }
}

// ---------------------------------------------------------------------------------------------
// 1. The whole lifecycle
// ---------------------------------------------------------------------------------------------

async fn lifecycle(t: TestApp) {
    let shimen = t.area_id("石门村").await;
    let villager = villager(&t, "10.0.0.1");
    let secretary = ctx_for(&t, "secretary").await;
    let zhang = t.person_of("secretary").await;

    // Filing: a new record with its private key, routed to the designated handler.
    let (a, key) = file(&villager, need(shimen, "water", "我家自来水停了三天，请尽快派人看看")).await;
    assert_eq!(a.status, "submitted");
    assert_eq!(a.level, "village");
    assert_eq!(a.owner, "village_committee", "water belongs to the village committee");
    assert_eq!(a.handler_person_id, Some(zhang), "石门村 designates its secretary 张明");
    assert_eq!(a.org_id, t.org_id("中共石门村支部委员会").await);
    assert_eq!(a.version, 0);
    assert!(!key.is_empty() && a.key_hash != key, "only the key's hash is stored");
    let stored = reload(&t, a.id).await;
    assert_eq!(stored.code, a.code);
    let sla = category_sla(&t, &a).await;
    assert_eq!(stored.due_at, lianxin_app::appeals::due_at(&t.app.settings, Level::Village, &sla, a.created_at));
    assert!(inbox_kinds(&t, Some(zhang), &[], a.id).await.contains(&"appeal-new".to_owned()), "the handler is told");

    // The private key proves access; a wrong key or an unknown code looks like nothing.
    let me = Requester::with_key(key.clone());
    let seen = steps::as_requester(&villager, &a.code, &me).await.expect("own appeal");
    assert_eq!(seen.id, a.id);
    let shown = lianxin_core::appeals::format_tracking_code(&a.code).to_lowercase();
    assert_eq!(steps::as_requester(&villager, &shown, &me).await.expect("typed code").id, a.id, "dash and case do not matter");
    assert!(matches!(err(steps::as_requester(&villager, &a.code, &Requester::with_key("0".repeat(32))).await), AppError::NotFound));
    assert!(matches!(err(steps::as_requester(&villager, &a.code, &Requester::default()).await), AppError::NotFound));
    assert!(matches!(err(steps::as_requester(&villager, "ABCDE-FGHJK", &me).await), AppError::NotFound));

    // The handler accepts, starts, notes internally and resolves with a reply.
    let v = act(&secretary, &a, HandlerStep::Accept).await;
    assert_eq!((v.status.as_str(), v.version), ("accepted", 1));
    let v = act(&secretary, &a, HandlerStep::Start).await;
    assert_eq!(v.status, "in_progress");
    act(&secretary, &a, HandlerStep::Note { text: "已联系水厂，内部备注".into(), public: false }).await;
    t.clock.advance(Duration::hours(5));
    let v = act(&secretary, &a, resolve("管道已修好，请试用")).await;
    assert_eq!(v.status, "resolved");
    assert_eq!(v.resolved_at, Some(t.app.now()));
    assert_eq!(v.version, 4, "accept, start, note, resolve: four changes");

    // Unsatisfied: reopened at the village with a fresh deadline.
    t.clock.advance(Duration::days(1));
    let rated_at = t.app.now();
    let r = steps::rate(&villager, &a.code, &me, Rating::Unsatisfied, "还是没水").await.expect("rate");
    assert_eq!(r.status, "in_progress");
    assert_eq!(r.reopen_count, 1);
    assert_eq!(r.level, "village");
    assert_eq!(r.resolved_at, None);
    let stored = reload(&t, a.id).await;
    assert_eq!(stored.status, "in_progress");
    assert_eq!(stored.rating.as_deref(), Some("unsatisfied"));
    assert_eq!(stored.due_at, lianxin_app::appeals::due_at(&t.app.settings, Level::Village, &sla, rated_at), "deadline counted anew");
    assert!(stored.due_at > a.due_at);
    let e = err(steps::rate(&villager, &a.code, &me, Rating::Satisfied, "").await);
    assert_eq!(e.key(), "error-appeal-not-resolved", "reopened: not resolved yet, whatever was rated before");
    assert_eq!(reload(&t, a.id).await.version, stored.version);

    // Resolved again, unsatisfied again: past the reopen limit it goes to the township.
    act(&secretary, &a, resolve("换了新水泵")).await;
    let r = steps::rate(&villager, &a.code, &me, Rating::Unsatisfied, "").await.expect("rate again");
    let township_org = t.org_id("中共青山镇委员会").await;
    assert_eq!(r.level, "township");
    assert_eq!(r.org_id, township_org);
    assert_eq!(r.status, "in_progress");
    assert_eq!(r.reopen_count, 2);
    assert_eq!(r.escalations, 1);
    assert_eq!(r.handler_person_id, None, "the township decides who handles it");
    let stored = reload(&t, a.id).await;
    assert_eq!((stored.level.as_str(), stored.org_id), ("township", township_org));
    assert!(inbox_kinds(&t, None, &[township_org], a.id).await.contains(&"appeal-escalated".to_owned()), "the township is told");
    // The township's staff see the notice as new until they open their inbox; opening it again
    // shows nothing new.
    let township = ctx_for(&t, "township").await;
    let before = inbox::unread(&township).await.expect("unread");
    assert!(before >= 1, "the escalation is new to the township");
    let (notices, new) = inbox::open(&township, 100).await.expect("open the inbox");
    assert_eq!(new, before);
    assert!(notices.iter().take(new as usize).any(|n| n.appeal_id == Some(a.id) && n.kind == "appeal-escalated"), "{notices:?}");
    assert_eq!(inbox::unread(&township).await.expect("unread"), 0, "seen once opened");
    assert_eq!(inbox::open(&township, 100).await.expect("open again").1, 0);

    // The timeline, in order; the internal note is staff-only.
    let all = events(&t, a.id, false).await;
    assert_eq!(
        kinds(&all),
        ["submitted", "accepted", "started", "note", "resolved", "rated", "reopened", "resolved", "rated", "escalated"]
    );
    assert!(!all.iter().find(|e| e.kind == "note").expect("note").public);
    let public = events(&t, a.id, true).await;
    assert_eq!(kinds(&public), ["submitted", "accepted", "started", "resolved", "rated", "reopened", "resolved", "rated", "escalated"]);
    assert!(public.iter().all(|e| e.public && !e.body.contains("内部备注")));
    assert_eq!(all.iter().find(|e| e.kind == "resolved").expect("resolved").body, "管道已修好，请试用");
    assert_eq!(t.audit_count("appeal.rate", "ok", Some(&a.id.to_string())).await, 2);
}
both!(lifecycle_from_filing_to_township, lifecycle);

// ---------------------------------------------------------------------------------------------
// 2. Routing
// ---------------------------------------------------------------------------------------------

async fn routing(t: TestApp) {
    let c = t.app.db.conn();
    let shimen = t.area_id("石门村").await;
    let zhang = t.person_of("secretary").await;
    let phone = "13912340007";
    let (household, resident, zhao) = t.linked_household(phone).await;

    // By phone: the resident's household is linked to 赵小军, who handles it.
    let mut n = need(shimen, "water", "水龙头漏水，水费太高");
    n.phone = Some(phone.into());
    let (a, _) = file(&villager(&t, "10.0.0.2"), n).await;
    assert_eq!(a.handler_person_id, Some(zhao), "the linked member handles it");
    assert_eq!(a.household_id, Some(household));
    assert_eq!(a.owner, "village_committee");
    let submitted = &events(&t, a.id, false).await[0];
    assert!(submitted.data.contains("linked_member"), "{}", submitted.data);

    // On behalf, after a visit: the member files for the household and handles it.
    let member = ctx_for(&t, "member").await;
    let mut n = need(shimen, "elderly", "独居老人需要定期上门照看");
    n.channel = Some(Channel::Visit);
    n.household = Some(household);
    let (b, _) = file(&member, n).await;
    assert_eq!(b.handler_person_id, Some(zhao));
    assert_eq!(b.channel, "visit");
    assert_eq!(b.filed_by.as_deref(), Some("member"));
    // A household of another village is refused.
    let liuwan = t.area_id("柳湾村").await;
    let other = people_store::households(c, &area_path(&t, liuwan).await, None, None, 1).await.expect("hh")[0].id;
    let before = appeal_count(&t).await;
    let mut n = need(shimen, "elderly", "另一个村的户");
    n.channel = Some(Channel::Visit);
    n.household = Some(other);
    assert_eq!(err(intake::submit(&member, n).await).key(), "error-appeal-household");
    assert_eq!(appeal_count(&t).await, before);

    // Without a linked member: the owner's designated handler.
    let (d, _) = file(&villager(&t, "10.0.0.2"), need(shimen, "water", "井水浑浊有异味")).await;
    assert_eq!(d.handler_person_id, Some(zhang));
    assert!(events(&t, d.id, false).await[0].data.contains("designated"));

    // A village override moves the category to another body, with its own designated handler.
    let water = category_id(&t, "water").await;
    setup::set_override(&t.ctx(), shimen, water, Some("collective_economy")).await.expect("override");
    setup::set_handler(&t.ctx(), shimen, "collective_economy", Some(resident)).await.expect("designate");
    let (e, _) = file(&villager(&t, "10.0.0.2"), need(shimen, "water", "灌溉水渠堵了")).await;
    assert_eq!(e.owner, "collective_economy");
    assert_eq!(e.handler_person_id, Some(resident));
    // The linked member still comes first; the owner follows the override.
    let mut n = need(shimen, "water", "家门口水管冻裂");
    n.phone = Some(phone.into());
    let (f, _) = file(&villager(&t, "10.0.0.2"), n).await;
    assert_eq!((f.owner.as_str(), f.handler_person_id), ("collective_economy", Some(zhao)));
    // Back to the county's matrix.
    setup::set_override(&t.ctx(), shimen, water, None).await.expect("clear override");
    let (g, _) = file(&villager(&t, "10.0.0.2"), need(shimen, "water", "自来水压力太小")).await;
    assert_eq!((g.owner.as_str(), g.handler_person_id), ("village_committee", Some(zhang)));

    // Nobody designated: unassigned, and the branch's queue is told.
    setup::set_handler(&t.ctx(), shimen, "party_branch", None).await.expect("remove");
    let (h, _) = file(&villager(&t, "10.0.0.2"), need(shimen, "dispute", "邻居占用我家宅前空地")).await;
    assert_eq!(h.owner, "party_branch");
    assert_eq!(h.handler_person_id, None);
    assert!(events(&t, h.id, false).await[0].data.contains("unassigned"));
    let branch = t.org_id("中共石门村支部委员会").await;
    assert!(inbox_kinds(&t, None, &[branch], h.id).await.contains(&"appeal-new".to_owned()));
    let q = queues::queue(&ctx_for(&t, "secretary").await, &QueueFilter { queue: Some(Queue::Org), ..Default::default() })
        .await
        .expect("queue");
    assert!(q.rows.iter().any(|r| r.id == h.id && r.handler.is_none()), "the unassigned need is in the branch's queue");
}
both!(routing_by_link_visit_override_and_designation, routing);

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
// 4. Concurrency
// ---------------------------------------------------------------------------------------------

async fn concurrency(t: TestApp) {
    let shimen = t.area_id("石门村").await;
    let secretary = ctx_for(&t, "secretary").await;
    let county = ctx_for(&t, "county").await;

    for round in 0..3 {
        let (a, _) = file(&villager(&t, "10.0.0.5"), need(shimen, "water", &format!("第{round}次：自来水管爆裂"))).await;
        let ev = events(&t, a.id, false).await.len();
        // Two handlers on the same version: one wins, the other is told it changed.
        let (x, y) = tokio::join!(
            steps::act(&secretary, a.id, Some(a.version), HandlerStep::Accept),
            steps::act(&county, a.id, Some(a.version), HandlerStep::Start)
        );
        let loser = match (x, y) {
            (Ok(_), Err(e)) | (Err(e), Ok(_)) => e,
            (x, y) => panic!("exactly one must win: {x:?} / {y:?}"),
        };
        assert!(matches!(loser, AppError::Conflict { key: "error-appeal-changed", .. }), "{loser:?}");
        let now = reload(&t, a.id).await;
        assert_eq!(now.version, a.version + 1);
        assert!(now.status == "accepted" || now.status == "in_progress");
        assert_eq!(events(&t, a.id, false).await.len(), ev + 1);

        // The same secretary twice, on the new version.
        let (x, y) = tokio::join!(
            steps::act(&secretary, a.id, Some(now.version), HandlerStep::Note { text: "甲".into(), public: true }),
            steps::act(&secretary, a.id, Some(now.version), HandlerStep::Note { text: "乙".into(), public: true })
        );
        assert_eq!(x.is_ok() as u8 + y.is_ok() as u8, 1, "one note wins");
        assert_eq!(reload(&t, a.id).await.version, now.version + 1);
        assert_eq!(events(&t, a.id, false).await.len(), ev + 2);

        // Different steps without a version: resolve against reject, one wins.
        let before = reload(&t, a.id).await;
        let (x, y) = tokio::join!(
            steps::act(&secretary, a.id, None, resolve("已处理")),
            steps::act(&county, a.id, None, HandlerStep::Reject { reason: "不属实".into() })
        );
        let (winner, loser) = match (x, y) {
            (Ok(w), Err(e)) | (Err(e), Ok(w)) => (w, e),
            (x, y) => panic!("exactly one must win: {x:?} / {y:?}"),
        };
        assert!(
            matches!(loser, AppError::Conflict { key: "error-appeal-changed" | "error-appeal-step", .. }),
            "the loser gets a conflict: {loser:?}"
        );
        let after = reload(&t, a.id).await;
        assert_eq!(after.version, before.version + 1);
        assert_eq!(after.status, winner.status);
        assert!(after.status == "resolved" || after.status == "rejected");
        let ev_after = events(&t, a.id, false).await;
        assert_eq!(ev_after.len(), ev + 3);
        assert_eq!(ev_after.last().expect("event").kind, if after.status == "resolved" { "resolved" } else { "rejected" });
    }
    // The villager taps "rate" twice with different answers: one rating counts.
    let v = villager(&t, "10.0.0.5");
    let (a, key) = file(&v, need(shimen, "water", "最后一次：水龙头没水")).await;
    let resolved = act(&secretary, &a, resolve("已修好")).await;
    let me = Requester::with_key(key);
    let (x, y) = tokio::join!(steps::rate(&v, &a.code, &me, Rating::Satisfied, ""), steps::rate(&v, &a.code, &me, Rating::Unsatisfied, ""));
    let (winner, loser) = match (x, y) {
        (Ok(w), Err(e)) | (Err(e), Ok(w)) => (w, e),
        (x, y) => panic!("exactly one rating must count: {x:?} / {y:?}"),
    };
    assert!(matches!(loser, AppError::Conflict { .. }), "{loser:?}");
    let after = reload(&t, a.id).await;
    assert_eq!(after.version, resolved.version + 1);
    assert_eq!((after.status.as_str(), after.rating.as_deref()), (winner.status.as_str(), winner.rating.as_deref()));
    assert_eq!(events(&t, a.id, false).await.iter().filter(|e| e.kind == "rated").count(), 1);
}
both!(concurrent_handlers_never_lose_a_change, concurrency);

// ---------------------------------------------------------------------------------------------
// 5. Scope
// ---------------------------------------------------------------------------------------------

async fn scope(t: TestApp) {
    let shimen = t.area_id("石门村").await;
    let (household, _, zhao) = t.linked_household("13912340008").await;
    let secretary = ctx_for(&t, "secretary").await;
    let secretary2 = ctx_for(&t, "secretary2").await;
    let member = ctx_for(&t, "member").await;
    let township = ctx_for(&t, "township").await;
    let inspector = ctx_for(&t, "inspector").await;

    let (a, _) = file(&villager(&t, "10.0.0.6"), need(shimen, "dispute", "邻里因排水沟起了纠纷")).await;
    let mut n = need(shimen, "elderly", "老人腿脚不便需要代购药品");
    n.channel = Some(Channel::Visit);
    n.household = Some(household);
    let (mine, _) = file(&member, n).await;
    assert_eq!(mine.handler_person_id, Some(zhao));

    // The neighbouring village's secretary: nothing there, and the attempt is audited.
    let id = a.id.to_string();
    assert!(matches!(err(queues::staff_view(&secretary2, a.id).await), AppError::NotFound));
    assert!(matches!(err(steps::act(&secretary2, a.id, None, HandlerStep::Accept).await), AppError::NotFound));
    assert!(matches!(err(steps::reveal_contact(&secretary2, a.id).await), AppError::NotFound));
    assert_eq!(t.audit_count("appeals.read", "denied", Some(&id)).await, 1);
    assert_eq!(t.audit_count("appeals.handle", "denied", Some(&id)).await, 2);
    let q = queues::queue(&secretary2, &QueueFilter { queue: Some(Queue::All), ..Default::default() }).await.expect("queue");
    assert!(q.rows.is_empty(), "柳湾村 sees none of 石门村's needs");
    let shimen_branch = t.org_id("中共石门村支部委员会").await;
    let other = QueueFilter { queue: Some(Queue::Org), org: Some(shimen_branch), ..Default::default() };
    assert!(matches!(err(queues::queue(&secretary2, &other).await), AppError::NotFound));
    assert_eq!(reload(&t, a.id).await.version, a.version, "nothing changed");

    // The member: only what is handed to them.
    let q = queues::queue(&member, &QueueFilter::default()).await.expect("mine");
    assert_eq!(q.queue, Queue::Mine);
    assert_eq!(q.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![mine.id]);
    assert!(queues::staff_view(&member, mine.id).await.expect("own").can_handle);
    act(&member, &mine, HandlerStep::Accept).await;
    assert!(matches!(err(queues::staff_view(&member, a.id).await), AppError::NotFound));
    assert!(matches!(err(steps::act(&member, a.id, None, HandlerStep::Accept).await), AppError::NotFound));

    // The inspector reads everything in the county, and changes nothing.
    let v = queues::staff_view(&inspector, a.id).await.expect("inspector reads");
    assert!(!v.can_handle);
    assert!(matches!(err(steps::act(&inspector, a.id, None, HandlerStep::Accept).await), AppError::Forbidden));
    assert!(matches!(err(steps::reveal_contact(&inspector, a.id).await), AppError::Forbidden));

    // Overdue: both go to the township. The village still reads them, and can no longer act.
    let at = t.app.now() + Duration::days(30);
    t.clock.set(at);
    assert_eq!(sweep::run(&t.ctx(), at).await.expect("sweep").escalated, 2);
    for x in [&a, &mine] {
        let view = queues::staff_view(&secretary, x.id).await.expect("the village still reads it");
        assert_eq!(view.row.level, "township");
        assert!(!view.can_handle);
        let before = reload(&t, x.id).await;
        assert!(matches!(err(steps::act(&secretary, x.id, None, HandlerStep::Start).await), AppError::Forbidden));
        assert_eq!(reload(&t, x.id).await.version, before.version);
    }
    // The member who had it no longer handles it once it left the village.
    assert_eq!(reload(&t, mine.id).await.handler_person_id, None);
    assert!(matches!(err(steps::act(&member, mine.id, None, HandlerStep::Start).await), AppError::NotFound));
    assert!(queues::queue(&member, &QueueFilter::default()).await.expect("mine").rows.is_empty());
    // "Beyond our capacity": the village sends one up by hand.
    let (c, _) = file(&villager(&t, "10.0.0.6"), need(shimen, "land", "承包地被邻村占用")).await;
    let up = act(&secretary, &c, HandlerStep::Escalate { reason: "涉及两个村，需镇里协调".into() }).await;
    assert_eq!((up.level.as_str(), up.org_id, up.handler_person_id), ("township", t.org_id("中共青山镇委员会").await, None));
    assert!(matches!(err(steps::act(&secretary, c.id, None, HandlerStep::Accept).await), AppError::Forbidden));
    assert_eq!(events(&t, c.id, true).await.last().expect("event").body, "涉及两个村，需镇里协调");
    // The township acts, and finds them in its escalated queue.
    let esc = queues::queue(&township, &QueueFilter { queue: Some(Queue::Escalated), ..Default::default() }).await.expect("escalated");
    assert_eq!(esc.rows.len(), 3);
    let v = act(&township, &a, HandlerStep::Start).await;
    assert_eq!(v.status, "in_progress");
    let v = act(&township, &a, resolve("镇里已安排修桥")).await;
    assert_eq!(v.status, "resolved");
    assert!(matches!(err(steps::act(&inspector, a.id, None, HandlerStep::Reject { reason: "x".into() }).await), AppError::Forbidden));
}
both!(scope_of_villages_members_levels_and_viewers, scope);

// ---------------------------------------------------------------------------------------------
// 6. Duplicates and "me too"
// ---------------------------------------------------------------------------------------------

async fn duplicates(t: TestApp) {
    let shimen = t.area_id("石门村").await;
    let liuwan = t.area_id("柳湾村").await;
    let (a, _) = file(&villager(&t, "10.0.0.7"), need(shimen, "water", "村口的自来水管破裂了，已经停水两天")).await;
    let count = appeal_count(&t).await;

    // Similar text, same village and category: offered as "me too", nothing filed.
    let mut n = need(shimen, "water", "村口自来水管破裂，停水两天了！");
    n.not_duplicate = false;
    match intake::submit(&villager(&t, "10.0.0.8"), n.clone()).await.expect("submit") {
        Submitted::Similar { appeal, similarity } => {
            assert_eq!(appeal.id, a.id);
            assert!(similarity >= lianxin_core::appeals::DUPLICATE_THRESHOLD);
        }
        Submitted::Created { appeal, .. } => panic!("filed a duplicate {}", appeal.code),
    }
    assert_eq!(appeal_count(&t).await, count);
    // Another village or category is not a duplicate.
    let mut other = n.clone();
    other.village = Some(liuwan);
    assert!(matches!(intake::submit(&villager(&t, "10.0.0.8"), other).await.expect("submit"), Submitted::Created { .. }));
    let mut other = n.clone();
    other.service_code = "environment".into();
    assert!(matches!(intake::submit(&villager(&t, "10.0.0.8"), other).await.expect("submit"), Submitted::Created { .. }));
    assert_eq!(appeal_count(&t).await, count + 2);

    // "Me too": once per phone.
    let v = villager(&t, "10.0.0.9");
    assert_eq!(intake::support(&v, &a.code, Some("13600001111")).await.expect("support").0.supporters, 1);
    assert_eq!(intake::support(&v, &a.code, Some("136 0000 1111")).await.expect("support").0.supporters, 1, "same phone");
    assert_eq!(intake::support(&v, &a.code, Some("13600002222")).await.expect("support").0.supporters, 2);
    assert_eq!(reload(&t, a.id).await.supporters, 2);
    // Support is counted, not written into the timeline (nobody can flood it).
    assert_eq!(kinds(&events(&t, a.id, true).await), ["submitted"]);
    assert_eq!(err(intake::support(&v, &a.code, Some("12345")).await).key(), "error-phone");
    assert!(matches!(err(intake::support(&v, "ABCDE-FGHJK", None).await), AppError::NotFound));

    // The villager insists: a record of their own.
    n.not_duplicate = true;
    let (b, _) = file(&villager(&t, "10.0.0.8"), n).await;
    assert_ne!(b.id, a.id);
    assert_eq!(appeal_count(&t).await, count + 3);

    // A closed need is no longer offered, and no longer supported.
    let secretary = ctx_for(&t, "secretary").await;
    act(&secretary, &a, HandlerStep::Reject { reason: "重复".into() }).await;
    act(&secretary, &b, HandlerStep::Reject { reason: "重复".into() }).await;
    let mut n = need(shimen, "water", "村口的自来水管破裂了，已经停水两天");
    n.not_duplicate = false;
    assert!(matches!(intake::submit(&villager(&t, "10.0.0.8"), n).await.expect("submit"), Submitted::Created { .. }));
    assert_eq!(err(intake::support(&v, &a.code, Some("13600003333")).await).key(), "error-appeal-not-open");
    assert_eq!(reload(&t, a.id).await.supporters, 2);
}
both!(duplicates_offer_me_too, duplicates);

// ---------------------------------------------------------------------------------------------
// 7. Bad input
// ---------------------------------------------------------------------------------------------

fn jpeg(len: usize) -> NewPhoto {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.resize(len.max(4), 0);
    NewPhoto { bytes }
}

async fn bad_input(t: TestApp) {
    let shimen = t.area_id("石门村").await;
    let qingshan_town = t.area_id("青山镇").await;
    let v = villager(&t, "10.0.0.10");
    let before = appeal_count(&t).await;
    let max_photo = t.app.settings.appeals.photo_max_bytes;

    let cases: Vec<(&str, NewAppeal, &str)> = vec![
        ("empty description", need(shimen, "water", "  \n\t "), "error-required"),
        ("100 KB description", need(shimen, "water", &"水".repeat(34_000)), "error-appeal-description-long"),
        ("unknown category", need(shimen, "nope", "描述"), "error-appeal-unknown-category"),
        ("no category", need(shimen, "", "描述"), "error-appeal-unknown-category"),
        ("a township as village", need(qingshan_town, "water", "描述"), "error-appeal-unknown-village"),
        ("random village", need(Uuid::now_v7(), "water", "描述"), "error-appeal-unknown-village"),
        ("no village", NewAppeal { village: None, ..need(shimen, "water", "描述") }, "error-appeal-unknown-village"),
        (
            "text as photo",
            NewAppeal { photos: vec![NewPhoto { bytes: b"<html>not an image</html>".to_vec() }], ..need(shimen, "water", "描述") },
            "error-appeal-photo-type",
        ),
        ("photo too large", NewAppeal { photos: vec![jpeg(max_photo + 1)], ..need(shimen, "water", "描述") }, "error-appeal-photo-large"),
        (
            "four photos",
            NewAppeal { photos: vec![jpeg(100), jpeg(100), jpeg(100), jpeg(100)], ..need(shimen, "water", "描述") },
            "error-appeal-photos-many",
        ),
        ("road without hazard", need(shimen, "road", "路面塌陷"), "error-appeal-attribute-missing"),
        (
            "road with a bad hazard",
            NewAppeal { attributes: [("hazard".to_owned(), vec!["maybe".to_owned()])].into(), ..need(shimen, "road", "路面塌陷") },
            "error-appeal-attribute-invalid",
        ),
        (
            "unknown attribute",
            NewAppeal { attributes: [("colour".to_owned(), vec!["red".to_owned()])].into(), ..need(shimen, "water", "描述") },
            "error-appeal-attribute-unknown",
        ),
        ("latitude 91", NewAppeal { lat: Some(91.0), lon: Some(110.0), ..need(shimen, "water", "描述") }, "error-appeal-location"),
        ("latitude without longitude", NewAppeal { lat: Some(28.0), ..need(shimen, "water", "描述") }, "error-appeal-location"),
        ("NaN latitude", NewAppeal { lat: Some(f64::NAN), lon: Some(110.0), ..need(shimen, "water", "描述") }, "error-appeal-location"),
        ("bad phone", NewAppeal { phone: Some("12345".into()), ..need(shimen, "water", "描述") }, "error-phone"),
        ("long name", NewAppeal { name: Some("名".repeat(51)), ..need(shimen, "water", "描述") }, "error-too-long"),
    ];
    for (what, n, key) in cases {
        let e = err(intake::submit(&v, n).await);
        assert_eq!(e.key(), key, "{what}: {e:?}");
        assert_eq!(appeal_count(&t).await, before, "{what} changed nothing");
    }
    // Staff channels are not open to the public form.
    let e = err(intake::submit(&v, NewAppeal { channel: Some(Channel::PhoneCall), ..need(shimen, "water", "描述") }).await);
    assert!(matches!(e, AppError::Unauthenticated), "{e:?}");
    assert_eq!(appeal_count(&t).await, before);

    // What is allowed: HTML kept verbatim, a road need with its attribute, three photos.
    let html = "<script>alert('x')</script> 路灯 <b>坏了</b> & \"引号\"";
    let (a, key) = file(&v, need(shimen, "water", html)).await;
    assert_eq!(reload(&t, a.id).await.description, html);
    let (road, _) = file(
        &v,
        NewAppeal {
            attributes: [("hazard".to_owned(), vec!["yes".to_owned()])].into(),
            photos: vec![jpeg(100), NewPhoto { bytes: b"\x89PNG\r\n\x1a\n0000".to_vec() }, jpeg(max_photo)],
            lat: Some(28.1),
            lon: Some(112.9),
            ..need(shimen, "road", "路面塌陷")
        },
    )
    .await;
    assert_eq!(store::photo_ids(t.app.db.conn(), road.id).await.expect("photos").len(), 3);
    assert!(road.attributes.contains("yes"));

    // Rating before resolution, twice, and after closing.
    let me = Requester::with_key(key);
    let secretary = ctx_for(&t, "secretary").await;
    let version = reload(&t, a.id).await.version;
    assert_eq!(err(steps::rate(&v, &a.code, &me, Rating::Satisfied, "").await).key(), "error-appeal-not-resolved");
    assert_eq!(reload(&t, a.id).await.version, version);
    act(&secretary, &a, resolve("路灯已换")).await;
    let closed = steps::rate(&v, &a.code, &me, Rating::Satisfied, "谢谢").await.expect("rate");
    assert_eq!(closed.status, "closed");
    let ev = events(&t, a.id, false).await.len();
    assert_eq!(err(steps::rate(&v, &a.code, &me, Rating::Unsatisfied, "").await).key(), "error-appeal-rated");
    assert_eq!(err(steps::withdraw(&v, &a.code, &me).await).key(), "error-appeal-step");
    assert_eq!(err(steps::act(&secretary, a.id, None, HandlerStep::Start).await).key(), "error-appeal-step");
    assert_eq!(
        err(steps::act(&secretary, a.id, None, HandlerStep::Note { text: "x".into(), public: true }).await).key(),
        "error-appeal-step"
    );
    assert_eq!(err(steps::act(&secretary, a.id, None, HandlerStep::Escalate { reason: "x".into() }).await).key(), "error-appeal-step");
    // Someone without the key cannot rate.
    assert!(matches!(err(steps::rate(&v, &a.code, &Requester::with_key("f".repeat(32)), Rating::Satisfied, "").await), AppError::NotFound));
    let after = reload(&t, a.id).await;
    assert_eq!((after.version, after.status.as_str(), after.rating.as_deref()), (closed.version, "closed", Some("satisfied")));
    assert_eq!(events(&t, a.id, false).await.len(), ev);

    // Closed by the sweeper without a rating: a late rating is refused.
    let (c, ckey) = file(&v, need(shimen, "social", "低保申请进度")).await;
    act(&secretary, &c, resolve("已提交民政")).await;
    let later = t.app.now() + Duration::days(t.app.settings.appeals.auto_close_days + 1);
    assert_eq!(sweep::run(&t.ctx(), later).await.expect("sweep").closed, 1);
    let e = err(steps::rate(&v, &c.code, &Requester::with_key(ckey), Rating::Unsatisfied, "").await);
    assert_eq!(e.key(), "error-appeal-step", "closed without a rating: nothing to rate any more");
    let closed = reload(&t, c.id).await;
    assert_eq!((closed.status.as_str(), closed.rating.as_deref()), ("closed", None));

    // Withdrawn, then nobody acts on it.
    let (w, wkey) = file(&v, need(shimen, "land", "宅基地边界不清")).await;
    let wme = Requester::with_key(wkey);
    assert_eq!(steps::withdraw(&v, &w.code, &wme).await.expect("withdraw").status, "withdrawn");
    let version = reload(&t, w.id).await.version;
    for s in [HandlerStep::Accept, HandlerStep::Start, resolve("x"), HandlerStep::Reject { reason: "x".into() }] {
        assert_eq!(err(steps::act(&secretary, w.id, None, s).await).key(), "error-appeal-step");
    }
    assert_eq!(err(steps::withdraw(&v, &w.code, &wme).await).key(), "error-appeal-step");
    assert_eq!(err(steps::rate(&v, &w.code, &wme, Rating::Satisfied, "").await).key(), "error-appeal-step");
    assert_eq!(reload(&t, w.id).await.version, version);

    // Empty replies and reasons, and a stale version.
    let (s, _) = file(&v, need(shimen, "employment", "想参加技能培训")).await;
    assert_eq!(err(steps::act(&secretary, s.id, None, resolve("   ")).await).key(), "error-required");
    assert_eq!(err(steps::act(&secretary, s.id, None, HandlerStep::Reject { reason: String::new() }).await).key(), "error-required");
    assert_eq!(err(steps::act(&secretary, s.id, Some(s.version + 7), HandlerStep::Accept).await).key(), "error-appeal-changed");
    // A handler outside the village.
    let secretary2 = ctx_for(&t, "secretary2").await;
    assert!(matches!(err(steps::act(&secretary2, s.id, None, HandlerStep::Accept).await), AppError::NotFound));
    assert!(matches!(err(steps::act(&secretary2, Uuid::now_v7(), None, HandlerStep::Accept).await), AppError::NotFound));
    // A member filing for another village.
    let before = appeal_count(&t).await;
    let liuwan = t.area_id("柳湾村").await;
    let n = NewAppeal { channel: Some(Channel::Visit), ..need(liuwan, "water", "替别村报") };
    assert!(matches!(err(intake::submit(&ctx_for(&t, "member").await, n).await), AppError::NotFound));
    assert_eq!(appeal_count(&t).await, before);
    // Reassigning to someone from another village.
    // 柳湾村's secretary, its designated handler.
    let liuwan_secretary = store::handler_for(t.app.db.conn(), liuwan, "party_branch").await.expect("db").expect("a designated handler");
    assert_eq!(
        err(steps::act(&secretary, s.id, None, HandlerStep::Reassign { person: liuwan_secretary }).await).key(),
        "error-appeal-handler"
    );
    let stored = reload(&t, s.id).await;
    assert_eq!((stored.version, stored.status.as_str()), (s.version, "submitted"));
    assert_eq!(events(&t, s.id, false).await.len(), 1);
}
both!(bad_input_is_refused_and_changes_nothing, bad_input);

// ---------------------------------------------------------------------------------------------
// 8. Public intake limits
// ---------------------------------------------------------------------------------------------

fn small_limits(s: &mut Settings) {
    s.appeals.per_ip_per_hour = 3;
    s.appeals.per_phone_per_day = 2;
}

/// Runs a test body on both databases with tweaked settings.
macro_rules! both_with {
    ($name:ident, $tweak:path, $body:path) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some(app) = crate::helpers::spawn_app_with(crate::helpers::Backend::Sqlite, $tweak).await {
                    $body(app).await;
                }
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = crate::helpers::spawn_app_with(crate::helpers::Backend::Postgres, $tweak).await {
                    $body(app).await;
                }
            }
        }
    };
}

async fn limits(t: TestApp) {
    let shimen = t.area_id("石门村").await;
    let v = villager(&t, "10.1.1.1");
    let texts = ["自来水停了", "路灯坏了一个月", "垃圾没人清运", "邻居噪音扰民"];
    let codes = ["water", "other", "environment", "dispute"];
    for i in 0..3 {
        file(&v, need(shimen, codes[i], texts[i])).await;
    }
    let count = appeal_count(&t).await;
    let e = err(intake::submit(&v, need(shimen, codes[3], texts[3])).await);
    match e {
        AppError::Locked { until } => assert!(until > t.app.now() && until <= t.app.now() + Duration::hours(1)),
        other => panic!("expected Locked, got {other:?}"),
    }
    assert_eq!(appeal_count(&t).await, count);
    // Another address is not held back; staff filing on behalf is never limited.
    file(&villager(&t, "10.1.1.2"), need(shimen, "other", "第二个人的诉求")).await;
    let secretary = ctx_for(&t, "secretary").await;
    for i in 0..4 {
        file(&secretary, NewAppeal { channel: Some(Channel::WalkIn), ..need(shimen, "other", &format!("来访登记 {i}")) }).await;
    }
    // The next hour the address may file again.
    t.clock.advance(Duration::hours(1));
    file(&v, need(shimen, codes[3], texts[3])).await;

    // Per phone and day, whatever the address.
    let phone = "13500009999";
    for (i, ip) in ["10.2.0.1", "10.2.0.2"].iter().enumerate() {
        file(&villager(&t, ip), NewAppeal { phone: Some(phone.into()), ..need(shimen, "other", &format!("电话诉求 {i}")) }).await;
    }
    let count = appeal_count(&t).await;
    let e =
        err(intake::submit(&villager(&t, "10.2.0.3"), NewAppeal { phone: Some(phone.into()), ..need(shimen, "other", "第三次") }).await);
    assert!(matches!(e, AppError::Locked { .. }), "{e:?}");
    assert_eq!(appeal_count(&t).await, count);
    t.clock.advance(Duration::days(1));
    file(&villager(&t, "10.2.0.3"), NewAppeal { phone: Some(phone.into()), ..need(shimen, "other", "第二天再报") }).await;
}
both_with!(public_intake_is_limited_per_ip_and_phone, small_limits, limits);

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
