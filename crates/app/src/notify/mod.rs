//! Notices: the in-app inbox (for a person, or for everyone holding a post in an organization)
//! and the outbox of messages to other systems, delivered by the sweeper through a gateway — the
//! built-in "log" gateway keeps SMS in the outbox for local use; "http" posts them on.

use lianxin_store::{ConnectionTrait, appeals::Appeal, notify as store};
use serde_json::json;
use uuid::Uuid;

use crate::{Ctx, Result};

/// An outbox message as the operator's page shows it.
pub use lianxin_store::notify::OutboxMessage;

pub mod inbox;
pub mod phone;
pub mod texts;

/// Who a notice is for.
#[derive(Clone, Copy, Debug)]
pub enum To {
    Person(Uuid),
    Org(Uuid),
}

/// Puts a notice in the inbox (`kind` is an i18n key, `body` its argument), and when a webhook is
/// configured, in the outbox for it too.
pub async fn tell<C: ConnectionTrait>(c: &C, ctx: &Ctx, to: To, appeal: Option<Uuid>, kind: &str, body: &str) -> Result<()> {
    let (inbox, webhook) = notice(ctx, to, appeal, kind, body)?;
    store::insert_inbox(c, vec![inbox]).await?;
    store::insert_outbox(c, webhook.into_iter().collect()).await?;
    Ok(())
}

/// The rows [`tell`] writes: the inbox message, and the webhook's outbox message when one is
/// configured (for callers that write many at once).
pub fn notice(
    ctx: &Ctx,
    to: To,
    appeal: Option<Uuid>,
    kind: &str,
    body: &str,
) -> Result<(store::InboxMessage, Option<store::OutboxMessage>)> {
    let (person, org) = match to {
        To::Person(p) => (Some(p), None),
        To::Org(o) => (None, Some(o)),
    };
    let now = ctx.now();
    let inbox = store::InboxMessage {
        id: Uuid::now_v7(),
        org_id: org,
        person_id: person,
        appeal_id: appeal,
        kind: kind.into(),
        body: body.into(),
        created_at: now,
        read_at: None,
    };
    let webhook = match &ctx.settings().appeals.webhook_url {
        Some(url) => {
            let payload = json!({ "kind": kind, "body": body, "appeal": appeal, "person": person, "org": org, "at": now });
            Some(outbox_message(ctx, "webhook", None, url, &payload.to_string())?)
        }
        None => None,
    };
    Ok((inbox, webhook))
}

/// Tells each of `persons` in one batch (inbox rows, and the webhook's outbox rows when one is
/// configured) and writes them with `c`.
pub async fn tell_each<C: ConnectionTrait>(
    c: &C,
    ctx: &Ctx,
    persons: impl IntoIterator<Item = Uuid>,
    kind: &str,
    body: &str,
) -> Result<()> {
    let mut inbox = Vec::new();
    let mut outbox = Vec::new();
    for person in persons {
        let (i, o) = notice(ctx, To::Person(person), None, kind, body)?;
        inbox.push(i);
        outbox.extend(o);
    }
    store::insert_inbox(c, inbox).await?;
    store::insert_outbox(c, outbox).await?;
    Ok(())
}

/// Texts the villager who filed an appeal, when they left a phone: it was registered (with the
/// private link, whose key only exists at that moment), answered, or turned down.
pub async fn tell_requester<C: ConnectionTrait>(c: &C, ctx: &Ctx, a: &Appeal, what: &str, key: Option<&str>) -> Result<()> {
    store::insert_outbox(c, requester_text(ctx, a, what, key)?.into_iter().collect()).await?;
    Ok(())
}

/// The outbox message [`tell_requester`] writes, if any.
pub fn requester_text(ctx: &Ctx, a: &Appeal, what: &str, key: Option<&str>) -> Result<Option<store::OutboxMessage>> {
    let Some(enc) = &a.phone_enc else { return Ok(None) };
    let k = ctx.app.key()?;
    let Ok(phone) = k.decrypt(&format!("appeals.phone:{}", a.id), enc) else { return Ok(None) };
    let code = lianxin_core::appeals::format_tracking_code(&a.code);
    let link = match (&ctx.settings().appeals.public_url, key) {
        (Some(base), Some(key)) => format!(" {}/track/{}/{key}", base.trim_end_matches('/'), a.code),
        (Some(base), None) => format!(" {}/track/{}", base.trim_end_matches('/'), a.code),
        _ => String::new(),
    };
    let key = match what {
        "submitted" => "sms-appeal-submitted",
        "resolved" => "sms-appeal-resolved",
        "rejected" => "sms-appeal-rejected",
        _ => return Ok(None),
    };
    // The villager's language: theirs when they act themselves (filing, in the language of the
    // page they filed on); otherwise Chinese, the villagers' language, whatever the language of
    // the staff member who answered.
    let locale = if ctx.actor.principal().is_none() { ctx.locale } else { crate::Locale::ZhCn };
    let body = texts::text(locale, key, &[("code", code), ("link", link)]);
    Ok(Some(outbox_message(ctx, "sms", Some(&phone), &lianxin_core::people::mask_phone(&phone), &body)?))
}

/// Queues an outbox message. `to_plain` (a phone) is stored encrypted; `to_shown` is what the
/// operator's view shows (a masked phone, a URL).
pub async fn queue<C: ConnectionTrait>(c: &C, ctx: &Ctx, channel: &str, to_plain: Option<&str>, to_shown: &str, body: &str) -> Result<()> {
    store::insert_outbox(c, vec![outbox_message(ctx, channel, to_plain, to_shown, body)?]).await?;
    Ok(())
}

fn outbox_message(ctx: &Ctx, channel: &str, to_plain: Option<&str>, to_shown: &str, body: &str) -> Result<store::OutboxMessage> {
    let id = Uuid::now_v7();
    let to_enc = match to_plain {
        Some(p) => Some(ctx.app.key()?.encrypt(&format!("outbox.to:{id}"), p)),
        None => None,
    };
    Ok(store::OutboxMessage {
        id,
        channel: channel.into(),
        to_enc,
        to_mask: to_shown.into(),
        body: body.into(),
        status: "pending".into(),
        attempts: 0,
        last_error: None,
        created_at: ctx.now(),
        sent_at: None,
    })
}

/// Delivers pending outbox messages; returns how many were handled. The "log" gateway marks SMS
/// as logged (their text stays readable in the outbox for local use); webhooks and the "http" SMS
/// gateway post JSON and record failures for the operator.
pub async fn deliver(ctx: &Ctx, limit: u64) -> Result<usize> {
    let pending = store::outbox_pending(ctx.db().conn(), limit, MAX_ATTEMPTS, ctx.now()).await?;
    let s = &ctx.settings().appeals;
    let mut n = 0;
    for m in pending {
        // Claimed before sending, so two sweepers never send one message twice.
        let tx = ctx.db().write().await?;
        let claimed = store::claim_outbox(&tx, m.id, &m.status).await?;
        ctx.commit(tx).await?;
        if !claimed {
            continue;
        }
        let (status, error) = match (m.channel.as_str(), s.sms_gateway.as_str()) {
            ("sms", "log") => {
                tracing::info!(to = %m.to_mask, "sms kept in the outbox (log gateway)");
                ("logged", None)
            }
            ("sms", _) => {
                let to = match &m.to_enc {
                    Some(e) => ctx.app.key()?.decrypt(&format!("outbox.to:{}", m.id), e).unwrap_or_default(),
                    None => String::new(),
                };
                match &s.sms_http_url {
                    Some(url) => post(url, &json!({ "to": to, "body": m.body }).to_string()).await,
                    None => ("failed", Some("no sms_http_url".to_owned())),
                }
            }
            ("webhook", _) => post(&m.to_mask, &m.body).await,
            _ => ("failed", Some(format!("unknown channel {}", m.channel))),
        };
        // A failure is tried again by later sweeps, up to MAX_ATTEMPTS; a delivered one-time code
        // leaves no readable copy behind.
        let status = if status == "failed" && m.attempts + 1 < MAX_ATTEMPTS { "retry" } else { status };
        let redact = status == "sent" && m.channel == "sms";
        let tx = ctx.db().write().await?;
        store::finish_outbox(&tx, m.id, status, error, ctx.now(), redact).await?;
        ctx.commit(tx).await?;
        n += 1;
    }
    Ok(n)
}

/// Deliveries tried per message before it stays failed.
const MAX_ATTEMPTS: i32 = 5;

/// Posts JSON with a short timeout over plain HTTP/1.1 (gateways sit on the local network).
async fn post(url: &str, body: &str) -> (&'static str, Option<String>) {
    match post_inner(url, body).await {
        Ok(code) if (200..300).contains(&code) => ("sent", None),
        Ok(code) => ("failed", Some(format!("HTTP {code}"))),
        Err(e) => ("failed", Some(e)),
    }
}

async fn post_inner(url: &str, body: &str) -> std::result::Result<u16, String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let rest = url.strip_prefix("http://").ok_or("only http:// gateways are supported")?;
    let (host, path) = rest.split_once('/').map_or((rest, "/".to_owned()), |(h, p)| (h, format!("/{p}")));
    let addr = if host.contains(':') { host.to_owned() } else { format!("{host}:80") };
    let fut = async {
        let mut s = tokio::net::TcpStream::connect(addr.as_str()).await.map_err(|e| e.to_string())?;
        let req = format!(
            "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        s.write_all(req.as_bytes()).await.map_err(|e| e.to_string())?;
        let mut buf = vec![0u8; 64];
        let n = s.read(&mut buf).await.map_err(|e| e.to_string())?;
        let head = String::from_utf8_lossy(&buf[..n]);
        head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).ok_or_else(|| "malformed response".to_owned())
    };
    tokio::time::timeout(std::time::Duration::from_secs(5), fut).await.map_err(|_| "timeout".to_owned())?
}

/// The newest outbox messages, for the system administrator (with the "log" SMS gateway this is
/// where one-time codes are read in local use). Phones stay masked.
pub async fn outbox(ctx: &Ctx, limit: u64) -> Result<Vec<store::OutboxMessage>> {
    ctx.authorize(crate::policy::Action::ManageJobs, crate::policy::Target::System, "outbox", None).await?;
    Ok(store::outbox_latest(ctx.db().conn(), limit.clamp(1, 500)).await?)
}
