//! Pages of elections: an organization's elections and preparing one (the candidates held to the
//! competitive margin), the election — its roll with the exclusions, opening a round with those
//! present (refused without the quorum, with the numbers), closing it — the ballot a member fills
//! in on their phone or the secretary at the kiosk for the voter in front of it, the receipt, and
//! the public board, read without signing in, checked and recounted as it is shown.

use askama::Template;
use axum::{
    Router,
    body::Bytes,
    extract::Path,
    http::StatusCode,
    response::Response,
    routing::{get, post},
};
use lianxin_app::{
    AppError,
    elections::{self, ElectionNew, ElectionView, Receipt},
};
use lianxin_core::elections::{Ballot, board::Entry};
use uuid::Uuid;

mod stages;

use super::{Base, page, page_with, see_other};
use crate::{AppState, Viewer, error::WebResult, error::status_of, form::Pairs, html::error_text, i18n::Tr};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/elections", get(home))
        .route("/orgs/{id}/elections", get(list).post(prepare))
        .route("/orgs/{id}/elections/plan", post(stages::plan))
        .route("/elections/{id}", get(show))
        .route("/elections/{id}/nominate", post(stages::nominate))
        .route("/elections/{id}/recommend", post(stages::recommend))
        .route("/elections/{id}/fix", post(stages::fix))
        .route("/elections/{id}/count", post(stages::count))
        .route("/elections/{id}/officers", post(stages::officers))
        .route("/elections/{id}/report", post(stages::report))
        .route("/elections/{id}/approve", post(stages::approve))
        .route("/elections/{id}/exclude", post(exclude))
        .route("/elections/{id}/open", post(open_round))
        .route("/elections/{id}/close", post(close_round))
        .route("/elections/{id}/vote", get(ballot_page).post(cast))
        .route("/board/elections/{id}", get(board))
}

fn status_word(tr: &Tr, s: &str) -> String {
    tr.t(&format!("election-status-{s}"))
}

/// The first organization the viewer reads elections of.
async fn home(v: Viewer) -> WebResult<Response> {
    v.require()?;
    match lianxin_app::policy::home_org(&v.ctx.actor, lianxin_app::policy::Action::ReadElections) {
        Some(id) => Ok(see_other(&format!("/orgs/{id}/elections"))),
        None => Err(AppError::NotFound.into()),
    }
}

#[derive(Template)]
#[template(path = "elections/list.html")]
struct ListPage {
    b: Base,
    org_id: Uuid,
    rows: Vec<(Uuid, String, i32, String)>,
    may_run: bool,
    typed: [String; 3],
    error: String,
    /// The committee's term in words, and whether it is ending or ended.
    term: String,
    term_due: bool,
}

async fn list_page(v: &Viewer, id: Uuid, error: Option<&AppError>, f: &Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let (org, list, may_run, term) = elections::list(&v.ctx, id).await?;
    let (term, term_due) = match term {
        None => (tr.t("label-election-term-none"), false),
        Some((end, state)) => {
            use lianxin_core::people::TermState::*;
            let state_words = match state {
                Current => tr.t("term-current"),
                EndingSoon { days_left } => tr.ta("term-ending", &[("days", days_left.to_string())]),
                Ended { days_over } => tr.ta("term-ended", &[("days", days_over.to_string())]),
            };
            (tr.ta("label-election-term", &[("end", end.to_string()), ("state", state_words)]), !matches!(state, Current))
        }
    };
    let rows = list.iter().map(|e| (e.id, e.title.clone(), e.seats, status_word(&tr, &e.status))).collect();
    let b = Base::titled(v, tr.ta("page-elections-of", &[("name", org.name.clone())]), &format!("/orgs/{id}/elections"));
    Ok(page_with(
        error.map_or(StatusCode::OK, status_of),
        &ListPage {
            b,
            org_id: id,
            rows,
            may_run,
            typed: [f.value("title"), f.value("seats"), f.value("candidates")],
            term,
            term_due,
            error: error.map(|e| error_text(&tr, e)).unwrap_or_default(),
        },
    ))
}

async fn list(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    list_page(&v, id, None, &Pairs::default()).await
}

/// Names written one to a line, or separated by 、 or commas.
fn name_list(raw: &str) -> Vec<String> {
    raw.split(['\n', '、', ',', '，']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

async fn prepare(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let seats = f.value("seats").trim().parse::<u64>().unwrap_or(0);
    let new = ElectionNew { title: f.value("title"), seats, candidates: name_list(&f.value("candidates")) };
    match elections::prepare(&v.ctx, id, new).await {
        Ok(e) => Ok(see_other(&format!("/elections/{}", e.id))),
        Err(e) if crate::shell::is_form_error(&e) => list_page(&v, id, Some(&e), &f).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "elections/show.html")]
struct ShowPage {
    b: Base,
    v: ElectionView,
    status: String,
    expected: usize,
    excluded: Vec<(String, String)>,
    board_ok: bool,
    results: Vec<String>,
    error: String,
    /// Nominees in the order of their score: name, how they came forward, member votes,
    /// villager votes, the score, the place in the leaders' pool (empty when not shown).
    nominees: Vec<[String; 6]>,
    /// What the last count leaves: the next round in words.
    next: String,
    elected: String,
    /// The tellers who have entered the paper round's count.
    tellers: Vec<String>,
    weights: String,
}

/// Each published round in words: elected, a re-vote, a shortfall, or void.
fn result_lines(tr: &Tr, verified: &lianxin_core::elections::board::Verified) -> Vec<String> {
    verified
        .rounds
        .iter()
        .filter(|r| r.published.is_some())
        .map(|r| {
            let x = &r.recounted;
            let mut s = tr.ta("label-election-round", &[("round", r.round.to_string())]);
            if x.result.word() == "void" {
                s.push_str(&tr.t("round-result-void"));
                return s;
            }
            let names = if x.elected.is_empty() { tr.t("label-election-none") } else { x.elected.join("、") };
            s.push_str(&tr.ta("label-election-elected", &[("names", names)]));
            if x.revote_seats > 0 {
                s.push_str(&tr.ta("label-election-revote", &[("names", x.revote_among.join("、")), ("seats", x.revote_seats.to_string())]));
            }
            if x.shortfall > 0 {
                s.push_str(&tr.ta("label-election-shortfall", &[("count", x.shortfall.to_string())]));
            }
            s
        })
        .collect()
}

async fn render(v: &Viewer, id: Uuid, error: Option<&AppError>) -> WebResult<Response> {
    let tr = v.tr;
    let view = elections::show(&v.ctx, id).await?;
    let excluded: Vec<(String, String)> =
        view.roll.iter().filter_map(|r| r.excluded.as_ref().map(|why| (r.person_name.clone(), why.clone()))).collect();
    let b = Base::titled(v, view.election.title.clone(), &format!("/elections/{id}"));
    let nominees = view
        .nominees
        .iter()
        .map(|n| {
            let place = match n.pool_place {
                None => String::new(),
                Some(None) => tr.t("label-election-pool-out"),
                Some(Some(i)) => tr.ta("label-election-pool-place", &[("place", i.to_string())]),
            };
            [
                n.nominee.name.clone(),
                tr.t(&format!("election-how-{}", n.nominee.how)),
                n.nominee.member_votes.to_string(),
                n.nominee.villager_votes.to_string(),
                format!("{}.{:02}", n.score.score / 100, n.score.score % 100),
                place,
            ]
        })
        .collect();
    let next = match (&view.next, view.election.status.as_str()) {
        (Some((names, seats)), "counted") => tr.ta("label-election-next", &[("names", names.join("、")), ("seats", seats.to_string())]),
        _ => String::new(),
    };
    let w = &v.ctx.settings().elections;
    Ok(page_with(
        error.map_or(StatusCode::OK, status_of),
        &ShowPage {
            weights: tr.ta("help-election-score", &[("member", w.member_weight.to_string()), ("villager", w.villager_weight.to_string())]),
            nominees,
            next,
            elected: view.elected.join("、"),
            tellers: view
                .counts
                .iter()
                .map(|c| tr.ta("label-election-teller-entered", &[("slot", c.slot.to_string()), ("name", c.teller.clone())]))
                .collect(),
            b,
            status: status_word(&tr, &view.election.status),
            expected: view.roll.len() - excluded.len(),
            excluded,
            board_ok: view.verified.ok(),
            results: result_lines(&tr, &view.verified),
            error: error.map(|e| error_text(&tr, e)).unwrap_or_default(),
            v: view,
        },
    ))
}

async fn show(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    render(&v, id, None).await
}

/// Runs an action of the election's page and comes back to it, with the error when refused.
async fn act(v: &Viewer, id: Uuid, r: Result<(), AppError>) -> WebResult<Response> {
    match r {
        Ok(()) => Ok(see_other(&format!("/elections/{id}"))),
        Err(e) if crate::shell::is_form_error(&e) => render(v, id, Some(&e)).await,
        Err(e) => Err(e.into()),
    }
}

async fn exclude(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let r = match Uuid::parse_str(f.value("person").trim()) {
        Ok(p) => elections::exclude(&v.ctx, id, p, &f.value("reason")).await,
        Err(_) => Err(AppError::invalid("person", "error-choose")),
    };
    act(&v, id, r).await
}

async fn open_round(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let paper = f.value("way").trim() == "paper";
    let r = match f.value("present").trim().parse::<u64>() {
        Ok(n) => elections::open_round(&v.ctx, id, n, paper).await.map(|_| ()),
        Err(_) => Err(AppError::invalid("present", "error-count")),
    };
    act(&v, id, r).await
}

async fn close_round(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let r = elections::close_round(&v.ctx, id).await.map(|_| ());
    act(&v, id, r).await
}

#[derive(Template)]
#[template(path = "elections/ballot.html")]
struct BallotPage {
    b: Base,
    v: ElectionView,
    candidates: Vec<String>,
    seats: u64,
    /// The voters not yet voted, for the kiosk.
    kiosk: Vec<(Uuid, String)>,
    receipt: Option<Receipt>,
    error: String,
}

async fn ballot_render(v: &Viewer, id: Uuid, error: Option<&AppError>, receipt: Option<Receipt>) -> WebResult<Response> {
    let tr = v.tr;
    let view = elections::show(&v.ctx, id).await?;
    let (seats, candidates) = view.open.as_ref().filter(|o| !o.paper).map(|o| (o.seats, o.candidates.clone())).unwrap_or_default();
    let kiosk = if view.may_run && view.open.as_ref().is_some_and(|o| !o.paper) {
        view.roll.iter().filter(|r| r.excluded.is_none()).map(|r| (r.person_id, r.person_name.clone())).collect()
    } else {
        Vec::new()
    };
    let b = Base::titled(v, tr.ta("page-election-ballot", &[("title", view.election.title.clone())]), &format!("/elections/{id}/vote"));
    Ok(page_with(
        error.map_or(StatusCode::OK, status_of),
        &BallotPage { b, candidates, seats, kiosk, receipt, error: error.map(|e| error_text(&tr, e)).unwrap_or_default(), v: view },
    ))
}

async fn ballot_page(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    ballot_render(&v, id, None, None).await
}

/// The marks as the form sends them: `m{i}` is yes, no or abstain for the i-th candidate, and
/// `write_in` the names written in.
fn marks(f: &Pairs, candidates: &[String]) -> Ballot {
    let mut b = Ballot::default();
    for (i, name) in candidates.iter().enumerate() {
        match f.value(&format!("m{i}")).as_str() {
            "yes" => b.approve.push(name.clone()),
            "no" => b.disapprove.push(name.clone()),
            _ => b.abstain.push(name.clone()),
        }
    }
    b.write_in = f.all("write_in").iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
    b
}

async fn cast(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let view = elections::show(&v.ctx, id).await?;
    let candidates = view.open.as_ref().map(|o| o.candidates.clone()).unwrap_or_default();
    // At the kiosk the secretary names the voter; on a phone the voter is the one signed in.
    let voter = match Uuid::parse_str(f.value("voter").trim()) {
        Ok(p) => Some(p),
        Err(_) => v.ctx.actor.principal().and_then(|p| p.person_id),
    };
    let r = match voter {
        Some(p) => elections::cast(&v.ctx, id, p, marks(&f, &candidates)).await,
        None => Err(AppError::invalid("voter", "error-election-not-on-roll")),
    };
    match r {
        Ok(receipt) => ballot_render(&v, id, None, Some(receipt)).await,
        Err(e) if crate::shell::is_form_error(&e) => ballot_render(&v, id, Some(&e), None).await,
        Err(e) => Err(e.into()),
    }
}

/// The new committee's choice in words.
fn officers_line(
    tr: &Tr,
    members: u64,
    present: u64,
    secretary: &str,
    secretary_yes: u64,
    deputy: Option<&str>,
    deputy_yes: u64,
) -> String {
    let mut s = tr.ta(
        "label-election-officers",
        &[
            ("members", members.to_string()),
            ("present", present.to_string()),
            ("secretary", secretary.to_owned()),
            ("yes", secretary_yes.to_string()),
        ],
    );
    if let Some(d) = deputy {
        s.push_str(&tr.ta("label-election-deputy", &[("deputy", d.to_owned()), ("yes", deputy_yes.to_string())]));
    }
    s
}

pub struct BoardLine {
    pub seq: i64,
    pub what: String,
    pub receipt: String,
    pub hash: String,
}

#[derive(Template)]
#[template(path = "elections/board.html")]
struct BoardPage {
    b: Base,
    ok: bool,
    broken_at: Option<i64>,
    results: Vec<String>,
    lines: Vec<BoardLine>,
}

/// The public board: every entry with its hash, the receipts, and the recount beside what was
/// published. No sign-in.
async fn board(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    let tr = v.tr;
    let (e, verified, entries) = elections::board_of(&v.ctx, id).await?;
    let lines = entries
        .iter()
        .map(|(seq, entry, hash)| {
            let (what, receipt) = match entry {
                Entry::Opened { round, seats, candidates, expected, present, paper, revote } => (
                    tr.ta(
                        "label-election-opened",
                        &[
                            ("round", round.to_string()),
                            ("seats", seats.to_string()),
                            ("names", candidates.join("、")),
                            ("expected", expected.to_string()),
                            ("present", present.to_string()),
                        ],
                    ) + &tr.t(if *paper { "label-election-way-paper" } else { "label-election-way-site" })
                        + &(if *revote { tr.t("label-election-revote-round") } else { String::new() }),
                    String::new(),
                ),
                Entry::Counted { round, tellers, valid, void, yes } => (
                    tr.ta(
                        "label-election-counted",
                        &[
                            ("round", round.to_string()),
                            ("tellers", tellers.join("、")),
                            ("valid", valid.to_string()),
                            ("void", void.to_string()),
                            ("votes", yes.iter().map(|(n, v)| format!("{n} {v}")).collect::<Vec<_>>().join("，")),
                        ],
                    ),
                    String::new(),
                ),
                Entry::Officers { members, present, secretary, secretary_yes, deputy, deputy_yes, .. } => {
                    (officers_line(&tr, *members, *present, secretary, *secretary_yes, deputy.as_deref(), *deputy_yes), String::new())
                }
                Entry::Ballot { round, receipt, .. } => (tr.ta("label-election-ballot", &[("round", round.to_string())]), receipt.clone()),
                Entry::Closed { round, issued, returned } => (
                    tr.ta(
                        "label-election-closed",
                        &[("round", round.to_string()), ("issued", issued.to_string()), ("returned", returned.to_string())],
                    ),
                    String::new(),
                ),
                Entry::Result { round, .. } => (tr.ta("label-election-published", &[("round", round.to_string())]), String::new()),
            };
            BoardLine { seq: *seq, what, receipt, hash: hash[..16].to_owned() }
        })
        .collect();
    let b = Base::titled(&v, tr.ta("page-election-board", &[("title", e.title.clone())]), &format!("/board/elections/{id}"));
    Ok(page(&BoardPage { b, ok: verified.ok(), broken_at: verified.broken_at, results: result_lines(&tr, &verified), lines }))
}
