//! `POST /api/v1/rules/{name}`: a rule answered with its verdict, its reasons and its source, by the
//! function that enforces it. Public (no token), held to the per-address rate limit every route
//! has.

use std::collections::BTreeMap;

use axum::{
    Json,
    extract::Path,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{ApiErrorBody, ApiErrorDetail, ApiJson, Handled};
use crate::{AppState, Viewer, rules};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(evaluate))
}

/// A rule's answer: its source and confidence, the reasons in the language of `Accept-Language`,
/// and the verdict fields of that rule (for `assembly-vote`: `quorum`, `passes`, `need_present`,
/// `need_yes`; see `/rules`).
#[derive(Serialize, ToSchema)]
pub struct RuleOut {
    /// The source and article, as cited.
    pub rule: String,
    pub name: String,
    /// H, M or L (RULES.md): the text says so, a summary or common local rule, or an inference.
    pub confidence: String,
    pub reasons: Vec<String>,
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub verdict: Map<String, Value>,
}

/// The inputs as one JSON object, by name: counts as whole numbers, the rest as text.
#[derive(serde::Deserialize, ToSchema)]
#[schema(value_type = Object)]
pub struct RuleIn(pub Map<String, Value>);

#[utoipa::path(post, path = "/api/v1/rules/{name}", tag = "rules", security(()),
    params(("name" = String, Path, description = "A rule of /rules: assembly-vote, committee-meeting, appraisal, establishment, id-number, meeting-cadence, development-gate, dues, villagers-meeting, representatives-meeting, election-quorum, competitive-margin, ballot, election-round, …")),
    request_body = RuleIn,
    responses((status = 200, body = RuleOut), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn evaluate(v: Viewer, Path(name): Path<String>, ApiJson(RuleIn(body)): ApiJson<RuleIn>) -> Response {
    let tr = v.tr;
    let Some(rule) = lianxin_core::rules::find(&name) else {
        return crate::WebError(lianxin_app::AppError::NotFound).into_response();
    };
    let values: BTreeMap<String, String> = body
        .into_iter()
        .filter_map(|(k, v)| match v {
            Value::Null => None,
            Value::String(s) => Some((k, s)),
            other => Some((k, other.to_string())),
        })
        .collect();
    match rules::answer(&v.ctx.app, rule, &values) {
        Ok(e) => Json(RuleOut {
            rule: rule.source.to_owned(),
            name: rule.name.to_owned(),
            confidence: rule.confidence.letter().to_owned(),
            reasons: e.reasons.iter().map(|r| rules::reason_text(&tr, r)).collect(),
            verdict: e.verdict.iter().map(|(n, val)| ((*n).to_owned(), rules::value_json(val))).collect(),
        })
        .into_response(),
        Err(problems) => {
            let p = problems[0];
            let body = ApiErrorBody {
                error: ApiErrorDetail {
                    code: "invalid".into(),
                    message: rules::problem_text(&tr, &p),
                    field: Some(p.field.to_owned()),
                    reasons: Vec::new(),
                },
            };
            let mut r = (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response();
            r.extensions_mut().insert(Handled);
            r
        }
    }
}
