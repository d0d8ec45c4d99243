//! Filing: `POST requests.{fmt}` with an api_key, read into one `app` call.

use axum::{
    body::Bytes,
    extract::{Path, rejection::BytesRejection},
    http::{HeaderMap, StatusCode, header},
    response::Response,
};
use lianxin_app::{AppError, appeals::open311::Filing};
use lianxin_core::appeals::format_tracking_code;

use super::{
    Caller, O311, Params, bad, data, render,
    xml::{Format, Node, respond},
};

/// `POST requests.{fmt}`.
pub(super) async fn post(c: Caller, Path(file): Path<String>, headers: HeaderMap, body: Result<Bytes, BytesRejection>) -> Response {
    let Some((name, format)) = Format::split(&file) else {
        return render(&AppError::NotFound, Format::guess(&file), c.tr);
    };
    if name != "requests" {
        return render(&bad("error-o311-method"), format, c.tr);
    }
    let urlencoded = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|t| t.trim().to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"));
    if !urlencoded {
        return render(&bad("error-media-type"), format, c.tr);
    }
    let body = match body {
        Ok(b) => b,
        Err(_) => return render(&bad("error-too-large"), format, c.tr),
    };
    let p = Params::parse(&body);
    match create_request(&c, &p).await {
        Ok(node) => respond(format, StatusCode::OK, "service_requests", &node),
        Err(e) => render(&e, format, c.tr),
    }
}

fn coordinate(p: &Params, name: &'static str) -> O311<Option<f64>> {
    match p.get(name) {
        None => Ok(None),
        Some(s) => s.parse::<f64>().ok().filter(|v| v.is_finite()).map(Some).ok_or(AppError::invalid(name, "error-appeal-location")),
    }
}

/// `first_name` and `last_name` as one name: "John Smith", or family name first ("张明").
fn full_name(first: Option<&str>, last: Option<&str>) -> Option<String> {
    match (first, last) {
        (None, None) => None,
        (Some(n), None) | (None, Some(n)) => Some(n.to_owned()),
        (Some(f), Some(l)) if f.is_ascii() && l.is_ascii() => Some(format!("{f} {l}")),
        (Some(f), Some(l)) => Some(format!("{l}{f}")),
    }
}

async fn create_request(c: &Caller, p: &Params) -> O311<Node> {
    let text = |name: &str| p.get(name).map(str::to_owned);
    let filing = Filing {
        api_key: text("api_key"),
        jurisdiction_id: text("jurisdiction_id"),
        service_code: text("service_code"),
        lat: coordinate(p, "lat")?,
        long: coordinate(p, "long")?,
        address_string: text("address_string"),
        address_id: text("address_id"),
        description: text("description"),
        name: full_name(p.get("first_name"), p.get("last_name")),
        phone: text("phone"),
        attributes: p.bracketed("attribute"),
    };
    let appeal = data::file(&c.ctx, filing).await?;
    let notice = c.tr.ta("label-o311-notice", &[("no", format_tracking_code(&appeal.code))]);
    Ok(Node::List(
        "request",
        vec![Node::Obj(vec![
            ("service_request_id", Node::text(appeal.code.clone())),
            ("service_notice", Node::text(notice)),
            ("account_id", Node::opt_text(p.get("account_id"))),
        ])],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_either_order() {
        assert_eq!(full_name(Some("明"), Some("张")).as_deref(), Some("张明"));
        assert_eq!(full_name(Some("John"), Some("Smith")).as_deref(), Some("John Smith"));
        assert_eq!(full_name(None, None), None);
    }
}
