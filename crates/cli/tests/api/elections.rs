//! The rules of elections and of the village meetings that resolve a matter, as a person checks
//! them beforehand: `POST /api/v1/rules/{name}` in JSON, and `/rules/{name}` as a form that
//! answers without JavaScript, in words.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both;
use crate::helpers::TestApp;

async fn the_election_and_decision_rules_answer(t: TestApp) {
    let c = reqwest::Client::new();
    let ask = |name: &str, body: Value| c.post(t.url(&format!("/api/v1/rules/{name}"))).json(&body).send();
    let json_of = |r: reqwest::Response| async move {
        assert_eq!(r.status(), StatusCode::OK);
        r.json::<Value>().await.unwrap()
    };

    // Quorum at exactly four fifths, and one short of it.
    let j = json_of(ask("election-quorum", json!({ "expected": 40, "present": 32 })).await.unwrap()).await;
    assert_eq!((j["valid"].clone(), j["need_present"].clone()), (json!(true), json!(32)));
    assert!(j["reasons"][0].as_str().unwrap().contains("32"), "{j}");
    let j = json_of(ask("election-quorum", json!({ "expected": 40, "present": 31 })).await.unwrap()).await;
    assert_eq!(j["valid"], false);
    let r = ask("election-quorum", json!({ "expected": 40, "present": 41 })).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["field"], "present");

    let j = json_of(ask("competitive-margin", json!({ "seats": 7, "candidates": 8 })).await.unwrap()).await;
    assert_eq!((j["allowed"].clone(), j["minimum_candidates"].clone()), (json!(false), json!(9)));

    // A ballot over the seats; a write-in beside an abstention; a write-in in place of a no.
    let ballot = |b: Value| json!({ "seats": 3, "ballot": b });
    let j = json_of(ask("ballot", ballot(json!({ "approve": ["甲", "乙", "丙", "丁"] }))).await.unwrap()).await;
    assert_eq!((j["valid"].clone(), j["chosen"].clone()), (json!(false), json!(4)));
    let j = json_of(ask("ballot", ballot(json!({ "approve": ["甲"], "abstain": ["乙"], "write_in": ["戊"] }))).await.unwrap()).await;
    assert_eq!(j["valid"], false);
    assert!(j["reasons"].to_string().contains("弃权的不能另选"), "{j}");
    let j = json_of(ask("ballot", ballot(json!({ "approve": ["甲"], "disapprove": ["乙"], "write_in": ["戊"] }))).await.unwrap()).await;
    assert_eq!(j["valid"], true);
    let r = ask("ballot", ballot(json!({ "maybe": ["甲"] }))).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["field"], "ballot");

    // A round: the tie at the cut-off is voted on again among the tied only.
    let round = |issued: u64, returned: u64| {
        json!({ "seats": 3, "present": 40, "issued": issued, "returned": returned,
                "yes": { "甲": 35, "乙": 30, "丙": 30, "丁": 30, "戊": 18 } })
    };
    let j = json_of(ask("election-round", round(40, 40)).await.unwrap()).await;
    assert_eq!(j["result"], "counted");
    assert_eq!(j["elected"], json!(["甲"]));
    let mut tied: Vec<String> = serde_json::from_value(j["revote_among"].clone()).unwrap();
    tied.sort();
    assert_eq!(
        (tied, j["revote_seats"].clone(), j["shortfall"].clone()),
        (vec!["丁".to_owned(), "丙".into(), "乙".into()], json!(2), json!(0))
    );
    let j = json_of(ask("election-round", round(38, 39)).await.unwrap()).await;
    assert_eq!((j["result"].clone(), j["elected"].clone()), (json!("void"), json!([])));
    let j = json_of(
        ask("election-round", json!({ "seats": 3, "present": 40, "issued": 40, "returned": 40, "yes": "甲:35, 乙:20, 丙:21" }))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((j["elected"].clone(), j["shortfall"].clone()), (json!(["甲", "丙"]), json!(1)), "20 of 40 is half, not more");
    let r = ask("election-round", json!({ "seats": 3, "present": 40, "issued": 40, "returned": 40, "yes": "甲:很多" })).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["field"], "yes");

    // The village meetings.
    let j = json_of(
        ask(
            "villagers-meeting",
            json!({ "adults": 600, "adults_present": 300, "households": 200, "household_reps_present": 134, "yes": 68 }),
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!((j["quorum"].clone(), j["passes"].clone()), (json!(true), json!(true)), "two thirds of the households");
    let j = json_of(
        ask("villagers-meeting", json!({ "adults": 600, "adults_present": 300, "households": 200, "household_reps_present": 133 }))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((j["quorum"].clone(), j["passes"].clone()), (json!(false), Value::Null));
    let j = json_of(ask("representatives-meeting", json!({ "members": 45, "present": 30, "yes": 15 })).await.unwrap()).await;
    assert_eq!((j["quorum"].clone(), j["passes"].clone()), (json!(true), json!(false)));

    // The same rules as pages: listed, and answering a form in words.
    let list = c.get(t.url("/rules")).send().await.unwrap().text().await.unwrap();
    for title in ["村民会议", "村民代表会议", "选举大会是否有效", "差额选举的候选人人数", "选票是否有效", "一轮选举的计票"]
    {
        assert!(list.contains(title), "/rules lists {title}");
    }
    let page_of = |path: &str| {
        let url = t.url(path);
        let c = c.clone();
        async move { c.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let page = page_of("/rules/election-round?seats=3&present=40&issued=40&returned=40&yes=%E7%94%B2%3A35%2C+%E4%B9%99%3A30%2C+%E4%B8%99%3A30%2C+%E4%B8%81%3A30").await;
    assert!(page.contains("只在他们中再次投票") && page.contains("已计票") && !page.contains("counted"), "in words");
    let page = page_of("/rules/ballot?seats=3&ballot=approve%3A+%E7%94%B2%3B+abstain%3A+%E4%B9%99%3B+write_in%3A+%E6%88%8A").await;
    assert!(page.contains("弃权的不能另选") && page.contains("是否有效票"), "the ballot rule names its own verdict");
    let en = c
        .get(t.url("/rules/representatives-meeting?members=45&present=29&yes=20"))
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.contains("fewer than two thirds of the 45 members"), "English complete");
}
both!(the_election_and_decision_rules_answer, the_election_and_decision_rules_answer);
