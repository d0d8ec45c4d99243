//! Browser sessions, kept in the database so any `serve` instance can answer any request.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::OnConflict};
use uuid::Uuid;

use crate::entity::session;

/// The data and expiry of a session that has not expired at `now`.
pub async fn load<C: ConnectionTrait>(c: &C, id: &str, now: DateTime<Utc>) -> crate::Result<Option<(String, DateTime<Utc>)>> {
    Ok(session::Entity::find_by_id(id.to_owned()).filter(session::Column::ExpiresAt.gt(now)).one(c).await?.map(|s| (s.data, s.expires_at)))
}

/// Inserts or replaces a session record.
pub async fn save<C: ConnectionTrait>(
    c: &C,
    id: &str,
    data: String,
    expires_at: DateTime<Utc>,
    account: Option<Uuid>,
) -> crate::Result<()> {
    let am = session::ActiveModel { id: Set(id.to_owned()), data: Set(data), expires_at: Set(expires_at), account_id: Set(account) };
    session::Entity::insert(am)
        .on_conflict(
            OnConflict::column(session::Column::Id)
                .update_columns([session::Column::Data, session::Column::ExpiresAt, session::Column::AccountId])
                .to_owned(),
        )
        .exec_without_returning(c)
        .await?;
    Ok(())
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
