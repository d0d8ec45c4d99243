//! Protection of sensitive personal data at rest: AES-256-GCM with a key from the settings (never
//! from the database), bound to the record and field it belongs to, plus a keyed hash (HMAC-SHA256)
//! so exact-match search works without decrypting.

use aes_gcm::{
    Aes256Gcm, KeyInit, Nonce,
    aead::{Aead, Payload},
};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// The two keys derived from the configured master key.
#[derive(Clone)]
pub struct DataKey {
    cipher: Aes256Gcm,
    mac_key: [u8; 32],
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(***)")
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CryptoError {
    #[error("the data key must be 64 hex digits")]
    BadKey,
    #[error("stored value cannot be decrypted (wrong key or altered data)")]
    Decrypt,
}

fn derive(master: &[u8], label: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(master).unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(label);
    mac.finalize().into_bytes().into()
}

impl DataKey {
    pub fn from_hex(s: &str) -> Result<Self, CryptoError> {
        let master = hex::decode(s.trim()).map_err(|_| CryptoError::BadKey)?;
        if master.len() != 32 {
            return Err(CryptoError::BadKey);
        }
        let enc = derive(&master, b"lianxin/v1/encrypt");
        let cipher = Aes256Gcm::new_from_slice(&enc).map_err(|_| CryptoError::BadKey)?;
        Ok(Self { cipher, mac_key: derive(&master, b"lianxin/v1/lookup") })
    }

    /// A new random master key in hex.
    pub fn generate_hex() -> String {
        let mut k = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut k);
        hex::encode(k)
    }

    /// Encrypts `plain` for the field `context` (e.g. `persons.id_number:<person id>`), so a value
    /// copied to another record or field no longer decrypts. Output: hex(nonce ‖ ciphertext).
    pub fn encrypt(&self, context: &str, plain: &str) -> String {
        let mut nonce = [0u8; 12];
        rand::thread_rng().fill_bytes(&mut nonce);
        let ct = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), Payload { msg: plain.as_bytes(), aad: context.as_bytes() })
            .unwrap_or_else(|_| unreachable!("AES-GCM encryption of a short value cannot fail"));
        let mut out = Vec::with_capacity(12 + ct.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ct);
        hex::encode(out)
    }

    pub fn decrypt(&self, context: &str, stored: &str) -> Result<String, CryptoError> {
        let bytes = hex::decode(stored).map_err(|_| CryptoError::Decrypt)?;
        if bytes.len() < 12 + 16 {
            return Err(CryptoError::Decrypt);
        }
        let (nonce, ct) = bytes.split_at(12);
        let plain = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), Payload { msg: ct, aad: context.as_bytes() })
            .map_err(|_| CryptoError::Decrypt)?;
        String::from_utf8(plain).map_err(|_| CryptoError::Decrypt)
    }

    /// Keyed hash of a normalized value for exact-match lookup (`kind` keeps ID numbers and phones
    /// apart).
    pub fn lookup_hash(&self, kind: &str, normalized: &str) -> String {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.mac_key).unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(kind.as_bytes());
        mac.update(&[0]);
        mac.update(normalized.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// The SHA-256 of `s` in hex, for secrets stored only as hashes (private links, one-time codes).
pub(crate) fn digest_hex(s: &str) -> String {
    use sha2::Digest;
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// Compares two secrets' hashes in time independent of where they differ.
pub(crate) fn constant_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> DataKey {
        DataKey::from_hex(&"ab".repeat(32)).unwrap()
    }

    #[test]
    fn round_trip_and_context_binding() {
        let k = key();
        let s = k.encrypt("persons.id_number:1", "11010519491231002X");
        assert!(!s.contains("11010519491231002X"));
        assert_eq!(k.decrypt("persons.id_number:1", &s).unwrap(), "11010519491231002X");
        assert_eq!(k.decrypt("persons.id_number:2", &s), Err(CryptoError::Decrypt), "moved to another record");
        assert_eq!(k.decrypt("persons.phone:1", &s), Err(CryptoError::Decrypt), "moved to another field");
        let other = DataKey::from_hex(&"cd".repeat(32)).unwrap();
        assert_eq!(other.decrypt("persons.id_number:1", &s), Err(CryptoError::Decrypt));
        // Fresh nonce each time.
        assert_ne!(s, k.encrypt("persons.id_number:1", "11010519491231002X"));
    }

    #[test]
    fn lookup_hash_is_keyed_and_separated() {
        let k = key();
        assert_eq!(k.lookup_hash("id", "x"), k.lookup_hash("id", "x"));
        assert_ne!(k.lookup_hash("id", "x"), k.lookup_hash("phone", "x"));
        assert_ne!(k.lookup_hash("id", "x"), DataKey::from_hex(&"cd".repeat(32)).unwrap().lookup_hash("id", "x"));
    }

    #[test]
    fn bad_keys_and_garbage() {
        assert_eq!(DataKey::from_hex("abc").unwrap_err(), CryptoError::BadKey);
        assert_eq!(DataKey::from_hex(&"zz".repeat(32)).unwrap_err(), CryptoError::BadKey);
        assert_eq!(key().decrypt("c", "00"), Err(CryptoError::Decrypt));
        assert_eq!(key().decrypt("c", "not hex"), Err(CryptoError::Decrypt));
        assert_eq!(DataKey::generate_hex().len(), 64);
    }
}
