//! Filing a need on a villager's behalf (a phone call, a walk-in, a visit): the village, the
//! household, the category with its extra fields; a similar open need is offered as "me too".

use std::collections::BTreeMap;

use askama::Template;
use axum::{
    extract::{Query, RawForm},
    http::StatusCode,
    response::Response,
};
use lianxin_app::{
    AppError,
    appeals::{
        Appeal,
        intake::{self, NewAppeal, Submitted},
        people_choice::{self, Choice},
        setup,
    },
    policy::{Action, Decision, Target, decide},
};
use lianxin_core::{
    appeals::{Channel, attributes::AttributeDef},
    tree::TreePath,
};
use serde::Deserialize;
use uuid::Uuid;

use super::label;
use crate::{
    Viewer,
    error::{WebResult, status_of},
    html::{Base, forms::is_form_error, page_with, people::opt, see_other},
};

/// The channels staff type needs in from.
const CHANNELS: [Channel; 3] = [Channel::PhoneCall, Channel::WalkIn, Channel::Visit];

/// What the form sends (and what comes back into it after a mistake).
#[derive(Clone, Debug, Default)]
pub struct FileForm {
    pub village: String,
    pub household: String,
    pub channel: String,
    pub category: String,
    pub description: String,
    pub address: String,
    pub name: String,
    pub phone: String,
    pub public: bool,
    pub not_duplicate: bool,
    /// Extra fields as `attr.<category>.<code>` = value (repeated for several values).
    pub attrs: Vec<(String, String)>,
}

impl FileForm {
    fn from_raw(raw: &[u8]) -> Self {
        let p = crate::form::Pairs::parse(raw);
        FileForm {
            village: p.value("village"),
            household: p.value("household"),
            channel: p.value("channel"),
            category: p.value("category"),
            description: p.value("description"),
            address: p.value("address"),
            name: p.value("name"),
            phone: p.value("phone"),
            public: p.has("public"),
            not_duplicate: p.has("not_duplicate"),
            attrs: p.prefixed("attr."),
        }
    }

    fn parse(&self) -> Result<NewAppeal, AppError> {
        let village = Uuid::parse_str(self.village.trim()).map_err(|_| AppError::invalid("village", "error-appeal-unknown-village"))?;
        let channel =
            Channel::parse(self.channel.trim()).filter(|c| CHANNELS.contains(c)).ok_or(AppError::invalid("channel", "error-choose"))?;
        let household = match self.household.trim() {
            "" => None,
            h => Some(Uuid::parse_str(h).map_err(|_| AppError::invalid("household", "error-appeal-household"))?),
        };
        // Only the extra fields of the chosen category count; empty ones are not given.
        let prefix = format!("attr.{}.", self.category.trim());
        let mut attributes: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, val) in &self.attrs {
            if let Some(code) = k.strip_prefix(&prefix)
                && !val.trim().is_empty()
            {
                attributes.entry(code.to_owned()).or_default().push(val.trim().to_owned());
            }
        }
        Ok(NewAppeal {
            village: Some(village),
            service_code: self.category.trim().to_owned(),
            description: self.description.clone(),
            address: opt(&self.address, |s| Some(s.to_owned())),
            attributes,
            name: opt(&self.name, |s| Some(s.to_owned())),
            phone: opt(&self.phone, |s| Some(s.to_owned())),
            channel: Some(channel),
            household,
            public: Some(self.public),
            not_duplicate: self.not_duplicate,
            ..Default::default()
        })
    }

    fn has(&self, name: &str, value: &str) -> bool {
        self.attrs.iter().any(|(k, v)| k == name && v == value)
    }

    fn attr(&self, name: &str) -> String {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }
}

/// One extra field of a category, ready to draw.
pub struct AttrField {
    pub name: String,
    pub label: String,
    pub datatype: String,
    pub required: bool,
    pub options: Vec<(String, String)>,
}

/// The extra fields of one category.
pub struct AttrGroup {
    pub legend: String,
    pub fields: Vec<AttrField>,
}

#[derive(Template)]
#[template(path = "appeals/staff/new.html")]
struct NewPage {
    b: Base,
    villages: Vec<Choice>,
    village: Option<Uuid>,
    households: Vec<Choice>,
    categories: Vec<(String, String)>,
    groups: Vec<AttrGroup>,
    channels: Vec<(String, String)>,
    f: FileForm,
    error: String,
    error_field: String,
}

impl NewPage {
    fn is_village(&self, id: &Uuid) -> bool {
        self.village == Some(*id)
    }

    fn err(&self, field: &str) -> bool {
        self.error_field == field
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewQ {
    village: String,
}

async fn new_page(v: &Viewer, f: FileForm, error: Option<&AppError>) -> WebResult<Response> {
    let tr = v.tr;
    let villages = people_choice::villages_for_filing(&v.ctx).await?;
    if villages.is_empty() {
        return Err(AppError::Forbidden.into());
    }
    let village = Uuid::parse_str(f.village.trim()).ok().filter(|id| villages.iter().any(|c| c.id == *id)).or(match villages.as_slice() {
        [only] => Some(only.id),
        _ => None,
    });
    let (mut categories, mut groups, mut households) = (Vec::new(), Vec::new(), Vec::new());
    if let Some(vid) = village {
        let en = tr.0 == lianxin_app::Locale::EnUs;
        for k in setup::categories_for_village(&v.ctx, vid).await? {
            let name = if en { k.name_en.clone() } else { k.name_zh.clone() };
            let defs: Vec<AttributeDef> = serde_json::from_str(&k.attributes).unwrap_or_default();
            if !defs.is_empty() {
                let mut defs = defs;
                defs.sort_by_key(|d| d.order);
                groups.push(AttrGroup {
                    legend: tr.ta("label-staff-extra", &[("name", name.clone())]),
                    fields: defs
                        .into_iter()
                        .map(|d| AttrField {
                            name: format!("attr.{}.{}", k.code, d.code),
                            label: if en && !d.description_en.is_empty() { d.description_en } else { d.description },
                            datatype: d.datatype,
                            required: d.required,
                            options: d.values.into_iter().map(|x| (x.key, super::answer_word(&tr, &x.name))).collect(),
                        })
                        .collect(),
                });
            }
            categories.push((k.code, name));
        }
        households = people_choice::households_for_filing(&v.ctx, vid).await?;
    }
    let channels = CHANNELS.iter().map(|c| (c.as_str().to_owned(), label(&tr, "staff-channel", c.as_str()))).collect();
    let (status, msg, field) = match error {
        Some(e) => (status_of(e), tr.t(e.key()), e.field().unwrap_or("").to_owned()),
        None => (StatusCode::OK, String::new(), String::new()),
    };
    let b = Base::new(v, "page-staff-file", "/appeals/new");
    let page = NewPage { b, villages, village, households, categories, groups, channels, f, error: msg, error_field: field };
    Ok(page_with(status, &page))
}

pub async fn form(v: Viewer, Query(q): Query<NewQ>) -> WebResult<Response> {
    v.require()?;
    let f = FileForm { village: q.village, public: v.ctx.settings().appeals.public_by_default, ..Default::default() };
    new_page(&v, f, None).await
}

#[derive(Template)]
#[template(path = "appeals/staff/similar.html")]
struct SimilarPage {
    b: Base,
    a: Appeal,
    f: FileForm,
}

impl SimilarPage {
    fn code(&self) -> String {
        lianxin_core::appeals::format_tracking_code(&self.a.code)
    }

    fn status(&self) -> String {
        label(&self.b.tr, "staff-status", &self.a.status)
    }
}

/// Whether the viewer may open the staff page of an appeal (a member only those handed to them).
fn may_read(v: &Viewer, a: &Appeal) -> bool {
    match (TreePath::parse(&a.org_path), TreePath::parse(&a.village_path)) {
        (Some(org), Some(village)) => {
            decide(&v.ctx.actor, Action::ReadAppeals, Target::Appeal { org: &org, village: &village, handler: a.handler_person_id })
                == Decision::Allow
        }
        _ => false,
    }
}

pub async fn submit(v: Viewer, RawForm(raw): RawForm) -> WebResult<Response> {
    v.require()?;
    let f = FileForm::from_raw(&raw);
    let r = match f.parse() {
        Ok(n) => intake::submit(&v.ctx, n).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(Submitted::Created { appeal, .. }) => Ok(see_other(&if may_read(&v, &appeal) {
            format!("/appeals/{}?done=filed", appeal.id)
        } else {
            "/appeals?msg=filed".to_owned()
        })),
        Ok(Submitted::Similar { appeal, .. }) => {
            let b = Base::new(&v, "page-staff-similar", "/appeals/new");
            Ok(page_with(StatusCode::OK, &SimilarPage { b, a: *appeal, f }))
        }
        Err(e) if is_form_error(&e) => {
            // Never echo a phone number back into the page.
            let mut f = f;
            f.phone = String::new();
            new_page(&v, f, Some(&e)).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SupportForm {
    code: String,
    phone: String,
}

/// "Me too" on the similar open need instead of a second record.
pub async fn support(v: Viewer, axum::Form(f): axum::Form<SupportForm>) -> WebResult<Response> {
    v.require()?;
    intake::support(&v.ctx, &f.code, Some(f.phone.trim()).filter(|s| !s.is_empty())).await?;
    Ok(see_other("/appeals?msg=supported"))
}
