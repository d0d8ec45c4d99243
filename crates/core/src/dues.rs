//! Party dues (党费), RULES.md §6: the rate table of 中组部《关于中国共产党党费收缴、使用和管理的规定》
//! (2008). Money is kept in fen (分, hundredths of a yuan) so that no amount is ever a float.

use chrono::{Datelike, Months, NaiveDate};

use crate::text::text_enum;

text_enum! {
    /// How a member's dues are reckoned: on a monthly base with the salaried table (在职, 第二条;
    /// annual salaries take the month actually paid, 第三条), on the previous quarter's average net
    /// income (个体, 第四条), on a pension with the retirees' table (离退休, 第五条), or a fixed
    /// amount (农民 at the province's amount; students, the unemployed, welfare and 低保 recipients
    /// 0.2 yuan, 第六条).
    DuesKind {
        Employed = "employed",
        SelfEmployed = "self_employed",
        Retired = "retired",
        Farmer = "farmer",
        Student = "student",
        Other = "other",
    }
}

impl DuesKind {
    /// Whether the amount is a share of a monthly base (the others pay a fixed amount).
    pub fn has_base(self) -> bool {
        matches!(self, DuesKind::Employed | DuesKind::SelfEmployed | DuesKind::Retired)
    }

    /// The article of the 2008 rules this kind answers to.
    pub fn article(self) -> &'static str {
        match self {
            DuesKind::Employed => "第二条",
            DuesKind::SelfEmployed => "第四条",
            DuesKind::Retired => "第五条",
            DuesKind::Farmer | DuesKind::Student | DuesKind::Other => "第六条",
        }
    }
}

/// The province's amount for farmers, in fen (0.2–1 yuan; one province uses 0.5).
pub const DEFAULT_FARMER_FEN: i64 = 50;
/// Students, the unemployed, welfare and 低保 recipients.
pub const FIXED_LOW_FEN: i64 = 20;

/// A rate band: bases up to and including `upto` fen pay `per_mille_tenths` / 10 000 of the base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Band {
    /// The band's upper bound in fen, inclusive; `None` for the top band.
    pub upto: Option<i64>,
    /// The rate in ten-thousandths (50 = 0.5 %).
    pub rate: i64,
}

/// 第二条: ≤ 3 000 → 0.5 %, ≤ 5 000 → 1 %, ≤ 10 000 → 1.5 %, above → 2 %; each upper bound in its
/// band, the whole base at one rate.
pub const EMPLOYED: &[Band] = &[
    Band { upto: Some(300_000), rate: 50 },
    Band { upto: Some(500_000), rate: 100 },
    Band { upto: Some(1_000_000), rate: 150 },
    Band { upto: None, rate: 200 },
];
/// 第五条: retirees ≤ 5 000 → 0.5 %, above → 1 %.
pub const RETIRED: &[Band] = &[Band { upto: Some(500_000), rate: 50 }, Band { upto: None, rate: 100 }];

/// A month's dues and how they were found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DuesVerdict {
    pub kind: DuesKind,
    /// The base in fen, for the kinds that have one.
    pub base: Option<i64>,
    /// The band applied, for the kinds that have a base.
    pub band: Option<Band>,
    /// The amount in fen per month.
    pub fen: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DuesError {
    /// The kind needs a base and none was given.
    MissingBase,
    /// A base below zero.
    NegativeBase,
}

/// A month's dues for `kind` on `base` fen (ignored for the fixed kinds), the farmers' amount
/// being the province's `farmer_fen`. Rounded half up to the fen.
pub fn monthly_dues(kind: DuesKind, base: Option<i64>, farmer_fen: i64) -> Result<DuesVerdict, DuesError> {
    let table = match kind {
        DuesKind::Employed | DuesKind::SelfEmployed => EMPLOYED,
        DuesKind::Retired => RETIRED,
        DuesKind::Farmer => return Ok(DuesVerdict { kind, base: None, band: None, fen: farmer_fen }),
        DuesKind::Student | DuesKind::Other => return Ok(DuesVerdict { kind, base: None, band: None, fen: FIXED_LOW_FEN }),
    };
    let base = base.ok_or(DuesError::MissingBase)?;
    if base < 0 {
        return Err(DuesError::NegativeBase);
    }
    let band = *table.iter().find(|b| b.upto.is_none_or(|u| base <= u)).expect("the top band has no bound");
    let fen = (base * band.rate + 5_000) / 10_000;
    Ok(DuesVerdict { kind, base: Some(base), band: Some(band), fen })
}

/// Parses an amount of yuan with at most two decimals ("3000", "3000.5", "3000.01") into fen.
/// A minus sign is kept, so the caller can refuse a negative base by its rule.
pub fn parse_yuan(s: &str) -> Option<i64> {
    let s = s.trim();
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() || whole.len() > 12 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) || (s.contains('.') && frac.is_empty()) {
        return None;
    }
    let cents = format!("{frac:0<2}").parse::<i64>().ok()?;
    let fen = whole.parse::<i64>().ok()? * 100 + cents;
    Some(if neg { -fen } else { fen })
}

/// Fen written as yuan with two decimals: 1500 → "15.00".
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", fen.abs() / 100, fen.abs() % 100)
}

/// The longest run of consecutive unpaid months ending at the last month checked, and whether it
/// reaches the six months after which 党章 第九条 starts the 自行脱党 procedure.
pub fn arrears_alert(unpaid_run: u32) -> bool {
    unpaid_run >= 6
}

/// Consecutive unpaid months that raise the alert (党章 第九条).
pub const ALERT_MONTHS: u32 = 6;
/// How far back a payment is an ordinary back-payment (第十二条: 补交一般不超过六个月).
pub const BACK_PAY_MONTHS: i32 = 6;
/// How far ahead a month may be paid: the rest of a quarter (第十二条: 经同意可以按季度交纳).
pub const AHEAD_MONTHS: i32 = 2;

/// The first day of `d`'s month: how a dues month is named.
pub fn month_of(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("every month has a first day")
}

/// Months from `a` to `b` (both taken as their months): 2026-01 → 2026-03 is 2.
pub fn months_between(a: NaiveDate, b: NaiveDate) -> i32 {
    (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32
}

/// The month after `m`.
pub fn next_month(m: NaiveDate) -> NaiveDate {
    month_of(m).checked_add_months(Months::new(1)).expect("a month after any date kept here")
}

/// The month `k` months before `m`'s month.
pub fn months_before(m: NaiveDate, k: u32) -> NaiveDate {
    month_of(m).checked_sub_months(Months::new(k)).expect("a month before any date kept here")
}

/// Whether a payment for `month`, recorded on `on`, may be taken (第八、十二条): not before the
/// month the member's dues start (`starts`: the assembly's admission), not a month already paid,
/// not more than the rest of a quarter ahead. A month more than six months back is taken but
/// marked late.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaymentVerdict {
    pub month: NaiveDate,
    pub starts: NaiveDate,
    pub on: NaiveDate,
    pub already_paid: bool,
    pub allowed: bool,
    /// Before the month the dues start.
    pub before_start: bool,
    /// Beyond the months that may be paid ahead.
    pub too_far_ahead: bool,
    /// A back-payment of more than six months.
    pub late: bool,
}

pub fn payment(month: NaiveDate, starts: NaiveDate, on: NaiveDate, already_paid: bool) -> PaymentVerdict {
    let (month, starts) = (month_of(month), month_of(starts));
    let before_start = month < starts;
    let ahead = months_between(on, month);
    let too_far_ahead = ahead > AHEAD_MONTHS;
    let late = -ahead > BACK_PAY_MONTHS;
    PaymentVerdict {
        month,
        starts,
        on,
        already_paid,
        allowed: !before_start && !too_far_ahead && !already_paid,
        before_start,
        too_far_ahead,
        late,
    }
}

/// A member's arrears through a month: the months owed since the dues started, and the longest
/// run of consecutive unpaid months, which raises the alert at six (党章 第九条).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arrears {
    pub starts: NaiveDate,
    pub through: NaiveDate,
    /// The unpaid months, earliest first.
    pub owed: Vec<NaiveDate>,
    pub longest_run: u32,
    pub alert: bool,
}

/// Arrears from `starts` through `through` (both taken as their months), given the paid months.
pub fn arrears(starts: NaiveDate, through: NaiveDate, paid: &[NaiveDate]) -> Arrears {
    let (starts, through) = (month_of(starts), month_of(through));
    let paid: std::collections::BTreeSet<NaiveDate> = paid.iter().map(|m| month_of(*m)).collect();
    let (mut owed, mut run, mut longest) = (Vec::new(), 0u32, 0u32);
    let mut m = starts;
    while m <= through {
        if paid.contains(&m) {
            run = 0;
        } else {
            owed.push(m);
            run += 1;
            longest = longest.max(run);
        }
        m = next_month(m);
    }
    Arrears { starts, through, owed, longest_run: longest, alert: arrears_alert(longest) }
}

/// Where a hardship relief stands (第七条: for a member in economic difficulty, after the branch
/// committee or assembly has considered it and the party committee above has approved, dues may be
/// reduced or waived).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReliefVerdict {
    /// What the member owes a month by the table.
    pub computed_fen: i64,
    /// The reduced amount asked for; zero waives the dues.
    pub relief_fen: i64,
    pub branch_agreed: bool,
    pub higher_approved: bool,
    /// Both agreed: the reduced amount is what is owed.
    pub applies: bool,
    /// What is owed a month.
    pub fen: i64,
}

/// Why a relief cannot be asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReliefError {
    /// Below zero.
    Negative,
    /// Not below what the table gives (nothing to reduce).
    NotLess,
}

/// The monthly amount under a relief of `relief_fen` from `computed_fen`: it applies only once
/// the branch agreed and the committee above approved; a relief must be below the computed amount
/// and not below zero (zero waives).
pub fn relief(computed_fen: i64, relief_fen: i64, branch_agreed: bool, higher_approved: bool) -> Result<ReliefVerdict, ReliefError> {
    if relief_fen < 0 {
        return Err(ReliefError::Negative);
    }
    if relief_fen >= computed_fen {
        return Err(ReliefError::NotLess);
    }
    let applies = branch_agreed && higher_approved;
    Ok(ReliefVerdict {
        computed_fen,
        relief_fen,
        branch_agreed,
        higher_approved,
        applies,
        fen: if applies { relief_fen } else { computed_fen },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relief_applies_only_with_both_agreements_and_only_as_a_reduction() {
        assert_eq!(relief(2000, 500, true, true).map(|v| (v.applies, v.fen)), Ok((true, 500)));
        assert_eq!(relief(2000, 0, true, true).map(|v| v.fen), Ok(0), "waived");
        assert_eq!(relief(2000, 500, true, false).map(|v| (v.applies, v.fen)), Ok((false, 2000)));
        assert_eq!(relief(2000, 500, false, true).map(|v| v.applies), Ok(false));
        assert_eq!(relief(2000, 2000, true, true), Err(ReliefError::NotLess));
        assert_eq!(relief(2000, 1999, true, true).map(|v| v.fen), Ok(1999));
        assert_eq!(relief(2000, -1, true, true), Err(ReliefError::Negative));
    }

    fn employed(yuan: &str) -> i64 {
        monthly_dues(DuesKind::Employed, parse_yuan(yuan), DEFAULT_FARMER_FEN).unwrap().fen
    }

    #[test]
    fn the_employed_table_at_its_band_boundaries() {
        assert_eq!(employed("0"), 0);
        assert_eq!(employed("3000"), 1500);
        assert_eq!(employed("3000.01"), 3000);
        assert_eq!(employed("5000"), 5000);
        assert_eq!(employed("5000.01"), 7500);
        assert_eq!(employed("10000"), 15000);
        assert_eq!(employed("10000.01"), 20000);
        // Half a fen rounds up: 1 234.50 × 0.5 % = 6.1725 → 6.17; 2 345.70 × 0.5 % = 11.7285 → 11.73.
        assert_eq!(employed("1234.50"), 617);
        assert_eq!(employed("2345.70"), 1173);
    }

    #[test]
    fn retirees_have_their_own_table() {
        let r = |y: &str| monthly_dues(DuesKind::Retired, parse_yuan(y), DEFAULT_FARMER_FEN).unwrap().fen;
        assert_eq!(r("5000"), 2500);
        assert_eq!(r("5000.01"), 5000);
        assert_eq!(r("12000"), 12000);
    }

    #[test]
    fn fixed_amounts_ignore_the_base() {
        assert_eq!(monthly_dues(DuesKind::Farmer, None, 50).unwrap().fen, 50);
        assert_eq!(monthly_dues(DuesKind::Farmer, Some(900_000), 100).unwrap().fen, 100);
        assert_eq!(monthly_dues(DuesKind::Student, None, 50).unwrap().fen, 20);
        assert_eq!(monthly_dues(DuesKind::Other, None, 50).unwrap().fen, 20);
    }

    #[test]
    fn a_base_is_required_and_never_negative() {
        assert_eq!(monthly_dues(DuesKind::Employed, None, 50), Err(DuesError::MissingBase));
        assert_eq!(monthly_dues(DuesKind::SelfEmployed, parse_yuan("-1"), 50), Err(DuesError::NegativeBase));
    }

    #[test]
    fn yuan_are_parsed_to_the_fen_and_written_back() {
        assert_eq!(parse_yuan("3000"), Some(300_000));
        assert_eq!(parse_yuan("3000.5"), Some(300_050));
        assert_eq!(parse_yuan(" 0.01 "), Some(1));
        assert_eq!(parse_yuan("-2.5"), Some(-250));
        for bad in ["", "abc", "1.234", "1.", ".5", "1e3", "1,000"] {
            assert_eq!(parse_yuan(bad), None, "{bad}");
        }
        assert_eq!(yuan(1500), "15.00");
        assert_eq!(yuan(7), "0.07");
        assert_eq!(yuan(-250), "-2.50");
    }

    fn m(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_payment_waits_for_the_admission_and_goes_a_quarter_ahead_at_most() {
        let on = NaiveDate::from_ymd_opt(2026, 5, 20).unwrap();
        let starts = NaiveDate::from_ymd_opt(2025, 3, 15).unwrap();
        assert!(payment(m("2025-03"), starts, on, false).allowed, "the admission's month is due");
        let early = payment(m("2025-02"), starts, on, false);
        assert!(!early.allowed && early.before_start);
        assert!(payment(m("2026-07"), starts, on, false).allowed, "two months ahead: the rest of a quarter");
        let ahead = payment(m("2026-08"), starts, on, false);
        assert!(!ahead.allowed && ahead.too_far_ahead);
        let twice = payment(m("2026-05"), starts, on, true);
        assert!(!twice.allowed && twice.already_paid);
        assert!(!payment(m("2025-11"), starts, on, false).late, "six months back is an ordinary back-payment");
        let late = payment(m("2025-10"), starts, on, false);
        assert!(late.allowed && late.late, "seven months back is taken, marked late");
    }

    #[test]
    fn arrears_count_the_longest_unpaid_run() {
        let paid = [m("2026-01"), m("2026-02"), m("2026-09")];
        let a = arrears(m("2026-01"), m("2026-10"), &paid);
        assert_eq!(a.owed, vec![m("2026-03"), m("2026-04"), m("2026-05"), m("2026-06"), m("2026-07"), m("2026-08"), m("2026-10")]);
        assert_eq!(a.longest_run, 6);
        assert!(a.alert);
        let a = arrears(m("2026-01"), m("2026-10"), &[m("2026-01"), m("2026-06"), m("2026-09")]);
        assert_eq!(a.longest_run, 4);
        assert!(!a.alert);
        // Dues start with the admission: nothing is owed before it, or before the first month checked.
        let a = arrears(NaiveDate::from_ymd_opt(2026, 9, 28).unwrap(), m("2026-10"), &[]);
        assert_eq!(a.owed, vec![m("2026-09"), m("2026-10")]);
        assert!(arrears(m("2026-11"), m("2026-10"), &[]).owed.is_empty());
    }

    #[test]
    fn six_unpaid_months_raise_the_alert() {
        assert!(!arrears_alert(5));
        assert!(arrears_alert(6));
    }
}
