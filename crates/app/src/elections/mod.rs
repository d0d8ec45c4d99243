//! Elections (RULES.md §2): an election of an organization's committee with its seats and
//! candidates (the competitive margin enforced), the roll of members with a vote (full members,
//! not under 留党察看) and the exclusions from those expected with their reasons, rounds opened
//! only with the quorum, ballots cast on site — the roll (who voted) kept apart from the box
//! (what was voted), one ballot per voter under concurrency, a receipt for each — and a
//! hash-chained public board from which anyone recounts every round
//! (`lianxin_core::elections::board::verify`).
//!
//! What the server's operator can still learn: a ballot is sent to the server to be put in the
//! box, so whoever runs the server and watches its traffic or memory as a voter casts can see
//! that voter's marks. No column ties a ballot to a voter: the box holds no voter and no time,
//! its ids are random, the roll says only who voted in a round, and no audit entry is written per
//! ballot. Whoever reads the database files directly may still infer the order of voting from
//! how the rows lie, and line it up with the order of the board's ballots.

use chrono::NaiveDate;
use lianxin_core::{
    elections::{
        self as rules, Ballot,
        board::{self, Entry},
    },
    people::{MemberStatus, PostKind, TermState},
    tree::TreePath,
};
use lianxin_store::{elections as store, people as people_store};
use serde_json::json;
use uuid::Uuid;

use crate::{
    AppError, Checks, Ctx, Result,
    input::{clean, path},
    journal::{Stale, record},
    meetings::authorized_org,
    policy::{Action, Target},
};

mod stages;

pub use stages::{
    NomineeView, OfficersInput, TellerOutcome, approve, elect_officers, enter_count, fix_candidates, nominate, plan, record_recommendation,
    report, term_sweep,
};
pub use store::{BoardRow, Candidate, Election, Nominee, RollEntry, TellerCount};

/// An election as prepared: its title, seats and candidates in the order of the ballot.
#[derive(Clone, Debug, Default)]
pub struct ElectionNew {
    pub title: String,
    pub seats: u64,
    pub candidates: Vec<String>,
}

fn who(ctx: &Ctx) -> String {
    ctx.actor.principal().map(|p| p.display_name.clone()).unwrap_or_default()
}

async fn authorized(ctx: &Ctx, id: Uuid, action: Action) -> Result<(Election, TreePath)> {
    let Some(e) = store::election(ctx.db().conn(), id).await? else {
        let nowhere = TreePath::root(id);
        ctx.authorize(action, Target::Org(&nowhere), "election", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = path(&e.org_path)?;
    ctx.authorize(action, Target::Org(&p), "election", Some(&id.to_string())).await?;
    Ok((e, p))
}

/// Whether a member has a vote on `on` (RULES.md §2 第五条): a full member not under 留党察看.
pub fn may_vote(m: &people_store::Member, on: NaiveDate) -> bool {
    MemberStatus::parse(&m.status) == Some(MemberStatus::Full)
        && !lianxin_core::people::under_party_probation(m.party_probation_from, m.party_probation_until, on)
}

/// A new election's row: no round yet, nothing recommended, chosen or approved.
pub(crate) fn new_election(ctx: &Ctx, org_id: Uuid, p: &TreePath, title: String, seats: u64, status: &str) -> Election {
    let now = ctx.now();
    Election {
        id: Uuid::now_v7(),
        org_id,
        org_path: p.as_str().to_owned(),
        title,
        seats: seats as i32,
        status: status.into(),
        round: 0,
        created_by: who(ctx),
        created_at: now,
        updated_at: now,
        secretary: None,
        deputy: None,
        rec_member_ballots: 0,
        rec_villager_ballots: 0,
        reported_on: None,
        approved_on: None,
        approved_by: None,
    }
}

/// The member of the organization with this name, when exactly one has it.
pub(crate) fn member_named(members: &[people_store::Member], org_id: Uuid, name: &str) -> Option<Uuid> {
    let mut found = members.iter().filter(|m| m.org_id == org_id && m.person_name == name);
    match (found.next(), found.next()) {
        (Some(m), None) => Some(m.person_id),
        _ => None,
    }
}

/// The members of the organization with a vote on `on` (RULES.md §2 第五条), by the roster.
pub(crate) async fn voters<C: lianxin_store::ConnectionTrait>(
    c: &C,
    p: &TreePath,
    org_id: Uuid,
    on: NaiveDate,
) -> Result<Vec<people_store::Member>> {
    Ok(people_store::roster(c, p, &Default::default(), 100_000)
        .await?
        .into_iter()
        .filter(|m| m.org_id == org_id && may_vote(m, on))
        .collect())
}

/// Prepares an election: the candidates must meet the competitive margin (refused with its
/// numbers), and the roll is every member of the organization with a vote today.
pub async fn prepare(ctx: &Ctx, org_id: Uuid, new: ElectionNew) -> Result<Election> {
    let (org, p) = authorized_org(ctx, org_id, Action::RunElections).await?;
    let mut checks = Checks::default();
    let title = checks.take(clean("title", &new.title, 200, true)).flatten();
    checks.check(new.seats == 0 || new.seats > 15, "seats", "error-election-seats");
    let mut names: Vec<String> = Vec::new();
    for raw in &new.candidates {
        match checks.take(crate::input::name("candidates", raw, 50, false)).flatten() {
            Some(n) if names.contains(&n) => checks.check(true, "candidates", "error-election-candidate-twice"),
            Some(n) => names.push(n),
            None => {}
        }
    }
    checks.check(org.status != "active", "org_id", "error-parent-inactive");
    checks.finish()?;
    let margin =
        rules::competitive_margin(new.seats, names.len() as u64).map_err(|_| AppError::invalid("seats", "error-election-seats"))?;
    if !margin.allowed {
        return Err(AppError::Rule {
            field: "candidates",
            key: "error-election-margin",
            reasons: vec![lianxin_core::rules::elections::margin_reason(&margin)],
        });
    }
    let c = ctx.db().conn();
    let today = ctx.app.today();
    let members = people_store::roster(c, &p, &Default::default(), 100_000).await?;
    let voters: Vec<&people_store::Member> = members.iter().filter(|m| m.org_id == org_id && may_vote(m, today)).collect();
    let persons = people_store::persons_by_ids(c, &voters.iter().map(|m| m.person_id).collect::<Vec<_>>()).await?;
    let e = new_election(ctx, org_id, &p, title.expect("checked"), new.seats, "preparing");
    lianxin_core::elections::strokes::sort_by_strokes(&mut names);
    let candidates = names
        .iter()
        .enumerate()
        .map(|(i, n)| Candidate { election_id: e.id, name: n.clone(), person_id: member_named(&members, org_id, n), position: i as i32 })
        .collect();
    let roll = persons.into_iter().map(|p| RollEntry { election_id: e.id, person_id: p.id, person_name: p.name, excluded: None }).collect();
    let tx = ctx.db().write().await?;
    let e = store::insert_election(&tx, e, candidates, roll).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "election.prepare",
        "election",
        Some(&e.id.to_string()),
        "ok",
        json!({ "seats": new.seats, "candidates": names.len() }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(e)
}

/// Excludes a voter from those expected, with the reason (RULES.md §2: abroad more than six
/// months, serving a sentence, bedridden…, approved by the level above and the assembly); only
/// before the first round opens.
pub async fn exclude(ctx: &Ctx, id: Uuid, person: Uuid, reason: &str) -> Result<()> {
    let (e, _) = authorized(ctx, id, Action::RunElections).await?;
    if e.round > 0 {
        return Err(AppError::Conflict { field: "person", key: "error-election-roll-fixed" });
    }
    let reason = clean("reason", reason, 200, true)?.expect("required");
    let c = ctx.db().conn();
    let mut entry = store::roll_entry(c, id, person).await?.ok_or(AppError::invalid("person", "error-election-not-on-roll"))?;
    entry.excluded = Some(reason.clone());
    let tx = ctx.db().write().await?;
    store::update_roll_entry(&tx, entry).await?;
    record(&tx, ctx, Stale::Nothing, "election.exclude", "election", Some(&id.to_string()), "ok", json!({ "reason": reason })).await?;
    ctx.commit(tx).await?;
    Ok(())
}

/// Appends entries to the board after the head, inside the caller's transaction.
async fn append<C: lianxin_store::ConnectionTrait>(c: &C, id: Uuid, entries: &[Entry]) -> Result<()> {
    let (mut seq, mut prev) = store::board_head(c, id).await?.unwrap_or((0, board::GENESIS.to_owned()));
    let mut rows = Vec::with_capacity(entries.len());
    for e in entries {
        seq += 1;
        let payload = serde_json::to_string(e).map_err(AppError::internal)?;
        let hash = board::entry_hash(&prev, seq, &payload);
        rows.push(BoardRow { election_id: id, seq, payload, prev_hash: prev.clone(), hash: hash.clone() });
        prev = hash;
    }
    store::append_board(c, rows).await?;
    Ok(())
}

/// Where the vote stands, from the board: the rounds held, those elected so far, and the round
/// the last count leaves to hold (a re-vote among the tied, a further round for the seats left,
/// or the void round again).
pub(crate) struct Progress {
    pub elected: Vec<String>,
    pub next: Option<(Vec<String>, u64)>,
    /// The next round is a re-vote among the tied: the most votes win, no names written in.
    pub next_revote: bool,
    /// The board's check and recount this was read from.
    pub verified: board::Verified,
}

pub(crate) async fn progress<C: lianxin_store::ConnectionTrait>(c: &C, e: &Election) -> Result<Progress> {
    let all: Vec<String> = store::candidates(c, e.id).await?.into_iter().map(|c| c.name).collect();
    let rows = store::board(c, e.id).await?;
    let mut opened: Vec<(u32, Vec<String>, bool)> = Vec::new();
    for r in &rows {
        if let Ok(Entry::Opened { round, candidates, revote, .. }) = serde_json::from_str(&r.payload) {
            opened.push((round, candidates, revote));
        }
    }
    let stored: Vec<board::Stored> =
        rows.into_iter().map(|r| board::Stored { seq: r.seq, payload: r.payload, prev_hash: r.prev_hash, hash: r.hash }).collect();
    let v = board::verify(&stored).map_err(|_| AppError::internal("the board holds a count that cannot be"))?;
    let counted: Vec<&board::Recount> = v.rounds.iter().filter(|r| r.published.is_some()).collect();
    let elected: Vec<String> = counted.iter().flat_map(|r| r.recounted.elected.clone()).collect();
    let (next, next_revote) = match counted.last() {
        None => (Some((all.clone(), e.seats as u64)), false),
        Some(last) => {
            let (cands, was_revote) = opened.iter().find(|(n, _, _)| *n == last.round).map(|(_, c, r)| (c.clone(), *r)).unwrap_or_default();
            // A re-vote stays a re-vote when it is tied again or held again after a void count.
            let revote = last.recounted.revote_seats > 0 || (was_revote && last.recounted.result == rules::RoundResult::Void);
            (rules::stages::next_round(&last.recounted, &cands, &all, &elected), revote)
        }
    };
    Ok(Progress { elected, next, next_revote, verified: v })
}

/// Opens the next round with those present: refused without the quorum (more than four fifths
/// of those expected; RULES.md §2), with its numbers. The first round puts every candidate to
/// the seats; a later one is the round the last count left — a re-vote among the tied for their
/// seats, a further round for the seats left among those not elected, a void round again. A
/// paper round is counted by two tellers; an on-site one takes ballots by phone or kiosk.
pub async fn open_round(ctx: &Ctx, id: Uuid, present: u64, paper: bool) -> Result<Election> {
    let (mut e, _) = authorized(ctx, id, Action::RunElections).await?;
    match e.status.as_str() {
        "preparing" | "counted" => {}
        "voting" => return Err(AppError::Conflict { field: "round", key: "error-election-round-open" }),
        "recommending" => return Err(AppError::Conflict { field: "round", key: "error-election-candidates-not-fixed" }),
        _ => return Err(AppError::Conflict { field: "round", key: "error-election-complete" }),
    }
    let c = ctx.db().conn();
    let roll = store::roll(c, id).await?;
    let expected = roll.iter().filter(|r| r.excluded.is_none()).count() as u64;
    let q = rules::election_quorum(expected, present).map_err(|_| AppError::invalid("present", "error-election-present-over"))?;
    if !q.valid {
        return Err(AppError::Rule {
            field: "present",
            key: "error-election-no-quorum",
            reasons: vec![lianxin_core::rules::elections::quorum_reason(&q)],
        });
    }
    let p = progress(c, &e).await?;
    let revote = p.next_revote;
    let Some((mut names, seats)) = p.next else {
        return Err(AppError::Conflict { field: "round", key: "error-election-complete" });
    };
    lianxin_core::elections::strokes::sort_by_strokes(&mut names);
    e.round += 1;
    e.status = "voting".into();
    e.updated_at = ctx.now();
    let tx = ctx.db().write().await?;
    let locked = locked_in(&tx, id, &["preparing", "counted"], "error-election-round-open").await?;
    if locked.round + 1 != e.round {
        return Err(AppError::Conflict { field: "round", key: "error-election-round-open" });
    }
    append(&tx, id, &[Entry::Opened { round: e.round as u32, seats, candidates: names, expected, present, paper, revote }]).await?;
    let e = store::update_election(&tx, e).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "election.open",
        "election",
        Some(&id.to_string()),
        "ok",
        json!({ "round": e.round, "present": present, "paper": paper }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(e)
}

/// The round now open: its seats, candidates, those present, whether it is on paper and whether
/// it is a re-vote among the tied.
#[derive(Clone, Debug)]
pub struct OpenRound {
    pub seats: u64,
    pub candidates: Vec<String>,
    pub present: u64,
    pub paper: bool,
    pub revote: bool,
}

/// The election's row locked for the rest of the transaction and in one of `statuses`; else the
/// conflict `key`. Every change of an election's status is decided on this row, so two requests
/// at once cannot both pass the same step.
pub(crate) async fn locked_in<C: lianxin_store::ConnectionTrait>(
    c: &C,
    id: Uuid,
    statuses: &[&str],
    key: &'static str,
) -> Result<Election> {
    let e = store::election_locked(c, id).await?.ok_or(AppError::NotFound)?;
    if !statuses.contains(&e.status.as_str()) {
        return Err(AppError::Conflict { field: "round", key });
    }
    Ok(e)
}

/// Those elected so far, from the published results alone (cheap: no recount).
pub(crate) async fn elected_so_far<C: lianxin_store::ConnectionTrait>(c: &C, id: Uuid) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for row in store::results(c, id).await? {
        if let Ok(Entry::Result { elected, .. }) = serde_json::from_str(&row.payload) {
            out.extend(elected);
        }
    }
    Ok(out)
}

/// Names written in: none in a re-vote (only the tied stand), and never someone already elected.
pub(crate) fn check_write_ins<'a>(round: &OpenRound, elected: &[String], names: impl Iterator<Item = &'a String>) -> Result<()> {
    for n in names {
        if round.revote {
            return Err(AppError::invalid("write_in", "error-election-write-in-revote"));
        }
        if elected.contains(n) {
            return Err(AppError::invalid("write_in", "error-election-write-in-elected"));
        }
    }
    Ok(())
}

/// The round now open, from the board.
pub(crate) async fn open_entry<C: lianxin_store::ConnectionTrait>(c: &C, e: &Election) -> Result<OpenRound> {
    if let Some(row) = store::last_opened(c, e.id).await?
        && let Ok(Entry::Opened { round, seats, candidates, present, paper, revote, .. }) = serde_json::from_str(&row.payload)
        && round == e.round as u32
    {
        return Ok(OpenRound { seats, candidates, present, paper, revote });
    }
    Err(AppError::internal(format!("election {} round {} has no opening entry", e.id, e.round)))
}

/// What a voter takes home: the receipt on the board and the secret that proves it is theirs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    pub receipt: String,
    pub nonce: String,
}

/// Casts `voter`'s ballot in the open round. Refused: a voter not on the roll or excluded, a
/// second ballot (also when two arrive at once: the roll's key decides), a mark for someone not
/// a candidate of the round, and a ballot the rules make void (more chosen than seats, a
/// write-in beside an abstention), with the reasons. The roll records only that they voted; the
/// box gets the marks under a random id; the board gets the ballot with its receipt.
pub async fn cast(ctx: &Ctx, id: Uuid, voter: Uuid, b: Ballot) -> Result<Receipt> {
    let (e, p) = authorized(ctx, id, Action::ReadElections).await?;
    ctx.authorize(Action::Vote, Target::Own { person: voter, org: &p }, "election", Some(&id.to_string())).await?;
    if e.status != "voting" {
        return Err(AppError::Conflict { field: "round", key: "error-election-not-voting" });
    }
    let c = ctx.db().conn();
    match store::roll_entry(c, id, voter).await? {
        Some(r) if r.excluded.is_none() => {}
        _ => return Err(AppError::invalid("voter", "error-election-not-on-roll")),
    }
    let open = open_entry(c, &e).await?;
    let OpenRound { seats, candidates, paper, .. } = open.clone();
    if paper {
        return Err(AppError::Conflict { field: "round", key: "error-election-paper-round" });
    }
    check_write_ins(&open, &elected_so_far(c, id).await?, b.write_in.iter())?;
    let marked = b.approve.iter().chain(&b.disapprove).chain(&b.abstain);
    if marked.clone().any(|n| !candidates.contains(n)) {
        return Err(AppError::invalid("ballot", "error-election-not-a-candidate"));
    }
    let v = rules::ballot(seats, &b).map_err(|_| AppError::invalid("ballot", "error-election-ballot"))?;
    if !v.valid {
        return Err(AppError::Rule {
            field: "ballot",
            key: "error-election-ballot-void",
            reasons: lianxin_core::rules::elections::ballot_reasons(&b, &v),
        });
    }
    let marks = serde_json::to_string(&b).map_err(AppError::internal)?;
    let nonce = hex::encode(rand::random::<[u8; 16]>());
    let receipt = board::receipt(&nonce, &marks);
    let tx = ctx.db().write().await?;
    // The election's row, locked: ballots reach the board one after another, and only while the
    // round is open.
    let now = store::election_locked(&tx, id).await?.ok_or(AppError::NotFound)?;
    if now.status != "voting" || now.round != e.round {
        return Err(AppError::Conflict { field: "round", key: "error-election-not-voting" });
    }
    store::mark_voted(&tx, id, e.round, voter).await.map_err(AppError::on_unique_any("voter", "error-election-voted"))?;
    store::insert_ballot(
        &tx,
        store::BallotRow {
            id: uuid::Builder::from_random_bytes(rand::random()).into_uuid(),
            election_id: id,
            round: e.round,
            marks,
            receipt: receipt.clone(),
        },
    )
    .await?;
    append(&tx, id, &[Entry::Ballot { round: e.round as u32, receipt: receipt.clone(), ballot: b }]).await?;
    // No audit entry per ballot: one naming the account and the time, in the order of the
    // board's ballots, would tie each voter to their ballot. The roll says who voted; the close
    // of the round is audited with the count.
    ctx.commit(tx).await?;
    Ok(Receipt { receipt, nonce })
}

/// Closes the open round: the ballots issued are those present, those returned are those in the
/// box; the count (RULES.md §2) is published on the board.
pub async fn close_round(ctx: &Ctx, id: Uuid) -> Result<rules::Round> {
    let (e, _) = authorized(ctx, id, Action::RunElections).await?;
    if e.status != "voting" {
        return Err(AppError::Conflict { field: "round", key: "error-election-not-voting" });
    }
    let tx = ctx.db().write().await?;
    let mut e = locked_in(&tx, id, &["voting"], "error-election-not-voting").await?;
    let OpenRound { seats, candidates, present, paper, revote } = open_entry(&tx, &e).await?;
    if paper {
        return Err(AppError::Conflict { field: "round", key: "error-election-paper-round" });
    }
    let ballots: Vec<Ballot> = store::ballots(&tx, id, e.round)
        .await?
        .iter()
        .map(|b| serde_json::from_str(&b.marks).map_err(AppError::internal))
        .collect::<Result<_>>()?;
    let returned = ballots.len() as u64;
    let yes = board::tally(seats, &candidates, ballots.iter()).map_err(|_| AppError::internal("a stored ballot cannot be counted"))?.yes;
    let input = rules::RoundInput { seats, present, issued: present, returned, yes };
    let round = if revote { rules::revote_round(&input) } else { rules::election_round(&input) }
        .map_err(|_| AppError::internal("the round cannot be counted"))?;
    let r = e.round as u32;
    append(&tx, id, &[Entry::Closed { round: r, issued: present, returned }, board::result_entry(r, &round)]).await?;
    e.status = "counted".into();
    e.updated_at = ctx.now();
    let e = store::update_election(&tx, e).await?;
    settle(&tx, e).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "election.close",
        "election",
        Some(&id.to_string()),
        "ok",
        json!({ "round": r, "returned": returned }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(round)
}

/// After a count: every seat filled makes the election `elected`.
pub(crate) async fn settle<C: lianxin_store::ConnectionTrait>(c: &C, mut e: Election) -> Result<Election> {
    let p = progress(c, &e).await?;
    if p.elected.len() as i32 >= e.seats && p.next.is_none() {
        e.status = "elected".into();
        return Ok(store::update_election(c, e).await?);
    }
    Ok(e)
}

/// The board as stored, checked and recounted.
pub async fn verify(ctx: &Ctx, id: Uuid) -> Result<board::Verified> {
    let (_e, _) = authorized(ctx, id, Action::ReadElections).await?;
    let rows = store::board(ctx.db().conn(), id).await?;
    let stored: Vec<board::Stored> =
        rows.into_iter().map(|r| board::Stored { seq: r.seq, payload: r.payload, prev_hash: r.prev_hash, hash: r.hash }).collect();
    board::verify(&stored).map_err(|_| AppError::internal("the board holds a count that cannot be"))
}

/// An election with its candidates, roll, the round open and what the board says.
#[derive(Clone, Debug)]
pub struct ElectionView {
    pub election: Election,
    pub candidates: Vec<Candidate>,
    pub roll: Vec<RollEntry>,
    pub may_run: bool,
    /// The round open.
    pub open: Option<OpenRound>,
    /// Those who voted in the current round.
    pub voted: u64,
    /// The viewer is on the roll, may vote and has not yet in the round open.
    pub may_vote: bool,
    pub verified: board::Verified,
    /// Elected so far, in the order of their rounds, and the round the last count leaves.
    pub elected: Vec<String>,
    pub next: Option<(Vec<String>, u64)>,
    pub nominees: Vec<NomineeView>,
    /// The viewer is the level above: fixes the candidates and approves the result.
    pub may_approve: bool,
    /// The tellers' counts entered for the paper round open.
    pub counts: Vec<TellerCount>,
}

pub async fn show(ctx: &Ctx, id: Uuid) -> Result<ElectionView> {
    let (e, p) = authorized(ctx, id, Action::ReadElections).await?;
    let c = ctx.db().conn();
    let roll = store::roll(c, id).await?;
    let open = if e.status == "voting" { Some(open_entry(c, &e).await?) } else { None };
    let me = ctx.actor.principal().and_then(|p| p.person_id);
    let may_vote = match me {
        Some(me) if open.as_ref().is_some_and(|o| !o.paper) => {
            roll.iter().any(|r| r.person_id == me && r.excluded.is_none()) && !store::has_voted(c, id, e.round, me).await?
        }
        _ => false,
    };
    let progress = progress(c, &e).await?;
    let counts = if open.as_ref().is_some_and(|o| o.paper) { store::teller_counts(c, id, e.round).await? } else { Vec::new() };
    Ok(ElectionView {
        candidates: store::candidates(c, id).await?,
        roll,
        may_run: crate::policy::decide(&ctx.actor, Action::RunElections, Target::Org(&p)) == crate::policy::Decision::Allow,
        may_approve: crate::policy::decide(&ctx.actor, Action::ApproveElection, Target::Org(&p)) == crate::policy::Decision::Allow,
        nominees: stages::nominee_views(ctx, &e).await?,
        elected: progress.elected,
        next: progress.next,
        counts,
        open,
        voted: store::voted_count(c, id, e.round).await?,
        may_vote,
        verified: progress.verified,
        election: e,
    })
}

/// An organization's elections, the latest first, whether the viewer may prepare one, and the
/// committee's term: the earliest planned end of its current posts and where it stands, so the
/// election is prepared before it.
pub async fn list(ctx: &Ctx, org_id: Uuid) -> Result<(lianxin_store::orgs::Org, Vec<Election>, bool, Option<(NaiveDate, TermState)>)> {
    let (org, p) = authorized_org(ctx, org_id, Action::ReadElections).await?;
    let may_run = crate::policy::decide(&ctx.actor, Action::RunElections, Target::Org(&p)) == crate::policy::Decision::Allow;
    let c = ctx.db().conn();
    let today = ctx.app.today();
    let term = people_store::positions_in(c, Some(org_id), None, today, false)
        .await?
        .into_iter()
        .filter(|x| matches!(PostKind::parse(&x.post), Some(PostKind::Secretary | PostKind::DeputySecretary | PostKind::CommitteeMember)))
        .map(|x| x.planned_end)
        .min()
        .map(|end| (end, lianxin_core::people::term_state(end, today, ctx.settings().people.term_warning_months)));
    Ok((org, store::elections_of(c, org_id).await?, may_run, term))
}

/// The public board, read without signing in: the election, its entries and their check.
pub async fn board_of(ctx: &Ctx, id: Uuid) -> Result<(Election, board::Verified, Vec<(i64, Entry, String)>)> {
    let c = ctx.db().conn();
    let e = store::election(c, id).await?.ok_or(AppError::NotFound)?;
    let rows = store::board(c, id).await?;
    let entries = rows.iter().filter_map(|r| serde_json::from_str(&r.payload).ok().map(|x| (r.seq, x, r.hash.clone()))).collect();
    let stored: Vec<board::Stored> =
        rows.into_iter().map(|r| board::Stored { seq: r.seq, payload: r.payload, prev_hash: r.prev_hash, hash: r.hash }).collect();
    let v = board::verify(&stored).map_err(|_| AppError::internal("the board holds a count that cannot be"))?;
    Ok((e, v, entries))
}
