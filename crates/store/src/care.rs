//! Queries for care and pairing: difficulties, visits, strong-helps-weak pairs with their
//! contacts, and the contacts of members with their linked households (联户), whose latest
//! contact per link is found in one grouped query.

use std::collections::HashMap;

use chrono::NaiveDate;
use lianxin_core::{paging::Window, tree::TreePath};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use crate::entity::{
    care_difficulty, care_pair, care_pair_contact, care_visit, care_visit_visitor, household_contact, household_link, member,
};

pub use care_difficulty::Model as Difficulty;
pub use care_pair::Model as Pair;
pub use care_pair_contact::Model as PairContact;
pub use care_visit::Model as Visit;
pub use household_contact::Model as HouseholdContact;

/// Rows of a subtree's lists are capped here; pages say when the cap was reached.
pub const LIST_CAP: u64 = 2000;

pub async fn insert_difficulty<C: ConnectionTrait>(c: &C, d: Difficulty) -> crate::Result<Difficulty> {
    Ok(d.into_active_model().reset_all().insert(c).await?)
}

pub async fn difficulty<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Difficulty>> {
    Ok(care_difficulty::Entity::find_by_id(id).one(c).await?)
}

pub async fn update_difficulty<C: ConnectionTrait>(c: &C, d: Difficulty) -> crate::Result<Difficulty> {
    Ok(d.into_active_model().reset_all().update(c).await?)
}

/// The difficulties of a subtree's members still open on `to` or closed on or after `from`:
/// those that touched the period, newest first; every one (the must-visit list is computed from
/// them).
pub async fn difficulties_in<C: ConnectionTrait>(c: &C, root: &TreePath, from: NaiveDate, to: NaiveDate) -> crate::Result<Vec<Difficulty>> {
    let (lo, hi) = root.subtree_range();
    Ok(care_difficulty::Entity::find()
        .filter(care_difficulty::Column::OrgPath.gte(lo))
        .filter(care_difficulty::Column::OrgPath.lt(hi))
        .filter(care_difficulty::Column::RegisteredOn.lte(to))
        .filter(care_difficulty::Column::ClosedOn.is_null().or(care_difficulty::Column::ClosedOn.gte(from)))
        .order_by_desc(care_difficulty::Column::RegisteredOn)
        .all(c)
        .await?)
}

/// One member's difficulties, newest first.
pub async fn difficulties_of<C: ConnectionTrait>(c: &C, member: Uuid) -> crate::Result<Vec<Difficulty>> {
    Ok(care_difficulty::Entity::find()
        .filter(care_difficulty::Column::MemberId.eq(member))
        .order_by_desc(care_difficulty::Column::RegisteredOn)
        .all(c)
        .await?)
}

/// Whether a member still has an open difficulty: the member record's flag follows it.
pub async fn set_in_difficulty<C: ConnectionTrait>(c: &C, member_id: Uuid, now: chrono::DateTime<chrono::Utc>) -> crate::Result<bool> {
    let open = care_difficulty::Entity::find()
        .filter(care_difficulty::Column::MemberId.eq(member_id))
        .filter(care_difficulty::Column::ClosedOn.is_null())
        .count(c)
        .await?
        > 0;
    member::Entity::update_many()
        .col_expr(member::Column::InDifficulty, Expr::value(open))
        .col_expr(member::Column::UpdatedAt, Expr::value(now))
        .filter(member::Column::Id.eq(member_id))
        .exec(c)
        .await?;
    Ok(open)
}

pub async fn insert_visit<C: ConnectionTrait>(c: &C, v: Visit) -> crate::Result<Visit> {
    Ok(v.into_active_model().reset_all().insert(c).await?)
}

pub async fn visit<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Visit>> {
    Ok(care_visit::Entity::find_by_id(id).one(c).await?)
}

pub async fn update_visit<C: ConnectionTrait>(c: &C, v: Visit) -> crate::Result<Visit> {
    Ok(v.into_active_model().reset_all().update(c).await?)
}

/// Sets the members who made (or are to make) a visit: those given, on the day it was made.
pub async fn set_visitors<C: ConnectionTrait>(c: &C, visit: Uuid, members: &[Uuid], visited_on: Option<NaiveDate>) -> crate::Result<()> {
    care_visit_visitor::Entity::delete_many().filter(care_visit_visitor::Column::VisitId.eq(visit)).exec(c).await?;
    if members.is_empty() {
        return Ok(());
    }
    let rows = members.iter().map(|m| {
        care_visit_visitor::Model { id: Uuid::now_v7(), visit_id: visit, member_id: *m, visited_on }.into_active_model().reset_all()
    });
    care_visit_visitor::Entity::insert_many(rows).exec_without_returning(c).await?;
    Ok(())
}

/// The members who made (or are to make) each of the given visits.
pub async fn visitors_of<C: ConnectionTrait>(c: &C, visits: &[Uuid]) -> crate::Result<HashMap<Uuid, Vec<Uuid>>> {
    let mut out: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for chunk in visits.chunks(500) {
        let rows: Vec<(Uuid, Uuid)> = care_visit_visitor::Entity::find()
            .select_only()
            .column(care_visit_visitor::Column::VisitId)
            .column(care_visit_visitor::Column::MemberId)
            .filter(care_visit_visitor::Column::VisitId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(c)
            .await?;
        for (v, m) in rows {
            out.entry(v).or_default().push(m);
        }
    }
    Ok(out)
}

/// How many visits each of the given members made in `[from, to]`.
pub async fn visits_made_by<C: ConnectionTrait>(
    c: &C,
    members: &[Uuid],
    from: NaiveDate,
    to: NaiveDate,
) -> crate::Result<HashMap<Uuid, i64>> {
    let mut out = HashMap::new();
    for chunk in members.chunks(500) {
        let rows: Vec<(Uuid, i64)> = care_visit_visitor::Entity::find()
            .select_only()
            .column(care_visit_visitor::Column::MemberId)
            .column_as(Expr::col(care_visit_visitor::Column::Id).count(), "n")
            .filter(care_visit_visitor::Column::MemberId.is_in(chunk.iter().copied()))
            .filter(care_visit_visitor::Column::VisitedOn.gte(from))
            .filter(care_visit_visitor::Column::VisitedOn.lte(to))
            .group_by(care_visit_visitor::Column::MemberId)
            .into_tuple()
            .all(c)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// The visits of a subtree planned in `[from, to]`, by day; every one (the must-visit list is
/// computed from them).
pub async fn visits_in<C: ConnectionTrait>(c: &C, root: &TreePath, from: NaiveDate, to: NaiveDate) -> crate::Result<Vec<Visit>> {
    let (lo, hi) = root.subtree_range();
    Ok(care_visit::Entity::find()
        .filter(care_visit::Column::OrgPath.gte(lo))
        .filter(care_visit::Column::OrgPath.lt(hi))
        .filter(care_visit::Column::PlannedOn.gte(from))
        .filter(care_visit::Column::PlannedOn.lte(to))
        .order_by_asc(care_visit::Column::PlannedOn)
        .all(c)
        .await?)
}

/// One member's visits, newest first.
pub async fn visits_of<C: ConnectionTrait>(c: &C, member: Uuid) -> crate::Result<Vec<Visit>> {
    Ok(care_visit::Entity::find()
        .filter(care_visit::Column::MemberId.eq(member))
        .order_by_desc(care_visit::Column::PlannedOn)
        .all(c)
        .await?)
}

pub async fn insert_pair<C: ConnectionTrait>(c: &C, p: Pair) -> crate::Result<Pair> {
    Ok(p.into_active_model().reset_all().insert(c).await?)
}

pub async fn pair<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Pair>> {
    Ok(care_pair::Entity::find_by_id(id).one(c).await?)
}

/// The pairs of a subtree whose period touches `[from, to]`.
pub async fn pairs_in<C: ConnectionTrait>(c: &C, root: &TreePath, from: NaiveDate, to: NaiveDate) -> crate::Result<Vec<Pair>> {
    let (lo, hi) = root.subtree_range();
    Ok(care_pair::Entity::find()
        .filter(care_pair::Column::OrgPath.gte(lo))
        .filter(care_pair::Column::OrgPath.lt(hi))
        .filter(care_pair::Column::StartsOn.lte(to))
        .filter(care_pair::Column::EndsOn.gte(from))
        .order_by_asc(care_pair::Column::StartsOn)
        .limit(LIST_CAP)
        .all(c)
        .await?)
}

/// The pairs a person helps in, newest first.
pub async fn pairs_helped_by<C: ConnectionTrait>(c: &C, person: Uuid) -> crate::Result<Vec<Pair>> {
    Ok(care_pair::Entity::find()
        .filter(care_pair::Column::HelperPersonId.eq(person))
        .order_by_desc(care_pair::Column::StartsOn)
        .all(c)
        .await?)
}

pub async fn insert_pair_contact<C: ConnectionTrait>(c: &C, x: PairContact) -> crate::Result<PairContact> {
    Ok(x.into_active_model().reset_all().insert(c).await?)
}

/// A pair's contacts, newest first.
pub async fn pair_contacts<C: ConnectionTrait>(c: &C, pair: Uuid) -> crate::Result<Vec<PairContact>> {
    Ok(care_pair_contact::Entity::find()
        .filter(care_pair_contact::Column::PairId.eq(pair))
        .order_by_desc(care_pair_contact::Column::ContactedOn)
        .order_by_desc(care_pair_contact::Column::RecordedAt)
        .all(c)
        .await?)
}

/// How many contacts each of the given pairs has, and the latest.
pub async fn pair_contact_counts<C: ConnectionTrait>(c: &C, pairs: &[Uuid]) -> crate::Result<HashMap<Uuid, (i64, NaiveDate)>> {
    let mut out = HashMap::new();
    for chunk in pairs.chunks(500) {
        let rows: Vec<(Uuid, i64, NaiveDate)> = care_pair_contact::Entity::find()
            .select_only()
            .column(care_pair_contact::Column::PairId)
            .column_as(Expr::col(care_pair_contact::Column::Id).count(), "n")
            .column_as(Expr::col(care_pair_contact::Column::ContactedOn).max(), "last")
            .filter(care_pair_contact::Column::PairId.is_in(chunk.iter().copied()))
            .group_by(care_pair_contact::Column::PairId)
            .into_tuple()
            .all(c)
            .await?;
        out.extend(rows.into_iter().map(|(id, n, last)| (id, (n, last))));
    }
    Ok(out)
}

/// A member–household link with the member's name and organization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub member_id: Uuid,
    pub person_id: Uuid,
    pub person_name: String,
    pub org_path: String,
    pub household_id: Uuid,
    pub since: NaiveDate,
}

/// The household links of a subtree's current members (probationary and full).
pub async fn links_in<C: ConnectionTrait>(c: &C, root: &TreePath) -> crate::Result<Vec<Link>> {
    let (lo, hi) = root.subtree_range();
    let members: Vec<(Uuid, Uuid, String, String)> = member::Entity::find()
        .select_only()
        .columns([member::Column::Id, member::Column::PersonId, member::Column::PersonName, member::Column::OrgPath])
        .filter(member::Column::OrgPath.gte(lo))
        .filter(member::Column::OrgPath.lt(hi))
        .filter(member::Column::Status.is_in(crate::dues::PAYING))
        .into_tuple()
        .all(c)
        .await?;
    links_of_members(c, members).await
}

/// The household links of one member.
pub async fn links_of<C: ConnectionTrait>(c: &C, m: &member::Model) -> crate::Result<Vec<Link>> {
    links_of_members(c, vec![(m.id, m.person_id, m.person_name.clone(), m.org_path.clone())]).await
}

async fn links_of_members<C: ConnectionTrait>(c: &C, members: Vec<(Uuid, Uuid, String, String)>) -> crate::Result<Vec<Link>> {
    let by_id: HashMap<Uuid, (Uuid, String, String)> = members.into_iter().map(|(id, p, n, o)| (id, (p, n, o))).collect();
    let ids: Vec<Uuid> = by_id.keys().copied().collect();
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        let rows = household_link::Entity::find().filter(household_link::Column::MemberId.is_in(chunk.iter().copied())).all(c).await?;
        out.extend(rows.into_iter().map(|l| {
            let (person_id, name, org) = &by_id[&l.member_id];
            Link {
                member_id: l.member_id,
                person_id: *person_id,
                person_name: name.clone(),
                org_path: org.clone(),
                household_id: l.household_id,
                since: l.since,
            }
        }));
    }
    Ok(out)
}

/// The latest contact of each (member, household) among the given members, in one grouped
/// query per 500 members.
pub async fn last_contacts<C: ConnectionTrait>(c: &C, members: &[Uuid]) -> crate::Result<HashMap<(Uuid, Uuid), NaiveDate>> {
    let mut out = HashMap::new();
    for chunk in members.chunks(500) {
        let rows: Vec<(Uuid, Uuid, NaiveDate)> = household_contact::Entity::find()
            .select_only()
            .column(household_contact::Column::MemberId)
            .column(household_contact::Column::HouseholdId)
            .column_as(Expr::col(household_contact::Column::ContactedOn).max(), "last")
            .filter(household_contact::Column::MemberId.is_in(chunk.iter().copied()))
            .group_by(household_contact::Column::MemberId)
            .group_by(household_contact::Column::HouseholdId)
            .into_tuple()
            .all(c)
            .await?;
        out.extend(rows.into_iter().map(|(m, h, d)| ((m, h), d)));
    }
    Ok(out)
}

/// The (member, household) links among the given members that had a practical service in
/// `[from, to]`.
pub async fn served_in<C: ConnectionTrait>(c: &C, members: &[Uuid], from: NaiveDate, to: NaiveDate) -> crate::Result<Vec<(Uuid, Uuid)>> {
    let mut out = Vec::new();
    for chunk in members.chunks(500) {
        let rows: Vec<(Uuid, Uuid)> = household_contact::Entity::find()
            .select_only()
            .column(household_contact::Column::MemberId)
            .column(household_contact::Column::HouseholdId)
            .filter(household_contact::Column::MemberId.is_in(chunk.iter().copied()))
            .filter(household_contact::Column::Kind.eq("service"))
            .filter(household_contact::Column::ContactedOn.gte(from))
            .filter(household_contact::Column::ContactedOn.lte(to))
            .distinct()
            .into_tuple()
            .all(c)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

pub async fn insert_household_contact<C: ConnectionTrait>(c: &C, x: HouseholdContact) -> crate::Result<HouseholdContact> {
    Ok(x.into_active_model().reset_all().insert(c).await?)
}

/// Many generated household contacts, in chunks.
pub async fn insert_household_contacts<C: ConnectionTrait>(c: &C, rows: Vec<HouseholdContact>) -> crate::Result<()> {
    for chunk in rows.chunks(300) {
        household_contact::Entity::insert_many(chunk.iter().cloned().map(|x| x.into_active_model().reset_all()))
            .exec_without_returning(c)
            .await?;
    }
    Ok(())
}

/// One member's contacts with one household, newest first, one page of them.
pub async fn household_contacts<C: ConnectionTrait>(
    c: &C,
    member: Uuid,
    household: Uuid,
    w: Window,
) -> crate::Result<Vec<HouseholdContact>> {
    Ok(household_contact::Entity::find()
        .filter(household_contact::Column::MemberId.eq(member))
        .filter(household_contact::Column::HouseholdId.eq(household))
        .order_by_desc(household_contact::Column::ContactedOn)
        .order_by_desc(household_contact::Column::RecordedAt)
        .order_by_asc(household_contact::Column::Id)
        .offset(w.from)
        .limit(w.fetch())
        .all(c)
        .await?)
}

/// How many contacts one member logged with one household.
pub async fn count_household_contacts<C: ConnectionTrait>(c: &C, member: Uuid, household: Uuid) -> crate::Result<u64> {
    Ok(household_contact::Entity::find()
        .filter(household_contact::Column::MemberId.eq(member))
        .filter(household_contact::Column::HouseholdId.eq(household))
        .count(c)
        .await?)
}

/// How many contacts each of the given members logged as helper of a pair in `[from, to]`.
pub async fn pair_contacts_by_helpers<C: ConnectionTrait>(
    c: &C,
    helpers: &[Uuid],
    from: NaiveDate,
    to: NaiveDate,
) -> crate::Result<HashMap<Uuid, i64>> {
    let mut out: HashMap<Uuid, i64> = HashMap::new();
    for chunk in helpers.chunks(500) {
        let pairs: Vec<(Uuid, Uuid)> = care_pair::Entity::find()
            .select_only()
            .column(care_pair::Column::Id)
            .column(care_pair::Column::HelperId)
            .filter(care_pair::Column::HelperId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(c)
            .await?;
        let helper_of: HashMap<Uuid, Uuid> = pairs.into_iter().collect();
        for ids in helper_of.keys().copied().collect::<Vec<_>>().chunks(500) {
            let rows: Vec<(Uuid, i64)> = care_pair_contact::Entity::find()
                .select_only()
                .column(care_pair_contact::Column::PairId)
                .column_as(Expr::col(care_pair_contact::Column::Id).count(), "n")
                .filter(care_pair_contact::Column::PairId.is_in(ids.iter().copied()))
                .filter(care_pair_contact::Column::ContactedOn.gte(from))
                .filter(care_pair_contact::Column::ContactedOn.lte(to))
                .group_by(care_pair_contact::Column::PairId)
                .into_tuple()
                .all(c)
                .await?;
            for (pair, n) in rows {
                if let Some(h) = helper_of.get(&pair) {
                    *out.entry(*h).or_default() += n;
                }
            }
        }
    }
    Ok(out)
}
