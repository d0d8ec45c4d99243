//! Browser journey of a whole 公推直选 on a phone (390×844), in Chinese: the secretary of 石门村
//! starts the public recommendation, registers four members and enters the recommendation votes;
//! the township's organizer, who sees each nominee's score and place in the leaders' pool, is
//! refused three candidates for three seats (the margin, with its numbers) and fixes four; the
//! secretary opens a paper round, the second teller's differing count is refused with each
//! difference, the agreed count elects three; the new committee's secretary and deputy are
//! recorded and the result sent up; the township approves; a villager, without signing in, reads
//! the board checked and recounted.
//!
//! Screenshots: `election-*-phone.png` in `target/screenshots/`.

use std::time::Duration;

use fantoccini::Client;

use super::{
    BRANCH, Driver, PHONE, Viewport,
    appeals::{sign_out, wait_for_text},
    assert_no_overflow, browser_binaries, click, helpers, shoot, sign_in, type_in, wait_for_path,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn election_journey_phone() {
    let Some((driver_bin, chrome_bin)) = browser_binaries() else { return };
    let app = helpers::spawn_app(helpers::Backend::Sqlite).await.expect("SQLite app");
    let driver = Driver::start(&driver_bin).await;
    let c = driver.session(&chrome_bin, PHONE).await;
    let result = tokio::time::timeout(Duration::from_secs(170), walk(&c, &app, PHONE)).await;
    let _ = c.close().await;
    drop(driver);
    result.unwrap_or_else(|_| panic!("the election journey took longer than 170 s"));
}

async fn value(c: &Client, css: &str, v: &str) {
    let e = super::find(c, css).await;
    e.clear().await.expect("clear");
    e.send_keys(v).await.expect("type");
}

/// Waits until the nominees' table has `n` rows.
async fn rows(c: &Client, n: usize) {
    let started = std::time::Instant::now();
    loop {
        let found = c.find_all(fantoccini::Locator::Css("table.cards tbody tr")).await.map(|r| r.len()).unwrap_or(0);
        if found == n {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "{found} nominees, not {n}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn walk(c: &Client, app: &helpers::TestApp, v: Viewport) {
    let branch = app.org_id(BRANCH).await;
    sign_in(c, app, "secretary").await;
    c.goto(&app.url(&format!("/orgs/{branch}/elections"))).await.expect("the elections");
    wait_for_text(c, "本届委员会任期到").await;
    click(c, r#"details:has(form[action$="/plan"]) summary"#).await;
    type_in(c, r#"form[action$="/plan"] input[name=title]"#, "石门村党支部委员会换届选举").await;
    type_in(c, r#"form[action$="/plan"] input[name=seats]"#, "3").await;
    assert_no_overflow(c, v, "the elections list").await;
    click(c, r#"form[action$="/plan"] button[type=submit]"#).await;
    let page = wait_for_path(c, "the election", |p| p.starts_with("/elections/")).await;
    wait_for_text(c, "公开推荐中").await;

    // Four full members come forward.
    let id: uuid::Uuid = page.trim_start_matches("/elections/").parse().expect("an election id");
    let roll = lianxin_app::elections::show(&app.ctx(), id).await.expect("the election").roll;
    let names: Vec<String> = roll.iter().take(4).map(|r| r.person_name.clone()).collect();
    for (i, n) in names.iter().enumerate() {
        click(c, r#"details:has(form[action$="/nominate"]) summary"#).await;
        type_in(c, r#"form[action$="/nominate"] input[name=name]"#, n).await;
        click(c, r#"form[action$="/nominate"] button[type=submit]"#).await;
        rows(c, i + 1).await;
    }
    click(c, r#"details:has(form[action$="/recommend"]) summary"#).await;
    value(c, "input[name=member_ballots]", "30").await;
    value(c, "input[name=villager_ballots]", "80").await;
    for i in 0..4 {
        value(c, &format!("input[name=m{i}]"), &(28 - 3 * i).to_string()).await;
        value(c, &format!("input[name=v{i}]"), &(70 - 10 * i).to_string()).await;
    }
    click(c, r#"form[action$="/recommend"] button[type=submit]"#).await;
    let text = wait_for_text(c, "28 / 30").await;
    assert!(text.contains("由上级查看"), "the branch does not see the pool: {text}");
    assert_no_overflow(c, v, "the nominees").await;
    shoot(c, v, "election-nominees").await;
    sign_out(c).await;

    // The township fixes the candidates: three for three seats is refused.
    sign_in(c, app, "township").await;
    c.goto(&app.url(&page)).await.expect("the election");
    let text = wait_for_text(c, "确定正式候选人").await;
    assert!(text.contains("人才库"), "the pool beside each name: {text}");
    for i in 1..=3 {
        click(c, &format!(r#"form[action$="/fix"] label.check:nth-of-type({i}) input"#)).await;
    }
    click(c, r#"form[action$="/fix"] button[type=submit]"#).await;
    let text = wait_for_text(c, "至少要 4 名").await;
    assert!(text.contains("候选人人数不够差额要求"), "{text}");
    shoot(c, v, "election-margin-refused").await;
    for i in 1..=4 {
        click(c, &format!(r#"form[action$="/fix"] label.check:nth-of-type({i}) input"#)).await;
    }
    click(c, r#"form[action$="/fix"] button[type=submit]"#).await;
    wait_for_text(c, "筹备中").await;
    sign_out(c).await;

    // The assembly votes on paper; the tellers must agree.
    sign_in(c, app, "secretary").await;
    c.goto(&app.url(&page)).await.expect("the election");
    let p = roll.len();
    let half = p / 2 + 1;
    value(c, "input[name=present]", &p.to_string()).await;
    click(c, "input[name=way][value=paper]").await;
    click(c, r#"form[action$="/open"] button[type=submit]"#).await;
    wait_for_text(c, "纸质选票计票").await;
    let candidates = lianxin_app::elections::show(&app.ctx(), id).await.expect("the election").candidates;
    let enter = |teller: &'static str, slot: &'static str, last: usize| {
        let p = p.to_string();
        let half = half.to_string();
        async move {
            click(c, &format!("select[name=slot] option[value='{slot}']")).await;
            type_in(c, "input[name=teller]", teller).await;
            value(c, "input[name=issued]", &p).await;
            value(c, "input[name=returned]", &p).await;
            value(c, "input[name=void]", "0").await;
            for i in 0..3 {
                value(c, &format!("input[name=y{i}]"), &half).await;
            }
            value(c, "input[name=y3]", &last.to_string()).await;
            click(c, r#"form[action$="/count"] button[type=submit]"#).await;
        }
    };
    enter("刘计票", "1", 2).await;
    wait_for_text(c, "计票人1（刘计票）已录入").await;
    enter("陈计票", "2", 3).await;
    let text = wait_for_text(c, "两名计票人的数字不一致").await;
    assert!(text.contains(&format!("“{}”：计票人一录入 2，计票人二录入 3", candidates[3].name)), "{text}");
    assert_no_overflow(c, v, "the tellers' difference").await;
    shoot(c, v, "election-tellers-differ").await;
    enter("陈计票", "2", 2).await;
    let text = wait_for_text(c, "已选满").await;
    assert!(text.contains("当选："), "{text}");

    // The new committee: the secretary and the deputy; then the result goes up.
    value(c, r#"form[action$="/officers"] input[name=present]"#, "3").await;
    value(c, "input[name=secretary_yes]", "3").await;
    click(c, &format!("select[name=deputy] option[value='{}']", candidates[1].name)).await;
    value(c, "input[name=deputy_yes]", "2").await;
    click(c, r#"form[action$="/officers"] button[type=submit]"#).await;
    wait_for_text(c, "报上级审批").await;
    click(c, r#"form[action$="/report"] button[type=submit]"#).await;
    wait_for_text(c, "已报上级审批").await;
    shoot(c, v, "election-reported").await;
    sign_out(c).await;

    // A second factor's code is good once: the next sign-in is a minute later.
    app.clock.set(lianxin_core::Clock::now(&app.clock) + chrono::TimeDelta::seconds(60));
    sign_in(c, app, "township").await;
    c.goto(&app.url(&page)).await.expect("the election");
    click(c, r#"form[action$="/approve"] button[type=submit]"#).await;
    let text = wait_for_text(c, "上级已批准选举结果").await;
    assert!(text.contains(&candidates[0].name), "{text}");
    assert_no_overflow(c, v, "the approved election").await;
    shoot(c, v, "election-approved").await;
    sign_out(c).await;

    // Anyone reads the board, checked and recounted.
    c.goto(&app.url(&format!("/board/elections/{id}"))).await.expect("the board");
    let text = wait_for_text(c, "公示栏核对无误").await;
    assert!(text.contains("两人录入一致") && text.contains("选举书记"), "{text}");
    assert_no_overflow(c, v, "the board").await;
    shoot(c, v, "election-board").await;
}
