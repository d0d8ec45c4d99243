//! The public board of party and village affairs (RULES.md §9): what each category of disclosure
//! owes and when (general items at least quarterly, finances monthly, major matters at once, dues
//! yearly), and the hash chain every disclosure is appended to, so a changed, removed or
//! reordered entry is found by anyone holding the board.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::text::text_enum;

text_enum! {
    /// What a disclosure is about: general items of village and party affairs (at least once a
    /// quarter), finances (monthly: 组织法 第三十条, where transactions are frequent), a major
    /// matter (at once, within the days a setting allows), dues (once a year). Decisions under
    /// 四议两公开 have their own board and schedule (the decisions capability).
    Category {
        General = "general",
        Finance = "finance",
        Major = "major",
        Dues = "dues",
    }
}

/// The days a major matter may wait before it is disclosed, when the county sets none.
pub const DEFAULT_MAJOR_DAYS: u32 = 3;

/// Where a category stands on `today`: the period the next disclosure covers, its last day, and
/// whether that day has passed without one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Schedule {
    pub category: Category,
    pub last: Option<NaiveDate>,
    /// The day by which the next disclosure is owed; `None` for a major matter with none pending.
    pub due_on: Option<NaiveDate>,
    pub overdue: bool,
}

fn quarter_end(d: NaiveDate) -> NaiveDate {
    let month = (d.month() - 1) / 3 * 3 + 3;
    month_end(d.year(), month)
}

fn month_end(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(y, m, 1).expect("a month") - chrono::Days::new(1)
}

/// The schedule of a category: a general disclosure is owed by the end of each quarter, finances
/// by the end of each month, dues by the end of each year — each counted from the period after
/// the last disclosure, or, when there was none, by the end of the period the board started in
/// (`since`: the organization's first day); a major matter is owed `major_days` after `pending`
/// (the day the matter arose), when one is pending.
pub fn schedule(
    category: Category,
    last: Option<NaiveDate>,
    since: NaiveDate,
    pending: Option<NaiveDate>,
    major_days: u32,
    today: NaiveDate,
) -> Schedule {
    let due_on = match category {
        Category::Major => pending.filter(|p| last.is_none_or(|l| l < *p)).map(|p| p + chrono::Days::new(u64::from(major_days))),
        Category::General => Some(match last {
            Some(l) => quarter_end(quarter_end(l) + chrono::Days::new(1)),
            None => quarter_end(since),
        }),
        Category::Finance => Some(match last {
            Some(l) => {
                let next = month_end(l.year(), l.month()) + chrono::Days::new(1);
                month_end(next.year(), next.month())
            }
            None => month_end(since.year(), since.month()),
        }),
        Category::Dues => Some(match last {
            Some(l) => NaiveDate::from_ymd_opt(l.year() + 1, 12, 31).expect("a day"),
            None => NaiveDate::from_ymd_opt(since.year(), 12, 31).expect("a day"),
        }),
    };
    Schedule { category, last, due_on, overdue: due_on.is_some_and(|d| today > d) }
}

pub use crate::chain::{GENESIS, entry_hash};

/// A stored disclosure, as the chain covers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub seq: i64,
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The first entry whose sequence, link or hash is wrong; `None` when the chain is whole.
pub fn broken_at(links: &[Link]) -> Option<i64> {
    let mut prev = GENESIS.to_owned();
    for (i, l) in links.iter().enumerate() {
        if l.seq != i as i64 + 1 || l.prev_hash != prev || entry_hash(&prev, l.seq, &l.payload) != l.hash {
            return Some(l.seq);
        }
        prev = l.hash.clone();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn each_category_owes_on_its_own_schedule() {
        let since = day("2025-06-01");
        let s = schedule(Category::General, Some(day("2026-02-10")), since, None, 3, day("2026-05-02"));
        assert_eq!((s.due_on, s.overdue), (Some(day("2026-06-30")), false), "the next quarter's end");
        let s = schedule(Category::General, Some(day("2026-02-10")), since, None, 3, day("2026-07-01"));
        assert!(s.overdue);
        let s = schedule(Category::Finance, Some(day("2026-01-31")), since, None, 3, day("2026-03-01"));
        assert_eq!((s.due_on, s.overdue), (Some(day("2026-02-28")), true), "February's accounts by its end");
        let s = schedule(Category::Finance, None, day("2026-12-02"), None, 3, day("2026-12-08"));
        assert_eq!((s.due_on, s.overdue), (Some(day("2026-12-31")), false), "a board begun this month");
        let s = schedule(Category::General, None, since, None, 3, day("2026-12-08"));
        assert_eq!((s.due_on, s.overdue), (Some(day("2025-06-30")), true), "never disclosed since the board began");
        let s = schedule(Category::Dues, Some(day("2025-12-20")), since, None, 3, day("2026-12-08"));
        assert_eq!((s.due_on, s.overdue), (Some(day("2026-12-31")), false));
        let s = schedule(Category::Major, None, since, Some(day("2026-12-01")), 3, day("2026-12-05"));
        assert_eq!((s.due_on, s.overdue), (Some(day("2026-12-04")), true), "at once: three days");
        let s = schedule(Category::Major, Some(day("2026-12-02")), since, Some(day("2026-12-01")), 3, day("2026-12-05"));
        assert_eq!(s.due_on, None, "disclosed since it arose");
        assert_eq!(quarter_end(day("2026-12-31")), day("2026-12-31"));
        assert_eq!(month_end(2028, 2), day("2028-02-29"));
    }

    #[test]
    fn a_changed_or_removed_disclosure_breaks_the_chain() {
        let mut prev = GENESIS.to_owned();
        let mut links: Vec<Link> = (1..=4)
            .map(|seq| {
                let payload = format!("{{\"title\":\"第{seq}季度村务公开\"}}");
                let hash = entry_hash(&prev, seq, &payload);
                let l = Link { seq, payload, prev_hash: prev.clone(), hash: hash.clone() };
                prev = hash;
                l
            })
            .collect();
        assert_eq!(broken_at(&links), None);
        links[1].payload = links[1].payload.replace('2', "9");
        assert_eq!(broken_at(&links), Some(2));
        links.remove(1);
        assert_eq!(broken_at(&links), Some(3), "the entry after a removed one");
    }
}
