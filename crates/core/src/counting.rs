//! The counting convention of RULES.md, written once: "more than half" (超过半数) is strictly more
//! (`2*x > n`); "…以上 / …以下" include the boundary. Every check returns its inputs with the verdict
//! so a page can show why.

use serde::Serialize;

/// A threshold verdict together with the numbers that produced it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub passed: bool,
    pub count: u64,
    pub base: u64,
}

/// `2*count > base` — "超过半数", strictly more than half.
pub fn more_than_half(count: u64, base: u64) -> Verdict {
    Verdict { passed: 2 * count > base, count, base }
}

/// `count ≥ minimum` — "…以上", the boundary included.
pub fn at_least(count: u64, minimum: u64) -> Verdict {
    Verdict { passed: count >= minimum, count, base: minimum }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_than_half_is_strict() {
        // RULES.md counting convention: 超过半数 means 2*x > n.
        assert!(!more_than_half(20, 40).passed);
        assert!(more_than_half(21, 40).passed);
        assert!(more_than_half(3, 5).passed);
        assert!(!more_than_half(0, 0).passed);
    }

    #[test]
    fn at_least_includes_the_boundary() {
        assert!(at_least(3, 3).passed);
        assert!(!at_least(2, 3).passed);
    }
}
