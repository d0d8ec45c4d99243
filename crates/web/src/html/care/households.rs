//! Household contacts (联户): an organization's households not contacted for more than the days
//! the setting allows (or every link), as a page and a spreadsheet; a member's own households
//! and pairs; and one link's contacts, where the member logs another.

use askama::Template;
use axum::{
    Router,
    body::Bytes,
    extract::{Path, Query},
    response::Response,
    routing::get,
};
use lianxin_app::{
    AppError,
    care::{self, ContactInput, LinkLine},
};
use lianxin_core::{care::CONTACT_KINDS, paging::Window, rules::care::contact_reason};
use serde::Deserialize;
use uuid::Uuid;

use super::{date, said, shown, word};
use crate::{
    AppState, Viewer,
    error::WebResult,
    form::Pairs,
    html::{Base, page, page_with, see_other},
    i18n::Tr,
    rules,
    shell::{
        XLSX, download, is_form_error,
        pager::{FromQ, Pager},
    },
};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{id}/care/contacts", get(list))
        .route("/orgs/{id}/care/contacts.xlsx", get(export))
        .route("/care/mine", get(mine))
        .route("/care/links/{member}/{household}", get(show).post(log))
}

/// One link as a line: who, which household, the days and the sentence saying why.
struct Line {
    member_id: Uuid,
    household_id: Uuid,
    name: String,
    household: String,
    last: String,
    days: u64,
    overdue: bool,
    served: bool,
    why: String,
}

fn line(tr: &Tr, l: &LinkLine) -> Line {
    Line {
        member_id: l.link.member_id,
        household_id: l.link.household_id,
        name: l.link.person_name.clone(),
        household: l.household.clone(),
        last: if l.contact.ever { l.contact.from.to_string() } else { tr.t("label-care-never") },
        days: l.contact.days,
        overdue: l.contact.overdue,
        served: l.served,
        why: rules::reason_text(tr, &contact_reason(&l.contact)),
    }
}

#[derive(Deserialize)]
struct AllQ {
    all: Option<String>,
}

#[derive(Template)]
#[template(path = "care/contacts.html")]
struct ListPage {
    b: Base,
    org_id: Uuid,
    all: bool,
    total: usize,
    limit: u32,
    lines: Vec<Line>,
}

async fn list(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<AllQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let all = q.all.is_some_and(|a| a == "1");
    let (org, list, total) = care::not_contacted(&v.ctx, id, all).await?;
    let limit = v.ctx.settings().care.contact_days;
    let b = Base::titled(
        &v,
        tr.ta("page-care-contacts", &[("name", org.name.clone()), ("days", limit.to_string())]),
        &format!("/orgs/{id}/care/contacts"),
    );
    Ok(page(&ListPage { b, org_id: id, all, total, limit, lines: list.iter().map(|l| line(&tr, l)).collect() }))
}

async fn export(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<AllQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let all = q.all.is_some_and(|a| a == "1");
    let (org, list, _) = care::not_contacted(&v.ctx, id, all).await?;
    let headers =
        ["field-person-name", "field-care-household", "field-care-last", "field-care-days", "field-care-served"].map(|k| tr.t(k)).to_vec();
    let rows = list
        .iter()
        .map(|l| {
            let x = line(&tr, l);
            vec![x.name, x.household, x.last, x.days.to_string(), tr.t(if x.served { "label-yes" } else { "label-no" })]
        })
        .collect::<Vec<_>>();
    let bytes = lianxin_app::sheets::write_xlsx(&tr.t("label-care-contacts"), &headers, rows)
        .map_err(|e| AppError::internal(format!("xlsx: {e:?}")))?;
    Ok(download(bytes, XLSX, &format!("{}-{}.xlsx", org.name, tr.t("label-care-contacts")), "contacts.xlsx"))
}

#[derive(Template)]
#[template(path = "care/mine.html")]
struct MinePage {
    b: Base,
    member: Option<Uuid>,
    lines: Vec<Line>,
    pairs: Vec<care::Pair>,
    /// The enterprises the member serves, to record what they did for them.
    enterprises: Vec<(Uuid, String)>,
}

async fn mine(v: Viewer) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let m = care::mine(&v.ctx).await?;
    let b = Base::titled(&v, tr.t("page-care-mine"), "/care/mine");
    Ok(page(&MinePage {
        b,
        member: m.member.as_ref().map(|m| m.id),
        lines: m.links.iter().map(|l| line(&tr, l)).collect(),
        pairs: m.pairs,
        enterprises: lianxin_app::enterprises::mine(&v.ctx).await?.into_iter().map(|(_, b)| (b.id, b.name)).collect(),
    }))
}

struct ContactLine {
    on: chrono::NaiveDate,
    kind: String,
    note: String,
    by: String,
}

#[derive(Template)]
#[template(path = "care/link.html")]
struct LinkPage {
    b: Base,
    l: Line,
    contacts: Vec<ContactLine>,
    /// How many contacts in all (the list shows a page of them).
    total: u64,
    pager: Pager,
    may_log: bool,
    kinds: Vec<(&'static str, String)>,
    error: String,
    f: Pairs,
}

/// Contacts one page of a link shows.
const CONTACTS_PAGE: u64 = 50;

async fn render(v: &Viewer, member: Uuid, household: Uuid, from: Option<u64>, error: Option<&AppError>, f: Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let w = Window::new(from, CONTACTS_PAGE);
    let view = care::household(&v.ctx, member, household, w).await?;
    let here = format!("/care/links/{member}/{household}");
    let pager = Pager::of(tr, &view.contacts, CONTACTS_PAGE, &here, "from", "#contacts");
    let l = line(&tr, &view.line);
    let may_log = view.may_log;
    let contacts = view
        .contacts
        .items
        .into_iter()
        .map(|c| ContactLine { on: c.contacted_on, kind: word(&tr, "care-contact", &c.kind), note: c.note, by: c.recorded_by })
        .collect();
    let b = Base::titled(v, l.household.clone(), &format!("/care/links/{member}/{household}"));
    Ok(page_with(
        shown(error),
        &LinkPage {
            b,
            l,
            contacts,
            total: view.total,
            pager,
            may_log,
            kinds: CONTACT_KINDS.iter().map(|k| (*k, word(&tr, "care-contact", k))).collect(),
            error: said(&tr, error),
            f,
        },
    ))
}

async fn show(v: Viewer, Path((member, household)): Path<(Uuid, Uuid)>, Query(q): Query<FromQ>) -> WebResult<Response> {
    v.require()?;
    let mut f = Pairs::default();
    f.set("contacted_on", v.ctx.app.today().to_string());
    render(&v, member, household, q.from(), None, f).await
}

async fn log(v: Viewer, Path((member, household)): Path<(Uuid, Uuid)>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let input = ContactInput { on: date(&f.value("contacted_on")), kind: f.value("kind").trim().to_owned(), note: f.value("note") };
    match care::log_household_contact(&v.ctx, member, household, input).await {
        Ok(_) => Ok(see_other(&format!("/care/links/{member}/{household}"))),
        Err(e) if is_form_error(&e) => render(&v, member, household, None, Some(&e), f).await,
        Err(e) => Err(e.into()),
    }
}
