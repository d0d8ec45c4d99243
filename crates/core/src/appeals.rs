//! Villagers' appeals: their lifecycle, routing to the body that owns them, working-day deadlines
//! and escalation, and the small text rules around them (descriptions, duplicates, tracking codes,
//! board statistics). Anything that depends on "now" receives it as a parameter.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeDelta, Utc, Weekday};

use crate::text::text_enum;

pub mod attributes;

// ---------------------------------------------------------------------------------------------
// Lifecycle
// ---------------------------------------------------------------------------------------------

text_enum! {
    /// Lifecycle state of an appeal (诉求, a villager's need or request).
    Status {
        Submitted = "submitted",
        Accepted = "accepted",
        InProgress = "in_progress",
        Resolved = "resolved",
        Closed = "closed",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
    }
}

impl Status {
    /// Still needs work, so deadlines, reminders and escalation apply.
    pub fn is_active(self) -> bool {
        matches!(self, Status::Submitted | Status::Accepted | Status::InProgress)
    }

    /// The Open311 `status` field knows only "open" and "closed"; a resolved appeal awaits the
    /// villager's rating and so is still open.
    pub fn open311(self) -> &'static str {
        if self.is_final() { "closed" } else { "open" }
    }

    /// No step leads out of a final state.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Closed | Status::Rejected | Status::Withdrawn)
    }
}

text_enum! {
    /// How an appeal reached us; phone calls and walk-ins are typed in by staff.
    Channel {
        Web = "web",
        PhoneCall = "phone_call",
        WalkIn = "walk_in",
        Visit = "visit",
        Api = "api",
        Open311 = "open311",
    }
}

text_enum! {
    /// The villager's verdict on a resolved appeal.
    Rating {
        Satisfied = "satisfied",
        Basically = "basically",
        Unsatisfied = "unsatisfied",
    }
}

text_enum! {
    /// Who owns a category under the duty split between the village party branch and the village
    /// committee (两委) and the other village bodies.
    Owner {
        PartyBranch = "party_branch",
        VillageCommittee = "village_committee",
        CollectiveEconomy = "collective_economy",
        Cooperative = "cooperative",
        Enterprise = "enterprise",
        SocialOrganization = "social_organization",
    }
}

text_enum! {
    /// Escalation level; an appeal starts in the village and goes up only when the village cannot
    /// handle it in time.
    Level {
        Village = "village",
        Township = "township",
        County = "county",
    }
}

impl Level {
    /// The level above, or `None` at the county, where escalation stops.
    pub fn up(self) -> Option<Level> {
        match self {
            Level::Village => Some(Level::Township),
            Level::Township => Some(Level::County),
            Level::County => None,
        }
    }

    /// Distance from the village: 0, 1 or 2.
    pub fn depth(self) -> u8 {
        match self {
            Level::Village => 0,
            Level::Township => 1,
            Level::County => 2,
        }
    }
}

/// A step a person takes on an appeal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Accept,
    Start,
    Resolve,
    Reject,
    Withdraw,
    Close,
    Reopen,
}

/// A step that the lifecycle does not allow from the current state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("step {step:?} is not possible from {from:?}")]
pub struct StepError {
    pub from: Status,
    pub step: Step,
}

/// The state after `step`. Accepting is optional (work may start or even finish straight away);
/// only a resolved appeal can be closed or reopened, and final states admit nothing.
pub fn next(from: Status, step: Step) -> Result<Status, StepError> {
    use Status::*;
    match (from, step) {
        (Submitted, Step::Accept) => Ok(Accepted),
        (Submitted | Accepted, Step::Start) => Ok(InProgress),
        (s, Step::Resolve) if s.is_active() => Ok(Resolved),
        (s, Step::Reject) if s.is_active() => Ok(Rejected),
        (s, Step::Withdraw) if s.is_active() => Ok(Withdrawn),
        (Resolved, Step::Close) => Ok(Closed),
        (Resolved, Step::Reopen) => Ok(InProgress),
        _ => Err(StepError { from, step }),
    }
}

/// What a rating does to a resolved appeal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RatingOutcome {
    Close,
    Reopen,
    Escalate,
}

/// Satisfied and basically satisfied close the appeal. Unsatisfied reopens it at the same level
/// while `reopen_count < reopen_limit`; after that it escalates, going back in progress one level
/// up, so a villager is never stuck with a village that keeps failing.
pub fn after_rating(rating: Rating, reopen_count: u32, reopen_limit: u32) -> RatingOutcome {
    match rating {
        Rating::Satisfied | Rating::Basically => RatingOutcome::Close,
        Rating::Unsatisfied if reopen_count < reopen_limit => RatingOutcome::Reopen,
        Rating::Unsatisfied => RatingOutcome::Escalate,
    }
}

// ---------------------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------------------

/// Deadline unit; both count only working time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SlaUnit {
    WorkingDays,
    WorkingHours,
}

/// How long the handler has, as configured per category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sla {
    pub amount: u32,
    pub unit: SlaUnit,
}

impl Sla {
    /// Parses `3d`, `3` (days) or `48h`: at least one and at most 365 days or 2000 hours, so that
    /// a typo cannot make an appeal due never. Surrounding spaces are ignored; anything else,
    /// including signs and inner spaces, is `None`.
    pub fn parse(s: &str) -> Option<Sla> {
        let s = s.trim();
        let (digits, unit, max) = if let Some(d) = s.strip_suffix('h') {
            (d, SlaUnit::WorkingHours, 2000)
        } else {
            (s.strip_suffix('d').unwrap_or(s), SlaUnit::WorkingDays, 365)
        };
        // `u32::from_str` would accept a leading `+`.
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let amount: u32 = digits.parse().ok()?;
        (1..=max).contains(&amount).then_some(Sla { amount, unit })
    }

    /// The text form, `3d` or `48h`, which [`Sla::parse`] reads back.
    pub fn code(self) -> String {
        match self.unit {
            SlaUnit::WorkingDays => format!("{}d", self.amount),
            SlaUnit::WorkingHours => format!("{}h", self.amount),
        }
    }
}

/// The working calendar. Saturday and Sunday are rest days unless listed in `extra_workdays`
/// (调休 make-up days); `holidays` are rest days, even when also listed as make-up days. Dates
/// are local dates in the display zone, `utc_offset_minutes` east of UTC (480 for Asia/Shanghai).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    pub holidays: BTreeSet<NaiveDate>,
    pub extra_workdays: BTreeSet<NaiveDate>,
    pub utc_offset_minutes: i32,
}

impl WorkCalendar {
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.holidays.contains(&d) {
            return false;
        }
        self.extra_workdays.contains(&d) || !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
    }

    fn offset(&self) -> TimeDelta {
        TimeDelta::minutes(i64::from(self.utc_offset_minutes))
    }

    fn to_local(&self, t: DateTime<Utc>) -> Option<NaiveDateTime> {
        t.naive_utc().checked_add_signed(self.offset())
    }

    fn to_utc(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        Some(local.checked_sub_signed(self.offset())?.and_utc())
    }
}

/// How far [`deadline`] looks for working days (ten years) before giving up on the calendar.
const SEARCH_DAYS: u32 = 3660;

/// The due instant of an SLA started at `start`, in UTC.
///
/// `WorkingDays(n)` is due at the end (the following local midnight) of the n-th working day
/// strictly after the local date of `start`: the day of filing never counts, so a need filed on
/// Friday 15:00 with 3 working days is due at the midnight ending Wednesday.
///
/// `WorkingHours(n)` counts every hour of a working day and none of a rest day; a start on a rest
/// day begins counting at the next working day's local 00:00.
///
/// If the calendar has no working day for ten years (a misconfiguration), the SLA is counted in
/// plain calendar time instead, so the call always terminates.
pub fn deadline(start: DateTime<Utc>, sla: Sla, cal: &WorkCalendar) -> DateTime<Utc> {
    let counted = match sla.unit {
        SlaUnit::WorkingDays => working_days_deadline(start, sla.amount, cal),
        SlaUnit::WorkingHours => working_hours_deadline(start, sla.amount, cal),
    };
    counted.unwrap_or_else(|| {
        let plain = match sla.unit {
            SlaUnit::WorkingDays => TimeDelta::days(i64::from(sla.amount)),
            SlaUnit::WorkingHours => TimeDelta::hours(i64::from(sla.amount)),
        };
        start.checked_add_signed(plain).unwrap_or(DateTime::<Utc>::MAX_UTC)
    })
}

fn working_days_deadline(start: DateTime<Utc>, n: u32, cal: &WorkCalendar) -> Option<DateTime<Utc>> {
    let mut day = cal.to_local(start)?.date();
    let mut left = n;
    for _ in 0..SEARCH_DAYS {
        day = day.succ_opt()?;
        if cal.is_working_day(day) {
            left = left.saturating_sub(1);
            if left == 0 {
                return cal.to_utc(day.succ_opt()?.and_time(chrono::NaiveTime::MIN));
            }
        }
    }
    None
}

fn working_hours_deadline(start: DateTime<Utc>, n: u32, cal: &WorkCalendar) -> Option<DateTime<Utc>> {
    let mut at = cal.to_local(start)?;
    let mut left = TimeDelta::hours(i64::from(n));
    for _ in 0..SEARCH_DAYS {
        let day_end = at.date().succ_opt()?.and_time(chrono::NaiveTime::MIN);
        if cal.is_working_day(at.date()) {
            let available = day_end - at;
            if left <= available {
                return cal.to_utc(at + left);
            }
            left -= available;
        }
        at = day_end;
    }
    None
}

/// Whether the sweeper should send the appeal one level up: it still needs work, it is overdue or
/// its handler marked it beyond the village's capacity, and there is a level above.
pub fn should_escalate(status: Status, level: Level, due: DateTime<Utc>, beyond_capacity: bool, now: DateTime<Utc>) -> bool {
    status.is_active() && (now >= due || beyond_capacity) && level.up().is_some()
}

/// Whether a reminder is due: the appeal is active, nobody was reminded for this deadline yet, and
/// `now` lies in `[due - before, due)`; once overdue, escalation takes over.
pub fn reminder_due(status: Status, due: DateTime<Utc>, reminded: bool, before: Duration, now: DateTime<Utc>) -> bool {
    let from = due.checked_sub_signed(before).unwrap_or(DateTime::<Utc>::MIN_UTC);
    status.is_active() && !reminded && from <= now && now < due
}

// ---------------------------------------------------------------------------------------------
// Routing
// ---------------------------------------------------------------------------------------------

/// Where the handler of a routed appeal came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandlerSource {
    LinkedMember,
    Designated,
    Unassigned,
}

/// The body that owns an appeal and the person who handles it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    pub owner: Owner,
    pub handler: Option<uuid::Uuid>,
    pub source: HandlerSource,
}

/// The owner is the village's override for the category when there is one, else the county's duty
/// matrix (`category_owner`). The handler is the party member linked to the villager's household,
/// who knows the family best, else the owner's designated handler in this village, else nobody:
/// the secretary's queue then shows it as unassigned.
pub fn route(
    category_owner: Owner,
    village_override: Option<Owner>,
    linked_member: Option<uuid::Uuid>,
    designated: Option<uuid::Uuid>,
) -> Route {
    let owner = village_override.unwrap_or(category_owner);
    let (handler, source) = match (linked_member, designated) {
        (Some(m), _) => (Some(m), HandlerSource::LinkedMember),
        (None, Some(d)) => (Some(d), HandlerSource::Designated),
        (None, None) => (None, HandlerSource::Unassigned),
    };
    Route { owner, handler, source }
}

// ---------------------------------------------------------------------------------------------
// Description text
// ---------------------------------------------------------------------------------------------

/// Default maximum description length, Open311's limit.
pub const DESCRIPTION_MAX: usize = 4000;

/// Why a description was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("empty")]
    Empty,
    #[error("too long")]
    TooLong { max: usize },
}

/// A description checked at the edge. It is plain text: HTML is kept as typed and escaped when
/// rendered, so nothing the villager wrote is silently lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppealText(String);

impl AppealText {
    /// Drops control characters other than newline and tab (they break exports and terminals),
    /// then trims; refuses an empty result or one longer than `max_chars` characters.
    pub fn parse(s: &str, max_chars: usize) -> Result<AppealText, TextError> {
        let cleaned: String = s.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\t')).collect();
        let text = cleaned.trim();
        if text.is_empty() {
            return Err(TextError::Empty);
        }
        if text.chars().count() > max_chars {
            return Err(TextError::TooLong { max: max_chars });
        }
        Ok(AppealText(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A short title for lists: the first non-blank line, trimmed, at most `n` characters; when the
/// line is cut its last kept character is replaced by "…".
pub fn summary(text: &str, n: usize) -> String {
    let line = text.trim().lines().next().unwrap_or("").trim();
    if line.chars().count() <= n {
        return line.to_owned();
    }
    let mut cut: String = line.chars().take(n.saturating_sub(1)).collect();
    if n > 0 {
        cut.push('…');
    }
    cut
}

// ---------------------------------------------------------------------------------------------
// Duplicates ("me too")
// ---------------------------------------------------------------------------------------------

/// Similarity at which a new appeal is offered as a "me too" on an existing one.
pub const DUPLICATE_THRESHOLD: f64 = 0.5;

/// ASCII punctuation and the CJK and full-width punctuation villagers type on phones.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{00B7}'
            | '\u{2000}'..='\u{206F}'
            | '\u{3001}'..='\u{3003}'
            | '\u{3008}'..='\u{3011}'
            | '\u{3014}'..='\u{301F}'
            | '\u{3030}'
            | '\u{303D}'
            | '\u{FE10}'..='\u{FE1F}'
            | '\u{FE30}'..='\u{FE6F}'
            | '\u{FF01}'..='\u{FF0F}'
            | '\u{FF1A}'..='\u{FF20}'
            | '\u{FF3B}'..='\u{FF40}'
            | '\u{FF5B}'..='\u{FF65}')
}

fn normalize(s: &str) -> Vec<char> {
    s.chars().flat_map(char::to_lowercase).filter(|c| !c.is_whitespace() && !is_punctuation(*c)).collect()
}

/// Character bigrams with their counts; a single character is its own gram so that one-character
/// texts still compare.
fn bigrams(chars: &[char]) -> BTreeMap<(char, Option<char>), usize> {
    let mut grams = BTreeMap::new();
    if let [c] = chars {
        grams.insert((*c, None), 1);
    }
    for w in chars.windows(2) {
        *grams.entry((w[0], Some(w[1]))).or_insert(0) += 1;
    }
    grams
}

/// Dice coefficient over character bigrams of the normalized texts (lower-cased, whitespace and
/// punctuation removed). Bigrams suit Chinese, which has no spaces between words: "村口路灯坏了"
/// and "村口的路灯坏了" share most of theirs. 1.0 for equal normalized texts, 0.0 when either is
/// empty.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (normalize(a), normalize(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let (ga, gb) = (bigrams(&a), bigrams(&b));
    let common: usize = ga.iter().map(|(g, n)| gb.get(g).map_or(0, |m| (*n).min(*m))).sum();
    let total: usize = ga.values().sum::<usize>() + gb.values().sum::<usize>();
    2.0 * common as f64 / total as f64
}

/// The most similar candidate at or above `threshold`; on a tie the earlier candidate wins, so the
/// caller can list older appeals first.
pub fn find_duplicate(text: &str, candidates: &[(uuid::Uuid, &str)], threshold: f64) -> Option<(uuid::Uuid, f64)> {
    let mut best: Option<(uuid::Uuid, f64)> = None;
    for (id, candidate) in candidates {
        let score = similarity(text, candidate);
        if score >= threshold && best.is_none_or(|(_, b)| score > b) {
            best = Some((*id, score));
        }
    }
    best
}

// ---------------------------------------------------------------------------------------------
// Tracking codes
// ---------------------------------------------------------------------------------------------

/// Characters of a tracking code: digits and capitals without 0/O and 1/I, which are misread when
/// a code is read out on the phone. 32 symbols, so a random byte maps onto them without bias.
pub const TRACKING_ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

const TRACKING_LEN: usize = 10;

/// A 10-character code (without the dash) from 10 random bytes; the caller supplies the randomness
/// so this stays pure.
pub fn tracking_code(random: [u8; 10]) -> String {
    random.iter().map(|b| char::from(TRACKING_ALPHABET[usize::from(*b) % TRACKING_ALPHABET.len()])).collect()
}

/// Shows a code as `ABCDE-FGHJK`, easier to read out; text of 5 characters or fewer is unchanged.
pub fn format_tracking_code(code: &str) -> String {
    match code.char_indices().nth(5) {
        Some((i, _)) => format!("{}-{}", &code[..i], &code[i..]),
        None => code.to_owned(),
    }
}

/// Reads a code typed by a person: upper-cases ASCII letters, drops whitespace and dashes, and
/// accepts exactly 10 characters of the alphabet. Look-alikes (O, 0, 1, I) are refused rather than
/// guessed, since a wrong guess would show someone else's appeal.
pub fn parse_tracking_code(s: &str) -> Option<String> {
    let code: String = s.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    (code.len() == TRACKING_LEN && code.bytes().all(|b| TRACKING_ALPHABET.contains(&b))).then_some(code)
}

// ---------------------------------------------------------------------------------------------
// Board statistics
// ---------------------------------------------------------------------------------------------

/// Median for the public board (e.g. hours to resolve), sorting `values` in place; the mean of the
/// two middle values, rounded toward zero, for an even count.
pub fn median(values: &mut [i64]) -> Option<i64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some(values[n / 2 - 1].midpoint(values[n / 2])),
    }
}

/// Share of satisfied and basically satisfied among rated appeals, `None` when nothing was rated
/// (a board should show "no ratings", not 0 %).
pub fn satisfaction_rate(satisfied: u64, basically: u64, unsatisfied: u64) -> Option<f64> {
    let good = satisfied as f64 + basically as f64;
    let total = good + unsatisfied as f64;
    (total > 0.0).then(|| good / total)
}

#[cfg(test)]
mod tests;
