//! Households, grids and village bodies of a village, and linking members to households.

use askama::Template;
use axum::{
    Form, Router,
    extract::{Path, Query},
    response::Response,
    routing::{get, post},
};
use lianxin_app::people::{Grid, Household, VillageBody};
use lianxin_app::{
    AppError,
    people::households::{self, BodyInput, HouseholdInput, HouseholdView},
};
use lianxin_core::people::BodyKind;
use serde::Deserialize;
use uuid::Uuid;

use super::{Base, Field, FormPage, forms::is_form_error, page, people::opt, see_other};
use crate::{AppState, Viewer, error::WebResult};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/areas/{id}/people", get(village))
        .route("/households", post(create))
        .route("/households/new", get(new_form))
        .route("/households/{id}", get(show).post(update))
        .route("/grids", post(create_grid))
        .route("/grids/{id}", get(grid_page))
        .route("/bodies", post(create_body))
        .route("/members/{id}/links", post(link))
        .route("/members/{id}/links/{household}/remove", post(unlink))
}

#[derive(Template)]
#[template(path = "people/village.html")]
struct VillagePage {
    b: Base,
    area_id: Uuid,
    households: Vec<Household>,
    grids: Vec<Grid>,
    bodies: Vec<VillageBody>,
    grid: Option<Uuid>,
    next: Option<String>,
    body_kinds: Vec<(String, String)>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct VillageQ {
    grid: String,
    after: String,
}

impl VillagePage {
    fn is_current(&self, id: &Uuid) -> bool {
        self.grid == Some(*id)
    }
}

impl HouseholdPage {
    fn is_head(&self, id: &Uuid) -> bool {
        self.v.household.head_person_id == Some(*id)
    }

    fn is_grid(&self, id: &Uuid) -> bool {
        self.v.household.grid_id == Some(*id)
    }
}

/// A village's people: its grids, bodies and households (a page at a time).
async fn village(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<VillageQ>) -> WebResult<Response> {
    v.require()?;
    let grid = opt(&q.grid, |s| Uuid::parse_str(s).ok());
    let after = opt(&q.after, |s| Uuid::parse_str(s).ok());
    let list = households::households(&v.ctx, id, grid, after, 100).await?;
    let grids = households::grids(&v.ctx, id).await.unwrap_or_default();
    let bodies = households::bodies(&v.ctx, id).await.unwrap_or_default();
    let next = (list.len() == 100).then(|| list.last().map(|h| format!("/areas/{id}/people?grid={}&after={}", q.grid, h.id))).flatten();
    let body_kinds = BodyKind::ALL.iter().map(|k| (k.as_str().to_owned(), v.tr.t(&format!("body-{}", k.as_str())))).collect();
    let area = lianxin_app::orgs::area(&v.ctx, id).await.ok().map(|a| a.area.name).unwrap_or_default();
    let b = Base::titled(&v, v.tr.ta("page-village-people", &[("name", area)]), &format!("/areas/{id}/people"));
    Ok(page(&VillagePage { b, area_id: id, households: list, grids, bodies, grid, next, body_kinds }))
}

#[derive(Template)]
#[template(path = "people/household.html")]
struct HouseholdPage {
    b: Base,
    v: HouseholdView,
    grids: Vec<Grid>,
}

async fn show(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let view = households::household(&v.ctx, id).await?;
    let village = view.area.as_ref().map(|a| a.id);
    let grids = match village {
        Some(a) if view.can_change => households::grids(&v.ctx, a).await.unwrap_or_default(),
        _ => Vec::new(),
    };
    let title =
        view.household.household_no.clone().map(|n| v.tr.ta("page-household", &[("no", n)])).unwrap_or_else(|| v.tr.t("label-household"));
    let b = Base::titled(&v, title, &format!("/households/{id}"));
    Ok(page(&HouseholdPage { b, v: view, grids }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct HouseholdForm {
    area_id: String,
    household_no: String,
    address: String,
    grid_id: String,
    head_person_id: String,
}

fn household_page(v: &Viewer, f: &HouseholdForm) -> FormPage {
    let tr = v.tr;
    let fields = vec![
        Field::new("area_id", String::new(), "hidden").value(f.area_id.clone()),
        Field::text("household_no", tr.t("field-household-no")).value(f.household_no.clone()),
        Field::text("address", tr.t("field-address")).value(f.address.clone()),
    ];
    let mut p = FormPage::new(Base::new(v, "page-household-new", "/households/new"), "/households", fields, tr.t("btn-save"));
    p.cancel = format!("/areas/{}/people", f.area_id);
    p
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NewQ {
    area: String,
}

async fn new_form(v: Viewer, Query(q): Query<NewQ>) -> WebResult<Response> {
    v.require()?;
    Ok(household_page(&v, &HouseholdForm { area_id: q.area, ..Default::default() }).render_ok())
}

async fn create(v: Viewer, Form(f): Form<HouseholdForm>) -> WebResult<Response> {
    v.require()?;
    let r = match Uuid::parse_str(f.area_id.trim()) {
        Ok(area_id) => {
            households::create_household(
                &v.ctx,
                HouseholdInput { area_id, household_no: f.household_no.clone(), address: f.address.clone(), grid_id: None },
            )
            .await
        }
        Err(_) => Err(AppError::invalid("area_id", "error-unknown-area")),
    };
    match r {
        Ok(h) => Ok(see_other(&format!("/households/{}", h.id))),
        Err(e) if is_form_error(&e) => Ok(household_page(&v, &f).with_error(&e)),
        Err(e) => Err(e.into()),
    }
}

async fn update(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<HouseholdForm>) -> WebResult<Response> {
    v.require()?;
    let grid = opt(&f.grid_id, |s| Uuid::parse_str(s).ok());
    let head = opt(&f.head_person_id, |s| Uuid::parse_str(s).ok());
    households::update_household(&v.ctx, id, grid, head, &f.address).await?;
    Ok(see_other(&format!("/households/{id}")))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct GridForm {
    area_id: String,
    name: String,
    kind: String,
}

async fn create_grid(v: Viewer, Form(f): Form<GridForm>) -> WebResult<Response> {
    v.require()?;
    let area = Uuid::parse_str(f.area_id.trim()).map_err(|_| AppError::invalid("area_id", "error-unknown-area"))?;
    households::create_grid(&v.ctx, area, &f.name, None).await?;
    Ok(see_other(&format!("/areas/{area}/people")))
}

async fn create_body(v: Viewer, Form(f): Form<GridForm>) -> WebResult<Response> {
    v.require()?;
    let area = Uuid::parse_str(f.area_id.trim()).map_err(|_| AppError::invalid("area_id", "error-unknown-area"))?;
    let kind = BodyKind::parse(&f.kind).ok_or(AppError::invalid("kind", "error-choose"))?;
    households::create_body(&v.ctx, BodyInput { area_id: area, kind, name: f.name.clone(), leading_org_id: None }).await?;
    Ok(see_other(&format!("/areas/{area}/people")))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LinkForm {
    household_id: String,
    back: String,
}

async fn link(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<LinkForm>) -> WebResult<Response> {
    v.require()?;
    let h = Uuid::parse_str(f.household_id.trim()).map_err(|_| AppError::invalid("household_id", "error-unknown-household"))?;
    households::link(&v.ctx, id, h).await?;
    Ok(see_other(&super::safe_next(Some(&f.back))))
}

async fn unlink(v: Viewer, Path((id, household)): Path<(Uuid, Uuid)>, Form(f): Form<LinkForm>) -> WebResult<Response> {
    v.require()?;
    households::unlink(&v.ctx, id, household).await?;
    Ok(see_other(&super::safe_next(Some(&f.back))))
}

#[derive(Template)]
#[template(path = "people/grid.html")]
struct GridPage {
    b: Base,
    households: Vec<Household>,
    next: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AfterQ {
    after: String,
}

/// A grid's households: what a grid leader looks after.
async fn grid_page(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<AfterQ>) -> WebResult<Response> {
    v.require()?;
    let grid = households::grid(&v.ctx, id).await?;
    let after = opt(&q.after, |s| Uuid::parse_str(s).ok());
    let list = households::households(&v.ctx, grid.area_id, Some(id), after, 100).await?;
    let next = (list.len() == 100).then(|| list.last().map(|h| format!("/grids/{id}?after={}", h.id))).flatten();
    let b = Base::titled(&v, v.tr.ta("page-grid", &[("name", grid.name.clone())]), &format!("/grids/{id}"));
    Ok(page(&GridPage { b, households: list, next }))
}
