//! The points rule (RULES.md §8, local practice): a member's score for a period under the
//! county's table, with every item's part, its cap, and the actions the thresholds call for.

use super::{Explained, Input, InputKind, Reason, Rule, Value};
use crate::points::{self, Score};

pub(super) const POINTS: Rule = Rule {
    name: "points",
    capability: "points",
    source: "党员积分制管理（地方实践，如浙江东阳：基础分 100 分，季度低于 60 分列为后进；预备党员全年低于 85 分不予转正或延长预备期）",
    confidence: super::Confidence::Low,
    inputs: &[
        Input { name: "appeal_resolved", kind: InputKind::Count, required: false },
        Input { name: "appeal_satisfied", kind: InputKind::Count, required: false },
        Input { name: "meeting_present", kind: InputKind::Count, required: false },
        Input { name: "meeting_absent", kind: InputKind::Count, required: false },
        Input { name: "household_contact", kind: InputKind::Count, required: false },
        Input { name: "study_hour", kind: InputKind::Count, required: false },
        Input { name: "pair_contact", kind: InputKind::Count, required: false },
        Input { name: "care_visit", kind: InputKind::Count, required: false },
        Input { name: "hand_added", kind: InputKind::Count, required: false },
        Input { name: "hand_taken", kind: InputKind::Count, required: false },
        Input { name: "probationary", kind: InputKind::Choice(&["no", "yes"]), required: false },
        Input { name: "yearly", kind: InputKind::Choice(&["no", "yes"]), required: false },
    ],
    outputs: &["total", "talk", "remedial", "probation_not_confirmed"],
    evaluate: |g| {
        let times: Vec<(&str, u64)> = points::ITEMS.iter().map(|i| (*i, g.count(i))).collect();
        let hand = g.count("hand_added").min(10_000) as i32 - g.count("hand_taken").min(10_000) as i32;
        let s = points::score(g.settings.points, &times, hand, g.text("probationary") == "yes", g.text("yearly") == "yes");
        let called = |a: &str| Value::Bool(s.actions.iter().any(|(x, _)| x == a));
        Ok(Explained {
            verdict: vec![
                ("total", Value::Count(s.total.max(0) as u64)),
                ("talk", called("talk")),
                ("remedial", called("remedial")),
                ("probation_not_confirmed", called("probation_not_confirmed")),
            ],
            reasons: reasons(&s),
        })
    },
};

/// Why a score is what it is: the base, each item that counted (and whether its cap cut it),
/// the hand points, and each action called for.
pub fn reasons(s: &Score) -> Vec<Reason> {
    let signed = |n: i64| if n >= 0 { format!("+{n}") } else { n.to_string() };
    let mut out = vec![Reason::new("reason-points-base").count("base", s.base.max(0) as u64)];
    for l in s.lines.iter().filter(|l| l.times > 0) {
        out.push(
            Reason::new(if l.capped { "reason-points-item-capped" } else { "reason-points-item" })
                .text("item", &l.item)
                .count("times", l.times)
                .text("each", &signed(i64::from(l.each)))
                .text("raw", &signed(l.raw))
                .text("counted", &signed(i64::from(l.counted))),
        );
    }
    if s.hand != 0 {
        out.push(Reason::new("reason-points-hand").text("hand", &signed(i64::from(s.hand))));
    }
    out.push(Reason::new("reason-points-total").text("total", &s.total.to_string()));
    for (action, below) in &s.actions {
        out.push(Reason::new("reason-points-action").text("action", action).text("below", &below.to_string()));
    }
    out
}
