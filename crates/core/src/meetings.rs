//! Organizational life (RULES.md §1): the kinds of meeting a branch holds, how often each is
//! required, whether a period's meeting was held on time, late or not at all, and the counts a
//! vote or an appraisal must meet. Pure functions; the use cases in `app::meetings` enforce them
//! and `/rules` explains them with the same functions.

mod cadence;
mod votes;

#[cfg(test)]
mod tests;

pub use cadence::{
    Cadence, CadenceSettings, Check, Held, Period, PeriodState, Requirement, Tally, check_period, local_date, periods_between, requirements,
};
pub use votes::{AppraisalCap, CountError, VoteVerdict, appraisal_cap, assembly_vote, committee_quorum, committee_vote};

use crate::text::text_enum;

text_enum! {
    /// A kind of meeting (RULES.md §1): 支部党员大会 (branch members' assembly), 支委会 (branch
    /// committee meeting), 党小组会 (party-group meeting), 党课 (party lecture), 主题党日 (theme
    /// party day), 组织生活会 (organizational life meeting), 民主生活会 (democratic life meeting of
    /// a leading group), 民主评议党员 (democratic appraisal of members), 谈心谈话 (heart-to-heart
    /// talk), 村"两委"联席会议 (joint meeting of the two village committees).
    MeetingKind {
        Assembly = "assembly",
        Committee = "committee",
        GroupMeeting = "group_meeting",
        Lecture = "lecture",
        ThemeDay = "theme_day",
        LifeMeeting = "life_meeting",
        DemocraticLife = "democratic_life",
        Appraisal = "appraisal",
        Talk = "talk",
        JointCommittees = "joint_committees",
    }
}

text_enum! {
    /// Who is invited: every party member of the organization, its committee (the secretary,
    /// deputy and committee members), or the posts of both village bodies (joint meetings). A
    /// party group's meeting invites the group's members, which is `Members` of the group.
    Invitees {
        Members = "members",
        Committee = "committee",
        BothBodies = "both_bodies",
        Pair = "pair",
    }
}

impl MeetingKind {
    /// Who a meeting of this kind invites.
    pub fn invitees(self) -> Invitees {
        match self {
            MeetingKind::Committee | MeetingKind::DemocraticLife => Invitees::Committee,
            MeetingKind::JointCommittees => Invitees::BothBodies,
            MeetingKind::Talk => Invitees::Pair,
            _ => Invitees::Members,
        }
    }

    /// How often the rules require it (RULES.md §1); `None` for the joint meeting of the two
    /// village committees, which is held when needed. The lecture's quarter is a local rule, which
    /// [`requirements`] applies from the settings.
    pub fn cadence(self) -> Option<Cadence> {
        let yearly = Cadence::Yearly { due_from_quarter: Some(4) };
        match self {
            MeetingKind::Assembly | MeetingKind::Lecture => Some(Cadence::Quarterly),
            MeetingKind::Committee | MeetingKind::GroupMeeting | MeetingKind::ThemeDay => Some(Cadence::Monthly),
            MeetingKind::LifeMeeting | MeetingKind::Appraisal | MeetingKind::Talk | MeetingKind::DemocraticLife => Some(yearly),
            MeetingKind::JointCommittees => None,
        }
    }

    /// The period a meeting of this kind held on `day` counts for (a month for kinds without a
    /// cadence).
    pub fn period_containing(self, day: chrono::NaiveDate) -> Period {
        Period::containing(self.cadence().unwrap_or(Cadence::Monthly), day)
    }

    /// Whether a meeting of this kind can take votes (resolutions of the assembly and of the
    /// committee, RULES.md §1 第十一条, 第十二条; the joint meeting of the two committees
    /// deliberating a village matter, RULES.md §4, counted as a committee's vote).
    pub fn votes(self) -> bool {
        matches!(self, MeetingKind::Assembly | MeetingKind::Committee | MeetingKind::JointCommittees)
    }
}

text_enum! {
    /// Where a meeting stands: planned (notice sent), held (attendance and minutes recorded),
    /// cancelled.
    MeetingStatus {
        Planned = "planned",
        Held = "held",
        Cancelled = "cancelled",
    }
}

text_enum! {
    /// An invitee's attendance: present, on leave (with a reason), absent.
    Attendance {
        Present = "present",
        Leave = "leave",
        Absent = "absent",
    }
}

text_enum! {
    /// The three pair kinds of heart-to-heart talks (RULES.md §1 第十九条): committee member with
    /// committee member, committee member with member, member with member.
    TalkPair {
        CommitteeCommittee = "committee_committee",
        CommitteeMember = "committee_member",
        MemberMember = "member_member",
    }
}

text_enum! {
    /// A democratic appraisal grade (RULES.md §1 第十八条): 优秀 (excellent), 合格 (qualified),
    /// 基本合格 (basically qualified), 不合格 (unqualified).
    Grade {
        Excellent = "excellent",
        Qualified = "qualified",
        BasicallyQualified = "basically_qualified",
        Unqualified = "unqualified",
    }
}

text_enum! {
    /// Why a member cannot come to meetings, so the make-up study brought to them (送学上门) is
    /// what counts: frail or ill, living far away, a mobile member working elsewhere.
    Unable {
        Frail = "frail",
        Far = "far",
        Mobile = "mobile",
    }
}

/// A citation of the rule a check answers to, shown beside every verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    pub document: &'static str,
    pub article: &'static str,
}

impl Source {
    pub fn cite(self) -> String {
        format!("{}{}", self.document, self.article)
    }
}

pub const BRANCH_RULES: &str = "《中国共产党支部工作条例（试行）》";
pub const EDUCATION_RULES: &str = "《中国共产党党员教育管理工作条例》";

impl MeetingKind {
    /// The article a kind's cadence comes from.
    pub fn source(self) -> Source {
        let article = match self {
            MeetingKind::Assembly => "第十一条",
            MeetingKind::Committee => "第十二条",
            MeetingKind::GroupMeeting => "第十三条",
            MeetingKind::Lecture | MeetingKind::ThemeDay => "第十六条",
            MeetingKind::LifeMeeting => "第十七条",
            MeetingKind::Appraisal => "第十八条",
            MeetingKind::Talk => "第十九条",
            MeetingKind::DemocraticLife | MeetingKind::JointCommittees => "",
        };
        Source { document: BRANCH_RULES, article }
    }
}
