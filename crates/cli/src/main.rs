//! `lianxin`: the one binary. Serve the product, run migrations, build the demo county, administer
//! accounts, verify the audit chain, run due jobs, back up and restore.

mod admin;
mod config;
/// `gen` is a reserved word from edition 2024, hence the raw identifier.
mod r#gen;
mod memory;
mod ops;
mod serve;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "lianxin", version, about = "连心 — the working system of a service-oriented village party organization")]
pub struct Cli {
    /// Settings file (TOML). Defaults to ./lianxin.toml when it exists.
    #[arg(long, global = true, env = "LIANXIN_CONFIG")]
    config: Option<std::path::PathBuf>,
    /// Database URL: sqlite://./data/lianxin.db?mode=rwc or postgres://user@host/db.
    #[arg(long, global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web pages and the API (migrates first; runs the job sweeper every minute).
    Serve {
        /// Address to listen on, e.g. 0.0.0.0:8080.
        #[arg(long)]
        listen: Option<String>,
    },
    /// Bring the database schema up to date.
    Migrate,
    /// Create (once) and serve a sample county on an embedded SQLite database, printing the logins.
    Demo {
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// Build the demo database and exit without serving.
        #[arg(long)]
        no_serve: bool,
    },
    /// Generate a county of people (households, residents, members, posts) for trials and
    /// benchmarks; the same seed gives the same county.
    Gen {
        #[arg(long, default_value_t = 300)]
        villages: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Also write this many past appeals (诉求) over the county's villages.
        #[arg(long, default_value_t = 0)]
        appeals: usize,
        /// Months the appeal history reaches back.
        #[arg(long, default_value_t = 12)]
        months: u32,
        /// Extra open appeals whose village deadline passed unescalated (as after a sweeper outage).
        #[arg(long, default_value_t = 0)]
        overdue: usize,
        /// Write the appeals without their timelines (faster for large histories).
        #[arg(long)]
        no_events: bool,
        /// Also write this many years of meetings (organizational life) for every organization.
        #[arg(long, default_value_t = 0)]
        meetings: u32,
        /// Also write this many years of party dues (bases and monthly payments) for every member.
        #[arg(long, default_value_t = 0)]
        dues: u32,
        /// Also write this many years of study: a course and every branch's trainings.
        #[arg(long, default_value_t = 0)]
        study: u32,
        /// Also write care for every branch: difficulties, visits, pairs, household contacts.
        #[arg(long)]
        care: bool,
    },
    /// Account administration from the console (acts as the system itself, audited).
    #[command(subcommand)]
    Admin(admin::AdminCmd),
    /// The audit log.
    #[command(subcommand)]
    Audit(AuditCmd),
    /// Scheduled jobs.
    #[command(subcommand)]
    Jobs(JobsCmd),
    /// Elections.
    #[command(subcommand)]
    Election(ElectionCmd),
    /// The public boards of party and village affairs.
    #[command(subcommand)]
    Disclosure(DisclosureCmd),
    /// Print a new random key for `data_key` (protects ID numbers and phones at rest).
    GenKey,
    /// Re-encrypt every sealed value (ID numbers, phones, filers' names, outbox addresses,
    /// second-factor secrets) under a new data key, in one transaction; stop `serve` first, then
    /// put the new key in the settings. The current key comes from the settings as usual.
    RotateKey {
        /// File holding the new key (64 hex digits), e.g. from `lianxin gen-key`.
        #[arg(long, conflicts_with = "new_key")]
        new_key_file: Option<std::path::PathBuf>,
        /// The new key itself; avoid on the command line (shell history), prefer the environment.
        #[arg(long, env = "LIANXIN_NEW_DATA_KEY", hide_env_values = true)]
        new_key: Option<String>,
    },
    /// Write a consistent copy of the SQLite database to FILE (online; FILE must not exist).
    Backup { file: std::path::PathBuf },
    /// Replace the SQLite database with the backup in FILE (stop `serve` first).
    Restore {
        file: std::path::PathBuf,
        /// Confirm replacing the current database.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Subcommand)]
enum AuditCmd {
    /// Recompute the hash chain and name the first broken entry (exit code 2 when broken).
    Verify,
}

#[derive(Subcommand)]
enum ElectionCmd {
    /// Check an election's public board (the hash chain) and recount every round from it
    /// alone; says whether the published results match (exit code 2 when not).
    Verify { id: uuid::Uuid },
}

#[derive(Subcommand)]
enum DisclosureCmd {
    /// Check an organization's public board: the hash chain of its disclosures, and each
    /// category's schedule (exit code 2 when the chain is broken).
    Verify { org: uuid::Uuid },
}

#[derive(Subcommand)]
enum JobsCmd {
    /// Run every job due at the given instant (RFC 3339), e.g. after an outage.
    Run {
        #[arg(long)]
        now: String,
    },
    /// List the jobs and their schedule.
    List,
}

fn main() -> std::process::ExitCode {
    memory::limit_malloc_arenas();
    let cli = Cli::parse();
    config::init_tracing();
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<std::process::ExitCode> {
    use std::process::ExitCode;
    match cli.command {
        Command::Serve { listen } => {
            let mut settings = config::load(cli.config.as_deref(), cli.database_url.as_deref())?;
            if let Some(l) = listen {
                settings.listen = l;
            }
            serve::serve(settings).await?;
        }
        Command::Migrate => {
            let settings = config::load(cli.config.as_deref(), cli.database_url.as_deref())?;
            let db = config::open(&settings).await?;
            db.migrate().await?;
            println!("database schema is up to date ({})", db.display_url());
        }
        Command::Demo { listen, no_serve } => {
            let url = cli.database_url.clone().unwrap_or_else(|| "sqlite://./data/demo.db?mode=rwc".into());
            let mut settings = config::load(cli.config.as_deref(), Some(&url))?;
            settings.listen = listen;
            serve::demo(settings, no_serve).await?;
        }
        Command::Gen { villages, seed, appeals, months, overdue, no_events, meetings, dues, study, care } => {
            let settings = config::load(cli.config.as_deref(), cli.database_url.as_deref())?;
            let appeals = r#gen::Appeals { count: appeals, months, overdue, events: !no_events };
            r#gen::run(settings, villages, seed, appeals, r#gen::Activity { meetings, dues, study, care }).await?;
        }
        Command::Admin(cmd) => {
            let settings = config::load(cli.config.as_deref(), cli.database_url.as_deref())?;
            admin::run(settings, cmd).await?;
        }
        Command::Audit(AuditCmd::Verify) => {
            let settings = config::load(cli.config.as_deref(), cli.database_url.as_deref())?;
            return ops::audit_verify(settings).await;
        }
        Command::Election(ElectionCmd::Verify { id }) => {
            let settings = config::load(cli.config.as_deref(), cli.database_url.as_deref())?;
            return ops::election_verify(settings, id).await;
        }
        Command::Disclosure(DisclosureCmd::Verify { org }) => {
            let settings = config::load(cli.config.as_deref(), cli.database_url.as_deref())?;
            return ops::disclosure_verify(settings, org).await;
        }
        Command::Jobs(JobsCmd::Run { now }) => {
            let settings = config::load(cli.config.as_deref(), cli.database_url.as_deref())?;
            ops::jobs_run(settings, &now).await?;
        }
        Command::Jobs(JobsCmd::List) => {
            let settings = config::load(cli.config.as_deref(), cli.database_url.as_deref())?;
            ops::jobs_list(settings).await?;
        }
        Command::GenKey => {
            println!("{}", lianxin_app::crypto::DataKey::generate_hex());
        }
        Command::RotateKey { new_key_file, new_key } => {
            let settings = config::load(cli.config.as_deref(), cli.database_url.as_deref())?;
            ops::rotate_key(settings, new_key_file.as_deref(), new_key).await?;
        }
        Command::Backup { file } => {
            let settings = config::load(cli.config.as_deref(), cli.database_url.as_deref())?;
            ops::backup(settings, &file).await?;
        }
        Command::Restore { file, yes } => {
            let settings = config::load(cli.config.as_deref(), cli.database_url.as_deref())?;
            return ops::restore(settings, &file, yes).await;
        }
    }
    Ok(ExitCode::SUCCESS)
}
