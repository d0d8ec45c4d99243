//! Queries for people: persons, households, grids, village bodies, member records and their
//! history, positions, member–household links, transfers and imports. Lists are keyset-paginated
//! and subtrees are path ranges.

use chrono::{DateTime, NaiveDate, Utc};
use lianxin_core::tree::TreePath;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, Statement, sea_query::Expr,
};
use uuid::Uuid;

use crate::entity::{grid, household, household_link, import, member, member_history, person, position, transfer, village_body};

pub use grid::Model as Grid;
pub use household::Model as Household;
pub use import::Model as Import;
pub use member::Model as Member;
pub use member_history::Model as MemberHistory;
pub use person::Model as Person;
pub use position::Model as Position;
pub use transfer::Model as Transfer;
pub use village_body::Model as VillageBody;

fn range(root: &TreePath) -> (String, String) {
    root.subtree_range()
}

// ---- persons ----

pub async fn insert_person<C: ConnectionTrait>(c: &C, p: Person) -> crate::Result<Person> {
    Ok(p.into_active_model().reset_all().insert(c).await?)
}

/// Inserts many persons in chunks (for imports and generated data).
pub async fn insert_persons<C: ConnectionTrait>(c: &C, rows: Vec<Person>) -> crate::Result<()> {
    for chunk in rows.chunks(500) {
        person::Entity::insert_many(chunk.iter().cloned().map(|p| p.into_active_model().reset_all())).exec_without_returning(c).await?;
    }
    Ok(())
}

pub async fn person<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Person>> {
    Ok(person::Entity::find_by_id(id).one(c).await?)
}

pub async fn persons_by_ids<C: ConnectionTrait>(c: &C, ids: &[Uuid]) -> crate::Result<Vec<Person>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(person::Entity::find().filter(person::Column::Id.is_in(chunk.iter().copied())).all(c).await?);
    }
    Ok(out)
}

/// Which of these ID-number hashes are already taken (for imports, one query per chunk).
pub async fn taken_id_hashes<C: ConnectionTrait>(c: &C, hashes: &[String]) -> crate::Result<Vec<String>> {
    let mut out = Vec::new();
    for chunk in hashes.chunks(500) {
        let found = person::Entity::find()
            .select_only()
            .column(person::Column::IdNumberHash)
            .filter(person::Column::IdNumberHash.is_in(chunk.to_vec()))
            .into_tuple::<Option<String>>()
            .all(c)
            .await?;
        out.extend(found.into_iter().flatten());
    }
    Ok(out)
}

/// Persons with these ID-number hashes (one query per 500).
pub async fn persons_by_id_hashes<C: ConnectionTrait>(c: &C, hashes: &[String]) -> crate::Result<Vec<Person>> {
    let mut out = Vec::new();
    for chunk in hashes.chunks(500) {
        out.extend(person::Entity::find().filter(person::Column::IdNumberHash.is_in(chunk.to_vec())).all(c).await?);
    }
    Ok(out)
}

/// Persons found by exact keyed hash of an ID number or a phone, inside the area subtrees (all
/// areas when `roots` is empty: the caller then applies the policy to each).
pub async fn persons_by_hash<C: ConnectionTrait>(
    c: &C,
    roots: &[TreePath],
    id_hash: Option<&str>,
    phone_hash: Option<&str>,
    limit: u64,
) -> crate::Result<Vec<Person>> {
    let mut cond = Condition::any();
    if let Some(h) = id_hash {
        cond = cond.add(person::Column::IdNumberHash.eq(h));
    }
    if let Some(h) = phone_hash {
        cond = cond.add(person::Column::PhoneHash.eq(h));
    }
    let mut q = person::Entity::find().filter(cond);
    if !roots.is_empty() {
        q = q.filter(in_areas(roots));
    }
    Ok(q.order_by_asc(person::Column::Name).order_by_asc(person::Column::Id).limit(limit).all(c).await?)
}

fn in_areas(roots: &[TreePath]) -> Condition {
    let mut any = Condition::any();
    for r in roots {
        let (lo, hi) = range(r);
        any = any.add(Condition::all().add(person::Column::AreaPath.gte(lo)).add(person::Column::AreaPath.lt(hi)));
    }
    any
}

/// Persons whose name starts with `prefix` inside the area subtrees, by name.
pub async fn persons_by_name<C: ConnectionTrait>(
    c: &C,
    roots: &[TreePath],
    prefix: &str,
    after: Option<(&str, Uuid)>,
    limit: u64,
) -> crate::Result<Vec<Person>> {
    if roots.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = person::Entity::find().filter(in_areas(roots)).filter(person::Column::Name.starts_with(prefix));
    if let Some((name, id)) = after {
        q = q.filter(
            Condition::any()
                .add(person::Column::Name.gt(name))
                .add(Condition::all().add(person::Column::Name.eq(name)).add(person::Column::Id.gt(id))),
        );
    }
    Ok(q.order_by_asc(person::Column::Name).order_by_asc(person::Column::Id).limit(limit).all(c).await?)
}

pub async fn persons_in_household<C: ConnectionTrait>(c: &C, household: Uuid) -> crate::Result<Vec<Person>> {
    Ok(person::Entity::find().filter(person::Column::HouseholdId.eq(household)).order_by_asc(person::Column::BirthDate).all(c).await?)
}

pub async fn update_person<C: ConnectionTrait>(c: &C, p: Person) -> crate::Result<Person> {
    let mut am = p.into_active_model().reset_all();
    am.created_at = sea_orm::ActiveValue::NotSet;
    Ok(am.update(c).await?)
}

pub async fn count_persons<C: ConnectionTrait>(c: &C, root: &TreePath) -> crate::Result<u64> {
    let (lo, hi) = range(root);
    Ok(person::Entity::find().filter(person::Column::AreaPath.gte(lo)).filter(person::Column::AreaPath.lt(hi)).count(c).await?)
}

// ---- households and grids ----

pub async fn insert_household<C: ConnectionTrait>(c: &C, h: Household) -> crate::Result<Household> {
    Ok(h.into_active_model().reset_all().insert(c).await?)
}

pub async fn insert_households<C: ConnectionTrait>(c: &C, rows: Vec<Household>) -> crate::Result<()> {
    for chunk in rows.chunks(500) {
        household::Entity::insert_many(chunk.iter().cloned().map(|h| h.into_active_model().reset_all())).exec_without_returning(c).await?;
    }
    Ok(())
}

pub async fn household<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Household>> {
    Ok(household::Entity::find_by_id(id).one(c).await?)
}

pub async fn households_by_ids<C: ConnectionTrait>(c: &C, ids: &[Uuid]) -> crate::Result<Vec<Household>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(household::Entity::find().filter(household::Column::Id.is_in(chunk.iter().copied())).all(c).await?);
    }
    Ok(out)
}

pub async fn household_by_no<C: ConnectionTrait>(c: &C, area: Uuid, no: &str) -> crate::Result<Option<Household>> {
    Ok(household::Entity::find().filter(household::Column::AreaId.eq(area)).filter(household::Column::HouseholdNo.eq(no)).one(c).await?)
}

/// Households in an area subtree (and a grid, when given), keyset by id.
pub async fn households<C: ConnectionTrait>(
    c: &C,
    root: &TreePath,
    grid: Option<Uuid>,
    after: Option<Uuid>,
    limit: u64,
) -> crate::Result<Vec<Household>> {
    let (lo, hi) = range(root);
    let mut q = household::Entity::find().filter(household::Column::AreaPath.gte(lo)).filter(household::Column::AreaPath.lt(hi));
    if let Some(g) = grid {
        q = q.filter(household::Column::GridId.eq(g));
    }
    if let Some(a) = after {
        q = q.filter(household::Column::Id.gt(a));
    }
    Ok(q.order_by_asc(household::Column::Id).limit(limit).all(c).await?)
}

pub async fn update_household<C: ConnectionTrait>(c: &C, h: Household) -> crate::Result<Household> {
    let mut am = h.into_active_model().reset_all();
    am.created_at = sea_orm::ActiveValue::NotSet;
    Ok(am.update(c).await?)
}

pub async fn insert_grid<C: ConnectionTrait>(c: &C, g: Grid) -> crate::Result<Grid> {
    Ok(g.into_active_model().reset_all().insert(c).await?)
}

pub async fn grid<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Grid>> {
    Ok(grid::Entity::find_by_id(id).one(c).await?)
}

pub async fn grids_in<C: ConnectionTrait>(c: &C, root: &TreePath) -> crate::Result<Vec<Grid>> {
    let (lo, hi) = range(root);
    Ok(grid::Entity::find()
        .filter(grid::Column::AreaPath.gte(lo))
        .filter(grid::Column::AreaPath.lt(hi))
        .order_by_asc(grid::Column::Name)
        .all(c)
        .await?)
}

pub async fn set_grid_leader<C: ConnectionTrait>(c: &C, id: Uuid, leader: Option<Uuid>, now: DateTime<Utc>) -> crate::Result<()> {
    grid::Entity::update_many()
        .col_expr(grid::Column::LeaderPersonId, Expr::value(leader))
        .col_expr(grid::Column::UpdatedAt, Expr::value(now))
        .filter(grid::Column::Id.eq(id))
        .exec(c)
        .await?;
    Ok(())
}

// ---- village bodies ----

pub async fn insert_body<C: ConnectionTrait>(c: &C, b: VillageBody) -> crate::Result<VillageBody> {
    Ok(b.into_active_model().reset_all().insert(c).await?)
}

pub async fn body<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<VillageBody>> {
    Ok(village_body::Entity::find_by_id(id).one(c).await?)
}

pub async fn bodies_in<C: ConnectionTrait>(c: &C, root: &TreePath) -> crate::Result<Vec<VillageBody>> {
    let (lo, hi) = range(root);
    Ok(village_body::Entity::find()
        .filter(village_body::Column::AreaPath.gte(lo))
        .filter(village_body::Column::AreaPath.lt(hi))
        .order_by_asc(village_body::Column::Kind)
        .all(c)
        .await?)
}

pub async fn bodies_led_by<C: ConnectionTrait>(c: &C, org: Uuid) -> crate::Result<Vec<VillageBody>> {
    Ok(village_body::Entity::find().filter(village_body::Column::LeadingOrgId.eq(org)).all(c).await?)
}

// ---- members ----

pub async fn insert_member<C: ConnectionTrait>(c: &C, m: Member) -> crate::Result<Member> {
    Ok(m.into_active_model().reset_all().insert(c).await?)
}

pub async fn insert_members<C: ConnectionTrait>(c: &C, rows: Vec<Member>) -> crate::Result<()> {
    for chunk in rows.chunks(400) {
        member::Entity::insert_many(chunk.iter().cloned().map(|m| m.into_active_model().reset_all())).exec_without_returning(c).await?;
    }
    Ok(())
}

pub async fn member<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Member>> {
    Ok(member::Entity::find_by_id(id).one(c).await?)
}

pub async fn members_by_ids<C: ConnectionTrait>(c: &C, ids: &[Uuid]) -> crate::Result<Vec<Member>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(member::Entity::find().filter(member::Column::Id.is_in(ids.to_vec())).all(c).await?)
}

pub async fn member_by_person<C: ConnectionTrait>(c: &C, person: Uuid) -> crate::Result<Option<Member>> {
    Ok(member::Entity::find().filter(member::Column::PersonId.eq(person)).one(c).await?)
}

pub async fn members_by_persons<C: ConnectionTrait>(c: &C, persons: &[Uuid]) -> crate::Result<Vec<Member>> {
    if persons.is_empty() {
        return Ok(Vec::new());
    }
    Ok(member::Entity::find().filter(member::Column::PersonId.is_in(persons.to_vec())).all(c).await?)
}

pub async fn update_member<C: ConnectionTrait>(c: &C, m: Member) -> crate::Result<Member> {
    let mut am = m.into_active_model().reset_all();
    am.created_at = sea_orm::ActiveValue::NotSet;
    Ok(am.update(c).await?)
}

/// Filter of the member roster.
#[derive(Clone, Debug, Default)]
pub struct RosterFilter {
    pub statuses: Vec<String>,
    pub mobile: Option<bool>,
    pub in_difficulty: Option<bool>,
    pub elderly_frail: Option<bool>,
    pub name_prefix: Option<String>,
    /// Keyset: the (org_path, person_name, id) of the last row of the previous page.
    pub after: Option<(String, String, Uuid)>,
}

fn roster_query(root: &TreePath, f: &RosterFilter) -> sea_orm::Select<member::Entity> {
    let (lo, hi) = range(root);
    let mut q = member::Entity::find().filter(member::Column::OrgPath.gte(lo)).filter(member::Column::OrgPath.lt(hi));
    if !f.statuses.is_empty() {
        q = q.filter(member::Column::Status.is_in(f.statuses.clone()));
    }
    if let Some(b) = f.mobile {
        q = q.filter(member::Column::Mobile.eq(b));
    }
    if let Some(b) = f.in_difficulty {
        q = q.filter(member::Column::InDifficulty.eq(b));
    }
    if let Some(b) = f.elderly_frail {
        q = q.filter(member::Column::ElderlyFrail.eq(b));
    }
    if let Some(p) = f.name_prefix.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(member::Column::PersonName.starts_with(p));
    }
    q
}

/// One page of the roster of a subtree, ordered by organization, then name, then id.
pub async fn roster<C: ConnectionTrait>(c: &C, root: &TreePath, f: &RosterFilter, limit: u64) -> crate::Result<Vec<Member>> {
    let mut q = roster_query(root, f);
    if let Some((path, name, id)) = &f.after {
        q = q.filter(
            Condition::any()
                .add(member::Column::OrgPath.gt(path.clone()))
                .add(Condition::all().add(member::Column::OrgPath.eq(path.clone())).add(member::Column::PersonName.gt(name.clone())))
                .add(
                    Condition::all()
                        .add(member::Column::OrgPath.eq(path.clone()))
                        .add(member::Column::PersonName.eq(name.clone()))
                        .add(member::Column::Id.gt(*id)),
                ),
        );
    }
    Ok(q.order_by_asc(member::Column::OrgPath)
        .order_by_asc(member::Column::PersonName)
        .order_by_asc(member::Column::Id)
        .limit(limit)
        .all(c)
        .await?)
}

pub async fn count_roster<C: ConnectionTrait>(c: &C, root: &TreePath, f: &RosterFilter) -> crate::Result<u64> {
    Ok(roster_query(root, f).count(c).await?)
}

/// Members of one organization (not below it) by status, for the establishment rules.
pub async fn count_members_of<C: ConnectionTrait>(c: &C, org: Uuid, statuses: &[&str]) -> crate::Result<u64> {
    Ok(member::Entity::find()
        .filter(member::Column::OrgId.eq(org))
        .filter(member::Column::Status.is_in(statuses.iter().map(|s| s.to_string())))
        .count(c)
        .await?)
}

/// Rewrites members' organization paths after an organization subtree moved.
pub async fn rebase_member_paths<C: ConnectionTrait>(c: &C, old: &TreePath, new: &TreePath) -> crate::Result<u64> {
    let (lo, hi) = range(old);
    let cut = old.as_str().len() as i64 + 1;
    let b = c.get_database_backend();
    let sql = match b {
        sea_orm::DatabaseBackend::Postgres => {
            "UPDATE members SET org_path = $1 || SUBSTR(org_path, CAST($2 AS INTEGER)) WHERE org_path >= $3 AND org_path < $4"
        }
        _ => "UPDATE members SET org_path = ? || SUBSTR(org_path, CAST(? AS INTEGER)) WHERE org_path >= ? AND org_path < ?",
    };
    let r = c.execute_raw(Statement::from_sql_and_values(b, sql, [new.as_str().into(), cut.into(), lo.into(), hi.into()])).await?;
    Ok(r.rows_affected())
}

/// Moves the members of one organization to another (on a merge).
pub async fn move_members<C: ConnectionTrait>(c: &C, from: Uuid, to: Uuid, to_path: &str, now: DateTime<Utc>) -> crate::Result<u64> {
    Ok(member::Entity::update_many()
        .col_expr(member::Column::OrgId, Expr::value(to))
        .col_expr(member::Column::OrgPath, Expr::value(to_path))
        .col_expr(member::Column::UpdatedAt, Expr::value(now))
        .filter(member::Column::OrgId.eq(from))
        .exec(c)
        .await?
        .rows_affected)
}

pub async fn insert_history<C: ConnectionTrait>(c: &C, h: MemberHistory) -> crate::Result<()> {
    h.into_active_model().reset_all().insert(c).await?;
    Ok(())
}

pub async fn insert_histories<C: ConnectionTrait>(c: &C, rows: Vec<MemberHistory>) -> crate::Result<()> {
    for chunk in rows.chunks(500) {
        member_history::Entity::insert_many(chunk.iter().cloned().map(|h| h.into_active_model().reset_all()))
            .exec_without_returning(c)
            .await?;
    }
    Ok(())
}

pub async fn history<C: ConnectionTrait>(c: &C, member: Uuid) -> crate::Result<Vec<MemberHistory>> {
    Ok(member_history::Entity::find()
        .filter(member_history::Column::MemberId.eq(member))
        .order_by_desc(member_history::Column::RecordedAt)
        .all(c)
        .await?)
}

// ---- positions ----

pub async fn insert_position<C: ConnectionTrait>(c: &C, p: Position) -> crate::Result<Position> {
    Ok(p.into_active_model().reset_all().insert(c).await?)
}

pub async fn insert_positions<C: ConnectionTrait>(c: &C, rows: Vec<Position>) -> crate::Result<()> {
    for chunk in rows.chunks(500) {
        position::Entity::insert_many(chunk.iter().cloned().map(|p| p.into_active_model().reset_all())).exec_without_returning(c).await?;
    }
    Ok(())
}

pub async fn position<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Position>> {
    Ok(position::Entity::find_by_id(id).one(c).await?)
}

pub async fn end_position<C: ConnectionTrait>(c: &C, id: Uuid, on: NaiveDate) -> crate::Result<()> {
    position::Entity::update_many()
        .col_expr(position::Column::EndedOn, Expr::value(on))
        .filter(position::Column::Id.eq(id))
        .exec(c)
        .await?;
    Ok(())
}

pub(crate) fn current(today: NaiveDate) -> Condition {
    Condition::any().add(position::Column::EndedOn.is_null()).add(position::Column::EndedOn.gt(today))
}

/// The posts a person holds on `today`.
pub async fn current_positions_of_person<C: ConnectionTrait>(c: &C, person: Uuid, today: NaiveDate) -> crate::Result<Vec<Position>> {
    Ok(position::Entity::find()
        .filter(position::Column::PersonId.eq(person))
        .filter(position::Column::StartedOn.lte(today))
        .filter(current(today))
        .all(c)
        .await?)
}

pub async fn positions_of_person<C: ConnectionTrait>(c: &C, person: Uuid) -> crate::Result<Vec<Position>> {
    Ok(position::Entity::find().filter(position::Column::PersonId.eq(person)).order_by_desc(position::Column::StartedOn).all(c).await?)
}

/// Posts in an organization, a body or a grid; current ones only unless `history`.
pub async fn positions_in<C: ConnectionTrait>(
    c: &C,
    org: Option<Uuid>,
    body: Option<Uuid>,
    today: NaiveDate,
    history: bool,
) -> crate::Result<Vec<Position>> {
    let mut q = position::Entity::find();
    if let Some(o) = org {
        q = q.filter(position::Column::OrgId.eq(o));
    }
    if let Some(b) = body {
        q = q.filter(position::Column::BodyId.eq(b));
    }
    if !history {
        q = q.filter(current(today));
    }
    Ok(q.order_by_asc(position::Column::Post).order_by_desc(position::Column::StartedOn).all(c).await?)
}

/// Current posts of organizations in a subtree whose planned end falls before `before`.
pub async fn terms_ending<C: ConnectionTrait>(
    c: &C,
    root: &TreePath,
    today: NaiveDate,
    before: NaiveDate,
    limit: u64,
) -> crate::Result<Vec<Position>> {
    let (lo, hi) = range(root);
    let b = c.get_database_backend();
    let p = |i: usize| if b == sea_orm::DatabaseBackend::Postgres { format!("${i}") } else { "?".into() };
    let sql = format!(
        "SELECT positions.* FROM positions JOIN organizations ON organizations.id = positions.org_id \
         WHERE organizations.path >= {} AND organizations.path < {} AND positions.planned_end <= {} \
         AND (positions.ended_on IS NULL OR positions.ended_on > {}) ORDER BY positions.planned_end LIMIT {}",
        p(1),
        p(2),
        p(3),
        p(4),
        limit
    );
    Ok(position::Entity::find()
        .from_raw_sql(Statement::from_sql_and_values(b, sql, [lo.into(), hi.into(), before.into(), today.into()]))
        .all(c)
        .await?)
}

// ---- member–household links ----

pub async fn link<C: ConnectionTrait>(c: &C, member: Uuid, household: Uuid, since: NaiveDate) -> crate::Result<()> {
    household_link::Entity::insert(household_link::ActiveModel { member_id: Set(member), household_id: Set(household), since: Set(since) })
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([household_link::Column::MemberId, household_link::Column::HouseholdId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(c)
        .await?;
    Ok(())
}

pub async fn insert_links<C: ConnectionTrait>(c: &C, rows: Vec<(Uuid, Uuid, NaiveDate)>) -> crate::Result<()> {
    for chunk in rows.chunks(800) {
        household_link::Entity::insert_many(chunk.iter().map(|(m, h, s)| household_link::ActiveModel {
            member_id: Set(*m),
            household_id: Set(*h),
            since: Set(*s),
        }))
        .exec_without_returning(c)
        .await?;
    }
    Ok(())
}

pub async fn unlink<C: ConnectionTrait>(c: &C, member: Uuid, household: Uuid) -> crate::Result<u64> {
    Ok(household_link::Entity::delete_many()
        .filter(household_link::Column::MemberId.eq(member))
        .filter(household_link::Column::HouseholdId.eq(household))
        .exec(c)
        .await?
        .rows_affected)
}

pub async fn links_of_member<C: ConnectionTrait>(c: &C, member: Uuid) -> crate::Result<Vec<Uuid>> {
    Ok(household_link::Entity::find()
        .filter(household_link::Column::MemberId.eq(member))
        .all(c)
        .await?
        .into_iter()
        .map(|l| l.household_id)
        .collect())
}

pub async fn links_of_household<C: ConnectionTrait>(c: &C, household: Uuid) -> crate::Result<Vec<Uuid>> {
    Ok(household_link::Entity::find()
        .filter(household_link::Column::HouseholdId.eq(household))
        .all(c)
        .await?
        .into_iter()
        .map(|l| l.member_id)
        .collect())
}

// ---- transfers ----

pub async fn insert_transfer<C: ConnectionTrait>(c: &C, t: Transfer) -> crate::Result<Transfer> {
    Ok(t.into_active_model().reset_all().insert(c).await?)
}

pub async fn transfer<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Transfer>> {
    Ok(transfer::Entity::find_by_id(id).one(c).await?)
}

/// Decides a pending transfer; false when it was no longer pending (someone else decided first).
pub async fn decide_transfer<C: ConnectionTrait>(
    c: &C,
    id: Uuid,
    status: &str,
    by: &str,
    at: DateTime<Utc>,
    note: &str,
) -> crate::Result<bool> {
    let r = transfer::Entity::update_many()
        .col_expr(transfer::Column::Status, Expr::value(status))
        .col_expr(transfer::Column::DecidedBy, Expr::value(by))
        .col_expr(transfer::Column::DecidedAt, Expr::value(at))
        .col_expr(transfer::Column::Note, Expr::value(note))
        .filter(transfer::Column::Id.eq(id))
        .filter(transfer::Column::Status.eq("requested"))
        .exec(c)
        .await?;
    Ok(r.rows_affected == 1)
}

pub async fn transfers_of_member<C: ConnectionTrait>(c: &C, member: Uuid) -> crate::Result<Vec<Transfer>> {
    Ok(transfer::Entity::find().filter(transfer::Column::MemberId.eq(member)).order_by_desc(transfer::Column::RequestedAt).all(c).await?)
}

pub async fn pending_transfer_of<C: ConnectionTrait>(c: &C, member: Uuid) -> crate::Result<Option<Transfer>> {
    Ok(transfer::Entity::find()
        .filter(transfer::Column::MemberId.eq(member))
        .filter(transfer::Column::Status.eq("requested"))
        .one(c)
        .await?)
}

/// Pending transfers into or out of organizations in a subtree.
pub async fn pending_transfers<C: ConnectionTrait>(c: &C, org_ids: &[Uuid], limit: u64) -> crate::Result<Vec<Transfer>> {
    if org_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(transfer::Entity::find()
        .filter(transfer::Column::Status.eq("requested"))
        .filter(
            Condition::any()
                .add(transfer::Column::ToOrgId.is_in(org_ids.to_vec()))
                .add(transfer::Column::FromOrgId.is_in(org_ids.to_vec())),
        )
        .order_by_asc(transfer::Column::RequestedAt)
        .limit(limit)
        .all(c)
        .await?)
}

// ---- imports ----

pub async fn insert_import<C: ConnectionTrait>(c: &C, i: Import) -> crate::Result<Import> {
    Ok(i.into_active_model().reset_all().insert(c).await?)
}

pub async fn import<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Import>> {
    Ok(import::Entity::find_by_id(id).one(c).await?)
}

pub async fn update_import<C: ConnectionTrait>(c: &C, i: Import) -> crate::Result<()> {
    let mut am = i.into_active_model().reset_all();
    am.created_at = sea_orm::ActiveValue::NotSet;
    am.update(c).await?;
    Ok(())
}

pub async fn set_import_progress<C: ConnectionTrait>(c: &C, id: Uuid, status: &str, processed: i64) -> crate::Result<()> {
    import::Entity::update_many()
        .col_expr(import::Column::Status, Expr::value(status))
        .col_expr(import::Column::ProcessedRows, Expr::value(processed))
        .filter(import::Column::Id.eq(id))
        .exec(c)
        .await?;
    Ok(())
}
