//! Searching people by name, ID number or phone.

use super::*;

#[derive(Template)]
#[template(path = "people/search.html")]
pub(super) struct SearchPage {
    pub(super) b: Base,
    pub(super) q: String,
    pub(super) results: Vec<Person>,
    pub(super) searched: bool,
    pub(super) next: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct SearchQ {
    pub(super) q: String,
    pub(super) after_name: Option<String>,
    pub(super) after_id: Option<Uuid>,
}

pub(super) const PAGE: u64 = 50;

/// The search form posts, so an ID number or phone typed in it never lands in a URL.
pub(super) async fn search_form(v: Viewer, Form(q): Form<SearchQ>) -> WebResult<Response> {
    search_page(v, q).await
}

/// Name searches and their next pages come by GET; an ID number or phone there is refused.
pub(super) async fn search(v: Viewer, Query(q): Query<SearchQ>) -> WebResult<Response> {
    v.require()?;
    let today = v.ctx.app.today();
    if crate::request::sensitive_in_url(&q.q, today) {
        return Err(AppError::invalid("q", "error-sensitive-in-url").into());
    }
    search_page(v, q).await
}

pub(super) async fn search_page(v: Viewer, q: SearchQ) -> WebResult<Response> {
    v.require()?;
    let after = match (&q.after_name, q.after_id) {
        (Some(n), Some(id)) => Some((n.as_str(), id)),
        _ => None,
    };
    let results = persons::search(&v.ctx, &q.q, after, PAGE).await?;
    let next = (results.len() as u64 == PAGE)
        .then(|| {
            results.last().map(|p| {
                format!("/people?q={}&after_name={}&after_id={}", crate::html::url_encode(&q.q), crate::html::url_encode(&p.name), p.id)
            })
        })
        .flatten();
    let searched = !q.q.trim().is_empty();
    // The query may be an ID number or phone: keep it out of the page address shown back.
    Ok(page(&SearchPage { b: Base::new(&v, "page-people", "/people"), q: q.q, results, searched, next }))
}
