//! The rules around the vote: the public recommendation's weighted score (RULES.md §3), the two
//! tellers' counts of a paper round, the round that follows a count (a re-vote among the tied,
//! a further round for the seats left), and the secretary and deputy chosen by the new committee.

use serde::{Deserialize, Serialize};

use super::{Round, RoundResult};
use crate::meetings::CountError;

/// The weights of the members' and the villagers' recommendation when the county sets none
/// (percent): members weigh more, as in most local plans.
pub const DEFAULT_WEIGHTS: (u64, u64) = (60, 40);

/// A recommendation's weighted score (RULES.md §3 step 4: Σ weight × share of the votes). The
/// weights are local settings in percent; each share is the votes over the ballots returned.
/// The score is in hundredths of a point out of 100, so it orders and prints without floats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Score {
    pub member_votes: u64,
    pub member_ballots: u64,
    pub villager_votes: u64,
    pub villager_ballots: u64,
    pub member_weight: u64,
    pub villager_weight: u64,
    /// 0..=10 000 when the weights add up to 100.
    pub score: u64,
}

pub fn recommendation_score(
    (member_votes, member_ballots): (u64, u64),
    (villager_votes, villager_ballots): (u64, u64),
    (member_weight, villager_weight): (u64, u64),
) -> Result<Score, CountError> {
    if member_votes > member_ballots {
        return Err(CountError::Exceeds { field: "member_votes", limit: "member_ballots" });
    }
    if villager_votes > villager_ballots {
        return Err(CountError::Exceeds { field: "villager_votes", limit: "villager_ballots" });
    }
    let share = |votes: u64, ballots: u64, weight: u64| (votes * weight * 100).checked_div(ballots).unwrap_or(0);
    Ok(Score {
        member_votes,
        member_ballots,
        villager_votes,
        villager_ballots,
        member_weight,
        villager_weight,
        score: share(member_votes, member_ballots, member_weight) + share(villager_votes, villager_ballots, villager_weight),
    })
}

/// A paper round as one teller counted it: ballots issued and returned, the void ones among
/// those returned, and each name's "yes" votes (candidates and names written in).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperCount {
    pub issued: u64,
    pub returned: u64,
    pub void: u64,
    pub yes: Vec<(String, u64)>,
}

/// Where two tellers' counts differ: the figure, what each entered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// `issued`, `returned`, `void`, or the name whose votes differ.
    pub what: String,
    pub first: u64,
    pub second: u64,
}

/// The two counts must agree figure by figure before either is accepted; nothing is averaged.
/// A name one teller left out counts as 0 for them.
pub fn compare_counts(a: &PaperCount, b: &PaperCount) -> Vec<Difference> {
    let mut out = Vec::new();
    for (what, x, y) in [("issued", a.issued, b.issued), ("returned", a.returned, b.returned), ("void", a.void, b.void)] {
        if x != y {
            out.push(Difference { what: what.into(), first: x, second: y });
        }
    }
    let votes = |c: &PaperCount, n: &str| c.yes.iter().filter(|(m, _)| m == n).map(|(_, v)| *v).sum::<u64>();
    let mut names: Vec<&str> = a.yes.iter().chain(&b.yes).map(|(n, _)| n.as_str()).collect();
    names.dedup();
    let mut seen = Vec::new();
    for n in names {
        if seen.contains(&n) {
            continue;
        }
        seen.push(n);
        let (x, y) = (votes(a, n), votes(b, n));
        if x != y {
            out.push(Difference { what: n.to_owned(), first: x, second: y });
        }
    }
    out
}

/// Why a teller's count cannot be: more returned than issued is left to the round's rule (it
/// voids the round); these are counts that cannot add up.
pub fn count_problems(c: &PaperCount) -> Option<CountError> {
    if c.void > c.returned {
        return Some(CountError::Exceeds { field: "void", limit: "returned" });
    }
    c.yes.iter().any(|(_, v)| *v > c.returned - c.void).then_some(CountError::Exceeds { field: "yes", limit: "valid" })
}

/// The round a count leaves to hold next: a re-vote among the tied for their seats, else a
/// further round for the shortfall among the candidates not elected so far; `None` when every
/// seat is filled (or a void round, which is held again as it was: `Some` of the same).
pub fn next_round(
    last: &Round,
    last_candidates: &[String],
    all_candidates: &[String],
    elected_so_far: &[String],
) -> Option<(Vec<String>, u64)> {
    if last.result == RoundResult::Void {
        return Some((last_candidates.to_vec(), last.seats));
    }
    if last.revote_seats > 0 {
        return Some((last.revote_among.clone(), last.revote_seats));
    }
    if last.shortfall > 0 {
        let left: Vec<String> = all_candidates.iter().filter(|c| !elected_so_far.contains(c)).cloned().collect();
        return (!left.is_empty()).then_some((left, last.shortfall));
    }
    None
}

/// The new committee's vote for its secretary or deputy: held with more than half of the
/// committee present, elected with the votes of more than half of the whole committee
/// (选举条例: elected by the committee; the thresholds are the committee's usual ones, an
/// inference, RULES.md §2 "Secretary / deputy", M).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct OfficerVote {
    pub members: u64,
    pub present: u64,
    pub yes: u64,
    pub valid: bool,
    pub elected: bool,
    pub need_present: u64,
    pub need_yes: u64,
}

pub fn officer_vote(members: u64, present: u64, yes: u64) -> Result<OfficerVote, CountError> {
    if members == 0 {
        return Err(CountError::Zero { field: "members" });
    }
    if present > members {
        return Err(CountError::Exceeds { field: "present", limit: "members" });
    }
    if yes > present {
        return Err(CountError::Exceeds { field: "yes", limit: "present" });
    }
    let valid = 2 * present > members;
    Ok(OfficerVote {
        members,
        present,
        yes,
        valid,
        elected: valid && 2 * yes > members,
        need_present: members / 2 + 1,
        need_yes: members / 2 + 1,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::elections::{RoundInput, election_round};

    fn pc(issued: u64, returned: u64, void: u64, yes: &[(&str, u64)]) -> PaperCount {
        PaperCount { issued, returned, void, yes: yes.iter().map(|(n, v)| ((*n).to_owned(), *v)).collect() }
    }

    #[test]
    fn the_score_weighs_each_share() {
        let s = recommendation_score((30, 40), (120, 200), (60, 40)).unwrap();
        // 60 × 30/40 = 45.00, 40 × 120/200 = 24.00.
        assert_eq!(s.score, 6900);
        assert_eq!(recommendation_score((0, 0), (10, 10), (60, 40)).unwrap().score, 4000, "no member ballots yet");
        assert!(recommendation_score((41, 40), (0, 0), (60, 40)).is_err());
    }

    #[test]
    fn tellers_agree_or_every_difference_is_shown() {
        let a = pc(40, 40, 1, &[("甲", 30), ("乙", 22)]);
        assert!(compare_counts(&a, &a.clone()).is_empty());
        let b = pc(40, 39, 1, &[("乙", 21), ("甲", 30)]);
        let d = compare_counts(&a, &b);
        assert_eq!(
            d,
            vec![Difference { what: "returned".into(), first: 40, second: 39 }, Difference { what: "乙".into(), first: 22, second: 21 }]
        );
        let c = pc(40, 40, 1, &[("甲", 30), ("乙", 22), ("戊", 1)]);
        assert_eq!(compare_counts(&a, &c), vec![Difference { what: "戊".into(), first: 0, second: 1 }], "a write-in one teller left out");
        assert!(count_problems(&pc(40, 40, 41, &[])).is_some());
        assert!(count_problems(&pc(40, 40, 1, &[("甲", 40)])).is_some(), "more yes than valid ballots");
        assert!(count_problems(&a).is_none());
    }

    #[test]
    fn the_next_round_follows_the_count() {
        let all: Vec<String> = ["甲", "乙", "丙", "丁", "戊"].map(String::from).into();
        let r = |yes: &[(&str, u64)]| {
            let yes = yes.iter().map(|(n, v)| ((*n).to_owned(), *v)).collect();
            election_round(&RoundInput { seats: 3, present: 40, issued: 40, returned: 40, yes }).unwrap()
        };
        let tie = r(&[("甲", 35), ("乙", 30), ("丙", 30), ("丁", 30), ("戊", 10)]);
        assert_eq!(next_round(&tie, &all, &all, &tie.elected), Some((vec!["乙".into(), "丙".into(), "丁".into()], 2)));
        let short = r(&[("甲", 35), ("乙", 30), ("丙", 10), ("丁", 12), ("戊", 10)]);
        assert_eq!(next_round(&short, &all, &all, &short.elected), Some((vec!["丙".into(), "丁".into(), "戊".into()], 1)));
        let full = r(&[("甲", 35), ("乙", 30), ("丙", 25)]);
        assert_eq!(next_round(&full, &all, &all, &full.elected), None);
    }

    #[test]
    fn officers_need_more_than_half_of_the_committee() {
        let v = officer_vote(5, 5, 3).unwrap();
        assert!(v.valid && v.elected);
        assert!(!officer_vote(5, 4, 2).unwrap().elected, "2 of 5 is not more than half of the committee");
        assert!(!officer_vote(5, 2, 2).unwrap().valid, "two of five cannot hold the vote");
        assert!(officer_vote(5, 6, 1).is_err() && officer_vote(5, 3, 4).is_err());
    }

    proptest! {
        #[test]
        fn never_elected_with_half_of_the_committee_or_less(members in 1u64..12, present in 0u64..12, yes in 0u64..12) {
            prop_assume!(present <= members && yes <= present);
            let v = officer_vote(members, present, yes).unwrap();
            prop_assert_eq!(v.elected, 2 * present > members && 2 * yes > members);
        }
    }
}
