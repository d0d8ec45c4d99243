//! Cadence: which meetings an organization must hold and how often, and whether a period's meeting
//! was held on time, late, or not at all. Periods are calendar months, quarters and years of the
//! local date (Asia/Shanghai by default): a meeting at 00:30 on 1 April is still 31 March in UTC
//! and counts for the second quarter.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use serde::Serialize;

use super::{MeetingKind, Source, TalkPair};
use crate::orgs::OrgKind;

/// The local calendar date of an instant, `offset_minutes` east of UTC (480 for Asia/Shanghai).
pub fn local_date(t: DateTime<Utc>, offset_minutes: i32) -> NaiveDate {
    (t + TimeDelta::minutes(i64::from(offset_minutes))).date_naive()
}

/// A calendar period a cadence counts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    Year { year: i32 },
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

impl Period {
    /// The period of `cadence` that contains `d`.
    pub fn containing(cadence: Cadence, d: NaiveDate) -> Period {
        match cadence {
            Cadence::Monthly => Period::Month { year: d.year(), month: d.month() },
            Cadence::Quarterly => Period::Quarter { year: d.year(), quarter: (d.month() - 1) / 3 + 1 },
            Cadence::Yearly { .. } => Period::Year { year: d.year() },
        }
    }

    pub fn first_day(self) -> NaiveDate {
        match self {
            Period::Month { year, month } => ymd(year, month, 1),
            Period::Quarter { year, quarter } => ymd(year, (quarter - 1) * 3 + 1, 1),
            Period::Year { year } => ymd(year, 1, 1),
        }
    }

    /// The period after this one.
    pub fn next(self) -> Period {
        match self {
            Period::Month { year, month: 12 } => Period::Month { year: year + 1, month: 1 },
            Period::Month { year, month } => Period::Month { year, month: month + 1 },
            Period::Quarter { year, quarter: 4 } => Period::Quarter { year: year + 1, quarter: 1 },
            Period::Quarter { year, quarter } => Period::Quarter { year, quarter: quarter + 1 },
            Period::Year { year } => Period::Year { year: year + 1 },
        }
    }

    /// The period's last day (29 February in a leap year).
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MIN)
    }

    pub fn contains(self, d: NaiveDate) -> bool {
        (self.first_day()..=self.last_day()).contains(&d)
    }

    pub fn year(self) -> i32 {
        match self {
            Period::Month { year, .. } | Period::Quarter { year, .. } | Period::Year { year } => year,
        }
    }

    /// A stable short form for URLs and sheets: `2026-03`, `2026-Q1`, `2026`.
    pub fn code(self) -> String {
        match self {
            Period::Month { year, month } => format!("{year}-{month:02}"),
            Period::Quarter { year, quarter } => format!("{year}-Q{quarter}"),
            Period::Year { year } => format!("{year}"),
        }
    }

    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        if let Some((y, rest)) = s.split_once('-') {
            let year: i32 = y.parse().ok().filter(|y| (1900..=9999).contains(y))?;
            if let Some(q) = rest.strip_prefix('Q') {
                let quarter: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
                return Some(Period::Quarter { year, quarter });
            }
            let month: u32 = rest.parse().ok().filter(|m| (1..=12).contains(m))?;
            return Some(Period::Month { year, month });
        }
        s.parse().ok().filter(|y| (1900..=9999).contains(y)).map(|year| Period::Year { year })
    }
}

/// How often a meeting is required.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Monthly,
    Quarterly,
    /// Once a year; `due_from_quarter` marks the quarter from which a year without one is flagged
    /// (the organizational life meeting "一般安排在第四季度").
    Yearly {
        due_from_quarter: Option<u32>,
    },
}

/// Local rules in force: the branch lecture count is not set centrally (RULES.md §1, M), so it is
/// a setting; reminders go out `remind_days` before a period ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CadenceSettings {
    /// A party lecture every quarter (the common local rule); `false` requires none.
    pub lecture_quarterly: bool,
    pub remind_days: u32,
}

impl Default for CadenceSettings {
    fn default() -> Self {
        Self { lecture_quarterly: true, remind_days: 7 }
    }
}

/// One meeting an organization must hold at a cadence; heart-to-heart talks count per pair kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Requirement {
    pub kind: MeetingKind,
    pub pair: Option<TalkPair>,
    pub cadence: Cadence,
}

/// The meetings an organization of `org` kind must hold (RULES.md §1). A branch with fewer than
/// seven full members has a secretary instead of a committee, and so no committee meetings.
pub fn requirements(org: OrgKind, has_committee: bool, settings: CadenceSettings) -> Vec<Requirement> {
    let req = |kind: MeetingKind| Requirement { kind, pair: None, cadence: kind.cadence().unwrap_or(Cadence::Monthly) };
    match org {
        OrgKind::Branch | OrgKind::JointBranch | OrgKind::GeneralBranch => {
            let mut out = vec![req(MeetingKind::Assembly)];
            if has_committee {
                out.push(req(MeetingKind::Committee));
            }
            if settings.lecture_quarterly {
                out.push(req(MeetingKind::Lecture));
            }
            out.extend([MeetingKind::ThemeDay, MeetingKind::LifeMeeting, MeetingKind::Appraisal].map(req));
            for pair in TalkPair::ALL {
                if has_committee || *pair != TalkPair::CommitteeCommittee {
                    out.push(Requirement { pair: Some(*pair), ..req(MeetingKind::Talk) });
                }
            }
            out
        }
        OrgKind::PartyGroup => vec![req(MeetingKind::GroupMeeting)],
        OrgKind::Committee => vec![req(MeetingKind::DemocraticLife)],
    }
}

/// A meeting held: its kind, the period it counts for (any day inside it) and its local date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Held {
    pub kind: MeetingKind,
    pub pair: Option<TalkPair>,
    pub counts_for: NaiveDate,
    pub held_on: NaiveDate,
}

/// Where one required meeting of one period stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodState {
    /// Held within its period.
    Held,
    /// Held for this period, but after it ended.
    Late,
    /// The period is over and none was held.
    Missing,
    /// The period is still running, none held yet, and its end (or the flagged quarter) is near.
    Due,
    /// The period is still running and there is time.
    Open,
}

impl PeriodState {
    pub const ALL: [PeriodState; 5] = [PeriodState::Held, PeriodState::Late, PeriodState::Missing, PeriodState::Due, PeriodState::Open];

    pub fn as_str(self) -> &'static str {
        match self {
            PeriodState::Held => "held",
            PeriodState::Late => "late",
            PeriodState::Missing => "missing",
            PeriodState::Due => "due",
            PeriodState::Open => "open",
        }
    }
}

/// The verdict on one requirement in one period, with what it was decided from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    pub requirement: Requirement,
    pub period: Period,
    pub state: PeriodState,
    /// The meeting that decided it, if one was held.
    pub held_on: Option<NaiveDate>,
    /// Days left in the period (Open, Due), or days after its end (Late, Missing).
    pub days: i64,
    #[serde(skip)]
    pub source: Source,
}

/// Decides one period of one requirement from the meetings held (any kind; the matching ones are
/// picked here) and today's local date.
pub fn check_period(req: &Requirement, period: Period, held: &[Held], today: NaiveDate, settings: CadenceSettings) -> Check {
    let last = period.last_day();
    let mine = held.iter().filter(|h| h.kind == req.kind && h.pair == req.pair && period.contains(h.counts_for));
    let first = mine.map(|h| h.held_on).min();
    let (state, days) = match first {
        Some(on) if on <= last => (PeriodState::Held, 0),
        Some(on) => (PeriodState::Late, (on - last).num_days()),
        None if today > last => (PeriodState::Missing, (today - last).num_days()),
        None => {
            let left = (last - today).num_days();
            let flagged = match req.cadence {
                Cadence::Yearly { due_from_quarter: Some(q) } => today >= Period::Quarter { year: period.year(), quarter: q }.first_day(),
                _ => false,
            };
            if flagged || left < i64::from(settings.remind_days) { (PeriodState::Due, left) } else { (PeriodState::Open, left) }
        }
    };
    Check { requirement: *req, period, state, held_on: first, days, source: req.kind.source() }
}

/// The periods of `cadence` that overlap `from..=to`, oldest first.
pub fn periods_between(cadence: Cadence, from: NaiveDate, to: NaiveDate) -> Vec<Period> {
    let mut out = Vec::new();
    if from > to {
        return out;
    }
    let mut p = Period::containing(cadence, from);
    while p.first_day() <= to {
        out.push(p);
        p = p.next();
    }
    out
}

/// Counts of period states: what a township or county overview adds up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub held: u64,
    pub late: u64,
    pub missing: u64,
    pub due: u64,
    pub open: u64,
}

impl Tally {
    pub fn add(&mut self, state: PeriodState) {
        match state {
            PeriodState::Held => self.held += 1,
            PeriodState::Late => self.late += 1,
            PeriodState::Missing => self.missing += 1,
            PeriodState::Due => self.due += 1,
            PeriodState::Open => self.open += 1,
        }
    }

    pub fn of<'a>(checks: impl IntoIterator<Item = &'a Check>) -> Tally {
        let mut t = Tally::default();
        for c in checks {
            t.add(c.state);
        }
        t
    }

    pub fn total(&self) -> u64 {
        self.held + self.late + self.missing + self.due + self.open
    }

    /// Periods that are over and were not held on time.
    pub fn behind(&self) -> u64 {
        self.late + self.missing
    }
}

impl std::ops::Add for Tally {
    type Output = Tally;
    fn add(self, o: Tally) -> Tally {
        Tally {
            held: self.held + o.held,
            late: self.late + o.late,
            missing: self.missing + o.missing,
            due: self.due + o.due,
            open: self.open + o.open,
        }
    }
}
