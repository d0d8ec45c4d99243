//! Pages of the leaders' candidate pool: where the pools start (the organizations below the
//! viewer's), and an organization's pool of a year — the eligible members ranked by their
//! service record with each figure opening its evidence, the others with why — and its Excel.

use askama::Template;
use axum::{
    Router,
    extract::{Path, Query},
    response::Response,
    routing::get,
};
use lianxin_app::{
    AppError,
    leaders::{self, Candidate, Pool},
};
use lianxin_core::{rules::leaders::standing_reason, study::hours_text};
use uuid::Uuid;

use crate::{
    AppState, Viewer,
    error::WebResult,
    html::{Base, page},
    i18n::Tr,
    rules::reason_text,
    shell::{
        XLSX, download,
        years::{YearQ, recent_years, year_of},
    },
};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/leaders", get(home)).route("/orgs/{id}/leaders", get(show)).route("/orgs/{id}/leaders.xlsx", get(export))
}

#[derive(Template)]
#[template(path = "leaders/home.html")]
struct HomePage {
    b: Base,
    orgs: Vec<(Uuid, String)>,
}

async fn home(v: Viewer) -> WebResult<Response> {
    v.require()?;
    let (org, below) = leaders::start(&v.ctx).await?;
    let b = Base::titled(&v, v.tr.ta("page-leaders-home", &[("name", org.name)]), "/leaders");
    Ok(page(&HomePage { b, orgs: below.into_iter().map(|o| (o.id, o.name)).collect() }))
}

/// A member's row, in words, with the links to the evidence.
struct Row {
    rank: usize,
    member_id: Uuid,
    name: String,
    points: i32,
    needs: String,
    attendance: String,
    study: String,
    study_met: bool,
    grade: String,
    care: u64,
    services: u64,
    why: String,
}

fn row(tr: &Tr, rank: usize, c: &Candidate) -> Row {
    let r = &c.record;
    Row {
        rank,
        member_id: c.member.id,
        name: c.member.person_name.clone(),
        points: r.points,
        needs: tr.ta("label-leaders-needs", &[("count", r.resolved.to_string()), ("satisfied", r.satisfied.to_string())]),
        attendance: match r.attendance() {
            Some(per_mille) => tr.ta(
                "label-leaders-attendance",
                &[
                    ("present", r.present.to_string()),
                    ("count", (r.present + r.absent).to_string()),
                    ("percent", (per_mille / 10).to_string()),
                ],
            ),
            None => tr.t("label-leaders-no-meetings"),
        },
        study: tr.ta("label-study-hours", &[("hours", hours_text(r.study_tenths))]),
        study_met: r.study_met,
        grade: c.grade.map_or_else(|| "—".to_owned(), |(g, y)| format!("{}（{y}）", tr.t(&format!("grade-{}", g.as_str())))),
        care: r.care,
        services: c.enterprise_services,
        why: reason_text(tr, &standing_reason(c.standing)),
    }
}

#[derive(Template)]
#[template(path = "leaders/pool.html")]
struct PoolPage {
    b: Base,
    org_id: Uuid,
    year: i32,
    years: Vec<i32>,
    /// The pool's lists ([`PoolPart`]), written once per kept pool.
    part: std::sync::Arc<str>,
}

/// What the page shows of a kept pool (kept by organization and year): the ranked, the others
/// with why, the organizations below.
#[derive(Template)]
#[template(path = "leaders/pool_part.html")]
struct PoolPart {
    tr: Tr,
    org_id: Uuid,
    year: i32,
    ranked: Vec<Row>,
    others: Vec<Row>,
    below: Vec<(Uuid, String)>,
}

fn rows(tr: &Tr, p: &Pool) -> (Vec<Row>, Vec<Row>) {
    (p.ranked.iter().enumerate().map(|(i, c)| row(tr, i + 1, c)).collect(), p.others.iter().map(|c| row(tr, 0, c)).collect())
}

async fn show(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let year = year_of(&v, &q.year);
    let p = leaders::pool(&v.ctx, id, year).await?;
    let part = crate::shell::parts::part(&p, tr, "leaders-pool", || {
        let (ranked, others) = rows(&tr, &p);
        let below = p.below.iter().map(|o| (o.id, o.name.clone())).collect();
        crate::shell::parts::html(&PoolPart { tr, org_id: id, year, ranked, others, below })
    });
    let title = tr.ta("page-leaders", &[("name", p.org.name.clone()), ("year", year.to_string())]);
    let b = Base::titled(&v, title, &format!("/orgs/{id}/leaders"));
    Ok(page(&PoolPage { b, org_id: id, year, years: recent_years(&v), part }))
}

/// The pool as a spreadsheet, in words: the ranked first, then the others with why.
async fn export(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let year = year_of(&v, &q.year);
    let p = leaders::pool(&v.ctx, id, year).await?;
    let (ranked, others) = rows(&tr, &p);
    let headers = [
        "field-leaders-rank",
        "field-person-name",
        "field-leaders-points",
        "field-leaders-needs",
        "field-leaders-attendance",
        "field-leaders-study",
        "field-leaders-grade",
        "field-leaders-care",
        "field-leaders-services",
        "field-leaders-standing",
    ]
    .map(|k| tr.t(k))
    .to_vec();
    let rows: Vec<Vec<String>> = ranked
        .into_iter()
        .chain(others)
        .map(|r| {
            let rank = if r.rank == 0 { "—".to_owned() } else { r.rank.to_string() };
            vec![
                rank,
                r.name,
                r.points.to_string(),
                r.needs,
                r.attendance,
                r.study,
                r.grade,
                r.care.to_string(),
                r.services.to_string(),
                r.why,
            ]
        })
        .collect();
    let bytes =
        lianxin_app::sheets::write_xlsx(&tr.t("nav-leaders"), &headers, rows).map_err(|e| AppError::internal(format!("xlsx: {e:?}")))?;
    let name = format!("{}-{year}-{}.xlsx", p.org.name, tr.t("nav-leaders"));
    Ok(download(bytes, XLSX, &name, &format!("leaders-{year}.xlsx")))
}
