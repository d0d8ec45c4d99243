//! `/rules`: every rule the product enforces, with its source, how sure the reading is and the
//! local settings in force, each with a calculator that works without JavaScript (a GET form whose
//! answer comes from the same function that enforces the rule).

use std::collections::BTreeMap;

use askama::Template;
use axum::{
    Router,
    extract::{Path, RawQuery},
    response::Response,
    routing::get,
};
use lianxin_core::rules::{self as core_rules, InputKind, Rule};

use super::{Base, page};
use crate::{AppState, Viewer, error::WebResult, form::Pairs, i18n::Tr, rules};

pub fn router() -> Router<AppState> {
    Router::new().route("/rules", get(list)).route("/rules/{name}", get(show))
}

/// One input of a calculator.
pub struct InputView {
    pub name: &'static str,
    pub label: String,
    pub kind: &'static str,
    pub value: String,
    pub options: Vec<(String, String)>,
    pub required: bool,
    pub error: String,
}

/// A rule as a card: what it says, where from, the settings in force, its calculator.
pub struct RuleView {
    pub name: &'static str,
    pub title: String,
    pub says: String,
    pub source: &'static str,
    pub confidence: String,
    pub setting: String,
    pub inputs: Vec<InputView>,
}

fn rule_view(tr: &Tr, v: &Viewer, r: &Rule, given: &Pairs) -> RuleView {
    let inputs = r
        .inputs
        .iter()
        .map(|i| {
            let (kind, options) = match i.kind {
                InputKind::Count => ("number", Vec::new()),
                InputKind::Text | InputKind::Period => ("text", Vec::new()),
                InputKind::Date => ("date", Vec::new()),
                InputKind::MeetingKind => {
                    let settings = v.ctx.settings().meetings.cadence();
                    let kinds = lianxin_core::meetings::MeetingKind::ALL
                        .iter()
                        .filter(|k| core_rules::cadence_of(**k, settings).is_some())
                        .map(|k| (k.as_str().to_owned(), tr.t(&format!("meeting-kind-{k}"))))
                        .collect();
                    ("select", kinds)
                }
                InputKind::Choice(words) => {
                    let field = i.name.replace('_', "-");
                    let blank = (!i.required).then(|| (String::new(), "—".to_owned()));
                    let words = words.iter().map(|w| ((*w).to_owned(), tr.t(&format!("rule-choice-{field}-{}", w.replace('_', "-")))));
                    ("select", blank.into_iter().chain(words).collect())
                }
                InputKind::Money => ("money", Vec::new()),
                InputKind::List | InputKind::Votes | InputKind::Ballot => ("text", Vec::new()),
                InputKind::Month => ("month", Vec::new()),
                InputKind::Hours => ("hours", Vec::new()),
            };
            InputView {
                name: i.name,
                label: {
                    // A rule may name its input differently from another rule's input of the same name.
                    let own = format!("rule-input-{}-{}", r.name, i.name.replace('_', "-"));
                    if tr.has(&own) { tr.t(&own) } else { tr.t(&format!("rule-input-{}", i.name.replace('_', "-"))) }
                },
                kind,
                value: given.value(i.name),
                options,
                required: i.required,
                error: String::new(),
            }
        })
        .collect();
    let settings = v.ctx.settings();
    let setting = match r.name {
        "meeting-cadence" => {
            let s = &settings.meetings;
            let lecture = if s.lecture_quarterly { tr.t("label-lecture-quarterly") } else { tr.t("label-lecture-none") };
            tr.ta("label-meeting-settings", &[("name", lecture), ("days", s.remind_days.to_string())])
        }
        "disclosure-due" => tr.ta("label-decision-settings", &[("days", settings.decisions.disclosure_days.to_string())]),
        "development-gate" => tr.ta("label-development-settings", &[("days", settings.development.notice_working_days.to_string())]),
        "dues" => tr.ta("label-dues-settings", &[("amount", lianxin_core::dues::yuan(settings.dues.farmer_fen))]),
        _ => String::new(),
    };
    RuleView {
        name: r.name,
        title: tr.t(&format!("rule-title-{}", r.name)),
        says: tr.t(&format!("rule-says-{}", r.name)),
        source: r.source,
        confidence: tr.t(&format!("confidence-{}", r.confidence.letter())),
        setting,
        inputs,
    }
}

#[derive(Template)]
#[template(path = "rules/list.html")]
struct ListPage {
    b: Base,
    rules: Vec<RuleView>,
}

async fn list(v: Viewer) -> WebResult<Response> {
    let tr = v.tr;
    let none = Pairs::default();
    let rules = core_rules::RULES.iter().map(|r| rule_view(&tr, &v, r, &none)).collect();
    Ok(page(&ListPage { b: Base::new(&v, "page-rules", "/rules"), rules }))
}

#[derive(Template)]
#[template(path = "rules/show.html")]
struct ShowPage {
    b: Base,
    rule: RuleView,
    asked: bool,
    verdict: Vec<(String, String)>,
    reasons: Vec<String>,
    error: String,
}

async fn show(v: Viewer, Path(name): Path<String>, RawQuery(q): RawQuery) -> WebResult<Response> {
    let tr = v.tr;
    let rule = core_rules::find(&name).ok_or(lianxin_app::AppError::NotFound)?;
    let given = Pairs::parse(q.unwrap_or_default().as_bytes());
    let mut view = rule_view(&tr, &v, rule, &given);
    let asked = rule.inputs.iter().any(|i| given.has(i.name));
    let (mut verdict, mut reasons, mut error) = (Vec::new(), Vec::new(), String::new());
    if asked {
        let values: BTreeMap<String, String> = rule.inputs.iter().map(|i| (i.name.to_owned(), given.value(i.name))).collect();
        match rules::answer(&v.ctx.app, rule, &values) {
            Ok(e) => {
                verdict =
                    e.verdict.iter().map(|(n, val)| (rules::output_label(&tr, rule.name, n), rules::value_text(&tr, n, val))).collect();
                reasons = e.reasons.iter().map(|r| rules::reason_text(&tr, r)).collect();
            }
            Err(problems) => {
                for p in &problems {
                    match view.inputs.iter_mut().find(|i| i.name == p.field) {
                        Some(i) if i.error.is_empty() => i.error = rules::problem_text(&tr, p),
                        _ => error = rules::problem_text(&tr, p),
                    }
                }
                if error.is_empty() {
                    error = tr.t("msg-rule-fix-inputs");
                }
            }
        }
    }
    let b = Base::titled(&v, view.title.clone(), &format!("/rules/{name}"));
    Ok(page(&ShowPage { b, rule: view, asked, verdict, reasons, error }))
}
