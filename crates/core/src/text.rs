//! Text the rules share: enums stored as text ([`text_enum!`]), and free text as people type it,
//! trimmed and checked ([`clean`]).

/// Declares an enum stored as TEXT, with its stored words, `parse`, `ALL` and `Display`.
macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, PartialOrd, Ord)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The text stored in the database and used in URLs and JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use text_enum;

/// Why a piece of free text was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextError {
    Required,
    TooLong,
    /// Control characters (a NUL, a line feed in a one-line field…).
    ControlChars,
    /// Invisible or direction-changing characters (U+200B, U+202E, U+2066…), which make text
    /// read differently from what it holds.
    Invisible,
}

impl TextError {
    /// The i18n key of the message.
    pub fn key(self) -> &'static str {
        match self {
            TextError::Required => "error-required",
            TextError::TooLong => "error-too-long",
            TextError::ControlChars => "error-control-chars",
            TextError::Invisible => "error-invisible-chars",
        }
    }
}

/// Trims `s`, puts it in Unicode's composed form (NFC, so the same name typed on two phones is
/// stored the same) and checks it: at most `max` characters, no control characters, no invisible
/// or direction-changing ones; empty is `None`, or refused when `required`. The zero-width joiner
/// stays allowed here (emoji are built with it); names refuse it too ([`name`]).
pub fn clean(s: &str, max: usize, required: bool) -> Result<Option<String>, TextError> {
    use unicode_normalization::UnicodeNormalization;
    let s = s.trim();
    if s.is_empty() {
        return if required { Err(TextError::Required) } else { Ok(None) };
    }
    if s.chars().any(char::is_control) {
        return Err(TextError::ControlChars);
    }
    if s.chars().any(|c| invisible(c) && c != '\u{200D}') {
        return Err(TextError::Invisible);
    }
    let s: String = s.nfc().collect();
    if s.chars().count() > max {
        return Err(TextError::TooLong);
    }
    Ok(Some(s))
}

/// A person's, place's or organization's name, or a title: [`clean`], and no zero-width joiner.
/// Like [`clean`], for text written in paragraphs (an agenda, minutes): line breaks are kept
/// (`\r\n` becomes `\n`), white space at line ends and blank lines at either end are dropped.
pub fn paragraphs(s: &str, max: usize, required: bool) -> Result<Option<String>, TextError> {
    let lines: Vec<&str> = s.split('\n').map(|l| l.trim_end_matches('\r').trim_end()).collect();
    if lines.iter().any(|l| l.chars().any(char::is_control)) {
        return Err(TextError::ControlChars);
    }
    let joined = lines.join("\n");
    let kept = joined.trim_matches('\n');
    // Each line is checked as one-line text; the breaks between them are put back.
    let mut out = Vec::new();
    for line in kept.split('\n') {
        out.push(if line.trim().is_empty() { String::new() } else { clean(line, max, false)?.unwrap_or_default() });
    }
    let text = out.join("\n");
    if text.trim().is_empty() {
        return if required { Err(TextError::Required) } else { Ok(None) };
    }
    if text.chars().count() > max {
        return Err(TextError::TooLong);
    }
    Ok(Some(text))
}

pub fn name(s: &str, max: usize, required: bool) -> Result<Option<String>, TextError> {
    if s.contains('\u{200D}') {
        return Err(TextError::Invisible);
    }
    clean(s, max, required)
}

/// Unicode's format characters (general category Cf) that can hide in text: soft hyphen, Arabic
/// letter mark, zero-width space and joiners, direction marks, embeddings, overrides and isolates,
/// invisible operators, the byte-order mark, interlinear annotation and tag characters.
pub fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0001}' | '\u{E0020}'..='\u{E007F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_keep_their_breaks() {
        assert_eq!(paragraphs("一、学习\r\n二、表决  \n\n", 100, true), Ok(Some("一、学习\n二、表决".into())));
        assert_eq!(paragraphs("\n\n", 100, true), Err(TextError::Required));
        assert_eq!(paragraphs("a\u{0}b", 100, true), Err(TextError::ControlChars));
        assert_eq!(paragraphs("a\n\u{202E}b", 100, true), Err(TextError::Invisible));
        assert_eq!(paragraphs("ab\ncd", 4, true), Err(TextError::TooLong));
    }

    #[test]
    fn free_text_is_trimmed_and_checked() {
        assert_eq!(clean("  石门村 ", 3, true), Ok(Some("石门村".into())));
        assert_eq!(clean("   ", 3, false), Ok(None));
        assert_eq!(clean("", 3, true), Err(TextError::Required));
        assert_eq!(clean("四个汉字", 3, true), Err(TextError::TooLong), "characters are counted, not bytes");
        assert_eq!(clean("a\u{0}b", 10, true), Err(TextError::ControlChars));
    }

    #[test]
    fn invisible_and_direction_characters_are_refused_and_text_is_composed() {
        for bad in ["张\u{200B}三", "abc\u{202E}fed", "x\u{2066}y\u{2069}", "\u{FEFF}石门村"] {
            assert_eq!(clean(bad, 20, true), Err(TextError::Invisible), "{bad:?}");
            assert_eq!(name(bad, 20, true), Err(TextError::Invisible), "{bad:?}");
        }
        // "é" typed as e + combining accent is stored as the one composed character.
        assert_eq!(clean("Jose\u{301}", 10, true), Ok(Some("Jos\u{e9}".into())));
        // Emoji sequences keep their joiner in free text; a name may not hold one.
        assert_eq!(clean("👨\u{200D}👩", 10, true), Ok(Some("👨\u{200D}👩".into())));
        assert_eq!(name("张\u{200D}三", 10, true), Err(TextError::Invisible));
        assert_eq!(name("欧阳 明", 10, true), Ok(Some("欧阳 明".into())));
    }
}
