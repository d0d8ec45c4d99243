//! The forms around the vote: planning an election by public recommendation, nominees and the
//! recommendation counts, the level above fixing the candidates, a paper round's two tellers,
//! the new committee's secretary and deputy, the report and its approval.

use axum::{body::Bytes, extract::Path, response::Response};
use lianxin_app::{
    AppError,
    elections::{self, OfficersInput, TellerOutcome},
};
use lianxin_core::elections::stages::PaperCount;
use uuid::Uuid;

use super::{act, list_page, name_list};
use crate::{Viewer, error::WebResult, form::Pairs, html::see_other};

/// A count typed in a form: blank is 0, anything else must be a whole number.
fn number(f: &Pairs, field: &'static str) -> Result<u64, AppError> {
    number_at(f, field, field)
}

/// The count in form key `key`, its error on `field`.
fn number_at(f: &Pairs, key: &str, field: &'static str) -> Result<u64, AppError> {
    let raw = f.value(key);
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(0);
    }
    raw.parse().map_err(|_| AppError::invalid(field, "error-count"))
}

pub(super) async fn plan(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let seats = f.value("seats").trim().parse::<u64>().unwrap_or(0);
    match elections::plan(&v.ctx, id, &f.value("title"), seats).await {
        Ok(e) => Ok(see_other(&format!("/elections/{}", e.id))),
        Err(e) if crate::shell::is_form_error(&e) => list_page(&v, id, Some(&e), &f).await,
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn nominate(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let r = elections::nominate(&v.ctx, id, &f.value("name"), f.value("how").trim()).await;
    act(&v, id, r).await
}

/// The counts as the form sends them: `n{i}` a nominee's name, `m{i}` and `v{i}` their votes.
pub(super) async fn recommend(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let r = async {
        let mut votes = Vec::new();
        for (key, name) in f.prefixed("n") {
            let Some(Ok(i)) = key.strip_prefix('n').map(str::parse::<usize>) else { continue };
            votes.push((name, number_at(&f, &format!("m{i}"), "member_votes")?, number_at(&f, &format!("v{i}"), "villager_votes")?));
        }
        elections::record_recommendation(&v.ctx, id, number(&f, "member_ballots")?, number(&f, "villager_ballots")?, &votes).await
    }
    .await;
    act(&v, id, r).await
}

pub(super) async fn fix(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let r = elections::fix_candidates(&v.ctx, id, &f.all("candidate")).await.map(|_| ());
    act(&v, id, r).await
}

/// A teller's count: `y{i}` the votes of the round's i-th candidate (`c{i}` its name), and the
/// names written in as "name: votes" lines.
pub(super) async fn count(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let r = async {
        let mut yes = Vec::new();
        for (key, name) in f.prefixed("c") {
            let Some(Ok(i)) = key.strip_prefix('c').map(str::parse::<usize>) else { continue };
            yes.push((name, number_at(&f, &format!("y{i}"), "yes")?));
        }
        for line in name_list(&f.value("write_ins")) {
            let (name, n) = line.rsplit_once([':', '：']).ok_or(AppError::invalid("write_ins", "error-election-write-in-line"))?;
            let n = n.trim().parse().map_err(|_| AppError::invalid("write_ins", "error-election-write-in-line"))?;
            yes.push((name.trim().to_owned(), n));
        }
        let count = PaperCount { issued: number(&f, "issued")?, returned: number(&f, "returned")?, void: number(&f, "void")?, yes };
        let slot = if f.value("slot").trim() == "2" { 2 } else { 1 };
        elections::enter_count(&v.ctx, id, slot, &f.value("teller"), count).await
    }
    .await;
    act(&v, id, r.map(|_: TellerOutcome| ())).await
}

pub(super) async fn officers(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let r = async {
        let deputy = f.value("deputy").trim().to_owned();
        let input = OfficersInput {
            present: number(&f, "present")?,
            secretary: f.value("secretary").trim().to_owned(),
            secretary_yes: number(&f, "secretary_yes")?,
            deputy: if deputy.is_empty() { None } else { Some((deputy, number(&f, "deputy_yes")?)) },
        };
        elections::elect_officers(&v.ctx, id, input).await.map(|_| ())
    }
    .await;
    act(&v, id, r).await
}

pub(super) async fn report(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let r = elections::report(&v.ctx, id).await.map(|_| ());
    act(&v, id, r).await
}

pub(super) async fn approve(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let r = elections::approve(&v.ctx, id).await.map(|_| ());
    act(&v, id, r).await
}
