//! Settings from defaults, a TOML file, `LIANXIN_*` environment variables (nested keys with `__`,
//! e.g. `LIANXIN_SECURITY__LOCKOUT_THRESHOLD=10`) and flags — in that order of precedence.

use std::{path::Path, sync::Arc};

use anyhow::{Context, bail};
use figment::{
    Figment,
    providers::{Env, Format, Serialized, Toml},
};
use lianxin_app::{App, Settings, SystemClock, settings::Secret};
use lianxin_store::Db;

pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("LIANXIN_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn,tower_http=info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

pub fn load(file: Option<&Path>, database_url: Option<&str>) -> anyhow::Result<Settings> {
    let mut fig = Figment::from(Serialized::defaults(Settings::default()));
    match file {
        Some(f) => {
            if !f.exists() {
                bail!("settings file {} does not exist", f.display());
            }
            fig = fig.merge(Toml::file(f));
        }
        None if Path::new("lianxin.toml").exists() => fig = fig.merge(Toml::file("lianxin.toml")),
        None => {}
    }
    // Only the settings' own keys: other LIANXIN_* variables (LIANXIN_LOG, LIANXIN_NEW_PASSWORD…)
    // belong to the command line.
    const KEYS: &[&str] = &[
        "database_url",
        "pool_size",
        "listen",
        "display_utc_offset_minutes",
        "instance_name",
        "security",
        "audit",
        "limits",
        "people",
        "data_key",
    ];
    fig = fig.merge(
        Env::prefixed("LIANXIN_")
            .split("__")
            .filter(|k| KEYS.iter().any(|known| k.as_str().split('.').next().is_some_and(|first| first.eq_ignore_ascii_case(known)))),
    );
    let mut s: Settings = fig.extract().context("invalid settings")?;
    if let Some(url) = database_url {
        s.database_url = Secret::new(url);
    }
    s.validate().map_err(anyhow::Error::msg)?;
    Ok(s)
}

/// The file behind an SQLite URL, if it is one.
pub fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| path.into())
}

/// Opens the database, creating the folder of an SQLite file on first run.
pub async fn open(s: &Settings) -> anyhow::Result<Db> {
    let url = s.database_url.expose();
    if let Some(p) = sqlite_path(url)
        && let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    Ok(Db::connect(url, s.pool_size).await?)
}

pub async fn app(s: Settings) -> anyhow::Result<App> {
    let db = open(&s).await?;
    db.migrate().await.context("cannot bring the database schema up to date")?;
    Ok(App::new(db, s, Arc::new(SystemClock)))
}
