//! People: the building blocks of a member record (identity number, phone, statuses, posts) and the
//! pure rules about members and the organizations they fill — establishment thresholds, terms of
//! office, mobile members. Anything that depends on "today" receives it as a parameter.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::counting::at_least;
use crate::{orgs::OrgKind, text::text_enum};

mod free_text;
pub use free_text::mask_personal;

// ---------------------------------------------------------------------------------------------
// Identity numbers
// ---------------------------------------------------------------------------------------------

/// A checked 居民身份证号码 (resident identity number, GB 11643-1999): six region digits, the birth
/// date, a three-digit sequence whose last digit gives the gender, and an ISO 7064 MOD 11-2 check
/// character. `Debug` masks the number so that logs never carry it.
#[derive(Clone, PartialEq, Eq)]
pub struct IdNumber {
    /// Upper-case, trimmed, 18 characters.
    pub normalized: String,
    pub birth: NaiveDate,
    pub gender: Gender,
}

impl std::fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdNumber")
            .field("normalized", &mask_id(&self.normalized))
            .field("birth", &self.birth)
            .field("gender", &self.gender)
            .finish()
    }
}

/// Why a text is not an identity number; checked in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("an identity number has 18 characters")]
    Length,
    #[error("an identity number is 17 digits followed by a digit or X")]
    Characters,
    #[error("the first two digits are not a province code")]
    Region,
    #[error("the birth date (digits 7 to 14) is not a real date between 1900-01-01 and today")]
    BirthDate,
    #[error("the check character does not match the other 17 digits")]
    CheckDigit,
}

/// Province-level codes (first two digits), inclusive ranges; 71 Taiwan, 81 Hong Kong, 82 Macao,
/// 91 abroad.
const PROVINCE_CODES: &[(u8, u8)] = &[(11, 15), (21, 23), (31, 37), (41, 46), (50, 54), (61, 65), (71, 71), (81, 82), (91, 91)];

/// Nobody born before this date is still a member to record; earlier dates are typing errors.
const EARLIEST_BIRTH: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Parses an identity number typed by a person: surrounding spaces are ignored and a lower-case
/// `x` is accepted. The birth date must not be after `today`.
pub fn parse_id_number(s: &str, today: NaiveDate) -> Result<IdNumber, IdError> {
    let s = s.trim();
    if s.chars().count() != 18 {
        return Err(IdError::Length);
    }
    let normalized = s.to_ascii_uppercase();
    let b = normalized.as_bytes();
    // 18 characters but more bytes means some character is not ASCII.
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) || !(b[17].is_ascii_digit() || b[17] == b'X') {
        return Err(IdError::Characters);
    }
    let province = (b[0] - b'0') * 10 + (b[1] - b'0');
    if !PROVINCE_CODES.iter().any(|(lo, hi)| (*lo..=*hi).contains(&province)) {
        return Err(IdError::Region);
    }
    let birth = parse_yyyymmdd(&normalized[6..14]).filter(|d| (EARLIEST_BIRTH..=today).contains(d)).ok_or(IdError::BirthDate)?;
    if id_check_char(&normalized[..17]) != Some(char::from(b[17])) {
        return Err(IdError::CheckDigit);
    }
    let gender = if (b[16] - b'0') % 2 == 1 { Gender::Male } else { Gender::Female };
    Ok(IdNumber { normalized, birth, gender })
}

fn parse_yyyymmdd(s: &str) -> Option<NaiveDate> {
    let year = s.get(0..4)?.parse().ok()?;
    let month = s.get(4..6)?.parse().ok()?;
    let day = s.get(6..8)?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The check character of the first 17 digits (ISO 7064 MOD 11-2), or `None` unless the input is
/// exactly 17 ASCII digits.
pub fn id_check_char(first17: &str) -> Option<char> {
    // Weight of position i is 2^(17-i) mod 11.
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    if first17.len() != 17 || !first17.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(c, w)| u32::from(c - b'0') * w).sum();
    Some(char::from(CHECK[(sum % 11) as usize]))
}

/// Builds a valid identity number for tests and generated data. The sequence is taken modulo 1000
/// and its last bit flipped when needed so that its parity gives the requested gender. If
/// `region6` is not six digits the result ends in `?` and will not parse.
pub fn make_id_number(region6: &str, birth: NaiveDate, seq3: u16, male: bool) -> String {
    let mut seq = seq3 % 1000;
    if (seq % 2 == 1) != male {
        seq ^= 1;
    }
    let first17 = format!("{region6}{}{seq:03}", birth.format("%Y%m%d"));
    let check = id_check_char(&first17).unwrap_or('?');
    format!("{first17}{check}")
}

// ---------------------------------------------------------------------------------------------
// Phones
// ---------------------------------------------------------------------------------------------

/// Why a text is not a phone number we can call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("not a mainland mobile number (11 digits) or a landline with its area code")]
    Format,
}

/// Parses a mainland phone number. Spaces, dashes and a leading `+86`/`0086` are dropped. A mobile
/// comes back as its 11 digits; a landline as `area-local` (e.g. `0731-88888888`), with the
/// trunk `0` restored when the international form omitted it (`+86 10 …`).
pub fn parse_phone(s: &str) -> Result<String, PhoneError> {
    let compact: String = s.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    let (national, international) = match compact.strip_prefix("+86").or_else(|| compact.strip_prefix("0086")) {
        Some(rest) => (rest, true),
        None => (compact.as_str(), false),
    };
    if is_mobile_number(national) {
        return Ok(national.to_owned());
    }
    if let Some((area, local)) = split_landline(national) {
        return Ok(format!("{area}-{local}"));
    }
    if international
        && !national.starts_with('0')
        && let Some((area, local)) = split_landline(&format!("0{national}"))
    {
        return Ok(format!("{area}-{local}"));
    }
    Err(PhoneError::Format)
}

/// `1[3-9]` followed by nine digits.
fn is_mobile_number(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) && b.iter().all(u8::is_ascii_digit)
}

/// Splits all-digit landline text into area code and local number. The three-digit area codes are
/// exactly 010 and 02x; every other code has four digits, so the split is never ambiguous.
fn split_landline(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    if b.len() < 2 || b[0] != b'0' || b[1] == b'0' || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let area_len = if matches!(b[1], b'1' | b'2') { 3 } else { 4 };
    let (area, local) = s.split_at(area_len.min(s.len()));
    (7..=8).contains(&local.len()).then_some((area, local))
}

// ---------------------------------------------------------------------------------------------
// Masking
// ---------------------------------------------------------------------------------------------

/// Keeps the first `head` and last `tail` characters and stars the rest; the length is kept.
fn keep_edges(s: &str, head: usize, tail: usize) -> String {
    let n = s.chars().count();
    s.chars().enumerate().map(|(i, c)| if i < head || i + tail >= n { c } else { '*' }).collect()
}

/// Masks an identity number for lists and exports: the first four (province and city) and last four
/// characters stay, so a person can still recognise their own. Shorter than 9 characters, keeping
/// both ends would reveal almost everything, so all of it is starred.
pub fn mask_id(s: &str) -> String {
    if s.chars().count() < 9 { "*".repeat(s.chars().count()) } else { keep_edges(s, 4, 4) }
}

/// Masks a phone number as stored by [`parse_phone`]: a mobile keeps its first three and last four
/// digits (`138****1234`), a landline its area code and last two digits (`0731-******88`). Anything
/// else is masked like an identity number.
pub fn mask_phone(s: &str) -> String {
    if is_mobile_number(s) {
        return keep_edges(s, 3, 4);
    }
    let area_prefix = match s.split_once('-') {
        Some((area, local)) => split_landline(&format!("{area}{local}")).filter(|(a, _)| a.len() == area.len()).map(|_| area.len() + 1),
        None => split_landline(s).map(|(area, _)| area.len()),
    };
    match area_prefix {
        Some(head) => keep_edges(s, head, 2),
        None => mask_id(s),
    }
}

// ---------------------------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------------------------

text_enum! {
    /// 性别 (gender), as recorded on the identity card.
    Gender {
        Male = "male",
        Female = "female",
    }
}

text_enum! {
    /// Where a person stands in the membership pipeline (RULES.md §5) and after it (§7):
    /// 入党申请人 (applicant), 入党积极分子 (activist), 发展对象 (development target), 预备党员
    /// (probationary member), 正式党员 (full member), 停止党籍 (membership suspended after losing
    /// contact), 失联 (out of contact), 除名 (removed), 去世 (deceased).
    MemberStatus {
        Applicant = "applicant",
        Activist = "activist",
        DevelopmentTarget = "development_target",
        Probationary = "probationary",
        Full = "full",
        Suspended = "suspended",
        OutOfContact = "out_of_contact",
        Removed = "removed",
        Deceased = "deceased",
    }
}

impl MemberStatus {
    /// Probationary and full members are party members; the earlier stages are not yet.
    pub fn is_party_member(self) -> bool {
        matches!(self, MemberStatus::Probationary | MemberStatus::Full)
    }

    /// The person no longer counts towards an organization. Out of contact is not an end state: the
    /// branch keeps looking for six months before suspending (RULES.md §7 第二十四条).
    pub fn is_end_state(self) -> bool {
        matches!(self, MemberStatus::Suspended | MemberStatus::Removed | MemberStatus::Deceased)
    }

    /// Only full members vote (RULES.md §2, 选举条例 第五条). Probation under discipline and
    /// detention also suspend the right; they are separate facts the caller checks too.
    pub fn can_vote(self) -> bool {
        self == MemberStatus::Full
    }
}

text_enum! {
    /// A post held in a village organization: 书记 (secretary), 副书记 (deputy secretary), 委员
    /// (committee member), 党小组组长 (party-group leader), 村委会主任 / 副主任 / 委员 (village
    /// committee director, deputy, member), 村务监督委员会主任 / 委员 (supervision committee chair,
    /// member), 集体经济组织负责人 (head of the collective economy), 村民代表 (villagers'
    /// representative, in the representatives' assembly), 网格长 (grid leader).
    PostKind {
        Secretary = "secretary",
        DeputySecretary = "deputy_secretary",
        CommitteeMember = "committee_member",
        PartyGroupLeader = "party_group_leader",
        VcDirector = "vc_director",
        VcDeputyDirector = "vc_deputy_director",
        VcMember = "vc_member",
        SupervisionChair = "supervision_chair",
        SupervisionMember = "supervision_member",
        CollectiveHead = "collective_head",
        VillagerRepresentative = "villager_representative",
        GridLeader = "grid_leader",
        Other = "other",
    }
}

impl PostKind {
    /// Posts in the party organization itself, as opposed to the village bodies it leads.
    pub fn is_party_post(self) -> bool {
        matches!(self, PostKind::Secretary | PostKind::DeputySecretary | PostKind::CommitteeMember | PostKind::PartyGroupLeader)
    }

    /// Default term length: 5 years for the branch and the village bodies (RULES.md §2, §9); grid and
    /// other posts follow local practice (§8), so 3 years is only the default of a setting.
    pub fn default_term_years(self) -> u32 {
        match self {
            PostKind::GridLeader | PostKind::Other => 3,
            _ => 5,
        }
    }
}

text_enum! {
    /// A village body other than the party organization: 村民委员会 (village committee), 村民代表会议
    /// (representative assembly), 村务监督委员会 (supervision committee), 集体经济组织 (collective
    /// economy), 合作社 (cooperative), 企业 (enterprise), 社会组织 (social organization).
    BodyKind {
        VillageCommittee = "village_committee",
        RepresentativeAssembly = "representative_assembly",
        SupervisionCommittee = "supervision_committee",
        CollectiveEconomy = "collective_economy",
        Cooperative = "cooperative",
        Enterprise = "enterprise",
        SocialOrganization = "social_organization",
    }
}

text_enum! {
    /// 学历 (highest education): 小学, 初中, 高中, 中专/职高 (vocational), 大专 (college), 本科
    /// (bachelor), 研究生 (postgraduate), 无 (none).
    Education {
        Primary = "primary",
        Junior = "junior",
        Senior = "senior",
        Vocational = "vocational",
        College = "college",
        Bachelor = "bachelor",
        Postgraduate = "postgraduate",
        None = "none",
    }
}

text_enum! {
    /// 职业 (occupation), in the categories village rosters use: 农民, 外出务工 (migrant worker), 工人,
    /// 个体经营 (business), 干部 (cadre), 教师, 医务 (medical), 学生, 离退休 (retired), 其他.
    Occupation {
        Farmer = "farmer",
        MigrantWorker = "migrant_worker",
        Worker = "worker",
        Business = "business",
        Cadre = "cadre",
        Teacher = "teacher",
        Medical = "medical",
        Student = "student",
        Retired = "retired",
        Other = "other",
    }
}

text_enum! {
    /// State of a 组织关系转接 (transfer of membership relation, RULES.md §7): requested, confirmed by
    /// the receiving branch, rejected, cancelled, or 介绍信 (letter of introduction) issued.
    TransferStatus {
        Requested = "requested",
        Confirmed = "confirmed",
        Rejected = "rejected",
        Cancelled = "cancelled",
        LetterIssued = "letter_issued",
    }
}

/// Reads a gender as rosters write it: the Chinese characters, or English words and initials in any
/// case.
pub fn parse_gender_text(s: &str) -> Option<Gender> {
    match s.trim().to_ascii_lowercase().as_str() {
        "男" | "male" | "m" => Some(Gender::Male),
        "女" | "female" | "f" => Some(Gender::Female),
        _ => None,
    }
}

/// Reads a member status as rosters write it: the Chinese words (long and short forms) or the
/// stored English text in any case.
pub fn parse_member_status_text(s: &str) -> Option<MemberStatus> {
    let s = s.trim();
    let status = match s {
        "申请人" | "入党申请人" => MemberStatus::Applicant,
        "积极分子" | "入党积极分子" => MemberStatus::Activist,
        "发展对象" => MemberStatus::DevelopmentTarget,
        "预备党员" => MemberStatus::Probationary,
        "正式党员" => MemberStatus::Full,
        "停止党籍" => MemberStatus::Suspended,
        "失联" => MemberStatus::OutOfContact,
        "除名" => MemberStatus::Removed,
        "去世" | "死亡" => MemberStatus::Deceased,
        _ => return MemberStatus::parse(&s.to_ascii_lowercase()),
    };
    Some(status)
}

// ---------------------------------------------------------------------------------------------
// Establishment rules
// ---------------------------------------------------------------------------------------------

/// How serious a finding is: `Info` suggests, `Warning` departs from a "generally" rule,
/// `Violation` breaks a "must".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Violation,
}

/// Something to tell the organization about its shape, with the numbers that produced it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "finding", rename_all = "snake_case")]
pub enum Finding {
    /// Fewer than 3 full members: form a joint branch instead.
    BranchTooSmall {
        full: u64,
    },
    /// 7 or more full members but no branch committee.
    CommitteeRequired {
        full: u64,
    },
    CommitteeSizeOutOfRange {
        size: u64,
        min: u64,
        max: u64,
    },
    /// Fewer than 7 full members: a secretary (and optional deputy) instead of a committee.
    SecretaryOnly {
        full: u64,
    },
    /// More than 50 members: the branch may become a general branch.
    ConsiderGeneralBranch {
        members: u64,
    },
    /// 100 or more members: the general branch may become a village committee.
    ConsiderVillageCommittee {
        members: u64,
    },
    /// 500 or more members: the committee may elect through a delegates' congress.
    MayUseDelegates {
        members: u64,
    },
}

impl Finding {
    /// The i18n key of the message explaining this finding.
    pub fn key(&self) -> &'static str {
        match self {
            Finding::BranchTooSmall { .. } => "finding-branch-too-small",
            Finding::CommitteeRequired { .. } => "finding-committee-required",
            Finding::CommitteeSizeOutOfRange { .. } => "finding-committee-size-out-of-range",
            Finding::SecretaryOnly { .. } => "finding-secretary-only",
            Finding::ConsiderGeneralBranch { .. } => "finding-consider-general-branch",
            Finding::ConsiderVillageCommittee { .. } => "finding-consider-village-committee",
            Finding::MayUseDelegates { .. } => "finding-may-use-delegates",
        }
    }

    pub fn severity(&self) -> Severity {
        match self {
            Finding::BranchTooSmall { .. } | Finding::CommitteeRequired { .. } => Severity::Violation,
            // 3–5 is "should"; beyond the cap of 7 it is a breach.
            Finding::CommitteeSizeOutOfRange { size, .. } if *size > COMMITTEE_SIZE_CAP => Severity::Violation,
            Finding::CommitteeSizeOutOfRange { .. } => Severity::Warning,
            Finding::SecretaryOnly { .. }
            | Finding::ConsiderGeneralBranch { .. }
            | Finding::ConsiderVillageCommittee { .. }
            | Finding::MayUseDelegates { .. } => Severity::Info,
        }
    }
}

// 支部条例 第四条 and 第二十条; 农村条例 (RULES.md §7, §2 committee size). All H: constants.
const BRANCH_MIN_FULL: u64 = 3;
const COMMITTEE_MIN_FULL: u64 = 7;
const COMMITTEE_SIZE_MIN: u64 = 3;
const COMMITTEE_SIZE_MAX: u64 = 5;
const COMMITTEE_SIZE_CAP: u64 = 7;
const BRANCH_MAX_MEMBERS: u64 = 50;
const VILLAGE_COMMITTEE_MIN_MEMBERS: u64 = 100;
const DELEGATES_MIN_MEMBERS: u64 = 500;

/// What a branch's full members allow (支部条例 第四条, 第二十条): a branch of its own from 3 full
/// members; a committee of 3 to 5 from 7, otherwise a secretary (and perhaps a deputy).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Establishment {
    pub full_members: u64,
    pub may_form_branch: bool,
    pub committee: bool,
    /// `[min, max]` seats when a committee is required.
    pub committee_size: Option<[u64; 2]>,
}

pub fn establishment(full_members: u64) -> Establishment {
    let committee = at_least(full_members, COMMITTEE_MIN_FULL).passed;
    Establishment {
        full_members,
        may_form_branch: at_least(full_members, BRANCH_MIN_FULL).passed,
        committee,
        committee_size: committee.then_some([COMMITTEE_SIZE_MIN, COMMITTEE_SIZE_MAX]),
    }
}

/// Checks an organization's size against the establishment rules. `members` counts full and
/// probationary members; `committee_size` is the number of committee seats, `None` or 0 for none.
pub fn establishment_findings(kind: OrgKind, full_members: u64, members: u64, committee_size: Option<u64>) -> Vec<Finding> {
    let mut findings = Vec::new();
    match kind {
        OrgKind::Branch | OrgKind::JointBranch => {
            if !at_least(full_members, BRANCH_MIN_FULL).passed {
                findings.push(Finding::BranchTooSmall { full: full_members });
            }
            let committee = committee_size.filter(|size| *size > 0);
            match (at_least(full_members, COMMITTEE_MIN_FULL).passed, committee) {
                (true, None) => findings.push(Finding::CommitteeRequired { full: full_members }),
                (true, Some(size)) if !(COMMITTEE_SIZE_MIN..=COMMITTEE_SIZE_MAX).contains(&size) => {
                    findings.push(Finding::CommitteeSizeOutOfRange { size, min: COMMITTEE_SIZE_MIN, max: COMMITTEE_SIZE_MAX })
                }
                (false, Some(_)) => findings.push(Finding::SecretaryOnly { full: full_members }),
                _ => {}
            }
            // "超过50人" is strictly more, per the counting convention.
            if members > BRANCH_MAX_MEMBERS {
                findings.push(Finding::ConsiderGeneralBranch { members });
            }
        }
        OrgKind::GeneralBranch => {
            if at_least(members, VILLAGE_COMMITTEE_MIN_MEMBERS).passed {
                findings.push(Finding::ConsiderVillageCommittee { members });
            }
        }
        OrgKind::Committee => {
            if at_least(members, DELEGATES_MIN_MEMBERS).passed {
                findings.push(Finding::MayUseDelegates { members });
            }
        }
        OrgKind::PartyGroup => {}
    }
    findings
}

// ---------------------------------------------------------------------------------------------
// Dates: terms, mobile members, letters, age, linked households
// ---------------------------------------------------------------------------------------------

/// Adds calendar months, landing on the month's last day when the day does not exist there.
fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// The planned end of a term: the same month and day `years` later (a term begun on 29 February
/// ends on 28 February in a common year).
pub fn term_end(start: NaiveDate, years: u32) -> NaiveDate {
    add_months(start, years.saturating_mul(12))
}

/// Where a term stands, so the higher level can prepare the election in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum TermState {
    Current,
    /// Within the warning window; `days_left` is 0 on the last day.
    EndingSoon {
        days_left: i64,
    },
    /// Past the planned end; `days_over` is 1 on the first day after it.
    Ended {
        days_over: i64,
    },
}

/// `Ended` once `today` is after `planned_end`; `EndingSoon` from `warn_months` calendar months
/// before `planned_end` through that day; otherwise `Current`.
pub fn term_state(planned_end: NaiveDate, today: NaiveDate, warn_months: u32) -> TermState {
    if today > planned_end {
        return TermState::Ended { days_over: (today - planned_end).num_days() };
    }
    let warn_from = planned_end.checked_sub_months(Months::new(warn_months)).unwrap_or(NaiveDate::MIN);
    if today >= warn_from { TermState::EndingSoon { days_left: (planned_end - today).num_days() } } else { TermState::Current }
}

/// Months away after which a member is mobile (教育管理条例 第二十五、三十二条).
const MOBILE_AFTER_MONTHS: u32 = 6;

/// A 流动党员 (mobile member) has been away from home for 6 calendar months or more without
/// transferring; the day six months on already counts.
pub fn is_mobile(away_since: Option<NaiveDate>, today: NaiveDate) -> bool {
    away_since.is_some_and(|since| today >= add_months(since, MOBILE_AFTER_MONTHS))
}

/// The last day a letter of introduction is valid, `months` calendar months after issue. The
/// validity is local practice (RULES.md §7, usually 3), hence a parameter.
pub fn letter_valid_until(issued: NaiveDate, months: u32) -> NaiveDate {
    add_months(issued, months)
}

/// Age in whole years on `today`; the birthday itself counts, and someone born on 29 February turns
/// a year older on 1 March in a common year. 0 before birth.
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> u32 {
    if today < birth {
        return 0;
    }
    let mut years = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).unwrap_or(0)
}

/// The latest birth date of someone 18 or older on `on` (by [`age_on`]): a roll of adults is
/// everyone born on or before it.
pub fn eighteen_before(on: NaiveDate) -> NaiveDate {
    let year = on.year() - 18;
    NaiveDate::from_ymd_opt(year, on.month(), on.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, on.month(), on.day() - 1))
        .unwrap_or(NaiveDate::MIN)
}

/// 联户 (linked households): returns `(count, min, max)` when a member links fewer than `min` or more
/// than `max` households. The range is a setting (RULES.md §8, default 5–10).
pub fn link_count_finding(linked_households: u64, min: u64, max: u64) -> Option<(u64, u64, u64)> {
    (!(min..=max).contains(&linked_households)).then_some((linked_households, min, max))
}

#[cfg(test)]
mod tests;

/// 留党察看 lasts one year or two (党章 第四十条: 最长不超过两年): the day it ends, or `None` for
/// any other length.
pub fn party_probation_until(from: NaiveDate, years: u32) -> Option<NaiveDate> {
    (1..=2).contains(&years).then(|| from.checked_add_months(Months::new(12 * years))).flatten()
}

/// Whether a member is under 留党察看 on `on`: from its first day until the day before it ends.
pub fn under_party_probation(from: Option<NaiveDate>, until: Option<NaiveDate>, on: NaiveDate) -> bool {
    matches!((from, until), (Some(f), Some(u)) if f <= on && on < u)
}
