//! The care rules (RULES.md §10, §8): who must be visited in a year, and whether a linked
//! household (联户) has gone too long without contact.

use chrono::Datelike;

use super::{Explained, Input, InputKind, Problem, Reason, Rule, Value};
use crate::care::{self, Contact, MustVisit};

pub(super) const MUST_VISIT: Rule = Rule {
    name: "must-visit",
    capability: "care",
    source: "《中国共产党党员教育管理工作条例》（2019）第二十三条；中央组织部历年走访慰问生活困难党员、老党员通知",
    confidence: super::Confidence::Medium,
    inputs: &[
        Input { name: "year", kind: InputKind::Period, required: true },
        Input { name: "difficulty", kind: InputKind::Choice(&["no", "yes"]), required: false },
        Input { name: "birth", kind: InputKind::Date, required: false },
        Input { name: "joined", kind: InputKind::Date, required: false },
    ],
    outputs: &["must", "age", "party_years"],
    evaluate: |g| {
        // A year ("2026"), or any period in it.
        let year = crate::meetings::Period::parse(g.text("year")).map_or(g.today.year(), |p| p.last_day().year());
        let m = care::must_visit(g.text("difficulty") == "yes", g.date("birth"), g.date("joined"), year);
        let years = |y: Option<u32>| y.map_or(Value::Null, |y| Value::Count(u64::from(y)));
        Ok(Explained {
            verdict: vec![("must", Value::Bool(m.must)), ("age", years(m.age)), ("party_years", years(m.party_years))],
            reasons: vec![must_visit_reason(&m)],
        })
    },
};

/// Why a member is or is not on the year's must-visit list.
pub fn must_visit_reason(m: &MustVisit) -> Reason {
    let key = if m.in_difficulty {
        "reason-care-must-difficulty"
    } else if m.veteran {
        "reason-care-must-veteran"
    } else if m.elderly {
        "reason-care-must-elderly"
    } else {
        "reason-care-must-none"
    };
    Reason::new(key)
        .date("on", m.on)
        .count("age", u64::from(m.age.unwrap_or(0)))
        .count("party_years", u64::from(m.party_years.unwrap_or(0)))
        .count("elderly_age", u64::from(care::ELDERLY_AGE))
        .count("veteran_years", u64::from(care::VETERAN_PARTY_YEARS))
        .met(m.must)
}

pub(super) const CONTACT: Rule = Rule {
    name: "household-contact",
    capability: "care",
    source: "联系服务群众（党员联户）地方实践：每月至少联系一次，每年至少办一件实事",
    confidence: super::Confidence::Low,
    inputs: &[
        Input { name: "linked_since", kind: InputKind::Date, required: true },
        Input { name: "last_contact", kind: InputKind::Date, required: false },
        Input { name: "on", kind: InputKind::Date, required: false },
    ],
    outputs: &["days", "limit", "overdue"],
    evaluate: |g| {
        let [since] = g.dates(["linked_since"])?;
        let on = g.date("on").unwrap_or(g.today);
        if on < since {
            return Err(vec![Problem { field: "on", key: "rule-problem-backwards", limit: Some("linked_since") }]);
        }
        let c = care::contact(since, g.date("last_contact"), on, g.settings.contact_days);
        Ok(Explained {
            verdict: vec![("days", Value::Count(c.days)), ("limit", Value::Count(u64::from(c.limit))), ("overdue", Value::Bool(c.overdue))],
            reasons: vec![contact_reason(&c)],
        })
    },
};

/// Why a linked household is or is not overdue for contact.
pub fn contact_reason(c: &Contact) -> Reason {
    Reason::new(if c.ever { "reason-care-contact" } else { "reason-care-contact-never" })
        .date("from", c.from)
        .count("days", c.days)
        .count("limit", u64::from(c.limit))
        .met(!c.overdue)
}
