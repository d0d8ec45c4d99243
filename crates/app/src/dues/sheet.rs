//! The year's dues book as a spreadsheet (Chinese values, every cell as text), and payments read
//! from one: every row checked first, nothing recorded unless every row is right.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use lianxin_core::dues as rules;
use lianxin_store::dues as store;
use serde_json::json;
use uuid::Uuid;

use super::{payment_row, payment_verdict, refusal};
use crate::{
    AppError, Ctx, Result,
    journal::{Stale, record},
    meetings::authorized_org,
    policy::Action,
    sheets::{self, Column, Limits, RowError, map_columns},
};

/// The columns a payments sheet has, under their Chinese or English headers.
pub const COLUMNS: &[Column] = &[
    Column { key: "name", headers: &["姓名", "name"], required: true },
    Column { key: "month", headers: &["月份", "所属月份", "month"], required: true },
    Column { key: "paid_on", headers: &["交纳日期", "缴纳日期", "paid on"], required: true },
    Column { key: "by_branch", headers: &["代交", "支部代交", "by branch"], required: false },
    Column { key: "note", headers: &["备注", "note"], required: false },
];

/// What an import did: the payments recorded, or every problem found and nothing recorded.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    pub recorded: usize,
    pub total_fen: i64,
    /// Reasons are i18n keys.
    pub errors: Vec<RowError>,
}

/// A month as people write it: `2026-03`, `2026/3`, `2026年3月`, or a date in it.
pub fn parse_month(s: &str) -> Option<NaiveDate> {
    let s = s.trim().replace(['年', '/', '.'], "-").replace(['月', '日'], "");
    let mut parts = s.split('-').map(str::trim).filter(|p| !p.is_empty());
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next().map_or(Some(1), |d| d.parse().ok())?;
    NaiveDate::from_ymd_opt(y, m, d).map(rules::month_of).filter(|_| (1990..=2100).contains(&y))
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim().replace(['年', '/', '.', '月'], "-").replace('日', "");
    NaiveDate::parse_from_str(s.trim_end_matches('-'), "%Y-%m-%d").ok()
}

fn yes(s: &str) -> Option<bool> {
    match s.trim() {
        "" | "否" | "no" | "No" | "NO" | "0" | "FALSE" => Some(false),
        "是" | "代交" | "yes" | "Yes" | "YES" | "1" | "TRUE" => Some(true),
        _ => None,
    }
}

/// Reads payments of an organization's members from a sheet and records them all, or none when
/// any row is wrong: an unknown or ambiguous name, a month or date that is not one, a month
/// already paid (also twice in the file), before the dues start or beyond the quarter ahead, a
/// year without a base, a payment by the branch without a note.
pub async fn import_payments(ctx: &Ctx, org_id: Uuid, bytes: &[u8], filename: &str) -> Result<Outcome> {
    let (_org, _path) = authorized_org(ctx, org_id, Action::RecordDues).await?;
    let limits = Limits { max_bytes: 5 * 1024 * 1024, max_rows: 20_000, max_columns: 30 };
    let sheet = sheets::read(bytes, filename, limits).map_err(|_| AppError::invalid("file", "error-dues-file"))?;
    let cols = map_columns(&sheet.headers, COLUMNS).map_err(|_| AppError::invalid("file", "error-dues-columns"))?;
    let c = ctx.db().conn();
    let today = ctx.app.today();
    let members = store::paying_members(c, org_id).await?;
    let mut by_name: HashMap<&str, Vec<&super::Member>> = HashMap::new();
    for m in &members {
        by_name.entry(m.person_name.as_str()).or_default().push(m);
    }
    let ids: Vec<Uuid> = members.iter().map(|m| m.id).collect();
    let mut errors = Vec::new();
    let mut err = |line: usize, key: &str, value: &str, reason: &str| {
        let column = cols.header(key).unwrap_or(key).to_owned();
        errors.push(RowError { line, column, value: value.to_owned(), reason: reason.to_owned() });
    };
    // Read every row first; the store is asked once for what is paid and what bases exist.
    let mut parsed = Vec::new();
    for row in &sheet.rows {
        let name = cols.get(row, "name").trim();
        let member = match by_name.get(name).map(Vec::as_slice) {
            Some([m]) => Some(*m),
            Some(_) => {
                err(row.line, "name", name, "error-dues-name-twice");
                None
            }
            None => {
                err(row.line, "name", name, "error-dues-name-unknown");
                None
            }
        };
        let month = parse_month(cols.get(row, "month"));
        if month.is_none() {
            err(row.line, "month", cols.get(row, "month"), "error-dues-month");
        }
        let paid_on = parse_date(cols.get(row, "paid_on"));
        match paid_on {
            None => err(row.line, "paid_on", cols.get(row, "paid_on"), "error-dues-date"),
            Some(d) if d > today => err(row.line, "paid_on", cols.get(row, "paid_on"), "error-date-future"),
            _ => {}
        }
        let by_branch = yes(cols.get(row, "by_branch"));
        if by_branch.is_none() {
            err(row.line, "by_branch", cols.get(row, "by_branch"), "error-dues-yes-no");
        }
        let note = cols.get(row, "note").trim().chars().take(500).collect::<String>();
        if by_branch == Some(true) && note.is_empty() {
            err(row.line, "note", "", "error-dues-branch-note");
        }
        if let (Some(m), Some(month), Some(on), Some(b)) = (member, month, paid_on, by_branch) {
            parsed.push((row.line, m, month, on, b, note));
        }
    }
    let years: HashSet<i32> = parsed.iter().map(|p| p.2.year()).collect();
    let (lo, hi) = (years.iter().min().copied().unwrap_or(today.year()), years.iter().max().copied().unwrap_or(today.year()));
    let paid = store::payments_of(
        c,
        &ids,
        NaiveDate::from_ymd_opt(lo, 1, 1).unwrap_or(today),
        NaiveDate::from_ymd_opt(hi, 12, 1).unwrap_or(today),
    )
    .await?;
    let mut paid_by: HashMap<Uuid, Vec<NaiveDate>> = HashMap::new();
    for p in paid {
        paid_by.entry(p.member_id).or_default().push(p.month);
    }
    let mut bases = HashMap::new();
    for y in years {
        for b in store::bases_of(c, &ids, y).await? {
            bases.insert((b.member_id, y), b.monthly_fen);
        }
    }
    let now = ctx.now();
    let mut rows = Vec::new();
    for (line, m, month, on, by_branch, note) in parsed {
        let done = paid_by.entry(m.id).or_default();
        let v = payment_verdict(m, month, on, done);
        let month_text = month.format("%Y-%m").to_string();
        if !v.allowed {
            err(line, "month", &month_text, refusal(&v));
            continue;
        }
        let Some(amount) = bases.get(&(m.id, month.year())) else {
            err(line, "month", &month_text, "error-dues-no-base");
            continue;
        };
        done.push(month);
        rows.push(payment_row(m, month, *amount, on, by_branch, note, ctx.actor_name(), now));
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Ok(Outcome { recorded: 0, total_fen: 0, errors });
    }
    if rows.is_empty() {
        return Err(AppError::invalid("file", "error-dues-file-empty"));
    }
    let total_fen = rows.iter().map(|p| p.amount_fen).sum();
    let recorded = rows.len();
    let tx = ctx.db().write().await?;
    store::insert_many(&tx, Vec::new(), rows).await.map_err(AppError::on_unique(
        "uq_dues_payments_member_id_month",
        "file",
        "error-dues-month-paid",
    ))?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "dues.import",
        "org",
        Some(&org_id.to_string()),
        "ok",
        json!({ "payments": recorded, "total_fen": total_fen }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(Outcome { recorded, total_fen, errors: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_dates_are_read_as_people_write_them() {
        let m = |y, mo| NaiveDate::from_ymd_opt(y, mo, 1);
        assert_eq!(parse_month("2026-03"), m(2026, 3));
        assert_eq!(parse_month("2026/3"), m(2026, 3));
        assert_eq!(parse_month("2026年3月"), m(2026, 3));
        assert_eq!(parse_month("2026-03-17"), m(2026, 3));
        assert_eq!(parse_month("三月"), None);
        assert_eq!(parse_month("2026-13"), None);
        assert_eq!(parse_date("2026年3月5日"), NaiveDate::from_ymd_opt(2026, 3, 5));
        assert_eq!(parse_date("2026/3/5"), NaiveDate::from_ymd_opt(2026, 3, 5));
        assert_eq!(yes("是"), Some(true));
        assert_eq!(yes(""), Some(false));
        assert_eq!(yes("也许"), None);
    }
}
