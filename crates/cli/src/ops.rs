//! Operator commands: audit verification, jobs, replacing the data key, backup and restore.

use std::{path::Path, process::ExitCode};

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use lianxin_app::{Ctx, Settings, audit, jobs};
use lianxin_store::{Backend, backup};

pub async fn audit_verify(settings: Settings) -> anyhow::Result<ExitCode> {
    let app = crate::config::app(settings).await?;
    let ctx = Ctx::system(app, "cli");
    let r = audit::verify(&ctx).await?;
    match r.broken {
        None => {
            println!("audit chain intact: {} entries checked (#{}–#{})", r.checked, r.first_seq, r.last_seq);
            Ok(ExitCode::SUCCESS)
        }
        Some(b) => {
            let seq = b.seq();
            println!("audit chain BROKEN at entry #{seq}: {b:?} ({} entries verified before it)", r.checked);
            Ok(ExitCode::from(2))
        }
    }
}

/// Checks an election's board and recounts its rounds; exit code 2 when anything disagrees.
pub async fn election_verify(settings: Settings, id: uuid::Uuid) -> anyhow::Result<ExitCode> {
    let app = crate::config::app(settings).await?;
    let ctx = Ctx::system(app, "cli");
    let started = std::time::Instant::now();
    let v = lianxin_app::elections::verify(&ctx, id).await?;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    match v.broken_at {
        None => println!("board intact: {} entries chained", v.entries),
        Some(seq) => println!("board BROKEN at entry #{seq} ({} entries)", v.entries),
    }
    if v.repeated_receipts > 0 {
        println!("{} receipts appear twice", v.repeated_receipts);
    }
    for r in &v.rounds {
        let elected = r.recounted.elected.join("、");
        let word = match (r.in_place, r.matches, r.published.is_some()) {
            (false, ..) => "HOLDS AN ENTRY THAT DOES NOT BELONG (a ballot in a paper round or a tellers' count in an on-site one)",
            (true, true, _) => "matches the published result",
            (true, false, false) => "still open: nothing published yet",
            (true, false, true) => "DOES NOT match the published result",
        };
        println!(
            "round {}: {} valid and {} void ballots; recounted {} (elected: {}; shortfall {}; re-vote among {} for {}) — {word}",
            r.round,
            r.valid,
            r.void,
            r.recounted.result.word(),
            if elected.is_empty() { "none" } else { &elected },
            r.recounted.shortfall,
            r.recounted.revote_among.len(),
            r.recounted.revote_seats,
        );
    }
    if !v.officers_ok {
        println!("the new committee's vote for its secretary or deputy DOES NOT hold: not among those elected, or too few votes");
    }
    println!("checked in {ms:.0} ms");
    Ok(if v.ok() { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

/// Checks an organization's public board; exit code 2 when its chain is broken.
pub async fn disclosure_verify(settings: Settings, org: uuid::Uuid) -> anyhow::Result<ExitCode> {
    let app = crate::config::app(settings).await?;
    let ctx = Ctx::system(app, "cli");
    let started = std::time::Instant::now();
    let b = lianxin_app::disclosure::board(&ctx, org).await?;
    match b.broken_at {
        None => println!("{}: board intact, {} disclosures chained", b.org.name, b.entries.len()),
        Some(seq) => println!("{}: board BROKEN at disclosure #{seq} ({} disclosures)", b.org.name, b.entries.len()),
    }
    for s in &b.schedules {
        let last = s.last.map_or("never".to_owned(), |d| d.to_string());
        let due = s.due_on.map_or("none pending".to_owned(), |d| d.to_string());
        println!("{}: last {last}, next due {due}{}", s.category.as_str(), if s.overdue { " — OVERDUE" } else { "" });
    }
    if !b.late.is_empty() {
        println!("{} major matters were put up late", b.late.len());
    }
    println!("checked in {:.0} ms", started.elapsed().as_secs_f64() * 1000.0);
    Ok(if b.broken_at.is_none() { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

pub async fn jobs_run(settings: Settings, now: &str) -> anyhow::Result<()> {
    let now: DateTime<Utc> =
        DateTime::parse_from_rfc3339(now).with_context(|| format!("--now must be an RFC 3339 instant, got {now:?}"))?.with_timezone(&Utc);
    let app = crate::config::app(settings).await?;
    let instance = jobs::instance_name(&app);
    let reports = jobs::run_due(&app, lianxin_core::clock::to_micros(now), &instance).await?;
    if reports.is_empty() {
        println!("no job was due at {now}");
    }
    for r in reports {
        println!("{}", serde_json::to_string(&r)?);
    }
    Ok(())
}

pub async fn jobs_list(settings: Settings) -> anyhow::Result<()> {
    let app = crate::config::app(settings).await?;
    jobs::register(&app, app.now()).await?;
    println!("{:<18} {:>8} {:<26} {:<26} last outcome", "job", "every(s)", "next run", "last run");
    for j in lianxin_store::jobs::all(app.db.conn()).await? {
        println!(
            "{:<18} {:>8} {:<26} {:<26} {}",
            j.name,
            j.interval_secs,
            j.next_run_at.to_rfc3339(),
            j.last_run_at.map(|t| t.to_rfc3339()).unwrap_or_else(|| "—".into()),
            j.last_outcome.unwrap_or_default()
        );
    }
    Ok(())
}

/// `rotate-key`: the new key from a file or the environment, every sealed value re-encrypted in
/// one transaction, the counts printed per field.
pub async fn rotate_key(settings: Settings, file: Option<&Path>, given: Option<String>) -> anyhow::Result<()> {
    let hex = match (file, given) {
        (Some(f), _) => std::fs::read_to_string(f).with_context(|| format!("cannot read the new key from {}", f.display()))?,
        (None, Some(k)) => k,
        (None, None) => {
            bail!("give the new key with --new-key-file FILE or LIANXIN_NEW_DATA_KEY (64 hex digits; `lianxin gen-key` makes one)")
        }
    };
    let new = lianxin_app::crypto::DataKey::from_hex(&hex).context("the new key")?;
    let app = crate::config::app(settings).await?;
    if app.key().is_err() {
        bail!("no current data_key is configured: there is nothing to re-encrypt from");
    }
    let done =
        lianxin_app::data_key::rotate(&Ctx::system(app.clone(), "cli"), &new).await.map_err(|e| anyhow::anyhow!("{} ({e})", e.key()))?;
    for (field, n) in &done.fields {
        println!("{field:<24} {n:>9} re-encrypted");
    }
    if done.fields.is_empty() {
        println!("no sealed value was found");
    }
    println!("{:<24} {:>9} forgotten (villagers ask for a new code)", "phone sign-in codes", done.phone_codes_forgotten);
    println!("done in one transaction. Put the new key in the settings (data_key or LIANXIN_DATA_KEY) before starting `serve` again.");
    Ok(())
}

pub async fn backup(settings: Settings, file: &Path) -> anyhow::Result<()> {
    let db = crate::config::open(&settings).await?;
    if db.backend() != Backend::Sqlite {
        bail!("backup copies an SQLite database; for PostgreSQL use: pg_dump -Fc -f {} <database> (see README)", file.display());
    }
    backup::sqlite_backup(&db, file).await?;
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    println!("backup written to {} ({} bytes)", file.display(), size);
    Ok(())
}

pub async fn restore(settings: Settings, file: &Path, yes: bool) -> anyhow::Result<ExitCode> {
    let url = settings.database_url.expose().to_owned();
    let Some(target) = crate::config::sqlite_path(&url) else {
        bail!("restore replaces an SQLite database; for PostgreSQL use pg_restore (see README)");
    };
    if !file.exists() {
        bail!("{} does not exist", file.display());
    }
    // Check a copy of the backup before touching anything: it must open and pass audit verify.
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = target.with_extension("restoring");
    std::fs::copy(file, &tmp).with_context(|| format!("cannot copy to {}", tmp.display()))?;
    let report = match check_backup(&settings, &tmp).await {
        Ok(r) => r,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    if let Some(b) = report.broken {
        let _ = std::fs::remove_file(&tmp);
        println!("refusing to restore: the backup's audit chain is broken ({b:?})");
        return Ok(ExitCode::from(2));
    }
    if !yes {
        let _ = std::fs::remove_file(&tmp);
        println!(
            "The backup is sound ({} audit entries verified). Stop `serve`, then run again with --yes to replace {}.",
            report.checked,
            target.display()
        );
        return Ok(ExitCode::from(3));
    }
    for suffix in ["-wal", "-shm"] {
        let side = format!("{}{suffix}", target.display());
        let _ = std::fs::remove_file(side);
    }
    std::fs::rename(&tmp, &target).with_context(|| format!("cannot replace {}", target.display()))?;
    println!("restored {} from {} ({} audit entries verified)", target.display(), file.display(), report.checked);
    Ok(ExitCode::SUCCESS)
}

async fn check_backup(settings: &Settings, copy: &Path) -> anyhow::Result<audit::VerifyReport> {
    let url = format!("sqlite://{}?mode=rw", copy.display());
    let db = lianxin_store::Db::connect(&url, 2).await.context("the backup is not a readable SQLite database")?;
    let app = lianxin_app::App::new(db, settings.clone(), std::sync::Arc::new(lianxin_app::SystemClock));
    let report = audit::verify(&Ctx::system(app.clone(), "restore")).await.context("the backup does not hold a lianxin database");
    app.db.close().await;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
    }
    report
}
