//! Recording every change and every denial in the hash-chained audit log, and checking the chain.

use lianxin_core::audit::{Break, DENIED, EntryFields, verify_run};
use lianxin_store::{ConnectionTrait, audit as store};

use crate::{
    AppError, Ctx, Result,
    policy::{self, Action, Decision, Target},
};

/// Appends an audit entry for `ctx`'s actor inside the caller's transaction.
pub async fn record<C: ConnectionTrait>(
    c: &C,
    ctx: &Ctx,
    action: &str,
    target_kind: &str,
    target_id: Option<&str>,
    outcome: &str,
    detail: serde_json::Value,
) -> Result<()> {
    record_many(c, &[pending(ctx, action, target_kind, target_id, outcome, detail)]).await
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

pub fn pending(ctx: &Ctx, action: &str, target_kind: &str, target_id: Option<&str>, outcome: &str, detail: serde_json::Value) -> Pending {
    if may_change_access(action) {
        ctx.app.caches.changed();
    }
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

/// Whether an audited action may change who can do what (accounts, grants, posts, the trees) or
/// how appeals are routed: those make the caches stale (see [`crate::cache`]). Work on appeals,
/// sign-ins, reveals and exports change neither.
fn may_change_access(action: &str) -> bool {
    const NEITHER: [&str; 18] = [
        "appeal.submit",
        "appeal.accept",
        "appeal.start",
        "appeal.note",
        "appeal.resolve",
        "appeal.reject",
        "appeal.reassign",
        "appeal.cohandler",
        "appeal.escalate",
        "appeal.rate",
        "appeal.withdraw",
        "appeal.reveal",
        "appeal.phone_sign_in",
        "auth.login",
        "auth.totp",
        "person.reveal",
        "people.export",
        "people.export_reveal",
    ];
    !NEITHER.contains(&action)
}

/// Records an entry in a transaction of its own (for denials and failed logins, which change
/// nothing else).
pub async fn record_alone(
    ctx: &Ctx,
    action: &str,
    target_kind: &str,
    target_id: Option<&str>,
    outcome: &str,
    detail: serde_json::Value,
) -> Result<()> {
    let tx = ctx.db().write().await?;
    record(&tx, ctx, action, target_kind, target_id, outcome, detail).await?;
    tx.commit().await?;
    Ok(())
}

impl Ctx {
    /// Asks [`policy::decide`] and, on a denial, audits it and returns 404 when the target is
    /// outside what the actor may see, 403 otherwise.
    pub async fn authorize(&self, action: Action, target: Target<'_>, target_kind: &str, target_id: Option<&str>) -> Result<()> {
        let decision = policy::decide(&self.actor, action, target);
        if decision == Decision::Allow {
            return Ok(());
        }
        if matches!(self.actor, crate::Actor::Anonymous) && !matches!(target, Target::System) {
            return Err(AppError::Unauthenticated);
        }
        record_alone(self, action.as_str(), target_kind, target_id, DENIED, serde_json::json!({ "decision": format!("{decision:?}") }))
            .await?;
        Err(if decision == Decision::Hidden { AppError::NotFound } else { AppError::Forbidden })
    }
}

/// Result of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub checked: u64,
    pub first_seq: i64,
    pub last_seq: i64,
    pub broken: Option<Break>,
}

/// Recomputes the chain from its anchor to the head, page by page, and names the first broken
/// entry. Also reports entries missing at the end (head ahead of the last stored entry).
pub async fn verify(ctx: &Ctx) -> Result<VerifyReport> {
    ctx.authorize(Action::ReadAudit, Target::System, "audit", None).await?;
    let c = ctx.db().conn();
    let (anchor_seq, anchor_hash, head_seq) = store::anchor(c).await?;
    let (mut seq, mut hash) = (anchor_seq, anchor_hash);
    let mut checked = 0u64;
    loop {
        // Entries appended while verifying are left for the next run.
        let page: Vec<_> = store::page_after(c, seq, 2000).await?.into_iter().filter(|e| e.seq <= head_seq).collect();
        if page.is_empty() {
            break;
        }
        let n = page.len() as u64;
        let stored: Vec<_> = page.into_iter().map(store::to_stored).collect();
        match verify_run((seq, &hash), &stored) {
            Ok((s, h)) => {
                seq = s;
                hash = h;
                checked += n;
            }
            Err(b) => {
                return Ok(VerifyReport { checked, first_seq: anchor_seq + 1, last_seq: seq, broken: Some(b) });
            }
        }
    }
    let broken = (seq < head_seq).then_some(Break::Gap { seq: head_seq, expected: seq + 1 });
    Ok(VerifyReport { checked, first_seq: anchor_seq + 1, last_seq: seq, broken })
}

/// A page of the log, newest first, for the audit administrator.
pub async fn list(ctx: &Ctx, filter: &store::AuditFilter, limit: u64) -> Result<Vec<store::Entry>> {
    ctx.authorize(Action::ReadAudit, Target::System, "audit", None).await?;
    Ok(store::list(ctx.db().conn(), filter, limit.min(500)).await?)
}
