//! Translations (Fluent, `locales/<lang>/main.ftl`): Chinese first, English complete.

use std::{
    borrow::Cow,
    cell::RefCell,
    collections::HashMap,
    fmt::Write as _,
    sync::{LazyLock, RwLock},
};

use fluent_templates::{LanguageIdentifier, Loader, fluent_bundle::FluentValue, langid};
use lianxin_app::Locale;
use rustc_hash::FxHashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "zh-CN",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Formatted messages without arguments by locale (in the order of [`Locale`]) and key: the
/// text, and whether it is the message (`false`: there is none, the key stands for it). Kept for
/// the life of the process, so a page writes them without copying.
static MEMO: LazyLock<[Messages; 2]> = LazyLock::new(Default::default);
type Messages = RwLock<HashMap<String, (&'static str, bool)>>;
const MEMO_MAX: usize = 10_000;

/// A thread's copy of kept messages without arguments: key → (text, whether there is a message).
type Near = FxHashMap<Box<str>, (&'static str, bool)>;

/// Messages with arguments each thread keeps (see [`Tr::ta`]); all are dropped when full.
const SAID_MAX: usize = 4096;

thread_local! {
    /// This thread's copy of [`MEMO`] (bounded by it: only what `MEMO` holds is copied).
    static NEAR: [RefCell<Near>; 2] = Default::default();
    /// Messages with arguments this thread formatted, by language, key and arguments.
    static SAID: [RefCell<FxHashMap<Box<str>, Box<str>>>; 2] = Default::default();
}

static ZH: LanguageIdentifier = langid!("zh-CN");
static EN: LanguageIdentifier = langid!("en-US");

/// A translator for one locale, handed to every template.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tr(pub Locale);

impl Tr {
    fn lang(&self) -> &'static LanguageIdentifier {
        match self.0 {
            Locale::ZhCn => &ZH,
            Locale::EnUs => &EN,
        }
    }

    /// The message for `key`; the key itself if it has none (a test checks there are none).
    pub fn t(&self, key: &str) -> String {
        self.s(key).to_owned()
    }

    /// [`Tr::t`] without a copy: what templates write.
    pub fn s(&self, key: &str) -> &'static str {
        self.with_message(key).0
    }

    /// The message for `key` and whether there is one. Messages without arguments never change
    /// while the process runs, so each is formatted once per language and kept (a page names
    /// dozens of them, a list some on every row): in the process, and again in each thread, which
    /// then reads its own copy without a lock shared with the other cores.
    fn with_message(&self, key: &str) -> (&'static str, bool) {
        let i = self.0 as usize;
        if let Some(m) = NEAR.with(|near| near[i].borrow().get(key).copied()) {
            return m;
        }
        let Some(m) = self.kept(key) else {
            return ("—", false);
        };
        NEAR.with(|near| near[i].borrow_mut().insert(key.into(), m));
        m
    }

    /// [`Tr::with_message`] from the process's copy (`None` past its bound).
    fn kept(&self, key: &str) -> Option<(&'static str, bool)> {
        let memo = &MEMO[self.0 as usize];
        if let Some(m) = memo.read().unwrap_or_else(|e| e.into_inner()).get(key) {
            return Some(*m);
        }
        let m = LOCALES.try_lookup(self.lang(), key);
        let found = m.is_some();
        let mut kept = memo.write().unwrap_or_else(|e| e.into_inner());
        if let Some(m) = kept.get(key) {
            return Some(*m);
        }
        // Keys come from the code and the values it names, a few thousand at most; the bound
        // only guards against a bug that would build keys from what a client sent.
        if kept.len() >= MEMO_MAX {
            tracing::warn!(key, "more message keys than any page names");
            return None;
        }
        let m = (&*String::leak(m.unwrap_or_else(|| key.to_owned())), found);
        kept.insert(key.to_owned(), m);
        Some(m)
    }

    /// The message for `key` with named arguments. A message is a function of its language, key
    /// and arguments alone, and a kept list page asks for the same ones on every request: each
    /// thread keeps the last few thousand it formatted.
    pub fn ta(&self, key: &str, args: &[(&'static str, String)]) -> String {
        // The arguments' lengths are part of the key, so no two sets of arguments write the same.
        let mut said = String::with_capacity(key.len() + args.iter().map(|(k, v)| k.len() + v.len() + 8).sum::<usize>());
        said.push_str(key);
        for (k, v) in args {
            let _ = write!(said, "\u{1f}{k}\u{1f}{}\u{1f}{v}", v.len());
        }
        let i = self.0 as usize;
        if let Some(hit) = SAID.with(|m| m[i].borrow().get(said.as_str()).map(|s| s.to_string())) {
            return hit;
        }
        let map: HashMap<Cow<'static, str>, FluentValue> =
            args.iter().map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone()))).collect();
        let out = LOCALES.try_lookup_with_args(self.lang(), key, &map).unwrap_or_else(|| key.to_owned());
        SAID.with(|m| {
            let mut m = m[i].borrow_mut();
            if m.len() >= SAID_MAX {
                m.clear();
            }
            m.insert(said.into(), out.as_str().into());
        });
        out
    }

    pub fn tag(&self) -> &'static str {
        self.0.tag()
    }

    /// Whether a key has a message.
    pub fn has(&self, key: &str) -> bool {
        self.with_message(key).1
    }
}

/// Picks the locale: the `lang` cookie first, then `Accept-Language`, then Chinese.
pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Locale {
    if let Some(l) = cookie.and_then(Locale::parse) {
        return l;
    }
    if let Some(header) = accept_language {
        let mut best: Option<(f32, Locale)> = None;
        for part in header.split(',') {
            let mut it = part.split(';');
            let tag = it.next().unwrap_or("").trim();
            let q = it.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
            if let Some(l) = Locale::parse(tag)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, l));
            }
        }
        if let Some((_, l)) = best {
            return l;
        }
    }
    Locale::ZhCn
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_order() {
        assert_eq!(negotiate(Some("en-US"), Some("zh-CN")), Locale::EnUs);
        assert_eq!(negotiate(None, Some("en-GB,en;q=0.9,zh;q=0.8")), Locale::EnUs);
        assert_eq!(negotiate(None, Some("fr-FR, zh-TW;q=0.5")), Locale::ZhCn);
        assert_eq!(negotiate(None, Some("zh;q=0.4, en;q=0.9")), Locale::EnUs);
        assert_eq!(negotiate(Some("xx"), None), Locale::ZhCn);
    }

    /// A kept message with arguments is the one those arguments give, in its own language.
    #[test]
    fn messages_with_arguments_are_kept_apart() {
        let zh = Tr(Locale::ZhCn);
        let a = zh.ta("meta-description", &[("name", "甲".into())]);
        let b = zh.ta("meta-description", &[("name", "乙".into())]);
        assert!(a.contains('甲') && b.contains('乙'), "{a} / {b}");
        assert_eq!(zh.ta("meta-description", &[("name", "甲".into())]), a, "the kept one is the same");
        let en = Tr(Locale::EnUs).ta("meta-description", &[("name", "甲".into())]);
        assert_ne!(en, a, "English is kept apart");
        assert_eq!(Tr(Locale::EnUs).ta("meta-description", &[("name", "甲".into())]), en);
    }

    /// Every key used anywhere exists in both languages with the same set of keys.
    #[test]
    fn both_locales_have_the_same_keys() {
        let keys = |s: &str| -> std::collections::BTreeSet<String> {
            s.lines()
                .filter(|l| !l.starts_with('#') && !l.starts_with(' ') && l.contains(" ="))
                .map(|l| l.split(" =").next().unwrap_or("").trim().to_owned())
                .collect()
        };
        let zh = keys(&all_ftl("zh-CN"));
        let en = keys(&all_ftl("en-US"));
        let only_zh: Vec<_> = zh.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&zh).collect();
        assert!(only_zh.is_empty() && only_en.is_empty(), "only zh: {only_zh:?}; only en: {only_en:?}");
        let args: Vec<(&'static str, String)> = [
            "name",
            "parent",
            "level",
            "secret",
            "uri",
            "count",
            "seq",
            "no",
            "file",
            "days",
            "full",
            "size",
            "min",
            "max",
            "members",
            "body",
            "year",
            "month",
            "monthname",
            "day",
            "weekday",
            "time",
            "present",
            "leave",
            "absent",
            "makeup",
            "yes",
            "no",
            "abstain",
            "eligible",
            "need",
            "met",
            "excellent",
            "kind",
            "cadence",
            "period",
            "first",
            "last",
            "amount",
            "date",
            "age",
            "eighteen_on",
            "from",
            "latest",
            "on",
            "earliest",
            "position",
            "status",
            "hours",
            "required",
            "special",
            "months",
            "dues_kind",
            "base",
            "upto",
            "rate",
            "dues",
            "paid",
            "due",
            "year",
            "month",
            "starts",
            "through",
            "owed",
            "run",
            "alert_months",
            "computed",
            "relief",
            "ahead",
            "back",
            "line",
            "org",
            "watched",
            "duration",
            "hours",
            "size",
            "max",
            "have",
            "required",
            "short",
            "days",
            "per_day",
            "most",
            "not_visited",
            "helper",
            "helped",
            "last",
            "on",
            "from",
            "limit",
            "age",
            "party_years",
            "elderly_age",
            "veteran_years",
            "base",
            "period",
            "item",
            "times",
            "each",
            "raw",
            "counted",
            "hand",
            "total",
            "action",
            "below",
            "until",
            "grade",
            "since",
            "satisfied",
            "percent",
            "chosen",
            "seats",
            "write_in",
            "no",
            "names",
            "minimum",
            "candidates",
            "adults",
            "households",
            "issued",
            "returned",
            "expected",
            "body",
            "place",
            "step",
            "matter_kind",
            "due",
            "abstain",
            "from",
            "on",
            "days",
            "round",
            "title",
            "member",
            "villager",
            "tellers",
            "valid",
            "void",
            "votes",
            "members",
            "secretary",
            "deputy",
            "slot",
            "name",
            "end",
            "state",
            "what",
            "second",
            "elected",
            "left",
            "member_votes",
            "member_ballots",
            "member_weight",
            "villager_votes",
            "villager_ballots",
            "villager_weight",
            "target",
            "done",
            "whole",
            "parts",
            "over",
        ]
        .iter()
        .map(|a| (*a, "x".to_owned()))
        .collect();
        for k in &zh {
            for l in [Locale::ZhCn, Locale::EnUs] {
                assert_ne!(Tr(l).ta(k, &args), *k, "{k} does not resolve in {l:?}");
            }
        }
        // Keys built from enum values.
        use lianxin_core::{accounts::Role, orgs::*, people::*};
        let dynamic = OrgKind::ALL
            .iter()
            .map(|k| format!("kind-{k}"))
            .chain(OrgBasis::ALL.iter().map(|k| format!("basis-{k}")))
            .chain(OrgStatus::ALL.iter().map(|k| format!("status-{k}")))
            .chain(AreaLevel::ALL.iter().map(|k| format!("level-{k}")))
            .chain(Role::ALL.iter().map(|k| format!("role-{k}")))
            .chain(
                ["move", "merge"]
                    .iter()
                    .flat_map(|w| [format!("field-{w}-target"), format!("page-org-{w}"), format!("btn-{w}"), format!("help-org-{w}")]),
            )
            .chain(["read", "write"].iter().map(|a| format!("label-access-{a}")))
            .chain(Gender::ALL.iter().map(|k| format!("gender-{k}")))
            .chain(Education::ALL.iter().map(|k| format!("education-{k}")))
            .chain(Occupation::ALL.iter().map(|k| format!("occupation-{k}")))
            .chain(MemberStatus::ALL.iter().map(|k| format!("member-status-{k}")))
            .chain(PostKind::ALL.iter().map(|k| format!("post-{k}")))
            .chain(BodyKind::ALL.iter().map(|k| format!("body-{k}")))
            .chain(TransferStatus::ALL.iter().map(|k| format!("transfer-{k}")))
            .chain(["persons", "members"].iter().map(|k| format!("import-kind-{k}")))
            .chain(
                lianxin_app::people::import::PERSON_COLUMNS
                    .iter()
                    .chain(lianxin_app::people::import::MEMBER_COLUMNS)
                    .map(|c| format!("import-col-{}", c.key.replace('_', "-"))),
            )
            .chain(["term-current", "term-ending", "term-ended"].iter().map(|k| k.to_string()))
            .chain(meeting_keys())
            .chain(lianxin_core::care::DIFFICULTY_KINDS.iter().map(|k| format!("care-kind-{k}")))
            .chain(lianxin_core::care::OCCASIONS.iter().map(|k| format!("care-occasion-{}", k.replace('_', "-"))))
            .chain(lianxin_core::care::CONTACT_KINDS.iter().map(|k| format!("care-contact-{k}")))
            .chain(lianxin_core::points::ITEMS.iter().map(|k| format!("points-item-{}", k.replace('_', "-"))))
            .chain(lianxin_core::points::ACTIONS.iter().map(|k| format!("points-action-{}", k.replace('_', "-"))))
            .chain(
                [
                    Finding::BranchTooSmall { full: 0 },
                    Finding::CommitteeRequired { full: 0 },
                    Finding::CommitteeSizeOutOfRange { size: 0, min: 0, max: 0 },
                    Finding::SecretaryOnly { full: 0 },
                    Finding::ConsiderGeneralBranch { members: 0 },
                    Finding::ConsiderVillageCommittee { members: 0 },
                    Finding::MayUseDelegates { members: 0 },
                ]
                .iter()
                .map(|f| f.key().to_owned()),
            );
        for k in dynamic {
            assert!(zh.contains(&k), "{k} missing");
        }
    }

    /// Keys built from the meetings capability's values and rules.
    fn meeting_keys() -> Vec<String> {
        use lianxin_core::meetings::*;
        let mut keys: Vec<String> = MeetingKind::ALL.iter().map(|k| format!("meeting-kind-{k}")).collect();
        keys.extend(MeetingStatus::ALL.iter().map(|k| format!("meeting-status-{k}")));
        keys.extend(Attendance::ALL.iter().map(|k| format!("attendance-{k}")));
        keys.extend(Unable::ALL.iter().map(|k| format!("unable-{k}")));
        keys.extend(TalkPair::ALL.iter().map(|k| format!("talk-pair-{k}")));
        keys.extend(Grade::ALL.iter().map(|k| format!("grade-{k}")));
        keys.extend(PeriodState::ALL.iter().map(|k| format!("compliance-{}", k.as_str())));
        keys.extend(["monthly", "quarterly", "yearly"].iter().map(|k| format!("cadence-{k}")));
        keys.extend(["H", "M", "L"].iter().map(|k| format!("confidence-{k}")));
        for r in lianxin_core::rules::RULES {
            keys.push(format!("rule-title-{}", r.name));
            keys.push(format!("rule-says-{}", r.name));
            keys.extend(r.inputs.iter().map(|i| format!("rule-input-{}", i.name.replace('_', "-"))));
            keys.extend(r.outputs.iter().map(|o| format!("rule-output-{}", o.replace('_', "-"))));
            for i in r.inputs {
                if let lianxin_core::rules::InputKind::Choice(words) = i.kind {
                    let field = i.name.replace('_', "-");
                    keys.extend(words.iter().map(|w| format!("rule-choice-{field}-{}", w.replace('_', "-"))));
                }
            }
        }
        use lianxin_core::development::{IntroducerStatus, Stage, Step};
        keys.extend(Stage::ALL.iter().map(|k| format!("dev-stage-{}", k.as_str().replace('_', "-"))));
        keys.extend(Step::ALL.iter().map(|k| format!("dev-step-{}", k.as_str().replace('_', "-"))));
        keys.extend(
            Step::ALL.iter().filter(|k| **k != Step::Application).map(|k| format!("help-dev-step-{}", k.as_str().replace('_', "-"))),
        );
        keys.extend(IntroducerStatus::ALL.iter().map(|k| format!("introducer-status-{}", k.as_str().replace('_', "-"))));
        keys.extend(lianxin_core::dues::DuesKind::ALL.iter().map(|k| format!("dues-kind-{}", k.as_str().replace('_', "-"))));
        keys
    }

    /// A notice's key is stored as its kind in the inbox, a column of 30 characters (SQLite
    /// would not say; PostgreSQL refuses the notice).
    #[test]
    fn notice_kinds_fit_the_inbox() {
        let zh = all_ftl("zh-CN");
        let keys = zh.lines().filter(|l| l.starts_with("notice-") && l.contains(" =")).map(|l| l.split(" =").next().unwrap_or("").trim());
        for k in keys {
            assert!(k.len() <= 30, "{k} is {} characters: the inbox keeps 30", k.len());
        }
    }

    /// Every key the code and templates name exists.
    #[test]
    fn every_used_key_exists() {
        let zh = all_ftl("zh-CN");
        let mut missing = Vec::new();
        for dir in ["src", "templates", "../app/src", "../core/src"] {
            for entry in walk(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)) {
                let text = std::fs::read_to_string(&entry).unwrap_or_default();
                for key in used_keys(&text) {
                    if !zh.lines().any(|l| l.starts_with(&format!("{key} ="))) {
                        missing.push(format!("{key} ({})", entry.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "missing translations: {missing:#?}");
    }

    /// Every message file of a language, one after another.
    fn all_ftl(lang: &str) -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang);
        let mut files: Vec<_> = walk(dir).into_iter().filter(|p| p.extension().is_some_and(|e| e == "ftl")).collect();
        files.sort();
        files.iter().map(|f| std::fs::read_to_string(f).unwrap_or_default() + "\n").collect()
    }

    fn walk(dir: std::path::PathBuf) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(p));
            } else {
                out.push(p);
            }
        }
        out
    }

    /// Quoted string literals that look like message keys ("error-…", "nav-…", …).
    fn used_keys(text: &str) -> Vec<String> {
        const PREFIXES: &[&str] = &[
            "error-",
            "nav-",
            "page-",
            "field-",
            "btn-",
            "msg-",
            "kind-",
            "basis-",
            "status-",
            "level-",
            "role-",
            "help-",
            "label-",
            "reason-",
            "rule-problem-",
            "notice-meeting-",
        ];
        let mut out = Vec::new();
        for piece in text.split('"').skip(1).step_by(2) {
            if PREFIXES.iter().any(|p| piece.starts_with(p))
                && piece.bytes().all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit())
                && !piece.ends_with('-')
            {
                out.push(piece.to_owned());
            }
        }
        out
    }
}
