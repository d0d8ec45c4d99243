//! Study and training (RULES.md §10): the yearly hours a member owes (32, or 56 for secretaries
//! and committee members), hours of a training against the days it ran, and the time a member
//! actually played of a course video — only what was played counts, each second once.

use chrono::NaiveDate;

/// 《中国共产党党员教育管理工作条例》第二十条: at least 32 study hours a year.
pub const REQUIRED_HOURS: u64 = 32;
/// Secretaries and committee members: at least 56 hours (全国党员教育培训工作规划).
pub const LEADER_HOURS: u64 = 56;
/// Study hours a training day can hold.
pub const HOURS_PER_DAY: u64 = 8;
/// Minutes of video that make one study hour (学时), unless the county sets otherwise.
pub const DEFAULT_MINUTES_PER_HOUR: u32 = 45;
/// Hours a party lecture attended (or brought to a member who could not come) counts for.
pub const DEFAULT_LECTURE_TENTHS: u32 = 20;
/// What one progress report may add beyond twice the time since the last one (a player at
/// double speed), so a report lost on a weak network is caught up by the next.
pub const REPORT_SLACK_MS: u64 = 30_000;

/// Tenths of a study hour as written: 125 → "12.5", 320 → "32".
pub fn hours_text(tenths: u64) -> String {
    if tenths.is_multiple_of(10) { (tenths / 10).to_string() } else { format!("{}.{}", tenths / 10, tenths % 10) }
}

/// Hours as written ("3", "2.5"): tenths, more than zero, at most one decimal.
pub fn parse_hours(raw: &str) -> Option<u64> {
    let raw = raw.trim();
    let (whole, frac) = raw.split_once('.').unwrap_or((raw, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 1 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let tenths = whole.parse::<u64>().ok()?.checked_mul(10)? + frac.parse::<u64>().unwrap_or(0);
    (tenths > 0).then_some(tenths)
}

/// A member's hours of a year against what they owe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Requirement {
    /// Holds a secretary's or committee post in the year.
    pub leader: bool,
    pub required: u64,
    pub have: u64,
    /// What is still missing, in tenths; 0 once met.
    pub short: u64,
    pub met: bool,
}

/// Whether `have` tenths of hours meet the year's requirement.
pub fn requirement(have: u64, leader: bool) -> Requirement {
    let required = 10 * if leader { LEADER_HOURS } else { REQUIRED_HOURS };
    Requirement { leader, required, have, short: required.saturating_sub(have), met: have >= required }
}

/// A training's hours checked against the days it ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrainingHours {
    pub days: u64,
    /// The most the days hold, in tenths.
    pub most: u64,
    pub hours: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrainingError {
    Backwards,
    TooManyHours { most: u64 },
}

/// Days from `from` to `to`, both counted.
pub fn days(from: NaiveDate, to: NaiveDate) -> u64 {
    (to - from).num_days().max(0) as u64 + 1
}

/// The most hours (in tenths) `days` of training hold: eight a day.
pub fn capacity(days: u64) -> u64 {
    days * HOURS_PER_DAY * 10
}

/// A training from `from` to `to` (both days counted) of `tenths` hours: at most eight a day.
pub fn training_hours(from: NaiveDate, to: NaiveDate, tenths: u64) -> Result<TrainingHours, TrainingError> {
    if to < from {
        return Err(TrainingError::Backwards);
    }
    let days = days(from, to);
    let most = capacity(days);
    if tenths > most {
        return Err(TrainingError::TooManyHours { most });
    }
    Ok(TrainingHours { days, most, hours: tenths })
}

/// A stretch of a video that was played, in milliseconds from its start, end excluded.
pub type Span = (u64, u64);

/// The spans as one sorted list without overlaps, cut to the video's length; empty spans dropped.
pub fn merge(spans: impl IntoIterator<Item = Span>, duration_ms: u64) -> Vec<Span> {
    let mut v: Vec<Span> = spans.into_iter().map(|(a, b)| (a.min(duration_ms), b.min(duration_ms))).filter(|(a, b)| a < b).collect();
    v.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(v.len());
    for (a, b) in v {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Milliseconds covered by merged spans.
pub fn covered(spans: &[Span]) -> u64 {
    spans.iter().map(|(a, b)| b - a).sum()
}

/// Played milliseconds as tenths of a study hour, rounded down.
pub fn played_tenths(ms: u64, minutes_per_hour: u32) -> u64 {
    ms * 10 / (u64::from(minutes_per_hour.max(1)) * 60_000)
}

/// What a progress report adds to what a member had played of a video.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub spans: Vec<Span>,
    pub before_ms: u64,
    pub after_ms: u64,
    /// The most this report may add: twice the time since the last report, and the slack.
    pub allowed_ms: u64,
    pub accepted: bool,
}

impl Progress {
    pub fn added_ms(&self) -> u64 {
        self.after_ms - self.before_ms
    }
}

/// Adds the `reported` spans to the `kept` ones. A report that adds more than could have been
/// played since the last one (`since_ms` of wall time) is refused whole; the player reports what
/// it played since the page opened, so the next report carries it again.
pub fn progress(kept: &[Span], reported: &[Span], duration_ms: u64, since_ms: u64) -> Progress {
    let before_ms = covered(kept);
    let spans = merge(kept.iter().chain(reported).copied(), duration_ms);
    let after_ms = covered(&spans);
    let allowed_ms = since_ms.saturating_mul(2).saturating_add(REPORT_SLACK_MS);
    let accepted = after_ms - before_ms <= allowed_ms;
    Progress { spans: if accepted { spans } else { kept.to_vec() }, before_ms, after_ms, allowed_ms, accepted }
}

/// What a video file is, read from its own bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Video {
    pub duration_ms: u64,
}

/// An MP4 (what every phone plays): a file of boxes that add up to its length, an `ftyp` box
/// first, a `moov` with the movie header giving the length, and the media data. Anything else
/// is not a video, whatever it is called.
pub fn mp4(bytes: &[u8]) -> Option<Video> {
    let top = boxes(bytes)?;
    if top.first()?.0 != *b"ftyp" || !top.iter().any(|b| b.0 == *b"mdat") {
        return None;
    }
    let moov = top.iter().find(|b| b.0 == *b"moov")?.1;
    let mvhd = boxes(moov)?.into_iter().find(|b| b.0 == *b"mvhd")?.1;
    let be = |s: &[u8]| s.iter().fold(0u64, |a, b| a << 8 | u64::from(*b));
    let (scale, duration) = match mvhd.first()? {
        0 => (be(mvhd.get(12..16)?), be(mvhd.get(16..20)?)),
        1 => (be(mvhd.get(20..24)?), be(mvhd.get(24..32)?)),
        _ => return None,
    };
    let duration_ms = duration.checked_mul(1000)? / scale.max(1);
    (scale > 0 && duration_ms > 0).then_some(Video { duration_ms })
}

/// The boxes of one level: type and body. `None` unless they cover the bytes exactly.
fn boxes(mut bytes: &[u8]) -> Option<Vec<([u8; 4], &[u8])>> {
    let mut out = Vec::new();
    while !bytes.is_empty() {
        let size = u32::from_be_bytes(bytes.get(..4)?.try_into().ok()?) as u64;
        let kind: [u8; 4] = bytes.get(4..8)?.try_into().ok()?;
        if !kind.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
            return None;
        }
        let (head, len) = match size {
            0 => (8, bytes.len() as u64),
            1 => (16, u64::from_be_bytes(bytes.get(8..16)?.try_into().ok()?)),
            n => (8, n),
        };
        if len < head || len > bytes.len() as u64 {
            return None;
        }
        out.push((kind, &bytes[head as usize..len as usize]));
        bytes = &bytes[len as usize..];
    }
    Some(out)
}

/// A PDF, by its own header.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn hours_are_written_with_one_decimal_at_most() {
        assert_eq!(parse_hours("3"), Some(30));
        assert_eq!(parse_hours(" 2.5 "), Some(25));
        for bad in ["", "0", "0.0", "-1", "2.55", "abc", ".5", "1e3"] {
            assert_eq!(parse_hours(bad), None, "{bad}");
        }
        assert_eq!(hours_text(325), "32.5");
        assert_eq!(hours_text(320), "32");
    }

    #[test]
    fn the_requirement_is_thirty_two_hours_or_fifty_six_for_leaders() {
        assert!(requirement(320, false).met);
        assert_eq!(requirement(319, false).short, 1);
        assert!(!requirement(320, true).met);
        assert_eq!(requirement(320, true).short, 240);
        assert!(requirement(560, true).met);
    }

    #[test]
    fn a_training_holds_eight_hours_a_day() {
        assert_eq!(training_hours(d("2026-03-01"), d("2026-03-02"), 160).unwrap().days, 2);
        assert_eq!(training_hours(d("2026-03-01"), d("2026-03-02"), 161), Err(TrainingError::TooManyHours { most: 160 }));
        assert_eq!(training_hours(d("2026-03-02"), d("2026-03-01"), 10), Err(TrainingError::Backwards));
    }

    #[test]
    fn played_spans_count_once_and_within_the_video() {
        let m = merge([(5_000, 10_000), (0, 3_000), (2_000, 6_000), (50_000, 90_000), (7, 7)], 60_000);
        assert_eq!(m, vec![(0, 10_000), (50_000, 60_000)]);
        assert_eq!(covered(&m), 20_000);
        assert_eq!(played_tenths(45 * 60_000, 45), 10);
        assert_eq!(played_tenths(45 * 60_000 - 1, 45), 9);
    }

    #[test]
    fn a_report_cannot_add_more_than_could_have_been_played() {
        let kept = vec![(0, 10_000)];
        let ok = progress(&kept, &[(0, 40_000)], 600_000, 15_000);
        assert!(ok.accepted);
        assert_eq!(ok.added_ms(), 30_000);
        assert_eq!(ok.spans, vec![(0, 40_000)]);
        let again = progress(&ok.spans, &[(0, 40_000)], 600_000, 0);
        assert_eq!(again.added_ms(), 0, "played twice counts once");
        let too_much = progress(&kept, &[(0, 600_000)], 600_000, 15_000);
        assert!(!too_much.accepted);
        assert_eq!(too_much.spans, kept);
        assert_eq!(too_much.allowed_ms, 60_000);
    }

    fn mp4_with(mvhd: &[u8]) -> Vec<u8> {
        let b = |kind: &[u8; 4], body: &[u8]| [&((body.len() + 8) as u32).to_be_bytes()[..], kind, body].concat();
        [b(b"ftyp", b"isom\0\0\x02\0isomiso2avc1mp41"), b(b"moov", &b(b"mvhd", mvhd)), b(b"mdat", &[0; 32])].concat()
    }

    #[test]
    fn an_mp4_is_known_by_its_boxes_and_its_length_read() {
        let mut mvhd = vec![0u8; 100];
        mvhd[12..16].copy_from_slice(&1000u32.to_be_bytes());
        mvhd[16..20].copy_from_slice(&12_500u32.to_be_bytes());
        assert_eq!(mp4(&mp4_with(&mvhd)), Some(Video { duration_ms: 12_500 }));
        let mut cut = mp4_with(&mvhd);
        cut.pop();
        assert_eq!(mp4(&cut), None, "boxes that do not add up");
        assert_eq!(mp4(b"%PDF-1.4 not a video at all"), None);
        assert_eq!(mp4(&mp4_with(&[0u8; 100])), None, "no length");
        assert!(is_pdf(b"%PDF-1.7\n"));
    }
}
