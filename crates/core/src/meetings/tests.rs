//! The cadence and count rules of RULES.md §1 at their boundaries.

use chrono::{NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

use super::*;
use crate::orgs::OrgKind;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn held(kind: MeetingKind, counts_for: NaiveDate, held_on: NaiveDate) -> Held {
    Held { kind, pair: None, counts_for, held_on }
}

const ASSEMBLY: Requirement = Requirement { kind: MeetingKind::Assembly, pair: None, cadence: Cadence::Quarterly };
const COMMITTEE: Requirement = Requirement { kind: MeetingKind::Committee, pair: None, cadence: Cadence::Monthly };
const LIFE: Requirement =
    Requirement { kind: MeetingKind::LifeMeeting, pair: None, cadence: Cadence::Yearly { due_from_quarter: Some(4) } };

#[test]
fn assembly_quorum_is_half_and_passing_is_more_than_half_of_those_who_should_attend() {
    // 第十一条: "半数以上…到会" includes exactly half; "超过应到会…的半数" is strict, base = eligible.
    let v = assembly_vote(10, 5, 5).unwrap();
    assert!(v.quorum);
    assert_eq!(v.passes, Some(false), "5 of 10 eligible is not more than half, though all 5 present said yes");
    let v = assembly_vote(10, 6, 6).unwrap();
    assert_eq!(v.passes, Some(true));
    assert!(!assembly_vote(10, 4, 4).unwrap().quorum);
    assert_eq!(assembly_vote(11, 6, 6).unwrap().need_present, 6);
    assert!(!assembly_vote(11, 5, 5).unwrap().quorum);
    assert_eq!(assembly_vote(11, 11, 6).unwrap().passes, Some(true));
    assert_eq!(assembly_vote(11, 11, 5).unwrap().passes, Some(false));
    assert_eq!(assembly_vote(3, 4, 1), Err(CountError::Exceeds { field: "present", limit: "eligible" }));
    assert_eq!(assembly_vote(3, 2, 3), Err(CountError::Exceeds { field: "yes", limit: "present" }));
    assert_eq!(assembly_vote(0, 0, 0), Err(CountError::Zero { field: "eligible" }));
}

#[test]
fn committee_quorum_is_half_of_its_members() {
    // 第十二条: "须有半数以上委员到会".
    assert!(committee_quorum(5, 3).unwrap().quorum);
    assert!(!committee_quorum(5, 2).unwrap().quorum);
    assert!(committee_quorum(4, 2).unwrap().quorum);
    assert!(!committee_quorum(4, 1).unwrap().quorum);
    assert_eq!(committee_vote(5, 3, 3).unwrap().passes, Some(true));
    assert_eq!(committee_vote(5, 3, 2).unwrap().passes, Some(false));
}

#[test]
fn appraisal_caps_excellent_at_a_third_of_full_members() {
    // 第十八条 and 12371 guidance: count(优秀) ≤ floor(full/3). A fourth in a branch of nine is refused.
    assert!(appraisal_cap(9, 3).unwrap().allowed);
    assert!(!appraisal_cap(9, 4).unwrap().allowed);
    assert_eq!(appraisal_cap(8, 0).unwrap().max_excellent, 2);
    assert_eq!(appraisal_cap(2, 0).unwrap().max_excellent, 0);
}

#[test]
fn periods_have_their_calendar_ends() {
    assert_eq!(Period::Month { year: 2028, month: 2 }.last_day(), d(2028, 2, 29), "leap year");
    assert_eq!(Period::Month { year: 2026, month: 2 }.last_day(), d(2026, 2, 28));
    assert_eq!(Period::Month { year: 2026, month: 12 }.last_day(), d(2026, 12, 31));
    assert_eq!(Period::Quarter { year: 2026, quarter: 1 }.last_day(), d(2026, 3, 31));
    assert_eq!(Period::Quarter { year: 2026, quarter: 4 }.next(), Period::Quarter { year: 2027, quarter: 1 });
    assert_eq!(Period::containing(Cadence::Quarterly, d(2026, 6, 30)), Period::Quarter { year: 2026, quarter: 2 });
    for p in ["2026-03", "2026-Q4", "2026"] {
        assert_eq!(Period::parse(p).unwrap().code(), p);
    }
    assert_eq!(Period::parse("2026-13"), None);
    assert_eq!(Period::parse("2026-Q5"), None);
    assert_eq!(periods_between(Cadence::Monthly, d(2026, 1, 15), d(2026, 3, 1)).len(), 3);
    assert_eq!(periods_between(Cadence::Quarterly, d(2026, 1, 1), d(2026, 12, 31)).len(), 4);
}

#[test]
fn a_meeting_late_at_night_counts_in_its_local_quarter() {
    // 23:30 in Shanghai on 31 March is 15:30 UTC the same day: the first quarter.
    let late_evening = Utc.with_ymd_and_hms(2026, 3, 31, 15, 30, 0).unwrap();
    assert_eq!(local_date(late_evening, 480), d(2026, 3, 31));
    // 00:30 in Shanghai on 1 April is still 31 March in UTC: the second quarter, not the first.
    let after_midnight = Utc.with_ymd_and_hms(2026, 3, 31, 16, 30, 0).unwrap();
    assert_eq!(after_midnight.date_naive(), d(2026, 3, 31));
    let on = local_date(after_midnight, 480);
    assert_eq!(Period::containing(Cadence::Quarterly, on), Period::Quarter { year: 2026, quarter: 2 });
    let q1 = Period::Quarter { year: 2026, quarter: 1 };
    let c = check_period(&ASSEMBLY, q1, &[held(MeetingKind::Assembly, on, on)], d(2026, 4, 2), CadenceSettings::default());
    assert_eq!(c.state, PeriodState::Missing, "a meeting of 1 April local time does not count for Q1");
}

#[test]
fn held_late_missing_due_and_open() {
    let s = CadenceSettings::default();
    let march = Period::Month { year: 2026, month: 3 };
    let on_time = [held(MeetingKind::Committee, d(2026, 3, 10), d(2026, 3, 31))];
    assert_eq!(check_period(&COMMITTEE, march, &on_time, d(2026, 5, 1), s).state, PeriodState::Held);
    let late = [held(MeetingKind::Committee, d(2026, 3, 10), d(2026, 4, 3))];
    let c = check_period(&COMMITTEE, march, &late, d(2026, 5, 1), s);
    assert_eq!((c.state, c.days), (PeriodState::Late, 3));
    // Another kind does not count.
    let other = [held(MeetingKind::ThemeDay, d(2026, 3, 10), d(2026, 3, 10))];
    let c = check_period(&COMMITTEE, march, &other, d(2026, 4, 1), s);
    assert_eq!((c.state, c.days), (PeriodState::Missing, 1));
    // Seven days before the end is still open; six is due.
    assert_eq!(check_period(&COMMITTEE, march, &[], d(2026, 3, 24), s).state, PeriodState::Open);
    assert_eq!(check_period(&COMMITTEE, march, &[], d(2026, 3, 25), s).state, PeriodState::Due);
    assert_eq!(check_period(&COMMITTEE, march, &[], d(2026, 3, 31), s).state, PeriodState::Due);
    // The life meeting is flagged from the fourth quarter.
    let y = Period::Year { year: 2026 };
    assert_eq!(check_period(&LIFE, y, &[], d(2026, 9, 30), s).state, PeriodState::Open);
    assert_eq!(check_period(&LIFE, y, &[], d(2026, 10, 1), s).state, PeriodState::Due);
    assert_eq!(check_period(&LIFE, y, &[], d(2027, 1, 1), s).state, PeriodState::Missing);
}

#[test]
fn requirements_follow_the_organization() {
    let s = CadenceSettings::default();
    let kinds = |org, committee| requirements(org, committee, s).into_iter().map(|r| r.kind).collect::<Vec<_>>();
    assert!(kinds(OrgKind::Branch, true).contains(&MeetingKind::Committee));
    assert!(!kinds(OrgKind::Branch, false).contains(&MeetingKind::Committee), "a secretary-only branch has no committee");
    assert_eq!(kinds(OrgKind::PartyGroup, false), vec![MeetingKind::GroupMeeting]);
    let no_lectures = CadenceSettings { lecture_quarterly: false, ..s };
    assert!(!requirements(OrgKind::Branch, true, no_lectures).iter().any(|r| r.kind == MeetingKind::Lecture));
    let talks = requirements(OrgKind::Branch, true, s).into_iter().filter(|r| r.kind == MeetingKind::Talk).count();
    assert_eq!(talks, 3, "each pair kind once a year");
}

proptest! {
    /// A county's tally is the sum of its townships' tallies, however the branches are grouped.
    #[test]
    fn the_county_tally_is_the_sum_of_its_townships(
        branches in prop::collection::vec((0usize..5, prop::collection::vec((1u32..=12, 0i64..40), 0..8)), 1..30),
        today_offset in 0i64..500,
    ) {
        let s = CadenceSettings::default();
        let today = d(2026, 1, 1) + chrono::TimeDelta::days(today_offset);
        let periods = periods_between(Cadence::Monthly, d(2026, 1, 1), d(2026, 12, 31));
        let mut townships = [Tally::default(); 5];
        let mut county_checks = Vec::new();
        for (township, meetings) in &branches {
            let held: Vec<Held> = meetings
                .iter()
                .map(|(month, delay)| {
                    let counts_for = d(2026, *month, 1);
                    held(MeetingKind::Committee, counts_for, counts_for + chrono::TimeDelta::days(*delay))
                })
                .collect();
            let checks: Vec<Check> = periods.iter().map(|p| check_period(&COMMITTEE, *p, &held, today, s)).collect();
            townships[*township] = townships[*township] + Tally::of(&checks);
            county_checks.extend(checks);
        }
        let county = Tally::of(&county_checks);
        let summed = townships.iter().fold(Tally::default(), |a, t| a + *t);
        prop_assert_eq!(county, summed);
        prop_assert_eq!(county.total(), (branches.len() * periods.len()) as u64);
    }
}
