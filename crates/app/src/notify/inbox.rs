//! The inbox of a signed-in account: notices addressed to its person, and to the organizations
//! whose queues it reads or in which its person holds a post. Each account has a mark of the
//! newest notice it has seen, so staff pages can say how many are new.

use lianxin_store::{notify as store, people as people_store};
use uuid::Uuid;

use crate::{Ctx, Result, cache::Timed};

/// What notices keep for the process: how many are new, by account.
#[derive(Debug, Default)]
struct Kept {
    unread: Timed<Uuid, u64>,
}

pub use store::InboxMessage;

/// New notices are counted up to this many ("99+" beyond).
pub const UNREAD_CAP: u64 = 100;

/// The person and organizations the actor's notices are addressed to.
async fn recipients(ctx: &Ctx) -> Result<(Option<Uuid>, Vec<Uuid>)> {
    let p = ctx.principal()?;
    let mut orgs: Vec<Uuid> = crate::policy::acting_orgs(ctx).into_iter().map(|(id, _)| id).collect();
    if let Some(person) = p.person_id {
        orgs.extend(
            people_store::current_positions_of_person(ctx.db().conn(), person, ctx.app.today()).await?.into_iter().filter_map(|x| x.org_id),
        );
    }
    orgs.sort();
    orgs.dedup();
    Ok((p.person_id, orgs))
}

/// The newest notices for the actor, at most `limit`.
pub async fn inbox(ctx: &Ctx, limit: u64) -> Result<Vec<InboxMessage>> {
    let (person, orgs) = recipients(ctx).await?;
    Ok(store::inbox(ctx.db().conn(), person, &orgs, limit.clamp(1, 500)).await?)
}

/// The newest notices for the actor, and how many of them are new to the account; the account
/// has now seen them (its mark moves to the newest).
pub async fn open(ctx: &Ctx, limit: u64) -> Result<(Vec<InboxMessage>, u64)> {
    let p = ctx.principal()?;
    let notices = inbox(ctx, limit).await?;
    let seen = store::inbox_seen(ctx.db().conn(), p.account_id).await?;
    let new = notices.iter().filter(|n| seen.is_none_or(|s| n.id > s)).count() as u64;
    if let Some(newest) = notices.first()
        && seen.is_none_or(|s| newest.id > s)
    {
        let tx = ctx.db().write().await?;
        store::set_inbox_seen(&tx, p.account_id, newest.id, ctx.now()).await?;
        ctx.commit(tx).await?;
        ctx.app.caches.room::<Kept>().unread.forget(&p.account_id);
    }
    Ok((notices, new))
}

/// How many notices are new to the actor's account (at most [`UNREAD_CAP`]). Kept for a few
/// seconds per account (see [`crate::cache`]); opening the inbox clears it at once.
pub async fn unread(ctx: &Ctx) -> Result<u64> {
    let p = ctx.principal()?;
    let (now, epoch, kept) = (ctx.now(), ctx.app.caches.epoch(), ctx.app.caches.room::<Kept>());
    if let Some(n) = kept.unread.get(&p.account_id, epoch, now) {
        return Ok(n);
    }
    let (person, orgs) = recipients(ctx).await?;
    let n = store::inbox_unseen(ctx.db().conn(), p.account_id, person, &orgs, UNREAD_CAP).await?;
    kept.unread.put(p.account_id, n, epoch, now);
    Ok(n)
}
