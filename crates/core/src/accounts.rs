//! Accounts: roles, the password policy, and the lockout rule.

use crate::text::text_enum;

pub mod breached;
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
    #[error("password was seen in a breach")]
    Common,
    #[error("password contains the user name")]
    ContainsUsername,
}

/// The password policy: at least `min_len` characters (8 by default), at most 128, not a password
/// seen in a breach ([`breached`]), not one character repeated, not containing the user name. No composition rules (NIST SP 800-63B).
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
    if lower.chars().all(|c| Some(c) == first) || breached::is_breached(&lower) {
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
    fn breached_passwords_are_refused() {
        // All three are in the shipped breach list (see crates/core/lists/breached-passwords.md).
        for p in ["password123", "a123456789", "123456789a", "PassWord123", "woaini1314", "5201314520"] {
            assert_eq!(check_password(p, "u", 8), Err(PasswordError::Common), "{p}");
        }
        assert!(breached::breached_count() >= 100_000);
        assert!(check_password("tq7#Vz9w-Lp2mXe4", "u", 8).is_ok(), "a strong random one");
        assert!(check_password("青山绿水村2026", "zhangsan", 8).is_ok());
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
