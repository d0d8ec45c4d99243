//! The roster and the terms of an organization, and the people section of its page.

use super::*;

#[derive(Template)]
#[template(path = "people/roster.html")]
pub(super) struct RosterView {
    pub(super) b: Base,
    pub(super) r: RosterPage,
    pub(super) q: RosterQ,
    pub(super) next_link: Option<String>,
    pub(super) query: String,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct RosterQ {
    pub status: String,
    pub flag: String,
    pub q: String,
    pub after_path: Option<String>,
    pub after_name: Option<String>,
    pub after_id: Option<Uuid>,
}

impl RosterQ {
    pub fn filter(&self) -> RosterFilter {
        let statuses = match self.status.as_str() {
            "" | "current" => vec!["probationary".into(), "full".into()],
            "all" => Vec::new(),
            s => MemberStatus::parse(s).map(|s| vec![s.as_str().to_owned()]).unwrap_or_default(),
        };
        let after = match (&self.after_path, &self.after_name, self.after_id) {
            (Some(p), Some(n), Some(i)) => Some((p.clone(), n.clone(), i)),
            _ => None,
        };
        RosterFilter {
            statuses,
            mobile: (self.flag == "mobile").then_some(true),
            in_difficulty: (self.flag == "in_difficulty").then_some(true),
            elderly_frail: (self.flag == "elderly_frail").then_some(true),
            name_prefix: Some(self.q.trim().to_owned()).filter(|s| !s.is_empty()),
            after,
        }
    }

    /// The filter part of the query string (no cursor), for links.
    pub fn query(&self) -> String {
        format!(
            "status={}&flag={}&q={}",
            crate::html::url_encode(&self.status),
            crate::html::url_encode(&self.flag),
            crate::html::url_encode(&self.q)
        )
    }
}

impl RosterView {
    pub(super) fn total(&self) -> String {
        self.b.tr.ta("msg-roster-total", &[("count", self.r.total.to_string())])
    }

    /// Whether a filter narrows the roster: the folded filters then show open.
    pub(super) fn filtering(&self) -> bool {
        !matches!(self.q.status.as_str(), "" | "current") || !self.q.flag.is_empty() || !self.q.q.trim().is_empty()
    }
}

pub(super) async fn roster(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<RosterQ>) -> WebResult<Response> {
    v.require()?;
    let r = members::roster(&v.ctx, id, &q.filter(), PAGE).await?;
    let query = q.query();
    let next_link = r.next.as_ref().map(|(p, n, i)| {
        format!(
            "/orgs/{id}/roster?{query}&after_path={}&after_name={}&after_id={i}",
            crate::html::url_encode(p),
            crate::html::url_encode(n)
        )
    });
    let title = v.tr.ta("page-roster", &[("name", r.org.name.clone())]);
    let b = Base::titled(&v, title, &format!("/orgs/{id}/roster"));
    Ok(page(&RosterView { b, r, q, next_link, query }))
}

#[derive(Template)]
#[template(path = "people/terms.html")]
pub(super) struct TermsPage {
    pub(super) b: Base,
    pub(super) rows: Vec<TermRow>,
}

impl TermsPage {
    pub(super) fn state(&self, s: &TermState) -> String {
        match s {
            TermState::Current => self.b.tr.t("term-current"),
            TermState::EndingSoon { days_left } => self.b.tr.ta("term-ending", &[("days", days_left.to_string())]),
            TermState::Ended { days_over } => self.b.tr.ta("term-ended", &[("days", days_over.to_string())]),
        }
    }
}

pub(super) async fn terms(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let rows = positions::terms_ending(&v.ctx, id, 500).await?;
    Ok(page(&TermsPage { b: Base::new(&v, "page-terms", &format!("/orgs/{id}/terms")), rows }))
}

/// The people section of an organization's page, when the viewer may read people there (asked
/// without auditing, since not being shown a section is no attempt to cross a scope).
pub async fn org_section(v: &Viewer, id: Uuid, path: &str) -> Option<OrgPeople> {
    use lianxin_app::policy::{Action, Decision, Target, decide};
    let p = lianxin_core::tree::TreePath::parse(path)?;
    if decide(&v.ctx.actor, Action::ReadPeople, Target::People { area: None, org: Some(&p), grid: None }) != Decision::Allow {
        return None;
    }
    members::org_people(&v.ctx, id).await.ok()
}

/// A finding of the establishment rules, explained with its numbers.
pub fn finding_text(tr: &Tr, f: &lianxin_core::people::Finding) -> String {
    use lianxin_core::people::Finding::*;
    let n = |x: &u64| x.to_string();
    let args: Vec<(&'static str, String)> = match f {
        BranchTooSmall { full } | CommitteeRequired { full } | SecretaryOnly { full } => vec![("full", n(full))],
        CommitteeSizeOutOfRange { size, min, max } => vec![("size", n(size)), ("min", n(min)), ("max", n(max))],
        ConsiderGeneralBranch { members } | ConsiderVillageCommittee { members } | MayUseDelegates { members } => {
            vec![("members", n(members))]
        }
    };
    tr.ta(f.key(), &args)
}
