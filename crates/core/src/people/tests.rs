//! Tests of the parent module.

use super::*;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn today() -> NaiveDate {
    d(2025, 6, 30)
}

/// First 17 digits plus their check character.
fn with_check(first17: &str) -> String {
    format!("{first17}{}", id_check_char(first17).unwrap())
}

// --- identity numbers (GB 11643-1999) ---

#[test]
fn parses_a_real_format_id() {
    let id = parse_id_number("11010519491231002X", today()).unwrap();
    assert_eq!(id.normalized, "11010519491231002X");
    assert_eq!(id.birth, d(1949, 12, 31));
    assert_eq!(id.gender, Gender::Female);
}

#[test]
fn trims_and_accepts_lower_case_x() {
    let id = parse_id_number("  11010519491231002x\t", today()).unwrap();
    assert_eq!(id.normalized, "11010519491231002X");
}

#[test]
fn odd_seventeenth_digit_is_male() {
    let id = parse_id_number(&with_check("43012419800101001"), today()).unwrap();
    assert_eq!(id.gender, Gender::Male);
    let id = parse_id_number(&with_check("43012419800101002"), today()).unwrap();
    assert_eq!(id.gender, Gender::Female);
}

#[test]
fn check_character_is_mod_11_2() {
    assert_eq!(id_check_char("11010519491231002"), Some('X'));
    assert_eq!(id_check_char("44052418800101001"), Some('4'));
    assert_eq!(id_check_char("1101051949123100"), None);
    assert_eq!(id_check_char("1101051949123100A"), None);
    assert_eq!(id_check_char("110105194912310021"), None);
}

#[test]
fn rejects_a_wrong_check_character() {
    assert_eq!(parse_id_number("110105194912310021", today()), Err(IdError::CheckDigit));
    assert_eq!(parse_id_number("110105194912310020", today()), Err(IdError::CheckDigit));
}

#[test]
fn rejects_bad_length_and_characters() {
    // The old 15-digit numbers were replaced in 2013 and are not accepted.
    assert_eq!(parse_id_number("110105491231002", today()), Err(IdError::Length));
    assert_eq!(parse_id_number("", today()), Err(IdError::Length));
    assert_eq!(parse_id_number("11010519491231002XX", today()), Err(IdError::Length));
    assert_eq!(parse_id_number("11010519491231002Y", today()), Err(IdError::Characters));
    assert_eq!(parse_id_number("1101051949123100X2", today()), Err(IdError::Characters));
    assert_eq!(parse_id_number("11010519491231002号", today()), Err(IdError::Characters));
}

#[test]
fn rejects_unknown_province_codes() {
    for region in ["000000", "160000", "240000", "380000", "470000", "550000", "660000", "720000", "830000", "990000"] {
        let id = with_check(&format!("{region}19800101001"));
        assert_eq!(parse_id_number(&id, today()), Err(IdError::Region), "{region}");
    }
    for region in ["110000", "150000", "210000", "370000", "460000", "500000", "650000", "710000", "810000", "820000", "910000"] {
        let id = with_check(&format!("{region}19800101001"));
        assert!(parse_id_number(&id, today()).is_ok(), "{region}");
    }
}

#[test]
fn birth_date_must_be_real_and_in_range() {
    let parse = |date: &str| parse_id_number(&with_check(&format!("110105{date}001")), today());
    assert_eq!(parse("19490230"), Err(IdError::BirthDate));
    assert_eq!(parse("19491301"), Err(IdError::BirthDate));
    assert_eq!(parse("19000229"), Err(IdError::BirthDate), "1900 is not a leap year");
    assert!(parse("20000229").is_ok());
    assert_eq!(parse("18991231"), Err(IdError::BirthDate));
    assert!(parse("19000101").is_ok());
    assert!(parse("20250630").is_ok(), "born today");
    assert_eq!(parse("20250701"), Err(IdError::BirthDate), "born tomorrow");
    // A well-known sample number, born in 1880: too early to be a member.
    assert_eq!(parse_id_number("440524188001010014", today()), Err(IdError::BirthDate));
}

#[test]
fn debug_masks_the_number() {
    let id = parse_id_number("11010519491231002X", today()).unwrap();
    let shown = format!("{id:?}");
    assert!(shown.contains("1101**********002X"));
    assert!(!shown.contains("19491231"));
}

#[test]
fn made_numbers_parse_with_the_requested_gender() {
    let id = make_id_number("430124", d(1985, 2, 28), 999, false);
    assert_eq!(&id[14..17], "998");
    let parsed = parse_id_number(&id, today()).unwrap();
    assert_eq!((parsed.birth, parsed.gender), (d(1985, 2, 28), Gender::Female));
    assert_eq!(&make_id_number("430124", d(1985, 2, 28), 0, true)[14..17], "001");
    assert!(make_id_number("43012", d(1985, 2, 28), 0, true).ends_with('?'));
}

// --- phones ---

#[test]
fn parses_mobiles() {
    for s in ["13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678", "+8613812345678", "0086 13812345678"] {
        assert_eq!(parse_phone(s).as_deref(), Ok("13812345678"), "{s}");
    }
    assert_eq!(parse_phone("19912345678").as_deref(), Ok("19912345678"));
    assert_eq!(parse_phone("12812345678"), Err(PhoneError::Format));
    assert_eq!(parse_phone("1381234567"), Err(PhoneError::Format));
    assert_eq!(parse_phone("138123456789"), Err(PhoneError::Format));
}

#[test]
fn parses_landlines_with_area_code() {
    assert_eq!(parse_phone("010-12345678").as_deref(), Ok("010-12345678"));
    assert_eq!(parse_phone("01012345678").as_deref(), Ok("010-12345678"));
    assert_eq!(parse_phone("021 6123 4567").as_deref(), Ok("021-61234567"));
    assert_eq!(parse_phone("0731 8888888").as_deref(), Ok("0731-8888888"));
    assert_eq!(parse_phone("073188888888").as_deref(), Ok("0731-88888888"));
    assert_eq!(parse_phone("+86 10 12345678").as_deref(), Ok("010-12345678"));
    assert_eq!(parse_phone("+86 731 88888888").as_deref(), Ok("0731-88888888"));
    assert_eq!(parse_phone("0086 0731 88888888").as_deref(), Ok("0731-88888888"));
}

#[test]
fn rejects_other_phone_text() {
    for s in ["", "abc", "0731-888888", "0731-888888888", "88888888", "0012345678", "+1 2025550123", "138 1234 567a"] {
        assert_eq!(parse_phone(s), Err(PhoneError::Format), "{s}");
    }
}

// --- masking ---

#[test]
fn masks_identity_numbers() {
    assert_eq!(mask_id("110105194912311234"), "1101**********1234");
    assert_eq!(mask_id("11010519491231002X"), "1101**********002X");
    assert_eq!(mask_id("123456789"), "1234*6789");
    assert_eq!(mask_id("12345678"), "********");
    assert_eq!(mask_id(""), "");
}

#[test]
fn masks_phones() {
    assert_eq!(mask_phone("13812341234"), "138****1234");
    assert_eq!(mask_phone("0731-8888888"), "0731-*****88");
    assert_eq!(mask_phone("010-12345678"), "010-******78");
    assert_eq!(mask_phone("073188888888"), "0731******88");
    assert_eq!(mask_phone("12345"), "*****");
    assert_eq!(mask_phone("not a phone"), "not ***hone");
}

// --- enumerations ---

#[test]
fn enum_text_roundtrips() {
    fn check<T: Copy + PartialEq + std::fmt::Debug>(all: &[T], as_str: fn(T) -> &'static str, parse: fn(&str) -> Option<T>) {
        for v in all {
            assert_eq!(parse(as_str(*v)), Some(*v));
        }
    }
    check(Gender::ALL, Gender::as_str, Gender::parse);
    check(MemberStatus::ALL, MemberStatus::as_str, MemberStatus::parse);
    check(PostKind::ALL, PostKind::as_str, PostKind::parse);
    check(BodyKind::ALL, BodyKind::as_str, BodyKind::parse);
    check(Education::ALL, Education::as_str, Education::parse);
    check(Occupation::ALL, Occupation::as_str, Occupation::parse);
    check(TransferStatus::ALL, TransferStatus::as_str, TransferStatus::parse);
    assert_eq!(Education::parse("none"), Some(Education::None));
}

#[test]
fn member_status_predicates() {
    use MemberStatus::*;
    let members: Vec<_> = MemberStatus::ALL.iter().copied().filter(|s| s.is_party_member()).collect();
    assert_eq!(members, [Probationary, Full]);
    // RULES.md §2 选举条例 第五条: probationary members have no vote.
    let voters: Vec<_> = MemberStatus::ALL.iter().copied().filter(|s| s.can_vote()).collect();
    assert_eq!(voters, [Full]);
    // RULES.md §7 第二十四条: out of contact comes before suspension, so it is not final.
    let ended: Vec<_> = MemberStatus::ALL.iter().copied().filter(|s| s.is_end_state()).collect();
    assert_eq!(ended, [Suspended, Removed, Deceased]);
}

#[test]
fn post_kinds() {
    let party: Vec<_> = PostKind::ALL.iter().copied().filter(|p| p.is_party_post()).collect();
    assert_eq!(party, [PostKind::Secretary, PostKind::DeputySecretary, PostKind::CommitteeMember, PostKind::PartyGroupLeader]);
    // RULES.md §2 支部条例 第二十一条 and §9 组织法: five-year terms; §8 grids are local practice.
    assert_eq!(PostKind::Secretary.default_term_years(), 5);
    assert_eq!(PostKind::VcDirector.default_term_years(), 5);
    assert_eq!(PostKind::SupervisionMember.default_term_years(), 5);
    assert_eq!(PostKind::GridLeader.default_term_years(), 3);
    assert_eq!(PostKind::Other.default_term_years(), 3);
}

#[test]
fn reads_roster_texts() {
    for s in ["男", "male", "Male", "M", "m", " 男 "] {
        assert_eq!(parse_gender_text(s), Some(Gender::Male), "{s}");
    }
    for s in ["女", "female", "FEMALE", "F", "f"] {
        assert_eq!(parse_gender_text(s), Some(Gender::Female), "{s}");
    }
    assert_eq!(parse_gender_text("x"), None);
    use MemberStatus::*;
    let cases = [
        ("申请人", Applicant),
        ("入党申请人", Applicant),
        ("积极分子", Activist),
        ("入党积极分子", Activist),
        ("发展对象", DevelopmentTarget),
        ("预备党员", Probationary),
        ("正式党员", Full),
        ("停止党籍", Suspended),
        ("失联", OutOfContact),
        ("除名", Removed),
        ("去世", Deceased),
        ("死亡", Deceased),
        ("out_of_contact", OutOfContact),
        (" Full ", Full),
    ];
    for (text, status) in cases {
        assert_eq!(parse_member_status_text(text), Some(status), "{text}");
    }
    assert_eq!(parse_member_status_text("党员"), None);
}

// --- establishment rules ---

fn branch(full: u64, members: u64, committee: Option<u64>) -> Vec<Finding> {
    establishment_findings(OrgKind::Branch, full, members, committee)
}

#[test]
fn branch_needs_three_full_members() {
    // RULES.md §7 支部条例 第四条: 正式党员3人以上 ⇒ branch; fewer ⇒ joint branch.
    assert_eq!(branch(2, 2, None), [Finding::BranchTooSmall { full: 2 }]);
    assert_eq!(branch(3, 3, None), []);
    assert_eq!(
        establishment_findings(OrgKind::JointBranch, 2, 4, None),
        [Finding::BranchTooSmall { full: 2 }],
        "the joint branch itself needs 3 full members"
    );
    assert_eq!(Finding::BranchTooSmall { full: 2 }.severity(), Severity::Violation);
}

#[test]
fn committee_from_seven_full_members() {
    // RULES.md §2 支部条例 第二十条: 正式党员7人以上 ⇒ committee; fewer ⇒ a secretary.
    assert_eq!(branch(6, 6, None), []);
    assert_eq!(branch(7, 7, None), [Finding::CommitteeRequired { full: 7 }]);
    assert_eq!(branch(7, 7, Some(0)), [Finding::CommitteeRequired { full: 7 }]);
    assert_eq!(branch(7, 7, Some(3)), []);
    assert_eq!(branch(6, 6, Some(3)), [Finding::SecretaryOnly { full: 6 }]);
    assert_eq!(branch(2, 2, Some(1)), [Finding::BranchTooSmall { full: 2 }, Finding::SecretaryOnly { full: 2 }]);
    assert_eq!(Finding::CommitteeRequired { full: 7 }.severity(), Severity::Violation);
    assert_eq!(Finding::SecretaryOnly { full: 6 }.severity(), Severity::Info);
}

#[test]
fn committee_size_three_to_five_capped_at_seven() {
    // RULES.md §2 支部条例 第二十条: 由3至5人组成，一般不超过7人.
    let out = |size| Finding::CommitteeSizeOutOfRange { size, min: 3, max: 5 };
    assert_eq!(branch(20, 20, Some(2)), [out(2)]);
    assert_eq!(branch(20, 20, Some(3)), []);
    assert_eq!(branch(20, 20, Some(5)), []);
    assert_eq!(branch(20, 20, Some(6)), [out(6)]);
    assert_eq!(out(2).severity(), Severity::Warning);
    assert_eq!(out(6).severity(), Severity::Warning);
    assert_eq!(out(7).severity(), Severity::Warning);
    assert_eq!(out(8).severity(), Severity::Violation);
}

#[test]
fn larger_organizations() {
    // RULES.md §7 农村条例: 超过50人 (strictly more) ⇒ general branch; 100人以上 ⇒ committee;
    // 500人以上 ⇒ delegates' congress.
    assert_eq!(branch(40, 50, Some(5)), []);
    assert_eq!(branch(40, 51, Some(5)), [Finding::ConsiderGeneralBranch { members: 51 }]);
    assert_eq!(establishment_findings(OrgKind::GeneralBranch, 90, 99, None), []);
    assert_eq!(establishment_findings(OrgKind::GeneralBranch, 90, 100, None), [Finding::ConsiderVillageCommittee { members: 100 }]);
    assert_eq!(establishment_findings(OrgKind::GeneralBranch, 2, 2, None), [], "branch thresholds are not applied");
    assert_eq!(establishment_findings(OrgKind::Committee, 450, 499, Some(7)), []);
    assert_eq!(establishment_findings(OrgKind::Committee, 450, 500, Some(7)), [Finding::MayUseDelegates { members: 500 }]);
    assert_eq!(establishment_findings(OrgKind::PartyGroup, 0, 1000, Some(9)), []);
}

#[test]
fn every_finding_has_its_own_key() {
    let all = [
        Finding::BranchTooSmall { full: 0 },
        Finding::CommitteeRequired { full: 0 },
        Finding::CommitteeSizeOutOfRange { size: 0, min: 3, max: 5 },
        Finding::SecretaryOnly { full: 0 },
        Finding::ConsiderGeneralBranch { members: 0 },
        Finding::ConsiderVillageCommittee { members: 0 },
        Finding::MayUseDelegates { members: 0 },
    ];
    let keys: std::collections::HashSet<_> = all.iter().map(Finding::key).collect();
    assert_eq!(keys.len(), all.len());
    assert!(keys.iter().all(|k| k.starts_with("finding-")));
    assert_eq!(Finding::ConsiderGeneralBranch { members: 51 }.severity(), Severity::Info);
    assert_eq!(Finding::MayUseDelegates { members: 500 }.severity(), Severity::Info);
}

// --- dates ---

#[test]
fn terms_end_on_the_same_day() {
    // RULES.md §2: village branch term 5 years.
    assert_eq!(term_end(d(2021, 3, 15), 5), d(2026, 3, 15));
    assert_eq!(term_end(d(2024, 2, 29), 1), d(2025, 2, 28));
    assert_eq!(term_end(d(2024, 2, 29), 4), d(2028, 2, 29));
    assert_eq!(term_end(d(2024, 2, 29), 0), d(2024, 2, 29));
}

#[test]
fn term_states() {
    let end = d(2026, 3, 15);
    assert_eq!(term_state(end, d(2025, 12, 14), 3), TermState::Current);
    assert_eq!(term_state(end, d(2025, 12, 15), 3), TermState::EndingSoon { days_left: 90 });
    assert_eq!(term_state(end, end, 3), TermState::EndingSoon { days_left: 0 });
    assert_eq!(term_state(end, d(2026, 3, 16), 3), TermState::Ended { days_over: 1 });
    assert_eq!(term_state(end, d(2026, 3, 14), 0), TermState::Current);
    assert_eq!(term_state(end, end, 0), TermState::EndingSoon { days_left: 0 });
}

#[test]
fn mobile_after_six_calendar_months() {
    // RULES.md §7 教育管理条例 第二十五、三十二条: away 6 months or more.
    let since = d(2024, 1, 15);
    assert!(!is_mobile(Some(since), d(2024, 7, 14)));
    assert!(is_mobile(Some(since), d(2024, 7, 15)));
    assert!(is_mobile(Some(d(2024, 8, 31)), d(2025, 2, 28)));
    assert!(!is_mobile(Some(d(2024, 8, 31)), d(2025, 2, 27)));
    assert!(!is_mobile(None, d(2030, 1, 1)));
    assert!(!is_mobile(Some(d(2026, 1, 1)), d(2025, 1, 1)));
}

#[test]
fn letters_and_ages() {
    // RULES.md §7: letter validity is a setting, usually 3 months.
    assert_eq!(letter_valid_until(d(2024, 11, 30), 3), d(2025, 2, 28));
    assert_eq!(letter_valid_until(d(2025, 1, 10), 3), d(2025, 4, 10));
    // RULES.md §5 细则 第五条 needs the age at application.
    assert_eq!(age_on(d(2006, 5, 10), d(2024, 5, 9)), 17);
    assert_eq!(age_on(d(2006, 5, 10), d(2024, 5, 10)), 18);
    assert_eq!(age_on(d(2004, 2, 29), d(2022, 2, 28)), 17);
    assert_eq!(age_on(d(2004, 2, 29), d(2022, 3, 1)), 18);
    assert_eq!(age_on(d(2004, 2, 29), d(2024, 2, 29)), 20);
    assert_eq!(age_on(d(2030, 1, 1), d(2025, 1, 1)), 0);
}

#[test]
fn linked_households_range() {
    // RULES.md §8 联户: 5–10 households per member by default.
    assert_eq!(link_count_finding(4, 5, 10), Some((4, 5, 10)));
    assert_eq!(link_count_finding(5, 5, 10), None);
    assert_eq!(link_count_finding(10, 5, 10), None);
    assert_eq!(link_count_finding(11, 5, 10), Some((11, 5, 10)));
}

// --- properties ---

/// Every revealed character equals the input at its position, and apart from separators only the
/// first and last four positions are revealed.
fn reveals_at_most_edges(input: &str, masked: &str) -> bool {
    let input: Vec<char> = input.chars().collect();
    let masked: Vec<char> = masked.chars().collect();
    let n = input.len();
    masked.len() == n
        && masked.iter().zip(&input).enumerate().all(|(i, (m, c))| *m == '*' || (m == c && (i < 4 || i + 4 >= n || matches!(c, '-' | ' '))))
}

fn phone_like() -> impl Strategy<Value = String> {
    prop_oneof!["1[3-9][0-9]{9}", "0[1-9][0-9]{1,2}-[0-9]{7,8}", "0[1-9][0-9]{8,10}", "[0-9 +-]{0,16}", any::<String>()]
}

proptest! {
    #[test]
    fn mask_id_keeps_length_and_hides_the_middle(s in any::<String>()) {
        let masked = mask_id(&s);
        prop_assert!(reveals_at_most_edges(&s, &masked), "{s:?} -> {masked:?}");
        prop_assert!(masked.chars().filter(|c| *c != '*').count() <= 8);
    }

    #[test]
    fn mask_phone_keeps_length_and_hides_the_middle(s in phone_like()) {
        let masked = mask_phone(&s);
        prop_assert!(reveals_at_most_edges(&s, &masked), "{s:?} -> {masked:?}");
    }

    #[test]
    fn parsed_phones_parse_again_unchanged(s in phone_like()) {
        if let Ok(p) = parse_phone(&s) {
            prop_assert_eq!(parse_phone(&p), Ok(p.clone()));
        }
    }

    #[test]
    fn made_id_numbers_parse_back(
        region in prop::sample::select(vec!["110105", "430124", "440305", "650102", "710000", "810000", "820000", "910000"]),
        days in 0i64..=(today() - EARLIEST_BIRTH).num_days(),
        seq in any::<u16>(),
        male in any::<bool>(),
    ) {
        let birth = EARLIEST_BIRTH + chrono::Duration::days(days);
        let id = make_id_number(region, birth, seq, male);
        let parsed = parse_id_number(&id, today()).unwrap();
        prop_assert_eq!(&parsed.normalized, &id);
        prop_assert_eq!(parsed.birth, birth);
        prop_assert_eq!(parsed.gender, if male { Gender::Male } else { Gender::Female });
    }

    #[test]
    fn any_single_digit_change_is_caught(
        days in 0i64..=(today() - EARLIEST_BIRTH).num_days(),
        seq in any::<u16>(),
        pos in 0usize..17,
        delta in 1u8..10,
    ) {
        // MOD 11-2 detects every single substitution, whichever check fails first.
        let id = make_id_number("430124", EARLIEST_BIRTH + chrono::Duration::days(days), seq, true);
        let mut bytes = id.into_bytes();
        bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
        let changed = String::from_utf8(bytes).unwrap();
        prop_assert!(parse_id_number(&changed, today()).is_err(), "{changed}");
    }

    #[test]
    fn committee_and_secretary_findings_exclude_each_other(full in 0u64..20, extra in 0u64..60, size in prop::option::of(0u64..10)) {
        let findings = branch(full, full + extra, size);
        let required = findings.iter().any(|f| matches!(f, Finding::CommitteeRequired { .. }));
        let secretary = findings.iter().any(|f| matches!(f, Finding::SecretaryOnly { .. }));
        prop_assert!(!(required && secretary));
    }
}

#[test]
fn party_probation_is_one_or_two_years_and_ends_the_day_before() {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(party_probation_until(d("2026-03-01"), 1), Some(d("2027-03-01")));
    assert_eq!(party_probation_until(d("2026-03-01"), 2), Some(d("2028-03-01")));
    assert_eq!(party_probation_until(d("2026-03-01"), 0), None);
    assert_eq!(party_probation_until(d("2026-03-01"), 3), None);
    let (from, until) = (Some(d("2026-03-01")), Some(d("2027-03-01")));
    assert!(!under_party_probation(from, until, d("2026-02-28")));
    assert!(under_party_probation(from, until, d("2026-03-01")));
    assert!(under_party_probation(from, until, d("2027-02-28")));
    assert!(!under_party_probation(from, until, d("2027-03-01")));
    assert!(!under_party_probation(None, None, d("2026-06-01")));
}

proptest::proptest! {
    #[test]
    fn eighteen_before_agrees_with_age_on(on in 0i64..20_000, birth in 0i64..20_000) {
        let base = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
        let (on, birth) = (base + chrono::TimeDelta::days(on), base - chrono::TimeDelta::days(7000) + chrono::TimeDelta::days(birth));
        proptest::prop_assert_eq!(birth <= eighteen_before(on), age_on(birth, on) >= 18);
    }
}
