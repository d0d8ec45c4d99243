//! Points (积分制, RULES.md §8; local practice): a county's rule table — a base score, items with
//! points and a cap per period, thresholds that call for an action — and a member's score for a
//! period from what was recorded (needs resolved and rated, meetings attended or missed, household
//! contacts, whole hours of study, contacts with the member one helps in a pair) and from points entered by hand with evidence and approved.

use serde::{Deserialize, Serialize};

/// The items counted from recorded service.
pub const ITEMS: [&str; 8] = [
    "appeal_resolved",
    "appeal_satisfied",
    "meeting_present",
    "meeting_absent",
    "household_contact",
    "study_hour",
    "pair_contact",
    "care_visit",
];

/// The actions a threshold may call for.
pub const ACTIONS: [&str; 3] = ["talk", "remedial", "probation_not_confirmed"];

/// One item of the rule table: points for each time, and the most (in absolute value) it may
/// add or take in one period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRule {
    pub item: String,
    pub points: i32,
    pub cap: i32,
}

/// A score below `below` calls for `action`; `probationary_only` limits it to probationary members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub below: i32,
    pub action: String,
    #[serde(default)]
    pub probationary_only: bool,
    /// Only for a whole year's score.
    #[serde(default)]
    pub yearly: bool,
}

/// A county's rule table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Table {
    pub base: i32,
    pub items: Vec<ItemRule>,
    pub thresholds: Vec<Threshold>,
}

impl Default for Table {
    /// The common template (东阳: base 100; under 60 in a quarter means remedial study; a
    /// probationary member under 85 for the year is not confirmed), with items from recorded
    /// service.
    fn default() -> Self {
        let item = |item: &str, points, cap| ItemRule { item: item.to_owned(), points, cap };
        Self {
            base: 100,
            items: vec![
                item("appeal_resolved", 2, 20),
                item("appeal_satisfied", 1, 10),
                item("meeting_present", 1, 12),
                item("meeting_absent", -5, 30),
                item("household_contact", 1, 10),
                item("study_hour", 1, 10),
                item("pair_contact", 1, 10),
                item("care_visit", 2, 10),
            ],
            thresholds: vec![
                Threshold { below: 60, action: "remedial".into(), probationary_only: false, yearly: false },
                Threshold { below: 85, action: "probation_not_confirmed".into(), probationary_only: true, yearly: true },
                Threshold { below: 90, action: "talk".into(), probationary_only: false, yearly: false },
            ],
        }
    }
}

impl Table {
    /// What is wrong with a table, if anything: unknown items or actions, a cap below zero.
    pub fn problem(&self) -> Option<String> {
        for i in &self.items {
            if !ITEMS.contains(&i.item.as_str()) {
                return Some(format!("points.items: unknown item {:?}", i.item));
            }
            if i.cap < 0 {
                return Some(format!("points.items: the cap of {} is below zero", i.item));
            }
        }
        self.thresholds
            .iter()
            .find(|t| !ACTIONS.contains(&t.action.as_str()))
            .map(|t| format!("points.thresholds: unknown action {:?}", t.action))
    }
}

/// One item's part of a score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub item: String,
    pub times: u64,
    pub each: i32,
    /// Before the cap.
    pub raw: i64,
    /// After the cap.
    pub counted: i32,
    pub capped: bool,
}

/// A member's score for a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Score {
    pub base: i32,
    pub lines: Vec<Line>,
    /// Approved points entered by hand.
    pub hand: i32,
    pub total: i32,
    /// The actions the thresholds call for, lowest threshold first.
    pub actions: Vec<(String, i32)>,
}

/// The score of a member from how many times each item happened in the period and the approved
/// hand points; `yearly` when the period is a whole year.
pub fn score(table: &Table, times: &[(&str, u64)], hand: i32, probationary: bool, yearly: bool) -> Score {
    let lines: Vec<Line> = table
        .items
        .iter()
        .map(|r| {
            let n = times.iter().filter(|(i, _)| *i == r.item).map(|(_, n)| *n).sum::<u64>();
            let raw = i64::from(r.points) * n as i64;
            let cap = i64::from(r.cap);
            let counted = raw.clamp(-cap, cap);
            Line { item: r.item.clone(), times: n, each: r.points, raw, counted: counted as i32, capped: counted != raw }
        })
        .collect();
    let total = table.base + lines.iter().map(|l| l.counted).sum::<i32>() + hand;
    let mut thresholds: Vec<&Threshold> =
        table.thresholds.iter().filter(|t| total < t.below && (!t.probationary_only || probationary) && (!t.yearly || yearly)).collect();
    thresholds.sort_by_key(|t| t.below);
    Score { base: table.base, lines, hand, total, actions: thresholds.into_iter().map(|t| (t.action.clone(), t.below)).collect() }
}

/// The default table, for rules answered without settings.
pub fn default_table() -> &'static Table {
    static DEFAULT: std::sync::LazyLock<Table> = std::sync::LazyLock::new(Table::default);
    &DEFAULT
}

/// A table kept for the life of the process: the same table is kept once, however often asked.
pub fn kept(table: &Table) -> &'static Table {
    static KEPT: std::sync::Mutex<Vec<&'static Table>> = std::sync::Mutex::new(Vec::new());
    let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(t) = kept.iter().find(|t| **t == table) {
        return t;
    }
    let t: &'static Table = Box::leak(Box::new(table.clone()));
    kept.push(t);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_capped_per_period_both_ways() {
        let t = Table::default();
        let s = score(&t, &[("appeal_resolved", 15), ("meeting_present", 3), ("meeting_absent", 7)], 0, false, false);
        let line = |i: &str| s.lines.iter().find(|l| l.item == i).unwrap().clone();
        assert_eq!((line("appeal_resolved").raw, line("appeal_resolved").counted, line("appeal_resolved").capped), (30, 20, true));
        assert_eq!((line("meeting_absent").raw, line("meeting_absent").counted), (-35, -30));
        assert_eq!(s.total, 100 + 20 + 3 - 30);
        assert!(s.actions.is_empty(), "93 calls for nothing");
        let s = score(&t, &[("meeting_absent", 3)], 0, false, false);
        assert_eq!((s.total, s.actions.clone()), (85, vec![("talk".to_owned(), 90)]));
    }

    #[test]
    fn thresholds_at_their_boundaries() {
        let t = Table::default();
        // 60 exactly is not under 60; 59 is.
        assert!(!score(&t, &[], -40, false, false).actions.iter().any(|a| a.0 == "remedial"));
        assert_eq!(score(&t, &[], -41, false, false).actions[0], ("remedial".to_owned(), 60));
        // A probationary member under 85 for the year: not confirmed; not for a quarter, nor for a full member.
        let low = score(&t, &[("meeting_absent", 4)], 0, true, true);
        assert_eq!(low.total, 80);
        assert!(low.actions.iter().any(|a| a.0 == "probation_not_confirmed"));
        assert!(!score(&t, &[("meeting_absent", 4)], 0, true, false).actions.iter().any(|a| a.0 == "probation_not_confirmed"));
        assert!(!score(&t, &[("meeting_absent", 4)], 0, false, true).actions.iter().any(|a| a.0 == "probation_not_confirmed"));
        // Hand points count whole, uncapped.
        assert_eq!(score(&t, &[], 7, false, false).total, 107);
    }

    #[test]
    fn a_table_with_unknown_words_is_refused() {
        let mut t = Table::default();
        assert_eq!(t.problem(), None);
        t.items[0].item = "bribes".into();
        assert!(t.problem().unwrap().contains("bribes"));
        let mut t = Table::default();
        t.thresholds[0].action = "expel".into();
        assert!(t.problem().is_some());
    }
}
