//! A readable API reference at `/api/docs`, rendered on the server from the OpenAPI document, so it
//! works offline and without JavaScript (hosted viewers load their scripts from a CDN).

use askama::Template;
use axum::response::Response;
use serde_json::Value;

use crate::{
    Viewer,
    shell::{self, Base},
};

pub struct Operation {
    pub method: String,
    pub path: String,
    pub summary: String,
    pub tag: String,
    pub params: Vec<(String, String, bool, String)>,
    pub body: String,
    pub responses: Vec<(String, String, String)>,
}

pub struct Schema {
    pub name: String,
    pub description: String,
    pub fields: Vec<(String, String, bool, String)>,
}

#[derive(Template)]
#[template(path = "api_docs.html")]
struct DocsPage {
    b: Base,
    ops: Vec<Operation>,
    schemas: Vec<Schema>,
}

fn ref_name(v: &Value) -> String {
    if let Some(r) = v.get("$ref").and_then(Value::as_str) {
        return r.rsplit('/').next().unwrap_or(r).to_owned();
    }
    match v.get("type") {
        Some(Value::String(t)) if t == "array" => format!("[{}]", v.get("items").map(ref_name).unwrap_or_default()),
        Some(Value::String(t)) => v.get("format").and_then(Value::as_str).map(|f| format!("{t} ({f})")).unwrap_or_else(|| t.clone()),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" | "),
        _ => v
            .get("oneOf")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(ref_name).filter(|s| s != "null").collect::<Vec<_>>().join(" | "))
            .unwrap_or_default(),
    }
}

fn text(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or("").to_owned()
}

pub fn page(v: &Viewer, doc: &utoipa::openapi::OpenApi) -> Response {
    let json = serde_json::to_value(doc).unwrap_or_default();
    let mut ops = Vec::new();
    if let Some(paths) = json.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            for method in ["get", "post", "put", "patch", "delete"] {
                let Some(op) = item.get(method) else { continue };
                let params = op
                    .get("parameters")
                    .and_then(Value::as_array)
                    .map(|ps| {
                        ps.iter()
                            .map(|p| {
                                (
                                    format!("{} ({})", text(p, "name"), text(p, "in")),
                                    p.get("schema").map(ref_name).unwrap_or_default(),
                                    p.get("required").and_then(Value::as_bool).unwrap_or(false),
                                    text(p, "description"),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let body = op.pointer("/requestBody/content/application~1json/schema").map(ref_name).unwrap_or_default();
                let responses = op
                    .get("responses")
                    .and_then(Value::as_object)
                    .map(|rs| {
                        rs.iter()
                            .map(|(code, r)| {
                                (
                                    code.clone(),
                                    text(r, "description"),
                                    r.pointer("/content/application~1json/schema").map(ref_name).unwrap_or_default(),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                ops.push(Operation {
                    method: method.to_uppercase(),
                    path: path.clone(),
                    summary: [text(op, "summary"), text(op, "description")]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" — "),
                    tag: op.get("tags").and_then(|t| t.get(0)).and_then(Value::as_str).unwrap_or("").to_owned(),
                    params,
                    body,
                    responses,
                });
            }
        }
    }
    ops.sort_by(|a, b| (&a.tag, &a.path).cmp(&(&b.tag, &b.path)));
    let mut schemas = Vec::new();
    if let Some(all) = json.pointer("/components/schemas").and_then(Value::as_object) {
        for (name, s) in all {
            let required: Vec<&str> =
                s.get("required").and_then(Value::as_array).map(|r| r.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            let fields = s
                .get("properties")
                .and_then(Value::as_object)
                .map(|props| {
                    props.iter().map(|(f, p)| (f.clone(), ref_name(p), required.contains(&f.as_str()), text(p, "description"))).collect()
                })
                .unwrap_or_default();
            schemas.push(Schema { name: name.clone(), description: text(s, "description"), fields });
        }
    }
    page_of(v, ops, schemas)
}

fn page_of(v: &Viewer, ops: Vec<Operation>, schemas: Vec<Schema>) -> Response {
    shell::page(&DocsPage { b: Base::new(v, "page-api-docs", "/api/docs"), ops, schemas })
}
