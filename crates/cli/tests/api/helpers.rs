//! Spawning the real application on a random port against a fresh database — an SQLite file in a
//! temporary folder, or a new PostgreSQL database — and talking HTTP to it.

use std::{net::SocketAddr, sync::Arc};

use chrono::Utc;
use lianxin_app::{App, Ctx, Settings, demo, settings::Secret};
use lianxin_core::{ManualClock, clock::to_micros};
use lianxin_store::Db;
use reqwest::{Client, StatusCode, redirect::Policy};
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub fn pg_server() -> String {
    std::env::var("LIANXIN_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

/// A fresh database URL for `backend`, and what to clean up afterwards. `None` when PostgreSQL
/// cannot be reached outside CI (the test command reports that loudly); in CI it is a failure.
pub async fn fresh_database(backend: Backend) -> Option<(String, Cleanup)> {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}/t.db?mode=rwc", dir.path().display());
            Some((url, Cleanup { _dir: Some(dir), pg_db: None }))
        }
        Backend::Postgres => {
            let admin = match Db::connect(&format!("{}/postgres", pg_server()), 2).await {
                Ok(db) => db,
                Err(e) => {
                    if std::env::var("CI").is_ok_and(|v| v == "true") {
                        panic!("PostgreSQL is required in CI and is unreachable: {e}");
                    }
                    eprintln!("SKIPPED: PostgreSQL unreachable ({e})");
                    return None;
                }
            };
            let name = format!("t_{}", Uuid::now_v7().simple());
            sea_orm::ConnectionTrait::execute_unprepared(admin.conn(), &format!("CREATE DATABASE {name}")).await.expect("create database");
            admin.close().await;
            Some((format!("{}/{name}", pg_server()), Cleanup { _dir: None, pg_db: Some(name) }))
        }
    }
}

/// Removes the test database when dropped, even after a failed assertion.
pub struct Cleanup {
    /// Held so the folder lives as long as the test.
    _dir: Option<tempfile::TempDir>,
    pg_db: Option<String>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Some(name) = self.pg_db.take() {
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
                rt.block_on(async {
                    if let Ok(admin) = Db::connect(&format!("{}/postgres", pg_server()), 2).await {
                        let _ = sea_orm::ConnectionTrait::execute_unprepared(
                            admin.conn(),
                            &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                        )
                        .await;
                        admin.close().await;
                    }
                });
            })
            .join();
        }
    }
}

pub fn test_settings(url: &str) -> Settings {
    let mut s = Settings { database_url: Secret::new(url), pool_size: 6, data_key: Secret::new("5e".repeat(32)), ..Default::default() };
    s.limits.per_ip_per_second = 100_000;
    s.limits.per_ip_burst = 1_000_000;
    s
}

/// The running application under test.
pub struct TestApp {
    pub addr: SocketAddr,
    pub app: App,
    pub clock: ManualClock,
    pub backend: Backend,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    _cleanup: Cleanup,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, |_| {}).await
}

/// Spawns the app with the demo county seeded, after `tweak` adjusts the settings.
pub async fn spawn_app_with(backend: Backend, tweak: impl FnOnce(&mut Settings)) -> Option<TestApp> {
    let (url, cleanup) = fresh_database(backend).await?;
    let mut settings = test_settings(&url);
    tweak(&mut settings);
    let db = Db::connect(&url, settings.pool_size).await.expect("connect");
    db.migrate().await.expect("migrate");
    let clock = ManualClock::new(to_micros(Utc::now()));
    let app = App::new(db, settings, Arc::new(clock.clone()));
    demo::seed(&Ctx::system(app.clone(), "test")).await.expect("seed");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let served = app.clone();
    tokio::spawn(async move {
        let _ = lianxin_web::serve(
            served,
            listener,
            Box::pin(async {
                let _ = rx.await;
            }),
        )
        .await;
    });
    Some(TestApp { addr, app, clock, backend, stop: Some(tx), _cleanup: cleanup })
}

/// A browser without JavaScript: keeps cookies, does not follow redirects.
pub fn browser() -> Client {
    Client::builder().cookie_store(true).redirect(Policy::none()).build().expect("client")
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn ctx(&self) -> Ctx {
        Ctx::system(self.app.clone(), "test")
    }

    /// Signs `username` in with the demo password, answering the second factor when asked.
    pub async fn login(&self, c: &Client, username: &str) {
        let r = c
            .post(self.url("/login"))
            .form(&[("username", username), ("password", demo::PASSWORD), ("next", "/")])
            .send()
            .await
            .expect("login");
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "login of {username} failed: {}", r.text().await.unwrap_or_default());
        let to = r.headers()["location"].to_str().unwrap_or("").to_owned();
        if to == "/login/totp" {
            let code = demo::current_code(self.clock_now());
            let r = c.post(self.url("/login/totp")).form(&[("code", code.as_str())]).send().await.expect("totp");
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "second factor of {username} failed");
        }
    }

    pub fn clock_now(&self) -> i64 {
        use lianxin_core::Clock;
        self.clock.now().timestamp()
    }

    /// A signed-in browser.
    pub async fn browser_as(&self, username: &str) -> Client {
        let c = browser();
        self.login(&c, username).await;
        c
    }

    pub async fn org_id(&self, name: &str) -> Uuid {
        let all = lianxin_app::orgs::org_tree(&self.ctx(), &Default::default(), 10_000).await.expect("orgs");
        all.into_iter().find(|o| o.name == name).unwrap_or_else(|| panic!("no org named {name}")).id
    }

    pub async fn area_id(&self, name: &str) -> Uuid {
        let all = lianxin_app::orgs::area_tree(&self.ctx(), 10_000).await.expect("areas");
        all.into_iter().find(|a| a.name == name).unwrap_or_else(|| panic!("no area named {name}")).id
    }

    /// An API token of `username` with the given access (`read` or `write`).
    pub async fn token(&self, username: &str, access: lianxin_app::TokenAccess) -> String {
        lianxin_app::auth::create_token(&ctx_for(self, username).await, "test", access, Some(30)).await.expect("token").1
    }

    /// Audit entries matching an action and outcome (and target, when given).
    pub async fn audit_count(&self, action: &str, outcome: &str, target: Option<&str>) -> usize {
        let f = lianxin_store::audit::AuditFilter {
            action_prefix: Some(action.into()),
            outcome: Some(outcome.into()),
            target_id: target.map(str::to_owned),
            ..Default::default()
        };
        lianxin_store::audit::list(self.app.db.conn(), &f, 10_000).await.expect("audit").iter().filter(|e| e.action == action).count()
    }

    /// The person an account belongs to.
    pub async fn person_of(&self, username: &str) -> Uuid {
        let a = lianxin_store::accounts::by_username(self.app.db.conn(), username).await.expect("db").expect("account");
        a.person_id.unwrap_or_else(|| panic!("{username} has no person"))
    }

    /// A new household in a villager group of 石门村, looked after by the member 赵小军 alone, with
    /// a resident (孙桂兰) whose phone the test knows. Returns (household, resident, member's person).
    pub async fn linked_household(&self, phone: &str) -> (Uuid, Uuid, Uuid) {
        use lianxin_app::people::{
            households::{self, HouseholdInput},
            persons::{self, PersonInput},
        };
        let c = self.app.db.conn();
        let zhao = self.person_of("member").await;
        let member = lianxin_store::people::member_by_person(c, zhao).await.expect("db").expect("赵小军 is a member");
        let shimen = self.area_id("石门村").await;
        let group = lianxin_store::orgs::area_children(c, shimen).await.expect("groups").into_iter().next().expect("a villager group");
        let h = households::create_household(
            &self.ctx(),
            HouseholdInput {
                area_id: group.id, household_no: format!("T{phone}"), address: "石门村第一村民小组8号".into(), grid_id: None
            },
        )
        .await
        .expect("household");
        households::link(&self.ctx(), member.id, h.id).await.expect("link");
        let born = chrono::NaiveDate::from_ymd_opt(1956, 4, 2).expect("date");
        let resident = persons::create(
            &self.ctx(),
            PersonInput {
                name: "孙桂兰".into(),
                id_number: lianxin_core::people::make_id_number("430124", born, 17, false),
                phone: phone.into(),
                area_id: group.id,
                household_id: Some(h.id),
                ..Default::default()
            },
        )
        .await
        .expect("resident")
        .id;
        (h.id, resident, zhao)
    }

    pub async fn org_count(&self) -> usize {
        lianxin_app::orgs::org_tree(&self.ctx(), &lianxin_store::orgs::OrgFilter { include_ended: true, ..Default::default() }, 100_000)
            .await
            .expect("orgs")
            .len()
    }
}

/// A context acting as a demo account, loaded as a session would load it.
pub async fn ctx_for(t: &TestApp, username: &str) -> Ctx {
    let a = lianxin_store::accounts::by_username(t.app.db.conn(), username).await.expect("db").expect("account");
    let p = lianxin_app::auth::load_principal(&t.app, a.id, None).await.expect("principal").expect("active");
    Ctx::new(t.app.clone(), lianxin_app::Actor::Account(p))
}

/// How many appeals the database holds.
pub async fn appeal_count(t: &TestApp) -> u64 {
    lianxin_store::appeals::count(t.app.db.conn(), &Default::default()).await.expect("count")
}

/// An appeal as stored now.
pub async fn reload(t: &TestApp, id: Uuid) -> lianxin_app::appeals::Appeal {
    lianxin_store::appeals::appeal(t.app.db.conn(), id).await.expect("db").expect("appeal")
}

/// Runs a test body once on SQLite and once on PostgreSQL, as two named tests.
#[macro_export]
macro_rules! both {
    ($name:ident, $body:path) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some(app) = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite).await {
                    $body(app).await;
                }
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres).await {
                    $body(app).await;
                }
            }
        }
    };
}

/// 13:00 in Shanghai on `day` (`YYYY-MM-DD`).
pub fn afternoon(day: &str) -> chrono::DateTime<chrono::Utc> {
    let d = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("a date");
    chrono::TimeZone::from_utc_datetime(&chrono::Utc, &d.and_hms_opt(5, 0, 0).expect("a time"))
}

/// A branch assembly of 石门村 planned three days ahead and held at 10:00 on `day` with every
/// invitee present, and a vote on `motion` passed by every full member; moves the clock to 13:00
/// that day. Returns the vote.
pub async fn assembly_vote(t: &TestApp, day: &str, motion: &str) -> Uuid {
    use lianxin_app::meetings::{
        self, MeetingNew,
        record::{self, HeldInput, Mark, VoteInput},
    };
    let sec = ctx_for(t, "secretary").await;
    let at = afternoon(day) - chrono::TimeDelta::hours(3);
    t.clock.set(afternoon(day) - chrono::TimeDelta::days(3));
    let new = MeetingNew {
        org_id: t.org_id("中共石门村支部委员会").await,
        kind: lianxin_core::meetings::MeetingKind::Assembly,
        pair: None,
        talk_with: vec![],
        title: "支部党员大会".into(),
        agenda: motion.into(),
        place: "村部".into(),
        starts_at: at,
        counts_for: None,
    };
    let id = meetings::plan(&sec, new).await.expect("plan").id;
    t.clock.set(afternoon(day));
    let invitees = meetings::show(&sec, id).await.expect("the assembly").invitees;
    let marks = invitees
        .iter()
        .map(|i| Mark {
            person_id: i.person_id,
            attendance: lianxin_core::meetings::Attendance::Present,
            leave_reason: String::new(),
            unable: None,
        })
        .collect();
    let held = HeldInput { held_at: at, marks, lecturer: String::new(), lecturer_from: String::new(), topic: String::new() };
    record::held(&sec, id, held).await.expect("held");
    let full = invitees.iter().filter(|i| i.role == "full").count() as u64;
    record::vote(&sec, id, VoteInput { motion: motion.into(), yes: full, no: 0, abstain: 0 }).await.expect("vote").id
}
