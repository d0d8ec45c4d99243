use super::*;

fn ask(name: &str, pairs: &[(&str, &str)]) -> Answer {
    let values = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    find(name).expect("rule").evaluate(&values, NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(), RuleSettings::default())
}

fn field(e: &Explained, name: &str) -> Value {
    e.verdict.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()).unwrap()
}

#[test]
fn names_are_unique_and_every_output_is_answered() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    for (i, r) in RULES.iter().enumerate() {
        assert!(RULES[..i].iter().all(|o| o.name != r.name), "{} twice", r.name);
        // Fill every input with a value its kind accepts and check the verdict's fields.
        let values = r
            .inputs
            .iter()
            .map(|input| {
                let v = match input.kind {
                    InputKind::Count => "9",
                    InputKind::Text => "110105194912310021",
                    InputKind::Date => "2026-03-02",
                    InputKind::Period => "2026-03",
                    InputKind::MeetingKind => "committee",
                    InputKind::Choice(words) => words[0],
                    InputKind::Money if input.name == "relief" => "10",
                    InputKind::Money => "3000",
                    InputKind::List if input.name == "paid" => "2026-01, 2026-02",
                    InputKind::List if input.name == "done" => "proposal",
                    InputKind::List if input.name == "parts" => "3, 4",
                    InputKind::List => "full, full",
                    InputKind::Month => "2026-03",
                    InputKind::Hours => "2.5",
                    InputKind::Votes => "甲:5, 乙:3",
                    InputKind::Ballot => "approve: 甲; disapprove: 乙; write_in: 丙",
                };
                (input.name.to_owned(), v.to_owned())
            })
            .collect();
        let e = r.evaluate(&values, today, RuleSettings::default()).expect(r.name);
        let names: Vec<_> = e.verdict.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, r.outputs, "{}", r.name);
        assert!(!e.reasons.is_empty());
    }
}

#[test]
fn assembly_vote_answers_with_its_numbers() {
    // RULES.md §1 第十一条: 40 eligible, 20 present is a quorum (半数以上), 20 yes is not a pass.
    let e = ask("assembly-vote", &[("eligible", "40"), ("present", "20"), ("yes", "20")]).unwrap();
    assert_eq!(field(&e, "quorum"), Value::Bool(true));
    assert_eq!(field(&e, "passes"), Value::Bool(false));
    assert_eq!(field(&e, "need_yes"), Value::Count(21));
    let e = ask("assembly-vote", &[("eligible", "40"), ("present", "19"), ("yes", "19")]).unwrap();
    assert_eq!(field(&e, "quorum"), Value::Bool(false));
    assert_eq!(e.reasons[1].key, "reason-no-quorum-no-vote");
}

#[test]
fn impossible_and_missing_inputs_are_named() {
    let p = ask("assembly-vote", &[("eligible", "10"), ("present", "11"), ("yes", "3")]).unwrap_err();
    assert_eq!(p, vec![Problem { field: "present", key: "rule-problem-exceeds", limit: Some("eligible") }]);
    let p = ask("assembly-vote", &[("eligible", "-1"), ("yes", "x")]).unwrap_err();
    let fields: Vec<_> = p.iter().map(|p| (p.field, p.key)).collect();
    assert_eq!(fields, vec![("eligible", "rule-problem-count"), ("present", "rule-problem-missing"), ("yes", "rule-problem-count")]);
    let p = ask("committee-meeting", &[("members", "0"), ("present", "0")]).unwrap_err();
    assert_eq!(p[0].key, "rule-problem-zero");
    let p = ask("appraisal", &[("full_members", "9"), ("excellent", "10")]).unwrap_err();
    assert_eq!(p[0].field, "excellent");
}

#[test]
fn appraisal_allows_a_third() {
    let e = ask("appraisal", &[("full_members", "9"), ("excellent", "4")]).unwrap();
    assert_eq!(field(&e, "allowed"), Value::Bool(false));
    assert_eq!(field(&e, "max_excellent"), Value::Count(3));
}

#[test]
fn establishment_and_id_number() {
    let e = ask("establishment", &[("full_members", "7")]).unwrap();
    assert_eq!(field(&e, "committee_size"), Value::Range([3, 5]));
    let e = ask("establishment", &[("full_members", "6")]).unwrap();
    assert_eq!(field(&e, "committee_size"), Value::Null);
    assert_eq!(field(&e, "may_form_branch"), Value::Bool(true));
    let good = crate::people::make_id_number("110105", NaiveDate::from_ymd_opt(1949, 12, 31).unwrap(), 2, false);
    let e = ask("id-number", &[("id", &good)]).unwrap();
    assert_eq!(field(&e, "valid"), Value::Bool(true));
    let last = good.chars().last().unwrap();
    let bad = format!("{}{}", &good[..17], if last == '1' { '2' } else { '1' });
    let e = ask("id-number", &[("id", &bad)]).unwrap();
    assert_eq!(field(&e, "valid"), Value::Bool(false));
    assert_eq!(e.reasons[0].key, "reason-id-check-digit");
}

#[test]
fn cadence_says_held_late_or_missing() {
    let e = ask("meeting-cadence", &[("kind", "committee"), ("period", "2026-03"), ("held_on", "2026-03-31")]).unwrap();
    assert_eq!(field(&e, "state"), Value::Text("held"));
    let e = ask("meeting-cadence", &[("kind", "committee"), ("period", "2026-03"), ("held_on", "2026-04-02")]).unwrap();
    assert_eq!((field(&e, "state"), field(&e, "days")), (Value::Text("late"), Value::Count(2)));
    let e = ask("meeting-cadence", &[("kind", "assembly"), ("period", "2026-Q3")]).unwrap();
    assert_eq!(field(&e, "state"), Value::Text("missing"));
    let p = ask("meeting-cadence", &[("kind", "joint_committees"), ("period", "2026")]).unwrap_err();
    assert_eq!(p[0].key, "rule-problem-choice");
}

#[test]
fn development_gates_answer_with_their_dates() {
    let e =
        ask("development-gate", &[("gate", "application"), ("applicant_birth", "2008-12-07"), ("application_on", "2026-12-06")]).unwrap();
    assert_eq!(field(&e, "allowed"), Value::Bool(false));
    assert_eq!(field(&e, "earliest"), Value::Date(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()));
    let e = ask("development-gate", &[("gate", "development_target"), ("activist_since", "2025-12-07"), ("on", "2026-12-06")]).unwrap();
    assert_eq!(field(&e, "allowed"), Value::Bool(false));
    let e = ask("development-gate", &[("gate", "introducers"), ("introducers", r#"["full","probationary"]"#)]).unwrap();
    assert_eq!(field(&e, "allowed"), Value::Bool(false));
    assert_eq!(e.reasons[1].key, "reason-dev-introducer-refused");
    let e = ask("development-gate", &[("gate", "introducers"), ("introducers", "full, full")]).unwrap();
    assert_eq!(field(&e, "allowed"), Value::Bool(true));
    let p = ask("development-gate", &[("gate", "introducers"), ("introducers", "full, chief")]).unwrap_err();
    assert_eq!((p[0].field, p[0].key), ("introducers", "rule-problem-choice"));
    let e = ask("development-gate", &[("gate", "confirmation"), ("probation_from", "2025-12-06"), ("on", "2026-12-06")]).unwrap();
    assert_eq!(field(&e, "allowed"), Value::Bool(true));
    // Every date a gate needs is named when missing.
    let p = ask("development-gate", &[("gate", "confirmation")]).unwrap_err();
    assert_eq!(p.iter().map(|p| p.field).collect::<Vec<_>>(), vec!["probation_from", "on"]);
    let p =
        ask("development-gate", &[("gate", "training"), ("training_from", "2026-05-01"), ("training_to", "2026-05-01"), ("hours", "30")])
            .unwrap_err();
    assert_eq!(p[0].key, "rule-problem-hours");
    let p = ask("development-gate", &[("gate", "vote")]).unwrap_err();
    assert_eq!(p[0].field, "gate");
}

#[test]
fn dues_by_kind_and_base() {
    let e = ask("dues", &[("kind", "employed"), ("base", "3000.01")]).unwrap();
    assert_eq!(field(&e, "dues"), Value::Money(3000));
    let e = ask("dues", &[("kind", "retired"), ("base", "5000")]).unwrap();
    assert_eq!(field(&e, "dues"), Value::Money(2500));
    let e = ask("dues", &[("kind", "farmer")]).unwrap();
    assert_eq!(field(&e, "dues"), Value::Money(crate::dues::DEFAULT_FARMER_FEN));
    let p = ask("dues", &[("kind", "employed"), ("base", "-1")]).unwrap_err();
    assert_eq!((p[0].field, p[0].key), ("base", "rule-problem-negative"));
    let p = ask("dues", &[("kind", "employed")]).unwrap_err();
    assert_eq!((p[0].field, p[0].key), ("base", "rule-problem-missing"));
    let p = ask("dues", &[("kind", "employed"), ("base", "12.345")]).unwrap_err();
    assert_eq!(p[0].key, "rule-problem-money");
}

#[test]
fn dues_payments_and_arrears() {
    let e = ask("dues-payment", &[("starts", "2025-03-15"), ("month", "2025-03"), ("paid_on", "2026-05-20")]).unwrap();
    assert_eq!(field(&e, "allowed"), Value::Bool(true));
    assert_eq!(field(&e, "late"), Value::Bool(true));
    let e =
        ask("dues-payment", &[("starts", "2025-03-15"), ("month", "2026-05"), ("paid_on", "2026-05-20"), ("already_paid", "yes")]).unwrap();
    assert_eq!(field(&e, "allowed"), Value::Bool(false));
    assert_eq!(e.reasons[2].args.last(), Some(&("met", Arg::Text("no".into()))));
    let p = ask("dues-payment", &[("starts", "2025-03-15"), ("month", "May"), ("paid_on", "2026-05-20")]).unwrap_err();
    assert_eq!((p[0].field, p[0].key), ("month", "rule-problem-month"));
    let e = ask("dues-arrears", &[("starts", "2026-01"), ("through", "2026-10"), ("paid", "2026-01, 2026-02, 2026-09")]).unwrap();
    assert_eq!(field(&e, "owed"), Value::Count(7));
    assert_eq!(field(&e, "longest_run"), Value::Count(6));
    assert_eq!(field(&e, "alert"), Value::Bool(true));
    let p = ask("dues-arrears", &[("starts", "2026-01"), ("through", "2026-10"), ("paid", "2026-13")]).unwrap_err();
    assert_eq!(p[0].field, "paid");
}

#[test]
fn must_visit_and_household_contact_answer_with_their_numbers() {
    let e = ask("must-visit", &[("year", "2026"), ("birth", "1946-12-31"), ("joined", "1980-05-01")]).unwrap();
    assert_eq!(field(&e, "must"), Value::Bool(true));
    assert_eq!(field(&e, "age"), Value::Count(80));
    assert_eq!(field(&e, "party_years"), Value::Count(46));
    assert_eq!(e.reasons[0].key, "reason-care-must-elderly");
    let e = ask("must-visit", &[("year", "2026"), ("birth", "1960-01-01")]).unwrap();
    assert_eq!((field(&e, "must"), field(&e, "party_years")), (Value::Bool(false), Value::Null));
    assert_eq!(ask("must-visit", &[("year", "2026"), ("difficulty", "yes")]).unwrap().reasons[0].key, "reason-care-must-difficulty");

    // Thirty days is still in time; the thirty-first is not. The limit is a setting.
    let e = ask("household-contact", &[("linked_since", "2026-01-01"), ("last_contact", "2026-03-01"), ("on", "2026-03-31")]).unwrap();
    assert_eq!((field(&e, "days"), field(&e, "overdue")), (Value::Count(30), Value::Bool(false)));
    let e = ask("household-contact", &[("linked_since", "2026-01-01"), ("last_contact", "2026-03-01"), ("on", "2026-04-01")]).unwrap();
    assert_eq!(field(&e, "overdue"), Value::Bool(true));
    let values = [("linked_since", "2026-01-01"), ("last_contact", "2026-03-01"), ("on", "2026-03-20")]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let week = RuleSettings { contact_days: 7, ..RuleSettings::default() };
    let e = find("household-contact").unwrap().evaluate(&values, NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(), week).unwrap();
    assert_eq!((field(&e, "limit"), field(&e, "overdue")), (Value::Count(7), Value::Bool(true)));
    // Never contacted: from the link's first day, to today when no day is given.
    let e = ask("household-contact", &[("linked_since", "2026-11-30")]).unwrap();
    assert_eq!((field(&e, "days"), e.reasons[0].key), (Value::Count(6), "reason-care-contact-never"));
    let wrong = ask("household-contact", &[("linked_since", "2026-12-01"), ("on", "2026-11-01")]).unwrap_err();
    assert_eq!(wrong[0].key, "rule-problem-backwards");
}

#[test]
fn points_answer_with_every_part_and_the_action() {
    let e = ask("points", &[("appeal_resolved", "15"), ("meeting_absent", "3"), ("hand_added", "2")]).unwrap();
    // 100 + 20 (30 capped at 20) − 15 + 2.
    assert_eq!(field(&e, "total"), Value::Count(107));
    assert!(e.reasons.iter().any(|r| r.key == "reason-points-item-capped"));
    assert!(e.reasons.iter().any(|r| r.key == "reason-points-hand"));
    let e = ask("points", &[("meeting_absent", "4"), ("probationary", "yes"), ("yearly", "yes")]).unwrap();
    assert_eq!((field(&e, "total"), field(&e, "probation_not_confirmed")), (Value::Count(80), Value::Bool(true)));
    let e = ask("points", &[("meeting_absent", "4"), ("probationary", "yes")]).unwrap();
    assert_eq!(field(&e, "probation_not_confirmed"), Value::Bool(false));
}

#[test]
fn officers_and_recommendation_scores_answer_with_their_numbers() {
    let e = ask("officer-vote", &[("members", "5"), ("present", "4"), ("yes", "3")]).unwrap();
    assert_eq!((field(&e, "quorum"), field(&e, "elected")), (Value::Bool(true), Value::Bool(true)));
    let e = ask("officer-vote", &[("members", "5"), ("present", "4"), ("yes", "2")]).unwrap();
    assert_eq!(field(&e, "elected"), Value::Bool(false), "two of five is not more than half of the committee");
    assert!(ask("officer-vote", &[("members", "5"), ("present", "6"), ("yes", "2")]).is_err());
    let score = [("member_votes", "30"), ("member_ballots", "40"), ("villager_votes", "120"), ("villager_ballots", "200")];
    let e = ask("recommendation-score", &score).unwrap();
    assert_eq!(field(&e, "score"), Value::Score(6900), "60 × 30/40 + 40 × 120/200");
    let over = [("member_votes", "41"), ("member_ballots", "40"), ("villager_votes", "0"), ("villager_ballots", "0")];
    assert!(ask("recommendation-score", &over).is_err());
}
