//! Browser journey: the real application driven through headless Chromium (via chromedriver) at a
//! desktop and a phone window size — sign in, browse the organization tree, switch language and
//! back, sign out. Screenshots of each page visited (`orgs-desktop.png`, `orgs-phone.png`, …) land
//! in `target/screenshots/` for a human to look at.
//!
//! Needs `chromedriver` and Chromium (Debian: `chromium chromium-driver`; `CHROMEDRIVER` /
//! `CHROME_BIN` override the paths), and a CJK font (`fonts-noto-cjk`) for readable screenshots.
//! Without the browser the test is skipped loudly, except in CI (`CI=true`), where it fails.

mod appeals;
mod care;
mod decisions;
mod development;
mod dues;
mod elections;
mod enterprises;
#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;
mod import;
mod meetings;
mod staff;
mod study;
mod tasks;

use std::{
    net::TcpListener,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use hyper_util::client::legacy::connect::HttpConnector;
use lianxin_app::demo;
use serde_json::{Value, json};

const BRANCH: &str = "中共石门村支部委员会";
const GROUPS: [&str; 2] = ["第一党小组", "第二党小组"];
/// How long to wait for a page to change before giving up.
const PATIENCE: Duration = Duration::from_secs(15);

#[derive(Clone, Copy)]
struct Viewport {
    name: &'static str,
    width: u32,
    height: u32,
    phone: bool,
}

const DESKTOP: Viewport = Viewport { name: "desktop", width: 1280, height: 900, phone: false };
const PHONE: Viewport = Viewport { name: "phone", width: 390, height: 844, phone: true };

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn journey_desktop() {
    journey(DESKTOP).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn journey_phone() {
    journey(PHONE).await;
}

/// The first existing file among the environment override and the usual places.
fn find_binary(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs: Vec<PathBuf> = std::env::split_paths(&path).chain([PathBuf::from("/usr/bin"), PathBuf::from("/usr/local/bin")]).collect();
    names.iter().flat_map(|n| dirs.iter().map(move |d| d.join(n))).find(|p| p.is_file())
}

/// Both binaries, or `None` after a loud skip notice (a panic in CI).
fn browser_binaries() -> Option<(PathBuf, PathBuf)> {
    let driver = find_binary("CHROMEDRIVER", &["chromedriver"]);
    let chrome = find_binary("CHROME_BIN", &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]);
    match (driver, chrome) {
        (Some(d), Some(c)) => Some((d, c)),
        (d, c) => {
            let what = match (d, c) {
                (None, None) => "chromedriver and Chromium",
                (None, _) => "chromedriver",
                _ => "Chromium",
            };
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "the browser tests need {what} in CI and it was not found (set CHROMEDRIVER / CHROME_BIN or install chromium-driver)"
                );
            }
            eprintln!("\n********************************************************************");
            eprintln!("SKIPPED: chromedriver not found ({what} missing) — browser journey not run");
            eprintln!("********************************************************************\n");
            None
        }
    }
}

/// A running chromedriver (and the browsers it starts), stopped when dropped — also when a test
/// panics half-way.
struct Driver {
    child: Child,
    port: u16,
    /// Chromium's profile folder; removed after the processes are gone.
    profile: tempfile::TempDir,
}

impl Driver {
    async fn start(driver: &Path) -> Driver {
        let port = {
            let l = TcpListener::bind("127.0.0.1:0").expect("free port");
            l.local_addr().expect("port").port()
        };
        let mut cmd = Command::new(driver);
        cmd.arg(format!("--port={port}")).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::inherit());
        // Its own process group, so the browsers it starts can be stopped with it.
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {}: {e}", driver.display()));
        let mut d = Driver { child, port, profile: tempfile::tempdir().expect("profile dir") };
        let status = format!("{}/status", d.url());
        let http = reqwest::Client::builder().timeout(Duration::from_secs(2)).build().expect("http client");
        let started = Instant::now();
        loop {
            if let Ok(r) = http.get(&status).send().await
                && r.status().is_success()
            {
                let body: Value = r.json().await.unwrap_or_default();
                if body["value"]["ready"].as_bool().unwrap_or(true) {
                    return d;
                }
            }
            if let Ok(Some(exit)) = d.child.try_wait() {
                panic!("chromedriver exited before answering: {exit}");
            }
            assert!(started.elapsed() < PATIENCE, "chromedriver did not answer {status} within {PATIENCE:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    async fn session(&self, chrome: &Path, v: Viewport) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chrome.to_string_lossy(),
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    format!("--user-data-dir={}", self.profile.path().display()),
                    format!("--window-size={},{}", v.width, v.height),
                    // A Chinese-speaking user's browser: `Accept-Language: zh-CN,zh`.
                    "--lang=zh-CN",
                ],
                "prefs": { "intl.accept_languages": "zh-CN,zh" },
            }),
        );
        if v.phone {
            // A desktop window cannot be narrower than 500px; emulate the phone screen instead
            // (which also honours `<meta name="viewport">`, as a phone does).
            caps["goog:chromeOptions"]["mobileEmulation"] = json!({
                "deviceMetrics": { "width": v.width, "height": v.height, "pixelRatio": 3.0, "touch": true },
                "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
            });
        }
        ClientBuilder::new(HttpConnector::new()).capabilities(caps).connect(&self.url()).await.expect("WebDriver session with Chromium")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        for signal in ["-TERM", "-KILL"] {
            if matches!(self.child.try_wait(), Ok(Some(_))) && signal == "-KILL" {
                break;
            }
            let _ = Command::new("kill").args([signal, "--", &group]).stderr(Stdio::null()).status();
            std::thread::sleep(Duration::from_millis(300));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where the screenshots go: `target/screenshots` at the workspace root.
fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

/// Saves what the window shows to `target/screenshots/{page}-{viewport}.png`.
async fn shoot(c: &Client, v: Viewport, page: &str) {
    let png = c.screenshot().await.expect("screenshot");
    let file = screenshot_dir().join(format!("{page}-{}.png", v.name));
    std::fs::write(&file, png).expect("save screenshot");
    eprintln!("screenshot: {}", file.display());
}

async fn path_of(c: &Client) -> String {
    c.current_url().await.expect("current url").path().to_owned()
}

/// Waits until the current path satisfies `ok`, and returns it.
async fn wait_for_path(c: &Client, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let p = path_of(c).await;
        if ok(&p) {
            return p;
        }
        assert!(started.elapsed() < PATIENCE, "expected to reach {what}, still at {p}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn html_lang(c: &Client) -> String {
    c.find(Locator::Css("html")).await.expect("html").attr("lang").await.expect("lang").unwrap_or_default()
}

/// Waits until `<html lang>` is `lang`.
async fn wait_for_lang(c: &Client, lang: &str) {
    let started = Instant::now();
    loop {
        let now = html_lang(c).await;
        if now == lang {
            return;
        }
        assert!(started.elapsed() < PATIENCE, "expected html lang {lang}, still {now}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn find(c: &Client, css: &str) -> Element {
    c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"))
}

async fn click(c: &Client, css: &str) {
    find(c, css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
}

async fn type_in(c: &Client, css: &str, text: &str) {
    find(c, css).await.send_keys(text).await.unwrap_or_else(|e| panic!("type into {css}: {e}"));
}

/// Signs in through the login form, answering the second factor when asked.
async fn sign_in(c: &Client, app: &helpers::TestApp, username: &str) {
    c.goto(&app.url("/login")).await.expect("open /login");
    type_in(c, "form.form input[name=username]", username).await;
    type_in(c, "form.form input[name=password]", demo::PASSWORD).await;
    click(c, "form.form button[type=submit]").await;
    let p = wait_for_path(c, "/ or the second factor", |p| p == "/" || p == "/login/totp").await;
    if p == "/login/totp" {
        type_in(c, "form.form input[name=code]", &demo::current_code(app.clock_now())).await;
        click(c, "form.form button[type=submit]").await;
        wait_for_path(c, "/ after the second factor", |p| p == "/").await;
    }
}

async fn h1(c: &Client) -> String {
    c.find(Locator::Css("main h1")).await.expect("h1").text().await.expect("h1 text").trim().to_owned()
}

/// At the phone size nothing may stick out sideways.
async fn assert_no_overflow(c: &Client, v: Viewport, page: &str) {
    if !v.phone {
        return;
    }
    let r = c
        .execute(
            "const d = document.documentElement; \
             const wide = [...document.querySelectorAll('body *')] \
               .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5) \
               .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')); \
             return [d.scrollWidth, window.innerWidth, wide];",
            vec![],
        )
        .await
        .expect("measure width");
    let (scroll, inner) = (r[0].as_f64().unwrap_or(f64::MAX), r[1].as_f64().unwrap_or(0.0));
    assert!(scroll <= inner, "{page} overflows sideways at {}px: scrollWidth {scroll} > innerWidth {inner}; too wide: {}", v.width, r[2]);
}

async fn journey(v: Viewport) {
    let Some((driver_bin, chrome_bin)) = browser_binaries() else { return };
    let app = helpers::spawn_app(helpers::Backend::Sqlite).await.expect("SQLite app");
    let driver = Driver::start(&driver_bin).await;
    let c = driver.session(&chrome_bin, v).await;
    let result = tokio::time::timeout(Duration::from_secs(180), walk(&c, &app, v)).await;
    let _ = c.close().await;
    drop(driver);
    result.unwrap_or_else(|_| panic!("{} journey took longer than 3 minutes", v.name));
}

async fn walk(c: &Client, app: &helpers::TestApp, v: Viewport) {
    // Signing in.
    c.goto(&app.url("/login")).await.expect("open /login");
    // The page really is laid out at the width asked for.
    let inner = c.execute("return window.innerWidth", vec![]).await.expect("innerWidth");
    assert_eq!(inner.as_u64(), Some(u64::from(v.width)), "window.innerWidth at the {} size", v.name);
    assert_eq!(html_lang(c).await, "zh-CN", "the default language is Chinese");
    assert_no_overflow(c, v, "/login").await;
    shoot(c, v, "login").await;
    c.find(Locator::Css("form.form input[name=username]"))
        .await
        .expect("username field")
        .send_keys("secretary")
        .await
        .expect("type username");
    c.find(Locator::Css("form.form input[name=password]"))
        .await
        .expect("password field")
        .send_keys(demo::PASSWORD)
        .await
        .expect("type password");
    c.find(Locator::Css("form.form button[type=submit]")).await.expect("submit button").click().await.expect("submit");
    wait_for_path(c, "/ after sign-in", |p| p == "/").await;
    let user = c.find(Locator::Css("header .who .user")).await.expect("signed-in user name in the header").text().await.expect("user");
    assert!(user.contains("张明"), "header shows the signed-in user, got {user:?}");
    let logout = c.find(Locator::Css(r#"header form[action="/logout"] button"#)).await.expect("logout button");
    assert!(logout.is_displayed().await.expect("visible"), "logout button is visible");
    assert_no_overflow(c, v, "/ (home)").await;
    shoot(c, v, "home").await;

    // The organization tree.
    c.goto(&app.url("/orgs")).await.expect("open /orgs");
    assert_eq!(path_of(c).await, "/orgs");
    assert_eq!(h1(c).await, "党组织");
    let links = c.find_all(Locator::Css(r#"ul.tree a[href^="/orgs/"]"#)).await.expect("tree links");
    let mut names = Vec::new();
    for l in &links {
        names.push(l.prop("textContent").await.expect("link text").unwrap_or_default().trim().to_owned());
    }
    assert!(names.iter().any(|n| n == BRANCH), "tree shows {BRANCH}, has {names:?}");
    for g in GROUPS {
        assert!(names.iter().any(|n| n == g), "tree shows {g}, has {names:?}");
    }
    for (l, n) in links.iter().zip(&names) {
        if n == BRANCH || GROUPS.contains(&n.as_str()) {
            assert!(l.is_displayed().await.expect("visible"), "{n} is visible in the tree without clicking");
        }
    }
    assert_no_overflow(c, v, "/orgs").await;
    shoot(c, v, "orgs").await;

    // Into the branch.
    let branch = links.iter().zip(&names).find(|(_, n)| *n == BRANCH).map(|(l, _)| l.clone()).expect("branch link");
    let href = branch.attr("href").await.expect("href").expect("branch href");
    branch.click().await.expect("click the branch");
    wait_for_path(c, &href, |p| p == href).await;
    assert_eq!(h1(c).await, BRANCH, "the branch page is titled with its name");
    let crumb = c.find(Locator::Css(r#"nav.crumbs [aria-current="page"]"#)).await.expect("breadcrumb").text().await.expect("crumb");
    assert_eq!(crumb.trim(), BRANCH);
    let children = c.find(Locator::Css("ul.children")).await.expect("children list").text().await.expect("children");
    for g in GROUPS {
        assert!(children.contains(g), "branch page lists {g}: {children:?}");
    }
    assert_no_overflow(c, v, "the branch page").await;
    shoot(c, v, "org").await;

    // Switching to English on /orgs, and back.
    c.goto(&app.url("/orgs")).await.expect("back to /orgs");
    let lang = c.find(Locator::Css("a.lang")).await.expect("language link");
    assert_eq!(lang.text().await.expect("lang text").trim(), "English");
    lang.click().await.expect("switch to English");
    wait_for_lang(c, "en-US").await;
    assert_eq!(path_of(c).await, "/orgs", "the language switch comes back to the same page");
    assert_eq!(h1(c).await, "Party organizations");
    assert_no_overflow(c, v, "/orgs in English").await;
    shoot(c, v, "orgs-en").await;
    c.goto(&app.url("/orgs")).await.expect("reload /orgs");
    assert_eq!(html_lang(c).await, "en-US", "the language choice sticks");
    let lang = c.find(Locator::Css("a.lang")).await.expect("language link");
    assert_eq!(lang.text().await.expect("lang text").trim(), "中文");
    lang.click().await.expect("switch to Chinese");
    wait_for_lang(c, "zh-CN").await;
    assert_eq!(path_of(c).await, "/orgs");
    assert_eq!(h1(c).await, "党组织");

    // Signing out.
    c.find(Locator::Css(r#"form[action="/logout"] button"#)).await.expect("logout button").click().await.expect("log out");
    wait_for_path(c, "/ after sign-out", |p| p == "/").await;
    assert!(c.find_all(Locator::Css(r#"form[action="/logout"]"#)).await.expect("find").is_empty(), "signed out: no logout button");
    assert!(c.find_all(Locator::Css("header .who .user")).await.expect("find").is_empty(), "signed out: no user name in the header");
    c.find(Locator::Css(r#"header a[href="/login"]"#)).await.expect("signed out: a sign-in link in the header");
    c.goto(&app.url("/orgs")).await.expect("open /orgs signed out");
    wait_for_path(c, "/login", |p| p == "/login").await;
    c.find(Locator::Css("form.form input[name=username]")).await.expect("the login form again");
}
