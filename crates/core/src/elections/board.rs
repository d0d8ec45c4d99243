//! The public board of an election: every event of the vote as an entry chained by hashes, so a
//! removed, changed or reordered entry breaks the chain; and the count recomputed from the board
//! alone, so anyone holding it can check the published result. A ballot is on the board with its
//! receipt (a hash of the ballot and a secret the voter keeps), never with the voter.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Ballot, Round, RoundInput, ballot, election_round};
use crate::meetings::CountError;

/// One entry's content. Stored as JSON; the hash covers the JSON as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Entry {
    /// A round opened: the seats, the candidates in stroke order, who was expected and present,
    /// and whether it is voted on paper (counted by two tellers) rather than on site.
    Opened {
        round: u32,
        seats: u64,
        candidates: Vec<String>,
        expected: u64,
        present: u64,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        paper: bool,
        /// A re-vote among those tied at the cut-off: the most votes win, no threshold again.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        revote: bool,
    },
    /// A ballot put in the box, with its receipt.
    Ballot { round: u32, receipt: String, ballot: Ballot },
    /// A paper round's count, entered alike by both tellers: the valid and void ballots and each
    /// name's "yes" votes.
    Counted { round: u32, tellers: Vec<String>, valid: u64, void: u64, yes: Vec<(String, u64)> },
    /// A round closed: the ballots issued (one to each voter present) and those in the box.
    Closed { round: u32, issued: u64, returned: u64 },
    /// The published result of a round.
    Result { round: u32, result: String, elected: Vec<String>, shortfall: u64, revote_among: Vec<String>, revote_seats: u64 },
    /// The new committee chose its secretary (and deputy): the committee's size, those present
    /// and the votes. `round` is the last round of the election.
    Officers { round: u32, members: u64, present: u64, secretary: String, secretary_yes: u64, deputy: Option<String>, deputy_yes: u64 },
}

impl Entry {
    pub fn kind(&self) -> &'static str {
        match self {
            Entry::Opened { .. } => "opened",
            Entry::Ballot { .. } => "ballot",
            Entry::Counted { .. } => "counted",
            Entry::Closed { .. } => "closed",
            Entry::Result { .. } => "result",
            Entry::Officers { .. } => "officers",
        }
    }

    pub fn round(&self) -> u32 {
        match self {
            Entry::Opened { round, .. }
            | Entry::Ballot { round, .. }
            | Entry::Counted { round, .. }
            | Entry::Closed { round, .. }
            | Entry::Result { round, .. }
            | Entry::Officers { round, .. } => *round,
        }
    }
}

pub use crate::chain::{GENESIS, entry_hash};

/// A voter's receipt: `sha256(nonce ‖ ballot)`, the ballot as it is stored. The voter keeps the
/// nonce; with it they recompute the receipt and find it on the board, and nobody without it
/// can tie the receipt to anyone.
pub fn receipt(nonce_hex: &str, ballot_json: &str) -> String {
    let mut h = Sha256::new();
    h.update((nonce_hex.len() as u64).to_be_bytes());
    h.update(nonce_hex.as_bytes());
    h.update(ballot_json.as_bytes());
    hex::encode(h.finalize())
}

/// An entry as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub seq: i64,
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

/// A round as recounted from the board, beside the result the board publishes for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recount {
    pub round: u32,
    /// Valid ballots and void ones, as counted.
    pub valid: u64,
    pub void: u64,
    pub recounted: Round,
    pub published: Option<Entry>,
    /// The published result says what the recount says.
    pub matches: bool,
    /// No ballot in a paper round and no tellers' count in an on-site one.
    pub in_place: bool,
}

/// What a check of the board found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    pub entries: usize,
    /// The first entry whose link or hash is wrong, or whose payload cannot be read.
    pub broken_at: Option<i64>,
    pub rounds: Vec<Recount>,
    /// Receipts seen twice (a ballot copied).
    pub repeated_receipts: usize,
    /// The officers' entry, if any, meets the committee's rule (none is fine).
    pub officers_ok: bool,
}

impl Verified {
    /// The chain is whole and every published round matches its recount (a round still open has
    /// nothing published to match yet).
    pub fn ok(&self) -> bool {
        self.broken_at.is_none()
            && self.repeated_receipts == 0
            && self.officers_ok
            && self.rounds.iter().all(|r| r.in_place && (r.matches || r.published.is_none()))
    }
}

/// Checks the chain and recounts every round from the board alone.
pub fn verify(entries: &[Stored]) -> Result<Verified, CountError> {
    let mut prev = GENESIS.to_owned();
    let mut broken_at = None;
    let mut read = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let expected_seq = i as i64 + 1;
        let parsed: Option<Entry> = serde_json::from_str(&e.payload).ok();
        if e.seq != expected_seq || e.prev_hash != prev || entry_hash(&prev, e.seq, &e.payload) != e.hash || parsed.is_none() {
            broken_at = Some(e.seq);
            break;
        }
        prev = e.hash.clone();
        read.push(parsed.expect("checked"));
    }
    let mut receipts: Vec<&str> = read
        .iter()
        .filter_map(|e| match e {
            Entry::Ballot { receipt, .. } => Some(receipt.as_str()),
            _ => None,
        })
        .collect();
    let all = receipts.len();
    receipts.sort_unstable();
    receipts.dedup();
    let repeated_receipts = all - receipts.len();
    let mut rounds = Vec::new();
    for e in &read {
        let Entry::Opened { round, seats, candidates, present, paper, revote, .. } = e else { continue };
        rounds.push(recount(&read, *round, *seats, candidates, *present, *paper, *revote)?);
    }
    // The officers: chosen by a committee of those elected, from among them, by its rule.
    let elected: Vec<&String> = rounds.iter().filter(|r| r.published.is_some()).flat_map(|r| &r.recounted.elected).collect();
    let officers_ok = read.iter().all(|e| match e {
        Entry::Officers { members, present, secretary, secretary_yes, deputy, deputy_yes, .. } => {
            let ok = |yes| super::stages::officer_vote(*members, *present, yes).is_ok_and(|v| v.elected);
            *members == elected.len() as u64
                && elected.contains(&secretary)
                && ok(*secretary_yes)
                && deputy.as_ref().is_none_or(|d| elected.contains(&d) && ok(*deputy_yes))
        }
        _ => true,
    });
    Ok(Verified { entries: entries.len(), broken_at, rounds, repeated_receipts, officers_ok })
}

/// A round's ballots counted: each name's yes votes (candidates first, in the ballot's order, then
/// names written in), and how many ballots were valid and void.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    pub yes: Vec<(String, u64)>,
    pub valid: u64,
    pub void: u64,
}

/// The yes-votes of a round's valid ballots: each approval and each write-in counts for the name
/// it marks. Candidates with no vote are listed with 0.
pub fn tally<'a>(seats: u64, candidates: &[String], ballots: impl Iterator<Item = &'a Ballot>) -> Result<Tally, CountError> {
    let mut yes: Vec<(String, u64)> = candidates.iter().map(|c| (c.clone(), 0)).collect();
    let (mut valid, mut void) = (0, 0);
    for b in ballots {
        if !ballot(seats, b)?.valid {
            void += 1;
            continue;
        }
        valid += 1;
        for name in b.approve.iter().chain(&b.write_in) {
            match yes.iter_mut().find(|(n, _)| n == name) {
                Some((_, v)) => *v += 1,
                None => yes.push((name.clone(), 1)),
            }
        }
    }
    Ok(Tally { yes, valid, void })
}

fn recount(
    read: &[Entry],
    round: u32,
    seats: u64,
    candidates: &[String],
    present: u64,
    paper: bool,
    revote: bool,
) -> Result<Recount, CountError> {
    let ballots = read.iter().filter_map(|e| match e {
        Entry::Ballot { round: r, ballot, .. } if *r == round => Some(ballot),
        _ => None,
    });
    // A paper round holds no ballots and an on-site round no tellers' count: either is a forgery.
    let out_of_place = read.iter().any(|e| match e {
        Entry::Ballot { round: r, .. } => *r == round && paper,
        Entry::Counted { round: r, .. } => *r == round && !paper,
        _ => false,
    });
    // A paper round's count is the tellers' agreed figures; an on-site round's, its ballots.
    let agreed = read.iter().find_map(|e| match e {
        Entry::Counted { round: r, valid, void, yes, .. } if *r == round => Some(Tally { yes: yes.clone(), valid: *valid, void: *void }),
        _ => None,
    });
    let Tally { yes, valid, void } = match (paper, agreed) {
        (true, Some(t)) => t,
        // Not counted yet: nothing published to match.
        (true, None) => Tally { yes: candidates.iter().map(|c| (c.clone(), 0)).collect(), valid: 0, void: 0 },
        (false, _) => tally(seats, candidates, ballots)?,
    };
    let returned = valid + void;
    let issued = read
        .iter()
        .find_map(|e| match e {
            Entry::Closed { round: r, issued, .. } if *r == round => Some(*issued),
            _ => None,
        })
        .unwrap_or(present);
    let input = RoundInput { seats, present, issued, returned, yes };
    let recounted = if revote { super::revote_round(&input)? } else { election_round(&input)? };
    let published = read.iter().find(|e| matches!(e, Entry::Result { round: r, .. } if *r == round)).cloned();
    let matches = !out_of_place
        && match &published {
            Some(Entry::Result { result, elected, shortfall, revote_among, revote_seats, .. }) => {
                result == recounted.result.word()
                    && *elected == recounted.elected
                    && *shortfall == recounted.shortfall
                    && *revote_among == recounted.revote_among
                    && *revote_seats == recounted.revote_seats
            }
            _ => false,
        };
    Ok(Recount { round, valid, void, recounted, published, matches, in_place: !out_of_place })
}

/// The published result entry of a round, from its count.
pub fn result_entry(round: u32, r: &Round) -> Entry {
    Entry::Result {
        round,
        result: r.result.word().to_owned(),
        elected: r.elected.clone(),
        shortfall: r.shortfall,
        revote_among: r.revote_among.clone(),
        revote_seats: r.revote_seats,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(entries: &[Entry]) -> Vec<Stored> {
        let mut prev = GENESIS.to_owned();
        entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let payload = serde_json::to_string(e).unwrap();
                let seq = i as i64 + 1;
                let hash = entry_hash(&prev, seq, &payload);
                let s = Stored { seq, payload, prev_hash: prev.clone(), hash: hash.clone() };
                prev = hash;
                s
            })
            .collect()
    }

    fn b(approve: &[&str]) -> Ballot {
        Ballot { approve: approve.iter().map(|s| (*s).to_owned()).collect(), ..Default::default() }
    }

    fn board() -> Vec<Entry> {
        let cands: Vec<String> = ["甲", "乙", "丙", "丁"].iter().map(|s| (*s).to_owned()).collect();
        let mut e =
            vec![Entry::Opened { round: 1, seats: 3, candidates: cands.clone(), expected: 5, present: 5, paper: false, revote: false }];
        let marks = [b(&["甲", "乙", "丙"]), b(&["甲", "乙"]), b(&["甲", "丙", "丁"]), b(&["甲", "乙", "丙", "丁"]), b(&["乙"])];
        for (i, m) in marks.iter().enumerate() {
            e.push(Entry::Ballot { round: 1, receipt: format!("r{i}"), ballot: m.clone() });
        }
        e.push(Entry::Closed { round: 1, issued: 5, returned: 5 });
        let yes = tally(3, &cands, marks.iter()).unwrap().yes;
        let r = election_round(&RoundInput { seats: 3, present: 5, issued: 5, returned: 5, yes }).unwrap();
        e.push(result_entry(1, &r));
        e
    }

    #[test]
    fn a_whole_board_verifies_and_recounts() {
        let v = verify(&chain(&board())).unwrap();
        assert!(v.ok(), "{v:?}");
        let r = &v.rounds[0];
        assert_eq!((r.valid, r.void), (4, 1), "the ballot approving four for three seats is void");
        assert_eq!(r.recounted.elected, ["甲", "乙"], "甲 3 and 乙 3 of 5 present; 丙 2 is not more than half");
        assert_eq!(r.recounted.shortfall, 1);
    }

    #[test]
    fn a_changed_removed_or_forged_entry_is_found() {
        let mut s = chain(&board());
        s[2].payload = s[2].payload.replace("乙", "丁");
        assert_eq!(verify(&s).unwrap().broken_at, Some(3), "a changed ballot");
        let mut s = chain(&board());
        s.remove(3);
        assert_eq!(verify(&s).unwrap().broken_at, Some(5), "the entry after a removed ballot");
        // A board rewritten whole with a different result chains, but the recount disagrees.
        let mut e = board();
        let last = e.len() - 1;
        e[last] = Entry::Result {
            round: 1,
            result: "counted".into(),
            elected: vec!["丁".into()],
            shortfall: 2,
            revote_among: vec![],
            revote_seats: 0,
        };
        let v = verify(&chain(&e)).unwrap();
        assert!(v.broken_at.is_none() && !v.ok());
        // A ballot copied with its receipt.
        let mut e = board();
        e.insert(2, e[1].clone());
        assert_eq!(verify(&chain(&e)).unwrap().repeated_receipts, 1);
    }

    #[test]
    fn a_paper_round_is_recounted_from_the_tellers_figures() {
        let cands: Vec<String> = ["甲", "乙", "丙", "丁"].iter().map(|s| (*s).to_owned()).collect();
        let yes = vec![("甲".to_owned(), 30), ("乙".to_owned(), 25), ("丙".to_owned(), 21), ("丁".to_owned(), 9)];
        let r = election_round(&RoundInput { seats: 3, present: 40, issued: 40, returned: 39, yes: yes.clone() }).unwrap();
        let mut e = vec![
            Entry::Opened { round: 1, seats: 3, candidates: cands, expected: 44, present: 40, paper: true, revote: false },
            Entry::Counted { round: 1, tellers: vec!["李四".into(), "王五".into()], valid: 38, void: 1, yes },
            Entry::Closed { round: 1, issued: 40, returned: 39 },
            result_entry(1, &r),
            Entry::Officers { round: 1, members: 3, present: 3, secretary: "甲".into(), secretary_yes: 3, deputy: None, deputy_yes: 0 },
        ];
        let v = verify(&chain(&e)).unwrap();
        assert!(v.ok(), "{v:?}");
        assert_eq!(v.rounds[0].recounted.elected, ["甲", "乙", "丙"]);
        // Officers elected with one vote of three, or someone not elected, do not pass the check.
        let good = e[4].clone();
        e[4] = Entry::Officers { round: 1, members: 3, present: 3, secretary: "甲".into(), secretary_yes: 1, deputy: None, deputy_yes: 0 };
        assert!(!verify(&chain(&e)).unwrap().ok());
        e[4] = Entry::Officers { round: 1, members: 3, present: 3, secretary: "丁".into(), secretary_yes: 3, deputy: None, deputy_yes: 0 };
        assert!(!verify(&chain(&e)).unwrap().ok(), "丁 was not elected");
        e[4] = good;
        // A ballot slipped into a paper round does not belong there.
        e.insert(2, Entry::Ballot { round: 1, receipt: "x".into(), ballot: b(&["丁"]) });
        assert!(!verify(&chain(&e)).unwrap().ok());
    }

    #[test]
    fn a_round_still_open_has_nothing_to_mismatch() {
        let mut e = board();
        e.truncate(e.len() - 2);
        let v = verify(&chain(&e)).unwrap();
        assert!(v.ok() && v.rounds[0].published.is_none(), "{v:?}");
    }

    #[test]
    fn the_receipt_needs_the_voters_secret() {
        let ballot = serde_json::to_string(&b(&["甲"])).unwrap();
        assert_eq!(receipt("n1", &ballot), receipt("n1", &ballot));
        assert_ne!(receipt("n1", &ballot), receipt("n2", &ballot));
        assert_eq!(receipt("n1", &ballot).len(), 64);
    }
}
