//! Disclosures of the matters: the overdue ones told to the organization above once, and the
//! village's public board of what was disclosed.

use std::collections::HashMap;

use lianxin_core::decisions::{Outcome, Step};
use lianxin_store::{decisions as store, orgs as orgs_store};
use serde_json::json;
use uuid::Uuid;

use super::{Matter, MatterFilter, StepRow, disclosures};
use crate::{
    AppError, Ctx, Result,
    input::path,
    journal::{Stale, record},
    notify::{self, To},
};

/// Tells the organization above each overdue disclosure, once per matter and disclosure.
pub async fn sweep(ctx: &Ctx, now: chrono::DateTime<chrono::Utc>) -> Result<u64> {
    let today = crate::meetings::local(ctx, now);
    let days = ctx.settings().decisions.disclosure_days;
    let c = ctx.db().conn();
    let owing = store::owing_disclosure(c).await?;
    if owing.is_empty() {
        return Ok(0);
    }
    let mut ids: Vec<Uuid> = owing.iter().map(|m| m.org_id).collect();
    ids.sort();
    ids.dedup();
    let orgs: HashMap<Uuid, orgs_store::Org> = orgs_store::orgs_by_ids(c, &ids).await?.into_iter().map(|o| (o.id, o)).collect();
    let tx = ctx.db().write().await?;
    let mut inbox = Vec::new();
    for mut m in owing {
        let d = disclosures(&m, days, today);
        let Some(org) = orgs.get(&m.org_id) else { continue };
        let mut told = Vec::new();
        if d.resolution.is_some_and(|x| x.overdue) && m.resolution_told_on.is_none() {
            m.resolution_told_on = Some(today);
            told.push(Step::ResolutionDisclosed);
        }
        if d.result.is_some_and(|x| x.overdue) && m.result_told_on.is_none() {
            m.result_told_on = Some(today);
            told.push(Step::ResultDisclosed);
        }
        if told.is_empty() {
            continue;
        }
        if let Some(parent) = org.parent_id {
            for s in &told {
                // Put in the reader's words by the inbox: the organization, the matter, the step.
                let body = format!("{}|{}|{}", org.name, m.title.replace('|', "｜"), s.as_str());
                inbox.push(notify::notice(ctx, To::Org(parent), None, "notice-disclosure-overdue", &body)?.0);
            }
        }
        store::update_matter(&tx, m).await?;
    }
    let sent = inbox.len() as u64;
    lianxin_store::notify::insert_inbox(&tx, inbox).await?;
    if sent > 0 {
        record(&tx, ctx, Stale::Nothing, "decision.sweep", "org", None, "ok", json!({ "notices": sent })).await?;
    }
    ctx.commit(tx).await?;
    Ok(sent)
}

/// The public board of a village's decisions: each matter whose resolution was disclosed, with
/// what was disclosed and when. Read without signing in, as the notice board is.
#[derive(Clone, Debug)]
pub struct Board {
    pub org: orgs_store::Org,
    pub entries: Vec<(Matter, Vec<StepRow>)>,
}

pub async fn board(ctx: &Ctx, org_id: Uuid) -> Result<Board> {
    let c = ctx.db().conn();
    let org = orgs_store::org(c, org_id).await?.ok_or(AppError::NotFound)?;
    let p = path(&org.path)?;
    let mut entries = Vec::new();
    let f = MatterFilter::default();
    for m in store::matters_in(c, &p, &f, None, 200).await? {
        if m.org_id != org_id || m.resolution_disclosed_on.is_none() {
            continue;
        }
        let steps = store::steps_of(c, m.id).await?;
        let public: Vec<StepRow> = steps.into_iter().filter(|s| s.outcome != Outcome::Failed.as_str()).collect();
        entries.push((m, public));
    }
    Ok(Board { org, entries })
}
