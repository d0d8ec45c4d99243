//! The command line from the operator's seat: audit verify, jobs run --now, backup and restore,
//! clear startup errors.

use std::process::Command;

use sea_orm::ConnectionTrait;

fn lianxin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_lianxin"));
    c.env("LIANXIN_LOG", "error").env_remove("LIANXIN_CONFIG");
    c
}

fn run(args: &[&str], url: &str) -> (i32, String) {
    let out = lianxin().args(args).arg("--database-url").arg(url).output().expect("run lianxin");
    (out.status.code().unwrap_or(-1), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// Builds a demo database in a temporary folder through the binary itself.
fn demo_db() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/lx.db?mode=rwc", dir.path().display());
    let (code, out) = run(&["demo", "--no-serve"], &url);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("secretary") && out.contains("qingshan-demo-2026"), "logins are printed: {out}");
    // A second run reuses the database.
    let (code, out) = run(&["demo", "--no-serve"], &url);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("existing demo database"), "{out}");
    (dir, url)
}

#[test]
fn audit_verify_names_the_tampered_entry() {
    let (_dir, url) = demo_db();
    let (code, out) = run(&["audit", "verify"], &url);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("intact"), "{out}");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let db = lianxin_store::Db::connect(&url, 2).await.unwrap();
        db.conn().execute_unprepared("UPDATE audit_entries SET detail = '{\"forged\":true}' WHERE seq = 7").await.unwrap();
        db.close().await;
    });
    let (code, out) = run(&["audit", "verify"], &url);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("BROKEN at entry #7"), "{out}");
}

#[test]
fn backup_and_restore_round_trip() {
    let (dir, url) = demo_db();
    let file = dir.path().join("backup.db");
    let (code, out) = run(&["backup", file.to_str().unwrap()], &url);
    assert_eq!(code, 0, "{out}");
    // Refuses to overwrite.
    let (code, _) = run(&["backup", file.to_str().unwrap()], &url);
    assert_ne!(code, 0);
    // Restore into a fresh location; the restored database verifies and serves the same data.
    let target = format!("sqlite://{}/restored.db?mode=rwc", dir.path().display());
    let (code, out) = run(&["restore", file.to_str().unwrap()], &target);
    assert_eq!(code, 3, "without --yes it only checks: {out}");
    let (code, out) = run(&["restore", file.to_str().unwrap(), "--yes"], &target);
    assert_eq!(code, 0, "{out}");
    let (code, out) = run(&["audit", "verify"], &target);
    assert_eq!(code, 0, "{out}");
    let (code, out) = run(&["admin", "list"], &target);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("secretary2"));
    // Garbage is refused and the target left alone.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![7u8; 4096]).unwrap();
    let (code, out) = run(&["restore", junk.to_str().unwrap(), "--yes"], &target);
    assert_ne!(code, 0, "{out}");
    let (code, _) = run(&["audit", "verify"], &target);
    assert_eq!(code, 0);
}

#[test]
fn jobs_run_now_runs_due_jobs_once() {
    let (_dir, url) = demo_db();
    let (code, out) = run(&["jobs", "run", "--now", "2030-01-01T00:00:00Z"], &url);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("\"job\":\"audit_rotate\"") && out.contains("\"job\":\"session_cleanup\""), "{out}");
    let (code, out) = run(&["jobs", "run", "--now", "2030-01-01T00:00:00Z"], &url);
    assert_eq!(code, 0);
    assert!(out.contains("no job was due"), "{out}");
    let (code, out) = run(&["jobs", "run", "--now", "yesterday"], &url);
    assert_ne!(code, 0);
    assert!(out.contains("RFC 3339"), "{out}");
}

#[test]
fn admin_commands_create_and_grant() {
    let (_dir, url) = demo_db();
    let out = lianxin()
        .args(["admin", "create-account", "--username", "wangli", "--name", "王丽", "--database-url", &url])
        .env("LIANXIN_NEW_PASSWORD", "tea-garden-2026")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (code, out) = run(&["admin", "grant-role", "--username", "wangli", "--role", "viewer"], &url);
    assert_ne!(code, 0, "a data role needs a scope");
    assert!(out.contains("scope"), "{out}");
    let weak = lianxin()
        .args(["admin", "reset-password", "--username", "wangli", "--password", "12345678", "--database-url", &url])
        .output()
        .unwrap();
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("error-password-common"));
    // Passwords seen in breaches, from the shipped list, are refused too; a random one is not.
    for breached in ["password123", "a123456789", "123456789a"] {
        let out = lianxin()
            .args(["admin", "reset-password", "--username", "wangli", "--password", breached, "--database-url", &url])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{breached}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("error-password-common"), "{breached}");
    }
    let strong = lianxin()
        .args(["admin", "reset-password", "--username", "wangli", "--password", "tq7#Vz9w-Lp2mXe4", "--database-url", &url])
        .output()
        .unwrap();
    assert!(strong.status.success(), "{}", String::from_utf8_lossy(&strong.stderr));
}

#[test]
fn unusable_database_is_a_clear_error() {
    let (code, out) = run(&["migrate"], "sqlite:///nonexistent-folder/x.db?mode=ro");
    assert_eq!(code, 1);
    assert!(out.contains("cannot open the database"), "{out}");
    assert!(!out.contains("panicked"), "{out}");
    let (code, out) = run(&["migrate"], "mysql://x");
    assert_eq!(code, 1);
    assert!(out.contains("sqlite: or postgres:"), "{out}");
    let (code, out) = run(&["migrate"], "postgres://postgres:secret-pw@127.0.0.1:1/none");
    assert_eq!(code, 1);
    assert!(!out.contains("secret-pw"), "passwords stay out of messages: {out}");
}

#[test]
fn serve_stops_gracefully_on_sigterm() {
    let (_dir, url) = demo_db();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = lianxin().args(["serve", "--listen", &format!("127.0.0.1:{port}"), "--database-url", &url]).spawn().unwrap();
    let mut up = false;
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            up = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(up, "serve did not start");
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let code = child.wait().unwrap();
    assert!(code.success(), "serve exits cleanly on SIGTERM: {code:?}");
}

#[test]
fn environment_settings_apply() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/env.db?mode=rwc", dir.path().display());
    let out = lianxin().args(["migrate", "--database-url", &url]).env("LIANXIN_POOL_SIZE", "1").output().unwrap();
    assert!(!out.status.success(), "a pool of one is refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("pool_size"));
    let out = lianxin().args(["migrate", "--database-url", &url]).env("LIANXIN_SECURITY__LOCKOUT_THRESHOLD", "0").output().unwrap();
    assert!(!out.status.success(), "nested keys apply too");
    let out = lianxin().args(["migrate", "--database-url", &url]).env("LIANXIN_LOG", "error").output().unwrap();
    assert!(out.status.success(), "LIANXIN_LOG is not a setting: {}", String::from_utf8_lossy(&out.stderr));
}

/// Two `lianxin jobs run` processes at the same instant on one PostgreSQL database run each job once.
#[test]
fn two_jobs_run_processes_on_postgres_run_each_job_once() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let Some((url, _cleanup)) = rt.block_on(crate::helpers::fresh_database(crate::helpers::Backend::Postgres)) else { return };
    let (code, out) = run(&["migrate"], &url);
    assert_eq!(code, 0, "{out}");
    let spawn = || {
        lianxin()
            .args(["jobs", "run", "--now", "2031-06-01T00:00:00Z", "--database-url", &url])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success() && b.status.success());
    let ran = |o: &std::process::Output| String::from_utf8_lossy(&o.stdout).lines().filter(|l| l.starts_with('{')).count();
    assert_eq!(ran(&a) + ran(&b), lianxin_app::jobs::JOBS.len(), "each job exactly once between the two processes");
    let runs = rt.block_on(async {
        let db = lianxin_store::Db::connect(&url, 2).await.unwrap();
        let n = lianxin_store::jobs::runs(db.conn(), None, 100).await.unwrap().len();
        db.close().await;
        n
    });
    assert_eq!(runs, lianxin_app::jobs::JOBS.len());
}
