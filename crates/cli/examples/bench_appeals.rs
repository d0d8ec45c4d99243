//! Benchmarks of the appeals capability (see `bench/appeals-intake`, `bench/appeals-reads` and
//! `bench/appeals-sweep`): a load generator for HTTP, a minimal axum "hello" server as the
//! reference, and the set-up and checks the scripts need on a county made by `lianxin gen`.
//!
//! `bench_appeals hello --listen 127.0.0.1:3999`
//! `bench_appeals load --url URL --concurrency 32 --duration 10s [--method POST --body-template intake --villages F]`
//! `bench_appeals setup --database-url URL --org COUNTY_ORG --villages-out F`
//! `bench_appeals count --database-url URL`
//! `bench_appeals history --database-url URL --county AREA --overdue 100000 --now T`
//! `bench_appeals sweep --database-url URL --now T`
//! The data key comes from `LIANXIN_DATA_KEY` or the key file `lianxin gen` keeps beside the database.

#[path = "../src/memory.rs"]
mod memory;

use std::{
    io::Write,
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

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
    /// Sends requests from `concurrency` clients, each on its own keep-alive HTTP/1.1 connection,
    /// for a time or a count; prints requests/s, latency percentiles and non-2xx answers.
    Load(Load),
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

#[derive(clap::Args)]
struct Load {
    #[arg(long)]
    url: String,
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// How long to send, e.g. 10s, 500ms, 1m (default 10s unless --requests is given).
    #[arg(long)]
    duration: Option<String>,
    /// How many requests to send in all.
    #[arg(long)]
    requests: Option<u64>,
    #[arg(long, default_value = "GET")]
    method: String,
    /// A file whose content is sent as the body of every request.
    #[arg(long)]
    body_file: Option<std::path::PathBuf>,
    /// Bodies made per request: `intake` (a new appeal in a village of --villages).
    #[arg(long)]
    body_template: Option<String>,
    /// Village ids, one a line (for the intake template).
    #[arg(long)]
    villages: Option<std::path::PathBuf>,
    /// Extra headers, `Name: value`.
    #[arg(long)]
    header: Vec<String>,
    /// Where to write the tracking codes of acknowledged appeals (201 answers), one a line.
    #[arg(long)]
    codes_out: Option<std::path::PathBuf>,
    /// Figure name and data description for the printed line.
    #[arg(long, default_value = "load")]
    name: String,
    #[arg(long, default_value = "")]
    data: String,
}

fn main() -> anyhow::Result<()> {
    memory::limit_malloc_arenas();
    let args = Args::parse();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async {
        match args.what {
            What::Hello { listen } => hello(&listen).await,
            What::Load(l) => load(l).await,
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

async fn hello(listen: &str) -> anyhow::Result<()> {
    let app = axum::Router::new().route("/", axum::routing::get(|| async { "hello" }));
    let listener = tokio::net::TcpListener::bind(listen).await.with_context(|| format!("cannot listen on {listen}"))?;
    eprintln!("hello: listening on {}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}

// ---- the load generator ----

fn parse_duration(s: &str) -> anyhow::Result<Duration> {
    let s = s.trim();
    let (n, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(s.len()));
    let n: f64 = n.parse().with_context(|| format!("bad duration {s:?}"))?;
    let secs = match unit {
        "ms" => n / 1000.0,
        "s" | "" => n,
        "m" => n * 60.0,
        _ => bail!("bad duration unit in {s:?} (ms, s, m)"),
    };
    Ok(Duration::from_secs_f64(secs))
}

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

#[derive(Default)]
struct Tally {
    micros: Vec<u32>,
    ok: u64,
    non_2xx: u64,
    errors: u64,
    codes: Vec<String>,
    first_failure: Option<String>,
}

async fn load(l: Load) -> anyhow::Result<()> {
    let duration = match (&l.duration, l.requests) {
        (Some(d), _) => Some(parse_duration(d)?),
        (None, None) => Some(Duration::from_secs(10)),
        (None, Some(_)) => None,
    };
    let method: reqwest::Method = l.method.parse().context("bad --method")?;
    let fixed = match &l.body_file {
        Some(f) => Some(std::fs::read(f).with_context(|| format!("cannot read {}", f.display()))?),
        None => None,
    };
    let villages: Arc<Vec<String>> = Arc::new(match &l.villages {
        Some(f) => std::fs::read_to_string(f)?.lines().map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect(),
        None => Vec::new(),
    });
    let intake = match l.body_template.as_deref() {
        None => false,
        Some("intake") if !villages.is_empty() => true,
        Some("intake") => bail!("the intake template needs --villages"),
        Some(t) => bail!("unknown body template {t:?}"),
    };
    let mut headers = reqwest::header::HeaderMap::new();
    for h in &l.header {
        let (k, v) = h.split_once(':').with_context(|| format!("bad header {h:?}"))?;
        headers.insert(reqwest::header::HeaderName::from_bytes(k.trim().as_bytes())?, v.trim().parse()?);
    }
    if intake || fixed.is_some() {
        headers.entry(reqwest::header::CONTENT_TYPE).or_insert("application/json".parse()?);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let sent = Arc::new(AtomicU64::new(0));
    let limit = l.requests.unwrap_or(u64::MAX);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..l.concurrency.max(1) {
        // One client per task, so each holds its own keep-alive connection.
        let client = reqwest::Client::builder()
            .http1_only()
            .pool_max_idle_per_host(1)
            // A redirect (to the sign-in page, say) is an answer to count, not to follow.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .default_headers(headers.clone())
            .build()?;
        let (url, method, fixed, villages, stop, sent) =
            (l.url.clone(), method.clone(), fixed.clone(), villages.clone(), stop.clone(), sent.clone());
        tasks.push(tokio::spawn(async move {
            let mut t = Tally::default();
            loop {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let n = sent.fetch_add(1, Ordering::Relaxed);
                if n >= limit {
                    break;
                }
                let mut req = client.request(method.clone(), &url);
                if intake {
                    req = req.body(intake_body(&villages, n));
                } else if let Some(b) = &fixed {
                    req = req.body(b.clone());
                }
                let t0 = Instant::now();
                match req.send().await {
                    Ok(resp) => {
                        let status = resp.status();
                        let body = resp.bytes().await;
                        t.micros.push(u32::try_from(t0.elapsed().as_micros()).unwrap_or(u32::MAX));
                        match body {
                            Ok(b) if status.is_success() => {
                                t.ok += 1;
                                if intake && status == reqwest::StatusCode::CREATED {
                                    let v: serde_json::Value = serde_json::from_slice(&b).unwrap_or_default();
                                    if let Some(c) = v.get("code").and_then(|c| c.as_str()) {
                                        t.codes.push(c.to_owned());
                                    }
                                }
                            }
                            Ok(b) => {
                                t.non_2xx += 1;
                                t.first_failure.get_or_insert_with(|| {
                                    format!("{status}: {}", String::from_utf8_lossy(&b).chars().take(300).collect::<String>())
                                });
                            }
                            Err(e) => {
                                t.errors += 1;
                                t.first_failure.get_or_insert_with(|| e.to_string());
                            }
                        }
                    }
                    Err(e) => {
                        t.errors += 1;
                        t.first_failure.get_or_insert_with(|| e.to_string());
                    }
                }
            }
            t
        }));
    }
    if let Some(d) = duration {
        tokio::time::sleep(d).await;
        stop.store(true, Ordering::Relaxed);
    }
    let mut all = Tally::default();
    for task in tasks {
        let t = task.await?;
        all.micros.extend(t.micros);
        all.ok += t.ok;
        all.non_2xx += t.non_2xx;
        all.errors += t.errors;
        all.codes.extend(t.codes);
        if all.first_failure.is_none() {
            all.first_failure = t.first_failure;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    all.micros.sort_unstable();
    let at = |q: f64| {
        if all.micros.is_empty() {
            return 0.0;
        }
        let i = ((all.micros.len() as f64 * q).ceil() as usize).clamp(1, all.micros.len()) - 1;
        f64::from(all.micros[i]) / 1000.0
    };
    let done = all.micros.len() as u64 + all.errors;
    let rps = all.micros.len() as f64 / secs;
    if let Some(f) = &all.first_failure {
        eprintln!("{}: first failure: {f}", l.name);
    }
    if let Some(out) = &l.codes_out {
        let mut f = std::io::BufWriter::new(std::fs::File::create(out)?);
        for c in &all.codes {
            writeln!(f, "{c}")?;
        }
    }
    println!(
        "{}: {rps:.0} req/s, p50 {:.2} ms, p99 {:.2} ms (data: {}; concurrency: {}) — {done} requests in {secs:.1} s, non-2xx {}, errors {}",
        l.name,
        at(0.5),
        at(0.99),
        if l.data.is_empty() { l.url.as_str() } else { l.data.as_str() },
        l.concurrency,
        all.non_2xx,
        all.errors
    );
    println!(
        "result name={} rps={rps:.1} p50_ms={:.3} p99_ms={:.3} requests={done} ok={} non2xx={} errors={} acknowledged={} secs={secs:.2}",
        l.name,
        at(0.5),
        at(0.99),
        all.ok,
        all.non_2xx,
        all.errors,
        all.codes.len()
    );
    Ok(())
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
    let ctx = Ctx::new(app.clone(), Actor::Account(Box::new(principal)));
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
    let ctx = Ctx::new(app.clone(), Actor::Account(Box::new(principal)));
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
