//! Every rule the product enforces that a person may want to check beforehand, by name: its
//! source, its confidence (RULES.md H/M/L), its inputs, and a verdict carrying the numbers and the
//! reasons. Each entry calls the very function the use cases enforce with, so `/rules` and
//! `POST /api/v1/rules/{name}` cannot explain a rule differently from how it is applied.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::development::{self, IntroducerStatus};
use crate::meetings::{
    self, CadenceSettings, CountError, Held, MeetingKind, Period, Requirement, appraisal_cap, assembly_vote, check_period, committee_quorum,
};
use crate::people::{IdError, establishment, parse_id_number};

/// How sure RULES.md is of a rule: H (the text says so), M (a summary or a common local rule), L.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl Confidence {
    pub fn letter(self) -> &'static str {
        match self {
            Confidence::High => "H",
            Confidence::Medium => "M",
            Confidence::Low => "L",
        }
    }
}

/// What an input holds, so a form can offer the right control.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// A whole number, 0 or more.
    Count,
    /// Free text (an identity number).
    Text,
    /// A date, `YYYY-MM-DD`; optional inputs may be left empty.
    Date,
    /// A period: `2026-03`, `2026-Q1` or `2026`.
    Period,
    /// One of the meeting kinds with a cadence.
    MeetingKind,
    /// One of a fixed list of words.
    Choice(&'static [&'static str]),
    /// An amount of yuan with at most two decimals, 0 or more.
    Money,
    /// Several words, as a JSON list or separated by commas.
    List,
    /// A month: `2026-03`, or any date in it.
    Month,
    /// Study hours, more than zero, with at most one decimal.
    Hours,
    /// Votes by candidate: `{"甲": 30}` or `甲:30, 乙:25`.
    Votes,
    /// One ballot's marks: `{"approve": [...], "disapprove": [...], "abstain": [...], "write_in": [...]}`
    /// or `approve: 甲,乙; disapprove: 丙; write_in: 戊`.
    Ballot,
}

#[derive(Clone, Copy, Debug)]
pub struct Input {
    pub name: &'static str,
    pub kind: InputKind,
    pub required: bool,
}

/// An argument of a reason: the numbers and words its sentence is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Count(u64),
    Text(String),
    Date(NaiveDate),
}

/// One sentence of why: an i18n key (`reason-…`) and its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Reason {
    fn new(key: &'static str) -> Self {
        Self { key, args: Vec::new() }
    }
    fn count(mut self, name: &'static str, n: u64) -> Self {
        self.args.push((name, Arg::Count(n)));
        self
    }
    fn text(mut self, name: &'static str, t: &str) -> Self {
        self.args.push((name, Arg::Text(t.to_owned())));
        self
    }
    fn date(mut self, name: &'static str, d: NaiveDate) -> Self {
        self.args.push((name, Arg::Date(d)));
        self
    }
    fn met(self, met: bool) -> Self {
        self.text("met", if met { "yes" } else { "no" })
    }
}

/// A verdict field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Bool(bool),
    Count(u64),
    /// `[min, max]`.
    Range([u64; 2]),
    Text(&'static str),
    Date(NaiveDate),
    /// An amount in fen, shown as yuan with two decimals.
    Money(i64),
    /// Tenths of a study hour, shown with at most one decimal.
    Hours(u64),
    /// Hundredths of a point out of 100 (a recommendation's score), shown with two decimals.
    Score(u64),
    /// Names (those elected, those to vote on again).
    List(Vec<String>),
    Null,
}

/// A rule's answer: the verdict fields in a fixed order and the reasons behind them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explained {
    pub verdict: Vec<(&'static str, Value)>,
    pub reasons: Vec<Reason>,
}

/// An input the rule cannot work with, named so the form or the API can point at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    /// `rule-problem-missing`, `-count`, `-date`, `-period`, `-choice`, `-exceeds`, `-zero`,
    /// `-money`, `-negative`, `-backwards`, `-hours`.
    pub key: &'static str,
    /// The input it must not exceed, for `rule-problem-exceeds`.
    pub limit: Option<&'static str>,
}

pub type Answer = Result<Explained, Vec<Problem>>;

/// One rule as listed on `/rules`.
pub struct Rule {
    /// The name in `/api/v1/rules/{name}`.
    pub name: &'static str,
    /// The capability that enforces it.
    pub capability: &'static str,
    /// The document and article, as cited.
    pub source: &'static str,
    pub confidence: Confidence,
    pub inputs: &'static [Input],
    /// The verdict fields, in order.
    pub outputs: &'static [&'static str],
    evaluate: fn(&Given<'_>) -> Answer,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("name", &self.name).finish()
    }
}

/// The local settings some rules answer under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleSettings {
    pub cadence: CadenceSettings,
    /// The province's monthly dues for farmers, in fen.
    pub farmer_fen: i64,
    /// The public notice before the assembly, in working days.
    pub notice_working_days: u32,
    /// Days a linked household may go without contact.
    pub contact_days: u32,
    /// The county's points table.
    pub points: &'static crate::points::Table,
    /// Days allowed between a resolution (or its implementation's end) and its disclosure.
    pub disclosure_days: u32,
    /// The weights of the members' and the villagers' recommendation, in percent.
    pub recommendation_weights: (u64, u64),
}

impl Default for RuleSettings {
    fn default() -> Self {
        Self {
            cadence: CadenceSettings::default(),
            farmer_fen: crate::dues::DEFAULT_FARMER_FEN,
            notice_working_days: development::DEFAULT_NOTICE_WORKING_DAYS,
            contact_days: crate::care::DEFAULT_CONTACT_DAYS,
            points: crate::points::default_table(),
            disclosure_days: crate::decisions::DEFAULT_DISCLOSURE_DAYS,
            recommendation_weights: crate::elections::stages::DEFAULT_WEIGHTS,
        }
    }
}

/// The inputs as typed (form fields, or JSON values written out), with the settings and today.
pub struct Given<'a> {
    pub values: &'a BTreeMap<String, String>,
    pub today: NaiveDate,
    pub settings: RuleSettings,
}

impl Rule {
    /// Answers the rule for `values`; every missing or impossible input is named at once.
    pub fn evaluate(&self, values: &BTreeMap<String, String>, today: NaiveDate, settings: RuleSettings) -> Answer {
        let mut problems = Vec::new();
        for input in self.inputs {
            let raw = values.get(input.name).map(|v| v.trim()).unwrap_or("");
            if raw.is_empty() {
                if input.required {
                    problems.push(Problem { field: input.name, key: "rule-problem-missing", limit: None });
                }
                continue;
            }
            let fits = match input.kind {
                InputKind::Count => raw.parse::<u64>().is_ok(),
                InputKind::Text => true,
                InputKind::Date => NaiveDate::parse_from_str(raw, "%Y-%m-%d").is_ok(),
                InputKind::Period => Period::parse(raw).is_some(),
                InputKind::MeetingKind => MeetingKind::parse(raw).is_some_and(|k| cadence_of(k, settings.cadence).is_some()),
                InputKind::Choice(words) => words.contains(&raw),
                InputKind::Money => crate::dues::parse_yuan(raw).is_some_and(|f| f >= 0),
                InputKind::List => list(raw).is_some(),
                InputKind::Month => dues_rules::month(raw).is_some(),
                InputKind::Hours => crate::study::parse_hours(raw).is_some(),
                InputKind::Votes => elections::votes(raw).is_some(),
                InputKind::Ballot => elections::ballot(raw).is_some(),
            };
            if !fits {
                let key = match input.kind {
                    InputKind::Count => "rule-problem-count",
                    InputKind::Date => "rule-problem-date",
                    InputKind::Period => "rule-problem-period",
                    InputKind::Month => "rule-problem-month",
                    InputKind::Hours => "rule-problem-study-hours",
                    InputKind::Votes => "rule-problem-votes",
                    InputKind::Ballot => "rule-problem-ballot",
                    InputKind::Money if crate::dues::parse_yuan(raw).is_some() => "rule-problem-negative",
                    InputKind::Money => "rule-problem-money",
                    _ => "rule-problem-choice",
                };
                problems.push(Problem { field: input.name, key, limit: None });
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        (self.evaluate)(&Given { values, today, settings })
    }
}

impl Given<'_> {
    fn count(&self, name: &str) -> u64 {
        self.values.get(name).and_then(|v| v.trim().parse().ok()).unwrap_or(0)
    }
    fn text(&self, name: &str) -> &str {
        self.values.get(name).map(|v| v.trim()).unwrap_or("")
    }
    fn date(&self, name: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self.text(name), "%Y-%m-%d").ok()
    }
    /// The dates a gate needs, or every one of them that is missing.
    fn dates<const N: usize>(&self, names: [&'static str; N]) -> Result<[NaiveDate; N], Vec<Problem>> {
        let found = names.map(|n| self.date(n));
        let missing: Vec<Problem> = names
            .iter()
            .zip(&found)
            .filter(|(_, d)| d.is_none())
            .map(|(n, _)| Problem { field: n, key: "rule-problem-missing", limit: None })
            .collect();
        if missing.is_empty() { Ok(found.map(|d| d.expect("checked"))) } else { Err(missing) }
    }
}

/// Words given as a JSON list (`["full","full"]`) or separated by commas (`full, full`).
fn list(raw: &str) -> Option<Vec<String>> {
    let raw = raw.trim();
    let inner = match raw.strip_prefix('[') {
        Some(r) => r.strip_suffix(']')?,
        None => raw,
    };
    inner
        .split([',', '，'])
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| {
            let quoted = s.len() >= 2 && s.starts_with('"') && s.ends_with('"');
            let word = if quoted { &s[1..s.len() - 1] } else { s };
            (!word.contains(['"', '[', ']'])).then(|| word.to_owned())
        })
        .collect()
}

fn refused(e: CountError) -> Vec<Problem> {
    vec![match e {
        CountError::Exceeds { field, limit } => Problem { field, key: "rule-problem-exceeds", limit: Some(limit) },
        CountError::Zero { field } => Problem { field, key: "rule-problem-zero", limit: None },
    }]
}

const fn count(name: &'static str) -> Input {
    Input { name, kind: InputKind::Count, required: true }
}

/// Every rule, in the order `/rules` lists them.
pub static RULES: &[Rule] = &[
    Rule {
        name: "assembly-vote",
        capability: "meetings",
        source: "《中国共产党支部工作条例（试行）》第十一条",
        confidence: Confidence::High,
        inputs: &[count("eligible"), count("present"), count("yes")],
        outputs: &["quorum", "passes", "need_present", "need_yes"],
        evaluate: |g| {
            let v = assembly_vote(g.count("eligible"), g.count("present"), g.count("yes")).map_err(refused)?;
            let passes = v.passes.unwrap_or(false);
            let need_yes = v.need_yes.unwrap_or(0);
            let mut reasons = vec![
                Reason::new("reason-assembly-quorum")
                    .count("present", v.present)
                    .count("eligible", v.base)
                    .count("need", v.need_present)
                    .met(v.quorum),
            ];
            reasons.push(if v.quorum {
                Reason::new("reason-assembly-passes")
                    .count("yes", v.yes.unwrap_or(0))
                    .count("eligible", v.base)
                    .count("need", need_yes)
                    .met(passes)
            } else {
                Reason::new("reason-no-quorum-no-vote")
            });
            Ok(Explained {
                verdict: vec![
                    ("quorum", Value::Bool(v.quorum)),
                    ("passes", Value::Bool(passes)),
                    ("need_present", Value::Count(v.need_present)),
                    ("need_yes", Value::Count(need_yes)),
                ],
                reasons,
            })
        },
    },
    Rule {
        name: "committee-meeting",
        capability: "meetings",
        source: "《中国共产党支部工作条例（试行）》第十二条",
        confidence: Confidence::High,
        inputs: &[count("members"), count("present")],
        outputs: &["quorum", "need_present"],
        evaluate: |g| {
            let v = committee_quorum(g.count("members"), g.count("present")).map_err(refused)?;
            Ok(Explained {
                verdict: vec![("quorum", Value::Bool(v.quorum)), ("need_present", Value::Count(v.need_present))],
                reasons: vec![
                    Reason::new("reason-committee-quorum")
                        .count("present", v.present)
                        .count("members", v.base)
                        .count("need", v.need_present)
                        .met(v.quorum),
                ],
            })
        },
    },
    Rule {
        name: "appraisal",
        capability: "meetings",
        source: "《中国共产党支部工作条例（试行）》第十八条",
        confidence: Confidence::Medium,
        inputs: &[count("full_members"), count("excellent")],
        outputs: &["allowed", "max_excellent"],
        evaluate: |g| {
            let v = appraisal_cap(g.count("full_members"), g.count("excellent")).map_err(refused)?;
            Ok(Explained {
                verdict: vec![("allowed", Value::Bool(v.allowed)), ("max_excellent", Value::Count(v.max_excellent))],
                reasons: vec![
                    Reason::new("reason-appraisal-cap")
                        .count("excellent", v.excellent)
                        .count("full", v.full_members)
                        .count("max", v.max_excellent)
                        .met(v.allowed),
                    Reason::new("reason-appraisal-probationary"),
                ],
            })
        },
    },
    Rule {
        name: "establishment",
        capability: "people",
        source: "《中国共产党支部工作条例（试行）》第四条、第二十条",
        confidence: Confidence::High,
        inputs: &[count("full_members")],
        outputs: &["may_form_branch", "committee", "committee_size"],
        evaluate: |g| {
            let e = establishment(g.count("full_members"));
            Ok(Explained {
                verdict: vec![
                    ("may_form_branch", Value::Bool(e.may_form_branch)),
                    ("committee", Value::Bool(e.committee)),
                    ("committee_size", e.committee_size.map_or(Value::Null, Value::Range)),
                ],
                reasons: vec![
                    Reason::new("reason-establishment-branch").count("full", e.full_members).met(e.may_form_branch),
                    Reason::new("reason-establishment-committee").count("full", e.full_members).met(e.committee),
                ],
            })
        },
    },
    Rule {
        name: "id-number",
        capability: "people",
        source: "GB 11643-1999",
        confidence: Confidence::High,
        inputs: &[Input { name: "id", kind: InputKind::Text, required: true }],
        outputs: &["valid"],
        evaluate: |g| {
            let (valid, key) = match parse_id_number(g.text("id"), g.today) {
                Ok(_) => (true, "reason-id-valid"),
                Err(IdError::Length) => (false, "reason-id-length"),
                Err(IdError::Characters) => (false, "reason-id-characters"),
                Err(IdError::Region) => (false, "reason-id-region"),
                Err(IdError::BirthDate) => (false, "reason-id-birth-date"),
                Err(IdError::CheckDigit) => (false, "reason-id-check-digit"),
            };
            Ok(Explained { verdict: vec![("valid", Value::Bool(valid))], reasons: vec![Reason::new(key)] })
        },
    },
    Rule {
        name: "meeting-cadence",
        capability: "meetings",
        source: "《中国共产党支部工作条例（试行）》第十一条至第十九条",
        confidence: Confidence::High,
        inputs: &[
            Input { name: "kind", kind: InputKind::MeetingKind, required: true },
            Input { name: "period", kind: InputKind::Period, required: true },
            Input { name: "held_on", kind: InputKind::Date, required: false },
        ],
        outputs: &["state", "days"],
        evaluate: |g| {
            let kind = MeetingKind::parse(g.text("kind")).unwrap_or(MeetingKind::Assembly);
            let Some(req) = cadence_of(kind, g.settings.cadence) else {
                return Err(vec![Problem { field: "kind", key: "rule-problem-choice", limit: None }]);
            };
            let given = Period::parse(g.text("period")).unwrap_or(Period::Year { year: g.today.year() });
            // The period of the kind's own cadence that holds the given one's first day.
            let period = Period::containing(req.cadence, given.first_day());
            let held: Vec<Held> = g
                .date("held_on")
                .map(|on| Held { kind, pair: req.pair, counts_for: period.first_day(), held_on: on })
                .into_iter()
                .collect();
            let c = check_period(&req, period, &held, g.today, g.settings.cadence);
            Ok(Explained {
                verdict: vec![("state", Value::Text(c.state.as_str())), ("days", Value::Count(c.days.unsigned_abs()))],
                reasons: vec![
                    Reason::new("reason-cadence")
                        .text("kind", kind.as_str())
                        .text("cadence", cadence_word(req.cadence))
                        .text("period", &period.code())
                        .text("first", &period.first_day().to_string())
                        .text("last", &period.last_day().to_string()),
                    Reason::new(state_reason(c.state)).count("days", c.days.unsigned_abs()).text("today", &g.today.to_string()),
                ],
            })
        },
    },
    Rule {
        name: "development-gate",
        capability: "development",
        source: "《中国共产党发展党员工作细则》第五、七、十三、十四、十七、二十四、三十二、三十三条",
        confidence: Confidence::High,
        inputs: &[
            Input { name: "gate", kind: InputKind::Choice(GATES), required: true },
            Input { name: "applicant_birth", kind: InputKind::Date, required: false },
            Input { name: "application_on", kind: InputKind::Date, required: false },
            Input { name: "activist_since", kind: InputKind::Date, required: false },
            Input { name: "introducers", kind: InputKind::List, required: false },
            Input { name: "training_from", kind: InputKind::Date, required: false },
            Input { name: "training_to", kind: InputKind::Date, required: false },
            Input { name: "hours", kind: InputKind::Count, required: false },
            Input { name: "notice_from", kind: InputKind::Date, required: false },
            Input { name: "assembly_on", kind: InputKind::Date, required: false },
            Input { name: "probation_from", kind: InputKind::Date, required: false },
            Input { name: "extension_months", kind: InputKind::Count, required: false },
            Input { name: "extended_before", kind: InputKind::Choice(&["no", "yes"]), required: false },
            Input { name: "on", kind: InputKind::Date, required: false },
        ],
        outputs: &["allowed", "earliest", "late"],
        evaluate: development_gate,
    },
    dues::DUES,
    dues::PAYMENT,
    dues::ARREARS,
    dues::RELIEF,
    study::HOURS,
    study::TRAINING,
    care::MUST_VISIT,
    care::CONTACT,
    points::POINTS,
    enterprises::OFFER,
    leaders::CANDIDATE,
    elections::VILLAGERS,
    elections::REPRESENTATIVES,
    elections::QUORUM,
    elections::MARGIN,
    elections::BALLOT,
    elections::ROUND,
    elections::SCORE,
    elections::OFFICERS,
    decisions::STEP,
    decisions::REVIEW,
    decisions::DISCLOSURE,
    tasks::SPLIT,
    tasks::PROGRESS,
];

/// The gates `development-gate` answers for.
pub const GATES: &[&str] =
    &["application", "talk", "development_target", "introducers", "training", "notice", "approval", "extension", "confirmation"];
pub use dues::DUES_KINDS;

fn wait_reason(key: &'static str, w: development::Wait) -> Reason {
    Reason::new(key).date("from", w.from).date("earliest", w.earliest).date("on", w.on).met(w.allowed)
}

fn wait_verdict(w: development::Wait, reasons: Vec<Reason>) -> Answer {
    Ok(Explained {
        verdict: vec![("allowed", Value::Bool(w.allowed)), ("earliest", Value::Date(w.earliest)), ("late", Value::Bool(w.late))],
        reasons,
    })
}

fn development_gate(g: &Given<'_>) -> Answer {
    let plain = |allowed: bool, reasons: Vec<Reason>| {
        Ok(Explained { verdict: vec![("allowed", Value::Bool(allowed)), ("earliest", Value::Null), ("late", Value::Bool(false))], reasons })
    };
    match g.text("gate") {
        "application" => {
            let [birth, on] = g.dates(["applicant_birth", "application_on"])?;
            let a = development::application(birth, on);
            Ok(Explained {
                verdict: vec![
                    ("allowed", Value::Bool(a.allowed)),
                    ("earliest", Value::Date(a.eighteen_on.max(on))),
                    ("late", Value::Bool(false)),
                ],
                reasons: vec![Reason::new("reason-dev-age").count("age", a.age.into()).date("eighteen_on", a.eighteen_on).met(a.allowed)],
            })
        }
        "talk" => {
            let [from, on] = g.dates(["application_on", "on"])?;
            let w = development::first_talk(from, on);
            let latest = w.latest.unwrap_or(from);
            wait_verdict(
                w,
                vec![Reason::new("reason-dev-talk").date("from", from).date("latest", latest).date("on", on).met(w.allowed && !w.late)],
            )
        }
        "development_target" => {
            let [from, on] = g.dates(["activist_since", "on"])?;
            let w = development::development_target(from, on);
            wait_verdict(w, vec![wait_reason("reason-dev-target", w)])
        }
        "introducers" => {
            let words = list(g.text("introducers")).unwrap_or_default();
            let statuses: Vec<IntroducerStatus> = words.iter().filter_map(|w| IntroducerStatus::parse(w)).collect();
            if statuses.len() != words.len() {
                return Err(vec![Problem { field: "introducers", key: "rule-problem-choice", limit: None }]);
            }
            let v = development::introducers(&statuses);
            let mut reasons = vec![Reason::new("reason-dev-introducers").count("count", v.count as u64).met(v.allowed)];
            reasons.extend(
                v.refused
                    .iter()
                    .map(|(i, s)| Reason::new("reason-dev-introducer-refused").count("position", *i as u64).text("status", s.as_str())),
            );
            plain(v.allowed, reasons)
        }
        "training" => {
            let [from, to] = g.dates(["training_from", "training_to"])?;
            match development::training(from, to, g.count("hours") as u32) {
                Ok(t) => plain(
                    t.allowed,
                    vec![Reason::new("reason-dev-training").count("days", t.days.into()).count("hours", t.hours.into()).met(t.allowed)],
                ),
                Err(development::TrainingError::Backwards) => {
                    Err(vec![Problem { field: "training_to", key: "rule-problem-backwards", limit: Some("training_from") }])
                }
                Err(development::TrainingError::TooManyHours { .. }) => {
                    Err(vec![Problem { field: "hours", key: "rule-problem-hours", limit: None }])
                }
            }
        }
        "notice" => {
            let [from, on] = g.dates(["notice_from", "on"])?;
            let n = development::notice(from, on, g.settings.notice_working_days);
            Ok(Explained {
                verdict: vec![("allowed", Value::Bool(n.allowed)), ("earliest", Value::Date(n.earliest)), ("late", Value::Bool(false))],
                reasons: vec![
                    Reason::new("reason-dev-notice")
                        .date("from", from)
                        .count("required", n.required.into())
                        .date("earliest", n.earliest)
                        .date("on", on)
                        .met(n.allowed),
                ],
            })
        }
        "approval" => {
            let [from, on] = g.dates(["assembly_on", "on"])?;
            let w = development::approval(from, on);
            let latest = w.latest.unwrap_or(from);
            let special = development::add_months(from, development::APPROVAL_SPECIAL_MONTHS);
            wait_verdict(
                w,
                vec![
                    Reason::new("reason-dev-approval")
                        .date("from", from)
                        .date("latest", latest)
                        .date("special", special)
                        .date("on", on)
                        .met(w.allowed && !w.late),
                ],
            )
        }
        "extension" => {
            let months = g.count("extension_months") as u32;
            let v = development::extension(months, g.text("extended_before") == "yes");
            plain(v.allowed, vec![Reason::new("reason-dev-extension").count("months", months.into()).met(v.allowed)])
        }
        "confirmation" => {
            let [from, on] = g.dates(["probation_from", "on"])?;
            let w = development::confirmation(from, g.count("extension_months") as u32, on);
            wait_verdict(w, vec![wait_reason("reason-dev-confirmation", w)])
        }
        _ => Err(vec![Problem { field: "gate", key: "rule-problem-choice", limit: None }]),
    }
}

/// The requirement a kind answers to under the local settings (a talk as one between members);
/// `None` for kinds without a cadence, and for the lecture where the local rule sets none.
pub fn cadence_of(kind: MeetingKind, settings: CadenceSettings) -> Option<Requirement> {
    let cadence = kind.cadence().filter(|_| kind != MeetingKind::Lecture || settings.lecture_quarterly)?;
    Some(Requirement { kind, pair: (kind == MeetingKind::Talk).then_some(meetings::TalkPair::MemberMember), cadence })
}

fn cadence_word(c: meetings::Cadence) -> &'static str {
    match c {
        meetings::Cadence::Monthly => "monthly",
        meetings::Cadence::Quarterly => "quarterly",
        meetings::Cadence::Yearly { .. } => "yearly",
    }
}

fn state_reason(s: meetings::PeriodState) -> &'static str {
    match s {
        meetings::PeriodState::Held => "reason-cadence-held",
        meetings::PeriodState::Late => "reason-cadence-late",
        meetings::PeriodState::Missing => "reason-cadence-missing",
        meetings::PeriodState::Due => "reason-cadence-due",
        meetings::PeriodState::Open => "reason-cadence-open",
    }
}

/// The rule named `name`.
pub fn find(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.name == name)
}

pub mod care;
pub mod decisions;
pub mod dues;
pub mod elections;
pub mod enterprises;
pub mod leaders;
pub mod points;
pub mod study;
pub mod tasks;
use dues as dues_rules;
#[cfg(test)]
mod tests;
