//! Account administration, split by MLPS duty: the system administrator creates, disables and
//! resets accounts; the security administrator grants roles, unlocks and resets second factors.

use lianxin_core::{
    accounts::{Role, valid_username},
    audit::{DENIED, OK},
};
use lianxin_store::{
    accounts::{self as store, AccountPatch},
    orgs as orgs_store, sessions,
};
use serde_json::json;
use uuid::Uuid;

use crate::journal::Stale;

use crate::{
    AppError, Ctx, Locale, Result,
    auth::{check_new_password, hash_password},
    journal::record,
    policy::{Action, Target},
};
/// The rows the administration pages show.
pub use lianxin_store::accounts::{Account, Grant};

/// A new account, parsed from a form, the API or the command line.
#[derive(Clone, Debug)]
pub struct AccountNew {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub locale: Locale,
}

pub async fn create(ctx: &Ctx, new: AccountNew) -> Result<Account> {
    ctx.authorize(Action::ManageAccounts, Target::System, "account", None).await?;
    let username = new.username.trim().to_owned();
    if !valid_username(&username) {
        return Err(AppError::invalid("username", "error-username"));
    }
    let display_name = crate::input::name("display_name", &new.display_name, 100, true)?.unwrap_or_default();
    check_new_password(ctx, &new.password, &username)?;
    let now = ctx.now();
    let a = Account {
        id: Uuid::now_v7(),
        username,
        display_name,
        password_hash: hash_password(&new.password)?,
        password_changed_at: now,
        totp_secret: None,
        totp_enabled: false,
        locale: new.locale.tag().to_owned(),
        failed_logins: 0,
        locked_until: None,
        disabled: false,
        person_id: None,
        totp_last_step: None,
        // An administrator chose this password: the owner replaces it at first sign-in. The
        // operator at the console sets their own.
        must_change_password: matches!(ctx.actor, crate::Actor::Account(_)),
        created_at: now,
        updated_at: now,
    };
    let tx = ctx.db().write().await?;
    let a = store::insert(&tx, a).await.map_err(AppError::on_unique("uq_accounts_username", "username", "error-username-taken"))?;
    record(&tx, ctx, Stale::Access, "account.create", "account", Some(&a.id.to_string()), OK, json!({ "username": a.username })).await?;
    ctx.commit(tx).await?;
    Ok(a)
}

async fn find(ctx: &Ctx, username: &str) -> Result<Account> {
    store::by_username(ctx.db().conn(), username.trim()).await?.ok_or(AppError::NotFound)
}

/// Asks policy whether the actor may `action` on the account `a` itself (an administrator's
/// account is changed only from the console); a refusal is audited there, naming the account.
async fn authorize_on(ctx: &Ctx, action: Action, a: &Account) -> Result<()> {
    let grants = store::grants_of(ctx.db().conn(), a.id).await?;
    let admin = grants.iter().filter_map(|g| Role::parse(&g.role)).any(Role::is_admin);
    ctx.authorize(action, Target::Account { admin }, "account", Some(&a.id.to_string())).await
}

/// Sets a new password and ends the account's sessions.
pub async fn reset_password(ctx: &Ctx, username: &str, password: &str) -> Result<()> {
    ctx.authorize(Action::ManageAccounts, Target::System, "account", None).await?;
    let a = find(ctx, username).await?;
    authorize_on(ctx, Action::ManageAccounts, &a).await?;
    check_new_password(ctx, password, &a.username)?;
    let now = ctx.now();
    let tx = ctx.db().write().await?;
    store::update(
        &tx,
        a.id,
        AccountPatch {
            password_hash: Some(hash_password(password)?),
            password_changed_at: Some(now),
            failed_logins: Some(0),
            locked_until: Some(None),
            ..Default::default()
        },
        now,
    )
    .await?;
    sessions::delete_for_account(&tx, a.id).await?;
    record(&tx, ctx, Stale::Access, "account.password_reset", "account", Some(&a.id.to_string()), OK, json!({})).await?;
    ctx.commit(tx).await?;
    Ok(())
}

pub async fn set_disabled(ctx: &Ctx, username: &str, disabled: bool) -> Result<()> {
    ctx.authorize(Action::ManageAccounts, Target::System, "account", None).await?;
    let a = find(ctx, username).await?;
    authorize_on(ctx, Action::ManageAccounts, &a).await?;
    let tx = ctx.db().write().await?;
    store::update(&tx, a.id, AccountPatch { disabled: Some(disabled), ..Default::default() }, ctx.now()).await?;
    if disabled {
        sessions::delete_for_account(&tx, a.id).await?;
    }
    record(
        &tx,
        ctx,
        Stale::Access,
        if disabled { "account.disable" } else { "account.enable" },
        "account",
        Some(&a.id.to_string()),
        OK,
        json!({}),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(())
}

pub async fn list(ctx: &Ctx, after: Option<&str>, limit: u64) -> Result<Vec<Account>> {
    let p = ctx.actor.principal();
    let may = p.is_none_or(|p| p.has_role(Role::SystemAdmin) || p.has_role(Role::SecurityAdmin));
    if !may {
        ctx.authorize(Action::ManageAccounts, Target::System, "account", None).await?;
    }
    Ok(store::list(ctx.db().conn(), after, limit.min(500)).await?)
}

/// What a role is granted over: an organization (and the areas it serves) or an area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GrantScope {
    None,
    Org(Uuid),
    Area(Uuid),
}

pub async fn grant_role(ctx: &Ctx, username: &str, role: Role, scope: GrantScope) -> Result<Grant> {
    ctx.authorize(Action::ManageGrants, Target::System, "grant", None).await?;
    let a = find(ctx, username).await?;
    let db = ctx.db().conn();
    let (org_id, area_id) = match (role.is_admin(), scope) {
        (true, GrantScope::None) => (None, None),
        (true, _) => return Err(AppError::invalid("scope", "error-admin-unscoped")),
        (false, GrantScope::None) => {
            return Err(AppError::invalid("scope", "error-scope-required"));
        }
        (false, GrantScope::Org(id)) => {
            let o = orgs_store::org(db, id).await?.ok_or(AppError::invalid("org_id", "error-unknown-org"))?;
            (Some(o.id), None)
        }
        (false, GrantScope::Area(id)) => {
            let ar = orgs_store::area(db, id).await?.ok_or(AppError::invalid("area_id", "error-unknown-area"))?;
            (None, Some(ar.id))
        }
    };
    let existing = store::grants_of(db, a.id).await?;
    if let Some(g) = existing.iter().find(|g| g.role == role.as_str() && g.org_id == org_id && g.area_id == area_id) {
        return Ok(g.clone());
    }
    // MLPS level 3: the three administrator duties are never held by one account together, nor
    // together with data roles.
    let holds_admin = existing.iter().filter_map(|g| Role::parse(&g.role)).any(|r| r.is_admin());
    if (role.is_admin() && !existing.is_empty()) || (!role.is_admin() && holds_admin) {
        let detail = json!({ "role": role.as_str(), "reason": "role_separation" });
        crate::journal::record_alone(ctx, Stale::Nothing, "grant.create", "account", Some(&a.id.to_string()), DENIED, detail).await?;
        return Err(AppError::invalid("role", "error-role-separation"));
    }
    let g = Grant {
        id: Uuid::now_v7(),
        account_id: a.id,
        role: role.as_str().to_owned(),
        org_id,
        area_id,
        granted_by: ctx.actor.id().and_then(|s| Uuid::parse_str(&s).ok()),
        created_at: ctx.now(),
    };
    let tx = ctx.db().write().await?;
    let g = store::insert_grant(&tx, g).await?;
    // A new scope (and perhaps a second-factor duty) applies from the next sign-in.
    sessions::delete_for_account(&tx, a.id).await?;
    record(
        &tx,
        ctx,
        Stale::Access,
        "grant.create",
        "account",
        Some(&a.id.to_string()),
        OK,
        json!({ "role": role.as_str(), "org": org_id, "area": area_id }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(g)
}

/// Revokes a grant; returns the user name of the account that held it.
pub async fn revoke_grant(ctx: &Ctx, grant_id: Uuid) -> Result<String> {
    ctx.authorize(Action::ManageGrants, Target::System, "grant", None).await?;
    let g = store::grant(ctx.db().conn(), grant_id).await?.ok_or(AppError::NotFound)?;
    let holder = store::by_id(ctx.db().conn(), g.account_id).await?.ok_or(AppError::NotFound)?;
    authorize_on(ctx, Action::ManageGrants, &holder).await?;
    let tx = ctx.db().write().await?;
    store::delete_grant(&tx, grant_id).await?;
    sessions::delete_for_account(&tx, g.account_id).await?;
    record(
        &tx,
        ctx,
        Stale::Access,
        "grant.revoke",
        "account",
        Some(&g.account_id.to_string()),
        OK,
        json!({ "role": g.role, "org": g.org_id, "area": g.area_id }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(holder.username)
}

/// An account with its roles and the name of what each is granted on (an organization or an
/// area; empty when it is gone), for the system and the security administrator.
pub async fn grants(ctx: &Ctx, username: &str) -> Result<(Account, Vec<(Grant, String)>)> {
    let p = ctx.actor.principal();
    let may = p.is_none_or(|p| p.has_role(Role::SystemAdmin) || p.has_role(Role::SecurityAdmin));
    if !may {
        ctx.authorize(Action::ManageGrants, Target::System, "grant", None).await?;
    }
    let a = find(ctx, username).await?;
    let c = ctx.db().conn();
    let mut named = Vec::new();
    for g in store::grants_of(c, a.id).await? {
        let scope = match (g.org_id, g.area_id) {
            (Some(o), _) => orgs_store::org(c, o).await?.map(|o| o.name).unwrap_or_default(),
            (_, Some(a)) => orgs_store::area(c, a).await?.map(|a| a.name).unwrap_or_default(),
            _ => "—".into(),
        };
        named.push((g, scope));
    }
    Ok((a, named))
}

pub async fn unlock(ctx: &Ctx, username: &str) -> Result<()> {
    ctx.authorize(Action::ManageGrants, Target::System, "account", None).await?;
    let a = find(ctx, username).await?;
    let tx = ctx.db().write().await?;
    store::update(&tx, a.id, AccountPatch { failed_logins: Some(0), locked_until: Some(None), ..Default::default() }, ctx.now()).await?;
    record(&tx, ctx, Stale::Access, "account.unlock", "account", Some(&a.id.to_string()), OK, json!({})).await?;
    ctx.commit(tx).await?;
    Ok(())
}

/// Removes an account's second factor so it enrols again at next sign-in.
pub async fn reset_totp(ctx: &Ctx, username: &str) -> Result<()> {
    ctx.authorize(Action::ManageGrants, Target::System, "account", None).await?;
    let a = find(ctx, username).await?;
    authorize_on(ctx, Action::ManageGrants, &a).await?;
    let tx = ctx.db().write().await?;
    store::update(&tx, a.id, AccountPatch { totp_secret: Some(None), totp_enabled: Some(false), ..Default::default() }, ctx.now()).await?;
    sessions::delete_for_account(&tx, a.id).await?;
    record(&tx, ctx, Stale::Access, "account.totp_reset", "account", Some(&a.id.to_string()), OK, json!({})).await?;
    ctx.commit(tx).await?;
    Ok(())
}
