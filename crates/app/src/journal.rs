//! Writing the hash-chained audit log: every change and every denial is an entry, written in the
//! transaction of the change it records. Each entry says what its change makes stale in the
//! process's caches ([`Stale`]): a use case cannot record a change without saying so.

use lianxin_core::audit::EntryFields;
use lianxin_store::{ConnectionTrait, audit as store};

pub use crate::cache::Stale;
use crate::{Ctx, Result};

/// Appends an audit entry for `ctx`'s actor inside the caller's transaction.
// The entry's own columns, in their order; a struct would only rename them at each call.
#[allow(clippy::too_many_arguments)]
pub async fn record<C: ConnectionTrait>(
    c: &C,
    ctx: &Ctx,
    stale: Stale,
    action: &str,
    target_kind: &str,
    target_id: Option<&str>,
    outcome: &str,
    detail: serde_json::Value,
) -> Result<()> {
    record_many(c, &[pending(ctx, stale, action, target_kind, target_id, outcome, detail)]).await
}

/// An entry made now and written later together with others ([`record_many`]), for work that
/// commits in groups.
#[derive(Clone, Debug)]
pub struct Pending {
    at: chrono::DateTime<chrono::Utc>,
    actor_id: Option<String>,
    actor_name: String,
    action: String,
    target_kind: String,
    target_id: Option<String>,
    outcome: String,
    ip: Option<String>,
    request_id: Option<String>,
    detail: String,
}

/// Makes what `stale` names stale now (see [`crate::cache`]) and notes it on `ctx`, whose
/// [`Ctx::commit`] makes it stale again once the change is committed (a read between the two
/// could have kept what the database held before).
pub fn pending(
    ctx: &Ctx,
    stale: Stale,
    action: &str,
    target_kind: &str,
    target_id: Option<&str>,
    outcome: &str,
    detail: serde_json::Value,
) -> Pending {
    ctx.app.caches.changed(stale);
    ctx.note_stale(stale);
    Pending {
        at: ctx.now(),
        actor_id: ctx.actor.id(),
        actor_name: ctx.actor.name(),
        action: action.to_owned(),
        target_kind: target_kind.to_owned(),
        target_id: target_id.map(str::to_owned),
        outcome: outcome.to_owned(),
        ip: ctx.ip.clone(),
        request_id: ctx.request_id.clone(),
        detail: detail.to_string(),
    }
}

/// Writes entries made with [`pending`], in order, in the caller's write transaction.
pub async fn record_many<C: ConnectionTrait>(c: &C, entries: &[Pending]) -> Result<()> {
    let fields: Vec<EntryFields<'_>> = entries
        .iter()
        .map(|e| EntryFields {
            seq: 0,
            at: e.at,
            actor_id: e.actor_id.as_deref(),
            actor_name: &e.actor_name,
            action: &e.action,
            target_kind: &e.target_kind,
            target_id: e.target_id.as_deref(),
            outcome: &e.outcome,
            ip: e.ip.as_deref(),
            request_id: e.request_id.as_deref(),
            detail: &e.detail,
        })
        .collect();
    store::append_many(c, &fields).await?;
    Ok(())
}

/// Records an entry in a transaction of its own (for denials and failed logins, which change
/// nothing else).
pub async fn record_alone(
    ctx: &Ctx,
    stale: Stale,
    action: &str,
    target_kind: &str,
    target_id: Option<&str>,
    outcome: &str,
    detail: serde_json::Value,
) -> Result<()> {
    let tx = ctx.db().write().await?;
    record(&tx, ctx, stale, action, target_kind, target_id, outcome, detail).await?;
    ctx.commit(tx).await
}
