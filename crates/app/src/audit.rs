//! The audit log as its administrator reads it: checking the hash chain, and pages of entries.
//! Entries are written by [`crate::journal`].

use lianxin_core::audit::{Break, verify_run};
use lianxin_store::audit as store;

/// The entries and filter of the administrator's pages.
pub use lianxin_store::audit::{AuditFilter, Entry};

use crate::{
    Ctx, Result,
    policy::{Action, Target},
};

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
