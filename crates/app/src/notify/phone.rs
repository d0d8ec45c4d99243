//! Villagers sign in with their phone and a one-time code sent through the SMS gateway, to see
//! "my needs" without an account or a password. Codes are stored hashed, expire, and allow a
//! few wrong guesses; sending is limited per phone and per address like intake.

use chrono::Duration;
use lianxin_core::people::{mask_phone, parse_phone};
use lianxin_store::notify as store;
use rand::Rng;
use serde_json::json;

use crate::journal::Stale;
use crate::{AppError, Ctx, Result, journal::record_alone};

fn code_hash(phone_hash: &str, code: &str) -> String {
    crate::crypto::digest_hex(&format!("{phone_hash}:{code}"))
}

/// Sends a six-digit code to `phone` (through the outbox). Answers the same whether or not the
/// phone has filed anything, so nobody learns who did.
pub async fn send_code(ctx: &Ctx, phone: &str) -> Result<()> {
    let phone = parse_phone(phone).map_err(|_| AppError::invalid("phone", "error-phone"))?;
    let key = ctx.app.key()?;
    let h = key.lookup_hash("phone", &phone);
    let now = ctx.now();
    if let Some(prev) = store::phone_code(ctx.db().conn(), &h).await?
        && prev.sent_at > now - Duration::seconds(60)
    {
        return Err(AppError::Locked { until: prev.sent_at + Duration::seconds(60) });
    }
    crate::auth::throttle_public(ctx, Some(&h)).await?;
    let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
    let s = &ctx.settings().appeals;
    let tx = ctx.db().write().await?;
    store::put_phone_code(
        &tx,
        store::PhoneCode {
            phone_hash: h.clone(),
            code_hash: code_hash(&h, &code),
            attempts: 0,
            sent_at: now,
            expires_at: now + Duration::minutes(s.code_minutes),
        },
    )
    .await?;
    let body = crate::notify::texts::text(ctx.locale, "sms-phone-code", &[("code", code.clone()), ("minutes", s.code_minutes.to_string())]);
    crate::notify::queue(&tx, ctx, "sms", Some(&phone), &mask_phone(&phone), &body).await?;
    ctx.commit(tx).await?;
    Ok(())
}

/// Checks a code; on success returns the phone's keyed hash (kept in the villager's session) and
/// its mask (shown on "my needs").
pub async fn verify_code(ctx: &Ctx, phone: &str, code: &str) -> Result<(String, String)> {
    let phone = parse_phone(phone).map_err(|_| AppError::invalid("phone", "error-phone"))?;
    let h = ctx.app.key()?.lookup_hash("phone", &phone);
    let c = ctx.db().conn();
    let wrong = || AppError::invalid("code", "error-code-wrong");
    let Some(stored) = store::phone_code(c, &h).await? else { return Err(wrong()) };
    let s = &ctx.settings().appeals;
    if stored.expires_at <= ctx.now() || stored.attempts >= s.code_attempts {
        return Err(AppError::invalid("code", "error-code-expired"));
    }
    // The guess is counted before it is compared, inside the write transaction, so parallel
    // guesses cannot get past the limit.
    let tx = ctx.db().write().await?;
    if !store::take_phone_attempt(&tx, &h, s.code_attempts, ctx.now()).await? {
        return Err(AppError::invalid("code", "error-code-expired"));
    }
    let given = code_hash(&h, code.trim());
    if !crate::crypto::constant_eq(&stored.code_hash, &given) {
        ctx.commit(tx).await?;
        return Err(wrong());
    }
    store::delete_phone_code(&tx, &h).await?;
    ctx.commit(tx).await?;
    record_alone(ctx, Stale::Nothing, "appeal.phone_sign_in", "phone", None, "ok", json!({ "phone": mask_phone(&phone) })).await?;
    Ok((h, mask_phone(&phone)))
}
