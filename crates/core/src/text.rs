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
}

impl TextError {
    /// The i18n key of the message.
    pub fn key(self) -> &'static str {
        match self {
            TextError::Required => "error-required",
            TextError::TooLong => "error-too-long",
            TextError::ControlChars => "error-control-chars",
        }
    }
}

/// Trims `s` and checks it: at most `max` characters, no control characters; empty is `None`,
/// or refused when `required`.
pub fn clean(s: &str, max: usize, required: bool) -> Result<Option<String>, TextError> {
    let s = s.trim();
    if s.is_empty() {
        return if required { Err(TextError::Required) } else { Ok(None) };
    }
    if s.chars().count() > max {
        return Err(TextError::TooLong);
    }
    if s.chars().any(char::is_control) {
        return Err(TextError::ControlChars);
    }
    Ok(Some(s.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_is_trimmed_and_checked() {
        assert_eq!(clean("  石门村 ", 3, true), Ok(Some("石门村".into())));
        assert_eq!(clean("   ", 3, false), Ok(None));
        assert_eq!(clean("", 3, true), Err(TextError::Required));
        assert_eq!(clean("四个汉字", 3, true), Err(TextError::TooLong), "characters are counted, not bytes");
        assert_eq!(clean("a\u{0}b", 10, true), Err(TextError::ControlChars));
    }
}
