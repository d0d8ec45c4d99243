//! The villages below a township (or county) as a table and a chart: open, overdue, sent up,
//! satisfaction and the median time to an answer, each row leading into that village's queue.

use askama::Template;
use axum::{extract::Query, response::Response};
use lianxin_app::appeals::{
    people_choice::{self, Choice},
    villages::{self, VillageFigures},
};
use serde::Deserialize;
use uuid::Uuid;

use crate::{
    Viewer,
    error::WebResult,
    html::{
        Base,
        charts::{self, Series},
        people::opt,
    },
};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct VillagesQ {
    org: String,
}

#[derive(Template)]
#[template(path = "appeals/staff/villages.html")]
struct VillagesPage {
    b: Base,
    org: Uuid,
    orgs: Vec<Choice>,
    rows: Vec<VillageFigures>,
    chart: String,
}

impl VillagesPage {
    fn is_org(&self, id: &Uuid) -> bool {
        self.org == *id
    }

    fn percent(&self, v: &Option<f64>) -> String {
        v.map_or_else(|| "—".to_owned(), |p| format!("{:.0}%", p * 100.0))
    }

    /// Hours under two days, days (one decimal) beyond.
    fn duration(&self, h: &Option<i64>) -> String {
        match *h {
            None => "—".to_owned(),
            Some(0) => self.b.tr.t("label-staff-under-hour"),
            Some(h) if h < 48 => self.b.tr.ta("label-staff-late-hours", &[("count", h.to_string())]),
            Some(h) => self.b.tr.ta("label-staff-late-days", &[("count", format!("{:.1}", h as f64 / 24.0))]),
        }
    }

    fn queue(&self, r: &VillageFigures) -> String {
        format!("/appeals?queue=all&org={}&village={}", self.org, r.village_id)
    }
}

pub async fn villages(v: Viewer, Query(q): Query<VillagesQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let orgs = people_choice::queue_orgs(&v.ctx).await?;
    let table = villages::village_table(&v.ctx, opt(&q.org, |s| Uuid::parse_str(s).ok())).await?;
    let labels: Vec<String> = table.villages.iter().map(|r| r.name.clone()).collect();
    let col = |f: fn(&VillageFigures) -> u64| table.villages.iter().map(|r| Some(f(r) as f64)).collect::<Vec<_>>();
    let (open, overdue, escalated) = (col(|r| r.open), col(|r| r.overdue), col(|r| r.escalated));
    let (n_open, n_overdue, n_escalated) = (tr.t("label-staff-open"), tr.t("label-staff-overdue"), tr.t("label-staff-escalated"));
    let chart = charts::bars(
        "chart-villages",
        &tr.t("label-staff-villages-chart"),
        &tr.t("help-staff-villages-chart"),
        &labels,
        &[
            Series { name: &n_open, values: &open, color: "#0b4fa8" },
            Series { name: &n_overdue, values: &overdue, color: "#b3261e" },
            Series { name: &n_escalated, values: &escalated, color: "#8a5a00" },
        ],
        &tr.t("label-need-unit-items"),
    );
    let b = Base::new(&v, "page-staff-villages", "/appeals/villages");
    Ok(crate::html::page(&VillagesPage { b, org: table.org, orgs, rows: table.villages, chart }))
}
