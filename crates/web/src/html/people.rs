//! Pages of people: search, a person's page (household, member record, posts, links, transfers),
//! their forms, the audited reveal of an ID number or phone, and the roster of an organization.

use askama::Template;
use axum::{
    Form, Router,
    extract::{Path, Query},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use chrono::NaiveDate;
use lianxin_app::{
    AppError,
    people::{
        members::{self, MemberInput, OrgPeople, RosterPage},
        persons::{self, PersonInput, PersonView, Sensitive},
        positions::{self, PositionInput, PostIn, TermRow},
        transfers,
    },
};
use lianxin_core::people::{Education, Gender, MemberStatus, Occupation, PostKind, TermState};
use lianxin_store::people::{Person, RosterFilter};
use serde::Deserialize;
use uuid::Uuid;

use super::{Base, Field, FormPage, forms::is_form_error, page, see_other};
use crate::{AppState, Viewer, error::WebResult, i18n::Tr};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/people", get(search).post(create))
        .route("/people/search", post(search_form))
        .route("/people/new", get(new_form))
        .route("/people/{id}", get(show))
        .route("/people/{id}/edit", get(edit_form).post(edit))
        .route("/people/{id}/reveal", post(reveal))
        .route("/people/{id}/member", get(member_form).post(member_create))
        .route("/people/{id}/positions", get(position_form).post(position_create))
        .route("/positions/{id}/end", post(position_end))
        .route("/members/{id}/edit", get(member_edit_form).post(member_edit))
        .route("/members/{id}/transfer", get(transfer_form).post(transfer_request))
        .route("/members/{id}/letter", post(letter))
        .route("/transfers/{id}/confirm", post(transfer_confirm))
        .route("/transfers/{id}/reject", post(transfer_reject))
        .route("/transfers/{id}/cancel", post(transfer_cancel))
        .route("/orgs/{id}/roster", get(roster))
        .route("/orgs/{id}/terms", get(terms))
        .route("/orgs/{id}/transfers", get(pending_transfers))
}

pub fn opt<T>(s: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
    let s = s.trim();
    if s.is_empty() { None } else { parse(s) }
}

pub fn date(field: &'static str, s: &str) -> Result<Option<NaiveDate>, AppError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Some).map_err(|_| AppError::invalid(field, "error-date"))
}

fn uuid(field: &'static str, key: &'static str, s: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(s.trim()).map_err(|_| AppError::invalid(field, key))
}

fn options<T: Copy>(tr: &Tr, all: &[T], prefix: &str, text: impl Fn(T) -> &'static str) -> Vec<(String, String)> {
    let mut v = vec![(String::new(), tr.t("label-choose"))];
    v.extend(all.iter().map(|x| (text(*x).to_owned(), tr.t(&format!("{prefix}-{}", text(*x))))));
    v
}

// ---- search ----

#[derive(Template)]
#[template(path = "people/search.html")]
struct SearchPage {
    b: Base,
    q: String,
    results: Vec<Person>,
    searched: bool,
    next: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SearchQ {
    q: String,
    after_name: Option<String>,
    after_id: Option<Uuid>,
}

const PAGE: u64 = 50;

/// The search form posts, so an ID number or phone typed in it never lands in a URL.
async fn search_form(v: Viewer, Form(q): Form<SearchQ>) -> WebResult<Response> {
    search_page(v, q).await
}

/// Name searches and their next pages come by GET; an ID number or phone there is refused.
async fn search(v: Viewer, Query(q): Query<SearchQ>) -> WebResult<Response> {
    v.require()?;
    let today = v.ctx.app.today();
    if crate::request::sensitive_in_url(&q.q, today) {
        return Err(AppError::invalid("q", "error-sensitive-in-url").into());
    }
    search_page(v, q).await
}

async fn search_page(v: Viewer, q: SearchQ) -> WebResult<Response> {
    v.require()?;
    let after = match (&q.after_name, q.after_id) {
        (Some(n), Some(id)) => Some((n.as_str(), id)),
        _ => None,
    };
    let results = persons::search(&v.ctx, &q.q, after, PAGE).await?;
    let next = (results.len() as u64 == PAGE)
        .then(|| {
            results
                .last()
                .map(|p| format!("/people?q={}&after_name={}&after_id={}", super::url_encode(&q.q), super::url_encode(&p.name), p.id))
        })
        .flatten();
    let searched = !q.q.trim().is_empty();
    // The query may be an ID number or phone: keep it out of the page address shown back.
    Ok(page(&SearchPage { b: Base::new(&v, "page-people", "/people"), q: q.q, results, searched, next }))
}

// ---- a person ----

#[derive(Template)]
#[template(path = "people/show.html")]
struct ShowPage {
    b: Base,
    v: PersonView,
    cross_holding: bool,
    revealed: Option<(String, String)>,
}

async fn show(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let view = persons::view(&v.ctx, id).await?;
    let cross_holding = positions::cross_holding(&view.positions, v.ctx.app.today());
    let b = Base::titled(&v, view.person.name.clone(), &format!("/people/{id}"));
    Ok(page(&ShowPage { b, v: view, cross_holding, revealed: None }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RevealForm {
    field: String,
}

/// Shows a full value once, in a page that is never cached; the value is never in a URL.
async fn reveal(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<RevealForm>) -> WebResult<Response> {
    v.require()?;
    let field = Sensitive::parse(&f.field).ok_or(AppError::BadRequest { key: "error-bad-request" })?;
    let value = persons::reveal(&v.ctx, id, field).await?;
    let view = persons::view(&v.ctx, id).await?;
    let cross_holding = positions::cross_holding(&view.positions, v.ctx.app.today());
    let b = Base::titled(&v, view.person.name.clone(), &format!("/people/{id}"));
    let mut r = page(&ShowPage { b, v: view, cross_holding, revealed: Some((field.as_str().to_owned(), value)) }).into_response();
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct PersonForm {
    name: String,
    gender: String,
    birth_date: String,
    ethnicity: String,
    education: String,
    occupation: String,
    id_number: String,
    phone: String,
    area_id: String,
    household_id: String,
}

impl PersonForm {
    fn parse(&self) -> Result<PersonInput, AppError> {
        Ok(PersonInput {
            name: self.name.clone(),
            gender: opt(&self.gender, Gender::parse),
            birth_date: date("birth_date", &self.birth_date)?,
            ethnicity: self.ethnicity.clone(),
            education: opt(&self.education, Education::parse),
            occupation: opt(&self.occupation, Occupation::parse),
            id_number: self.id_number.clone(),
            phone: self.phone.clone(),
            area_id: uuid("area_id", "error-unknown-area", &self.area_id)?,
            household_id: opt(&self.household_id, |s| Uuid::parse_str(s).ok()),
        })
    }
}

fn person_form(v: &Viewer, f: &PersonForm, action: String, title: String, editing: bool) -> FormPage {
    let tr = v.tr;
    let mut fields = vec![
        Field::new("area_id", String::new(), "hidden").value(f.area_id.clone()),
        Field::new("household_id", String::new(), "hidden").value(f.household_id.clone()),
        Field::text("name", tr.t("field-person-name")).value(f.name.clone()).required(),
        Field::new("gender", tr.t("field-gender"), "select").value(f.gender.clone()).options(options(
            &tr,
            Gender::ALL,
            "gender",
            Gender::as_str,
        )),
        Field::new("birth_date", tr.t("field-birth-date"), "date").value(f.birth_date.clone()).help(tr.t("help-birth-from-id")),
        Field::text("ethnicity", tr.t("field-ethnicity")).value(f.ethnicity.clone()),
        Field::new("education", tr.t("field-education"), "select").value(f.education.clone()).options(options(
            &tr,
            Education::ALL,
            "education",
            Education::as_str,
        )),
        Field::new("occupation", tr.t("field-occupation"), "select").value(f.occupation.clone()).options(options(
            &tr,
            Occupation::ALL,
            "occupation",
            Occupation::as_str,
        )),
        Field::text("id_number", tr.t("field-id-number")).value(f.id_number.clone()).help(tr.t(if editing {
            "help-sensitive-keep"
        } else {
            "help-id-number"
        })),
        Field::text("phone", tr.t("field-phone")).value(f.phone.clone()).autocomplete("tel").help(tr.t(if editing {
            "help-sensitive-keep"
        } else {
            "help-phone"
        })),
    ];
    if editing {
        fields.retain(|x| x.name != "area_id" || !f.area_id.is_empty());
    }
    let mut p = FormPage::new(Base::titled(v, title, &action), action, fields, tr.t("btn-save"));
    p.cancel = "/people".into();
    p
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NewPersonQ {
    area: String,
    household: String,
}

async fn new_form(v: Viewer, Query(q): Query<NewPersonQ>) -> WebResult<Response> {
    v.require()?;
    let f = PersonForm { area_id: q.area, household_id: q.household, ..Default::default() };
    Ok(person_form(&v, &f, "/people".into(), v.tr.t("page-person-new"), false).render_ok())
}

async fn create(v: Viewer, Form(f): Form<PersonForm>) -> WebResult<Response> {
    v.require()?;
    let r = match f.parse() {
        Ok(input) => persons::create(&v.ctx, input).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(p) => Ok(see_other(&format!("/people/{}", p.id))),
        Err(e) if is_form_error(&e) => {
            // Never echo a sensitive value back into the page.
            let mut f = f;
            f.id_number = String::new();
            f.phone = String::new();
            Ok(person_form(&v, &f, "/people".into(), v.tr.t("page-person-new"), false).with_error(&e))
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let view = persons::view(&v.ctx, id).await?;
    if !view.can_change {
        return Err(AppError::Forbidden.into());
    }
    let p = &view.person;
    let f = PersonForm {
        name: p.name.clone(),
        gender: p.gender.clone().unwrap_or_default(),
        birth_date: p.birth_date.map(|d| d.to_string()).unwrap_or_default(),
        ethnicity: p.ethnicity.clone().unwrap_or_default(),
        education: p.education.clone().unwrap_or_default(),
        occupation: p.occupation.clone().unwrap_or_default(),
        id_number: String::new(),
        phone: String::new(),
        area_id: p.area_id.to_string(),
        household_id: p.household_id.map(|h| h.to_string()).unwrap_or_default(),
    };
    let title = v.tr.ta("page-person-edit", &[("name", p.name.clone())]);
    Ok(person_form(&v, &f, format!("/people/{id}/edit"), title, true).render_ok())
}

async fn edit(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<PersonForm>) -> WebResult<Response> {
    v.require()?;
    let r = match f.parse() {
        Ok(input) => persons::update(&v.ctx, id, input, false).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(_) => Ok(see_other(&format!("/people/{id}"))),
        Err(e) if is_form_error(&e) => {
            let mut f = f;
            f.id_number = String::new();
            f.phone = String::new();
            let title = v.tr.ta("page-person-edit", &[("name", f.name.clone())]);
            Ok(person_form(&v, &f, format!("/people/{id}/edit"), title, true).with_error(&e))
        }
        Err(e) => Err(e.into()),
    }
}

// ---- member records ----

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct MemberForm {
    org_id: String,
    status: String,
    status_since: String,
    applied_on: String,
    activist_on: String,
    target_on: String,
    admitted_on: String,
    full_on: String,
    mobile: Option<String>,
    mobile_since: String,
    mobile_place: String,
    mobile_contact_id: String,
    in_difficulty: Option<String>,
    elderly_frail: Option<String>,
    note: String,
}

impl MemberForm {
    fn parse(&self) -> Result<MemberInput, AppError> {
        Ok(MemberInput {
            org_id: uuid("org_id", "error-unknown-org", &self.org_id)?,
            status: opt(&self.status, MemberStatus::parse),
            status_since: date("status_since", &self.status_since)?,
            applied_on: date("applied_on", &self.applied_on)?,
            activist_on: date("activist_on", &self.activist_on)?,
            target_on: date("target_on", &self.target_on)?,
            admitted_on: date("admitted_on", &self.admitted_on)?,
            full_on: date("full_on", &self.full_on)?,
            mobile: self.mobile.is_some(),
            mobile_since: date("mobile_since", &self.mobile_since)?,
            mobile_place: self.mobile_place.clone(),
            mobile_contact_id: opt(&self.mobile_contact_id, |s| Uuid::parse_str(s).ok()),
            in_difficulty: self.in_difficulty.is_some(),
            elderly_frail: self.elderly_frail.is_some(),
        })
    }
}

async fn member_page(v: &Viewer, f: &MemberForm, action: String, title: String, orgs: bool) -> WebResult<FormPage> {
    let tr = v.tr;
    let mut fields = Vec::new();
    if orgs {
        let rows = lianxin_app::orgs::org_tree(&v.ctx, &Default::default(), 2000).await?;
        let mut opts = vec![(String::new(), tr.t("label-choose"))];
        opts.extend(rows.into_iter().map(|o| {
            let depth = lianxin_core::tree::TreePath::parse(&o.path).map_or(1, |p| p.depth());
            (o.id.to_string(), format!("{}{}", "　".repeat(depth.saturating_sub(1)), o.name))
        }));
        fields.push(
            Field::new("org_id", tr.t("field-member-org"), "select")
                .value(f.org_id.clone())
                .options(opts)
                .required()
                .help(tr.t("help-member-org")),
        );
    } else {
        fields.push(Field::new("org_id", String::new(), "hidden").value(f.org_id.clone()));
    }
    // Possible contact persons: members of the organization (when it is known).
    let mut contacts = vec![(String::new(), "—".to_owned())];
    if let Ok(org) = Uuid::parse_str(&f.org_id)
        && let Ok(page) = members::roster(&v.ctx, org, &lianxin_store::people::RosterFilter::default(), 500).await
    {
        contacts.extend(page.members.into_iter().filter(|m| m.org_id == org).map(|m| (m.person_id.to_string(), m.person_name)));
    }
    let yes = |o: &Option<String>| if o.is_some() { "1".to_owned() } else { String::new() };
    fields.extend([
        Field::new("status", tr.t("field-member-status"), "select")
            .value(f.status.clone())
            .options(options(&tr, MemberStatus::ALL, "member-status", MemberStatus::as_str))
            .required(),
        Field::new("status_since", tr.t("field-status-since"), "date").value(f.status_since.clone()),
        Field::new("applied_on", tr.t("field-applied-on"), "date").value(f.applied_on.clone()),
        Field::new("activist_on", tr.t("field-activist-on"), "date").value(f.activist_on.clone()),
        Field::new("target_on", tr.t("field-target-on"), "date").value(f.target_on.clone()),
        Field::new("admitted_on", tr.t("field-admitted-on"), "date").value(f.admitted_on.clone()),
        Field::new("full_on", tr.t("field-full-on"), "date").value(f.full_on.clone()),
        Field::new("mobile", tr.t("field-flags"), "checkboxes").value(
            [
                yes(&f.mobile).replace('1', "mobile"),
                yes(&f.in_difficulty).replace('1', "in_difficulty"),
                yes(&f.elderly_frail).replace('1', "elderly_frail"),
            ]
            .join(","),
        ),
        Field::new("mobile_since", tr.t("field-mobile-since"), "date").value(f.mobile_since.clone()).help(tr.t("help-mobile")),
        Field::text("mobile_place", tr.t("field-mobile-place")).value(f.mobile_place.clone()),
        Field::new("mobile_contact_id", tr.t("field-mobile-contact"), "select")
            .value(f.mobile_contact_id.clone())
            .options(contacts)
            .help(tr.t("help-mobile-contact")),
        Field::new("note", tr.t("field-note"), "textarea").value(f.note.clone()),
    ]);
    // The three flags share one fieldset but keep their own names.
    if let Some(flags) = fields.iter_mut().find(|x| x.kind == "checkboxes") {
        flags.options = vec![
            ("mobile".into(), tr.t("label-flag-mobile"), f.mobile.is_some()),
            ("in_difficulty".into(), tr.t("label-flag-difficulty"), f.in_difficulty.is_some()),
            ("elderly_frail".into(), tr.t("label-flag-frail"), f.elderly_frail.is_some()),
        ];
        flags.name = "flags";
    }
    let mut p = FormPage::new(Base::titled(v, title, &action), action, fields, tr.t("btn-save"));
    p.cancel = "/people".into();
    Ok(p)
}

/// Checkboxes of the flags arrive as `flags=mobile&flags=…`; spread them onto the form.
fn member_form_from(raw: &[u8]) -> MemberForm {
    let mut f = MemberForm::default();
    for (k, val) in super::orgs::form_urlencoded_pairs(raw) {
        match k.as_str() {
            "org_id" => f.org_id = val,
            "status" => f.status = val,
            "status_since" => f.status_since = val,
            "applied_on" => f.applied_on = val,
            "activist_on" => f.activist_on = val,
            "target_on" => f.target_on = val,
            "admitted_on" => f.admitted_on = val,
            "full_on" => f.full_on = val,
            "mobile_since" => f.mobile_since = val,
            "mobile_place" => f.mobile_place = val,
            "mobile_contact_id" => f.mobile_contact_id = val,
            "note" => f.note = val,
            "flags" if val == "mobile" => f.mobile = Some(val),
            "flags" if val == "in_difficulty" => f.in_difficulty = Some(val),
            "flags" if val == "elderly_frail" => f.elderly_frail = Some(val),
            _ => {}
        }
    }
    f
}

async fn member_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let view = persons::view(&v.ctx, id).await?;
    if view.member.is_some() {
        return Ok(see_other(&format!("/people/{id}")));
    }
    let title = v.tr.ta("page-member-new", &[("name", view.person.name.clone())]);
    Ok(member_page(&v, &MemberForm::default(), format!("/people/{id}/member"), title, true).await?.render_ok())
}

async fn member_create(v: Viewer, Path(id): Path<Uuid>, axum::extract::RawForm(raw): axum::extract::RawForm) -> WebResult<Response> {
    v.require()?;
    let f = member_form_from(&raw);
    let r = match f.parse() {
        Ok(input) => members::create(&v.ctx, id, input).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(_) => Ok(see_other(&format!("/people/{id}"))),
        Err(e) if is_form_error(&e) => {
            let title = v.tr.t("page-member-new-plain");
            Ok(member_page(&v, &f, format!("/people/{id}/member"), title, true).await?.with_error(&e))
        }
        Err(e) => Err(e.into()),
    }
}

async fn member_of(v: &Viewer, member: Uuid) -> WebResult<lianxin_store::people::Member> {
    let m = lianxin_store::people::member(v.ctx.db().conn(), member).await.map_err(AppError::from)?.ok_or(AppError::NotFound)?;
    // Reading through the person applies the policy.
    persons::view(&v.ctx, m.person_id).await?;
    Ok(m)
}

async fn member_edit_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let m = member_of(&v, id).await?;
    let d = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let f = MemberForm {
        org_id: m.org_id.to_string(),
        status: m.status.clone(),
        status_since: m.status_since.to_string(),
        applied_on: d(m.applied_on),
        activist_on: d(m.activist_on),
        target_on: d(m.target_on),
        admitted_on: d(m.admitted_on),
        full_on: d(m.full_on),
        mobile: m.mobile.then(|| "1".into()),
        mobile_since: d(m.mobile_since),
        mobile_place: m.mobile_place.clone().unwrap_or_default(),
        mobile_contact_id: m.mobile_contact_id.map(|c| c.to_string()).unwrap_or_default(),
        in_difficulty: m.in_difficulty.then(|| "1".into()),
        elderly_frail: m.elderly_frail.then(|| "1".into()),
        note: String::new(),
    };
    let title = v.tr.ta("page-member-edit", &[("name", m.person_name.clone())]);
    Ok(member_page(&v, &f, format!("/members/{id}/edit"), title, false).await?.render_ok())
}

async fn member_edit(v: Viewer, Path(id): Path<Uuid>, axum::extract::RawForm(raw): axum::extract::RawForm) -> WebResult<Response> {
    v.require()?;
    let f = member_form_from(&raw);
    let r = match f.parse() {
        Ok(input) => members::update(&v.ctx, id, input, &f.note).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(m) => Ok(see_other(&format!("/people/{}", m.person_id))),
        Err(e) if is_form_error(&e) => {
            let title = v.tr.t("page-member-new-plain");
            Ok(member_page(&v, &f, format!("/members/{id}/edit"), title, false).await?.with_error(&e))
        }
        Err(e) => Err(e.into()),
    }
}

// ---- positions ----

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct PositionForm {
    post: String,
    place: String,
    started_on: String,
    planned_end: String,
    note: String,
}

async fn position_page(v: &Viewer, id: Uuid, f: &PositionForm) -> WebResult<FormPage> {
    let tr = v.tr;
    let view = persons::view(&v.ctx, id).await?;
    let mut places = vec![(String::new(), tr.t("label-choose"))];
    for o in lianxin_app::orgs::org_tree(&v.ctx, &Default::default(), 2000).await? {
        places.push((format!("org:{}", o.id), o.name));
    }
    let village = view.area.as_ref().map(|a| a.id);
    if let Some(vid) = village {
        let village_id = lianxin_app::people::households::bodies(&v.ctx, vid).await.unwrap_or_default();
        for b in village_id {
            places.push((format!("body:{}", b.id), b.name));
        }
        for g in lianxin_app::people::households::grids(&v.ctx, vid).await.unwrap_or_default() {
            places.push((format!("grid:{}", g.id), format!("{} · {}", tr.t("label-grid"), g.name)));
        }
    }
    let fields = vec![
        Field::new("post", tr.t("field-post"), "select")
            .value(f.post.clone())
            .options(options(&tr, PostKind::ALL, "post", PostKind::as_str))
            .required(),
        Field::new("place", tr.t("field-post-place"), "select").value(f.place.clone()).options(places).required(),
        Field::new("started_on", tr.t("field-started-on"), "date").value(f.started_on.clone()).required(),
        Field::new("planned_end", tr.t("field-planned-end"), "date").value(f.planned_end.clone()).help(tr.t("help-planned-end")),
        Field::new("note", tr.t("field-note"), "textarea").value(f.note.clone()),
    ];
    let title = tr.ta("page-position-new", &[("name", view.person.name.clone())]);
    let mut p = FormPage::new(
        Base::titled(v, title, &format!("/people/{id}/positions")),
        format!("/people/{id}/positions"),
        fields,
        tr.t("btn-save"),
    );
    p.cancel = format!("/people/{id}");
    Ok(p)
}

async fn position_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    Ok(position_page(&v, id, &PositionForm::default()).await?.render_ok())
}

async fn position_create(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<PositionForm>) -> WebResult<Response> {
    v.require()?;
    let parsed = (|| -> Result<PositionInput, AppError> {
        let post = opt(&f.post, PostKind::parse).ok_or(AppError::invalid("post", "error-choose"))?;
        let place = match f.place.split_once(':') {
            Some(("org", i)) => PostIn::Org(uuid("place", "error-choose", i)?),
            Some(("body", i)) => PostIn::Body(uuid("place", "error-choose", i)?),
            Some(("grid", i)) => PostIn::Grid(uuid("place", "error-choose", i)?),
            _ => return Err(AppError::invalid("place", "error-choose")),
        };
        Ok(PositionInput {
            person_id: id,
            post,
            place,
            started_on: date("started_on", &f.started_on)?.ok_or(AppError::invalid("started_on", "error-required"))?,
            planned_end: date("planned_end", &f.planned_end)?,
            note: f.note.clone(),
        })
    })();
    let r = match parsed {
        Ok(input) => positions::appoint(&v.ctx, input).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match r {
        Ok(()) => Ok(see_other(&format!("/people/{id}"))),
        Err(e) if is_form_error(&e) => Ok(position_page(&v, id, &f).await?.with_error(&e)),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EndForm {
    ended_on: String,
    back: String,
}

async fn position_end(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<EndForm>) -> WebResult<Response> {
    v.require()?;
    let on = date("ended_on", &f.ended_on)?.unwrap_or_else(|| v.ctx.app.today());
    positions::end(&v.ctx, id, on).await?;
    Ok(see_other(&super::safe_next(Some(&f.back))))
}

// ---- transfers ----

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct TransferForm {
    to_org_id: String,
    reason: String,
    destination: String,
    note: String,
}

async fn transfer_page(v: &Viewer, member: Uuid, f: &TransferForm) -> WebResult<FormPage> {
    let tr = v.tr;
    let m = member_of(v, member).await?;
    // Any active organization may receive; the list is long, so the id can also be pasted.
    let fields = vec![
        Field::text("to_org_id", tr.t("field-transfer-to")).value(f.to_org_id.clone()).help(tr.t("help-transfer-to")),
        Field::new("reason", tr.t("field-transfer-reason"), "textarea").value(f.reason.clone()).required(),
    ];
    let title = tr.ta("page-transfer", &[("name", m.person_name.clone())]);
    let mut p = FormPage::new(
        Base::titled(v, title, &format!("/members/{member}/transfer")),
        format!("/members/{member}/transfer"),
        fields,
        tr.t("btn-transfer"),
    );
    p.intro = tr.t("help-transfer");
    p.cancel = format!("/people/{}", m.person_id);
    Ok(p)
}

async fn transfer_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    Ok(transfer_page(&v, id, &TransferForm::default()).await?.render_ok())
}

async fn transfer_request(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<TransferForm>) -> WebResult<Response> {
    v.require()?;
    let r = match uuid("to_org_id", "error-unknown-org", &f.to_org_id) {
        Ok(to) => transfers::request(&v.ctx, id, to, &f.reason).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(_) => {
            let m = member_of(&v, id).await?;
            Ok(see_other(&format!("/people/{}", m.person_id)))
        }
        Err(e) if is_form_error(&e) => Ok(transfer_page(&v, id, &f).await?.with_error(&e)),
        Err(e) => Err(e.into()),
    }
}

async fn letter(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<TransferForm>) -> WebResult<Response> {
    v.require()?;
    let m = member_of(&v, id).await?;
    transfers::issue_letter(&v.ctx, id, &f.destination, &f.reason).await?;
    Ok(see_other(&format!("/people/{}", m.person_id)))
}

async fn transfer_confirm(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<TransferForm>) -> WebResult<Response> {
    v.require()?;
    let m = transfers::confirm(&v.ctx, id, &f.note).await?;
    Ok(see_other(&format!("/people/{}", m.person_id)))
}

async fn transfer_reject(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<TransferForm>) -> WebResult<Response> {
    v.require()?;
    transfers::reject(&v.ctx, id, &f.note).await?;
    Ok(see_other("/"))
}

async fn transfer_cancel(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    transfers::cancel(&v.ctx, id).await?;
    Ok(see_other("/"))
}

#[derive(Template)]
#[template(path = "people/transfers.html")]
struct TransfersPage {
    b: Base,
    rows: Vec<(lianxin_store::people::Transfer, String, String, String)>,
}

async fn pending_transfers(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let rows = transfers::pending_for(&v.ctx, id, 200).await?;
    Ok(page(&TransfersPage { b: Base::new(&v, "page-transfers", &format!("/orgs/{id}/transfers")), rows }))
}

// ---- roster and terms of an organization ----

#[derive(Template)]
#[template(path = "people/roster.html")]
struct RosterView {
    b: Base,
    r: RosterPage,
    q: RosterQ,
    next_link: Option<String>,
    query: String,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct RosterQ {
    pub status: String,
    pub flag: String,
    pub q: String,
    pub after_path: Option<String>,
    pub after_name: Option<String>,
    pub after_id: Option<Uuid>,
}

impl RosterQ {
    pub fn filter(&self) -> RosterFilter {
        let statuses = match self.status.as_str() {
            "" | "current" => vec!["probationary".into(), "full".into()],
            "all" => Vec::new(),
            s => MemberStatus::parse(s).map(|s| vec![s.as_str().to_owned()]).unwrap_or_default(),
        };
        let after = match (&self.after_path, &self.after_name, self.after_id) {
            (Some(p), Some(n), Some(i)) => Some((p.clone(), n.clone(), i)),
            _ => None,
        };
        RosterFilter {
            statuses,
            mobile: (self.flag == "mobile").then_some(true),
            in_difficulty: (self.flag == "in_difficulty").then_some(true),
            elderly_frail: (self.flag == "elderly_frail").then_some(true),
            name_prefix: Some(self.q.trim().to_owned()).filter(|s| !s.is_empty()),
            after,
        }
    }

    /// The filter part of the query string (no cursor), for links.
    pub fn query(&self) -> String {
        format!("status={}&flag={}&q={}", super::url_encode(&self.status), super::url_encode(&self.flag), super::url_encode(&self.q))
    }
}

impl RosterView {
    fn total(&self) -> String {
        self.b.tr.ta("msg-roster-total", &[("count", self.r.total.to_string())])
    }
}

async fn roster(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<RosterQ>) -> WebResult<Response> {
    v.require()?;
    let r = members::roster(&v.ctx, id, &q.filter(), PAGE).await?;
    let query = q.query();
    let next_link = r.next.as_ref().map(|(p, n, i)| {
        format!("/orgs/{id}/roster?{query}&after_path={}&after_name={}&after_id={i}", super::url_encode(p), super::url_encode(n))
    });
    let title = v.tr.ta("page-roster", &[("name", r.org.name.clone())]);
    let b = Base::titled(&v, title, &format!("/orgs/{id}/roster"));
    Ok(page(&RosterView { b, r, q, next_link, query }))
}

#[derive(Template)]
#[template(path = "people/terms.html")]
struct TermsPage {
    b: Base,
    rows: Vec<TermRow>,
}

impl TermsPage {
    fn state(&self, s: &TermState) -> String {
        match s {
            TermState::Current => self.b.tr.t("term-current"),
            TermState::EndingSoon { days_left } => self.b.tr.ta("term-ending", &[("days", days_left.to_string())]),
            TermState::Ended { days_over } => self.b.tr.ta("term-ended", &[("days", days_over.to_string())]),
        }
    }
}

async fn terms(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let rows = positions::terms_ending(&v.ctx, id, 500).await?;
    Ok(page(&TermsPage { b: Base::new(&v, "page-terms", &format!("/orgs/{id}/terms")), rows }))
}

/// The people section of an organization's page, when the viewer may read people there (asked
/// without auditing, since not being shown a section is no attempt to cross a scope).
pub async fn org_section(v: &Viewer, id: Uuid, path: &str) -> Option<OrgPeople> {
    use lianxin_app::policy::{Action, Decision, Target, decide};
    let p = lianxin_core::tree::TreePath::parse(path)?;
    if decide(&v.ctx.actor, Action::ReadPeople, Target::People { area: None, org: Some(&p), grid: None }) != Decision::Allow {
        return None;
    }
    members::org_people(&v.ctx, id).await.ok()
}

/// A finding of the establishment rules, explained with its numbers.
pub fn finding_text(tr: &Tr, f: &lianxin_core::people::Finding) -> String {
    use lianxin_core::people::Finding::*;
    let n = |x: &u64| x.to_string();
    let args: Vec<(&'static str, String)> = match f {
        BranchTooSmall { full } | CommitteeRequired { full } | SecretaryOnly { full } => vec![("full", n(full))],
        CommitteeSizeOutOfRange { size, min, max } => vec![("size", n(size)), ("min", n(min)), ("max", n(max))],
        ConsiderGeneralBranch { members } | ConsiderVillageCommittee { members } | MayUseDelegates { members } => {
            vec![("members", n(members))]
        }
    };
    tr.ta(f.key(), &args)
}
