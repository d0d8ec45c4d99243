//! Hash chains of public records (an election's board, a village's public board): each entry's
//! hash covers the one before it, so a changed, removed or reordered entry breaks the chain.

use sha2::{Digest, Sha256};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// `sha256(prev ‖ seq ‖ payload)`, each part length-prefixed so that no two entries encode alike.
pub fn entry_hash(prev: &str, seq: i64, payload: &str) -> String {
    let mut h = Sha256::new();
    for part in [prev.as_bytes(), seq.to_string().as_bytes(), payload.as_bytes()] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part);
    }
    hex::encode(h.finalize())
}
