//! Appointing to posts and ending them.

use super::*;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub(super) struct PositionForm {
    pub(super) post: String,
    pub(super) place: String,
    pub(super) started_on: String,
    pub(super) planned_end: String,
    pub(super) note: String,
}

pub(super) async fn position_page(v: &Viewer, id: Uuid, f: &PositionForm) -> WebResult<FormPage> {
    let tr = v.tr;
    let view = persons::view(&v.ctx, id).await?;
    let mut places = vec![(String::new(), tr.t("label-choose"))];
    for o in lianxin_app::orgs::org_tree(&v.ctx, &Default::default(), 2000).await? {
        places.push((format!("org:{}", o.id), o.name));
    }
    let village = view.area.as_ref().map(|a| a.id);
    if let Some(vid) = village {
        let village_id = lianxin_app::people::households::bodies(&v.ctx, vid).await.unwrap_or_default();
        for b in village_id {
            places.push((format!("body:{}", b.id), b.name));
        }
        for g in lianxin_app::people::households::grids(&v.ctx, vid).await.unwrap_or_default() {
            places.push((format!("grid:{}", g.id), format!("{} · {}", tr.t("label-grid"), g.name)));
        }
    }
    let fields = vec![
        Field::new("post", tr.t("field-post"), "select")
            .value(f.post.clone())
            .options(options(&tr, PostKind::ALL, "post", PostKind::as_str))
            .required(),
        Field::new("place", tr.t("field-post-place"), "select").value(f.place.clone()).options(places).required(),
        Field::new("started_on", tr.t("field-started-on"), "date").value(f.started_on.clone()).required(),
        Field::new("planned_end", tr.t("field-planned-end"), "date").value(f.planned_end.clone()).help(tr.t("help-planned-end")),
        Field::new("note", tr.t("field-note"), "textarea").value(f.note.clone()),
    ];
    let title = tr.ta("page-position-new", &[("name", view.person.name.clone())]);
    let mut p = FormPage::new(
        Base::titled(v, title, &format!("/people/{id}/positions")),
        format!("/people/{id}/positions"),
        fields,
        tr.t("btn-save"),
    );
    p.cancel = format!("/people/{id}");
    Ok(p)
}

pub(super) async fn position_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    Ok(position_page(&v, id, &PositionForm::default()).await?.render_ok())
}

pub(super) async fn position_create(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<PositionForm>) -> WebResult<Response> {
    v.require()?;
    let parsed = (|| -> Result<PositionInput, AppError> {
        let post = opt(&f.post, PostKind::parse).ok_or(AppError::invalid("post", "error-choose"))?;
        let place = match f.place.split_once(':') {
            Some(("org", i)) => PostIn::Org(uuid("place", "error-choose", i)?),
            Some(("body", i)) => PostIn::Body(uuid("place", "error-choose", i)?),
            Some(("grid", i)) => PostIn::Grid(uuid("place", "error-choose", i)?),
            _ => return Err(AppError::invalid("place", "error-choose")),
        };
        Ok(PositionInput {
            person_id: id,
            post,
            place,
            started_on: date("started_on", &f.started_on)?.ok_or(AppError::invalid("started_on", "error-required"))?,
            planned_end: date("planned_end", &f.planned_end)?,
            note: f.note.clone(),
        })
    })();
    let r = match parsed {
        Ok(input) => positions::appoint(&v.ctx, input).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match r {
        Ok(()) => Ok(see_other(&format!("/people/{id}"))),
        Err(e) if is_form_error(&e) => Ok(position_page(&v, id, &f).await?.with_error(&e)),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct EndForm {
    pub(super) ended_on: String,
    pub(super) back: String,
}

pub(super) async fn position_end(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<EndForm>) -> WebResult<Response> {
    v.require()?;
    let on = date("ended_on", &f.ended_on)?.unwrap_or_else(|| v.ctx.app.today());
    positions::end(&v.ctx, id, on).await?;
    Ok(see_other(&crate::html::safe_next(Some(&f.back))))
}
