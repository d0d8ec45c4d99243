//! Intake on every channel: a villager on a phone (no account, or signed in by a one-time code),
//! a member or secretary on a villager's behalf, the JSON API and Open311. A new need close to an
//! open one is offered as "me too" support instead of a second record.

use std::collections::BTreeMap;

use chrono::Duration;
use lianxin_core::{
    appeals::{
        AppealText, Channel, DESCRIPTION_MAX, DUPLICATE_THRESHOLD, Level, Owner, Status, TextError, attributes, find_duplicate, route,
        tracking_code,
    },
    people::{mask_phone, parse_phone},
};
use lianxin_store::{appeals as store, people as people_store};
use rand::RngCore;
use serde_json::json;
use uuid::Uuid;

use super::{Appeal, Village, due_at, event, routing};
use crate::crypto::digest_hex as key_hash;
use crate::journal::Stale;
use crate::{
    AppError, Checks, Ctx, Result,
    policy::{Action, Target},
};

/// A photo as uploaded: decoded, turned upright and stripped by `crate::photos` (its type is
/// read from the bytes, never trusted from the upload).
#[derive(Clone, Debug)]
pub struct NewPhoto {
    pub bytes: Vec<u8>,
}

/// A need as it arrives, before checking.
#[derive(Clone, Debug, Default)]
pub struct NewAppeal {
    pub village: Option<Uuid>,
    pub service_code: String,
    pub description: String,
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Extra fields of the category, by code (several values for a multivaluelist).
    pub attributes: BTreeMap<String, Vec<String>>,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub channel: Option<Channel>,
    /// The household filed for (on-behalf intake by a member who visited it).
    pub household: Option<Uuid>,
    pub public: Option<bool>,
    pub photos: Vec<NewPhoto>,
    /// The villager saw the similar open need and still wants a record of their own.
    pub not_duplicate: bool,
    /// Open311 requires a location; other channels do not.
    pub require_location: bool,
}

/// What intake answered.
#[derive(Clone, Debug)]
pub enum Submitted {
    /// A new record, with its private link key (shown once, never stored in clear).
    Created { appeal: Box<Appeal>, key: String },
    /// A similar open need exists in the village: offer "me too" instead.
    Similar { appeal: Box<Appeal>, similarity: f64 },
}

/// Everything checked, before anything is written.
struct Checked {
    routing: std::sync::Arc<super::Routing>,
    village: Village,
    category: store::Category,
    description: String,
    address: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    attributes: BTreeMap<String, String>,
    name: Option<String>,
    phone: Option<String>,
    channel: Channel,
    photos: Vec<crate::photos::Kept>,
}

async fn check(ctx: &Ctx, n: &NewAppeal) -> Result<Checked> {
    let s = &ctx.settings().appeals;
    let village_id = n.village.ok_or(AppError::invalid("village", "error-appeal-unknown-village"))?;
    let routing = routing(ctx, village_id).await?;
    let village = routing.village.clone();
    let category =
        routing.category(n.service_code.trim()).cloned().ok_or(AppError::invalid("service_code", "error-appeal-unknown-category"))?;
    // Every field is checked before refusing, so the form names all its mistakes at once.
    let mut c = Checks::default();
    let description = c.take(AppealText::parse(&n.description, DESCRIPTION_MAX).map_err(|e| match e {
        TextError::Empty => AppError::invalid("description", "error-required"),
        TextError::TooLong { .. } => AppError::invalid("description", "error-appeal-description-long"),
    }));
    let address = c.take(crate::input::clean("address", n.address.as_deref().unwrap_or(""), 200, false));
    let location = match (n.lat, n.lon) {
        (None, None) => Some((None, None)),
        (Some(la), Some(lo)) if (-90.0..=90.0).contains(&la) && (-180.0..=180.0).contains(&lo) => Some((Some(la), Some(lo))),
        _ => c.take(Err(AppError::invalid("lat", "error-appeal-location"))),
    };
    c.check(
        n.require_location && address.as_ref().is_some_and(Option::is_none) && location.is_some_and(|(la, _)| la.is_none()),
        "lat",
        "error-appeal-location-required",
    );
    let defs: Vec<attributes::AttributeDef> = serde_json::from_str(&category.attributes).unwrap_or_default();
    let attributes = match attributes::check_all(&defs, &n.attributes) {
        Ok(a) => Some(a),
        Err(problems) => {
            // One entry per question at fault; the form names each question from its own values.
            for p in problems {
                let key = match p {
                    attributes::AttributeError::Missing(_) => "error-appeal-attribute-missing",
                    attributes::AttributeError::Unknown(_) => "error-appeal-attribute-unknown",
                    attributes::AttributeError::Invalid(_) => "error-appeal-attribute-invalid",
                };
                c.check(true, "attributes", key);
            }
            None
        }
    };
    let name = c.take(crate::input::name("name", n.name.as_deref().unwrap_or(""), 50, false));
    let phone = c.take(match n.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(None),
        Some(p) => parse_phone(p).map(Some).map_err(|_| AppError::invalid("phone", "error-phone")),
    });
    let photos = if n.photos.len() > s.photos_max {
        c.take(Err(AppError::invalid("photos", "error-appeal-photos-many")))
    } else {
        match keep_photos(n.photos.iter().map(|p| p.bytes.clone()).collect(), s.photo_max_bytes).await {
            Err(e @ AppError::Internal(_)) => return Err(e),
            r => c.take(r),
        }
    };
    c.finish()?;
    let (Some(description), Some(address), Some((lat, lon)), Some(attributes), Some(name), Some(phone), Some(photos)) =
        (description, address, location, attributes, name, phone, photos)
    else {
        return Err(AppError::internal("a field failed without its error"));
    };
    let description = description.into_inner();
    let channel = n.channel.unwrap_or(Channel::Web);
    Ok(Checked { routing, village, category, description, address, lat, lon, attributes, name, phone, channel, photos })
}

/// Decodes and re-encodes the photos on the blocking pool (a camera photo takes a fraction of a
/// second of CPU), refusing the first that cannot be kept.
async fn keep_photos(photos: Vec<Vec<u8>>, max_bytes: usize) -> Result<Vec<crate::photos::Kept>> {
    if photos.is_empty() {
        return Ok(Vec::new());
    }
    let kept = tokio::task::spawn_blocking(move || photos.iter().map(|b| crate::photos::keep(b, max_bytes)).collect::<Vec<_>>())
        .await
        .map_err(AppError::internal)?;
    kept.into_iter()
        .map(|k| {
            k.map_err(|e| {
                AppError::invalid(
                    "photos",
                    match e {
                        crate::photos::Refused::TooLarge => "error-appeal-photo-large",
                        crate::photos::Refused::NotAPhoto => "error-appeal-photo-type",
                        crate::photos::Refused::TooManyPixels => "error-appeal-photo-pixels",
                    },
                )
            })
        })
        .collect()
}

/// Files a need. Without an account (the public form) it is limited per IP and phone; with one,
/// the actor must be allowed to file for the village (a member for the households they serve, a
/// secretary, an Open311 or API key's account).
pub async fn submit(ctx: &Ctx, n: NewAppeal) -> Result<Submitted> {
    let k = check(ctx, &n).await?;
    let key = ctx.app.key()?;
    let c = ctx.db().conn();
    let phone_hash = k.phone.as_deref().map(|p| key.lookup_hash("phone", p));
    let on_behalf = ctx.actor.principal().is_some();
    if on_behalf {
        ctx.authorize(
            Action::FileAppeal,
            Target::Appeal { org: &k.village.org_path, village: &k.village.path, handler: None },
            "appeal",
            None,
        )
        .await?;
    } else {
        if matches!(k.channel, Channel::PhoneCall | Channel::WalkIn | Channel::Visit | Channel::Api | Channel::Open311) {
            return Err(AppError::Unauthenticated);
        }
        crate::auth::throttle_public(ctx, phone_hash.as_deref()).await?;
    }

    if !n.not_duplicate {
        let since = ctx.now() - Duration::days(ctx.settings().appeals.duplicate_days);
        let candidates = store::open_similar_candidates(c, k.village.area.id, &k.category.code, since, 200).await?;
        let refs: Vec<(Uuid, &str)> = candidates.iter().map(|(id, d)| (*id, d.as_str())).collect();
        if let Some((id, similarity)) = find_duplicate(&k.description, &refs, DUPLICATE_THRESHOLD)
            && let Some(a) = store::appeal(c, id).await?
        {
            return Ok(Submitted::Similar { appeal: Box::new(a), similarity });
        }
    }

    // Routing: the household (given, or found by the phone among the village's residents), its
    // linked member, else the owner's designated handler.
    let household = match n.household {
        Some(h) => {
            // Households live in the village or in one of its villager groups.
            let hh = match people_store::household(c, h).await? {
                Some(hh) if crate::input::path(&hh.area_path)?.is_within(&k.village.path) => Some(hh),
                _ => None,
            };
            Some(hh.ok_or(AppError::invalid("household", "error-appeal-household"))?.id)
        }
        None => match &phone_hash {
            Some(h) => people_store::persons_by_hash(c, std::slice::from_ref(&k.village.path), None, Some(h), 1)
                .await?
                .into_iter()
                .next()
                .and_then(|p| p.household_id),
            None => None,
        },
    };
    let linked_member = match household {
        Some(h) => {
            let mut found = None;
            for m in people_store::links_of_household(c, h).await? {
                if let Some(m) = people_store::member(c, m).await?
                    && lianxin_core::people::MemberStatus::parse(&m.status).is_some_and(|s| s.is_party_member())
                {
                    found = Some(m.person_id);
                    break;
                }
            }
            found
        }
        None => None,
    };
    let county_owner = Owner::parse(&k.category.owner).unwrap_or(Owner::PartyBranch);
    let village_owner = k.routing.overrides.get(&k.category.id).and_then(|o| Owner::parse(o));
    let owner = village_owner.unwrap_or(county_owner);
    let designated = k.routing.handlers.get(owner.as_str()).copied();
    let r = route(county_owner, village_owner, linked_member, designated);

    let now = ctx.now();
    let id = Uuid::now_v7();
    let mut code_bytes = [0u8; 10];
    let mut key_bytes = [0u8; 16];
    // The thread's generator is not Send: it must not live across an await.
    {
        let mut rng = rand::thread_rng();
        rng.fill_bytes(&mut code_bytes);
        rng.fill_bytes(&mut key_bytes);
    }
    let link_key = hex::encode(key_bytes);
    let (name_enc, name_mask) = match &k.name {
        Some(nm) => (Some(key.encrypt(&format!("appeals.name:{id}"), nm)), Some(mask_name(nm))),
        None => (None, None),
    };
    let a = Appeal {
        id,
        code: tracking_code(code_bytes),
        key_hash: key_hash(&link_key),
        village_area_id: k.village.area.id,
        village_path: k.village.path.as_str().to_owned(),
        category_id: k.category.id,
        service_code: k.category.code.clone(),
        owner: r.owner.as_str().to_owned(),
        level: Level::Village.as_str().to_owned(),
        org_id: k.village.org.id,
        org_path: k.village.org_path.as_str().to_owned(),
        handler_person_id: r.handler,
        household_id: household,
        status: Status::Submitted.as_str().to_owned(),
        public: n.public.unwrap_or(ctx.settings().appeals.public_by_default),
        description: k.description,
        address: k.address,
        lat: k.lat,
        lon: k.lon,
        attributes: serde_json::to_string(&k.attributes).unwrap_or_else(|_| "{}".into()),
        channel: k.channel.as_str().to_owned(),
        name_enc,
        name_mask,
        phone_enc: k.phone.as_deref().map(|p| key.encrypt(&format!("appeals.phone:{id}"), p)),
        phone_hash,
        phone_mask: k.phone.as_deref().map(mask_phone),
        account_id: ctx.principal().ok().map(|p| p.account_id),
        filed_by: on_behalf.then(|| ctx.actor.name()),
        supporters: 0,
        reopen_count: 0,
        rating: None,
        rating_comment: None,
        rated_at: None,
        due_at: due_at(ctx.settings(), Level::Village, &k.category.sla, now),
        reminded: false,
        beyond_capacity: false,
        escalations: 0,
        reject_reason: None,
        resolved_at: None,
        closed_at: None,
        created_at: now,
        updated_at: now,
        version: 0,
    };
    let source = match r.source {
        lianxin_core::appeals::HandlerSource::LinkedMember => "linked_member",
        lianxin_core::appeals::HandlerSource::Designated => "designated",
        lianxin_core::appeals::HandlerSource::Unassigned => "unassigned",
    };
    let photos = k
        .photos
        .into_iter()
        .map(|k| {
            let side = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
            store::Photo {
                id: Uuid::now_v7(),
                appeal_id: a.id,
                content_type: "image/jpeg".into(),
                bytes: i32::try_from(k.display.bytes.len()).unwrap_or(i32::MAX),
                width: Some(side(k.display.width)),
                height: Some(side(k.display.height)),
                data: k.display.bytes,
                thumb_width: Some(side(k.thumb.width)),
                thumb_height: Some(side(k.thumb.height)),
                thumb: Some(k.thumb.bytes),
                created_at: now,
            }
        })
        .collect();
    let to = a.handler_person_id.map_or(crate::notify::To::Org(a.org_id), crate::notify::To::Person);
    let (notice, webhook) = crate::notify::notice(ctx, to, Some(a.id), "appeal-new", &a.code)?;
    let outbox = webhook.into_iter().chain(crate::notify::requester_text(ctx, &a, "submitted", Some(&link_key))?).collect();
    let filing = super::commit::Filing {
        event: event(ctx, a.id, "submitted", true, "", json!({ "channel": a.channel, "routed": source })),
        photos,
        inbox: vec![notice],
        outbox,
        audit: crate::journal::pending(
            ctx,
            Stale::Nothing,
            "appeal.submit",
            "appeal",
            Some(&a.id.to_string()),
            "ok",
            json!({ "code": a.code, "village": a.village_area_id, "channel": a.channel }),
        ),
        appeal: a,
    };
    let a = filing.appeal.clone();
    super::commit::file(ctx.db(), &ctx.app.caches.room::<super::commit::Committer>(), filing).await?;
    super::kept::changed(&ctx.app, super::Touched::Orgs(&[&a.org_path]));
    Ok(Submitted::Created { appeal: Box::new(a), key: link_key })
}

/// Masks a name for staff lists: the family name and a star per further character.
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => std::iter::once(first).chain(chars.map(|_| '*')).collect(),
        None => String::new(),
    }
}

/// "Me too": a villager supports an open public need instead of filing a second one. Counted
/// once per phone (or per address when no phone is given); the answer says whether this one
/// counted.
pub async fn support(ctx: &Ctx, code: &str, phone: Option<&str>) -> Result<(Appeal, bool)> {
    let c = ctx.db().conn();
    let code = lianxin_core::appeals::parse_tracking_code(code).ok_or(AppError::NotFound)?;
    let a = store::by_code(c, &code).await?.filter(|a| a.public).ok_or(AppError::NotFound)?;
    if !Status::parse(&a.status).is_some_and(Status::is_active) {
        return Err(AppError::Conflict { field: "code", key: "error-appeal-not-open" });
    }
    let supporter = match phone.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => {
            let p = parse_phone(p).map_err(|_| AppError::invalid("phone", "error-phone"))?;
            ctx.app.key()?.lookup_hash("phone", &p)
        }
        None => ctx.app.key()?.lookup_hash("ip", ctx.ip.as_deref().unwrap_or("unknown")),
    };
    if ctx.actor.principal().is_none() {
        crate::auth::throttle_public(ctx, None).await?;
    }
    let tx = ctx.db().write().await?;
    // Counted on the appeal, not added to its timeline: supporters must not be able to flood it.
    let counted = store::add_support(&tx, a.id, &supporter, ctx.now()).await?;
    super::commit_changes(ctx, tx, super::Touched::Orgs(&[&a.org_path])).await?;
    Ok((store::appeal(c, a.id).await?.ok_or(AppError::NotFound)?, counted))
}
