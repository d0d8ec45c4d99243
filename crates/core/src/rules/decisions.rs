//! The rules of 四议两公开 (RULES.md §4, §9): the order of the steps, the members' assembly's
//! review, and when a disclosure falls due, answered by the functions of [`crate::decisions`].

use super::{Explained, Input, InputKind, Problem, Reason, Rule, Value, count, list, refused};
use crate::decisions::{self, MatterKind, Step};

/// The matter kinds, as the `kind` input takes them (the words of [`MatterKind`]).
pub const KINDS: &[&str] = &[
    "allowances",
    "collective_income",
    "public_works",
    "land_contracting",
    "collective_projects",
    "homesteads",
    "compensation",
    "asset_disposal",
    "villagers_interest",
    "general",
];

/// The steps, as the `step` input takes them (the words of [`Step`]).
pub const STEPS: &[&str] = &["proposal", "deliberation", "review", "resolution", "resolution_disclosed", "result_disclosed"];

pub(super) const STEP: Rule = Rule {
    name: "decision-step",
    capability: "decisions",
    source: "《中国共产党农村基层组织工作条例》（2019）：村党组织提议、村“两委”会议商议、党员大会审议、村民会议或者村民代表会议决议，决议公开、实施结果公开；《村民委员会组织法》第二十四条",
    confidence: super::Confidence::Medium,
    inputs: &[
        Input { name: "kind", kind: InputKind::Choice(KINDS), required: true },
        Input { name: "done", kind: InputKind::List, required: false },
        Input { name: "step", kind: InputKind::Choice(STEPS), required: true },
        Input { name: "skip", kind: InputKind::Choice(&["no", "yes"]), required: false },
    ],
    outputs: &["allowed", "expected"],
    evaluate: |g| {
        let kind = MatterKind::parse(g.text("kind")).unwrap_or(MatterKind::General);
        let step = Step::parse(g.text("step")).unwrap_or(Step::Proposal);
        let done: Option<Vec<Step>> = list(g.text("done")).unwrap_or_default().iter().map(|s| Step::parse(s)).collect();
        let done = done.ok_or(vec![Problem { field: "done", key: "rule-problem-choice", limit: None }])?;
        let o = decisions::step_order(kind, &done, step, g.text("skip") == "yes");
        Ok(Explained {
            verdict: vec![("allowed", Value::Bool(o.allowed)), ("expected", o.expected.map_or(Value::Null, |s| Value::Text(s.as_str())))],
            reasons: order_reasons(kind, &o),
        })
    },
};

/// Why a step may or may not be taken now.
pub fn order_reasons(kind: MatterKind, o: &decisions::Order) -> Vec<Reason> {
    let mut r = Vec::new();
    match o.expected {
        Some(e) => r.push(Reason::new("reason-decision-order").text("step", o.step.as_str()).text("expected", e.as_str()).met(e == o.step)),
        None => r.push(Reason::new("reason-decision-finished").met(false)),
    }
    if kind.reserved() {
        r.push(Reason::new("reason-decision-reserved").text("matter_kind", kind.as_str()).met(!o.reserved));
    } else if o.skip {
        r.push(Reason::new("reason-decision-skip").met(o.step == decisions::Step::Resolution));
    }
    r
}

pub(super) const REVIEW: Rule = Rule {
    name: "assembly-review",
    capability: "decisions",
    source: "四议两公开 地方规则（邓州）：党员大会审议须应到党员三分之二以上到会，赞成票超过应到党员半数",
    confidence: super::Confidence::Low,
    inputs: &[count("members"), count("present"), count("yes")],
    outputs: &["quorum", "passes"],
    evaluate: |g| {
        let v = decisions::assembly_review(g.count("members"), g.count("present"), g.count("yes")).map_err(refused)?;
        Ok(Explained {
            verdict: vec![("quorum", Value::Bool(v.quorum)), ("passes", Value::Bool(v.passes == Some(true)))],
            reasons: review_reasons(&v),
        })
    },
};

/// Why the assembly's review could be held, and whether it passed.
pub fn review_reasons(v: &crate::meetings::VoteVerdict) -> Vec<Reason> {
    let quorum = Reason::new("reason-review-quorum")
        .count("present", v.present)
        .count("members", v.base)
        .count("need", v.need_present)
        .met(v.quorum);
    let vote = match (v.quorum, v.yes) {
        (true, Some(yes)) => Reason::new("reason-review-passes")
            .count("yes", yes)
            .count("members", v.base)
            .count("need", v.need_yes.unwrap_or(0))
            .met(v.passes == Some(true)),
        _ => Reason::new("reason-no-quorum-no-vote"),
    };
    vec![quorum, vote]
}

/// Why a party meeting's vote on a step carried or not, counted as the step is: the committee's
/// and the joint meeting's by 支部条例 第十二条, the assembly's review by [`REVIEW`]'s rule.
pub fn vote_reasons(step: Step, base: u64, present: u64, yes: u64) -> Vec<Reason> {
    match step {
        Step::Review => decisions::assembly_review(base, present, yes).map(|v| review_reasons(&v)).unwrap_or_default(),
        _ => match crate::meetings::committee_vote(base, present, yes) {
            Ok(v) => vec![
                Reason::new("reason-committee-quorum")
                    .count("present", v.present)
                    .count("members", v.base)
                    .count("need", v.need_present)
                    .met(v.quorum),
                Reason::new("reason-decision-committee-passes")
                    .count("yes", yes)
                    .count("members", v.base)
                    .count("need", v.need_yes.unwrap_or(0))
                    .met(v.passes == Some(true)),
            ],
            Err(_) => Vec::new(),
        },
    }
}

pub(super) const DISCLOSURE: Rule = Rule {
    name: "disclosure-due",
    capability: "decisions",
    source: "《中华人民共和国村民委员会组织法》第三十条：涉及村民利益的重大事项应当随时公布；“决议公开、实施结果公开”",
    confidence: super::Confidence::Medium,
    inputs: &[Input { name: "from", kind: InputKind::Date, required: true }, Input { name: "on", kind: InputKind::Date, required: false }],
    outputs: &["due_on", "overdue", "late"],
    evaluate: |g| {
        let [from] = g.dates(["from"])?;
        let d = decisions::disclosure_due(from, g.settings.disclosure_days, g.date("on"), g.today);
        Ok(Explained {
            verdict: vec![("due_on", Value::Date(d.due_on)), ("overdue", Value::Bool(d.overdue)), ("late", Value::Bool(d.late))],
            reasons: vec![disclosure_reason(&d, g.settings.disclosure_days)],
        })
    },
};

/// When a disclosure is due, and whether it was made in time.
pub fn disclosure_reason(d: &decisions::Disclosure, days: u32) -> Reason {
    let r = Reason::new("reason-disclosure-due").date("from", d.from).count("days", days.into()).date("due", d.due_on);
    match d.on {
        Some(on) => r.date("on", on).met(!d.late),
        None => r.text("on", "none").met(!d.overdue),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_input_words_are_the_enums_words() {
        assert_eq!(KINDS, MatterKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>());
        assert_eq!(STEPS, Step::ORDER.iter().map(|k| k.as_str()).collect::<Vec<_>>());
    }
}
