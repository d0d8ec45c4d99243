//! Browser sessions, kept in the database so any `serve` instance can answer any request.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::OnConflict};
use uuid::Uuid;

use crate::entity::session;

/// The data and expiry of a session that has not expired at `now`.
pub async fn load<C: ConnectionTrait>(c: &C, id: &str, now: DateTime<Utc>) -> crate::Result<Option<(String, DateTime<Utc>)>> {
    Ok(session::Entity::find_by_id(id.to_owned()).filter(session::Column::ExpiresAt.gt(now)).one(c).await?.map(|s| (s.data, s.expires_at)))
}

/// Updates an existing session record. A session deleted meanwhile (sign-out, password reset)
/// stays deleted: saving never brings it back.
pub async fn save<C: ConnectionTrait>(
    c: &C,
    id: &str,
    data: String,
    expires_at: DateTime<Utc>,
    account: Option<Uuid>,
) -> crate::Result<()> {
    use sea_orm::sea_query::Expr;
    session::Entity::update_many()
        .col_expr(session::Column::Data, Expr::value(data))
        .col_expr(session::Column::ExpiresAt, Expr::value(expires_at))
        .col_expr(session::Column::AccountId, Expr::value(account))
        .filter(session::Column::Id.eq(id))
        .exec(c)
        .await?;
    Ok(())
}

/// Ends every session of an account except one (after the owner changes the password).
pub async fn delete_others<C: ConnectionTrait>(c: &C, account: Uuid, keep: &str) -> crate::Result<u64> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::AccountId.eq(account))
        .filter(session::Column::Id.ne(keep))
        .exec(c)
        .await?
        .rows_affected)
}

/// Inserts a session only if its id is new; false when the id is taken.
pub async fn create<C: ConnectionTrait>(
    c: &C,
    id: &str,
    data: String,
    expires_at: DateTime<Utc>,
    account: Option<Uuid>,
) -> crate::Result<bool> {
    let am = session::ActiveModel { id: Set(id.to_owned()), data: Set(data), expires_at: Set(expires_at), account_id: Set(account) };
    let n = session::Entity::insert(am)
        .on_conflict(OnConflict::column(session::Column::Id).do_nothing().to_owned())
        .exec_without_returning(c)
        .await?;
    Ok(n == 1)
}

pub async fn delete<C: ConnectionTrait>(c: &C, id: &str) -> crate::Result<()> {
    session::Entity::delete_by_id(id.to_owned()).exec(c).await?;
    Ok(())
}

/// Ends every session of an account (after a password reset or when it is disabled).
pub async fn delete_for_account<C: ConnectionTrait>(c: &C, account: Uuid) -> crate::Result<u64> {
    Ok(session::Entity::delete_many().filter(session::Column::AccountId.eq(account)).exec(c).await?.rows_affected)
}

pub async fn delete_expired<C: ConnectionTrait>(c: &C, now: DateTime<Utc>) -> crate::Result<u64> {
    Ok(session::Entity::delete_many().filter(session::Column::ExpiresAt.lte(now)).exec(c).await?.rows_affected)
}
