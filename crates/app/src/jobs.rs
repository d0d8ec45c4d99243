//! Time-based work. Each job is idempotent and catches up after downtime by running once; a job is
//! claimed by a conditional UPDATE so two instances never run it at the same time.

use chrono::{DateTime, Duration, Utc};
use lianxin_core::audit::OK;
use lianxin_store::{accounts, audit as audit_store, jobs as store, sessions};
use serde::Serialize;
use serde_json::json;

use crate::journal::Stale;
use crate::{App, Ctx, Result, journal::record};

/// A job the sweeper knows.
#[derive(Clone, Copy, Debug)]
pub struct JobSpec {
    pub name: &'static str,
    pub every: fn() -> Duration,
}

pub const JOBS: &[JobSpec] = &[
    JobSpec { name: "audit_rotate", every: || Duration::days(1) },
    JobSpec { name: "session_cleanup", every: || Duration::hours(1) },
    JobSpec { name: "throttle_cleanup", every: || Duration::hours(1) },
    JobSpec { name: "appeals_sweep", every: || Duration::minutes(1) },
    JobSpec { name: "outbox_deliver", every: || Duration::minutes(1) },
    JobSpec { name: "meetings_sweep", every: || Duration::hours(1) },
];

/// How long a claim holds before another instance may take the job over.
const LEASE_MINUTES: i64 = 15;

/// What one run did.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct RunReport {
    pub job: String,
    pub outcome: String,
    pub detail: String,
}

/// Registers every job (first run: now).
pub async fn register(app: &App, now: DateTime<Utc>) -> Result<()> {
    for j in JOBS {
        store::ensure(app.db.conn(), j.name, (j.every)(), now).await?;
    }
    Ok(())
}

/// Runs every job due at `now` that this instance can claim, and returns what ran.
pub async fn run_due(app: &App, now: DateTime<Utc>, instance: &str) -> Result<Vec<RunReport>> {
    register(app, now).await?;
    let mut reports = Vec::new();
    for j in JOBS {
        let claimed = {
            let tx = app.db.write().await?;
            let won = store::claim(&tx, j.name, instance, now, now.max(app.now()) + Duration::minutes(LEASE_MINUTES)).await?;
            tx.commit().await?;
            won
        };
        if !claimed {
            continue;
        }
        let started = app.now();
        // Removal of old data is measured from the earlier of `now` and the real clock, so a
        // `jobs run --now` far in the future never deletes entries that are still young.
        let result = run_one(app, j.name, now.min(app.now()), now).await;
        let (outcome, detail) = match &result {
            Ok(d) => ("ok", d.clone()),
            Err(e) => {
                tracing::error!(job = j.name, error = %e, "job failed");
                ("failed", e.to_string())
            }
        };
        let tx = app.db.write().await?;
        // The next run counts from the later of `now` and the real clock.
        store::finish(&tx, j.name, instance, now, now.max(app.now()) + (j.every)(), outcome).await?;
        store::record_run(&tx, j.name, instance, now, started, app.now(), outcome, &detail).await?;
        tx.commit().await?;
        reports.push(RunReport { job: j.name.into(), outcome: outcome.into(), detail });
    }
    Ok(reports)
}

async fn run_one(app: &App, name: &str, now: DateTime<Utc>, now_given: DateTime<Utc>) -> Result<String> {
    let ctx = Ctx::system(app.clone(), "jobs");
    match name {
        "audit_rotate" => {
            let keep = Duration::days(app.settings.audit.retention_days.max(180));
            let tx = app.db.write().await?;
            let pruned = audit_store::prune(&tx, now - keep).await?;
            let runs = store::prune_runs(&tx, now - keep).await?;
            if pruned > 0 {
                record(&tx, &ctx, Stale::Access, "audit.rotate", "audit", None, OK, json!({ "removed": pruned, "before": now - keep }))
                    .await?;
            }
            ctx.commit(tx).await?;
            Ok(format!("removed {pruned} audit entries and {runs} job runs"))
        }
        "session_cleanup" => {
            let tx = app.db.write().await?;
            let n = sessions::delete_expired(&tx, now).await?;
            ctx.commit(tx).await?;
            Ok(format!("removed {n} expired sessions"))
        }
        "throttle_cleanup" => {
            let tx = app.db.write().await?;
            let n = accounts::prune_throttles(&tx, now - Duration::days(1)).await?;
            ctx.commit(tx).await?;
            Ok(format!("removed {n} stale throttles"))
        }
        // Deadlines are measured at `now` itself: `jobs run --now` moves the world forward.
        "appeals_sweep" => {
            let r = crate::appeals::sweep::run(&ctx, now_given).await?;
            Ok(format!(
                "escalated {}, reminded {}, closed {} unrated, {} without a level above",
                r.escalated, r.reminded, r.closed, r.stuck
            ))
        }
        "outbox_deliver" => {
            let n = crate::notify::deliver(&ctx, 500).await?;
            Ok(format!("handled {n} outbox messages"))
        }
        "meetings_sweep" => {
            let r = crate::meetings::compliance::sweep(&ctx, now_given).await?;
            let overdue = crate::decisions::sweep(&ctx, now_given).await?;
            let terms = crate::elections::term_sweep(&ctx, now_given).await?;
            let tasks = crate::tasks::sweep(&ctx, now_given).await?;
            let boards = crate::disclosure::sweep(&ctx, now_given).await?;
            Ok(format!(
                "reminded {} organizations, told the level above of {} missed meetings, {overdue} overdue disclosures of decisions, {boards} overdue disclosures on the boards and {terms} terms ended without an election; {tasks} notices of overdue tasks",
                r.reminded, r.reported
            ))
        }
        other => Ok(format!("unknown job {other}")),
    }
}

/// The instance name used in claims.
pub fn instance_name(app: &App) -> String {
    app.settings.instance_name.clone().unwrap_or_else(|| {
        let host = std::fs::read_to_string("/etc/hostname").map(|h| h.trim().to_owned()).unwrap_or_else(|_| "host".into());
        format!("{host}-{}", std::process::id())
    })
}
