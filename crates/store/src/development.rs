//! Queries for member development: cases by person or subtree (one query, a path range, keyset
//! by person name) and the steps of a case.

use lianxin_core::tree::TreePath;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::entity::{development_case, development_step, meeting, meeting_vote, member};

pub use development_case::Model as Case;
pub use development_step::Model as Step;

pub async fn insert_case<C: ConnectionTrait>(c: &C, m: Case) -> crate::Result<Case> {
    Ok(m.into_active_model().reset_all().insert(c).await?)
}

pub async fn update_case<C: ConnectionTrait>(c: &C, m: Case) -> crate::Result<Case> {
    Ok(m.into_active_model().reset_all().update(c).await?)
}

pub async fn case<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Case>> {
    Ok(development_case::Entity::find_by_id(id).one(c).await?)
}

pub async fn case_of_person<C: ConnectionTrait>(c: &C, person: Uuid) -> crate::Result<Option<Case>> {
    Ok(development_case::Entity::find().filter(development_case::Column::PersonId.eq(person)).one(c).await?)
}

/// The cases of a subtree, by person name then id, after `after` (keyset); `open` leaves out the
/// finished ones (full members, cancelled).
pub async fn cases_in<C: ConnectionTrait>(
    c: &C,
    root: &TreePath,
    open: bool,
    after: Option<(&str, Uuid)>,
    limit: u64,
) -> crate::Result<Vec<Case>> {
    let (lo, hi) = root.subtree_range();
    let mut q =
        development_case::Entity::find().filter(development_case::Column::OrgPath.gte(lo)).filter(development_case::Column::OrgPath.lt(hi));
    if open {
        q = q.filter(development_case::Column::Stage.is_not_in(["full", "cancelled"]));
    }
    if let Some((name, id)) = after {
        q =
            q.filter(sea_orm::Condition::any().add(development_case::Column::PersonName.gt(name)).add(
                sea_orm::Condition::all().add(development_case::Column::PersonName.eq(name)).add(development_case::Column::Id.gt(id)),
            ));
    }
    Ok(q.order_by_asc(development_case::Column::PersonName).order_by_asc(development_case::Column::Id).limit(limit).all(c).await?)
}

/// Every open case of a subtree (not yet full members, not cancelled), in no order.
pub async fn open_cases_in<C: ConnectionTrait>(c: &C, root: &TreePath) -> crate::Result<Vec<Case>> {
    let (lo, hi) = root.subtree_range();
    Ok(development_case::Entity::find()
        .filter(development_case::Column::OrgPath.gte(lo))
        .filter(development_case::Column::OrgPath.lt(hi))
        .filter(development_case::Column::Stage.is_not_in(["full", "cancelled"]))
        .all(c)
        .await?)
}

pub async fn insert_step<C: ConnectionTrait>(c: &C, s: Step) -> crate::Result<Step> {
    Ok(s.into_active_model().reset_all().insert(c).await?)
}

/// A case's steps in the order they happened.
pub async fn steps_of<C: ConnectionTrait>(c: &C, case: Uuid) -> crate::Result<Vec<Step>> {
    Ok(development_step::Entity::find()
        .filter(development_step::Column::CaseId.eq(case))
        .order_by_asc(development_step::Column::OnDate)
        .order_by_asc(development_step::Column::RecordedAt)
        .order_by_asc(development_step::Column::Id)
        .all(c)
        .await?)
}

/// Inserts generated cases and their steps in chunks.
pub async fn insert_cases<C: ConnectionTrait>(c: &C, cases: Vec<Case>, steps: Vec<Step>) -> crate::Result<()> {
    for chunk in cases.chunks(300) {
        development_case::Entity::insert_many(chunk.iter().cloned().map(|m| m.into_active_model().reset_all()))
            .exec_without_returning(c)
            .await?;
    }
    for chunk in steps.chunks(800) {
        development_step::Entity::insert_many(chunk.iter().cloned().map(|m| m.into_active_model().reset_all()))
            .exec_without_returning(c)
            .await?;
    }
    Ok(())
}

/// Passed votes of an organization's held assemblies that no case has used yet, the latest
/// first: (vote, the meeting's date, the motion). Three queries.
pub async fn free_assembly_votes<C: ConnectionTrait>(
    c: &C,
    org: Uuid,
    limit: u64,
) -> crate::Result<Vec<(Uuid, Option<chrono::NaiveDate>, String)>> {
    let meetings: Vec<(Uuid, Option<chrono::NaiveDate>)> = meeting::Entity::find()
        .select_only()
        .columns([meeting::Column::Id, meeting::Column::HeldOn])
        .filter(meeting::Column::OrgId.eq(org))
        .filter(meeting::Column::Kind.eq("assembly"))
        .filter(meeting::Column::Status.eq("held"))
        .order_by_desc(meeting::Column::StartsAt)
        .limit(50)
        .into_tuple()
        .all(c)
        .await?;
    let ids: Vec<Uuid> = meetings.iter().map(|(id, _)| *id).collect();
    // A confirmation vote only ever goes with an admission vote of the same case.
    let used: Vec<(Option<Uuid>, Option<Uuid>)> = development_case::Entity::find()
        .select_only()
        .columns([development_case::Column::AdmissionVoteId, development_case::Column::ConfirmationVoteId])
        .filter(development_case::Column::OrgId.eq(org))
        .filter(development_case::Column::AdmissionVoteId.is_not_null())
        .into_tuple()
        .all(c)
        .await?;
    let used: std::collections::HashSet<Uuid> = used.into_iter().flat_map(|(a, b)| [a, b]).flatten().collect();
    let votes = meeting_vote::Entity::find()
        .filter(meeting_vote::Column::MeetingId.is_in(ids))
        .filter(meeting_vote::Column::Passes.eq(true))
        .order_by_desc(meeting_vote::Column::RecordedAt)
        .all(c)
        .await?;
    Ok(votes
        .into_iter()
        .filter(|v| !used.contains(&v.id))
        .take(limit as usize)
        .map(|v| (v.id, meetings.iter().find(|(id, _)| *id == v.meeting_id).and_then(|(_, d)| *d), v.motion))
        .collect())
}

/// Full members of an organization: (member, person, name), by name.
pub async fn full_members_of<C: ConnectionTrait>(c: &C, org: Uuid, limit: u64) -> crate::Result<Vec<(Uuid, Uuid, String)>> {
    Ok(member::Entity::find()
        .select_only()
        .columns([member::Column::Id, member::Column::PersonId, member::Column::PersonName])
        .filter(member::Column::OrgId.eq(org))
        .filter(member::Column::Status.eq("full"))
        .order_by_asc(member::Column::PersonName)
        .limit(limit)
        .into_tuple()
        .all(c)
        .await?)
}

/// Whether a vote already admitted or confirmed someone.
pub async fn vote_used<C: ConnectionTrait>(c: &C, vote: Uuid) -> crate::Result<bool> {
    Ok(development_case::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(development_case::Column::AdmissionVoteId.eq(vote))
                .add(development_case::Column::ConfirmationVoteId.eq(vote)),
        )
        .one(c)
        .await?
        .is_some())
}

/// Adults (born on or before `born_by`) of an area's subtree who are not members and have no
/// case: (person, name), by name.
pub async fn candidates<C: ConnectionTrait>(
    c: &C,
    area: &TreePath,
    born_by: chrono::NaiveDate,
    limit: u64,
) -> crate::Result<Vec<(Uuid, String)>> {
    use crate::entity::person;
    use sea_orm::sea_query::Query;
    let (lo, hi) = area.subtree_range();
    Ok(person::Entity::find()
        .select_only()
        .columns([person::Column::Id, person::Column::Name])
        .filter(person::Column::AreaPath.gte(lo))
        .filter(person::Column::AreaPath.lt(hi))
        .filter(person::Column::BirthDate.lte(born_by))
        .filter(person::Column::Id.not_in_subquery(Query::select().column(member::Column::PersonId).from(member::Entity).to_owned()))
        .filter(
            person::Column::Id
                .not_in_subquery(Query::select().column(development_case::Column::PersonId).from(development_case::Entity).to_owned()),
        )
        .order_by_asc(person::Column::Name)
        .limit(limit)
        .into_tuple()
        .all(c)
        .await?)
}
