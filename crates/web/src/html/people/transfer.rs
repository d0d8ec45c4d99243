//! Transfers and introduction letters, and an organization's pending transfers.

use super::*;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub(super) struct TransferForm {
    pub(super) to_org_id: String,
    pub(super) reason: String,
    pub(super) destination: String,
    pub(super) note: String,
}

pub(super) async fn transfer_page(v: &Viewer, member: Uuid, f: &TransferForm) -> WebResult<FormPage> {
    let tr = v.tr;
    let m = member_of(v, member).await?;
    // Any active organization may receive; the list is long, so the id can also be pasted.
    let fields = vec![
        Field::text("to_org_id", tr.t("field-transfer-to")).value(f.to_org_id.clone()).help(tr.t("help-transfer-to")),
        Field::new("reason", tr.t("field-transfer-reason"), "textarea").value(f.reason.clone()).required(),
    ];
    let title = tr.ta("page-transfer", &[("name", m.person_name.clone())]);
    let mut p = FormPage::new(
        Base::titled(v, title, &format!("/members/{member}/transfer")),
        format!("/members/{member}/transfer"),
        fields,
        tr.t("btn-transfer"),
    );
    p.intro = tr.t("help-transfer");
    p.cancel = format!("/people/{}", m.person_id);
    Ok(p)
}

pub(super) async fn transfer_form(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    Ok(transfer_page(&v, id, &TransferForm::default()).await?.render_ok())
}

pub(super) async fn transfer_request(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<TransferForm>) -> WebResult<Response> {
    v.require()?;
    let r = match uuid("to_org_id", "error-unknown-org", &f.to_org_id) {
        Ok(to) => transfers::request(&v.ctx, id, to, &f.reason).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(_) => {
            let m = member_of(&v, id).await?;
            Ok(see_other(&format!("/people/{}", m.person_id)))
        }
        Err(e) if is_form_error(&e) => Ok(transfer_page(&v, id, &f).await?.with_error(&e)),
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn letter(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<TransferForm>) -> WebResult<Response> {
    v.require()?;
    let m = member_of(&v, id).await?;
    transfers::issue_letter(&v.ctx, id, &f.destination, &f.reason).await?;
    Ok(see_other(&format!("/people/{}", m.person_id)))
}

pub(super) async fn transfer_confirm(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<TransferForm>) -> WebResult<Response> {
    v.require()?;
    let m = transfers::confirm(&v.ctx, id, &f.note).await?;
    Ok(see_other(&format!("/people/{}", m.person_id)))
}

pub(super) async fn transfer_reject(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<TransferForm>) -> WebResult<Response> {
    v.require()?;
    transfers::reject(&v.ctx, id, &f.note).await?;
    Ok(see_other("/"))
}

pub(super) async fn transfer_cancel(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    transfers::cancel(&v.ctx, id).await?;
    Ok(see_other("/"))
}

#[derive(Template)]
#[template(path = "people/transfers.html")]
pub(super) struct TransfersPage {
    pub(super) b: Base,
    pub(super) rows: Vec<(Transfer, String, String, String)>,
}

pub(super) async fn pending_transfers(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let rows = transfers::pending_for(&v.ctx, id, 200).await?;
    Ok(page(&TransfersPage { b: Base::new(&v, "page-transfers", &format!("/orgs/{id}/transfers")), rows }))
}
