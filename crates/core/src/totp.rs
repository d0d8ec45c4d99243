//! Time-based one-time passwords (RFC 6238, SHA-1, 6 digits, 30 s steps) — what every authenticator
//! app speaks — and the base32 text form of their secrets.

use hmac::{Hmac, Mac};
use sha1::Sha1;

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
pub const STEP_SECS: i64 = 30;

/// RFC 4648 base32 without padding.
pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buf, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buf = (buf << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buf >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buf << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// Decodes base32, ignoring spaces, dashes, padding and case; `None` on any other character.
pub fn base32_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buf, mut bits) = (0u32, 0u32);
    for c in s.chars().filter(|c| !matches!(c, ' ' | '-' | '=')) {
        let v = ALPHABET.iter().position(|&a| a as char == c.to_ascii_uppercase())? as u32;
        buf = (buf << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
        }
    }
    Some(out)
}

/// HOTP (RFC 4226) value for `counter`.
pub fn hotp(secret: &[u8], counter: u64, digits: u32) -> u32 {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else {
        return 0;
    };
    mac.update(&counter.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let off = (h[19] & 0x0f) as usize;
    let code = (u32::from(h[off] & 0x7f) << 24) | (u32::from(h[off + 1]) << 16) | (u32::from(h[off + 2]) << 8) | u32::from(h[off + 3]);
    code % 10u32.pow(digits)
}

/// The six-digit code for the step holding `unix_secs`.
pub fn code_at(secret: &[u8], unix_secs: i64) -> String {
    format!("{:06}", hotp(secret, (unix_secs / STEP_SECS) as u64, 6))
}

/// Checks `code` against the current step and one step either side (clock drift). Returns the
/// matched step so a caller can refuse a code that was already used.
pub fn verify(secret: &[u8], code: &str, unix_secs: i64) -> Option<i64> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let step = unix_secs / STEP_SECS;
    (step - 1..=step + 1).find(|s| format!("{:06}", hotp(secret, *s as u64, 6)) == code)
}

/// The `otpauth://` URI an authenticator app reads from a QR code or a pasted link.
pub fn otpauth_uri(issuer: &str, account: &str, secret_b32: &str) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
            .collect::<String>()
    };
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period=30",
        enc(issuer),
        enc(account),
        secret_b32,
        enc(issuer)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_sha1_vectors() {
        // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", 8 digits.
        let s = b"12345678901234567890";
        assert_eq!(hotp(s, 59 / 30, 8), 94287082);
        assert_eq!(hotp(s, 1111111109 / 30, 8), 7081804);
        assert_eq!(hotp(s, 2000000000 / 30, 8), 69279037);
    }

    #[test]
    fn rfc4226_hotp_vectors() {
        let s = b"12345678901234567890";
        assert_eq!(hotp(s, 0, 6), 755224);
        assert_eq!(hotp(s, 9, 6), 520489);
    }

    #[test]
    fn base32_roundtrip_and_known_value() {
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32_decode("mzxw 6ytb oi======").unwrap(), b"foobar");
        assert!(base32_decode("MZ1").is_none());
        let bytes: Vec<u8> = (0..20).collect();
        assert_eq!(base32_decode(&base32_encode(&bytes)).unwrap(), bytes);
    }

    #[test]
    fn verify_accepts_drift_of_one_step_only() {
        let s = b"12345678901234567890";
        let now = 1_700_000_000;
        assert!(verify(s, &code_at(s, now), now).is_some());
        assert!(verify(s, &code_at(s, now - 30), now).is_some());
        assert!(verify(s, &code_at(s, now - 90), now).is_none());
        assert!(verify(s, "12345", now).is_none());
        assert!(verify(s, "abcdef", now).is_none());
    }
}
