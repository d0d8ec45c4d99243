//! The candidate list in stroke order of the surname (选举条例: "候选人名单以姓氏笔画为序").
//!
//! Stroke counts are Unihan's `kTotalStrokes` (the mainland G-source count) for the unified
//! ideographs U+4E00–U+9FFF, one byte each in `strokes.bin`, taken from the Unihan-derived table
//! of the `strokes` package (PyPI, 0.0.1). Names are compared character by character, the
//! surname first: fewer strokes first, then the next character. The first-stroke rule that
//! printed lists use between characters of equal count (横竖撇点折) is not in Unihan; equal counts
//! fall back to the character's code, so the order is fixed and the same everywhere.

use std::cmp::Ordering;

static TABLE: &[u8; 0xA000 - 0x4E00] = include_bytes!("strokes.bin");

/// Surnames whose count in the table is not the mainland one (Unihan lists another source's
/// count first for them), as 通用规范汉字表 counts them.
const MAINLAND: &[(char, u8)] = &[('范', 8)];

/// The strokes of one character; `None` outside the unified ideographs (Latin letters, digits).
pub fn strokes(c: char) -> Option<u8> {
    if let Some((_, n)) = MAINLAND.iter().find(|(m, _)| *m == c) {
        return Some(*n);
    }
    let cp = c as u32;
    (0x4E00..0xA000).contains(&cp).then(|| TABLE[(cp - 0x4E00) as usize])
}

/// The strokes of each character of a name, the surname first.
pub fn stroke_key(name: &str) -> Vec<(u8, u32)> {
    name.trim().chars().map(|c| (strokes(c).unwrap_or(u8::MAX), c as u32)).collect()
}

/// Orders two names as the ballot lists them.
pub fn by_strokes(a: &str, b: &str) -> Ordering {
    stroke_key(a).cmp(&stroke_key(b))
}

/// Sorts names into the ballot's order.
pub fn sort_by_strokes(names: &mut [String]) {
    names.sort_by(|a, b| by_strokes(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_common_surnames() {
        for (c, n) in [
            ('丁', 2),
            ('王', 4),
            ('石', 5),
            ('刘', 6),
            ('李', 7),
            ('张', 7),
            ('赵', 9),
            ('徐', 10),
            ('黄', 11),
            ('戴', 17),
            ('范', 8),
            ('冯', 5),
            ('华', 6),
        ] {
            assert_eq!(strokes(c), Some(n), "{c}");
        }
        assert_eq!(strokes('a'), None);
    }

    #[test]
    fn surname_strokes_first_then_the_given_name() {
        let mut names: Vec<String> = ["黄小明", "王芳", "丁一", "李四", "李二", "张伟", "Smith"].map(String::from).into();
        sort_by_strokes(&mut names);
        // 丁2 王4, then 张 and 李 at 7 by their codes (张 U+5F20 first), 李二 before 李四 (二 2,
        // 四 5), 黄11, and a name outside the table last.
        assert_eq!(names, ["丁一", "王芳", "张伟", "李二", "李四", "黄小明", "Smith"]);
    }
}
