//! A person's page, the audited reveal, and the person forms.

use super::*;

#[derive(Template)]
#[template(path = "people/show.html")]
pub(super) struct ShowPage {
    pub(super) b: Base,
    pub(super) v: PersonView,
    pub(super) cross_holding: bool,
    pub(super) revealed: Option<(String, String)>,
}

pub(super) async fn show(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let view = persons::view(&v.ctx, id).await?;
    let cross_holding = positions::cross_holding(&view.positions, v.ctx.app.today());
    let b = Base::titled(&v, view.person.name.clone(), &format!("/people/{id}"));
    Ok(page(&ShowPage { b, v: view, cross_holding, revealed: None }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct RevealForm {
    pub(super) field: String,
}

/// Shows a full value once, in a page that is never cached; the value is never in a URL.
pub(super) async fn reveal(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<RevealForm>) -> WebResult<Response> {
    v.require()?;
    let field = Sensitive::parse(&f.field).ok_or(AppError::BadRequest { key: "error-bad-request" })?;
    let value = persons::reveal(&v.ctx, id, field).await?;
    let view = persons::view(&v.ctx, id).await?;
    let cross_holding = positions::cross_holding(&view.positions, v.ctx.app.today());
    let b = Base::titled(&v, view.person.name.clone(), &format!("/people/{id}"));
    let mut r = page(&ShowPage { b, v: view, cross_holding, revealed: Some((field.as_str().to_owned(), value)) }).into_response();
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub(super) struct PersonForm {
    pub(super) name: String,
    pub(super) gender: String,
    pub(super) birth_date: String,
    pub(super) ethnicity: String,
    pub(super) education: String,
    pub(super) occupation: String,
    pub(super) id_number: String,
    pub(super) phone: String,
    pub(super) area_id: String,
    pub(super) household_id: String,
}

impl PersonForm {
    pub(super) fn parse(&self) -> Result<PersonInput, AppError> {
        Ok(PersonInput {
            name: self.name.clone(),
            gender: opt(&self.gender, Gender::parse),
            birth_date: date("birth_date", &self.birth_date)?,
            ethnicity: self.ethnicity.clone(),
            education: opt(&self.education, Education::parse),
            occupation: opt(&self.occupation, Occupation::parse),
            id_number: self.id_number.clone(),
            phone: self.phone.clone(),
            area_id: uuid("area_id", "error-unknown-area", &self.area_id)?,
            household_id: opt(&self.household_id, |s| Uuid::parse_str(s).ok()),
        })
    }
}

pub(super) fn person_form(v: &Viewer, f: &PersonForm, action: String, title: String, editing: bool) -> FormPage {
    let tr = v.tr;
    let mut fields = vec![
        Field::new("area_id", String::new(), "hidden").value(f.area_id.clone()),
        Field::new("household_id", String::new(), "hidden").value(f.household_id.clone()),
        Field::text("name", tr.t("field-person-name")).value(f.name.clone()).required(),
        Field::new("gender", tr.t("field-gender"), "select").value(f.gender.clone()).options(options(
            &tr,
            Gender::ALL,
            "gender",
            Gender::as_str,
        )),
        Field::new("birth_date", tr.t("field-birth-date"), "date").value(f.birth_date.clone()).help(tr.t("help-birth-from-id")),
        Field::text("ethnicity", tr.t("field-ethnicity")).value(f.ethnicity.clone()),
        Field::new("education", tr.t("field-education"), "select").value(f.education.clone()).options(options(
            &tr,
            Education::ALL,
            "education",
            Education::as_str,
        )),
        Field::new("occupation", tr.t("field-occupation"), "select").value(f.occupation.clone()).options(options(
            &tr,
            Occupation::ALL,
            "occupation",
            Occupation::as_str,
        )),
        Field::text("id_number", tr.t("field-id-number")).value(f.id_number.clone()).help(tr.t(if editing {
            "help-sensitive-keep"
        } else {
            "help-id-number"
        })),
        Field::text("phone", tr.t("field-phone")).value(f.phone.clone()).autocomplete("tel").help(tr.t(if editing {
            "help-sensitive-keep"
        } else {
            "help-phone"
        })),
    ];
    if editing {
        fields.retain(|x| x.name != "area_id" || !f.area_id.is_empty());
    }
    let mut p = FormPage::new(Base::titled(v, title, &action), action, fields, tr.t("btn-save"));
    p.cancel = "/people".into();
    p
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct NewPersonQ {
    pub(super) area: String,
    pub(super) household: String,
}

pub(super) async fn new_form(v: Viewer, Query(q): Query<NewPersonQ>) -> WebResult<Response> {
    v.require()?;
    let f = PersonForm { area_id: q.area, household_id: q.household, ..Default::default() };
    Ok(person_form(&v, &f, "/people".into(), v.tr.t("page-person-new"), false).render_ok())
}

pub(super) async fn create(v: Viewer, Form(f): Form<PersonForm>) -> WebResult<Response> {
    v.require()?;
    let r = match f.parse() {
        Ok(input) => persons::create(&v.ctx, input).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(p) => Ok(see_other(&format!("/people/{}", p.id))),
        Err(e) if is_form_error(&e) => {
            // Never echo a sensitive value back into the page.
            let mut f = f;
            f.id_number = String::new();
            f.phone = String::new();
            Ok(person_form(&v, &f, "/people".into(), v.tr.t("page-person-new"), false).with_error(&e))
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn edit_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let view = persons::view(&v.ctx, id).await?;
    if !view.can_change {
        return Err(AppError::Forbidden.into());
    }
    let p = &view.person;
    let f = PersonForm {
        name: p.name.clone(),
        gender: p.gender.clone().unwrap_or_default(),
        birth_date: p.birth_date.map(|d| d.to_string()).unwrap_or_default(),
        ethnicity: p.ethnicity.clone().unwrap_or_default(),
        education: p.education.clone().unwrap_or_default(),
        occupation: p.occupation.clone().unwrap_or_default(),
        id_number: String::new(),
        phone: String::new(),
        area_id: p.area_id.to_string(),
        household_id: p.household_id.map(|h| h.to_string()).unwrap_or_default(),
    };
    let title = v.tr.ta("page-person-edit", &[("name", p.name.clone())]);
    Ok(person_form(&v, &f, format!("/people/{id}/edit"), title, true).render_ok())
}

pub(super) async fn edit(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<PersonForm>) -> WebResult<Response> {
    v.require()?;
    let r = match f.parse() {
        Ok(input) => persons::update(&v.ctx, id, input, false).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(_) => Ok(see_other(&format!("/people/{id}"))),
        Err(e) if is_form_error(&e) => {
            let mut f = f;
            f.id_number = String::new();
            f.phone = String::new();
            let title = v.tr.ta("page-person-edit", &[("name", f.name.clone())]);
            Ok(person_form(&v, &f, format!("/people/{id}/edit"), title, true).with_error(&e))
        }
        Err(e) => Err(e.into()),
    }
}
