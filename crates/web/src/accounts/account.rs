//! The signed-in person's own account: password and API tokens.

use askama::Template;
use axum::{
    Form, Router,
    extract::{Path, Query},
    response::Response,
    routing::{get, post},
};
use lianxin_app::auth::ApiToken;
use lianxin_app::{AppError, TokenAccess, auth};
use serde::Deserialize;
use uuid::Uuid;

use crate::shell::{Base, is_form_error, page, page_with, see_other};
use crate::{
    AppState, Viewer,
    error::{WebResult, status_of},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(show))
        .route("/account/password", post(change_password))
        .route("/account/tokens", post(create_token))
        .route("/account/tokens/{id}/revoke", post(revoke_token))
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    b: Base,
    tokens: Vec<ApiToken>,
    expired: bool,
    new_token: String,
    password_error: String,
    password_field: String,
    token_error: String,
    done: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AccountQ {
    expired: Option<String>,
    done: Option<String>,
}

async fn render(v: &Viewer, f: impl FnOnce(&mut AccountPage)) -> WebResult<AccountPage> {
    let tokens = auth::my_tokens(&v.ctx).await?;
    let mut p = AccountPage {
        b: Base::new(v, "page-account", "/account"),
        tokens,
        expired: false,
        new_token: String::new(),
        password_error: String::new(),
        password_field: String::new(),
        token_error: String::new(),
        done: String::new(),
    };
    f(&mut p);
    Ok(p)
}

async fn show(v: Viewer, Query(q): Query<AccountQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let p = render(&v, |p| {
        p.expired = q.expired.is_some();
        p.done = q.done.map(|d| tr.t(if d == "password" { "msg-password-changed" } else { "msg-saved" })).unwrap_or_default();
    })
    .await?;
    Ok(page(&p))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PasswordForm {
    current_password: String,
    new_password: String,
    confirm_password: String,
}

async fn change_password(v: Viewer, Form(f): Form<PasswordForm>) -> WebResult<Response> {
    v.require()?;
    let r = if f.new_password != f.confirm_password {
        Err(AppError::invalid("confirm_password", "error-password-mismatch"))
    } else {
        let keep = v.session.as_ref().and_then(|s| s.id()).map(|id| id.to_string());
        auth::change_password(&v.ctx, &f.current_password, &f.new_password, keep.as_deref()).await
    };
    match r {
        Ok(()) => {
            // A fresh session id after a password change.
            if let Some(s) = &v.session {
                s.cycle_id().await.map_err(AppError::internal)?;
            }
            Ok(see_other("/account?done=password"))
        }
        Err(e) if is_form_error(&e) => {
            let tr = v.tr;
            let p = render(&v, |p| {
                p.password_error = tr.t(e.key());
                p.password_field = e.field().unwrap_or("").to_owned();
            })
            .await?;
            Ok(page_with(status_of(&e), &p))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TokenForm {
    name: String,
    access: String,
    valid_days: String,
}

async fn create_token(v: Viewer, Form(f): Form<TokenForm>) -> WebResult<Response> {
    v.require()?;
    let access = TokenAccess::parse(&f.access).unwrap_or(TokenAccess::Read);
    let days = match f.valid_days.trim() {
        "" => Ok(None),
        d => d.parse::<i64>().map(Some).map_err(|_| AppError::invalid("valid_days", "error-number")),
    };
    let r = match days {
        Ok(d) => auth::create_token(&v.ctx, &f.name, access, d).await,
        Err(e) => Err(e),
    };
    let tr = v.tr;
    match r {
        Ok((_, plain)) => Ok(page(&render(&v, |p| p.new_token = plain).await?)),
        Err(e) if is_form_error(&e) => {
            let p = render(&v, |p| p.token_error = tr.t(e.key())).await?;
            Ok(page_with(status_of(&e), &p))
        }
        Err(e) => Err(e.into()),
    }
}

async fn revoke_token(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    auth::revoke_token(&v.ctx, id).await?;
    Ok(see_other("/account?done=token"))
}
