//! Voting on site, through the use cases: the candidate list held to the competitive margin, the
//! roll of those with a vote and an exclusion, a round opened only with its quorum, 200 voters
//! casting at once with 20 of them trying twice (one ballot each), ballots the rules make void
//! refused with their reasons, the box and the roll kept apart in the raw database, the board
//! recounted and a tampered entry found.

use lianxin_app::{AppError, elections};
use lianxin_core::elections::Ballot;
use sea_orm::{ConnectionTrait, FromQueryResult, Statement};
use uuid::Uuid;

use crate::both;
use crate::helpers::{TestApp, ctx_for};

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn ballot(approve: &[&str], disapprove: &[&str], abstain: &[&str], write_in: &[&str]) -> Ballot {
    Ballot { approve: names(approve), disapprove: names(disapprove), abstain: names(abstain), write_in: names(write_in) }
}

/// The columns of `table`, read from a row of it.
async fn columns(t: &TestApp, table: &str) -> Vec<String> {
    let c = t.app.db.conn();
    let stmt = Statement::from_string(c.get_database_backend(), format!("SELECT * FROM {table} LIMIT 1"));
    let row = sea_orm::JsonValue::find_by_statement(stmt).one(c).await.unwrap().expect("a row");
    let mut keys: Vec<String> = row.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

async fn two_hundred_voters_cast_once_each(t: TestApp) {
    let branch = t.org_id("中共石门村支部委员会").await;
    let sec = ctx_for(&t, "secretary").await;
    // Three seats need four candidates at least.
    let short = elections::ElectionNew { title: "支部委员会换届选举".into(), seats: 3, candidates: names(&["甲", "乙", "丙"]) };
    let r = elections::prepare(&sec, branch, short).await;
    assert!(matches!(&r, Err(AppError::Rule { reasons, .. }) if reasons[0].key == "reason-competitive-margin"), "{r:?}");
    let new = elections::ElectionNew {
        title: "支部委员会换届选举".into(), seats: 3, candidates: names(&["王明", "李红", "张强", "赵芳"])
    };
    let e = elections::prepare(&sec, branch, new).await.unwrap();
    let view = elections::show(&sec, e.id).await.unwrap();
    assert!(!view.roll.is_empty(), "the branch's full members are on the roll");

    // Two hundred more voters on the roll (a large branch), one of the demo's excluded.
    let extra: Vec<elections::RollEntry> = (0..200)
        .map(|i| elections::RollEntry {
            election_id: e.id, person_id: Uuid::now_v7(), person_name: format!("党员{i:03}"), excluded: None
        })
        .collect();
    {
        use sea_orm::{EntityTrait, IntoActiveModel};
        lianxin_store::entity::election_roll::Entity::insert_many(extra.iter().cloned().map(IntoActiveModel::into_active_model))
            .exec(t.app.db.conn())
            .await
            .unwrap();
    }
    let away = view.roll[0].person_id;
    elections::exclude(&sec, e.id, away, "在国外六个月以上，经上级批准、党员大会通过不计入应到人数").await.unwrap();
    let expected = (view.roll.len() - 1 + 200) as u64;

    // The quorum: more than four fifths of those expected (exactly four fifths passes too).
    let few = expected * 4 / 5 - 1;
    let r = elections::open_round(&sec, e.id, few, false).await;
    assert!(matches!(&r, Err(AppError::Rule { reasons, .. }) if reasons[0].key == "reason-election-quorum"), "{r:?}");
    elections::open_round(&sec, e.id, expected, false).await.unwrap();

    // Void ballots are refused with the rule, nothing cast.
    let voter = extra[0].person_id;
    let over = elections::cast(&sec, e.id, voter, ballot(&["王明", "李红", "张强", "赵芳"], &[], &[], &[])).await;
    assert!(matches!(&over, Err(AppError::Rule { reasons, .. }) if reasons[0].key == "reason-ballot-chosen"), "{over:?}");
    let write_in = elections::cast(&sec, e.id, voter, ballot(&["王明"], &[], &["李红"], &["钱七"])).await;
    assert!(matches!(&write_in, Err(AppError::Rule { .. })), "a write-in beside an abstention: {write_in:?}");
    let stranger = elections::cast(&sec, e.id, voter, ballot(&["孙某"], &[], &[], &[])).await;
    assert!(matches!(&stranger, Err(AppError::Invalid { .. })), "{stranger:?}");
    let excluded = elections::cast(&sec, e.id, away, ballot(&["王明"], &[], &[], &[])).await;
    assert!(matches!(&excluded, Err(AppError::Invalid { .. })), "{excluded:?}");
    assert_eq!(lianxin_store::elections::ballots(t.app.db.conn(), e.id, 1).await.unwrap().len(), 0);

    // Two hundred at once, and twenty of them a second time at once: one ballot each.
    let mut tasks = Vec::new();
    for (i, v) in extra.iter().enumerate() {
        for _ in 0..(if i < 20 { 2 } else { 1 }) {
            let (ctx, id, person) = (t.ctx(), e.id, v.person_id);
            let marks = match i % 4 {
                0 => ballot(&["王明", "李红", "张强"], &["赵芳"], &[], &[]),
                1 => ballot(&["王明", "李红"], &["张强"], &["赵芳"], &[]),
                2 => ballot(&["王明", "赵芳"], &["李红", "张强"], &[], &["钱七"]),
                _ => ballot(&["李红"], &[], &["王明", "张强", "赵芳"], &[]),
            };
            tasks.push(tokio::spawn(async move { elections::cast(&ctx, id, person, marks).await }));
        }
    }
    let mut receipts = Vec::new();
    let mut refused = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(r) => receipts.push(r),
            Err(AppError::Conflict { key: "error-election-voted", .. }) => refused += 1,
            Err(e) => panic!("{e:?}"),
        }
    }
    assert_eq!((receipts.len(), refused), (200, 20), "one ballot per voter");
    let c = t.app.db.conn();
    assert_eq!(lianxin_store::elections::ballots(c, e.id, 1).await.unwrap().len(), 200, "no ballot lost");
    assert_eq!(lianxin_store::elections::voted_count(c, e.id, 1).await.unwrap(), 200);

    // The raw database: the box holds no voter and no time, its ids random; the roll of who
    // voted holds no ballot.
    assert_eq!(columns(&t, "election_ballots").await, ["election_id", "id", "marks", "receipt", "round"]);
    assert_eq!(columns(&t, "election_voted").await, ["election_id", "person_id", "round"]);
    for b in lianxin_store::elections::ballots(c, e.id, 1).await.unwrap() {
        assert_eq!(b.id.get_version_num(), 4, "a random id, not one that carries the time");
    }

    // Each voter finds their receipt on the board, and proves it with their secret.
    let board = lianxin_store::elections::board(c, e.id).await.unwrap();
    let mine = &receipts[7];
    let entry = board.iter().find(|r| r.payload.contains(&mine.receipt)).expect("the receipt is on the board");
    let on_board: lianxin_core::elections::board::Entry = serde_json::from_str(&entry.payload).unwrap();
    let lianxin_core::elections::board::Entry::Ballot { ballot: marks, .. } = on_board else { panic!("a ballot entry") };
    assert_eq!(lianxin_core::elections::board::receipt(&mine.nonce, &serde_json::to_string(&marks).unwrap()), mine.receipt);

    // Closed and counted: present = expected, 200 ballots returned of that many issued.
    let round = elections::close_round(&sec, e.id).await.unwrap();
    assert_eq!(round.result.word(), "counted");
    // 王明: 150 of 200 + roll; 李红 150; 张强 50; 赵芳 50 (+ 钱七 50 written in).
    assert_eq!(round.elected, ["王明", "李红"], "{round:?}");
    let v = elections::verify(&sec, e.id).await.unwrap();
    assert!(v.ok(), "{v:?}");
    assert_eq!(v.rounds[0].valid, 200);

    // A ballot changed in the database after the count: the board no longer checks.
    let seq = board.iter().find(|r| r.payload.contains("\"disapprove\":[\"赵芳\"]")).expect("a ballot against 赵芳").seq;
    let stmt = Statement::from_string(
        c.get_database_backend(),
        // (This database holds this one election: SQLite keeps ids as bytes, so the row is found
        // by its sequence alone.)
        format!("UPDATE election_board SET payload = REPLACE(payload, '\"disapprove\":[\"赵芳\"]', '\"disapprove\":[]') WHERE seq = {seq}"),
    );
    c.execute_raw(stmt).await.unwrap();
    let v = elections::verify(&sec, e.id).await.unwrap();
    assert_eq!(v.broken_at, Some(seq));
    assert!(!v.ok());

    // A member casts only their own ballot.
    let member = ctx_for(&t, "member").await;
    let someone = extra[30].person_id;
    assert!(matches!(elections::cast(&member, e.id, someone, ballot(&["王明"], &[], &[], &[])).await, Err(AppError::Forbidden)));
}
both!(two_hundred_voters_cast_once_each, two_hundred_voters_cast_once_each);

/// The pages, without JavaScript: the secretary prepares an election and opens its round (first
/// refused without the quorum, with the numbers); the member votes on their phone and gets a
/// receipt, once; the round is closed and the public board, read without signing in, checks.
async fn an_election_through_the_pages(t: TestApp) {
    let branch = t.org_id("中共石门村支部委员会").await;
    let sec = t.browser_as("secretary").await;
    let short = [("title", "支部委员会换届选举"), ("seats", "3"), ("candidates", "王明\n李红\n张强")];
    let r = sec.post(t.url(&format!("/orgs/{branch}/elections"))).form(&short).send().await.unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("至少要 4 名"), "the margin with its numbers");
    let form = [("title", "支部委员会换届选举"), ("seats", "3"), ("candidates", "王明、李红、张强、赵芳")];
    let r = sec.post(t.url(&format!("/orgs/{branch}/elections"))).form(&form).send().await.unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
    let page = r.headers()["location"].to_str().unwrap().to_owned();
    let id: Uuid = page.trim_start_matches("/elections/").parse().unwrap();
    let expected = elections::show(&t.ctx(), id).await.unwrap().roll.len();
    let r = sec.post(t.url(&format!("{page}/open"))).form(&[("present", "1")]).send().await.unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains(&format!("应到会 {expected} 人，不足五分之四")));
    let r = sec.post(t.url(&format!("{page}/open"))).form(&[("present", expected.to_string())]).send().await.unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);

    let member = t.browser_as("member").await;
    let me = t.person_of("member").await;
    let on_roll = elections::show(&t.ctx(), id).await.unwrap().roll.iter().any(|r| r.person_id == me);
    let ballot = [("m0", "yes"), ("m1", "yes"), ("m2", "no"), ("m3", "abstain")];
    let r = member.post(t.url(&format!("{page}/vote"))).form(&ballot).send().await.unwrap();
    let status = r.status();
    let text = r.text().await.unwrap();
    if on_roll {
        assert_eq!(status, reqwest::StatusCode::OK, "{text}");
        assert!(text.contains("选票已投入票箱") && text.contains("回执"), "{text}");
        let again = member.post(t.url(&format!("{page}/vote"))).form(&ballot).send().await.unwrap();
        assert_eq!(again.status(), reqwest::StatusCode::CONFLICT);
        assert!(again.text().await.unwrap().contains("每人每轮只能投一张票"));
    } else {
        // The demo member is not a full member with a vote: refused, nothing in the box.
        assert_eq!(status, reqwest::StatusCode::UNPROCESSABLE_ENTITY, "{text}");
    }
    // The secretary records the others at the kiosk.
    let roll = elections::show(&t.ctx(), id).await.unwrap().roll;
    for r in roll.iter().take(3) {
        let mut f: Vec<(&str, String)> = ballot.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        f.push(("voter", r.person_id.to_string()));
        let _ = sec.post(t.url(&format!("{page}/vote"))).form(&f).send().await.unwrap();
    }
    let r = sec.post(t.url(&format!("{page}/close"))).send().await.unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
    let board = crate::helpers::browser().get(t.url(&format!("/board/elections/{id}"))).send().await.unwrap();
    assert_eq!(board.status(), reqwest::StatusCode::OK);
    let text = board.text().await.unwrap();
    assert!(text.contains("公示栏核对无误") && text.contains("第 1 轮开始"), "{text}");
    assert!(text.contains("保密说明"), "the page says what the operator can still learn");
}
both!(an_election_through_the_pages, an_election_through_the_pages);
