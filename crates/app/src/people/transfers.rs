//! Transfers of membership (组织关系转接). Inside the system: the sending side requests, the
//! receiving side confirms, and the member moves in that one transaction — never in two
//! organizations, never in none. To outside the system: a numbered letter valid for three months
//! by default (RULES.md §7); the sending branch stays responsible until the member is received.

use lianxin_core::{people::letter_valid_until, tree::TreePath};
use lianxin_store::{ConnectionTrait, orgs as orgs_store, people as store};
use rand::Rng;
use serde_json::json;
use uuid::Uuid;

use super::{authorized_member, authorized_org, clean, members::history};
use crate::journal::Stale;
use crate::{
    AppError, Ctx, Result,
    journal::record,
    policy::{Action, Target},
};

/// Moves a member only if they are still where the transfer found them.
async fn update_member_org<C: ConnectionTrait>(
    c: &C,
    m: &store::Member,
    to: Uuid,
    to_path: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool> {
    let current = store::member(c, m.id).await?;
    let Some(mut cur) = current.filter(|cur| cur.org_id == m.org_id) else { return Ok(false) };
    cur.org_id = to;
    cur.org_path = to_path.to_owned();
    cur.updated_at = now;
    store::update_member(c, cur).await?;
    Ok(true)
}

/// The sending side asks to move a member to another organization in the system.
pub async fn request(ctx: &Ctx, member: Uuid, to_org: Uuid, reason: &str) -> Result<store::Transfer> {
    let (m, _) = authorized_member(ctx, member, Action::ChangePeople).await?;
    let c = ctx.db().conn();
    let to = orgs_store::org(c, to_org).await?.ok_or(AppError::invalid("to_org_id", "error-unknown-org"))?;
    if to.status != "active" {
        return Err(AppError::invalid("to_org_id", "error-parent-inactive"));
    }
    if to.id == m.org_id {
        return Err(AppError::invalid("to_org_id", "error-transfer-same"));
    }
    let reason = clean("reason", reason, 1000, true)?.unwrap_or_default();
    let tx = ctx.db().write().await?;
    if store::pending_transfer_of(&tx, m.id).await?.is_some() {
        return Err(AppError::Conflict { field: "member_id", key: "error-transfer-pending" });
    }
    let t = store::Transfer {
        id: Uuid::now_v7(),
        member_id: m.id,
        from_org_id: m.org_id,
        to_org_id: Some(to.id),
        destination: None,
        status: "requested".into(),
        reason,
        letter_no: None,
        letter_valid_until: None,
        requested_at: ctx.now(),
        requested_by: ctx.actor.name(),
        decided_at: None,
        decided_by: None,
        note: String::new(),
    };
    let t = store::insert_transfer(&tx, t).await.map_err(AppError::on_unique(
        "uq_transfers_member_id",
        "member_id",
        "error-transfer-pending",
    ))?;
    record(
        &tx,
        ctx,
        Stale::Access,
        "transfer.request",
        "member",
        Some(&m.id.to_string()),
        "ok",
        json!({ "transfer": t.id, "from": m.org_id, "to": to.id }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(t)
}

/// Loads a transfer for the side that decides it (`receiving` or sending), authorizing before
/// saying anything about its state; unknown and out-of-scope transfers look alike.
async fn pending(ctx: &Ctx, id: Uuid, receiving: bool) -> Result<store::Transfer> {
    let Some(t) = store::transfer(ctx.db().conn(), id).await? else {
        let nowhere = TreePath::root(id);
        ctx.authorize(
            Action::ChangePeople,
            Target::People { area: None, org: Some(&nowhere), grid: None },
            "transfer",
            Some(&id.to_string()),
        )
        .await?;
        return Err(AppError::NotFound);
    };
    let side = if receiving { t.to_org_id.ok_or(AppError::BadRequest { key: "error-transfer-outbound" })? } else { t.from_org_id };
    authorized_org(ctx, side, Action::ChangePeople).await?;
    if t.status != "requested" {
        return Err(AppError::Conflict { field: "transfer", key: "error-transfer-decided" });
    }
    Ok(t)
}

/// The receiving side confirms: the member moves, atomically, and the history records it.
pub async fn confirm(ctx: &Ctx, id: Uuid, note: &str) -> Result<store::Member> {
    let t = pending(ctx, id, true).await?;
    let to = t.to_org_id.ok_or(AppError::BadRequest { key: "error-transfer-outbound" })?;
    let (to_org, to_path) = authorized_org(ctx, to, Action::ChangePeople).await?;
    let note = clean("note", note, 1000, false)?.unwrap_or_default();
    let m = store::member(ctx.db().conn(), t.member_id).await?.ok_or(AppError::NotFound)?;
    let tx = ctx.db().write().await?;
    if !store::decide_transfer(&tx, id, "confirmed", &ctx.actor.name(), ctx.now(), &note).await? {
        return Err(AppError::Conflict { field: "transfer", key: "error-transfer-decided" });
    }
    if !update_member_org(&tx, &m, to_org.id, to_path.as_str(), ctx.now()).await? {
        return Err(AppError::Conflict { field: "transfer", key: "error-transfer-stale" });
    }
    let moved = store::member(&tx, m.id).await?.ok_or(AppError::NotFound)?;
    store::insert_history(&tx, history(ctx, &moved, &format!("transfer {id}"))).await?;
    record(
        &tx,
        ctx,
        Stale::Access,
        "transfer.confirm",
        "member",
        Some(&m.id.to_string()),
        "ok",
        json!({ "transfer": id, "from": t.from_org_id, "to": to }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(moved)
}

/// The receiving side refuses (with a reason); the member stays where they are.
pub async fn reject(ctx: &Ctx, id: Uuid, note: &str) -> Result<()> {
    let t = pending(ctx, id, true).await?;
    let note = clean("note", note, 1000, true)?.unwrap_or_default();
    decide(ctx, &t, "rejected", &note, "transfer.reject").await
}

/// The sending side withdraws its request.
pub async fn cancel(ctx: &Ctx, id: Uuid) -> Result<()> {
    let t = pending(ctx, id, false).await?;
    decide(ctx, &t, "cancelled", "", "transfer.cancel").await
}

async fn decide(ctx: &Ctx, t: &store::Transfer, status: &str, note: &str, action: &str) -> Result<()> {
    let tx = ctx.db().write().await?;
    if !store::decide_transfer(&tx, t.id, status, &ctx.actor.name(), ctx.now(), note).await? {
        return Err(AppError::Conflict { field: "transfer", key: "error-transfer-decided" });
    }
    record(&tx, ctx, Stale::Access, action, "member", Some(&t.member_id.to_string()), "ok", json!({ "transfer": t.id })).await?;
    ctx.commit(tx).await?;
    Ok(())
}

/// Issues a numbered letter for a member leaving the system (to another province, the army, …).
pub async fn issue_letter(ctx: &Ctx, member: Uuid, destination: &str, reason: &str) -> Result<store::Transfer> {
    let (m, _) = authorized_member(ctx, member, Action::ChangePeople).await?;
    let destination = clean("destination", destination, 200, true)?;
    let reason = clean("reason", reason, 1000, true)?.unwrap_or_default();
    let today = ctx.app.today();
    let valid_until = letter_valid_until(today, ctx.settings().people.letter_valid_months);
    let tx = ctx.db().write().await?;
    if store::pending_transfer_of(&tx, m.id).await?.is_some() {
        return Err(AppError::Conflict { field: "member_id", key: "error-transfer-pending" });
    }
    // Number: date and six random digits; the unique index catches the rare clash.
    let letter_no = format!("LX{}{:06}", today.format("%Y%m%d"), rand::thread_rng().gen_range(0..1_000_000));
    let t = store::Transfer {
        id: Uuid::now_v7(),
        member_id: m.id,
        from_org_id: m.org_id,
        to_org_id: None,
        destination,
        status: "letter_issued".into(),
        reason,
        letter_no: Some(letter_no),
        letter_valid_until: Some(valid_until),
        requested_at: ctx.now(),
        requested_by: ctx.actor.name(),
        decided_at: Some(ctx.now()),
        decided_by: Some(ctx.actor.name()),
        note: String::new(),
    };
    let t = store::insert_transfer(&tx, t).await?;
    record(
        &tx,
        ctx,
        Stale::Access,
        "transfer.letter",
        "member",
        Some(&m.id.to_string()),
        "ok",
        json!({ "transfer": t.id, "letter_no": t.letter_no, "valid_until": valid_until }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(t)
}

/// Transfers waiting for a decision into or out of the organization's subtree.
pub async fn pending_for(ctx: &Ctx, org_id: Uuid, limit: u64) -> Result<Vec<(store::Transfer, String, String, String)>> {
    let (_, root) = authorized_org(ctx, org_id, Action::ReadPeople).await?;
    let c = ctx.db().conn();
    let ids: Vec<Uuid> = orgs_store::org_subtree(c, &root, &Default::default(), 10_000).await?.into_iter().map(|o| o.id).collect();
    let rows = store::pending_transfers(c, &ids, limit.min(500)).await?;
    names(c, rows).await
}

async fn names<C: ConnectionTrait>(c: &C, rows: Vec<store::Transfer>) -> Result<Vec<(store::Transfer, String, String, String)>> {
    let mut org_ids: Vec<Uuid> = rows.iter().flat_map(|t| [Some(t.from_org_id), t.to_org_id]).flatten().collect();
    org_ids.sort();
    org_ids.dedup();
    let orgs: std::collections::HashMap<Uuid, String> =
        orgs_store::orgs_by_ids(c, &org_ids).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let member_ids: Vec<Uuid> = rows.iter().map(|t| t.member_id).collect();
    let members: std::collections::HashMap<Uuid, String> =
        store::members_by_ids(c, &member_ids).await?.into_iter().map(|m| (m.id, m.person_name)).collect();
    let mut out = Vec::new();
    for t in rows {
        let member = members.get(&t.member_id).cloned().unwrap_or_default();
        let from = orgs.get(&t.from_org_id).cloned().unwrap_or_default();
        let to = t.to_org_id.and_then(|o| orgs.get(&o).cloned()).or(t.destination.clone()).unwrap_or_default();
        out.push((t, member, from, to));
    }
    Ok(out)
}
