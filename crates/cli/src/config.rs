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

/// What is logged unless `LIANXIN_LOG` says otherwise. The session library opens an info span
/// each time a session's record is read (three times a signed-in page); its warnings are kept,
/// its spans are not made.
pub const DEFAULT_LOG: &str = "info,sqlx=warn,sea_orm=warn,tower_http=info,tower_sessions=warn,tower_sessions_core=warn";

pub fn init_tracing() {
    let filter =
        tracing_subscriber::EnvFilter::try_from_env("LIANXIN_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(DEFAULT_LOG));
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

#[cfg(test)]
mod tests {
    /// The settings file the README shows is one the program reads, with the values it says.
    #[test]
    fn the_readme_settings_file_loads() {
        let readme = include_str!("../../../README.md");
        let from = readme.find("## Configuration").expect("a Configuration section");
        let block = readme[from..].split("```toml").nth(1).and_then(|b| b.split("```").next()).expect("a TOML block");
        let file = std::env::temp_dir().join(format!("lianxin-readme-{}.toml", std::process::id()));
        // The key is shown as a placeholder; every other line is taken as written.
        let block = block.replace("\"…64 hex digits…\"", &format!("\"{}\"", "ab".repeat(32)));
        std::fs::write(&file, block).unwrap();
        let loaded = super::load(Some(&file), Some("sqlite::memory:"));
        let _ = std::fs::remove_file(&file);
        let s = loaded.expect("the README's settings load");
        assert_eq!(s.points, lianxin_core::points::Table::default());
        assert_eq!(s.care.contact_days, 30);
    }
}
