//! Persons (villagers and members alike): records with encrypted ID numbers and phones, search by
//! name or by exact ID number or phone, and audited reveals.

use chrono::NaiveDate;
use lianxin_core::{
    orgs::AreaLevel,
    people::{Education, Gender, Occupation, mask_id, mask_phone, parse_id_number, parse_phone},
    tree::TreePath,
};
use lianxin_store::{orgs as orgs_store, people as store};
use serde_json::json;
use uuid::Uuid;

use super::{authorized_person, clean, path, people_scope};
use crate::journal::Stale;
use crate::{
    AppError, Ctx, Result,
    crypto::DataKey,
    journal::record,
    policy::{Action, Decision, Target, decide},
};

/// A person as entered in a form, the API or a spreadsheet row.
#[derive(Clone, Debug, Default)]
pub struct PersonInput {
    pub name: String,
    pub gender: Option<Gender>,
    pub birth_date: Option<NaiveDate>,
    pub ethnicity: String,
    pub education: Option<Education>,
    pub occupation: Option<Occupation>,
    pub id_number: String,
    pub phone: String,
    /// The village or villager group the person lives in.
    pub area_id: Uuid,
    pub household_id: Option<Uuid>,
}

/// Encrypted form of one sensitive value.
#[derive(Clone, Debug)]
pub(crate) struct Sealed {
    pub enc: String,
    pub hash: String,
    pub mask: String,
}

pub(crate) fn id_context(person: Uuid) -> String {
    format!("persons.id_number:{person}")
}

pub(crate) fn phone_context(person: Uuid) -> String {
    format!("persons.phone:{person}")
}

pub(crate) fn seal_id(key: &DataKey, person: Uuid, normalized: &str) -> Sealed {
    Sealed { enc: key.encrypt(&id_context(person), normalized), hash: key.lookup_hash("id", normalized), mask: mask_id(normalized) }
}

pub(crate) fn seal_phone(key: &DataKey, person: Uuid, normalized: &str) -> Sealed {
    Sealed {
        enc: key.encrypt(&phone_context(person), normalized),
        hash: key.lookup_hash("phone", normalized),
        mask: mask_phone(normalized),
    }
}

/// The fields of a person that passed every check, ready to store.
pub(crate) struct CheckedPerson {
    pub name: String,
    pub gender: Option<Gender>,
    pub birth_date: Option<NaiveDate>,
    pub ethnicity: Option<String>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
}

/// Checks a person's own fields (not their place): name, ID number with its birth date and gender,
/// phone. Field names in errors are those of the input.
pub(crate) fn check_fields(input: &PersonInput, today: NaiveDate) -> Result<CheckedPerson> {
    let name = crate::input::name("name", &input.name, 50, true)?.unwrap_or_default();
    let ethnicity = clean("ethnicity", &input.ethnicity, 20, false)?;
    let id = match input.id_number.trim() {
        "" => None,
        s => Some(parse_id_number(s, today).map_err(|e| AppError::invalid("id_number", id_error_key(&e)))?),
    };
    let phone = match input.phone.trim() {
        "" => None,
        s => Some(parse_phone(s).map_err(|_| AppError::invalid("phone", "error-phone"))?),
    };
    let mut birth_date = input.birth_date;
    let mut gender = input.gender;
    if let Some(id) = &id {
        if birth_date.is_some_and(|b| b != id.birth) {
            return Err(AppError::invalid("birth_date", "error-id-birth-mismatch"));
        }
        if gender.is_some_and(|g| g != id.gender) {
            return Err(AppError::invalid("gender", "error-id-gender-mismatch"));
        }
        birth_date = Some(id.birth);
        gender = Some(id.gender);
    }
    if birth_date.is_some_and(|b| b > today) {
        return Err(AppError::invalid("birth_date", "error-date-future"));
    }
    Ok(CheckedPerson { name, gender, birth_date, ethnicity, id_number: id.map(|i| i.normalized), phone })
}

pub(crate) fn id_error_key(e: &lianxin_core::people::IdError) -> &'static str {
    use lianxin_core::people::IdError::*;
    match e {
        Length => "error-id-length",
        Characters => "error-id-characters",
        Region => "error-id-region",
        BirthDate => "error-id-birth",
        CheckDigit => "error-id-check",
    }
}

/// Builds the stored record of a checked person.
pub(crate) fn to_record(
    key: &DataKey,
    id: Uuid,
    p: CheckedPerson,
    input: &PersonInput,
    area: &orgs_store::Area,
    now: chrono::DateTime<chrono::Utc>,
) -> store::Person {
    let sid = p.id_number.as_deref().map(|n| seal_id(key, id, n));
    let sph = p.phone.as_deref().map(|n| seal_phone(key, id, n));
    store::Person {
        id,
        name: p.name,
        gender: p.gender.map(|g| g.as_str().to_owned()),
        birth_date: p.birth_date,
        ethnicity: p.ethnicity,
        education: input.education.map(|e| e.as_str().to_owned()),
        occupation: input.occupation.map(|o| o.as_str().to_owned()),
        id_number_enc: sid.as_ref().map(|s| s.enc.clone()),
        id_number_hash: sid.as_ref().map(|s| s.hash.clone()),
        id_number_mask: sid.map(|s| s.mask),
        phone_enc: sph.as_ref().map(|s| s.enc.clone()),
        phone_hash: sph.as_ref().map(|s| s.hash.clone()),
        phone_mask: sph.map(|s| s.mask),
        household_id: input.household_id,
        area_id: area.id,
        area_path: area.path.clone(),
        created_at: now,
        updated_at: now,
    }
}

/// Checks that a person may live in `area_id` (a village or villager group the actor may change
/// people in) and in `household` (of the same village).
async fn check_place(ctx: &Ctx, area_id: Uuid, household: Option<Uuid>) -> Result<orgs_store::Area> {
    let c = ctx.db().conn();
    let area = orgs_store::area(c, area_id).await?.ok_or(AppError::invalid("area_id", "error-unknown-area"))?;
    if !matches!(AreaLevel::parse(&area.level), Some(AreaLevel::Village | AreaLevel::Group)) {
        return Err(AppError::invalid("area_id", "error-area-village"));
    }
    let p = path(&area.path)?;
    ctx.authorize(Action::ChangePeople, Target::People { area: Some(&p), org: None, grid: None }, "area", Some(&area_id.to_string()))
        .await?;
    if let Some(h) = household {
        let hh = store::household(c, h).await?.ok_or(AppError::invalid("household_id", "error-unknown-household"))?;
        let village = village_of(&p);
        if !path(&hh.area_path)?.is_within(&village) {
            return Err(AppError::invalid("household_id", "error-household-elsewhere"));
        }
    }
    Ok(area)
}

/// The village a village-or-group path belongs to (a group's parent).
pub(crate) fn village_of(p: &TreePath) -> TreePath {
    // Villages sit at depth 5 (province, city, county, township, village).
    let anc = p.ancestors();
    if p.depth() > 5 { anc.get(4).cloned().unwrap_or_else(|| p.clone()) } else { p.clone() }
}

pub async fn create(ctx: &Ctx, input: PersonInput) -> Result<store::Person> {
    let key = ctx.app.key()?;
    let checked = check_fields(&input, ctx.app.today())?;
    let area = check_place(ctx, input.area_id, input.household_id).await?;
    let id = Uuid::now_v7();
    let rec = to_record(key, id, checked, &input, &area, ctx.now());
    let tx = ctx.db().write().await?;
    let p = store::insert_person(&tx, rec).await.map_err(AppError::on_unique(
        "uq_persons_id_number_hash",
        "id_number",
        "error-id-number-taken",
    ))?;
    record(&tx, ctx, Stale::Access, "person.create", "person", Some(&p.id.to_string()), "ok", json!({ "name": p.name, "area": p.area_id }))
        .await?;
    ctx.commit(tx).await?;
    Ok(p)
}

/// Replaces a person's fields. An empty ID number or phone keeps the stored one; `clear_phone`
/// removes the phone.
pub async fn update(ctx: &Ctx, id: Uuid, input: PersonInput, clear_phone: bool) -> Result<store::Person> {
    let key = ctx.app.key()?;
    let (before, _) = authorized_person(ctx, id, Action::ChangePeople).await?;
    let mut checked = check_fields(&input, ctx.app.today())?;
    let area = check_place(ctx, input.area_id, input.household_id).await?;
    let keep_id = checked.id_number.is_none() && before.id_number_enc.is_some();
    // A kept ID number still decides the date of birth and gender.
    if keep_id {
        if input.birth_date.is_some() && input.birth_date != before.birth_date {
            return Err(AppError::invalid("birth_date", "error-id-birth-mismatch"));
        }
        if input.gender.is_some() && input.gender.map(|g| g.as_str().to_owned()) != before.gender {
            return Err(AppError::invalid("gender", "error-id-gender-mismatch"));
        }
    }
    let keep_phone = checked.phone.is_none() && before.phone_enc.is_some() && !clear_phone;
    if keep_id {
        checked.id_number = None;
    }
    let mut rec = to_record(key, id, checked, &input, &area, ctx.now());
    rec.created_at = before.created_at;
    if keep_id {
        rec.id_number_enc = before.id_number_enc.clone();
        rec.id_number_hash = before.id_number_hash.clone();
        rec.id_number_mask = before.id_number_mask.clone();
        rec.birth_date = rec.birth_date.or(before.birth_date);
        rec.gender = rec.gender.or(before.gender.clone());
    }
    if keep_phone {
        rec.phone_enc = before.phone_enc.clone();
        rec.phone_hash = before.phone_hash.clone();
        rec.phone_mask = before.phone_mask.clone();
    }
    let name_changed = rec.name != before.name;
    let tx = ctx.db().write().await?;
    let p = store::update_person(&tx, rec).await.map_err(AppError::on_unique(
        "uq_persons_id_number_hash",
        "id_number",
        "error-id-number-taken",
    ))?;
    if name_changed && let Some(mut m) = store::member_by_person(&tx, id).await? {
        m.person_name = p.name.clone();
        m.updated_at = ctx.now();
        store::update_member(&tx, m).await?;
    }
    // Which fields changed, never their sensitive values.
    let changed: Vec<&str> = [
        ("name", before.name != p.name),
        ("gender", before.gender != p.gender),
        ("birth_date", before.birth_date != p.birth_date),
        ("id_number", before.id_number_hash != p.id_number_hash),
        ("phone", before.phone_hash != p.phone_hash),
        ("area", before.area_id != p.area_id),
        ("household", before.household_id != p.household_id),
    ]
    .into_iter()
    .filter_map(|(f, c)| c.then_some(f))
    .collect();
    record(&tx, ctx, Stale::Access, "person.update", "person", Some(&id.to_string()), "ok", json!({ "changed": changed })).await?;
    ctx.commit(tx).await?;
    Ok(p)
}

/// Which sensitive field to reveal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sensitive {
    IdNumber,
    Phone,
}

impl Sensitive {
    pub const ALL: [Sensitive; 2] = [Sensitive::IdNumber, Sensitive::Phone];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "id_number" => Some(Sensitive::IdNumber),
            "phone" => Some(Sensitive::Phone),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sensitive::IdNumber => "id_number",
            Sensitive::Phone => "phone",
        }
    }
}

/// Shows the full value of a sensitive field to an actor allowed to see it, and audits that.
pub async fn reveal(ctx: &Ctx, id: Uuid, field: Sensitive) -> Result<String> {
    let key = ctx.app.key()?;
    let (p, _) = authorized_person(ctx, id, Action::RevealSensitive).await?;
    let (stored, context) = match field {
        Sensitive::IdNumber => (p.id_number_enc, id_context(id)),
        Sensitive::Phone => (p.phone_enc, phone_context(id)),
    };
    let Some(stored) = stored else { return Err(AppError::NotFound) };
    let plain = key.decrypt(&context, &stored).map_err(|e| AppError::internal(format!("person {id}: {e}")))?;
    crate::journal::record_alone(
        ctx,
        Stale::Nothing,
        "person.reveal",
        "person",
        Some(&id.to_string()),
        "ok",
        json!({ "field": field.as_str() }),
    )
    .await?;
    Ok(plain)
}

/// A person with everything their page shows.
#[derive(Clone, Debug)]
pub struct PersonView {
    pub person: store::Person,
    pub area: Option<orgs_store::Area>,
    pub household: Option<store::Household>,
    pub housemates: Vec<store::Person>,
    pub member: Option<store::Member>,
    pub member_org: Option<orgs_store::Org>,
    pub history: Vec<store::MemberHistory>,
    pub positions: Vec<store::Position>,
    pub linked_households: Vec<store::Household>,
    pub transfers: Vec<store::Transfer>,
    pub can_change: bool,
    pub can_reveal: bool,
    /// The member is under 留党察看 today.
    pub under_party_probation: bool,
}

pub async fn view(ctx: &Ctx, id: Uuid) -> Result<PersonView> {
    let (person, place) = authorized_person(ctx, id, Action::ReadPeople).await?;
    let c = ctx.db().conn();
    let area = orgs_store::area(c, person.area_id).await?;
    let household = match person.household_id {
        Some(h) => store::household(c, h).await?,
        None => None,
    };
    let housemates = match &household {
        Some(h) => store::persons_in_household(c, h.id).await?.into_iter().filter(|p| p.id != id).collect(),
        None => Vec::new(),
    };
    let member = store::member_by_person(c, id).await?;
    let (member_org, history, linked_households, transfers) = match &member {
        Some(m) => (
            orgs_store::org(c, m.org_id).await?,
            store::history(c, m.id).await?,
            store::households_by_ids(c, &store::links_of_member(c, m.id).await?).await?,
            store::transfers_of_member(c, m.id).await?,
        ),
        None => (None, Vec::new(), Vec::new(), Vec::new()),
    };
    let positions = store::positions_of_person(c, id).await?;
    let can_change = decide(&ctx.actor, Action::ChangePeople, place.target()) == Decision::Allow;
    let can_reveal = decide(&ctx.actor, Action::RevealSensitive, place.target()) == Decision::Allow;
    let under_party_probation = member
        .as_ref()
        .is_some_and(|m| lianxin_core::people::under_party_probation(m.party_probation_from, m.party_probation_until, ctx.app.today()));
    Ok(PersonView {
        person,
        area,
        household,
        housemates,
        member,
        member_org,
        history,
        positions,
        linked_households,
        transfers,
        can_change,
        can_reveal,
        under_party_probation,
    })
}

/// Finds persons by exact ID number or phone (when the query is one), else by name prefix, inside
/// the actor's scope: where they live, or the organizations their membership is in. Returns at
/// most `limit`, by name.
pub async fn search(ctx: &Ctx, q: &str, after: Option<(&str, Uuid)>, limit: u64) -> Result<Vec<store::Person>> {
    let (areas, orgs) = people_scope(ctx, Action::ReadPeople)?;
    let roots: Vec<TreePath> = areas.roots().to_vec();
    let c = ctx.db().conn();
    let Some(q) = crate::input::clean("q", q, 100, false)? else {
        return Ok(Vec::new());
    };
    let q = q.as_str();
    let key = ctx.app.key()?;
    let (id_hash, phone_hash) = match (parse_id_number(q, ctx.app.today()), parse_phone(q)) {
        (Ok(id), _) => (Some(key.lookup_hash("id", &id.normalized)), None),
        (_, Ok(phone)) => (None, Some(key.lookup_hash("phone", &phone))),
        _ => (None, None),
    };
    if id_hash.is_some() || phone_hash.is_some() {
        // Exact matches are few: fetch them all and keep the ones the actor may read.
        let mut found = Vec::new();
        for p in store::persons_by_hash(c, &[], id_hash.as_deref(), phone_hash.as_deref(), 50).await? {
            let place = super::place_of(c, &p).await?;
            if decide(&ctx.actor, Action::ReadPeople, place.target()) == Decision::Allow {
                found.push(p);
            }
        }
        found.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
        return Ok(found
            .into_iter()
            .filter(|p| after.is_none_or(|(n, i)| (p.name.as_str(), p.id) > (n, i)))
            .take(limit as usize)
            .collect());
    }
    let mut found = store::persons_by_name(c, &roots, q, after, limit).await?;
    // Members of the actor's organizations who live elsewhere.
    let mut member_ids = Vec::new();
    for root in orgs.roots() {
        let f = store::RosterFilter { name_prefix: Some(q.to_owned()), ..Default::default() };
        member_ids.extend(store::roster(c, root, &f, limit).await?.into_iter().map(|m| m.person_id));
    }
    member_ids.retain(|id| !found.iter().any(|p| p.id == *id));
    found.extend(
        store::persons_by_ids(c, &member_ids).await?.into_iter().filter(|p| after.is_none_or(|(n, i)| (p.name.as_str(), p.id) > (n, i))),
    );
    found.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
    found.truncate(limit as usize);
    Ok(found)
}
