//! The counts a meeting must meet (RULES.md §1): the assembly's quorum and majority, the
//! committee's quorum and the cap on "excellent" grades in a democratic appraisal. Each returns
//! the numbers it decided from, so a page and the API can say why.

use serde::Serialize;

/// A count that cannot be: more present than may attend, more votes than present, none eligible.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountError {
    /// `field` is larger than `limit` allows.
    Exceeds { field: &'static str, limit: &'static str },
    /// `field` must be at least one.
    Zero { field: &'static str },
}

impl CountError {
    pub fn field(self) -> &'static str {
        match self {
            CountError::Exceeds { field, .. } | CountError::Zero { field } => field,
        }
    }
}

/// The verdict on a vote or a quorum, with the thresholds it used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct VoteVerdict {
    /// Enough present for the meeting to decide.
    pub quorum: bool,
    /// The fewest present that make a quorum.
    pub need_present: u64,
    /// The motion passes (`None` where nothing was voted, as for a committee's quorum alone).
    pub passes: Option<bool>,
    /// The fewest "yes" votes that pass it.
    pub need_yes: Option<u64>,
    pub base: u64,
    pub present: u64,
    pub yes: Option<u64>,
}

fn check(eligible: u64, eligible_field: &'static str, present: u64) -> Result<(), CountError> {
    if eligible == 0 {
        return Err(CountError::Zero { field: eligible_field });
    }
    if present > eligible {
        return Err(CountError::Exceeds { field: "present", limit: eligible_field });
    }
    Ok(())
}

/// 支部条例 第十一条: "表决必须有半数以上有表决权的党员到会方可进行，赞成人数超过应到会有表决权
/// 的党员的半数为通过". "半数以上" includes half (`2*present ≥ eligible`); "超过半数" is strictly
/// more, and its base is the members who should attend, not those present (`2*yes > eligible`).
pub fn assembly_vote(eligible: u64, present: u64, yes: u64) -> Result<VoteVerdict, CountError> {
    check(eligible, "eligible", present)?;
    if yes > present {
        return Err(CountError::Exceeds { field: "yes", limit: "present" });
    }
    let quorum = 2 * present >= eligible;
    Ok(VoteVerdict {
        quorum,
        need_present: eligible.div_ceil(2),
        passes: Some(quorum && 2 * yes > eligible),
        need_yes: Some(eligible / 2 + 1),
        base: eligible,
        present,
        yes: Some(yes),
    })
}

/// 支部条例 第十二条: a committee meeting "须有半数以上委员到会" (`2*present ≥ members`).
pub fn committee_quorum(members: u64, present: u64) -> Result<VoteVerdict, CountError> {
    check(members, "members", present)?;
    Ok(VoteVerdict {
        quorum: 2 * present >= members,
        need_present: members.div_ceil(2),
        passes: None,
        need_yes: None,
        base: members,
        present,
        yes: None,
    })
}

/// A committee's vote: the quorum of 第十二条, passing with more than half of the members who
/// should attend (the same base as the assembly's; RULES.md §1).
pub fn committee_vote(members: u64, present: u64, yes: u64) -> Result<VoteVerdict, CountError> {
    let mut v = committee_quorum(members, present)?;
    if yes > present {
        return Err(CountError::Exceeds { field: "yes", limit: "present" });
    }
    v.passes = Some(v.quorum && 2 * yes > members);
    v.need_yes = Some(members / 2 + 1);
    v.yes = Some(yes);
    Ok(v)
}

/// The cap on excellent grades in one appraisal (RULES.md §1 第十八条, 12371 guidance).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct AppraisalCap {
    pub allowed: bool,
    pub max_excellent: u64,
    pub full_members: u64,
    pub excellent: u64,
}

/// `count(优秀) ≤ floor(full_members / 3)`: at most a third of the full members; probationary
/// members take part but are not graded, so they are not in the base.
pub fn appraisal_cap(full_members: u64, excellent: u64) -> Result<AppraisalCap, CountError> {
    if excellent > full_members {
        return Err(CountError::Exceeds { field: "excellent", limit: "full_members" });
    }
    let max_excellent = full_members / 3;
    Ok(AppraisalCap { allowed: excellent <= max_excellent, max_excellent, full_members, excellent })
}
