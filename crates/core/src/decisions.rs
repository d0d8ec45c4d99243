//! 四议两公开 (RULES.md §4): a village matter goes through six steps in a strict order — the
//! party organization proposes, the joint meeting of the two committees deliberates, the members'
//! assembly reviews, the villagers' meeting or the representatives' meeting resolves, the
//! resolution is disclosed, the result of its implementation is disclosed. Pure functions: the
//! use cases in `app::decisions` enforce them and `/rules` explains them with the same functions.

use chrono::{NaiveDate, TimeDelta};
use serde::Serialize;

use crate::meetings::{CountError, VoteVerdict};
use crate::text::text_enum;

text_enum! {
    /// A step of 四议两公开, in its order: 党组织提议 (proposal), 两委会议商议 (deliberation),
    /// 党员大会审议 (review), 村民会议或村民代表会议决议 (resolution), 决议公开 (the resolution
    /// disclosed), 实施结果公开 (the result of its implementation disclosed).
    Step {
        Proposal = "proposal",
        Deliberation = "deliberation",
        Review = "review",
        Resolution = "resolution",
        ResolutionDisclosed = "resolution_disclosed",
        ResultDisclosed = "result_disclosed",
    }
}

impl Step {
    pub const ORDER: [Step; 6] =
        [Step::Proposal, Step::Deliberation, Step::Review, Step::Resolution, Step::ResolutionDisclosed, Step::ResultDisclosed];

    /// Steps that are votes at a meeting (the first four); the last two are disclosures.
    pub fn is_vote(self) -> bool {
        !matches!(self, Step::ResolutionDisclosed | Step::ResultDisclosed)
    }
}

text_enum! {
    /// What a matter is about. The first nine are the matters the villagers' meeting decides
    /// (村民委员会组织法 第二十四条): 误工补贴 (allowances of those paid for lost work), 集体收益使用
    /// (use of the collective's income), 公益事业筹资筹劳 (public works, with money or labour
    /// raised), 土地承包经营方案 (land contracting), 集体经济项目 (collective economic projects),
    /// 宅基地使用 (homesteads), 征地补偿费 (use and sharing of land compensation), 处分集体财产
    /// (disposal of collective assets), 其他涉及村民利益的事项 (other matters the meeting takes
    /// up). `General` is any other matter of the village.
    MatterKind {
        Allowances = "allowances",
        CollectiveIncome = "collective_income",
        PublicWorks = "public_works",
        LandContracting = "land_contracting",
        CollectiveProjects = "collective_projects",
        Homesteads = "homesteads",
        Compensation = "compensation",
        AssetDisposal = "asset_disposal",
        VillagersInterest = "villagers_interest",
        General = "general",
    }
}

impl MatterKind {
    /// Reserved for the villagers' meeting (组织法 第二十四条): no step may be skipped.
    pub fn reserved(self) -> bool {
        self != MatterKind::General
    }
}

text_enum! {
    /// How a step ended: passed (the vote carried), failed (the vote was lost: the matter waits at
    /// this step), done (a disclosure made), skipped (a general matter within the two committees'
    /// own powers, resolved without a villagers' meeting).
    Outcome {
        Passed = "passed",
        Failed = "failed",
        Done = "done",
        Skipped = "skipped",
    }
}

text_enum! {
    /// The body that resolves: 村民会议 (villagers' meeting) or 村民代表会议 (representatives'
    /// meeting).
    Body {
        Villagers = "villagers",
        Representatives = "representatives",
    }
}

/// Whether a step may be recorded now, given the steps already completed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Order {
    pub step: Step,
    /// The step the matter waits for; `None` once both disclosures are made.
    pub expected: Option<Step>,
    pub allowed: bool,
    /// The step is being skipped (only the resolution of a general matter may be).
    pub skip: bool,
    /// Why a skip is refused: the matter is reserved for the villagers' meeting.
    pub reserved: bool,
}

/// The order rule: a step is taken only when every step before it is completed (passed, done, or
/// for a general matter's resolution, skipped), and only once. A reserved matter skips nothing.
pub fn step_order(kind: MatterKind, completed: &[Step], step: Step, skip: bool) -> Order {
    let expected = Step::ORDER.into_iter().find(|s| !completed.contains(s));
    let skippable = step == Step::Resolution && !kind.reserved();
    let allowed = expected == Some(step) && (!skip || skippable);
    Order { step, expected, allowed, skip, reserved: skip && step == Step::Resolution && kind.reserved() }
}

/// The members' assembly reviewing a matter (RULES.md §4, local rule of the 邓州 model): at least
/// two thirds of the members who should attend present (`3*present ≥ 2*members`), passing with
/// more than half of them (`2*yes > members`).
pub fn assembly_review(members: u64, present: u64, yes: u64) -> Result<VoteVerdict, CountError> {
    if members == 0 {
        return Err(CountError::Zero { field: "members" });
    }
    if present > members {
        return Err(CountError::Exceeds { field: "present", limit: "members" });
    }
    if yes > present {
        return Err(CountError::Exceeds { field: "yes", limit: "present" });
    }
    let quorum = 3 * present >= 2 * members;
    Ok(VoteVerdict {
        quorum,
        need_present: (2 * members).div_ceil(3),
        passes: Some(quorum && 2 * yes > members),
        need_yes: Some(members / 2 + 1),
        base: members,
        present,
        yes: Some(yes),
    })
}

/// The default days allowed between a resolution (or the end of its implementation) and its
/// disclosure. 组织法 第三十条 asks major matters to be disclosed at once; the days are a setting.
pub const DEFAULT_DISCLOSURE_DAYS: u32 = 5;

/// When a disclosure falls due and whether it is overdue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Disclosure {
    pub from: NaiveDate,
    pub due_on: NaiveDate,
    /// Disclosed on (if made).
    pub on: Option<NaiveDate>,
    /// Not made and past its day.
    pub overdue: bool,
    /// Made, but after its day.
    pub late: bool,
}

/// A disclosure is due `days` after `from` (the resolution's date, or the day its implementation
/// was to finish): overdue when not made by then, late when made after.
pub fn disclosure_due(from: NaiveDate, days: u32, on: Option<NaiveDate>, today: NaiveDate) -> Disclosure {
    let due_on = from + TimeDelta::days(i64::from(days));
    Disclosure { from, due_on, on, overdue: on.is_none() && today > due_on, late: on.is_some_and(|d| d > due_on) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_steps_go_in_order_and_once() {
        let k = MatterKind::PublicWorks;
        assert!(step_order(k, &[], Step::Proposal, false).allowed);
        let o = step_order(k, &[], Step::Review, false);
        assert_eq!((o.allowed, o.expected), (false, Some(Step::Proposal)));
        assert!(!step_order(k, &[Step::Proposal], Step::Proposal, false).allowed, "once");
        let all = Step::ORDER;
        assert_eq!(step_order(k, &all, Step::ResultDisclosed, false).expected, None);
    }

    #[test]
    fn only_a_general_matter_may_skip_the_resolution() {
        let done = [Step::Proposal, Step::Deliberation, Step::Review];
        let o = step_order(MatterKind::Homesteads, &done, Step::Resolution, true);
        assert!(!o.allowed && o.reserved);
        assert!(step_order(MatterKind::General, &done, Step::Resolution, true).allowed);
        assert!(!step_order(MatterKind::General, &[Step::Proposal], Step::Deliberation, true).allowed, "nothing else skips");
        assert!(!step_order(MatterKind::General, &[], Step::Review, true).allowed);
    }

    #[test]
    fn the_assembly_reviews_with_two_thirds_present() {
        let v = assembly_review(30, 20, 16).unwrap();
        assert!(v.quorum && v.passes == Some(true) && v.need_present == 20 && v.need_yes == Some(16));
        let v = assembly_review(30, 19, 19).unwrap();
        assert!(!v.quorum && v.passes == Some(false));
        assert_eq!(assembly_review(30, 25, 15).unwrap().passes, Some(false), "half of those who should attend is not more");
        assert!(assembly_review(0, 0, 0).is_err() && assembly_review(3, 4, 0).is_err() && assembly_review(3, 2, 3).is_err());
    }

    #[test]
    fn a_disclosure_is_due_days_after() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let x = disclosure_due(d("2026-03-01"), 5, None, d("2026-03-06"));
        assert_eq!((x.due_on, x.overdue), (d("2026-03-06"), false), "due that day, not yet overdue");
        assert!(disclosure_due(d("2026-03-01"), 5, None, d("2026-03-07")).overdue);
        let x = disclosure_due(d("2026-03-01"), 5, Some(d("2026-03-08")), d("2026-03-20"));
        assert!(!x.overdue && x.late);
    }

    proptest! {
        #[test]
        fn exactly_one_step_is_allowed_at_a_time(done in 0usize..7, kind in 0usize..10) {
            let kind = MatterKind::ALL[kind];
            let completed = &Step::ORDER[..done];
            let allowed: Vec<Step> = Step::ORDER.into_iter().filter(|s| step_order(kind, completed, *s, false).allowed).collect();
            prop_assert_eq!(allowed.len(), usize::from(done < 6));
            if done < 6 {
                prop_assert_eq!(allowed[0], Step::ORDER[done]);
            }
        }

        #[test]
        fn review_passes_only_with_quorum_and_more_than_half(members in 1u64..500, p in 0u64..=1000, y in 0u64..=1000) {
            let present = members * p / 1000;
            let yes = present * y / 1000;
            let v = assembly_review(members, present, yes).unwrap();
            prop_assert_eq!(v.passes, Some(3 * present >= 2 * members && 2 * yes > members));
            prop_assert_eq!(v.quorum, present >= v.need_present);
        }
    }
}
