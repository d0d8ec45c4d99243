//! Queries for elections: the election, its candidates and roll, who voted in a round, the box,
//! and the board (appended under the election's row lock, so concurrent ballots chain in turn).

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::entity::{election, election_ballot, election_board, election_candidate, election_roll, election_voted};

pub use election::Model as Election;
pub use election_ballot::Model as BallotRow;
pub use election_board::Model as BoardRow;
pub use election_candidate::Model as Candidate;
pub use election_roll::Model as RollEntry;

pub async fn insert_election<C: ConnectionTrait>(
    c: &C,
    e: Election,
    candidates: Vec<Candidate>,
    roll: Vec<RollEntry>,
) -> crate::Result<Election> {
    let e = e.into_active_model().reset_all().insert(c).await?;
    if !candidates.is_empty() {
        election_candidate::Entity::insert_many(candidates.into_iter().map(IntoActiveModel::into_active_model)).exec(c).await?;
    }
    for chunk in roll.chunks(500) {
        election_roll::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model)).exec(c).await?;
    }
    Ok(e)
}

pub async fn update_election<C: ConnectionTrait>(c: &C, e: Election) -> crate::Result<Election> {
    Ok(e.into_active_model().reset_all().update(c).await?)
}

pub async fn election<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Election>> {
    Ok(election::Entity::find_by_id(id).one(c).await?)
}

/// The election, its row locked for the rest of the transaction (PostgreSQL; SQLite's writer is
/// one at a time already), so board entries are appended one after another.
pub async fn election_locked<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Election>> {
    let q = election::Entity::find_by_id(id);
    let q = if c.get_database_backend() == sea_orm::DatabaseBackend::Postgres { q.lock_exclusive() } else { q };
    Ok(q.one(c).await?)
}

pub async fn candidates<C: ConnectionTrait>(c: &C, election: Uuid) -> crate::Result<Vec<Candidate>> {
    Ok(election_candidate::Entity::find()
        .filter(election_candidate::Column::ElectionId.eq(election))
        .order_by_asc(election_candidate::Column::Position)
        .all(c)
        .await?)
}

pub async fn roll<C: ConnectionTrait>(c: &C, election: Uuid) -> crate::Result<Vec<RollEntry>> {
    Ok(election_roll::Entity::find()
        .filter(election_roll::Column::ElectionId.eq(election))
        .order_by_asc(election_roll::Column::PersonName)
        .all(c)
        .await?)
}

pub async fn roll_entry<C: ConnectionTrait>(c: &C, election: Uuid, person: Uuid) -> crate::Result<Option<RollEntry>> {
    Ok(election_roll::Entity::find_by_id((election, person)).one(c).await?)
}

pub async fn update_roll_entry<C: ConnectionTrait>(c: &C, r: RollEntry) -> crate::Result<()> {
    r.into_active_model().reset_all().update(c).await?;
    Ok(())
}

/// Marks that `person` voted in `round`; a second time is a unique violation
/// (`election_voted`'s key).
pub async fn mark_voted<C: ConnectionTrait>(c: &C, election: Uuid, round: i32, person: Uuid) -> crate::Result<()> {
    election_voted::Entity::insert(election_voted::ActiveModel {
        election_id: sea_orm::Set(election),
        round: sea_orm::Set(round),
        person_id: sea_orm::Set(person),
    })
    .exec(c)
    .await?;
    Ok(())
}

pub async fn voted_count<C: ConnectionTrait>(c: &C, election: Uuid, round: i32) -> crate::Result<u64> {
    Ok(election_voted::Entity::find()
        .filter(election_voted::Column::ElectionId.eq(election))
        .filter(election_voted::Column::Round.eq(round))
        .count(c)
        .await?)
}

pub async fn has_voted<C: ConnectionTrait>(c: &C, election: Uuid, round: i32, person: Uuid) -> crate::Result<bool> {
    Ok(election_voted::Entity::find_by_id((election, round, person)).one(c).await?.is_some())
}

pub async fn insert_ballot<C: ConnectionTrait>(c: &C, b: BallotRow) -> crate::Result<()> {
    b.into_active_model().reset_all().insert(c).await?;
    Ok(())
}

pub async fn ballots<C: ConnectionTrait>(c: &C, election: Uuid, round: i32) -> crate::Result<Vec<BallotRow>> {
    Ok(election_ballot::Entity::find()
        .filter(election_ballot::Column::ElectionId.eq(election))
        .filter(election_ballot::Column::Round.eq(round))
        .all(c)
        .await?)
}

/// The board's last entry (sequence and hash), if any.
pub async fn board_head<C: ConnectionTrait>(c: &C, election: Uuid) -> crate::Result<Option<(i64, String)>> {
    Ok(election_board::Entity::find()
        .filter(election_board::Column::ElectionId.eq(election))
        .order_by_desc(election_board::Column::Seq)
        .limit(1)
        .one(c)
        .await?
        .map(|r| (r.seq, r.hash)))
}

pub async fn append_board<C: ConnectionTrait>(c: &C, rows: Vec<BoardRow>) -> crate::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    election_board::Entity::insert_many(rows.into_iter().map(IntoActiveModel::into_active_model)).exec(c).await?;
    Ok(())
}

pub async fn board<C: ConnectionTrait>(c: &C, election: Uuid) -> crate::Result<Vec<BoardRow>> {
    Ok(election_board::Entity::find()
        .filter(election_board::Column::ElectionId.eq(election))
        .order_by_asc(election_board::Column::Seq)
        .all(c)
        .await?)
}

/// The elections of one organization, the latest first.
pub async fn elections_of<C: ConnectionTrait>(c: &C, org: Uuid) -> crate::Result<Vec<Election>> {
    Ok(election::Entity::find()
        .filter(election::Column::OrgId.eq(org))
        .order_by_desc(election::Column::CreatedAt)
        .limit(100)
        .all(c)
        .await?)
}

/// The board's latest "round opened" entry, read alone (a cast needs the round's candidates and
/// seats, not the whole board). Entries are stored with their kind first.
pub async fn last_opened<C: ConnectionTrait>(c: &C, election: Uuid) -> crate::Result<Option<BoardRow>> {
    Ok(election_board::Entity::find()
        .filter(election_board::Column::ElectionId.eq(election))
        .filter(election_board::Column::Payload.starts_with(r#"{"kind":"opened""#))
        .order_by_desc(election_board::Column::Seq)
        .limit(1)
        .one(c)
        .await?)
}

// ---- the stages around the vote ----

use crate::entity::{election_nominee, election_teller_count, election_term_notice, position};

pub use election_nominee::Model as Nominee;
pub use election_teller_count::Model as TellerCount;

pub async fn nominees<C: ConnectionTrait>(c: &C, election: Uuid) -> crate::Result<Vec<Nominee>> {
    Ok(election_nominee::Entity::find()
        .filter(election_nominee::Column::ElectionId.eq(election))
        .order_by_asc(election_nominee::Column::Name)
        .all(c)
        .await?)
}

pub async fn insert_nominee<C: ConnectionTrait>(c: &C, n: Nominee) -> crate::Result<()> {
    n.into_active_model().reset_all().insert(c).await?;
    Ok(())
}

pub async fn update_nominee<C: ConnectionTrait>(c: &C, n: Nominee) -> crate::Result<()> {
    n.into_active_model().reset_all().update(c).await?;
    Ok(())
}

/// Replaces the candidates (the level above fixing them from the nominees).
pub async fn replace_candidates<C: ConnectionTrait>(c: &C, election: Uuid, candidates: Vec<Candidate>) -> crate::Result<()> {
    election_candidate::Entity::delete_many().filter(election_candidate::Column::ElectionId.eq(election)).exec(c).await?;
    if !candidates.is_empty() {
        election_candidate::Entity::insert_many(candidates.into_iter().map(IntoActiveModel::into_active_model)).exec(c).await?;
    }
    Ok(())
}

pub async fn teller_counts<C: ConnectionTrait>(c: &C, election: Uuid, round: i32) -> crate::Result<Vec<TellerCount>> {
    Ok(election_teller_count::Entity::find()
        .filter(election_teller_count::Column::ElectionId.eq(election))
        .filter(election_teller_count::Column::Round.eq(round))
        .order_by_asc(election_teller_count::Column::Slot)
        .all(c)
        .await?)
}

/// Puts a teller's count in their slot, over their earlier one.
pub async fn put_teller_count<C: ConnectionTrait>(c: &C, t: TellerCount) -> crate::Result<()> {
    election_teller_count::Entity::delete_by_id((t.election_id, t.round, t.slot)).exec(c).await?;
    t.into_active_model().reset_all().insert(c).await?;
    Ok(())
}

/// The organizations whose committee's term (secretary, deputy, member) ended before `today`
/// with the post still held, each with its earliest planned end.
pub async fn ended_terms<C: ConnectionTrait>(c: &C, today: chrono::NaiveDate) -> crate::Result<Vec<(Uuid, chrono::NaiveDate)>> {
    let rows = position::Entity::find()
        .filter(position::Column::OrgId.is_not_null())
        .filter(position::Column::Post.is_in(["secretary", "deputy_secretary", "committee_member"]))
        .filter(position::Column::PlannedEnd.lt(today))
        .filter(crate::people::current(today))
        .all(c)
        .await?;
    let mut out: Vec<(Uuid, chrono::NaiveDate)> = Vec::new();
    for r in rows {
        let Some(org) = r.org_id else { continue };
        match out.iter_mut().find(|(o, _)| *o == org) {
            Some((_, end)) => *end = (*end).min(r.planned_end),
            None => out.push((org, r.planned_end)),
        }
    }
    Ok(out)
}

/// Records that the level above was told of a term ended on `planned_end`; false when it had
/// been told already.
pub async fn note_term_told<C: ConnectionTrait>(c: &C, org: Uuid, planned_end: chrono::NaiveDate) -> crate::Result<bool> {
    if election_term_notice::Entity::find_by_id((org, planned_end)).one(c).await?.is_some() {
        return Ok(false);
    }
    election_term_notice::ActiveModel { org_id: sea_orm::Set(org), planned_end: sea_orm::Set(planned_end) }.insert(c).await?;
    Ok(true)
}

/// The board's published results, in order (entries are stored with their kind first).
pub async fn results<C: ConnectionTrait>(c: &C, election: Uuid) -> crate::Result<Vec<BoardRow>> {
    Ok(election_board::Entity::find()
        .filter(election_board::Column::ElectionId.eq(election))
        .filter(election_board::Column::Payload.starts_with(r#"{"kind":"result""#))
        .order_by_asc(election_board::Column::Seq)
        .all(c)
        .await?)
}

/// Replaces the roll (rebuilt on the day the candidates are fixed).
pub async fn replace_roll<C: ConnectionTrait>(c: &C, election: Uuid, roll: Vec<RollEntry>) -> crate::Result<()> {
    election_roll::Entity::delete_many().filter(election_roll::Column::ElectionId.eq(election)).exec(c).await?;
    for chunk in roll.chunks(500) {
        election_roll::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model)).exec(c).await?;
    }
    Ok(())
}
