//! The dues rules (RULES.md §6): the monthly amount, whether a month's payment may be taken, and
//! the arrears that raise the six-month alert.

use chrono::NaiveDate;

use super::{Explained, Given, Input, InputKind, Problem, Reason, Rule, Value, list};
use crate::dues::{self, DuesError, DuesKind};

/// The dues kinds, as `dues` takes them.
pub const DUES_KINDS: &[&str] = &["employed", "self_employed", "retired", "farmer", "student", "other"];

/// A rate in ten-thousandths as a percentage: 50 → "0.5", 100 → "1", 150 → "1.5".
fn percent(rate: i64) -> String {
    if rate % 100 == 0 { (rate / 100).to_string() } else { format!("{}.{}", rate / 100, (rate % 100) / 10) }
}

/// A month given as `2026-03` or as any date in it.
pub(super) fn month(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok().or_else(|| NaiveDate::parse_from_str(&format!("{raw}-01"), "%Y-%m-%d").ok())
}

fn month_text(m: NaiveDate) -> String {
    m.format("%Y-%m").to_string()
}

fn months(g: &Given<'_>, names: [&'static str; 2]) -> Result<[NaiveDate; 2], Vec<Problem>> {
    let found = names.map(|n| month(g.text(n)));
    let bad: Vec<Problem> = names
        .iter()
        .zip(&found)
        .filter(|(_, m)| m.is_none())
        .map(|(n, _)| Problem { field: n, key: "rule-problem-month", limit: None })
        .collect();
    if bad.is_empty() { Ok(found.map(|m| m.expect("checked"))) } else { Err(bad) }
}

pub(super) const DUES: Rule = Rule {
    name: "dues",
    capability: "dues",
    source: "中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》（2008）第二至六条",
    confidence: super::Confidence::High,
    inputs: &[
        Input { name: "kind", kind: InputKind::Choice(DUES_KINDS), required: true },
        Input { name: "base", kind: InputKind::Money, required: false },
    ],
    outputs: &["dues"],
    evaluate: monthly,
};

fn monthly(g: &Given<'_>) -> super::Answer {
    let kind = DuesKind::parse(g.text("kind")).unwrap_or(DuesKind::Other);
    let base = dues::parse_yuan(g.text("base"));
    let v = dues::monthly_dues(kind, base, g.settings.farmer_fen).map_err(|e| {
        let key = match e {
            DuesError::MissingBase => "rule-problem-missing",
            DuesError::NegativeBase => "rule-problem-negative",
        };
        vec![Problem { field: "base", key, limit: None }]
    })?;
    Ok(Explained { verdict: vec![("dues", Value::Money(v.fen))], reasons: vec![dues_reason(&v), Reason::new("reason-dues-rounding")] })
}

/// Why a month's dues are what they are: the band and its rate, or the fixed amount.
pub fn dues_reason(v: &dues::DuesVerdict) -> Reason {
    match (v.base, v.band) {
        (Some(base), Some(band)) => {
            let r = match band.upto {
                Some(upto) => Reason::new("reason-dues-band").text("upto", &dues::yuan(upto)),
                None => Reason::new("reason-dues-top"),
            };
            r.text("dues_kind", v.kind.as_str())
                .text("base", &dues::yuan(base))
                .text("rate", &percent(band.rate))
                .text("dues", &dues::yuan(v.fen))
        }
        _ => Reason::new("reason-dues-fixed").text("dues_kind", v.kind.as_str()).text("dues", &dues::yuan(v.fen)),
    }
}

pub(super) const PAYMENT: Rule = Rule {
    name: "dues-payment",
    capability: "dues",
    source: "中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》（2008）第八、十二条",
    confidence: super::Confidence::High,
    inputs: &[
        Input { name: "starts", kind: InputKind::Date, required: true },
        Input { name: "month", kind: InputKind::Month, required: true },
        Input { name: "paid_on", kind: InputKind::Date, required: true },
        Input { name: "already_paid", kind: InputKind::Choice(&["no", "yes"]), required: false },
    ],
    outputs: &["allowed", "late"],
    evaluate: |g| {
        let m = month(g.text("month")).ok_or_else(|| vec![Problem { field: "month", key: "rule-problem-month", limit: None }])?;
        let [starts, on] = g.dates(["starts", "paid_on"])?;
        let v = dues::payment(m, starts, on, g.text("already_paid") == "yes");
        Ok(Explained { verdict: vec![("allowed", Value::Bool(v.allowed)), ("late", Value::Bool(v.late))], reasons: payment_reasons(&v) })
    },
};

/// Why a payment may or may not be taken, one sentence per condition.
pub fn payment_reasons(v: &dues::PaymentVerdict) -> Vec<Reason> {
    let mut r = vec![
        Reason::new("reason-dues-starts").text("month", &month_text(v.month)).text("starts", &month_text(v.starts)).met(!v.before_start),
        Reason::new("reason-dues-ahead")
            .text("month", &month_text(v.month))
            .date("on", v.on)
            .count("ahead", dues::AHEAD_MONTHS as u64)
            .met(!v.too_far_ahead),
        Reason::new("reason-dues-once").text("month", &month_text(v.month)).met(!v.already_paid),
    ];
    if v.late {
        r.push(Reason::new("reason-dues-late").text("month", &month_text(v.month)).count("back", dues::BACK_PAY_MONTHS as u64));
    }
    r
}

pub(super) const ARREARS: Rule = Rule {
    name: "dues-arrears",
    capability: "dues",
    source: "《中国共产党章程》第九条；《中国共产党党员教育管理工作条例》第三十一条",
    confidence: super::Confidence::High,
    inputs: &[
        Input { name: "starts", kind: InputKind::Month, required: true },
        Input { name: "through", kind: InputKind::Month, required: true },
        Input { name: "paid", kind: InputKind::List, required: false },
    ],
    outputs: &["owed", "longest_run", "alert"],
    evaluate: |g| {
        let [starts, through] = months(g, ["starts", "through"])?;
        let words = list(g.text("paid")).unwrap_or_default();
        let paid: Vec<NaiveDate> = words.iter().filter_map(|w| month(w)).collect();
        if paid.len() != words.len() {
            return Err(vec![Problem { field: "paid", key: "rule-problem-month", limit: None }]);
        }
        let a = dues::arrears(starts, through, &paid);
        Ok(Explained {
            verdict: vec![
                ("owed", Value::Count(a.owed.len() as u64)),
                ("longest_run", Value::Count(a.longest_run.into())),
                ("alert", Value::Bool(a.alert)),
            ],
            reasons: vec![arrears_reason(&a)],
        })
    },
};

/// Why a member is or is not in arrears enough to raise the alert.
pub fn arrears_reason(a: &dues::Arrears) -> Reason {
    Reason::new("reason-dues-arrears")
        .text("starts", &month_text(a.starts))
        .text("through", &month_text(a.through))
        .count("owed", a.owed.len() as u64)
        .count("run", a.longest_run.into())
        .count("alert_months", dues::ALERT_MONTHS.into())
        .met(!a.alert)
}

pub(super) const RELIEF: Rule = Rule {
    name: "dues-relief",
    capability: "dues",
    source: "中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》（2008）第七条",
    confidence: super::Confidence::High,
    inputs: &[
        Input { name: "dues", kind: InputKind::Money, required: true },
        Input { name: "relief", kind: InputKind::Money, required: true },
        Input { name: "branch_agreed", kind: InputKind::Choice(&["no", "yes"]), required: false },
        Input { name: "higher_approved", kind: InputKind::Choice(&["no", "yes"]), required: false },
    ],
    outputs: &["dues", "applies"],
    evaluate: |g| {
        let fen = |n: &str| dues::parse_yuan(g.text(n)).unwrap_or(0);
        let v = dues::relief(fen("dues"), fen("relief"), g.text("branch_agreed") == "yes", g.text("higher_approved") == "yes")
            .map_err(|e| vec![relief_problem(e)])?;
        Ok(Explained { verdict: vec![("dues", Value::Money(v.fen)), ("applies", Value::Bool(v.applies))], reasons: relief_reasons(&v) })
    },
};

/// The field and message of a relief that cannot be asked for.
pub fn relief_problem(e: dues::ReliefError) -> Problem {
    let key = match e {
        dues::ReliefError::Negative => "rule-problem-negative",
        dues::ReliefError::NotLess => "rule-problem-relief-not-less",
    };
    Problem { field: "relief", key, limit: None }
}

/// Why a relief does or does not apply: the branch's agreement, the approval above, and the amount.
pub fn relief_reasons(v: &dues::ReliefVerdict) -> Vec<Reason> {
    vec![
        Reason::new("reason-dues-relief-branch").met(v.branch_agreed),
        Reason::new("reason-dues-relief-higher").met(v.higher_approved),
        Reason::new("reason-dues-relief-amount")
            .text("computed", &dues::yuan(v.computed_fen))
            .text("relief", &dues::yuan(v.relief_fen))
            .text("dues", &dues::yuan(v.fen))
            .met(v.applies),
    ]
}
