//! Hardship relief (第七条): the branch proposes that a member in economic difficulty pay less, or
//! nothing, for a year; the party committee above approves or rejects it. Until approved, the
//! table's amount is owed. Every step is the `dues-relief` rule of `/rules`.

use std::collections::HashMap;

use lianxin_core::dues::{self as rules, ReliefVerdict};
use lianxin_core::paging::{Shown, Window};
use lianxin_store::dues as store;
use serde_json::json;
use uuid::Uuid;

use super::{Base, Member, authorized_member};
use crate::{
    AppError, Checks, Ctx, Result,
    input::paragraphs,
    journal::{Stale, record},
    meetings::authorized_org,
    policy::Action,
};

/// A relief as the branch's form gives it.
#[derive(Clone, Debug, Default)]
pub struct ReliefInput {
    /// Yuan a month after the relief ("0" waives).
    pub amount: String,
    pub reason: String,
}

/// Where a base's relief stands under the rule, if one was proposed and not rejected.
pub fn verdict(b: &Base) -> Option<ReliefVerdict> {
    let status = b.relief_status.as_deref()?;
    if status == "rejected" {
        return None;
    }
    rules::relief(b.monthly_fen, b.relief_fen?, true, status == "approved").ok()
}

/// What a member owes a month under a base: the relief's amount once approved, else the table's.
pub fn monthly_owed(b: &Base) -> i64 {
    verdict(b).map_or(b.monthly_fen, |v| v.fen)
}

/// The branch proposes a relief for a member's year: a base must be fixed, the amount below it and
/// not below zero, the reason given; an approved relief stays until the base is fixed again.
pub async fn propose(ctx: &Ctx, member_id: Uuid, year: i32, input: ReliefInput) -> Result<Base> {
    let (m, _, _) = authorized_member(ctx, member_id, Action::RecordDues).await?;
    let mut checks = Checks::default();
    let reason = checks.take(paragraphs("reason", &input.reason, 500, true)).flatten();
    let amount = rules::parse_yuan(&input.amount);
    checks.check(amount.is_none(), "amount", "error-dues-amount");
    checks.finish()?;
    let Some(mut b) = store::base_of(ctx.db().conn(), m.id, year).await? else {
        return Err(AppError::invalid("year", "error-dues-no-base"));
    };
    if b.relief_status.as_deref() == Some("approved") {
        return Err(AppError::Conflict { field: "amount", key: "error-dues-relief-approved" });
    }
    let amount = amount.expect("checked");
    rules::relief(b.monthly_fen, amount, true, false).map_err(|e| match e {
        rules::ReliefError::Negative => AppError::invalid("amount", "error-dues-relief-negative"),
        rules::ReliefError::NotLess => AppError::invalid("amount", "error-dues-relief-not-less"),
    })?;
    b.relief_fen = Some(amount);
    b.relief_reason = reason.expect("checked");
    b.relief_status = Some("pending".into());
    b.relief_proposed_by = Some(ctx.actor_name());
    b.relief_proposed_at = Some(ctx.now());
    b.relief_decided_by = None;
    b.relief_decided_at = None;
    b.relief_note = String::new();
    let tx = ctx.db().write().await?;
    let b = store::update_base(&tx, b).await?;
    let detail = json!({ "year": year, "relief_fen": amount });
    record(&tx, ctx, Stale::Nothing, "dues.relief_propose", "member", Some(&m.id.to_string()), "ok", detail).await?;
    ctx.commit(tx).await?;
    Ok(b)
}

/// The committee above approves or rejects a pending relief; a rejection says why.
pub async fn decide(ctx: &Ctx, member_id: Uuid, year: i32, approve: bool, note: &str) -> Result<Base> {
    let (m, _, _) = authorized_member(ctx, member_id, Action::ApproveDuesRelief).await?;
    let note = paragraphs("decision_note", note, 500, !approve)?.unwrap_or_default();
    let Some(mut b) = store::base_of(ctx.db().conn(), m.id, year).await? else {
        return Err(AppError::NotFound);
    };
    if b.relief_status.as_deref() != Some("pending") {
        return Err(AppError::Conflict { field: "status", key: "error-dues-relief-not-pending" });
    }
    b.relief_status = Some(if approve { "approved" } else { "rejected" }.into());
    b.relief_decided_by = Some(ctx.actor_name());
    b.relief_decided_at = Some(ctx.now());
    b.relief_note = note;
    let tx = ctx.db().write().await?;
    let b = store::update_base(&tx, b).await?;
    let detail = json!({ "year": year, "status": b.relief_status });
    record(&tx, ctx, Stale::Nothing, "dues.relief_decide", "member", Some(&m.id.to_string()), "ok", detail).await?;
    ctx.commit(tx).await?;
    Ok(b)
}

/// The reliefs waiting for the committee above in an organization's subtree, oldest first, one
/// page of them, each with its member, and the names of their organizations (by id).
#[allow(clippy::type_complexity)]
pub async fn pending(
    ctx: &Ctx,
    org_id: Uuid,
    w: Window,
) -> Result<(lianxin_store::orgs::Org, Shown<(Base, Member)>, HashMap<Uuid, String>)> {
    let (org, p) = authorized_org(ctx, org_id, Action::ReadDues).await?;
    let c = ctx.db().conn();
    let bases = Shown::of(store::reliefs_pending(c, &p, w).await?, w);
    let ids: Vec<Uuid> = bases.items.iter().map(|b| b.member_id).collect();
    let members: HashMap<Uuid, Member> = lianxin_store::people::members_by_ids(c, &ids).await?.into_iter().map(|m| (m.id, m)).collect();
    let org_ids: Vec<Uuid> = bases.items.iter().map(|b| b.org_id).collect();
    let names = lianxin_store::orgs::orgs_by_ids(c, &org_ids).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let rows = Shown {
        items: bases.items.into_iter().filter_map(|b| members.get(&b.member_id).cloned().map(|m| (b, m))).collect(),
        from: bases.from,
        next: bases.next,
    };
    Ok((org, rows, names))
}
