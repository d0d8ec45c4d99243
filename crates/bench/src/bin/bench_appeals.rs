//! Benchmarks of the appeals capability (see `bench/appeals-intake`, `bench/appeals-reads` and
//! `bench/appeals-sweep`): a minimal axum "hello" server as the reference (the load itself
//! comes from wrk), and the set-up and checks the scripts need on a county made by `lianxin gen`.
//!
//! `bench_appeals hello --listen 127.0.0.1:3999`
//! `bench_appeals setup --database-url URL --org COUNTY_ORG --villages-out F`
//! `bench_appeals count --database-url URL`
//! `bench_appeals history --database-url URL --county AREA --overdue 100000 --now T`
//! `bench_appeals sweep --database-url URL --now T`
//! The data key comes from `LIANXIN_DATA_KEY` or the key file `lianxin gen` keeps beside the database.

#[path = "../../../cli/src/memory.rs"]
mod memory;

use std::{sync::Arc, time::Instant};

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};
use lianxin_app::{
    Actor, App, AppError, Ctx, Settings, SystemClock, TokenAccess,
    accounts::{AccountNew, GrantScope},
    fixtures::appeals::{self as history, HistorySpec},
    settings::Secret,
};
use lianxin_core::{accounts::Role, orgs::AreaLevel, tree::TreePath};
use lianxin_store::{Db, appeals as store, orgs as orgs_store};
use uuid::Uuid;

#[derive(Parser)]
struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Subcommand)]
enum What {
    /// A minimal axum server answering "hello" on `/`: the reference for the reads ratio.
    Hello {
        #[arg(long)]
        listen: String,
    },
    /// Serves the product's router with only its first `layers` layers (`lianxin_web::LAYERS`,
    /// innermost first), for measuring what each costs.
    Stack {
        #[arg(long)]
        database_url: String,
        #[arg(long)]
        listen: String,
        #[arg(long)]
        layers: usize,
    },
    /// Makes the benchmark accounts and tokens (an intake account filing in every village of the
    /// county, a village secretary) and lists the county's villages.
    Setup {
        #[arg(long)]
        database_url: String,
        /// The county organization (`lianxin gen` prints its id).
        #[arg(long)]
        org: Uuid,
        /// Where to write the village ids, one a line.
        #[arg(long)]
        villages_out: std::path::PathBuf,
    },
    /// Prints how many appeals the database holds.
    Count {
        #[arg(long)]
        database_url: String,
    },
    /// Adds appeal history to a generated county: past appeals, and open village-level ones whose
    /// deadline passed before `now` without an escalation (`--overdue`).
    History {
        #[arg(long)]
        database_url: String,
        /// The county (an area id; `lianxin gen` prints it).
        #[arg(long)]
        county: Uuid,
        #[arg(long, default_value_t = 0)]
        appeals: usize,
        #[arg(long, default_value_t = 0)]
        overdue: usize,
        #[arg(long, default_value_t = 2)]
        seed: u64,
        #[arg(long)]
        now: String,
        #[arg(long)]
        no_events: bool,
    },
    /// Files appeals one after another through `lianxin_app::appeals::intake::submit` (no HTTP, no
    /// contention): the floor of one intake, and the statements it runs.
    Submit {
        #[arg(long)]
        database_url: String,
        /// The county organization; its villages get the appeals.
        #[arg(long)]
        org: Uuid,
        #[arg(long, default_value_t = 2000)]
        n: u64,
    },
    /// Times one sweep at `now`, then sweeps again at the same instant (which must change nothing).
    Sweep {
        #[arg(long)]
        database_url: String,
        #[arg(long)]
        now: String,
    },
}

fn main() -> anyhow::Result<()> {
    memory::limit_malloc_arenas();
    let args = Args::parse();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async {
        match args.what {
            What::Hello { listen } => hello(&listen).await,
            What::Stack { database_url, listen, layers } => stack(&database_url, &listen, layers).await,
            What::Setup { database_url, org, villages_out } => setup(&database_url, org, &villages_out).await,
            What::Count { database_url } => {
                let app = open(&database_url).await?;
                println!("{}", store::count(app.db.conn(), &Default::default()).await?);
                Ok(())
            }
            What::History { database_url, county, appeals, overdue, seed, now, no_events } => {
                add_history(
                    &database_url,
                    county,
                    HistorySpec { overdue, events: !no_events, ..HistorySpec::new(seed, appeals, instant(&now)?) },
                )
                .await
            }
            What::Sweep { database_url, now } => sweep(&database_url, &now).await,
            What::Submit { database_url, org, n } => submit(&database_url, org, n).await,
        }
    })
}

// ---- the reference server ----

async fn stack(url: &str, listen: &str, layers: usize) -> anyhow::Result<()> {
    let mut settings =
        Settings { database_url: Secret::new(url), pool_size: 4, data_key: Secret::new(data_key(url)?), ..Default::default() };
    // One address sends everything: the limit per address out of the way, as `serve_appeals` does.
    settings.limits.per_ip_per_second = 1_000_000;
    settings.limits.per_ip_burst = 1_000_000;
    let db = Db::connect(url, settings.pool_size).await?;
    let app = App::new(db, settings, Arc::new(SystemClock));
    let listener = tokio::net::TcpListener::bind(listen).await?;
    let svc = lianxin_web::router_with_layers(app, layers).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, svc).await?;
    Ok(())
}

async fn hello(listen: &str) -> anyhow::Result<()> {
    // `/bytes/{n}`: n bytes of text (at most 1 MB, from one buffer made once), the floor for an
    // answer of a page's size: what the server, the kernel and wrk spend on the bytes alone.
    let text = axum::body::Bytes::from("x".repeat(1 << 20));
    let app = axum::Router::new().route("/", axum::routing::get(|| async { "hello" })).route(
        "/bytes/{n}",
        axum::routing::get(move |axum::extract::Path(n): axum::extract::Path<usize>| std::future::ready(text.slice(..n.min(text.len())))),
    );
    let listener = tokio::net::TcpListener::bind(listen).await.with_context(|| format!("cannot listen on {listen}"))?;
    eprintln!("hello: listening on {}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}

// ---- the load generator ----

const PLACES: &[&str] = &["村东头", "村西口", "一组", "三组", "五组", "小学门口", "村委会旁边", "河边", "后山脚下", "文化广场", "老街"];
const NEEDS: &[(&str, &str)] = &[
    ("water", "停水两天了，希望尽快处理"),
    ("water", "自来水水压太小，二楼接不上水"),
    ("environment", "垃圾桶满了好几天没人清运"),
    ("environment", "有人乱倒建筑垃圾，请安排清理"),
    ("elderly", "有一位独居老人几天没见出门，请去看看"),
    ("social", "想咨询城乡居民医保的缴费标准"),
    ("dispute", "两家因为排水沟的走向有矛盾，请村里调解"),
    ("agriculture", "灌溉渠堵塞了，田里进不了水"),
    ("security", "电线老化垂得很低，有安全隐患"),
    ("other", "健身器材坏了，请安排维修"),
    ("land", "承包地边界有争议，希望村里帮忙核实"),
    ("employment", "想报名参加电商培训"),
];

/// A new appeal in one of the villages, different each time (not offered as "me too").
fn intake_body(villages: &[String], n: u64) -> String {
    let x = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 16;
    let village = &villages[(x as usize) % villages.len()];
    let (code, need) = NEEDS[(x / 7) as usize % NEEDS.len()];
    let place = PLACES[(x / 91) as usize % PLACES.len()];
    serde_json::json!({
        "village_id": village,
        "service_code": code,
        "description": format!("{place}{need}。"),
        "channel": "api",
        "not_duplicate": true,
        "attributes": {},
    })
    .to_string()
}

// ---- the database side ----

/// `LIANXIN_DATA_KEY`, or the key file `lianxin gen` keeps beside an SQLite database.
fn data_key(url: &str) -> anyhow::Result<String> {
    if let Ok(k) = std::env::var("LIANXIN_DATA_KEY") {
        return Ok(k);
    }
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).context("set LIANXIN_DATA_KEY")?;
    let file = std::path::Path::new(rest.split('?').next().unwrap_or(rest)).with_extension("key");
    Ok(std::fs::read_to_string(&file)
        .with_context(|| format!("set LIANXIN_DATA_KEY or keep the key in {}", file.display()))?
        .trim()
        .to_owned())
}

async fn open(url: &str) -> anyhow::Result<App> {
    let settings = Settings { database_url: Secret::new(url), pool_size: 4, data_key: Secret::new(data_key(url)?), ..Default::default() };
    let db = Db::connect(url, settings.pool_size).await?;
    db.migrate().await?;
    Ok(App::new(db, settings, Arc::new(SystemClock)))
}

fn instant(s: &str) -> anyhow::Result<DateTime<Utc>> {
    Ok(DateTime::parse_from_rfc3339(s).with_context(|| format!("--now must be an RFC 3339 instant, got {s:?}"))?.with_timezone(&Utc))
}

/// An account with one grant and a token of the given access (made once; a new token each run).
async fn account_with_token(
    app: &App,
    username: &str,
    password: &str,
    role: Role,
    org: Uuid,
    access: TokenAccess,
) -> anyhow::Result<String> {
    let system = Ctx::system(app.clone(), "bench");
    let account = match lianxin_store::accounts::by_username(app.db.conn(), username).await? {
        Some(a) => a,
        None => {
            let new = AccountNew {
                username: username.into(),
                display_name: format!("基准测试 {username}"),
                password: password.into(),
                locale: lianxin_app::Locale::ZhCn,
            };
            lianxin_app::accounts::create(&system, new).await?
        }
    };
    match lianxin_app::accounts::grant_role(&system, username, role, GrantScope::Org(org)).await {
        Ok(_) | Err(AppError::Conflict { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    let principal = lianxin_app::auth::load_principal(app, account.id, None).await?.context("the bench account is disabled")?;
    let ctx = Ctx::new(app.clone(), Actor::Account(principal));
    let (_, token) = lianxin_app::auth::create_token(&ctx, "benchmark", access, Some(1)).await?;
    Ok(token)
}

/// Writes the ids of the county's villages that have an organization to `out`; returns the
/// organization whose queue holds the most open appeals and its village's name (its secretary's
/// queue: a full page), and the county area.
async fn setup_villages(app: &App, county_org: Uuid, out: &std::path::Path) -> anyhow::Result<(Uuid, String, Uuid)> {
    let c = app.db.conn();
    let org = orgs_store::org(c, county_org).await?.context("no such organization")?;
    let area_id = *orgs_store::org_area_ids(c, org.id).await?.first().context("the organization serves no area")?;
    let county = orgs_store::area(c, area_id).await?.context("no county area")?;
    let mut villages: Vec<_> = orgs_store::area_subtree(c, &TreePath::parse(&county.path).context("bad path")?, 1_000_000)
        .await?
        .into_iter()
        .filter(|a| a.level == AreaLevel::Village.as_str())
        .collect();
    villages.sort_by(|a, b| a.code.cmp(&b.code));
    // The secretary of the busiest village: the organization its appeals arrive in (the most
    // specific one serving the village) with the most open appeals in its queue.
    let mut secretary_org: Option<(u64, Uuid, String)> = None;
    let mut lines = String::new();
    for v in &villages {
        let mut orgs: Vec<_> = orgs_store::orgs_serving_area(c, v.id).await?.into_iter().filter(|o| o.status == "active").collect();
        orgs.sort_by_key(|o| std::cmp::Reverse(o.path.len()));
        let Some(o) = orgs.first() else { continue };
        let open = store::AppealFilter {
            org: Some(o.id),
            statuses: store::ACTIVE.iter().map(|s| (*s).to_owned()).collect(),
            ..Default::default()
        };
        let n = store::count(c, &open).await?;
        if secretary_org.as_ref().is_none_or(|(most, ..)| n > *most) {
            secretary_org = Some((n, o.id, v.name.clone()));
        }
        lines.push_str(&format!("{}\n", v.id));
    }
    std::fs::write(out, lines)?;
    let (_, branch, village) = secretary_org.context("no village has an organization")?;
    Ok((branch, village, county.id))
}

async fn setup(url: &str, county_org: Uuid, villages_out: &std::path::Path) -> anyhow::Result<()> {
    let app = open(url).await?;
    let (branch, village, county) = setup_villages(&app, county_org, villages_out).await?;
    let password = "ledger-of-the-hills-4711";
    let intake = account_with_token(&app, "bench-intake", password, Role::Organizer, county_org, TokenAccess::Write).await?;
    let read = account_with_token(&app, "bench-secretary", password, Role::Secretary, branch, TokenAccess::Read).await?;
    println!("INTAKE_TOKEN={intake}");
    println!("SECRETARY_TOKEN={read}");
    println!("SECRETARY_USER=bench-secretary");
    println!("SECRETARY_PASSWORD={password}");
    println!("SECRETARY_ORG={branch}");
    println!("SECRETARY_VILLAGE={village}");
    println!("COUNTY_AREA={county}");
    Ok(())
}

async fn add_history(url: &str, county: Uuid, spec: HistorySpec) -> anyhow::Result<()> {
    let app = open(url).await?;
    let t = Instant::now();
    let r = history::generate(&app, county, &spec, |_, _| {}).await?;
    let secs = t.elapsed().as_secs_f64();
    println!(
        "history: {} appeals ({} of them overdue extras) and {} events in {secs:.1} s ({:.0} appeals/s)",
        r.appeals,
        spec.overdue,
        r.events,
        r.appeals as f64 / secs.max(1e-9)
    );
    Ok(())
}

async fn submit(url: &str, county_org: Uuid, n: u64) -> anyhow::Result<()> {
    use lianxin_app::appeals::intake::{NewAppeal, Submitted, submit};
    let app = open(url).await?;
    let villages: Vec<String> = {
        let file = std::env::temp_dir().join(format!("bench-appeals-villages-{}", std::process::id()));
        setup_villages(&app, county_org, &file).await?;
        let v = std::fs::read_to_string(&file)?.lines().map(String::from).collect();
        std::fs::remove_file(&file)?;
        v
    };
    account_with_token(&app, "bench-intake", "ledger-of-the-hills-4711", Role::Organizer, county_org, TokenAccess::Write).await?;
    let account = lianxin_store::accounts::by_username(app.db.conn(), "bench-intake").await?.context("no account")?;
    let principal = lianxin_app::auth::load_principal(&app, account.id, Some(TokenAccess::Write)).await?.context("disabled")?;
    let ctx = Ctx::new(app.clone(), Actor::Account(principal));
    let mut micros = Vec::with_capacity(n as usize);
    let statements = app.db.statement_count();
    for i in 0..n {
        let body: serde_json::Value = serde_json::from_str(&intake_body(&villages, i))?;
        let new = NewAppeal {
            village: body["village_id"].as_str().and_then(|v| v.parse().ok()),
            service_code: body["service_code"].as_str().unwrap_or_default().into(),
            description: body["description"].as_str().unwrap_or_default().into(),
            channel: Some(lianxin_core::appeals::Channel::Api),
            not_duplicate: true,
            ..Default::default()
        };
        let t = Instant::now();
        let out = submit(&ctx, new).await?;
        micros.push(t.elapsed().as_micros());
        if !matches!(out, Submitted::Created { .. }) {
            bail!("appeal {i} was not created");
        }
    }
    let per = (app.db.statement_count() - statements) as f64 / n as f64;
    micros.sort_unstable();
    let at = |q: f64| micros[((micros.len() as f64 * q).ceil() as usize).clamp(1, micros.len()) - 1] as f64 / 1000.0;
    let mean = micros.iter().sum::<u128>() as f64 / micros.len() as f64 / 1000.0;
    println!(
        "appeals_submit: {mean:.2} ms mean, p50 {:.2} ms, p99 {:.2} ms, {per:.1} statements each (data: {n} appeals filed one after another in-process; concurrency: 1)",
        at(0.5),
        at(0.99)
    );
    Ok(())
}

/// The process's peak resident memory, from /proc (Linux).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

async fn sweep(url: &str, now: &str) -> anyhow::Result<()> {
    let now = lianxin_core::clock::to_micros(instant(now)?);
    let app = open(url).await?;
    let c = app.db.conn();
    let total = store::count(c, &Default::default()).await?;
    let due = store::count(
        c,
        &store::AppealFilter { overdue_at: Some(now), levels: vec!["village".into(), "township".into()], ..Default::default() },
    )
    .await?;
    let ctx = Ctx::system(app.clone(), "bench");
    let t = Instant::now();
    let first = lianxin_app::appeals::sweep::run(&ctx, now).await?;
    let secs = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let second = lianxin_app::appeals::sweep::run(&ctx, now).await?;
    let again = t.elapsed().as_secs_f64();
    let changed = second.escalated + second.reminded + second.closed;
    let rss = peak_rss_mb().map_or("?".into(), |m| format!("{m:.0}"));
    let verdict = if secs <= 10.0 { "met" } else { "MISSED" };
    println!(
        "appeals_sweep: {secs:.2} s (data: {total} appeals, {due} overdue below the county; concurrency: 1) — escalated {}, reminded {}, closed {}, stuck {}; target ≤ 10 s: {verdict}",
        first.escalated, first.reminded, first.closed, first.stuck
    );
    println!(
        "appeals_sweep_again: {changed} changed in {again:.2} s (data: the same instant; concurrency: 1) — {}",
        if changed == 0 { "idempotent" } else { "NOT IDEMPOTENT" }
    );
    println!("appeals_sweep_rss: {rss} MB peak (data: the sweeping process; concurrency: 1)");
    Ok(())
}
