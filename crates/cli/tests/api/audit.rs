//! The audit chain: every change is recorded, and a change made behind the product's back is found.

use sea_orm::ConnectionTrait;

use crate::{both, helpers::TestApp};

async fn tamper(app: TestApp) {
    let ctx = app.ctx();
    let report = lianxin_app::audit::verify(&ctx).await.unwrap();
    assert!(report.broken.is_none(), "{report:?}");
    assert!(report.checked > 50, "seeding the demo is audited ({} entries)", report.checked);
    // Someone edits one entry directly in the database.
    let victim = report.first_seq + 10;
    let db = app.app.db.conn();
    db.execute_unprepared(&format!("UPDATE audit_entries SET actor_name = 'nobody' WHERE seq = {victim}")).await.unwrap();
    let report = lianxin_app::audit::verify(&ctx).await.unwrap();
    assert_eq!(report.broken, Some(lianxin_core::audit::Break::Altered { seq: victim }));
    // Rewriting the hash too only moves the break to the next entry.
    let e = lianxin_store::audit::page_after(db, victim - 1, 1).await.unwrap().remove(0);
    let stored = lianxin_store::audit::to_stored(e);
    let rehash = lianxin_core::audit::entry_hash(&stored.prev_hash, &stored.fields());
    db.execute_unprepared(&format!("UPDATE audit_entries SET hash = '{rehash}' WHERE seq = {victim}")).await.unwrap();
    let report = lianxin_app::audit::verify(&ctx).await.unwrap();
    assert_eq!(report.broken, Some(lianxin_core::audit::Break::Unlinked { seq: victim + 1 }));
}
both!(tampering_is_found, tamper);

async fn deletion(app: TestApp) {
    let db = app.app.db.conn();
    db.execute_unprepared("DELETE FROM audit_entries WHERE seq = 5").await.unwrap();
    let report = lianxin_app::audit::verify(&app.ctx()).await.unwrap();
    assert_eq!(report.broken, Some(lianxin_core::audit::Break::Gap { seq: 6, expected: 5 }));
}
both!(a_removed_entry_is_found, deletion);

/// Rotation keeps six months and the remaining chain still verifies from its new anchor.
async fn rotation(app: TestApp) {
    use chrono::Duration;
    let before = lianxin_app::audit::verify(&app.ctx()).await.unwrap().checked;
    // Half a year later the old entries are due for removal.
    let later = app.app.now() + Duration::days(200);
    app.clock.set(later);
    lianxin_app::journal::record_alone(
        &app.ctx(),
        lianxin_app::journal::Stale::Nothing,
        "test.recent",
        "test",
        None,
        "ok",
        serde_json::json!({}),
    )
    .await
    .unwrap();
    let reports = lianxin_app::jobs::run_due(&app.app, later, "test-instance").await.unwrap();
    assert!(reports.iter().any(|r| r.job == "audit_rotate" && r.outcome == "ok"), "{reports:?}");
    let after = lianxin_app::audit::verify(&app.ctx()).await.unwrap();
    assert!(after.broken.is_none(), "{after:?}");
    assert!(after.checked < before, "old entries were rotated out ({} → {})", before, after.checked);
    assert!(app.audit_count("test.recent", "ok", None).await == 1, "recent entries stay");
}
both!(rotation_keeps_the_chain_verifiable, rotation);
