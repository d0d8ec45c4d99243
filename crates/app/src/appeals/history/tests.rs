//! Tests of the parent module.

use super::*;
use chrono::Weekday;

#[test]
fn tracking_codes_are_distinct_and_valid() {
    let mut seen = std::collections::HashSet::new();
    for i in 0..200_000 {
        let c = tracking_code_of(42, i);
        assert!(lianxin_core::appeals::parse_tracking_code(&c).as_deref() == Some(c.as_str()), "{c}");
        assert!(seen.insert(c), "index {i} repeats a code");
    }
    assert_ne!(tracking_code_of(1, 0), tracking_code_of(2, 0), "the key changes the codes");
    assert_eq!(tracking_code_of(7, 99), tracking_code_of(7, 99));
}

#[test]
fn village_totals_add_up_and_vary() {
    let t = village_totals(1, 300, 1_000_000);
    assert_eq!(t.iter().sum::<usize>(), 1_000_000);
    assert!(t.iter().max() > t.iter().min());
    assert_eq!(t, village_totals(1, 300, 1_000_000));
    assert_eq!(village_totals(1, 3, 2).iter().sum::<usize>(), 2);
}

#[test]
fn days_cover_the_window_with_fewer_filings_at_weekends() {
    let now = "2025-06-18T04:00:00Z".parse::<DateTime<Utc>>().unwrap();
    let start = now.checked_sub_months(Months::new(12)).unwrap();
    let days = day_weights(start, now, TimeDelta::minutes(480));
    assert!((365..=367).contains(&days.len()), "{}", days.len());
    let mean = |wd: Weekday| {
        let w: Vec<f64> = days.iter().filter(|d| d.0.weekday() == wd).map(|d| d.1).collect();
        w.iter().sum::<f64>() / w.len() as f64
    };
    assert!(mean(Weekday::Sun) < mean(Weekday::Mon) / 2.0);
    // Today counts only the hours before `now` (12:00 in Shanghai).
    let today = days.last().unwrap();
    assert!(today.1 < days[days.len() - 8].1);
}

#[test]
fn descriptions_vary_and_fill_every_slot() {
    let mut rng = StdRng::seed_from_u64(3);
    let mut seen = std::collections::HashSet::new();
    for code in ["road", "water", "land", "social", "dispute", "elderly", "employment", "agriculture", "environment", "security", "x"] {
        for _ in 0..200 {
            let d = description(&mut rng, code);
            assert!(!d.contains('{'), "{d}");
            assert!(d.chars().count() <= 200);
            seen.insert(d);
        }
    }
    assert!(seen.len() > 1000, "only {} distinct descriptions", seen.len());
}

/// A fresh database with a generated county of `villages` villages, its clock at `now`.
async fn county(url: &str, villages: usize, now: DateTime<Utc>) -> (App, Uuid) {
    let db = lianxin_store::Db::connect(url, 4).await.unwrap();
    db.migrate().await.unwrap();
    let settings = crate::Settings { data_key: crate::settings::Secret::new("ab".repeat(32)), ..Default::default() };
    let app = App::new(db, settings, std::sync::Arc::new(lianxin_core::clock::ManualClock::new(now)));
    let spec = crate::people::r#gen::GenSpec {
        households_per_village: 40,
        members_per_village: 12,
        ..crate::people::r#gen::GenSpec::new(villages, 5)
    };
    let report = crate::people::r#gen::generate(&app, &spec, |_, _, _| {}).await.unwrap();
    (app, report.county_area_id)
}

async fn all(app: &App) -> Vec<Appeal> {
    let mut rows = store::list(app.db.conn(), &store::AppealFilter::default(), None, 1_000_000).await.unwrap();
    rows.sort_by_key(|a| a.id);
    rows
}

/// The history a sweeper would have left: a sweep at `now` moves only the overdue extras,
/// a second one nothing; the shape is what the spec asks for; the same seed gives the same.
async fn history_on(url_a: &str, url_b: &str) {
    let now = "2025-06-18T04:00:00Z".parse::<DateTime<Utc>>().unwrap();
    let (app, county_id) = county(url_a, 3, now).await;
    let spec = HistorySpec { overdue: 40, ..HistorySpec::new(9, 3000, now) };
    let mut seen = Vec::new();
    let report = generate(&app, county_id, &spec, |done, total| seen.push((done, total))).await.unwrap();
    assert_eq!(report.villages, 3);
    assert_eq!(report.appeals, 3040);
    assert_eq!(seen.last(), Some(&(3040, 3040)));
    let rows = all(&app).await;
    assert_eq!(rows.len(), 3040);
    let codes: std::collections::HashSet<&str> = rows.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(codes.len(), rows.len());
    let share = |f: &dyn Fn(&Appeal) -> bool| rows.iter().filter(|a| f(a)).count() as f64 / rows.len() as f64;
    assert!(share(&|a| a.status == "closed") > 0.7, "most are closed");
    assert!(share(&|a| a.status == "rejected") > 0.01 && share(&|a| a.status == "withdrawn") > 0.01);
    assert!(share(&|a| store::ACTIVE.contains(&a.status.as_str())) > 0.005, "a few are open");
    assert!(share(&|a| a.level == "village") > 0.8 && share(&|a| a.level != "village") > 0.01);
    assert!(rows.iter().all(|a| a.created_at < now && a.created_at >= now - Duration::days(366)));
    assert!(rows.iter().all(|a| a.phone_hash.is_none() && a.name_enc.is_none() && a.household_id.is_none()));
    let rated: Vec<&str> = rows.iter().filter_map(|a| a.rating.as_deref()).collect();
    let satisfied = rated.iter().filter(|r| **r == "satisfied").count() as f64 / rated.len() as f64;
    assert!((0.6..0.8).contains(&satisfied), "satisfied {satisfied}");
    let events = store::events(app.db.conn(), rows[0].id, false).await.unwrap();
    assert_eq!(events.first().map(|e| e.kind.as_str()), Some("submitted"));
    assert_eq!(report.events, {
        let mut n = 0;
        for a in &rows {
            n += store::events(app.db.conn(), a.id, false).await.unwrap().len();
        }
        n
    });
    // Found by the full-text search like live appeals.
    let f = store::AppealFilter { text: Some(rows[5].description.chars().take(6).collect()), ..Default::default() };
    assert!(store::count(app.db.conn(), &f).await.unwrap() >= 1);

    let ctx = Ctx::system(app.clone(), "test");
    let first = super::super::sweep::run(&ctx, now).await.unwrap();
    assert_eq!((first.escalated, first.reminded, first.closed), (40, 0, 0), "{first:?}");
    let again = super::super::sweep::run(&ctx, now).await.unwrap();
    assert_eq!(again, Default::default());

    // The same seed on another database: the same appeals.
    let (other, other_county) = county(url_b, 3, now).await;
    generate(&other, other_county, &spec, |_, _| {}).await.unwrap();
    let key = |a: &Appeal| (a.id, a.code.clone(), a.description.clone(), a.created_at, a.due_at);
    let before: Vec<_> = rows.iter().map(key).collect();
    let twin: Vec<_> = all(&other).await.iter().map(key).collect();
    // The first database has swept since; compare what the sweep does not touch.
    assert_eq!(
        before.iter().map(|k| (k.0, &k.1, &k.2, k.3)).collect::<Vec<_>>(),
        twin.iter().map(|k| (k.0, &k.1, &k.2, k.3)).collect::<Vec<_>>()
    );
    // A second history with the same seed in the same county is refused, writing nothing.
    let err = generate(&other, other_county, &spec, |_, _| {}).await.unwrap_err();
    assert!(matches!(err, AppError::Conflict { field: "seed", .. }), "{err:?}");
    assert_eq!(all(&other).await.len(), 3040);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = |n: &str| format!("sqlite://{}?mode=rwc", dir.path().join(n).display());
    history_on(&url("a.db"), &url("b.db")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_on_postgres() {
    use lianxin_store::ConnectionTrait;
    let server = std::env::var("LIANXIN_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
    let admin = match lianxin_store::Db::connect(&format!("{server}/postgres"), 2).await {
        Ok(a) => a,
        Err(e) if std::env::var("CI").is_err() => {
            eprintln!("SKIPPED history_on_postgres: no PostgreSQL at {server} ({e})");
            return;
        }
        Err(e) => panic!("no PostgreSQL at {server}: {e}"),
    };
    let names = [format!("t_{}", Uuid::now_v7().simple()), format!("t_{}", Uuid::now_v7().simple())];
    for n in &names {
        admin.conn().execute_unprepared(&format!("CREATE DATABASE {n}")).await.unwrap();
    }
    let run = tokio::spawn({
        let (a, b) = (format!("{server}/{}", names[0]), format!("{server}/{}", names[1]));
        async move { history_on(&a, &b).await }
    })
    .await;
    for n in &names {
        let _ = admin.conn().execute_unprepared(&format!("DROP DATABASE IF EXISTS {n} WITH (FORCE)")).await;
    }
    if let Err(e) = run {
        std::panic::resume_unwind(e.into_panic());
    }
}
