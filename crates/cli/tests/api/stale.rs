//! What a change makes stale is made stale again once it commits: a read between the record and
//! the commit (which sees the database as it was) keeps nothing past the commit.

use lianxin_app::journal::{self, Stale};

use crate::{both, helpers::TestApp};

async fn stale_after_commit(t: TestApp) {
    let ctx = t.ctx();
    let tx = t.app.db.write().await.expect("write");
    journal::record(&tx, &ctx, Stale::Access, "org.update", "org", None, "ok", serde_json::json!({})).await.expect("record");
    // A read now sees the old rows and would keep them under this epoch.
    let read_during = t.app.caches.epoch();
    ctx.commit(tx).await.expect("commit");
    assert!(t.app.caches.epoch() > read_during, "what was kept during the change is stale once it commits");

    // A change that makes nothing stale moves nothing.
    let tx = t.app.db.write().await.expect("write");
    journal::record(&tx, &ctx, Stale::Nothing, "appeal.note", "appeal", None, "ok", serde_json::json!({})).await.expect("record");
    let before = t.app.caches.epoch();
    ctx.commit(tx).await.expect("commit");
    assert_eq!(t.app.caches.epoch(), before);
}
both!(a_read_during_a_change_keeps_nothing_past_its_commit, stale_after_commit);

/// An organization kept for reading its pages is read again after it changes: the standings
/// computed afterwards carry its new name.
async fn kept_orgs_follow_a_rename(t: TestApp) {
    let ctx = crate::helpers::ctx_for(&t, "county").await;
    let id = t.org_id("中共石门村支部委员会").await;
    let period = lianxin_app::points::period_of(&ctx, None);
    let before = lianxin_app::points::standings(&ctx, id, period).await.expect("standings");
    assert_eq!(before.org.name, "中共石门村支部委员会");
    let edit = lianxin_app::orgs::OrgEdit { name: Some("中共石门村委员会".into()), ..Default::default() };
    lianxin_app::orgs::update_org(&ctx, id, edit).await.expect("rename");
    let after = lianxin_app::points::standings(&ctx, id, period).await.expect("standings");
    assert_eq!(after.org.name, "中共石门村委员会");
}
both!(kept_organizations_follow_a_rename, kept_orgs_follow_a_rename);
