//! Passwords seen in breaches: a list of 474 743 shipped in the binary (gzip, about 2 MB; source
//! and license in `crates/core/lists/breached-passwords.md`), decompressed once on first use and
//! searched by binary search.

use std::{io::Read, sync::LazyLock};

/// Lowercased, 8 to 128 characters, sorted by bytes, one a line.
static GZIPPED: &[u8] = include_bytes!("../../lists/breached-passwords.txt.gz");

/// Common in China and absent from the shipped list.
const ALSO: &[&str] = &["5201314520", "admin888"];

static TEXT: LazyLock<String> = LazyLock::new(|| {
    let mut text = String::new();
    // The list is part of the binary and decodes in a test; should it ever fail, the rest of the
    // password rules still apply.
    if flate2::read::GzDecoder::new(GZIPPED).read_to_string(&mut text).is_err() {
        text.clear();
    }
    text
});

static LIST: LazyLock<Vec<&'static str>> = LazyLock::new(|| TEXT.lines().collect());

/// Whether the password (already lowercased) was seen in a breach.
pub fn is_breached(lower: &str) -> bool {
    ALSO.contains(&lower) || LIST.binary_search(&lower).is_ok()
}

/// How many passwords the shipped list holds.
pub fn breached_count() -> usize {
    LIST.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_large_sorted_and_lowercase() {
        assert!(breached_count() >= 100_000, "{}", breached_count());
        assert_eq!(breached_count(), 474_743);
        assert!(LIST.windows(2).all(|w| w[0] < w[1]), "sorted without duplicates");
        assert!(LIST.iter().all(|p| p.chars().count() >= 8 && *p == p.to_lowercase()));
    }

    #[test]
    fn finds_what_it_holds() {
        for p in ["password123", "a123456789", "123456789a", "12345678", "woaini1314", "admin888"] {
            assert!(is_breached(p), "{p}");
        }
        assert!(!is_breached("ve7-q2p-gl9-bx4-hours"));
    }
}
