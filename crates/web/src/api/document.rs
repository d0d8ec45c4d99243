//! What the generated OpenAPI document cannot learn from the handlers' types, added once for every
//! operation: the error answers any of them can give, which characters free text may hold, and
//! the closed lists of values that fields take. The contract test (schemathesis, in the test
//! suite) holds the document and the handlers to each other.

use lianxin_app::{appeals::queues::Queue, people::persons::Sensitive};
use lianxin_core::{
    appeals::{Channel, Status},
    enterprises::SERVICE_KINDS,
    orgs::{OrgBasis, OrgKind},
    people::{BodyKind, Education, Gender, MemberStatus, Occupation, PostKind},
};
use serde_json::{Map, Value, json};

use super::{
    appeals::API_CHANNELS,
    people::member::ROSTER_FLAGS,
    team::{PERIOD_PATTERN, YEARS},
};

/// The closed lists, by where they are sent: a request body's schema (or `query` for a query
/// parameter) and the field. Optional ones may also be sent empty, meaning "none".
fn choices(schema: &str, field: &str) -> Option<(Vec<&'static str>, bool)> {
    fn all<T: Copy>(list: &[T], name: fn(T) -> &'static str) -> Vec<&'static str> {
        list.iter().map(|v| name(*v)).collect()
    }
    let with = |mut v: Vec<&'static str>, more: &[&'static str]| {
        v.extend_from_slice(more);
        v
    };
    Some(match (schema, field) {
        ("query-appeals", "queue") => (all(&Queue::ALL, Queue::as_str), true),
        ("query-appeals", "status") => (with(all(Status::ALL, Status::as_str), &["active"]), true),
        ("query-members", "status") => (with(all(MemberStatus::ALL, MemberStatus::as_str), &["current", "all"]), true),
        ("query-members", "flag") => (ROSTER_FLAGS.to_vec(), true),
        ("AppealIn", "channel") => (all(&API_CHANNELS, Channel::as_str), true),
        ("StepIn", "step") => (vec!["accept", "start", "note", "reply", "resolve", "reject", "escalate", "reassign", "cohandler"], false),
        ("OrgIn" | "OrgPatchIn", "kind") => (all(OrgKind::ALL, OrgKind::as_str), false),
        ("OrgIn", "basis") => (all(OrgBasis::ALL, OrgBasis::as_str), false),
        ("OrgPatchIn", "basis") => (all(OrgBasis::ALL, OrgBasis::as_str), true),
        ("BodyIn", "kind") => (all(BodyKind::ALL, BodyKind::as_str), false),
        ("MemberIn" | "MemberPatchIn", "status") => (all(MemberStatus::ALL, MemberStatus::as_str), false),
        ("PersonIn", "gender") => (all(Gender::ALL, Gender::as_str), true),
        ("PersonIn", "education") => (all(Education::ALL, Education::as_str), true),
        ("PersonIn", "occupation") => (all(Occupation::ALL, Occupation::as_str), true),
        ("PositionIn", "post") => (all(PostKind::ALL, PostKind::as_str), false),
        ("RevealIn", "field") => (all(&Sensitive::ALL, Sensitive::as_str), false),
        ("EnterpriseServiceIn", "kind") => (SERVICE_KINDS.to_vec(), false),
        _ => return None,
    })
}

/// White space as Rust's `str::trim` removes it (Unicode's White_Space), written for a regular
/// expression's character class.
const SPACE: &str = r"\t\n\x0B\x0C\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";
/// Control characters (Unicode's Cc) and the invisible or direction-changing characters that
/// `lianxin_core::text::clean` refuses, but for the zero-width joiner (emoji need it).
const REFUSED: &str =
    r"\x00-\x1F\x7F-\x9F\xAD\u061C\u180E\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB";

/// An id in a query, or nothing.
const UUID_OR_EMPTY: &str = "^(|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$";

/// The pattern of free text as the server takes it: trimmed, then no refused character. A
/// required field needs something besides white space; a name refuses the joiner too.
fn text_pattern(required: bool, name: bool) -> String {
    let refused = if name { format!(r"{REFUSED}\u200D") } else { REFUSED.to_owned() };
    if required {
        format!("^[{SPACE}]*[^{SPACE}{refused}][^{refused}]*[{SPACE}]*$")
    } else {
        format!("^[{SPACE}]*[^{refused}]*[{SPACE}]*$")
    }
}

/// The error answers of the API, by status, with when each is given.
fn errors(has_params: bool, has_body: bool, has_path: bool) -> Vec<(&'static str, &'static str)> {
    let mut e = vec![
        ("400", "The request cannot be read: a path or query value of the wrong type, or a body that is not JSON."),
        ("401", "No valid token: sign in or send `Authorization: Bearer <token>`."),
        ("403", "The token or its account may not do this (a read-only token writing, a role without the right)."),
        ("404", "Not found, or outside the caller's scope: the object in the path, or one the query names."),
        ("429", "Too many requests from this address; wait and try again."),
    ];
    if has_path {
        e.push(("409", "The object's state does not allow this (ended, merged, dissolved, already done)."));
    }
    if has_body {
        e.push(("413", "The body is larger than allowed."));
        e.push(("415", "The body is not sent as `application/json`."));
    }
    if has_body || has_params {
        e.push(("422", "A value is refused; `error.field` names it and `error.message` says why."));
    }
    e
}

/// Adds to `doc` (the document as JSON) what every operation shares.
pub fn complete(doc: &mut Value) {
    let error_body = json!({ "application/json": { "schema": { "$ref": "#/components/schemas/ApiErrorBody" } } });
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else { continue };
            for (_, op) in item.iter_mut() {
                let Some(op) = op.as_object_mut() else { continue };
                let has_body = op.contains_key("requestBody");
                let params = op.get_mut("parameters").and_then(Value::as_array_mut);
                let has_params = params.as_ref().is_some_and(|p| p.iter().any(|p| p["in"] == "query"));
                let place = if path.starts_with("/api/v1/appeals") {
                    "query-appeals"
                } else if path == "/api/v1/people" {
                    "query-people"
                } else if path.ends_with("/members") {
                    "query-members"
                } else {
                    "query"
                };
                if let Some(params) = params {
                    for p in params.iter_mut().filter(|p| p["in"] == "query") {
                        let required = p["required"] == true;
                        let name = p["name"].as_str().unwrap_or_default().to_owned();
                        if let Some(s) = p.get_mut("schema") {
                            refine(s, place, &name, required);
                        }
                    }
                }
                let responses = op.entry("responses").or_insert_with(|| json!({}));
                let Some(responses) = responses.as_object_mut() else { continue };
                for (status, why) in errors(has_params, has_body, path.contains('{')) {
                    responses.entry(status).or_insert_with(|| json!({ "description": why, "content": error_body.clone() }));
                }
            }
        }
    }
    // Only what is sent is refined: answers carry text as it was stored, empty included.
    let sent: Vec<String> = doc["paths"]
        .as_object()
        .into_iter()
        .flat_map(|p| p.values())
        .filter_map(Value::as_object)
        .flat_map(|item| item.values())
        .filter_map(|op| op.pointer("/requestBody/content/application~1json/schema/$ref").and_then(Value::as_str))
        .filter_map(|r| r.rsplit('/').next().map(str::to_owned))
        .collect();
    if let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
        for (name, s) in schemas.iter_mut().filter(|(name, _)| sent.contains(name)) {
            object(s, name);
        }
    }
}

/// Refines the properties of an object schema (and of objects nested in it).
fn object(s: &mut Value, schema: &str) {
    let required: Vec<String> = s
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    if let Some(props) = s.get_mut("properties").and_then(Value::as_object_mut) {
        for (name, p) in props.iter_mut() {
            refine(p, schema, name, required.contains(name));
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(list) = s.get_mut(key).and_then(Value::as_array_mut) {
            list.iter_mut().for_each(|s| object(s, schema));
        }
    }
}

/// A field's schema: page sizes get their range, closed lists their values, free text its
/// pattern.
fn refine(s: &mut Value, schema: &str, name: &str, required: bool) {
    let Some(o) = s.as_object_mut() else { return };
    if is_type(o, "array")
        && let Some(items) = o.get_mut("items")
    {
        refine(items, schema, name, true);
        return;
    }
    if is_type(o, "object") {
        object(s, schema);
        return;
    }
    if let Some((values, empty)) = choices(schema, name) {
        let mut values: Vec<Value> = values.into_iter().map(Value::from).collect();
        if empty {
            values.push(Value::from(""));
        }
        if o.get("type").is_some_and(Value::is_array) {
            values.push(Value::Null);
        }
        o.insert("enum".into(), Value::Array(values));
        return;
    }
    if name == "limit" && is_type(o, "integer") {
        o.insert("minimum".into(), json!(1));
        o.insert("maximum".into(), json!(crate::api::MAX_PAGE));
        return;
    }
    // The service team's figures are for a year, or a period of one, within `team::YEARS`.
    if schema.starts_with("query") && name == "year" && is_type(o, "integer") {
        o.insert("minimum".into(), json!(YEARS.start()));
        o.insert("maximum".into(), json!(YEARS.end()));
        return;
    }
    if schema.starts_with("query") && name == "period" && is_type(o, "string") {
        o.insert("pattern".into(), Value::from(PERIOD_PATTERN));
        return;
    }
    if schema.starts_with("query") {
        // Query values sent empty (`?grid=`) count as absent, as in the pages; the searches of
        // needs and people check their text.
        if o.get("format").is_some_and(|f| f == "uuid") {
            o.remove("format");
            o.insert("pattern".into(), Value::from(UUID_OR_EMPTY));
        } else if matches!((schema, name), ("query-appeals" | "query-people", "q")) {
            o.insert("pattern".into(), Value::String(text_pattern(false, false)));
        }
        return;
    }
    if !is_type(o, "string") || ["format", "enum", "pattern", "$ref"].iter().any(|k| o.contains_key(*k)) {
        return;
    }
    let is_name = name == "name" || name.ends_with("_name") || name == "title";
    o.insert("pattern".into(), Value::String(text_pattern(required, is_name)));
}

/// `type` is the given one, alone or beside "null".
fn is_type(o: &Map<String, Value>, t: &str) -> bool {
    match o.get("type") {
        Some(Value::String(s)) => s == t,
        Some(Value::Array(a)) => a.iter().any(|v| v == t),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pattern agrees with the server's own check on text it takes and text it refuses.
    #[test]
    fn the_text_pattern_is_the_servers_check() {
        let strict = regex::Regex::new(&text_pattern(true, true)).expect("pattern");
        let free = regex::Regex::new(&text_pattern(false, false)).expect("pattern");
        for s in ["石门村", "  欧阳 明 ", "a\u{3000}b", "\n张三\t"] {
            assert!(lianxin_core::text::name(s, 100, true).is_ok() && strict.is_match(s), "{s:?} is taken");
        }
        for s in ["", "   ", "\n", "a\u{0}b", "x\u{202E}y", "a\nb", "张\u{200D}三", "\u{FEFF}石门村", "a\u{85}b"] {
            assert!(lianxin_core::text::name(s, 100, true).is_err() && !strict.is_match(s), "{s:?} is refused");
        }
        for s in ["", "  ", "👨\u{200D}👩", "路灯 <b>坏了</b>"] {
            assert!(lianxin_core::text::clean(s, 100, false).is_ok() && free.is_match(s), "{s:?} is taken");
        }
        for s in ["a\u{7}b", "x\u{2066}y", "a\u{200B}"] {
            assert!(lianxin_core::text::clean(s, 100, false).is_err() && !free.is_match(s), "{s:?} is refused");
        }
    }
}
