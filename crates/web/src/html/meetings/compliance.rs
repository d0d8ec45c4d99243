//! The cadence compliance of a subtree: which required meetings were held, held late or are
//! missing, each with the rule it answers to; a line per organization below, a chart by month,
//! drill-down to the branch, and the whole list as an Excel workbook in Chinese.

use askama::Template;
use axum::{
    extract::{Path, Query},
    response::Response,
};
use chrono::Datelike;
use lianxin_app::{
    Locale,
    meetings::compliance::{self, Compliance},
};
use lianxin_core::meetings::{PeriodState, Tally};
use serde::Deserialize;
use uuid::Uuid;

use super::kind_word;
use crate::{
    Viewer,
    error::WebResult,
    html::{Base, charts, page},
    i18n::Tr,
    rules::period_words,
    shell::{XLSX, download},
};

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct Q {
    year: String,
}

pub struct LineRow {
    pub id: Uuid,
    pub name: String,
    pub tally: Tally,
    pub behind_orgs: u64,
    pub orgs: u64,
    pub class: &'static str,
}

pub struct CheckRow {
    pub requirement: String,
    pub period: String,
    pub state: String,
    pub state_code: &'static str,
    pub held_on: String,
    pub source: String,
}

#[derive(Template)]
#[template(path = "meetings/compliance.html")]
struct Overview {
    b: Base,
    id: Uuid,
    year: i32,
    years: Vec<i32>,
    /// Everything below the year's choice ([`OverviewPart`]), written once per kept overview.
    part: std::sync::Arc<str>,
}

/// What the page shows of a kept overview: it depends only on the overview (kept by its
/// organization and year) and the language.
#[derive(Template)]
#[template(path = "meetings/compliance_part.html")]
struct OverviewPart {
    tr: Tr,
    id: Uuid,
    year: i32,
    headlines: Vec<String>,
    lines: Vec<LineRow>,
    checks: Vec<CheckRow>,
    chart: String,
    total: Tally,
}

fn requirement_words(tr: &Tr, kind: &str, pair: Option<&str>) -> String {
    match pair {
        Some(p) => format!("{}（{}）", kind_word(tr, kind), tr.t(&format!("talk-pair-{p}"))),
        None => kind_word(tr, kind),
    }
}

fn state_words(tr: &Tr, s: PeriodState) -> String {
    tr.t(&format!("compliance-{}", s.as_str()))
}

async fn load(v: &Viewer, id: Uuid, q: &Q) -> WebResult<(std::sync::Arc<Compliance>, i32)> {
    let this_year = v.ctx.app.today().year();
    let year = q.year.trim().parse().ok().filter(|y| (2000..=this_year).contains(y)).unwrap_or(this_year);
    let (from, to) = compliance::year_range(year);
    Ok((compliance::compliance(&v.ctx, id, from, to).await?, year))
}

fn check_rows(tr: &Tr, c: &Compliance, only: Uuid) -> Vec<CheckRow> {
    c.orgs
        .iter()
        .filter(|o| o.org.id == only)
        .flat_map(|o| o.checks.iter())
        .map(|k| CheckRow {
            requirement: requirement_words(tr, k.requirement.kind.as_str(), k.requirement.pair.map(|p| p.as_str())),
            period: period_words(tr, &k.period.code()),
            state: state_words(tr, k.state),
            state_code: k.state.as_str(),
            held_on: k.held_on.map(|d| d.to_string()).unwrap_or_default(),
            source: k.source.cite(),
        })
        .collect()
}

pub(super) async fn overview(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<Q>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let (c, year) = load(&v, id, &q).await?;
    let part = crate::shell::parts::part(&c, tr, "meetings-compliance", || crate::shell::parts::html(&OverviewPart::of(&c, tr, id, year)));
    let this_year = v.ctx.app.today().year();
    let b = Base::titled(
        &v,
        tr.ta("page-compliance-of", &[("name", c.root.name.clone()), ("year", year.to_string())]),
        &format!("/orgs/{id}/compliance"),
    );
    Ok(page(&Overview { b, id, year, years: (this_year - 4..=this_year).rev().collect(), part }))
}

impl OverviewPart {
    fn of(c: &Compliance, tr: Tr, id: Uuid, year: i32) -> Self {
        let headlines = c
            .kinds
            .iter()
            .filter(|k| k.required > 1 || k.not_held > 0)
            .map(|k| {
                tr.ta(
                    "msg-compliance-kind",
                    &[
                        ("count", k.not_held.to_string()),
                        ("size", k.required.to_string()),
                        ("name", requirement_words(&tr, k.kind.as_str(), k.pair.map(|p| p.as_str()))),
                        ("time", period_words(&tr, &k.period.code())),
                    ],
                )
            })
            .collect();
        let lines = c
            .lines
            .iter()
            .map(|l| LineRow {
                id: l.org.id,
                name: l.org.name.clone(),
                tally: l.tally,
                behind_orgs: l.behind_orgs,
                orgs: l.orgs,
                class: if l.tally.missing > 0 {
                    "state-missing"
                } else if l.tally.late > 0 {
                    "state-late"
                } else {
                    "state-held"
                },
            })
            .collect();
        let labels: Vec<String> = c.months.iter().map(|(p, _)| period_words(&tr, &p.code())).collect();
        let held: Vec<Option<f64>> = c.months.iter().map(|(_, t)| Some(t.held as f64)).collect();
        let behind: Vec<Option<f64>> = c.months.iter().map(|(_, t)| Some(t.behind() as f64)).collect();
        let (held_name, behind_name) = (tr.t("compliance-held"), tr.t("label-compliance-behind"));
        let chart = charts::bars(
            "chart-compliance",
            &tr.t("label-compliance-chart"),
            &tr.ta("help-compliance-chart", &[("name", c.root.name.clone())]),
            &labels,
            &[
                charts::Series { name: &held_name, values: &held, color: "#1e6b32" },
                charts::Series { name: &behind_name, values: &behind, color: "#b3261e" },
            ],
            &tr.t("label-compliance-unit"),
        );
        OverviewPart { tr, id, year, headlines, lines, checks: check_rows(&tr, c, id), chart, total: c.total }
    }
}

/// Every check of the subtree, one row each, in Chinese (the county's own spreadsheets are).
pub(super) async fn export(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<Q>) -> WebResult<Response> {
    v.require()?;
    let (c, year) = load(&v, id, &q).await?;
    let zh = Tr(Locale::ZhCn);
    let headers: Vec<String> = ["组织", "会议", "期间", "情况", "召开日期", "依据"].iter().map(|s| (*s).to_owned()).collect();
    let rows = c.orgs.iter().flat_map(|o| {
        o.checks.iter().map(|k| {
            vec![
                o.org.name.clone(),
                requirement_words(&zh, k.requirement.kind.as_str(), k.requirement.pair.map(|p| p.as_str())),
                period_words(&zh, &k.period.code()),
                state_words(&zh, k.state),
                k.held_on.map(|d| d.to_string()).unwrap_or_default(),
                k.source.cite(),
            ]
        })
    });
    let bytes = lianxin_app::sheets::write_xlsx("组织生活", &headers, rows.collect::<Vec<_>>())
        .map_err(|e| lianxin_app::AppError::internal(format!("xlsx: {e:?}")))?;
    let name = format!("{}-{year}-组织生活.xlsx", c.root.name);
    Ok(download(bytes, XLSX, &name, &format!("compliance-{year}.xlsx")))
}
