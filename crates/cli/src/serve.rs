//! `serve` and `demo`: the web server with the job sweeper beside it.

use std::time::Duration;

use anyhow::Context;
use lianxin_app::{App, Ctx, Settings, demo, jobs};

pub async fn serve(settings: Settings) -> anyhow::Result<()> {
    let app = crate::config::app(settings).await?;
    run(app, None).await
}

pub async fn demo(mut settings: Settings, no_serve: bool) -> anyhow::Result<()> {
    if settings.data_key.expose().is_empty() {
        settings.data_key = lianxin_app::settings::Secret::new(demo_key(&settings)?);
    }
    let app = crate::config::app(settings).await?;
    let ctx = Ctx::system(app.clone(), "demo");
    let started = std::time::Instant::now();
    if demo::interrupted(&ctx).await? {
        anyhow::bail!(
            "the demo database {} is incomplete (an earlier build was interrupted); delete it and run again",
            app.db.display_url()
        );
    }
    let logins = if demo::exists(&ctx).await? {
        println!("Using the existing demo database ({}).", app.db.display_url());
        demo::logins(&ctx).await?
    } else {
        let l = demo::seed(&ctx).await?;
        demo::seed_history(&ctx).await?;
        demo::seed_meetings(&ctx).await?;
        demo::seed_development(&ctx).await?;
        demo::seed_dues(&ctx).await?;
        demo::seed_study(&ctx).await?;
        demo::seed_care(&ctx).await?;
        demo::seed_enterprises(&ctx).await?;
        demo::seed_decisions(&ctx).await?;
        lianxin_app::fixtures::elections::demo(&ctx).await?;
        lianxin_app::fixtures::tasks::demo(&ctx).await?;
        println!("Built the demo county 青山县 in {:.1} s ({}).", started.elapsed().as_secs_f64(), app.db.display_url());
        l
    };
    let url = format!("http://{}/", app.settings.listen);
    println!();
    println!("  lianxin demo — {url}");
    println!();
    println!("  {:<12} {:<16} {:<8} scope", "login", "role", "2FA");
    for l in &logins {
        println!("  {:<12} {:<16} {:<8} {}", l.username, l.role, if l.totp { "yes" } else { "—" }, l.scope);
    }
    println!();
    println!("  Password for every demo login: {}", demo::PASSWORD);
    println!("  Logins marked 2FA ask for a code: add the key {} to an authenticator app", demo::TOTP_SECRET);
    println!("  (or run: oathtool --totp -b {}).", demo::TOTP_SECRET);
    println!();
    if no_serve {
        return Ok(());
    }
    run(app, Some(url)).await
}

/// The demo's data key, kept in a file beside the demo database (made on first run). A real
/// installation sets `data_key` in its settings instead.
fn demo_key(settings: &Settings) -> anyhow::Result<String> {
    let db = crate::config::sqlite_path(settings.database_url.expose()).unwrap_or_else(|| "data/demo.db".into());
    let file = db.with_extension("key");
    if let Ok(k) = std::fs::read_to_string(&file) {
        return Ok(k.trim().to_owned());
    }
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let k = lianxin_app::crypto::DataKey::generate_hex();
    std::fs::write(&file, &k).with_context(|| format!("cannot write {}", file.display()))?;
    Ok(k)
}

async fn run(app: App, url: Option<String>) -> anyhow::Result<()> {
    if app.data_key.is_none() {
        tracing::warn!("no data_key is set: ID numbers and phones cannot be stored (run `lianxin gen-key` and set LIANXIN_DATA_KEY)");
    }
    let shutdown = shutdown_signal();
    let listener =
        tokio::net::TcpListener::bind(&app.settings.listen).await.with_context(|| format!("cannot listen on {}", app.settings.listen))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, database = %app.db.display_url(), "serving");
    if url.is_some() {
        println!("  Serving on http://{addr}/ — press Ctrl-C to stop.");
    }
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let sweeper = tokio::spawn(sweep(app.clone(), stop_rx.clone()));
    let checkpointer = tokio::spawn(checkpoint(app.clone(), stop_rx));
    let result = lianxin_web::serve(app.clone(), listener, Box::pin(shutdown)).await;
    let _ = stop_tx.send(true);
    let _ = sweeper.await;
    let _ = checkpointer.await;
    app.db.close().await;
    tracing::info!("stopped");
    Ok(result?)
}

/// Runs the due jobs every minute until told to stop.
async fn sweep(app: App, mut stop: tokio::sync::watch::Receiver<bool>) {
    let instance = jobs::instance_name(&app);
    loop {
        if let Err(e) = jobs::run_due(&app, app.now(), &instance).await {
            tracing::error!(error = %e, "job sweep failed");
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(60)) => {}
            _ = stop.changed() => return,
        }
    }
}

/// Copies the SQLite write-ahead log back every second, beside the writers (see
/// `Db::checkpoint`), until told to stop.
async fn checkpoint(app: App, mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            _ = stop.changed() => return,
        }
        if let Err(e) = app.db.checkpoint().await {
            tracing::warn!(error = %e, "checkpoint failed");
        }
    }
}

/// Resolves on SIGTERM or Ctrl-C; in-flight requests then finish before the server stops. The
/// SIGTERM handler is installed when this is called (not when first awaited), so a SIGTERM sent
/// as soon as the port answers still stops the server gracefully.
fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    async move {
        let ctrl_c = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        #[cfg(unix)]
        let term = async move {
            match term {
                Some(mut s) => {
                    s.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let term = std::future::pending::<()>();
        tokio::select! { _ = ctrl_c => {}, _ = term => {} }
        tracing::info!("shutting down: finishing requests in flight");
    }
}
