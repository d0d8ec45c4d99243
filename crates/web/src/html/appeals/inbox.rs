//! The inbox: notices about appeals handed to the viewer or sent to their organizations.

use askama::Template;
use axum::response::Response;
use lianxin_app::notify::inbox::{self, InboxMessage};

use crate::{
    Viewer,
    error::WebResult,
    html::{Base, page},
};

#[derive(Template)]
#[template(path = "appeals/staff/inbox.html")]
struct InboxPage {
    b: Base,
    notices: Vec<InboxMessage>,
    /// How many of the notices (the newest first) the account had not seen before this view.
    new: usize,
}

impl InboxPage {
    fn new_text(&self) -> String {
        self.b.tr.ta("msg-staff-inbox-new", &[("count", self.new.to_string())])
    }

    /// The notice in the reader's language: its kind is a message key, its body the argument.
    fn text(&self, m: &InboxMessage) -> String {
        let tr = &self.b.tr;
        let body = match lianxin_core::appeals::parse_tracking_code(&m.body) {
            Some(code) => lianxin_core::appeals::format_tracking_code(&code),
            // A meeting reminder: the organization, the kind of meeting and the period, in words.
            None => match m.body.split('|').collect::<Vec<_>>()[..] {
                [org, kind, period] if m.kind.starts_with("notice-meeting-") => {
                    format!("{org} · {} · {}", tr.t(&format!("meeting-kind-{kind}")), crate::rules::period_words(tr, period))
                }
                // An overdue disclosure: the organization, the matter and which disclosure, in words.
                [org, title, step] if m.kind == "notice-disclosure-overdue" => {
                    format!("{org} · {title} · {}", tr.t(&format!("decision-step-{}", step.replace('_', "-"))))
                }
                // A board's category overdue: the organization, the category in words, the day.
                [org, category, due] if m.kind == "notice-board-overdue" => {
                    format!("{org} · {} · {due}", tr.t(&format!("disclosure-category-{category}")))
                }
                _ => m.body.clone(),
            },
        };
        let text = self.b.tr.ta(&m.kind, &[("body", body.clone())]);
        if text == m.kind { format!("{} {body}", m.kind) } else { text }
    }
}

pub async fn inbox(v: Viewer) -> WebResult<Response> {
    v.require()?;
    let (notices, new) = inbox::open(&v.ctx, 100).await?;
    Ok(page(&InboxPage { b: Base::new(&v, "page-staff-inbox", "/inbox"), notices, new: new as usize }))
}
