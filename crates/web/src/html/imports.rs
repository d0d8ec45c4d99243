//! Importing rosters (upload, progress, row-by-row errors, report download) and exporting them.

use askama::Template;
use axum::{
    Router,
    extract::{DefaultBodyLimit, Multipart, Path, Query},
    response::Response,
    routing::get,
};
use lianxin_app::people::Import;
use lianxin_app::{
    AppError,
    people::{
        export::{self, RosterHeaders},
        import::{self, ImportKind},
    },
    sheets::{self, RowError},
};
use serde::Deserialize;
use uuid::Uuid;

use super::{Base, page, people::RosterQ, see_other};
use crate::{AppState, Viewer, error::WebResult, i18n::Tr};

pub fn router(import_bytes: usize) -> Router<AppState> {
    Router::new()
        .route("/imports/new", get(new_form))
        .route("/imports", axum::routing::post(upload).layer(DefaultBodyLimit::max(import_bytes)))
        .route("/imports/{id}", get(show))
        .route("/imports/{id}/errors.xlsx", get(errors_xlsx))
        .route("/imports/{id}/errors.csv", get(errors_csv))
        .route("/imports/template/{kind}", get(template))
        .route("/orgs/{id}/roster.xlsx", get(roster_xlsx))
        .route("/areas/{id}/people.xlsx", get(village_xlsx))
}

/// A column as documented on the upload page.
pub struct ColumnDoc {
    pub headers: String,
    /// Other headers accepted for the same column.
    pub aliases: String,
    pub required: bool,
    pub help: String,
}

#[derive(Template)]
#[template(path = "imports/new.html")]
struct NewPage {
    b: Base,
    kind: String,
    error: String,
    persons: Vec<ColumnDoc>,
    members: Vec<ColumnDoc>,
}

fn docs(tr: &Tr, kind: ImportKind) -> Vec<ColumnDoc> {
    // The English aliases are for English readers; a Chinese reader sees the Chinese ones only.
    let en = tr.0 == lianxin_app::Locale::EnUs;
    kind.columns()
        .iter()
        .map(|c| ColumnDoc {
            headers: c.headers.first().map(|h| (*h).to_owned()).unwrap_or_default(),
            aliases: c.headers.iter().skip(1).copied().filter(|h| en || !h.is_ascii()).collect::<Vec<_>>().join(" / "),
            required: c.required,
            help: tr.t(&format!("import-col-{}", c.key.replace('_', "-"))),
        })
        .collect()
}

fn new_page(v: &Viewer, kind: &str, error: String) -> NewPage {
    NewPage {
        b: Base::new(v, "page-import", "/imports/new"),
        kind: kind.to_owned(),
        error,
        persons: docs(&v.tr, ImportKind::Persons),
        members: docs(&v.tr, ImportKind::Members),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct KindQ {
    kind: String,
}

async fn new_form(v: Viewer, Query(q): Query<KindQ>) -> WebResult<Response> {
    v.require()?;
    Ok(page(&new_page(&v, &q.kind, String::new())))
}

async fn upload(v: Viewer, form: Multipart) -> WebResult<Response> {
    v.require()?;
    let parts = match crate::form::multipart(form).await {
        Ok(p) => p,
        Err((status, key)) => return Ok(super::page_with(status, &new_page(&v, "", v.tr.t(key)))),
    };
    let kind = parts.iter().find(|p| p.name == "kind").map(|p| String::from_utf8_lossy(&p.data).into_owned()).unwrap_or_default();
    let file = parts.into_iter().find(|p| p.name == "file").map(|p| (p.filename, p.data));
    let Some(k) = ImportKind::parse(&kind) else {
        return Ok(super::page_with(axum::http::StatusCode::UNPROCESSABLE_ENTITY, &new_page(&v, &kind, v.tr.t("error-import-kind"))));
    };
    let Some((filename, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return Ok(super::page_with(axum::http::StatusCode::UNPROCESSABLE_ENTITY, &new_page(&v, &kind, v.tr.t("error-import-file"))));
    };
    match import::start(&v.ctx, k, bytes, &filename).await {
        Ok(rec) => Ok(see_other(&format!("/imports/{}", rec.id))),
        Err(e) if super::forms::is_form_error(&e) => {
            Ok(super::page_with(crate::error::status_of(&e), &new_page(&v, &kind, v.tr.t(e.key()))))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "imports/show.html")]
struct ShowPage {
    b: Base,
    rec: Import,
    errors: Vec<RowError>,
    percent: i64,
    running: bool,
}

impl ShowPage {
    fn done(&self) -> String {
        self.b.tr.ta("msg-import-done", &[("count", self.rec.processed_rows.to_string())])
    }

    fn rejected(&self) -> String {
        self.b.tr.ta("msg-import-rejected", &[("count", self.rec.error_count.to_string())])
    }

    /// "Row 3", the heading of an error shown as a card.
    fn line_of(&self, line: &impl std::fmt::Display) -> String {
        self.b.tr.ta("label-staff-row", &[("no", line.to_string())])
    }
}

async fn show(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let rec = import::status(&v.ctx, id).await?;
    let mut errors = import::errors_of(&rec);
    for e in &mut errors {
        e.reason = v.tr.t(&e.reason);
    }
    errors.truncate(500);
    let percent = if rec.total_rows > 0 { (rec.processed_rows * 100 / rec.total_rows).min(100) } else { 0 };
    let running = rec.status == "checking";
    let b = Base::titled(&v, v.tr.ta("page-import-show", &[("file", rec.filename.clone())]), &format!("/imports/{id}"));
    Ok(page(&ShowPage { b, rec, errors, percent, running }))
}

fn translated_errors(v: &Viewer, rec: &Import) -> Vec<RowError> {
    import::errors_of(rec)
        .into_iter()
        .map(|mut e| {
            e.reason = v.tr.t(&e.reason);
            e
        })
        .collect()
}

fn report_headers(v: &Viewer) -> [String; 4] {
    [v.tr.t("label-line"), v.tr.t("label-column"), v.tr.t("label-value"), v.tr.t("label-reason")]
}

fn download(bytes: Vec<u8>, content_type: &'static str, filename: &str) -> Response {
    let ascii: String = filename.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-').collect();
    crate::shell::download(bytes, content_type, filename, &ascii)
}

use crate::shell::XLSX;

async fn errors_xlsx(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let rec = import::status(&v.ctx, id).await?;
    let h = report_headers(&v);
    let bytes = sheets::error_report_xlsx(&translated_errors(&v, &rec), &[h[0].as_str(), h[1].as_str(), h[2].as_str(), h[3].as_str()]);
    Ok(download(bytes, XLSX, &format!("errors-{id}.xlsx")))
}

async fn errors_csv(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let rec = import::status(&v.ctx, id).await?;
    let h = report_headers(&v);
    let bytes = sheets::error_report_csv(&translated_errors(&v, &rec), &[h[0].as_str(), h[1].as_str(), h[2].as_str(), h[3].as_str()]);
    Ok(download(bytes, "text/csv; charset=utf-8", &format!("errors-{id}.csv")))
}

/// An empty spreadsheet with the expected headers, to fill in.
async fn template(v: Viewer, Path(kind): Path<String>) -> WebResult<Response> {
    v.require()?;
    let k = ImportKind::parse(kind.trim_end_matches(".xlsx")).ok_or(AppError::NotFound)?;
    let headers: Vec<String> = k.columns().iter().map(|c| c.headers[0].to_owned()).collect();
    let bytes = sheets::write_xlsx(if k == ImportKind::Members { "党员花名册" } else { "村民花名册" }, &headers, Vec::<Vec<String>>::new())
        .map_err(|e| AppError::internal(format!("{e:?}")))?;
    Ok(download(bytes, XLSX, &format!("{}-template.xlsx", k.as_str())))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ExportQ {
    #[serde(flatten)]
    roster: RosterQ,
    reveal: String,
}

async fn roster_xlsx(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<ExportQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let headers = RosterHeaders {
        sheet: tr.t("label-roster-sheet"),
        headers: [
            "field-person-name",
            "field-gender",
            "field-birth-date",
            "field-id-number",
            "field-phone",
            "field-member-org",
            "field-member-status",
            "field-admitted-on",
            "field-full-on",
            "label-party-probation",
            "label-flag-mobile",
            "label-flag-difficulty",
            "label-flag-frail",
        ]
        .iter()
        .map(|k| tr.t(k))
        .collect(),
        yes: tr.t("label-yes"),
        male: tr.t("gender-male"),
        female: tr.t("gender-female"),
    };
    let (org, bytes) =
        export::roster_xlsx(&v.ctx, id, &q.roster.filter(), q.reveal == "1", headers, |s| tr.t(&format!("member-status-{s}"))).await?;
    Ok(crate::shell::download(bytes, XLSX, &format!("{org}-{}.xlsx", tr.t("label-roster-sheet")), "roster.xlsx"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RevealQ {
    reveal: String,
}

async fn village_xlsx(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<RevealQ>) -> WebResult<Response> {
    v.require()?;
    let tr = v.tr;
    let headers = RosterHeaders {
        sheet: tr.t("label-villagers-sheet"),
        headers: ["field-person-name", "field-gender", "field-birth-date", "field-id-number", "field-phone", "field-household-no"]
            .iter()
            .map(|k| tr.t(k))
            .collect(),
        yes: tr.t("label-yes"),
        male: tr.t("gender-male"),
        female: tr.t("gender-female"),
    };
    let (village, bytes) = export::village_xlsx(&v.ctx, id, q.reveal == "1", headers).await?;
    Ok(crate::shell::download(bytes, XLSX, &format!("{village}-{}.xlsx", tr.t("label-villagers-sheet")), "villagers.xlsx"))
}
