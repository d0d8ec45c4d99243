//! The enterprises rule: whether an offer of an enterprise or cooperative is shown on the
//! village board on a day.

use super::{Explained, Input, InputKind, Problem, Reason, Rule, Value};
use crate::enterprises::{self, OfferState};

pub(super) const OFFER: Rule = Rule {
    name: "offer-shown",
    capability: "enterprises",
    source: "“党员服务企业、企业服务群众”（服务型基层党组织建设）；村务公开栏的地方做法",
    confidence: super::Confidence::Low,
    inputs: &[
        Input { name: "valid_from", kind: InputKind::Date, required: true },
        Input { name: "valid_until", kind: InputKind::Date, required: false },
        Input { name: "withdrawn", kind: InputKind::Choice(&["no", "yes"]), required: false },
        Input { name: "on", kind: InputKind::Date, required: false },
    ],
    outputs: &["shown", "offer_state"],
    evaluate: |g| {
        let [from] = g.dates(["valid_from"])?;
        let until = g.date("valid_until");
        if until.is_some_and(|u| u < from) {
            return Err(vec![Problem { field: "valid_until", key: "rule-problem-backwards", limit: Some("valid_from") }]);
        }
        let on = g.date("on").unwrap_or(g.today);
        let state = enterprises::offer_state(from, until, g.text("withdrawn") == "yes", on);
        Ok(Explained {
            verdict: vec![("shown", Value::Bool(state == OfferState::Open)), ("offer_state", Value::Text(state.as_str()))],
            reasons: vec![offer_reason(state, from, until, on)],
        })
    },
};

/// Why an offer is or is not on the board on `on`.
pub fn offer_reason(state: OfferState, from: chrono::NaiveDate, until: Option<chrono::NaiveDate>, on: chrono::NaiveDate) -> Reason {
    let key = match (state, until) {
        (OfferState::Withdrawn, _) => "reason-offer-withdrawn",
        (OfferState::Upcoming, _) => "reason-offer-upcoming",
        (OfferState::Ended, _) => "reason-offer-ended",
        (OfferState::Open, Some(_)) => "reason-offer-open",
        (OfferState::Open, None) => "reason-offer-open-always",
    };
    let r = Reason::new(key).date("from", from).date("on", on);
    let r = match until {
        Some(u) => r.date("until", u),
        None => r,
    };
    r.met(state == OfferState::Open)
}
