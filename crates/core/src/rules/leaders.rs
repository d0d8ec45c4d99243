//! The leaders' rule: whether a member may be in the candidate pool for secretary and committee
//! posts.

use super::{Explained, Input, InputKind, Reason, Rule, Value};
use crate::{
    leaders::{self, Standing},
    meetings::Grade,
    people::MemberStatus,
};

const STATUSES: &[&str] = &["full", "probationary"];
const GRADES: &[&str] = &["excellent", "qualified", "basically_qualified", "unqualified"];

pub(super) const CANDIDATE: Rule = Rule {
    name: "leader-candidate",
    capability: "leaders",
    source: "《中国共产党基层组织选举工作条例》第五条（正式党员有选举权和被选举权）；村党组织书记人选“基本合格、不合格党员不作为人选”的地方做法",
    confidence: super::Confidence::Medium,
    inputs: &[
        Input { name: "status", kind: InputKind::Choice(STATUSES), required: true },
        Input { name: "grade", kind: InputKind::Choice(GRADES), required: false },
    ],
    outputs: &["eligible"],
    evaluate: |g| {
        let status = MemberStatus::parse(g.text("status")).unwrap_or(MemberStatus::Probationary);
        let s = leaders::standing(status, Grade::parse(g.text("grade")));
        Ok(Explained { verdict: vec![("eligible", Value::Bool(s.eligible()))], reasons: vec![standing_reason(s)] })
    },
};

/// Why a member is or is not in the pool.
pub fn standing_reason(s: Standing) -> Reason {
    match s {
        Standing::Eligible => Reason::new("reason-leader-eligible").met(true),
        Standing::NotFull => Reason::new("reason-leader-not-full").met(false),
        Standing::Grade(g) => Reason::new("reason-leader-grade").text("grade", g.as_str()).met(false),
    }
}
