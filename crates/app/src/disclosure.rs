//! The public board of party and village affairs (RULES.md §9): an organization discloses general
//! items, finances, major matters and dues, each appended to the organization's hash chain with
//! its receipt (the entry's hash); the board is read without signing in; each category's
//! schedule says when the next disclosure is owed and flags it overdue, and the level above is
//! told once per missed date.

use chrono::NaiveDate;
use lianxin_core::disclosure::{self as rules, Category, Schedule};
use lianxin_store::{disclosure as store, orgs as orgs_store};
use serde_json::json;
use uuid::Uuid;

use crate::{
    AppError, Checks, Ctx, Result,
    input::{clean, paragraphs, path},
    journal::{Stale, record},
    meetings::{authorized_org, may},
    notify::{self, To},
    policy::Action,
};

pub use store::Disclosure;

#[derive(Clone, Debug, Default)]
pub struct DisclosureNew {
    pub category: Option<Category>,
    pub title: String,
    pub content: String,
    /// The period covered, in words.
    pub period: String,
    /// The day it was put up; today when absent, never later than today.
    pub on: Option<NaiveDate>,
    /// A major matter: the day it arose.
    pub arose_on: Option<NaiveDate>,
}

fn who(ctx: &Ctx) -> String {
    ctx.actor.principal().map(|p| p.display_name.clone()).unwrap_or_default()
}

/// Puts a disclosure on the organization's board (the secretary, as for 四议两公开), appended to
/// its chain. Refused: a date in the future, a major matter without the day it arose or dated
/// after its disclosure.
pub async fn publish(ctx: &Ctx, org_id: Uuid, new: DisclosureNew) -> Result<Disclosure> {
    let (org, _) = authorized_org(ctx, org_id, Action::RunDecisions).await?;
    let today = ctx.app.today();
    let on = new.on.unwrap_or(today);
    let mut checks = Checks::default();
    let title = checks.take(clean("title", &new.title, 200, true)).flatten();
    let content = checks.take(paragraphs("content", &new.content, 10_000, true)).flatten();
    let period = checks.take(clean("period", &new.period, 50, false)).flatten().unwrap_or_default();
    checks.check(new.category.is_none(), "category", "error-choose");
    checks.check(on > today, "on", "error-disclosure-future");
    let major = new.category == Some(Category::Major);
    checks.check(major && new.arose_on.is_none_or(|a| a > on), "arose_on", "error-disclosure-arose");
    checks.finish()?;
    let category = new.category.expect("checked");
    let arose_on = if major { new.arose_on } else { None };
    let (title, content) = (title.expect("checked"), content.expect("checked"));
    let payload = json!({
        "category": category.as_str(),
        "title": title,
        "content": content,
        "period": period,
        "on": on,
        "arose_on": arose_on,
    })
    .to_string();
    let tx = ctx.db().write().await?;
    let (seq, prev) = store::head(&tx, org_id).await?.unwrap_or((0, rules::GENESIS.to_owned()));
    let seq = seq + 1;
    let d = Disclosure {
        id: Uuid::now_v7(),
        org_id,
        org_path: org.path.clone(),
        seq,
        category: category.as_str().into(),
        title,
        content,
        period,
        arose_on,
        on_date: on,
        hash: rules::entry_hash(&prev, seq, &payload),
        payload,
        prev_hash: prev,
        created_by: who(ctx),
        created_at: ctx.now(),
    };
    // Two at once on one board: the second finds its sequence taken and is asked to try again.
    let d = store::insert(&tx, d).await.map_err(AppError::on_unique_any("title", "error-disclosure-busy"))?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "disclosure.publish",
        "org",
        Some(&org_id.to_string()),
        "ok",
        json!({ "seq": seq, "category": category.as_str() }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(d)
}

/// An organization's board: its entries newest first, where the chain breaks (if it does), and
/// each category's schedule.
#[derive(Clone, Debug)]
pub struct Board {
    pub org: orgs_store::Org,
    pub entries: Vec<Disclosure>,
    pub broken_at: Option<i64>,
    pub schedules: Vec<Schedule>,
    /// Major matters disclosed later than the days allowed after they arose.
    pub late: Vec<Uuid>,
    pub may_publish: bool,
}

/// Each category's schedule on a board that began on `since` (the organization's first day),
/// from the last day each category was disclosed.
fn schedules(last: impl Fn(Category) -> Option<NaiveDate>, since: NaiveDate, major_days: u32, today: NaiveDate) -> Vec<Schedule> {
    Category::ALL.iter().map(|c| rules::schedule(*c, last(*c), since, None, major_days, today)).collect()
}

fn since(ctx: &Ctx, org: &orgs_store::Org) -> NaiveDate {
    crate::meetings::local(ctx, org.created_at)
}

/// The board, read without signing in, as the notice board on the village square is.
pub async fn board(ctx: &Ctx, org_id: Uuid) -> Result<Board> {
    let c = ctx.db().conn();
    let org = orgs_store::org(c, org_id).await?.ok_or(AppError::NotFound)?;
    let stored = store::board(c, org_id).await?;
    let links: Vec<rules::Link> = stored
        .iter()
        .map(|d| rules::Link { seq: d.seq, payload: d.payload.clone(), prev_hash: d.prev_hash.clone(), hash: d.hash.clone() })
        .collect();
    let broken_at = rules::broken_at(&links);
    let today = ctx.app.today();
    let major_days = ctx.settings().decisions.major_disclosure_days;
    let late = stored
        .iter()
        .filter(|d| d.arose_on.is_some_and(|a| d.on_date > a + chrono::Days::new(u64::from(major_days))))
        .map(|d| d.id)
        .collect();
    let may_publish = path(&org.path).map(|p| may(ctx, Action::RunDecisions, &p)).unwrap_or(false);
    let mut entries = stored;
    let last = |c: Category| entries.iter().filter(|d| d.category == c.as_str()).map(|d| d.on_date).max();
    let schedules = schedules(last, since(ctx, &org), major_days, today);
    entries.reverse();
    Ok(Board { org, entries, broken_at, schedules, late, may_publish })
}

/// Tells the organization above, once per missed date, of each category overdue on a board:
/// every organization that leads a village owes one, and so does any that has put one up.
pub async fn sweep(ctx: &Ctx, now: chrono::DateTime<chrono::Utc>) -> Result<u64> {
    let today = crate::meetings::local(ctx, now);
    let c = ctx.db().conn();
    let mut ids = store::orgs_with_boards(c).await?;
    ids.extend(store::village_orgs(c).await?);
    ids.sort();
    ids.dedup();
    let orgs = orgs_store::orgs_by_ids(c, &ids).await?;
    // The last day of each category on every board, in one query.
    let lasts = store::last_dates(c).await?;
    let major_days = ctx.settings().decisions.major_disclosure_days;
    let tx = ctx.db().write().await?;
    let mut inbox = Vec::new();
    for org in orgs.iter().filter(|o| o.status == "active") {
        let Some(parent) = org.parent_id else { continue };
        let last = |c: Category| lasts.iter().find(|(o, k, _)| *o == org.id && k == c.as_str()).map(|(_, _, d)| *d);
        for s in schedules(last, since(ctx, org), major_days, today).into_iter().filter(|s| s.overdue) {
            let due = s.due_on.expect("overdue has a day");
            if store::note_told(&tx, org.id, s.category.as_str(), due).await? {
                let body = format!("{}|{}|{due}", org.name, s.category.as_str());
                inbox.push(notify::notice(ctx, To::Org(parent), None, "notice-board-overdue", &body)?.0);
            }
        }
    }
    let sent = inbox.len() as u64;
    lianxin_store::notify::insert_inbox(&tx, inbox).await?;
    if sent > 0 {
        record(&tx, ctx, Stale::Nothing, "disclosure.sweep", "org", None, "ok", json!({ "notices": sent })).await?;
    }
    ctx.commit(tx).await?;
    Ok(sent)
}
