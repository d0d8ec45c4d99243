//! Care and pairing (RULES.md §10, §8): who must be visited in a year, how long a linked
//! household (联户) has gone without contact, and what a strong-helps-weak pair needs to be
//! set up. Every function here takes the day it answers for; nothing reads a clock.

use chrono::NaiveDate;

/// Days a linked household may go without contact (联户: "at most a month apart"); a setting.
pub const DEFAULT_CONTACT_DAYS: u32 = 30;
/// Years in the party that make a veteran member (老党员), as the "光荣在党50年" medal counts them.
pub const VETERAN_PARTY_YEARS: u32 = 50;
/// The age from which a member is visited for their age alone.
pub const ELDERLY_AGE: u32 = 80;

/// The kinds of difficulty a member is registered with.
pub const DIFFICULTY_KINDS: [&str; 5] = ["illness", "disability", "age", "poverty", "disaster"];
/// The occasions of a visit: the New Year and Spring Festival visits, 七一, an illness, help given.
pub const OCCASIONS: [&str; 5] = ["spring_festival", "july_first", "illness", "help", "other"];
/// How a linked household was contacted; a `service` is practical help, of which one a year is due.
pub const CONTACT_KINDS: [&str; 3] = ["visit", "phone", "service"];

/// Whether a member must be visited in a year, and on which grounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MustVisit {
    /// The day ages and party years are counted on: the last day of the year.
    pub on: NaiveDate,
    pub in_difficulty: bool,
    pub age: Option<u32>,
    pub party_years: Option<u32>,
    pub elderly: bool,
    pub veteran: bool,
    pub must: bool,
}

/// Whole years from `from` to `on` (0 before the first anniversary, `None` if `from` is later).
pub fn full_years(from: NaiveDate, on: NaiveDate) -> Option<u32> {
    (from <= on).then(|| crate::people::age_on(from, on))
}

/// Whether a member must be visited in `year` (RULES.md §10, the annual visits to members in
/// hardship and veteran members): registered in difficulty during the year, in the party 50
/// years or more, or 80 or older, each counted on the year's last day.
pub fn must_visit(in_difficulty: bool, birth: Option<NaiveDate>, joined: Option<NaiveDate>, year: i32) -> MustVisit {
    let on = NaiveDate::from_ymd_opt(year, 12, 31).expect("a valid year");
    let age = birth.and_then(|b| full_years(b, on));
    let party_years = joined.and_then(|j| full_years(j, on));
    let elderly = age.is_some_and(|a| a >= ELDERLY_AGE);
    let veteran = party_years.is_some_and(|y| y >= VETERAN_PARTY_YEARS);
    MustVisit { on, in_difficulty, age, party_years, elderly, veteran, must: in_difficulty || elderly || veteran }
}

/// How long a linked household has gone without contact on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contact {
    /// The day counted from: the last contact, or the day the link began if there was none.
    pub from: NaiveDate,
    pub days: u64,
    pub limit: u32,
    pub overdue: bool,
    /// Whether there was any contact at all.
    pub ever: bool,
}

/// Days without contact on `on`, counted from the last contact or, when there was none, from
/// the link's first day; more than `limit` days is overdue (RULES.md §8, 联户).
pub fn contact(linked_since: NaiveDate, last: Option<NaiveDate>, on: NaiveDate, limit: u32) -> Contact {
    let from = last.map_or(linked_since, |l| l.max(linked_since));
    let days = (on - from).num_days().max(0) as u64;
    Contact { from, days, limit, overdue: days > u64::from(limit), ever: last.is_some() }
}

/// Why a pair cannot be set up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairError {
    /// A member cannot help themself.
    SamePerson,
    /// The helper must be a full member.
    HelperNotFull,
    /// The period ends before it starts.
    Backwards,
}

/// A strong-helps-weak pair: a full member helps another member for a period (RULES.md §10,
/// pairing; local practice).
pub fn pair(
    helper: uuid::Uuid,
    helper_status: &str,
    helped: uuid::Uuid,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
) -> Result<(), PairError> {
    if helper == helped {
        return Err(PairError::SamePerson);
    }
    if helper_status != "full" {
        return Err(PairError::HelperNotFull);
    }
    if ends_on < starts_on {
        return Err(PairError::Backwards);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn years_turn_on_the_anniversary() {
        assert_eq!(full_years(d(1946, 12, 31), d(2026, 12, 31)), Some(80));
        assert_eq!(full_years(d(1947, 1, 1), d(2026, 12, 31)), Some(79));
        assert_eq!(full_years(d(2000, 2, 29), d(2001, 2, 28)), Some(0));
        assert_eq!(full_years(d(2027, 1, 1), d(2026, 12, 31)), None);
    }

    #[test]
    fn must_visit_counts_on_the_last_day_of_the_year() {
        // Turning 80 on New Year's Eve counts; a day later does not.
        assert!(must_visit(false, Some(d(1946, 12, 31)), None, 2026).elderly);
        let young = must_visit(false, Some(d(1947, 1, 1)), Some(d(1977, 1, 1)), 2026);
        assert!(!young.must);
        assert_eq!((young.age, young.party_years), (Some(79), Some(49)));
        // Fifty years in the party, counted the same way.
        let veteran = must_visit(false, Some(d(1950, 6, 1)), Some(d(1976, 12, 31)), 2026);
        assert!(veteran.veteran && veteran.must && !veteran.elderly);
        assert!(!must_visit(false, Some(d(1950, 6, 1)), Some(d(1977, 1, 1)), 2026).veteran);
        // Difficulty alone is enough; nothing known is not.
        assert!(must_visit(true, None, None, 2026).must);
        assert!(!must_visit(false, None, None, 2026).must);
    }

    #[test]
    fn contact_is_overdue_after_the_limit() {
        let since = d(2026, 1, 1);
        assert!(!contact(since, Some(d(2026, 3, 1)), d(2026, 3, 31), 30).overdue);
        let late = contact(since, Some(d(2026, 3, 1)), d(2026, 4, 1), 30);
        assert_eq!((late.days, late.overdue, late.ever), (31, true, true));
        // Never contacted: counted from the link's first day.
        let never = contact(since, None, d(2026, 1, 20), 30);
        assert_eq!((never.from, never.days, never.overdue, never.ever), (since, 19, false, false));
        // A contact logged before the link began does not count from before it.
        assert_eq!(contact(since, Some(d(2025, 6, 1)), d(2026, 1, 10), 30).from, since);
        // The limit is a setting.
        assert!(contact(since, Some(d(2026, 3, 1)), d(2026, 3, 9), 7).overdue);
    }

    #[test]
    fn a_pair_needs_a_full_member_helping_someone_else() {
        let (a, b) = (uuid::Uuid::from_u128(1), uuid::Uuid::from_u128(2));
        let (from, to) = (d(2026, 1, 1), d(2026, 12, 31));
        assert_eq!(pair(a, "full", b, from, to), Ok(()));
        assert_eq!(pair(a, "full", a, from, to), Err(PairError::SamePerson));
        assert_eq!(pair(a, "probationary", b, from, to), Err(PairError::HelperNotFull));
        assert_eq!(pair(a, "full", b, to, from), Err(PairError::Backwards));
        assert_eq!(pair(a, "full", b, from, from), Ok(()));
    }
}
