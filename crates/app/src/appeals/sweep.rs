//! The sweeper's part of appeals, run every minute with the injected clock (`lianxin jobs run
//! --now` in tests): overdue appeals rise one level, handlers are reminded before deadlines,
//! resolved appeals nobody rated close. Each pass works in batches, each batch its own short
//! write transaction with conditional updates, so a second pass at the same instant changes
//! nothing and a handler acting meanwhile is never overwritten.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};
use lianxin_core::appeals::Level;
use lianxin_store::appeals as store;
use serde_json::json;
use uuid::Uuid;

use super::{due_at, event};
use crate::{Ctx, Result, notify::To};

const BATCH: u64 = 1000;
/// Due appeals read per page (ids and places only).
const READ_PAGE: u64 = 20_000;
/// Appeals moved per write transaction.
const MOVE_BATCH: usize = 1000;

/// The organization (id, path, name) that receives an escalation, if the level above has one.
type Receiver = Option<(Uuid, String, String)>;

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
/// counted from `now`. The due set is read in large keyset pages of ids; the appeals move in
/// short write transactions (other writers wait at most one of them), each update naming its
/// appeals by id and still requiring them to be active, at their level and due, so a second
/// sweep, or a handler who acted meanwhile, is left alone. Each receiving organization gets one
/// notice per sweep.
pub async fn escalate_overdue(ctx: &Ctx, now: DateTime<Utc>, r: &mut SweepReport) -> Result<()> {
    let c = ctx.db().conn();
    // The organization of each (village, level) met, looked up once per sweep.
    let mut targets: HashMap<(Uuid, String), Receiver> = HashMap::new();
    let mut notices: BTreeMap<Uuid, usize> = BTreeMap::new();
    let mut after = None;
    loop {
        let page = store::due_for_escalation(c, now, after, READ_PAGE).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        let mut groups: BTreeMap<(String, Receiver), Vec<Uuid>> = BTreeMap::new();
        // The deadline each one missed, for its timeline.
        let missed: HashMap<Uuid, DateTime<Utc>> = page.iter().map(|d| (d.id, d.due_at)).collect();
        for d in &page {
            let key = (d.village_area_id, d.level.clone());
            let target = match targets.get(&key) {
                Some(t) => t.clone(),
                None => {
                    let org = match Level::parse(&d.level).and_then(Level::up) {
                        Some(to) => super::level_org(c, &crate::input::path(&d.village_path)?, to).await?,
                        None => None,
                    };
                    let t = org.map(|o| (o.id, o.path, o.name));
                    targets.insert(key, t.clone());
                    t
                }
            };
            groups.entry((d.level.clone(), target)).or_default().push(d.id);
        }
        for ((level, target), ids) in groups {
            let Some((org, org_path, org_name)) = target else {
                r.stuck += ids.len();
                continue;
            };
            let from = Level::parse(&level).unwrap_or(Level::Village);
            let Some(to) = from.up() else { continue };
            let e = store::Escalation {
                from_level: level.clone(),
                to_level: to.as_str().into(),
                org,
                org_path,
                due_at: due_at(ctx.settings(), to, "", now),
            };
            for chunk in ids.chunks(MOVE_BATCH) {
                let tx = ctx.db().write().await?;
                let moved = store::escalate(&tx, chunk, &e, now).await?;
                let events = moved
                    .iter()
                    .map(|id| {
                        let data = json!({
                            "from": from.as_str(), "to": to.as_str(), "org": org_name, "why": "overdue",
                            "due": missed.get(id).map(DateTime::to_rfc3339),
                        });
                        let mut ev = event(ctx, *id, "escalated", true, "", data);
                        ev.at = now;
                        ev
                    })
                    .collect();
                store::insert_events(&tx, events).await?;
                super::commit_changes(ctx, tx, super::Touched::Everywhere).await?;
                if !moved.is_empty() {
                    *notices.entry(org).or_default() += moved.len();
                }
                r.escalated += moved.len();
            }
        }
        if (page.len() as u64) < READ_PAGE {
            break;
        }
    }
    if !notices.is_empty() {
        let tx = ctx.db().write().await?;
        for (org, n) in notices {
            crate::notify::tell(&tx, ctx, To::Org(org), None, "appeal-escalated-many", &n.to_string()).await?;
        }
        ctx.commit(tx).await?;
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
            msgs.push(lianxin_store::notify::InboxMessage {
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
        lianxin_store::notify::insert_inbox(&tx, msgs).await?;
        ctx.commit(tx).await?;
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
        super::commit_changes(ctx, tx, super::Touched::Everywhere).await?;
        r.closed += closed.len();
        if (ids.len() as u64) < BATCH {
            break;
        }
    }
    Ok(())
}
