//! Posts held for a term (secretary, committee member, village committee director, grid leader …),
//! with history, cross-holding (一肩挑) and the terms ending soon in a subtree.

use chrono::NaiveDate;
use lianxin_core::{
    people::{PostKind, TermState, term_end, term_state},
    tree::TreePath,
};
use lianxin_store::{orgs as orgs_store, people as store};
use serde_json::json;
use uuid::Uuid;

use super::{authorized_org, authorized_person, clean, path};
use crate::journal::Stale;
use crate::{
    AppError, Ctx, Result,
    journal::record,
    policy::{Action, Target},
};

/// Where a post is held: an organization, a village body or a grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostIn {
    Org(Uuid),
    Body(Uuid),
    Grid(Uuid),
}

#[derive(Clone, Debug)]
pub struct PositionInput {
    pub person_id: Uuid,
    pub post: PostKind,
    pub place: PostIn,
    pub started_on: NaiveDate,
    /// Defaults to the post's usual term (5 years for village committees, RULES.md §2, §9).
    pub planned_end: Option<NaiveDate>,
    pub note: String,
}

fn fits(post: PostKind, place: PostIn) -> bool {
    match post {
        PostKind::Secretary | PostKind::DeputySecretary | PostKind::CommitteeMember | PostKind::PartyGroupLeader => {
            matches!(place, PostIn::Org(_))
        }
        PostKind::GridLeader => matches!(place, PostIn::Grid(_)),
        PostKind::Other => true,
        _ => matches!(place, PostIn::Body(_)),
    }
}

pub async fn appoint(ctx: &Ctx, input: PositionInput) -> Result<store::Position> {
    let c = ctx.db().conn();
    authorized_person(ctx, input.person_id, Action::ChangePeople).await?;
    if !fits(input.post, input.place) {
        return Err(AppError::invalid("post", "error-post-place"));
    }
    let (org_id, body_id, grid_id) = match input.place {
        PostIn::Org(o) => {
            authorized_org(ctx, o, Action::ChangePeople).await?;
            (Some(o), None, None)
        }
        PostIn::Body(b) => {
            let body = store::body(c, b).await?.ok_or(AppError::invalid("body_id", "error-unknown-body"))?;
            let p = path(&body.area_path)?;
            ctx.authorize(
                Action::ChangePeople,
                Target::People { area: Some(&p), org: None, grid: None },
                "village_body",
                Some(&b.to_string()),
            )
            .await?;
            (None, Some(b), None)
        }
        PostIn::Grid(g) => {
            let grid = store::grid(c, g).await?.ok_or(AppError::invalid("grid_id", "error-unknown-grid"))?;
            let p = path(&grid.area_path)?;
            ctx.authorize(Action::ChangePeople, Target::People { area: Some(&p), org: None, grid: None }, "grid", Some(&g.to_string()))
                .await?;
            (None, None, Some(g))
        }
    };
    let planned_end = input.planned_end.unwrap_or_else(|| term_end(input.started_on, input.post.default_term_years()));
    if planned_end <= input.started_on {
        return Err(AppError::invalid("planned_end", "error-date-order"));
    }
    let note = clean("note", &input.note, 1000, false)?.unwrap_or_default();
    let p = store::Position {
        id: Uuid::now_v7(),
        person_id: input.person_id,
        post: input.post.as_str().into(),
        org_id,
        body_id,
        grid_id,
        started_on: input.started_on,
        planned_end,
        ended_on: None,
        note,
        created_at: ctx.now(),
    };
    let tx = ctx.db().write().await?;
    let p = store::insert_position(&tx, p).await?;
    if let Some(g) = grid_id {
        store::set_grid_leader(&tx, g, Some(input.person_id), ctx.now()).await?;
    }
    record(
        &tx,
        ctx,
        Stale::Access,
        "position.appoint",
        "person",
        Some(&input.person_id.to_string()),
        "ok",
        json!({ "post": p.post, "org": org_id, "body": body_id, "grid": grid_id }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(p)
}

/// Ends a post on a date (kept in the history).
pub async fn end(ctx: &Ctx, id: Uuid, on: NaiveDate) -> Result<()> {
    let c = ctx.db().conn();
    let p = store::position(c, id).await?.ok_or(AppError::NotFound)?;
    authorized_person(ctx, p.person_id, Action::ChangePeople).await?;
    // Ending a post is the business of whoever may change where it is held.
    if let Some(o) = p.org_id {
        authorized_org(ctx, o, Action::ChangePeople).await?;
    }
    if let Some(b) = p.body_id
        && let Some(body) = store::body(c, b).await?
    {
        let bp = path(&body.area_path)?;
        ctx.authorize(
            Action::ChangePeople,
            Target::People { area: Some(&bp), org: None, grid: None },
            "village_body",
            Some(&b.to_string()),
        )
        .await?;
    }
    if p.ended_on.is_some() {
        return Err(AppError::Conflict { field: "id", key: "error-position-ended" });
    }
    if on < p.started_on {
        return Err(AppError::invalid("ended_on", "error-date-order"));
    }
    let tx = ctx.db().write().await?;
    store::end_position(&tx, id, on).await?;
    if let Some(g) = p.grid_id {
        store::set_grid_leader(&tx, g, None, ctx.now()).await?;
    }
    record(&tx, ctx, Stale::Access, "position.end", "person", Some(&p.person_id.to_string()), "ok", json!({ "post": p.post, "on": on }))
        .await?;
    ctx.commit(tx).await?;
    Ok(())
}

/// One term that ends within the warning period or has ended, for the level above.
#[derive(Clone, Debug)]
pub struct TermRow {
    pub position: store::Position,
    pub person_name: String,
    pub org_name: String,
    pub state: TermState,
}

/// Terms of posts in an organization's subtree that end within the warning months or are over.
pub async fn terms_ending(ctx: &Ctx, org_id: Uuid, limit: u64) -> Result<Vec<TermRow>> {
    let (_, root) = authorized_org(ctx, org_id, Action::ReadPeople).await?;
    terms_ending_under(ctx, &root, limit).await
}

pub(crate) async fn terms_ending_under(ctx: &Ctx, root: &TreePath, limit: u64) -> Result<Vec<TermRow>> {
    let c = ctx.db().conn();
    let today = ctx.app.today();
    let months = ctx.settings().people.term_warning_months;
    let horizon = today.checked_add_months(chrono::Months::new(months)).unwrap_or(today);
    let rows = store::terms_ending(c, root, today, horizon, limit.min(1000)).await?;
    let person_ids: Vec<Uuid> = rows.iter().map(|p| p.person_id).collect();
    let org_ids: Vec<Uuid> = rows.iter().filter_map(|p| p.org_id).collect();
    let names: std::collections::HashMap<Uuid, String> =
        store::persons_by_ids(c, &person_ids).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let orgs: std::collections::HashMap<Uuid, String> =
        orgs_store::orgs_by_ids(c, &org_ids).await?.into_iter().map(|o| (o.id, o.name)).collect();
    Ok(rows
        .into_iter()
        .map(|p| TermRow {
            person_name: names.get(&p.person_id).cloned().unwrap_or_default(),
            org_name: p.org_id.and_then(|o| orgs.get(&o).cloned()).unwrap_or_default(),
            state: term_state(p.planned_end, today, months),
            position: p,
        })
        .collect())
}

/// Whether a person holds both the branch secretary post and the village committee director
/// post (一肩挑, RULES.md §9) — shown as such on their page.
pub fn cross_holding(positions: &[store::Position], today: NaiveDate) -> bool {
    let current =
        |k: PostKind| positions.iter().any(|p| p.post == k.as_str() && p.ended_on.is_none_or(|e| e > today) && p.started_on <= today);
    current(PostKind::Secretary) && current(PostKind::VcDirector)
}
