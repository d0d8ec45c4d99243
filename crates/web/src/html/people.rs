//! Pages of people: search, a person's page (household, member record, posts, links, transfers),
//! their forms, the audited reveal of an ID number or phone, and the roster of an organization.

use askama::Template;
use axum::{
    Form, Router,
    extract::{Path, Query},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use chrono::NaiveDate;
use lianxin_app::people::{Member, Person, RosterFilter, Transfer};
use lianxin_app::{
    AppError,
    people::{
        members::{self, MemberInput, OrgPeople, RosterPage},
        persons::{self, PersonInput, PersonView, Sensitive},
        positions::{self, PositionInput, PostIn, TermRow},
        transfers,
    },
};
use lianxin_core::people::{Education, Gender, MemberStatus, Occupation, PostKind, TermState};
use serde::Deserialize;
use uuid::Uuid;

use super::{Base, Field, FormPage, forms::is_form_error, page, see_other};
use crate::{AppState, Viewer, error::WebResult, i18n::Tr};

mod member;
mod person;
mod post;
mod roster;
mod search;
mod transfer;

use member::*;
use person::*;
use post::*;
use roster::*;
pub use roster::{RosterQ, finding_text, org_section};
use search::*;
use transfer::*;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/people", get(search).post(create))
        .route("/people/search", post(search_form))
        .route("/people/new", get(new_form))
        .route("/people/{id}", get(show))
        .route("/people/{id}/edit", get(edit_form).post(edit))
        .route("/people/{id}/reveal", post(reveal))
        .route("/people/{id}/member", get(member_form).post(member_create))
        .route("/people/{id}/positions", get(position_form).post(position_create))
        .route("/positions/{id}/end", post(position_end))
        .route("/members/{id}/edit", get(member_edit_form).post(member_edit))
        .route("/members/{id}/party-probation", get(party_probation_form).post(party_probation_save))
        .route("/members/{id}/transfer", get(transfer_form).post(transfer_request))
        .route("/members/{id}/letter", post(letter))
        .route("/transfers/{id}/confirm", post(transfer_confirm))
        .route("/transfers/{id}/reject", post(transfer_reject))
        .route("/transfers/{id}/cancel", post(transfer_cancel))
        .route("/orgs/{id}/roster", get(roster))
        .route("/orgs/{id}/terms", get(terms))
        .route("/orgs/{id}/transfers", get(pending_transfers))
}

pub fn opt<T>(s: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
    let s = s.trim();
    if s.is_empty() { None } else { parse(s) }
}

pub fn date(field: &'static str, s: &str) -> Result<Option<NaiveDate>, AppError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Some).map_err(|_| AppError::invalid(field, "error-date"))
}

fn uuid(field: &'static str, key: &'static str, s: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(s.trim()).map_err(|_| AppError::invalid(field, key))
}

fn options<T: Copy>(tr: &Tr, all: &[T], prefix: &str, text: impl Fn(T) -> &'static str) -> Vec<(String, String)> {
    let mut v = vec![(String::new(), tr.t("label-choose"))];
    v.extend(all.iter().map(|x| (text(*x).to_owned(), tr.t(&format!("{prefix}-{}", text(*x))))));
    v
}
