//! The rules of elections (RULES.md §2) and of the village meetings that resolve a matter under
//! 四议两公开 (RULES.md §4), answered by the functions of [`crate::elections`].

use super::{Explained, Given, Input, InputKind, Problem, Reason, Rule, Value, count, refused};
use crate::elections::{self, Ballot, BallotFault, RoundInput, RoundResult};

/// A name list as a reason's words.
fn names(list: &[String]) -> String {
    list.join("、")
}

/// Candidates' votes as `{"甲": 30, "乙": 25}` or `甲:30, 乙:25` (the order kept in the second).
pub(super) fn votes(raw: &str) -> Option<Vec<(String, u64)>> {
    let raw = raw.trim();
    if raw.starts_with('{') {
        let m: serde_json::Map<String, serde_json::Value> = serde_json::from_str(raw).ok()?;
        return m.into_iter().map(|(k, v)| named(&k, v.as_u64())).collect();
    }
    raw.split([',', '，', ';', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (name, n) = pair.rsplit_once([':', '：', '='])?;
            named(name.trim_matches([' ', '"']), n.trim().parse().ok())
        })
        .collect()
}

/// A candidate's name with their votes; nothing when either is missing.
fn named(name: &str, votes: Option<u64>) -> Option<(String, u64)> {
    let name = name.trim();
    (!name.is_empty()).then_some(())?;
    Some((name.to_owned(), votes?))
}

/// A ballot as `{"approve": [...], "disapprove": [...], "abstain": [...], "write_in": [...]}` or
/// `approve: 甲,乙; disapprove: 丙; write_in: 戊`.
pub(super) fn ballot(raw: &str) -> Option<Ballot> {
    let raw = raw.trim();
    if raw.starts_with('{') {
        return serde_json::from_str(raw).ok();
    }
    let mut b = Ballot::default();
    for part in raw.split([';', '；', '\n']).map(str::trim).filter(|s| !s.is_empty()) {
        let (mark, list) = part.split_once([':', '：'])?;
        let list: Vec<String> = list.split([',', '，', '、']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
        match mark.trim() {
            "approve" => b.approve = list,
            "disapprove" => b.disapprove = list,
            "abstain" => b.abstain = list,
            "write_in" => b.write_in = list,
            _ => return None,
        }
    }
    Some(b)
}

const ELECTIONS_SOURCE: &str = "《中国共产党基层组织选举工作条例》（2020）";

pub(super) const QUORUM: Rule = Rule {
    name: "election-quorum",
    capability: "elections",
    source: "《中国共产党基层组织选举工作条例》：有选举权的到会人数超过应到会人数的五分之四，会议有效（中组部答复：恰为五分之四亦可）",
    confidence: super::Confidence::High,
    inputs: &[count("expected"), count("present")],
    outputs: &["valid", "need_present"],
    evaluate: |g| {
        let q = elections::election_quorum(g.count("expected"), g.count("present")).map_err(refused)?;
        Ok(Explained {
            verdict: vec![("valid", Value::Bool(q.valid)), ("need_present", Value::Count(q.need_present))],
            reasons: vec![quorum_reason(&q)],
        })
    },
};

/// Why an election meeting may or may not proceed.
pub fn quorum_reason(q: &elections::Quorum) -> Reason {
    Reason::new("reason-election-quorum")
        .count("present", q.present)
        .count("expected", q.expected)
        .count("need", q.need_present)
        .met(q.valid)
}

pub(super) const MARGIN: Rule = Rule {
    name: "competitive-margin",
    capability: "elections",
    source: "《中国共产党基层组织选举工作条例》第十三条：委员候选人的差额不少于应选人数的20%（向上取整为推断）",
    confidence: super::Confidence::High,
    inputs: &[count("seats"), count("candidates")],
    outputs: &["allowed", "minimum_candidates"],
    evaluate: |g| {
        let m = elections::competitive_margin(g.count("seats"), g.count("candidates")).map_err(refused)?;
        Ok(Explained {
            verdict: vec![("allowed", Value::Bool(m.allowed)), ("minimum_candidates", Value::Count(m.minimum_candidates))],
            reasons: vec![margin_reason(&m)],
        })
    },
};

/// Why a candidate list meets the competitive margin or falls short of it.
pub fn margin_reason(m: &elections::Margin) -> Reason {
    Reason::new("reason-competitive-margin")
        .count("seats", m.seats)
        .count("candidates", m.candidates)
        .count("minimum", m.minimum_candidates)
        .met(m.allowed)
}

pub(super) const BALLOT: Rule = Rule {
    name: "ballot",
    capability: "elections",
    source: "《中国共产党党员权利保障条例》第二十一条（另选他人只能替代不赞成票）；选举条例：所选人数多于应选人数的为无效票",
    confidence: super::Confidence::High,
    inputs: &[count("seats"), Input { name: "ballot", kind: InputKind::Ballot, required: true }],
    outputs: &["valid", "chosen"],
    evaluate: |g| {
        let b = ballot(g.text("ballot")).ok_or(vec![Problem { field: "ballot", key: "rule-problem-ballot", limit: None }])?;
        let v = elections::ballot(g.count("seats"), &b).map_err(refused)?;
        Ok(Explained {
            verdict: vec![("valid", Value::Bool(v.valid)), ("chosen", Value::Count(v.chosen))],
            reasons: ballot_reasons(&b, &v),
        })
    },
};

/// Why a ballot counts or is void.
pub fn ballot_reasons(b: &Ballot, v: &elections::BallotVerdict) -> Vec<Reason> {
    let mut r = vec![
        Reason::new("reason-ballot-chosen")
            .count("chosen", v.chosen)
            .count("seats", v.seats)
            .met(!v.faults.contains(&BallotFault::OverSeats)),
    ];
    if !b.write_in.is_empty() {
        r.push(
            Reason::new("reason-ballot-write-in")
                .count("write_in", b.write_in.len() as u64)
                .count("no", b.disapprove.len() as u64)
                .met(!v.faults.contains(&BallotFault::WriteInWithoutNo)),
        );
    }
    if v.faults.contains(&BallotFault::MarkedTwice) {
        r.push(Reason::new("reason-ballot-twice").met(false));
    }
    r
}

pub(super) const ROUND: Rule = Rule {
    name: "election-round",
    capability: "elections",
    source: ELECTIONS_SOURCE,
    confidence: super::Confidence::Medium,
    inputs: &[
        count("seats"),
        count("present"),
        count("issued"),
        count("returned"),
        Input { name: "yes", kind: InputKind::Votes, required: true },
    ],
    outputs: &["result", "elected", "shortfall", "revote_among", "revote_seats"],
    evaluate: |g: &Given<'_>| {
        let yes = votes(g.text("yes")).ok_or(vec![Problem { field: "yes", key: "rule-problem-votes", limit: None }])?;
        let input = RoundInput {
            seats: g.count("seats"),
            present: g.count("present"),
            issued: g.count("issued"),
            returned: g.count("returned"),
            yes,
        };
        let r = elections::election_round(&input).map_err(refused)?;
        Ok(Explained {
            verdict: vec![
                ("result", Value::Text(r.result.word())),
                ("elected", Value::List(r.elected.clone())),
                ("shortfall", Value::Count(r.shortfall)),
                ("revote_among", Value::List(r.revote_among.clone())),
                ("revote_seats", Value::Count(r.revote_seats)),
            ],
            reasons: round_reasons(&input, &r),
        })
    },
};

/// Why a round came out as it did: void, or who passed the threshold, a tie at the cut-off, the
/// seats still empty.
pub fn round_reasons(input: &RoundInput, r: &elections::Round) -> Vec<Reason> {
    if r.result == RoundResult::Void {
        return vec![Reason::new("reason-round-void").count("returned", input.returned).count("issued", input.issued).met(false)];
    }
    let mut out = vec![Reason::new("reason-round-need").count("present", r.present).count("need", r.need_yes)];
    out.push(
        Reason::new("reason-round-elected")
            .count("count", r.elected.len() as u64)
            .count("seats", r.seats)
            .text("names", &names(&r.elected)),
    );
    if !r.revote_among.is_empty() {
        out.push(Reason::new("reason-round-revote").text("names", &names(&r.revote_among)).count("seats", r.revote_seats));
    }
    if r.shortfall > 0 {
        out.push(Reason::new("reason-round-shortfall").count("count", r.shortfall));
    }
    out
}

pub(super) const OFFICERS: Rule = Rule {
    name: "officer-vote",
    capability: "elections",
    source: "《中国共产党基层组织选举工作条例》：书记、副书记由委员会选举产生，报上级党组织批准（到会和当选均须超过全体委员半数，是按委员会议事规则的推断）",
    confidence: super::Confidence::Medium,
    inputs: &[count("members"), count("present"), count("yes")],
    outputs: &["quorum", "elected"],
    evaluate: |g| {
        let v = elections::stages::officer_vote(g.count("members"), g.count("present"), g.count("yes")).map_err(refused)?;
        Ok(Explained {
            verdict: vec![("quorum", Value::Bool(v.valid)), ("elected", Value::Bool(v.elected))],
            reasons: vec![officer_reason(&v)],
        })
    },
};

pub(super) const SCORE: Rule = Rule {
    name: "recommendation-score",
    capability: "elections",
    source: "公推直选的地方方案（任中平等）：党员推荐、群众推荐分别计票，按本地权重计算综合得分",
    confidence: super::Confidence::Low,
    inputs: &[count("member_votes"), count("member_ballots"), count("villager_votes"), count("villager_ballots")],
    outputs: &["score"],
    evaluate: |g| {
        let s = elections::stages::recommendation_score(
            (g.count("member_votes"), g.count("member_ballots")),
            (g.count("villager_votes"), g.count("villager_ballots")),
            g.settings.recommendation_weights,
        )
        .map_err(refused)?;
        Ok(Explained { verdict: vec![("score", Value::Score(s.score))], reasons: vec![score_reason(&s)] })
    },
};

/// How a recommendation's score is made up.
pub fn score_reason(s: &elections::stages::Score) -> Reason {
    Reason::new("reason-recommendation-score")
        .count("member_votes", s.member_votes)
        .count("member_ballots", s.member_ballots)
        .count("member_weight", s.member_weight)
        .count("villager_votes", s.villager_votes)
        .count("villager_ballots", s.villager_ballots)
        .count("villager_weight", s.villager_weight)
}

/// Why the new committee's vote for its secretary or deputy stands or falls.
pub fn officer_reason(v: &elections::stages::OfficerVote) -> Reason {
    Reason::new("reason-officer-vote")
        .count("yes", v.yes)
        .count("present", v.present)
        .count("members", v.members)
        .count("need", v.need_yes)
        .met(v.elected)
}

/// Every figure two tellers counted differently, each a reason.
pub fn tellers_reasons(diff: &[elections::stages::Difference]) -> Vec<Reason> {
    diff.iter()
        .map(|d| {
            let key = match d.what.as_str() {
                "issued" => "reason-tellers-differ-issued",
                "returned" => "reason-tellers-differ-returned",
                "void" => "reason-tellers-differ-void",
                _ => "reason-tellers-differ",
            };
            Reason::new(key).text("what", &d.what).count("first", d.first).count("second", d.second).met(false)
        })
        .collect()
}

/// How many seats are filled: a result goes to the level above only with all of them.
pub fn seats_filled_reason(elected: u64, seats: u64) -> Reason {
    Reason::new("reason-election-seats-filled")
        .count("elected", elected)
        .count("seats", seats)
        .count("left", seats.saturating_sub(elected))
        .met(elected >= seats)
}

/// Those elected who are not one member of the organization by that name.
pub fn not_members_reason(names: &[String]) -> Reason {
    Reason::new("reason-election-not-a-member").text("names", &names.join("、")).met(false)
}

const VILLAGERS_SOURCE: &str = "《中华人民共和国村民委员会组织法》第二十二条";

pub(super) const VILLAGERS: Rule = Rule {
    name: "villagers-meeting",
    capability: "decisions",
    source: VILLAGERS_SOURCE,
    confidence: super::Confidence::High,
    inputs: &[
        count("adults"),
        count("adults_present"),
        count("households"),
        count("household_reps_present"),
        Input { name: "yes", kind: InputKind::Count, required: false },
    ],
    outputs: &["quorum", "passes"],
    evaluate: |g| {
        let yes = g.values.get("yes").and_then(|v| v.trim().parse().ok());
        let v = elections::villagers_meeting(
            g.count("adults"),
            g.count("adults_present"),
            g.count("households"),
            g.count("household_reps_present"),
            yes,
        )
        .map_err(refused)?;
        Ok(Explained {
            verdict: vec![("quorum", Value::Bool(v.quorum)), ("passes", v.passes.map_or(Value::Null, Value::Bool))],
            reasons: villagers_reasons(&v, yes),
        })
    },
};

/// Why a villagers' meeting could resolve, and whether its resolution passed.
pub fn villagers_reasons(v: &elections::VillagersMeeting, yes: Option<u64>) -> Vec<Reason> {
    let mut r = vec![
        Reason::new("reason-villagers-adults")
            .count("present", v.adults_present)
            .count("adults", v.adults)
            .count("need", v.need_adults)
            .met(v.by_adults),
        Reason::new("reason-villagers-households")
            .count("present", v.household_reps_present)
            .count("households", v.households)
            .count("need", v.need_households)
            .met(v.by_households),
    ];
    match (yes, v.quorum) {
        (Some(_), false) => r.push(Reason::new("reason-no-quorum-no-vote")),
        (Some(y), true) => r.push(pass_reason(y, v.present, v.need_yes, v.passes == Some(true))),
        (None, _) => {}
    }
    r
}

fn pass_reason(yes: u64, present: u64, need: u64, passes: bool) -> Reason {
    Reason::new("reason-village-vote-passes").count("yes", yes).count("present", present).count("need", need).met(passes)
}

pub(super) const REPRESENTATIVES: Rule = Rule {
    name: "representatives-meeting",
    capability: "decisions",
    source: "《中华人民共和国村民委员会组织法》第二十六条",
    confidence: super::Confidence::High,
    inputs: &[count("members"), count("present"), count("yes")],
    outputs: &["quorum", "passes"],
    evaluate: |g| {
        let v = elections::representatives_meeting(g.count("members"), g.count("present"), g.count("yes")).map_err(refused)?;
        Ok(Explained {
            verdict: vec![("quorum", Value::Bool(v.quorum)), ("passes", Value::Bool(v.passes))],
            reasons: representatives_reasons(&v),
        })
    },
};

/// Why a representatives' meeting could resolve, and whether its resolution passed.
pub fn representatives_reasons(v: &elections::RepresentativesMeeting) -> Vec<Reason> {
    let quorum = Reason::new("reason-representatives-quorum")
        .count("present", v.present)
        .count("members", v.members)
        .count("need", v.need_present)
        .met(v.quorum);
    let vote = if v.quorum { pass_reason(v.yes, v.present, v.need_yes, v.passes) } else { Reason::new("reason-no-quorum-no-vote") };
    vec![quorum, vote]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_and_ballots_are_read_from_json_or_words() {
        assert_eq!(votes("甲:30, 乙：25"), Some(vec![("甲".into(), 30), ("乙".into(), 25)]));
        assert_eq!(votes(r#"{"甲": 30}"#), Some(vec![("甲".into(), 30)]));
        assert_eq!(votes("甲:x"), None);
        assert_eq!(votes(r#"{"甲": -1}"#), None);
        assert_eq!(votes("30"), None);
        let b = ballot("approve: 甲,乙; disapprove: 丙; write_in: 戊").unwrap();
        assert_eq!((b.approve.len(), b.disapprove, b.write_in), (2, vec!["丙".to_owned()], vec!["戊".to_owned()]));
        assert_eq!(ballot(r#"{"approve": ["甲"], "abstain": ["乙"]}"#).unwrap().abstain, vec!["乙".to_owned()]);
        assert!(ballot(r#"{"yes": ["甲"]}"#).is_none() && ballot("maybe: 甲").is_none());
    }
}
