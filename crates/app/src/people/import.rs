//! Importing rosters from the spreadsheets counties already keep (.xlsx, or .csv in UTF-8 or GBK).
//! Everything is checked first; only a file without a single error is written, in one transaction
//! (all or nothing). Errors come back row by row (line, column, value, reason) and as a report to
//! download. Long imports run in the background and show their progress.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use lianxin_core::{
    orgs::AreaLevel,
    people::{Education, MemberStatus, Occupation, parse_gender_text, parse_member_status_text},
};
use lianxin_store::{orgs as orgs_store, people as store};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::{
    path, people_scope,
    persons::{PersonInput, check_fields, to_record},
};
use crate::journal::Stale;
use crate::{
    AppError, Ctx, Result,
    journal::record,
    policy::Action,
    sheets::{self, Column, ColumnMap, RowError, Sheet, SheetRow},
};

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// Villagers by household (村民花名册).
    Persons,
    /// Party members (党员花名册); persons are created when not yet on record.
    Members,
}

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Persons => "persons",
            ImportKind::Members => "members",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "persons" => Some(ImportKind::Persons),
            "members" => Some(ImportKind::Members),
            _ => None,
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            ImportKind::Persons => PERSON_COLUMNS,
            ImportKind::Members => MEMBER_COLUMNS,
        }
    }
}

const NAME: Column = Column { key: "name", headers: &["姓名", "name"], required: true };
const GENDER: Column = Column { key: "gender", headers: &["性别", "gender"], required: false };
const BIRTH: Column = Column { key: "birth_date", headers: &["出生日期", "出生年月", "birth_date"], required: false };
const ETHNICITY: Column = Column { key: "ethnicity", headers: &["民族", "ethnicity"], required: false };
const EDUCATION: Column = Column { key: "education", headers: &["文化程度", "学历", "education"], required: false };
const OCCUPATION: Column = Column { key: "occupation", headers: &["职业", "occupation"], required: false };
const PHONE: Column = Column { key: "phone", headers: &["联系电话", "手机号码", "手机号", "电话", "phone"], required: false };
const AREA: Column =
    Column {
        key: "area_code", headers: &["区划代码", "村（组）代码", "村(组)代码", "村代码", "area_code"], required: true
    };

/// The columns of a villager roster. Documented in the README; Chinese headers first.
pub const PERSON_COLUMNS: &[Column] = &[
    NAME,
    GENDER,
    BIRTH,
    ETHNICITY,
    EDUCATION,
    OCCUPATION,
    Column { key: "id_number", headers: &["公民身份号码", "身份证号码", "身份证号", "id_number"], required: false },
    PHONE,
    AREA,
    Column { key: "household_no", headers: &["户号", "household_no"], required: false },
    Column { key: "relation", headers: &["与户主关系", "relation"], required: false },
    Column { key: "address", headers: &["住址", "家庭住址", "address"], required: false },
];

/// The columns of a member roster.
pub const MEMBER_COLUMNS: &[Column] = &[
    NAME,
    GENDER,
    BIRTH,
    ETHNICITY,
    EDUCATION,
    OCCUPATION,
    Column { key: "id_number", headers: &["公民身份号码", "身份证号码", "身份证号", "id_number"], required: true },
    PHONE,
    AREA,
    Column { key: "org", headers: &["所在党组织", "所在支部", "党组织", "org"], required: true },
    Column { key: "status", headers: &["党员状态", "人员类别", "status"], required: true },
    Column { key: "applied_on", headers: &["申请入党日期", "applied_on"], required: false },
    Column { key: "activist_on", headers: &["确定积极分子日期", "activist_on"], required: false },
    Column { key: "target_on", headers: &["确定发展对象日期", "target_on"], required: false },
    Column { key: "admitted_on", headers: &["入党日期", "admitted_on"], required: false },
    Column { key: "full_on", headers: &["转正日期", "full_on"], required: false },
    Column { key: "mobile", headers: &["流动党员", "mobile"], required: false },
    Column { key: "in_difficulty", headers: &["困难党员", "in_difficulty"], required: false },
    Column { key: "elderly_frail", headers: &["年老体弱", "elderly_frail"], required: false },
];

/// Dates as people type them: 2024-07-01, 2024/7/1, 2024.07.01, 20240701, 2024年7月1日.
pub fn parse_date_text(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    let norm: String = s.replace(['年', '月', '/', '.'], "-").trim_end_matches('日').to_owned();
    let norm = norm.split(' ').next().unwrap_or("").to_owned();
    NaiveDate::parse_from_str(&norm, "%Y-%m-%d").ok()
}

fn parse_education(s: &str) -> Option<Education> {
    Education::parse(s).or(match s {
        "小学" => Some(Education::Primary),
        "初中" => Some(Education::Junior),
        "高中" => Some(Education::Senior),
        "中专" | "职高" | "技校" => Some(Education::Vocational),
        "大专" | "专科" => Some(Education::College),
        "本科" | "大学" | "大学本科" => Some(Education::Bachelor),
        "研究生" | "硕士" | "博士" => Some(Education::Postgraduate),
        "无" | "文盲" => Some(Education::None),
        _ => None,
    })
}

fn parse_occupation(s: &str) -> Option<Occupation> {
    Occupation::parse(s).or(match s {
        "农民" | "务农" => Some(Occupation::Farmer),
        "外出务工" | "务工" | "农民工" => Some(Occupation::MigrantWorker),
        "工人" => Some(Occupation::Worker),
        "个体" | "个体户" | "经商" => Some(Occupation::Business),
        "干部" | "村干部" => Some(Occupation::Cadre),
        "教师" => Some(Occupation::Teacher),
        "医生" | "医务" | "医务人员" => Some(Occupation::Medical),
        "学生" => Some(Occupation::Student),
        "退休" | "离退休" => Some(Occupation::Retired),
        "其他" => Some(Occupation::Other),
        _ => None,
    })
}

fn parse_yes(s: &str) -> Option<bool> {
    match s.trim() {
        "" | "否" | "no" | "No" | "N" | "n" | "0" | "FALSE" | "false" => Some(false),
        "是" | "yes" | "Yes" | "Y" | "y" | "1" | "TRUE" | "true" => Some(true),
        _ => None,
    }
}

/// Outcome of an import.
#[derive(Clone, Debug, Serialize)]
pub struct ImportOutcome {
    pub rows: usize,
    pub persons_created: usize,
    pub members_created: usize,
    pub households_created: usize,
    pub errors: Vec<RowError>,
}

/// Context for checking rows: what the actor may place people in.
struct Places {
    /// Areas by statistical code (villages and groups in scope).
    areas: HashMap<String, orgs_store::Area>,
    /// Organizations in scope by exact name (None when the name is ambiguous) and by id.
    orgs_by_name: HashMap<String, Option<orgs_store::Org>>,
    orgs_by_id: HashMap<Uuid, orgs_store::Org>,
}

async fn places(ctx: &Ctx) -> Result<Places> {
    let (area_scope, org_scope) = people_scope(ctx, Action::ChangePeople)?;
    let c = ctx.db().conn();
    let mut areas = HashMap::new();
    for root in area_scope.roots() {
        for a in orgs_store::area_subtree(c, root, 1_000_000).await? {
            if matches!(AreaLevel::parse(&a.level), Some(AreaLevel::Village | AreaLevel::Group)) {
                areas.insert(a.code.clone(), a);
            }
        }
    }
    let mut orgs_by_name: HashMap<String, Option<orgs_store::Org>> = HashMap::new();
    let mut orgs_by_id = HashMap::new();
    for root in org_scope.roots() {
        for o in orgs_store::org_subtree(c, root, &Default::default(), 1_000_000).await? {
            orgs_by_name.entry(o.name.clone()).and_modify(|e| *e = None).or_insert_with(|| Some(o.clone()));
            orgs_by_id.insert(o.id, o);
        }
    }
    Ok(Places { areas, orgs_by_name, orgs_by_id })
}

/// The member part of a row once checked: organization, status, the five pipeline dates
/// (application, activist, target, admission, full membership) and the three flags.
type MemberRow = (orgs_store::Org, MemberStatus, [Option<NaiveDate>; 5], [bool; 3]);

/// Everything that will be written, built while checking.
#[derive(Default)]
struct Plan {
    persons: Vec<store::Person>,
    households: Vec<store::Household>,
    members: Vec<store::Member>,
    history: Vec<store::MemberHistory>,
}

/// The header text the file uses for a column key (for error messages).
fn header_of(sheet: &Sheet, map: &ColumnMap, kind: ImportKind, key: &str) -> String {
    let _ = sheet;
    if let Some(h) = map.header(key) {
        return h.to_owned();
    }
    kind.columns().iter().find(|c| c.key == key).and_then(|c| c.headers.first()).map(|h| (*h).to_owned()).unwrap_or_else(|| key.to_owned())
}

/// Values of sensitive columns appear masked in error reports.
fn shown(key: &str, value: &str) -> String {
    match key {
        "id_number" => lianxin_core::people::mask_id(value),
        "phone" => lianxin_core::people::mask_phone(value),
        _ => value.chars().take(100).collect(),
    }
}

/// Checks every row and builds the plan; reports progress through `progress(rows_done)`.
async fn check_rows(
    ctx: &Ctx,
    kind: ImportKind,
    sheet: &Sheet,
    map: &ColumnMap,
    mut progress: impl FnMut(usize),
) -> Result<(Plan, Vec<RowError>)> {
    let key = ctx.app.key()?;
    let today = ctx.app.today();
    let now = ctx.now();
    let places = places(ctx).await?;
    let c = ctx.db().conn();
    let mut errors: Vec<RowError> = Vec::new();
    let mut plan = Plan::default();
    // Records one problem of one cell (a macro, so `errors` stays readable between uses).
    macro_rules! err {
        ($row:expr, $col:expr, $reason:expr) => {{
            let (row, col): (&SheetRow, &str) = ($row, $col);
            errors.push(RowError {
                line: row.line,
                column: header_of(sheet, map, kind, col),
                value: shown(col, map.get(row, col)),
                reason: $reason.to_owned(),
            });
        }};
    }

    // Existing persons by ID hash (one query per 500), and duplicates inside the file.
    let mut hashes: Vec<String> = Vec::new();
    for row in &sheet.rows {
        if let Ok(id) = lianxin_core::people::parse_id_number(map.get(row, "id_number"), today) {
            hashes.push(key.lookup_hash("id", &id.normalized));
        }
    }
    let existing: HashSet<String> = store::taken_id_hashes(c, &hashes).await?.into_iter().collect();
    let mut existing_persons: HashMap<String, store::Person> = HashMap::new();
    if kind == ImportKind::Members && !existing.is_empty() {
        let hashes: Vec<String> = existing.iter().cloned().collect();
        for p in store::persons_by_id_hashes(c, &hashes).await? {
            if let Some(h) = p.id_number_hash.clone() {
                existing_persons.insert(h, p);
            }
        }
    }
    let already_members: HashSet<Uuid> = store::members_by_persons(c, &existing_persons.values().map(|p| p.id).collect::<Vec<_>>())
        .await?
        .into_iter()
        .map(|m| m.person_id)
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut households: HashMap<(Uuid, String), Uuid> = HashMap::new();

    for (i, row) in sheet.rows.iter().enumerate() {
        if i % 2000 == 0 {
            progress(i);
        }
        let before = errors.len();
        // Place.
        let code = map.get(row, "area_code").trim().to_owned();
        let area = match places.areas.get(&code) {
            Some(a) => Some(a),
            None => {
                err!(row, "area_code", if code.is_empty() { "error-required" } else { "error-import-area" });
                None
            }
        };
        // The person's own fields.
        let gender_text = map.get(row, "gender");
        let gender = if gender_text.trim().is_empty() {
            None
        } else {
            let g = parse_gender_text(gender_text);
            if g.is_none() {
                err!(row, "gender", "error-choose");
            }
            g
        };
        let birth_text = map.get(row, "birth_date");
        let birth = parse_date_text(birth_text);
        if birth.is_none() && !birth_text.trim().is_empty() {
            err!(row, "birth_date", "error-date");
        }
        let edu_text = map.get(row, "education").trim();
        let education = if edu_text.is_empty() { None } else { parse_education(edu_text) };
        if education.is_none() && !edu_text.is_empty() {
            err!(row, "education", "error-choose");
        }
        let occ_text = map.get(row, "occupation").trim();
        let occupation = if occ_text.is_empty() { None } else { parse_occupation(occ_text) };
        if occupation.is_none() && !occ_text.is_empty() {
            err!(row, "occupation", "error-choose");
        }
        let input = PersonInput {
            name: map.get(row, "name").to_owned(),
            gender,
            birth_date: birth,
            ethnicity: map.get(row, "ethnicity").to_owned(),
            education,
            occupation,
            id_number: map.get(row, "id_number").to_owned(),
            phone: map.get(row, "phone").to_owned(),
            area_id: area.map(|a| a.id).unwrap_or_default(),
            household_id: None,
        };
        let checked = match check_fields(&input, today) {
            Ok(c) => Some(c),
            Err(e) => {
                err!(row, e.field().unwrap_or("name"), e.key());
                None
            }
        };
        let hash = checked.as_ref().and_then(|c| c.id_number.as_deref()).map(|n| key.lookup_hash("id", n));
        if let Some(h) = &hash {
            if let Some(first) = seen.get(h) {
                err!(row, "id_number", "error-import-duplicate");
                let _ = first;
            } else {
                seen.insert(h.clone(), row.line);
            }
        }
        let existing_person = hash.as_ref().and_then(|h| existing_persons.get(h));
        if kind == ImportKind::Persons && hash.as_ref().is_some_and(|h| existing.contains(h)) {
            err!(row, "id_number", "error-id-number-taken");
        }
        if existing_person.is_some_and(|p| already_members.contains(&p.id)) {
            err!(row, "id_number", "error-member-exists");
        }
        // Member fields.
        let mut member: Option<MemberRow> = None;
        if kind == ImportKind::Members {
            let org_text = map.get(row, "org").trim();
            let org = match Uuid::parse_str(org_text).ok().and_then(|id| places.orgs_by_id.get(&id)).cloned() {
                Some(o) => Some(o),
                None => match places.orgs_by_name.get(org_text) {
                    Some(Some(o)) => Some(o.clone()),
                    Some(None) => {
                        err!(row, "org", "error-import-org-ambiguous");
                        None
                    }
                    None => {
                        err!(row, "org", if org_text.is_empty() { "error-required" } else { "error-import-org" });
                        None
                    }
                },
            };
            let status_text = map.get(row, "status");
            let status = parse_member_status_text(status_text);
            if status.is_none() {
                err!(row, "status", if status_text.trim().is_empty() { "error-required" } else { "error-choose" });
            }
            let mut dates = [None; 5];
            for (slot, col) in dates.iter_mut().zip(["applied_on", "activist_on", "target_on", "admitted_on", "full_on"]) {
                let t = map.get(row, col);
                *slot = parse_date_text(t);
                if slot.is_none() && !t.trim().is_empty() {
                    err!(row, col, "error-date");
                }
            }
            let mut flags = [false; 3];
            for (slot, col) in flags.iter_mut().zip(["mobile", "in_difficulty", "elderly_frail"]) {
                match parse_yes(map.get(row, col)) {
                    Some(b) => *slot = b,
                    None => err!(row, col, "error-yes-no"),
                }
            }
            if let (Some(o), Some(s)) = (org, status) {
                let input = super::members::MemberInput {
                    org_id: o.id,
                    status: Some(s),
                    applied_on: dates[0],
                    activist_on: dates[1],
                    target_on: dates[2],
                    admitted_on: dates[3],
                    full_on: dates[4],
                    mobile: flags[0],
                    mobile_since: flags[0].then_some(today),
                    in_difficulty: flags[1],
                    elderly_frail: flags[2],
                    ..Default::default()
                };
                match super::members::check_member(&input, today) {
                    Ok(_) => member = Some((o, s, dates, flags)),
                    Err(e) => err!(row, e.field().unwrap_or("status"), e.key()),
                }
            }
        }
        if errors.len() > before {
            continue;
        }
        let (Some(checked), Some(area)) = (checked, area) else { continue };
        // Household: by number within the village, created once.
        let mut household_id = None;
        let hh_no = map.get(row, "household_no").trim().to_owned();
        if kind == ImportKind::Persons && !hh_no.is_empty() {
            let village = super::persons::village_of(&path(&area.path)?);
            let village_id = village.last_id().unwrap_or(area.id);
            let hid = match households.get(&(village_id, hh_no.clone())) {
                Some(h) => *h,
                None => {
                    let found = store::household_by_no(c, area.id, &hh_no).await?;
                    let h = match found {
                        Some(h) => h.id,
                        None => {
                            let h = store::Household {
                                id: Uuid::now_v7(),
                                area_id: area.id,
                                area_path: area.path.clone(),
                                grid_id: None,
                                head_person_id: None,
                                household_no: Some(hh_no.clone()),
                                address: map.get(row, "address").chars().take(200).collect(),
                                created_at: now,
                                updated_at: now,
                            };
                            let id = h.id;
                            plan.households.push(h);
                            id
                        }
                    };
                    households.insert((village_id, hh_no.clone()), h);
                    h
                }
            };
            household_id = Some(hid);
        }
        let person_id = match existing_person {
            Some(p) => p.id,
            None => {
                let id = Uuid::now_v7();
                let input = PersonInput { household_id, education, occupation, ..input };
                let rec = to_record(key, id, checked, &input, area, now);
                let is_head = map.get(row, "relation").trim() == "户主";
                if is_head && let Some(h) = plan.households.iter_mut().find(|h| Some(h.id) == household_id) {
                    h.head_person_id = Some(id);
                }
                plan.persons.push(rec);
                id
            }
        };
        if let Some((org, status, dates, flags)) = member {
            let name = existing_person.map(|p| p.name.clone()).unwrap_or_else(|| map.get(row, "name").trim().to_owned());
            let m = store::Member {
                id: Uuid::now_v7(),
                person_id,
                person_name: name,
                org_id: org.id,
                org_path: org.path.clone(),
                status: status.as_str().into(),
                status_since: dates[4].or(dates[3]).or(dates[2]).or(dates[1]).or(dates[0]).unwrap_or(today),
                applied_on: dates[0],
                activist_on: dates[1],
                target_on: dates[2],
                admitted_on: dates[3],
                full_on: dates[4],
                ended_on: None,
                mobile: flags[0],
                mobile_since: flags[0].then_some(today),
                mobile_place: None,
                mobile_contact_id: None,
                in_difficulty: flags[1],
                elderly_frail: flags[2],
                party_probation_from: None,
                party_probation_until: None,
                created_at: now,
                updated_at: now,
            };
            plan.history.push(super::members::history(ctx, &m, "import"));
            plan.members.push(m);
        }
    }
    progress(sheet.rows.len());
    Ok((plan, errors))
}

/// Reads, checks and (only when every row is right) writes a roster, in the caller's task.
pub async fn run(ctx: &Ctx, kind: ImportKind, bytes: &[u8], filename: &str, progress: impl FnMut(usize)) -> Result<ImportOutcome> {
    ctx.app.key()?;
    let sheet = sheets::read(bytes, filename, sheets::Limits::default()).map_err(sheet_error)?;
    let map = sheets::map_columns(&sheet.headers, kind.columns()).map_err(sheet_error)?;
    refuse_member_roster_as_villagers(kind, &sheet)?;
    let (plan, errors) = check_rows(ctx, kind, &sheet, &map, progress).await?;
    let rows = sheet.rows.len();
    if rows == 0 {
        return Err(AppError::invalid("file", "error-sheet-empty"));
    }
    if !errors.is_empty() {
        return Ok(ImportOutcome { rows, persons_created: 0, members_created: 0, households_created: 0, errors });
    }
    let outcome = ImportOutcome {
        rows,
        persons_created: plan.persons.len(),
        members_created: plan.members.len(),
        households_created: plan.households.len(),
        errors,
    };
    let tx = ctx.db().write().await?;
    store::insert_households(&tx, plan.households).await?;
    store::insert_persons(&tx, plan.persons).await?;
    store::insert_members(&tx, plan.members).await?;
    store::insert_histories(&tx, plan.history).await?;
    record(
        &tx,
        ctx,
        Stale::Access,
        "import.commit",
        "import",
        None,
        "ok",
        json!({ "kind": kind.as_str(), "file": filename, "rows": rows, "persons": outcome.persons_created, "members": outcome.members_created, "households": outcome.households_created }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(outcome)
}

/// A member roster sent as a villager roster would lose its membership columns without a word:
/// refuse it and say which kind to choose.
fn refuse_member_roster_as_villagers(kind: ImportKind, sheet: &Sheet) -> Result<()> {
    if kind == ImportKind::Persons && sheets::map_columns(&sheet.headers, &MEMBER_COLUMNS[9..11]).is_ok() {
        return Err(AppError::invalid("file", "error-import-looks-members"));
    }
    Ok(())
}

/// The i18n key and arguments of a file-level problem, as a form error on the file field.
fn sheet_error(e: sheets::SheetError) -> AppError {
    AppError::invalid("file", e.key())
}

/// Starts an import in the background and returns the record its progress page follows.
pub async fn start(ctx: &Ctx, kind: ImportKind, bytes: Vec<u8>, filename: &str) -> Result<store::Import> {
    ctx.app.key()?;
    // Refuse a file that is not a usable spreadsheet right away, with the reason.
    let sheet = sheets::read(&bytes, filename, sheets::Limits::default()).map_err(sheet_error)?;
    sheets::map_columns(&sheet.headers, kind.columns()).map_err(sheet_error)?;
    refuse_member_roster_as_villagers(kind, &sheet)?;
    people_scope(ctx, Action::ChangePeople)?;
    let filename: String = filename.chars().filter(|c| !c.is_control()).take(200).collect();
    let rec = store::Import {
        id: Uuid::now_v7(),
        kind: kind.as_str().into(),
        filename: filename.clone(),
        status: "checking".into(),
        total_rows: sheet.rows.len() as i64,
        processed_rows: 0,
        error_count: 0,
        errors: "[]".into(),
        created_by: ctx.actor.name(),
        created_at: ctx.now(),
        finished_at: None,
    };
    let tx = ctx.db().write().await?;
    let rec = store::insert_import(&tx, rec).await?;
    ctx.commit(tx).await?;
    let started = rec.clone();
    let ctx = ctx.clone();
    let id = rec.id;
    tokio::spawn(async move {
        let db = ctx.db().clone();
        let (tx_prog, mut rx_prog) = tokio::sync::watch::channel(0usize);
        // Progress is written from its own task, so the check loop never waits on the database.
        let writer = {
            let db = db.clone();
            tokio::spawn(async move {
                while rx_prog.changed().await.is_ok() {
                    let n = *rx_prog.borrow();
                    if let Ok(tx) = db.write().await {
                        let _ = store::set_import_progress(&tx, id, "checking", n as i64).await;
                        let _ = tx.commit().await;
                    }
                }
            })
        };
        let result = run(&ctx, kind, &bytes, &filename, |n| {
            let _ = tx_prog.send(n);
        })
        .await;
        drop(tx_prog);
        let _ = writer.await;
        let finished = ctx.now();
        let update = match result {
            Ok(o) if o.errors.is_empty() => {
                store::Import { status: "done".into(), processed_rows: o.rows as i64, finished_at: Some(finished), ..rec }
            }
            Ok(o) => store::Import {
                status: "rejected".into(),
                processed_rows: o.rows as i64,
                error_count: o.errors.len() as i64,
                errors: store_errors(&o.errors),
                finished_at: Some(finished),
                ..rec
            },
            Err(e) => {
                tracing::error!(import = %id, error = %e, "import failed");
                let errors = vec![RowError { line: 0, column: String::new(), value: String::new(), reason: e.key().to_owned() }];
                store::Import { status: "failed".into(), error_count: 1, errors: store_errors(&errors), finished_at: Some(finished), ..rec }
            }
        };
        if let Ok(tx) = db.write().await {
            let _ = store::update_import(&tx, update).await;
            let _ = ctx.commit(tx).await;
        }
    });
    Ok(started)
}

/// The record of an import, for its progress page; only the person who started it sees it.
pub async fn status(ctx: &Ctx, id: Uuid) -> Result<store::Import> {
    let rec = store::import(ctx.db().conn(), id).await?.ok_or(AppError::NotFound)?;
    if rec.created_by != ctx.actor.name() {
        // Someone else's import: hidden, and the attempt is on the record.
        let target = id.to_string();
        crate::journal::record_alone(
            ctx,
            crate::journal::Stale::Nothing,
            "import.read",
            "import",
            Some(&target),
            lianxin_core::audit::DENIED,
            serde_json::json!({}),
        )
        .await?;
        return Err(AppError::NotFound);
    }
    Ok(rec)
}

/// A row error as kept with the import record.
#[derive(Serialize, Deserialize)]
struct StoredError {
    line: usize,
    column: String,
    value: String,
    reason: String,
}

fn store_errors(errors: &[RowError]) -> String {
    let rows: Vec<StoredError> = errors
        .iter()
        .take(10_000)
        .map(|e| StoredError { line: e.line, column: e.column.clone(), value: e.value.clone(), reason: e.reason.clone() })
        .collect();
    serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into())
}

/// The row errors of a rejected import.
pub fn errors_of(rec: &store::Import) -> Vec<RowError> {
    let rows: Vec<StoredError> = serde_json::from_str(&rec.errors).unwrap_or_default();
    rows.into_iter().map(|e| RowError { line: e.line, column: e.column, value: e.value, reason: e.reason }).collect()
}
