//! The stages around the vote (RULES.md §2, §3): the public recommendation — registration and
//! nomination, the recommendation ballots of members and of villagers counted into a weighted
//! score beside each nominee's place in the leaders' pool, the level above fixing the official
//! candidates with the competitive margin — paper rounds counted by two tellers who must agree,
//! the secretary and deputy chosen by the new committee, the result reported to the level above
//! and its approval, which starts the posts and terms in the people capability; and the notice
//! to the level above when a committee's term ended without a new one approved.

use lianxin_core::elections::{
    self as rules,
    board::{self, Entry},
    stages::{self as stage_rules, PaperCount},
};
use lianxin_core::people::{PostKind, term_end};
use lianxin_store::{elections as store, orgs as orgs_store, people as people_store};
use serde_json::json;
use uuid::Uuid;

use super::{
    Election, OpenRound, append, authorized, check_write_ins, elected_so_far, locked_in, member_named, new_election, open_entry, progress,
    settle, voters, who,
};
use crate::{
    AppError, Checks, Ctx, Result,
    input::clean,
    journal::{Stale, record},
    meetings::authorized_org,
    notify::{self, To},
    policy::{Action, Decision, Target, decide},
};

/// Opens an election by public recommendation (公推直选): its title and seats; nominees and the
/// recommendation counts come next, and the level above fixes the candidates.
pub async fn plan(ctx: &Ctx, org_id: Uuid, title: &str, seats: u64) -> Result<Election> {
    let (org, p) = authorized_org(ctx, org_id, Action::RunElections).await?;
    let mut checks = Checks::default();
    let title = checks.take(clean("title", title, 200, true)).flatten();
    checks.check(seats == 0 || seats > 15, "seats", "error-election-seats");
    checks.check(org.status != "active", "org_id", "error-parent-inactive");
    checks.finish()?;
    let c = ctx.db().conn();
    let today = ctx.app.today();
    let voters = voters(c, &p, org_id, today).await?;
    let e = new_election(ctx, org_id, &p, title.expect("checked"), seats, "recommending");
    let roll = voters
        .iter()
        .map(|m| store::RollEntry { election_id: e.id, person_id: m.person_id, person_name: m.person_name.clone(), excluded: None })
        .collect();
    let tx = ctx.db().write().await?;
    let e = store::insert_election(&tx, e, Vec::new(), roll).await?;
    record(&tx, ctx, Stale::Nothing, "election.plan", "election", Some(&e.id.to_string()), "ok", json!({ "seats": seats })).await?;
    ctx.commit(tx).await?;
    Ok(e)
}

/// How someone came forward: registered themselves, or nominated by members or by villagers.
pub const HOW: [&str; 3] = ["registered", "members", "masses"];

/// Registers or nominates a full member of the organization (only they may be elected,
/// RULES.md §2 第五条) during the public recommendation.
pub async fn nominate(ctx: &Ctx, id: Uuid, name: &str, how: &str) -> Result<()> {
    let (e, p) = authorized(ctx, id, Action::RunElections).await?;
    if e.status != "recommending" {
        return Err(AppError::Conflict { field: "name", key: "error-election-not-recommending" });
    }
    let mut checks = Checks::default();
    let name = checks.take(crate::input::name("name", name, 50, true)).flatten();
    checks.check(!HOW.contains(&how), "how", "error-choose");
    checks.finish()?;
    let name = name.expect("checked");
    let c = ctx.db().conn();
    let eligible = voters(c, &p, e.org_id, ctx.app.today()).await?;
    let Some(person) = member_named(&eligible, e.org_id, &name) else {
        return Err(AppError::invalid("name", "error-election-not-eligible"));
    };
    if store::nominees(c, id).await?.iter().any(|n| n.name == name) {
        return Err(AppError::invalid("name", "error-election-candidate-twice"));
    }
    let tx = ctx.db().write().await?;
    store::insert_nominee(
        &tx,
        store::Nominee {
            election_id: id,
            name: name.clone(),
            person_id: Some(person),
            how: how.into(),
            member_votes: 0,
            villager_votes: 0,
        },
    )
    .await?;
    record(&tx, ctx, Stale::Nothing, "election.nominate", "election", Some(&id.to_string()), "ok", json!({ "how": how })).await?;
    ctx.commit(tx).await?;
    Ok(())
}

/// Records the recommendation counts: the ballots returned at the members' meeting and at the
/// villagers' (or representatives') meeting, and each nominee's votes in both. Each count is
/// refused over its ballots; the figures replace the earlier ones until the candidates are fixed.
pub async fn record_recommendation(
    ctx: &Ctx,
    id: Uuid,
    member_ballots: u64,
    villager_ballots: u64,
    votes: &[(String, u64, u64)],
) -> Result<()> {
    let (e, _) = authorized(ctx, id, Action::RunElections).await?;
    if e.status != "recommending" {
        return Err(AppError::Conflict { field: "votes", key: "error-election-not-recommending" });
    }
    let c = ctx.db().conn();
    let mut nominees = store::nominees(c, id).await?;
    let mut checks = Checks::default();
    for (name, m, v) in votes {
        checks.check(!nominees.iter().any(|n| &n.name == name), "votes", "error-election-candidates-unknown");
        checks.check(*m > member_ballots, "member_votes", "error-election-votes-over-ballots");
        checks.check(*v > villager_ballots, "villager_votes", "error-election-votes-over-ballots");
    }
    checks.check(member_ballots > 100_000 || villager_ballots > 100_000, "member_ballots", "error-count");
    checks.finish()?;
    let tx = ctx.db().write().await?;
    let mut e = locked_in(&tx, id, &["recommending"], "error-election-not-recommending").await?;
    e.rec_member_ballots = member_ballots as i32;
    e.rec_villager_ballots = villager_ballots as i32;
    e.updated_at = ctx.now();
    for n in &mut nominees {
        if let Some((_, m, v)) = votes.iter().find(|(name, _, _)| name == &n.name) {
            n.member_votes = *m as i32;
            n.villager_votes = *v as i32;
            store::update_nominee(&tx, n.clone()).await?;
        }
    }
    store::update_election(&tx, e).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "election.recommend",
        "election",
        Some(&id.to_string()),
        "ok",
        json!({ "member_ballots": member_ballots, "villager_ballots": villager_ballots }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(())
}

/// A nominee as the pages show them: the votes, the weighted score, and their place in the
/// leaders' pool when the viewer may read it (the level above).
#[derive(Clone, Debug)]
pub struct NomineeView {
    pub nominee: store::Nominee,
    pub score: stage_rules::Score,
    /// 1-based place among the pool's ranked members; `Some(None)` when in the pool's others.
    pub pool_place: Option<Option<usize>>,
}

pub(super) async fn nominee_views(ctx: &Ctx, e: &Election) -> Result<Vec<NomineeView>> {
    let nominees = store::nominees(ctx.db().conn(), e.id).await?;
    if nominees.is_empty() {
        return Ok(Vec::new());
    }
    let w = &ctx.settings().elections;
    let p = crate::input::path(&e.org_path)?;
    let pool = if decide(&ctx.actor, Action::ReadLeaders, Target::Org(&p)) == Decision::Allow {
        Some(crate::leaders::pool(ctx, e.org_id, chrono::Datelike::year(&ctx.app.today())).await?)
    } else {
        None
    };
    let mut out: Vec<NomineeView> = nominees
        .into_iter()
        .map(|n| {
            let score = stage_rules::recommendation_score(
                (n.member_votes as u64, e.rec_member_ballots as u64),
                (n.villager_votes as u64, e.rec_villager_ballots as u64),
                (w.member_weight, w.villager_weight),
            )
            .unwrap_or(stage_rules::Score {
                member_votes: 0,
                member_ballots: 0,
                villager_votes: 0,
                villager_ballots: 0,
                member_weight: w.member_weight,
                villager_weight: w.villager_weight,
                score: 0,
            });
            let pool_place =
                pool.as_ref().map(|pool| pool.ranked.iter().position(|c| Some(c.member.person_id) == n.person_id).map(|i| i + 1));
            NomineeView { nominee: n, score, pool_place }
        })
        .collect();
    out.sort_by_key(|n| std::cmp::Reverse(n.score.score));
    Ok(out)
}

/// The level above fixes the official candidates from the nominees: the competitive margin
/// enforced (refused with its numbers), the list in stroke order of the surname.
pub async fn fix_candidates(ctx: &Ctx, id: Uuid, names: &[String]) -> Result<Election> {
    let (e, p) = authorized(ctx, id, Action::ReadElections).await?;
    ctx.authorize(Action::ApproveElection, Target::Org(&p), "election", Some(&id.to_string())).await?;
    if e.status != "recommending" {
        return Err(AppError::Conflict { field: "candidates", key: "error-election-not-recommending" });
    }
    let nominees = store::nominees(ctx.db().conn(), id).await?;
    let mut chosen: Vec<String> = Vec::new();
    for n in names {
        if !nominees.iter().any(|x| &x.name == n) {
            return Err(AppError::invalid("candidates", "error-election-candidates-unknown"));
        }
        if !chosen.contains(n) {
            chosen.push(n.clone());
        }
    }
    let margin =
        rules::competitive_margin(e.seats as u64, chosen.len() as u64).map_err(|_| AppError::invalid("seats", "error-election-seats"))?;
    if !margin.allowed {
        return Err(AppError::Rule {
            field: "candidates",
            key: "error-election-margin",
            reasons: vec![lianxin_core::rules::elections::margin_reason(&margin)],
        });
    }
    rules::strokes::sort_by_strokes(&mut chosen);
    let candidates = chosen
        .iter()
        .enumerate()
        .map(|(i, n)| store::Candidate {
            election_id: id,
            name: n.clone(),
            person_id: nominees.iter().find(|x| &x.name == n).and_then(|x| x.person_id),
            position: i as i32,
        })
        .collect();
    // The roll as it stands on the day the candidates are fixed: members admitted or put under
    // 留党察看 since the recommendation began are counted as they are now; exclusions kept.
    let c = ctx.db().conn();
    let today = ctx.app.today();
    let old = store::roll(c, id).await?;
    let roll = voters(c, &p, e.org_id, today)
        .await?
        .into_iter()
        .map(|m| store::RollEntry {
            election_id: id,
            person_id: m.person_id,
            excluded: old.iter().find(|r| r.person_id == m.person_id).and_then(|r| r.excluded.clone()),
            person_name: m.person_name,
        })
        .collect();
    let tx = ctx.db().write().await?;
    let mut e = locked_in(&tx, id, &["recommending"], "error-election-not-recommending").await?;
    e.status = "preparing".into();
    e.updated_at = ctx.now();
    store::replace_candidates(&tx, id, candidates).await?;
    store::replace_roll(&tx, id, roll).await?;
    let e = store::update_election(&tx, e).await?;
    record(&tx, ctx, Stale::Nothing, "election.fix", "election", Some(&id.to_string()), "ok", json!({ "candidates": chosen.len() }))
        .await?;
    ctx.commit(tx).await?;
    Ok(e)
}

/// What a teller's count did: kept until the other teller's, or agreed and the round counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TellerOutcome {
    Waiting,
    Counted(rules::Round),
}

/// Enters one teller's count of the paper round open (`slot` 1 or 2). When the other teller's
/// count is in, the two must agree figure by figure: a difference is refused with every figure
/// that differs and nothing is kept of this entry; agreement counts the round (RULES.md §2) and
/// publishes it on the board.
pub async fn enter_count(ctx: &Ctx, id: Uuid, slot: u8, teller: &str, count: PaperCount) -> Result<TellerOutcome> {
    let (e, _) = authorized(ctx, id, Action::RunElections).await?;
    if e.status != "voting" {
        return Err(AppError::Conflict { field: "round", key: "error-election-not-voting" });
    }
    let c = ctx.db().conn();
    let open = open_entry(c, &e).await?;
    let OpenRound { seats, present, paper, ref candidates, revote } = open;
    if !paper {
        return Err(AppError::Conflict { field: "round", key: "error-election-not-paper" });
    }
    let mut checks = Checks::default();
    let teller = checks.take(crate::input::name("teller", teller, 50, true)).flatten();
    checks.check(!matches!(slot, 1 | 2), "slot", "error-choose");
    checks.check(count.issued > present, "issued", "error-election-issued-over");
    checks.check(stage_rules::count_problems(&count).is_some(), "yes", "error-election-count-adds-up");
    checks.finish()?;
    let teller = teller.expect("checked");
    let written_in = count.yes.iter().filter(|(n, v)| *v > 0 && !candidates.contains(n)).map(|(n, _)| n);
    check_write_ins(&open, &elected_so_far(c, id).await?, written_in)?;
    let tx = ctx.db().write().await?;
    let mut locked = locked_in(&tx, id, &["voting"], "error-election-not-voting").await?;
    if locked.round != e.round {
        return Err(AppError::Conflict { field: "round", key: "error-election-not-voting" });
    }
    // The other teller's count, read under the lock: two entries at once are compared in turn.
    let others = store::teller_counts(&tx, id, e.round).await?;
    let other = others.iter().find(|t| t.slot != i32::from(slot));
    if other.is_some_and(|o| o.teller == teller) {
        return Err(AppError::invalid("teller", "error-election-same-teller"));
    }
    if let Some(o) = other {
        let theirs: PaperCount = serde_json::from_str(&o.counts).map_err(AppError::internal)?;
        let (first, second) = if slot == 1 { (&count, &theirs) } else { (&theirs, &count) };
        let diff = stage_rules::compare_counts(first, second);
        if !diff.is_empty() {
            return Err(AppError::Rule {
                field: "yes",
                key: "error-election-tellers-differ",
                reasons: lianxin_core::rules::elections::tellers_reasons(&diff),
            });
        }
    }
    let row = store::TellerCount {
        election_id: id,
        round: e.round,
        slot: i32::from(slot),
        teller: teller.clone(),
        counts: serde_json::to_string(&count).map_err(AppError::internal)?,
        entered_by: who(ctx),
    };
    store::put_teller_count(&tx, row).await?;
    let outcome = match other {
        None => TellerOutcome::Waiting,
        Some(o) => {
            let r = locked.round as u32;
            let valid = count.returned - count.void;
            let input = rules::RoundInput {
                seats,
                present,
                issued: count.issued,
                returned: count.returned,
                yes: candidates_first(candidates, &count.yes),
            };
            let round = if revote { rules::revote_round(&input) } else { rules::election_round(&input) }
                .map_err(|_| AppError::invalid("yes", "error-election-count-adds-up"))?;
            let mut tellers = vec![o.teller.clone(), teller];
            if slot == 1 {
                tellers.reverse();
            }
            append(
                &tx,
                id,
                &[
                    Entry::Counted { round: r, tellers, valid, void: count.void, yes: candidates_first(candidates, &count.yes) },
                    Entry::Closed { round: r, issued: count.issued, returned: count.returned },
                    board::result_entry(r, &round),
                ],
            )
            .await?;
            locked.status = "counted".into();
            locked.updated_at = ctx.now();
            let locked = store::update_election(&tx, locked).await?;
            settle(&tx, locked).await?;
            TellerOutcome::Counted(round)
        }
    };
    record(&tx, ctx, Stale::Nothing, "election.tally", "election", Some(&id.to_string()), "ok", json!({ "round": e.round, "slot": slot }))
        .await?;
    ctx.commit(tx).await?;
    Ok(outcome)
}

/// The round's candidates in the ballot's order with their votes (0 when none were entered),
/// then the names written in.
fn candidates_first(candidates: &[String], yes: &[(String, u64)]) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> =
        candidates.iter().map(|c| (c.clone(), yes.iter().filter(|(n, _)| n == c).map(|(_, v)| *v).sum())).collect();
    for (n, v) in yes {
        if !candidates.contains(n) && *v > 0 {
            out.push((n.clone(), *v));
        }
    }
    out
}

/// The new committee's choice of its secretary and (optionally) deputy.
#[derive(Clone, Debug, Default)]
pub struct OfficersInput {
    /// Committee members present at its first meeting.
    pub present: u64,
    pub secretary: String,
    pub secretary_yes: u64,
    pub deputy: Option<(String, u64)>,
}

/// Records the secretary and deputy chosen by the new committee among those elected: each needs
/// the votes of more than half of the committee (refused with the numbers).
pub async fn elect_officers(ctx: &Ctx, id: Uuid, input: OfficersInput) -> Result<Election> {
    let (e, _) = authorized(ctx, id, Action::RunElections).await?;
    if e.status != "elected" {
        return Err(AppError::Conflict { field: "secretary", key: "error-election-not-elected" });
    }
    let c = ctx.db().conn();
    let elected = progress(c, &e).await?.elected;
    let members = elected.len() as u64;
    let mut checks = Checks::default();
    checks.check(!elected.contains(&input.secretary), "secretary", "error-election-officer-not-elected");
    if let Some((d, _)) = &input.deputy {
        checks.check(!elected.contains(d) || d == &input.secretary, "deputy", "error-election-officer-not-elected");
    }
    checks.finish()?;
    let mut reasons = Vec::new();
    let mut ok = true;
    for yes in std::iter::once(input.secretary_yes).chain(input.deputy.as_ref().map(|(_, y)| *y)) {
        let v = stage_rules::officer_vote(members, input.present, yes)
            .map_err(|_| AppError::invalid("present", "error-election-officer-count"))?;
        ok &= v.elected;
        reasons.push(lianxin_core::rules::elections::officer_reason(&v));
    }
    if !ok {
        return Err(AppError::Rule { field: "secretary_yes", key: "error-election-officer-votes", reasons });
    }
    let tx = ctx.db().write().await?;
    let mut e = locked_in(&tx, id, &["elected"], "error-election-not-elected").await?;
    e.secretary = Some(input.secretary.clone());
    e.deputy = input.deputy.as_ref().map(|(d, _)| d.clone());
    e.updated_at = ctx.now();
    append(
        &tx,
        id,
        &[Entry::Officers {
            round: e.round as u32,
            members,
            present: input.present,
            secretary: input.secretary.clone(),
            secretary_yes: input.secretary_yes,
            deputy: input.deputy.as_ref().map(|(d, _)| d.clone()),
            deputy_yes: input.deputy.as_ref().map_or(0, |(_, y)| *y),
        }],
    )
    .await?;
    let e = store::update_election(&tx, e).await?;
    record(&tx, ctx, Stale::Nothing, "election.officers", "election", Some(&id.to_string()), "ok", json!({ "members": members })).await?;
    ctx.commit(tx).await?;
    Ok(e)
}

/// Sends the result to the level above for approval. Refused while seats are left to fill (the
/// re-vote or the further round not yet held), with the numbers, and before the officers are
/// chosen.
pub async fn report(ctx: &Ctx, id: Uuid) -> Result<Election> {
    let (e, _) = authorized(ctx, id, Action::RunElections).await?;
    let c = ctx.db().conn();
    match e.status.as_str() {
        "elected" => {}
        "recommending" => return Err(AppError::Conflict { field: "round", key: "error-election-candidates-not-fixed" }),
        "counted" | "voting" | "preparing" => {
            let p = progress(c, &e).await?;
            return Err(AppError::Rule {
                field: "round",
                key: "error-election-seats-left",
                reasons: vec![lianxin_core::rules::elections::seats_filled_reason(p.elected.len() as u64, e.seats as u64)],
            });
        }
        _ => return Err(AppError::Conflict { field: "round", key: "error-election-reported" }),
    }
    if e.secretary.is_none() {
        return Err(AppError::invalid("secretary", "error-election-no-officers"));
    }
    let org = orgs_store::org(c, e.org_id).await?.ok_or(AppError::NotFound)?;
    let tx = ctx.db().write().await?;
    let mut e = locked_in(&tx, id, &["elected"], "error-election-reported").await?;
    e.status = "reported".into();
    e.reported_on = Some(ctx.app.today());
    e.updated_at = ctx.now();
    if let Some(parent) = org.parent_id {
        let body = format!("{} · {}", org.name, e.title);
        lianxin_store::notify::insert_inbox(&tx, vec![notify::notice(ctx, To::Org(parent), None, "notice-election-reported", &body)?.0])
            .await?;
    }
    let e = store::update_election(&tx, e).await?;
    record(&tx, ctx, Stale::Nothing, "election.report", "election", Some(&id.to_string()), "ok", json!({})).await?;
    ctx.commit(tx).await?;
    Ok(e)
}

/// The level above approves the reported result: the committee's current posts end the day
/// before, and the posts of those elected start today for the usual term (five years) in the
/// people capability — the secretary, the deputy and the committee members. Someone elected who
/// is not one member of the organization by that name is refused by name, nothing changed.
pub async fn approve(ctx: &Ctx, id: Uuid) -> Result<Election> {
    let (e, p) = authorized(ctx, id, Action::ReadElections).await?;
    ctx.authorize(Action::ApproveElection, Target::Org(&p), "election", Some(&id.to_string())).await?;
    if e.status != "reported" {
        return Err(AppError::Conflict { field: "round", key: "error-election-not-reported" });
    }
    let c = ctx.db().conn();
    let elected = progress(c, &e).await?.elected;
    let candidates = store::candidates(c, id).await?;
    // Only members who may be elected today take a post: full members, not under 留党察看.
    let today = ctx.app.today();
    let eligible = voters(c, &p, e.org_id, today).await?;
    let mut persons = Vec::new();
    let mut unknown = Vec::new();
    for name in &elected {
        let linked = candidates.iter().find(|x| &x.name == name).and_then(|x| x.person_id);
        match linked.or_else(|| member_named(&eligible, e.org_id, name)).filter(|pid| eligible.iter().any(|m| m.person_id == *pid)) {
            Some(pid) => persons.push((name.clone(), pid)),
            None => unknown.push(name.clone()),
        }
    }
    if !unknown.is_empty() {
        return Err(AppError::Rule {
            field: "elected",
            key: "error-election-elected-unknown",
            reasons: vec![lianxin_core::rules::elections::not_members_reason(&unknown)],
        });
    }
    let now = ctx.now();
    let tx = ctx.db().write().await?;
    let mut e = locked_in(&tx, id, &["reported"], "error-election-not-reported").await?;
    for old in people_store::positions_in(&tx, Some(e.org_id), None, today, false).await? {
        if matches!(PostKind::parse(&old.post), Some(PostKind::Secretary | PostKind::DeputySecretary | PostKind::CommitteeMember)) {
            people_store::end_position(&tx, old.id, today).await?;
        }
    }
    let rows = persons
        .iter()
        .map(|(name, pid)| {
            let post = if e.secretary.as_deref() == Some(name.as_str()) {
                PostKind::Secretary
            } else if e.deputy.as_deref() == Some(name.as_str()) {
                PostKind::DeputySecretary
            } else {
                PostKind::CommitteeMember
            };
            people_store::Position {
                id: Uuid::now_v7(),
                person_id: *pid,
                post: post.as_str().into(),
                org_id: Some(e.org_id),
                body_id: None,
                grid_id: None,
                started_on: today,
                planned_end: term_end(today, post.default_term_years()),
                ended_on: None,
                note: e.title.clone(),
                created_at: now,
            }
        })
        .collect();
    people_store::insert_positions(&tx, rows).await?;
    e.status = "approved".into();
    e.approved_on = Some(today);
    e.approved_by = Some(who(ctx));
    e.updated_at = now;
    let e = store::update_election(&tx, e).await?;
    record(&tx, ctx, Stale::Access, "election.approve", "election", Some(&id.to_string()), "ok", json!({ "posts": persons.len() })).await?;
    ctx.commit(tx).await?;
    Ok(e)
}

/// Tells the organization above each committee whose term ended with no new committee approved
/// since, once per term.
pub async fn term_sweep(ctx: &Ctx, now: chrono::DateTime<chrono::Utc>) -> Result<u64> {
    let today = crate::meetings::local(ctx, now);
    let c = ctx.db().conn();
    let ended = store::ended_terms(c, today).await?;
    if ended.is_empty() {
        return Ok(0);
    }
    let ids: Vec<Uuid> = ended.iter().map(|(o, _)| *o).collect();
    let orgs = orgs_store::orgs_by_ids(c, &ids).await?;
    let tx = ctx.db().write().await?;
    let mut inbox = Vec::new();
    for (org_id, planned_end) in ended {
        let Some(org) = orgs.iter().find(|o| o.id == org_id) else { continue };
        let Some(parent) = org.parent_id else { continue };
        if org.status != "active" || !store::note_term_told(&tx, org_id, planned_end).await? {
            continue;
        }
        let body = format!("{} · {}", org.name, planned_end);
        inbox.push(notify::notice(ctx, To::Org(parent), None, "notice-election-term-ended", &body)?.0);
    }
    let sent = inbox.len() as u64;
    lianxin_store::notify::insert_inbox(&tx, inbox).await?;
    if sent > 0 {
        record(&tx, ctx, Stale::Nothing, "election.term_sweep", "org", None, "ok", json!({ "notices": sent })).await?;
    }
    ctx.commit(tx).await?;
    Ok(sent)
}
