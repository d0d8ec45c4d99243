//! Signing in: passwords (argon2id), lockout with back-off per account and per address, the TOTP
//! second factor, API tokens, and loading what an account may reach.

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use chrono::Duration;
use lianxin_core::{
    accounts::{Role, check_password, lock_until, password_expired},
    audit::{DENIED, FAILED, OK},
    orgs::AreaLevel,
    totp,
    tree::TreePath,
};
use lianxin_store::{
    accounts::{self as store, Account, AccountPatch},
    orgs as orgs_store,
};
use rand::RngCore;

/// An API token as its owner's page lists it (the hash only, never the token).
pub use lianxin_store::accounts::ApiToken;
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    Actor, App, AppError, Ctx, Principal, Result, ScopedRole, TokenAccess,
    cache::Timed,
    journal::{Stale, record_alone},
};

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::internal(format!("password hashing failed: {e}")))
}

fn password_matches(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A hash of a password nobody knows, verified when the account does not exist so that the
/// answer takes as long either way.
fn dummy_hash() -> &'static str {
    static H: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    H.get_or_init(|| hash_password("no-such-account-password").unwrap_or_default())
}

/// Maps a refused password to the form error that explains it.
pub fn password_error(e: lianxin_core::accounts::PasswordError) -> AppError {
    use lianxin_core::accounts::PasswordError::*;
    let key = match e {
        TooShort => "error-password-short",
        TooLong => "error-password-long",
        Common => "error-password-common",
        ContainsUsername => "error-password-username",
    };
    AppError::invalid("password", key)
}

pub fn check_new_password(ctx: &Ctx, password: &str, username: &str) -> Result<()> {
    check_password(password, username, ctx.settings().security.password_min_length).map_err(password_error)
}

/// Where a successful password check leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginStep {
    /// Signed in.
    Done { account: Uuid, password_expired: bool },
    /// The account has a second factor: ask for the code.
    Totp { account: Uuid },
    /// The account must have a second factor but has none yet: enrol it now.
    TotpSetup { account: Uuid },
}

fn failed() -> AppError {
    AppError::invalid("password", "error-login-failed")
}

/// Checks a user name and password. Every failure answers the same (`error-login-failed`),
/// whatever its cause — an unknown name, a wrong password, a locked address — so sign-in tells no
/// one which names exist. Wrong passwords slow down the address they come from: after
/// `lockout_threshold` for one account from one address, that account is refused from that
/// address only (with back-off), and after `ip_lockout_threshold` for any accounts the address is
/// refused altogether. A stranger elsewhere therefore cannot lock the owner out. An account
/// locked as a whole (wrong second-factor codes, which only a holder of the password can send) is
/// refused from everywhere until the lock passes or the security administrator lifts it.
/// Failures are forgiven only after the whole sign-in (second factor included) succeeds.
pub async fn login(ctx: &Ctx, username: &str, password: &str) -> Result<LoginStep> {
    let now = ctx.now();
    let sec = &ctx.settings().security;
    let db = ctx.db().conn();
    let ip_key = address_key(ctx);
    let refuse = |reason: &'static str, account: Option<String>| async move {
        let detail = match &account {
            Some(_) => json!({ "reason": reason }),
            None => json!({ "username": username, "reason": reason }),
        };
        record_alone(ctx, Stale::Nothing, "auth.login", "account", account.as_deref(), FAILED, detail).await?;
        Err::<LoginStep, AppError>(failed())
    };
    if locked(ctx, ip_key.as_deref()).await? {
        let _ = password_matches(password, dummy_hash());
        return refuse("address locked", None).await;
    }
    let account = store::by_username(db, username.trim()).await?;
    let Some(account) = account.filter(|a| !a.disabled) else {
        let _ = password_matches(password, dummy_hash());
        note_failure(ctx, ip_key.as_deref(), sec.ip_lockout_threshold).await?;
        return refuse("unknown or disabled", None).await;
    };
    let id = account.id.to_string();
    let pair_key = ip_key.as_ref().map(|k| format!("account:{}@{k}", account.id));
    if account.locked_until.is_some_and(|u| u > now) || locked(ctx, pair_key.as_deref()).await? {
        let _ = password_matches(password, dummy_hash());
        return refuse("account locked at this address", Some(id)).await;
    }
    if !password_matches(password, &account.password_hash) {
        note_failure(ctx, pair_key.as_deref(), sec.lockout_threshold).await?;
        note_failure(ctx, ip_key.as_deref(), sec.ip_lockout_threshold).await?;
        return refuse("wrong password", Some(id)).await;
    }
    if account.totp_enabled {
        return Ok(LoginStep::Totp { account: account.id });
    }
    let principal = load_principal(&ctx.app, account.id, None).await?.ok_or(AppError::Unauthenticated)?;
    if second_factor_required(ctx, &principal).await? {
        return Ok(LoginStep::TotpSetup { account: account.id });
    }
    signed_in(ctx, account.id, false).await?;
    Ok(LoginStep::Done {
        account: account.id,
        password_expired: account.must_change_password || password_expired(account.password_changed_at, sec.password_max_age_days, now),
    })
}

/// The throttle key of the caller's address.
fn address_key(ctx: &Ctx) -> Option<String> {
    ctx.ip.as_deref().map(|ip| format!("ip:{ip}"))
}

/// A complete sign-in: forgive earlier failures of the account and the address, and audit it.
async fn signed_in(ctx: &Ctx, account: Uuid, second_factor: bool) -> Result<()> {
    let tx = ctx.db().write().await?;
    store::update(&tx, account, AccountPatch { failed_logins: Some(0), locked_until: Some(None), ..Default::default() }, ctx.now()).await?;
    if let Some(key) = address_key(ctx) {
        store::clear_throttle(&tx, &format!("account:{account}@{key}")).await?;
        store::clear_throttle(&tx, &key).await?;
    }
    crate::journal::record(
        &tx,
        ctx,
        Stale::Nothing,
        "auth.login",
        "account",
        Some(&account.to_string()),
        OK,
        json!({ "second_factor": second_factor }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(())
}

/// Counts one more failure for the account (atomically, so parallel guesses all count) and locks
/// it with back-off once past the threshold.
async fn note_account_failure(ctx: &Ctx, account: Uuid) -> Result<()> {
    let now = ctx.now();
    let sec = &ctx.settings().security;
    let tx = ctx.db().write().await?;
    let failures = store::increment_failures(&tx, account, now).await?;
    if let Some(until) = lock_until(failures.max(0) as u32, sec.lockout_threshold, Duration::minutes(sec.lockout_minutes), now) {
        store::update(&tx, account, AccountPatch { locked_until: Some(Some(until)), ..Default::default() }, now).await?;
    }
    ctx.commit(tx).await?;
    Ok(())
}

/// Counts one more failure under a throttle key (an address, or an account at an address) and
/// locks the key with back-off once past `threshold`.
async fn note_failure(ctx: &Ctx, key: Option<&str>, threshold: u32) -> Result<()> {
    let Some(key) = key else { return Ok(()) };
    let now = ctx.now();
    let sec = &ctx.settings().security;
    let tx = ctx.db().write().await?;
    let failures = store::increment_throttle(&tx, key, now).await?;
    let until = lock_until(failures.max(0) as u32, threshold, Duration::minutes(sec.lockout_minutes), now);
    if until.is_some() {
        store::lock_throttle(&tx, key, until).await?;
    }
    ctx.commit(tx).await?;
    Ok(())
}

/// Whether a throttle key is locked now.
async fn locked(ctx: &Ctx, key: Option<&str>) -> Result<bool> {
    let Some(key) = key else { return Ok(false) };
    let now = ctx.now();
    Ok(store::throttle(ctx.db().conn(), key).await?.and_then(|t| t.locked_until).is_some_and(|u| u > now))
}

/// An account's second-factor secret as stored: encrypted with the data key for that account's
/// field only, so a copy of the database (or of the row into another account) yields nothing.
pub fn seal_totp(ctx: &Ctx, account: Uuid, secret: &str) -> Result<String> {
    Ok(ctx.app.key()?.encrypt(&format!("accounts.totp_secret:{account}"), secret))
}

/// The account's secret in base32, if one is stored. A secret written before secrets were
/// encrypted (base32 in clear: capitals and 2–7, where a sealed one is lower-case hex) is read as
/// it is and sealed on the spot.
async fn open_totp(ctx: &Ctx, a: &Account) -> Result<Option<String>> {
    let Some(stored) = a.totp_secret.as_deref() else { return Ok(None) };
    let clear = !stored.is_empty() && stored.bytes().all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b));
    if clear {
        let tx = ctx.db().write().await?;
        let sealed = seal_totp(ctx, a.id, stored)?;
        store::update(&tx, a.id, AccountPatch { totp_secret: Some(Some(sealed)), ..Default::default() }, ctx.now()).await?;
        ctx.commit(tx).await?;
        return Ok(Some(stored.to_owned()));
    }
    let plain = ctx
        .app
        .key()?
        .decrypt(&format!("accounts.totp_secret:{}", a.id), stored)
        .map_err(|e| AppError::internal(format!("account {}: {e}", a.id)))?;
    Ok(Some(plain))
}

/// Checks a code against the account's secret: right, unused (no replay), and not locked out.
async fn check_code(ctx: &Ctx, a: &Account, code: &str, action: &str) -> Result<()> {
    if let Some(until) = a.locked_until.filter(|u| *u > ctx.now()) {
        return Err(AppError::Locked { until });
    }
    let secret =
        open_totp(ctx, a).await?.as_deref().and_then(totp::base32_decode).ok_or(AppError::BadRequest { key: "error-totp-not-started" })?;
    let wrong = |reason: &'static str| async move {
        note_account_failure(ctx, a.id).await?;
        note_failure(ctx, address_key(ctx).as_deref(), ctx.settings().security.ip_lockout_threshold).await?;
        record_alone(ctx, Stale::Nothing, action, "account", Some(&a.id.to_string()), FAILED, json!({ "reason": reason })).await?;
        Err::<(), AppError>(AppError::invalid("code", if reason == "replayed code" { "error-totp-used" } else { "error-totp-wrong" }))
    };
    let Some(step) = totp::verify(&secret, code, ctx.now().timestamp()) else { return wrong("wrong code").await };
    let tx = ctx.db().write().await?;
    let fresh = store::use_totp_step(&tx, a.id, step).await?;
    ctx.commit(tx).await?;
    if !fresh {
        return wrong("replayed code").await;
    }
    Ok(())
}

/// Checks the second-factor code of an account that passed its password.
pub async fn verify_totp(ctx: &Ctx, account: Uuid, code: &str) -> Result<()> {
    let a = store::by_id(ctx.db().conn(), account).await?.filter(|a| !a.disabled && a.totp_enabled).ok_or(AppError::Unauthenticated)?;
    check_code(ctx, &a, code, "auth.totp").await?;
    signed_in(ctx, account, true).await
}

/// Starts enrolling a second factor: stores a fresh secret (not yet active) and returns it in
/// base32 with its `otpauth://` URI.
pub async fn begin_totp_setup(ctx: &Ctx, account: Uuid) -> Result<(String, String)> {
    let a = store::by_id(ctx.db().conn(), account).await?.ok_or(AppError::Unauthenticated)?;
    if a.totp_enabled {
        return Err(AppError::BadRequest { key: "error-totp-already" });
    }
    let secret = match open_totp(ctx, &a).await? {
        Some(s) => s,
        None => {
            let mut bytes = [0u8; 20];
            rand::thread_rng().fill_bytes(&mut bytes);
            let s = totp::base32_encode(&bytes);
            let sealed = seal_totp(ctx, account, &s)?;
            let tx = ctx.db().write().await?;
            store::update(&tx, account, AccountPatch { totp_secret: Some(Some(sealed)), ..Default::default() }, ctx.now()).await?;
            ctx.commit(tx).await?;
            s
        }
    };
    let uri = totp::otpauth_uri("lianxin", &a.username, &secret);
    Ok((secret, uri))
}

/// Finishes enrolment when the code from the new authenticator is right; counts failures like a
/// sign-in, so the setup page cannot be used to guess codes.
pub async fn confirm_totp_setup(ctx: &Ctx, account: Uuid, code: &str) -> Result<()> {
    let a = store::by_id(ctx.db().conn(), account).await?.filter(|a| !a.disabled).ok_or(AppError::Unauthenticated)?;
    if a.totp_enabled {
        return Err(AppError::BadRequest { key: "error-totp-already" });
    }
    check_code(ctx, &a, code, "auth.totp_enrol").await?;
    let tx = ctx.db().write().await?;
    store::update(&tx, account, AccountPatch { totp_enabled: Some(true), ..Default::default() }, ctx.now()).await?;
    crate::journal::record(&tx, ctx, Stale::Access, "auth.totp_enrol", "account", Some(&account.to_string()), OK, json!({})).await?;
    ctx.commit(tx).await?;
    signed_in(ctx, account, true).await
}

/// Changes the actor's own password after checking the current one, and ends their other
/// sessions (`keep` is the session making the change).
pub async fn change_password(ctx: &Ctx, current: &str, new: &str, keep: Option<&str>) -> Result<()> {
    let p = ctx.principal()?;
    let a = store::by_id(ctx.db().conn(), p.account_id).await?.ok_or(AppError::Unauthenticated)?;
    if !password_matches(current, &a.password_hash) {
        note_account_failure(ctx, a.id).await?;
        record_alone(
            ctx,
            Stale::Access,
            "account.password_change",
            "account",
            Some(&a.id.to_string()),
            FAILED,
            json!({ "reason": "wrong current password" }),
        )
        .await?;
        return Err(AppError::invalid("current_password", "error-password-current"));
    }
    check_new_password(ctx, new, &a.username)?;
    if password_matches(new, &a.password_hash) {
        return Err(AppError::invalid("password", "error-password-same"));
    }
    let hash = hash_password(new)?;
    let tx = ctx.db().write().await?;
    store::update(
        &tx,
        a.id,
        AccountPatch {
            password_hash: Some(hash),
            password_changed_at: Some(ctx.now()),
            must_change_password: Some(false),
            ..Default::default()
        },
        ctx.now(),
    )
    .await?;
    match keep {
        Some(k) => lianxin_store::sessions::delete_others(&tx, a.id, k).await?,
        None => lianxin_store::sessions::delete_for_account(&tx, a.id).await?,
    };
    crate::journal::record(&tx, ctx, Stale::Access, "account.password_change", "account", Some(&a.id.to_string()), OK, json!({})).await?;
    ctx.commit(tx).await?;
    Ok(())
}

/// Saves the interface language the signed-in person chose.
pub async fn set_locale(ctx: &Ctx, locale: crate::Locale) -> Result<()> {
    let p = ctx.principal()?;
    if p.locale == locale {
        return Ok(());
    }
    let tx = ctx.db().write().await?;
    store::update(&tx, p.account_id, AccountPatch { locale: Some(locale.tag().to_owned()), ..Default::default() }, ctx.now()).await?;
    crate::journal::record(
        &tx,
        ctx,
        Stale::Access,
        "account.locale",
        "account",
        Some(&p.account_id.to_string()),
        OK,
        json!({ "locale": locale.tag() }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(())
}

/// Records a sign-out.
pub async fn logout(ctx: &Ctx) -> Result<()> {
    if let Some(p) = ctx.actor.principal() {
        record_alone(ctx, Stale::Nothing, "auth.logout", "account", Some(&p.account_id.to_string()), OK, json!({})).await?;
    }
    Ok(())
}

/// What sign-in keeps for the process (see [`crate::cache`]): who an account is (its roles and
/// the subtrees they reach) and what an API token stands for (browser sessions keep their own,
/// [`crate::sessions`]).
#[derive(Debug, Default)]
pub struct Kept {
    /// By account (`None`: gone or disabled).
    principals: Timed<Uuid, Option<std::sync::Arc<Principal>>>,
    /// By token hash (`None`: no such token).
    tokens: Timed<String, Option<store::ApiToken>>,
}

/// Loads an account's roles and the subtrees they reach; `None` if the account is gone or
/// disabled.
pub async fn load_principal(app: &App, account: Uuid, token: Option<TokenAccess>) -> Result<Option<std::sync::Arc<Principal>>> {
    let now = app.now();
    let (epoch, kept) = (app.caches.epoch(), app.caches.room::<Kept>());
    let found = match kept.principals.get(&account, epoch, now) {
        Some(p) => p,
        None => {
            let p = read_principal(app, account).await?.map(std::sync::Arc::new);
            kept.principals.put(account, p.clone(), epoch, now);
            p
        }
    };
    // A session shares the kept principal; a token's request carries its own access.
    Ok(found.map(|p| match token {
        None => p,
        Some(_) => std::sync::Arc::new(Principal { token, ..(*p).clone() }),
    }))
}

/// [`load_principal`] from the database.
async fn read_principal(app: &App, account: Uuid) -> Result<Option<Principal>> {
    let token = None;
    let db = app.db.conn();
    let Some(a) = store::by_id(db, account).await?.filter(|a| !a.disabled) else {
        return Ok(None);
    };
    let grants = store::grants_of(db, a.id).await?;
    let mut roles = Vec::with_capacity(grants.len());
    for g in grants {
        let Some(role) = Role::parse(&g.role) else {
            continue;
        };
        let mut org = None;
        let mut area_ids = Vec::new();
        if let Some(org_id) = g.org_id {
            let Some(o) = orgs_store::org(db, org_id).await? else {
                continue;
            };
            org = TreePath::parse(&o.path);
            area_ids = orgs_store::org_area_ids(db, org_id).await?;
        }
        if let Some(area_id) = g.area_id {
            area_ids.push(area_id);
        }
        let areas = orgs_store::areas_by_ids(db, &area_ids).await?.iter().filter_map(|a| TreePath::parse(&a.path)).collect();
        roles.push(ScopedRole { role, org, areas, grids: Vec::new() });
    }
    if let Some(person) = a.person_id {
        roles.extend(roles_from_positions(app, person).await?);
    }
    let password_expired =
        a.must_change_password || password_expired(a.password_changed_at, app.settings.security.password_max_age_days, app.now());
    let locale = crate::Locale::parse(&a.locale).unwrap_or_default();
    Ok(Some(Principal {
        account_id: a.id,
        username: a.username,
        display_name: a.display_name,
        roles,
        token,
        password_expired,
        locale,
        person_id: a.person_id,
    }))
}

/// What the posts a person holds today let their account reach: party posts reach their
/// organization's subtree and the areas it serves, village-body posts the body's village, a grid
/// leader the households of the grid.
async fn roles_from_positions(app: &App, person: Uuid) -> Result<Vec<ScopedRole>> {
    use lianxin_core::people::PostKind;
    use lianxin_store::people as people_store;
    let db = app.db.conn();
    let mut out = Vec::new();
    for p in people_store::current_positions_of_person(db, person, app.today()).await? {
        let Some(post) = PostKind::parse(&p.post) else { continue };
        if let Some(org_id) = p.org_id
            && let Some(o) = orgs_store::org(db, org_id).await?
        {
            let role = match post {
                PostKind::Secretary | PostKind::DeputySecretary | PostKind::CommitteeMember => Role::Secretary,
                _ => Role::Viewer,
            };
            let area_ids = orgs_store::org_area_ids(db, org_id).await?;
            let areas = orgs_store::areas_by_ids(db, &area_ids).await?.iter().filter_map(|a| TreePath::parse(&a.path)).collect();
            out.push(ScopedRole { role, org: TreePath::parse(&o.path), areas, grids: Vec::new() });
        }
        if let Some(body_id) = p.body_id
            && let Some(b) = people_store::body(db, body_id).await?
        {
            out.push(ScopedRole {
                role: Role::Viewer,
                org: None,
                areas: TreePath::parse(&b.area_path).into_iter().collect(),
                grids: Vec::new(),
            });
        }
        if let Some(grid_id) = p.grid_id {
            out.push(ScopedRole { role: Role::GridLeader, org: None, areas: Vec::new(), grids: vec![grid_id] });
        }
    }
    Ok(out)
}

/// Whether an account must use a second factor: it holds a role the `totp_required_roles` setting
/// names, or — when `totp_required_above_village` is on — it is an administrator or holds a role
/// that reaches an area above the village (township, county and up).
pub async fn second_factor_required(ctx: &Ctx, p: &Principal) -> Result<bool> {
    let sec = &ctx.settings().security;
    if p.roles.iter().any(|r| sec.totp_required_roles.iter().any(|n| n == r.role.as_str())) {
        return Ok(true);
    }
    if !sec.totp_required_above_village {
        return Ok(false);
    }
    if p.roles.iter().any(|r| r.role.is_admin()) {
        return Ok(true);
    }
    let db = ctx.db().conn();
    for r in &p.roles {
        for path in &r.areas {
            let id = path.last_id();
            if let Some(id) = id
                && let Some(area) = orgs_store::area(db, id).await?
                && AreaLevel::parse(&area.level).is_some_and(|l| l < AreaLevel::Village)
            {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

// ---- API tokens ----

/// The kept form of a secret handed out once (an API token, a calendar feed key).
pub(crate) fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates an API token for the actor's own account. The plain token is returned once and only its
/// hash is kept.
pub async fn create_token(ctx: &Ctx, name: &str, access: TokenAccess, valid_days: Option<i64>) -> Result<(store::ApiToken, String)> {
    let p = ctx.principal()?;
    if p.token.is_some() {
        return Err(AppError::Forbidden);
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::invalid("name", "error-required"));
    }
    if valid_days.is_some_and(|d| !(1..=3650).contains(&d)) {
        return Err(AppError::invalid("valid_days", "error-out-of-range"));
    }
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let plain = format!("lx_{}", totp::base32_encode(&bytes).to_lowercase());
    let now = ctx.now();
    let t = store::ApiToken {
        id: Uuid::now_v7(),
        account_id: p.account_id,
        name: name.to_owned(),
        token_hash: token_hash(&plain),
        scope: access.as_str().to_owned(),
        created_at: now,
        expires_at: valid_days.map(|d| now + Duration::days(d)),
        last_used_at: None,
        revoked_at: None,
    };
    let tx = ctx.db().write().await?;
    let t = store::insert_token(&tx, t).await?;
    crate::journal::record(
        &tx,
        ctx,
        Stale::Access,
        "token.create",
        "api_token",
        Some(&t.id.to_string()),
        OK,
        json!({ "name": name, "scope": access.as_str() }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok((t, plain))
}

pub async fn revoke_token(ctx: &Ctx, id: Uuid) -> Result<()> {
    let p = ctx.principal()?;
    let tx = ctx.db().write().await?;
    if store::revoke_token(&tx, id, p.account_id, ctx.now()).await? == 0 {
        drop(tx);
        // Someone else's token, or none: refused, and the attempt is on the record.
        let id = id.to_string();
        crate::journal::record_alone(ctx, Stale::Nothing, "token.revoke", "api_token", Some(&id), DENIED, json!({})).await?;
        return Err(AppError::NotFound);
    }
    crate::journal::record(&tx, ctx, Stale::Access, "token.revoke", "api_token", Some(&id.to_string()), OK, json!({})).await?;
    ctx.commit(tx).await?;
    Ok(())
}

pub async fn my_tokens(ctx: &Ctx) -> Result<Vec<store::ApiToken>> {
    let p = ctx.principal()?;
    Ok(store::tokens_of(ctx.db().conn(), p.account_id).await?)
}

/// Resolves a bearer token to the account it acts for; `None` if unknown, revoked or expired.
pub async fn authenticate_token(app: &App, token: &str) -> Result<Option<std::sync::Arc<Principal>>> {
    let db = app.db.conn();
    let now = app.now();
    let hash = token_hash(token.trim());
    let (epoch, kept) = (app.caches.epoch(), app.caches.room::<Kept>());
    let found = match kept.tokens.get(&hash, epoch, now) {
        Some(t) => t,
        None => {
            let t = store::token_by_hash(db, &hash).await?;
            kept.tokens.put(hash.clone(), t.clone(), epoch, now);
            t
        }
    };
    let Some(t) = found else {
        return Ok(None);
    };
    if t.revoked_at.is_some() || t.expires_at.is_some_and(|e| e <= now) {
        return Ok(None);
    }
    let access = TokenAccess::parse(&t.scope).unwrap_or(TokenAccess::Read);
    // Record use at most once a minute, to keep reads from writing on every request.
    if t.last_used_at.is_none_or(|u| now - u > Duration::minutes(1)) {
        let tx = app.db.write().await?;
        store::touch_token(&tx, t.id, now).await?;
        tx.commit().await?;
        kept.tokens.put(hash, Some(store::ApiToken { last_used_at: Some(now), ..t.clone() }), epoch, now);
    }
    // An account whose password must change first cannot keep working through its tokens.
    Ok(load_principal(app, t.account_id, Some(access)).await?.filter(|p| !p.password_expired))
}

/// The actor of a request signed in with a session.
pub async fn session_actor(app: &App, account: Uuid) -> Result<Actor> {
    Ok(match load_principal(app, account, None).await? {
        Some(p) => Actor::Account(p),
        None => Actor::Anonymous,
    })
}

/// The address a limit counts: an IPv4 address, or the /64 network of an IPv6 one (one
/// subscriber's line holds a whole /64).
fn network_of(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(std::net::IpAddr::V6(v6)) => v6.to_ipv4_mapped().map_or_else(|| ip.to_owned(), |v4| v4.to_string()),
        _ => ip.to_owned(),
    }
}

/// Counts one public action (filing a need, "me too", asking for a phone code) against the
/// per-address and per-phone limits; refuses past them.
pub(crate) async fn throttle_public(ctx: &Ctx, phone_hash: Option<&str>) -> Result<()> {
    let s = &ctx.settings().appeals;
    let now = ctx.now();
    let hour = now.timestamp() / 3600;
    let day = now.timestamp() / 86_400;
    let mut keys = Vec::new();
    if let Some(ip) = &ctx.ip {
        keys.push((format!("appeal-ip:{}:{hour}", network_of(ip)), s.per_ip_per_hour, Duration::hours(1), hour * 3600));
    }
    if let Some(h) = phone_hash {
        keys.push((format!("appeal-phone:{h}:{day}"), s.per_phone_per_day, Duration::days(1), day * 86_400));
    }
    for (key, limit, window, start) in keys {
        let tx = ctx.db().write().await?;
        let n = store::increment_throttle(&tx, &key, now).await?;
        ctx.commit(tx).await?;
        if n > limit {
            let until = chrono::DateTime::from_timestamp(start, 0).unwrap_or(now) + window;
            return Err(AppError::Locked { until });
        }
    }
    Ok(())
}
