//! Party dues (RULES.md §6): each member's base and monthly amount, fixed for the year, the
//! payments month by month (also by the branch on a member's behalf, with the record), arrears
//! with the six-month alert, the yearly publication to the branch's members, and a subtree's
//! roll-up. Every amount is reckoned by `lianxin_core::dues`, the functions `/rules` explains.

use std::sync::Arc;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use lianxin_core::{
    dues::{self as rules, Arrears, DuesError, DuesKind, PaymentVerdict},
    tree::TreePath,
};
use lianxin_store::{dues as store, orgs as orgs_store};
use serde_json::json;
use uuid::Uuid;

use crate::{
    AppError, Checks, Ctx, Result,
    input::paragraphs,
    journal::{Stale, record},
    meetings::authorized_org,
    notify,
    policy::{Action, Decision, Target, decide},
};

pub mod relief;
pub mod sheet;

pub use relief::{ReliefInput, monthly_owed};

pub use store::{Base, Payment, Publication};
pub type Member = lianxin_store::entity::member::Model;

/// A base for a year, as a form or the API gives it.
#[derive(Clone, Debug, Default)]
pub struct BaseInput {
    pub kind: Option<DuesKind>,
    /// Yuan a month, as written ("3000", "3000.50"); empty for the fixed kinds.
    pub base: String,
    pub note: String,
}

/// Payments for one or more months, as a form or the API gives them.
#[derive(Clone, Debug, Default)]
pub struct PayInput {
    /// The months paid for (any day in each).
    pub months: Vec<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    /// Paid by the branch on the member's behalf: the note says how and why.
    pub by_branch: bool,
    pub note: String,
}

/// The month dues start for a member (第八条: the assembly's admission); the record's status
/// date for members entered without one.
pub fn starts(m: &Member) -> NaiveDate {
    m.admitted_on.unwrap_or(m.status_since)
}

/// The last month whose dues are owed as of `today`: the month before this one (a month is paid
/// during the month).
pub fn last_owed(today: NaiveDate) -> NaiveDate {
    rules::months_before(today, 1)
}

fn jan(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).expect("a year kept here")
}

fn dec(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 1).expect("a year kept here")
}

fn may(ctx: &Ctx, action: Action, path: &TreePath) -> bool {
    decide(&ctx.actor, action, Target::Org(path)) == Decision::Allow
}

/// A paying member with their organization, checked for `action`; unknown members and those out
/// of reach look alike.
async fn authorized_member(ctx: &Ctx, id: Uuid, action: Action) -> Result<(Member, orgs_store::Org, TreePath)> {
    let Some(m) = lianxin_store::people::member(ctx.db().conn(), id).await? else {
        let nowhere = TreePath::root(id);
        ctx.authorize(action, Target::Org(&nowhere), "member", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let (org, path) = authorized_org(ctx, m.org_id, action).await?;
    if !store::PAYING.contains(&m.status.as_str()) {
        return Err(AppError::invalid("member_id", "error-dues-not-paying"));
    }
    Ok((m, org, path))
}

/// Checks that the viewer records dues in an organization (for showing the import form).
pub async fn may_record_in(ctx: &Ctx, org_id: Uuid) -> Result<()> {
    authorized_org(ctx, org_id, Action::RecordDues).await.map(|_| ())
}

/// Fixes a member's base and monthly amount for `year` (第一至六条). The amount is fixed for the
/// year: once a month of that year is paid, the base stays until next January.
pub async fn set_base(ctx: &Ctx, member_id: Uuid, year: i32, input: BaseInput) -> Result<Base> {
    let (m, _org, _path) = authorized_member(ctx, member_id, Action::RecordDues).await?;
    let c = ctx.db().conn();
    let today = ctx.app.today();
    let mut checks = Checks::default();
    let note = checks.take(paragraphs("note", &input.note, 500, false)).flatten().unwrap_or_default();
    checks.check(input.kind.is_none(), "kind", "error-required");
    checks.check(year < rules::month_of(starts(&m)).year() || year > today.year() + 1, "year", "error-dues-year");
    let base = rules::parse_yuan(&input.base);
    checks.check(!input.base.trim().is_empty() && base.is_none(), "base", "error-dues-amount");
    checks.finish()?;
    let kind = input.kind.expect("checked");
    let verdict = rules::monthly_dues(kind, base, ctx.settings().dues.farmer_fen).map_err(|e| match e {
        DuesError::MissingBase => AppError::invalid("base", "error-required"),
        DuesError::NegativeBase => AppError::invalid("base", "error-dues-negative"),
    })?;
    let paid = store::payments_of(c, &[m.id], jan(year), dec(year)).await?;
    let existing = store::base_of(c, m.id, year).await?;
    if existing.is_some() && !paid.is_empty() {
        return Err(AppError::Conflict { field: "base", key: "error-dues-base-fixed" });
    }
    let row = Base {
        id: existing.as_ref().map_or_else(Uuid::now_v7, |b| b.id),
        ..base_row(&m, year, &verdict, note, ctx.actor_name(), ctx.now())
    };
    let tx = ctx.db().write().await?;
    let row = match existing {
        Some(_) => store::update_base(&tx, row).await?,
        None => store::insert_base(&tx, row).await.map_err(AppError::on_unique(
            "uq_dues_bases_member_id_year",
            "year",
            "error-dues-base-fixed",
        ))?,
    };
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "dues.base",
        "member",
        Some(&m.id.to_string()),
        "ok",
        json!({ "year": year, "kind": kind.as_str(), "monthly_fen": verdict.fen }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(row)
}

/// Whether a month may be paid, with the rule's verdict: the dues-payment rule of `/rules`.
pub fn payment_verdict(m: &Member, month: NaiveDate, on: NaiveDate, paid: &[NaiveDate]) -> PaymentVerdict {
    let month = rules::month_of(month);
    rules::payment(month, starts(m), on, paid.contains(&month))
}

/// Why a payment the rule refuses is refused, as the error key forms and sheets show.
pub(crate) fn refusal(v: &PaymentVerdict) -> &'static str {
    if v.already_paid {
        "error-dues-month-paid"
    } else if v.before_start {
        "error-dues-before-start"
    } else {
        "error-dues-too-far-ahead"
    }
}

/// A payment row of `member` for `month`, as recorded now by `by`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn payment_row(
    m: &Member,
    month: NaiveDate,
    amount_fen: i64,
    paid_on: NaiveDate,
    by_branch: bool,
    note: String,
    by: String,
    now: chrono::DateTime<chrono::Utc>,
) -> Payment {
    Payment {
        id: Uuid::now_v7(),
        member_id: m.id,
        person_name: m.person_name.clone(),
        org_id: m.org_id,
        org_path: m.org_path.clone(),
        month,
        amount_fen,
        paid_on,
        by_branch,
        note,
        recorded_by: by,
        recorded_at: now,
    }
}

/// A base row of `member` for `year` from the rule's verdict, as fixed now by `by`.
pub(crate) fn base_row(
    m: &Member,
    year: i32,
    v: &rules::DuesVerdict,
    note: String,
    by: String,
    now: chrono::DateTime<chrono::Utc>,
) -> Base {
    Base {
        id: Uuid::now_v7(),
        member_id: m.id,
        person_name: m.person_name.clone(),
        org_id: m.org_id,
        org_path: m.org_path.clone(),
        year,
        kind: v.kind.as_str().into(),
        base_fen: v.base,
        monthly_fen: v.fen,
        note,
        set_by: by,
        set_at: now,
        relief_fen: None,
        relief_reason: String::new(),
        relief_status: None,
        relief_proposed_by: None,
        relief_proposed_at: None,
        relief_decided_by: None,
        relief_decided_at: None,
        relief_note: String::new(),
    }
}

/// Records payments for `input.months` at each year's fixed amount, all or none: a month before
/// the dues start, a month already paid, a month beyond the quarter ahead, or a year without a
/// base refuses the whole payment, with nothing changed.
pub async fn pay(ctx: &Ctx, member_id: Uuid, input: PayInput) -> Result<Vec<Payment>> {
    let (m, _org, _path) = authorized_member(ctx, member_id, Action::RecordDues).await?;
    let c = ctx.db().conn();
    let today = ctx.app.today();
    let mut checks = Checks::default();
    let note = checks.take(paragraphs("note", &input.note, 500, false)).flatten().unwrap_or_default();
    checks.check(input.paid_on.is_none(), "paid_on", "error-required");
    checks.check(input.paid_on.is_some_and(|d| d > today), "paid_on", "error-date-future");
    checks.check(input.months.is_empty(), "months", "error-dues-no-month");
    checks.check(input.by_branch && note.is_empty(), "note", "error-dues-branch-note");
    checks.finish()?;
    let on = input.paid_on.expect("checked");
    let mut months: Vec<NaiveDate> = input.months.iter().map(|d| rules::month_of(*d)).collect();
    months.sort();
    months.dedup();
    let (first, last) = (months[0], *months.last().expect("not empty"));
    let paid: Vec<NaiveDate> = store::payments_of(c, &[m.id], first, last).await?.into_iter().map(|p| p.month).collect();
    for month in &months {
        let v = payment_verdict(&m, *month, on, &paid);
        if !v.allowed {
            return Err(AppError::invalid("months", refusal(&v)));
        }
    }
    let mut amounts = HashMap::new();
    for year in months.iter().map(|d| d.year()) {
        if let std::collections::hash_map::Entry::Vacant(e) = amounts.entry(year) {
            let Some(b) = store::base_of(c, m.id, year).await? else {
                return Err(AppError::invalid("months", "error-dues-no-base"));
            };
            let owed = monthly_owed(&b);
            if owed == 0 {
                return Err(AppError::invalid("months", "error-dues-waived"));
            }
            e.insert(owed);
        }
    }
    let now = ctx.now();
    let rows: Vec<Payment> = months
        .iter()
        .map(|month| payment_row(&m, *month, amounts[&month.year()], on, input.by_branch, note.clone(), ctx.actor_name(), now))
        .collect();
    let tx = ctx.db().write().await?;
    let mut out = Vec::new();
    for r in rows {
        out.push(store::insert_payment(&tx, r).await.map_err(AppError::on_unique(
            "uq_dues_payments_member_id_month",
            "months",
            "error-dues-month-paid",
        ))?);
    }
    let total: i64 = out.iter().map(|p| p.amount_fen).sum();
    let months_text: Vec<String> = months.iter().map(|d| d.format("%Y-%m").to_string()).collect();
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "dues.pay",
        "member",
        Some(&m.id.to_string()),
        "ok",
        json!({ "months": months_text, "total_fen": total, "by_branch": input.by_branch }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(out)
}

/// One member's line of the year's book.
#[derive(Clone, Debug)]
pub struct BookRow {
    pub member: Member,
    pub base: Option<Base>,
    /// January to December: the payment of each month, if any.
    pub months: [Option<Payment>; 12],
    /// Whether each month is owed: after the dues start, up to the last month owed.
    pub due: [bool; 12],
    pub paid_fen: i64,
    /// Arrears from the first year with a base through the last month owed.
    pub arrears: Arrears,
}

impl BookRow {
    pub fn owed_fen(&self) -> i64 {
        let monthly = self.base.as_ref().map_or(0, monthly_owed);
        self.due.iter().zip(&self.months).filter(|(d, p)| **d && p.is_none()).count() as i64 * monthly
    }
}

/// An organization's dues of a year.
#[derive(Clone, Debug)]
pub struct Book {
    pub org: orgs_store::Org,
    pub year: i32,
    /// The last month owed in this book (the month before today, or December of a past year).
    pub through: NaiveDate,
    pub rows: Vec<BookRow>,
    pub publication: Option<Publication>,
    pub may_record: bool,
}

impl Book {
    pub fn paid_fen(&self) -> i64 {
        self.rows.iter().map(|r| r.paid_fen).sum()
    }
    pub fn owed_fen(&self) -> i64 {
        self.rows.iter().map(BookRow::owed_fen).sum()
    }
    pub fn alerts(&self) -> usize {
        self.rows.iter().filter(|r| r.arrears.alert).count()
    }
    pub fn without_base(&self) -> usize {
        self.rows.iter().filter(|r| r.base.is_none()).count()
    }
}

/// The year's book of an organization's paying members: five queries whatever its size.
/// Kept until any recorded change ([`Ctx::figures`]).
pub async fn book(ctx: &Ctx, org_id: Uuid, year: i32) -> Result<Arc<Book>> {
    let (org, path) = authorized_org(ctx, org_id, Action::ReadDues).await?;
    let may_record = may(ctx, Action::RecordDues, &path);
    ctx.figures((org_id, year, ctx.app.today(), may_record), || load_book(ctx, org, year, may_record)).await
}

async fn load_book(ctx: &Ctx, org: orgs_store::Org, year: i32, may_record: bool) -> Result<Book> {
    let c = ctx.db().conn();
    let members = store::paying_members(c, org.id).await?;
    let ids: Vec<Uuid> = members.iter().map(|m| m.id).collect();
    let through = last_owed(ctx.app.today()).min(dec(year));
    let mut bases: HashMap<Uuid, Base> = store::bases_of(c, &ids, year).await?.into_iter().map(|b| (b.member_id, b)).collect();
    // Arrears are read back to each member's earliest base.
    let earliest = store::earliest_base_years(c, &ids).await?;
    let from = earliest.values().copied().min().unwrap_or(year).min(year);
    let payments = store::payments_of(c, &ids, jan(from), dec(year)).await?;
    let mut waived = store::waived_years(c, &ids, year).await?;
    let mut by_member: HashMap<Uuid, Vec<Payment>> = HashMap::new();
    for p in payments {
        by_member.entry(p.member_id).or_default().push(p);
    }
    let rows = members
        .into_iter()
        .map(|m| {
            let base = bases.remove(&m.id);
            let paid = by_member.remove(&m.id).unwrap_or_default();
            let first_year = earliest.get(&m.id).copied();
            let waived = waived.remove(&m.id).unwrap_or_default();
            book_row(m, base, &paid, year, through, first_year, &waived)
        })
        .collect();
    let publication = store::publication(c, org.id, year).await?;
    Ok(Book { org, year, through, rows, publication, may_record })
}

/// A member's line of `year`; arrears run from the dues' start, but never before January of the
/// first year a base was fixed (the system knows nothing owed before it), and leave out the
/// `waived_years` an approved relief excused (免交), this one's or an earlier one's.
fn book_row(
    m: Member,
    base: Option<Base>,
    paid: &[Payment],
    year: i32,
    through: NaiveDate,
    first_year: Option<i32>,
    waived_years: &[i32],
) -> BookRow {
    let start = rules::month_of(starts(&m));
    let mut months: [Option<Payment>; 12] = Default::default();
    let mut due = [false; 12];
    // Waived by an approved relief: nothing is owed for the year's months.
    let waived = base.as_ref().is_some_and(|b| monthly_owed(b) == 0);
    for (i, d) in due.iter_mut().enumerate() {
        let month = NaiveDate::from_ymd_opt(year, i as u32 + 1, 1).expect("a month");
        *d = base.is_some() && !waived && month >= start && month <= through;
    }
    let mut paid_fen = 0;
    for p in paid.iter().filter(|p| p.month.year() == year) {
        paid_fen += p.amount_fen;
        months[p.month.month0() as usize] = Some(p.clone());
    }
    let mut paid_months: Vec<NaiveDate> = paid.iter().map(|p| p.month).collect();
    let excused = waived_years.iter().copied().chain(waived.then_some(year));
    paid_months.extend(excused.flat_map(|y| (1..=12).filter_map(move |m| NaiveDate::from_ymd_opt(y, m, 1))));
    let arrears = match first_year {
        Some(y) => rules::arrears(start.max(jan(y)), through, &paid_months),
        // No base yet: nothing is known to be owed.
        None => Arrears { starts: through, through, owed: Vec::new(), longest_run: 0, alert: false },
    };
    BookRow { member: m, base, months, due, paid_fen, arrears }
}

/// A member's dues page: their bases and payments of the year, and what may be paid now.
#[derive(Clone, Debug)]
pub struct MemberDues {
    pub row: BookRow,
    pub org: orgs_store::Org,
    pub year: i32,
    pub may_record: bool,
    /// Whether the viewer decides hardship reliefs for this member (the committee above).
    pub may_decide_relief: bool,
    /// The months that may be paid today, with the rule's verdict for each (the year's months
    /// and the rest of the quarter ahead).
    pub payable: Vec<PaymentVerdict>,
}

pub async fn member(ctx: &Ctx, member_id: Uuid, year: i32) -> Result<MemberDues> {
    let (m, org, path) = authorized_member(ctx, member_id, Action::ReadDues).await?;
    let c = ctx.db().conn();
    let today = ctx.app.today();
    let through = last_owed(today).min(dec(year));
    let base = store::base_of(c, m.id, year).await?;
    let earliest = store::earliest_base_years(c, &[m.id]).await?;
    let from = earliest.get(&m.id).copied().unwrap_or(year).min(year);
    let paid = store::payments_of(c, &[m.id], jan(from), dec(year.max(today.year() + 1))).await?;
    let paid_months: Vec<NaiveDate> = paid.iter().map(|p| p.month).collect();
    let mut payable = Vec::new();
    let mut month = jan(year);
    while month <= dec(year) {
        let v = payment_verdict(&m, month, today, &paid_months);
        if v.allowed {
            payable.push(v);
        }
        month = rules::next_month(month);
    }
    let waived = store::waived_years(c, &[m.id], year).await?.remove(&m.id).unwrap_or_default();
    let row = book_row(m, base, &paid, year, through, earliest.get(&member_id).copied(), &waived);
    let may_decide_relief = may(ctx, Action::ApproveDuesRelief, &path);
    Ok(MemberDues { row, org, year, may_record: may(ctx, Action::RecordDues, &path), may_decide_relief, payable })
}

/// One member's line of the publication: the amount a month and what was paid in the year (no
/// bases: they are incomes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementRow {
    pub name: String,
    pub monthly_fen: Option<i64>,
    pub months_paid: u32,
    pub paid_fen: i64,
}

#[derive(Clone, Debug)]
pub struct Statement {
    pub org: orgs_store::Org,
    pub year: i32,
    pub rows: Vec<StatementRow>,
    pub total_fen: i64,
    /// `None` while a keeper of the book previews a year not yet published.
    pub publication: Option<Publication>,
    /// Whether the viewer keeps the book (may publish it).
    pub may_record: bool,
}

fn statement_rows(b: &Book) -> Vec<StatementRow> {
    b.rows
        .iter()
        .map(|r| StatementRow {
            name: r.member.person_name.clone(),
            monthly_fen: r.base.as_ref().map(monthly_owed),
            months_paid: r.months.iter().filter(|p| p.is_some()).count() as u32,
            paid_fen: r.paid_fen,
        })
        .collect()
}

/// The year's publication as the branch's members read it; before it is published, only those
/// who keep the book see it, as a preview.
pub async fn statement(ctx: &Ctx, org_id: Uuid, year: i32) -> Result<Statement> {
    let (org, path) = authorized_org(ctx, org_id, Action::ReadDuesPublication).await?;
    let publication = store::publication(ctx.db().conn(), org_id, year).await?;
    if publication.is_none() && !may(ctx, Action::ReadDues, &path) {
        return Err(AppError::NotFound);
    }
    let b = load_book(ctx, org, year, false).await?;
    let rows = statement_rows(&b);
    Ok(Statement {
        org: b.org,
        year,
        total_fen: rows.iter().map(|r| r.paid_fen).sum(),
        rows,
        publication,
        may_record: may(ctx, Action::RecordDues, &path),
    })
}

/// Publishes the year's dues to the branch's members (每年公示一次): from December of the year
/// on, once; every member is told in their inbox.
pub async fn publish(ctx: &Ctx, org_id: Uuid, year: i32) -> Result<Publication> {
    let (org, _path) = authorized_org(ctx, org_id, Action::RecordDues).await?;
    if dec(year) > rules::month_of(ctx.app.today()) {
        return Err(AppError::invalid("year", "error-dues-publish-early"));
    }
    let b = book(ctx, org_id, year).await?;
    let rows = statement_rows(&b);
    let p = Publication {
        id: Uuid::now_v7(),
        org_id,
        year,
        members: rows.len() as i32,
        total_fen: rows.iter().map(|r| r.paid_fen).sum(),
        published_by: ctx.actor_name(),
        published_at: ctx.now(),
    };
    let body = format!("{} · {year}", org.name);
    let tx = ctx.db().write().await?;
    let p = store::insert_publication(&tx, p).await.map_err(AppError::on_unique(
        "uq_dues_publications_org_id_year",
        "year",
        "error-dues-published",
    ))?;
    notify::tell_each(&tx, ctx, b.rows.iter().map(|r| r.member.person_id), "notice-dues-published", &body).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "dues.publish",
        "org",
        Some(&org_id.to_string()),
        "ok",
        json!({ "year": year, "total_fen": p.total_fen }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(p)
}

/// One organization's line of a roll-up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OverviewRow {
    pub org_id: Uuid,
    pub name: String,
    pub members: i64,
    /// The monthly amounts times the months owed so far this year.
    pub due_fen: i64,
    pub paid_fen: i64,
    /// Members with no payment in the six months up to the last month owed.
    pub silent: i64,
}

#[derive(Clone, Debug)]
pub struct Overview {
    pub org: orgs_store::Org,
    pub year: i32,
    pub through: NaiveDate,
    pub rows: Vec<OverviewRow>,
}

/// A subtree's dues of a year, one line per organization with bases: three grouped queries.
/// Kept until any recorded change ([`Ctx::figures`]).
pub async fn overview(ctx: &Ctx, org_id: Uuid, year: i32) -> Result<Arc<Overview>> {
    let (org, path) = authorized_org(ctx, org_id, Action::ReadDues).await?;
    ctx.figures((org_id, year, ctx.app.today()), || overview_now(ctx, org, path, year)).await
}

async fn overview_now(ctx: &Ctx, org: orgs_store::Org, path: TreePath, year: i32) -> Result<Overview> {
    let c = ctx.db().conn();
    let through = last_owed(ctx.app.today()).min(dec(year));
    let months_owed = if through.year() < year { 0 } else { i64::from(through.month()) };
    let (sums, paid) = store::rollup(c, &path, year, jan(year), dec(year)).await?;
    // Six months running to the last month owed, once the year has that many.
    let silent: HashMap<Uuid, i64> = if months_owed >= i64::from(rules::ALERT_MONTHS) {
        let six_back = rules::months_before(through, rules::ALERT_MONTHS - 1);
        store::silent_members(c, &path, year, six_back, through).await?.into_iter().collect()
    } else {
        HashMap::new()
    };
    let paid: HashMap<Uuid, i64> = paid.into_iter().map(|p| (p.org_id, p.paid_fen)).collect();
    let ids: Vec<Uuid> = sums.iter().map(|s| s.org_id).collect();
    let names: HashMap<Uuid, String> = orgs_store::orgs_by_ids(c, &ids).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let mut rows: Vec<OverviewRow> = sums
        .into_iter()
        .map(|s| OverviewRow {
            org_id: s.org_id,
            name: names.get(&s.org_id).cloned().unwrap_or_default(),
            members: s.members,
            due_fen: s.monthly_fen * months_owed,
            paid_fen: paid.get(&s.org_id).copied().unwrap_or(0),
            silent: silent.get(&s.org_id).copied().unwrap_or(0),
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Overview { org, year, through, rows })
}
