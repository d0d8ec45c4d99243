//! The study rules (RULES.md §10): a member's yearly hours against the requirement, and a
//! training's hours against the days it ran.

use super::{Explained, Input, InputKind, Problem, Reason, Rule, Value};
use crate::study::{self, Requirement, TrainingError};

pub(super) const HOURS: Rule = Rule {
    name: "study-hours",
    capability: "study",
    source: "《中国共产党党员教育管理工作条例》（2019）第二十条；2019—2023年全国党员教育培训工作规划",
    confidence: super::Confidence::High,
    inputs: &[
        Input { name: "hours", kind: InputKind::Hours, required: true },
        Input { name: "leader", kind: InputKind::Choice(&["no", "yes"]), required: false },
    ],
    outputs: &["required", "short", "met"],
    evaluate: |g| {
        let have = study::parse_hours(g.text("hours")).unwrap_or(0);
        let r = study::requirement(have, g.text("leader") == "yes");
        Ok(Explained {
            verdict: vec![("required", Value::Hours(r.required)), ("short", Value::Hours(r.short)), ("met", Value::Bool(r.met))],
            reasons: vec![requirement_reason(&r)],
        })
    },
};

/// Why a member's hours do or do not meet the year's requirement.
pub fn requirement_reason(r: &Requirement) -> Reason {
    Reason::new(if r.leader { "reason-study-hours-leader" } else { "reason-study-hours" })
        .text("have", &study::hours_text(r.have))
        .text("required", &study::hours_text(r.required))
        .text("short", &study::hours_text(r.short))
        .met(r.met)
}

pub(super) const TRAINING: Rule = Rule {
    name: "training-hours",
    capability: "study",
    source: "《中国共产党党员教育管理工作条例》（2019）第二十条",
    confidence: super::Confidence::Medium,
    inputs: &[
        Input { name: "starts_on", kind: InputKind::Date, required: true },
        Input { name: "ends_on", kind: InputKind::Date, required: true },
        Input { name: "hours", kind: InputKind::Hours, required: true },
    ],
    outputs: &["days", "most", "allowed"],
    evaluate: |g| {
        let [from, to] = g.dates(["starts_on", "ends_on"])?;
        let tenths = study::parse_hours(g.text("hours")).unwrap_or(0);
        let allowed = match study::training_hours(from, to, tenths) {
            Err(TrainingError::Backwards) => {
                return Err(vec![Problem { field: "ends_on", key: "rule-problem-backwards", limit: Some("starts_on") }]);
            }
            Err(TrainingError::TooManyHours { .. }) => false,
            Ok(_) => true,
        };
        let days = study::days(from, to);
        let most = study::capacity(days);
        Ok(Explained {
            verdict: vec![("days", Value::Count(days)), ("most", Value::Hours(most)), ("allowed", Value::Bool(allowed))],
            reasons: vec![training_reason(days, tenths)],
        })
    },
};

/// Why a training's hours fit or do not fit its days.
pub fn training_reason(days: u64, hours: u64) -> Reason {
    let most = study::capacity(days);
    Reason::new("reason-study-training-hours")
        .count("days", days)
        .count("per_day", study::HOURS_PER_DAY)
        .text("most", &study::hours_text(most))
        .text("hours", &study::hours_text(hours))
        .met(hours <= most)
}
