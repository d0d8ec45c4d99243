//! Member development (发展党员), RULES.md §5: the gates between applicant, activist, development
//! target, probationary and full member of 《中国共产党发展党员工作细则》(2014). Each gate is a plain
//! function over dates and facts that says whether the step may be taken and, when not, from which
//! date or for want of what.

use chrono::{Datelike, Months, NaiveDate, Weekday};

use crate::text::text_enum;

text_enum! {
    /// The steps a case records, in their order. 申请 (application), 谈话 (the first talk),
    /// 确定积极分子, 确定发展对象, 介绍人, 政治审查, 集中培训, 预审, 公示, 支部大会讨论接收,
    /// 上级审批, 延长预备期, 转正, 取消预备党员资格.
    Step {
        Application = "application",
        Talk = "talk",
        Activist = "activist",
        DevelopmentTarget = "development_target",
        Introducers = "introducers",
        Review = "review",
        Training = "training",
        PreReview = "pre_review",
        Notice = "notice",
        Admission = "admission",
        Approval = "approval",
        Extension = "extension",
        Confirmation = "confirmation",
        Cancellation = "cancellation",
    }
}

text_enum! {
    /// Where a case stands: 入党申请人, 入党积极分子, 发展对象, admitted by the branch assembly and
    /// awaiting the higher committee (待审批), 预备党员, 正式党员, or 取消预备党员资格.
    Stage {
        Applicant = "applicant",
        Activist = "activist",
        DevelopmentTarget = "development_target",
        Admitted = "admitted",
        Probationary = "probationary",
        Full = "full",
        Cancelled = "cancelled",
    }
}

impl Stage {
    /// The steps that may be recorded at this stage, in the order of the procedure.
    pub fn steps(self) -> &'static [Step] {
        match self {
            Stage::Applicant => &[Step::Talk, Step::Activist],
            Stage::Activist => &[Step::DevelopmentTarget],
            Stage::DevelopmentTarget => &[Step::Introducers, Step::Review, Step::Training, Step::PreReview, Step::Notice, Step::Admission],
            Stage::Admitted => &[Step::Approval],
            Stage::Probationary => &[Step::Extension, Step::Confirmation, Step::Cancellation],
            Stage::Full | Stage::Cancelled => &[],
        }
    }

    pub fn is_open(self) -> bool {
        !matches!(self, Stage::Full | Stage::Cancelled)
    }
}

text_enum! {
    /// An introducer's standing: a full member (正式党员), a probationary member, a full member under
    /// 留党察看 (party probation), or not a member.
    IntroducerStatus {
        Full = "full",
        Probationary = "probationary",
        PartyProbation = "party_probation",
        NotMember = "not_member",
    }
}

/// 细则 第五条: an applicant must be 18 at the application.
pub const MIN_AGE: u32 = 18;
/// 第十三条: one year as an activist before becoming a development target.
pub const ACTIVIST_MONTHS: u32 = 12;
/// 第十七条: "不少于三天（或不少于二十四个学时）".
pub const TRAINING_DAYS: u32 = 3;
pub const TRAINING_HOURS: u32 = 24;
/// 第三十二条: a year's probation, extended once by 6 to 12 months.
pub const PROBATION_MONTHS: u32 = 12;
pub const EXTENSION_MONTHS: std::ops::RangeInclusive<u32> = 6..=12;
/// About 第二十四条: the higher committee decides within three months, six in special cases.
pub const APPROVAL_MONTHS: u32 = 3;
pub const APPROVAL_SPECIAL_MONTHS: u32 = 6;
/// 第七条: the first talk within a month of the application.
pub const TALK_MONTHS: u32 = 1;
/// The public notice's length in working days when no local rule says otherwise (RULES.md: L).
pub const DEFAULT_NOTICE_WORKING_DAYS: u32 = 5;

/// `date` plus `months`, the last day of the month when the day does not exist (29 Feb + 1 year
/// is 28 Feb).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).unwrap_or(date)
}

/// Whole years from `birth` to `on`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    let years = on.year() - birth.year() - i32::from((on.month(), on.day()) < (birth.month(), birth.day()));
    years.max(0) as u32
}

/// The age gate (第五条).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgeGate {
    pub age: u32,
    /// The day the applicant turns 18.
    pub eighteen_on: NaiveDate,
    pub allowed: bool,
}

pub fn application(birth: NaiveDate, on: NaiveDate) -> AgeGate {
    let age = age_on(birth, on);
    AgeGate { age, eighteen_on: add_months(birth, 12 * MIN_AGE), allowed: age >= MIN_AGE }
}

/// A step that may not come before `earliest` (and, for the talk, should not come after `latest`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wait {
    pub from: NaiveDate,
    pub on: NaiveDate,
    pub earliest: NaiveDate,
    pub latest: Option<NaiveDate>,
    pub allowed: bool,
    /// Taken after `latest`: allowed (the day cannot be undone) but shown as late.
    pub late: bool,
}

fn wait(from: NaiveDate, on: NaiveDate, months: u32, latest_months: Option<u32>) -> Wait {
    let earliest = add_months(from, months);
    let latest = latest_months.map(|m| add_months(from, m));
    Wait { from, on, earliest, latest, allowed: on >= earliest, late: latest.is_some_and(|l| on > l) }
}

/// The first talk (第七条): not before the application, within a month of it.
pub fn first_talk(application_on: NaiveDate, on: NaiveDate) -> Wait {
    wait(application_on, on, 0, Some(TALK_MONTHS))
}

/// An activist is chosen from applicants: not before the application.
pub fn activist(application_on: NaiveDate, on: NaiveDate) -> Wait {
    wait(application_on, on, 0, None)
}

/// A development target after at least a year as an activist (第十三条).
pub fn development_target(activist_since: NaiveDate, on: NaiveDate) -> Wait {
    wait(activist_since, on, ACTIVIST_MONTHS, None)
}

/// The higher committee's approval (about 第二十四条): not before the assembly; late after three
/// months, to be started again after six.
pub fn approval(assembly_on: NaiveDate, on: NaiveDate) -> Wait {
    let mut w = wait(assembly_on, on, 0, Some(APPROVAL_MONTHS));
    if on > add_months(assembly_on, APPROVAL_SPECIAL_MONTHS) {
        w.allowed = false;
    }
    w
}

/// The last day of probation: a year from the assembly's date plus any extension (第三十二条).
pub fn probation_ends(assembly_on: NaiveDate, extension_months: u32) -> NaiveDate {
    add_months(assembly_on, PROBATION_MONTHS + extension_months)
}

/// Confirmation (第三十三条): when the probation (with its extension) has run.
pub fn confirmation(probation_from: NaiveDate, extension_months: u32, on: NaiveDate) -> Wait {
    wait(probation_from, on, PROBATION_MONTHS + extension_months, None)
}

/// The one extension of probation (第三十二条).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExtensionGate {
    pub months: u32,
    pub already_extended: bool,
    pub allowed: bool,
}

pub fn extension(months: u32, already_extended: bool) -> ExtensionGate {
    ExtensionGate { months, already_extended, allowed: !already_extended && EXTENSION_MONTHS.contains(&months) }
}

/// The introducers (第十四条; 党章 第五条): exactly two, each a full member not under 留党察看.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntroducersGate {
    pub count: usize,
    /// The positions (from 1) of the introducers who may not introduce, with their standing.
    pub refused: Vec<(usize, IntroducerStatus)>,
    pub allowed: bool,
}

pub fn introducers(statuses: &[IntroducerStatus]) -> IntroducersGate {
    let refused: Vec<_> = statuses.iter().enumerate().filter(|(_, s)| **s != IntroducerStatus::Full).map(|(i, s)| (i + 1, *s)).collect();
    IntroducersGate { count: statuses.len(), allowed: statuses.len() == 2 && refused.is_empty(), refused }
}

/// The concentrated training (第十七条).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrainingGate {
    pub days: u32,
    pub hours: u32,
    pub allowed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrainingError {
    /// The last day before the first.
    Backwards,
    /// More hours than the days hold.
    TooManyHours { most: u32 },
}

/// Training from `from` to `to` (both days counted) for `hours`: enough at three days or 24 hours.
pub fn training(from: NaiveDate, to: NaiveDate, hours: u32) -> Result<TrainingGate, TrainingError> {
    if to < from {
        return Err(TrainingError::Backwards);
    }
    let days = (to - from).num_days() as u32 + 1;
    let most = days * 24;
    if hours > most {
        return Err(TrainingError::TooManyHours { most });
    }
    Ok(TrainingGate { days, hours, allowed: days >= TRAINING_DAYS || hours >= TRAINING_HOURS })
}

/// Working days (Monday to Friday) from `from` to `to`, both counted. Public holidays are not
/// known here; a county whose notice crosses one sets a longer notice.
pub fn working_days(from: NaiveDate, to: NaiveDate) -> u32 {
    from.iter_days().take_while(|d| *d <= to).filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)).count() as u32
}

/// The public notice (公示): the assembly may meet once the notice has run its working days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoticeGate {
    pub from: NaiveDate,
    pub working_days: u32,
    pub required: u32,
    /// The first day the assembly may meet.
    pub earliest: NaiveDate,
    pub on: NaiveDate,
    pub allowed: bool,
}

/// A notice posted on `from`, the assembly on `on`: the days from `from` to the day before `on`
/// must hold `required` working days.
pub fn notice(from: NaiveDate, on: NaiveDate, required: u32) -> NoticeGate {
    let mut end = from;
    let mut counted = 0;
    while counted < required {
        if !matches!(end.weekday(), Weekday::Sat | Weekday::Sun) {
            counted += 1;
        }
        end = end.succ_opt().unwrap_or(end);
    }
    let done = if on > from { working_days(from, on.pred_opt().unwrap_or(on)) } else { 0 };
    NoticeGate { from, working_days: done, required, earliest: end, on, allowed: on >= end }
}

/// What the branch assembly needs before it may discuss admitting a development target
/// (第十四至二十条): each item missing, in the order of the procedure.
pub fn admission_missing(
    is_target: bool,
    introducers_ok: bool,
    review_concluded: bool,
    training_ok: bool,
    pre_reviewed: bool,
    notice_ok: bool,
) -> Vec<Step> {
    [
        (is_target, Step::DevelopmentTarget),
        (introducers_ok, Step::Introducers),
        (review_concluded, Step::Review),
        (training_ok, Step::Training),
        (pre_reviewed, Step::PreReview),
        (notice_ok, Step::Notice),
    ]
    .into_iter()
    .filter(|(ok, _)| !ok)
    .map(|(_, s)| s)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn an_applicant_is_eighteen_on_the_birthday() {
        assert!(!application(d("2008-03-15"), d("2026-03-14")).allowed);
        let g = application(d("2008-03-15"), d("2026-03-15"));
        assert!(g.allowed);
        assert_eq!((g.age, g.eighteen_on), (18, d("2026-03-15")));
        // Born on 29 February: 18 on 28 February of a common year.
        assert_eq!(application(d("2008-02-29"), d("2026-02-28")).eighteen_on, d("2026-02-28"));
        assert_eq!(age_on(d("2008-02-29"), d("2026-02-28")), 17);
    }

    #[test]
    fn the_talk_comes_within_a_month() {
        let ok = first_talk(d("2026-01-31"), d("2026-02-28"));
        assert!(ok.allowed && !ok.late);
        let late = first_talk(d("2026-01-31"), d("2026-03-01"));
        assert!(late.allowed && late.late);
        assert!(!first_talk(d("2026-01-31"), d("2026-01-30")).allowed);
    }

    #[test]
    fn a_development_target_after_a_full_year_as_activist() {
        assert!(!development_target(d("2025-03-01"), d("2026-02-28")).allowed);
        let w = development_target(d("2025-03-01"), d("2026-03-01"));
        assert!(w.allowed);
        assert_eq!(w.earliest, d("2026-03-01"));
        // An activist since 29 February 2024 may go on from 28 February 2025.
        assert_eq!(development_target(d("2024-02-29"), d("2025-02-28")).earliest, d("2025-02-28"));
    }

    #[test]
    fn two_full_introducers_none_under_party_probation() {
        use super::IntroducerStatus::*;
        assert!(introducers(&[Full, Full]).allowed);
        assert!(!introducers(&[Full]).allowed);
        assert!(!introducers(&[Full, Full, Full]).allowed);
        let g = introducers(&[Full, Probationary]);
        assert!(!g.allowed);
        assert_eq!(g.refused, vec![(2, Probationary)]);
        assert_eq!(introducers(&[PartyProbation, NotMember]).refused.len(), 2);
    }

    #[test]
    fn training_of_three_days_or_twenty_four_hours() {
        assert!(training(d("2026-05-01"), d("2026-05-03"), 12).unwrap().allowed);
        assert!(training(d("2026-05-01"), d("2026-05-02"), 24).unwrap().allowed);
        assert!(!training(d("2026-05-01"), d("2026-05-02"), 23).unwrap().allowed);
        assert_eq!(training(d("2026-05-01"), d("2026-05-01"), 25), Err(TrainingError::TooManyHours { most: 24 }));
        assert_eq!(training(d("2026-05-02"), d("2026-05-01"), 2), Err(TrainingError::Backwards));
    }

    #[test]
    fn the_notice_runs_its_working_days() {
        // Posted Friday 2026-05-01: Fri, Mon, Tue, Wed, Thu are five working days; the assembly may
        // meet from Friday 2026-05-08.
        let g = notice(d("2026-05-01"), d("2026-05-08"), 5);
        assert_eq!(g.earliest, d("2026-05-08"));
        assert!(g.allowed);
        assert_eq!(g.working_days, 5);
        assert!(!notice(d("2026-05-01"), d("2026-05-07"), 5).allowed);
        assert_eq!(working_days(d("2026-05-02"), d("2026-05-03")), 0);
    }

    #[test]
    fn approval_within_three_months_six_at_most() {
        let w = approval(d("2026-01-31"), d("2026-04-30"));
        assert!(w.allowed && !w.late);
        let late = approval(d("2026-01-31"), d("2026-05-01"));
        assert!(late.allowed && late.late);
        assert!(!approval(d("2026-01-31"), d("2026-08-01")).allowed);
        assert!(!approval(d("2026-01-31"), d("2026-01-30")).allowed);
    }

    #[test]
    fn probation_a_year_extended_once() {
        assert_eq!(probation_ends(d("2025-06-10"), 0), d("2026-06-10"));
        assert!(!confirmation(d("2025-06-10"), 0, d("2026-06-09")).allowed);
        assert!(confirmation(d("2025-06-10"), 0, d("2026-06-10")).allowed);
        assert!(!confirmation(d("2025-06-10"), 6, d("2026-12-09")).allowed);
        assert!(confirmation(d("2025-06-10"), 6, d("2026-12-10")).allowed);
        assert!(extension(6, false).allowed && extension(12, false).allowed);
        assert!(!extension(5, false).allowed && !extension(13, false).allowed);
        assert!(!extension(6, true).allowed);
    }

    #[test]
    fn admission_names_what_is_missing() {
        assert!(admission_missing(true, true, true, true, true, true).is_empty());
        assert_eq!(admission_missing(true, false, true, false, true, true), vec![Step::Introducers, Step::Training]);
    }
}
