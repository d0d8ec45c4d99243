//! The sweeper's escalation: which active appeals are past their deadline, and moving a batch
//! of them one level up in one statement.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::{ACTIVE, active_clause, changed_ids};
use crate::entity::appeal;

/// An overdue appeal as the sweeper needs it: where it is and where it comes from.
#[derive(Clone, Debug, sea_orm::FromQueryResult)]
pub struct Due {
    pub id: Uuid,
    pub village_area_id: Uuid,
    pub village_path: String,
    pub level: String,
    /// The deadline it missed (the timeline says by how much).
    pub due_at: DateTime<Utc>,
}

/// Active appeals below the county past their deadline at `now`, by id after `after` (keyset
/// pages); only the columns the sweeper groups by.
pub async fn due_for_escalation<C: ConnectionTrait>(c: &C, now: DateTime<Utc>, after: Option<Uuid>, limit: u64) -> crate::Result<Vec<Due>> {
    let mut q = appeal::Entity::find()
        .select_only()
        .column(appeal::Column::Id)
        .column(appeal::Column::VillageAreaId)
        .column(appeal::Column::VillagePath)
        .column(appeal::Column::Level)
        .column(appeal::Column::DueAt)
        .filter(active_clause())
        .filter(appeal::Column::DueAt.lte(now))
        .filter(appeal::Column::Level.is_in(["village", "township"]));
    if let Some(a) = after {
        q = q.filter(appeal::Column::Id.gt(a));
    }
    Ok(q.order_by_asc(appeal::Column::Id).limit(limit).into_model::<Due>().all(c).await?)
}

/// Where a batch of appeals goes one level up.
#[derive(Clone, Debug)]
pub struct Escalation {
    pub from_level: String,
    pub to_level: String,
    pub org: Uuid,
    pub org_path: String,
    pub due_at: DateTime<Utc>,
}

/// Moves `ids` one level up, without a handler, but only those still active, still at `from_level`
/// and still due at `now`: a second sweep, or a handler who acted meanwhile, is left alone.
/// Returns the ids moved.
pub async fn escalate<C: ConnectionTrait>(c: &C, ids: &[Uuid], e: &Escalation, now: DateTime<Utc>) -> crate::Result<Vec<Uuid>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let moved = appeal::Entity::update_many()
        .col_expr(appeal::Column::Level, Expr::value(e.to_level.clone()))
        .col_expr(appeal::Column::OrgId, Expr::value(e.org))
        .col_expr(appeal::Column::OrgPath, Expr::value(e.org_path.clone()))
        .col_expr(appeal::Column::DueAt, Expr::value(e.due_at))
        .col_expr(appeal::Column::Reminded, Expr::value(false))
        .col_expr(appeal::Column::BeyondCapacity, Expr::value(false))
        // The level above decides who handles it (as when a handler sends it up).
        .col_expr(appeal::Column::HandlerPersonId, Expr::value(Option::<Uuid>::None))
        .col_expr(appeal::Column::Escalations, Expr::col(appeal::Column::Escalations).add(1))
        .col_expr(appeal::Column::Version, Expr::col(appeal::Column::Version).add(1))
        .col_expr(appeal::Column::UpdatedAt, Expr::value(now))
        .filter(appeal::Column::Id.is_in(ids.to_vec()))
        .filter(still_due(c.get_database_backend(), &e.from_level, now));
    changed_ids(c, moved).await
}

/// Still at `level`, active and due at `now`. On SQLite the columns are written `+col` so the
/// planner finds the rows by primary key (the ids the update names) instead of walking the
/// (status, due_at) index over every due appeal for each statement.
fn still_due(backend: DatabaseBackend, level: &str, now: DateTime<Utc>) -> Condition {
    if backend == DatabaseBackend::Sqlite {
        let active = ACTIVE.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ");
        Condition::all()
            .add(Expr::cust_with_values("+\"level\" = ?", [level]))
            .add(Expr::cust(format!("+\"status\" IN ({active})")))
            .add(Expr::cust_with_values("+\"due_at\" <= ?", [now]))
    } else {
        Condition::all().add(appeal::Column::Level.eq(level)).add(active_clause()).add(appeal::Column::DueAt.lte(now))
    }
}
