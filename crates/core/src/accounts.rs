//! Accounts: roles, the password policy, and the lockout rule.

use crate::text::text_enum;
use chrono::{DateTime, Duration, Utc};

text_enum! {
    /// What an account may do. The three administrator roles are kept apart (MLPS level 3): none
    /// can do another's work, and none of them reaches organization data by being an administrator.
    Role {
        SystemAdmin = "system_admin",
        SecurityAdmin = "security_admin",
        AuditAdmin = "audit_admin",
        Organizer = "organizer",
        Secretary = "secretary",
        Viewer = "viewer",
        Member = "member",
        GridLeader = "grid_leader",
    }
}

impl Role {
    pub fn is_admin(self) -> bool {
        matches!(self, Role::SystemAdmin | Role::SecurityAdmin | Role::AuditAdmin)
    }

    /// Roles that are granted over an organization or area subtree.
    pub fn is_scoped(self) -> bool {
        !self.is_admin()
    }
}

/// Why a password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("password is shorter than the minimum length")]
    TooShort,
    #[error("password is longer than 128 characters")]
    TooLong,
    #[error("password is one of the most common passwords")]
    Common,
    #[error("password contains the user name")]
    ContainsUsername,
}

/// Passwords seen most often in leaked lists, including the ones common in China.
const COMMON: &[&str] = &[
    "12345678",
    "123456789",
    "1234567890",
    "123123123",
    "11111111",
    "00000000",
    "88888888",
    "66666666",
    "87654321",
    "12344321",
    "11223344",
    "password",
    "password1",
    "passw0rd",
    "qwertyui",
    "qwerty123",
    "iloveyou",
    "1qaz2wsx",
    "1q2w3e4r",
    "a1234567",
    "a12345678",
    "abc12345",
    "abcd1234",
    "aa123456",
    "zxcvbnm1",
    "asdfghjk",
    "admin123",
    "admin888",
    "woaini1314",
    "5201314520",
    "qq123456",
    "123qweasd",
    "p@ssw0rd",
    "12qwaszx",
    "1234qwer",
    "qwer1234",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "welcome1",
    "letmein1",
    "changeme",
    "trustno1",
    "dragon12",
    "monkey12",
    "superman",
    "michael1",
    "shadow12",
];

/// The password policy: at least `min_len` characters (8 by default), at most 128, not a common
/// password, not containing the user name. No composition rules (NIST SP 800-63B).
pub fn check_password(password: &str, username: &str, min_len: usize) -> Result<(), PasswordError> {
    let len = password.chars().count();
    if len < min_len.max(8) {
        return Err(PasswordError::TooShort);
    }
    if len > 128 {
        return Err(PasswordError::TooLong);
    }
    let lower = password.to_lowercase();
    let first = lower.chars().next();
    if COMMON.contains(&lower.as_str()) || lower.chars().all(|c| Some(c) == first) {
        return Err(PasswordError::Common);
    }
    if username.chars().count() >= 3 && lower.contains(&username.to_lowercase()) {
        return Err(PasswordError::ContainsUsername);
    }
    Ok(())
}

/// Lockout with back-off: after `threshold` consecutive failures the account (or address) is
/// locked; each further failure doubles the lock, capped at one day.
pub fn lock_until(failures: u32, threshold: u32, base: Duration, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if failures < threshold {
        return None;
    }
    let doublings = (failures - threshold).min(10);
    let lock = (base * 2i32.pow(doublings)).min(Duration::days(1));
    Some(now + lock)
}

/// Whether a password set at `changed_at` must be changed now, when rotation is switched on.
pub fn password_expired(changed_at: DateTime<Utc>, max_age_days: Option<u32>, now: DateTime<Utc>) -> bool {
    max_age_days.is_some_and(|d| now - changed_at > Duration::days(i64::from(d)))
}

/// Checks an account name: 3–32 letters, digits, `_`, `.` or `-`.
pub fn valid_username(name: &str) -> bool {
    (3..=32).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_policy() {
        assert_eq!(check_password("short", "u", 8), Err(PasswordError::TooShort));
        assert_eq!(check_password("12345678", "u", 8), Err(PasswordError::Common));
        assert_eq!(check_password("Password1", "u", 8), Err(PasswordError::Common));
        assert_eq!(check_password("aaaaaaaaaa", "u", 8), Err(PasswordError::Common));
        assert_eq!(check_password("zhangsan-2024!", "zhangsan", 8), Err(PasswordError::ContainsUsername));
        assert_eq!(check_password("abcdefghij", "u", 12), Err(PasswordError::TooShort));
        assert!(check_password("青山绿水村2026", "zhangsan", 8).is_ok());
        assert_eq!(check_password(&"ab".repeat(65), "u", 8), Err(PasswordError::TooLong));
    }

    #[test]
    fn lockout_backs_off_and_caps() {
        let now = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let base = Duration::minutes(15);
        assert_eq!(lock_until(4, 5, base, now), None);
        assert_eq!(lock_until(5, 5, base, now), Some(now + base));
        assert_eq!(lock_until(6, 5, base, now), Some(now + base * 2));
        assert_eq!(lock_until(40, 5, base, now), Some(now + Duration::days(1)));
    }

    #[test]
    fn rotation_only_when_set() {
        let now = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let old = now - Duration::days(100);
        assert!(!password_expired(old, None, now));
        assert!(password_expired(old, Some(90), now));
        assert!(!password_expired(old, Some(180), now));
    }

    #[test]
    fn admin_roles_are_not_scoped() {
        assert!(Role::AuditAdmin.is_admin());
        assert!(!Role::Secretary.is_admin());
        assert!(valid_username("li.ming_01"));
        assert!(!valid_username("li ming"));
    }
}
