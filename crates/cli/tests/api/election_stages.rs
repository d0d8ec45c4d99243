//! A public direct election (公推直选) through the use cases, from the recommendation to the posts
//! in the people records: nominees (a non-member refused), recommendation votes over their ballots
//! refused, the candidates fixed by the township only and held to the margin, in stroke order; a
//! paper round whose tellers disagree (refused with every difference, nothing kept) then agree and
//! leave a seat — the result refused for approval until the further round — filled on site (a
//! write-in of someone elected refused, a member's own ballot over the API); a tie at the cut-off
//! re-voted among the tied, decided by the most votes; the secretary and deputy by the new
//! committee (too few votes refused); approval by the township only, which ends the old posts and
//! starts the new ones; the board verified; and the township told once of a term ended.

use lianxin_app::{
    AppError,
    elections::{self, OfficersInput, TellerOutcome},
};
use lianxin_core::elections::{Ballot, stages::PaperCount, strokes::by_strokes};

use crate::both;
use crate::helpers::{TestApp, ctx_for};

fn count(issued: u64, void: u64, yes: &[(&str, u64)]) -> PaperCount {
    PaperCount { issued, returned: issued, void, yes: yes.iter().map(|(n, v)| ((*n).to_owned(), *v)).collect() }
}

async fn a_public_direct_election_from_recommendation_to_posts(t: TestApp) {
    let branch = t.org_id("中共石门村支部委员会").await;
    let township_org = t.org_id("中共青山镇委员会").await;
    let sec = ctx_for(&t, "secretary").await;
    let township = ctx_for(&t, "township").await;
    let e = elections::plan(&sec, branch, "石门村党支部委员会换届（公推直选）", 3).await.unwrap();
    assert_eq!(e.status, "recommending");
    let roll = elections::show(&sec, e.id).await.unwrap().roll;
    assert!(roll.len() >= 8, "the demo branch has enough full members: {}", roll.len());
    let people: Vec<String> = roll.iter().take(5).map(|r| r.person_name.clone()).collect();

    // Nominees: full members only, each once.
    for (i, n) in people.iter().enumerate() {
        elections::nominate(&sec, e.id, n, ["registered", "members", "masses"][i % 3]).await.unwrap();
    }
    let r = elections::nominate(&sec, e.id, "无名氏", "registered").await;
    assert!(matches!(&r, Err(AppError::Invalid { .. })), "{r:?}");
    assert!(elections::nominate(&sec, e.id, &people[0], "members").await.is_err(), "twice");

    // Recommendation votes: never more than the ballots returned.
    let over = vec![(people[0].clone(), 41, 0)];
    assert!(matches!(elections::record_recommendation(&sec, e.id, 40, 100, &over).await, Err(AppError::Invalid { .. })));
    let votes: Vec<(String, u64, u64)> =
        people.iter().enumerate().map(|(i, n)| (n.clone(), 38 - 5 * i as u64, 90 - 10 * i as u64)).collect();
    elections::record_recommendation(&sec, e.id, 40, 100, &votes).await.unwrap();
    let view = elections::show(&township, e.id).await.unwrap();
    assert_eq!(view.nominees[0].nominee.name, people[0], "the best score first");
    // 60 × 38/40 + 40 × 90/100 = 57 + 36 = 93.00.
    assert_eq!(view.nominees[0].score.score, 9300);
    assert!(view.nominees.iter().all(|n| n.pool_place.is_some()), "the township sees the leaders' pool beside each name");
    assert!(elections::show(&sec, e.id).await.unwrap().nominees.iter().all(|n| n.pool_place.is_none()), "the branch does not");

    // The candidates: fixed by the level above only, with the margin, in stroke order.
    let four: Vec<String> = people[..4].to_vec();
    assert!(matches!(elections::fix_candidates(&sec, e.id, &four).await, Err(AppError::Forbidden)), "not by the branch itself");
    let r = elections::fix_candidates(&township, e.id, &people[..3]).await;
    assert!(matches!(&r, Err(AppError::Rule { reasons, .. }) if reasons[0].key == "reason-competitive-margin"), "{r:?}");
    assert!(matches!(elections::open_round(&sec, e.id, roll.len() as u64, true).await, Err(AppError::Conflict { .. })), "no vote before");
    let e2 = elections::fix_candidates(&township, e.id, &four).await.unwrap();
    assert_eq!(e2.status, "preparing");
    let cands: Vec<String> = elections::show(&sec, e.id).await.unwrap().candidates.into_iter().map(|c| c.name).collect();
    assert!(cands.windows(2).all(|w| by_strokes(&w[0], &w[1]).is_le()), "stroke order: {cands:?}");
    let (a, b, c, d) = (&cands[0], &cands[1], &cands[2], &cands[3]);

    // Round 1 on paper: everyone present.
    let p = roll.len() as u64;
    let half = p / 2 + 1;
    elections::open_round(&sec, e.id, p, true).await.unwrap();
    let cast = elections::cast(&sec, e.id, roll[0].person_id, Ballot::default()).await;
    assert!(matches!(cast, Err(AppError::Conflict { key: "error-election-paper-round", .. })), "{cast:?}");
    let first = count(p, 0, &[(a, p), (b, half), (c, half - 1), (d, half - 1)]);
    assert_eq!(elections::enter_count(&sec, e.id, 1, "刘计票", first.clone()).await.unwrap(), TellerOutcome::Waiting);
    let same = elections::enter_count(&sec, e.id, 2, "刘计票", first.clone()).await;
    assert!(matches!(&same, Err(AppError::Invalid { .. })), "one person cannot be both tellers: {same:?}");
    let differs = count(p, 1, &[(a, p - 1), (b, half), (c, half - 1), (d, half - 1)]);
    let r = elections::enter_count(&sec, e.id, 2, "陈计票", differs).await;
    match &r {
        Err(AppError::Rule { key: "error-election-tellers-differ", reasons, .. }) => {
            let keys: Vec<&str> = reasons.iter().map(|r| r.key).collect();
            assert_eq!(keys, ["reason-tellers-differ-void", "reason-tellers-differ"], "void, then {a}: {reasons:?}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(lianxin_store::elections::teller_counts(t.app.db.conn(), e.id, 1).await.unwrap().len(), 1, "nothing kept");
    let TellerOutcome::Counted(r1) = elections::enter_count(&sec, e.id, 2, "陈计票", first).await.unwrap() else { panic!("agreed") };
    assert_eq!((r1.elected.clone(), r1.shortfall), (vec![a.clone(), b.clone()], 1), "{c} and {d} have half or less");

    // Not to the township with a seat left.
    let early = elections::report(&sec, e.id).await;
    assert!(matches!(&early, Err(AppError::Rule { reasons, .. }) if reasons[0].key == "reason-election-seats-filled"), "{early:?}");
    let view = elections::show(&sec, e.id).await.unwrap();
    assert_eq!(view.next, Some((vec![c.clone(), d.clone()], 1)), "the further round among those not elected");

    // Round 2 on site for the seat left.
    let r2 = elections::open_round(&sec, e.id, p, false).await.unwrap();
    assert_eq!(r2.round, 2);
    let again = Ballot { approve: vec![], disapprove: vec![c.clone()], abstain: vec![d.clone()], write_in: vec![a.clone()] };
    let r = elections::cast(&sec, e.id, roll[0].person_id, again).await;
    assert!(
        matches!(&r, Err(AppError::Invalid { fields }) if fields[0].key == "error-election-write-in-elected"),
        "{a} is elected already: {r:?}"
    );
    // The member casts their own over the API (when on the roll), once; the rest at the kiosk.
    let me = t.person_of("member").await;
    let api = reqwest::Client::new();
    let token = t.token("member", lianxin_app::TokenAccess::Write).await;
    let j: serde_json::Value =
        api.get(t.url(&format!("/api/v1/elections/{}", e.id))).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    assert_eq!((j["status"].as_str(), j["open_seats"].as_u64()), (Some("voting"), Some(1)), "{j}");
    assert_eq!(j["open_candidates"], serde_json::json!([c, d]));
    let ballot = serde_json::json!({ "approve": [c], "disapprove": [d] });
    let r = api.post(t.url(&format!("/api/v1/elections/{}/ballots", e.id))).bearer_auth(&token).json(&ballot).send().await.unwrap();
    let on_roll = roll.iter().any(|r| r.person_id == me);
    if on_roll {
        assert_eq!(r.status(), reqwest::StatusCode::CREATED);
        let receipt: serde_json::Value = r.json().await.unwrap();
        assert_eq!(receipt["receipt"].as_str().unwrap().len(), 64);
        let again = api.post(t.url(&format!("/api/v1/elections/{}/ballots", e.id))).bearer_auth(&token).json(&ballot).send().await.unwrap();
        assert_eq!(again.status(), reqwest::StatusCode::CONFLICT);
    } else {
        assert_eq!(r.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    }
    for v in roll.iter().filter(|v| v.person_id != me || !on_roll) {
        let marks = Ballot { approve: vec![c.clone()], disapprove: vec![d.clone()], abstain: vec![], write_in: vec![] };
        elections::cast(&sec, e.id, v.person_id, marks).await.unwrap();
    }
    let r2 = elections::close_round(&sec, e.id).await.unwrap();
    assert_eq!((r2.elected.clone(), r2.shortfall), (vec![c.clone()], 0));
    let view = elections::show(&sec, e.id).await.unwrap();
    assert_eq!(view.election.status, "elected");
    assert_eq!(view.elected, [a.clone(), b.clone(), c.clone()]);
    assert!(matches!(elections::open_round(&sec, e.id, p, true).await, Err(AppError::Conflict { key: "error-election-complete", .. })));

    // The new committee elects its secretary and deputy.
    let few = OfficersInput { present: 3, secretary: a.clone(), secretary_yes: 1, deputy: None };
    let r = elections::elect_officers(&sec, e.id, few).await;
    assert!(matches!(&r, Err(AppError::Rule { reasons, .. }) if reasons[0].key == "reason-officer-vote"), "{r:?}");
    assert!(elections::report(&sec, e.id).await.is_err(), "not before the officers");
    let ok = OfficersInput { present: 3, secretary: a.clone(), secretary_yes: 3, deputy: Some((b.clone(), 2)) };
    elections::elect_officers(&sec, e.id, ok).await.unwrap();
    elections::report(&sec, e.id).await.unwrap();
    let notices = lianxin_store::notify::inbox(t.app.db.conn(), None, &[township_org], 500).await.unwrap();
    assert!(notices.iter().any(|n| n.kind == "notice-election-reported" && n.body.contains("公推直选")));

    // Approval: the township only; the posts start in the people records.
    assert!(matches!(elections::approve(&sec, e.id).await, Err(AppError::Forbidden)));
    let c_db = t.app.db.conn();
    let today = t.app.today();
    let before = lianxin_store::people::positions_in(c_db, Some(branch), None, today, false).await.unwrap();
    // Approved twice at once (a double click): once.
    let (t1, t2) = (township.clone(), township.clone());
    let (id1, id2) = (e.id, e.id);
    let both =
        [tokio::spawn(async move { elections::approve(&t1, id1).await }), tokio::spawn(async move { elections::approve(&t2, id2).await })];
    let mut ok = 0;
    for task in both {
        match task.await.unwrap() {
            Ok(_) => ok += 1,
            Err(AppError::Conflict { key: "error-election-not-reported", .. }) => {}
            Err(other) => panic!("{other:?}"),
        }
    }
    assert_eq!(ok, 1, "approved once");
    let after = lianxin_store::people::positions_in(c_db, Some(branch), None, today, false).await.unwrap();
    let current: Vec<(String, Option<String>)> = after
        .iter()
        .filter(|x| x.started_on == today)
        .map(|x| (x.post.clone(), roll.iter().find(|r| r.person_id == x.person_id).map(|r| r.person_name.clone())))
        .collect();
    assert!(current.contains(&("secretary".into(), Some(a.clone()))), "{current:?}");
    assert!(current.contains(&("deputy_secretary".into(), Some(b.clone()))));
    assert!(current.contains(&("committee_member".into(), Some(c.clone()))));
    assert_eq!(current.len(), 3, "one post each: {current:?}");
    for old in before.iter().filter(|x| matches!(x.post.as_str(), "secretary" | "deputy_secretary" | "committee_member")) {
        let now = lianxin_store::people::position(c_db, old.id).await.unwrap().unwrap();
        assert_eq!(now.ended_on, Some(today), "the old committee's post ends");
    }

    // The board: three rounds and the officers, every one recounted and matching.
    let v = elections::verify(&sec, e.id).await.unwrap();
    assert!(v.ok(), "{v:?}");
    assert_eq!(v.rounds.len(), 2);

    // Terms ended without an election: the township is told once.
    let later = lianxin_core::Clock::now(&t.clock) + chrono::TimeDelta::days(6 * 366);
    let sent = elections::term_sweep(&t.ctx(), later).await.unwrap();
    assert!(sent >= 1, "{sent}");
    assert_eq!(elections::term_sweep(&t.ctx(), later).await.unwrap(), 0, "told once");
    let notices = lianxin_store::notify::inbox(t.app.db.conn(), None, &[township_org], 500).await.unwrap();
    assert!(notices.iter().any(|n| n.kind == "notice-election-term-ended" && n.body.contains("石门村")));
}
both!(a_public_direct_election_from_recommendation_to_posts, a_public_direct_election_from_recommendation_to_posts);

/// A tie at the cut-off: re-voted among the tied only, with no names written in, and decided by
/// the most votes — no second threshold, they all passed it; the board recounts it as a re-vote.
async fn a_tie_is_revoted_among_the_tied(t: TestApp) {
    let branch = t.org_id("中共石门村支部委员会").await;
    let sec = ctx_for(&t, "secretary").await;
    let new =
        elections::ElectionNew {
            title: "支部委员会补选".into(), seats: 2, candidates: ["王明", "李红", "张强"].map(String::from).into()
        };
    let e = elections::prepare(&sec, branch, new).await.unwrap();
    let cands: Vec<String> = elections::show(&sec, e.id).await.unwrap().candidates.into_iter().map(|c| c.name).collect();
    let p = elections::show(&sec, e.id).await.unwrap().roll.len() as u64;
    let half = p / 2 + 1;
    elections::open_round(&sec, e.id, p, true).await.unwrap();
    let tied = count(p, 0, &[(&cands[0], half), (&cands[1], half), (&cands[2], half)]);
    elections::enter_count(&sec, e.id, 1, "刘计票", tied.clone()).await.unwrap();
    let TellerOutcome::Counted(r1) = elections::enter_count(&sec, e.id, 2, "陈计票", tied).await.unwrap() else { panic!("agreed") };
    assert_eq!((r1.elected.len(), r1.revote_among.len(), r1.revote_seats), (0, 3, 2));
    elections::open_round(&sec, e.id, p, true).await.unwrap();
    let view = elections::show(&sec, e.id).await.unwrap();
    assert!(view.open.as_ref().is_some_and(|o| o.revote), "the round is a re-vote");
    let written = count(p, 0, &[(&cands[0], 3), (&cands[1], 2), ("钱七", 1)]);
    let r = elections::enter_count(&sec, e.id, 1, "刘计票", written).await;
    assert!(matches!(&r, Err(AppError::Invalid { fields }) if fields[0].key == "error-election-write-in-revote"), "{r:?}");
    // Fewer than half of those present, yet the most votes among the tied.
    let revote = count(p, 0, &[(&cands[0], 3), (&cands[1], 2), (&cands[2], 1)]);
    elections::enter_count(&sec, e.id, 1, "刘计票", revote.clone()).await.unwrap();
    let TellerOutcome::Counted(r2) = elections::enter_count(&sec, e.id, 2, "陈计票", revote).await.unwrap() else { panic!("agreed") };
    assert_eq!(r2.elected, [cands[0].clone(), cands[1].clone()]);
    let v = elections::verify(&sec, e.id).await.unwrap();
    assert!(v.ok(), "{v:?}");
    assert_eq!(elections::show(&sec, e.id).await.unwrap().election.status, "elected");
}
both!(a_tie_is_revoted_among_the_tied, a_tie_is_revoted_among_the_tied);
