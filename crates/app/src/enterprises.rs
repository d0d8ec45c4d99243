//! Enterprises and cooperatives (seed §4: "members serve enterprises, enterprises serve the
//! masses"). They are village bodies of the enterprise kinds, of a village or of a township: the
//! members who serve each, what each offers villagers (shown on the village board while
//! `lianxin_core::enterprises::offer_state` says it is open), what members did for them, and the
//! needs they co-handle (the appeals capability adds them, checked by `may_cohandle`).

use std::sync::Arc;

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use lianxin_core::paging::{Shown, Window};
use lianxin_core::{
    enterprises::{self as rules, OFFER_KINDS, OfferState, SERVICE_KINDS},
    orgs::AreaLevel,
    people::BodyKind,
    tree::TreePath,
};
use lianxin_store::{enterprises as store, orgs as orgs_store, people as people_store};
use serde_json::json;
use uuid::Uuid;

use crate::{
    AppError, Checks, Ctx, Result,
    input::{clean, name, paragraphs, path},
    journal::{Stale, record},
    meetings::compliance::year_range,
    policy::{Action, Decision, Target, decide},
};

pub use store::{Liaison, Offer, Service};
pub type Body = lianxin_store::entity::village_body::Model;
pub type Member = lianxin_store::entity::member::Model;
pub type Need = lianxin_store::entity::appeal::Model;

/// An area (a village or a township) checked for `action`.
async fn authorized_area(ctx: &Ctx, id: Uuid, action: Action) -> Result<(orgs_store::Area, TreePath)> {
    let a = crate::orgs::area_for_reading(ctx, id).await?;
    let Some(a) = a else {
        let nowhere = TreePath::root(id);
        ctx.authorize(action, Target::Area(&nowhere), "area", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = path(&a.path)?;
    ctx.authorize(action, Target::Area(&p), "area", Some(&id.to_string())).await?;
    Ok((a, p))
}

/// An enterprise found by id, and the area path it belongs to; unknown ids, bodies of other
/// kinds and unreachable ones look alike.
async fn body(ctx: &Ctx, id: Uuid) -> Result<(Body, TreePath)> {
    let b = people_store::body(ctx.db().conn(), id).await?;
    let Some(b) = b.filter(|b| BodyKind::parse(&b.kind).is_some_and(rules::is_enterprise)) else {
        let nowhere = TreePath::root(id);
        ctx.authorize(Action::ReadEnterprises, Target::Area(&nowhere), "village_body", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = path(&b.area_path)?;
    Ok((b, p))
}

/// The actor's own member record, when they have one.
async fn own_member(ctx: &Ctx) -> Result<Option<Member>> {
    let Some(person) = ctx.actor.principal().and_then(|p| p.person_id) else { return Ok(None) };
    Ok(people_store::member_by_person(ctx.db().conn(), person).await?)
}

/// The actor's current link to an enterprise, if they serve it.
async fn own_link(ctx: &Ctx, body: Uuid) -> Result<Option<(Member, Liaison)>> {
    let Some(m) = own_member(ctx).await? else { return Ok(None) };
    let link = store::served_by(ctx.db().conn(), m.id).await?.into_iter().find(|l| l.body_id == body);
    Ok(link.map(|l| (m, l)))
}

/// Authorizes `action` on an enterprise: the staff of its area, or — for reading it and
/// recording their own service — a member who serves it.
async fn authorize_body(ctx: &Ctx, b: &Body, p: &TreePath, action: Action) -> Result<()> {
    if decide(&ctx.actor, action, Target::Area(p)) != Decision::Allow
        && matches!(action, Action::ReadEnterprises | Action::ServeEnterprises)
        && let Some((m, _)) = own_link(ctx, b.id).await?
    {
        let org = path(&m.org_path)?;
        return ctx
            .authorize(Action::ServeEnterprises, Target::Own { person: m.person_id, org: &org }, "village_body", Some(&b.id.to_string()))
            .await;
    }
    ctx.authorize(action, Target::Area(p), "village_body", Some(&b.id.to_string())).await
}

/// An enterprise in an area's list, with its figures for the year.
#[derive(Clone, Debug)]
pub struct Line {
    pub body: Body,
    /// The village or township it belongs to.
    pub place: String,
    /// The members serving it now.
    pub liaisons: Vec<Liaison>,
    pub live_offers: u64,
    pub services: u64,
    pub needs: u64,
}

pub use lianxin_store::enterprises::LIST_MAX;

/// The enterprises and cooperatives of an area and the places below it.
#[derive(Clone, Debug)]
pub struct Enterprises {
    pub area: orgs_store::Area,
    pub year: i32,
    pub lines: Vec<Line>,
    /// More than the list shows ([`lianxin_store::enterprises::LIST_MAX`]): the page says so and
    /// points to the places below.
    pub more: bool,
    pub may_manage: bool,
}

/// Kept until any recorded change ([`Ctx::figures`]).
pub async fn list(ctx: &Ctx, area_id: Uuid, year: i32) -> Result<Arc<Enterprises>> {
    let (area, p) = authorized_area(ctx, area_id, Action::ReadEnterprises).await?;
    let may_manage = decide(&ctx.actor, Action::ManageEnterprises, Target::Area(&p)) == Decision::Allow;
    ctx.figures((area_id, year, ctx.app.today(), may_manage), || list_now(ctx, area, p, year, may_manage)).await
}

async fn list_now(ctx: &Ctx, area: orgs_store::Area, p: TreePath, year: i32, may_manage: bool) -> Result<Enterprises> {
    let c = ctx.db().conn();
    let mut bodies = store::in_areas(c, &p).await?;
    let more = bodies.len() > store::LIST_MAX;
    bodies.truncate(store::LIST_MAX);
    let ids: Vec<Uuid> = bodies.iter().map(|b| b.id).collect();
    let (from, to) = year_range(year);
    let mut liaisons: HashMap<Uuid, Vec<Liaison>> = HashMap::new();
    for l in store::liaisons_of(c, &ids).await?.into_iter().filter(|l| l.until.is_none()) {
        liaisons.entry(l.body_id).or_default().push(l);
    }
    let offers = store::live_offers(c, &ids, ctx.app.today()).await?;
    let services = store::service_counts(c, &ids, from, to).await?;
    let needs = store::cohandled_counts(c, &ids).await?;
    let area_ids: Vec<Uuid> = bodies.iter().map(|b| b.area_id).collect::<HashSet<_>>().into_iter().collect();
    let places: HashMap<Uuid, String> = orgs_store::areas_by_ids(c, &area_ids).await?.into_iter().map(|a| (a.id, a.name)).collect();
    let n = |m: &HashMap<Uuid, i64>, id: &Uuid| m.get(id).copied().unwrap_or(0).max(0) as u64;
    let lines = bodies
        .into_iter()
        .map(|b| Line {
            place: places.get(&b.area_id).cloned().unwrap_or_default(),
            liaisons: liaisons.remove(&b.id).unwrap_or_default(),
            live_offers: n(&offers, &b.id),
            services: n(&services, &b.id),
            needs: n(&needs, &b.id),
            body: b,
        })
        .collect();
    Ok(Enterprises { area, year, lines, more, may_manage })
}

/// A new enterprise or cooperative as a form gives it.
#[derive(Clone, Debug, Default)]
pub struct EnterpriseInput {
    pub kind: String,
    pub name: String,
}

/// Registers an enterprise, cooperative or collective economy of a village or a township.
pub async fn register(ctx: &Ctx, area_id: Uuid, input: EnterpriseInput) -> Result<Body> {
    let (area, _) = authorized_area(ctx, area_id, Action::ManageEnterprises).await?;
    let mut checks = Checks::default();
    let level_ok = matches!(AreaLevel::parse(&area.level), Some(AreaLevel::Village | AreaLevel::Township));
    checks.check(!level_ok, "area_id", "error-enterprise-area");
    let kind = BodyKind::parse(&input.kind).filter(|k| rules::is_enterprise(*k));
    checks.check(kind.is_none(), "kind", "error-choose");
    let name = checks.take(name("name", &input.name, 200, true)).flatten();
    checks.finish()?;
    let now = ctx.now();
    let b = Body {
        id: Uuid::now_v7(),
        area_id: area.id,
        area_path: area.path,
        kind: kind.expect("checked").as_str().into(),
        name: name.expect("checked"),
        leading_org_id: None,
        status: "active".into(),
        created_at: now,
        updated_at: now,
    };
    let tx = ctx.db().write().await?;
    let b = people_store::insert_body(&tx, b).await?;
    record(
        &tx,
        ctx,
        Stale::Access,
        "enterprise.create",
        "village_body",
        Some(&b.id.to_string()),
        "ok",
        json!({ "kind": b.kind, "name": b.name }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(b)
}

/// An offer with where it stands today.
#[derive(Clone, Debug)]
pub struct OfferLine {
    pub offer: Offer,
    pub state: OfferState,
}

fn state_of(o: &Offer, on: NaiveDate) -> OfferState {
    rules::offer_state(o.valid_from, o.valid_until, o.withdrawn_at.is_some(), on)
}

/// An enterprise's page.
#[derive(Clone, Debug)]
pub struct View {
    pub body: Body,
    pub place: String,
    pub year: i32,
    pub liaisons: Vec<Liaison>,
    pub offers: Vec<OfferLine>,
    /// One page of what members did for it in the year, newest first.
    pub services: Shown<Service>,
    /// The needs it co-handles that the viewer may read.
    pub needs: Vec<Need>,
    pub may_manage: bool,
    /// Whether the viewer may record service: for anyone who serves it (staff), or for
    /// themself (`own`, a member who serves it).
    pub may_serve: bool,
    pub own: Option<Member>,
}

/// The name of the place a body belongs to (its village or township).
pub async fn place_of(ctx: &Ctx, b: &Body) -> Result<String> {
    Ok(orgs_store::area(ctx.db().conn(), b.area_id).await?.map(|a| a.name).unwrap_or_default())
}

pub async fn enterprise(ctx: &Ctx, id: Uuid, year: i32, services: Window) -> Result<View> {
    let (b, p) = body(ctx, id).await?;
    authorize_body(ctx, &b, &p, Action::ReadEnterprises).await?;
    let c = ctx.db().conn();
    let today = ctx.app.today();
    let (from, to) = year_range(year);
    let place = place_of(ctx, &b).await?;
    let liaisons = store::liaisons_of(c, &[b.id]).await?;
    let offers = store::offers_of(c, b.id).await?.into_iter().map(|o| OfferLine { state: state_of(&o, today), offer: o }).collect();
    let services = Shown::of(store::services_of(c, b.id, from, to, services).await?, services);
    let needs = store::cohandled(c, b.id)
        .await?
        .into_iter()
        .filter(|a| {
            let (Ok(org), Ok(village)) = (path(&a.org_path), path(&a.village_path)) else { return false };
            let target = Target::Appeal { org: &org, village: &village, handler: a.handler_person_id };
            decide(&ctx.actor, Action::ReadAppeals, target) == Decision::Allow
        })
        .collect();
    let may_manage = decide(&ctx.actor, Action::ManageEnterprises, Target::Area(&p)) == Decision::Allow;
    let staff = decide(&ctx.actor, Action::ServeEnterprises, Target::Area(&p)) == Decision::Allow;
    let own = own_link(ctx, b.id).await?.map(|(m, _)| m);
    let may_serve = b.status == "active" && (staff || own.is_some());
    let own = if staff { None } else { own };
    Ok(View { body: b, place, year, liaisons, offers, services, needs, may_manage, may_serve, own })
}

/// The members who may be linked to an enterprise: the probationary and full members of the
/// organizations serving its place, and of those below them.
pub async fn candidates(ctx: &Ctx, id: Uuid) -> Result<(Body, Vec<Member>)> {
    let (b, p) = body(ctx, id).await?;
    authorize_body(ctx, &b, &p, Action::ManageEnterprises).await?;
    Ok((b.clone(), members_serving(ctx, &b).await?))
}

async fn members_serving(ctx: &Ctx, b: &Body) -> Result<Vec<Member>> {
    let c = ctx.db().conn();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for org in orgs_store::orgs_serving_area(c, b.area_id).await? {
        for m in lianxin_store::dues::paying_members_in(c, &path(&org.path)?).await? {
            if seen.insert(m.id) {
                out.push(m);
            }
        }
    }
    out.sort_by(|a, b| a.person_name.cmp(&b.person_name));
    Ok(out)
}

/// Links a member to an enterprise they will serve from `since`.
pub async fn link(ctx: &Ctx, id: Uuid, member: Option<Uuid>, since: Option<NaiveDate>) -> Result<Liaison> {
    let (b, p) = body(ctx, id).await?;
    authorize_body(ctx, &b, &p, Action::ManageEnterprises).await?;
    let c = ctx.db().conn();
    let mut checks = Checks::default();
    let members = members_serving(ctx, &b).await?;
    let m = member.and_then(|id| members.into_iter().find(|m| m.id == id));
    checks.check(m.is_none(), "member", if member.is_none() { "error-required" } else { "error-care-member-unknown" });
    checks.check(since.is_none(), "since", "error-required");
    checks.check(since.is_some_and(|d| d > ctx.app.today()), "since", "error-care-future");
    let current = store::liaisons_of(c, &[b.id]).await?;
    checks.check(
        m.as_ref().is_some_and(|m| current.iter().any(|l| l.member_id == m.id && l.until.is_none())),
        "member",
        "error-enterprise-linked",
    );
    checks.finish()?;
    let m = m.expect("checked");
    let l = Liaison {
        id: Uuid::now_v7(),
        body_id: b.id,
        member_id: m.id,
        person_id: m.person_id,
        person_name: m.person_name,
        org_path: m.org_path,
        since: since.expect("checked"),
        until: None,
        created_by: ctx.actor_name(),
        created_at: ctx.now(),
    };
    let tx = ctx.db().write().await?;
    let l = store::insert_liaison(&tx, l).await?;
    record(&tx, ctx, Stale::Nothing, "enterprise.link", "village_body", Some(&b.id.to_string()), "ok", json!({ "member_id": l.member_id }))
        .await?;
    ctx.commit(tx).await?;
    Ok(l)
}

/// Ends a member's service of an enterprise on `until`.
pub async fn unlink(ctx: &Ctx, liaison: Uuid, until: Option<NaiveDate>) -> Result<Liaison> {
    let c = ctx.db().conn();
    let Some(mut l) = store::liaison(c, liaison).await? else { return Err(AppError::NotFound) };
    let (b, p) = body(ctx, l.body_id).await?;
    authorize_body(ctx, &b, &p, Action::ManageEnterprises).await?;
    if l.until.is_some() {
        return Err(AppError::Conflict { field: "until", key: "error-enterprise-ended" });
    }
    let until = until.ok_or(AppError::invalid("until", "error-required"))?;
    if until < l.since || until > ctx.app.today() {
        return Err(AppError::invalid("until", "error-care-backwards"));
    }
    l.until = Some(until);
    let tx = ctx.db().write().await?;
    let l = store::update_liaison(&tx, l).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "enterprise.unlink",
        "village_body",
        Some(&b.id.to_string()),
        "ok",
        json!({ "member_id": l.member_id }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(l)
}

/// An offer as a form gives it.
#[derive(Clone, Debug, Default)]
pub struct OfferInput {
    pub kind: String,
    pub title: String,
    pub detail: String,
    pub places: Option<String>,
    pub how_to: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
}

/// Publishes an offer; it shows on the boards of the villages at and below the enterprise's
/// place from its first day to its last.
pub async fn publish(ctx: &Ctx, id: Uuid, input: OfferInput) -> Result<Offer> {
    let (b, p) = body(ctx, id).await?;
    authorize_body(ctx, &b, &p, Action::ManageEnterprises).await?;
    let mut checks = Checks::default();
    checks.check(b.status != "active", "kind", "error-enterprise-inactive");
    checks.check(!OFFER_KINDS.contains(&input.kind.as_str()), "kind", "error-choose");
    let title = checks.take(clean("title", &input.title, 200, true)).flatten();
    let detail = checks.take(paragraphs("detail", &input.detail, 2000, true)).flatten();
    let how_to = checks.take(paragraphs("how_to", &input.how_to, 500, true)).flatten();
    let places = match input.places.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => {
            let n = raw.parse::<i32>().ok().filter(|n| (1..=100_000).contains(n));
            checks.check(n.is_none(), "places", "error-enterprise-places");
            n
        }
    };
    checks.check(input.valid_from.is_none(), "valid_from", "error-required");
    let backwards = matches!((input.valid_from, input.valid_until), (Some(f), Some(u)) if u < f);
    checks.check(backwards, "valid_until", "error-care-backwards");
    checks.check(input.valid_until.is_some_and(|u| u < ctx.app.today()), "valid_until", "error-enterprise-ended-already");
    checks.finish()?;
    let o = Offer {
        id: Uuid::now_v7(),
        body_id: b.id,
        area_path: b.area_path.clone(),
        kind: input.kind,
        title: title.expect("checked"),
        detail: detail.expect("checked"),
        places,
        how_to: how_to.expect("checked"),
        valid_from: input.valid_from.expect("checked"),
        valid_until: input.valid_until,
        withdrawn_at: None,
        created_by: ctx.actor_name(),
        created_at: ctx.now(),
    };
    let tx = ctx.db().write().await?;
    let o = store::insert_offer(&tx, o).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "enterprise.offer",
        "offer",
        Some(&o.id.to_string()),
        "ok",
        json!({ "body_id": b.id, "kind": o.kind }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(o)
}

/// Takes an offer down from the boards; a second time is a conflict.
pub async fn withdraw(ctx: &Ctx, offer: Uuid) -> Result<Offer> {
    let c = ctx.db().conn();
    let Some(mut o) = store::offer(c, offer).await? else { return Err(AppError::NotFound) };
    let (b, p) = body(ctx, o.body_id).await?;
    authorize_body(ctx, &b, &p, Action::ManageEnterprises).await?;
    if o.withdrawn_at.is_some() {
        return Err(AppError::Conflict { field: "offer", key: "error-enterprise-withdrawn" });
    }
    o.withdrawn_at = Some(ctx.now());
    let tx = ctx.db().write().await?;
    let o = store::update_offer(&tx, o).await?;
    record(&tx, ctx, Stale::Nothing, "enterprise.withdraw", "offer", Some(&o.id.to_string()), "ok", json!({ "body_id": b.id })).await?;
    ctx.commit(tx).await?;
    Ok(o)
}

/// Records that an enterprise or cooperative has closed (注销), with the reason: its offers leave
/// the village board, the members serving it stop today, and it stays on the list marked closed
/// with everything recorded for it.
pub async fn dissolve(ctx: &Ctx, id: Uuid, reason: &str) -> Result<Body> {
    let (b, p) = body(ctx, id).await?;
    authorize_body(ctx, &b, &p, Action::ManageEnterprises).await?;
    let reason = paragraphs("reason", reason, 500, true)?.unwrap_or_default();
    if b.status != "active" {
        return Err(AppError::Conflict { field: "reason", key: "error-enterprise-inactive" });
    }
    let tx = ctx.db().write().await?;
    store::dissolve(&tx, b.id, ctx.app.today(), ctx.now()).await?;
    record(&tx, ctx, Stale::Nothing, "enterprise.dissolve", "village_body", Some(&b.id.to_string()), "ok", json!({ "reason": reason }))
        .await?;
    ctx.commit(tx).await?;
    people_store::body(ctx.db().conn(), id).await?.ok_or(AppError::NotFound)
}

/// Undoes a closing: the body is active again, with why (audited). Its offers and the members
/// who served it are not brought back by this; they are published and linked again, each a
/// decision of its own.
pub async fn reopen(ctx: &Ctx, id: Uuid, reason: &str) -> Result<Body> {
    let (b, p) = body(ctx, id).await?;
    authorize_body(ctx, &b, &p, Action::ManageEnterprises).await?;
    let reason = paragraphs("reason", reason, 500, true)?.unwrap_or_default();
    if b.status == "active" {
        return Err(AppError::Conflict { field: "reason", key: "error-enterprise-active" });
    }
    let tx = ctx.db().write().await?;
    store::reopen(&tx, b.id, ctx.now()).await?;
    record(&tx, ctx, Stale::Nothing, "enterprise.reopen", "village_body", Some(&b.id.to_string()), "ok", json!({ "reason": reason }))
        .await?;
    ctx.commit(tx).await?;
    people_store::body(ctx.db().conn(), id).await?.ok_or(AppError::NotFound)
}

/// What a member did for an enterprise, as a form gives it.
#[derive(Clone, Debug, Default)]
pub struct ServiceInput {
    /// Whose service: the staff choose among those who serve it; a member records their own.
    pub member_id: Option<Uuid>,
    pub served_on: Option<NaiveDate>,
    pub kind: String,
    pub note: String,
}

/// Records what a member who serves an enterprise did for it.
pub async fn record_service(ctx: &Ctx, id: Uuid, input: ServiceInput) -> Result<Service> {
    let (b, p) = body(ctx, id).await?;
    authorize_body(ctx, &b, &p, Action::ServeEnterprises).await?;
    let c = ctx.db().conn();
    let staff = decide(&ctx.actor, Action::ServeEnterprises, Target::Area(&p)) == Decision::Allow;
    let who = if staff { input.member_id } else { own_member(ctx).await?.map(|m| m.id) };
    let mut checks = Checks::default();
    checks.check(b.status != "active", "kind", "error-enterprise-inactive");
    let link = store::liaisons_of(c, &[b.id]).await?.into_iter().find(|l| Some(l.member_id) == who && l.until.is_none());
    checks.check(link.is_none(), "member", if who.is_none() { "error-required" } else { "error-enterprise-not-linked" });
    checks.check(!SERVICE_KINDS.contains(&input.kind.as_str()), "kind", "error-choose");
    let note = checks.take(paragraphs("note", &input.note, 1000, true)).flatten();
    checks.check(input.served_on.is_none(), "served_on", "error-required");
    checks.check(input.served_on.is_some_and(|d| d > ctx.app.today()), "served_on", "error-care-future");
    let before = matches!((&link, input.served_on), (Some(l), Some(d)) if d < l.since);
    checks.check(before, "served_on", "error-enterprise-before-link");
    checks.finish()?;
    let l = link.expect("checked");
    let s = Service {
        id: Uuid::now_v7(),
        body_id: b.id,
        member_id: l.member_id,
        person_name: l.person_name,
        served_on: input.served_on.expect("checked"),
        kind: input.kind,
        note: note.expect("checked"),
        recorded_by: ctx.actor_name(),
        recorded_at: ctx.now(),
    };
    let tx = ctx.db().write().await?;
    let s = store::insert_service(&tx, s).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "enterprise.service",
        "village_body",
        Some(&b.id.to_string()),
        "ok",
        json!({ "member_id": s.member_id, "kind": s.kind }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(s)
}

/// The enterprises the signed-in member serves now.
pub async fn mine(ctx: &Ctx) -> Result<Vec<(Liaison, Body)>> {
    let Some(m) = own_member(ctx).await? else { return Ok(Vec::new()) };
    let c = ctx.db().conn();
    let links = store::served_by(c, m.id).await?;
    let mut bodies: HashMap<Uuid, Body> =
        store::bodies(c, &links.iter().map(|l| l.body_id).collect::<Vec<_>>()).await?.into_iter().map(|b| (b.id, b)).collect();
    Ok(links.into_iter().filter_map(|l| bodies.remove(&l.body_id).map(|b| (l, b))).collect())
}

/// An offer as a village's public board shows it: no person's name, only the enterprise's.
#[derive(Clone, Debug)]
pub struct BoardOffer {
    pub enterprise: String,
    pub offer: Offer,
}

/// The offers open today on a village's board, one page of them: those of the enterprises of the
/// village and of the township and county above it. Public, like the board.
pub async fn on_board(ctx: &Ctx, village: Uuid, w: Window) -> Result<Shown<BoardOffer>> {
    let c = ctx.db().conn();
    let Some(village) = orgs_store::area(c, village).await? else { return Ok(Shown::of(Vec::new(), w)) };
    let p = path(&village.path)?;
    let mut places: Vec<String> = p.ancestors().into_iter().map(|a| a.as_str().to_owned()).collect();
    places.push(p.as_str().to_owned());
    let today = ctx.app.today();
    // The query keeps only what is open today and of active bodies, so a page is never short of
    // what it could show.
    let offers = Shown::of(store::offers_at(c, &places, today, w).await?, w);
    let ids: Vec<Uuid> = offers.items.iter().map(|o| o.body_id).collect::<HashSet<_>>().into_iter().collect();
    let names: HashMap<Uuid, String> = store::bodies(c, &ids).await?.into_iter().map(|b| (b.id, b.name)).collect();
    Ok(offers.map(|o| BoardOffer { enterprise: names.get(&o.body_id).cloned().unwrap_or_default(), offer: o }))
}

/// The year an enterprise's page opens on.
pub fn this_year(ctx: &Ctx) -> i32 {
    ctx.app.today().year()
}
