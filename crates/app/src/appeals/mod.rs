//! Villagers' needs (诉求) from intake to rating: categories and the two-committee duty matrix,
//! intake on every channel, routing, the lifecycle with its timeline, escalation up the tree by
//! the sweeper, queues and search, the public board, and notices to the inbox and the outbox.

pub mod board;
pub mod commit;
pub mod intake;
mod kept;
pub mod mine;
pub mod open311;
pub mod people_choice;
pub mod queues;
pub mod setup;
pub mod steps;
pub mod sweep;
pub mod timeline;
pub mod villages;

use std::{collections::HashMap, sync::Arc};

pub(crate) use kept::{Kept, Named, Touched, commit_changes};

use chrono::{DateTime, Utc};
use lianxin_core::{
    appeals::{Level, Sla, SlaUnit, WorkCalendar, deadline},
    orgs::AreaLevel,
    tree::TreePath,
};
use lianxin_store::{ConnectionTrait, appeals as store, orgs as orgs_store};
use serde::Serialize;
use uuid::Uuid;

use crate::{
    AppError, Ctx, Result, Settings,
    input::path,
    policy::{Action, Target},
};

pub use store::{Appeal, Category, Event, PhotoRef};

/// Where a village sits: its area, its county (whose duty matrix applies) and the organization
/// whose queue receives its appeals.
#[derive(Clone, Debug)]
pub struct Village {
    pub area: orgs_store::Area,
    pub path: TreePath,
    pub county: orgs_store::Area,
    pub org: orgs_store::Org,
    pub org_path: TreePath,
}

/// Loads a village for intake; anything that is not a village with an organization is an unknown
/// village to the one filing.
pub(crate) async fn village<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<Village> {
    let unknown = || AppError::invalid("village", "error-appeal-unknown-village");
    let area = orgs_store::area(c, id).await?.ok_or_else(unknown)?;
    if AreaLevel::parse(&area.level) != Some(AreaLevel::Village) {
        return Err(unknown());
    }
    let p = path(&area.path)?;
    let ancestor_ids: Vec<Uuid> = p.ancestors().iter().filter_map(TreePath::last_id).collect();
    let ancestors = orgs_store::areas_by_ids(c, &ancestor_ids).await?;
    let county = ancestors.into_iter().find(|a| AreaLevel::parse(&a.level) == Some(AreaLevel::County)).ok_or_else(unknown)?;
    let mut orgs: Vec<_> = orgs_store::orgs_serving_area(c, id).await?.into_iter().filter(|o| o.status == "active").collect();
    // The most specific organization serving the village (its own branch before a joint one).
    orgs.sort_by_key(|o| std::cmp::Reverse(o.path.len()));
    let org = orgs.into_iter().next().ok_or(AppError::invalid("village", "error-appeal-no-organization"))?;
    let org_path = path(&org.path)?;
    Ok(Village { area, path: p, county, org, org_path })
}

/// How a village's appeals are routed, as intake reads it: kept briefly (see [`crate::cache`]),
/// as every filing reads it and only audited changes alter it.
#[derive(Debug)]
pub struct Routing {
    pub village: Village,
    /// The county's categories, active or not.
    pub categories: Vec<Category>,
    /// The village's owner overrides, by category.
    pub overrides: HashMap<Uuid, String>,
    /// The village's designated handlers, by owning body.
    pub handlers: HashMap<String, Uuid>,
}

impl Routing {
    /// An active category of the county by its code.
    pub fn category(&self, code: &str) -> Option<&Category> {
        self.categories.iter().find(|k| k.code == code && k.active)
    }
}

/// The routing of a village (see [`Routing`]); an unknown village is a bad request.
pub(crate) async fn routing(ctx: &Ctx, village_id: Uuid) -> Result<Arc<Routing>> {
    let now = ctx.now();
    let (epoch, kept) = (ctx.app.caches.routing_epoch(), ctx.app.caches.room::<Kept>());
    if let Some(r) = kept.routing.get(&village_id, epoch, now) {
        return Ok(r);
    }
    let c = ctx.db().conn();
    let village = village(c, village_id).await?;
    let categories = store::categories(c, village.county.id, false).await?;
    let overrides = store::overrides_of(c, village_id).await?.into_iter().map(|o| (o.category_id, o.owner)).collect();
    let handlers = store::handlers_of(c, village_id).await?.into_iter().map(|h| (h.owner, h.person_id)).collect();
    let r = Arc::new(Routing { village, categories, overrides, handlers });
    kept.routing.put(village_id, r.clone(), epoch, now);
    Ok(r)
}

/// The organization that takes an appeal of the village at `village_path` at `level`: the most
/// senior active organization serving the township (or county) area above the village — not
/// simply the parent organization, which may be a general branch or an industry branch.
pub(crate) async fn level_org<C: ConnectionTrait>(c: &C, village_path: &TreePath, level: Level) -> Result<Option<orgs_store::Org>> {
    let want = match level {
        Level::Village => return Ok(None),
        Level::Township => AreaLevel::Township,
        Level::County => AreaLevel::County,
    };
    let ids: Vec<Uuid> = village_path.ancestors().iter().filter_map(TreePath::last_id).collect();
    let Some(area) = orgs_store::areas_by_ids(c, &ids).await?.into_iter().find(|a| AreaLevel::parse(&a.level) == Some(want)) else {
        return Ok(None);
    };
    let mut orgs: Vec<_> = orgs_store::orgs_serving_area(c, area.id).await?.into_iter().filter(|o| o.status == "active").collect();
    orgs.sort_by_key(|o| o.path.len());
    Ok(orgs.into_iter().next())
}

/// The working calendar of the settings.
pub fn calendar(s: &Settings) -> WorkCalendar {
    WorkCalendar {
        holidays: s.appeals.holidays.iter().copied().collect(),
        extra_workdays: s.appeals.extra_workdays.iter().copied().collect(),
        utc_offset_minutes: s.display_utc_offset_minutes,
    }
}

fn sla_or(s: &str, fallback: Sla) -> Sla {
    Sla::parse(s).unwrap_or(fallback)
}

/// The deadline at a level: the category's own at the village, the level's setting above.
pub fn due_at(s: &Settings, level: Level, category_sla: &str, from: DateTime<Utc>) -> DateTime<Utc> {
    let five = Sla { amount: 5, unit: SlaUnit::WorkingDays };
    let sla = match level {
        Level::Village => Sla::parse(category_sla).unwrap_or_else(|| sla_or(&s.appeals.village_sla, five)),
        Level::Township => sla_or(&s.appeals.township_sla, five),
        Level::County => sla_or(&s.appeals.county_sla, five),
    };
    deadline(from, sla, &calendar(s))
}

/// How the caller proves they filed an appeal, when they have no account: the private link's
/// key, or the phone they signed in with (its keyed hash).
#[derive(Clone, Debug, Default)]
pub struct Requester {
    pub key: Option<String>,
    pub phone_hash: Option<String>,
}

impl Requester {
    pub fn with_key(key: impl Into<String>) -> Self {
        Self { key: Some(key.into()), phone_hash: None }
    }

    pub(crate) fn may(&self, a: &Appeal) -> bool {
        let key_matches = self.key.as_deref().is_some_and(|k| crate::crypto::constant_eq(&crate::crypto::digest_hex(k), &a.key_hash));
        crate::policy::requester_may(key_matches, self.phone_hash.as_deref(), a.phone_hash.as_deref())
    }
}

/// The policy target of an appeal.
pub(crate) struct Place {
    pub org: TreePath,
    pub village: TreePath,
    pub handler: Option<Uuid>,
}

impl Place {
    pub(crate) fn of(a: &Appeal) -> Result<Place> {
        Ok(Place { org: path(&a.org_path)?, village: path(&a.village_path)?, handler: a.handler_person_id })
    }

    pub(crate) fn target(&self) -> Target<'_> {
        Target::Appeal { org: &self.org, village: &self.village, handler: self.handler }
    }
}

/// Loads an appeal the actor may `action` on; unknown and out-of-scope ids look alike (404).
pub(crate) async fn authorized(ctx: &Ctx, id: Uuid, action: Action) -> Result<Appeal> {
    let Some(a) = store::appeal(ctx.db().conn(), id).await? else {
        let nowhere = TreePath::root(id);
        ctx.authorize(action, Target::Appeal { org: &nowhere, village: &nowhere, handler: None }, "appeal", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let place = Place::of(&a)?;
    ctx.authorize(action, place.target(), "appeal", Some(&id.to_string())).await?;
    Ok(a)
}

/// What anyone may see of an appeal: no name, no phone, no internal notes.
#[derive(Clone, Debug, Serialize)]
pub struct PublicAppeal {
    pub code: String,
    pub service_code: String,
    pub category: String,
    pub status: String,
    pub level: String,
    pub description: String,
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub agency: String,
    pub supporters: i32,
    pub rating: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub photos: usize,
}

/// The agency an appeal is with now, as Open311's `agency_responsible`: the owning village body
/// at the village level, the organization it was escalated to above.
pub fn agency_name(a: &Appeal, org_name: &str, locale: crate::Locale) -> String {
    if a.level == Level::Village.as_str() {
        let owner = lianxin_core::appeals::Owner::parse(&a.owner);
        let zh = locale == crate::Locale::ZhCn;
        match owner {
            Some(lianxin_core::appeals::Owner::PartyBranch) => org_name.to_owned(),
            Some(lianxin_core::appeals::Owner::VillageCommittee) => (if zh { "村民委员会" } else { "Village committee" }).to_owned(),
            Some(o) => o.as_str().replace('_', " "),
            None => a.owner.clone(),
        }
    } else {
        org_name.to_owned()
    }
}

/// Display names of organizations by id (one query).
pub(crate) async fn org_names<C: ConnectionTrait>(
    c: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<std::collections::HashMap<Uuid, String>> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort();
    ids.dedup();
    Ok(orgs_store::orgs_by_ids(c, &ids).await?.into_iter().map(|o| (o.id, o.name)).collect())
}

/// Names by id, through the short-lived name cache (see [`crate::cache`]): only the ids not
/// kept are read, with one call of `load`.
pub(crate) async fn cached_names<F, Fut>(
    ctx: &Ctx,
    kind: Named,
    ids: impl IntoIterator<Item = Uuid>,
    load: F,
) -> Result<HashMap<Uuid, String>>
where
    F: FnOnce(Vec<Uuid>) -> Fut,
    Fut: std::future::Future<Output = Result<HashMap<Uuid, String>>>,
{
    let (now, epoch, kept) = (ctx.now(), ctx.app.caches.routing_epoch(), ctx.app.caches.room::<Kept>());
    let cache = &kept.names;
    let (found, missing) = cache.get_many(ids.into_iter().map(|id| (kind, id)), epoch, now);
    let mut out: HashMap<Uuid, String> = found.into_iter().map(|((_, id), n)| (id, n)).collect();
    if !missing.is_empty() {
        for (id, n) in load(missing.into_iter().map(|(_, id)| id).collect()).await? {
            cache.put((kind, id), n.clone(), epoch, now);
            out.insert(id, n);
        }
    }
    Ok(out)
}

/// Category names by id (one query).
pub(crate) async fn category_names<C: ConnectionTrait>(
    c: &C,
    ids: impl IntoIterator<Item = Uuid>,
    locale: crate::Locale,
) -> Result<std::collections::HashMap<Uuid, String>> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort();
    ids.dedup();
    Ok(store::categories_by_ids(c, &ids)
        .await?
        .into_iter()
        .map(|k| (k.id, if locale == crate::Locale::EnUs { k.name_en } else { k.name_zh }))
        .collect())
}

/// Who reads a public view of an appeal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    /// Anyone (the board, a public need's page, Open311, "a similar need is open"): phones, ID
    /// and card numbers typed into the text are masked ([`lianxin_core::people::mask_personal`]).
    Anyone,
    /// The filer, proven by the private link's key or the phone's one-time code: they read their
    /// own text as they typed it.
    Filer,
}

impl Reader {
    /// Free text as this reader may see it.
    pub fn text(self, s: &str) -> String {
        match self {
            Reader::Anyone => lianxin_core::people::mask_personal(s).into_owned(),
            Reader::Filer => s.to_owned(),
        }
    }
}

/// The view of appeals for `reader`, with their categories' and organizations' names (two
/// queries).
pub async fn public_views<C: ConnectionTrait>(c: &C, rows: &[Appeal], locale: crate::Locale, reader: Reader) -> Result<Vec<PublicAppeal>> {
    let cats = category_names(c, rows.iter().map(|a| a.category_id), locale).await?;
    let orgs = org_names(c, rows.iter().map(|a| a.org_id)).await?;
    Ok(rows
        .iter()
        .map(|a| PublicAppeal {
            code: a.code.clone(),
            service_code: a.service_code.clone(),
            category: cats.get(&a.category_id).cloned().unwrap_or_default(),
            status: a.status.clone(),
            level: a.level.clone(),
            description: reader.text(&a.description),
            address: a.address.as_deref().map(|t| reader.text(t)),
            lat: a.lat,
            lon: a.lon,
            agency: agency_name(a, orgs.get(&a.org_id).map_or("", String::as_str), locale),
            supporters: a.supporters,
            rating: a.rating.clone(),
            created_at: a.created_at,
            updated_at: a.updated_at,
            due_at: a.due_at,
            closed_at: a.closed_at,
            photos: 0,
        })
        .collect())
}

/// A new timeline event.
pub(crate) fn event(ctx: &Ctx, appeal: Uuid, kind: &str, public: bool, body: &str, data: serde_json::Value) -> Event {
    Event {
        id: Uuid::now_v7(),
        appeal_id: appeal,
        at: ctx.now(),
        kind: kind.to_owned(),
        actor: ctx.actor.name(),
        public,
        body: body.to_owned(),
        data: data.to_string(),
    }
}
