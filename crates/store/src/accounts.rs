//! Queries for accounts, role grants, API tokens and login throttles.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use crate::entity::{account, api_token, role_grant, throttle};

pub use account::Model as Account;
pub use api_token::Model as ApiToken;
pub use role_grant::Model as Grant;

pub async fn by_id<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Account>> {
    Ok(account::Entity::find_by_id(id).one(c).await?)
}

pub async fn by_username<C: ConnectionTrait>(c: &C, username: &str) -> crate::Result<Option<Account>> {
    Ok(account::Entity::find().filter(account::Column::Username.eq(username)).one(c).await?)
}

/// The display names of accounts by username (one query; none for no names).
pub async fn display_names<C: ConnectionTrait>(c: &C, usernames: &[&str]) -> crate::Result<Vec<(String, String)>> {
    if usernames.is_empty() {
        return Ok(Vec::new());
    }
    Ok(account::Entity::find()
        .select_only()
        .column(account::Column::Username)
        .column(account::Column::DisplayName)
        .filter(account::Column::Username.is_in(usernames.iter().map(|u| (*u).to_owned())))
        .into_tuple()
        .all(c)
        .await?)
}

pub async fn list<C: ConnectionTrait>(c: &C, after_username: Option<&str>, limit: u64) -> crate::Result<Vec<Account>> {
    let mut q = account::Entity::find();
    if let Some(a) = after_username {
        q = q.filter(account::Column::Username.gt(a));
    }
    Ok(q.order_by_asc(account::Column::Username).limit(limit).all(c).await?)
}

pub async fn insert<C: ConnectionTrait>(c: &C, a: Account) -> crate::Result<Account> {
    Ok(account::ActiveModel {
        id: Set(a.id),
        username: Set(a.username),
        display_name: Set(a.display_name),
        password_hash: Set(a.password_hash),
        password_changed_at: Set(a.password_changed_at),
        totp_secret: Set(a.totp_secret),
        totp_enabled: Set(a.totp_enabled),
        locale: Set(a.locale),
        failed_logins: Set(a.failed_logins),
        locked_until: Set(a.locked_until),
        disabled: Set(a.disabled),
        person_id: Set(a.person_id),
        totp_last_step: Set(a.totp_last_step),
        must_change_password: Set(a.must_change_password),
        created_at: Set(a.created_at),
        updated_at: Set(a.updated_at),
    }
    .insert(c)
    .await?)
}

/// Partial update of an account's security fields.
#[derive(Clone, Debug, Default)]
pub struct AccountPatch {
    pub password_hash: Option<String>,
    pub password_changed_at: Option<DateTime<Utc>>,
    pub totp_secret: Option<Option<String>>,
    pub totp_enabled: Option<bool>,
    pub failed_logins: Option<i32>,
    pub locked_until: Option<Option<DateTime<Utc>>>,
    pub disabled: Option<bool>,
    pub locale: Option<String>,
    pub display_name: Option<String>,
    pub person_id: Option<Option<Uuid>>,
    pub totp_last_step: Option<Option<i64>>,
    pub must_change_password: Option<bool>,
}

pub async fn update<C: ConnectionTrait>(c: &C, id: Uuid, p: AccountPatch, now: DateTime<Utc>) -> crate::Result<()> {
    use account::Column as Col;
    let mut q = account::Entity::update_many().col_expr(Col::UpdatedAt, Expr::value(now));
    if let Some(v) = p.password_hash {
        q = q.col_expr(Col::PasswordHash, Expr::value(v));
    }
    if let Some(v) = p.password_changed_at {
        q = q.col_expr(Col::PasswordChangedAt, Expr::value(v));
    }
    if let Some(v) = p.totp_secret {
        q = q.col_expr(Col::TotpSecret, Expr::value(v));
    }
    if let Some(v) = p.totp_enabled {
        q = q.col_expr(Col::TotpEnabled, Expr::value(v));
    }
    if let Some(v) = p.failed_logins {
        q = q.col_expr(Col::FailedLogins, Expr::value(v));
    }
    if let Some(v) = p.locked_until {
        q = q.col_expr(Col::LockedUntil, Expr::value(v));
    }
    if let Some(v) = p.disabled {
        q = q.col_expr(Col::Disabled, Expr::value(v));
    }
    if let Some(v) = p.locale {
        q = q.col_expr(Col::Locale, Expr::value(v));
    }
    if let Some(v) = p.display_name {
        q = q.col_expr(Col::DisplayName, Expr::value(v));
    }
    if let Some(v) = p.person_id {
        q = q.col_expr(Col::PersonId, Expr::value(v));
    }
    if let Some(v) = p.totp_last_step {
        q = q.col_expr(Col::TotpLastStep, Expr::value(v));
    }
    if let Some(v) = p.must_change_password {
        q = q.col_expr(Col::MustChangePassword, Expr::value(v));
    }
    q.filter(Col::Id.eq(id)).exec(c).await?;
    Ok(())
}

/// Adds one to an account's consecutive failures atomically and returns the new count.
pub async fn increment_failures<C: ConnectionTrait>(c: &C, id: Uuid, now: DateTime<Utc>) -> crate::Result<i32> {
    account::Entity::update_many()
        .col_expr(account::Column::FailedLogins, Expr::col(account::Column::FailedLogins).add(1))
        .col_expr(account::Column::UpdatedAt, Expr::value(now))
        .filter(account::Column::Id.eq(id))
        .exec(c)
        .await?;
    Ok(by_id(c, id).await?.map_or(0, |a| a.failed_logins))
}

/// Records the second-factor step just used, only if it is later than the last one; false when the
/// code was already used (a replay).
pub async fn use_totp_step<C: ConnectionTrait>(c: &C, id: Uuid, step: i64) -> crate::Result<bool> {
    let r = account::Entity::update_many()
        .col_expr(account::Column::TotpLastStep, Expr::value(step))
        .filter(account::Column::Id.eq(id))
        .filter(sea_orm::Condition::any().add(account::Column::TotpLastStep.is_null()).add(account::Column::TotpLastStep.lt(step)))
        .exec(c)
        .await?;
    Ok(r.rows_affected == 1)
}

// ---- grants ----

pub async fn grants_of<C: ConnectionTrait>(c: &C, account: Uuid) -> crate::Result<Vec<Grant>> {
    Ok(role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(account))
        .order_by_asc(role_grant::Column::CreatedAt)
        .all(c)
        .await?)
}

pub async fn grant<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Grant>> {
    Ok(role_grant::Entity::find_by_id(id).one(c).await?)
}

pub async fn insert_grant<C: ConnectionTrait>(c: &C, g: Grant) -> crate::Result<Grant> {
    Ok(role_grant::ActiveModel {
        id: Set(g.id),
        account_id: Set(g.account_id),
        role: Set(g.role),
        org_id: Set(g.org_id),
        area_id: Set(g.area_id),
        granted_by: Set(g.granted_by),
        created_at: Set(g.created_at),
    }
    .insert(c)
    .await?)
}

pub async fn delete_grant<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<u64> {
    Ok(role_grant::Entity::delete_by_id(id).exec(c).await?.rows_affected)
}

// ---- API tokens ----

pub async fn insert_token<C: ConnectionTrait>(c: &C, t: ApiToken) -> crate::Result<ApiToken> {
    Ok(api_token::ActiveModel {
        id: Set(t.id),
        account_id: Set(t.account_id),
        name: Set(t.name),
        token_hash: Set(t.token_hash),
        scope: Set(t.scope),
        created_at: Set(t.created_at),
        expires_at: Set(t.expires_at),
        last_used_at: Set(t.last_used_at),
        revoked_at: Set(t.revoked_at),
    }
    .insert(c)
    .await?)
}

pub async fn token_by_hash<C: ConnectionTrait>(c: &C, hash: &str) -> crate::Result<Option<ApiToken>> {
    Ok(api_token::Entity::find().filter(api_token::Column::TokenHash.eq(hash)).one(c).await?)
}

pub async fn tokens_of<C: ConnectionTrait>(c: &C, account: Uuid) -> crate::Result<Vec<ApiToken>> {
    Ok(api_token::Entity::find()
        .filter(api_token::Column::AccountId.eq(account))
        .order_by_desc(api_token::Column::CreatedAt)
        .all(c)
        .await?)
}

pub async fn revoke_token<C: ConnectionTrait>(c: &C, id: Uuid, account: Uuid, now: DateTime<Utc>) -> crate::Result<u64> {
    Ok(api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(now))
        .filter(api_token::Column::Id.eq(id))
        .filter(api_token::Column::AccountId.eq(account))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(c)
        .await?
        .rows_affected)
}

pub async fn touch_token<C: ConnectionTrait>(c: &C, id: Uuid, now: DateTime<Utc>) -> crate::Result<()> {
    api_token::Entity::update_many()
        .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
        .filter(api_token::Column::Id.eq(id))
        .exec(c)
        .await?;
    Ok(())
}

// ---- throttles (failed logins per address) ----

pub async fn throttle<C: ConnectionTrait>(c: &C, key: &str) -> crate::Result<Option<throttle::Model>> {
    Ok(throttle::Entity::find_by_id(key.to_owned()).one(c).await?)
}

pub async fn set_throttle<C: ConnectionTrait>(
    c: &C,
    key: &str,
    failures: i32,
    locked_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> crate::Result<()> {
    let am =
        throttle::ActiveModel { key: Set(key.to_owned()), failures: Set(failures), locked_until: Set(locked_until), updated_at: Set(now) };
    throttle::Entity::insert(am)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(throttle::Column::Key)
                .update_columns([throttle::Column::Failures, throttle::Column::LockedUntil, throttle::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(c)
        .await?;
    Ok(())
}

/// Adds one failure to a throttle key atomically and returns the new count.
pub async fn increment_throttle<C: ConnectionTrait>(c: &C, key: &str, now: DateTime<Utc>) -> crate::Result<i32> {
    let b = c.get_database_backend();
    let sql = match b {
        sea_orm::DatabaseBackend::Postgres => {
            "INSERT INTO throttles (key, failures, locked_until, updated_at) VALUES ($1, 1, NULL, $2) \
             ON CONFLICT (key) DO UPDATE SET failures = throttles.failures + 1, updated_at = $2"
        }
        _ => {
            "INSERT INTO throttles (key, failures, locked_until, updated_at) VALUES (?, 1, NULL, ?) \
              ON CONFLICT (key) DO UPDATE SET failures = throttles.failures + 1, updated_at = excluded.updated_at"
        }
    };
    c.execute_raw(sea_orm::Statement::from_sql_and_values(b, sql, [key.into(), now.into()])).await?;
    Ok(throttle(c, key).await?.map_or(0, |t| t.failures))
}

pub async fn lock_throttle<C: ConnectionTrait>(c: &C, key: &str, until: Option<DateTime<Utc>>) -> crate::Result<()> {
    throttle::Entity::update_many()
        .col_expr(throttle::Column::LockedUntil, Expr::value(until))
        .filter(throttle::Column::Key.eq(key))
        .exec(c)
        .await?;
    Ok(())
}

pub async fn clear_throttle<C: ConnectionTrait>(c: &C, key: &str) -> crate::Result<()> {
    throttle::Entity::delete_by_id(key.to_owned()).exec(c).await?;
    Ok(())
}

/// Forgets throttles untouched since `before`.
pub async fn prune_throttles<C: ConnectionTrait>(c: &C, before: DateTime<Utc>) -> crate::Result<u64> {
    Ok(throttle::Entity::delete_many().filter(throttle::Column::UpdatedAt.lt(before)).exec(c).await?.rows_affected)
}
