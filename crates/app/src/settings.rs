//! One typed settings struct, read by the command line from a TOML file, `LIANXIN_*` environment
//! variables and flags. Local rules (RULES.md "L") are settings with the common value as default.

use serde::{Deserialize, Serialize};

/// A value that never appears in logs or debug output.
#[derive(Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() { "\"\"" } else { "\"***\"" })
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// `sqlite://./data/lianxin.db?mode=rwc` or `postgres://user@host/db`. May hold a password.
    pub database_url: Secret,
    pub pool_size: u32,
    /// Address `serve` listens on.
    pub listen: String,
    /// Minutes east of UTC in which times are shown (Asia/Shanghai: 480, no daylight saving).
    pub display_utc_offset_minutes: i32,
    /// Key protecting ID numbers and phones at rest: 64 hex digits (32 bytes), from the settings
    /// file or `LIANXIN_DATA_KEY`, never stored in the database. `lianxin gen-key` makes one.
    pub data_key: Secret,
    /// Name of this instance in job claims; defaults to host name and process id.
    pub instance_name: Option<String>,
    pub security: SecuritySettings,
    pub audit: AuditSettings,
    pub limits: LimitSettings,
    pub people: PeopleSettings,
    pub appeals: AppealSettings,
    pub meetings: MeetingSettings,
    pub development: DevelopmentSettings,
    pub dues: DuesSettings,
    pub study: StudySettings,
    pub care: CareSettings,
    pub decisions: DecisionSettings,
    pub elections: ElectionSettings,
    /// The county's points table (积分制): base, items with caps, thresholds and their actions.
    pub points: lianxin_core::points::Table,
}

/// Local rules of the appeals capability: deadlines, the working calendar, rating and closing,
/// intake limits and the notice gateways.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct AppealSettings {
    /// Deadline of a village for a category without its own ("3d" working days, "48h" working hours).
    pub village_sla: String,
    /// Deadline of the township once an appeal reaches it, and of the county.
    pub township_sla: String,
    pub county_sla: String,
    /// Public holidays (rest days) and make-up working days (调休), as dates.
    pub holidays: Vec<chrono::NaiveDate>,
    pub extra_workdays: Vec<chrono::NaiveDate>,
    /// A resolved appeal nobody rates closes after this many days.
    pub auto_close_days: i64,
    /// How many times an "unsatisfied" reopens an appeal before it goes up a level instead.
    pub reopen_limit: u32,
    /// Hours before a deadline when the handler is reminded.
    pub remind_before_hours: i64,
    /// Open appeals this recent are offered as "me too" to a similar new one.
    pub duplicate_days: i64,
    /// Photos per appeal and the largest photo accepted (a camera's file; what is kept is much
    /// smaller, see `crate::photos`).
    pub photos_max: usize,
    pub photo_max_bytes: usize,
    /// Public intake limits: appeals per IP address per hour and per phone per day.
    pub per_ip_per_hour: i32,
    pub per_phone_per_day: i32,
    /// Whether a new appeal is shown on the village's public board unless the villager says no.
    pub public_by_default: bool,
    /// One-time sign-in codes: minutes valid, wrong guesses allowed.
    pub code_minutes: i64,
    pub code_attempts: i32,
    /// SMS gateway: "log" keeps messages in the outbox (for local use), "http" posts them to
    /// `sms_http_url` as JSON `{to, body}`.
    pub sms_gateway: String,
    pub sms_http_url: Option<String>,
    /// Where notices are also posted as JSON (escalations, reminders); none by default.
    pub webhook_url: Option<String>,
    /// The address villagers reach this server at (e.g. "https://lianxin.example.gov.cn"), put in
    /// the text messages sent to them; without it the messages carry only the tracking code.
    pub public_url: Option<String>,
}

impl AppealSettings {
    /// The largest intake form: every photo at its largest and the text fields around them.
    pub fn form_bytes(&self) -> usize {
        self.photos_max.saturating_mul(self.photo_max_bytes).saturating_add(64 * 1024)
    }
}

impl Default for AppealSettings {
    fn default() -> Self {
        Self {
            village_sla: "5d".into(),
            township_sla: "5d".into(),
            county_sla: "10d".into(),
            holidays: Vec::new(),
            extra_workdays: Vec::new(),
            auto_close_days: 7,
            reopen_limit: 1,
            remind_before_hours: 24,
            duplicate_days: 30,
            photos_max: 3,
            photo_max_bytes: 12 * 1024 * 1024,
            per_ip_per_hour: 30,
            per_phone_per_day: 10,
            public_by_default: true,
            code_minutes: 10,
            code_attempts: 5,
            sms_gateway: "log".into(),
            sms_http_url: None,
            webhook_url: None,
            public_url: None,
        }
    }
}

/// Local rules of the people capability (RULES.md "L"): settings, not constants.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct PeopleSettings {
    /// Households a member is usually linked to (联户, RULES.md §8: 5–10).
    pub linked_households_min: u64,
    pub linked_households_max: u64,
    /// Months before a term's planned end when it is flagged (issue: 6).
    pub term_warning_months: u32,
    /// Validity of a transfer letter to outside the system (practice: 3 months).
    pub letter_valid_months: u32,
}

impl Default for PeopleSettings {
    fn default() -> Self {
        Self { linked_households_min: 5, linked_households_max: 10, term_warning_months: 6, letter_valid_months: 3 }
    }
}

/// Local rules of organizational life (RULES.md §1, "M"): the branch lecture count is set by the
/// province or county, not centrally.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct MeetingSettings {
    /// A party lecture each quarter (the common local rule); `false` requires none.
    pub lecture_quarterly: bool,
    /// Days before a period ends when a branch that has not held its meeting is reminded.
    pub remind_days: u32,
}

impl Default for MeetingSettings {
    fn default() -> Self {
        Self { lecture_quarterly: true, remind_days: 7 }
    }
}

impl MeetingSettings {
    pub fn cadence(&self) -> lianxin_core::meetings::CadenceSettings {
        lianxin_core::meetings::CadenceSettings { lecture_quarterly: self.lecture_quarterly, remind_days: self.remind_days }
    }
}

/// Local rules of 四议两公开 (RULES.md §4, §9, "L").
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct DecisionSettings {
    /// Under 一肩挑 (the secretary is also the village committee's director) the proposal and the
    /// deliberation may be one joint meeting of the two committees.
    pub merge_first_two: bool,
    /// Days between a resolution (or the planned end of its implementation) and its disclosure
    /// before it is overdue and the level above is told.
    pub disclosure_days: u32,
    /// Days a major matter may wait after it arose before its disclosure on the public board is
    /// late ("随时公开").
    pub major_disclosure_days: u32,
}

impl Default for DecisionSettings {
    fn default() -> Self {
        Self {
            merge_first_two: false,
            disclosure_days: lianxin_core::decisions::DEFAULT_DISCLOSURE_DAYS,
            major_disclosure_days: lianxin_core::disclosure::DEFAULT_MAJOR_DAYS,
        }
    }
}

/// Local rules of 公推直选 (RULES.md §3, "L"): the weights of the two recommendations in the
/// nominees' score, in percent, adding up to 100.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ElectionSettings {
    pub member_weight: u64,
    pub villager_weight: u64,
}

impl Default for ElectionSettings {
    fn default() -> Self {
        let (member_weight, villager_weight) = lianxin_core::elections::stages::DEFAULT_WEIGHTS;
        Self { member_weight, villager_weight }
    }
}

/// Local rules of member development (RULES.md §5, "L"): the public notice is not in the central
/// rules; common local practice is five working days, some counties seven.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct DevelopmentSettings {
    pub notice_working_days: u32,
}

impl Default for DevelopmentSettings {
    fn default() -> Self {
        Self { notice_working_days: lianxin_core::development::DEFAULT_NOTICE_WORKING_DAYS }
    }
}

/// The province's amount for farmers' dues (RULES.md §6 第六条: 0.2 to 1 yuan a month), in fen.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct DuesSettings {
    pub farmer_fen: i64,
}

impl Default for DuesSettings {
    fn default() -> Self {
        Self { farmer_fen: lianxin_core::dues::DEFAULT_FARMER_FEN }
    }
}

/// Local rules of care: how long a linked household (联户) may go without contact.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct CareSettings {
    /// Days without contact after which a linked household is listed as not contacted.
    pub contact_days: u32,
}

impl Default for CareSettings {
    fn default() -> Self {
        Self { contact_days: lianxin_core::care::DEFAULT_CONTACT_DAYS }
    }
}

/// Local rules of study: how video time becomes study hours, what a lecture counts for, and the
/// largest video accepted.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct StudySettings {
    /// Minutes of video played that make one study hour (学时).
    pub minutes_per_hour: u32,
    /// Tenths of an hour a party lecture attended (or brought to a member) counts for: 20 = 2 hours.
    pub lecture_tenths: u32,
    /// The largest course video accepted, in megabytes.
    pub video_max_mb: u32,
}

impl Default for StudySettings {
    fn default() -> Self {
        Self {
            minutes_per_hour: lianxin_core::study::DEFAULT_MINUTES_PER_HOUR,
            lecture_tenths: lianxin_core::study::DEFAULT_LECTURE_TENTHS,
            video_max_mb: 200,
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SecuritySettings {
    pub password_min_length: usize,
    /// Force a password change after this many days (MLPS rotation); off by default.
    pub password_max_age_days: Option<u32>,
    /// Consecutive failures before an account is locked.
    pub lockout_threshold: u32,
    pub lockout_minutes: i64,
    /// Failures from one address before the address is slowed down.
    pub ip_lockout_threshold: u32,
    pub session_idle_minutes: i64,
    pub session_absolute_hours: i64,
    /// Staff whose scope lies above the village must use a second factor.
    pub totp_required_above_village: bool,
    /// Roles that always need a second factor, whatever their scope (e.g. `["secretary"]`).
    pub totp_required_roles: Vec<String>,
    /// Mark cookies `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// Addresses of reverse proxies / load balancers whose `X-Forwarded-For` is believed; the
    /// client address (for lockout, rate limits and the audit log) is then taken from it.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuditSettings {
    /// Days audit entries are kept; at least 180 (MLPS: six months).
    pub retention_days: i64,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct LimitSettings {
    pub body_bytes: usize,
    pub request_timeout_secs: u64,
    /// Sustained requests per second per client address.
    pub per_ip_per_second: u64,
    pub per_ip_burst: u32,
    /// Largest spreadsheet accepted for import.
    pub import_bytes: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            database_url: Secret::new("sqlite://./data/lianxin.db?mode=rwc"),
            pool_size: 8,
            listen: "127.0.0.1:8080".into(),
            display_utc_offset_minutes: 480,
            data_key: Secret::default(),
            instance_name: None,
            security: SecuritySettings::default(),
            audit: AuditSettings::default(),
            limits: LimitSettings::default(),
            people: PeopleSettings::default(),
            appeals: AppealSettings::default(),
            meetings: MeetingSettings::default(),
            development: DevelopmentSettings::default(),
            dues: DuesSettings::default(),
            study: StudySettings::default(),
            care: CareSettings::default(),
            decisions: DecisionSettings::default(),
            elections: ElectionSettings::default(),
            points: lianxin_core::points::Table::default(),
        }
    }
}

impl Default for SecuritySettings {
    fn default() -> Self {
        Self {
            password_min_length: 8,
            password_max_age_days: None,
            lockout_threshold: 5,
            lockout_minutes: 15,
            ip_lockout_threshold: 30,
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            totp_required_above_village: true,
            totp_required_roles: Vec::new(),
            secure_cookies: false,
            trusted_proxies: Vec::new(),
        }
    }
}

impl Default for AuditSettings {
    fn default() -> Self {
        Self { retention_days: 183 }
    }
}

impl Default for LimitSettings {
    fn default() -> Self {
        Self {
            body_bytes: 2 * 1024 * 1024,
            request_timeout_secs: 30,
            per_ip_per_second: 20,
            per_ip_burst: 100,
            import_bytes: 25 * 1024 * 1024,
        }
    }
}

impl Settings {
    /// The local settings the explainable rules answer under.
    pub fn rules(&self) -> lianxin_core::rules::RuleSettings {
        lianxin_core::rules::RuleSettings {
            cadence: self.meetings.cadence(),
            farmer_fen: self.dues.farmer_fen,
            notice_working_days: self.development.notice_working_days,
            contact_days: self.care.contact_days,
            points: lianxin_core::points::kept(&self.points),
            disclosure_days: self.decisions.disclosure_days,
            recommendation_weights: (self.elections.member_weight, self.elections.villager_weight),
        }
    }

    /// Checks values that would make the system unsafe or unusable.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(problem) = self.points.problem() {
            return Err(problem);
        }
        if self.elections.member_weight + self.elections.villager_weight != 100 {
            return Err("elections.member_weight and elections.villager_weight must add up to 100".into());
        }
        if !(1..=30).contains(&self.decisions.major_disclosure_days) {
            return Err("decisions.major_disclosure_days must be between 1 and 30".into());
        }
        if !(1..=60).contains(&self.decisions.disclosure_days) {
            return Err("decisions.disclosure_days must be between 1 and 60".into());
        }
        if !(1..=365).contains(&self.care.contact_days) {
            return Err("care.contact_days must be between 1 and 365".into());
        }
        if !(30..=60).contains(&self.study.minutes_per_hour) {
            return Err("study.minutes_per_hour must be between 30 and 60".into());
        }
        if !(5..=80).contains(&self.study.lecture_tenths) || !(1..=2000).contains(&self.study.video_max_mb) {
            return Err("study.lecture_tenths must be between 5 and 80, study.video_max_mb between 1 and 2000".into());
        }
        if !(20..=100).contains(&self.dues.farmer_fen) {
            return Err("dues.farmer_fen must be between 20 and 100 (0.2 to 1 yuan a month)".into());
        }
        if !(1..=30).contains(&self.development.notice_working_days) {
            return Err("development.notice_working_days must be between 1 and 30".into());
        }
        if self.audit.retention_days < 180 {
            return Err("audit.retention_days must be at least 180 (six months)".into());
        }
        if self.security.password_min_length < 8 {
            return Err("security.password_min_length must be at least 8".into());
        }
        if self.security.lockout_threshold == 0 {
            return Err("security.lockout_threshold must be at least 1".into());
        }
        if let Some(bad) = self.security.totp_required_roles.iter().find(|r| lianxin_core::accounts::Role::parse(r).is_none()) {
            return Err(format!("security.totp_required_roles: unknown role {bad:?}"));
        }
        if !self.data_key.expose().is_empty() && crate::crypto::DataKey::from_hex(self.data_key.expose()).is_err() {
            return Err("data_key must be 64 hex digits (run `lianxin gen-key`)".into());
        }
        let a = &self.appeals;
        for (name, v) in [("village_sla", &a.village_sla), ("township_sla", &a.township_sla), ("county_sla", &a.county_sla)] {
            if lianxin_core::appeals::Sla::parse(v).is_none() {
                return Err(format!("appeals.{name} must look like \"5d\" or \"48h\""));
            }
        }
        if !matches!(a.sms_gateway.as_str(), "log" | "http") || (a.sms_gateway == "http" && a.sms_http_url.is_none()) {
            return Err("appeals.sms_gateway must be \"log\", or \"http\" with appeals.sms_http_url".into());
        }
        if self.pool_size < 2 {
            return Err("pool_size must be at least 2".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_stay_out_of_debug() {
        let s = Settings { database_url: Secret::new("postgres://u:hunter2@h/db"), ..Default::default() };
        assert!(!format!("{s:?}").contains("hunter2"));
    }

    #[test]
    fn short_retention_is_refused() {
        let mut s = Settings::default();
        assert!(s.validate().is_ok());
        s.audit.retention_days = 30;
        assert!(s.validate().is_err());
    }
}
