//! Appeals: bad input and the limits of public intake.

use super::*;

// ---------------------------------------------------------------------------------------------
// 7. Bad input
// ---------------------------------------------------------------------------------------------

/// A file of `len` bytes that starts like a JPEG and is zeros after.
fn fake_jpeg(len: usize) -> NewPhoto {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.resize(len.max(4), 0);
    NewPhoto { bytes }
}

/// A small real photo.
fn jpeg(shade: u8) -> NewPhoto {
    NewPhoto { bytes: lianxin_app::photos::samples::jpeg(32, 24, [shade, 120, 60]) }
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
        (
            "photo too large",
            NewAppeal { photos: vec![fake_jpeg(max_photo + 1)], ..need(shimen, "water", "描述") },
            "error-appeal-photo-large",
        ),
        (
            "a JPEG header and zeros",
            NewAppeal { photos: vec![jpeg(1), fake_jpeg(4096)], ..need(shimen, "water", "描述") },
            "error-appeal-photo-type",
        ),
        (
            "a PNG header and zeros",
            NewAppeal { photos: vec![NewPhoto { bytes: b"\x89PNG\r\n\x1a\n0000".to_vec() }], ..need(shimen, "water", "描述") },
            "error-appeal-photo-type",
        ),
        (
            "four photos",
            NewAppeal { photos: vec![jpeg(1), jpeg(2), jpeg(3), jpeg(4)], ..need(shimen, "water", "描述") },
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
            photos: vec![jpeg(100), NewPhoto { bytes: lianxin_app::photos::samples::png(20, 20, [1, 2, 3]) }, jpeg(200)],
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
