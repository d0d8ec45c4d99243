//! Tasks handed down and rolled up (seed §2: "the higher-level organizations decompose goals and
//! tasks and distribute them to the subordinate organizations"): how a share is split among the
//! organizations below, whether reported progress may stand, where a part stands against its
//! deadline, and the roll-up of achievement level by level — pure functions returning their
//! verdict with its numbers.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::text::text_enum;

text_enum! {
    /// What a task asks for: a number to reach (households visited, hectares replanted), a
    /// checklist to tick off, or evidence to show (photos, a document, a meeting record).
    TaskKind {
        Number = "number",
        Checklist = "checklist",
        Evidence = "evidence",
    }
}

/// A share split among parts: the parts may not exceed the whole; when they fall short the page
/// says by how much.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Split {
    pub whole: u64,
    pub parts: u64,
    pub allowed: bool,
    /// How much of the whole no part carries yet.
    pub short: u64,
    /// How much the parts exceed the whole.
    pub over: u64,
}

pub fn split(whole: u64, parts: &[u64]) -> Split {
    let sum: u64 = parts.iter().sum();
    Split { whole, parts: sum, allowed: sum <= whole, short: whole.saturating_sub(sum), over: sum.saturating_sub(whole) }
}

/// Reported progress against a target: more than the target stands only with a note saying why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub target: u64,
    pub done: u64,
    pub noted: bool,
    pub allowed: bool,
    pub complete: bool,
    /// Hundredths of a percent, capped at 100 %.
    pub percent: u64,
}

pub fn progress(target: u64, done: u64, noted: bool) -> Progress {
    Progress { target, done, noted, allowed: done <= target || noted, complete: done >= target, percent: percent(done, target) }
}

/// `done` of `target` in hundredths of a percent, capped at 100 %; a target of 0 is complete.
pub fn percent(done: u64, target: u64) -> u64 {
    (done.min(target) * 10_000).checked_div(target).unwrap_or(10_000)
}

/// Where a part stands against its deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Due {
    Open { days_left: i64 },
    Overdue { days: i64 },
    DoneOnTime,
    DoneLate { days: i64 },
}

impl Due {
    pub fn overdue(self) -> bool {
        matches!(self, Due::Overdue { .. })
    }
}

pub fn due(due_on: NaiveDate, today: NaiveDate, done_on: Option<NaiveDate>) -> Due {
    match done_on {
        Some(d) if d <= due_on => Due::DoneOnTime,
        Some(d) => Due::DoneLate { days: (d - due_on).num_days() },
        None if today > due_on => Due::Overdue { days: (today - due_on).num_days() },
        None => Due::Open { days_left: (due_on - today).num_days() },
    }
}

/// One part as the roll-up sees it: its parent part (none for a part handed down by the issuer),
/// its target and what it reported itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node<Id> {
    pub id: Id,
    pub parent: Option<Id>,
    pub target: u64,
    pub reported: u64,
}

/// Each part's achievement: a part split further achieves what its parts achieve, each capped at
/// its own target (one village's surplus does not make up another's shortfall); a part not split
/// achieves what it reported, capped the same way.
pub fn rollup<Id: Copy + Eq + std::hash::Hash>(nodes: &[Node<Id>]) -> HashMap<Id, u64> {
    let mut children: HashMap<Id, Vec<usize>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if let Some(p) = n.parent {
            children.entry(p).or_default().push(i);
        }
    }
    let mut out = HashMap::with_capacity(nodes.len());
    fn visit<Id: Copy + Eq + std::hash::Hash>(
        i: usize,
        nodes: &[Node<Id>],
        children: &HashMap<Id, Vec<usize>>,
        out: &mut HashMap<Id, u64>,
        depth: usize,
    ) -> u64 {
        let n = nodes[i];
        let achieved = match children.get(&n.id) {
            Some(kids) if depth < 64 => kids.iter().map(|k| visit(*k, nodes, children, out, depth + 1)).sum::<u64>(),
            _ => n.reported,
        }
        .min(n.target);
        out.insert(n.id, achieved);
        achieved
    }
    for (i, n) in nodes.iter().enumerate() {
        if n.parent.is_none_or(|p| !nodes.iter().any(|m| m.id == p)) {
            visit(i, nodes, &children, &mut out, 0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn parts_may_fall_short_but_not_exceed() {
        assert_eq!(split(100, &[40, 30, 30]), Split { whole: 100, parts: 100, allowed: true, short: 0, over: 0 });
        assert_eq!(split(100, &[40, 30]).short, 30);
        let over = split(100, &[60, 50]);
        assert_eq!((over.allowed, over.over), (false, 10));
    }

    #[test]
    fn progress_over_the_target_needs_a_note() {
        assert!(progress(20, 20, false).allowed && progress(20, 20, false).complete);
        assert!(!progress(20, 21, false).allowed);
        assert!(progress(20, 21, true).allowed);
        assert_eq!(progress(40, 10, false).percent, 2500);
        assert_eq!(percent(50, 40), 10_000, "capped");
    }

    #[test]
    fn due_dates() {
        assert_eq!(due(day("2026-12-10"), day("2026-12-08"), None), Due::Open { days_left: 2 });
        assert_eq!(due(day("2026-12-10"), day("2026-12-10"), None), Due::Open { days_left: 0 });
        assert_eq!(due(day("2026-12-10"), day("2026-12-13"), None), Due::Overdue { days: 3 });
        assert_eq!(due(day("2026-12-10"), day("2026-12-13"), Some(day("2026-12-09"))), Due::DoneOnTime);
        assert_eq!(due(day("2026-12-10"), day("2026-12-13"), Some(day("2026-12-12"))), Due::DoneLate { days: 2 });
    }

    #[test]
    fn a_county_task_rolls_up_through_townships_to_villages() {
        // County 100 → townships 60 + 40; township A → villages 30 + 30; township B not split.
        let n = |id, parent, target, reported| Node { id, parent, target, reported };
        let nodes = [n(1, None, 60, 0), n(2, None, 40, 25), n(3, Some(1), 30, 30), n(4, Some(1), 30, 45), n(5, Some(1), 0, 0)];
        let r = rollup(&nodes);
        assert_eq!((r[&3], r[&4]), (30, 30), "a village's surplus is capped at its target");
        assert_eq!(r[&1], 60, "the township achieves what its villages do");
        assert_eq!(r[&2], 25);
    }

    proptest! {
        #[test]
        fn a_rollup_is_the_sum_of_its_parts(targets in proptest::collection::vec((0u64..50, 0u64..60), 1..20), shape in proptest::collection::vec(0usize..20, 20)) {
            // A random forest: node i's parent is an earlier node or none.
            let nodes: Vec<Node<usize>> = targets
                .iter()
                .enumerate()
                .map(|(i, (t, r))| Node { id: i, parent: if i == 0 || shape[i] % 3 == 0 { None } else { Some(shape[i] % i) }, target: *t, reported: *r })
                .collect();
            let r = rollup(&nodes);
            for n in &nodes {
                let kids: Vec<&Node<usize>> = nodes.iter().filter(|m| m.parent == Some(n.id)).collect();
                let expected = if kids.is_empty() { n.reported } else { kids.iter().map(|k| r[&k.id]).sum() }.min(n.target);
                prop_assert_eq!(r[&n.id], expected);
                prop_assert!(r[&n.id] <= n.target);
            }
        }
    }
}
