//! Tests of the parent module.

use super::*;
use chrono::{NaiveTime, TimeZone};
use proptest::prelude::*;
use uuid::Uuid;

const ALL_STEPS: [Step; 7] = [Step::Accept, Step::Start, Step::Resolve, Step::Reject, Step::Withdraw, Step::Close, Step::Reopen];

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Asia/Shanghai local time as UTC.
fn local(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, h, min, 0).unwrap() - TimeDelta::hours(8)
}

fn utc(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, h, min, 0).unwrap()
}

fn shanghai() -> WorkCalendar {
    WorkCalendar { utc_offset_minutes: 480, ..WorkCalendar::default() }
}

fn days(n: u32) -> Sla {
    Sla { amount: n, unit: SlaUnit::WorkingDays }
}

fn hours(n: u32) -> Sla {
    Sla { amount: n, unit: SlaUnit::WorkingHours }
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

// --- enums ---

#[test]
fn text_forms_round_trip() {
    for s in Status::ALL {
        assert_eq!(Status::parse(s.as_str()), Some(*s));
    }
    for c in Channel::ALL {
        assert_eq!(Channel::parse(c.as_str()), Some(*c));
    }
    for o in Owner::ALL {
        assert_eq!(Owner::parse(o.as_str()), Some(*o));
    }
    assert_eq!(Status::InProgress.as_str(), "in_progress");
    assert_eq!(Channel::Open311.as_str(), "open311");
    assert_eq!(Rating::parse("basically"), Some(Rating::Basically));
    assert_eq!(Level::parse("nope"), None);
}

#[test]
fn status_groups() {
    use Status::*;
    let active: Vec<_> = Status::ALL.iter().copied().filter(|s| s.is_active()).collect();
    assert_eq!(active, [Submitted, Accepted, InProgress]);
    let fin: Vec<_> = Status::ALL.iter().copied().filter(|s| s.is_final()).collect();
    assert_eq!(fin, [Closed, Rejected, Withdrawn]);
    // Open311 GeoReport v2: a resolved request awaiting its rating is still open.
    assert_eq!(Resolved.open311(), "open");
    assert_eq!(Submitted.open311(), "open");
    for s in [Closed, Rejected, Withdrawn] {
        assert_eq!(s.open311(), "closed");
    }
}

#[test]
fn levels_go_up_to_the_county() {
    assert_eq!(Level::Village.up(), Some(Level::Township));
    assert_eq!(Level::Township.up(), Some(Level::County));
    assert_eq!(Level::County.up(), None);
    assert_eq!(Level::ALL.iter().map(|l| l.depth()).collect::<Vec<_>>(), [0, 1, 2]);
}

// --- lifecycle ---

#[test]
fn every_allowed_transition() {
    use Status::*;
    let allowed = [
        (Submitted, Step::Accept, Accepted),
        (Submitted, Step::Start, InProgress),
        (Accepted, Step::Start, InProgress),
        (Submitted, Step::Resolve, Resolved),
        (Accepted, Step::Resolve, Resolved),
        (InProgress, Step::Resolve, Resolved),
        (Submitted, Step::Reject, Rejected),
        (Accepted, Step::Reject, Rejected),
        (InProgress, Step::Reject, Rejected),
        (Submitted, Step::Withdraw, Withdrawn),
        (Accepted, Step::Withdraw, Withdrawn),
        (InProgress, Step::Withdraw, Withdrawn),
        (Resolved, Step::Close, Closed),
        (Resolved, Step::Reopen, InProgress),
    ];
    for (from, step, to) in allowed {
        assert_eq!(next(from, step), Ok(to), "{from:?} {step:?}");
    }
    // Everything not listed is refused.
    let mut refused = 0;
    for from in Status::ALL {
        for step in ALL_STEPS {
            if !allowed.iter().any(|(f, s, _)| f == from && *s == step) {
                assert_eq!(next(*from, step), Err(StepError { from: *from, step }), "{from:?} {step:?}");
                refused += 1;
            }
        }
    }
    assert_eq!(refused, 7 * 7 - allowed.len());
}

#[test]
fn sample_of_forbidden_transitions() {
    use Status::*;
    assert!(next(Closed, Step::Reopen).is_err());
    assert!(next(Rejected, Step::Resolve).is_err());
    assert!(next(Resolved, Step::Resolve).is_err());
    assert!(next(Accepted, Step::Accept).is_err());
    assert!(next(InProgress, Step::Close).is_err());
    assert!(next(Withdrawn, Step::Reopen).is_err());
    let e = next(Closed, Step::Reopen).unwrap_err();
    assert_eq!(e.to_string(), "step Reopen is not possible from Closed");
}

#[test]
fn final_states_admit_nothing() {
    for from in Status::ALL.iter().filter(|s| s.is_final()) {
        for step in ALL_STEPS {
            assert!(next(*from, step).is_err());
        }
    }
}

#[test]
fn after_rating_table() {
    use RatingOutcome::*;
    // issue: unsatisfied reopens once by default, then it goes up a level
    let table = [
        (Rating::Satisfied, 0, 1, Close),
        (Rating::Satisfied, 5, 1, Close),
        (Rating::Basically, 0, 1, Close),
        (Rating::Basically, 1, 1, Close),
        (Rating::Unsatisfied, 0, 1, Reopen),
        (Rating::Unsatisfied, 1, 1, Escalate),
        (Rating::Unsatisfied, 2, 1, Escalate),
        (Rating::Unsatisfied, 0, 0, Escalate),
        (Rating::Unsatisfied, 2, 3, Reopen),
    ];
    for (rating, count, limit, outcome) in table {
        assert_eq!(after_rating(rating, count, limit), outcome, "{rating:?} {count} {limit}");
    }
}

// --- SLA ---

#[test]
fn sla_parses_days_and_hours() {
    assert_eq!(Sla::parse("3d"), Some(days(3)));
    assert_eq!(Sla::parse("3"), Some(days(3)));
    assert_eq!(Sla::parse(" 48h "), Some(hours(48)));
    assert_eq!(Sla::parse("365d"), Some(days(365)));
    assert_eq!(Sla::parse("1d"), Some(days(1)));
    assert_eq!(Sla::parse("2000h"), Some(hours(2000)));
    assert_eq!(Sla::parse("1h"), Some(hours(1)));
}

#[test]
fn sla_rejects() {
    for s in ["0d", "366d", "abc", "-1", "3x", "", "  ", "0h", "2001h", "+3", "+3d", "3 d", "d", "h", "3dd", "3hd", "99999999999d", "3D"] {
        assert_eq!(Sla::parse(s), None, "{s:?}");
    }
}

#[test]
fn sla_code_round_trips() {
    for sla in [days(1), days(3), days(365), hours(1), hours(48), hours(2000)] {
        assert_eq!(Sla::parse(&sla.code()), Some(sla));
    }
    assert_eq!(days(3).code(), "3d");
    assert_eq!(hours(48).code(), "48h");
}

// --- calendar and deadlines ---

#[test]
fn working_days_follow_the_calendar() {
    let mut cal = shanghai();
    assert!(cal.is_working_day(d(2025, 6, 6))); // Friday
    assert!(!cal.is_working_day(d(2025, 6, 7))); // Saturday
    assert!(!cal.is_working_day(d(2025, 6, 8))); // Sunday
    cal.holidays.insert(d(2025, 6, 6));
    cal.extra_workdays.insert(d(2025, 6, 7));
    assert!(!cal.is_working_day(d(2025, 6, 6)));
    assert!(cal.is_working_day(d(2025, 6, 7)));
    // A date in both lists is a rest day.
    cal.extra_workdays.insert(d(2025, 6, 6));
    assert!(!cal.is_working_day(d(2025, 6, 6)));
}

#[test]
fn friday_afternoon_plus_three_days_is_due_wednesday_night() {
    // 2025-06-06 is a Friday; Mon 9, Tue 10, Wed 11 are the three working days.
    assert_eq!(deadline(local(2025, 6, 6, 15, 0), days(3), &shanghai()), local(2025, 6, 12, 0, 0));
}

#[test]
fn monday_plus_one_day_is_due_at_the_end_of_tuesday() {
    assert_eq!(deadline(local(2025, 6, 9, 10, 0), days(1), &shanghai()), local(2025, 6, 11, 0, 0));
    // Filed one minute before Monday's end: Monday still does not count.
    assert_eq!(deadline(local(2025, 6, 9, 23, 59), days(1), &shanghai()), local(2025, 6, 11, 0, 0));
}

#[test]
fn a_holiday_in_the_middle_pushes_it_a_day() {
    let mut cal = shanghai();
    cal.holidays.insert(d(2025, 6, 10)); // Tuesday
    assert_eq!(deadline(local(2025, 6, 6, 15, 0), days(3), &cal), local(2025, 6, 13, 0, 0));
}

#[test]
fn a_make_up_saturday_counts() {
    let mut cal = shanghai();
    cal.extra_workdays.insert(d(2025, 6, 7)); // 调休: Saturday is a working day
    assert_eq!(deadline(local(2025, 6, 6, 15, 0), days(3), &cal), local(2025, 6, 11, 0, 0));
}

#[test]
fn a_start_on_saturday_counts_from_monday() {
    assert_eq!(deadline(local(2025, 6, 7, 10, 0), days(1), &shanghai()), local(2025, 6, 10, 0, 0));
    assert_eq!(deadline(local(2025, 6, 8, 23, 0), days(1), &shanghai()), local(2025, 6, 10, 0, 0));
}

#[test]
fn working_hours_skip_the_weekend() {
    // Friday 20:00 local: 4 hours on Friday, then 4 on Monday.
    assert_eq!(deadline(local(2025, 6, 6, 20, 0), hours(8), &shanghai()), local(2025, 6, 9, 4, 0));
    // Within one working day.
    assert_eq!(deadline(local(2025, 6, 9, 9, 30), hours(2), &shanghai()), local(2025, 6, 9, 11, 30));
    // Ending exactly at a midnight.
    assert_eq!(deadline(local(2025, 6, 6, 20, 0), hours(4), &shanghai()), local(2025, 6, 7, 0, 0));
    // 48 hours from Monday 00:00 is Wednesday 00:00.
    assert_eq!(deadline(local(2025, 6, 9, 0, 0), hours(48), &shanghai()), local(2025, 6, 11, 0, 0));
}

#[test]
fn working_hours_started_on_a_rest_day_begin_at_the_next_working_midnight() {
    assert_eq!(deadline(local(2025, 6, 7, 13, 0), hours(3), &shanghai()), local(2025, 6, 9, 3, 0));
    let mut cal = shanghai();
    cal.holidays.insert(d(2025, 6, 9));
    assert_eq!(deadline(local(2025, 6, 7, 13, 0), hours(3), &cal), local(2025, 6, 10, 3, 0));
}

#[test]
fn deadlines_use_the_local_date_and_return_utc() {
    // A local midnight in Shanghai is 16:00 UTC the day before.
    assert_eq!(deadline(local(2025, 6, 9, 10, 0), days(1), &shanghai()), utc(2025, 6, 10, 16, 0));
    // Sunday 17:00 UTC is already Monday 01:00 in Shanghai, so Tuesday is the first working day.
    assert_eq!(deadline(utc(2025, 6, 8, 17, 0), days(1), &shanghai()), utc(2025, 6, 10, 16, 0));
    // In UTC the same instant is a Sunday, so Monday is the first working day.
    assert_eq!(deadline(utc(2025, 6, 8, 17, 0), days(1), &WorkCalendar::default()), utc(2025, 6, 10, 0, 0));
    // West of UTC.
    let cal = WorkCalendar { utc_offset_minutes: -300, ..WorkCalendar::default() };
    assert_eq!(deadline(utc(2025, 6, 9, 12, 0), days(1), &cal), utc(2025, 6, 11, 5, 0));
}

#[test]
fn a_calendar_without_working_days_still_terminates() {
    let mut cal = shanghai();
    let mut day = d(2025, 1, 1);
    for _ in 0..4000 {
        cal.holidays.insert(day);
        day = day.succ_opt().unwrap();
    }
    let start = local(2025, 6, 6, 15, 0);
    assert_eq!(deadline(start, days(3), &cal), start + TimeDelta::days(3));
    assert_eq!(deadline(start, hours(5), &cal), start + TimeDelta::hours(5));
}

fn start_strategy() -> impl Strategy<Value = DateTime<Utc>> {
    // 2000-01-01 to about 2060.
    (946_684_800i64..2_840_000_000).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

fn sla_strategy() -> impl Strategy<Value = Sla> {
    prop_oneof![(1u32..=365).prop_map(days), (1u32..=2000).prop_map(hours)]
}

fn calendar_strategy() -> impl Strategy<Value = (i32, Vec<i64>, Vec<i64>)> {
    (-720i32..=840, prop::collection::vec(-5i64..400, 0..40), prop::collection::vec(-5i64..400, 0..20))
}

proptest! {
    #[test]
    fn deadline_is_after_start(start in start_strategy(), sla in sla_strategy(), (offset, hol, extra) in calendar_strategy()) {
        let base = start.date_naive();
        let cal = WorkCalendar {
            holidays: hol.iter().map(|n| base + TimeDelta::days(*n)).collect(),
            extra_workdays: extra.iter().map(|n| base + TimeDelta::days(*n)).collect(),
            utc_offset_minutes: offset,
        };
        prop_assert!(deadline(start, sla, &cal) > start);
    }

    #[test]
    fn working_days_end_at_the_midnight_after_a_working_day(start in start_strategy(), n in 1u32..=365, offset in -720i32..=840) {
        let cal = WorkCalendar { utc_offset_minutes: offset, ..WorkCalendar::default() };
        let due = deadline(start, days(n), &cal);
        let due_local = due.naive_utc() + TimeDelta::minutes(i64::from(offset));
        prop_assert_eq!(due_local.time(), NaiveTime::MIN);
        let last = due_local.date().pred_opt().unwrap();
        prop_assert!(cal.is_working_day(last));
        // Exactly n working days lie strictly after the start's local date, up to and including `last`.
        let start_local = (start.naive_utc() + TimeDelta::minutes(i64::from(offset))).date();
        let counted = start_local.iter_days().skip(1).take_while(|x| *x <= last).filter(|x| cal.is_working_day(*x)).count();
        prop_assert_eq!(counted, n as usize);
    }
}

// --- escalation and reminders ---

#[test]
fn escalation_cases() {
    let due = utc(2025, 6, 10, 16, 0);
    let before = due - TimeDelta::hours(1);
    let after = due + TimeDelta::hours(1);
    // Overdue and active goes up while there is a level above.
    assert!(should_escalate(Status::InProgress, Level::Village, due, false, after));
    assert!(should_escalate(Status::Submitted, Level::Township, due, false, due));
    // Not yet due, not marked.
    assert!(!should_escalate(Status::Accepted, Level::Village, due, false, before));
    // Beyond capacity before the deadline.
    assert!(should_escalate(Status::Accepted, Level::Village, due, true, before));
    // The county is the top.
    assert!(!should_escalate(Status::InProgress, Level::County, due, true, after));
    // Final statuses never; a resolved one awaits its rating.
    for s in [Status::Closed, Status::Rejected, Status::Withdrawn, Status::Resolved] {
        assert!(!should_escalate(s, Level::Village, due, true, after), "{s:?}");
    }
}

#[test]
fn reminder_edges() {
    let due = utc(2025, 6, 10, 16, 0);
    let window = TimeDelta::hours(4);
    let s = Status::InProgress;
    assert!(!reminder_due(s, due, false, window, due - window - TimeDelta::seconds(1)));
    assert!(reminder_due(s, due, false, window, due - window));
    assert!(reminder_due(s, due, false, window, due - TimeDelta::seconds(1)));
    assert!(!reminder_due(s, due, false, window, due));
    assert!(!reminder_due(s, due, true, window, due - TimeDelta::hours(1)));
    assert!(!reminder_due(Status::Resolved, due, false, window, due - TimeDelta::hours(1)));
    assert!(!reminder_due(Status::Closed, due, false, window, due - TimeDelta::hours(1)));
    assert!(!reminder_due(s, due, false, TimeDelta::zero(), due - TimeDelta::seconds(1)));
    // An absurd window does not overflow.
    assert!(reminder_due(s, due, false, TimeDelta::MAX, due - TimeDelta::days(10_000)));
}

// --- routing ---

#[test]
fn the_village_override_wins() {
    let r = route(Owner::VillageCommittee, Some(Owner::CollectiveEconomy), None, None);
    assert_eq!(r.owner, Owner::CollectiveEconomy);
    assert_eq!(route(Owner::VillageCommittee, None, None, None).owner, Owner::VillageCommittee);
}

#[test]
fn the_linked_member_wins_over_the_designated_handler() {
    let r = route(Owner::PartyBranch, None, Some(id(1)), Some(id(2)));
    assert_eq!(r, Route { owner: Owner::PartyBranch, handler: Some(id(1)), source: HandlerSource::LinkedMember });
    let r = route(Owner::PartyBranch, None, None, Some(id(2)));
    assert_eq!(r, Route { owner: Owner::PartyBranch, handler: Some(id(2)), source: HandlerSource::Designated });
}

#[test]
fn nobody_means_unassigned() {
    let r = route(Owner::Cooperative, None, None, None);
    assert_eq!(r, Route { owner: Owner::Cooperative, handler: None, source: HandlerSource::Unassigned });
}

// --- description text ---

#[test]
fn empty_and_blank_descriptions_are_refused() {
    assert_eq!(AppealText::parse("", DESCRIPTION_MAX), Err(TextError::Empty));
    assert_eq!(AppealText::parse(" \n\t\u{3000} ", DESCRIPTION_MAX), Err(TextError::Empty));
    assert_eq!(AppealText::parse("\u{0}\u{7}", DESCRIPTION_MAX), Err(TextError::Empty));
}

#[test]
fn long_descriptions_are_refused() {
    let big = "a".repeat(100 * 1024);
    assert_eq!(AppealText::parse(&big, DESCRIPTION_MAX), Err(TextError::TooLong { max: DESCRIPTION_MAX }));
    // The limit counts characters, not bytes.
    let cjk = "路".repeat(DESCRIPTION_MAX);
    assert_eq!(AppealText::parse(&cjk, DESCRIPTION_MAX).map(|t| t.as_str().chars().count()), Ok(DESCRIPTION_MAX));
    assert_eq!(AppealText::parse(&format!("{cjk}路"), DESCRIPTION_MAX), Err(TextError::TooLong { max: DESCRIPTION_MAX }));
    // Surrounding spaces do not count.
    assert!(AppealText::parse(&format!("  {cjk}  "), DESCRIPTION_MAX).is_ok());
}

#[test]
fn html_is_kept_verbatim() {
    let html = "<script>alert('x')</script> & <b>路灯</b>";
    assert_eq!(AppealText::parse(html, DESCRIPTION_MAX).unwrap().as_str(), html);
}

#[test]
fn control_characters_are_removed() {
    let t = AppealText::parse("  路灯\u{0}坏了\r\n第二行\t完\u{1b}[31m\u{7f} ", DESCRIPTION_MAX).unwrap();
    assert_eq!(t.into_inner(), "路灯坏了\n第二行\t完[31m");
}

#[test]
fn summaries_take_the_first_line() {
    assert_eq!(summary("村口路灯坏了\n已经三天", 20), "村口路灯坏了");
    assert_eq!(summary("\n\n  村口路灯坏了已经三天  ", 6), "村口路灯坏…");
    assert_eq!(summary("abcdef", 6), "abcdef");
    assert_eq!(summary("abcdefg", 6), "abcde…");
    assert_eq!(summary("abc", 0), "");
    assert_eq!(summary("", 5), "");
}

// --- duplicates ---

#[test]
fn identical_texts_are_fully_similar() {
    assert_eq!(similarity("村口路灯坏了", "村口路灯坏了"), 1.0);
    assert_eq!(similarity("村口，路灯坏了！", "村口 路灯 坏了"), 1.0);
    assert_eq!(similarity("Street LIGHT", "street-light."), 1.0);
    assert_eq!(similarity("路", "路"), 1.0);
}

#[test]
fn disjoint_or_empty_texts_are_not_similar() {
    assert_eq!(similarity("村口路灯", "申请低保"), 0.0);
    assert_eq!(similarity("", "村口路灯"), 0.0);
    assert_eq!(similarity("。，！", "村口路灯"), 0.0);
    assert_eq!(similarity("", ""), 0.0);
    assert_eq!(similarity("路", "路灯"), 0.0);
}

#[test]
fn rephrased_needs_are_duplicates() {
    let s = similarity("村口的路灯坏了三天了", "村口路灯坏了已经三天");
    assert!(s >= DUPLICATE_THRESHOLD, "{s}");
    let s = similarity("村口路灯坏了", "申请低保");
    assert!(s < 0.2, "{s}");
}

proptest! {
    #[test]
    fn similarity_is_symmetric_and_bounded(a in "\\PC{0,30}", b in "\\PC{0,30}") {
        let (x, y) = (similarity(&a, &b), similarity(&b, &a));
        prop_assert_eq!(x, y);
        prop_assert!((0.0..=1.0).contains(&x));
    }

    #[test]
    fn similarity_of_cjk_is_symmetric(a in "[村口路灯坏了三天申请低保的已经]{0,12}", b in "[村口路灯坏了三天申请低保的已经]{0,12}") {
        prop_assert_eq!(similarity(&a, &b), similarity(&b, &a));
    }
}

#[test]
fn find_duplicate_picks_the_best() {
    let candidates = [(id(1), "申请低保"), (id(2), "村口路灯坏了"), (id(3), "村口的路灯坏了三天了"), (id(4), "村口的路灯坏了三天了")];
    let (found, score) = find_duplicate("村口的路灯坏了三天了！", &candidates, DUPLICATE_THRESHOLD).unwrap();
    // Equal scores: the earlier candidate wins.
    assert_eq!(found, id(3));
    assert_eq!(score, 1.0);
    let (found, _) = find_duplicate("村口路灯坏了", &candidates, DUPLICATE_THRESHOLD).unwrap();
    assert_eq!(found, id(2));
    assert_eq!(find_duplicate("修水渠", &candidates, DUPLICATE_THRESHOLD), None);
    assert_eq!(find_duplicate("村口路灯坏了", &[], DUPLICATE_THRESHOLD), None);
}

// --- tracking codes ---

#[test]
fn the_alphabet_has_no_look_alikes() {
    assert_eq!(TRACKING_ALPHABET.len(), 32);
    for c in b"01OI" {
        assert!(!TRACKING_ALPHABET.contains(c));
    }
}

proptest! {
    #[test]
    fn tracking_codes_use_the_alphabet(random in any::<[u8; 10]>()) {
        let code = tracking_code(random);
        prop_assert_eq!(code.len(), 10);
        prop_assert!(code.bytes().all(|b| TRACKING_ALPHABET.contains(&b)));
        prop_assert_eq!(parse_tracking_code(&format_tracking_code(&code)), Some(code.clone()));
        prop_assert_eq!(parse_tracking_code(&code.to_lowercase()), Some(code));
    }
}

#[test]
fn tracking_codes_format_and_parse() {
    assert_eq!(tracking_code([0; 10]), "2222222222");
    assert_eq!(tracking_code([31, 32, 33, 255, 0, 1, 2, 3, 4, 5]), "Z23Z234567");
    assert_eq!(format_tracking_code("ABCDEFGHJK"), "ABCDE-FGHJK");
    assert_eq!(format_tracking_code("ABC"), "ABC");
    assert_eq!(parse_tracking_code("abcde-fghjk").as_deref(), Some("ABCDEFGHJK"));
    assert_eq!(parse_tracking_code(" ABCDE FGHJK ").as_deref(), Some("ABCDEFGHJK"));
    assert_eq!(parse_tracking_code("abcdefghjk").as_deref(), Some("ABCDEFGHJK"));
    for bad in [
        "ABCDE-FGHJO",
        "ABCDE-FGHJ0",
        "ABCDE-FGHJ1",
        "ABCDE-FGHJI",
        "abcde-fghji",
        "ABCDE-FGHJ",
        "ABCDE-FGHJKL",
        "",
        "ABCDE_FGHJK",
        "ABCDE-FGHJ路",
    ] {
        assert_eq!(parse_tracking_code(bad), None, "{bad:?}");
    }
}

// --- statistics ---

#[test]
fn medians() {
    assert_eq!(median(&mut []), None);
    assert_eq!(median(&mut [5]), Some(5));
    assert_eq!(median(&mut [9, 1, 5]), Some(5));
    assert_eq!(median(&mut [4, 1, 3, 2]), Some(2));
    assert_eq!(median(&mut [1, 4]), Some(2));
    assert_eq!(median(&mut [-3, 0]), Some(-1));
    assert_eq!(median(&mut [i64::MAX, i64::MAX]), Some(i64::MAX));
}

#[test]
fn satisfaction_rates() {
    assert_eq!(satisfaction_rate(0, 0, 0), None);
    assert_eq!(satisfaction_rate(3, 1, 0), Some(1.0));
    assert_eq!(satisfaction_rate(0, 0, 4), Some(0.0));
    assert_eq!(satisfaction_rate(1, 2, 1), Some(0.75));
}
