//! Appeals: scope, and duplicates ("me too").

use super::*;

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
