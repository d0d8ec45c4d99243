//! Personal numbers that villagers type into free text (a need's description, an address, a
//! reply): found and masked before the text is shown to the public, the same way the product
//! masks the numbers it stores ([`super::mask_phone`], [`super::mask_id`]).

use std::borrow::Cow;

use super::{is_mobile_number, split_landline};

/// Masks the personal numbers in free text, keeping everything else as typed:
///
/// - mainland mobiles (`1[3-9]` and nine digits, also written `138 1234 5678`, `138-1234-5678`,
///   `+86 138…`, `0086…`) keep their first three and last four digits: `138****5678`;
/// - landlines with their area code (`0731-8888888`) keep the area code and the last two digits;
/// - identity numbers (18 characters, the last may be `X`) keep their first and last four:
///   `1101**********1234`;
/// - card-like numbers (16 digits or more, also in groups separated by spaces or dashes) keep
///   their first and last four.
///
/// Separators stay where they were, so `6222 0202 0000 1234` becomes `6222 **** **** 1234`.
/// Ordinary short numbers (`3组`, `2026年12月`, `500元`, a date `2026-12-01`) are left alone. Full-width
/// digits (`１３８…`) count as digits. Text with nothing to mask is returned as it was, unallocated.
pub fn mask_personal(s: &str) -> Cow<'_, str> {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Option<Vec<char>> = None;
    let mut i = 0;
    while i < chars.len() {
        if digit(chars[i]).is_none() {
            i += 1;
            continue;
        }
        let groups = run_at(&chars, i);
        let end = groups.last().map_or(i + 1, |g| g.1);
        mask_run(&chars, &groups, &mut out);
        i = end;
    }
    match out {
        Some(v) => Cow::Owned(v.into_iter().collect()),
        None => Cow::Borrowed(s),
    }
}

/// The value of an ASCII or full-width digit.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A character that may separate groups of one number: a space or a dash (half or full width).
fn separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '\u{3000}' | '\u{FF0D}')
}

/// The groups of digits starting at `start`, as `[from, to)` character ranges, joined by single
/// separators.
fn run_at(chars: &[char], start: usize) -> Vec<(usize, usize)> {
    let mut groups = Vec::new();
    let mut i = start;
    loop {
        let from = i;
        while i < chars.len() && digit(chars[i]).is_some() {
            i += 1;
        }
        groups.push((from, i));
        if i + 1 < chars.len() && separator(chars[i]) && digit(chars[i + 1]).is_some() {
            i += 1;
        } else {
            return groups;
        }
    }
}

/// Within one run of groups, masks the longest span of consecutive groups that reads as a personal
/// number, from left to right.
fn mask_run(chars: &[char], groups: &[(usize, usize)], out: &mut Option<Vec<char>>) {
    let mut a = 0;
    while a < groups.len() {
        let found = (a..groups.len()).rev().find_map(|b| {
            let digits: String =
                groups[a..=b].iter().flat_map(|g| &chars[g.0..g.1]).filter_map(|c| digit(*c)).map(|d| char::from(b'0' + d as u8)).collect();
            let x = chars.get(groups[b].1).is_some_and(|c| matches!(c, 'X' | 'x' | 'Ｘ'));
            classify(&digits, x).map(|(head, tail, with_x)| (b, head, tail, with_x))
        });
        let Some((b, head, tail, with_x)) = found else {
            a += 1;
            continue;
        };
        let mut positions: Vec<usize> = groups[a..=b].iter().flat_map(|g| g.0..g.1).filter(|p| digit(chars[*p]).is_some()).collect();
        if with_x {
            positions.push(groups[b].1);
        }
        let n = positions.len();
        let buf = out.get_or_insert_with(|| chars.to_vec());
        for (k, p) in positions.into_iter().enumerate() {
            if k >= head && k + tail < n {
                buf[p] = '*';
            }
        }
        a = b + 1;
    }
}

/// Whether all-digit text (followed by an `X` when `x`) is a personal number, and if so how many
/// characters to keep at each end and whether the `X` belongs to it.
fn classify(d: &str, x: bool) -> Option<(usize, usize, bool)> {
    let n = d.len();
    if x && n == 17 {
        return Some((4, 4, true));
    }
    if is_mobile_number(d) {
        return Some((3, 4, false));
    }
    for prefix in ["86", "0086"] {
        if d.strip_prefix(prefix).is_some_and(is_mobile_number) {
            return Some((prefix.len() + 3, 4, false));
        }
    }
    if let Some((area, _)) = split_landline(d) {
        return Some((area.len(), 2, false));
    }
    (n >= 16).then_some((4, 4, false))
}

#[cfg(test)]
mod tests {
    use super::mask_personal;

    fn m(s: &str) -> String {
        mask_personal(s).into_owned()
    }

    #[test]
    fn masks_mobiles_however_written() {
        assert_eq!(m("电话13812345678，谢谢"), "电话138****5678，谢谢");
        assert_eq!(m("打 138 1234 5678 找我"), "打 138 **** 5678 找我");
        assert_eq!(m("138-1234-5678"), "138-****-5678");
        assert_eq!(m("+86 138 1234 5678"), "+86 138 **** 5678");
        assert_eq!(m("+8613812345678"), "+86138****5678");
        assert_eq!(m("008613812345678"), "0086138****5678");
        assert_eq!(m("１３８１２３４５６７８"), "１３８****５６７８");
        // A number written right after the phone is not taken for part of it.
        assert_eq!(m("13812345678 3"), "138****5678 3");
    }

    #[test]
    fn masks_landlines_with_their_area_code() {
        assert_eq!(m("座机0731-8888888"), "座机0731-*****88");
        assert_eq!(m("010-12345678"), "010-******78");
    }

    #[test]
    fn masks_identity_numbers_like_stored_ones() {
        assert_eq!(m("身份证110105194912311234。"), "身份证1101**********1234。");
        assert_eq!(m("11010519491231002X"), "1101**********002X");
        assert_eq!(m("11010519491231002x"), "1101**********002x");
        assert_eq!(m("110105 19491231 1234"), "1101** ******** 1234");
        assert_eq!(mask_personal("110105194912311234"), crate::people::mask_id("110105194912311234"));
    }

    #[test]
    fn masks_card_numbers() {
        assert_eq!(m("卡号6222020200001234567"), "卡号6222***********4567");
        assert_eq!(m("6222 0202 0000 1234"), "6222 **** **** 1234");
        assert_eq!(m("6222-0202-0000-1234-567"), "6222-****-****-***4-567");
    }

    #[test]
    fn leaves_ordinary_numbers_alone() {
        for s in [
            "3组",
            "2026年12月",
            "500元",
            "2026-12-01 路灯坏了",
            "第3组12户，共45人",
            "补贴 1200 元，2 次",
            "门牌 88 号",
            "12345678",
            "123456789012345",
            "",
            "没有数字",
        ] {
            assert!(matches!(mask_personal(s), std::borrow::Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn masks_several_in_one_text() {
        assert_eq!(
            m("我叫老王，电话13812345678，身份证11010519491231002X，卡6222020200001234"),
            "我叫老王，电话138****5678，身份证1101**********002X，卡6222********1234"
        );
    }
}
