//! The rules explained in the reader's language: a rule's verdict, reasons and refused inputs,
//! shared by the `/rules` pages, `POST /api/v1/rules/{name}` and the meeting pages that show why a
//! vote or an appraisal stands as it does.

use std::collections::BTreeMap;

use lianxin_app::App;
use lianxin_core::rules::{Answer, Arg, Problem, Reason, Rule, Value};

use crate::i18n::Tr;

/// Answers `rule` for `values` with today's date and the local rules in force.
pub fn answer(app: &App, rule: &Rule, values: &BTreeMap<String, String>) -> Answer {
    rule.evaluate(values, app.today(), app.settings.rules())
}

/// A reason as a sentence. Words among its arguments (a meeting kind, a cadence, a state) are
/// put in the reader's language; counts and dates stay as they are.
pub fn reason_text(tr: &Tr, r: &Reason) -> String {
    let args: Vec<(&'static str, String)> = r
        .args
        .iter()
        .map(|(name, arg)| {
            let text = match (name, arg) {
                (_, Arg::Count(n)) => n.to_string(),
                (_, Arg::Date(d)) => d.to_string(),
                (&"kind", Arg::Text(t)) => tr.t(&format!("meeting-kind-{t}")),
                (&"cadence", Arg::Text(t)) => tr.t(&format!("cadence-{t}")),
                (&"period", Arg::Text(t)) => period_words(tr, t),
                (&"item", Arg::Text(t)) => tr.t(&format!("points-item-{}", t.replace('_', "-"))),
                (&"action", Arg::Text(t)) => tr.t(&format!("points-action-{}", t.replace('_', "-"))),
                (&"dues_kind", Arg::Text(t)) => tr.t(&format!("dues-kind-{}", t.replace('_', "-"))),
                (&"grade", Arg::Text(t)) => tr.t(&format!("grade-{t}")),
                (&"status", Arg::Text(t)) => tr.t(&format!("introducer-status-{}", t.replace('_', "-"))),
                (&"step" | &"expected", Arg::Text(t)) => tr.t(&format!("decision-step-{}", t.replace('_', "-"))),
                (&"matter_kind", Arg::Text(t)) => tr.t(&format!("matter-kind-{}", t.replace('_', "-"))),
                (_, Arg::Text(t)) => t.clone(),
            };
            (*name, text)
        })
        .collect();
    tr.ta(r.key, &args)
}

/// A period code (`2026-03`, `2026-Q1`, `2026`) as words.
pub fn period_words(tr: &Tr, code: &str) -> String {
    match lianxin_core::meetings::Period::parse(code) {
        Some(lianxin_core::meetings::Period::Month { year, month }) => {
            tr.ta("label-period-month", &[("year", year.to_string()), ("month", month.to_string())])
        }
        Some(lianxin_core::meetings::Period::Quarter { year, quarter }) => {
            tr.ta("label-period-quarter", &[("year", year.to_string()), ("count", quarter.to_string())])
        }
        Some(lianxin_core::meetings::Period::Year { year }) => tr.ta("label-period-year", &[("year", year.to_string())]),
        None => code.to_owned(),
    }
}

/// What is wrong with an input, as a sentence naming the limit it broke.
pub fn problem_text(tr: &Tr, p: &Problem) -> String {
    let limit = p.limit.map(|l| tr.t(&format!("rule-input-{}", l.replace('_', "-")))).unwrap_or_default();
    tr.ta(p.key, &[("name", limit)])
}

/// A verdict field's label: the rule's own name for it where it has one (`valid` is a number's
/// validity in one rule and a ballot's in another).
pub fn output_label(tr: &Tr, rule: &str, name: &str) -> String {
    let name = name.replace('_', "-");
    let own = format!("rule-output-{rule}-{name}");
    if tr.has(&own) { tr.t(&own) } else { tr.t(&format!("rule-output-{name}")) }
}

/// A verdict field as words for a page.
pub fn value_text(tr: &Tr, name: &str, v: &Value) -> String {
    match v {
        Value::Bool(true) => tr.t("label-yes"),
        Value::Bool(false) => tr.t("label-no"),
        Value::Count(n) => n.to_string(),
        Value::Range([a, b]) => format!("{a}–{b}"),
        Value::Text(t) if name == "state" => tr.t(&format!("compliance-{t}")),
        Value::Text(t) if name == "offer_state" => tr.t(&format!("offer-state-{t}")),
        Value::Text(t) if name == "result" => tr.t(&format!("round-result-{t}")),
        Value::Text(t) if name == "expected" => tr.t(&format!("decision-step-{}", t.replace('_', "-"))),
        Value::List(names) if names.is_empty() => "—".to_owned(),
        Value::List(names) => names.join("、"),
        Value::Text(t) => (*t).to_owned(),
        Value::Date(d) => d.to_string(),
        Value::Money(fen) => tr.ta("label-yuan", &[("amount", lianxin_core::dues::yuan(*fen))]),
        Value::Hours(t) => tr.ta("label-study-hours", &[("hours", lianxin_core::study::hours_text(*t))]),
        Value::Score(h) => format!("{}.{:02}", h / 100, h % 100),
        Value::Null => "—".to_owned(),
    }
}

/// A verdict field as JSON.
pub fn value_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Count(n) => serde_json::Value::from(*n),
        Value::Range([a, b]) => serde_json::json!([a, b]),
        Value::Text(t) => serde_json::Value::from(*t),
        Value::Date(d) => serde_json::Value::from(d.to_string()),
        // Yuan as a number: whole fen, so the float prints with at most two decimals.
        Value::Money(fen) => serde_json::Number::from_f64(*fen as f64 / 100.0).map_or(serde_json::Value::Null, serde_json::Value::Number),
        // Hours as a number with at most one decimal.
        Value::Hours(t) => serde_json::Number::from_f64(*t as f64 / 10.0).map_or(serde_json::Value::Null, serde_json::Value::Number),
        // A score as a number with at most two decimals.
        Value::Score(h) => serde_json::Number::from_f64(*h as f64 / 100.0).map_or(serde_json::Value::Null, serde_json::Value::Number),
        Value::List(names) => serde_json::json!(names),
        Value::Null => serde_json::Value::Null,
    }
}
