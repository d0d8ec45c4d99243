//! The access matrix: each role × (own subtree, sibling subtree, parent) × (read, change), through
//! the pages and the API, with denials audited.

use reqwest::StatusCode;

use crate::{both, helpers::TestApp};

/// Reads the page of an organization and tries to rename it through its edit form.
async fn read_and_change(app: &TestApp, c: &reqwest::Client, org: uuid::Uuid) -> (StatusCode, StatusCode) {
    let read = c.get(app.url(&format!("/orgs/{org}"))).send().await.expect("get").status();
    let change = c
        .post(app.url(&format!("/orgs/{org}/edit")))
        .form(&[("name", "改名测试"), ("basis", "area"), ("note", ""), ("established_on", "")])
        .send()
        .await
        .expect("post")
        .status();
    (read, change)
}

/// (read, change) statuses expected.
type Expect = (StatusCode, StatusCode);
/// (login, own subtree, sibling subtree, parent, expected on own, on sibling, on parent)
type Case = (&'static str, uuid::Uuid, uuid::Uuid, uuid::Uuid, Expect, Expect, Expect);

const OK: StatusCode = StatusCode::OK;
const MOVED: StatusCode = StatusCode::SEE_OTHER;
const HIDDEN: StatusCode = StatusCode::NOT_FOUND;
const DENIED: StatusCode = StatusCode::FORBIDDEN;

async fn matrix(app: TestApp) {
    let county = app.org_id("中共青山县委员会").await;
    let qingshan = app.org_id("中共青山镇委员会").await;
    let baishi = app.org_id("中共白石乡委员会").await;
    let shimen = app.org_id("中共石门村支部委员会").await; // the secretary's own branch
    let liuwan = app.org_id("中共柳湾村支部委员会").await; // the neighbouring village (secretary2)
    let shimen_group = {
        let v = lianxin_app::orgs::org(&app.ctx(), shimen).await.expect("org");
        v.children[0].id
    };
    // (login, own subtree, sibling subtree, parent, expected own (read, change), sibling, parent)
    let cases: Vec<Case> = vec![
        ("township", qingshan, baishi, county, (OK, MOVED), (HIDDEN, HIDDEN), (HIDDEN, HIDDEN)),
        ("secretary", shimen_group, liuwan, qingshan, (OK, MOVED), (HIDDEN, HIDDEN), (HIDDEN, HIDDEN)),
        ("inspector", qingshan, qingshan, county, (OK, DENIED), (OK, DENIED), (OK, DENIED)),
        ("member", shimen, liuwan, qingshan, (OK, DENIED), (HIDDEN, HIDDEN), (HIDDEN, HIDDEN)),
        ("sysadmin", shimen, liuwan, county, (HIDDEN, HIDDEN), (HIDDEN, HIDDEN), (HIDDEN, HIDDEN)),
        ("secadmin", shimen, liuwan, county, (HIDDEN, HIDDEN), (HIDDEN, HIDDEN), (HIDDEN, HIDDEN)),
        ("auditor", shimen, liuwan, county, (HIDDEN, HIDDEN), (HIDDEN, HIDDEN), (HIDDEN, HIDDEN)),
    ];
    for (login, own, sibling, parent, e_own, e_sib, e_par) in cases {
        let c = app.browser_as(login).await;
        assert_eq!(read_and_change(&app, &c, own).await, e_own, "{login} on own subtree");
        assert_eq!(read_and_change(&app, &c, sibling).await, e_sib, "{login} on sibling subtree");
        assert_eq!(read_and_change(&app, &c, parent).await, e_par, "{login} on parent");
    }
    // The county organizer reaches everything below the county.
    let c = app.browser_as("county").await;
    assert_eq!(read_and_change(&app, &c, liuwan).await, (OK, MOVED));
}
both!(role_matrix_over_pages, matrix);

/// A village secretary probing the neighbouring village by id: 404 through pages and API, the
/// organization unchanged, and every attempt audited as a denial.
async fn neighbour_probe(app: TestApp) {
    let liuwan = app.org_id("中共柳湾村支部委员会").await;
    let target = liuwan.to_string();
    let before = app.audit_count("org.read", "denied", Some(&target)).await + app.audit_count("org.change", "denied", Some(&target)).await;
    let c = app.browser_as("secretary").await;
    assert_eq!(c.get(app.url(&format!("/orgs/{liuwan}"))).send().await.unwrap().status(), HIDDEN);
    assert_eq!(c.get(app.url(&format!("/orgs/{liuwan}/edit"))).send().await.unwrap().status(), HIDDEN);
    let r = c.post(app.url(&format!("/orgs/{liuwan}/dissolve"))).form(&[("reason", "probe")]).send().await.unwrap();
    assert_eq!(r.status(), HIDDEN);
    let token = app.token("secretary", lianxin_app::TokenAccess::Write).await;
    let api = reqwest::Client::new();
    let r = api.get(app.url(&format!("/api/v1/orgs/{liuwan}"))).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), HIDDEN);
    let r = api
        .patch(app.url(&format!("/api/v1/orgs/{liuwan}")))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "name": "hijacked" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), HIDDEN);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");

    let after = app.audit_count("org.read", "denied", Some(&target)).await + app.audit_count("org.change", "denied", Some(&target)).await;
    assert_eq!(after - before, 5, "each probe leaves a denial in the audit log");
    let v = lianxin_app::orgs::org(&app.ctx(), liuwan).await.unwrap();
    assert_eq!(v.org.name, "中共柳湾村支部委员会");
    assert_eq!(v.org.status, "active");
    // The listing never shows the neighbour either.
    let list: serde_json::Value = api.get(app.url("/api/v1/orgs")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    let names: Vec<&str> = list["items"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"中共石门村支部委员会") && !names.contains(&"中共柳湾村支部委员会"), "{names:?}");
    // An unknown id looks exactly like a hidden one.
    let r = c.get(app.url(&format!("/orgs/{}", uuid::Uuid::now_v7()))).send().await.unwrap();
    assert_eq!(r.status(), HIDDEN);
}
both!(neighbour_village_by_id, neighbour_probe);

/// Areas follow the organizations: a village secretary sees their village and its groups only.
async fn area_scope(app: TestApp) {
    let shimen = app.area_id("石门村").await;
    let liuwan = app.area_id("柳湾村").await;
    let c = app.browser_as("secretary").await;
    assert_eq!(c.get(app.url(&format!("/areas/{shimen}"))).send().await.unwrap().status(), OK);
    assert_eq!(c.get(app.url(&format!("/areas/{liuwan}"))).send().await.unwrap().status(), HIDDEN);
    // A secretary reads areas but does not change them; the township organizer does.
    let r = c.post(app.url(&format!("/areas/{shimen}/edit"))).form(&[("name", "X"), ("code", "990121100202")]).send().await.unwrap();
    assert_eq!(r.status(), DENIED);
    let t = app.browser_as("township").await;
    let r = t.post(app.url(&format!("/areas/{shimen}/edit"))).form(&[("name", "石门村"), ("code", "990121100202")]).send().await.unwrap();
    assert_eq!(r.status(), MOVED);
}
both!(areas_follow_the_scope, area_scope);

/// Administrator duties are separated: none can do another's work.
async fn admin_separation(app: TestApp) {
    let sys = app.browser_as("sysadmin").await;
    let sec = app.browser_as("secadmin").await;
    let aud = app.browser_as("auditor").await;
    // Only the audit administrator reads the audit log.
    assert_eq!(aud.get(app.url("/admin/audit")).send().await.unwrap().status(), OK);
    assert_eq!(sys.get(app.url("/admin/audit")).send().await.unwrap().status(), DENIED);
    assert_eq!(sec.get(app.url("/admin/audit")).send().await.unwrap().status(), DENIED);
    // Only the system administrator creates accounts.
    let form = [("username", "newuser"), ("display_name", "新用户"), ("password", "long-enough-pass-1"), ("locale", "zh-CN")];
    assert_eq!(sec.post(app.url("/admin/accounts")).form(&form).send().await.unwrap().status(), DENIED);
    assert_eq!(aud.post(app.url("/admin/accounts")).form(&form).send().await.unwrap().status(), DENIED);
    assert_eq!(sys.post(app.url("/admin/accounts")).form(&form).send().await.unwrap().status(), MOVED);
    // Only the security administrator grants roles.
    let county = app.org_id("中共青山县委员会").await.to_string();
    let grant = [("role", "organizer"), ("org_id", county.as_str()), ("area_id", "")];
    assert_eq!(sys.post(app.url("/admin/accounts/newuser/grants")).form(&grant).send().await.unwrap().status(), DENIED);
    assert_eq!(aud.post(app.url("/admin/accounts/newuser/grants")).form(&grant).send().await.unwrap().status(), DENIED);
    assert_eq!(sec.post(app.url("/admin/accounts/newuser/grants")).form(&grant).send().await.unwrap().status(), MOVED);
    // An administrator role cannot be combined with another role.
    let r = sec
        .post(app.url("/admin/accounts/newuser/grants"))
        .form(&[("role", "audit_admin"), ("org_id", ""), ("area_id", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A secretary reaches none of the administration.
    let s = app.browser_as("secretary").await;
    for path in ["/admin/audit", "/admin/accounts"] {
        assert_eq!(s.get(app.url(path)).send().await.unwrap().status(), DENIED, "{path}");
    }
}
both!(administrator_duties_are_separated, admin_separation);

/// API tokens: read tokens cannot write, revoked tokens stop working, bad tokens are refused.
async fn tokens(app: TestApp) {
    let shimen = app.org_id("中共石门村支部委员会").await;
    let api = reqwest::Client::new();
    let read = app.token("secretary", lianxin_app::TokenAccess::Read).await;
    let r = api.get(app.url(&format!("/api/v1/orgs/{shimen}"))).bearer_auth(&read).send().await.unwrap();
    assert_eq!(r.status(), OK);
    assert_eq!(r.headers()["cache-control"], "no-store", "API answers are never cached");
    let r = api.get(app.url("/api/v1/people?limit=1")).bearer_auth(&read).send().await.unwrap();
    assert_eq!(r.headers()["cache-control"], "no-store", "{}", r.status());
    let r = api
        .patch(app.url(&format!("/api/v1/orgs/{shimen}")))
        .bearer_auth(&read)
        .json(&serde_json::json!({ "note": "x" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), DENIED);
    let write = app.token("secretary", lianxin_app::TokenAccess::Write).await;
    let r = api
        .patch(app.url(&format!("/api/v1/orgs/{shimen}")))
        .bearer_auth(&write)
        .json(&serde_json::json!({ "note": "备注" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), OK);
    let r =
        api.get(app.url("/api/v1/me")).bearer_auth("lx_not-a-token").header("x-request-id", "chosen-by-the-client").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // The refusal is audited, under a request id the server made (the client's is set aside).
    let server_id = r.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_ne!(server_id, "chosen-by-the-client");
    assert_eq!(app.audit_count("token.reject", lianxin_core::audit::DENIED, None).await, 1, "a bogus token is audited");
    let f = lianxin_store::audit::AuditFilter { action_prefix: Some("token.reject".into()), ..Default::default() };
    let entries = lianxin_store::audit::list(app.app.db.conn(), &f, 10).await.unwrap();
    assert_eq!(entries[0].request_id.as_deref(), Some(server_id.as_str()), "the audit entry carries the server's id");
    // Revoke through the owner's account page.
    let c = app.browser_as("secretary").await;
    let tokens = lianxin_store::accounts::tokens_of(
        app.app.db.conn(),
        lianxin_store::accounts::by_username(app.app.db.conn(), "secretary").await.unwrap().unwrap().id,
    )
    .await
    .unwrap();
    // Someone else cannot revoke them, and trying is audited.
    let stranger = app.browser_as("township").await;
    let r = stranger.post(app.url(&format!("/account/tokens/{}/revoke", tokens[0].id))).send().await.unwrap();
    assert_eq!(r.status(), HIDDEN);
    assert_eq!(app.audit_count("token.revoke", lianxin_core::audit::DENIED, Some(&tokens[0].id.to_string())).await, 1);
    for t in tokens {
        let r = c.post(app.url(&format!("/account/tokens/{}/revoke", t.id))).send().await.unwrap();
        assert_eq!(r.status(), MOVED);
    }
    let r = api.get(app.url("/api/v1/me")).bearer_auth(&write).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.audit_count("token.reject", lianxin_core::audit::DENIED, None).await, 2, "so is a revoked one");
    // Tokens are stored hashed: the plain token is nowhere in the table.
    let all = lianxin_store::accounts::tokens_of(
        app.app.db.conn(),
        lianxin_store::accounts::by_username(app.app.db.conn(), "secretary").await.unwrap().unwrap().id,
    )
    .await
    .unwrap();
    assert!(all.iter().all(|t| !t.token_hash.contains(&write) && t.token_hash.len() == 64));
}
both!(api_tokens_are_scoped_and_revocable, tokens);

/// Every answer carries the security headers and the server's own request id, whatever answers:
/// a page, a signed-in page, the API, Open311, a probe, a page or address that does not exist.
/// A client's id is kept aside.
async fn stamped_answers(app: TestApp) {
    let anon = reqwest::Client::new();
    let signed = app.browser_as("secretary").await;
    let cases = [
        (&anon, "/"),
        (&signed, "/appeals"),
        (&anon, "/api/v1/me"),
        (&anon, "/open311/v2/services.json"),
        (&anon, "/healthz"),
        (&anon, "/no/such/page"),
        (&anon, "/api/v1/no-such-thing"),
    ];
    let mut ids = std::collections::HashSet::new();
    for (c, path) in cases {
        let r = c.get(app.url(path)).header("x-request-id", "from-the-client").send().await.unwrap();
        let h = r.headers();
        assert!(h["content-security-policy"].to_str().unwrap().contains("default-src 'self'"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
        let id = h["x-request-id"].to_str().unwrap().to_owned();
        assert_ne!(id, "from-the-client", "{path}");
        assert!(ids.insert(id), "{path}: every request has its own id");
    }
}
both!(answers_carry_security_headers_and_request_ids, stamped_answers);

/// A secretary cannot widen their own scope by adding areas to their branch; an organizer who
/// holds those areas can.
async fn areas_cannot_widen_scope(app: TestApp) {
    let shimen = app.org_id("中共石门村支部委员会").await;
    let county_area = app.area_id("青山县").await;
    let liuwan_area = app.area_id("柳湾村").await;
    let shimen_area = app.area_id("石门村").await;
    let api = reqwest::Client::new();
    let token = app.token("secretary", lianxin_app::TokenAccess::Write).await;
    for grab in [county_area, liuwan_area] {
        let r = api
            .patch(app.url(&format!("/api/v1/orgs/{shimen}")))
            .bearer_auth(&token)
            .json(&serde_json::json!({ "areas": [shimen_area, grab] }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let e: serde_json::Value = r.json().await.unwrap();
        assert_eq!(e["error"]["field"], "areas");
    }
    // Dropping its own village is refused too: areas are the organizers' to change.
    let r = api
        .patch(app.url(&format!("/api/v1/orgs/{shimen}")))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "areas": [] }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let v = lianxin_app::orgs::org(&app.ctx(), shimen).await.unwrap();
    assert_eq!(v.areas.iter().map(|a| a.id).collect::<Vec<_>>(), vec![shimen_area], "unchanged");
    // The secretary still cannot read the neighbour village's area.
    let c = app.browser_as("secretary").await;
    assert_eq!(c.get(app.url(&format!("/areas/{liuwan_area}"))).send().await.unwrap().status(), HIDDEN);
    // The township organizer may let the branch serve a second village of the township.
    let t = app.token("township", lianxin_app::TokenAccess::Write).await;
    let r = api
        .patch(app.url(&format!("/api/v1/orgs/{shimen}")))
        .bearer_auth(&t)
        .json(&serde_json::json!({ "areas": [shimen_area, liuwan_area] }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), OK);
    // Saving the edit form without touching the areas keeps them.
    let c = app.browser_as("secretary").await;
    let r =
        c.post(app.url(&format!("/orgs/{shimen}/edit"))).form(&[("name", "中共石门村支部委员会"), ("basis", "area")]).send().await.unwrap();
    assert_eq!(r.status(), MOVED);
    assert_eq!(lianxin_app::orgs::org(&app.ctx(), shimen).await.unwrap().areas.len(), 2);
}
both!(secretary_cannot_widen_own_scope, areas_cannot_widen_scope);

/// Each administrator sees their own part of an account's page and can act only there; nobody
/// changes an administrator's account through the web.
async fn admin_pages(app: TestApp) {
    let sys = app.browser_as("sysadmin").await;
    let sec = app.browser_as("secadmin").await;
    let page = sys.get(app.url("/admin/accounts/secretary")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("/disable") && !page.contains("/grants") && !page.contains("/unlock"));
    let page = sec.get(app.url("/admin/accounts/secretary")).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains("/disable") && page.contains("/grants") && page.contains("/unlock"));
    // The system administrator cannot silence the audit administrator.
    let r = sys.post(app.url("/admin/accounts/auditor/disable")).send().await.unwrap();
    assert_eq!(r.status(), DENIED);
    assert!(r.text().await.unwrap().contains("管理员账号只能在服务器控制台上修改"));
    let a = lianxin_store::accounts::by_username(app.app.db.conn(), "auditor").await.unwrap().unwrap();
    assert!(!a.disabled);
    // Disabling a village account works and ends its sessions at once.
    let victim = app.browser_as("member").await;
    assert_eq!(victim.get(app.url("/orgs")).send().await.unwrap().status(), OK);
    assert_eq!(sys.post(app.url("/admin/accounts/member/disable")).send().await.unwrap().status(), MOVED);
    assert_eq!(victim.get(app.url("/orgs")).send().await.unwrap().status(), MOVED);
}
both!(administrator_pages_follow_duties, admin_pages);

/// Every refused change to an account is in the audit log, naming the account: another duty's
/// work, an administrator's account from the web, roles that may not be combined.
async fn refused_account_changes(app: TestApp) {
    use lianxin_core::audit::DENIED as NO;
    let sys = app.browser_as("sysadmin").await;
    let sec = app.browser_as("secadmin").await;
    let id = |name: &'static str| {
        let app = &app;
        async move { lianxin_store::accounts::by_username(app.app.db.conn(), name).await.unwrap().unwrap().id.to_string() }
    };
    let (member, auditor, sysadmin) = (id("member").await, id("auditor").await, id("sysadmin").await);
    // The system administrator grants a role (the security administrator's duty).
    let county = app.org_id("中共青山县委员会").await.to_string();
    let grant = [("role", "organizer"), ("org_id", county.as_str()), ("area_id", "")];
    assert_eq!(sys.post(app.url("/admin/accounts/member/grants")).form(&grant).send().await.unwrap().status(), DENIED);
    assert_eq!(app.audit_count("grants.manage", NO, None).await, 1);
    // The system administrator disables the audit administrator.
    assert_eq!(sys.post(app.url("/admin/accounts/auditor/disable")).send().await.unwrap().status(), DENIED);
    assert_eq!(app.audit_count("accounts.manage", NO, Some(&auditor)).await, 1);
    // The security administrator resets the system administrator's second factor, or revokes the
    // audit administrator's role: administrators' accounts change only at the console.
    assert_eq!(sec.post(app.url("/admin/accounts/sysadmin/reset-totp")).send().await.unwrap().status(), DENIED);
    assert_eq!(app.audit_count("grants.manage", NO, Some(&sysadmin)).await, 1);
    let sys_row = lianxin_store::accounts::by_username(app.app.db.conn(), "sysadmin").await.unwrap().unwrap();
    assert!(sys_row.totp_enabled && sys_row.totp_secret.is_some(), "the second factor stays");
    let grants = lianxin_store::accounts::grants_of(app.app.db.conn(), uuid::Uuid::parse_str(&auditor).unwrap()).await.unwrap();
    let r = sec.post(app.url(&format!("/admin/grants/{}/revoke", grants[0].id))).send().await.unwrap();
    assert_eq!(r.status(), DENIED);
    assert_eq!(app.audit_count("grants.manage", NO, Some(&auditor)).await, 1);
    assert_eq!(lianxin_store::accounts::grants_of(app.app.db.conn(), grants[0].account_id).await.unwrap().len(), 1, "the role stays");
    // The security administrator gives a village member an administrator role as well.
    let r = sec
        .post(app.url("/admin/accounts/member/grants"))
        .form(&[("role", "audit_admin"), ("org_id", ""), ("area_id", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.audit_count("grant.create", NO, Some(&member)).await, 1);
    // The security administrator's own duty on a village account still works.
    assert_eq!(sec.post(app.url("/admin/accounts/member/reset-totp")).send().await.unwrap().status(), MOVED);
}
both!(refused_account_changes_are_audited, refused_account_changes);
