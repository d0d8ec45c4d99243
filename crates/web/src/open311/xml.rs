//! One document tree rendered two ways: Open311's mandatory XML (written by hand, escaped) and
//! JSON with bare arrays (the "Spark convention"), so both formats always carry the same fields.

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::{Map, Value};

/// The format a resource's extension asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xml,
    Json,
}

impl Format {
    /// Splits `services.json` into `("services", Json)`; `None` for any other extension.
    pub fn split(file: &str) -> Option<(&str, Format)> {
        let (name, ext) = file.rsplit_once('.')?;
        let f = match ext {
            "xml" => Format::Xml,
            "json" => Format::Json,
            _ => return None,
        };
        (!name.is_empty()).then_some((name, f))
    }

    /// The format a path most likely wanted, for errors on paths that name no resource.
    pub fn guess(path: &str) -> Format {
        if path.ends_with(".json") { Format::Json } else { Format::Xml }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Xml => "text/xml; charset=utf-8",
            Format::Json => "application/json; charset=utf-8",
        }
    }

    pub const MIME_TYPES: [&'static str; 2] = ["text/xml", "application/json"];
}

/// A value of a document.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// Named fields, in order.
    Obj(Vec<(&'static str, Node)>),
    /// A JSON array; in XML each item is wrapped in the given element.
    List(&'static str, Vec<Node>),
    Text(String),
    Int(i64),
    Num(f64),
    Bool(bool),
    /// `null` in JSON, an empty element in XML.
    Null,
}

impl Node {
    pub fn text(s: impl Into<String>) -> Node {
        Node::Text(s.into())
    }

    pub fn opt_text(s: Option<impl Into<String>>) -> Node {
        s.map_or(Node::Null, |s| Node::Text(s.into()))
    }

    pub fn opt_num(n: Option<f64>) -> Node {
        n.map_or(Node::Null, Node::Num)
    }

    pub fn to_json(&self) -> Value {
        match self {
            Node::Obj(fields) => Value::Object(fields.iter().map(|(k, v)| ((*k).to_owned(), v.to_json())).collect::<Map<_, _>>()),
            Node::List(_, items) => Value::Array(items.iter().map(Node::to_json).collect()),
            Node::Text(s) => Value::String(s.clone()),
            Node::Int(n) => Value::from(*n),
            Node::Num(n) => serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number),
            Node::Bool(b) => Value::Bool(*b),
            Node::Null => Value::Null,
        }
    }

    /// The document as XML with `root` as its root element.
    pub fn to_xml(&self, root: &str) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        element(&mut out, root, self);
        out.push('\n');
        out
    }
}

fn element(out: &mut String, name: &str, node: &Node) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    match node {
        Node::Obj(fields) => {
            for (k, v) in fields {
                element(out, k, v);
            }
        }
        Node::List(item, items) => {
            for v in items {
                element(out, item, v);
            }
        }
        Node::Text(s) => escape_into(out, s),
        Node::Int(n) => out.push_str(&n.to_string()),
        Node::Num(n) if n.is_finite() => out.push_str(&n.to_string()),
        Node::Num(_) | Node::Null => {}
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Whether XML 1.0 allows the character at all (even escaped).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// Escapes text for an element's content; characters XML cannot carry are dropped.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

/// A response in `format`, with Open311's exact content types.
pub fn respond(format: Format, status: StatusCode, root: &str, node: &Node) -> Response {
    let body = match format {
        Format::Xml => node.to_xml(root),
        Format::Json => node.to_json().to_string(),
    };
    let mut r = (status, body).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_select_the_format() {
        assert_eq!(Format::split("services.xml"), Some(("services", Format::Xml)));
        assert_eq!(Format::split("road.json"), Some(("road", Format::Json)));
        assert_eq!(Format::split("a.b.json"), Some(("a.b", Format::Json)));
        assert_eq!(Format::split("services"), None);
        assert_eq!(Format::split("services.html"), None);
        assert_eq!(Format::split(".json"), None);
    }

    #[test]
    fn xml_is_escaped_and_lists_wrap_their_items() {
        let doc = Node::List(
            "request",
            vec![Node::Obj(vec![
                ("description", Node::text("<b>\"路灯\" & 'x'</b>\u{1}\u{FFFF}")),
                ("lat", Node::Num(30.5)),
                ("long", Node::Null),
                ("open", Node::Bool(true)),
            ])],
        );
        assert_eq!(
            doc.to_xml("service_requests"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service_requests><request><description>&lt;b&gt;&quot;路灯&quot; &amp; \
             &apos;x&apos;&lt;/b&gt;</description><lat>30.5</lat><long></long><open>true</open></request></service_requests>\n"
        );
        assert_eq!(
            doc.to_json(),
            serde_json::json!([{ "description": "<b>\"路灯\" & 'x'</b>\u{1}\u{FFFF}", "lat": 30.5, "long": null, "open": true }])
        );
    }
}
