//! The append-only audit log. Entries are only ever inserted through [`append_many`]; nothing in the
//! product updates them. Pruning old entries moves the chain's anchor forward, so `verify` still
//! checks everything that remains.

use chrono::{DateTime, Utc};
use lianxin_core::audit::{EntryFields, StoredEntry, entry_hash};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use crate::entity::{audit_entry, audit_head};

pub use audit_entry::Model as Entry;

/// Appends entries in order and advances the chain head once. Must run inside the caller's write
/// transaction: the head row is updated first, which serializes concurrent appenders on every
/// backend. The `seq` of each given entry is ignored; they get the next numbers.
pub async fn append_many<C: ConnectionTrait>(c: &C, fields: &[EntryFields<'_>]) -> crate::Result<()> {
    let Some(n) = i64::try_from(fields.len()).ok().filter(|n| *n > 0) else {
        return Ok(());
    };
    audit_head::Entity::update_many()
        // Bound as a 32-bit integer, as the literal 1 of `append` is (PostgreSQL types the
        // parameter from it); the head's sum is still a 64-bit column.
        .col_expr(audit_head::Column::Seq, Expr::col(audit_head::Column::Seq).add(i32::try_from(n).unwrap_or(i32::MAX)))
        .filter(audit_head::Column::Id.eq(1))
        .exec(c)
        .await?;
    let head =
        audit_head::Entity::find_by_id(1).one(c).await?.ok_or_else(|| crate::StoreError::Invalid("audit head row is missing".into()))?;
    let mut prev = head.hash;
    let mut rows = Vec::with_capacity(fields.len());
    for (seq, f) in (head.seq - n + 1..).zip(fields) {
        let f = EntryFields { seq, ..f.clone() };
        let hash = entry_hash(&prev, &f);
        rows.push(entry_model(&f, prev.clone(), hash.clone()));
        prev = hash;
    }
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(500));
        audit_entry::Entity::insert_many(std::mem::replace(&mut rows, rest)).exec_without_returning(c).await?;
    }
    audit_head::Entity::update_many()
        .col_expr(audit_head::Column::Hash, Expr::value(prev))
        .filter(audit_head::Column::Id.eq(1))
        .exec(c)
        .await?;
    Ok(())
}

/// The row of one entry of the chain.
fn entry_model(f: &EntryFields<'_>, prev_hash: String, hash: String) -> audit_entry::ActiveModel {
    audit_entry::ActiveModel {
        id: Set(Uuid::now_v7()),
        seq: Set(f.seq),
        at: Set(f.at),
        actor_id: Set(f.actor_id.map(str::to_owned)),
        actor_name: Set(f.actor_name.to_owned()),
        action: Set(f.action.to_owned()),
        target_kind: Set(f.target_kind.to_owned()),
        target_id: Set(f.target_id.map(str::to_owned)),
        outcome: Set(f.outcome.to_owned()),
        ip: Set(f.ip.map(str::to_owned)),
        request_id: Set(f.request_id.map(str::to_owned)),
        detail: Set(f.detail.to_owned()),
        prev_hash: Set(prev_hash),
        hash: Set(hash),
    }
}

pub fn to_stored(e: Entry) -> StoredEntry {
    StoredEntry {
        seq: e.seq,
        at: e.at,
        actor_id: e.actor_id,
        actor_name: e.actor_name,
        action: e.action,
        target_kind: e.target_kind,
        target_id: e.target_id,
        outcome: e.outcome,
        ip: e.ip,
        request_id: e.request_id,
        detail: e.detail,
        prev_hash: e.prev_hash,
        hash: e.hash,
    }
}

/// The anchor verification starts from: the sequence number and hash just before the oldest
/// entry still kept.
pub async fn anchor<C: ConnectionTrait>(c: &C) -> crate::Result<(i64, String, i64)> {
    let head =
        audit_head::Entity::find_by_id(1).one(c).await?.ok_or_else(|| crate::StoreError::Invalid("audit head row is missing".into()))?;
    Ok((head.pruned_seq, head.pruned_hash, head.seq))
}

/// Entries with `seq > after`, oldest first.
pub async fn page_after<C: ConnectionTrait>(c: &C, after: i64, limit: u64) -> crate::Result<Vec<Entry>> {
    Ok(audit_entry::Entity::find()
        .filter(audit_entry::Column::Seq.gt(after))
        .order_by_asc(audit_entry::Column::Seq)
        .limit(limit)
        .all(c)
        .await?)
}

/// Filter for reading the log.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    pub action_prefix: Option<String>,
    pub outcome: Option<String>,
    pub actor_name: Option<String>,
    pub target_id: Option<String>,
    /// Keyset pagination: entries older than this sequence number.
    pub before_seq: Option<i64>,
}

/// Newest first.
pub async fn list<C: ConnectionTrait>(c: &C, f: &AuditFilter, limit: u64) -> crate::Result<Vec<Entry>> {
    let mut q = audit_entry::Entity::find();
    if let Some(a) = f.action_prefix.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(audit_entry::Column::Action.starts_with(a));
    }
    if let Some(o) = f.outcome.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(audit_entry::Column::Outcome.eq(o));
    }
    if let Some(a) = f.actor_name.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(audit_entry::Column::ActorName.eq(a));
    }
    if let Some(t) = f.target_id.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(audit_entry::Column::TargetId.eq(t));
    }
    if let Some(b) = f.before_seq {
        q = q.filter(audit_entry::Column::Seq.lt(b));
    }
    Ok(q.order_by_desc(audit_entry::Column::Seq).limit(limit).all(c).await?)
}

/// Deletes entries older than `before`, oldest first and without holes, and moves the anchor to
/// the last deleted entry. Returns how many were removed.
pub async fn prune<C: ConnectionTrait>(c: &C, before: DateTime<Utc>) -> crate::Result<u64> {
    let last = audit_entry::Entity::find()
        .filter(audit_entry::Column::At.lt(before))
        .order_by_desc(audit_entry::Column::Seq)
        .limit(1)
        .one(c)
        .await?;
    let Some(last) = last else { return Ok(0) };
    let n = audit_entry::Entity::delete_many().filter(audit_entry::Column::Seq.lte(last.seq)).exec(c).await?.rows_affected;
    audit_head::Entity::update_many()
        .col_expr(audit_head::Column::PrunedSeq, Expr::value(last.seq))
        .col_expr(audit_head::Column::PrunedHash, Expr::value(last.hash))
        .filter(audit_head::Column::Id.eq(1))
        .exec(c)
        .await?;
    Ok(n)
}
