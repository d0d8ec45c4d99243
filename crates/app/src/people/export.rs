//! Exporting a roster to Excel. ID numbers and phones are masked unless the exporter may reveal
//! them and asks to; such an export is audited with how many records it revealed.

use lianxin_core::people::{MemberStatus, under_party_probation};
use lianxin_store::{orgs as orgs_store, people as store};
use serde_json::json;
use uuid::Uuid;

use super::{
    authorized_org,
    persons::{id_context, phone_context},
};
use crate::journal::Stale;
use crate::{
    Ctx, Result,
    policy::{Action, Decision, Target, decide},
    sheets,
};

/// The words of an exported roster in the reader's language: the sheet's name, the column
/// headers (of members: name, gender, birth date, ID number, phone, organization, status,
/// admitted, full, under 留党察看, mobile, in difficulty, frail; of villagers: name, gender, birth
/// date, ID number, phone, household), then "yes", "male" and "female".
pub struct RosterHeaders {
    pub sheet: String,
    pub headers: Vec<String>,
    pub yes: String,
    pub male: String,
    pub female: String,
}

/// Builds the .xlsx of the roster of an organization's subtree (filters as on the page), with the
/// organization's name for the file.
pub async fn roster_xlsx(
    ctx: &Ctx,
    org_id: Uuid,
    filter: &store::RosterFilter,
    reveal: bool,
    headers: RosterHeaders,
    status_label: impl Fn(&str) -> String,
) -> Result<(String, Vec<u8>)> {
    let (org, root) = authorized_org(ctx, org_id, Action::ReadPeople).await?;
    let may_reveal =
        decide(&ctx.actor, Action::RevealSensitive, Target::People { area: None, org: Some(&root), grid: None }) == Decision::Allow;
    let reveal = reveal && may_reveal;
    let key = if reveal { Some(ctx.app.key()?) } else { None };
    let c = ctx.db().conn();
    let today = ctx.app.today();
    let mut rows = Vec::new();
    let mut f = store::RosterFilter { after: None, ..filter.clone() };
    let mut org_names: std::collections::HashMap<Uuid, String> = std::collections::HashMap::new();
    loop {
        let page = store::roster(c, &root, &f, 1000).await?;
        if page.is_empty() {
            break;
        }
        let missing: Vec<Uuid> = page.iter().map(|m| m.org_id).filter(|o| !org_names.contains_key(o)).collect();
        for o in orgs_store::orgs_by_ids(c, &missing).await? {
            org_names.insert(o.id, o.name);
        }
        let persons: std::collections::HashMap<Uuid, store::Person> =
            store::persons_by_ids(c, &page.iter().map(|m| m.person_id).collect::<Vec<_>>()).await?.into_iter().map(|p| (p.id, p)).collect();
        for m in &page {
            let p = persons.get(&m.person_id);
            let (id_number, phone) = match (key, p) {
                (Some(k), Some(p)) => (
                    p.id_number_enc.as_deref().and_then(|e| k.decrypt(&id_context(p.id), e).ok()).unwrap_or_default(),
                    p.phone_enc.as_deref().and_then(|e| k.decrypt(&phone_context(p.id), e).ok()).unwrap_or_default(),
                ),
                (_, Some(p)) => (p.id_number_mask.clone().unwrap_or_default(), p.phone_mask.clone().unwrap_or_default()),
                _ => Default::default(),
            };
            let yes = |b: bool| if b { headers.yes.clone() } else { String::new() };
            let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            rows.push(vec![
                m.person_name.clone(),
                match p.and_then(|p| p.gender.as_deref()) {
                    Some("male") => headers.male.clone(),
                    Some("female") => headers.female.clone(),
                    _ => String::new(),
                },
                date(p.and_then(|p| p.birth_date)),
                id_number,
                phone,
                org_names.get(&m.org_id).cloned().unwrap_or_default(),
                MemberStatus::parse(&m.status).map(|s| status_label(s.as_str())).unwrap_or_else(|| m.status.clone()),
                date(m.admitted_on),
                date(m.full_on),
                // 留党察看 in force today: its first and last day.
                match (m.party_probation_from, m.party_probation_until) {
                    (Some(from), Some(until)) if under_party_probation(Some(from), Some(until), today) => {
                        format!("{from} – {}", until.pred_opt().unwrap_or(until))
                    }
                    _ => String::new(),
                },
                yes(m.mobile),
                yes(m.in_difficulty),
                yes(m.elderly_frail),
            ]);
        }
        let last = page.last().map(|m| (m.org_path.clone(), m.person_name.clone(), m.id));
        f.after = last;
    }
    if reveal {
        crate::journal::record_alone(
            ctx,
            Stale::Nothing,
            "people.export_reveal",
            "org",
            Some(&org.id.to_string()),
            "ok",
            json!({ "rows": rows.len() }),
        )
        .await?;
    } else {
        crate::journal::record_alone(
            ctx,
            Stale::Nothing,
            "people.export",
            "org",
            Some(&org.id.to_string()),
            "ok",
            json!({ "rows": rows.len() }),
        )
        .await?;
    }
    let bytes =
        sheets::write_xlsx(&headers.sheet, &headers.headers, rows).map_err(|e| crate::AppError::internal(format!("xlsx: {e:?}")))?;
    Ok((org.name, bytes))
}

/// Builds the .xlsx of the villagers of a village (or group), by name, with their household;
/// masked unless the exporter may reveal and asks to (audited); with the village's name for the file.
pub async fn village_xlsx(ctx: &Ctx, area_id: Uuid, reveal: bool, headers: RosterHeaders) -> Result<(String, Vec<u8>)> {
    let c = ctx.db().conn();
    let area = orgs_store::area(c, area_id).await?.ok_or(crate::AppError::NotFound)?;
    let root = super::path(&area.path)?;
    ctx.authorize(Action::ReadPeople, Target::People { area: Some(&root), org: None, grid: None }, "area", Some(&area_id.to_string()))
        .await?;
    let reveal = reveal
        && decide(&ctx.actor, Action::RevealSensitive, Target::People { area: Some(&root), org: None, grid: None }) == Decision::Allow;
    let key = if reveal { Some(ctx.app.key()?) } else { None };
    let mut rows = Vec::new();
    let mut after: Option<(String, Uuid)> = None;
    let mut households: std::collections::HashMap<Uuid, String> = std::collections::HashMap::new();
    loop {
        let page = store::persons_by_name(c, std::slice::from_ref(&root), "", after.as_ref().map(|(n, i)| (n.as_str(), *i)), 1000).await?;
        if page.is_empty() {
            break;
        }
        let missing: Vec<Uuid> = page.iter().filter_map(|p| p.household_id).filter(|h| !households.contains_key(h)).collect();
        for h in store::households_by_ids(c, &missing).await? {
            households.insert(h.id, h.household_no.unwrap_or_default());
        }
        for p in &page {
            let (id_number, phone) = match key {
                Some(k) => (
                    p.id_number_enc.as_deref().and_then(|e| k.decrypt(&id_context(p.id), e).ok()).unwrap_or_default(),
                    p.phone_enc.as_deref().and_then(|e| k.decrypt(&phone_context(p.id), e).ok()).unwrap_or_default(),
                ),
                None => (p.id_number_mask.clone().unwrap_or_default(), p.phone_mask.clone().unwrap_or_default()),
            };
            rows.push(vec![
                p.name.clone(),
                match p.gender.as_deref() {
                    Some("male") => headers.male.clone(),
                    Some("female") => headers.female.clone(),
                    _ => String::new(),
                },
                p.birth_date.map(|d| d.to_string()).unwrap_or_default(),
                id_number,
                phone,
                p.household_id.and_then(|h| households.get(&h).cloned()).unwrap_or_default(),
            ]);
        }
        after = page.last().map(|p| (p.name.clone(), p.id));
    }
    let action = if reveal { "people.export_reveal" } else { "people.export" };
    crate::journal::record_alone(ctx, Stale::Nothing, action, "area", Some(&area_id.to_string()), "ok", json!({ "rows": rows.len() }))
        .await?;
    let bytes =
        sheets::write_xlsx(&headers.sheet, &headers.headers, rows).map_err(|e| crate::AppError::internal(format!("xlsx: {e:?}")))?;
    Ok((area.name, bytes))
}
