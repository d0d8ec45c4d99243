//! Scheduled jobs. A job is claimed by a conditional UPDATE, so of several `serve` instances on one
//! database exactly one runs each due job; a claim that outlives its lease can be taken over.

use chrono::{DateTime, Duration, Utc};

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait, OnConflict},
};
use uuid::Uuid;

use crate::entity::{job, job_run};

pub use job::Model as Job;
pub use job_run::Model as JobRun;

/// Registers a job if it is not known yet; an existing schedule is left alone.
pub async fn ensure<C: ConnectionTrait>(c: &C, name: &str, interval: Duration, first_run: DateTime<Utc>) -> crate::Result<()> {
    let am = job::ActiveModel {
        name: Set(name.to_owned()),
        interval_secs: Set(interval.num_seconds()),
        next_run_at: Set(first_run),
        claimed_by: Set(None),
        claimed_until: Set(None),
        last_run_at: Set(None),
        last_outcome: Set(None),
        runs: Set(0),
    };
    job::Entity::insert(am).on_conflict(OnConflict::column(job::Column::Name).do_nothing().to_owned()).exec_without_returning(c).await?;
    Ok(())
}

pub async fn all<C: ConnectionTrait>(c: &C) -> crate::Result<Vec<Job>> {
    Ok(job::Entity::find().order_by_asc(job::Column::Name).all(c).await?)
}

/// Claims `name` for `instance` if it is due at `now` and nobody holds a live claim. True when
/// this caller won the claim.
pub async fn claim<C: ConnectionTrait>(
    c: &C,
    name: &str,
    instance: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> crate::Result<bool> {
    let r = job::Entity::update_many()
        .col_expr(job::Column::ClaimedBy, Expr::value(instance))
        .col_expr(job::Column::ClaimedUntil, Expr::value(lease_until))
        .filter(job::Column::Name.eq(name))
        .filter(job::Column::NextRunAt.lte(now))
        .filter(Condition::any().add(job::Column::ClaimedUntil.is_null()).add(job::Column::ClaimedUntil.lt(now)))
        .exec(c)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Releases a claim after a run and schedules the next one.
pub async fn finish<C: ConnectionTrait>(
    c: &C,
    name: &str,
    instance: &str,
    now: DateTime<Utc>,
    next: DateTime<Utc>,
    outcome: &str,
) -> crate::Result<()> {
    job::Entity::update_many()
        .col_expr(job::Column::ClaimedBy, Expr::value(Option::<String>::None))
        .col_expr(job::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(job::Column::LastRunAt, Expr::value(now))
        .col_expr(job::Column::NextRunAt, Expr::value(next))
        .col_expr(job::Column::LastOutcome, Expr::value(outcome.chars().take(200).collect::<String>()))
        .col_expr(job::Column::Runs, Expr::col(job::Column::Runs).add(1))
        .filter(job::Column::Name.eq(name))
        .filter(job::Column::ClaimedBy.eq(instance))
        .exec(c)
        .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub async fn record_run<C: ConnectionTrait>(
    c: &C,
    name: &str,
    instance: &str,
    due_at: DateTime<Utc>,
    started_at: DateTime<Utc>,
    finished_at: DateTime<Utc>,
    outcome: &str,
    detail: &str,
) -> crate::Result<()> {
    job_run::Entity::insert(job_run::ActiveModel {
        id: Set(Uuid::now_v7()),
        job: Set(name.to_owned()),
        instance: Set(instance.to_owned()),
        due_at: Set(due_at),
        started_at: Set(started_at),
        finished_at: Set(finished_at),
        outcome: Set(outcome.to_owned()),
        detail: Set(detail.to_owned()),
    })
    .exec_without_returning(c)
    .await?;
    Ok(())
}

pub async fn runs<C: ConnectionTrait>(c: &C, name: Option<&str>, limit: u64) -> crate::Result<Vec<JobRun>> {
    let mut q = job_run::Entity::find();
    if let Some(n) = name {
        q = q.filter(job_run::Column::Job.eq(n));
    }
    Ok(q.order_by_desc(job_run::Column::StartedAt).limit(limit).all(c).await?)
}

pub async fn prune_runs<C: ConnectionTrait>(c: &C, before: DateTime<Utc>) -> crate::Result<u64> {
    Ok(job_run::Entity::delete_many().filter(job_run::Column::StartedAt.lt(before)).exec(c).await?.rows_affected)
}
