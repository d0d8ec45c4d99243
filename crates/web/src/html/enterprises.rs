//! Pages of enterprises and cooperatives: an area's list with who serves each and what they
//! offer, registering one, an enterprise's page (members serving it, offers with where each
//! stands, what members did, the needs it co-handles), and the forms to link a member, publish
//! an offer and record a service. The open offers also show on the village board.

use askama::Template;
use axum::{
    Router,
    body::Bytes,
    extract::{Path, Query},
    response::Response,
    routing::{get, post},
};
use chrono::NaiveDate;
use lianxin_app::{
    AppError,
    enterprises::{self, EnterpriseInput, OfferInput, ServiceInput},
    policy::{self, Action},
};
use lianxin_core::{
    appeals::format_tracking_code,
    enterprises::{OFFER_KINDS, SERVICE_KINDS},
    paging::Window,
    rules::enterprises::offer_reason,
};
use serde::Deserialize;
use uuid::Uuid;

use crate::{
    AppState, Viewer,
    error::WebResult,
    form::Pairs,
    html::{Base, page, page_with, see_other},
    i18n::Tr,
    rules::reason_text,
    shell::{
        XLSX, download,
        forms::{date, said, shown, word},
        is_form_error,
        pager::Pager,
        years::{YearQ, recent_years, year_of},
    },
};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/enterprises", get(home))
        .route("/areas/{id}/enterprises", get(list))
        .route("/areas/{id}/enterprises.xlsx", get(export))
        .route("/areas/{id}/enterprises/new", get(new).post(register))
        .route("/enterprises/{id}", get(show))
        .route("/enterprises/{id}/liaisons/new", get(new_link).post(link))
        .route("/enterprises/liaisons/{id}/end", post(unlink))
        .route("/enterprises/{id}/offers/new", get(new_offer).post(publish))
        .route("/enterprises/offers/{id}/withdraw", post(withdraw))
        .route("/enterprises/{id}/dissolve", get(dissolve_form).post(dissolve))
        .route("/enterprises/{id}/reopen", get(reopen_form).post(reopen))
        .route("/enterprises/{id}/services/new", get(new_service).post(serve))
}

/// A choice on a form: its value, its words, and whether it is chosen.
struct Opt {
    value: String,
    label: String,
    chosen: bool,
}

fn opts(tr: &Tr, prefix: &str, values: &[&str], chosen: &str) -> Vec<Opt> {
    values.iter().map(|v| Opt { value: (*v).to_owned(), label: word(tr, prefix, v), chosen: *v == chosen }).collect()
}

/// The staff go to their area's enterprises; a member to the ones they serve.
async fn home(v: Viewer) -> WebResult<Response> {
    v.require()?;
    if let Some(id) = policy::home_area(&v.ctx.actor, Action::ReadEnterprises) {
        return Ok(see_other(&format!("/areas/{id}/enterprises")));
    }
    if policy::menu(&v.ctx.actor).mine {
        return Ok(see_other("/care/mine"));
    }
    Err(AppError::NotFound.into())
}

/// An enterprise as a card in the list.
struct Card {
    id: Uuid,
    name: String,
    kind: String,
    place: String,
    liaisons: String,
    offers: u64,
    services: u64,
    needs: u64,
    active: bool,
}

fn cards(tr: &Tr, e: &enterprises::Enterprises) -> Vec<Card> {
    e.lines
        .iter()
        .map(|l| Card {
            id: l.body.id,
            name: l.body.name.clone(),
            kind: tr.t(&format!("body-{}", l.body.kind)),
            place: l.place.clone(),
            liaisons: if l.liaisons.is_empty() {
                tr.t("label-enterprise-no-liaison")
            } else {
                l.liaisons.iter().map(|x| x.person_name.as_str()).collect::<Vec<_>>().join("、")
            },
            offers: l.live_offers,
            services: l.services,
            needs: l.needs,
            active: l.body.status == "active",
        })
        .collect()
}

#[derive(Template)]
#[template(path = "enterprises/list.html")]
struct ListPage {
    b: Base,
    area_id: Uuid,
    year: i32,
    years: Vec<i32>,
    cards: Vec<Card>,
    /// More than the list shows: a sentence says so.
    more: String,
    may_manage: bool,
}

async fn list(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let year = year_of(&v, &q.year);
    let e = enterprises::list(&v.ctx, id, year).await?;
    let b = Base::titled(&v, tr.ta("page-enterprises", &[("name", e.area.name.clone())]), &format!("/areas/{id}/enterprises"));
    let more = if e.more { tr.ta("msg-enterprise-more", &[("count", enterprises::LIST_MAX.to_string())]) } else { String::new() };
    Ok(page(&ListPage { b, area_id: id, year, years: recent_years(&v), cards: cards(&tr, &e), more, may_manage: e.may_manage }))
}

/// The list as a spreadsheet, in words.
async fn export(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let year = year_of(&v, &q.year);
    let e = enterprises::list(&v.ctx, id, year).await?;
    let headers = [
        "field-enterprise-name",
        "field-enterprise-kind",
        "field-enterprise-place",
        "field-enterprise-liaisons",
        "field-enterprise-offers",
        "field-enterprise-services",
        "field-enterprise-needs",
    ]
    .map(|k| tr.t(k))
    .to_vec();
    let rows: Vec<Vec<String>> = cards(&tr, &e)
        .into_iter()
        .map(|c| vec![c.name, c.kind, c.place, c.liaisons, c.offers.to_string(), c.services.to_string(), c.needs.to_string()])
        .collect();
    let bytes = lianxin_app::sheets::write_xlsx(&tr.t("nav-enterprises"), &headers, rows)
        .map_err(|e| AppError::internal(format!("xlsx: {e:?}")))?;
    let name = format!("{}-{year}-{}.xlsx", e.area.name, tr.t("nav-enterprises"));
    Ok(download(bytes, XLSX, &name, &format!("enterprises-{year}.xlsx")))
}

#[derive(Template)]
#[template(path = "enterprises/new.html")]
struct NewPage {
    b: Base,
    area_id: Uuid,
    error: String,
    f: Pairs,
    kinds: Vec<Opt>,
}

async fn render_new(v: &Viewer, id: Uuid, error: Option<&AppError>, f: Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let kinds = ["enterprise", "cooperative", "collective_economy"]
        .iter()
        .map(|k| Opt { value: (*k).to_owned(), label: tr.t(&format!("body-{k}")), chosen: f.value("kind") == *k })
        .collect();
    let b = Base::titled(v, tr.t("page-enterprise-new"), &format!("/areas/{id}/enterprises/new"));
    Ok(page_with(shown(error), &NewPage { b, area_id: id, error: said(&tr, error), f, kinds }))
}

async fn new(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    render_new(&v, id, None, Pairs::default()).await
}

async fn register(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    match enterprises::register(&v.ctx, id, EnterpriseInput { kind: f.value("kind"), name: f.value("name") }).await {
        Ok(b) => Ok(see_other(&format!("/enterprises/{}", b.id))),
        Err(e) if is_form_error(&e) => render_new(&v, id, Some(&e), f).await,
        Err(e) => Err(e.into()),
    }
}

struct OfferLine {
    id: Uuid,
    kind: String,
    title: String,
    detail: String,
    places: Option<i32>,
    how_to: String,
    state: String,
    why: String,
    open: bool,
    withdrawable: bool,
}

struct ServiceLine {
    on: NaiveDate,
    who: String,
    kind: String,
    note: String,
}

struct NeedLine {
    code: String,
    shown_code: String,
    status: String,
    summary: String,
}

#[derive(Template)]
#[template(path = "enterprises/show.html")]
struct ShowPage {
    b: Base,
    id: Uuid,
    kind: String,
    place: String,
    active: bool,
    year: i32,
    years: Vec<i32>,
    liaisons: Vec<enterprises::Liaison>,
    offers: Vec<OfferLine>,
    services: Vec<ServiceLine>,
    services_pager: Pager,
    needs: Vec<NeedLine>,
    may_manage: bool,
    may_serve: bool,
}

/// The year an enterprise's page shows, and how many of its services come before the page shown.
#[derive(Deserialize, Default)]
#[serde(default)]
struct ShowQ {
    year: String,
    from: String,
}

/// Services one page of an enterprise lists.
const SERVICES_PAGE: u64 = 100;

async fn show(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<ShowQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let year = year_of(&v, &q.year);
    let e = enterprises::enterprise(&v.ctx, id, year, Window::new(crate::shell::pager::from_param(&q.from), SERVICES_PAGE)).await?;
    let services_pager = Pager::of(tr, &e.services, SERVICES_PAGE, &format!("/enterprises/{id}?year={year}"), "from", "#services");
    let today = v.ctx.app.today();
    let offers = e
        .offers
        .iter()
        .map(|o| {
            let x = &o.offer;
            OfferLine {
                id: x.id,
                kind: word(&tr, "offer-kind", &x.kind),
                title: x.title.clone(),
                detail: x.detail.clone(),
                places: x.places,
                how_to: x.how_to.clone(),
                state: tr.t(&format!("offer-state-{}", o.state.as_str())),
                why: reason_text(&tr, &offer_reason(o.state, x.valid_from, x.valid_until, today)),
                open: o.state == lianxin_core::enterprises::OfferState::Open,
                withdrawable: e.may_manage && x.withdrawn_at.is_none(),
            }
        })
        .collect();
    let services = e
        .services
        .items
        .iter()
        .map(|s| ServiceLine {
            on: s.served_on,
            who: s.person_name.clone(),
            kind: word(&tr, "service-kind", &s.kind),
            note: s.note.clone(),
        })
        .collect();
    let needs = e
        .needs
        .iter()
        .map(|a| NeedLine {
            code: a.code.clone(),
            shown_code: format_tracking_code(&a.code),
            status: tr.t(&format!("need-state-{}", a.status)),
            summary: lianxin_core::appeals::summary(&a.description, 60),
        })
        .collect();
    let b = Base::titled(&v, e.body.name.clone(), &format!("/enterprises/{id}"));
    Ok(page(&ShowPage {
        b,
        id,
        kind: tr.t(&format!("body-{}", e.body.kind)),
        place: e.place,
        active: e.body.status == "active",
        year,
        years: recent_years(&v),
        liaisons: e.liaisons,
        offers,
        services,
        services_pager,
        needs,
        may_manage: e.may_manage,
        may_serve: e.may_serve,
    }))
}

/// A member offered on the link form.
struct MemberOpt {
    id: Uuid,
    name: String,
    chosen: bool,
}

#[derive(Template)]
#[template(path = "enterprises/link.html")]
struct LinkPage {
    b: Base,
    id: Uuid,
    name: String,
    error: String,
    f: Pairs,
    members: Vec<MemberOpt>,
}

async fn render_link(v: &Viewer, id: Uuid, error: Option<&AppError>, f: Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let (body, members) = enterprises::candidates(&v.ctx, id).await?;
    let chosen = f.value("member");
    let members = members.into_iter().map(|m| MemberOpt { chosen: m.id.to_string() == chosen, id: m.id, name: m.person_name }).collect();
    let b = Base::titled(v, tr.ta("page-enterprise-link", &[("name", body.name.clone())]), &format!("/enterprises/{id}/liaisons/new"));
    Ok(page_with(shown(error), &LinkPage { b, id, name: body.name, error: said(&tr, error), f, members }))
}

async fn new_link(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let mut f = Pairs::default();
    f.set("since", v.ctx.app.today().to_string());
    render_link(&v, id, None, f).await
}

async fn link(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let member = Uuid::parse_str(f.value("member").trim()).ok();
    match enterprises::link(&v.ctx, id, member, date(&f.value("since"))).await {
        Ok(_) => Ok(see_other(&format!("/enterprises/{id}"))),
        Err(e) if is_form_error(&e) => render_link(&v, id, Some(&e), f).await,
        Err(e) => Err(e.into()),
    }
}

async fn unlink(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let l = enterprises::unlink(&v.ctx, id, Some(v.ctx.app.today())).await?;
    Ok(see_other(&format!("/enterprises/{}", l.body_id)))
}

#[derive(Template)]
#[template(path = "enterprises/offer_new.html")]
struct OfferPage {
    b: Base,
    id: Uuid,
    name: String,
    error: String,
    f: Pairs,
    kinds: Vec<Opt>,
}

async fn render_offer(v: &Viewer, id: Uuid, error: Option<&AppError>, f: Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let e = enterprises::enterprise(&v.ctx, id, enterprises::this_year(&v.ctx), Window::first(1)).await?;
    if !e.may_manage {
        return Err(AppError::Forbidden.into());
    }
    let kinds = opts(&tr, "offer-kind", &OFFER_KINDS, &f.value("kind"));
    let b = Base::titled(v, tr.ta("page-enterprise-offer", &[("name", e.body.name.clone())]), &format!("/enterprises/{id}/offers/new"));
    Ok(page_with(shown(error), &OfferPage { b, id, name: e.body.name, error: said(&tr, error), f, kinds }))
}

async fn new_offer(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let mut f = Pairs::default();
    f.set("valid_from", v.ctx.app.today().to_string());
    render_offer(&v, id, None, f).await
}

async fn publish(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let input = OfferInput {
        kind: f.value("kind"),
        title: f.value("title"),
        detail: f.value("detail"),
        places: Some(f.value("places")),
        how_to: f.value("how_to"),
        valid_from: date(&f.value("valid_from")),
        valid_until: date(&f.value("valid_until")),
    };
    match enterprises::publish(&v.ctx, id, input).await {
        Ok(_) => Ok(see_other(&format!("/enterprises/{id}"))),
        Err(e) if is_form_error(&e) => render_offer(&v, id, Some(&e), f).await,
        Err(e) => Err(e.into()),
    }
}

async fn withdraw(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let o = enterprises::withdraw(&v.ctx, id).await?;
    Ok(see_other(&format!("/enterprises/{}", o.body_id)))
}

#[derive(Template)]
#[template(path = "enterprises/service_new.html")]
struct ServicePage {
    b: Base,
    id: Uuid,
    name: String,
    error: String,
    f: Pairs,
    kinds: Vec<Opt>,
    /// The members who serve it, for the staff to choose; empty when a member records their own.
    members: Vec<MemberOpt>,
}

async fn render_service(v: &Viewer, id: Uuid, error: Option<&AppError>, f: Pairs) -> WebResult<Response> {
    let tr = v.tr;
    let e = enterprises::enterprise(&v.ctx, id, enterprises::this_year(&v.ctx), Window::first(1)).await?;
    if !e.may_serve {
        return Err(AppError::Forbidden.into());
    }
    let chosen = f.value("member");
    let members = if e.own.is_some() {
        Vec::new()
    } else {
        e.liaisons
            .iter()
            .filter(|l| l.until.is_none())
            .map(|l| MemberOpt { id: l.member_id, name: l.person_name.clone(), chosen: l.member_id.to_string() == chosen })
            .collect()
    };
    let kinds = opts(&tr, "service-kind", &SERVICE_KINDS, &f.value("kind"));
    let b = Base::titled(v, tr.ta("page-enterprise-service", &[("name", e.body.name.clone())]), &format!("/enterprises/{id}/services/new"));
    Ok(page_with(shown(error), &ServicePage { b, id, name: e.body.name, error: said(&tr, error), f, kinds, members }))
}

async fn new_service(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let mut f = Pairs::default();
    f.set("served_on", v.ctx.app.today().to_string());
    render_service(&v, id, None, f).await
}

async fn serve(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    let input = ServiceInput {
        member_id: Uuid::parse_str(f.value("member").trim()).ok(),
        served_on: date(&f.value("served_on")),
        kind: f.value("kind"),
        note: f.value("note"),
    };
    match enterprises::record_service(&v.ctx, id, input).await {
        Ok(_) => Ok(see_other(&format!("/enterprises/{id}"))),
        Err(e) if is_form_error(&e) => render_service(&v, id, Some(&e), f).await,
        Err(e) => Err(e.into()),
    }
}

/// Closing an enterprise: the reason, and what closing does.
/// Closing an enterprise, or (`what` = "reopen") undoing it: the reason, and what it does.
async fn dissolve_page(v: &Viewer, id: Uuid, what: &str, reason: &str) -> WebResult<crate::html::FormPage> {
    let tr = v.tr;
    let view = enterprises::enterprise(&v.ctx, id, chrono::Datelike::year(&v.ctx.app.today()), Window::first(1)).await?;
    let fields =
        vec![crate::html::Field::new("reason", tr.t(&format!("field-enterprise-{what}-reason")), "textarea").value(reason).required()];
    let action = format!("/enterprises/{id}/{what}");
    let title = tr.ta(&format!("page-enterprise-{what}"), &[("name", view.body.name.clone())]);
    let mut p = crate::html::FormPage::new(Base::titled(v, title, &action), action, fields, tr.t(&format!("btn-enterprise-{what}")));
    p.intro = tr.t(&format!("help-enterprise-{what}"));
    p.cancel = format!("/enterprises/{id}");
    p.danger = what == "dissolve";
    Ok(p)
}

async fn dissolve_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    Ok(dissolve_page(&v, id, "dissolve", "").await?.render_ok())
}

async fn dissolve(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    match enterprises::dissolve(&v.ctx, id, &f.value("reason")).await {
        Ok(_) => Ok(see_other(&format!("/enterprises/{id}"))),
        Err(e) if is_form_error(&e) => Ok(dissolve_page(&v, id, "dissolve", &f.value("reason")).await?.with_error(&e)),
        Err(e) => Err(e.into()),
    }
}

async fn reopen_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    Ok(dissolve_page(&v, id, "reopen", "").await?.render_ok())
}

async fn reopen(v: Viewer, Path(id): Path<Uuid>, body: Bytes) -> WebResult<Response> {
    v.require()?;
    let f = Pairs::parse(&body);
    match enterprises::reopen(&v.ctx, id, &f.value("reason")).await {
        Ok(_) => Ok(see_other(&format!("/enterprises/{id}"))),
        Err(e) if is_form_error(&e) => Ok(dissolve_page(&v, id, "reopen", &f.value("reason")).await?.with_error(&e)),
        Err(e) => Err(e.into()),
    }
}
