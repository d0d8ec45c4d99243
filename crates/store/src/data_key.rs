//! The columns sealed with the data key (encrypted values and the keyed hashes beside them), read
//! page by page in id order and rewritten, for replacing the key.

use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr};
use uuid::Uuid;

use crate::entity::{account, appeal, outbox, person, phone_code};

/// A record's sealed values: up to two encrypted columns (absent when empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealedRow {
    pub id: Uuid,
    pub first: Option<String>,
    pub second: Option<String>,
}

type Pair = (Uuid, Option<String>, Option<String>);

fn rows(v: Vec<Pair>) -> Vec<SealedRow> {
    v.into_iter().map(|(id, first, second)| SealedRow { id, first, second }).collect()
}

fn single(v: Vec<(Uuid, Option<String>)>) -> Vec<SealedRow> {
    v.into_iter().map(|(id, first)| SealedRow { id, first, second: None }).collect()
}

/// Persons with an ID number or a phone after `after`: `first` the ID number, `second` the phone.
pub async fn persons<C: ConnectionTrait>(c: &C, after: Option<Uuid>, limit: u64) -> crate::Result<Vec<SealedRow>> {
    use person::Column as Col;
    let mut q = person::Entity::find()
        .select_only()
        .columns([Col::Id, Col::IdNumberEnc, Col::PhoneEnc])
        .filter(Condition::any().add(Col::IdNumberEnc.is_not_null()).add(Col::PhoneEnc.is_not_null()));
    if let Some(a) = after {
        q = q.filter(Col::Id.gt(a));
    }
    Ok(rows(q.order_by_asc(Col::Id).limit(limit).into_tuple::<Pair>().all(c).await?))
}

/// One sealed value and its keyed hash.
pub type Sealed = Option<(String, String)>;

pub async fn set_person<C: ConnectionTrait>(c: &C, id: Uuid, id_number: Sealed, phone: Sealed) -> crate::Result<()> {
    use person::Column as Col;
    let mut q = person::Entity::update_many().filter(Col::Id.eq(id));
    if let Some((enc, hash)) = id_number {
        q = q.col_expr(Col::IdNumberEnc, Expr::value(enc)).col_expr(Col::IdNumberHash, Expr::value(hash));
    }
    if let Some((enc, hash)) = phone {
        q = q.col_expr(Col::PhoneEnc, Expr::value(enc)).col_expr(Col::PhoneHash, Expr::value(hash));
    }
    q.exec(c).await?;
    Ok(())
}

/// Appeals with a filer's name or phone after `after`: `first` the name, `second` the phone.
pub async fn appeals<C: ConnectionTrait>(c: &C, after: Option<Uuid>, limit: u64) -> crate::Result<Vec<SealedRow>> {
    use appeal::Column as Col;
    let mut q = appeal::Entity::find()
        .select_only()
        .columns([Col::Id, Col::NameEnc, Col::PhoneEnc])
        .filter(Condition::any().add(Col::NameEnc.is_not_null()).add(Col::PhoneEnc.is_not_null()));
    if let Some(a) = after {
        q = q.filter(Col::Id.gt(a));
    }
    Ok(rows(q.order_by_asc(Col::Id).limit(limit).into_tuple::<Pair>().all(c).await?))
}

/// The name has no hash: it is never searched for.
pub async fn set_appeal<C: ConnectionTrait>(c: &C, id: Uuid, name: Option<String>, phone: Sealed) -> crate::Result<()> {
    use appeal::Column as Col;
    let mut q = appeal::Entity::update_many().filter(Col::Id.eq(id));
    if let Some(enc) = name {
        q = q.col_expr(Col::NameEnc, Expr::value(enc));
    }
    if let Some((enc, hash)) = phone {
        q = q.col_expr(Col::PhoneEnc, Expr::value(enc)).col_expr(Col::PhoneHash, Expr::value(hash));
    }
    q.exec(c).await?;
    Ok(())
}

/// Outbox messages with an address after `after` (`first`).
pub async fn outbox<C: ConnectionTrait>(c: &C, after: Option<Uuid>, limit: u64) -> crate::Result<Vec<SealedRow>> {
    use outbox::Column as Col;
    let mut q = outbox::Entity::find().select_only().columns([Col::Id, Col::ToEnc]).filter(Col::ToEnc.is_not_null());
    if let Some(a) = after {
        q = q.filter(Col::Id.gt(a));
    }
    Ok(single(q.order_by_asc(Col::Id).limit(limit).into_tuple::<(Uuid, Option<String>)>().all(c).await?))
}

pub async fn set_outbox<C: ConnectionTrait>(c: &C, id: Uuid, to: String) -> crate::Result<()> {
    use outbox::Column as Col;
    outbox::Entity::update_many().filter(Col::Id.eq(id)).col_expr(Col::ToEnc, Expr::value(to)).exec(c).await?;
    Ok(())
}

/// Accounts with a second-factor secret after `after` (`first`).
pub async fn totp_secrets<C: ConnectionTrait>(c: &C, after: Option<Uuid>, limit: u64) -> crate::Result<Vec<SealedRow>> {
    use account::Column as Col;
    let mut q = account::Entity::find().select_only().columns([Col::Id, Col::TotpSecret]).filter(Col::TotpSecret.is_not_null());
    if let Some(a) = after {
        q = q.filter(Col::Id.gt(a));
    }
    Ok(single(q.order_by_asc(Col::Id).limit(limit).into_tuple::<(Uuid, Option<String>)>().all(c).await?))
}

pub async fn set_totp_secret<C: ConnectionTrait>(c: &C, id: Uuid, secret: String) -> crate::Result<()> {
    use account::Column as Col;
    account::Entity::update_many().filter(Col::Id.eq(id)).col_expr(Col::TotpSecret, Expr::value(secret)).exec(c).await?;
    Ok(())
}

/// Forgets every pending one-time sign-in code (they are kept by the phone's keyed hash, which a
/// new key changes); returns how many.
pub async fn forget_phone_codes<C: ConnectionTrait>(c: &C) -> crate::Result<u64> {
    Ok(phone_code::Entity::delete_many().exec(c).await?.rows_affected)
}
