//! `lianxin rotate-key` from the operator's seat, on both databases: every sealed value is
//! encrypted again under the new key and the keyed hashes follow it; a wrong current key changes
//! nothing; the rotation is audited.

use std::process::Command;

use lianxin_app::{
    Actor, Ctx,
    appeals::intake::{self, NewAppeal, Submitted},
    crypto::DataKey,
    notify::phone,
};
use lianxin_store::entity::{account, appeal, outbox, person};
use sea_orm::EntityTrait;

use crate::{both, helpers::TestApp};

const OLD: &str = "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e";

/// Every sealed value as stored: (field, context, ciphertext, keyed hash if any).
async fn sealed(t: &TestApp) -> Vec<(&'static str, String, String, Option<String>)> {
    let c = t.app.db.conn();
    let mut out = Vec::new();
    for p in person::Entity::find().all(c).await.unwrap() {
        if let Some(e) = p.id_number_enc {
            out.push(("id", format!("persons.id_number:{}", p.id), e, p.id_number_hash));
        }
        if let Some(e) = p.phone_enc {
            out.push(("phone", format!("persons.phone:{}", p.id), e, p.phone_hash));
        }
    }
    for a in appeal::Entity::find().all(c).await.unwrap() {
        if let Some(e) = a.name_enc {
            out.push(("name", format!("appeals.name:{}", a.id), e, None));
        }
        if let Some(e) = a.phone_enc {
            out.push(("phone", format!("appeals.phone:{}", a.id), e, a.phone_hash));
        }
    }
    for m in outbox::Entity::find().all(c).await.unwrap() {
        if let Some(e) = m.to_enc {
            out.push(("to", format!("outbox.to:{}", m.id), e, None));
        }
    }
    for a in account::Entity::find().all(c).await.unwrap() {
        if let Some(e) = a.totp_secret {
            out.push(("totp", format!("accounts.totp_secret:{}", a.id), e, None));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

fn rotate_key(t: &TestApp, current: &str, new: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_lianxin"))
        .env("LIANXIN_LOG", "error")
        .env_remove("LIANXIN_CONFIG")
        .env("LIANXIN_DATA_KEY", current)
        .env("LIANXIN_NEW_DATA_KEY", new)
        .args(["rotate-key", "--database-url", t.app.settings.database_url.expose()])
        .output()
        .expect("run lianxin");
    (out.status.code().unwrap_or(-1), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

async fn rotation(t: TestApp) {
    // Data under the old key: the demo's people and second factors, a villager's need with their
    // name and phone, and a sign-in code sent by SMS (an outbox address).
    let villager = {
        let mut c = Ctx::new(t.app.clone(), Actor::Anonymous);
        c.ip = Some("10.0.0.9".into());
        c
    };
    let n = NewAppeal {
        village: Some(t.area_id("石门村").await),
        service_code: "water".into(),
        description: "井水浑浊".into(),
        name: Some("王秀英".into()),
        phone: Some("13912345678".into()),
        not_duplicate: true,
        ..Default::default()
    };
    assert!(matches!(intake::submit(&villager, n).await.expect("submit"), Submitted::Created { .. }));
    phone::send_code(&villager, "13912345678").await.expect("send a code");
    let before = sealed(&t).await;
    for kind in ["id", "phone", "name", "to", "totp"] {
        assert!(before.iter().any(|s| s.0 == kind), "there is a sealed {kind} to rotate");
    }
    let old = DataKey::from_hex(OLD).unwrap();
    let plain: Vec<String> = before.iter().map(|(_, ctx, e, _)| old.decrypt(ctx, e).expect("opens with the old key")).collect();

    // A wrong current key: refused, nothing changed.
    let wrong = DataKey::generate_hex();
    let (code, out) = rotate_key(&t, &wrong, &DataKey::generate_hex());
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("does not open with the current data key") && out.contains("nothing was changed"), "{out}");
    assert_eq!(sealed(&t).await, before);
    // The same key again: refused.
    let (code, _) = rotate_key(&t, OLD, OLD);
    assert_ne!(code, 0);

    let new_hex = DataKey::generate_hex();
    let (code, out) = rotate_key(&t, OLD, &new_hex);
    assert_eq!(code, 0, "{out}");
    for field in ["persons.id_number", "persons.phone", "appeals.name", "appeals.phone", "outbox.to", "accounts.totp_secret"] {
        assert!(out.lines().any(|l| l.starts_with(field) && l.contains("re-encrypted")), "{field} counted: {out}");
    }
    let persons_with_id = before.iter().filter(|s| s.1.starts_with("persons.id_number:")).count();
    let counted = out.lines().find(|l| l.starts_with("persons.id_number")).and_then(|l| l.split_whitespace().nth(1)).unwrap_or_default();
    assert_eq!(counted, persons_with_id.to_string(), "{out}");

    let new = DataKey::from_hex(&new_hex).unwrap();
    let after = sealed(&t).await;
    assert_eq!(after.len(), before.len(), "the same values, no more, no fewer");
    for ((b, a), p) in before.iter().zip(&after).zip(&plain) {
        assert_eq!(b.1, a.1);
        assert_ne!(b.2, a.2, "{}: the stored ciphertext changed", a.1);
        assert_eq!(new.decrypt(&a.1, &a.2).as_deref(), Ok(p.as_str()), "{}: opens with the new key to the same value", a.1);
        assert!(old.decrypt(&a.1, &a.2).is_err(), "{}: no longer opens with the old key", a.1);
        if let Some(h) = &a.3 {
            let kind = if a.0 == "id" { "id" } else { "phone" };
            assert_eq!(h, &new.lookup_hash(kind, p), "{}: the search hash follows the new key", a.1);
            assert_ne!(Some(h), b.3.as_ref());
        }
    }
    // The pending code was kept by the old hash: forgotten.
    let codes = lianxin_store::entity::phone_code::Entity::find().all(t.app.db.conn()).await.unwrap();
    assert!(codes.is_empty());
    assert_eq!(t.audit_count("data_key.rotate", "ok", None).await, 1);
}
both!(rotate_key_reseals_everything, rotation);
