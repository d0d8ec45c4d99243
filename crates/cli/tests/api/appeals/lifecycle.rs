//! Appeals: the whole lifecycle, and routing.

use super::*;

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
