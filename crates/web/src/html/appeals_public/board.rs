//! The public board of a village (or a township, or a county): what was asked and what was done
//! over the last twelve months — big numbers, three charts, counts by kind of need, and the
//! public needs themselves. Never a name or a phone.

use askama::Template;
use axum::{
    extract::{Path, Query},
    response::Response,
};
use lianxin_app::appeals::board::{self, Board, MonthFigure};
use lianxin_core::{
    appeals::{format_tracking_code, summary},
    paging::{Shown, Window},
};
use serde::Deserialize;
use uuid::Uuid;

use super::{hours_text, state_word, villager_base};
use crate::{
    Viewer,
    error::WebResult,
    html::{
        Base,
        charts::{self, Series},
        page,
    },
    i18n::Tr,
    shell::pager::Pager,
};

const RED: &str = "#b3261e";
const GREEN: &str = "#1e6b32";
const BLUE: &str = "#0b4fa8";

/// One public need in the list.
pub struct Row {
    code: String,
    shown_code: String,
    category: String,
    state: String,
    summary: String,
    filed: String,
    supporters: i32,
}

/// One month of the table under the charts.
pub struct MonthRow {
    label: String,
    filed: u64,
    resolved: u64,
    median: String,
    satisfaction: String,
}

#[derive(Template)]
#[template(path = "appeals/public/board.html")]
struct BoardPage {
    b: Base,
    board: Board,
    is_village: bool,
    /// What the board is about, naming the place (a township's board is not "本村").
    lead: String,
    median: String,
    median_caption: String,
    satisfaction: String,
    volume_chart: String,
    time_chart: String,
    satisfaction_chart: String,
    months: Vec<MonthRow>,
    rows: Vec<Row>,
    next_link: Option<String>,
    /// What the enterprises and cooperatives of the village and above offer villagers now.
    offers: Vec<OfferCard>,
    offers_pager: Pager,
}

/// An open offer on a village's board.
pub struct OfferCard {
    enterprise: String,
    kind: String,
    title: String,
    detail: String,
    places: Option<i32>,
    how_to: String,
    until: Option<chrono::NaiveDate>,
}

impl BoardPage {
    fn supporters(&self, n: &i32) -> String {
        self.b.tr.ta("label-need-supported-by", &[("count", n.to_string())])
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BoardQ {
    before: Option<Uuid>,
    /// How many open offers come before the page of offers shown.
    offers_from: Option<u64>,
}

/// Offers a village's board shows at a time.
const OFFERS_PAGE: u64 = 20;

/// "5月" / "May" for "2026-05".
fn month_label(tr: &Tr, month: &str) -> String {
    let m: u32 = month.rsplit('-').next().and_then(|m| m.parse().ok()).unwrap_or(0);
    if (1..=12).contains(&m) { tr.t(&format!("need-month-{m}")) } else { month.to_owned() }
}

fn percent(x: Option<f64>) -> Option<String> {
    x.map(|r| format!("{:.0}%", r * 100.0))
}

/// The three charts, from the twelve months of figures.
fn charts(tr: &Tr, area: &str, months: &[MonthFigure]) -> (String, String, String) {
    let labels: Vec<String> = months.iter().map(|m| month_label(tr, &m.month)).collect();
    let filed: Vec<Option<f64>> = months.iter().map(|m| Some(m.filed as f64)).collect();
    let resolved: Vec<Option<f64>> = months.iter().map(|m| Some(m.resolved as f64)).collect();
    let (filed_name, resolved_name) = (tr.t("label-need-filed"), tr.t("label-need-resolved"));
    let volume = charts::bars(
        "chart-volume",
        &tr.t("label-need-chart-volume"),
        &tr.ta("help-need-chart-volume", &[("name", area.to_owned())]),
        &labels,
        &[Series { name: &filed_name, values: &filed, color: RED }, Series { name: &resolved_name, values: &resolved, color: GREEN }],
        &tr.t("label-need-unit-items"),
    );
    // Days when any month took two days or more, hours otherwise.
    let in_days = months.iter().filter_map(|m| m.median_hours).any(|h| h >= 48);
    let time: Vec<Option<f64>> =
        months.iter().map(|m| m.median_hours.map(|h| if in_days { (h as f64 / 24.0 * 10.0).round() / 10.0 } else { h as f64 })).collect();
    let time_name = tr.t("label-need-median");
    let unit = tr.t(if in_days { "label-need-unit-days" } else { "label-need-unit-hours" });
    let time_chart = charts::line(
        "chart-time",
        &tr.t("label-need-chart-time"),
        &tr.t("help-need-chart-time"),
        &labels,
        &Series { name: &time_name, values: &time, color: BLUE },
        &unit,
        None,
    );
    let sat: Vec<Option<f64>> = months.iter().map(|m| m.satisfaction.map(|r| (r * 1000.0).round() / 10.0)).collect();
    let sat_name = tr.t("label-need-satisfaction");
    let sat_chart = charts::line(
        "chart-satisfaction",
        &tr.t("label-need-chart-satisfaction"),
        &tr.t("help-need-chart-satisfaction"),
        &labels,
        &Series { name: &sat_name, values: &sat, color: GREEN },
        "%",
        Some(100.0),
    );
    (volume, time_chart, sat_chart)
}

pub async fn show(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<BoardQ>) -> WebResult<Response> {
    let board = board::board(&v.ctx, id, q.before).await?;
    let tr = v.tr;
    let f = &board.figures;
    let none = tr.t("label-need-none-yet");
    let median = f.median_hours.map(|h| hours_text(&tr, h)).unwrap_or_else(|| none.clone());
    // "Half of the needs are done within 3 days", rather than a statistician's word.
    let median_caption = match f.median_hours {
        Some(h) => tr.ta("label-need-median-long", &[("name", hours_text(&tr, h))]),
        None => tr.t("label-need-median"),
    };
    let lead = tr.ta("help-need-board", &[("name", board.area_name.clone())]);
    let satisfaction = percent(f.satisfaction).unwrap_or_else(|| tr.t("label-need-no-ratings"));
    let (volume_chart, time_chart, satisfaction_chart) = charts(&tr, &board.area_name, &f.months);
    let months = f
        .months
        .iter()
        .map(|m| MonthRow {
            label: m.month.clone(),
            filed: m.filed,
            resolved: m.resolved,
            median: m.median_hours.map(|h| hours_text(&tr, h)).unwrap_or_else(|| "—".into()),
            satisfaction: percent(m.satisfaction).unwrap_or_else(|| "—".into()),
        })
        .collect();
    let offset = v.ctx.settings().display_utc_offset_minutes;
    let rows = board
        .appeals
        .iter()
        .map(|a| Row {
            code: a.code.clone(),
            shown_code: format_tracking_code(&a.code),
            category: a.category.clone(),
            state: state_word(&tr, &a.status),
            summary: summary(&a.description, 60),
            filed: super::day_text(&tr, offset, a.created_at),
            supporters: a.supporters,
        })
        .collect();
    let is_village = board.level == "village";
    let window = Window::new(q.offers_from, OFFERS_PAGE);
    let offers = if is_village { lianxin_app::enterprises::on_board(&v.ctx, id, window).await? } else { Shown::of(Vec::new(), window) };
    let base_path = if is_village { format!("/villages/{id}/board") } else { format!("/areas/{id}/board") };
    let offers_pager = Pager::of(tr, &offers, OFFERS_PAGE, &base_path, "offers_from", "#offers");
    let offers = offers
        .items
        .into_iter()
        .map(|o| OfferCard {
            enterprise: o.enterprise,
            kind: tr.t(&format!("offer-kind-{}", o.offer.kind)),
            title: o.offer.title,
            detail: o.offer.detail,
            places: o.offer.places,
            how_to: o.offer.how_to,
            until: o.offer.valid_until,
        })
        .collect();
    let next_link = board.next.map(|n| format!("{base_path}?before={n}"));
    let b = villager_base(&v, tr.ta("page-need-board", &[("name", board.area_name.clone())]), &base_path);
    Ok(page(&BoardPage {
        b,
        is_village,
        lead,
        median,
        median_caption,
        satisfaction,
        volume_chart,
        time_chart,
        satisfaction_chart,
        months,
        rows,
        next_link,
        offers,
        offers_pager,
        board,
    }))
}

#[derive(Template)]
#[template(path = "appeals/public/boards.html")]
struct BoardsPage {
    b: Base,
    townships: Vec<lianxin_app::appeals::mine::TownshipVillages>,
    several_counties: bool,
}

impl BoardsPage {
    fn area_board(&self, name: &str) -> String {
        self.b.tr.ta("btn-need-area-board", &[("name", name.to_owned())])
    }
}

/// `/boards`: every village's public board, by township, for anyone (the home page links it).
pub async fn list(v: Viewer) -> WebResult<Response> {
    let townships = lianxin_app::appeals::mine::villages(&v.ctx).await?;
    let mut counties: Vec<&str> = townships.iter().map(|t| t.county.as_str()).collect();
    counties.dedup();
    let several_counties = counties.len() > 1;
    let b = villager_base(&v, v.tr.t("page-need-boards"), "/boards");
    Ok(page(&BoardsPage { b, townships, several_counties }))
}
