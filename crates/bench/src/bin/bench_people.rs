//! Benchmarks of the people capability on a county made by `lianxin gen` (see `bench/roster` and
//! `bench/import`). Times are taken around the app functions the pages call (policy and queries,
//! without HTTP and rendering), signed in as a county organizer. Prints TESTING.md figure lines.
//!
//! `cargo run --release -p lianxin --example bench_people -- roster --database-url URL --org ID`
//! `cargo run --release -p lianxin --example bench_people -- import --database-url URL --org ID`
//! The data key comes from `LIANXIN_DATA_KEY` or the key file `lianxin gen` keeps beside the database.

use std::{
    collections::HashMap,
    sync::Arc,
    time::{Duration, Instant},
};

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use lianxin_app::{
    Actor, App, Ctx, Settings, SystemClock,
    accounts::{AccountNew, GrantScope},
    people::{
        import::{ImportKind, run as import_run},
        members,
    },
    settings::Secret,
    sheets,
};
use lianxin_core::{accounts::Role, orgs::AreaLevel, people::make_id_number, tree::TreePath};
use lianxin_store::{Db, orgs as orgs_store, people as people_store};
use uuid::Uuid;

#[derive(Parser)]
struct Args {
    #[arg(long)]
    database_url: String,
    /// The county organization (`lianxin gen` prints its id).
    #[arg(long)]
    org: Uuid,
    #[command(subcommand)]
    what: What,
}

#[derive(Subcommand)]
enum What {
    /// Roster pages (first and deep) and the subtree member count.
    Roster {
        #[arg(long, default_value_t = 200)]
        runs: usize,
    },
    /// Import of a member roster .xlsx, first with one bad row (nothing may be written), then whole.
    Import {
        #[arg(long, default_value_t = 100_000)]
        rows: usize,
    },
    /// Meeting cadence compliance of the whole county for one year (the use case the overview
    /// pages call); prints a township organization for the page benchmark.
    Compliance {
        #[arg(long, default_value_t = 30)]
        runs: usize,
        #[arg(long)]
        year: i32,
    },
    /// An election on site in the county's first branch with `voters` more members on its roll:
    /// every voter casts through the use case with `concurrency` at once, every tenth tries a
    /// second time; then the box and the roll are counted, the round is tallied and the board
    /// verified, each timed.
    Election {
        #[arg(long, default_value_t = 2000)]
        voters: usize,
        #[arg(long, default_value_t = 200)]
        concurrency: usize,
    },
    /// The county's yearly points standings (every member scored from the recorded service); prints
    /// a township and a branch for the page benchmark.
    Points {
        #[arg(long, default_value_t = 10)]
        runs: usize,
        #[arg(long)]
        year: i32,
    },
}

const PAGE: u64 = 50;
const ROSTER_TARGET_MS: f64 = 20.0;
const COUNT_TARGET_MS: f64 = 5.0;
const IMPORT_TARGET_S: f64 = 20.0;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let key = data_key(&args.database_url)?;
    let settings =
        Settings { database_url: Secret::new(&args.database_url), pool_size: 4, data_key: Secret::new(key), ..Default::default() };
    let db = Db::connect(&args.database_url, settings.pool_size).await?;
    db.migrate().await?;
    let app = App::new(db, settings, Arc::new(SystemClock));
    let ctx = organizer(&app, args.org).await?;
    match args.what {
        What::Roster { runs } => roster(&ctx, args.org, runs).await,
        What::Import { rows } => import(&ctx, args.org, rows).await,
        What::Compliance { runs, year } => compliance(&ctx, args.org, runs, year).await,
        What::Points { runs, year } => points(&ctx, args.org, runs, year).await,
        What::Election { voters, concurrency } => election(&ctx, args.org, voters, concurrency).await,
    }
}

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

/// A county organizer account (made once) and its context.
async fn organizer(app: &App, org: Uuid) -> anyhow::Result<Ctx> {
    let system = Ctx::system(app.clone(), "bench");
    let username = "bench-county";
    let account = match lianxin_store::accounts::by_username(app.db.conn(), username).await? {
        Some(a) => a,
        None => {
            let new = AccountNew {
                username: username.into(),
                display_name: "县委组织部 基准测试".into(),
                password: "ledger-of-the-hills-4711".into(),
                locale: lianxin_app::Locale::ZhCn,
            };
            lianxin_app::accounts::create(&system, new).await?
        }
    };
    lianxin_app::accounts::grant_role(&system, username, Role::Organizer, GrantScope::Org(org)).await?;
    let principal = lianxin_app::auth::load_principal(app, account.id, None).await?.context("the bench account is disabled")?;
    Ok(Ctx::new(app.clone(), Actor::Account(principal)))
}

const COMPLIANCE_TARGET_MS: f64 = 200.0;

async fn compliance(ctx: &Ctx, org: Uuid, runs: usize, year: i32) -> anyhow::Result<()> {
    // Computed afresh every run: the pages keep the result for a few seconds, this times the work.
    use lianxin_app::meetings::compliance::{compliance_fresh as compliance, year_range};
    let (from, to) = year_range(year);
    let c = compliance(ctx, org, from, to).await?;
    let checks: usize = c.orgs.iter().map(|o| o.checks.len()).sum();
    let held = c.total.held + c.total.late;
    let township = c.lines.iter().find(|l| l.orgs > 1).map(|l| l.org.id).context("no township below the county")?;
    let times = time_runs(runs, || compliance(ctx, org, from, to)).await?;
    let (p50, p99) = percentiles(times);
    println!(
        "meetings_compliance: {p50:.1} ms p50, {p99:.1} ms p99 (data: {} organizations with meetings due, {checks} periods checked, {held} held in {year}, {} late or missing; concurrency: 1) — {}",
        c.orgs.len(),
        c.total.behind(),
        verdict(p50, COMPLIANCE_TARGET_MS, "ms")
    );
    println!("township_org: {township}");
    Ok(())
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median and 99th percentile in milliseconds.
fn percentiles(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    let at = |q: f64| millis(v[((v.len() as f64 * q).ceil() as usize).clamp(1, v.len()) - 1]);
    (at(0.5), at(0.99))
}

fn verdict(value: f64, target: f64, unit: &str) -> String {
    if value <= target { format!("target ≤ {target} {unit}: met") } else { format!("target ≤ {target} {unit}: MISSED") }
}

async fn time_runs<F, Fut, T>(runs: usize, mut f: F) -> anyhow::Result<Vec<Duration>>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = lianxin_app::Result<T>>,
{
    for _ in 0..runs.div_ceil(10) {
        f().await?;
    }
    let mut out = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f().await?;
        out.push(t.elapsed());
    }
    Ok(out)
}

async fn roster(ctx: &Ctx, org: Uuid, runs: usize) -> anyhow::Result<()> {
    let first = members::roster(ctx, org, &Default::default(), PAGE).await?;
    let total = first.total;
    let party = members::count(ctx, org).await?;
    // Walk the keyset cursor 100 pages in, to the 5 001st row.
    let mut filter = people_store::RosterFilter::default();
    let mut depth = 0;
    let mut page = first;
    for _ in 0..100 {
        let Some(next) = page.next.clone() else { break };
        filter.after = Some(next);
        depth += page.members.len();
        page = members::roster(ctx, org, &filter, PAGE).await?;
    }
    if page.members.is_empty() {
        bail!("the roster has no rows: generate a county first");
    }
    // And on to the last page.
    let mut last_filter = filter.clone();
    let mut last_depth = depth;
    let mut last = page.clone();
    while let Some(next) = last.next.clone() {
        let after =
            members::roster(ctx, org, &people_store::RosterFilter { after: Some(next.clone()), ..Default::default() }, PAGE).await?;
        if after.members.is_empty() {
            break;
        }
        last_filter.after = Some(next);
        last_depth += last.members.len();
        last = after;
    }
    let data = format!("{total} members under the county ({party} probationary and full)");
    let top = people_store::RosterFilter::default();
    let (p50, p99) = percentiles(time_runs(runs, || members::roster(ctx, org, &top, PAGE)).await?);
    println!(
        "roster_page: {p50:.2} ms p50, {p99:.2} ms p99 (data: {data}, page {PAGE} rows, depth: first page, {runs} runs; concurrency: 1) — {}",
        verdict(p99, ROSTER_TARGET_MS, "ms")
    );
    let (p50, p99) = percentiles(time_runs(runs, || members::roster(ctx, org, &filter, PAGE)).await?);
    println!(
        "roster_page: {p50:.2} ms p50, {p99:.2} ms p99 (data: {data}, page {PAGE} rows, depth: row {} via the keyset cursor, {runs} runs; concurrency: 1) — {}",
        depth + 1,
        verdict(p99, ROSTER_TARGET_MS, "ms")
    );
    let (p50, p99) = percentiles(time_runs(runs, || members::roster(ctx, org, &last_filter, PAGE)).await?);
    println!(
        "roster_page: {p50:.2} ms p50, {p99:.2} ms p99 (data: {data}, page {PAGE} rows, depth: last page from row {}, {runs} runs; concurrency: 1) — {}",
        last_depth + 1,
        verdict(p99, ROSTER_TARGET_MS, "ms")
    );
    let (p50, p99) = percentiles(time_runs(runs, || members::count(ctx, org)).await?);
    println!(
        "member_count: {p50:.2} ms p50, {p99:.2} ms p99 (data: {data}, subtree by path range, {runs} runs; concurrency: 1) — {}",
        verdict(p99, COUNT_TARGET_MS, "ms")
    );
    Ok(())
}

const HEADERS: &[&str] = &[
    "姓名",
    "性别",
    "出生日期",
    "民族",
    "文化程度",
    "职业",
    "公民身份号码",
    "联系电话",
    "区划代码",
    "所在党组织",
    "党员状态",
    "申请入党日期",
    "入党日期",
    "转正日期",
    "流动党员",
    "困难党员",
    "年老体弱",
];
const SURNAMES: &[&str] =
    &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
const GIVEN: &[&str] =
    &["建国", "志强", "海涛", "秀英", "丽华", "春燕", "俊杰", "婷婷", "明", "红梅", "国平", "玉兰", "文博", "晓东", "桂芳", "鹏"];
const EDUCATION: &[&str] = &["小学", "初中", "高中", "中专", "大专", "本科"];
const OCCUPATION: &[&str] = &["农民", "外出务工", "工人", "个体", "教师", "其他"];

/// Rows of a member roster for the county's villager groups, each in the branch of its village.
async fn roster_rows(ctx: &Ctx, org: Uuid, n: usize) -> anyhow::Result<Vec<Vec<String>>> {
    let c = ctx.db().conn();
    let county_org = orgs_store::org(c, org).await?.context("no such organization")?;
    let area_id = *orgs_store::org_area_ids(c, org).await?.first().context("the organization serves no area")?;
    let county = orgs_store::area(c, area_id).await?.context("no county area")?;
    let mut branch_of: HashMap<Uuid, String> = HashMap::new();
    let root = TreePath::parse(&county_org.path).context("bad path")?;
    for o in orgs_store::org_subtree(c, &root, &Default::default(), 100_000).await? {
        if matches!(o.kind.as_str(), "branch" | "general_branch" | "joint_branch") {
            for a in orgs_store::org_area_ids(c, o.id).await? {
                branch_of.insert(a, o.name.clone());
            }
        }
    }
    let areas = orgs_store::area_subtree(c, &TreePath::parse(&county.path).context("bad path")?, 1_000_000).await?;
    let groups: Vec<(String, String)> = areas
        .iter()
        .filter(|a| a.level == AreaLevel::Group.as_str())
        .filter_map(|a| a.parent_id.and_then(|v| branch_of.get(&v)).map(|b| (a.code.clone(), b.clone())))
        .collect();
    if groups.is_empty() {
        bail!("the county has no villager groups led by a branch: generate it with `lianxin gen`");
    }
    // ID numbers of a region no generated county (cities 80–89) and not the demo (79) uses.
    let region = format!("{}78{}", &county.code[..2], &county.code[4..6]);
    let base = NaiveDate::from_ymd_opt(1950, 1, 1).context("date")?;
    let today = chrono::Utc::now().date_naive();
    let mut rows = Vec::with_capacity(n);
    for i in 0..n {
        let birth = base + chrono::Duration::days((i % 18_000) as i64);
        let male = i % 2 == 0;
        let id = make_id_number(&region, birth, ((i / 18_000) * 2) as u16, male);
        let (code, branch) = &groups[i % groups.len()];
        let probationary = i % 20 == 7;
        let admitted = if probationary { today - chrono::Duration::days(100) } else { birth + chrono::Duration::days(25 * 365) };
        let applied = admitted - chrono::Duration::days(400);
        let full = if probationary { String::new() } else { (admitted + chrono::Duration::days(366)).to_string() };
        rows.push(vec![
            format!("{}{}", SURNAMES[i % SURNAMES.len()], GIVEN[(i / SURNAMES.len()) % GIVEN.len()]),
            if male { "男" } else { "女" }.into(),
            birth.to_string(),
            "汉族".into(),
            EDUCATION[i % EDUCATION.len()].into(),
            OCCUPATION[(i / 7) % OCCUPATION.len()].into(),
            id,
            format!("139{:08}", i),
            code.clone(),
            branch.clone(),
            if probationary { "预备党员" } else { "正式党员" }.into(),
            applied.to_string(),
            admitted.to_string(),
            full,
            if i % 13 == 0 { "是" } else { "否" }.into(),
            if i % 19 == 0 { "是" } else { "否" }.into(),
            "否".into(),
        ]);
    }
    Ok(rows)
}

async fn count_all(ctx: &Ctx, org: Uuid) -> anyhow::Result<u64> {
    let o = orgs_store::org(ctx.db().conn(), org).await?.context("no such organization")?;
    let root = TreePath::parse(&o.path).context("bad path")?;
    Ok(people_store::count_roster(ctx.db().conn(), &root, &Default::default()).await?)
}

async fn import(ctx: &Ctx, org: Uuid, n: usize) -> anyhow::Result<()> {
    let headers: Vec<String> = HEADERS.iter().map(|h| (*h).to_owned()).collect();
    let mut rows = roster_rows(ctx, org, n).await?;
    let good = sheets::write_xlsx("党员花名册", &headers, rows.clone())?;
    // The same file with one ID number's check character wrong, in the middle.
    let bad_row = n / 2;
    let id = &mut rows[bad_row][6];
    let wrong = if id.ends_with('0') { '1' } else { '0' };
    id.pop();
    id.push(wrong);
    let bad = sheets::write_xlsx("党员花名册", &headers, rows)?;
    let mb = good.len() as f64 / 1e6;

    let before = count_all(ctx, org).await?;
    let t = Instant::now();
    let outcome = import_run(ctx, ImportKind::Members, &bad, "bench-bad.xlsx", |_| {}).await?;
    let secs = t.elapsed().as_secs_f64();
    let after = count_all(ctx, org).await?;
    let first = outcome.errors.first().map(|e| format!("line {}, {}: {}", e.line, e.column, e.reason)).unwrap_or_default();
    println!(
        "import_rejected: {secs:.2} s (data: {n} rows, {mb:.1} MB .xlsx, one bad ID number at line {}; concurrency: 1) — {} error(s) [{first}], members before {before}, after {after}: {}",
        bad_row + 2,
        outcome.errors.len(),
        if after == before && outcome.members_created == 0 { "nothing written" } else { "WROTE DATA" }
    );

    let t = Instant::now();
    let outcome = import_run(ctx, ImportKind::Members, &good, "bench.xlsx", |_| {}).await?;
    let secs = t.elapsed().as_secs_f64();
    let after = count_all(ctx, org).await?;
    if !outcome.errors.is_empty() {
        let e = &outcome.errors[0];
        bail!("the good file was rejected with {} errors, first: line {} {} {}", outcome.errors.len(), e.line, e.column, e.reason);
    }
    println!(
        "import: {secs:.2} s (data: {n} rows, {mb:.1} MB .xlsx; {} persons and {} members created, members under the county {before} → {after}; concurrency: 1) — {}",
        outcome.persons_created,
        outcome.members_created,
        verdict(secs, IMPORT_TARGET_S, "s")
    );
    Ok(())
}

const POINTS_TARGET_MS: f64 = 1000.0;

async fn points(ctx: &Ctx, org: Uuid, runs: usize, year: i32) -> anyhow::Result<()> {
    use lianxin_core::meetings::Period;
    let period = Period::Year { year };
    let s = lianxin_app::points::standings_fresh(ctx, org, period).await?;
    let members = s.rows.len();
    let counted: u64 = s.rows.iter().map(|r| r.times.present + r.times.absent + r.times.contacts + r.times.resolved).sum();
    let branch = s.rows.iter().map(|r| r.member.org_id).next().context("no member in the county")?;
    let times = time_runs(runs, || lianxin_app::points::standings_fresh(ctx, org, period)).await?;
    let (p50, p99) = percentiles(times);
    println!(
        "points_county_year: {p50:.1} ms p50, {p99:.1} ms p99 (data: {members} members scored for {year} from {counted} recorded items; concurrency: 1) — {}",
        verdict(p50, POINTS_TARGET_MS, "ms")
    );
    println!("branch_org: {branch}");
    Ok(())
}

async fn election(ctx: &Ctx, county: Uuid, voters: usize, concurrency: usize) -> anyhow::Result<()> {
    use lianxin_app::elections::{self, ElectionNew, RollEntry};
    use lianxin_core::elections::Ballot;
    use sea_orm::{EntityTrait, IntoActiveModel};
    let c = ctx.app.db.conn();
    let root = orgs_store::org(c, county).await?.context("no such county organization")?;
    let orgs = orgs_store::org_subtree(c, &TreePath::parse(&root.path).context("path")?, &Default::default(), 100_000).await?;
    let branch = orgs.iter().find(|o| o.kind == "branch" && o.status == "active").context("a branch")?;
    let names: Vec<String> = ["王明", "李红", "张强", "赵芳", "刘洋", "陈静"].iter().map(|s| (*s).to_owned()).collect();
    let e =
        elections::prepare(ctx, branch.id, ElectionNew { title: "换届选举（基准）".into(), seats: 5, candidates: names.clone() }).await?;
    let extra: Vec<RollEntry> = (0..voters)
        .map(|i| RollEntry { election_id: e.id, person_id: Uuid::now_v7(), person_name: format!("党员{i:05}"), excluded: None })
        .collect();
    for chunk in extra.chunks(500) {
        lianxin_store::entity::election_roll::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model))
            .exec(c)
            .await?;
    }
    let roll: Vec<Uuid> = elections::show(ctx, e.id).await?.roll.iter().map(|r| r.person_id).collect();
    let expected = roll.len();
    elections::open_round(ctx, e.id, expected as u64, false).await?;
    // Every tenth voter comes twice.
    let mut queue: Vec<(Uuid, usize)> = roll.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    queue.extend(roll.iter().enumerate().filter(|(i, _)| i % 10 == 0).map(|(i, p)| (*p, i)));
    let queue = Arc::new(std::sync::Mutex::new(queue));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (ctx, queue, names, id) = (ctx.clone(), queue.clone(), names.clone(), e.id);
        workers.push(tokio::spawn(async move {
            let (mut cast, mut refused, mut failed) = (0u64, 0u64, 0u64);
            loop {
                let Some((voter, i)) = queue.lock().expect("queue").pop() else { break };
                let pick = |k: usize| names[(i + k) % names.len()].clone();
                let b = Ballot { approve: (0..3).map(pick).collect(), disapprove: vec![pick(3)], ..Default::default() };
                match elections::cast(&ctx, id, voter, b).await {
                    Ok(_) => cast += 1,
                    Err(lianxin_app::AppError::Conflict { key: "error-election-voted", .. }) => refused += 1,
                    Err(e) => {
                        eprintln!("cast failed: {e:?}");
                        failed += 1;
                    }
                }
            }
            (cast, refused, failed)
        }));
    }
    let (mut cast, mut refused, mut failed) = (0, 0, 0);
    for w in workers {
        let (a, b, f) = w.await?;
        cast += a;
        refused += b;
        failed += f;
    }
    let secs = started.elapsed().as_secs_f64();
    // Counted afterwards, from the database.
    let in_box = lianxin_store::elections::ballots(c, e.id, 1).await?.len();
    let on_roll = lianxin_store::elections::voted_count(c, e.id, 1).await?;
    println!(
        "election_cast voters={expected} concurrency={concurrency} seconds={secs:.1} ballots_per_s={:.0} cast={cast} second_tries_refused={refused} failed={failed}",
        cast as f64 / secs
    );
    println!("election_count ballots_in_box={in_box} voted_on_roll={on_roll} expected={expected}");
    if in_box != expected || on_roll as usize != expected || failed > 0 || refused as usize != expected.div_ceil(10) {
        bail!("a ballot was lost, doubled or refused wrongly");
    }
    let t = Instant::now();
    let round = elections::close_round(ctx, e.id).await?;
    println!("election_tally ballots={in_box} ms={:.0} elected={}", t.elapsed().as_secs_f64() * 1000.0, round.elected.len());
    let t = Instant::now();
    let v = elections::verify(ctx, e.id).await?;
    println!("election_verify entries={} ms={:.0} ok={}", v.entries, t.elapsed().as_secs_f64() * 1000.0, v.ok());
    if !v.ok() {
        bail!("the board does not verify");
    }
    println!("election_id {}", e.id);
    Ok(())
}
