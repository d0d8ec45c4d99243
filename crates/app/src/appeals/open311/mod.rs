//! What Open311 (GeoReport v2, served by `web::open311`) reads: jurisdictions (counties, by area
//! code), their categories, and their PUBLIC appeals. These are anonymous reads of public data, so
//! no policy decision is involved; every appeal query here sets `public_only`, and only the public
//! view of an appeal leaves this file. Filing, which is decided by policy, is in `file`.

mod file;
pub use file::{Filing, file};

use crate::{
    AppError, Ctx,
    appeals::{Appeal, Category, PublicAppeal, Reader, public_views},
};
use chrono::{DateTime, Utc};
use lianxin_core::{orgs::AreaLevel, tree::TreePath};
use lianxin_store::{
    appeals::{self as store, AppealFilter},
    orgs::{self as orgs_store, Area},
};
use uuid::Uuid;

/// Where requests are read and filed: a county (or a township inside one), with the county whose
/// categories apply.
#[derive(Clone, Debug)]
pub struct Jurisdiction {
    pub path: TreePath,
    pub county: Area,
}

/// Several counties are served and none was named.
fn required() -> AppError {
    AppError::invalid("jurisdiction_id", "error-o311-jurisdiction-required")
}

/// The code names no county or township.
fn unknown() -> AppError {
    AppError::Missing { key: "error-o311-jurisdiction-unknown" }
}

fn level(a: &Area) -> Option<AreaLevel> {
    AreaLevel::parse(&a.level)
}

fn path(a: &Area) -> Result<TreePath, AppError> {
    TreePath::parse(&a.path).ok_or_else(|| AppError::internal(format!("bad area path {:?}", a.path)))
}

/// The county the database serves when it serves exactly one: the area tree is walked down from
/// its roots while it does not branch (a province, its city, the county: a few tiny queries).
async fn sole_county(ctx: &Ctx) -> Result<Option<Area>, AppError> {
    let c = ctx.db().conn();
    let mut level_nodes = orgs_store::area_roots(c).await?;
    for _ in 0..8 {
        let [a] = level_nodes.as_slice() else { return Ok(None) };
        match level(a) {
            Some(AreaLevel::County) => return Ok(Some(a.clone())),
            Some(AreaLevel::Province | AreaLevel::City) => level_nodes = orgs_store::area_children(c, a.id).await?,
            _ => return Ok(None),
        }
    }
    Ok(None)
}

/// `jurisdiction_id` (an area code) as a jurisdiction; absent means the only county.
pub async fn jurisdiction(ctx: &Ctx, code: Option<&str>) -> Result<Jurisdiction, AppError> {
    let c = ctx.db().conn();
    let Some(code) = code else {
        let county = sole_county(ctx).await?.ok_or_else(required)?;
        return Ok(Jurisdiction { path: path(&county)?, county });
    };
    let area = orgs_store::area_by_code(c, code).await?.ok_or_else(unknown)?;
    match level(&area) {
        Some(AreaLevel::County) => Ok(Jurisdiction { path: path(&area)?, county: area }),
        Some(AreaLevel::Township) => {
            let county = match area.parent_id {
                Some(p) => orgs_store::area(c, p).await?.filter(|a| level(a) == Some(AreaLevel::County)),
                None => None,
            };
            let county = county.ok_or_else(unknown)?;
            Ok(Jurisdiction { path: path(&area)?, county })
        }
        _ => Err(unknown()),
    }
}

/// The active categories of the jurisdiction's county.
pub async fn services(ctx: &Ctx, j: &Jurisdiction) -> Result<Vec<Category>, AppError> {
    Ok(store::categories(ctx.db().conn(), j.county.id, true).await?)
}

pub async fn service(ctx: &Ctx, j: &Jurisdiction, code: &str) -> Result<Option<Category>, AppError> {
    Ok(store::category_by_code(ctx.db().conn(), j.county.id, code).await?.filter(|k| k.active))
}

/// A village of the jurisdiction by its 12-digit area code.
pub async fn village_by_code(ctx: &Ctx, j: &Jurisdiction, code: &str) -> Result<Option<Area>, AppError> {
    let found = orgs_store::area_by_code(ctx.db().conn(), code).await?;
    Ok(found.filter(|a| level(a) == Some(AreaLevel::Village) && TreePath::parse(&a.path).is_some_and(|p| p.is_within(&j.path))))
}

/// The villages among `areas` (one query), in the jurisdiction.
pub async fn villages_among(ctx: &Ctx, j: &Jurisdiction, areas: &[Uuid]) -> Result<Vec<Area>, AppError> {
    let found = orgs_store::areas_by_ids(ctx.db().conn(), areas).await?;
    Ok(found
        .into_iter()
        .filter(|a| level(a) == Some(AreaLevel::Village) && TreePath::parse(&a.path).is_some_and(|p| p.is_within(&j.path)))
        .collect())
}

/// A public appeal as Open311 shows it: the public view, and the village's area code as
/// `address_id`.
pub struct Shown {
    pub view: PublicAppeal,
    pub address_id: Option<String>,
    /// The appeal's first photo, for `media_url`.
    pub photo: Option<Uuid>,
}

/// What `GET requests` asks for.
#[derive(Clone, Debug, Default)]
pub struct RequestQuery {
    pub service_codes: Vec<String>,
    pub statuses: Vec<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub offset: u64,
    pub limit: u64,
}

/// Public appeals of the jurisdiction, oldest first.
pub async fn requests(ctx: &Ctx, j: &Jurisdiction, q: &RequestQuery) -> Result<Vec<Shown>, AppError> {
    let f = AppealFilter {
        village_subtree: Some(j.path.clone()),
        public_only: true,
        service_codes: q.service_codes.clone(),
        statuses: q.statuses.clone(),
        created_from: q.from,
        created_to: q.to,
        ..Default::default()
    };
    let rows = store::list_ascending(ctx.db().conn(), &f, q.offset, q.limit).await?;
    shown(ctx, rows).await
}

/// Public appeals of the jurisdiction by tracking code, in the order asked; unknown, private and
/// foreign codes are left out.
pub async fn requests_by_codes(ctx: &Ctx, j: &Jurisdiction, codes: &[String]) -> Result<Vec<Shown>, AppError> {
    let mut rows: Vec<Appeal> = Vec::new();
    for code in codes {
        let Some(code) = lianxin_core::appeals::parse_tracking_code(code) else { continue };
        if rows.iter().any(|a| a.code == code) {
            continue;
        }
        if let Some(a) = store::by_code(ctx.db().conn(), &code).await?.filter(|a| is_shown(a, j)) {
            rows.push(a);
        }
    }
    shown(ctx, rows).await
}

fn is_shown(a: &Appeal, j: &Jurisdiction) -> bool {
    a.public && TreePath::parse(&a.village_path).is_some_and(|p| p.is_within(&j.path))
}

/// The public view of rows that are all public (four queries whatever their number).
async fn shown(ctx: &Ctx, rows: Vec<Appeal>) -> Result<Vec<Shown>, AppError> {
    let rows: Vec<Appeal> = rows.into_iter().filter(|a| a.public).collect();
    let views = public_views(ctx.db().conn(), &rows, ctx.locale, Reader::Anyone).await?;
    let mut ids: Vec<Uuid> = rows.iter().map(|a| a.village_area_id).collect();
    ids.sort();
    ids.dedup();
    let codes: std::collections::HashMap<Uuid, String> =
        orgs_store::areas_by_ids(ctx.db().conn(), &ids).await?.into_iter().map(|a| (a.id, a.code)).collect();
    let ids: Vec<Uuid> = rows.iter().map(|a| a.id).collect();
    let photos = store::first_photos(ctx.db().conn(), &ids).await?;
    Ok(rows
        .iter()
        .zip(views)
        .map(|(a, view)| Shown { view, address_id: codes.get(&a.village_area_id).cloned(), photo: photos.get(&a.id).copied() })
        .collect())
}
