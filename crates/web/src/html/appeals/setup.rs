//! The duty matrix: a village's owner per category (or the county's) and the designated handler of
//! each owning body; a county's categories (names, group, keywords, owner, deadline, extra fields).

use askama::Template;
use axum::{
    Form,
    extract::{Path, Query},
    http::StatusCode,
    response::Response,
};
use lianxin_app::{
    AppError,
    appeals::{
        Category,
        people_choice::{self, Choice},
        setup::{self, CategoryPatch, VillageDuties},
    },
    policy::{Action, Decision, Target, decide},
};
use lianxin_core::{appeals::Owner, tree::TreePath};
use serde::Deserialize;
use uuid::Uuid;

use super::label;
use crate::{
    Viewer,
    error::{WebResult, status_of},
    html::{Base, forms::is_form_error, page_with, see_other},
    i18n::Tr,
};

fn owners(tr: &Tr) -> Vec<(String, String)> {
    Owner::ALL.iter().map(|o| (o.as_str().to_owned(), label(tr, "staff-owner", o.as_str()))).collect()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MsgQ {
    msg: String,
}

fn saved(tr: &Tr, q: &MsgQ) -> String {
    if q.msg == "saved" { tr.t("msg-staff-saved") } else { String::new() }
}

// ---- a village's duties ----

#[derive(Template)]
#[template(path = "appeals/staff/duties.html")]
struct DutiesPage {
    b: Base,
    d: VillageDuties,
    owners: Vec<(String, String)>,
    candidates: Vec<Choice>,
    can_change: bool,
    msg: String,
    error: String,
}

impl DutiesPage {
    fn owner(&self, o: &str) -> String {
        label(&self.b.tr, "staff-owner", o)
    }

    fn name(&self, k: &Category) -> String {
        if self.b.tr.0 == lianxin_app::Locale::EnUs { k.name_en.clone() } else { k.name_zh.clone() }
    }

    /// The designated handler of an owner: (person id, name).
    fn handler(&self, owner: &str) -> Option<(Uuid, String)> {
        self.d.handlers.iter().find(|(o, ..)| o == owner).map(|(_, p, n)| (*p, n.clone()))
    }

    fn is_handler(&self, owner: &str, person: &Uuid) -> bool {
        self.handler(owner).is_some_and(|(p, _)| p == *person)
    }
}

async fn duties_page(v: &Viewer, id: Uuid, status: StatusCode, msg: String, error: String) -> WebResult<Response> {
    let d = setup::village_duties(&v.ctx, id).await?;
    let can_change =
        TreePath::parse(&d.village.path).is_some_and(|p| decide(&v.ctx.actor, Action::SetupAppeals, Target::Area(&p)) == Decision::Allow);
    let mut candidates = if can_change { people_choice::village_handlers(&v.ctx, id).await? } else { Vec::new() };
    // The current handlers stay choosable, so saving another row never looks like removing them.
    for (_, person, name) in &d.handlers {
        if can_change && !candidates.iter().any(|c| c.id == *person) {
            candidates.push(Choice { id: *person, label: name.clone() });
        }
    }
    let title = v.tr.ta("page-staff-duties", &[("name", d.village.name.clone())]);
    let b = Base::titled(v, title, &format!("/villages/{id}/duties"));
    Ok(page_with(status, &DutiesPage { b, owners: owners(&v.tr), d, candidates, can_change, msg, error }))
}

pub async fn duties(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<MsgQ>) -> WebResult<Response> {
    v.require()?;
    let msg = saved(&v.tr, &q);
    duties_page(&v, id, StatusCode::OK, msg, String::new()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OwnerForm {
    category: String,
    owner: String,
}

pub async fn set_owner(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<OwnerForm>) -> WebResult<Response> {
    v.require()?;
    let r = match Uuid::parse_str(f.category.trim()) {
        Ok(category) => setup::set_override(&v.ctx, id, category, Some(f.owner.trim()).filter(|s| !s.is_empty())).await,
        Err(_) => Err(AppError::invalid("category", "error-appeal-unknown-category")),
    };
    after(&v, id, r).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HandlerForm {
    owner: String,
    person: String,
}

pub async fn set_handler(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<HandlerForm>) -> WebResult<Response> {
    v.require()?;
    let r = match f.person.trim() {
        "" => setup::set_handler(&v.ctx, id, &f.owner, None).await,
        p => match Uuid::parse_str(p) {
            Ok(p) => setup::set_handler(&v.ctx, id, &f.owner, Some(p)).await,
            Err(_) => Err(AppError::invalid("person", "error-choose")),
        },
    };
    after(&v, id, r).await
}

async fn after(v: &Viewer, id: Uuid, r: Result<(), AppError>) -> WebResult<Response> {
    match r {
        Ok(()) => Ok(see_other(&format!("/villages/{id}/duties?msg=saved"))),
        Err(e) if is_form_error(&e) => duties_page(v, id, status_of(&e), String::new(), v.tr.t(e.key())).await,
        Err(e) => Err(e.into()),
    }
}

// ---- a county's categories ----

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct CategoryForm {
    name_zh: String,
    name_en: String,
    group_name: String,
    keywords: String,
    owner: String,
    sla: String,
    active: Option<String>,
    attributes: String,
}

impl CategoryForm {
    fn of(k: &Category) -> Self {
        let attributes = serde_json::from_str::<serde_json::Value>(&k.attributes)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or_else(|| k.attributes.clone());
        CategoryForm {
            name_zh: k.name_zh.clone(),
            name_en: k.name_en.clone(),
            group_name: k.group_name.clone(),
            keywords: k.keywords.clone(),
            owner: k.owner.clone(),
            sla: k.sla.clone(),
            active: k.active.then(|| "1".into()),
            attributes,
        }
    }

    fn patch(&self) -> CategoryPatch {
        let attributes = if self.attributes.trim().is_empty() { "[]".to_owned() } else { self.attributes.clone() };
        CategoryPatch {
            name_zh: Some(self.name_zh.clone()),
            name_en: Some(self.name_en.clone()),
            group_name: Some(self.group_name.clone()),
            keywords: Some(self.keywords.clone()),
            owner: Some(self.owner.clone()),
            sla: Some(self.sla.clone()),
            active: Some(self.active.is_some()),
            attributes: Some(attributes),
        }
    }
}

/// A category with the values of its form and its error, if the last save failed.
pub struct CategoryRow {
    pub id: Uuid,
    pub code: String,
    pub f: CategoryForm,
    pub error: String,
}

#[derive(Template)]
#[template(path = "appeals/staff/categories.html")]
struct CategoriesPage {
    b: Base,
    county: Uuid,
    rows: Vec<CategoryRow>,
    owners: Vec<(String, String)>,
    can_change: bool,
    msg: String,
    create_error: String,
}

impl CategoriesPage {
    fn owner(&self, o: &str) -> String {
        label(&self.b.tr, "staff-owner", o)
    }

    /// The category's name and group in the reader's language.
    fn named(&self, f: &CategoryForm) -> String {
        let name = if self.b.tr.0 == lianxin_app::Locale::EnUs { &f.name_en } else { &f.name_zh };
        if f.group_name.trim().is_empty() {
            name.clone()
        } else {
            format!("{name} · {}", super::group_word(&self.b.tr, f.group_name.trim()))
        }
    }

    /// A deadline in words: "5d" is 5 working days.
    fn sla(&self, sla: &str) -> String {
        let (n, unit) = sla.split_at(sla.len().saturating_sub(1));
        match unit {
            "d" => self.b.tr.ta("label-staff-sla-days", &[("count", n.to_owned())]),
            "h" => self.b.tr.ta("label-staff-sla-hours", &[("count", n.to_owned())]),
            _ => sla.to_owned(),
        }
    }
}

async fn categories_page(
    v: &Viewer,
    county: Uuid,
    status: StatusCode,
    msg: String,
    failed: Option<(Uuid, CategoryForm, String)>,
) -> WebResult<Response> {
    let (area, cats, can_change) = people_choice::county_categories(&v.ctx, county).await?;
    let rows = cats
        .iter()
        .map(|k| match &failed {
            Some((id, f, e)) if *id == k.id => CategoryRow { id: k.id, code: k.code.clone(), f: f.clone(), error: e.clone() },
            _ => CategoryRow { id: k.id, code: k.code.clone(), f: CategoryForm::of(k), error: String::new() },
        })
        .collect();
    let title = v.tr.ta("page-staff-categories", &[("name", area.name)]);
    let b = Base::titled(v, title, &format!("/areas/{county}/appeal-categories"));
    let (msg, create_error) = if status.is_success() || failed.is_some() { (msg, String::new()) } else { (String::new(), msg) };
    Ok(page_with(status, &CategoriesPage { b, county, rows, owners: owners(&v.tr), can_change, msg, create_error }))
}

pub async fn categories(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<MsgQ>) -> WebResult<Response> {
    v.require()?;
    let msg = saved(&v.tr, &q);
    categories_page(&v, id, StatusCode::OK, msg, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewCategoryForm {
    code: String,
    name_zh: String,
    name_en: String,
    owner: String,
    sla: String,
}

/// Adds a category to the county (its other fields are then edited like any other).
pub async fn create_category(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<NewCategoryForm>) -> WebResult<Response> {
    v.require()?;
    let n = setup::CategoryNew { code: f.code, name_zh: f.name_zh, name_en: f.name_en, owner: f.owner, sla: f.sla };
    match setup::create_category(&v.ctx, id, n).await {
        Ok(k) => Ok(see_other(&format!("/areas/{id}/appeal-categories?msg=saved#c-{}", k.id))),
        Err(e) if is_form_error(&e) => {
            let msg = v.tr.t(e.key());
            categories_page(&v, id, status_of(&e), msg, None).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CountyQ {
    county: String,
}

pub async fn update_category(
    v: Viewer,
    Path(id): Path<Uuid>,
    Query(q): Query<CountyQ>,
    Form(f): Form<CategoryForm>,
) -> WebResult<Response> {
    v.require()?;
    match setup::update_category(&v.ctx, id, f.patch()).await {
        Ok(k) => Ok(see_other(&format!("/areas/{}/appeal-categories?msg=saved#c-{}", k.county_area_id, k.id))),
        Err(e) if is_form_error(&e) => {
            let county = Uuid::parse_str(q.county.trim()).map_err(|_| AppError::BadRequest { key: "error-bad-request" })?;
            let msg = v.tr.t(e.key());
            categories_page(&v, county, status_of(&e), String::new(), Some((id, f, msg))).await
        }
        Err(e) => Err(e.into()),
    }
}
