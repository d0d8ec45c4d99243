//! The inbox of a signed-in account: notices addressed to its person, and to the organizations
//! whose queues it reads or in which its person holds a post.

use lianxin_store::{appeals as store, people as people_store};
use uuid::Uuid;

use crate::{Ctx, Result};

pub use store::InboxMessage;

/// The newest notices for the actor, at most `limit`.
pub async fn inbox(ctx: &Ctx, limit: u64) -> Result<Vec<InboxMessage>> {
    let p = ctx.principal()?;
    let c = ctx.db().conn();
    let mut orgs: Vec<Uuid> = super::queues::my_orgs(ctx).into_iter().map(|(id, _)| id).collect();
    if let Some(person) = p.person_id {
        orgs.extend(people_store::current_positions_of_person(c, person, ctx.app.today()).await?.into_iter().filter_map(|x| x.org_id));
    }
    orgs.sort();
    orgs.dedup();
    Ok(store::inbox(c, p.person_id, &orgs, limit.clamp(1, 500)).await?)
}
