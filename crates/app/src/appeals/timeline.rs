//! What a person reads about a need's history: who acted (a staff member's name, the villager,
//! the system — never a login id), the extra fields as question and answer, why and how late it
//! was sent up, and which steps the viewer may take next.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use lianxin_core::appeals::{Status, Step, attributes::AttributeDef, next};
use lianxin_store::{ConnectionTrait, accounts as accounts_store};
use serde::Serialize;

use super::Event;
use crate::{Locale, Result};

/// Who took a step of the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum Who {
    /// The villager (群众), without an account.
    Villager,
    /// The sweeper or another job.
    System,
    /// A staff member, by their display name.
    Staff(String),
}

/// The actor of each event, in order, with one query for every account named.
pub async fn actors<C: ConnectionTrait>(c: &C, events: &[Event]) -> Result<Vec<Who>> {
    let mut names: Vec<&str> = events.iter().map(|e| e.actor.as_str()).filter(|a| is_account(a)).collect();
    names.sort_unstable();
    names.dedup();
    let shown: BTreeMap<String, String> =
        accounts_store::display_names(c, &names).await?.into_iter().filter(|(_, n)| !n.trim().is_empty()).collect();
    Ok(events
        .iter()
        .map(|e| match e.actor.as_str() {
            "anonymous" | "" => Who::Villager,
            a if a.starts_with("system:") => Who::System,
            a => Who::Staff(shown.get(a).cloned().unwrap_or_else(|| a.to_owned())),
        })
        .collect())
}

fn is_account(actor: &str) -> bool {
    !actor.is_empty() && actor != "anonymous" && !actor.starts_with("system:")
}

/// The extra fields as (question, answer) in the reader's language: a list's answer by its
/// name, never its key.
pub fn answers(defs: &[AttributeDef], given: &BTreeMap<String, String>, locale: Locale) -> Vec<(String, String)> {
    defs.iter()
        .filter_map(|d| {
            let v = given.get(&d.code)?;
            let question = if locale == Locale::EnUs && !d.description_en.is_empty() { &d.description_en } else { &d.description };
            let answer = if d.values.is_empty() {
                v.clone()
            } else {
                let en = locale == Locale::EnUs;
                v.split(',').map(|k| d.values.iter().find(|x| x.key == k).map_or(k, |x| x.name_in(en))).collect::<Vec<_>>().join(if en {
                    ", "
                } else {
                    "、"
                })
            };
            Some((question.clone(), answer))
        })
        .collect()
}

/// One time the need was sent up a level.
#[derive(Clone, Debug, Serialize)]
pub struct Escalated {
    pub at: DateTime<Utc>,
    /// Sent by the sweeper because it was overdue (otherwise by a handler or the villager's rating).
    pub by_system: bool,
    /// overdue, beyond_capacity or unsatisfied.
    pub why: String,
    /// The level it went to (township, county) and the organization there, when recorded.
    pub to_level: String,
    pub to_org: Option<String>,
    /// How long past the missed deadline it was sent (none when it was not late).
    pub late_by: Option<chrono::Duration>,
    /// The handler's reason, when they gave one.
    pub reason: String,
}

/// The escalations of a timeline, oldest first.
pub fn escalations(events: &[Event]) -> Vec<Escalated> {
    events
        .iter()
        .filter(|e| e.kind == "escalated")
        .map(|e| {
            let data: serde_json::Value = serde_json::from_str(&e.data).unwrap_or_default();
            let text = |k: &str| data.get(k).and_then(|v| v.as_str()).map(str::to_owned);
            let due = text("due").and_then(|d| DateTime::parse_from_rfc3339(&d).ok()).map(|d| d.with_timezone(&Utc));
            Escalated {
                at: e.at,
                by_system: e.actor.starts_with("system:"),
                why: text("why").unwrap_or_else(|| "overdue".into()),
                to_level: text("to").unwrap_or_default(),
                to_org: text("org").filter(|o| !o.is_empty()),
                late_by: due.map(|d| e.at - d).filter(|d| *d > chrono::Duration::zero()),
                reason: e.body.clone(),
            }
        })
        .collect()
}

/// The steps the viewer may take on a need in its present state (the use case checks again).
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Steps {
    pub accept: bool,
    pub start: bool,
    pub resolve: bool,
    pub reject: bool,
    pub note: bool,
    /// Hand over and ask another body to co-handle.
    pub reassign: bool,
    pub escalate: bool,
}

impl Steps {
    /// From the policy's answer (`may_handle`, `may_escalate`) and the state machine.
    pub fn of(status: &str, may_handle: bool, may_escalate: bool) -> Steps {
        let Some(s) = Status::parse(status).filter(|_| may_handle) else { return Steps::default() };
        Steps {
            accept: next(s, Step::Accept).is_ok(),
            start: next(s, Step::Start).is_ok(),
            resolve: next(s, Step::Resolve).is_ok(),
            reject: next(s, Step::Reject).is_ok(),
            note: !s.is_final(),
            reassign: s.is_active(),
            escalate: may_escalate && s.is_active(),
        }
    }
}
