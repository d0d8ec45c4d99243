//! Elections over `/api/v1`: an election as it stands (its candidates in the ballot's order, the
//! nominees' scores, those elected, the next round, whether the board checks), and a member's
//! own ballot cast on their phone, answered with the receipt and the secret that proves it.
//! Each handler calls one use case of `lianxin_app::elections`.

use axum::{
    Json,
    extract::Path,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use lianxin_app::{AppError, elections};
use lianxin_core::elections::Ballot;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    AppState, Viewer,
    api::{ApiErrorBody, ApiJson},
    error::WebResult,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_one)).routes(routes!(cast))
}

/// A nominee of the public recommendation with their votes and weighted score.
#[derive(Serialize, ToSchema)]
pub struct NomineeOut {
    pub name: String,
    /// registered, members, masses
    pub how: String,
    pub member_votes: i32,
    pub villager_votes: i32,
    /// Out of 100, two decimals.
    pub score: f64,
    /// Place in the leaders' pool (1-based), when the caller may read the pool; 0 when outside it.
    pub pool_place: Option<usize>,
}

#[derive(Serialize, ToSchema)]
pub struct ElectionOut {
    pub id: Uuid,
    pub org_id: Uuid,
    pub title: String,
    pub seats: i32,
    /// recommending, preparing, voting, counted, elected, reported, approved
    pub status: String,
    /// The round open or last counted; 0 before the first.
    pub round: i32,
    /// In the order of the ballot: stroke order of the surname.
    pub candidates: Vec<String>,
    pub nominees: Vec<NomineeOut>,
    /// Those with a vote expected (the roll less its permitted exclusions).
    pub expected: usize,
    /// The round open: its candidates and seats, and whether it is on paper.
    pub open_candidates: Vec<String>,
    pub open_seats: u64,
    pub open_paper: bool,
    /// The caller may cast their own ballot in the round open.
    pub may_vote: bool,
    pub elected: Vec<String>,
    /// The round the last count leaves: its candidates and seats.
    pub next_candidates: Vec<String>,
    pub next_seats: u64,
    pub secretary: Option<String>,
    pub deputy: Option<String>,
    /// The public board's chain is whole and every published round matches its recount.
    pub board_ok: bool,
}

#[utoipa::path(get, path = "/api/v1/elections/{id}", tag = "elections", params(("id" = Uuid, Path)),
    responses((status = 200, body = ElectionOut), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody)))]
async fn get_one(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<ElectionOut>> {
    v.require()?;
    let view = elections::show(&v.ctx, id).await?;
    let (next_candidates, next_seats) = view.next.clone().unwrap_or_default();
    let e = view.election;
    Ok(Json(ElectionOut {
        id: e.id,
        org_id: e.org_id,
        title: e.title,
        seats: e.seats,
        status: e.status,
        round: e.round,
        candidates: view.candidates.into_iter().map(|c| c.name).collect(),
        nominees: view
            .nominees
            .into_iter()
            .map(|n| NomineeOut {
                name: n.nominee.name,
                how: n.nominee.how,
                member_votes: n.nominee.member_votes,
                villager_votes: n.nominee.villager_votes,
                score: n.score.score as f64 / 100.0,
                pool_place: n.pool_place.map(|p| p.unwrap_or(0)),
            })
            .collect(),
        expected: view.roll.iter().filter(|r| r.excluded.is_none()).count(),
        open_candidates: view.open.as_ref().map(|o| o.candidates.clone()).unwrap_or_default(),
        open_seats: view.open.as_ref().map_or(0, |o| o.seats),
        open_paper: view.open.as_ref().is_some_and(|o| o.paper),
        may_vote: view.may_vote,
        elected: view.elected,
        next_candidates,
        next_seats,
        secretary: e.secretary,
        deputy: e.deputy,
        board_ok: view.verified.ok(),
    }))
}

/// A ballot: each candidate of the round in one of `approve`, `disapprove` or `abstain` (those
/// left out abstain), and names written in, each in place of a "no".
#[derive(Deserialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct BallotIn {
    pub approve: Vec<String>,
    pub disapprove: Vec<String>,
    pub abstain: Vec<String>,
    pub write_in: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ReceiptOut {
    /// On the election's public board beside the ballot.
    pub receipt: String,
    /// The voter's secret: with it the receipt is recomputed from the ballot as shown on the board.
    pub nonce: String,
}

#[utoipa::path(post, path = "/api/v1/elections/{id}/ballots", tag = "elections", params(("id" = Uuid, Path)), request_body = BallotIn,
    responses((status = 201, body = ReceiptOut), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn cast(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<serde_json::Value>) -> Result<(StatusCode, Json<ReceiptOut>), Response> {
    let web = |e: AppError| crate::WebError(e).into_response();
    v.require().map_err(IntoResponse::into_response)?;
    let me = v.ctx.actor.principal().and_then(|p| p.person_id).ok_or(AppError::Forbidden).map_err(web)?;
    let b: BallotIn = crate::api::from_value(v.tr, b)?;
    let view = elections::show(&v.ctx, id).await.map_err(web)?;
    // Those of the round's candidates the ballot does not mark abstain.
    let mut ballot = Ballot { approve: b.approve, disapprove: b.disapprove, abstain: b.abstain, write_in: b.write_in };
    for c in view.open.map(|o| o.candidates).unwrap_or_default() {
        if !ballot.approve.contains(&c) && !ballot.disapprove.contains(&c) && !ballot.abstain.contains(&c) {
            ballot.abstain.push(c);
        }
    }
    let r = elections::cast(&v.ctx, id, me, ballot).await.map_err(web)?;
    Ok((StatusCode::CREATED, Json(ReceiptOut { receipt: r.receipt, nonce: r.nonce })))
}
