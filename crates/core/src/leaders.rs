//! The leaders' candidate pool (seed §4: choose as leaders the members with a strong sense and
//! ability of service): who may stand, and the order members are ranked in by their service
//! record. The figures come from what was recorded; nothing here reads a clock or the store.

use std::cmp::{Ordering, Reverse};

use crate::{meetings::Grade, people::MemberStatus};

/// Why a member is or is not in the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// A full member whose latest appraisal, if any, was 优秀 or 合格.
    Eligible,
    /// Not a full member: probationary members cannot be elected (选举条例 第五条 counts only
    /// full members' rights to elect and be elected).
    NotFull,
    /// Graded 基本合格 or 不合格 at the latest democratic appraisal (local practice: such members
    /// are not recommended as candidates).
    Grade(Grade),
}

impl Standing {
    pub fn eligible(self) -> bool {
        self == Standing::Eligible
    }
}

/// Whether a member may be in the candidate pool for secretary and committee posts.
pub fn standing(status: MemberStatus, latest_grade: Option<Grade>) -> Standing {
    if status != MemberStatus::Full {
        Standing::NotFull
    } else if let Some(g @ (Grade::BasicallyQualified | Grade::Unqualified)) = latest_grade {
        Standing::Grade(g)
    } else {
        Standing::Eligible
    }
}

/// A member's service record for a year.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Record {
    /// The year's points under the county's table (which already weighs needs, meetings and
    /// household contacts).
    pub points: i32,
    /// Needs they resolved, and of those the ones rated satisfied.
    pub resolved: u64,
    pub satisfied: u64,
    /// Meetings they were marked present at, and absent from.
    pub present: u64,
    pub absent: u64,
    /// Study in tenths of an hour, and whether it met the year's requirement.
    pub study_tenths: u64,
    pub study_met: bool,
    /// Care given: contacts with linked households and in pairs where they help.
    pub care: u64,
}

impl Record {
    /// Attendance in thousandths (present of marked), `None` when never marked.
    pub fn attendance(&self) -> Option<u64> {
        let marked = self.present + self.absent;
        (marked > 0).then(|| self.present * 1000 / marked)
    }
}

/// The order of the pool: points first — the county's own measure of service — then needs
/// resolved, attendance, study hours and care given, each higher first.
pub fn order(a: &Record, b: &Record) -> Ordering {
    let key = |r: &Record| Reverse((r.points, r.resolved, r.attendance().unwrap_or(0), r.study_tenths, r.care));
    key(a).cmp(&key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_full_members_not_graded_below_qualified_may_stand() {
        assert_eq!(standing(MemberStatus::Full, None), Standing::Eligible);
        assert_eq!(standing(MemberStatus::Full, Some(Grade::Excellent)), Standing::Eligible);
        assert_eq!(standing(MemberStatus::Full, Some(Grade::Qualified)), Standing::Eligible);
        assert_eq!(standing(MemberStatus::Full, Some(Grade::BasicallyQualified)), Standing::Grade(Grade::BasicallyQualified));
        assert_eq!(standing(MemberStatus::Full, Some(Grade::Unqualified)), Standing::Grade(Grade::Unqualified));
        assert_eq!(standing(MemberStatus::Probationary, Some(Grade::Excellent)), Standing::NotFull);
    }

    #[test]
    fn points_rank_first_and_the_rest_break_ties() {
        let a = Record { points: 90, resolved: 1, ..Default::default() };
        let b = Record { points: 80, resolved: 9, present: 10, ..Default::default() };
        assert_eq!(order(&a, &b), Ordering::Less, "more points ranks higher");
        let c = Record { points: 90, resolved: 2, ..Default::default() };
        assert_eq!(order(&c, &a), Ordering::Less, "then more needs resolved");
        let d = Record { points: 90, resolved: 2, present: 3, absent: 1, ..Default::default() };
        let e = Record { points: 90, resolved: 2, present: 1, absent: 1, ..Default::default() };
        assert_eq!(order(&d, &e), Ordering::Less, "then better attendance");
        assert_eq!(d.attendance(), Some(750));
        assert_eq!(Record::default().attendance(), None);
        let f = Record { study_tenths: 320, ..d };
        assert_eq!(order(&f, &d), Ordering::Less, "then more study");
        let g = Record { care: 5, ..f };
        assert_eq!(order(&g, &f), Ordering::Less, "then more care");
        assert_eq!(order(&g, &g), Ordering::Equal);
    }
}
