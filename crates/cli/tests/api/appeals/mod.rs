//! Appeals (villagers' needs) through the use cases, in-process, on both databases: the whole
//! lifecycle with rating and reopening, routing, escalation under the injected clock, concurrent
//! handlers, scope, duplicates, bad input, public intake limits, search and the public board.

use chrono::Duration;
use lianxin_app::{
    Actor, AppError, Ctx, Settings,
    appeals::{
        Appeal, Event, Requester, board,
        intake::{self, NewAppeal, NewPhoto, Submitted},
        queues::{self, Queue, QueueFilter},
        setup,
        steps::{self, HandlerStep},
        sweep,
    },
    notify::inbox,
};
use lianxin_core::{
    appeals::{Channel, Level, Rating},
    tree::TreePath,
};
use lianxin_store::{appeals as store, people as people_store};
use uuid::Uuid;

use crate::{
    both,
    helpers::{TestApp, appeal_count, ctx_for, reload},
};

mod bad_input;
mod clock;
mod concurrency;
mod lifecycle;
mod scope;
mod search;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A villager without an account, on the public form from `ip`.
fn villager(t: &TestApp, ip: &str) -> Ctx {
    let mut c = Ctx::new(t.app.clone(), Actor::Anonymous);
    c.ip = Some(ip.into());
    c
}

/// A need in a village and category; duplicates are not offered unless a test asks for them.
fn need(village: Uuid, code: &str, text: &str) -> NewAppeal {
    NewAppeal { village: Some(village), service_code: code.into(), description: text.into(), not_duplicate: true, ..Default::default() }
}

/// Files and expects a new record: the appeal and its private key.
async fn file(ctx: &Ctx, n: NewAppeal) -> (Appeal, String) {
    match intake::submit(ctx, n).await.expect("submit") {
        Submitted::Created { appeal, key } => (*appeal, key),
        Submitted::Similar { appeal, similarity } => panic!("expected a new appeal, got similar {} ({similarity})", appeal.code),
    }
}

/// The error of a result that must fail.
fn err<T: std::fmt::Debug>(r: lianxin_app::Result<T>) -> AppError {
    match r {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e,
    }
}

async fn events(t: &TestApp, id: Uuid, public_only: bool) -> Vec<Event> {
    store::events(t.app.db.conn(), id, public_only).await.expect("events")
}

fn kinds(ev: &[Event]) -> Vec<&str> {
    ev.iter().map(|e| e.kind.as_str()).collect()
}

async fn category_id(t: &TestApp, code: &str) -> Uuid {
    let county = t.area_id("青山县").await;
    store::category_by_code(t.app.db.conn(), county, code).await.expect("db").expect("category").id
}

async fn category_sla(t: &TestApp, a: &Appeal) -> String {
    store::category(t.app.db.conn(), a.category_id).await.expect("db").expect("category").sla
}

async fn area_path(t: &TestApp, id: Uuid) -> TreePath {
    let a = lianxin_store::orgs::area(t.app.db.conn(), id).await.expect("db").expect("area");
    TreePath::parse(&a.path).expect("path")
}

/// Inbox messages of a person or organization about one appeal, by kind.
async fn inbox_kinds(t: &TestApp, person: Option<Uuid>, orgs: &[Uuid], appeal: Uuid) -> Vec<String> {
    lianxin_store::notify::inbox(t.app.db.conn(), person, orgs, 1000)
        .await
        .expect("inbox")
        .into_iter()
        .filter(|m| m.appeal_id == Some(appeal))
        .map(|m| m.kind)
        .collect()
}

async fn act(ctx: &Ctx, a: &Appeal, s: HandlerStep) -> Appeal {
    steps::act(ctx, a.id, None, s).await.unwrap_or_else(|e| panic!("{} on {}: {e:?}", ctx.actor.name(), a.code))
}

fn resolve(reply: &str) -> HandlerStep {
    HandlerStep::Resolve { reply: reply.into() }
}
