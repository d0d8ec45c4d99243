//! Queries for appeals (villagers' needs): categories, the duty matrix's village overrides and
//! designated handlers, appeals and their timelines, co-handlers, photos, supporters, the sweeper's
//! batch updates and the public board's figures. Notices and phone codes are in [`crate::notify`].

use chrono::{DateTime, Utc};
use lianxin_core::tree::TreePath;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use crate::entity::{
    appeal, appeal_category, appeal_cohandler, appeal_event, appeal_handler, appeal_override, appeal_photo, appeal_support,
};

pub use appeal::Model as Appeal;
pub use appeal_category::Model as Category;
pub use appeal_cohandler::Model as Cohandler;
pub use appeal_event::Model as Event;
pub use appeal_handler::Model as Handler;
pub use appeal_override::Model as Override;
pub use appeal_photo::Model as Photo;
pub use photos::*;

mod photos;

mod sweep;
mod villages;
pub use sweep::{Due, Escalation, due_for_escalation, escalate};
pub use villages::{VillageFigureRow, village_figure_rows};

/// Statuses that still need work (core::appeals::Status::is_active).
pub const ACTIVE: [&str; 3] = ["submitted", "accepted", "in_progress"];

/// The appeals still needing work, the statuses written literally as the partial indexes of
/// migration m0005 are defined, so either planner can answer from them.
fn active_clause() -> Expr {
    Expr::cust("\"appeals\".\"status\" IN ('submitted', 'accepted', 'in_progress')")
}

// ---- categories and the duty matrix ----

pub async fn categories<C: ConnectionTrait>(c: &C, county: Uuid, active_only: bool) -> crate::Result<Vec<Category>> {
    let mut q = appeal_category::Entity::find().filter(appeal_category::Column::CountyAreaId.eq(county));
    if active_only {
        q = q.filter(appeal_category::Column::Active.eq(true));
    }
    Ok(q.order_by_asc(appeal_category::Column::Sort).order_by_asc(appeal_category::Column::Code).all(c).await?)
}

pub async fn category<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Category>> {
    Ok(appeal_category::Entity::find_by_id(id).one(c).await?)
}

pub async fn category_by_code<C: ConnectionTrait>(c: &C, county: Uuid, code: &str) -> crate::Result<Option<Category>> {
    Ok(appeal_category::Entity::find()
        .filter(appeal_category::Column::CountyAreaId.eq(county))
        .filter(appeal_category::Column::Code.eq(code))
        .one(c)
        .await?)
}

pub async fn categories_by_ids<C: ConnectionTrait>(c: &C, ids: &[Uuid]) -> crate::Result<Vec<Category>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(appeal_category::Entity::find().filter(appeal_category::Column::Id.is_in(ids.to_vec())).all(c).await?)
}

pub async fn insert_category<C: ConnectionTrait>(c: &C, m: Category) -> crate::Result<Category> {
    Ok(m.into_active_model().reset_all().insert(c).await?)
}

pub async fn update_category<C: ConnectionTrait>(c: &C, m: Category) -> crate::Result<Category> {
    Ok(m.into_active_model().reset_all().update(c).await?)
}

pub async fn override_for<C: ConnectionTrait>(c: &C, village: Uuid, category: Uuid) -> crate::Result<Option<String>> {
    Ok(appeal_override::Entity::find_by_id((village, category)).one(c).await?.map(|o| o.owner))
}

pub async fn overrides_of<C: ConnectionTrait>(c: &C, village: Uuid) -> crate::Result<Vec<Override>> {
    Ok(appeal_override::Entity::find().filter(appeal_override::Column::VillageAreaId.eq(village)).all(c).await?)
}

/// Sets (or with `None` removes) a village's owner for a category.
pub async fn set_override<C: ConnectionTrait>(c: &C, village: Uuid, category: Uuid, owner: Option<&str>) -> crate::Result<()> {
    appeal_override::Entity::delete_by_id((village, category)).exec(c).await?;
    if let Some(owner) = owner {
        Override { village_area_id: village, category_id: category, owner: owner.to_owned() }
            .into_active_model()
            .reset_all()
            .insert(c)
            .await?;
    }
    Ok(())
}

pub async fn handler_for<C: ConnectionTrait>(c: &C, village: Uuid, owner: &str) -> crate::Result<Option<Uuid>> {
    Ok(appeal_handler::Entity::find_by_id((village, owner.to_owned())).one(c).await?.map(|h| h.person_id))
}

pub async fn handlers_of<C: ConnectionTrait>(c: &C, village: Uuid) -> crate::Result<Vec<Handler>> {
    Ok(appeal_handler::Entity::find().filter(appeal_handler::Column::VillageAreaId.eq(village)).all(c).await?)
}

/// Sets (or with `None` removes) the designated handler of an owning body in a village.
pub async fn set_handler<C: ConnectionTrait>(c: &C, village: Uuid, owner: &str, person: Option<Uuid>) -> crate::Result<()> {
    appeal_handler::Entity::delete_by_id((village, owner.to_owned())).exec(c).await?;
    if let Some(person) = person {
        Handler { village_area_id: village, owner: owner.to_owned(), person_id: person }.into_active_model().reset_all().insert(c).await?;
    }
    Ok(())
}

// ---- appeals ----

/// Inserts many appeals without returning them (generated history).
pub async fn insert_many<C: ConnectionTrait>(c: &C, rows: Vec<Appeal>) -> crate::Result<()> {
    for chunk in rows.chunks(200) {
        appeal::Entity::insert_many(chunk.iter().cloned().map(|a| a.into_active_model().reset_all())).exec_without_returning(c).await?;
    }
    Ok(())
}

pub async fn appeal<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Appeal>> {
    Ok(appeal::Entity::find_by_id(id).one(c).await?)
}

pub async fn by_code<C: ConnectionTrait>(c: &C, code: &str) -> crate::Result<Option<Appeal>> {
    Ok(appeal::Entity::find().filter(appeal::Column::Code.eq(code)).one(c).await?)
}

pub async fn by_ids<C: ConnectionTrait>(c: &C, ids: &[Uuid]) -> crate::Result<Vec<Appeal>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(appeal::Entity::find().filter(appeal::Column::Id.is_in(ids.to_vec())).all(c).await?)
}

/// Saves `a` only if nobody changed the appeal since it was read at `a.version`; the saved row
/// carries `version + 1`. Returns false when another change won (the caller reports a conflict).
pub async fn update_if_version<C: ConnectionTrait>(c: &C, mut a: Appeal) -> crate::Result<Option<Appeal>> {
    let expected = a.version;
    a.version += 1;
    let id = a.id;
    let mut am = a.clone().into_active_model().reset_all();
    am.id = sea_orm::ActiveValue::NotSet;
    let n = appeal::Entity::update_many()
        .set(am)
        .filter(appeal::Column::Id.eq(id))
        .filter(appeal::Column::Version.eq(expected))
        .exec(c)
        .await?
        .rows_affected;
    Ok((n == 1).then_some(a))
}

/// What a queue or a search asks for. Every set field narrows the list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct AppealFilter {
    /// The queue of one organization.
    pub org: Option<Uuid>,
    /// Appeals whose queue organization is in this subtree.
    pub org_subtree: Option<TreePath>,
    /// Appeals from villages in this area subtree.
    pub village_subtree: Option<TreePath>,
    pub handler: Option<Uuid>,
    pub statuses: Vec<String>,
    pub service_codes: Vec<String>,
    pub levels: Vec<String>,
    /// Active appeals due before this instant.
    pub overdue_at: Option<DateTime<Utc>>,
    pub public_only: bool,
    pub phone_hash: Option<String>,
    pub created_from: Option<DateTime<Utc>>,
    pub created_to: Option<DateTime<Utc>>,
    pub ids: Vec<Uuid>,
    /// Text to find in the description.
    pub text: Option<String>,
}

fn like_pattern(q: &str) -> String {
    let escaped = q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

fn condition(backend: DatabaseBackend, f: &AppealFilter) -> Condition {
    let mut cond = Condition::all();
    if let Some(o) = f.org {
        cond = cond.add(appeal::Column::OrgId.eq(o));
    }
    if let Some(p) = &f.org_subtree {
        let (lo, hi) = p.subtree_range();
        cond = cond.add(appeal::Column::OrgPath.gte(lo)).add(appeal::Column::OrgPath.lt(hi));
    }
    if let Some(p) = &f.village_subtree {
        let (lo, hi) = p.subtree_range();
        cond = cond.add(appeal::Column::VillagePath.gte(lo)).add(appeal::Column::VillagePath.lt(hi));
    }
    if let Some(h) = f.handler {
        cond = cond.add(appeal::Column::HandlerPersonId.eq(h));
    }
    if f.statuses.iter().map(String::as_str).eq(ACTIVE) {
        cond = cond.add(active_clause());
    } else if !f.statuses.is_empty() && backend == DatabaseBackend::Sqlite {
        // Finished statuses hold nearly every appeal: SQLite must not pick the status index
        // over the organization's or village's own (`+` keeps the column out of index choice).
        let list = f.statuses.iter().map(|_| "?").collect::<Vec<_>>().join(", ");
        cond = cond.add(Expr::cust_with_values(format!("+\"appeals\".\"status\" IN ({list})"), f.statuses.clone()));
    } else if !f.statuses.is_empty() {
        cond = cond.add(appeal::Column::Status.is_in(f.statuses.clone()));
    }
    if !f.service_codes.is_empty() {
        cond = cond.add(appeal::Column::ServiceCode.is_in(f.service_codes.clone()));
    }
    if !f.levels.is_empty() {
        cond = cond.add(appeal::Column::Level.is_in(f.levels.clone()));
    }
    if let Some(t) = f.overdue_at {
        cond = cond.add(active_clause()).add(appeal::Column::DueAt.lt(t));
    }
    if f.public_only {
        cond = cond.add(appeal::Column::Public.eq(true));
    }
    if let Some(h) = &f.phone_hash {
        cond = cond.add(appeal::Column::PhoneHash.eq(h.clone()));
    }
    if let Some(t) = f.created_from {
        cond = cond.add(appeal::Column::CreatedAt.gte(t));
    }
    if let Some(t) = f.created_to {
        cond = cond.add(appeal::Column::CreatedAt.lt(t));
    }
    if !f.ids.is_empty() {
        cond = cond.add(appeal::Column::Id.is_in(f.ids.clone()));
    }
    if let Some(q) = f.text.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let chars = q.chars().count();
        cond = cond.add(match backend {
            // Trigram index for three characters and more; LIKE for shorter queries.
            DatabaseBackend::Sqlite if chars >= 3 => {
                let phrase = format!("\"{}\"", q.replace('"', "\"\""));
                Expr::cust_with_values("appeals.id IN (SELECT appeal_id FROM appeals_fts WHERE appeals_fts MATCH ?)", [phrase])
            }
            DatabaseBackend::Sqlite => Expr::cust_with_values("appeals.description LIKE ? ESCAPE '\\'", [like_pattern(q)]),
            _ => Expr::cust_with_values("appeals.description ILIKE $1 ESCAPE '\\'", [like_pattern(q)]),
        });
    }
    cond
}

/// One page of appeals, newest first, after the cursor (an appeal id).
pub async fn list<C: ConnectionTrait>(c: &C, f: &AppealFilter, before: Option<Uuid>, limit: u64) -> crate::Result<Vec<Appeal>> {
    let mut q = appeal::Entity::find().filter(condition(c.get_database_backend(), f));
    if let Some(b) = before {
        q = q.filter(appeal::Column::Id.lt(b));
    }
    Ok(q.order_by_desc(appeal::Column::Id).limit(limit).all(c).await?)
}

/// What a row of a staff list shows of an appeal: no text beyond the description's beginning,
/// nothing sealed. Reading 18 columns instead of the whole row keeps a page of a queue cheap.
#[derive(Clone, Debug, sea_orm::FromQueryResult)]
pub struct ListItem {
    pub id: Uuid,
    pub code: String,
    pub village_area_id: Uuid,
    pub category_id: Uuid,
    pub service_code: String,
    pub level: String,
    pub org_id: Uuid,
    pub handler_person_id: Option<Uuid>,
    pub status: String,
    /// The first [`HEAD_CHARS`] characters of the description (descriptions are stored trimmed).
    pub head: String,
    pub channel: String,
    pub name_mask: Option<String>,
    pub phone_mask: Option<String>,
    pub supporters: i32,
    pub due_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// How much of a description a list reads: a list's summary is its first line cut at 40
/// characters, and this leaves room for the trimming of that line.
pub const HEAD_CHARS: usize = 120;

impl From<&Appeal> for ListItem {
    fn from(a: &Appeal) -> ListItem {
        ListItem {
            id: a.id,
            code: a.code.clone(),
            village_area_id: a.village_area_id,
            category_id: a.category_id,
            service_code: a.service_code.clone(),
            level: a.level.clone(),
            org_id: a.org_id,
            handler_person_id: a.handler_person_id,
            status: a.status.clone(),
            head: a.description.chars().take(HEAD_CHARS).collect(),
            channel: a.channel.clone(),
            name_mask: a.name_mask.clone(),
            phone_mask: a.phone_mask.clone(),
            supporters: a.supporters,
            due_at: a.due_at,
            created_at: a.created_at,
            updated_at: a.updated_at,
            version: a.version,
        }
    }
}

/// One page of a list as [`ListItem`]s, newest first, after the cursor (an appeal id).
pub async fn list_items<C: ConnectionTrait>(c: &C, f: &AppealFilter, before: Option<Uuid>, limit: u64) -> crate::Result<Vec<ListItem>> {
    use appeal::Column as A;
    let mut q = appeal::Entity::find()
        .select_only()
        .columns([A::Id, A::Code, A::VillageAreaId, A::CategoryId, A::ServiceCode, A::Level, A::OrgId, A::HandlerPersonId, A::Status])
        .expr_as(Expr::cust(format!("substr(appeals.description, 1, {HEAD_CHARS})")), "head")
        .columns([A::Channel, A::NameMask, A::PhoneMask, A::Supporters, A::DueAt, A::CreatedAt, A::UpdatedAt, A::Version])
        .filter(condition(c.get_database_backend(), f));
    if let Some(b) = before {
        q = q.filter(A::Id.lt(b));
    }
    Ok(q.order_by_desc(A::Id).limit(limit).into_model::<ListItem>().all(c).await?)
}

/// Appeals oldest first from `offset` (Open311 pages, bounded by its 90-day window).
pub async fn list_ascending<C: ConnectionTrait>(c: &C, f: &AppealFilter, offset: u64, limit: u64) -> crate::Result<Vec<Appeal>> {
    Ok(appeal::Entity::find()
        .filter(condition(c.get_database_backend(), f))
        .order_by_asc(appeal::Column::CreatedAt)
        .order_by_asc(appeal::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(c)
        .await?)
}

pub async fn count<C: ConnectionTrait>(c: &C, f: &AppealFilter) -> crate::Result<u64> {
    use sea_orm::PaginatorTrait;
    Ok(appeal::Entity::find().filter(condition(c.get_database_backend(), f)).count(c).await?)
}

/// Open appeals of one village and category filed since `since`, for duplicate detection.
pub async fn open_similar_candidates<C: ConnectionTrait>(
    c: &C,
    village: Uuid,
    service_code: &str,
    since: DateTime<Utc>,
    limit: u64,
) -> crate::Result<Vec<(Uuid, String)>> {
    Ok(appeal::Entity::find()
        .select_only()
        .column(appeal::Column::Id)
        .column(appeal::Column::Description)
        .filter(appeal::Column::VillageAreaId.eq(village))
        .filter(appeal::Column::ServiceCode.eq(service_code))
        .filter(active_clause())
        .filter(appeal::Column::Public.eq(true))
        .filter(appeal::Column::CreatedAt.gte(since))
        .order_by_desc(appeal::Column::Id)
        .limit(limit)
        .into_tuple::<(Uuid, String)>()
        .all(c)
        .await?)
}

/// Adds a "me too"; false when this supporter already supported the appeal.
pub async fn add_support<C: ConnectionTrait>(c: &C, appeal_id: Uuid, supporter: &str, now: DateTime<Utc>) -> crate::Result<bool> {
    let am = appeal_support::ActiveModel { appeal_id: Set(appeal_id), supporter: Set(supporter.to_owned()), created_at: Set(now) };
    let res = appeal_support::Entity::insert(am)
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([appeal_support::Column::AppealId, appeal_support::Column::Supporter])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(c)
        .await?;
    if res == 0 {
        return Ok(false);
    }
    appeal::Entity::update_many()
        .col_expr(appeal::Column::Supporters, Expr::col(appeal::Column::Supporters).add(1))
        .filter(appeal::Column::Id.eq(appeal_id))
        .exec(c)
        .await?;
    Ok(true)
}

// ---- events, co-handlers (photos in `photos`) ----

pub async fn insert_event<C: ConnectionTrait>(c: &C, e: Event) -> crate::Result<()> {
    e.into_active_model().reset_all().insert(c).await?;
    Ok(())
}

pub async fn insert_events<C: ConnectionTrait>(c: &C, rows: Vec<Event>) -> crate::Result<()> {
    for chunk in rows.chunks(500) {
        appeal_event::Entity::insert_many(chunk.iter().cloned().map(|e| e.into_active_model().reset_all()))
            .exec_without_returning(c)
            .await?;
    }
    Ok(())
}

/// The timeline, oldest first; `public_only` leaves out internal notes.
pub async fn events<C: ConnectionTrait>(c: &C, appeal_id: Uuid, public_only: bool) -> crate::Result<Vec<Event>> {
    let mut q = appeal_event::Entity::find().filter(appeal_event::Column::AppealId.eq(appeal_id));
    if public_only {
        q = q.filter(appeal_event::Column::Public.eq(true));
    }
    Ok(q.order_by_asc(appeal_event::Column::Id).all(c).await?)
}

pub async fn add_cohandler<C: ConnectionTrait>(c: &C, m: Cohandler) -> crate::Result<bool> {
    let res = appeal_cohandler::Entity::insert(m.into_active_model().reset_all())
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([appeal_cohandler::Column::AppealId, appeal_cohandler::Column::BodyId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(c)
        .await?;
    Ok(res == 1)
}

pub async fn cohandlers<C: ConnectionTrait>(c: &C, appeal_id: Uuid) -> crate::Result<Vec<Cohandler>> {
    Ok(appeal_cohandler::Entity::find().filter(appeal_cohandler::Column::AppealId.eq(appeal_id)).all(c).await?)
}

// ---- the sweeper (escalation in sweep.rs) ----

/// Runs an update and returns the ids of the rows it changed (`RETURNING id` on both backends:
/// the sweeper's batches need only those).
async fn changed_ids<C: ConnectionTrait>(c: &C, update: sea_orm::UpdateMany<appeal::Entity>) -> crate::Result<Vec<Uuid>> {
    let mut stmt = sea_orm::QueryTrait::into_query(update);
    stmt.returning_col(appeal::Column::Id);
    let rows = c.query_all(&stmt).await?;
    Ok(rows.iter().map(|r| r.try_get::<Uuid>("", "id")).collect::<Result<_, _>>()?)
}

/// Active appeals whose deadline falls in `(now, until]` and that were not reminded yet.
pub async fn due_for_reminder<C: ConnectionTrait>(
    c: &C,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
    limit: u64,
) -> crate::Result<Vec<Appeal>> {
    Ok(appeal::Entity::find()
        .filter(active_clause())
        .filter(appeal::Column::DueAt.gt(now))
        .filter(appeal::Column::DueAt.lte(until))
        .filter(appeal::Column::Reminded.eq(false))
        .order_by_asc(appeal::Column::Id)
        .limit(limit)
        .all(c)
        .await?)
}

/// Marks `ids` reminded; returns those this call marked (not those another sweep marked first),
/// so each deadline is reminded once.
pub async fn mark_reminded<C: ConnectionTrait>(c: &C, ids: &[Uuid]) -> crate::Result<Vec<Uuid>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marked = appeal::Entity::update_many()
        .col_expr(appeal::Column::Reminded, Expr::value(true))
        .filter(appeal::Column::Id.is_in(ids.to_vec()))
        .filter(appeal::Column::Reminded.eq(false));
    changed_ids(c, marked).await
}

/// Resolved appeals nobody rated since `before`.
pub async fn unrated_since<C: ConnectionTrait>(c: &C, before: DateTime<Utc>, limit: u64) -> crate::Result<Vec<Uuid>> {
    Ok(appeal::Entity::find()
        .select_only()
        .column(appeal::Column::Id)
        .filter(appeal::Column::Status.eq("resolved"))
        .filter(appeal::Column::ResolvedAt.lte(before))
        .order_by_asc(appeal::Column::Id)
        .limit(limit)
        .into_tuple::<Uuid>()
        .all(c)
        .await?)
}

/// Closes resolved appeals among `ids` that are still unrated; returns those closed.
pub async fn close_unrated<C: ConnectionTrait>(c: &C, ids: &[Uuid], before: DateTime<Utc>, now: DateTime<Utc>) -> crate::Result<Vec<Uuid>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let closed = appeal::Entity::update_many()
        .col_expr(appeal::Column::Status, Expr::value("closed"))
        .col_expr(appeal::Column::ClosedAt, Expr::value(now))
        .col_expr(appeal::Column::UpdatedAt, Expr::value(now))
        .col_expr(appeal::Column::Version, Expr::col(appeal::Column::Version).add(1))
        .filter(appeal::Column::Id.is_in(ids.to_vec()))
        // By primary key on SQLite (see `still_due`).
        .filter(match c.get_database_backend() {
            DatabaseBackend::Sqlite => Expr::cust("+\"status\" = 'resolved'"),
            _ => appeal::Column::Status.eq("resolved"),
        })
        .filter(appeal::Column::ResolvedAt.lte(before));
    changed_ids(c, closed).await
}

// ---- figures ----

/// What the board and the charts are computed from, one row per appeal (no personal data).
#[derive(Clone, Debug, sea_orm::FromQueryResult)]
pub struct FigureRow {
    pub service_code: String,
    pub status: String,
    pub rating: Option<String>,
    pub created_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// Rows of the appeals filed in an area subtree since `since`.
pub async fn figure_rows<C: ConnectionTrait>(c: &C, villages: &TreePath, since: DateTime<Utc>) -> crate::Result<Vec<FigureRow>> {
    let (lo, hi) = villages.subtree_range();
    Ok(appeal::Entity::find()
        .select_only()
        .column(appeal::Column::ServiceCode)
        .column(appeal::Column::Status)
        .column(appeal::Column::Rating)
        .column(appeal::Column::CreatedAt)
        .column(appeal::Column::ResolvedAt)
        .filter(appeal::Column::VillagePath.gte(lo))
        .filter(appeal::Column::VillagePath.lt(hi))
        .filter(appeal::Column::CreatedAt.gte(since))
        .into_model::<FigureRow>()
        .all(c)
        .await?)
}

/// Overdue active appeals in an organization subtree, counted per village and level.
pub async fn overdue_by_village<C: ConnectionTrait>(c: &C, orgs: &TreePath, now: DateTime<Utc>) -> crate::Result<Vec<(Uuid, String, i64)>> {
    let (lo, hi) = orgs.subtree_range();
    Ok(appeal::Entity::find()
        .select_only()
        .column(appeal::Column::VillageAreaId)
        .column(appeal::Column::Level)
        .column_as(Expr::col(appeal::Column::Id).count(), "n")
        .filter(appeal::Column::OrgPath.gte(lo))
        .filter(appeal::Column::OrgPath.lt(hi))
        .filter(active_clause())
        .filter(appeal::Column::DueAt.lt(now))
        .group_by(appeal::Column::VillageAreaId)
        .group_by(appeal::Column::Level)
        .into_tuple::<(Uuid, String, i64)>()
        .all(c)
        .await?)
}
