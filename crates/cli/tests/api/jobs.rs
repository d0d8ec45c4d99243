//! Jobs: due work runs once per due time, even with two instances sweeping at the same moment.

use std::sync::Arc;

use chrono::Duration;
use lianxin_app::{App, jobs};
use lianxin_core::ManualClock;
use lianxin_store::Db;

use crate::{both, helpers::TestApp};

async fn parallel(app: TestApp) {
    let now = app.app.now() + Duration::hours(2);
    // A second instance: its own connection pool on the same database.
    let url = app.app.settings.database_url.expose().to_owned();
    let other_db = Db::connect(&url, 4).await.unwrap();
    let other = App::new(other_db, (*app.app.settings).clone(), Arc::new(ManualClock::new(now)));
    jobs::register(&app.app, app.app.now()).await.unwrap();
    for round in 0..3 {
        let at = now + Duration::hours(2 * round);
        let (a, b) = tokio::join!(jobs::run_due(&app.app, at, "instance-a"), jobs::run_due(&other, at, "instance-b"));
        let (a, b) = (a.unwrap(), b.unwrap());
        for j in jobs::JOBS {
            let runs = a.iter().chain(b.iter()).filter(|r| r.job == j.name).count();
            // Daily jobs are due only in the first round; hourly jobs in every round.
            let expected = if (j.every)() <= Duration::hours(2) || round == 0 { 1 } else { 0 };
            assert_eq!(runs, expected, "{} ran {runs} times in round {round}", j.name);
        }
    }
    let recorded = lianxin_store::jobs::runs(app.app.db.conn(), Some("session_cleanup"), 100).await.unwrap();
    assert_eq!(recorded.len(), 3);
    // Running again at the same instant does nothing.
    assert!(jobs::run_due(&app.app, now + Duration::hours(4), "instance-a").await.unwrap().is_empty());
}
both!(two_instances_run_each_job_once, parallel);
