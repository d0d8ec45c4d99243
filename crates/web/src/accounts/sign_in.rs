//! Sign in (password, then the second factor or its enrolment), sign out, language switch.

use axum::{
    Form, Router,
    extract::Query,
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
    routing::get,
};
use axum_extra::extract::cookie::{Cookie, SameSite};
use lianxin_app::{
    AppError,
    auth::{self, LoginStep},
};
use serde::Deserialize;
use uuid::Uuid;

use crate::shell::{Base, Field, FormPage, is_form_error, safe_next, see_other};
use crate::{
    AppState, Viewer, WebError,
    error::WebResult,
    request::{LANG_COOKIE, PENDING_KEY, sign_in},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_form).post(login))
        .route("/login/totp", get(totp_form).post(totp))
        .route("/login/totp-setup", get(setup_form).post(setup))
        .route("/logout", axum::routing::post(logout))
        .route("/lang", get(lang))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NextQ {
    next: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LoginForm {
    username: String,
    password: String,
    next: String,
}

fn login_page(v: &Viewer, username: &str, next: &str) -> FormPage {
    let tr = v.tr;
    let fields = vec![
        Field::text("username", tr.t("field-username")).value(username).required().autocomplete("username"),
        Field::new("password", tr.t("field-password"), "password").required().autocomplete("current-password"),
        Field::new("next", String::new(), "hidden").value(next),
    ];
    let mut f = FormPage::new(Base::new(v, "page-login", "/login"), "/login", fields, tr.t("btn-login"));
    f.intro = tr.t("help-login");
    f
}

async fn login_form(v: Viewer, Query(q): Query<NextQ>) -> Response {
    if v.signed_in() {
        return see_other(&safe_next(q.next.as_deref()));
    }
    login_page(&v, "", &safe_next(q.next.as_deref())).render_ok()
}

fn session(v: &Viewer) -> WebResult<&tower_sessions::Session> {
    v.session.as_ref().ok_or_else(|| WebError(AppError::internal("no session layer")))
}

async fn login(v: Viewer, Form(f): Form<LoginForm>) -> WebResult<Response> {
    let next = safe_next(Some(&f.next));
    let s = session(&v)?;
    match auth::login(&v.ctx, &f.username, &f.password).await {
        Ok(LoginStep::Done { account, password_expired }) => {
            sign_in(s, account, v.ctx.now()).await?;
            Ok(see_other(if password_expired { "/account?expired=1" } else { &next }))
        }
        Ok(LoginStep::Totp { account }) => {
            pend(s, account, &next, v.ctx.now()).await?;
            Ok(see_other("/login/totp"))
        }
        Ok(LoginStep::TotpSetup { account }) => {
            pend(s, account, &next, v.ctx.now()).await?;
            Ok(see_other("/login/totp-setup"))
        }
        Err(e) if is_form_error(&e) => Ok(login_page(&v, &f.username, &next).with_error(&e)),
        Err(e) => Err(e.into()),
    }
}

async fn pend(s: &tower_sessions::Session, account: Uuid, next: &str, now: chrono::DateTime<chrono::Utc>) -> WebResult<()> {
    let fail = |e: tower_sessions::session::Error| WebError(AppError::internal(e));
    s.cycle_id().await.map_err(fail)?;
    s.insert(PENDING_KEY, (account, next.to_owned(), now)).await.map_err(fail)?;
    Ok(())
}

/// The half-finished sign-in of this session, if it is recent enough.
async fn pending(v: &Viewer) -> WebResult<(Uuid, String)> {
    let s = session(v)?;
    let (account, next, at) = s
        .get::<(Uuid, String, chrono::DateTime<chrono::Utc>)>(PENDING_KEY)
        .await
        .ok()
        .flatten()
        .ok_or(WebError(AppError::Unauthenticated))?;
    if v.ctx.now() - at > chrono::Duration::minutes(crate::request::PENDING_MINUTES) {
        let _ = s.remove_value(PENDING_KEY).await;
        return Err(WebError(AppError::Unauthenticated));
    }
    Ok((account, next))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CodeForm {
    code: String,
}

fn totp_page(v: &Viewer) -> FormPage {
    let tr = v.tr;
    let fields = vec![Field::text("code", tr.t("field-totp-code")).required().autocomplete("one-time-code").help(tr.t("help-totp-code"))];
    FormPage::new(Base::new(v, "page-totp", "/login/totp"), "/login/totp", fields, tr.t("btn-verify"))
}

async fn totp_form(v: Viewer) -> WebResult<Response> {
    pending(&v).await?;
    Ok(totp_page(&v).render_ok())
}

async fn totp(v: Viewer, Form(f): Form<CodeForm>) -> WebResult<Response> {
    let (account, next) = pending(&v).await?;
    match auth::verify_totp(&v.ctx, account, &f.code).await {
        Ok(()) => {
            sign_in(session(&v)?, account, v.ctx.now()).await?;
            Ok(see_other(&next))
        }
        Err(e) if is_form_error(&e) => Ok(totp_page(&v).with_error(&e)),
        Err(e) => Err(e.into()),
    }
}

async fn setup_page(v: &Viewer, account: Uuid) -> WebResult<FormPage> {
    let tr = v.tr;
    let (secret, uri) = auth::begin_totp_setup(&v.ctx, account).await?;
    let fields = vec![Field::text("code", tr.t("field-totp-code")).required().autocomplete("one-time-code")];
    let mut f = FormPage::new(Base::new(v, "page-totp-setup", "/login/totp-setup"), "/login/totp-setup", fields, tr.t("btn-verify"));
    f.intro = tr.ta("help-totp-setup", &[("secret", secret), ("uri", uri)]);
    Ok(f)
}

async fn setup_form(v: Viewer) -> WebResult<Response> {
    let (account, _) = pending(&v).await?;
    Ok(setup_page(&v, account).await?.render_ok())
}

async fn setup(v: Viewer, Form(f): Form<CodeForm>) -> WebResult<Response> {
    let (account, next) = pending(&v).await?;
    match auth::confirm_totp_setup(&v.ctx, account, &f.code).await {
        Ok(()) => {
            sign_in(session(&v)?, account, v.ctx.now()).await?;
            Ok(see_other(&next))
        }
        Err(e) if is_form_error(&e) => Ok(setup_page(&v, account).await?.with_error(&e)),
        Err(e) => Err(e.into()),
    }
}

async fn logout(v: Viewer) -> WebResult<Response> {
    auth::logout(&v.ctx).await?;
    if let Some(s) = &v.session {
        s.flush().await.map_err(|e| WebError(AppError::internal(e)))?;
    }
    Ok(see_other("/"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LangQ {
    to: String,
    back: Option<String>,
}

/// Remembers the chosen language in a cookie for a year and goes back to the page.
async fn lang(v: Viewer, Query(q): Query<LangQ>) -> Response {
    let locale = lianxin_app::Locale::parse(&q.to).unwrap_or_default();
    if v.signed_in()
        && let Err(e) = auth::set_locale(&v.ctx, locale).await
    {
        tracing::warn!(error = %e, "could not save the language");
    }
    let cookie = Cookie::build((LANG_COOKIE, locale.tag()))
        .path("/")
        .max_age(time::Duration::days(365))
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(v.ctx.settings().security.secure_cookies)
        .build();
    let mut r = see_other(&safe_next(q.back.as_deref())).into_response();
    if let Ok(h) = HeaderValue::from_str(&cookie.to_string()) {
        r.headers_mut().append(header::SET_COOKIE, h);
    }
    r
}
