//! The public board of a village (and the same figures for a township or county): what was asked
//! and what was done, without personal data — counts by category, median time to resolve,
//! satisfaction, month by month for the charts, and the public appeals with their status.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, Utc};
use lianxin_core::appeals::{Rating, median, satisfaction_rate};
use lianxin_store::{appeals as store, orgs as orgs_store};
use serde::Serialize;
use uuid::Uuid;

use super::{PublicAppeal, Reader, public_views};
use crate::{AppError, Ctx, Result, input::path};

#[derive(Clone, Debug, Default, Serialize)]
pub struct MonthFigure {
    /// "2026-05" in the display time zone.
    pub month: String,
    pub filed: u64,
    pub resolved: u64,
    pub median_hours: Option<i64>,
    pub satisfaction: Option<f64>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct CategoryFigure {
    pub service_code: String,
    pub name: String,
    pub filed: u64,
    pub open: u64,
    pub done: u64,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Figures {
    pub filed: u64,
    pub open: u64,
    pub done: u64,
    pub median_hours: Option<i64>,
    pub satisfied: u64,
    pub basically: u64,
    pub unsatisfied: u64,
    pub satisfaction: Option<f64>,
    pub by_category: Vec<CategoryFigure>,
    pub months: Vec<MonthFigure>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Board {
    pub area_id: Uuid,
    pub area_name: String,
    pub level: String,
    pub figures: Figures,
    pub appeals: Vec<PublicAppeal>,
    pub next: Option<Uuid>,
}

/// Figures over the last twelve months of an area subtree (anyone may read them: no personal data).
pub async fn figures(ctx: &Ctx, area: &orgs_store::Area) -> Result<Figures> {
    let c = ctx.db().conn();
    let now = ctx.now();
    let offset = Duration::minutes(i64::from(ctx.settings().display_utc_offset_minutes));
    let local_now = now + offset;
    // From the first day of the month eleven months ago.
    let mut y = local_now.year();
    let mut m = local_now.month() as i32 - 11;
    while m < 1 {
        m += 12;
        y -= 1;
    }
    let start_local =
        chrono::NaiveDate::from_ymd_opt(y, m as u32, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).ok_or_else(|| AppError::internal("date"))?;
    let since = DateTime::<Utc>::from_naive_utc_and_offset(start_local, Utc) - offset;
    let rows = store::figure_rows(c, &path(&area.path)?, since).await?;
    let month_of = |t: DateTime<Utc>| (t + offset).format("%Y-%m").to_string();
    let mut months: BTreeMap<String, (MonthFigure, Vec<i64>, [u64; 3])> = BTreeMap::new();
    let (mut yy, mut mm) = (y, m);
    for _ in 0..12 {
        let key = format!("{yy:04}-{mm:02}");
        months.insert(key.clone(), (MonthFigure { month: key, ..Default::default() }, Vec::new(), [0; 3]));
        mm += 1;
        if mm > 12 {
            mm = 1;
            yy += 1;
        }
    }
    let mut f = Figures::default();
    let mut all_hours = Vec::new();
    let mut cats: BTreeMap<String, CategoryFigure> = BTreeMap::new();
    for r in &rows {
        f.filed += 1;
        let open = store::ACTIVE.contains(&r.status.as_str());
        let cat = cats
            .entry(r.service_code.clone())
            .or_insert_with(|| CategoryFigure { service_code: r.service_code.clone(), ..Default::default() });
        cat.filed += 1;
        if open {
            f.open += 1;
            cat.open += 1;
        } else {
            f.done += 1;
            cat.done += 1;
        }
        if let Some(e) = months.get_mut(&month_of(r.created_at)) {
            e.0.filed += 1;
        }
        if let Some(done) = r.resolved_at {
            let hours = (done - r.created_at).num_hours().max(0);
            all_hours.push(hours);
            if let Some(e) = months.get_mut(&month_of(done)) {
                e.0.resolved += 1;
                e.1.push(hours);
            }
        }
        if let Some(rating) = r.rating.as_deref().and_then(Rating::parse) {
            let i = match rating {
                Rating::Satisfied => 0,
                Rating::Basically => 1,
                Rating::Unsatisfied => 2,
            };
            match i {
                0 => f.satisfied += 1,
                1 => f.basically += 1,
                _ => f.unsatisfied += 1,
            }
            if let Some(e) = months.get_mut(&month_of(r.created_at)) {
                e.2[i] += 1;
            }
        }
    }
    f.median_hours = median(&mut all_hours);
    f.satisfaction = satisfaction_rate(f.satisfied, f.basically, f.unsatisfied);
    f.months = months
        .into_values()
        .map(|(mut mf, mut hours, r)| {
            mf.median_hours = median(&mut hours);
            mf.satisfaction = satisfaction_rate(r[0], r[1], r[2]);
            mf
        })
        .collect();
    // Names of the county's categories.
    let codes: Vec<String> = cats.keys().cloned().collect();
    if !codes.is_empty() {
        let county = county_of(ctx, area).await?;
        if let Some(county) = county {
            for k in store::categories(c, county, false).await? {
                if let Some(cf) = cats.get_mut(&k.code) {
                    cf.name = if ctx.locale == crate::Locale::EnUs { k.name_en } else { k.name_zh };
                }
            }
        }
    }
    let mut by: Vec<CategoryFigure> = cats.into_values().collect();
    by.sort_by(|a, b| b.filed.cmp(&a.filed).then(a.service_code.cmp(&b.service_code)));
    f.by_category = by;
    Ok(f)
}

/// Figures are computed at most once a minute per area and language: the board is public, and a
/// county's figures read a year of its appeals.
async fn cached_figures(ctx: &Ctx, area: &orgs_store::Area) -> Result<Figures> {
    type Cache = std::sync::Mutex<std::collections::HashMap<(String, Uuid, &'static str), (DateTime<Utc>, Figures)>>;
    static CACHE: std::sync::OnceLock<Cache> = std::sync::OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = (ctx.db().display_url(), area.id, ctx.locale.tag());
    let now = ctx.now();
    if let Ok(map) = cache.lock()
        && let Some((at, f)) = map.get(&key)
        && now >= *at
        && now - *at < Duration::seconds(60)
    {
        return Ok(f.clone());
    }
    let f = figures(ctx, area).await?;
    if let Ok(mut map) = cache.lock() {
        if map.len() > 10_000 {
            map.clear();
        }
        map.insert(key, (now, f.clone()));
    }
    Ok(f)
}

/// The county an area belongs to (itself when it is one).
pub(crate) async fn county_of(ctx: &Ctx, area: &orgs_store::Area) -> Result<Option<Uuid>> {
    if area.level == "county" {
        return Ok(Some(area.id));
    }
    let p = path(&area.path)?;
    let ids: Vec<Uuid> = p.ancestors().iter().filter_map(lianxin_core::tree::TreePath::last_id).collect();
    Ok(orgs_store::areas_by_ids(ctx.db().conn(), &ids).await?.into_iter().find(|a| a.level == "county").map(|a| a.id))
}

/// The public board of an area (a village, or a township or county for their own pages): the
/// figures, and one page of public appeals newest first.
pub async fn board(ctx: &Ctx, area_id: Uuid, before: Option<Uuid>) -> Result<Board> {
    let c = ctx.db().conn();
    let area = orgs_store::area(c, area_id).await?.ok_or(AppError::NotFound)?;
    // Boards exist for villages, townships and counties; above that the figures would read a
    // province's appeals on an anonymous page view.
    if !matches!(area.level.as_str(), "village" | "township" | "county") {
        return Err(AppError::NotFound);
    }
    let figures = cached_figures(ctx, &area).await?;
    let sf = store::AppealFilter { village_subtree: Some(path(&area.path)?), public_only: true, ..Default::default() };
    let mut rows = store::list(c, &sf, before, 21).await?;
    let next = if rows.len() > 20 {
        rows.truncate(20);
        rows.last().map(|a| a.id)
    } else {
        None
    };
    let appeals = public_views(c, &rows, ctx.locale, Reader::Anyone).await?;
    Ok(Board { area_id: area.id, area_name: area.name, level: area.level, figures, appeals, next })
}
