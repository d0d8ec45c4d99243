//! Calendar feeds (RFC 5545, rendered by the web layer): the meetings a person is invited to and
//! an organization's meetings, behind an unguessable per-account key. Only the key's hash is kept;
//! resetting it makes the old address stop working.

use chrono::TimeDelta;
use lianxin_store::{meetings as store, orgs as orgs_store};
use rand::RngCore;
use serde_json::json;
use uuid::Uuid;

use super::Meeting;
use crate::{
    Actor, App, AppError, Ctx, Result,
    journal::{Stale, record},
    policy::{Action, Target},
};

/// Makes a new feed key for the signed-in account, replacing any earlier one. The key is returned
/// once; only its hash is kept.
pub async fn reset_key(ctx: &Ctx) -> Result<String> {
    let p = ctx.principal()?;
    if p.token.is_some() {
        return Err(AppError::Forbidden);
    }
    let mut bytes = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut bytes);
    let key = hex::encode(bytes);
    let tx = ctx.db().write().await?;
    store::set_feed_key(&tx, p.account_id, &crate::auth::token_hash(&key), ctx.now()).await?;
    record(&tx, ctx, Stale::Nothing, "meeting.feed_key", "account", Some(&p.account_id.to_string()), "ok", json!({})).await?;
    ctx.commit(tx).await?;
    Ok(key)
}

pub async fn has_key(ctx: &Ctx) -> Result<bool> {
    let p = ctx.principal()?;
    Ok(store::has_feed_key(ctx.db().conn(), p.account_id).await?)
}

/// The context of the account a feed key belongs to; an unknown key is not found.
async fn feed_ctx(app: &App, key: &str) -> Result<Ctx> {
    if key.len() != 48 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let account = store::feed_account(app.db.conn(), &crate::auth::token_hash(key)).await?.ok_or(AppError::NotFound)?;
    let principal = crate::auth::load_principal(app, account, None).await?.ok_or(AppError::NotFound)?;
    Ok(Ctx::new(app.clone(), Actor::Account(principal)))
}

/// The meetings the key's owner is invited to, from 90 days ago on.
pub async fn person_feed(app: &App, key: &str) -> Result<Vec<Meeting>> {
    let ctx = feed_ctx(app, key).await?;
    let Some(person) = ctx.principal()?.person_id else { return Ok(Vec::new()) };
    Ok(store::meetings_of_person(ctx.db().conn(), person, ctx.now() - TimeDelta::days(90), 500).await?)
}

/// An organization's meetings (the latest 500), when the key's owner may read them.
pub async fn org_feed(app: &App, key: &str, org: Uuid) -> Result<(orgs_store::Org, Vec<Meeting>)> {
    let ctx = feed_ctx(app, key).await?;
    let o = orgs_store::org(ctx.db().conn(), org).await?.ok_or(AppError::NotFound)?;
    let p = crate::input::path(&o.path)?;
    ctx.authorize(Action::ReadMeetings, Target::Org(&p), "org", Some(&org.to_string())).await?;
    let meetings = store::meetings_of_org(ctx.db().conn(), org, None, 500).await?;
    Ok((o, meetings))
}
