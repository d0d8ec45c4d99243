//! The API contract: schemathesis (a pinned version from PyPI, installed by `scripts/test`) reads
//! `/api/openapi.json`, generates requests for every operation and checks every answer against the
//! document — status codes, content types, bodies, headers, and that invalid requests are refused.
//! It runs on its own fresh database with a village secretary's write token, so it can only change
//! or dissolve what it made itself; a second identity (the neighbouring village's secretary) is
//! checked against the first one's objects below.

use std::process::Stdio;

use lianxin_app::TokenAccess;
use reqwest::StatusCode;

use crate::helpers::{Backend, TestApp, spawn_app};

/// Where `scripts/test` installs schemathesis, or `SCHEMATHESIS` when set.
fn schemathesis() -> Option<std::path::PathBuf> {
    if let Ok(p) = std::env::var("SCHEMATHESIS") {
        return Some(p.into());
    }
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/contract-venv/bin/schemathesis");
    here.exists().then_some(here)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_agrees_with_its_document() {
    let Some(bin) = schemathesis() else {
        assert!(std::env::var("CI").is_err(), "schemathesis is required in CI: scripts/test installs it");
        eprintln!("SKIPPED: schemathesis is not installed (scripts/test installs it)");
        return;
    };
    let Some(t) = spawn_app(Backend::Sqlite).await else { return };
    let token = t.token("secretary", TokenAccess::Write).await;
    let config = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/contract/schemathesis.toml");
    // Its caches and reports go to a folder of its own, not into the checkout.
    let scratch = tempfile::tempdir().expect("scratch folder");
    let out = tokio::process::Command::new(bin)
        .current_dir(scratch.path())
        .args([
            "--no-color",
            "--config-file",
            config,
            "run",
            &t.url("/api/openapi.json"),
            "--checks",
            "all",
            "--max-examples",
            "12",
            "--seed",
            "2026",
        ])
        .args(["--header", &format!("Authorization: Bearer {token}")])
        .args(["--generation-database", "none", "--max-response-time", "5", "--workers", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .await
        .expect("run schemathesis");
    let text = String::from_utf8_lossy(&out.stdout);
    println!("{text}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "schemathesis found failures (above)");
    second_identity(&t, &token).await;
}

/// What the first identity made is not reachable by the second: every read of the first one's
/// need by the neighbouring village's secretary answers 404, and writes are refused the same way.
async fn second_identity(t: &TestApp, first: &str) {
    let other = t.token("secretary2", TokenAccess::Write).await;
    let c = reqwest::Client::new();
    let shimen = t.area_id("石门村").await;
    let r = c
        .post(t.url("/api/v1/appeals"))
        .bearer_auth(first)
        .json(
            &serde_json::json!({ "village_id": shimen, "service_code": "water", "description": "三组的水管漏水了", "channel": "walk_in" }),
        )
        .send()
        .await
        .expect("file");
    assert_eq!(r.status(), StatusCode::CREATED, "{}", r.text().await.unwrap_or_default());
    let a: serde_json::Value = r.json().await.expect("json");
    let id = a["id"].as_str().expect("id").to_owned();
    let r = c.get(t.url(&format!("/api/v1/appeals/{id}"))).bearer_auth(first).send().await.expect("read");
    assert_eq!(r.status(), StatusCode::OK);
    let r = c.get(t.url(&format!("/api/v1/appeals/{id}"))).bearer_auth(&other).send().await.expect("read");
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "the neighbour's secretary does not see it");
    let r = c
        .post(t.url(&format!("/api/v1/appeals/{id}/steps")))
        .bearer_auth(&other)
        .json(&serde_json::json!({ "step": "accept" }))
        .send()
        .await
        .expect("step");
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "nor act on it");
    let r = c.get(t.url(&format!("/api/v1/appeals/{id}"))).bearer_auth(first).send().await.expect("read");
    let after: serde_json::Value = r.json().await.expect("json");
    assert_eq!(after["appeal"]["status"], a["status"], "unchanged");
}
