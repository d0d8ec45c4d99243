//! The lifecycle: what handlers do (accept, start, note, resolve, reject, reassign, add a
//! co-handler, send up a level) and what the villager does (rate, withdraw). Each step is one
//! conditional update on the appeal's version, so two people acting at once never lose a change:
//! the second is told the appeal changed.

use lianxin_core::appeals::{AppealText, Level, Rating, RatingOutcome, Status, Step, TextError, after_rating, next};
use lianxin_store::{ConnectionTrait, appeals as store, people as people_store};
use serde_json::json;
use uuid::Uuid;

use super::Touched;
use super::{Appeal, Requester, authorized, due_at, event};
use crate::journal::Stale;
use crate::{
    AppError, Ctx, Result,
    input::path,
    journal::record,
    notify::{To, tell},
    policy::Action,
};

/// What a handler does.
#[derive(Clone, Debug)]
pub enum HandlerStep {
    Accept,
    Start,
    /// An internal note (staff only) or a public reply the villager sees.
    Note {
        text: String,
        public: bool,
    },
    Resolve {
        reply: String,
    },
    Reject {
        reason: String,
    },
    /// Hand the appeal to another person of the village (by person id).
    Reassign {
        person: Uuid,
    },
    /// Add another village body as co-handler (service synergy).
    AddCohandler {
        body: Uuid,
    },
    /// "Beyond our capacity": up to the next level now, with the reason.
    Escalate {
        reason: String,
    },
}

impl HandlerStep {
    fn name(&self) -> &'static str {
        match self {
            HandlerStep::Accept => "accept",
            HandlerStep::Start => "start",
            HandlerStep::Note { .. } => "note",
            HandlerStep::Resolve { .. } => "resolve",
            HandlerStep::Reject { .. } => "reject",
            HandlerStep::Reassign { .. } => "reassign",
            HandlerStep::AddCohandler { .. } => "cohandler",
            HandlerStep::Escalate { .. } => "escalate",
        }
    }
}

/// A reply, note or reason: required, several lines allowed (other control characters removed).
fn reason(field: &'static str, s: &str, max: usize) -> Result<String> {
    let text = AppealText::parse(s, max).map_err(|e| match e {
        TextError::Empty => AppError::invalid(field, "error-required"),
        TextError::TooLong { .. } => AppError::invalid(field, "error-too-long"),
    })?;
    Ok(text.into_inner())
}

fn step(a: &Appeal, s: Step) -> Result<Status> {
    let from = Status::parse(&a.status).ok_or_else(|| AppError::internal(format!("stored status {:?}", a.status)))?;
    next(from, s).map_err(|_| AppError::Conflict { field: "status", key: "error-appeal-step" })
}

/// Saves the changed appeal if nobody changed it meanwhile.
async fn save<C: ConnectionTrait>(c: &C, a: Appeal) -> Result<Appeal> {
    store::update_if_version(c, a).await?.ok_or(AppError::Conflict { field: "version", key: "error-appeal-changed" })
}

/// A handler acts on an appeal. `version` is the version the handler saw (forms and the API send
/// it); a stale one is refused so no change is made on outdated information.
pub async fn act(ctx: &Ctx, id: Uuid, version: Option<i32>, s: HandlerStep) -> Result<Appeal> {
    let mut a = authorized(ctx, id, Action::HandleAppeals).await?;
    let was = a.org_path.clone();
    if version.is_some_and(|v| v != a.version) {
        return Err(AppError::Conflict { field: "version", key: "error-appeal-changed" });
    }
    let now = ctx.now();
    let c = ctx.db().conn();
    let mut events = Vec::new();
    let mut notice: Option<(To, &str)> = None;
    match &s {
        HandlerStep::Accept => {
            a.status = step(&a, Step::Accept)?.as_str().into();
            events.push(event(ctx, a.id, "accepted", true, "", json!({})));
        }
        HandlerStep::Start => {
            a.status = step(&a, Step::Start)?.as_str().into();
            events.push(event(ctx, a.id, "started", true, "", json!({})));
        }
        HandlerStep::Note { text, public } => {
            let text = reason("text", text, 2000)?;
            if Status::parse(&a.status).is_some_and(Status::is_final) {
                return Err(AppError::Conflict { field: "status", key: "error-appeal-step" });
            }
            events.push(event(ctx, a.id, if *public { "reply" } else { "note" }, *public, &text, json!({})));
        }
        HandlerStep::Resolve { reply } => {
            let reply = reason("reply", reply, 2000)?;
            a.status = step(&a, Step::Resolve)?.as_str().into();
            a.resolved_at = Some(now);
            events.push(event(ctx, a.id, "resolved", true, &reply, json!({})));
        }
        HandlerStep::Reject { reason: r } => {
            let r = reason("reason", r, 1000)?;
            a.status = step(&a, Step::Reject)?.as_str().into();
            a.reject_reason = Some(r.clone());
            a.closed_at = Some(now);
            events.push(event(ctx, a.id, "rejected", true, &r, json!({})));
        }
        HandlerStep::Reassign { person } => {
            if !Status::parse(&a.status).is_some_and(Status::is_active) {
                return Err(AppError::Conflict { field: "status", key: "error-appeal-step" });
            }
            let p = people_store::person(c, *person).await?.ok_or(AppError::invalid("person", "error-appeal-handler"))?;
            // The new handler must live in, or belong to an organization of, the appeal's place.
            let village = path(&a.village_path)?;
            let org = path(&a.org_path)?;
            let member = people_store::member_by_person(c, p.id).await?;
            let lives = path(&p.area_path)?.is_within(&village);
            let belongs =
                member.as_ref().map(|m| path(&m.org_path)).transpose()?.is_some_and(|mp| mp.is_within(&org) || org.is_within(&mp));
            if !lives && !belongs {
                return Err(AppError::invalid("person", "error-appeal-handler"));
            }
            a.handler_person_id = Some(p.id);
            events.push(event(ctx, a.id, "reassigned", false, &p.name, json!({ "person": p.id })));
            notice = Some((To::Person(p.id), "appeal-assigned"));
        }
        HandlerStep::AddCohandler { body } => {
            if !Status::parse(&a.status).is_some_and(Status::is_active) {
                return Err(AppError::Conflict { field: "status", key: "error-appeal-step" });
            }
            let village = crate::input::path(&a.village_path)?;
            let b = people_store::body(c, *body).await?.filter(|b| super::people_choice::may_cohandle(b, &village));
            let b = b.ok_or(AppError::invalid("body", "error-appeal-body"))?;
            let tx = ctx.db().write().await?;
            let added =
                store::add_cohandler(&tx, store::Cohandler { appeal_id: a.id, body_id: b.id, added_at: now, added_by: ctx.actor.name() })
                    .await?;
            if added {
                store::insert_event(&tx, event(ctx, a.id, "cohandler", true, &b.name, json!({ "body": b.id }))).await?;
                record(&tx, ctx, Stale::Nothing, "appeal.cohandler", "appeal", Some(&a.id.to_string()), "ok", json!({ "body": b.id }))
                    .await?;
            }
            ctx.commit(tx).await?;
            return store::appeal(c, a.id).await?.ok_or(AppError::NotFound);
        }
        HandlerStep::Escalate { reason: r } => {
            let r = reason("reason", r, 1000)?;
            if !Status::parse(&a.status).is_some_and(Status::is_active) {
                return Err(AppError::Conflict { field: "status", key: "error-appeal-step" });
            }
            let (to, body) = escalate_in_place(ctx, &mut a, "beyond_capacity").await?;
            events.push(event(ctx, a.id, "escalated", true, &r, body));
            notice = Some((To::Org(to), "appeal-escalated"));
        }
    }
    a.updated_at = now;
    let tx = ctx.db().write().await?;
    let saved = save(&tx, a).await?;
    store::insert_events(&tx, events).await?;
    if let Some((to, kind)) = notice {
        tell(&tx, ctx, to, Some(saved.id), kind, &saved.code).await?;
    }
    match &s {
        HandlerStep::Resolve { .. } => crate::notify::tell_requester(&tx, ctx, &saved, "resolved", None).await?,
        HandlerStep::Reject { .. } => crate::notify::tell_requester(&tx, ctx, &saved, "rejected", None).await?,
        _ => {}
    }
    record(
        &tx,
        ctx,
        Stale::Nothing,
        &format!("appeal.{}", s.name()),
        "appeal",
        Some(&saved.id.to_string()),
        "ok",
        json!({ "status": saved.status }),
    )
    .await?;
    super::commit_changes(ctx, tx, Touched::Orgs(&[&was, &saved.org_path])).await?;
    Ok(saved)
}

/// Moves `a` (in memory) to the organization one level up, with that level's deadline. Returns
/// the organization and the event data. Refused at the county, which has no level above.
pub(crate) async fn escalate_in_place(ctx: &Ctx, a: &mut Appeal, why: &str) -> Result<(Uuid, serde_json::Value)> {
    let from = Level::parse(&a.level).unwrap_or(Level::Village);
    let to_level = from.up().ok_or(AppError::Conflict { field: "level", key: "error-appeal-top" })?;
    let c = ctx.db().conn();
    let parent = super::level_org(c, &path(&a.village_path)?, to_level)
        .await?
        .ok_or(AppError::Conflict { field: "level", key: "error-appeal-top" })?;
    let category = store::category(c, a.category_id).await?.map(|k| k.sla).unwrap_or_default();
    let missed = a.due_at;
    a.level = to_level.as_str().into();
    a.org_id = parent.id;
    a.org_path = parent.path.clone();
    a.due_at = due_at(ctx.settings(), to_level, &category, ctx.now());
    a.reminded = false;
    a.beyond_capacity = false;
    a.escalations += 1;
    // The level above decides who handles it.
    a.handler_person_id = None;
    Ok((parent.id, json!({ "from": from.as_str(), "to": to_level.as_str(), "org": parent.name, "why": why, "due": missed.to_rfc3339() })))
}

/// Loads an appeal for the villager who filed it (private link key or signed-in phone).
pub async fn as_requester(ctx: &Ctx, code: &str, who: &Requester) -> Result<Appeal> {
    let code = lianxin_core::appeals::parse_tracking_code(code).ok_or(AppError::NotFound)?;
    let a = store::by_code(ctx.db().conn(), &code).await?.ok_or(AppError::NotFound)?;
    if !who.may(&a) {
        return Err(AppError::NotFound);
    }
    Ok(a)
}

/// The villager rates a resolved appeal. Satisfied or basically satisfied closes it; unsatisfied
/// reopens it (once by default), then sends it up a level.
pub async fn rate(ctx: &Ctx, code: &str, who: &Requester, rating: Rating, comment: &str) -> Result<Appeal> {
    let mut a = as_requester(ctx, code, who).await?;
    let was = a.org_path.clone();
    let comment = match comment.trim() {
        "" => None,
        c => Some(AppealText::parse(c, 1000).map_err(|_| AppError::invalid("comment", "error-too-long"))?.into_inner()),
    };
    if a.status != Status::Resolved.as_str() {
        // Reopened after an earlier rating, it is simply not resolved yet; a finished one was
        // either rated already or ended without a resolution to rate.
        let status = Status::parse(&a.status);
        let key = if status.is_some_and(Status::is_active) {
            "error-appeal-not-resolved"
        } else if a.rating.is_some() {
            "error-appeal-rated"
        } else {
            "error-appeal-step"
        };
        return Err(AppError::Conflict { field: "rating", key });
    }
    let now = ctx.now();
    let limit = ctx.settings().appeals.reopen_limit;
    let outcome = after_rating(rating, u32::try_from(a.reopen_count).unwrap_or(u32::MAX), limit);
    a.rating = Some(rating.as_str().into());
    a.rating_comment = comment.clone();
    a.rated_at = Some(now);
    a.updated_at = now;
    let mut events = vec![event(ctx, a.id, "rated", true, comment.as_deref().unwrap_or(""), json!({ "rating": rating.as_str() }))];
    let mut notice = None;
    let mut escalated = false;
    match outcome {
        RatingOutcome::Close => {
            a.status = step(&a, Step::Close)?.as_str().into();
            a.closed_at = Some(now);
            events.push(event(ctx, a.id, "closed", true, "", json!({})));
        }
        RatingOutcome::Reopen => {
            a.status = step(&a, Step::Reopen)?.as_str().into();
            a.reopen_count += 1;
            a.resolved_at = None;
            let category = store::category(ctx.db().conn(), a.category_id).await?.map(|k| k.sla).unwrap_or_default();
            a.due_at = due_at(ctx.settings(), Level::parse(&a.level).unwrap_or(Level::Village), &category, now);
            a.reminded = false;
            events.push(event(ctx, a.id, "reopened", true, "", json!({})));
            notice = Some(a.handler_person_id.map_or(To::Org(a.org_id), To::Person));
        }
        RatingOutcome::Escalate => {
            a.status = step(&a, Step::Reopen)?.as_str().into();
            a.reopen_count += 1;
            a.resolved_at = None;
            match escalate_in_place(ctx, &mut a, "unsatisfied").await {
                Ok((to, body)) => {
                    events.push(event(ctx, a.id, "escalated", true, "", body));
                    notice = Some(To::Org(to));
                    escalated = true;
                }
                // Already at the top: it stays open there, reopened, with a new deadline.
                Err(AppError::Conflict { .. }) => {
                    let category = store::category(ctx.db().conn(), a.category_id).await?.map(|k| k.sla).unwrap_or_default();
                    a.due_at = due_at(ctx.settings(), Level::parse(&a.level).unwrap_or(Level::Village), &category, now);
                    a.reminded = false;
                    events.push(event(ctx, a.id, "reopened", true, "", json!({})));
                    notice = Some(To::Org(a.org_id));
                }
                Err(e) => return Err(e),
            }
        }
    }
    let tx = ctx.db().write().await?;
    let saved = save(&tx, a).await?;
    store::insert_events(&tx, events).await?;
    if let Some(to) = notice {
        tell(&tx, ctx, to, Some(saved.id), if escalated { "appeal-escalated" } else { "appeal-reopened" }, &saved.code).await?;
    }
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "appeal.rate",
        "appeal",
        Some(&saved.id.to_string()),
        "ok",
        json!({ "rating": rating.as_str(), "status": saved.status }),
    )
    .await?;
    super::commit_changes(ctx, tx, Touched::Orgs(&[&was, &saved.org_path])).await?;
    Ok(saved)
}

/// The villager withdraws a need that is still open.
pub async fn withdraw(ctx: &Ctx, code: &str, who: &Requester) -> Result<Appeal> {
    let mut a = as_requester(ctx, code, who).await?;
    let was = a.org_path.clone();
    a.status = step(&a, Step::Withdraw)?.as_str().into();
    a.closed_at = Some(ctx.now());
    a.updated_at = ctx.now();
    let tx = ctx.db().write().await?;
    let saved = save(&tx, a).await?;
    store::insert_event(&tx, event(ctx, saved.id, "withdrawn", true, "", json!({}))).await?;
    record(&tx, ctx, Stale::Nothing, "appeal.withdraw", "appeal", Some(&saved.id.to_string()), "ok", json!({})).await?;
    super::commit_changes(ctx, tx, Touched::Orgs(&[&was, &saved.org_path])).await?;
    Ok(saved)
}

/// The requester's details for the handler who must call them back; every reveal is audited.
pub async fn reveal_contact(ctx: &Ctx, id: Uuid) -> Result<(Option<String>, Option<String>)> {
    let a = authorized(ctx, id, Action::HandleAppeals).await?;
    let key = ctx.app.key()?;
    let name = a.name_enc.as_deref().map(|e| key.decrypt(&format!("appeals.name:{}", a.id), e)).transpose().map_err(AppError::internal)?;
    let phone =
        a.phone_enc.as_deref().map(|e| key.decrypt(&format!("appeals.phone:{}", a.id), e)).transpose().map_err(AppError::internal)?;
    crate::journal::record_alone(
        ctx,
        Stale::Nothing,
        "appeal.reveal",
        "appeal",
        Some(&a.id.to_string()),
        "ok",
        json!({ "fields": ["name", "phone"] }),
    )
    .await?;
    Ok((name, phone))
}
