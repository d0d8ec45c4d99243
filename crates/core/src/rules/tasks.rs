//! The rules of tasks handed down (seed §2), answered by the functions of [`crate::tasks`].

use super::{Explained, Input, InputKind, Problem, Reason, Rule, Value, count, list};
use crate::tasks;

const SOURCE: &str = "《中国共产党农村基层组织工作条例》与县乡目标任务分解的通行做法：上级把目标任务分解下达，下级分解到所属组织并逐级汇总";

pub(super) const SPLIT: Rule = Rule {
    name: "task-split",
    capability: "tasks",
    source: SOURCE,
    confidence: super::Confidence::Low,
    inputs: &[count("whole"), Input { name: "parts", kind: InputKind::List, required: true }],
    outputs: &["allowed", "unassigned", "over"],
    evaluate: |g| {
        let parts: Option<Vec<u64>> = list(g.text("parts")).and_then(|l| l.iter().map(|p| p.parse().ok()).collect());
        let parts = parts.ok_or(vec![Problem { field: "parts", key: "rule-problem-count", limit: None }])?;
        let s = tasks::split(g.count("whole"), &parts);
        Ok(Explained {
            verdict: vec![("allowed", Value::Bool(s.allowed)), ("unassigned", Value::Count(s.short)), ("over", Value::Count(s.over))],
            reasons: vec![split_reason(&s)],
        })
    },
};

/// Whether the parts fit the share, and by how much they fall short or exceed it.
pub fn split_reason(s: &tasks::Split) -> Reason {
    Reason::new("reason-task-split")
        .count("whole", s.whole)
        .count("parts", s.parts)
        .count("short", s.short)
        .count("over", s.over)
        .met(s.allowed)
}

pub(super) const PROGRESS: Rule = Rule {
    name: "task-progress",
    capability: "tasks",
    source: SOURCE,
    confidence: super::Confidence::Low,
    inputs: &[count("target"), count("reported"), Input { name: "noted", kind: InputKind::Choice(&["no", "yes"]), required: false }],
    outputs: &["allowed", "complete"],
    evaluate: |g| {
        let v = tasks::progress(g.count("target"), g.count("reported"), g.text("noted") == "yes");
        Ok(Explained {
            verdict: vec![("allowed", Value::Bool(v.allowed)), ("complete", Value::Bool(v.complete))],
            reasons: vec![progress_reason(&v)],
        })
    },
};

/// Whether reported progress may stand: more than the target only with a note.
pub fn progress_reason(v: &tasks::Progress) -> Reason {
    Reason::new("reason-task-progress").count("target", v.target).count("done", v.done).count("percent", v.percent / 100).met(v.allowed)
}
