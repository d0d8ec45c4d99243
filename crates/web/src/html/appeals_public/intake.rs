//! Filing a need: choose the village, then the kind of need (step 1), then the rest with the
//! kind's own questions and up to a few photos (step 2, one multipart form). A similar open need
//! is offered as "me too" before a second record is made.

use std::collections::BTreeMap;

use askama::Template;
use axum::{
    extract::{Multipart, Path, Query},
    http::StatusCode,
    response::Response,
};
use lianxin_app::{
    AppError,
    appeals::{
        Category, PublicAppeal,
        intake::{self, NewAppeal, NewPhoto, Submitted},
        mine::{self, NeedVillage, TownshipVillages},
        setup,
    },
};
use lianxin_core::appeals::{
    Channel,
    attributes::{self, AttributeDef, AttributeError},
    format_tracking_code, summary,
};
use serde::Deserialize;
use uuid::Uuid;

use super::{CREATED_KEY, state_word, villager_base};
use crate::{
    Viewer,
    error::WebResult,
    html::{Base, forms::is_form_error, page, page_with, see_other},
};

// ---- choosing the village ----

#[derive(Template)]
#[template(path = "appeals/public/choose.html")]
struct ChoosePage {
    b: Base,
    townships: Vec<TownshipVillages>,
    several_counties: bool,
}

impl ChoosePage {
    fn area_board(&self, name: &str) -> String {
        self.b.tr.ta("btn-need-area-board", &[("name", name.to_owned())])
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ChooseQ {
    village: Option<Uuid>,
}

pub async fn choose(v: Viewer, Query(q): Query<ChooseQ>) -> WebResult<Response> {
    if let Some(id) = q.village {
        return Ok(see_other(&format!("/villages/{id}/need")));
    }
    let townships = mine::villages(&v.ctx).await?;
    let mut counties: Vec<&str> = townships.iter().map(|t| t.county.as_str()).collect();
    counties.dedup();
    let several_counties = counties.len() > 1;
    let b = villager_base(&v, v.tr.t("page-need"), "/need");
    Ok(page(&ChoosePage { b, townships, several_counties }))
}

// ---- step 1: the kind of need ----

/// A category as a choice: its code and its name in the reader's language.
pub struct Choice {
    code: String,
    name: String,
    help: String,
}

#[derive(Template)]
#[template(path = "appeals/public/category.html")]
struct CategoryPage {
    b: Base,
    village: NeedVillage,
    groups: Vec<(String, Vec<Choice>)>,
    error: String,
}

fn category_name(v: &Viewer, k: &Category) -> String {
    if v.tr.0 == lianxin_app::Locale::EnUs && !k.name_en.is_empty() { k.name_en.clone() } else { k.name_zh.clone() }
}

fn groups(v: &Viewer, cats: &[Category]) -> Vec<(String, Vec<Choice>)> {
    let mut out: Vec<(String, Vec<Choice>)> = Vec::new();
    for k in cats {
        let choice = Choice { code: k.code.clone(), name: category_name(v, k), help: k.description.clone() };
        match out.iter_mut().find(|(g, _)| *g == k.group_name) {
            Some((_, list)) => list.push(choice),
            None => out.push((k.group_name.clone(), vec![choice])),
        }
    }
    out
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FormQ {
    category: Option<String>,
    /// Sent by the step's own form, so pressing "next" without a choice is told from arriving.
    step: Option<String>,
}

fn title(v: &Viewer, village: &NeedVillage) -> String {
    v.tr.ta("page-need-village", &[("name", village.name.clone())])
}

pub async fn form(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<FormQ>) -> WebResult<Response> {
    let village = village_or_404(&v, id).await?;
    let cats = setup::categories_for_village(&v.ctx, id).await?;
    match q.category.as_deref().map(str::trim) {
        Some(code) if !code.is_empty() => match cats.iter().find(|k| k.code == code) {
            Some(k) => {
                let p =
                    NeedPage::new(&v, village, k, NeedForm { public: v.ctx.settings().appeals.public_by_default, ..Default::default() });
                Ok(page(&p))
            }
            None => Ok(category_page(&v, village, &cats, v.tr.t("error-appeal-unknown-category"), StatusCode::UNPROCESSABLE_ENTITY)),
        },
        // The choice was sent without a choice (a browser leaves an unchosen radio out).
        _ if q.step.is_some() || q.category.is_some() => {
            Ok(category_page(&v, village, &cats, v.tr.t("error-need-choose-category"), StatusCode::UNPROCESSABLE_ENTITY))
        }
        _ => Ok(category_page(&v, village, &cats, String::new(), StatusCode::OK)),
    }
}

fn category_page(v: &Viewer, village: NeedVillage, cats: &[Category], error: String, status: StatusCode) -> Response {
    let b = villager_base(v, title(v, &village), &format!("/villages/{}/need", village.id));
    page_with(status, &CategoryPage { b, groups: groups(v, cats), village, error })
}

/// An unknown village is a page that does not exist, not a form error.
async fn village_or_404(v: &Viewer, id: Uuid) -> WebResult<NeedVillage> {
    match mine::need_village(&v.ctx, id).await {
        Err(AppError::Invalid { .. }) => Err(AppError::NotFound.into()),
        other => Ok(other?),
    }
}

// ---- step 2: the need itself ----

/// What the villager typed, kept to fill the form again after a mistake.
#[derive(Clone, Debug, Default)]
pub struct NeedForm {
    service_code: String,
    description: String,
    address: String,
    lat: String,
    lon: String,
    name: String,
    phone: String,
    public: bool,
    not_duplicate: bool,
    attrs: BTreeMap<String, Vec<String>>,
    photos: Vec<Vec<u8>>,
}

/// One extra question of a category, as the form shows it.
pub struct AttrField {
    /// The attribute's code, to find its error.
    code: String,
    name: String,
    /// Its element id, for the list of mistakes to link to.
    id: String,
    error: String,
    label: String,
    /// radio, checkbox, number, text, textarea, datetime-local
    kind: &'static str,
    required: bool,
    value: String,
    options: Vec<(String, String, bool)>,
}

fn attr_fields(v: &Viewer, defs: &[AttributeDef], f: &NeedForm) -> Vec<AttrField> {
    let mut defs: Vec<&AttributeDef> = defs.iter().collect();
    defs.sort_by_key(|d| d.order);
    defs.into_iter()
        .map(|d| {
            let given = f.attrs.get(&d.code).cloned().unwrap_or_default();
            let kind = match d.datatype.as_str() {
                "singlevaluelist" => "radio",
                "multivaluelist" => "checkbox",
                "number" => "number",
                "text" => "textarea",
                "datetime" => "datetime-local",
                _ => "text",
            };
            let label = if v.tr.0 == lianxin_app::Locale::EnUs && !d.description_en.is_empty() {
                d.description_en.clone()
            } else {
                d.description.clone()
            };
            let english = v.tr.0 == lianxin_app::Locale::EnUs;
            let options = d.values.iter().map(|x| (x.key.clone(), x.name_in(english).to_owned(), given.contains(&x.key))).collect();
            AttrField {
                code: d.code.clone(),
                name: format!("attr.{}", d.code),
                id: format!("f-attr-{}", d.code),
                error: String::new(),
                label,
                kind,
                required: d.required,
                value: given.first().cloned().unwrap_or_default(),
                options,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "appeals/public/form.html")]
struct NeedPage {
    b: Base,
    village: NeedVillage,
    category: String,
    f: NeedForm,
    attrs: Vec<AttrField>,
    /// The error of the whole form (on no field shown).
    error: String,
    /// Each field at fault (`description`, `attr.<code>`, …) with its message, in the form's order.
    errors: Vec<(String, String)>,
    /// Photos were sent but must be chosen again (a browser never keeps them).
    photos_again: bool,
    photos_help: String,
}

impl NeedPage {
    fn new(v: &Viewer, village: NeedVillage, k: &Category, mut f: NeedForm) -> Self {
        let defs: Vec<AttributeDef> = serde_json::from_str(&k.attributes).unwrap_or_default();
        f.service_code = k.code.clone();
        let attrs = attr_fields(v, &defs, &f);
        let s = &v.ctx.settings().appeals;
        let photos_help = v.tr.ta(
            "help-need-photos",
            &[("max", s.photos_max.to_string()), ("size", format!("{:.0}", s.photo_max_bytes as f64 / (1024.0 * 1024.0)))],
        );
        let b = villager_base(v, title(v, &village), &format!("/villages/{}/need", village.id));
        Self {
            b,
            village,
            category: category_name(v, k),
            f,
            attrs,
            error: String::new(),
            errors: Vec::new(),
            photos_again: false,
            photos_help,
        }
    }

    /// The error shown next to `field`, if it failed.
    fn err(&self, field: &str) -> &str {
        self.errors.iter().find(|(f, _)| f == field).map_or("", |(_, m)| m.as_str())
    }

    /// The mistakes listed above the form: where each is (an element id) and what it says, naming
    /// its field.
    fn summary(&self) -> Vec<(String, String)> {
        self.errors
            .iter()
            .map(|(field, message)| {
                let id = match field.strip_prefix("attr.") {
                    Some(code) => format!("f-attr-{code}"),
                    None => format!("f-{field}"),
                };
                let name = self.b.tr.t(&format!("label-need-name-{field}"));
                let text = if field.starts_with("attr.") || message.contains(&name) {
                    message.clone()
                } else {
                    self.b.tr.ta("error-need-at", &[("name", name), ("full", message.clone())])
                };
                (id, text)
            })
            .collect()
    }

    fn fix_count(&self) -> String {
        self.b.tr.ta("error-need-fix", &[("count", self.errors.len().to_string())])
    }

    /// Every mistake of `e` beside its field; the questions of the kind named from what was
    /// answered (`given`), since the use case reports them together as `attributes`.
    fn with_error(mut self, v: &Viewer, e: &AppError, defs: &[AttributeDef], given: &BTreeMap<String, Vec<String>>) -> Response {
        let tr = &v.tr;
        let mut found: Vec<(String, String)> = Vec::new();
        for fe in e.fields() {
            match fe.field {
                "attributes" => {}
                "description" if fe.key == "error-required" => found.push(("description".into(), tr.t("error-need-describe"))),
                f if SHOWN.contains(&f) => found.push((f.to_owned(), tr.t(fe.key))),
                _ if self.error.is_empty() => self.error = tr.t(fe.key),
                _ => {}
            }
        }
        if e.fields().iter().any(|f| f.field == "attributes") {
            for p in attributes::check_all(defs, given).err().unwrap_or_default() {
                let (code, key) = match &p {
                    AttributeError::Missing(c) => (c, "error-need-answer"),
                    AttributeError::Invalid(c) => (c, "error-need-answer-again"),
                    AttributeError::Unknown(_) => {
                        self.error = tr.t("error-appeal-attribute-unknown");
                        continue;
                    }
                };
                if let Some(a) = self.attrs.iter_mut().find(|a| &a.code == code) {
                    a.error = tr.ta(key, &[("name", a.label.clone())]);
                    found.push((a.name.clone(), a.error.clone()));
                }
            }
        }
        match e {
            AppError::Locked { .. } => self.error = tr.t("error-need-too-often"),
            AppError::Invalid { .. } | AppError::Conflict { .. } => {}
            e => self.error = tr.t(e.key()),
        }
        // In the order of the form.
        let order = |f: &str| SHOWN.iter().position(|x| *x == f).or_else(|| f.starts_with("attr.").then_some(1)).unwrap_or(SHOWN.len());
        found.sort_by_key(|(f, _)| order(f));
        self.errors = found;
        self.photos_again = !self.f.photos.is_empty();
        page_with(crate::error::status_of(e), &self)
    }
}

/// The fields of the need form, in the order it shows them (the kind's questions come after the
/// description).
const SHOWN: [&str; 7] = ["description", "attributes", "address", "photos", "phone", "name", "lat"];

/// Reads the multipart form. A body over the limit stops the reading: what was read is kept
/// and the error says the photos were too large.
async fn read(mut mp: Multipart) -> (NeedForm, Option<(StatusCode, &'static str)>) {
    let mut f = NeedForm::default();
    loop {
        let field = match mp.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return (f, None),
            Err(e) => return (f, Some(read_error(e.status()))),
        };
        let name = field.name().unwrap_or("").to_owned();
        let is_file = field.file_name().is_some();
        let data = match field.bytes().await {
            Ok(d) => d,
            Err(e) => return (f, Some(read_error(e.status()))),
        };
        if name == "photos" && is_file {
            if !data.is_empty() {
                f.photos.push(data.to_vec());
            }
            continue;
        }
        let text = String::from_utf8_lossy(&data).into_owned();
        match name.as_str() {
            "service_code" => f.service_code = text,
            "description" => f.description = text,
            "address" => f.address = text,
            "lat" => f.lat = text,
            "lon" => f.lon = text,
            "name" => f.name = text,
            "phone" => f.phone = text,
            "public" => f.public = text == "1",
            "not_duplicate" => f.not_duplicate = text == "1",
            n => {
                if let Some(code) = n.strip_prefix("attr.") {
                    let code: String = code.chars().take(64).collect();
                    f.attrs.entry(code).or_default().push(text);
                }
            }
        }
    }
}

fn read_error(status: StatusCode) -> (StatusCode, &'static str) {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        (status, "error-need-photos-too-large")
    } else {
        (StatusCode::BAD_REQUEST, "error-bad-form")
    }
}

fn coordinate(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // What is not a number goes on as NaN, which the use case refuses beside the other fields'
    // mistakes (so all are shown at once).
    Some(s.parse::<f64>().ok().filter(|x| x.is_finite()).unwrap_or(f64::NAN))
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// The form as the use case's input. A date and time from the phone's picker ("2026-05-03T08:30",
/// local time) becomes the RFC 3339 instant the category's field expects.
fn new_appeal(f: &NeedForm, village: Uuid, defs: &[AttributeDef], offset_minutes: i32) -> NewAppeal {
    let mut attributes = f.attrs.clone();
    for d in defs.iter().filter(|d| d.datatype == "datetime") {
        if let Some(values) = attributes.get_mut(&d.code) {
            for val in values.iter_mut() {
                if let Ok(t) = chrono::NaiveDateTime::parse_from_str(val.trim(), "%Y-%m-%dT%H:%M")
                    && let Some(off) = chrono::FixedOffset::east_opt(offset_minutes * 60)
                    && let Some(at) = t.and_local_timezone(off).single()
                {
                    *val = at.to_rfc3339();
                }
            }
        }
    }
    NewAppeal {
        village: Some(village),
        service_code: f.service_code.clone(),
        description: f.description.clone(),
        address: opt(&f.address),
        lat: coordinate(&f.lat),
        lon: coordinate(&f.lon),
        attributes,
        name: opt(&f.name),
        phone: opt(&f.phone),
        channel: Some(Channel::Web),
        household: None,
        public: Some(f.public),
        photos: f.photos.iter().map(|b| NewPhoto { bytes: b.clone() }).collect(),
        not_duplicate: f.not_duplicate,
        require_location: false,
    }
}

#[derive(Template)]
#[template(path = "appeals/public/similar.html")]
struct SimilarPage {
    b: Base,
    village: NeedVillage,
    other: PublicAppeal,
    other_code: String,
    other_state: String,
    other_summary: String,
    f: NeedForm,
    photos_help: String,
}

impl SimilarPage {
    /// Every value typed, as (name, value) pairs for hidden inputs.
    fn hidden(&self) -> Vec<(String, String)> {
        let f = &self.f;
        let mut out: Vec<(String, String)> = [
            ("service_code", &f.service_code),
            ("description", &f.description),
            ("address", &f.address),
            ("lat", &f.lat),
            ("lon", &f.lon),
            ("name", &f.name),
            ("phone", &f.phone),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.clone()))
        .collect();
        if f.public {
            out.push(("public".into(), "1".into()));
        }
        for (code, values) in &f.attrs {
            for val in values {
                out.push((format!("attr.{code}"), val.clone()));
            }
        }
        out
    }
}

pub async fn submit(v: Viewer, Path(id): Path<Uuid>, mp: Multipart) -> WebResult<Response> {
    let village = village_or_404(&v, id).await?;
    let cats = setup::categories_for_village(&v.ctx, id).await?;
    let (f, read_failed) = read(mp).await;
    let Some(k) = cats.iter().find(|k| k.code == f.service_code.trim()).cloned() else {
        return Ok(category_page(&v, village, &cats, v.tr.t("error-appeal-unknown-category"), StatusCode::UNPROCESSABLE_ENTITY));
    };
    let defs: Vec<AttributeDef> = serde_json::from_str(&k.attributes).unwrap_or_default();
    let form_page = |f: NeedForm| NeedPage::new(&v, village.clone(), &k, f);
    if let Some((status, key)) = read_failed {
        let mut p = form_page(f);
        p.errors = vec![("photos".into(), v.tr.t(key))];
        p.photos_again = true;
        return Ok(page_with(status, &p));
    }
    let new = new_appeal(&f, id, &defs, v.ctx.settings().display_utc_offset_minutes);
    let given = new.attributes.clone();
    match intake::submit(&v.ctx, new).await {
        Ok(Submitted::Created { appeal, key }) => {
            if let Some(s) = &v.session {
                // Only the notice depends on it; the page shows the code either way.
                let _ = s.insert(CREATED_KEY, appeal.code.clone()).await;
            }
            Ok(see_other(&format!("/track/{}/{key}", appeal.code)))
        }
        Ok(Submitted::Similar { appeal, .. }) => {
            let other = mine::public_view(&v.ctx, &appeal).await?;
            let s = &v.ctx.settings().appeals;
            let photos_help = v.tr.ta(
                "help-need-photos",
                &[("max", s.photos_max.to_string()), ("size", format!("{:.0}", s.photo_max_bytes as f64 / (1024.0 * 1024.0)))],
            );
            let b = villager_base(&v, v.tr.t("page-need-similar"), &format!("/villages/{id}/need"));
            let p = SimilarPage {
                b,
                village,
                other_code: format_tracking_code(&other.code),
                other_state: state_word(&v.tr, &other.status),
                other_summary: summary(&other.description, 200),
                other,
                f,
                photos_help,
            };
            Ok(page(&p))
        }
        Err(e) if is_form_error(&e) => Ok(form_page(f).with_error(&v, &e, &defs, &given)),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_date_and_time_becomes_an_instant() {
        let defs: Vec<AttributeDef> = serde_json::from_str(
            r#"[{"code":"when","datatype":"datetime","required":false,"description":"何时"},{"code":"n","datatype":"number","required":false,"description":"户数"}]"#,
        )
        .unwrap();
        let mut f = NeedForm::default();
        f.attrs.insert("when".into(), vec!["2026-05-03T08:30".into()]);
        f.attrs.insert("n".into(), vec!["3".into()]);
        let n = new_appeal(&f, Uuid::nil(), &defs, 480);
        assert_eq!(n.attributes["when"], vec!["2026-05-03T08:30:00+08:00".to_owned()]);
        assert_eq!(n.attributes["n"], vec!["3".to_owned()]);
    }

    #[test]
    fn coordinates_are_numbers_or_nothing() {
        assert_eq!(coordinate(" "), None);
        assert_eq!(coordinate("28.1"), Some(28.1));
        assert!(coordinate("北纬28").is_some_and(f64::is_nan), "refused by the use case");
        assert!(coordinate("NaN").is_some_and(f64::is_nan));
    }
}
