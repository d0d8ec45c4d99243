//! The counting rules of an election (RULES.md §2) and of the village meetings that resolve a
//! matter (RULES.md §4), as pure functions: each returns its verdict with the numbers it came
//! from, so the use cases enforce with it, the pages explain with it and `/rules` answers with it.

pub mod board;
pub mod stages;
pub mod strokes;

use std::collections::BTreeSet;

use serde::Serialize;

use crate::meetings::CountError;

/// Whether an election meeting may proceed: those with a vote present against those expected
/// (选举条例: "超过应到会人数的4/5，会议有效"; 中组部 accepts exactly 4/5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Quorum {
    pub expected: u64,
    pub present: u64,
    pub valid: bool,
    /// The fewest present for a valid meeting.
    pub need_present: u64,
}

pub fn election_quorum(expected: u64, present: u64) -> Result<Quorum, CountError> {
    if expected == 0 {
        return Err(CountError::Zero { field: "expected" });
    }
    if present > expected {
        return Err(CountError::Exceeds { field: "present", limit: "expected" });
    }
    Ok(Quorum { expected, present, valid: 5 * present >= 4 * expected, need_present: (4 * expected).div_ceil(5) })
}

/// The competitive margin (差额, 选举条例 第十三条): at least a fifth more candidates than seats,
/// the fifth rounded up (3 seats → 4 candidates, 5 → 6, 7 → 9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Margin {
    pub seats: u64,
    pub candidates: u64,
    pub allowed: bool,
    pub minimum_candidates: u64,
}

pub fn competitive_margin(seats: u64, candidates: u64) -> Result<Margin, CountError> {
    if seats == 0 {
        return Err(CountError::Zero { field: "seats" });
    }
    let minimum_candidates = seats + seats.div_ceil(5);
    Ok(Margin { seats, candidates, allowed: candidates >= minimum_candidates, minimum_candidates })
}

/// One ballot as marked: the candidates approved, disapproved and abstained on, and the names
/// written in (each in place of a "no").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Ballot {
    pub approve: Vec<String>,
    pub disapprove: Vec<String>,
    pub abstain: Vec<String>,
    pub write_in: Vec<String>,
}

/// Why a ballot is void.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum BallotFault {
    /// More chosen (approvals and write-ins) than seats: "多于应选人数的为无效票".
    OverSeats,
    /// More write-ins than "no" marks: a write-in only replaces a "no", never an abstention.
    WriteInWithoutNo,
    /// One name marked twice (approved and disapproved, or written in beside its own mark).
    MarkedTwice,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BallotVerdict {
    pub seats: u64,
    /// Approvals plus write-ins: the persons this ballot chooses.
    pub chosen: u64,
    pub valid: bool,
    pub faults: Vec<BallotFault>,
}

/// Whether a ballot counts (《党员权利保障条例》第二十一条 and the valid-ballot rule).
pub fn ballot(seats: u64, b: &Ballot) -> Result<BallotVerdict, CountError> {
    if seats == 0 {
        return Err(CountError::Zero { field: "seats" });
    }
    let chosen = (b.approve.len() + b.write_in.len()) as u64;
    let mut faults = Vec::new();
    if chosen > seats {
        faults.push(BallotFault::OverSeats);
    }
    if b.write_in.len() > b.disapprove.len() {
        faults.push(BallotFault::WriteInWithoutNo);
    }
    let mut seen = BTreeSet::new();
    let names = b.approve.iter().chain(&b.disapprove).chain(&b.abstain).chain(&b.write_in);
    if !names.map(|n| n.trim()).all(|n| seen.insert(n)) {
        faults.push(BallotFault::MarkedTwice);
    }
    Ok(BallotVerdict { seats, chosen, valid: faults.is_empty(), faults })
}

/// A round's count: the seats, those present with a vote, ballots issued and returned, and each
/// candidate's "yes" votes in the order of the ballot (stroke order of the surname).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundInput {
    pub seats: u64,
    pub present: u64,
    pub issued: u64,
    pub returned: u64,
    pub yes: Vec<(String, u64)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundResult {
    /// More ballots returned than issued: the whole round is void and held again.
    Void,
    Counted,
}

impl RoundResult {
    pub fn word(self) -> &'static str {
        match self {
            RoundResult::Void => "void",
            RoundResult::Counted => "counted",
        }
    }
}

/// A round's outcome. `elected` never holds more than the seats nor anyone with half of those
/// present or fewer; a tie at the cut-off leaves its seats to a re-vote among the tied only; seats
/// still empty after that are the shortfall, filled by a further round among those not elected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Round {
    pub result: RoundResult,
    pub seats: u64,
    pub present: u64,
    /// "Yes" votes a candidate needs: more than half of those present.
    pub need_yes: u64,
    pub elected: Vec<String>,
    pub revote_among: Vec<String>,
    pub revote_seats: u64,
    pub shortfall: u64,
}

pub fn election_round(input: &RoundInput) -> Result<Round, CountError> {
    count_round(input, true)
}

/// A re-vote among candidates tied at the cut-off (选举条例: "就票数相等的被选举人再次投票，得票多
/// 的当选"): they all passed the threshold already, so the most votes take the seats; a tie at
/// the cut-off again is re-voted again. Void as any round when more ballots come back than went
/// out.
pub fn revote_round(input: &RoundInput) -> Result<Round, CountError> {
    count_round(input, false)
}

fn count_round(input: &RoundInput, threshold: bool) -> Result<Round, CountError> {
    let RoundInput { seats, present, issued, returned, .. } = *input;
    if seats == 0 {
        return Err(CountError::Zero { field: "seats" });
    }
    if issued > present {
        return Err(CountError::Exceeds { field: "issued", limit: "present" });
    }
    let need_yes = present / 2 + 1;
    let mut round =
        Round { result: RoundResult::Void, seats, present, need_yes, elected: vec![], revote_among: vec![], revote_seats: 0, shortfall: 0 };
    if returned > issued {
        return Ok(round);
    }
    if input.yes.iter().any(|(_, n)| *n > returned) {
        return Err(CountError::Exceeds { field: "yes", limit: "returned" });
    }
    round.result = RoundResult::Counted;
    // Those past the threshold, most votes first; equal votes keep the ballot's order.
    let mut passed: Vec<&(String, u64)> = input.yes.iter().filter(|(_, n)| !threshold || 2 * n > present).collect();
    passed.sort_by_key(|c| std::cmp::Reverse(c.1));
    let seats_n = seats as usize;
    if passed.len() <= seats_n {
        round.elected = passed.iter().map(|(n, _)| n.clone()).collect();
    } else {
        // The votes at the cut-off: those with more are elected; if those with exactly as many
        // do not all fit, they are re-voted among themselves for the seats left.
        let cut = passed[seats_n - 1].1;
        let above: Vec<_> = passed.iter().filter(|(_, n)| *n > cut).map(|(n, _)| n.clone()).collect();
        let tied: Vec<_> = passed.iter().filter(|(_, n)| *n == cut).map(|(n, _)| n.clone()).collect();
        if above.len() + tied.len() <= seats_n {
            round.elected = above.into_iter().chain(tied).collect();
        } else {
            round.revote_seats = (seats_n - above.len()) as u64;
            round.elected = above;
            round.revote_among = tied;
        }
    }
    round.shortfall = seats - round.elected.len() as u64 - round.revote_seats;
    Ok(round)
}

/// A villagers' meeting (村民委员会组织法 第二十二条): more than half of the adults present, or the
/// representatives of at least two thirds of the households; a resolution passes with more than
/// half of those present.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct VillagersMeeting {
    pub adults: u64,
    pub adults_present: u64,
    pub households: u64,
    pub household_reps_present: u64,
    pub by_adults: bool,
    pub by_households: bool,
    pub quorum: bool,
    /// Those the resolution is counted against: the adults present when that quorum holds, else
    /// the household representatives present.
    pub present: u64,
    pub need_adults: u64,
    pub need_households: u64,
    /// `None` when no vote was given.
    pub passes: Option<bool>,
    pub need_yes: u64,
}

pub fn villagers_meeting(
    adults: u64,
    adults_present: u64,
    households: u64,
    household_reps_present: u64,
    yes: Option<u64>,
) -> Result<VillagersMeeting, CountError> {
    if adults == 0 {
        return Err(CountError::Zero { field: "adults" });
    }
    if households == 0 {
        return Err(CountError::Zero { field: "households" });
    }
    if adults_present > adults {
        return Err(CountError::Exceeds { field: "adults_present", limit: "adults" });
    }
    if household_reps_present > households {
        return Err(CountError::Exceeds { field: "household_reps_present", limit: "households" });
    }
    let by_adults = 2 * adults_present > adults;
    let by_households = 3 * household_reps_present >= 2 * households;
    let present = if by_adults || !by_households { adults_present } else { household_reps_present };
    if yes.is_some_and(|y| y > present) {
        return Err(CountError::Exceeds {
            field: "yes",
            limit: if present == adults_present { "adults_present" } else { "household_reps_present" },
        });
    }
    let quorum = by_adults || by_households;
    Ok(VillagersMeeting {
        adults,
        adults_present,
        households,
        household_reps_present,
        by_adults,
        by_households,
        quorum,
        present,
        need_adults: adults / 2 + 1,
        need_households: (2 * households).div_ceil(3),
        passes: yes.map(|y| quorum && 2 * y > present),
        need_yes: present / 2 + 1,
    })
}

/// A villagers' representatives' meeting (组织法 第二十六条): at least two thirds of its members
/// present; passes with more than half of those present.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RepresentativesMeeting {
    pub members: u64,
    pub present: u64,
    pub yes: u64,
    pub quorum: bool,
    pub passes: bool,
    pub need_present: u64,
    pub need_yes: u64,
}

pub fn representatives_meeting(members: u64, present: u64, yes: u64) -> Result<RepresentativesMeeting, CountError> {
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
    Ok(RepresentativesMeeting {
        members,
        present,
        yes,
        quorum,
        passes: quorum && 2 * yes > present,
        need_present: (2 * members).div_ceil(3),
        need_yes: present / 2 + 1,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn round(seats: u64, present: u64, yes: &[(&str, u64)]) -> Round {
        let yes = yes.iter().map(|(n, v)| ((*n).to_owned(), *v)).collect();
        election_round(&RoundInput { seats, present, issued: present, returned: present, yes }).unwrap()
    }

    #[test]
    fn quorum_at_exactly_four_fifths() {
        assert!(election_quorum(40, 32).unwrap().valid, "exactly 4/5 is accepted");
        assert!(!election_quorum(40, 31).unwrap().valid);
        assert_eq!(election_quorum(41, 33).unwrap().need_present, 33);
        assert!(!election_quorum(41, 32).unwrap().valid, "32 of 41 is under 4/5");
        assert!(election_quorum(0, 0).is_err() && election_quorum(5, 6).is_err());
    }

    #[test]
    fn margin_rounds_the_fifth_up() {
        for (seats, min) in [(1, 2), (3, 4), (5, 6), (7, 9), (10, 12)] {
            assert_eq!(competitive_margin(seats, min).unwrap(), Margin { seats, candidates: min, allowed: true, minimum_candidates: min });
            assert!(!competitive_margin(seats, min - 1).unwrap().allowed);
        }
    }

    #[test]
    fn ballots_over_the_seats_or_with_a_stray_write_in_are_void() {
        let b = |a: &[&str], d: &[&str], ab: &[&str], w: &[&str]| Ballot {
            approve: a.iter().map(|s| (*s).into()).collect(),
            disapprove: d.iter().map(|s| (*s).into()).collect(),
            abstain: ab.iter().map(|s| (*s).into()).collect(),
            write_in: w.iter().map(|s| (*s).into()).collect(),
        };
        assert!(ballot(3, &b(&["甲", "乙", "丙"], &[], &[], &[])).unwrap().valid, "as many as the seats");
        assert_eq!(ballot(3, &b(&["甲", "乙", "丙", "丁"], &[], &[], &[])).unwrap().faults, vec![BallotFault::OverSeats]);
        assert!(ballot(3, &b(&["甲", "乙"], &["丙"], &[], &["戊"])).unwrap().valid, "a write-in in place of a no");
        assert_eq!(
            ballot(3, &b(&["甲"], &[], &["丙"], &["戊"])).unwrap().faults,
            vec![BallotFault::WriteInWithoutNo],
            "not beside an abstain"
        );
        assert_eq!(
            ballot(3, &b(&["甲", "乙"], &["丙"], &[], &["戊", "己"])).unwrap().faults,
            vec![BallotFault::OverSeats, BallotFault::WriteInWithoutNo]
        );
        assert_eq!(ballot(3, &b(&["甲"], &["甲"], &[], &[])).unwrap().faults, vec![BallotFault::MarkedTwice]);
        assert!(ballot(3, &Ballot::default()).unwrap().valid, "a blank ballot counts, choosing no one");
    }

    #[test]
    fn more_than_half_of_those_present_ranked_by_votes() {
        let r = round(3, 40, &[("甲", 35), ("乙", 20), ("丙", 30), ("丁", 21), ("戊", 38)]);
        assert_eq!(r.elected, ["戊", "甲", "丙"], "most votes first");
        assert_eq!((r.shortfall, r.need_yes), (0, 21));
        let r = round(3, 40, &[("甲", 35), ("乙", 20), ("丙", 21)]);
        assert_eq!((r.elected.clone(), r.shortfall), (vec!["甲".to_owned(), "丙".to_owned()], 1), "20 of 40 is half, not more");
    }

    #[test]
    fn a_tie_at_the_cut_off_is_revoted_among_the_tied_only() {
        let r = round(3, 40, &[("甲", 35), ("乙", 30), ("丙", 30), ("丁", 30), ("戊", 25)]);
        assert_eq!(r.elected, ["甲"]);
        assert_eq!((r.revote_among.clone(), r.revote_seats, r.shortfall), (vec!["乙".into(), "丙".into(), "丁".into()], 2, 0));
        // A tie that fits the seats elects them all.
        let r = round(3, 40, &[("甲", 35), ("乙", 30), ("丙", 30), ("戊", 25)]);
        assert_eq!((r.elected.len(), r.revote_among.len()), (3, 0));
    }

    #[test]
    fn a_revote_is_decided_by_most_votes_among_the_tied() {
        let yes = vec![("乙".to_owned(), 12), ("丙".to_owned(), 19), ("丁".to_owned(), 9)];
        let r = revote_round(&RoundInput { seats: 2, present: 40, issued: 40, returned: 40, yes: yes.clone() }).unwrap();
        assert_eq!((r.elected.clone(), r.shortfall), (vec!["丙".to_owned(), "乙".to_owned()], 0), "no half needed: they passed it");
        let again = vec![("乙".to_owned(), 15), ("丙".to_owned(), 15), ("丁".to_owned(), 10)];
        let r = revote_round(&RoundInput { seats: 1, present: 40, issued: 40, returned: 40, yes: again }).unwrap();
        assert_eq!((r.revote_among.len(), r.revote_seats), (2, 1), "tied again: again among the tied");
        let void = revote_round(&RoundInput { seats: 2, present: 40, issued: 38, returned: 39, yes }).unwrap();
        assert_eq!(void.result, RoundResult::Void);
    }

    #[test]
    fn more_returned_than_issued_voids_the_round() {
        let input = RoundInput { seats: 3, present: 40, issued: 38, returned: 39, yes: vec![("甲".into(), 39)] };
        let r = election_round(&input).unwrap();
        assert_eq!((r.result, r.elected.len()), (RoundResult::Void, 0));
        let over = RoundInput { issued: 41, ..input.clone() };
        assert!(election_round(&over).is_err(), "more issued than present");
        let yes_over = RoundInput { returned: 30, issued: 38, yes: vec![("甲".into(), 31)], ..input };
        assert!(election_round(&yes_over).is_err(), "more yes than ballots returned");
    }

    #[test]
    fn villagers_and_representatives_meetings() {
        let v = villagers_meeting(600, 301, 200, 0, Some(151)).unwrap();
        assert!(v.quorum && v.by_adults && v.passes == Some(true) && v.present == 301);
        let v = villagers_meeting(600, 300, 200, 134, Some(68)).unwrap();
        assert!(v.quorum && !v.by_adults && v.by_households && v.present == 134 && v.passes == Some(true));
        let v = villagers_meeting(600, 300, 200, 133, None).unwrap();
        assert!(!v.quorum && v.passes.is_none() && v.need_households == 134 && v.need_adults == 301);
        assert!(villagers_meeting(600, 301, 200, 0, Some(302)).is_err());
        let r = representatives_meeting(45, 30, 16).unwrap();
        assert!(r.quorum && r.passes && r.need_present == 30 && r.need_yes == 16);
        let r = representatives_meeting(45, 29, 29).unwrap();
        assert!(!r.quorum && !r.passes, "no quorum, no resolution");
        assert!(!representatives_meeting(45, 30, 15).unwrap().passes, "half is not more than half");
    }

    proptest! {
        #[test]
        fn never_more_elected_than_seats_nor_with_half_or_less(
            seats in 1u64..8,
            present in 1u64..200,
            votes in proptest::collection::vec(0u64..200, 0..15),
        ) {
            let yes: Vec<(String, u64)> = votes.iter().enumerate().map(|(i, v)| (format!("c{i}"), (*v).min(present))).collect();
            let r = election_round(&RoundInput { seats, present, issued: present, returned: present, yes: yes.clone() }).unwrap();
            prop_assert!(r.elected.len() as u64 + r.revote_seats <= seats);
            prop_assert_eq!(r.elected.len() as u64 + r.revote_seats + r.shortfall, seats);
            for name in r.elected.iter().chain(&r.revote_among) {
                let v = yes.iter().find(|(n, _)| n == name).unwrap().1;
                prop_assert!(2 * v > present, "{} elected with {} of {}", name, v, present);
            }
            // No one left out has more votes than someone elected.
            let least = r.elected.iter().map(|n| yes.iter().find(|(c, _)| c == n).unwrap().1).min();
            if let Some(least) = least {
                let outside = yes.iter().filter(|(n, _)| !r.elected.contains(n) && !r.revote_among.contains(n));
                for (_, v) in outside {
                    prop_assert!(*v <= least);
                }
            }
            if !r.revote_among.is_empty() {
                prop_assert!(r.revote_among.len() as u64 > r.revote_seats, "a re-vote only when the tied do not fit");
            }
        }

        #[test]
        fn quorum_is_four_fifths_or_more(expected in 1u64..10_000, present in 0u64..10_000) {
            prop_assume!(present <= expected);
            let q = election_quorum(expected, present).unwrap();
            prop_assert_eq!(q.valid, present * 5 >= expected * 4);
            prop_assert_eq!(q.valid, present >= q.need_present);
        }
    }
}
