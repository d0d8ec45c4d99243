//! The audit chain: each entry carries the hash of the one before it, so any change to a stored
//! entry, or a removed entry, breaks the chain at that point.

use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};

/// The hash that the first entry of a new chain points back to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Outcome of an audited action.
pub const OK: &str = "ok";
pub const DENIED: &str = "denied";
pub const FAILED: &str = "failed";

/// The fields of one audit entry that the hash covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryFields<'a> {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<&'a str>,
    pub actor_name: &'a str,
    pub action: &'a str,
    pub target_kind: &'a str,
    pub target_id: Option<&'a str>,
    pub outcome: &'a str,
    pub ip: Option<&'a str>,
    pub request_id: Option<&'a str>,
    pub detail: &'a str,
}

/// `sha256(prev_hash ‖ fields)`, each field length-prefixed so that no two entries encode alike.
pub fn entry_hash(prev_hash: &str, e: &EntryFields<'_>) -> String {
    let mut h = Sha256::new();
    let at = e.at.to_rfc3339_opts(SecondsFormat::Micros, true);
    let seq = e.seq.to_string();
    let parts: [&str; 12] = [
        prev_hash,
        &seq,
        &at,
        e.actor_id.unwrap_or(""),
        e.actor_name,
        e.action,
        e.target_kind,
        e.target_id.unwrap_or(""),
        e.outcome,
        e.ip.unwrap_or(""),
        e.request_id.unwrap_or(""),
        e.detail,
    ];
    for p in parts {
        h.update((p.len() as u64).to_be_bytes());
        h.update(p.as_bytes());
    }
    hex::encode(h.finalize())
}

/// A stored entry as read back for verification.
#[derive(Clone, Debug)]
pub struct StoredEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<String>,
    pub actor_name: String,
    pub action: String,
    pub target_kind: String,
    pub target_id: Option<String>,
    pub outcome: String,
    pub ip: Option<String>,
    pub request_id: Option<String>,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

impl StoredEntry {
    pub fn fields(&self) -> EntryFields<'_> {
        EntryFields {
            seq: self.seq,
            at: self.at,
            actor_id: self.actor_id.as_deref(),
            actor_name: &self.actor_name,
            action: &self.action,
            target_kind: &self.target_kind,
            target_id: self.target_id.as_deref(),
            outcome: &self.outcome,
            ip: self.ip.as_deref(),
            request_id: self.request_id.as_deref(),
            detail: &self.detail,
        }
    }
}

/// Where and why a chain is broken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    /// The entry's own hash does not match its contents.
    Altered { seq: i64 },
    /// The entry does not point at the hash of the one before it.
    Unlinked { seq: i64 },
    /// A sequence number is missing before this entry.
    Gap { seq: i64, expected: i64 },
}

impl Break {
    /// The sequence number of the entry where the chain breaks.
    pub fn seq(&self) -> i64 {
        match self {
            Break::Altered { seq } | Break::Unlinked { seq } | Break::Gap { seq, .. } => *seq,
        }
    }
}

/// Walks a run of entries in sequence order, continuing from `anchor` (the hash and sequence
/// number of the entry before the first one), and returns the state to continue from, or the
/// first break. Verification can thus go page by page over a long log.
pub fn verify_run(anchor: (i64, &str), entries: &[StoredEntry]) -> Result<(i64, String), Break> {
    let (mut seq, mut prev) = (anchor.0, anchor.1.to_owned());
    for e in entries {
        if e.seq != seq + 1 {
            return Err(Break::Gap { seq: e.seq, expected: seq + 1 });
        }
        if e.prev_hash != prev {
            return Err(Break::Unlinked { seq: e.seq });
        }
        if entry_hash(&e.prev_hash, &e.fields()) != e.hash {
            return Err(Break::Altered { seq: e.seq });
        }
        seq = e.seq;
        prev = e.hash.clone();
    }
    Ok((seq, prev))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<StoredEntry> {
        let mut out: Vec<StoredEntry> = Vec::new();
        let mut prev = GENESIS.to_owned();
        for seq in 1..=n {
            let mut e = StoredEntry {
                seq,
                at: DateTime::from_timestamp(1_700_000_000 + seq, 0).unwrap(),
                actor_id: None,
                actor_name: "tester".into(),
                action: "org.create".into(),
                target_kind: "org".into(),
                target_id: Some(format!("t{seq}")),
                outcome: OK.into(),
                ip: None,
                request_id: None,
                detail: "{}".into(),
                prev_hash: prev.clone(),
                hash: String::new(),
            };
            e.hash = entry_hash(&prev, &e.fields());
            prev = e.hash.clone();
            out.push(e);
        }
        out
    }

    #[test]
    fn intact_chain_verifies() {
        let c = chain(5);
        assert_eq!(verify_run((0, GENESIS), &c).unwrap().0, 5);
        // Continuing from the middle works the same.
        let (seq, hash) = verify_run((0, GENESIS), &c[..2]).unwrap();
        assert_eq!(verify_run((seq, &hash), &c[2..]).unwrap().0, 5);
    }

    #[test]
    fn altered_entry_is_named() {
        let mut c = chain(5);
        c[2].actor_name = "someone else".into();
        assert_eq!(verify_run((0, GENESIS), &c), Err(Break::Altered { seq: 3 }));
    }

    #[test]
    fn rehashed_entry_breaks_the_next_link() {
        let mut c = chain(5);
        c[2].outcome = DENIED.into();
        c[2].hash = entry_hash(&c[2].prev_hash, &c[2].fields());
        assert_eq!(verify_run((0, GENESIS), &c), Err(Break::Unlinked { seq: 4 }));
    }

    #[test]
    fn removed_entry_is_a_gap() {
        let mut c = chain(5);
        c.remove(1);
        assert_eq!(verify_run((0, GENESIS), &c), Err(Break::Gap { seq: 3, expected: 2 }));
    }
}
