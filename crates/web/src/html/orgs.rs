//! The organization tree and an organization's page, with the forms that change them.

use askama::Template;
use axum::{
    Form, Router,
    extract::{Path, Query, RawForm},
    response::Response,
    routing::get,
};
use lianxin_app::{
    AppError, Checks,
    orgs::{self, Org, OrgEdit, OrgFilter, OrgNew, OrgView},
};
use lianxin_core::{
    orgs::{OrgBasis, OrgKind},
    tree::TreePath,
};
use serde::Deserialize;
use uuid::Uuid;

use super::{Base, Field, FormPage, forms::is_form_error, page, see_other};
use crate::{AppState, Viewer, error::WebResult};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs", get(tree).post(create))
        .route("/orgs/new", get(new_form))
        .route("/orgs/{id}", get(show))
        .route("/orgs/{id}/edit", get(edit_form).post(edit))
        .route("/orgs/{id}/move", get(move_form).post(move_))
        .route("/orgs/{id}/merge", get(merge_form).post(merge))
        .route("/orgs/{id}/dissolve", get(dissolve_form).post(dissolve))
}

/// One row of the tree as drawn with nested `<details>` (no JavaScript needed).
pub struct TreeNode {
    pub id: Uuid,
    pub name: String,
    pub kind: String,
    pub status: String,
    pub ended: bool,
    pub has_children: bool,
    pub open: bool,
    /// How many open lists end after this row.
    pub closes: usize,
}

/// Turns path-ordered rows into tree rows. `depth_of` gives each row's depth.
pub fn build_tree<T>(rows: &[T], path_of: impl Fn(&T) -> &str, mut make: impl FnMut(&T) -> TreeNode) -> Vec<TreeNode> {
    let depths: Vec<usize> = rows.iter().map(|r| TreePath::parse(path_of(r)).map_or(1, |p| p.depth())).collect();
    let base = depths.iter().copied().min().unwrap_or(1);
    let mut nodes = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let d = depths[i];
        let next = depths.get(i + 1).copied().unwrap_or(base);
        let mut n = make(r);
        n.has_children = next > d && rows.get(i + 1).is_some_and(|nx| path_of(nx).starts_with(path_of(r)));
        n.open = d - base < 2;
        // Closing: if the next row is shallower, close one list per level we climb.
        n.closes = if n.has_children { 0 } else { d.saturating_sub(next.max(base)) };
        nodes.push(n);
    }
    nodes
}

#[derive(Template)]
#[template(path = "orgs/tree.html")]
struct TreePage {
    b: Base,
    nodes: Vec<TreeNode>,
    q: String,
    ended: bool,
    truncated: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TreeQ {
    q: String,
    ended: Option<String>,
}

const TREE_LIMIT: u64 = 2000;

async fn tree(v: Viewer, Query(q): Query<TreeQ>) -> WebResult<Response> {
    v.require()?;
    let ended = q.ended.is_some();
    let filter =
        OrgFilter { name_contains: Some(q.q.trim().to_owned()).filter(|s| !s.is_empty()), include_ended: ended, ..Default::default() };
    let rows = orgs::org_tree(&v.ctx, &filter, TREE_LIMIT).await?;
    let truncated = rows.len() as u64 >= TREE_LIMIT;
    let tr = v.tr;
    let nodes = if filter.name_contains.is_some() {
        // A search shows a flat list of matches.
        rows.iter().map(|o| node(&tr, o)).collect()
    } else {
        build_tree(&rows, |o| o.path.as_str(), |o| node(&tr, o))
    };
    let b = Base::new(&v, "page-orgs", "/orgs");
    Ok(page(&TreePage { b, nodes, q: q.q, ended, truncated }))
}

fn node(tr: &crate::i18n::Tr, o: &Org) -> TreeNode {
    TreeNode {
        id: o.id,
        name: o.name.clone(),
        kind: tr.t(&format!("kind-{}", o.kind)),
        status: tr.t(&format!("status-{}", o.status)),
        ended: o.status != "active",
        has_children: false,
        open: false,
        closes: 0,
    }
}

#[derive(Template)]
#[template(path = "orgs/show.html")]
struct ShowPage {
    b: Base,
    v: OrgView,
    kind: String,
    basis: String,
    status: String,
    people: Option<lianxin_app::people::members::OrgPeople>,
    findings: Vec<(String, String)>,
}

impl ShowPage {
    /// Where a term stands, when it needs attention (ending within the warning months or over).
    fn term(&self, s: &lianxin_core::people::TermState) -> String {
        use lianxin_core::people::TermState::*;
        match s {
            Current => String::new(),
            EndingSoon { days_left } => self.b.tr.ta("term-ending", &[("days", days_left.to_string())]),
            Ended { days_over } => self.b.tr.ta("term-ended", &[("days", days_over.to_string())]),
        }
    }
}

async fn show(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let view = orgs::org(&v.ctx, id).await?;
    let tr = v.tr;
    let b = Base::titled(&v, view.org.name.clone(), &format!("/orgs/{id}"));
    let people = super::people::org_section(&v, id, &view.org.path).await;
    let findings = people
        .as_ref()
        .map(|p| p.findings.iter().map(|f| (format!("{:?}", f.severity()).to_lowercase(), super::people::finding_text(&tr, f))).collect())
        .unwrap_or_default();
    Ok(page(&ShowPage {
        people,
        findings,
        kind: tr.t(&format!("kind-{}", view.org.kind)),
        basis: tr.t(&format!("basis-{}", view.org.basis)),
        status: tr.t(&format!("status-{}", view.org.status)),
        b,
        v: view,
    }))
}

// ---- create and edit ----

/// The organization form as posted; every field is text so nothing is lost on a mistake.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct OrgForm {
    parent_id: String,
    name: String,
    kind: String,
    basis: String,
    established_on: String,
    note: String,
    areas: Vec<String>,
    /// Set by the form, so an edit without this field leaves the areas as they are.
    areas_present: bool,
}

fn parse_form(raw: &[u8]) -> OrgForm {
    let p = crate::form::Pairs::parse(raw);
    OrgForm {
        parent_id: p.value("parent_id"),
        name: p.value("name"),
        kind: p.value("kind"),
        basis: p.value("basis"),
        established_on: p.value("established_on"),
        note: p.value("note"),
        areas: p.all("areas"),
        areas_present: p.has("areas_present"),
    }
}

fn parse_areas(v: &[String]) -> Result<Vec<Uuid>, AppError> {
    v.iter().filter(|s| !s.is_empty()).map(|s| Uuid::parse_str(s).map_err(|_| AppError::invalid("areas", "error-unknown-area"))).collect()
}

impl OrgForm {
    /// The form as the use case's input, or every field at fault at once.
    fn to_new(&self) -> Result<OrgNew, AppError> {
        let mut c = Checks::default();
        let parent = c.take(Uuid::parse_str(self.parent_id.trim()).map_err(|_| AppError::invalid("parent_id", "error-unknown-org")));
        // The name is checked again by the use case; here so its error shows beside the others.
        c.take(lianxin_core::text::clean(&self.name, 200, true).map_err(|e| AppError::invalid("name", e.key())));
        let kind = c.take(OrgKind::parse(&self.kind).ok_or(AppError::invalid("kind", "error-choose")));
        let basis = c.take(OrgBasis::parse(&self.basis).ok_or(AppError::invalid("basis", "error-choose")));
        let areas = c.take(parse_areas(&self.areas));
        let established_on = c.take(super::people::date("established_on", &self.established_on));
        c.finish()?;
        let (Some(parent), Some(kind), Some(basis), Some(areas), Some(established_on)) = (parent, kind, basis, areas, established_on)
        else {
            return Err(AppError::internal("a checked field of the organization form is missing"));
        };
        Ok(OrgNew { parent: Some(parent), name: self.name.clone(), kind, basis, areas, established_on, note: self.note.clone() })
    }
}

async fn org_form_page(v: &Viewer, f: &OrgForm, action: String, editing: bool, title: String) -> WebResult<FormPage> {
    let tr = v.tr;
    // Areas to choose from: the ones served now (always listed, so saving never drops them) and
    // those in the actor's scope (bounded).
    let mut areas = orgs::areas_by_ids(&v.ctx, &f.areas.iter().filter_map(|a| Uuid::parse_str(a).ok()).collect::<Vec<_>>()).await?;
    for a in orgs::area_tree(&v.ctx, 500).await? {
        if !areas.iter().any(|x| x.id == a.id) {
            areas.push(a);
        }
    }
    let mut fields = vec![
        Field::new("parent_id", String::new(), "hidden").value(f.parent_id.clone()),
        Field::new("areas_present", String::new(), "hidden").value("1"),
        Field::text("name", tr.t("field-org-name")).value(f.name.clone()).required(),
    ];
    if !editing {
        fields.push(
            Field::new("kind", tr.t("field-org-kind"), "select")
                .value(f.kind.clone())
                .options(OrgKind::ALL.iter().map(|k| (k.as_str().to_owned(), tr.t(&format!("kind-{k}")))).collect()),
        );
    }
    fields.push(
        Field::new("basis", tr.t("field-org-basis"), "select")
            .value(f.basis.clone())
            .options(OrgBasis::ALL.iter().map(|k| (k.as_str().to_owned(), tr.t(&format!("basis-{k}")))).collect())
            .help(tr.t("help-org-basis")),
    );
    fields.push(
        Field::new("areas", tr.t("field-org-areas"), "checkboxes")
            .value(f.areas.join(","))
            .options(areas.iter().filter(|a| a.level != "group").map(|a| (a.id.to_string(), format!("{} ({})", a.name, a.code))).collect())
            .help(tr.t("help-org-areas")),
    );
    fields.push(Field::new("established_on", tr.t("field-established-on"), "date").value(f.established_on.clone()).help(tr.t("help-date")));
    fields.push(Field::new("note", tr.t("field-note"), "textarea").value(f.note.clone()));
    let mut p = FormPage::new(Base::titled(v, title, &action), action, fields, tr.t("btn-save"));
    // Editing: parent_id holds the organization itself; creating: its parent.
    p.cancel = format!("/orgs/{}", f.parent_id);
    Ok(p)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NewQ {
    parent: String,
}

async fn new_form(v: Viewer, Query(q): Query<NewQ>) -> WebResult<Response> {
    v.require()?;
    let parent = Uuid::parse_str(&q.parent).map_err(|_| AppError::NotFound)?;
    let pv = orgs::org(&v.ctx, parent).await?;
    if !pv.can_change {
        return Err(AppError::Forbidden.into());
    }
    let f = OrgForm { parent_id: parent.to_string(), kind: "branch".into(), basis: "area".into(), ..Default::default() };
    let title = v.tr.ta("page-org-new", &[("parent", pv.org.name.clone())]);
    Ok(org_form_page(&v, &f, "/orgs".into(), false, title).await?.render_ok())
}

async fn create(v: Viewer, RawForm(raw): RawForm) -> WebResult<Response> {
    v.require()?;
    let f = parse_form(&raw);
    let result = match f.to_new() {
        Ok(new) => orgs::create_org(&v.ctx, new).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(o) => Ok(see_other(&format!("/orgs/{}", o.id))),
        Err(e) if is_form_error(&e) => {
            let title = v.tr.t("page-org-new-plain");
            Ok(org_form_page(&v, &f, "/orgs".into(), false, title).await?.with_error(&e))
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let view = orgs::org(&v.ctx, id).await?;
    if !view.can_change {
        return Err(AppError::Forbidden.into());
    }
    let o = &view.org;
    let f = OrgForm {
        parent_id: o.id.to_string(),
        name: o.name.clone(),
        kind: o.kind.clone(),
        basis: o.basis.clone(),
        established_on: o.established_on.map(|d| d.to_string()).unwrap_or_default(),
        note: o.note.clone(),
        areas: view.areas.iter().map(|a| a.id.to_string()).collect(),
        areas_present: true,
    };
    let title = v.tr.ta("page-org-edit", &[("name", o.name.clone())]);
    Ok(org_form_page(&v, &f, format!("/orgs/{id}/edit"), true, title).await?.render_ok())
}

async fn edit(v: Viewer, Path(id): Path<Uuid>, RawForm(raw): RawForm) -> WebResult<Response> {
    v.require()?;
    let mut f = parse_form(&raw);
    f.parent_id = id.to_string();
    let parsed = (|| -> Result<OrgEdit, AppError> {
        Ok(OrgEdit {
            name: Some(f.name.clone()),
            basis: Some(OrgBasis::parse(&f.basis).ok_or(AppError::invalid("basis", "error-choose"))?),
            note: Some(f.note.clone()),
            established_on: Some(super::people::date("established_on", &f.established_on)?),
            areas: if f.areas_present { Some(parse_areas(&f.areas)?) } else { None },
        })
    })();
    let result = match parsed {
        Ok(e) => orgs::update_org(&v.ctx, id, e).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/orgs/{id}"))),
        Err(e) if is_form_error(&e) => {
            let title = v.tr.ta("page-org-edit", &[("name", f.name.clone())]);
            Ok(org_form_page(&v, &f, format!("/orgs/{id}/edit"), true, title).await?.with_error(&e))
        }
        Err(e) => Err(e.into()),
    }
}

// ---- move, merge, dissolve ----

#[derive(Deserialize, Default)]
#[serde(default)]
struct TargetForm {
    target: String,
    reason: String,
}

/// Organizations the actor may pick as a destination (their scope, active only).
async fn destinations(v: &Viewer, except: &Org) -> WebResult<Vec<(String, String)>> {
    let rows = orgs::org_tree(&v.ctx, &OrgFilter::default(), TREE_LIMIT).await?;
    Ok(rows
        .into_iter()
        .filter(|o| !o.path.starts_with(&except.path) && o.kind != "party_group")
        .map(|o| {
            let depth = TreePath::parse(&o.path).map_or(1, |p| p.depth());
            (o.id.to_string(), format!("{}{}", "　".repeat(depth.saturating_sub(1)), o.name))
        })
        .collect())
}

async fn target_page(v: &Viewer, id: Uuid, what: &'static str, chosen: &str) -> WebResult<FormPage> {
    let tr = v.tr;
    let view = orgs::org(&v.ctx, id).await?;
    if !view.can_change {
        return Err(AppError::Forbidden.into());
    }
    let mut opts = vec![(String::new(), tr.t("label-choose"))];
    opts.extend(destinations(v, &view.org).await?);
    let fields = vec![Field::new("target", tr.t(&format!("field-{what}-target")), "select").value(chosen).options(opts).required()];
    let title = tr.ta(&format!("page-org-{what}"), &[("name", view.org.name.clone())]);
    let mut p = FormPage::new(
        Base::titled(v, title, &format!("/orgs/{id}/{what}")),
        format!("/orgs/{id}/{what}"),
        fields,
        tr.t(&format!("btn-{what}")),
    );
    p.intro = tr.t(&format!("help-org-{what}"));
    p.cancel = format!("/orgs/{id}");
    p.danger = what == "merge";
    Ok(p)
}

async fn move_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    Ok(target_page(&v, id, "move", "").await?.render_ok())
}

fn parse_target(s: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(s.trim()).map_err(|_| AppError::invalid("target", "error-choose"))
}

async fn move_(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<TargetForm>) -> WebResult<Response> {
    v.require()?;
    let r = match parse_target(&f.target) {
        Ok(t) => orgs::move_org(&v.ctx, id, t)
            .await
            .map_err(|e| if e.field() == Some("parent_id") { AppError::invalid("target", e.key()) } else { e }),
        Err(e) => Err(e),
    };
    match r {
        Ok(_) => Ok(see_other(&format!("/orgs/{id}"))),
        Err(e) if is_form_error(&e) => Ok(target_page(&v, id, "move", &f.target).await?.with_error(&e)),
        Err(e) => Err(e.into()),
    }
}

async fn merge_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    Ok(target_page(&v, id, "merge", "").await?.render_ok())
}

async fn merge(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<TargetForm>) -> WebResult<Response> {
    v.require()?;
    let r = match parse_target(&f.target) {
        Ok(t) => orgs::merge_org(&v.ctx, id, t)
            .await
            .map_err(|e| if e.field() == Some("into") { AppError::invalid("target", e.key()) } else { e }),
        Err(e) => Err(e),
    };
    match r {
        Ok(_) => Ok(see_other(&format!("/orgs/{id}"))),
        Err(e) if is_form_error(&e) => Ok(target_page(&v, id, "merge", &f.target).await?.with_error(&e)),
        Err(e) => Err(e.into()),
    }
}

async fn dissolve_page(v: &Viewer, id: Uuid, reason: &str) -> WebResult<FormPage> {
    let tr = v.tr;
    let view = orgs::org(&v.ctx, id).await?;
    if !view.can_change {
        return Err(AppError::Forbidden.into());
    }
    let fields = vec![Field::new("reason", tr.t("field-reason"), "textarea").value(reason).required()];
    let title = tr.ta("page-org-dissolve", &[("name", view.org.name.clone())]);
    let mut p = FormPage::new(
        Base::titled(v, title, &format!("/orgs/{id}/dissolve")),
        format!("/orgs/{id}/dissolve"),
        fields,
        tr.t("btn-dissolve"),
    );
    p.intro = tr.t("help-org-dissolve");
    p.cancel = format!("/orgs/{id}");
    p.danger = true;
    Ok(p)
}

async fn dissolve_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    Ok(dissolve_page(&v, id, "").await?.render_ok())
}

async fn dissolve(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<TargetForm>) -> WebResult<Response> {
    v.require()?;
    match orgs::dissolve_org(&v.ctx, id, &f.reason).await {
        Ok(_) => Ok(see_other(&format!("/orgs/{id}"))),
        Err(e) if is_form_error(&e) => Ok(dissolve_page(&v, id, &f.reason).await?.with_error(&e)),
        Err(e) => Err(e.into()),
    }
}
