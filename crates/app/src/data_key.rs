//! Replacing the data key: every value sealed with it (ID numbers and phones of persons, the
//! filers' names and phones of appeals, outbox addresses, second-factor secrets) is decrypted with
//! the current key and encrypted again with the new one, and the keyed search hashes beside them
//! are computed again — all in one transaction, so a failure leaves everything under the old key.

use lianxin_store::data_key::{self as store, SealedRow};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::{
    AppError, Ctx, Result,
    crypto::DataKey,
    journal::{Stale, record},
    people::persons::{id_context, phone_context, seal_id, seal_phone},
    policy::{Action, Target},
};

/// Rows read at a time.
const PAGE: u64 = 500;

/// How many values were sealed again, by field (`table.column`), in the order they were done.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Rotation {
    pub fields: Vec<(&'static str, u64)>,
    /// One-time sign-in codes forgotten: they were kept by the phone's hash under the old key.
    pub phone_codes_forgotten: u64,
}

impl Rotation {
    fn add(&mut self, field: &'static str) {
        match self.fields.iter_mut().find(|(f, _)| *f == field) {
            Some((_, n)) => *n += 1,
            None => self.fields.push((field, 1)),
        }
    }

    /// The count of one field (0 when none was sealed).
    pub fn count(&self, field: &str) -> u64 {
        self.fields.iter().find(|(f, _)| *f == field).map_or(0, |(_, n)| *n)
    }
}

/// Decrypts a value of `field` with the current key; a value that does not open stops the whole
/// rotation (nothing is written), naming the record.
fn open(key: &DataKey, field: &str, context: &str, id: Uuid, stored: &str) -> Result<String> {
    key.decrypt(context, stored)
        .map_err(|e| AppError::internal(format!("{field} of {id} does not open with the current data key ({e}); nothing was changed")))
}

/// Seals every value again under `new` in one transaction, recomputes the keyed hashes, forgets
/// the pending one-time codes, and audits the counts. The marks of "me too" supporters stay as
/// they are: they are keyed hashes of a phone or an address kept nowhere in clear, so they cannot
/// be recomputed (a supporter from before may be counted once more). Run it with every `serve`
/// stopped, then put the new key in the settings.
pub async fn rotate(ctx: &Ctx, new: &DataKey) -> Result<Rotation> {
    ctx.authorize(Action::RotateDataKey, Target::System, "data_key", None).await?;
    let old = ctx.app.key()?;
    if old.lookup_hash("rotation", "") == new.lookup_hash("rotation", "") {
        return Err(AppError::BadRequest { key: "error-data-key-unchanged" });
    }
    let mut done = Rotation::default();
    let tx = ctx.db().write().await?;

    let mut after = None;
    loop {
        let page = store::persons(&tx, after, PAGE).await?;
        for SealedRow { id, first, second } in &page {
            let id_number = match first {
                Some(s) => {
                    let plain = open(old, "persons.id_number", &id_context(*id), *id, s)?;
                    done.add("persons.id_number");
                    let sealed = seal_id(new, *id, &plain);
                    Some((sealed.enc, sealed.hash))
                }
                None => None,
            };
            let phone = match second {
                Some(s) => {
                    let plain = open(old, "persons.phone", &phone_context(*id), *id, s)?;
                    done.add("persons.phone");
                    let sealed = seal_phone(new, *id, &plain);
                    Some((sealed.enc, sealed.hash))
                }
                None => None,
            };
            store::set_person(&tx, *id, id_number, phone).await?;
        }
        match page.last() {
            Some(r) if page.len() as u64 == PAGE => after = Some(r.id),
            _ => break,
        }
    }

    let mut after = None;
    loop {
        let page = store::appeals(&tx, after, PAGE).await?;
        for SealedRow { id, first, second } in &page {
            let name = match first {
                Some(s) => {
                    let context = format!("appeals.name:{id}");
                    let plain = open(old, "appeals.name", &context, *id, s)?;
                    done.add("appeals.name");
                    Some(new.encrypt(&context, &plain))
                }
                None => None,
            };
            let phone = match second {
                Some(s) => {
                    let context = format!("appeals.phone:{id}");
                    let plain = open(old, "appeals.phone", &context, *id, s)?;
                    done.add("appeals.phone");
                    Some((new.encrypt(&context, &plain), new.lookup_hash("phone", &plain)))
                }
                None => None,
            };
            store::set_appeal(&tx, *id, name, phone).await?;
        }
        match page.last() {
            Some(r) if page.len() as u64 == PAGE => after = Some(r.id),
            _ => break,
        }
    }

    let mut after = None;
    loop {
        let page = store::outbox(&tx, after, PAGE).await?;
        for r in &page {
            if let Some(s) = &r.first {
                let context = format!("outbox.to:{}", r.id);
                let plain = open(old, "outbox.to", &context, r.id, s)?;
                done.add("outbox.to");
                store::set_outbox(&tx, r.id, new.encrypt(&context, &plain)).await?;
            }
        }
        match page.last() {
            Some(r) if page.len() as u64 == PAGE => after = Some(r.id),
            _ => break,
        }
    }

    let mut after = None;
    loop {
        let page = store::totp_secrets(&tx, after, PAGE).await?;
        for r in &page {
            if let Some(s) = &r.first {
                let context = format!("accounts.totp_secret:{}", r.id);
                let plain = open(old, "accounts.totp_secret", &context, r.id, s)?;
                done.add("accounts.totp_secret");
                store::set_totp_secret(&tx, r.id, new.encrypt(&context, &plain)).await?;
            }
        }
        match page.last() {
            Some(r) if page.len() as u64 == PAGE => after = Some(r.id),
            _ => break,
        }
    }

    done.phone_codes_forgotten = store::forget_phone_codes(&tx).await?;
    let counts: serde_json::Map<String, serde_json::Value> = done.fields.iter().map(|(f, n)| ((*f).to_owned(), json!(n))).collect();
    let detail = json!({ "fields": counts, "phone_codes_forgotten": done.phone_codes_forgotten });
    record(&tx, ctx, Stale::Access, "data_key.rotate", "data_key", None, lianxin_core::audit::OK, detail).await?;
    ctx.commit(tx).await?;
    Ok(done)
}
