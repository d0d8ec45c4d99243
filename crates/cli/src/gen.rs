//! `gen`: a county of generated people (areas, organizations, households, residents, members,
//! posts, grids, links) and, when asked, its history of appeals, for trials and benchmarks, the
//! same for the same seed.

use std::time::Instant;

use anyhow::{Context, bail};
use lianxin_app::{
    AppError, Settings,
    fixtures::appeals::{self as history, HistorySpec},
    fixtures::people::{GenSpec, county_codes, generate},
    settings::Secret,
};

/// The appeal history to add to the generated county.
pub struct Appeals {
    pub count: usize,
    pub months: u32,
    pub overdue: usize,
    pub events: bool,
}

/// The years of organizational activity to write beside the county.
pub struct Activity {
    pub meetings: u32,
    pub dues: u32,
    pub study: u32,
    pub care: bool,
}

pub async fn run(mut settings: Settings, villages: usize, seed: u64, appeals: Appeals, activity: Activity) -> anyhow::Result<()> {
    let Activity { meetings, dues, study, care } = activity;
    if settings.data_key.expose().is_empty() {
        settings.data_key = Secret::new(key_beside_database(&settings)?);
    }
    let app = crate::config::app(settings).await?;
    let started = Instant::now();
    eprintln!("generating {villages} villages (seed {seed}) into {}", app.db.display_url());
    let report = generate(&app, &GenSpec::new(villages, seed), |phase, done, total| {
        eprintln!("  {phase}: {done}/{total} ({:.1} s)", started.elapsed().as_secs_f64());
    })
    .await
    .map_err(|e| match e {
        AppError::Conflict { field: "seed", .. } => {
            anyhow::anyhow!(
                "the county of seed {seed} (code {}) is already in this database: choose another --seed",
                county_codes(seed).county
            )
        }
        e @ AppError::Invalid { .. } => anyhow::anyhow!("{} is out of range (1 to 5000 villages)", e.field().unwrap_or_default()),
        e => e.into(),
    })?;
    let secs = started.elapsed().as_secs_f64();
    let c = report.counts;
    println!("generated {} (code {}, seed {seed}) in {secs:.1} s", report.county_name, report.codes.county);
    println!("  townships {}, villages {}, organizations {}", report.townships, report.villages, report.orgs);
    println!(
        "  households {}, persons {}, members {}, positions {}, grids {}, village bodies {}, links {}",
        c.households, c.persons, c.members, c.positions, c.grids, c.bodies, c.links
    );
    println!("  county organization {}", report.county_org_id);
    println!("  county area {}", report.county_area_id);
    println!("  ID numbers start with {}", report.codes.region);
    let t = Instant::now();
    let cases = lianxin_app::fixtures::development::generate(&app, report.county_org_id, seed).await?;
    println!("  development cases {cases} in {:.1} s", t.elapsed().as_secs_f64());
    if dues > 0 {
        if dues > 10 {
            bail!("--dues is a number of years, 1 to 10");
        }
        let t = Instant::now();
        let n = lianxin_app::fixtures::dues::generate(&app, report.county_org_id, dues as i32, seed).await?;
        println!("  dues payments {n} over {dues} years in {:.1} s", t.elapsed().as_secs_f64());
    }
    if study > 0 {
        if study > 10 {
            bail!("--study is a number of years, 1 to 10");
        }
        let t = Instant::now();
        let n = lianxin_app::fixtures::study::generate(&app, report.county_org_id, study as i32, seed).await?;
        println!("  study attendances {n} over {study} years in {:.1} s", t.elapsed().as_secs_f64());
    }
    if care {
        let t = Instant::now();
        let n = lianxin_app::fixtures::care::generate(&app, report.county_org_id, seed).await?;
        println!("  care records {n} in {:.1} s", t.elapsed().as_secs_f64());
    }
    if meetings > 0 {
        if meetings > 20 {
            bail!("--meetings is a number of years, 1 to 20");
        }
        let t = Instant::now();
        let m = lianxin_app::fixtures::meetings::generate(&app, report.county_org_id, meetings, seed).await?;
        println!(
            "  meetings {} over {meetings} years ({} invitees, {} due meetings left unheld) in {:.1} s",
            m.meetings,
            m.invitees,
            m.missing,
            t.elapsed().as_secs_f64()
        );
    }
    if appeals.count + appeals.overdue > 0 {
        let spec = HistorySpec {
            months: appeals.months,
            overdue: appeals.overdue,
            events: appeals.events,
            ..HistorySpec::new(seed, appeals.count, app.now())
        };
        let t = Instant::now();
        let mut last = 0.0;
        let h = history::generate(&app, report.county_area_id, &spec, |done, total| {
            // A line every few seconds is enough for a long run.
            let s = t.elapsed().as_secs_f64();
            if done == total || s - last >= 5.0 {
                last = s;
                eprintln!("  appeals: {done}/{total} ({s:.1} s, {:.0}/s)", done as f64 / s.max(1e-9));
            }
        })
        .await
        .map_err(|e| match e {
            e @ AppError::Invalid { .. } => {
                anyhow::anyhow!("{} is out of range (months 1 to 120, at most 50 000 000 appeals)", e.field().unwrap_or_default())
            }
            e => e.into(),
        })?;
        let s = t.elapsed().as_secs_f64();
        let statuses: Vec<String> = h.by_status.iter().map(|(k, v)| format!("{k} {v}")).collect();
        let levels: Vec<String> = h.by_level.iter().map(|(k, v)| format!("{k} {v}")).collect();
        println!(
            "appeals: {} in {s:.1} s ({:.0}/s; {} timeline events, {} villages, {} months)",
            h.appeals,
            h.appeals as f64 / s.max(1e-9),
            h.events,
            h.villages,
            appeals.months
        );
        println!("  status: {}", statuses.join(", "));
        println!("  level: {}; overdue and open: {}", levels.join(", "), h.overdue);
        println!("  appeals as of {}", spec.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    }
    println!("elapsed: {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Without `data_key` in the settings, an SQLite database gets a key file beside it (made once, as
/// `lianxin demo` does); another database needs the setting.
fn key_beside_database(settings: &Settings) -> anyhow::Result<String> {
    let Some(db) = crate::config::sqlite_path(settings.database_url.expose()) else {
        bail!("no data_key is set: run `lianxin gen-key` and set LIANXIN_DATA_KEY (ID numbers and phones are stored encrypted)");
    };
    let file = db.with_extension("key");
    if let Ok(k) = std::fs::read_to_string(&file) {
        eprintln!("no data_key is set: using the key in {}", file.display());
        return Ok(k.trim().to_owned());
    }
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let k = lianxin_app::crypto::DataKey::generate_hex();
    std::fs::write(&file, &k).with_context(|| format!("cannot write {}", file.display()))?;
    eprintln!("no data_key is set: made one in {} (set LIANXIN_DATA_KEY to its content to serve this database)", file.display());
    Ok(k)
}
