//! Administration, split by duty: accounts (system administrator), roles and unlocking (security
//! administrator), the audit log (audit administrator).

use askama::Template;
use axum::{
    Form, Router,
    extract::{Path, Query},
    response::Response,
    routing::{get, post},
};
use lianxin_app::{
    AppError, Locale,
    accounts::{self, Account, AccountNew, Grant, GrantScope},
    audit::{self, AuditFilter, Entry},
};
use lianxin_core::accounts::Role;
use serde::Deserialize;
use uuid::Uuid;

use crate::shell::{Base, Field, FormPage, is_form_error, page, see_other};
use crate::{AppState, Viewer, error::WebResult};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/accounts", get(list).post(create))
        .route("/admin/accounts/new", get(new_form))
        .route("/admin/accounts/{username}", get(detail))
        .route("/admin/accounts/{username}/grants", post(grant))
        .route("/admin/accounts/{username}/unlock", post(unlock))
        .route("/admin/accounts/{username}/reset-totp", post(reset_totp))
        .route("/admin/accounts/{username}/disable", post(disable))
        .route("/admin/accounts/{username}/enable", post(enable))
        .route("/admin/grants/{id}/revoke", post(revoke))
        .route("/admin/outbox", get(outbox))
        .route("/admin/audit", get(audit_log))
        .route("/admin/audit/verify", post(verify))
}

#[derive(Template)]
#[template(path = "admin/accounts.html")]
struct ListPage {
    b: Base,
    accounts: Vec<Account>,
    next_after: String,
    can_create: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQ {
    after: String,
}

const PAGE: u64 = 50;

async fn list(v: Viewer, Query(q): Query<ListQ>) -> WebResult<Response> {
    v.require()?;
    let accounts = accounts::list(&v.ctx, Some(q.after.as_str()).filter(|s| !s.is_empty()), PAGE).await?;
    let next_after =
        if accounts.len() as u64 == PAGE { accounts.last().map(|a| a.username.clone()).unwrap_or_default() } else { String::new() };
    let can_create = lianxin_app::policy::may_somewhere(&v.ctx.actor, lianxin_app::policy::Action::ManageAccounts);
    Ok(page(&ListPage { b: Base::new(&v, "page-accounts", "/admin/accounts"), accounts, next_after, can_create }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NewForm {
    username: String,
    display_name: String,
    password: String,
    locale: String,
}

fn new_page(v: &Viewer, f: &NewForm) -> FormPage {
    let tr = v.tr;
    let fields = vec![
        Field::text("username", tr.t("field-username")).value(f.username.clone()).required().help(tr.t("help-username")),
        Field::text("display_name", tr.t("field-display-name")).value(f.display_name.clone()).required(),
        Field::new("password", tr.t("field-initial-password"), "password")
            .required()
            .autocomplete("new-password")
            .help(tr.t("help-password")),
        Field::new("locale", tr.t("field-locale"), "select")
            .value(if f.locale.is_empty() { "zh-CN".into() } else { f.locale.clone() })
            .options(vec![("zh-CN".into(), "中文".into()), ("en-US".into(), "English".into())]),
    ];
    let mut p = FormPage::new(Base::new(v, "page-account-new", "/admin/accounts/new"), "/admin/accounts", fields, tr.t("btn-create"));
    p.cancel = "/admin/accounts".into();
    p
}

async fn new_form(v: Viewer) -> WebResult<Response> {
    v.require()?;
    Ok(new_page(&v, &NewForm::default()).render_ok())
}

async fn create(v: Viewer, Form(f): Form<NewForm>) -> WebResult<Response> {
    v.require()?;
    let new = AccountNew {
        username: f.username.clone(),
        display_name: f.display_name.clone(),
        password: f.password.clone(),
        locale: Locale::parse(&f.locale).unwrap_or_default(),
    };
    match accounts::create(&v.ctx, new).await {
        Ok(a) => Ok(see_other(&format!("/admin/accounts/{}", a.username))),
        Err(e) if is_form_error(&e) => Ok(new_page(&v, &f).with_error(&e)),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "admin/account.html")]
struct DetailPage {
    b: Base,
    account: Account,
    grants: Vec<(Grant, String)>,
    roles: Vec<(String, String)>,
    error: String,
    locked: bool,
    /// The security administrator's part: roles, unlocking, second factors.
    may_grant: bool,
    /// The system administrator's part: disabling and enabling.
    may_manage: bool,
}

async fn detail_page(v: &Viewer, username: &str, error: String) -> WebResult<DetailPage> {
    let (account, named) = accounts::grants(&v.ctx, username).await?;
    let tr = v.tr;
    let roles = Role::ALL.iter().map(|r| (r.as_str().to_owned(), tr.t(&format!("role-{r}")))).collect();
    let locked = account.locked_until.is_some_and(|u| u > v.ctx.now());
    let title = tr.ta("page-account-detail", &[("name", account.username.clone())]);
    let may_grant = lianxin_app::policy::may_somewhere(&v.ctx.actor, lianxin_app::policy::Action::ManageGrants);
    let may_manage = lianxin_app::policy::may_somewhere(&v.ctx.actor, lianxin_app::policy::Action::ManageAccounts);
    Ok(DetailPage {
        b: Base::titled(v, title, &format!("/admin/accounts/{username}")),
        account,
        grants: named,
        roles,
        error,
        locked,
        may_grant,
        may_manage,
    })
}

async fn detail(v: Viewer, Path(username): Path<String>) -> WebResult<Response> {
    v.require()?;
    Ok(page(&detail_page(&v, &username, String::new()).await?))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct GrantForm {
    role: String,
    org_id: String,
    area_id: String,
}

async fn grant(v: Viewer, Path(username): Path<String>, Form(f): Form<GrantForm>) -> WebResult<Response> {
    v.require()?;
    let parsed = (|| -> Result<(Role, GrantScope), AppError> {
        let role = Role::parse(&f.role).ok_or(AppError::invalid("role", "error-choose"))?;
        let scope = match (f.org_id.trim(), f.area_id.trim()) {
            ("", "") => GrantScope::None,
            (o, "") => GrantScope::Org(Uuid::parse_str(o).map_err(|_| AppError::invalid("org_id", "error-unknown-org"))?),
            ("", a) => GrantScope::Area(Uuid::parse_str(a).map_err(|_| AppError::invalid("area_id", "error-unknown-area"))?),
            _ => return Err(AppError::invalid("org_id", "error-one-scope")),
        };
        Ok((role, scope))
    })();
    let r = match parsed {
        Ok((role, scope)) => accounts::grant_role(&v.ctx, &username, role, scope).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match r {
        Ok(()) => Ok(see_other(&format!("/admin/accounts/{username}"))),
        Err(e) if is_form_error(&e) => {
            let msg = v.tr.t(e.key());
            let p = detail_page(&v, &username, msg).await?;
            Ok(crate::shell::page_with(crate::error::status_of(&e), &p))
        }
        Err(e) => Err(e.into()),
    }
}

async fn revoke(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let username = accounts::revoke_grant(&v.ctx, id).await?;
    Ok(see_other(&format!("/admin/accounts/{username}")))
}

async fn unlock(v: Viewer, Path(username): Path<String>) -> WebResult<Response> {
    v.require()?;
    accounts::unlock(&v.ctx, &username).await?;
    Ok(see_other(&format!("/admin/accounts/{username}")))
}

async fn reset_totp(v: Viewer, Path(username): Path<String>) -> WebResult<Response> {
    v.require()?;
    accounts::reset_totp(&v.ctx, &username).await?;
    Ok(see_other(&format!("/admin/accounts/{username}")))
}

async fn disable(v: Viewer, Path(username): Path<String>) -> WebResult<Response> {
    v.require()?;
    accounts::set_disabled(&v.ctx, &username, true).await?;
    Ok(see_other("/admin/accounts"))
}

async fn enable(v: Viewer, Path(username): Path<String>) -> WebResult<Response> {
    v.require()?;
    accounts::set_disabled(&v.ctx, &username, false).await?;
    Ok(see_other("/admin/accounts"))
}

#[derive(Template)]
#[template(path = "admin/outbox.html")]
struct OutboxPage {
    b: Base,
    messages: Vec<lianxin_app::notify::OutboxMessage>,
}

/// The outbox: notices and SMS waiting or sent (system administrator).
async fn outbox(v: Viewer) -> WebResult<Response> {
    v.require()?;
    let messages = lianxin_app::notify::outbox(&v.ctx, 200).await?;
    Ok(page(&OutboxPage { b: Base::new(&v, "page-outbox", "/admin/outbox"), messages }))
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    b: Base,
    entries: Vec<Entry>,
    q: AuditQ,
    next_before: Option<i64>,
    verify: String,
    verify_ok: bool,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct AuditQ {
    action: String,
    outcome: String,
    actor: String,
    target: String,
    before: Option<i64>,
}

async fn audit_page(v: &Viewer, q: AuditQ, verify: String, verify_ok: bool) -> WebResult<AuditPage> {
    let filter = AuditFilter {
        action_prefix: Some(q.action.clone()),
        outcome: Some(q.outcome.clone()),
        actor_name: Some(q.actor.clone()),
        target_id: Some(q.target.clone()),
        before_seq: q.before,
    };
    let entries = audit::list(&v.ctx, &filter, PAGE).await?;
    let next_before = (entries.len() as u64 == PAGE).then(|| entries.last().map(|e| e.seq)).flatten();
    Ok(AuditPage { b: Base::new(v, "page-audit", "/admin/audit"), entries, q, next_before, verify, verify_ok })
}

async fn audit_log(v: Viewer, Query(q): Query<AuditQ>) -> WebResult<Response> {
    v.require()?;
    Ok(page(&audit_page(&v, q, String::new(), false).await?))
}

async fn verify(v: Viewer) -> WebResult<Response> {
    v.require()?;
    let report = audit::verify(&v.ctx).await?;
    let tr = v.tr;
    let (msg, ok) = match report.broken {
        None => (tr.ta("msg-audit-ok", &[("count", report.checked.to_string())]), true),
        Some(b) => (tr.ta("msg-audit-broken", &[("seq", b.seq().to_string())]), false),
    };
    Ok(page(&audit_page(&v, AuditQ::default(), msg, ok).await?))
}
