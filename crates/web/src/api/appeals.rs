//! `/api/v1` for appeals (villagers' needs): filing on a villager's behalf, the staff queues, one
//! appeal with its timeline, the handler's steps with optimistic versions, and a village's
//! categories. Intake is the path of the intake benchmark: the handler parses and calls `submit`,
//! nothing more.

use std::collections::BTreeMap;

use axum::{
    Json,
    extract::{Path, Query},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Utc};
use lianxin_app::{
    AppError, Locale,
    appeals::{
        Appeal, Event,
        intake::{self, NewAppeal, Submitted},
        queues::{self, Queue, QueueFilter, QueueRow},
        setup,
        steps::{self, HandlerStep},
    },
};
use lianxin_core::appeals::{Channel, attributes::AttributeDef, format_tracking_code};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{ApiErrorBody, ApiErrorDetail, ApiJson, Handled};
use crate::{AppState, Viewer, error::WebResult};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_appeals, create_appeal))
        .routes(routes!(get_appeal))
        .routes(routes!(take_step))
        .routes(routes!(village_categories))
}

// ---- parsing at the edge ----

/// Query parameters sent empty (`?status=`) count as absent.
fn empty_none<'de, D: Deserializer<'de>, T: std::str::FromStr>(d: D) -> Result<Option<T>, D::Error>
where
    T::Err: std::fmt::Display,
{
    match Option::<String>::deserialize(d)?.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => s.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

/// An attribute value as JSON: a string, a number, a boolean, or a list of them (multivaluelist).
fn attribute_values(v: &serde_json::Value) -> Option<Vec<String>> {
    use serde_json::Value;
    let one = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    match v {
        Value::Null => Some(Vec::new()),
        Value::Array(items) => items.iter().map(one).collect(),
        other => one(other).map(|s| vec![s]),
    }
}

/// The channels staff and integrations file through; villagers' own web form and Open311 have
/// their own doors.
pub(crate) const API_CHANNELS: [Channel; 4] = [Channel::PhoneCall, Channel::WalkIn, Channel::Visit, Channel::Api];

fn api_channel(s: Option<&str>) -> Result<Channel, AppError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(Channel::Api),
        Some(s) => Channel::parse(s).filter(|c| API_CHANNELS.contains(c)).ok_or(AppError::invalid("channel", "error-choose")),
    }
}

// ---- output shapes ----

/// An appeal as staff see it after a change (no requester details).
#[derive(Serialize, ToSchema)]
pub struct AppealOut {
    pub id: Uuid,
    /// Tracking code (10 characters; shown as `XXXXX-XXXXX`).
    pub code: String,
    pub service_code: String,
    /// submitted, accepted, in_progress, resolved, closed, rejected, withdrawn
    pub status: String,
    /// village, township, county
    pub level: String,
    /// party_branch, village_committee, collective_economy, cooperative, enterprise, social_organization
    pub owner: String,
    pub village_id: Uuid,
    /// The organization whose queue holds it.
    pub org_id: Uuid,
    pub handler_person_id: Option<Uuid>,
    pub public: bool,
    /// web, phone_call, walk_in, visit, api, open311
    pub channel: String,
    pub supporters: i32,
    pub due_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Send it back with the next step; a stale version is refused with 409.
    pub version: i32,
}

impl From<Appeal> for AppealOut {
    fn from(a: Appeal) -> Self {
        Self {
            id: a.id,
            code: a.code,
            service_code: a.service_code,
            status: a.status,
            level: a.level,
            owner: a.owner,
            village_id: a.village_area_id,
            org_id: a.org_id,
            handler_person_id: a.handler_person_id,
            public: a.public,
            channel: a.channel,
            supporters: a.supporters,
            due_at: a.due_at,
            created_at: a.created_at,
            updated_at: a.updated_at,
            resolved_at: a.resolved_at,
            closed_at: a.closed_at,
            version: a.version,
        }
    }
}

/// A new appeal: what the villager needs to follow it. `key` is shown once and never stored in
/// clear; `track_path` is the villager's private link.
#[derive(Serialize, ToSchema)]
pub struct AppealCreated {
    pub id: Uuid,
    pub code: String,
    /// The code as read out on the phone: `XXXXX-XXXXX`.
    pub code_display: String,
    pub key: String,
    pub track_path: String,
    pub status: String,
    pub level: String,
    pub owner: String,
    pub org_id: Uuid,
    /// Who it was routed to (the linked member of the household, else the owner's designated
    /// handler); absent when unassigned.
    pub handler_person_id: Option<Uuid>,
    pub due_at: DateTime<Utc>,
    pub version: i32,
}

/// The open appeal a new one resembles.
#[derive(Serialize, ToSchema)]
pub struct SimilarOut {
    pub code: String,
    /// 0–1, character-bigram similarity of the descriptions.
    pub similarity: f64,
    pub status: String,
    pub supporters: i32,
}

/// Answer 409 to a filing close to an open public appeal of the same village and category:
/// nothing was created. Support the existing one, or send again with `not_duplicate: true`.
#[derive(Serialize, ToSchema)]
pub struct SimilarBody {
    /// `code` is `similar`, `field` is `description`.
    pub error: ApiErrorDetail,
    pub similar: SimilarOut,
}

/// A row of a staff queue; the requester's name and phone are masked.
#[derive(Serialize, ToSchema)]
pub struct QueueRowOut {
    pub id: Uuid,
    pub code: String,
    pub category: String,
    pub service_code: String,
    pub status: String,
    pub level: String,
    /// The first line of the description, cut to 40 characters.
    pub summary: String,
    pub village: String,
    pub org: String,
    pub handler: Option<String>,
    /// Masked name (`张*`).
    pub requester: Option<String>,
    /// Masked phone (`138****1234`).
    pub phone: Option<String>,
    pub channel: String,
    pub supporters: i32,
    pub due_at: DateTime<Utc>,
    pub overdue: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<QueueRow> for QueueRowOut {
    fn from(r: QueueRow) -> Self {
        Self {
            id: r.id,
            code: r.code,
            category: r.category,
            service_code: r.service_code,
            status: r.status,
            level: r.level,
            summary: r.summary,
            village: r.village,
            org: r.org,
            handler: r.handler,
            requester: r.requester,
            phone: r.phone,
            channel: r.channel,
            supporters: r.supporters,
            due_at: r.due_at,
            overdue: r.overdue,
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
        }
    }
}

/// One page of a queue, newest first.
#[derive(Serialize, ToSchema)]
pub struct QueuePageOut {
    /// mine, org, overdue, escalated, all
    pub queue: String,
    /// The organization whose queue this is (absent for `mine`).
    pub org: Option<Uuid>,
    pub items: Vec<QueueRowOut>,
    /// Pass as `before` for the next page; absent on the last one.
    pub next: Option<Uuid>,
}

/// An entry of the timeline.
#[derive(Serialize, ToSchema)]
pub struct EventOut {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    /// submitted, accepted, started, note, reply, resolved, rejected, reassigned, cohandler, escalated, supported, rated,
    /// reopened, closed, withdrawn, reminded
    pub kind: String,
    pub actor: String,
    /// Shown to the villager; internal notes are not.
    pub public: bool,
    pub body: String,
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
}

impl From<Event> for EventOut {
    fn from(e: Event) -> Self {
        Self {
            id: e.id,
            at: e.at,
            kind: e.kind,
            actor: e.actor,
            public: e.public,
            body: e.body,
            data: serde_json::from_str(&e.data).unwrap_or(serde_json::Value::Null),
        }
    }
}

/// One appeal for staff: its row, the whole text, the timeline with internal notes, and what the
/// caller may do.
#[derive(Serialize, ToSchema)]
pub struct AppealDetail {
    pub appeal: QueueRowOut,
    /// As typed: plain text, never HTML.
    pub description: String,
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub attributes: BTreeMap<String, String>,
    pub owner: String,
    pub public: bool,
    pub rating: Option<String>,
    pub rating_comment: Option<String>,
    pub reject_reason: Option<String>,
    pub reopen_count: i32,
    /// Oldest first.
    pub timeline: Vec<EventOut>,
    pub photo_ids: Vec<Uuid>,
    /// Village bodies helping to handle it.
    pub cohandlers: Vec<String>,
    pub village_id: Uuid,
    pub can_handle: bool,
    pub can_escalate: bool,
}

/// A category's extra field (an Open311 attribute).
#[derive(Serialize, ToSchema)]
pub struct AttributeOut {
    pub code: String,
    /// string, number, datetime, text, singlevaluelist, multivaluelist
    pub datatype: String,
    pub required: bool,
    /// The question, in the caller's language.
    pub description: String,
    pub order: u32,
    pub values: Vec<AttributeValueOut>,
}

#[derive(Serialize, ToSchema)]
pub struct AttributeValueOut {
    pub key: String,
    pub name: String,
}

/// A kind of need a village takes.
#[derive(Serialize, ToSchema)]
pub struct CategoryOut {
    /// The `service_code` to file with.
    pub code: String,
    /// In the caller's language.
    pub name: String,
    pub name_zh: String,
    pub name_en: String,
    pub group: String,
    pub description: String,
    pub keywords: String,
    /// Deadline at the village: `5d` working days or `48h` working hours.
    pub sla: String,
    pub attributes: Vec<AttributeOut>,
}

pub(crate) fn attribute_out(d: AttributeDef, locale: Locale) -> AttributeOut {
    let description = if locale == Locale::EnUs && !d.description_en.is_empty() { d.description_en } else { d.description };
    AttributeOut {
        code: d.code,
        datatype: d.datatype,
        required: d.required,
        description,
        order: d.order,
        values: d.values.into_iter().map(|v| AttributeValueOut { key: v.key, name: v.name }).collect(),
    }
}

// ---- intake ----

/// A need filed on a villager's behalf.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AppealIn {
    pub village_id: Uuid,
    /// A category code of the village's county (see `/api/v1/villages/{id}/appeal-categories`).
    pub service_code: String,
    /// Plain text, at most 4000 characters; HTML is kept as typed and never rendered.
    pub description: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    /// The category's extra fields by code: a value, or a list of values for a multivaluelist.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub attributes: BTreeMap<String, serde_json::Value>,
    /// The villager's name; stored encrypted, shown masked.
    #[serde(default)]
    pub name: Option<String>,
    /// The villager's phone; stored encrypted, shown masked.
    #[serde(default)]
    pub phone: Option<String>,
    /// phone_call, walk_in, visit, api (default)
    #[serde(default)]
    pub channel: Option<String>,
    /// The household filed for (routes to its linked member).
    #[serde(default)]
    pub household_id: Option<Uuid>,
    /// Shown on the village's public board (default from the settings).
    #[serde(default)]
    pub public: Option<bool>,
    /// File even when a similar open need exists.
    #[serde(default)]
    pub not_duplicate: bool,
}

impl TryFrom<AppealIn> for NewAppeal {
    type Error = AppError;

    fn try_from(b: AppealIn) -> Result<Self, AppError> {
        let mut attributes = BTreeMap::new();
        for (code, v) in &b.attributes {
            let values = attribute_values(v).ok_or(AppError::invalid("attributes", "error-appeal-attribute-invalid"))?;
            attributes.insert(code.clone(), values);
        }
        Ok(NewAppeal {
            village: Some(b.village_id),
            service_code: b.service_code,
            description: b.description,
            address: b.address,
            lat: b.lat,
            lon: b.lon,
            attributes,
            name: b.name,
            phone: b.phone,
            channel: Some(api_channel(b.channel.as_deref())?),
            household: b.household_id,
            public: b.public,
            photos: Vec::new(),
            not_duplicate: b.not_duplicate,
            require_location: false,
        })
    }
}

#[utoipa::path(post, path = "/api/v1/appeals", tag = "appeals", request_body = AppealIn,
    responses(
        (status = 201, body = AppealCreated, description = "Filed and routed"),
        (status = 409, body = SimilarBody, description = "A similar open appeal exists; nothing was filed"),
        (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create_appeal(v: Viewer, ApiJson(b): ApiJson<AppealIn>) -> WebResult<Response> {
    v.require()?;
    match intake::submit(&v.ctx, b.try_into()?).await? {
        Submitted::Created { appeal, key } => {
            let a = *appeal;
            let out = AppealCreated {
                id: a.id,
                code_display: format_tracking_code(&a.code),
                track_path: format!("/track/{}/{}", a.code, key),
                code: a.code,
                key,
                status: a.status,
                level: a.level,
                owner: a.owner,
                org_id: a.org_id,
                handler_person_id: a.handler_person_id,
                due_at: a.due_at,
                version: a.version,
            };
            Ok((StatusCode::CREATED, Json(out)).into_response())
        }
        Submitted::Similar { appeal, similarity } => {
            let body = SimilarBody {
                error: ApiErrorDetail::new("similar", v.tr.t("error-api-appeal-similar"), Some("description".into())),
                similar: SimilarOut { code: appeal.code.clone(), similarity, status: appeal.status.clone(), supporters: appeal.supporters },
            };
            let mut r = (StatusCode::CONFLICT, Json(body)).into_response();
            r.extensions_mut().insert(Handled);
            Ok(r)
        }
    }
}

// ---- queues ----

#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
pub struct QueueQ {
    /// mine, org, overdue, escalated, all (default: org for staff of an organization, else mine)
    #[serde(deserialize_with = "empty_none")]
    pub queue: Option<String>,
    /// The organization whose queue (default: the first the caller holds a post in).
    #[serde(deserialize_with = "empty_none")]
    pub org: Option<Uuid>,
    /// A status, or `active` (work lists default to the active ones).
    #[serde(deserialize_with = "empty_none")]
    pub status: Option<String>,
    #[serde(deserialize_with = "empty_none")]
    pub service_code: Option<String>,
    /// Text to find in descriptions; a phone or ID number is refused (it would sit in the URL).
    #[serde(deserialize_with = "empty_none")]
    pub q: Option<String>,
    /// Cursor: `next` of the previous page.
    #[serde(deserialize_with = "empty_none")]
    pub before: Option<Uuid>,
    /// Page size, 1–500 (default 50).
    #[serde(deserialize_with = "empty_none")]
    pub limit: Option<u64>,
}

#[utoipa::path(get, path = "/api/v1/appeals", tag = "appeals", params(QueueQ),
    responses((status = 200, body = QueuePageOut), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn list_appeals(v: Viewer, Query(q): Query<QueueQ>) -> WebResult<Response> {
    v.require()?;
    let queue = match q.queue.as_deref() {
        None => None,
        Some(s) => Some(Queue::parse(s).ok_or(AppError::invalid("queue", "error-choose"))?),
    };
    // A phone or ID number never travels in a URL (they end up in logs and histories).
    if q.q.as_deref().is_some_and(|t| crate::request::sensitive_in_url(t, v.ctx.app.today())) {
        return Err(AppError::invalid("q", "error-appeal-sensitive-in-url").into());
    }
    let f = QueueFilter {
        queue,
        org: q.org,
        status: q.status,
        service_code: q.service_code,
        text: q.q,
        before: q.before,
        village: None,
        limit: Some(crate::api::page_size(q.limit, 50)?),
    };
    let page = queues::queue(&v.ctx, &f).await?;
    let items = page.shown.json.get_or_init(|| serde_json::to_string(&*page.rows).unwrap_or_else(|_| "[]".into()));
    let body = queue_page_json(page.queue.as_str(), page.org, items, page.next);
    Ok(([(axum::http::header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// What `GET /api/v1/appeals` writes: a [`QueuePageOut`] (which documents it) around the rows as
/// the list keeps them written out (`QueuePage::shown`), rather than written again for every
/// request. A test checks that both are the same JSON.
fn queue_page_json(queue: &str, org: Option<Uuid>, items: &str, next: Option<Uuid>) -> String {
    let value = |v: Option<Uuid>| v.map_or_else(|| "null".to_owned(), |v| format!("\"{v}\""));
    // One buffer of the whole size (`format!` grows one from its fixed text, copying the rows again).
    [r#"{"queue":""#, queue, r#"","org":"#, &value(org), r#","items":"#, items, r#","next":"#, &value(next), "}"].concat()
}

#[utoipa::path(get, path = "/api/v1/appeals/{id}", tag = "appeals", params(("id" = Uuid, Path)),
    responses((status = 200, body = AppealDetail), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_appeal(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<AppealDetail>> {
    v.require()?;
    let s = queues::staff_view(&v.ctx, id).await?;
    Ok(Json(AppealDetail {
        appeal: s.row.into(),
        description: s.description,
        address: s.address,
        lat: s.lat,
        lon: s.lon,
        attributes: s.attributes,
        owner: s.owner,
        public: s.public,
        rating: s.rating,
        rating_comment: s.rating_comment,
        reject_reason: s.reject_reason,
        reopen_count: s.reopen_count,
        timeline: s.events.into_iter().map(EventOut::from).collect(),
        photo_ids: s.photos.iter().map(|p| p.id).collect(),
        cohandlers: s.cohandlers,
        village_id: s.village_id,
        can_handle: s.can_handle,
        can_escalate: s.can_escalate,
    }))
}

// ---- steps ----

/// A handler's step.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepIn {
    /// The `version` the caller saw; when given and stale, nothing changes and the answer is 409.
    #[serde(default)]
    pub version: Option<i32>,
    /// accept, start, note (internal), reply (the villager sees it), resolve, reject, reassign, cohandler, escalate
    pub step: String,
    /// The note, reply, resolution, rejection reason or escalation reason.
    #[serde(default)]
    pub text: Option<String>,
    /// For `reassign`: the new handler.
    #[serde(default)]
    pub person_id: Option<Uuid>,
    /// For `cohandler`: the village body to add.
    #[serde(default)]
    pub body_id: Option<Uuid>,
}

impl TryFrom<StepIn> for HandlerStep {
    type Error = AppError;

    fn try_from(b: StepIn) -> Result<Self, AppError> {
        let text = b.text.unwrap_or_default();
        Ok(match b.step.trim() {
            "accept" => HandlerStep::Accept,
            "start" => HandlerStep::Start,
            "note" => HandlerStep::Note { text, public: false },
            "reply" => HandlerStep::Note { text, public: true },
            "resolve" => HandlerStep::Resolve { reply: text },
            "reject" => HandlerStep::Reject { reason: text },
            "escalate" => HandlerStep::Escalate { reason: text },
            "reassign" => HandlerStep::Reassign { person: b.person_id.ok_or(AppError::invalid("person_id", "error-required"))? },
            "cohandler" => HandlerStep::AddCohandler { body: b.body_id.ok_or(AppError::invalid("body_id", "error-required"))? },
            _ => return Err(AppError::invalid("step", "error-choose")),
        })
    }
}

#[utoipa::path(post, path = "/api/v1/appeals/{id}/steps", tag = "appeals", params(("id" = Uuid, Path)), request_body = StepIn,
    responses((status = 200, body = AppealOut), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody),
        (status = 409, body = ApiErrorBody, description = "Stale version (field `version`) or a step the state does not allow (field `status`)"),
        (status = 422, body = ApiErrorBody)))]
async fn take_step(v: Viewer, Path(id): Path<Uuid>, ApiJson(b): ApiJson<StepIn>) -> WebResult<Json<AppealOut>> {
    v.require()?;
    let version = b.version;
    let a = steps::act(&v.ctx, id, version, b.try_into()?).await?;
    Ok(Json(a.into()))
}

// ---- categories ----

#[utoipa::path(get, path = "/api/v1/villages/{id}/appeal-categories", tag = "appeals", params(("id" = Uuid, Path)),
    security(()),
    responses((status = 200, body = Vec<CategoryOut>), (status = 404, body = ApiErrorBody)))]
async fn village_categories(v: Viewer, Path(id): Path<Uuid>) -> WebResult<Json<Vec<CategoryOut>>> {
    let cats = setup::categories_for_village(&v.ctx, id).await.map_err(|e| match e {
        // A path naming no village is a missing resource.
        AppError::Invalid { .. } => AppError::NotFound,
        e => e,
    })?;
    let locale = v.ctx.locale;
    Ok(Json(
        cats.into_iter()
            .map(|k| {
                let mut defs: Vec<AttributeDef> = serde_json::from_str(&k.attributes).unwrap_or_default();
                defs.sort_by_key(|d| d.order);
                CategoryOut {
                    name: if locale == Locale::EnUs { k.name_en.clone() } else { k.name_zh.clone() },
                    code: k.code,
                    name_zh: k.name_zh,
                    name_en: k.name_en,
                    group: k.group_name,
                    description: k.description,
                    keywords: k.keywords,
                    sla: k.sla,
                    attributes: defs.into_iter().map(|d| attribute_out(d, locale)).collect(),
                }
            })
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_from_json() {
        assert_eq!(attribute_values(&serde_json::json!("yes")), Some(vec!["yes".to_owned()]));
        assert_eq!(attribute_values(&serde_json::json!(3)), Some(vec!["3".to_owned()]));
        assert_eq!(attribute_values(&serde_json::json!(["a", "b"])), Some(vec!["a".to_owned(), "b".to_owned()]));
        assert_eq!(attribute_values(&serde_json::json!({"x": 1})), None);
        assert_eq!(attribute_values(&serde_json::json!([["nested"]])), None);
    }

    #[test]
    fn only_staff_channels() {
        assert_eq!(api_channel(None).ok(), Some(Channel::Api));
        assert_eq!(api_channel(Some("walk_in")).ok(), Some(Channel::WalkIn));
        assert!(api_channel(Some("web")).is_err());
        assert!(api_channel(Some("open311")).is_err());
    }

    #[test]
    fn the_written_queue_page_is_the_documented_one() {
        let at = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let row = QueueRow {
            id: Uuid::from_u128(7),
            code: "A1B2C3D4".into(),
            category: "饮水".into(),
            service_code: "water".into(),
            status: "accepted".into(),
            level: "village".into(),
            summary: "三组停水".into(),
            village: "石门村".into(),
            org: "中共石门村支部委员会".into(),
            handler: Some("赵小军".into()),
            requester: Some("孙*兰".into()),
            phone: None,
            channel: "web".into(),
            supporters: 2,
            due_at: at,
            overdue: true,
            created_at: at - chrono::Duration::days(3),
            updated_at: at - chrono::Duration::days(1),
            version: 4,
        };
        let items = serde_json::to_string(std::slice::from_ref(&row)).unwrap();
        let org = Some(Uuid::from_u128(5));
        for (queue, org, next) in [("org", org, Some(Uuid::from_u128(9))), ("mine", None, None), ("escalated", org, None)] {
            let written: serde_json::Value = serde_json::from_str(&queue_page_json(queue, org, &items, next)).expect("JSON");
            let documented = QueuePageOut { queue: queue.into(), org, items: vec![QueueRowOut::from(row.clone())], next };
            assert_eq!(written, serde_json::to_value(documented).unwrap());
        }
    }

    #[test]
    fn openapi_lists_the_appeal_routes() {
        let (_, doc) = super::super::api();
        let json = serde_json::to_value(&doc).unwrap();
        for p in ["/api/v1/appeals", "/api/v1/appeals/{id}", "/api/v1/appeals/{id}/steps", "/api/v1/villages/{id}/appeal-categories"] {
            assert!(json["paths"].get(p).is_some(), "{p} missing");
        }
    }
}
