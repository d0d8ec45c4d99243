//! What a villager without an account reads on the public pages: the villages to file in, one need
//! as its filer follows it (by private link or signed-in phone) or as anyone sees a public one, and
//! "my needs" — the appeals filed with the phone the villager proved with a one-time code.

use std::collections::BTreeMap;

use lianxin_core::{
    appeals::{Status, attributes::AttributeDef, parse_tracking_code},
    orgs::AreaLevel,
};
use lianxin_store::{appeals as store, orgs as orgs_store};
use uuid::Uuid;

use super::{Appeal, Event, PublicAppeal, Requester, public_views};
use crate::{AppError, Ctx, Locale, Result};

/// The villages of one township, for the villager to pick theirs.
#[derive(Clone, Debug)]
pub struct TownshipVillages {
    /// The county the township belongs to (a heading when there are several).
    pub county: String,
    pub township: orgs_store::Area,
    pub villages: Vec<orgs_store::Area>,
}

/// At most this many areas are listed for the choice of village.
const MAX_AREAS: u64 = 50_000;

/// Every village, grouped by township in code order (anyone may read it: area names are public).
pub async fn villages(ctx: &Ctx) -> Result<Vec<TownshipVillages>> {
    let c = ctx.db().conn();
    let mut out = Vec::new();
    for root in orgs_store::area_roots(c).await? {
        let Some(root_path) = lianxin_core::tree::TreePath::parse(&root.path) else { continue };
        let all = orgs_store::area_subtree(c, &root_path, MAX_AREAS).await?;
        let by_id: BTreeMap<Uuid, &orgs_store::Area> = all.iter().map(|a| (a.id, a)).collect();
        let mut groups: BTreeMap<(String, Uuid), TownshipVillages> = BTreeMap::new();
        for v in all.iter().filter(|a| AreaLevel::parse(&a.level) == Some(AreaLevel::Village)) {
            let Some(t) = v.parent_id.and_then(|p| by_id.get(&p)) else { continue };
            let county = t.parent_id.and_then(|p| by_id.get(&p)).map(|c| c.name.clone()).unwrap_or_default();
            groups
                .entry((t.code.clone(), t.id))
                .or_insert_with(|| TownshipVillages { county, township: (*t).clone(), villages: Vec::new() })
                .villages
                .push(v.clone());
        }
        for mut g in groups.into_values() {
            g.villages.sort_by(|a, b| a.code.cmp(&b.code));
            out.push(g);
        }
    }
    Ok(out)
}

/// A village as the need form names it.
#[derive(Clone, Debug)]
pub struct NeedVillage {
    pub id: Uuid,
    pub name: String,
    pub township: Option<String>,
    pub county: String,
}

/// The village to file in; anything else is an unknown village (as at intake).
pub async fn need_village(ctx: &Ctx, id: Uuid) -> Result<NeedVillage> {
    let c = ctx.db().conn();
    let v = super::village(c, id).await?;
    let township = match v.area.parent_id {
        Some(p) => orgs_store::area(c, p).await?.map(|t| t.name),
        None => None,
    };
    Ok(NeedVillage { id: v.area.id, name: v.area.name, township, county: v.county.name })
}

/// One need as its filer, or anyone for a public one, follows it: the public view, the public
/// timeline (never internal notes), the photos, and what the filer may still do.
#[derive(Clone, Debug)]
pub struct Tracked {
    pub appeal: PublicAppeal,
    pub public: bool,
    pub village: String,
    /// The category's extra fields as (question, answer) in the reader's language.
    pub attributes: Vec<(String, String)>,
    pub events: Vec<Event>,
    pub photos: Vec<store::PhotoRef>,
    pub reject_reason: Option<String>,
    pub rating_comment: Option<String>,
    pub reopen_count: i32,
    /// Resolved (again): the filer may rate it.
    pub can_rate: bool,
    /// Still open: the filer may withdraw it, anyone may support it ("me too") if public.
    pub open: bool,
}

async fn tracked_of(ctx: &Ctx, a: &Appeal) -> Result<Tracked> {
    let c = ctx.db().conn();
    let appeal = public_views(c, std::slice::from_ref(a), ctx.locale).await?.pop().ok_or(AppError::NotFound)?;
    let events = store::events(c, a.id, true).await?;
    let photos = store::photo_ids(c, a.id).await?;
    let village = orgs_store::area(c, a.village_area_id).await?.map(|v| v.name).unwrap_or_default();
    let defs: Vec<AttributeDef> =
        store::category(c, a.category_id).await?.map(|k| serde_json::from_str(&k.attributes).unwrap_or_default()).unwrap_or_default();
    let given: BTreeMap<String, String> = serde_json::from_str(&a.attributes).unwrap_or_default();
    let attributes = defs
        .iter()
        .filter_map(|d| {
            let v = given.get(&d.code)?;
            let question = if ctx.locale == Locale::EnUs && !d.description_en.is_empty() { &d.description_en } else { &d.description };
            let answer = if d.values.is_empty() {
                v.clone()
            } else {
                v.split(',')
                    .map(|k| d.values.iter().find(|x| x.key == k).map_or(k, |x| x.name_in(ctx.locale == Locale::EnUs)))
                    .collect::<Vec<_>>()
                    .join(if ctx.locale == Locale::EnUs { ", " } else { "、" })
            };
            Some((question.clone(), answer))
        })
        .collect();
    let status = Status::parse(&a.status);
    Ok(Tracked {
        public: a.public,
        village,
        attributes,
        events,
        photos: photos.clone(),
        reject_reason: a.reject_reason.clone(),
        rating_comment: a.rating_comment.clone(),
        reopen_count: a.reopen_count,
        // A reopened need keeps its earlier rating until it is rated again.
        can_rate: status == Some(Status::Resolved),
        open: status.is_some_and(Status::is_active),
        appeal: PublicAppeal { photos: photos.len(), ..appeal },
    })
}

/// The filer's view of their need (private link key or signed-in phone); others get "not found".
pub async fn tracked(ctx: &Ctx, code: &str, who: &Requester) -> Result<Tracked> {
    let a = super::steps::as_requester(ctx, code, who).await?;
    tracked_of(ctx, &a).await
}

/// What anyone finds under a tracking code.
#[derive(Clone, Debug)]
pub enum Lookup {
    Public(Box<Tracked>),
    /// The need exists but its filer chose not to show it: only the private link or the phone
    /// opens it.
    Private,
}

pub async fn lookup(ctx: &Ctx, code: &str) -> Result<Lookup> {
    let code = parse_tracking_code(code).ok_or(AppError::NotFound)?;
    let a = store::by_code(ctx.db().conn(), &code).await?.ok_or(AppError::NotFound)?;
    if !a.public {
        return Ok(Lookup::Private);
    }
    Ok(Lookup::Public(Box::new(tracked_of(ctx, &a).await?)))
}

/// The public view of an appeal (for the "a similar need is open" page).
pub async fn public_view(ctx: &Ctx, a: &Appeal) -> Result<PublicAppeal> {
    public_views(ctx.db().conn(), std::slice::from_ref(a), ctx.locale).await?.pop().ok_or(AppError::NotFound)
}

/// One page of "my needs": the appeals filed with the phone whose keyed hash the villager proved
/// with a one-time code (`phone::verify_code`), newest first, with the next page's cursor.
pub async fn mine(ctx: &Ctx, phone_hash: &str, before: Option<Uuid>) -> Result<(Vec<PublicAppeal>, Option<Uuid>)> {
    const PAGE: u64 = 20;
    if phone_hash.is_empty() {
        return Err(AppError::Unauthenticated);
    }
    let c = ctx.db().conn();
    let f = store::AppealFilter { phone_hash: Some(phone_hash.to_owned()), ..Default::default() };
    let mut rows = store::list(c, &f, before, PAGE + 1).await?;
    let next = if rows.len() as u64 > PAGE {
        rows.truncate(PAGE as usize);
        rows.last().map(|a| a.id)
    } else {
        None
    };
    Ok((public_views(c, &rows, ctx.locale).await?, next))
}
