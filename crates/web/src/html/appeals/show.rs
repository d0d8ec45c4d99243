//! One appeal for staff: what was asked, the whole timeline with internal notes, the audited reveal
//! of the requester's contact, and the handler's actions, each a form carrying the version seen.

use askama::Template;
use axum::{
    Form,
    extract::{Path, Query},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use lianxin_app::policy::{Action, Decision, Target, decide};
use lianxin_app::{
    AppError,
    appeals::{
        Event,
        people_choice::{self, Choice},
        queues::{self, StaffView},
        steps::{self, HandlerStep},
        timeline::{Escalated, Who},
    },
};
use lianxin_core::tree::TreePath;
use serde::Deserialize;
use uuid::Uuid;

use super::{label, one_line};
use crate::{
    Viewer,
    error::{WebResult, status_of},
    html::{Base, forms::is_form_error, page_with, see_other},
};

/// What the handler's forms send. Each form sends its own fields; the rest stay empty.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct StepForm {
    pub version: String,
    pub step: String,
    pub text: String,
    pub public: String,
    pub reply: String,
    pub reason: String,
    pub person: String,
    pub body: String,
}

const STEPS: [&str; 8] = ["accept", "start", "note", "resolve", "reject", "reassign", "cohandler", "escalate"];

impl StepForm {
    fn parse(&self) -> Result<(i32, HandlerStep), AppError> {
        // Forms always carry the version they were drawn from; without it the change is refused.
        let version = self.version.trim().parse::<i32>().map_err(|_| AppError::BadRequest { key: "error-bad-request" })?;
        let id = |field: &'static str, s: &str| Uuid::parse_str(s.trim()).map_err(|_| AppError::invalid(field, "error-choose"));
        let s = match self.step.as_str() {
            "accept" => HandlerStep::Accept,
            "start" => HandlerStep::Start,
            "note" => HandlerStep::Note { text: one_line(&self.text), public: !self.public.is_empty() },
            "resolve" => HandlerStep::Resolve { reply: one_line(&self.reply) },
            "reject" => HandlerStep::Reject { reason: one_line(&self.reason) },
            "reassign" => HandlerStep::Reassign { person: id("person", &self.person)? },
            "cohandler" => HandlerStep::AddCohandler { body: id("body", &self.body)? },
            "escalate" => HandlerStep::Escalate { reason: one_line(&self.reason) },
            _ => return Err(AppError::BadRequest { key: "error-bad-request" }),
        };
        Ok((version, s))
    }
}

#[derive(Template)]
#[template(path = "appeals/staff/show.html")]
struct ShowPage {
    b: Base,
    v: StaffView,
    handlers: Vec<Choice>,
    bodies: Vec<Choice>,
    revealed: Option<(String, String)>,
    msg: String,
    error: String,
    form: StepForm,
}

impl ShowPage {
    fn status(&self) -> String {
        label(&self.b.tr, "staff-status", &self.v.row.status)
    }

    fn level(&self) -> String {
        label(&self.b.tr, "level", &self.v.row.level)
    }

    fn channel(&self) -> String {
        label(&self.b.tr, "staff-channel", &self.v.row.channel)
    }

    fn owner(&self) -> String {
        label(&self.b.tr, "staff-owner", &self.v.owner)
    }

    fn event(&self, e: &Event) -> String {
        label(&self.b.tr, "staff-event", &e.kind)
    }

    fn rating(&self, r: &str) -> String {
        label(&self.b.tr, "staff-rating", r)
    }

    /// The text typed into the form of `step` (kept when that form comes back with an error).
    fn kept(&self, step: &str, value: &str) -> String {
        if self.form.step == step { value.to_owned() } else { String::new() }
    }

    /// Who took the `i`-th step of the timeline: a name, the villager or the system.
    fn who(&self, i: &usize) -> String {
        match self.v.actors.get(*i) {
            Some(Who::Staff(name)) => name.clone(),
            Some(Who::System) => self.b.tr.t("label-staff-who-system"),
            Some(Who::Villager) | None => self.b.tr.t("label-staff-who-villager"),
        }
    }

    /// An answer of the extra fields, in English where the list names it in Chinese only.
    fn answer(&self, value: &str) -> String {
        super::answer_word(&self.b.tr, value)
    }

    /// Why and how late the need was sent up: "超期 2 天后由系统上报到青山镇".
    fn escalation(&self, e: &Escalated) -> String {
        let tr = &self.b.tr;
        let name = e.to_org.clone().unwrap_or_else(|| label(tr, "level", &e.to_level));
        let late = e.late_by.map(|d| match d.num_days() {
            0 => tr.ta("label-staff-late-hours", &[("count", d.num_hours().max(1).to_string())]),
            1 => tr.t("label-staff-late-day"),
            n => tr.ta("label-staff-late-days", &[("count", n.to_string())]),
        });
        match (e.why.as_str(), late) {
            ("overdue", Some(late)) if e.by_system => tr.ta("msg-staff-escalated-overdue", &[("days", late), ("name", name)]),
            ("overdue", _) => tr.ta("msg-staff-escalated-system", &[("name", name)]),
            ("unsatisfied", _) => tr.ta("msg-staff-escalated-unsatisfied", &[("name", name)]),
            _ => tr.ta("msg-staff-escalated-capacity", &[("name", name)]),
        }
    }

    fn failed(&self, step: &str) -> bool {
        !self.error.is_empty() && self.form.step == step
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ShowQ {
    done: String,
}

async fn render(
    v: &Viewer,
    id: Uuid,
    status: StatusCode,
    form: StepForm,
    error: String,
    msg: String,
    revealed: Option<(String, String)>,
) -> WebResult<Response> {
    let view = queues::staff_view(&v.ctx, id).await?;
    // Choices only for those who may act: asking for them would otherwise be an audited denial.
    let (handlers, bodies) = if view.can_handle {
        (people_choice::handlers(&v.ctx, id).await?, people_choice::bodies(&v.ctx, id).await?)
    } else {
        (Vec::new(), Vec::new())
    };
    let title = v.tr.ta("page-staff-appeal", &[("no", lianxin_core::appeals::format_tracking_code(&view.row.code))]);
    let b = Base::titled(v, title, &format!("/appeals/{id}"));
    Ok(page_with(status, &ShowPage { b, v: view, handlers, bodies, revealed, msg, error, form }))
}

pub async fn show(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<ShowQ>) -> WebResult<Response> {
    v.require()?;
    let msg =
        if STEPS.contains(&q.done.as_str()) || q.done == "filed" { v.tr.t(&format!("msg-staff-done-{}", q.done)) } else { String::new() };
    render(&v, id, StatusCode::OK, StepForm::default(), String::new(), msg, None).await
}

/// One action; afterwards the page again by GET. A stale version or a step the state does not
/// allow comes back as the page with the reason, and nothing changed.
pub async fn step(v: Viewer, Path(id): Path<Uuid>, Form(f): Form<StepForm>) -> WebResult<Response> {
    v.require()?;
    let r = match f.parse() {
        Ok((version, s)) => steps::act(&v.ctx, id, Some(version), s).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(a) => {
            // A member who handed the appeal on may no longer read it: back to their queue then.
            let still = match (TreePath::parse(&a.org_path), TreePath::parse(&a.village_path)) {
                (Some(org), Some(village)) => {
                    decide(&v.ctx.actor, Action::ReadAppeals, Target::Appeal { org: &org, village: &village, handler: a.handler_person_id })
                        == Decision::Allow
                }
                _ => false,
            };
            Ok(see_other(&if still { format!("/appeals/{id}?done={}", f.step) } else { "/appeals".to_owned() }))
        }
        Err(e) if is_form_error(&e) => {
            let msg = v.tr.t(e.key());
            render(&v, id, status_of(&e), f, msg, String::new(), None).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Shows the requester's name and phone once, in a page never cached; the reveal is audited.
pub async fn reveal(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Response> {
    v.require()?;
    let (name, phone) = steps::reveal_contact(&v.ctx, id).await?;
    let revealed = Some((name.unwrap_or_else(|| "—".into()), phone.unwrap_or_else(|| "—".into())));
    let mut r = render(&v, id, StatusCode::OK, StepForm::default(), String::new(), String::new(), revealed).await?.into_response();
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}
