//! The area tree (行政区划) and an area's page, with its forms.

use askama::Template;
use axum::{
    Form, Router,
    extract::{Path, Query},
    response::Response,
    routing::get,
};
use lianxin_app::{
    AppError,
    orgs::{self, AreaNew, AreaView},
};
use serde::Deserialize;
use uuid::Uuid;

use super::{
    Base, Field, FormPage,
    forms::is_form_error,
    orgs::{TreeNode, build_tree},
    page, see_other,
};
use crate::{AppState, Viewer, error::WebResult};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/areas", get(tree).post(create))
        .route("/areas/new", get(new_form))
        .route("/areas/{id}", get(show))
        .route("/areas/{id}/edit", get(edit_form).post(edit))
}

#[derive(Template)]
#[template(path = "areas/tree.html")]
struct TreePage {
    b: Base,
    nodes: Vec<TreeNode>,
}

async fn tree(v: Viewer) -> WebResult<Response> {
    v.require()?;
    let rows = orgs::area_tree(&v.ctx, 5000).await?;
    let tr = v.tr;
    let nodes = build_tree(
        &rows,
        |a| a.path.as_str(),
        |a| TreeNode {
            id: a.id,
            name: format!("{} {}", a.name, a.code),
            kind: tr.t(&format!("level-{}", a.level)),
            status: String::new(),
            ended: false,
            has_children: false,
            open: false,
            closes: 0,
        },
    );
    Ok(page(&TreePage { b: Base::new(&v, "page-areas", "/areas"), nodes }))
}

#[derive(Template)]
#[template(path = "areas/show.html")]
struct ShowPage {
    b: Base,
    v: AreaView,
    level: String,
    child_level: String,
    add_label: String,
}

async fn show(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let view = orgs::area(&v.ctx, id).await?;
    let tr = v.tr;
    let level = tr.t(&format!("level-{}", view.area.level));
    let child_level = lianxin_core::orgs::AreaLevel::parse(&view.area.level)
        .and_then(|l| l.child_level())
        .map(|l| tr.t(&format!("level-{l}")))
        .unwrap_or_default();
    let b = Base::titled(&v, view.area.name.clone(), &format!("/areas/{id}"));
    let add_label = tr.ta("btn-add-area", &[("level", child_level.clone())]);
    Ok(page(&ShowPage { b, v: view, level, child_level, add_label }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AreaForm {
    parent_id: String,
    name: String,
    code: String,
}

fn form_page(v: &Viewer, f: &AreaForm, action: String, title: String, cancel: String) -> FormPage {
    let tr = v.tr;
    let fields = vec![
        Field::new("parent_id", String::new(), "hidden").value(f.parent_id.clone()),
        Field::text("name", tr.t("field-area-name")).value(f.name.clone()).required(),
        Field::text("code", tr.t("field-area-code")).value(f.code.clone()).required().help(tr.t("help-area-code")),
    ];
    let mut p = FormPage::new(Base::titled(v, title, &action), action, fields, tr.t("btn-save"));
    p.cancel = cancel;
    p
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NewQ {
    parent: String,
}

async fn new_form(v: Viewer, Query(q): Query<NewQ>) -> WebResult<Response> {
    v.require()?;
    let parent = Uuid::parse_str(&q.parent).map_err(|_| AppError::NotFound)?;
    let pv = orgs::area(&v.ctx, parent).await?;
    if !pv.can_change {
        return Err(AppError::Forbidden.into());
    }
    let f = AreaForm { parent_id: parent.to_string(), code: pv.area.code.trim_end_matches('0').to_owned(), ..Default::default() };
    let title = v.tr.ta("page-area-new", &[("parent", pv.area.name.clone())]);
    Ok(form_page(&v, &f, "/areas".into(), title, format!("/areas/{parent}")).render_ok())
}

async fn create(v: Viewer, Form(f): Form<AreaForm>) -> WebResult<Response> {
    v.require()?;
    let r = match Uuid::parse_str(f.parent_id.trim()) {
        Ok(p) => orgs::create_area(&v.ctx, AreaNew { parent: Some(p), level: None, code: f.code.clone(), name: f.name.clone() }).await,
        Err(_) => Err(AppError::invalid("parent_id", "error-unknown-area")),
    };
    match r {
        Ok(a) => Ok(see_other(&format!("/areas/{}", a.id))),
        Err(e) if is_form_error(&e) => {
            let title = v.tr.t("page-area-new-plain");
            Ok(form_page(&v, &f, "/areas".into(), title, format!("/areas/{}", f.parent_id)).with_error(&e))
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let view = orgs::area(&v.ctx, id).await?;
    if !view.can_change {
        return Err(AppError::Forbidden.into());
    }
    let f = AreaForm { parent_id: String::new(), name: view.area.name.clone(), code: view.area.code.clone() };
    let title = v.tr.ta("page-area-edit", &[("name", view.area.name.clone())]);
    Ok(form_page(&v, &f, format!("/areas/{id}/edit"), title, format!("/areas/{id}")).render_ok())
}

async fn edit(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<AreaForm>) -> WebResult<Response> {
    v.require()?;
    match orgs::update_area(&v.ctx, id, &f.name, &f.code).await {
        Ok(_) => Ok(see_other(&format!("/areas/{id}"))),
        Err(e) if is_form_error(&e) => {
            let title = v.tr.ta("page-area-edit", &[("name", f.name.clone())]);
            Ok(form_page(&v, &f, format!("/areas/{id}/edit"), title, format!("/areas/{id}")).with_error(&e))
        }
        Err(e) => Err(e.into()),
    }
}
