//! Appeals: concurrent handlers and sweeps.

use super::*;

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
