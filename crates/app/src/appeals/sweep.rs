//! The sweeper's part of appeals, run every minute with the injected clock (`lianxin jobs run
//! --now` in tests): overdue appeals rise one level, handlers are reminded before deadlines,
//! resolved appeals nobody rated close. Each pass works in batches, each batch its own short
//! write transaction with conditional updates, so a second pass at the same instant changes
//! nothing and a handler acting meanwhile is never overwritten.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use lianxin_core::appeals::Level;
use lianxin_store::appeals as store;
use serde_json::json;
use uuid::Uuid;

use super::{due_at, event};
use crate::{Ctx, Result, notify::To};

const BATCH: u64 = 1000;

/// The organization (id, path) that receives an escalation, if the level above has one.
type Receiver = Option<(Uuid, String)>;

/// What one sweep did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct SweepReport {
    pub escalated: usize,
    pub reminded: usize,
    pub closed: usize,
    /// Overdue appeals whose organization has no organization above it.
    pub stuck: usize,
}

pub async fn run(ctx: &Ctx, now: DateTime<Utc>) -> Result<SweepReport> {
    let mut r = SweepReport::default();
    escalate_overdue(ctx, now, &mut r).await?;
    remind(ctx, now, &mut r).await?;
    close_unrated(ctx, now, &mut r).await?;
    Ok(r)
}

/// Sends every overdue appeal below the county one level up, with the new level's deadline
/// counted from `now`.
pub async fn escalate_overdue(ctx: &Ctx, now: DateTime<Utc>, r: &mut SweepReport) -> Result<()> {
    let c = ctx.db().conn();
    // The organization of each (village, level) met, looked up once per sweep.
    let mut targets: HashMap<(Uuid, String), Receiver> = HashMap::new();
    let mut after = None;
    let mut sla: HashMap<Uuid, String> = HashMap::new();
    loop {
        let batch = store::due_for_escalation(c, now, after, BATCH).await?;
        let Some(last) = batch.last() else { break };
        after = Some(last.id);
        for a in &batch {
            let key = (a.village_area_id, a.level.clone());
            if targets.contains_key(&key) {
                continue;
            }
            let to = Level::parse(&a.level).and_then(Level::up);
            let org = match to {
                Some(to) => super::level_org(c, &crate::people::path(&a.village_path)?, to).await?,
                None => None,
            };
            targets.insert(key, org.map(|o| (o.id, o.path)));
        }
        let missing_cats: Vec<Uuid> = batch.iter().map(|a| a.category_id).filter(|k| !sla.contains_key(k)).collect();
        for k in store::categories_by_ids(c, &missing_cats).await? {
            sla.insert(k.id, k.sla);
        }
        // One conditional update per (level, receiving organization) group.
        let mut groups: HashMap<(String, Receiver), Vec<&store::Appeal>> = HashMap::new();
        for a in &batch {
            let target = targets.get(&(a.village_area_id, a.level.clone())).cloned().flatten();
            groups.entry((a.level.clone(), target)).or_default().push(a);
        }
        let tx = ctx.db().write().await?;
        let mut events = Vec::new();
        let mut notices: Vec<(Uuid, usize)> = Vec::new();
        for ((level, target), appeals) in groups {
            let Some((parent, parent_path)) = target else {
                r.stuck += appeals.len();
                continue;
            };
            let from = Level::parse(&level).unwrap_or(Level::Village);
            let Some(to) = from.up() else { continue };
            let e = store::Escalation {
                from_level: level.clone(),
                to_level: to.as_str().into(),
                org: parent,
                org_path: parent_path,
                due_at: due_at(ctx.settings(), to, "", now),
            };
            let ids: Vec<Uuid> = appeals.iter().map(|a| a.id).collect();
            let moved = store::escalate(&tx, &ids, &e, now).await?;
            for id in &moved {
                let mut ev = event(ctx, *id, "escalated", true, "", json!({ "from": from.as_str(), "to": to.as_str(), "why": "overdue" }));
                ev.at = now;
                events.push(ev);
            }
            if !moved.is_empty() {
                notices.push((parent, moved.len()));
            }
            r.escalated += moved.len();
        }
        store::insert_events(&tx, events).await?;
        for (org, n) in notices {
            crate::notify::tell(&tx, ctx, To::Org(org), None, "appeal-escalated-many", &n.to_string()).await?;
        }
        tx.commit().await?;
        if (batch.len() as u64) < BATCH {
            break;
        }
    }
    Ok(())
}

/// Reminds handlers (or their organization) of deadlines coming within the setting's hours.
pub async fn remind(ctx: &Ctx, now: DateTime<Utc>, r: &mut SweepReport) -> Result<()> {
    let c = ctx.db().conn();
    let until = now + Duration::hours(ctx.settings().appeals.remind_before_hours);
    loop {
        let batch = store::due_for_reminder(c, now, until, BATCH).await?;
        if batch.is_empty() {
            break;
        }
        let ids: Vec<Uuid> = batch.iter().map(|a| a.id).collect();
        let tx = ctx.db().write().await?;
        let marked = store::mark_reminded(&tx, &ids).await?;
        let mut msgs = Vec::new();
        for a in batch.iter().filter(|a| marked.contains(&a.id)) {
            let (person, org) = match a.handler_person_id {
                Some(p) => (Some(p), None),
                None => (None, Some(a.org_id)),
            };
            msgs.push(store::InboxMessage {
                id: Uuid::now_v7(),
                org_id: org,
                person_id: person,
                appeal_id: Some(a.id),
                kind: "appeal-due-soon".into(),
                body: a.code.clone(),
                created_at: now,
                read_at: None,
            });
        }
        if let Some(url) = &ctx.settings().appeals.webhook_url {
            for m in &msgs {
                let payload =
                    json!({ "kind": m.kind, "body": m.body, "appeal": m.appeal_id, "person": m.person_id, "org": m.org_id, "at": now });
                crate::notify::queue(&tx, ctx, "webhook", None, url, &payload.to_string()).await?;
            }
        }
        store::insert_inbox(&tx, msgs).await?;
        tx.commit().await?;
        r.reminded += marked.len();
        if (batch.len() as u64) < BATCH {
            break;
        }
    }
    Ok(())
}

/// Closes resolved appeals nobody rated within the setting's days.
pub async fn close_unrated(ctx: &Ctx, now: DateTime<Utc>, r: &mut SweepReport) -> Result<()> {
    let c = ctx.db().conn();
    let before = now - Duration::days(ctx.settings().appeals.auto_close_days);
    loop {
        let ids = store::unrated_since(c, before, BATCH).await?;
        if ids.is_empty() {
            break;
        }
        let tx = ctx.db().write().await?;
        let closed = store::close_unrated(&tx, &ids, before, now).await?;
        let events = closed
            .iter()
            .map(|id| {
                let mut e = event(ctx, *id, "closed", true, "", json!({ "why": "not_rated" }));
                e.at = now;
                e
            })
            .collect();
        store::insert_events(&tx, events).await?;
        tx.commit().await?;
        r.closed += closed.len();
        if (ids.len() as u64) < BATCH {
            break;
        }
    }
    Ok(())
}
