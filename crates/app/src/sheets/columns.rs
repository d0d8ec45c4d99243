//! Finding the columns a caller expects among a file's headers.

use super::*;

/// A column the caller expects, under any of its header names (first one: how it is shown when missing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub headers: &'static [&'static str],
    pub required: bool,
}

/// Where each expected column is in a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap {
    found: Vec<FoundColumn>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct FoundColumn {
    key: &'static str,
    index: usize,
    header: String,
}

impl ColumnMap {
    /// The cell of `key` in `row`; `""` when the column or the cell is absent.
    pub fn get<'a>(&self, row: &'a SheetRow, key: &str) -> &'a str {
        self.index(key).and_then(|i| row.cells.get(i)).map_or("", String::as_str)
    }

    /// Whether the file has the column.
    pub fn has(&self, key: &str) -> bool {
        self.index(key).is_some()
    }

    /// The header text the file uses for the column.
    pub fn header(&self, key: &str) -> Option<&str> {
        self.found.iter().find(|f| f.key == key).map(|f| f.header.as_str())
    }

    /// The 0-based position of the column in the file.
    pub fn index(&self, key: &str) -> Option<usize> {
        self.found.iter().find(|f| f.key == key).map(|f| f.index)
    }
}

/// Finds the expected columns among a file's headers, ignoring case, spacing, full-width letters and
/// "required" markers. Unknown columns are ignored; an expected column found twice (under the same or two
/// different names) is [`SheetError::DuplicateColumn`] with the file's names joined by `、`; missing required
/// columns are [`SheetError::MissingColumns`] under their first header name.
pub fn map_columns(headers: &[String], columns: &[Column]) -> Result<ColumnMap, SheetError> {
    let wanted: Vec<(&Column, Vec<String>)> =
        columns.iter().map(|c| (c, c.headers.iter().chain([&c.key]).map(|h| match_key(h)).collect())).collect();
    let mut found: Vec<FoundColumn> = Vec::new();
    for (index, header) in headers.iter().enumerate() {
        let key = match_key(header);
        if key.is_empty() {
            continue;
        }
        let Some((column, _)) = wanted.iter().find(|(_, names)| names.contains(&key)) else { continue };
        let header = normalize_header(header);
        if let Some(first) = found.iter().find(|f| f.key == column.key) {
            let names = if first.header == header { header } else { format!("{}、{header}", first.header) };
            return Err(SheetError::DuplicateColumn(names));
        }
        found.push(FoundColumn { key: column.key, index, header });
    }
    let missing: Vec<String> = columns
        .iter()
        .filter(|c| c.required && !found.iter().any(|f| f.key == c.key))
        .map(|c| c.headers.first().copied().unwrap_or(c.key).to_owned())
        .collect();
    if !missing.is_empty() {
        return Err(SheetError::MissingColumns(missing));
    }
    Ok(ColumnMap { found })
}

/// Header text without line breaks, full-width or invisible spaces and "required"/"optional" markers.
pub(super) fn normalize_header(raw: &str) -> String {
    const SUFFIXES: &[&str] = &["*", "＊", "（必填）", "(必填)", "（选填）", "(选填)"];
    const PREFIXES: &[&str] = &["*", "＊"];
    let text: String = raw.chars().filter(|c| !matches!(c, '\u{3000}' | '\r' | '\n') && !is_invisible(*c)).collect();
    let mut t = clean(&text);
    loop {
        let before = t;
        for m in SUFFIXES {
            t = t.strip_suffix(m).map_or(t, clean);
        }
        for m in PREFIXES {
            t = t.strip_prefix(m).map_or(t, clean);
        }
        if t == before {
            return t.to_owned();
        }
    }
}

/// What two headers must share to name the same column.
pub(super) fn match_key(header: &str) -> String {
    normalize_header(header)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            // Full-width ASCII (（, ）, Ａ...) to ASCII.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}
