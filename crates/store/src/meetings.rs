//! Queries for meetings: the meeting, its invitees and attendance, minutes versions, votes,
//! appraisals, the reminders already sent and calendar feed keys. Compliance reads held meetings
//! of a subtree in one query (a path range and a period range), never one per organization.

use chrono::{DateTime, NaiveDate, Utc};
use lianxin_core::tree::TreePath;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::OnConflict,
};
use uuid::Uuid;

use crate::entity::{appraisal, feed_key, meeting, meeting_invitee, meeting_minutes, meeting_reminder, meeting_vote, member, position};

pub use appraisal::Model as Appraisal;
pub use meeting::Model as Meeting;
pub use meeting_invitee::Model as Invitee;
pub use meeting_minutes::Model as Minutes;
pub use meeting_vote::Model as Vote;

// ---- meetings ----

pub async fn insert_meeting<C: ConnectionTrait>(c: &C, m: Meeting) -> crate::Result<Meeting> {
    Ok(m.into_active_model().reset_all().insert(c).await?)
}

/// Inserts generated meetings and their invitees in chunks.
pub async fn insert_meetings<C: ConnectionTrait>(c: &C, rows: Vec<Meeting>, invitees: Vec<Invitee>) -> crate::Result<()> {
    for chunk in rows.chunks(400) {
        meeting::Entity::insert_many(chunk.iter().cloned().map(|m| m.into_active_model().reset_all())).exec_without_returning(c).await?;
    }
    for chunk in invitees.chunks(800) {
        meeting_invitee::Entity::insert_many(chunk.iter().cloned().map(|m| m.into_active_model().reset_all()))
            .exec_without_returning(c)
            .await?;
    }
    Ok(())
}

pub async fn meeting<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Meeting>> {
    Ok(meeting::Entity::find_by_id(id).one(c).await?)
}

pub async fn update_meeting<C: ConnectionTrait>(c: &C, m: Meeting) -> crate::Result<Meeting> {
    Ok(m.into_active_model().reset_all().update(c).await?)
}

/// Meetings of one organization, the latest first; `before` pages by start time.
pub async fn meetings_of_org<C: ConnectionTrait>(
    c: &C,
    org: Uuid,
    before: Option<DateTime<Utc>>,
    limit: u64,
) -> crate::Result<Vec<Meeting>> {
    let mut q = meeting::Entity::find().filter(meeting::Column::OrgId.eq(org));
    if let Some(b) = before {
        q = q.filter(meeting::Column::StartsAt.lt(b));
    }
    Ok(q.order_by_desc(meeting::Column::StartsAt).order_by_desc(meeting::Column::Id).limit(limit).all(c).await?)
}

/// A held meeting as compliance needs it.
#[derive(Clone, Debug, PartialEq, Eq, sea_orm::FromQueryResult)]
pub struct HeldRow {
    pub org_id: Uuid,
    pub kind: String,
    pub pair: Option<String>,
    pub counts_for: NaiveDate,
    pub held_on: Option<NaiveDate>,
}

/// Held meetings of a subtree that count for a period inside `from..=to`: one query.
pub async fn held_in<C: ConnectionTrait>(c: &C, root: &TreePath, from: NaiveDate, to: NaiveDate) -> crate::Result<Vec<HeldRow>> {
    let (lo, hi) = root.subtree_range();
    Ok(meeting::Entity::find()
        .select_only()
        .columns([
            meeting::Column::OrgId,
            meeting::Column::Kind,
            meeting::Column::Pair,
            meeting::Column::CountsFor,
            meeting::Column::HeldOn,
        ])
        .filter(meeting::Column::OrgPath.gte(lo))
        .filter(meeting::Column::OrgPath.lt(hi))
        .filter(meeting::Column::CountsFor.gte(from))
        .filter(meeting::Column::CountsFor.lte(to))
        .filter(meeting::Column::Status.eq("held"))
        .into_model::<HeldRow>()
        .all(c)
        .await?)
}

/// Meetings a person is invited to that start at or after `from`, soonest first.
pub async fn meetings_of_person<C: ConnectionTrait>(c: &C, person: Uuid, from: DateTime<Utc>, limit: u64) -> crate::Result<Vec<Meeting>> {
    let ids: Vec<Uuid> = meeting_invitee::Entity::find()
        .select_only()
        .column(meeting_invitee::Column::MeetingId)
        .filter(meeting_invitee::Column::PersonId.eq(person))
        .into_tuple()
        .all(c)
        .await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(
            meeting::Entity::find()
                .filter(meeting::Column::Id.is_in(chunk.to_vec()))
                .filter(meeting::Column::StartsAt.gte(from))
                .all(c)
                .await?,
        );
    }
    out.sort_by_key(|m| (m.starts_at, m.id));
    out.truncate(limit as usize);
    Ok(out)
}

// ---- invitees ----

pub async fn insert_invitees<C: ConnectionTrait>(c: &C, rows: Vec<Invitee>) -> crate::Result<()> {
    for chunk in rows.chunks(800) {
        meeting_invitee::Entity::insert_many(chunk.iter().cloned().map(|m| m.into_active_model().reset_all()))
            .exec_without_returning(c)
            .await?;
    }
    Ok(())
}

pub async fn invitees<C: ConnectionTrait>(c: &C, meeting: Uuid) -> crate::Result<Vec<Invitee>> {
    Ok(meeting_invitee::Entity::find()
        .filter(meeting_invitee::Column::MeetingId.eq(meeting))
        .order_by_asc(meeting_invitee::Column::PersonName)
        .order_by_asc(meeting_invitee::Column::PersonId)
        .all(c)
        .await?)
}

/// Writes a meeting's invitees anew (attendance recorded for all of them at once): two statements
/// whatever their number.
pub async fn replace_invitees<C: ConnectionTrait>(c: &C, meeting: Uuid, rows: Vec<Invitee>) -> crate::Result<()> {
    meeting_invitee::Entity::delete_many().filter(meeting_invitee::Column::MeetingId.eq(meeting)).exec(c).await?;
    insert_invitees(c, rows).await
}

pub async fn update_invitee<C: ConnectionTrait>(c: &C, i: Invitee) -> crate::Result<()> {
    i.into_active_model().reset_all().update(c).await?;
    Ok(())
}

// ---- minutes ----

pub async fn insert_minutes<C: ConnectionTrait>(c: &C, m: Minutes) -> crate::Result<Minutes> {
    Ok(m.into_active_model().reset_all().insert(c).await?)
}

pub async fn update_minutes<C: ConnectionTrait>(c: &C, m: Minutes) -> crate::Result<Minutes> {
    Ok(m.into_active_model().reset_all().update(c).await?)
}

/// Every version of a meeting's minutes, the first first.
pub async fn minutes_of<C: ConnectionTrait>(c: &C, meeting: Uuid) -> crate::Result<Vec<Minutes>> {
    Ok(meeting_minutes::Entity::find()
        .filter(meeting_minutes::Column::MeetingId.eq(meeting))
        .order_by_asc(meeting_minutes::Column::Version)
        .all(c)
        .await?)
}

// ---- votes ----

pub async fn insert_vote<C: ConnectionTrait>(c: &C, v: Vote) -> crate::Result<Vote> {
    Ok(v.into_active_model().reset_all().insert(c).await?)
}

pub async fn vote<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Vote>> {
    Ok(meeting_vote::Entity::find_by_id(id).one(c).await?)
}

pub async fn votes_of<C: ConnectionTrait>(c: &C, meeting: Uuid) -> crate::Result<Vec<Vote>> {
    Ok(meeting_vote::Entity::find()
        .filter(meeting_vote::Column::MeetingId.eq(meeting))
        .order_by_asc(meeting_vote::Column::RecordedAt)
        .order_by_asc(meeting_vote::Column::Id)
        .all(c)
        .await?)
}

// ---- appraisals ----

pub async fn insert_appraisal<C: ConnectionTrait>(c: &C, a: Appraisal) -> crate::Result<Appraisal> {
    Ok(a.into_active_model().reset_all().insert(c).await?)
}

pub async fn update_appraisal<C: ConnectionTrait>(c: &C, a: Appraisal) -> crate::Result<Appraisal> {
    Ok(a.into_active_model().reset_all().update(c).await?)
}

/// One organization's appraisal of a year, by name.
pub async fn appraisals_of<C: ConnectionTrait>(c: &C, org: Uuid, year: i32) -> crate::Result<Vec<Appraisal>> {
    Ok(appraisal::Entity::find()
        .filter(appraisal::Column::OrgId.eq(org))
        .filter(appraisal::Column::Year.eq(year))
        .order_by_asc(appraisal::Column::PersonName)
        .order_by_asc(appraisal::Column::PersonId)
        .all(c)
        .await?)
}

// ---- committees ----

/// The committee posts (secretary, deputy, committee member) of these organizations held on `today`.
fn committee_query(orgs: &[Uuid], today: NaiveDate) -> sea_orm::Select<position::Entity> {
    position::Entity::find()
        .filter(position::Column::OrgId.is_in(orgs.to_vec()))
        .filter(position::Column::Post.is_in(["secretary", "deputy_secretary", "committee_member"]))
        .filter(position::Column::StartedOn.lte(today))
        .filter(crate::people::current(today))
}

/// How many current committee posts (secretary, deputy, committee member) each organization of
/// these has: one query.
pub async fn committee_sizes<C: ConnectionTrait>(c: &C, orgs: &[Uuid], today: NaiveDate) -> crate::Result<Vec<(Uuid, i64)>> {
    let mut out = Vec::new();
    for chunk in orgs.chunks(500) {
        let rows: Vec<(Option<Uuid>, i64)> = committee_query(chunk, today)
            .select_only()
            .column(position::Column::OrgId)
            .column_as(position::Column::Id.count(), "n")
            .group_by(position::Column::OrgId)
            .into_tuple()
            .all(c)
            .await?;
        out.extend(rows.into_iter().filter_map(|(o, n)| Some((o?, n))));
    }
    Ok(out)
}

/// How many party members (full and probationary) each of these organizations holds directly: one
/// query per 500.
pub async fn member_counts<C: ConnectionTrait>(c: &C, orgs: &[Uuid]) -> crate::Result<Vec<(Uuid, i64)>> {
    let mut out = Vec::new();
    for chunk in orgs.chunks(500) {
        let rows: Vec<(Uuid, i64)> = member::Entity::find()
            .select_only()
            .column(member::Column::OrgId)
            .column_as(member::Column::Id.count(), "n")
            .filter(member::Column::OrgId.is_in(chunk.to_vec()))
            .filter(member::Column::Status.is_in(["full", "probationary"]))
            .group_by(member::Column::OrgId)
            .into_tuple()
            .all(c)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// The current committee posts (secretary, deputy, committee member) of these organizations.
pub async fn committee_posts<C: ConnectionTrait>(c: &C, orgs: &[Uuid], today: NaiveDate) -> crate::Result<Vec<position::Model>> {
    let mut out = Vec::new();
    for chunk in orgs.chunks(500) {
        out.extend(committee_query(chunk, today).all(c).await?);
    }
    Ok(out)
}

/// Inserts generated minutes and votes in chunks.
pub async fn insert_records<C: ConnectionTrait>(c: &C, minutes: Vec<Minutes>, votes: Vec<Vote>) -> crate::Result<()> {
    for chunk in minutes.chunks(400) {
        meeting_minutes::Entity::insert_many(chunk.iter().cloned().map(|m| m.into_active_model().reset_all()))
            .exec_without_returning(c)
            .await?;
    }
    for chunk in votes.chunks(400) {
        meeting_vote::Entity::insert_many(chunk.iter().cloned().map(|m| m.into_active_model().reset_all()))
            .exec_without_returning(c)
            .await?;
    }
    Ok(())
}

// ---- reminders ----

/// Records that a reminder was sent; `false` when it had been already (so it is sent once).
pub async fn mark_reminder<C: ConnectionTrait>(
    c: &C,
    org: Uuid,
    requirement: &str,
    period: &str,
    stage: &str,
    now: DateTime<Utc>,
) -> crate::Result<bool> {
    let row = meeting_reminder::ActiveModel {
        org_id: Set(org),
        requirement: Set(requirement.into()),
        period: Set(period.into()),
        stage: Set(stage.into()),
        sent_at: Set(now),
    };
    let on_conflict = OnConflict::columns([
        meeting_reminder::Column::OrgId,
        meeting_reminder::Column::Requirement,
        meeting_reminder::Column::Period,
        meeting_reminder::Column::Stage,
    ])
    .do_nothing()
    .to_owned();
    let n = meeting_reminder::Entity::insert(row).on_conflict(on_conflict).exec_without_returning(c).await?;
    Ok(n == 1)
}

// ---- calendar feed keys ----

/// Replaces the account's feed key (the old address stops working).
pub async fn set_feed_key<C: ConnectionTrait>(c: &C, account: Uuid, key_hash: &str, now: DateTime<Utc>) -> crate::Result<()> {
    feed_key::Entity::delete_by_id(account).exec(c).await?;
    feed_key::ActiveModel { account_id: Set(account), key_hash: Set(key_hash.into()), created_at: Set(now) }.insert(c).await?;
    Ok(())
}

pub async fn feed_account<C: ConnectionTrait>(c: &C, key_hash: &str) -> crate::Result<Option<Uuid>> {
    Ok(feed_key::Entity::find().filter(feed_key::Column::KeyHash.eq(key_hash)).one(c).await?.map(|k| k.account_id))
}

pub async fn has_feed_key<C: ConnectionTrait>(c: &C, account: Uuid) -> crate::Result<bool> {
    Ok(feed_key::Entity::find_by_id(account).one(c).await?.is_some())
}

/// Narrows a query of invitees to the meetings held in `[from, to]` (of `kind`, when given), by
/// joining them: an `IN (subquery)` here leads SQLite to probe every held meeting for every
/// person asked about, a thousand times slower at county scale.
pub(crate) fn invitees_held_between(
    q: sea_orm::Select<meeting_invitee::Entity>,
    from: NaiveDate,
    to: NaiveDate,
    kind: Option<&str>,
) -> sea_orm::Select<meeting_invitee::Entity> {
    use sea_orm::{EntityTrait, JoinType, QuerySelect};
    let held = meeting_invitee::Entity::belongs_to(meeting::Entity).from(meeting_invitee::Column::MeetingId).to(meeting::Column::Id).into();
    let mut q = q
        .join(JoinType::InnerJoin, held)
        .filter(meeting::Column::Status.eq("held"))
        .filter(meeting::Column::HeldOn.gte(from))
        .filter(meeting::Column::HeldOn.lte(to));
    if let Some(k) = kind {
        q = q.filter(meeting::Column::Kind.eq(k));
    }
    q
}

/// Above this many people, a count reads the whole period once and keeps the people asked
/// about, rather than asking in chunks of 500: at county scale one pass over the period is
/// several times cheaper than forty lookups by person (a county's lectures of a year: 4.0 s in
/// 38 chunks).
pub(crate) const WHOLE_PERIOD_ABOVE: usize = 2000;

/// The rows of a count for the given people, each row's person given by `person`: above
/// [`WHOLE_PERIOD_ABOVE`], `query(None)` (the whole period) once, keeping the rows of those
/// people; otherwise `query(Some(chunk))` (narrowed to them) for 500 at a time.
pub(crate) async fn rows_for<C, E, R>(
    c: &C,
    people: &[Uuid],
    person: impl Fn(&R) -> Uuid,
    query: impl Fn(Option<&[Uuid]>) -> sea_orm::Select<E>,
) -> crate::Result<Vec<R>>
where
    C: ConnectionTrait,
    E: sea_orm::EntityTrait,
    R: sea_orm::TryGetableMany,
{
    if people.len() > WHOLE_PERIOD_ABOVE {
        let wanted: std::collections::HashSet<&Uuid> = people.iter().collect();
        let rows: Vec<R> = query(None).into_tuple().all(c).await?;
        return Ok(rows.into_iter().filter(|r| wanted.contains(&person(r))).collect());
    }
    let mut out = Vec::new();
    for chunk in people.chunks(500) {
        out.extend(query(Some(chunk)).into_tuple::<R>().all(c).await?);
    }
    Ok(out)
}

/// Narrows a query of invitees that reads a whole period (no person named) to the meetings held
/// in `[from, to]` by their ids: SQLite then reads the invitees of each held meeting by the
/// primary key, where a join reads every invitee of every year and looks its meeting up (a
/// county's year: 0.27 s against 0.85 s).
pub(crate) fn invitees_of_held_between(
    q: sea_orm::Select<meeting_invitee::Entity>,
    from: NaiveDate,
    to: NaiveDate,
    kind: Option<&str>,
) -> sea_orm::Select<meeting_invitee::Entity> {
    use sea_orm::{EntityTrait, QuerySelect, QueryTrait};
    let mut held = meeting::Entity::find()
        .select_only()
        .column(meeting::Column::Id)
        .filter(meeting::Column::Status.eq("held"))
        .filter(meeting::Column::HeldOn.gte(from))
        .filter(meeting::Column::HeldOn.lte(to));
    if let Some(k) = kind {
        held = held.filter(meeting::Column::Kind.eq(k));
    }
    let held = held.into_query();
    q.filter(meeting_invitee::Column::MeetingId.in_subquery(held))
}
