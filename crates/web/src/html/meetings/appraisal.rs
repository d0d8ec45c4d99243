//! The yearly democratic appraisal: each member's self-assessment and mutual assessment, a grade
//! for every full member, with the cap on excellent grades shown by the rule that enforces it.

use askama::Template;
use axum::{
    body::Bytes,
    extract::{Path, Query},
    response::Response,
};
use chrono::Datelike;
use lianxin_app::{
    AppError,
    meetings::appraisal::{self, Entry, Sheet},
};
use lianxin_core::meetings::Grade;
use serde::Deserialize;
use uuid::Uuid;

use crate::{
    Viewer,
    error::WebResult,
    form::Pairs,
    html::{Base, page, page_with, see_other},
    rules,
};

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct Q {
    year: String,
}

#[derive(Template)]
#[template(path = "meetings/appraisal.html")]
struct SheetPage {
    b: Base,
    s: Sheet,
    grades: Vec<(String, String)>,
    cap: Vec<String>,
    error: String,
}

async fn render(v: &Viewer, id: Uuid, year: i32, error: Option<&AppError>) -> WebResult<Response> {
    let tr = v.tr;
    let s = appraisal::sheet(&v.ctx, id, year).await?;
    let cap = match lianxin_core::rules::find("appraisal") {
        Some(rule) => {
            let values = [("full_members", s.full_members), ("excellent", s.excellent.min(s.full_members))]
                .iter()
                .map(|(k, n)| ((*k).to_owned(), n.to_string()))
                .collect();
            rules::answer(&v.ctx.app, rule, &values)
                .map(|e| e.reasons.iter().map(|r| rules::reason_text(&tr, r)).collect())
                .unwrap_or_default()
        }
        None => Vec::new(),
    };
    let grades = Grade::ALL.iter().map(|g| (g.as_str().to_owned(), tr.t(&format!("grade-{g}")))).collect();
    let b = Base::titled(
        v,
        tr.ta("page-appraisal-of", &[("name", s.org_name.clone()), ("year", year.to_string())]),
        &format!("/orgs/{id}/appraisal"),
    );
    let status = error.map(crate::error::status_of);
    let error = error.map(|e| crate::shell::error_text(&tr, e)).unwrap_or_default();
    let p = SheetPage { b, s, grades, cap, error };
    Ok(match status {
        Some(st) => page_with(st, &p),
        None => page(&p),
    })
}

fn year_of(v: &Viewer, q: &str) -> i32 {
    let this = v.ctx.app.today().year();
    q.trim().parse().ok().filter(|y| (2000..=this).contains(y)).unwrap_or(this)
}

pub(super) async fn sheet(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<Q>) -> WebResult<Response> {
    v.require()?;
    let year = year_of(&v, &q.year);
    render(&v, id, year, None).await
}

pub(super) async fn save(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<Q>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let year = year_of(&v, &if q.year.is_empty() { f.value("year") } else { q.year.clone() });
    let entries: Vec<Entry> = f
        .all("person")
        .iter()
        .filter_map(|p| Uuid::parse_str(p.trim()).ok())
        .map(|p| Entry {
            person_id: p,
            self_assessment: f.value(&format!("self.{p}")),
            mutual_assessment: f.value(&format!("mutual.{p}")),
            grade: Grade::parse(f.value(&format!("grade.{p}")).trim()),
        })
        .collect();
    match appraisal::save(&v.ctx, id, year, entries).await {
        Ok(_) => Ok(see_other(&format!("/orgs/{id}/appraisal?year={year}"))),
        Err(e) if crate::shell::is_form_error(&e) => render(&v, id, year, Some(&e)).await,
        Err(e) => Err(e.into()),
    }
}
