//! Form bodies and query strings (`application/x-www-form-urlencoded`), decoded in one place with
//! repeated names kept: checkboxes repeat their name, Open311 repeats `service_code` and writes
//! `attribute[CODE][]` once per value, and extra fields of an appeal's category arrive as
//! `attr.<category>.<code>`.

use std::collections::BTreeMap;

/// The pairs of a form or query, in the order sent.
#[derive(Clone, Debug, Default)]
pub struct Pairs(Vec<(String, String)>);

impl Pairs {
    pub fn parse(bytes: &[u8]) -> Pairs {
        Pairs(form_urlencoded::parse(bytes).into_owned().collect())
    }

    /// Adds a value, as a form's default before anything is typed.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.0.push((name.to_owned(), value.into()));
    }

    /// The value as typed (the last one sent, untrimmed), or empty: what a form shows back.
    pub fn value(&self, name: &str) -> String {
        self.0.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// The first non-empty value, trimmed: an empty optional parameter is absent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.trim()).find(|v| !v.is_empty())
    }

    /// Whether the name was sent at all (a ticked checkbox, a marker field).
    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    /// Every value of a repeated name, as sent.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }

    /// A comma list, or the name repeated, or both; blanks dropped.
    pub fn list(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The pairs whose name starts with `prefix`, names whole.
    pub fn prefixed(&self, prefix: &str) -> Vec<(String, String)> {
        self.0.iter().filter(|(k, _)| k.starts_with(prefix)).cloned().collect()
    }

    /// `name[CODE]=v` and `name[CODE][]=v` repeated, by code; blank values dropped.
    pub fn bracketed(&self, name: &str) -> BTreeMap<String, Vec<String>> {
        let open = format!("{name}[");
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, v) in &self.0 {
            if let Some(rest) = k.strip_prefix(&open)
                && let Some((code, tail)) = rest.split_once(']')
                && (tail.is_empty() || tail == "[]")
                && !v.trim().is_empty()
            {
                out.entry(code.to_owned()).or_default().push(v.trim().to_owned());
            }
        }
        out
    }
}

/// One part of a multipart form: its name, the file name it was sent with (empty for a plain
/// field) and its bytes.
pub struct Part {
    pub name: String,
    pub filename: String,
    pub data: Vec<u8>,
}

/// Reads every part of a multipart form (file uploads), or answers with the status and the
/// error key to show on the form again: `error-too-large` past the route's body limit,
/// `error-bad-form` for a malformed body.
pub async fn multipart(mut form: axum::extract::Multipart) -> Result<Vec<Part>, (axum::http::StatusCode, &'static str)> {
    let refused = |status: axum::http::StatusCode| (status, if status.as_u16() == 413 { "error-too-large" } else { "error-bad-form" });
    let mut parts = Vec::new();
    while let Some(field) = form.next_field().await.map_err(|e| refused(e.status()))? {
        let name = field.name().unwrap_or("").to_owned();
        let filename = field.file_name().unwrap_or("").to_owned();
        let data = field.bytes().await.map_err(|e| refused(e.status()))?;
        parts.push(Part { name, filename, data: data.to_vec() });
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracketed_single_and_multi() {
        let p =
            Pairs::parse(b"attribute%5Bhazard%5D=yes&attribute[kinds][]=a&attribute[kinds][]=b&attribute[x]=&attribute[bad]x=1&other=2");
        let a = p.bracketed("attribute");
        assert_eq!(a.get("hazard"), Some(&vec!["yes".to_owned()]));
        assert_eq!(a.get("kinds"), Some(&vec!["a".to_owned(), "b".to_owned()]));
        assert_eq!(a.len(), 2, "{a:?}");
    }

    #[test]
    fn empty_parameters_are_absent_and_repeats_are_kept() {
        let p = Pairs::parse(b"jurisdiction_id=&service_code=road,%20water&service_code=land&status=&areas=a&areas=b&name=+x+");
        assert_eq!(p.get("jurisdiction_id"), None);
        assert!(p.has("jurisdiction_id"));
        assert_eq!(p.list("service_code"), vec!["road", "water", "land"]);
        assert!(p.list("status").is_empty());
        assert_eq!(p.all("areas"), vec!["a", "b"]);
        assert_eq!(p.value("name"), " x ", "a form gets back what was typed");
        assert_eq!(p.value("missing"), "");
        assert_eq!(p.prefixed("area").len(), 2);
    }
}
