//! The dues book as an .xlsx in Chinese (or the reader's language), and payments read from a
//! sheet: every problem listed by line, nothing recorded unless every row is right.

use askama::Template;
use axum::{
    extract::{Multipart, Path, Query},
    http::StatusCode,
    response::Response,
};
use chrono::NaiveDate;
use lianxin_app::{AppError, dues, sheets::RowError};
use lianxin_core::dues::yuan;
use uuid::Uuid;

use super::{kind_word, month_word};
use crate::{
    Viewer,
    error::WebResult,
    html::{Base, page_with},
    shell::{
        XLSX, download,
        years::{YearQ, year_of},
    },
};

pub(super) async fn export(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let year = year_of(&v, &q.year);
    let book = dues::book(&v.ctx, id, year).await?;
    let mut headers = vec![tr.t("field-person-name"), tr.t("field-dues-kind"), tr.t("field-dues-base"), tr.t("field-dues-monthly")];
    headers.extend((1..=12).map(|m| month_word(&tr, NaiveDate::from_ymd_opt(year, m, 1).expect("a month"))));
    headers.extend([tr.t("field-dues-paid"), tr.t("field-dues-owed"), tr.t("field-dues-run"), tr.t("field-dues-alert")]);
    let rows = book.rows.iter().map(|r| {
        let mut cells = vec![
            r.member.person_name.clone(),
            r.base.as_ref().map(|b| kind_word(&tr, &b.kind)).unwrap_or_else(|| tr.t("label-dues-no-base")),
            r.base.as_ref().and_then(|b| b.base_fen).map(yuan).unwrap_or_default(),
            r.base.as_ref().map(|b| yuan(b.monthly_fen)).unwrap_or_default(),
        ];
        cells.extend(r.months.iter().zip(&r.due).map(|(p, due)| match (p, due) {
            (Some(p), _) if p.by_branch => tr.ta("label-dues-paid-by-branch", &[("amount", yuan(p.amount_fen))]),
            (Some(p), _) => yuan(p.amount_fen),
            (None, true) => tr.t("label-dues-unpaid"),
            (None, false) => String::new(),
        }));
        cells.extend([
            yuan(r.paid_fen),
            yuan(r.owed_fen()),
            r.arrears.longest_run.to_string(),
            if r.arrears.alert { tr.t("label-dues-alert") } else { String::new() },
        ]);
        cells
    });
    let bytes = lianxin_app::sheets::write_xlsx(&tr.t("nav-dues"), &headers, rows.collect::<Vec<_>>())
        .map_err(|e| AppError::internal(format!("xlsx: {e:?}")))?;
    let name = format!("{}-{year}-{}.xlsx", book.org.name, tr.t("nav-dues"));
    Ok(download(bytes, XLSX, &name, &format!("dues-{year}.xlsx")))
}

#[derive(Template)]
#[template(path = "dues/import.html")]
struct ImportPage {
    b: Base,
    org_id: Uuid,
    error: String,
    errors: Vec<RowError>,
    recorded: String,
}

fn import_page(v: &Viewer, org_id: Uuid, error: String, errors: Vec<RowError>, recorded: String) -> ImportPage {
    let b = Base::titled(v, v.tr.t("page-dues-import"), &format!("/orgs/{org_id}/dues/import"));
    ImportPage { b, org_id, error, errors, recorded }
}

pub(super) async fn import_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    // Only those who record dues see the form.
    lianxin_app::dues::may_record_in(&v.ctx, id).await?;
    Ok(page_with(StatusCode::OK, &import_page(&v, id, String::new(), Vec::new(), String::new())))
}

pub(super) async fn import(v: Viewer, Path(id): Path<Uuid>, form: Multipart) -> WebResult<Response> {
    v.require()?;
    let file = match crate::form::multipart(form).await {
        Ok(parts) => parts.into_iter().find(|p| p.name == "file").map(|p| (p.filename, p.data)),
        Err((status, key)) => return Ok(page_with(status, &import_page(&v, id, v.tr.t(key), Vec::new(), String::new()))),
    };
    let Some((filename, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return Ok(page_with(
            StatusCode::UNPROCESSABLE_ENTITY,
            &import_page(&v, id, v.tr.t("error-import-file"), Vec::new(), String::new()),
        ));
    };
    match dues::sheet::import_payments(&v.ctx, id, &bytes, &filename).await {
        Ok(o) if o.errors.is_empty() => {
            let done = v.tr.ta("msg-dues-imported", &[("count", o.recorded.to_string()), ("amount", yuan(o.total_fen))]);
            Ok(page_with(StatusCode::OK, &import_page(&v, id, String::new(), Vec::new(), done)))
        }
        Ok(o) => {
            let errors = o
                .errors
                .into_iter()
                .map(|mut e| {
                    e.reason = v.tr.t(&e.reason);
                    e
                })
                .collect();
            let msg = v.tr.t("msg-dues-import-refused");
            Ok(page_with(StatusCode::UNPROCESSABLE_ENTITY, &import_page(&v, id, msg, errors, String::new())))
        }
        Err(e) if crate::shell::is_form_error(&e) => {
            Ok(page_with(crate::error::status_of(&e), &import_page(&v, id, crate::html::error_text(&v.tr, &e), Vec::new(), String::new())))
        }
        Err(e) => Err(e.into()),
    }
}
