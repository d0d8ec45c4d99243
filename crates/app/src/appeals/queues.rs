//! Staff queues (mine, my organization's, overdue in my subtree, escalated to us), full-text
//! search, one appeal's page with its timeline, Excel export of any queue, and the overview of
//! what is overdue below a township or county.

use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};
use lianxin_core::appeals::summary;
use lianxin_store::{appeals as store, orgs as orgs_store, people as people_store};
use serde::Serialize;
use uuid::Uuid;

use super::{Event, Named, Place, authorized, cached_names, category_names, org_names};
use crate::{
    AppError, Ctx, Result,
    policy::{Action, Decision, Target, decide},
};

/// Which list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Queue {
    /// Handed to me (my person).
    Mine,
    /// In my organization's queue.
    Org,
    /// Past their deadline anywhere in my organization's subtree.
    Overdue,
    /// Sent up to my organization from below.
    Escalated,
    /// Everything in my subtree (for search).
    All,
}

impl Queue {
    pub fn parse(s: &str) -> Option<Queue> {
        Some(match s {
            "mine" => Queue::Mine,
            "org" => Queue::Org,
            "overdue" => Queue::Overdue,
            "escalated" => Queue::Escalated,
            "all" => Queue::All,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Queue::Mine => "mine",
            Queue::Org => "org",
            Queue::Overdue => "overdue",
            Queue::Escalated => "escalated",
            Queue::All => "all",
        }
    }

    pub const ALL: [Queue; 5] = [Queue::Mine, Queue::Org, Queue::Overdue, Queue::Escalated, Queue::All];
}

#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    pub queue: Option<Queue>,
    /// The organization whose queue (default: the first the actor holds a post in).
    pub org: Option<Uuid>,
    pub status: Option<String>,
    pub service_code: Option<String>,
    /// Only the appeals of this village (within the queue's organization).
    pub village: Option<Uuid>,
    pub text: Option<String>,
    pub before: Option<Uuid>,
    pub limit: Option<u64>,
}

/// A row of a staff list: masked requester, names resolved.
#[derive(Clone, Debug, Serialize)]
pub struct QueueRow {
    pub id: Uuid,
    pub code: String,
    pub category: String,
    pub service_code: String,
    pub status: String,
    pub level: String,
    pub summary: String,
    pub village: String,
    pub org: String,
    pub handler: Option<String>,
    pub requester: Option<String>,
    pub phone: Option<String>,
    pub channel: String,
    pub supporters: i32,
    pub due_at: DateTime<Utc>,
    pub overdue: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

#[derive(Clone, Debug, Serialize)]
pub struct QueuePage {
    pub queue: Queue,
    pub org: Option<Uuid>,
    /// Shared with the kept copy of the page (see [`KeptPage`]).
    pub rows: Arc<Vec<QueueRow>>,
    /// The rows as callers rendered them, kept with them (see [`Shown`]).
    #[serde(skip)]
    pub shown: Arc<Shown>,
    /// Cursor of the next page, when there is one.
    pub next: Option<Uuid>,
}

/// Pages longer than this are read afresh every time (a kept page of 100 rows with its renderings
/// is about 150 KB; see [`super::Kept::lists`] for how many are kept).
const KEPT_ROWS_MAX: u64 = 100;

/// What a page of a list was asked for: the store's filter, the cursor, the size and the
/// language of the names.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ListKey {
    filter: store::AppealFilter,
    before: Option<Uuid>,
    limit: u64,
    locale: crate::Locale,
}

/// Renderings of a page's rows, made by the first caller that needs one and kept with the rows
/// for as long as they are kept: a list read many times between changes is written out once.
/// The list's key includes the language, so a rendering may name things in it.
#[derive(Debug, Default)]
pub struct Shown {
    /// The rows of a page's table.
    pub html: OnceLock<String>,
    /// The rows as a JSON array.
    pub json: OnceLock<String>,
}

/// A page of a list kept in [`super::Kept::lists`] until an appeal changes, a name
/// changes, its time is up, or the clock reaches `turns`: the first deadline of an active row
/// still ahead when it was read (the row's overdue mark would change).
#[derive(Clone, Debug)]
pub struct KeptPage {
    rows: Arc<Vec<QueueRow>>,
    shown: Arc<Shown>,
    next: Option<Uuid>,
    turns: Option<DateTime<Utc>>,
}

pub use crate::policy::acting_orgs as my_orgs;

/// One page of a queue.
pub async fn queue(ctx: &Ctx, f: &QueueFilter) -> Result<QueuePage> {
    let p = ctx.principal()?;
    let now = ctx.now();
    let orgs = my_orgs(ctx);
    let queue = f.queue.unwrap_or(if orgs.is_empty() { Queue::Mine } else { Queue::Org });
    let mut sf = store::AppealFilter::default();
    let mut org_id = None;
    if queue == Queue::Mine {
        sf.handler = Some(p.person_id.ok_or(AppError::BadRequest { key: "error-appeal-no-person" })?);
    } else {
        let (id, root) = match f.org {
            Some(o) => {
                let org = orgs_store::org(ctx.db().conn(), o).await?.ok_or(AppError::NotFound)?;
                let path = crate::input::path(&org.path)?;
                (o, path)
            }
            None => orgs.first().cloned().ok_or(AppError::Forbidden)?,
        };
        ctx.authorize(
            Action::ReadAppeals,
            Target::Appeal { org: &root, village: &root, handler: None },
            "appeal_queue",
            Some(&id.to_string()),
        )
        .await?;
        org_id = Some(id);
        match queue {
            // The organization's own queue; its path range lets the path index answer lists of
            // finished appeals too (the open ones have an index of their own).
            Queue::Org => {
                sf.org = Some(id);
                sf.org_subtree = Some(root);
            }
            Queue::Escalated => {
                sf.org = Some(id);
                sf.org_subtree = Some(root);
                sf.levels = vec!["township".into(), "county".into()];
            }
            Queue::Overdue => {
                sf.org_subtree = Some(root);
                sf.overdue_at = Some(now);
            }
            Queue::All | Queue::Mine => sf.org_subtree = Some(root),
        }
    }
    if let Some(s) = f.status.as_deref().filter(|s| !s.is_empty()) {
        if s == "active" {
            sf.statuses = store::ACTIVE.iter().map(|s| (*s).to_owned()).collect();
        } else {
            let st = lianxin_core::appeals::Status::parse(s).ok_or(AppError::invalid("status", "error-appeal-status"))?;
            sf.statuses = vec![st.as_str().into()];
        }
    } else if matches!(queue, Queue::Mine | Queue::Org | Queue::Escalated) && f.text.is_none() {
        // Work lists show what still needs work unless asked otherwise.
        sf.statuses = store::ACTIVE.iter().map(|s| (*s).to_owned()).collect();
    }
    if let Some(c) = f.service_code.as_deref().filter(|s| !s.is_empty()) {
        sf.service_codes = vec![c.to_owned()];
    }
    if let Some(v) = f.village {
        let area = orgs_store::area(ctx.db().conn(), v).await?.ok_or(AppError::invalid("village", "error-bad-request"))?;
        sf.village_subtree = Some(crate::input::path(&area.path)?);
    }
    // A search is text like any other: control and invisible characters are refused (a NUL
    // broke the full-text query), then it is quoted as one phrase by the store.
    if let Some(t) = crate::input::clean("q", f.text.as_deref().unwrap_or(""), 100, false)? {
        sf.text = Some(t);
    }
    let limit = f.limit.unwrap_or(50).clamp(1, 500);
    // Authorized above; what follows depends only on the filter. Lists asked "overdue at now"
    // would never be asked twice, and long pages would take much memory, so neither is kept.
    let kept = ctx.app.caches.room::<super::Kept>();
    let keep = sf.overdue_at.is_none() && limit <= KEPT_ROWS_MAX;
    let key = keep.then(|| ListKey { filter: sf.clone(), before: f.before, limit, locale: ctx.locale });
    let root = sf.org_subtree.as_ref().and_then(lianxin_core::tree::TreePath::last_id).filter(|_| sf.handler.is_none());
    let epoch = ctx.app.caches.routing_epoch().wrapping_add(kept.changes.of(root));
    if let Some(k) = key.as_ref().and_then(|k| kept.lists.get(k, epoch, now)).filter(|k| k.turns.is_none_or(|t| now < t)) {
        return Ok(QueuePage { queue, org: org_id, rows: k.rows, shown: k.shown, next: k.next });
    }
    let mut found = store::list_items(ctx.db().conn(), &sf, f.before, limit + 1).await?;
    let next = if found.len() as u64 > limit {
        found.truncate(limit as usize);
        found.last().map(|a| a.id)
    } else {
        None
    };
    let rows = Arc::new(rows(ctx, &found).await?);
    let shown = Arc::default();
    if let Some(key) = key {
        let turns = rows.iter().filter(|r| !r.overdue && store::ACTIVE.contains(&r.status.as_str())).map(|r| r.due_at).min();
        kept.lists.put(key, KeptPage { rows: rows.clone(), shown: Arc::clone(&shown), next, turns }, epoch, now);
    }
    Ok(QueuePage { queue, org: org_id, rows, shown, next })
}

/// Staff rows for appeals (at most four queries whatever the count, none when the names are kept).
pub async fn rows(ctx: &Ctx, found: &[store::ListItem]) -> Result<Vec<QueueRow>> {
    let c = ctx.db().conn();
    let now = ctx.now();
    let kind = if ctx.locale == crate::Locale::EnUs { Named::CategoryEn } else { Named::CategoryZh };
    let cats = cached_names(ctx, kind, found.iter().map(|a| a.category_id), |ids| category_names(c, ids, ctx.locale)).await?;
    let orgs = cached_names(ctx, Named::Org, found.iter().map(|a| a.org_id), |ids| org_names(c, ids)).await?;
    let villages = cached_names(ctx, Named::Area, found.iter().map(|a| a.village_area_id), |ids| async move {
        Ok(orgs_store::areas_by_ids(c, &ids).await?.into_iter().map(|a| (a.id, a.name)).collect())
    })
    .await?;
    let handlers = cached_names(ctx, Named::Person, found.iter().filter_map(|a| a.handler_person_id), |ids| async move {
        Ok(people_store::persons_by_ids(c, &ids).await?.into_iter().map(|p| (p.id, p.name)).collect())
    })
    .await?;
    Ok(found
        .iter()
        .map(|a| QueueRow {
            id: a.id,
            code: a.code.clone(),
            category: cats.get(&a.category_id).cloned().unwrap_or_default(),
            service_code: a.service_code.clone(),
            status: a.status.clone(),
            level: a.level.clone(),
            summary: summary(&a.head, 40),
            village: villages.get(&a.village_area_id).cloned().unwrap_or_default(),
            org: orgs.get(&a.org_id).cloned().unwrap_or_default(),
            handler: a.handler_person_id.and_then(|h| handlers.get(&h).cloned()),
            requester: a.name_mask.clone(),
            phone: a.phone_mask.clone(),
            channel: a.channel.clone(),
            supporters: a.supporters,
            due_at: a.due_at,
            overdue: store::ACTIVE.contains(&a.status.as_str()) && a.due_at < now,
            created_at: a.created_at,
            updated_at: a.updated_at,
            version: a.version,
        })
        .collect())
}

/// One appeal for staff: the row, the whole timeline (internal notes included), photos,
/// co-handlers, and what the actor may do.
#[derive(Clone, Debug, Serialize)]
pub struct StaffView {
    pub row: QueueRow,
    pub description: String,
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub attributes: std::collections::BTreeMap<String, String>,
    pub owner: String,
    pub public: bool,
    pub rating: Option<String>,
    pub rating_comment: Option<String>,
    pub reject_reason: Option<String>,
    pub reopen_count: i32,
    pub events: Vec<Event>,
    pub photos: Vec<store::PhotoRef>,
    pub cohandlers: Vec<String>,
    pub village_id: Uuid,
    pub can_handle: bool,
    pub can_escalate: bool,
    /// The extra fields as (question, answer) in the reader's language.
    pub answers: Vec<(String, String)>,
    /// Who took each step of `events`, in the same order.
    pub actors: Vec<super::timeline::Who>,
    /// Each time it was sent up a level, oldest first.
    pub escalations: Vec<super::timeline::Escalated>,
    /// What the viewer may do next.
    pub steps: super::timeline::Steps,
}

pub async fn staff_view(ctx: &Ctx, id: Uuid) -> Result<StaffView> {
    let a = authorized(ctx, id, Action::ReadAppeals).await?;
    let c = ctx.db().conn();
    let place = Place::of(&a)?;
    let can_handle = decide(&ctx.actor, Action::HandleAppeals, place.target()) == Decision::Allow;
    let events = store::events(c, a.id, false).await?;
    let photos = store::photo_ids(c, a.id).await?;
    let co = store::cohandlers(c, a.id).await?;
    // Co-handlers are bodies of the appeal's village: one query for all of them.
    let bodies = if co.is_empty() { Vec::new() } else { people_store::bodies_in(c, &place.village).await? };
    let cohandlers = co.iter().filter_map(|h| bodies.iter().find(|b| b.id == h.body_id).map(|b| b.name.clone())).collect();
    let row = rows(ctx, &[store::ListItem::from(&a)]).await?.pop().ok_or(AppError::NotFound)?;
    let defs: Vec<lianxin_core::appeals::attributes::AttributeDef> =
        store::category(c, a.category_id).await?.map(|k| serde_json::from_str(&k.attributes).unwrap_or_default()).unwrap_or_default();
    let given: std::collections::BTreeMap<String, String> = serde_json::from_str(&a.attributes).unwrap_or_default();
    let actors = super::timeline::actors(c, &events).await?;
    let escalations = super::timeline::escalations(&events);
    let can_escalate = can_handle && a.level != "county";
    Ok(StaffView {
        answers: super::timeline::answers(&defs, &given, ctx.locale),
        actors,
        escalations,
        steps: super::timeline::Steps::of(&a.status, can_handle, can_escalate),
        row,
        description: a.description.clone(),
        address: a.address.clone(),
        lat: a.lat,
        lon: a.lon,
        attributes: serde_json::from_str(&a.attributes).unwrap_or_default(),
        owner: a.owner.clone(),
        public: a.public,
        rating: a.rating.clone(),
        rating_comment: a.rating_comment.clone(),
        reject_reason: a.reject_reason.clone(),
        reopen_count: a.reopen_count,
        events,
        photos,
        cohandlers,
        village_id: a.village_area_id,
        can_handle,
        can_escalate,
    })
}

/// A photo of an appeal: public appeals' photos for anyone, others for staff who may read it or
/// the villager who filed it.
pub async fn photo(ctx: &Ctx, id: Uuid, who: &super::Requester) -> Result<store::Photo> {
    let c = ctx.db().conn();
    let p = store::photo(c, id).await?.ok_or(AppError::NotFound)?;
    let a = store::appeal(c, p.appeal_id).await?.ok_or(AppError::NotFound)?;
    if a.public || who.may(&a) {
        return Ok(p);
    }
    let place = Place::of(&a)?;
    if decide(&ctx.actor, Action::ReadAppeals, place.target()) == Decision::Allow {
        return Ok(p);
    }
    Err(AppError::NotFound)
}

/// A queue as an Excel workbook (up to 10 000 rows; the sheet says when it was cut).
pub async fn export(ctx: &Ctx, f: &QueueFilter) -> Result<Vec<u8>> {
    let headers: Vec<String> = if ctx.locale == crate::Locale::ZhCn {
        [
            "编号",
            "类别",
            "状态",
            "层级",
            "村",
            "当前承办组织",
            "经办人",
            "诉求人",
            "电话",
            "渠道",
            "附议",
            "内容",
            "提交时间",
            "期限",
            "是否超期",
        ]
    } else {
        [
            "Code",
            "Category",
            "Status",
            "Level",
            "Village",
            "With",
            "Handler",
            "Requester",
            "Phone",
            "Channel",
            "Supporters",
            "Summary",
            "Filed",
            "Due",
            "Overdue",
        ]
    }
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    use crate::sheets::Cell;
    let word = |prefix: &str, value: &str| {
        let key = format!("export-{prefix}-{value}");
        let w = crate::notify::texts::text(ctx.locale, &key, &[]);
        if w == key { value.to_owned() } else { w }
    };
    let (yes, no) = (word("x", "yes"), word("x", "no"));
    let mut out: Vec<Vec<Cell>> = Vec::new();
    let mut f = f.clone();
    f.limit = Some(500);
    let offset = chrono::Duration::minutes(i64::from(ctx.settings().display_utc_offset_minutes));
    let when = |t: DateTime<Utc>| Cell::DateTime((t + offset).naive_utc());
    let text = |s: &str| Cell::Text(s.to_owned());
    loop {
        let page = queue(ctx, &f).await?;
        for r in page.rows.iter() {
            out.push(vec![
                Cell::Text(lianxin_core::appeals::format_tracking_code(&r.code)),
                text(&r.category),
                Cell::Text(word("status", &r.status)),
                Cell::Text(word("level", &r.level)),
                text(&r.village),
                text(&r.org),
                text(r.handler.as_deref().unwrap_or_default()),
                text(r.requester.as_deref().unwrap_or_default()),
                text(r.phone.as_deref().unwrap_or_default()),
                Cell::Text(word("channel", &r.channel)),
                Cell::Number(f64::from(r.supporters)),
                text(&r.summary),
                when(r.created_at),
                when(r.due_at),
                Cell::Text(if r.overdue { yes.clone() } else { no.clone() }),
            ]);
        }
        match page.next {
            Some(n) if out.len() < 10_000 => f.before = Some(n),
            _ => break,
        }
    }
    crate::sheets::write_typed_xlsx(&word("sheet", "appeals"), &headers, &out).map_err(AppError::internal)
}

/// Overdue appeals below an organization, by village and level (for townships and the county).
#[derive(Clone, Debug, Serialize)]
pub struct OverdueLine {
    pub village_id: Uuid,
    pub village: String,
    pub level: String,
    pub count: i64,
}

pub async fn overdue_overview(ctx: &Ctx, org: Option<Uuid>) -> Result<Vec<OverdueLine>> {
    let orgs = my_orgs(ctx);
    let (id, root) = match org {
        Some(o) => {
            let org = orgs_store::org(ctx.db().conn(), o).await?.ok_or(AppError::NotFound)?;
            (o, crate::input::path(&org.path)?)
        }
        None => orgs.first().cloned().ok_or(AppError::Forbidden)?,
    };
    ctx.authorize(Action::ReadAppeals, Target::Appeal { org: &root, village: &root, handler: None }, "appeal_queue", Some(&id.to_string()))
        .await?;
    let c = ctx.db().conn();
    let counts = store::overdue_by_village(c, &root, ctx.now()).await?;
    let ids: Vec<Uuid> = counts.iter().map(|(v, _, _)| *v).collect();
    let names: std::collections::HashMap<Uuid, String> =
        orgs_store::areas_by_ids(c, &ids).await?.into_iter().map(|a| (a.id, a.name)).collect();
    let mut lines: Vec<OverdueLine> = counts
        .into_iter()
        .map(|(v, level, count)| OverdueLine { village_id: v, village: names.get(&v).cloned().unwrap_or_default(), level, count })
        .collect();
    lines.sort_by(|a, b| b.count.cmp(&a.count).then(a.village.cmp(&b.village)));
    Ok(lines)
}
