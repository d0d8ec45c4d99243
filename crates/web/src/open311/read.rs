//! Reading: discovery, services and their definitions, requests by filter, by id and by token.

use axum::{
    extract::{Path, RawQuery},
    http::StatusCode,
    response::Response,
};
use chrono::{Duration, FixedOffset};
use lianxin_app::{AppError, Locale, appeals::Category};
use lianxin_core::appeals::{Status, attributes::AttributeDef};

use super::{
    CHANGESET, Caller, MAX_IDS, MAX_REQUESTS, MAX_SPAN_DAYS, O311, Params, SPECIFICATION,
    data::{self, Jurisdiction, RequestQuery, Shown},
    offset, parse_w3c, render, w3c,
    xml::{Format, Node, respond},
};
use crate::i18n::Tr;

/// Our richer state, in words, for `status_notes`.
fn status_notes(tr: Tr, status: &str) -> String {
    let key = match Status::parse(status) {
        Some(Status::Submitted) => "label-o311-status-submitted",
        Some(Status::Accepted) => "label-o311-status-accepted",
        Some(Status::InProgress) => "label-o311-status-in-progress",
        Some(Status::Resolved) => "label-o311-status-resolved",
        Some(Status::Closed) => "label-o311-status-closed",
        Some(Status::Rejected) => "label-o311-status-rejected",
        Some(Status::Withdrawn) => "label-o311-status-withdrawn",
        None => return status.to_owned(),
    };
    tr.t(key)
}

fn category_name(k: &Category, locale: Locale) -> String {
    if locale == Locale::EnUs { k.name_en.clone() } else { k.name_zh.clone() }
}

fn attribute_defs(k: &Category) -> Vec<AttributeDef> {
    let mut defs: Vec<AttributeDef> = serde_json::from_str(&k.attributes).unwrap_or_default();
    defs.sort_by_key(|d| d.order);
    defs
}

pub(super) async fn jurisdiction(c: &Caller, p: &Params) -> O311<Jurisdiction> {
    data::jurisdiction(&c.ctx, p.get("jurisdiction_id")).await
}

/// `discovery`, `services` and `requests` (GET).
pub(super) async fn file(c: Caller, Path(file): Path<String>, RawQuery(q): RawQuery) -> Response {
    let Some((name, format)) = Format::split(&file) else {
        return render(&AppError::NotFound, Format::guess(&file), c.tr);
    };
    let p = Params::parse(q.as_deref().unwrap_or("").as_bytes());
    let done = match name {
        "discovery" => Ok(respond(format, StatusCode::OK, "discovery", &discovery(&c))),
        "services" => services(&c, &p).await.map(|n| respond(format, StatusCode::OK, "services", &n)),
        "requests" => list_requests(&c, &p).await.map(|n| respond(format, StatusCode::OK, "service_requests", &n)),
        _ => Err(AppError::NotFound),
    };
    done.unwrap_or_else(|e| render(&e, format, c.tr))
}

fn discovery(c: &Caller) -> Node {
    Node::Obj(vec![
        ("changeset", Node::text(CHANGESET)),
        ("contact", Node::text(c.tr.t("label-o311-contact"))),
        ("key_service", Node::text(c.tr.t("label-o311-key-service"))),
        (
            "endpoints",
            Node::List(
                "endpoint",
                vec![Node::Obj(vec![
                    ("specification", Node::text(SPECIFICATION)),
                    ("url", Node::text(c.base.clone())),
                    ("changeset", Node::text(CHANGESET)),
                    ("type", Node::text("production")),
                    ("formats", Node::List("format", Format::MIME_TYPES.iter().map(|m| Node::text(*m)).collect())),
                ])],
            ),
        ),
    ])
}

async fn services(c: &Caller, p: &Params) -> O311<Node> {
    let j = jurisdiction(c, p).await?;
    let cats = data::services(&c.ctx, &j).await?;
    Ok(Node::List(
        "service",
        cats.iter()
            .map(|k| {
                Node::Obj(vec![
                    ("service_code", Node::text(k.code.clone())),
                    ("service_name", Node::text(category_name(k, c.ctx.locale))),
                    ("description", Node::text(k.description.clone())),
                    ("metadata", Node::Bool(!attribute_defs(k).is_empty())),
                    ("type", Node::text("realtime")),
                    ("keywords", Node::text(k.keywords.split_whitespace().collect::<Vec<_>>().join(","))),
                    ("group", Node::text(k.group_name.clone())),
                ])
            })
            .collect(),
    ))
}

/// `services/{code}.{fmt}`: the service definition (the category's attributes).
pub(super) async fn service_definition(c: Caller, Path(file): Path<String>, RawQuery(q): RawQuery) -> Response {
    let Some((code, format)) = Format::split(&file) else {
        return render(&AppError::NotFound, Format::guess(&file), c.tr);
    };
    let p = Params::parse(q.as_deref().unwrap_or("").as_bytes());
    let done = async {
        let j = jurisdiction(&c, &p).await?;
        let k = data::service(&c.ctx, &j, code).await?.ok_or(AppError::Missing { key: "error-o311-service-unknown" })?;
        let en = c.ctx.locale == Locale::EnUs;
        let attributes = attribute_defs(&k)
            .into_iter()
            .map(|d| {
                let hint = if d.datatype == "datetime" { "YYYY-MM-DDThh:mm:ss+08:00" } else { "" };
                let description = if en && !d.description_en.is_empty() { d.description_en } else { d.description };
                Node::Obj(vec![
                    ("variable", Node::Bool(true)),
                    ("code", Node::text(d.code)),
                    ("datatype", Node::text(d.datatype)),
                    ("required", Node::Bool(d.required)),
                    ("datatype_description", Node::text(hint)),
                    ("order", Node::Int(i64::from(d.order))),
                    ("description", Node::text(description)),
                    (
                        "values",
                        Node::List(
                            "value",
                            d.values
                                .into_iter()
                                .map(|v| Node::Obj(vec![("key", Node::text(v.key)), ("name", Node::text(v.name))]))
                                .collect(),
                        ),
                    ),
                ])
            })
            .collect();
        let node = Node::Obj(vec![("service_code", Node::text(k.code)), ("attributes", Node::List("attribute", attributes))]);
        Ok::<_, AppError>(respond(format, StatusCode::OK, "service_definition", &node))
    };
    done.await.unwrap_or_else(|e| render(&e, format, c.tr))
}

fn request_node(c: &Caller, s: &Shown, off: FixedOffset) -> Node {
    let a = &s.view;
    let status = Status::parse(&a.status);
    let updated = match status {
        Some(st) if st.is_final() => a.closed_at.unwrap_or(a.updated_at),
        _ => a.updated_at,
    };
    Node::Obj(vec![
        ("service_request_id", Node::text(a.code.clone())),
        ("status", Node::text(status.map_or("open", Status::open311))),
        ("status_notes", Node::text(status_notes(c.tr, &a.status))),
        ("service_name", Node::text(a.category.clone())),
        ("service_code", Node::text(a.service_code.clone())),
        ("description", Node::text(a.description.clone())),
        ("agency_responsible", Node::text(a.agency.clone())),
        ("service_notice", Node::Null),
        ("requested_datetime", Node::text(w3c(a.created_at, off))),
        ("updated_datetime", Node::text(w3c(updated, off))),
        ("expected_datetime", Node::text(w3c(a.due_at, off))),
        ("address", Node::opt_text(a.address.clone())),
        ("address_id", Node::opt_text(s.address_id.clone())),
        ("zipcode", Node::Null),
        ("lat", Node::opt_num(a.lat)),
        ("long", Node::opt_num(a.lon)),
        // The first photo (public appeals' photos are public).
        ("media_url", s.photo.map_or(Node::Null, |id| Node::text(format!("{}/appeal-photos/{id}", c.site)))),
    ])
}

/// Our states behind Open311's `status` values.
fn statuses_of(p: &Params) -> O311<Vec<String>> {
    let mut open = false;
    let mut closed = false;
    for s in p.list("status") {
        match s.as_str() {
            "open" => open = true,
            "closed" => closed = true,
            _ => return Err(AppError::invalid("status", "error-o311-status")),
        }
    }
    let mut out = Vec::new();
    for st in Status::ALL {
        if (open && !st.is_final()) || (closed && st.is_final()) {
            out.push(st.as_str().to_owned());
        }
    }
    // Both (or neither) is no filter at all.
    Ok(if open == closed { Vec::new() } else { out })
}

fn number(p: &Params, name: &'static str, default: u64) -> O311<u64> {
    match p.get(name) {
        None => Ok(default),
        Some(s) => s.parse::<u64>().ok().filter(|n| *n >= 1).ok_or(AppError::invalid(name, "error-o311-page")),
    }
}

fn request_query(c: &Caller, p: &Params) -> O311<RequestQuery> {
    let off = offset(c);
    let date = |name: &'static str| match p.get(name) {
        None => Ok(None),
        Some(s) => parse_w3c(s, off).map(Some).ok_or(AppError::invalid(name, "error-o311-date")),
    };
    let span = Duration::days(MAX_SPAN_DAYS);
    let (from, to) = match (date("start_date")?, date("end_date")?) {
        (None, None) => {
            let now = c.ctx.now();
            (now - span, now)
        }
        (Some(s), None) => (s, s + span),
        (None, Some(e)) => (e - span, e),
        (Some(s), Some(e)) => (s, e),
    };
    if to < from {
        return Err(AppError::invalid("end_date", "error-o311-date-order"));
    }
    if to - from > span {
        return Err(AppError::invalid("end_date", "error-o311-date-span"));
    }
    let page = number(p, "page", 1)?;
    let limit = number(p, "page_size", MAX_REQUESTS)?.min(MAX_REQUESTS);
    let offset = (page - 1).checked_mul(limit).ok_or(AppError::invalid("page", "error-o311-page"))?;
    Ok(RequestQuery {
        service_codes: p.list("service_code"),
        statuses: statuses_of(p)?,
        from: Some(from),
        // The end is inclusive.
        to: Some(to + Duration::microseconds(1)),
        offset,
        limit,
    })
}

async fn list_requests(c: &Caller, p: &Params) -> O311<Node> {
    let j = jurisdiction(c, p).await?;
    let ids = p.list("service_request_id");
    // A list of ids overrides every other filter.
    let shown = if ids.is_empty() {
        data::requests(&c.ctx, &j, &request_query(c, p)?).await?
    } else if ids.len() > MAX_IDS {
        return Err(AppError::invalid("service_request_id", "error-o311-too-many-ids"));
    } else {
        data::requests_by_codes(&c.ctx, &j, &ids).await?
    };
    let off = offset(c);
    Ok(Node::List("request", shown.iter().map(|s| request_node(c, s, off)).collect()))
}

/// The public appeal behind an id or token, or 404.
async fn lookup(c: &Caller, p: &Params, code: &str) -> O311<Shown> {
    let j = jurisdiction(c, p).await?;
    let found = data::requests_by_codes(&c.ctx, &j, &[code.to_owned()]).await?;
    found.into_iter().next().ok_or(AppError::Missing { key: "error-o311-request-unknown" })
}

/// `requests/{id}.{fmt}`: a one-element array.
pub(super) async fn one_request(c: Caller, Path(file): Path<String>, RawQuery(q): RawQuery) -> Response {
    let Some((id, format)) = Format::split(&file) else {
        return render(&AppError::NotFound, Format::guess(&file), c.tr);
    };
    let p = Params::parse(q.as_deref().unwrap_or("").as_bytes());
    match lookup(&c, &p, id).await {
        Ok(s) => respond(format, StatusCode::OK, "service_requests", &Node::List("request", vec![request_node(&c, &s, offset(&c))])),
        Err(e) => render(&e, format, c.tr),
    }
}

/// `tokens/{token}.{fmt}`: our requests get their id at once, so the token is the tracking code.
pub(super) async fn token(c: Caller, Path(file): Path<String>, RawQuery(q): RawQuery) -> Response {
    let Some((token, format)) = Format::split(&file) else {
        return render(&AppError::NotFound, Format::guess(&file), c.tr);
    };
    let p = Params::parse(q.as_deref().unwrap_or("").as_bytes());
    match lookup(&c, &p, token).await {
        Ok(s) => {
            let node = Node::List(
                "request",
                vec![Node::Obj(vec![("service_request_id", Node::text(s.view.code.clone())), ("token", Node::text(token))])],
            );
            respond(format, StatusCode::OK, "service_requests", &node)
        }
        Err(e) => render(&e, format, c.tr),
    }
}
