//! Sessions: a new id at sign-in, idle and absolute timeouts on the injected clock, lockout with
//! back-off, the second factor, and refusal of cross-site form posts.

use chrono::Duration;
use lianxin_app::demo;
use reqwest::StatusCode;

use crate::{
    both,
    helpers::{TestApp, browser},
};

fn session_cookie(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("lx_session="))
        .map(|c| c.split(';').next().unwrap_or("").to_owned())
}

async fn rotation(app: TestApp) {
    let c = browser();
    // Put something in an anonymous session first: a failed login leaves the pending state empty,
    // so use the language-neutral path of starting a second-factor login instead.
    let r = c.post(app.url("/login")).form(&[("username", "county"), ("password", demo::PASSWORD), ("next", "/")]).send().await.unwrap();
    let before = session_cookie(&r).expect("a session is issued for the pending second factor");
    let code = demo::current_code(app.clock_now());
    let r = c.post(app.url("/login/totp")).form(&[("code", code.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let after = session_cookie(&r).expect("sign-in sets a new session cookie");
    assert_ne!(before, after, "the session id changes at sign-in");
    // The old id is worthless now.
    let stale = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = stale.get(app.url("/orgs")).header("cookie", before).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(r.headers()["location"].to_str().unwrap().starts_with("/login"));
    let r = c.get(app.url("/orgs")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}
both!(session_id_rotates_at_sign_in, rotation);

async fn timeouts(app: TestApp) {
    let c = app.browser_as("secretary").await;
    assert_eq!(c.get(app.url("/orgs")).send().await.unwrap().status(), StatusCode::OK);
    // Idle for longer than the idle limit (30 minutes by default): signed out.
    app.clock.advance(Duration::minutes(31));
    let r = c.get(app.url("/orgs")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "idle session must end");

    // Active every 20 minutes, the absolute limit (12 hours) still ends the session.
    let c = app.browser_as("secretary").await;
    for step in 1..=40 {
        app.clock.advance(Duration::minutes(20));
        let r = c.get(app.url("/orgs")).send().await.unwrap();
        if r.status() != StatusCode::OK {
            assert!(step * 20 > 12 * 60, "ended after {} minutes, before the absolute limit", step * 20);
            return;
        }
    }
    panic!("the session outlived the absolute limit");
}
both!(sessions_time_out, timeouts);

async fn lockout(app: TestApp) {
    // Addresses are read from X-Forwarded-For, as behind the county's proxy.
    let Some(app) = crate::helpers::spawn_app_with(app.backend, |s| s.security.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await
    else {
        return;
    };
    let login = app.url("/login");
    let from = |ip: &'static str| {
        let (c, login) = (browser(), login.clone());
        move |user: &'static str, password: &'static str| {
            c.post(&login).header("x-forwarded-for", ip).form(&[("username", user), ("password", password), ("next", "/")]).send()
        }
    };
    let stranger = from("10.9.9.9");
    let mut answers = Vec::new();
    for _ in 0..5 {
        let r = stranger("secretary", "wrong-password-1").await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        answers.push(r.text().await.unwrap());
    }
    // Refused now from that address, even with the right password — answered exactly like a
    // wrong password, and like a name that does not exist, so nothing tells which names exist.
    let r = stranger("secretary", demo::PASSWORD).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let locked_body = r.text().await.unwrap();
    let r = stranger("no-such-person", "wrong-password-1").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let unknown_body = r.text().await.unwrap();
    let message = |body: &str| body.split("role=\"alert\"").nth(1).map(|t| t.split('<').next().unwrap_or("").to_owned());
    assert_eq!(message(&locked_body), message(&answers[0]), "a lock reads like a wrong password");
    assert_eq!(message(&unknown_body), message(&answers[0]), "an unknown name reads the same");
    assert!(message(&answers[0]).is_some_and(|m| !m.is_empty()), "there is a message: {}", answers[0]);
    assert!(!locked_body.contains("锁定"), "no lock is announced");
    assert!(app.audit_count("auth.login", "failed", None).await >= 7, "every failure is audited");
    // The owner, at their own address, still signs in: a stranger cannot lock them out.
    let owner = from("10.1.1.1");
    let r = owner("secretary", demo::PASSWORD).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the owner is not locked out");
    // After the lock (15 minutes) the right password works from the stranger's address too.
    app.clock.advance(Duration::minutes(16));
    let r = stranger("secretary", demo::PASSWORD).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}
both!(repeated_failures_slow_the_address_not_the_owner, lockout);

async fn address_lockout(app: TestApp) {
    // Many accounts tried from one address: the address is refused for every account, answered
    // like any failed sign-in.
    let c = browser();
    let threshold = app.app.settings.security.ip_lockout_threshold;
    for i in 0..threshold {
        let user = format!("nobody{i}");
        let r = c
            .post(app.url("/login"))
            .form(&[("username", user.as_str()), ("password", "whatever-123"), ("next", "/")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let r = c.post(app.url("/login")).form(&[("username", "member"), ("password", demo::PASSWORD), ("next", "/")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.audit_count("auth.login", "failed", None).await, threshold as usize + 1);
}
both!(repeated_failures_lock_the_address, address_lockout);

async fn second_factor(app: TestApp) {
    let c = browser();
    let r =
        c.post(app.url("/login")).form(&[("username", "township"), ("password", demo::PASSWORD), ("next", "/orgs")]).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/login/totp", "staff above the village must pass a second factor");
    // Not signed in yet.
    assert_eq!(c.get(app.url("/orgs")).send().await.unwrap().status(), StatusCode::SEE_OTHER);
    let r = c.post(app.url("/login/totp")).form(&[("code", "000000")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let code = demo::current_code(app.clock_now());
    let r = c.post(app.url("/login/totp")).form(&[("code", code.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/orgs");
    // The secret is encrypted at rest: the raw column holds neither the secret nor anything base32.
    let raw = lianxin_store::accounts::by_username(app.app.db.conn(), "township").await.unwrap().unwrap().totp_secret.unwrap();
    assert_ne!(raw, demo::TOTP_SECRET);
    assert!(!raw.contains(demo::TOTP_SECRET) && raw.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()), "{raw}");
    // A secret written in clear before (base32) still works and is sealed on its first use.
    let county = lianxin_store::accounts::by_username(app.app.db.conn(), "county").await.unwrap().unwrap();
    let tx = app.app.db.write().await.unwrap();
    lianxin_store::accounts::update(
        &tx,
        county.id,
        lianxin_store::accounts::AccountPatch { totp_secret: Some(Some(demo::TOTP_SECRET.into())), ..Default::default() },
        {
            use lianxin_core::Clock;
            app.clock.now()
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let c4 = browser();
    c4.post(app.url("/login")).form(&[("username", "county"), ("password", demo::PASSWORD), ("next", "/")]).send().await.unwrap();
    let r = c4.post(app.url("/login/totp")).form(&[("code", demo::current_code(app.clock_now()).as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "a clear secret of before still signs in");
    let raw = lianxin_store::accounts::by_username(app.app.db.conn(), "county").await.unwrap().unwrap().totp_secret.unwrap();
    assert_ne!(raw, demo::TOTP_SECRET, "and is sealed now");
    assert_eq!(c.get(app.url("/orgs")).send().await.unwrap().status(), StatusCode::OK);

    // A new staff account above the village has to enrol before it gets in.
    let ctx = app.ctx();
    lianxin_app::accounts::create(
        &ctx,
        lianxin_app::accounts::AccountNew {
            username: "newstaff".into(),
            display_name: "新同事".into(),
            password: "river-stone-2026".into(),
            locale: Default::default(),
        },
    )
    .await
    .unwrap();
    let county = app.org_id("中共青山县委员会").await;
    lianxin_app::accounts::grant_role(
        &ctx,
        "newstaff",
        lianxin_core::accounts::Role::Viewer,
        lianxin_app::accounts::GrantScope::Org(county),
    )
    .await
    .unwrap();
    let c = browser();
    let r =
        c.post(app.url("/login")).form(&[("username", "newstaff"), ("password", "river-stone-2026"), ("next", "/")]).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/login/totp-setup");
    let page = c.get(app.url("/login/totp-setup")).send().await.unwrap().text().await.unwrap();
    let secret: String = page
        .split("otpauth://totp/")
        .nth(1)
        .and_then(|s| s.split("secret=").nth(1))
        .map(|s| s.chars().take_while(|c| c.is_ascii_alphanumeric()).collect())
        .expect("secret shown");
    let code = lianxin_core::totp::code_at(&lianxin_core::totp::base32_decode(&secret).unwrap(), app.clock_now());
    let r = c.post(app.url("/login/totp-setup")).form(&[("code", code.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(c.get(app.url("/orgs")).send().await.unwrap().status(), StatusCode::OK);
}
both!(second_factor_is_required_above_the_village, second_factor);

async fn csrf(app: TestApp) {
    let c = app.browser_as("secretary").await;
    let shimen = app.org_id("中共石门村支部委员会").await;
    let evil = c
        .post(app.url(&format!("/orgs/{shimen}/edit")))
        .header("origin", "http://evil.example")
        .header("sec-fetch-site", "cross-site")
        .form(&[("name", "被篡改"), ("basis", "area")])
        .send()
        .await
        .unwrap();
    assert_eq!(evil.status(), StatusCode::FORBIDDEN);
    let v = lianxin_app::orgs::org(&app.ctx(), shimen).await.unwrap();
    assert_eq!(v.org.name, "中共石门村支部委员会", "a cross-site post changes nothing");
    // The same post from the site itself goes through.
    let ok = c
        .post(app.url(&format!("/orgs/{shimen}/edit")))
        .header("origin", format!("http://{}", app.addr))
        .header("sec-fetch-site", "same-origin")
        .form(&[("name", "中共石门村支部委员会"), ("basis", "area"), ("note", "同源提交")])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
}
both!(cross_site_posts_are_refused, csrf);

async fn logout(app: TestApp) {
    let c = app.browser_as("member").await;
    assert_eq!(c.get(app.url("/orgs")).send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(c.post(app.url("/logout")).send().await.unwrap().status(), StatusCode::SEE_OTHER);
    assert_eq!(c.get(app.url("/orgs")).send().await.unwrap().status(), StatusCode::SEE_OTHER);
    assert_eq!(app.audit_count("auth.logout", "ok", None).await, 1);
}
both!(sign_out_ends_the_session, logout);

async fn rotation_policy(app: TestApp) {
    let Some(app) = crate::helpers::spawn_app_with(app.backend, |s| {
        s.security.password_max_age_days = Some(90);
        s.security.totp_required_roles = vec!["member".into()];
    })
    .await
    else {
        return;
    };
    // A role named by the setting needs a second factor even in a village.
    let c = browser();
    let r = c.post(app.url("/login")).form(&[("username", "member"), ("password", demo::PASSWORD), ("next", "/")]).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/login/totp", "the demo enrolled it because the setting names the role");

    // 100 days later the password has expired: only the account page is reachable until it changes.
    app.clock.advance(Duration::days(100));
    let c = app.browser_as("secretary").await;
    let r = c.get(app.url("/orgs")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/account?expired=1");
    let page = c.get(app.url("/account?expired=1")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("密码已超过规定的使用期限"));
    let r = c
        .post(app.url("/account/password"))
        .form(&[("current_password", demo::PASSWORD), ("new_password", "spring-rain-2027"), ("confirm_password", "spring-rain-2027")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(c.get(app.url("/orgs")).send().await.unwrap().status(), StatusCode::OK);
}
both!(password_rotation_and_named_roles, rotation_policy);

/// A second-factor code works once; guessing on the enrolment page counts like sign-in failures.
async fn second_factor_abuse(app: TestApp) {
    let code = demo::current_code(app.clock_now());
    let c = browser();
    c.post(app.url("/login")).form(&[("username", "township"), ("password", demo::PASSWORD), ("next", "/")]).send().await.unwrap();
    let r = c.post(app.url("/login/totp")).form(&[("code", code.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The same code again, from another browser, is refused.
    let c2 = browser();
    c2.post(app.url("/login")).form(&[("username", "township"), ("password", demo::PASSWORD), ("next", "/")]).send().await.unwrap();
    let r = c2.post(app.url("/login/totp")).form(&[("code", code.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a used code is not accepted again");
    // An account with a second factor cannot be "enrolled" again to guess codes.
    let r = c2.post(app.url("/login/totp-setup")).form(&[("code", "123456")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    // Wrong codes lock the account like wrong passwords do.
    for _ in 0..5 {
        c2.post(app.url("/login/totp")).form(&[("code", "000000")]).send().await.unwrap();
    }
    let fresh = demo::current_code(app.clock_now() + 30);
    let r = c2.post(app.url("/login/totp")).form(&[("code", fresh.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    // A half-finished sign-in expires.
    let c3 = browser();
    c3.post(app.url("/login")).form(&[("username", "county"), ("password", demo::PASSWORD), ("next", "/")]).send().await.unwrap();
    app.clock.advance(Duration::minutes(6));
    let code = demo::current_code(app.clock_now());
    let r = c3.post(app.url("/login/totp")).form(&[("code", code.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(r.headers()["location"].to_str().unwrap().starts_with("/login"), "back to the password");
}
both!(second_factor_cannot_be_replayed_or_guessed, second_factor_abuse);
