//! Member record forms.

use super::*;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub(super) struct MemberForm {
    pub(super) org_id: String,
    pub(super) status: String,
    pub(super) status_since: String,
    pub(super) applied_on: String,
    pub(super) activist_on: String,
    pub(super) target_on: String,
    pub(super) admitted_on: String,
    pub(super) full_on: String,
    pub(super) mobile: Option<String>,
    pub(super) mobile_since: String,
    pub(super) mobile_place: String,
    pub(super) mobile_contact_id: String,
    pub(super) in_difficulty: Option<String>,
    pub(super) elderly_frail: Option<String>,
    pub(super) note: String,
}

impl MemberForm {
    pub(super) fn parse(&self) -> Result<MemberInput, AppError> {
        Ok(MemberInput {
            org_id: uuid("org_id", "error-unknown-org", &self.org_id)?,
            status: opt(&self.status, MemberStatus::parse),
            status_since: date("status_since", &self.status_since)?,
            applied_on: date("applied_on", &self.applied_on)?,
            activist_on: date("activist_on", &self.activist_on)?,
            target_on: date("target_on", &self.target_on)?,
            admitted_on: date("admitted_on", &self.admitted_on)?,
            full_on: date("full_on", &self.full_on)?,
            mobile: self.mobile.is_some(),
            mobile_since: date("mobile_since", &self.mobile_since)?,
            mobile_place: self.mobile_place.clone(),
            mobile_contact_id: opt(&self.mobile_contact_id, |s| Uuid::parse_str(s).ok()),
            in_difficulty: self.in_difficulty.is_some(),
            elderly_frail: self.elderly_frail.is_some(),
        })
    }
}

pub(super) async fn member_page(v: &Viewer, f: &MemberForm, action: String, title: String, orgs: bool) -> WebResult<FormPage> {
    let tr = v.tr;
    let mut fields = Vec::new();
    if orgs {
        let rows = lianxin_app::orgs::org_tree(&v.ctx, &Default::default(), 2000).await?;
        let mut opts = vec![(String::new(), tr.t("label-choose"))];
        opts.extend(rows.into_iter().map(|o| {
            let depth = lianxin_core::tree::TreePath::parse(&o.path).map_or(1, |p| p.depth());
            (o.id.to_string(), format!("{}{}", "　".repeat(depth.saturating_sub(1)), o.name))
        }));
        fields.push(
            Field::new("org_id", tr.t("field-member-org"), "select")
                .value(f.org_id.clone())
                .options(opts)
                .required()
                .help(tr.t("help-member-org")),
        );
    } else {
        fields.push(Field::new("org_id", String::new(), "hidden").value(f.org_id.clone()));
    }
    // Possible contact persons: members of the organization (when it is known).
    let mut contacts = vec![(String::new(), "—".to_owned())];
    if let Ok(org) = Uuid::parse_str(&f.org_id)
        && let Ok(page) = members::roster(&v.ctx, org, &RosterFilter::default(), 500).await
    {
        contacts.extend(page.members.into_iter().filter(|m| m.org_id == org).map(|m| (m.person_id.to_string(), m.person_name)));
    }
    let yes = |o: &Option<String>| if o.is_some() { "1".to_owned() } else { String::new() };
    fields.extend([
        Field::new("status", tr.t("field-member-status"), "select")
            .value(f.status.clone())
            .options(options(&tr, MemberStatus::ALL, "member-status", MemberStatus::as_str))
            .required(),
        Field::new("status_since", tr.t("field-status-since"), "date").value(f.status_since.clone()),
        Field::new("applied_on", tr.t("field-applied-on"), "date").value(f.applied_on.clone()),
        Field::new("activist_on", tr.t("field-activist-on"), "date").value(f.activist_on.clone()),
        Field::new("target_on", tr.t("field-target-on"), "date").value(f.target_on.clone()),
        Field::new("admitted_on", tr.t("field-admitted-on"), "date").value(f.admitted_on.clone()),
        Field::new("full_on", tr.t("field-full-on"), "date").value(f.full_on.clone()),
        Field::new("mobile", tr.t("field-flags"), "checkboxes").value(
            [
                yes(&f.mobile).replace('1', "mobile"),
                yes(&f.in_difficulty).replace('1', "in_difficulty"),
                yes(&f.elderly_frail).replace('1', "elderly_frail"),
            ]
            .join(","),
        ),
        Field::new("mobile_since", tr.t("field-mobile-since"), "date").value(f.mobile_since.clone()).help(tr.t("help-mobile")),
        Field::text("mobile_place", tr.t("field-mobile-place")).value(f.mobile_place.clone()),
        Field::new("mobile_contact_id", tr.t("field-mobile-contact"), "select")
            .value(f.mobile_contact_id.clone())
            .options(contacts)
            .help(tr.t("help-mobile-contact")),
        Field::new("note", tr.t("field-note"), "textarea").value(f.note.clone()),
    ]);
    // The three flags share one fieldset but keep their own names.
    if let Some(flags) = fields.iter_mut().find(|x| x.kind == "checkboxes") {
        flags.options = vec![
            ("mobile".into(), tr.t("label-flag-mobile"), f.mobile.is_some()),
            ("in_difficulty".into(), tr.t("label-flag-difficulty"), f.in_difficulty.is_some()),
            ("elderly_frail".into(), tr.t("label-flag-frail"), f.elderly_frail.is_some()),
        ];
        flags.name = "flags";
    }
    let mut p = FormPage::new(Base::titled(v, title, &action), action, fields, tr.t("btn-save"));
    p.cancel = "/people".into();
    Ok(p)
}

/// Checkboxes of the flags arrive as `flags=mobile&flags=…`; spread them onto the form.
pub(super) fn member_form_from(raw: &[u8]) -> MemberForm {
    let p = crate::form::Pairs::parse(raw);
    let flag = |name: &str| p.all("flags").into_iter().find(|v| v == name);
    MemberForm {
        org_id: p.value("org_id"),
        status: p.value("status"),
        status_since: p.value("status_since"),
        applied_on: p.value("applied_on"),
        activist_on: p.value("activist_on"),
        target_on: p.value("target_on"),
        admitted_on: p.value("admitted_on"),
        full_on: p.value("full_on"),
        mobile_since: p.value("mobile_since"),
        mobile_place: p.value("mobile_place"),
        mobile_contact_id: p.value("mobile_contact_id"),
        note: p.value("note"),
        mobile: flag("mobile"),
        in_difficulty: flag("in_difficulty"),
        elderly_frail: flag("elderly_frail"),
    }
}

pub(super) async fn member_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let view = persons::view(&v.ctx, id).await?;
    if view.member.is_some() {
        return Ok(see_other(&format!("/people/{id}")));
    }
    let title = v.tr.ta("page-member-new", &[("name", view.person.name.clone())]);
    Ok(member_page(&v, &MemberForm::default(), format!("/people/{id}/member"), title, true).await?.render_ok())
}

pub(super) async fn member_create(
    v: Viewer,
    Path(id): Path<Uuid>,
    axum::extract::RawForm(raw): axum::extract::RawForm,
) -> WebResult<Response> {
    v.require()?;
    let f = member_form_from(&raw);
    let r = match f.parse() {
        Ok(input) => members::create(&v.ctx, id, input).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(_) => Ok(see_other(&format!("/people/{id}"))),
        Err(e) if is_form_error(&e) => {
            let title = v.tr.t("page-member-new-plain");
            Ok(member_page(&v, &f, format!("/people/{id}/member"), title, true).await?.with_error(&e))
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn member_of(v: &Viewer, member: Uuid) -> WebResult<Member> {
    Ok(members::member(&v.ctx, member).await?)
}

pub(super) async fn member_edit_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let m = member_of(&v, id).await?;
    let d = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let f = MemberForm {
        org_id: m.org_id.to_string(),
        status: m.status.clone(),
        status_since: m.status_since.to_string(),
        applied_on: d(m.applied_on),
        activist_on: d(m.activist_on),
        target_on: d(m.target_on),
        admitted_on: d(m.admitted_on),
        full_on: d(m.full_on),
        mobile: m.mobile.then(|| "1".into()),
        mobile_since: d(m.mobile_since),
        mobile_place: m.mobile_place.clone().unwrap_or_default(),
        mobile_contact_id: m.mobile_contact_id.map(|c| c.to_string()).unwrap_or_default(),
        in_difficulty: m.in_difficulty.then(|| "1".into()),
        elderly_frail: m.elderly_frail.then(|| "1".into()),
        note: String::new(),
    };
    let title = v.tr.ta("page-member-edit", &[("name", m.person_name.clone())]);
    Ok(member_page(&v, &f, format!("/members/{id}/edit"), title, false).await?.render_ok())
}

pub(super) async fn member_edit(
    v: Viewer,
    Path(id): Path<Uuid>,
    axum::extract::RawForm(raw): axum::extract::RawForm,
) -> WebResult<Response> {
    v.require()?;
    let f = member_form_from(&raw);
    let r = match f.parse() {
        Ok(input) => members::update(&v.ctx, id, input, &f.note).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(m) => Ok(see_other(&format!("/people/{}", m.person_id))),
        Err(e) if is_form_error(&e) => {
            let title = v.tr.t("page-member-new-plain");
            Ok(member_page(&v, &f, format!("/members/{id}/edit"), title, false).await?.with_error(&e))
        }
        Err(e) => Err(e.into()),
    }
}

/// 留党察看 on a member record: the form, with what was typed when it is refused.
fn party_probation_page(v: &Viewer, m: &Member, from: &str, years: &str, note: &str) -> FormPage {
    let tr = v.tr;
    let years_opts = vec![("1".to_owned(), tr.t("option-party-probation-1")), ("2".to_owned(), tr.t("option-party-probation-2"))];
    let fields = vec![
        Field::new("from", tr.t("field-party-probation-from"), "date").value(from).help(tr.t("help-party-probation-from")),
        Field::new("years", tr.t("field-party-probation-years"), "select")
            .value(if years.is_empty() { "1" } else { years })
            .options(years_opts),
        Field::new("note", tr.t("field-party-probation-note"), "textarea").value(note).help(tr.t("help-party-probation-note")),
    ];
    let action = format!("/members/{}/party-probation", m.id);
    let title = tr.ta("page-party-probation", &[("name", m.person_name.clone())]);
    let mut p = FormPage::new(Base::titled(v, title, &action), action, fields, tr.t("btn-save"));
    p.intro = tr.t("help-party-probation");
    p.cancel = format!("/people/{}", m.person_id);
    p
}

pub(super) async fn party_probation_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let m = member_of(&v, id).await?;
    let from = m.party_probation_from.map(|d| d.to_string()).unwrap_or_default();
    let years = match (m.party_probation_from, m.party_probation_until) {
        (Some(f), Some(u)) if u > f.checked_add_months(chrono::Months::new(12)).unwrap_or(u) => "2",
        _ => "1",
    };
    Ok(party_probation_page(&v, &m, &from, years, "").render_ok())
}

/// Saves 留党察看 (`from` given) or lifts it (`from` empty, a reason required).
pub(super) async fn party_probation_save(v: Viewer, Path(id): Path<Uuid>, body: axum::body::Bytes) -> WebResult<Response> {
    v.require()?;
    let f = crate::form::Pairs::parse(&body);
    let (from, years, note) = (f.value("from"), f.value("years"), f.value("note"));
    let r = if !from.trim().is_empty() && crate::shell::forms::date(&from).is_none() {
        Err(AppError::invalid("from", "error-date"))
    } else {
        members::set_party_probation(&v.ctx, id, crate::shell::forms::date(&from), years.trim().parse().ok(), &note).await
    };
    match r {
        Ok(m) => Ok(see_other(&format!("/people/{}", m.person_id))),
        Err(e) if is_form_error(&e) => {
            let m = member_of(&v, id).await?;
            Ok(party_probation_page(&v, &m, &from, &years, &note).with_error(&e))
        }
        Err(e) => Err(e.into()),
    }
}
