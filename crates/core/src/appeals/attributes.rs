//! Extra fields of a category (Open311 service definitions): typed attributes a villager fills
//! in, checked here so every channel accepts the same values.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One allowed value of a list attribute.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeValue {
    pub key: String,
    /// The answer's words (in Chinese; `name_en` in English, when given).
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_en: String,
}

impl AttributeValue {
    /// The answer's words in English when asked for and given, else in Chinese.
    pub fn name_in(&self, english: bool) -> &str {
        if english && !self.name_en.is_empty() { &self.name_en } else { &self.name }
    }
}

/// An attribute as Open311 describes it (`datatype` ∈ string, number, datetime, text,
/// singlevaluelist, multivaluelist).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeDef {
    pub code: String,
    pub datatype: String,
    pub required: bool,
    /// The question asked (in Chinese; `description_en` in English).
    pub description: String,
    #[serde(default)]
    pub description_en: String,
    #[serde(default)]
    pub order: u32,
    #[serde(default)]
    pub values: Vec<AttributeValue>,
}

pub const DATATYPES: [&str; 6] = ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"];

/// Why given attribute values were refused, with the attribute's code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AttributeError {
    #[error("attribute {0} is required")]
    Missing(String),
    #[error("attribute {0} is unknown")]
    Unknown(String),
    #[error("attribute {0} has an invalid value")]
    Invalid(String),
}

/// Checks values given as lists of strings (a multivaluelist may have several) against the
/// definitions, and returns them normalized: one string per attribute, multivalues joined by ",".
/// Refused with the first problem; [`check_all`] names every one.
pub fn check(defs: &[AttributeDef], given: &BTreeMap<String, Vec<String>>) -> Result<BTreeMap<String, String>, AttributeError> {
    check_all(defs, given).map_err(|mut problems| problems.remove(0))
}

/// Like [`check`], refused with every problem found (unknown codes first, then each question in
/// the order of the definitions), so a form can name every question at fault at once.
pub fn check_all(defs: &[AttributeDef], given: &BTreeMap<String, Vec<String>>) -> Result<BTreeMap<String, String>, Vec<AttributeError>> {
    let mut out = BTreeMap::new();
    let mut problems: Vec<AttributeError> =
        given.keys().filter(|code| !defs.iter().any(|d| &d.code == *code)).map(|code| AttributeError::Unknown(code.clone())).collect();
    for d in defs {
        let values: Vec<&str> = given.get(&d.code).into_iter().flatten().map(|v| v.trim()).filter(|v| !v.is_empty()).collect();
        match check_one(d, &values) {
            Ok(Some(v)) => {
                out.insert(d.code.clone(), v);
            }
            Ok(None) => {}
            Err(e) => problems.push(e),
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// One question's answer, normalized (`None`: left out, and it may be).
fn check_one(d: &AttributeDef, values: &[&str]) -> Result<Option<String>, AttributeError> {
    if values.is_empty() {
        return if d.required { Err(AttributeError::Missing(d.code.clone())) } else { Ok(None) };
    }
    let bad = || AttributeError::Invalid(d.code.clone());
    let one = || if values.len() == 1 { Ok(values[0]) } else { Err(bad()) };
    let v = match d.datatype.as_str() {
        "number" => {
            let v = one()?;
            v.parse::<f64>().ok().filter(|n| n.is_finite()).ok_or_else(bad)?;
            v.to_owned()
        }
        "datetime" => {
            let v = one()?;
            chrono::DateTime::parse_from_rfc3339(v).map_err(|_| bad())?;
            v.to_owned()
        }
        "string" | "text" => {
            let v = one()?;
            let max = if d.datatype == "string" { 200 } else { 2000 };
            if v.chars().count() > max {
                return Err(bad());
            }
            v.to_owned()
        }
        "singlevaluelist" => {
            let v = one()?;
            if !d.values.iter().any(|x| x.key == v) {
                return Err(bad());
            }
            v.to_owned()
        }
        "multivaluelist" => {
            if values.iter().any(|v| !d.values.iter().any(|x| x.key == *v)) {
                return Err(bad());
            }
            values.join(",")
        }
        _ => return Err(bad()),
    };
    Ok(Some(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defs() -> Vec<AttributeDef> {
        let v = |k: &str| AttributeValue { key: k.into(), name: k.into(), name_en: String::new() };
        vec![
            AttributeDef {
                code: "size".into(),
                datatype: "singlevaluelist".into(),
                required: true,
                description: "规模".into(),
                description_en: "Size".into(),
                order: 1,
                values: vec![v("small"), v("large")],
            },
            AttributeDef {
                code: "count".into(),
                datatype: "number".into(),
                required: false,
                description: "户数".into(),
                description_en: String::new(),
                order: 2,
                values: vec![],
            },
            AttributeDef {
                code: "kinds".into(),
                datatype: "multivaluelist".into(),
                required: false,
                description: "类型".into(),
                description_en: String::new(),
                order: 3,
                values: vec![v("a"), v("b")],
            },
        ]
    }

    fn given(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), v.iter().map(|s| (*s).to_owned()).collect())).collect()
    }

    #[test]
    fn required_known_and_typed() {
        assert_eq!(check(&defs(), &given(&[])), Err(AttributeError::Missing("size".into())));
        assert_eq!(check(&defs(), &given(&[("size", &["  "])])), Err(AttributeError::Missing("size".into())));
        assert_eq!(check(&defs(), &given(&[("size", &["huge"])])), Err(AttributeError::Invalid("size".into())));
        assert_eq!(check(&defs(), &given(&[("size", &["small"]), ("x", &["1"])])), Err(AttributeError::Unknown("x".into())));
        assert_eq!(check(&defs(), &given(&[("size", &["small"]), ("count", &["many"])])), Err(AttributeError::Invalid("count".into())));
        let ok = check(&defs(), &given(&[("size", &["large"]), ("count", &["3"]), ("kinds", &["a", "b"])])).unwrap();
        assert_eq!(ok.get("kinds").map(String::as_str), Some("a,b"));
        assert_eq!(ok.get("count").map(String::as_str), Some("3"));
        assert_eq!(check(&defs(), &given(&[("size", &["small"]), ("kinds", &["a", "z"])])), Err(AttributeError::Invalid("kinds".into())));
    }

    #[test]
    fn every_problem_is_named() {
        let all = check_all(&defs(), &given(&[("x", &["1"]), ("count", &["many"]), ("kinds", &["z"])])).unwrap_err();
        assert_eq!(
            all,
            vec![
                AttributeError::Unknown("x".into()),
                AttributeError::Missing("size".into()),
                AttributeError::Invalid("count".into()),
                AttributeError::Invalid("kinds".into()),
            ]
        );
    }
}
