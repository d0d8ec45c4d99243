//! Queries for notices: the in-app inbox and each account's mark of what it has seen, the outbox
//! of messages to other systems (SMS, webhooks), and one-time phone sign-in codes.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use crate::entity::{inbox_message, inbox_seen, outbox, phone_code};

pub use inbox_message::Model as InboxMessage;
pub use outbox::Model as OutboxMessage;
pub use phone_code::Model as PhoneCode;

// ---- inbox and outbox ----

pub async fn insert_inbox<C: ConnectionTrait>(c: &C, rows: Vec<InboxMessage>) -> crate::Result<()> {
    for chunk in rows.chunks(500) {
        inbox_message::Entity::insert_many(chunk.iter().cloned().map(|m| m.into_active_model().reset_all()))
            .exec_without_returning(c)
            .await?;
    }
    Ok(())
}

/// Notices to a person or to any of the organizations (`None` when there is no one to address).
fn addressed_to(person: Option<Uuid>, orgs: &[Uuid]) -> Option<Condition> {
    if person.is_none() && orgs.is_empty() {
        return None;
    }
    let mut any = Condition::any();
    if let Some(p) = person {
        any = any.add(inbox_message::Column::PersonId.eq(p));
    }
    if !orgs.is_empty() {
        any = any.add(inbox_message::Column::OrgId.is_in(orgs.to_vec()));
    }
    Some(any)
}

/// Messages to this person or to any of these organizations, newest first.
pub async fn inbox<C: ConnectionTrait>(c: &C, person: Option<Uuid>, orgs: &[Uuid], limit: u64) -> crate::Result<Vec<InboxMessage>> {
    let Some(to) = addressed_to(person, orgs) else { return Ok(Vec::new()) };
    Ok(inbox_message::Entity::find().filter(to).order_by_desc(inbox_message::Column::Id).limit(limit).all(c).await?)
}

/// How many notices to a person or the organizations an account has not seen (newer than its
/// mark; all without one), counting at most `cap`. One statement.
pub async fn inbox_unseen<C: ConnectionTrait>(c: &C, account: Uuid, person: Option<Uuid>, orgs: &[Uuid], cap: u64) -> crate::Result<u64> {
    use sea_orm::PaginatorTrait;
    let Some(to) = addressed_to(person, orgs) else { return Ok(0) };
    let sql = match c.get_database_backend() {
        DatabaseBackend::Postgres => "inbox_messages.id > COALESCE((SELECT seen_id FROM inbox_seen WHERE account_id = $1), $2)",
        _ => "inbox_messages.id > COALESCE((SELECT seen_id FROM inbox_seen WHERE account_id = ?), ?)",
    };
    let mark = Expr::cust_with_values(sql, [sea_orm::Value::from(account), sea_orm::Value::from(Uuid::nil())]);
    let q = inbox_message::Entity::find().select_only().column(inbox_message::Column::Id).filter(to).filter(mark);
    Ok(q.order_by_desc(inbox_message::Column::Id).limit(cap).count(c).await?)
}

/// The newest notice an account has seen.
pub async fn inbox_seen<C: ConnectionTrait>(c: &C, account: Uuid) -> crate::Result<Option<Uuid>> {
    Ok(inbox_seen::Entity::find_by_id(account).one(c).await?.map(|s| s.seen_id))
}

/// Records that an account has seen its inbox up to notice `id` (never moving the mark back).
pub async fn set_inbox_seen<C: ConnectionTrait>(c: &C, account: Uuid, id: Uuid, now: DateTime<Utc>) -> crate::Result<()> {
    let moved = inbox_seen::Entity::update_many()
        .col_expr(inbox_seen::Column::SeenId, Expr::value(id))
        .col_expr(inbox_seen::Column::SeenAt, Expr::value(now))
        .filter(inbox_seen::Column::AccountId.eq(account))
        .filter(inbox_seen::Column::SeenId.lt(id))
        .exec(c)
        .await?
        .rows_affected;
    if moved == 0 {
        // No mark yet (or one at `id` or later already, which the insert leaves alone).
        inbox_seen::Entity::insert(inbox_seen::Model { account_id: account, seen_id: id, seen_at: now }.into_active_model())
            .on_conflict(sea_orm::sea_query::OnConflict::column(inbox_seen::Column::AccountId).do_nothing().to_owned())
            .exec_without_returning(c)
            .await?;
    }
    Ok(())
}

pub async fn insert_outbox<C: ConnectionTrait>(c: &C, rows: Vec<OutboxMessage>) -> crate::Result<()> {
    for chunk in rows.chunks(500) {
        outbox::Entity::insert_many(chunk.iter().cloned().map(|m| m.into_active_model().reset_all())).exec_without_returning(c).await?;
    }
    Ok(())
}

/// Messages to send: new ones, and failed ones with attempts left whose last try is a minute old.
pub async fn outbox_pending<C: ConnectionTrait>(
    c: &C,
    limit: u64,
    max_attempts: i32,
    now: DateTime<Utc>,
) -> crate::Result<Vec<OutboxMessage>> {
    let retry = Condition::all()
        .add(outbox::Column::Status.eq("retry"))
        .add(outbox::Column::Attempts.lt(max_attempts))
        .add(outbox::Column::SentAt.lt(now - chrono::Duration::minutes(1)));
    Ok(outbox::Entity::find()
        .filter(Condition::any().add(outbox::Column::Status.eq("pending")).add(retry))
        .order_by_asc(outbox::Column::Id)
        .limit(limit)
        .all(c)
        .await?)
}

/// Takes a message for sending if it is still in `from` state (one sender per message).
pub async fn claim_outbox<C: ConnectionTrait>(c: &C, id: Uuid, from: &str) -> crate::Result<bool> {
    Ok(outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value("sending"))
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::Status.eq(from))
        .exec(c)
        .await?
        .rows_affected
        == 1)
}

/// The newest outbox messages (the operator's view; the "log" SMS gateway leaves codes here).
pub async fn outbox_latest<C: ConnectionTrait>(c: &C, limit: u64) -> crate::Result<Vec<OutboxMessage>> {
    Ok(outbox::Entity::find().order_by_desc(outbox::Column::Id).limit(limit).all(c).await?)
}

pub async fn finish_outbox<C: ConnectionTrait>(
    c: &C,
    id: Uuid,
    status: &str,
    error: Option<String>,
    now: DateTime<Utc>,
    redact_body: bool,
) -> crate::Result<()> {
    let mut q = outbox::Entity::update_many();
    if redact_body {
        q = q.col_expr(outbox::Column::Body, Expr::value("(delivered)"));
    }
    q.col_expr(outbox::Column::Status, Expr::value(status))
        .col_expr(outbox::Column::LastError, Expr::value(error))
        .col_expr(outbox::Column::SentAt, Expr::value(Some(now)))
        .col_expr(outbox::Column::Attempts, Expr::col(outbox::Column::Attempts).add(1))
        .filter(outbox::Column::Id.eq(id))
        .exec(c)
        .await?;
    Ok(())
}

// ---- one-time phone codes ----

pub async fn phone_code<C: ConnectionTrait>(c: &C, phone_hash: &str) -> crate::Result<Option<PhoneCode>> {
    Ok(phone_code::Entity::find_by_id(phone_hash.to_owned()).one(c).await?)
}

pub async fn put_phone_code<C: ConnectionTrait>(c: &C, m: PhoneCode) -> crate::Result<()> {
    phone_code::Entity::delete_by_id(m.phone_hash.clone()).exec(c).await?;
    m.into_active_model().reset_all().insert(c).await?;
    Ok(())
}

/// Counts one guess if the code is still valid and has guesses left; false otherwise.
pub async fn take_phone_attempt<C: ConnectionTrait>(c: &C, phone_hash: &str, max: i32, now: DateTime<Utc>) -> crate::Result<bool> {
    Ok(phone_code::Entity::update_many()
        .col_expr(phone_code::Column::Attempts, Expr::col(phone_code::Column::Attempts).add(1))
        .filter(phone_code::Column::PhoneHash.eq(phone_hash))
        .filter(phone_code::Column::Attempts.lt(max))
        .filter(phone_code::Column::ExpiresAt.gt(now))
        .exec(c)
        .await?
        .rows_affected
        == 1)
}

/// Counts a wrong guess.
pub async fn bump_phone_code<C: ConnectionTrait>(c: &C, phone_hash: &str) -> crate::Result<()> {
    phone_code::Entity::update_many()
        .col_expr(phone_code::Column::Attempts, Expr::col(phone_code::Column::Attempts).add(1))
        .filter(phone_code::Column::PhoneHash.eq(phone_hash))
        .exec(c)
        .await?;
    Ok(())
}

pub async fn delete_phone_code<C: ConnectionTrait>(c: &C, phone_hash: &str) -> crate::Result<()> {
    phone_code::Entity::delete_by_id(phone_hash.to_owned()).exec(c).await?;
    Ok(())
}
