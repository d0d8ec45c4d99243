//! Short-lived caches of what nearly every request reads and few requests change: who an account
//! is (its roles and the subtrees they reach), what a browser session or an API token stands
//! for, the names lists show, and how a village's
//! appeals are routed (its organization, its county's categories, its duty overrides and
//! designated handlers). An entry serves while it is younger than [`TTL`] by the process's own
//! timer, the injected clock has not left the [`TTL`] after it was loaded (rules such as password
//! age and posts that end are computed against that clock), and nothing that may change access
//! or routing was recorded since: every such change is audited, and recording it bumps the epoch
//! ([`Caches::changed`]). With several server processes on one PostgreSQL, a change made by
//! another process is seen after at most [`TTL`].

use std::{
    collections::HashMap,
    hash::Hash,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use chrono::{DateTime, Utc};
use lianxin_store::accounts::ApiToken;
use uuid::Uuid;

use crate::Principal;

/// How long an entry serves at most.
pub const TTL: Duration = Duration::from_secs(5);
/// Entries kept per map at most; a full map is emptied (it refills with what is in use).
const MAX_ENTRIES: usize = 10_000;
/// Kept list pages at most.
const MAX_LISTS: usize = 256;

#[derive(Debug, Default)]
pub struct Caches {
    epoch: AtomicU64,
    /// Bumped after every commit that changes appeals (see [`Caches::appeals_changed`]).
    appeals: AtomicU64,
    /// By account (`None`: gone or disabled).
    pub principals: Timed<Uuid, Option<Principal>>,
    /// By token hash (`None`: no such token).
    pub tokens: Timed<String, Option<ApiToken>>,
    /// By village area.
    pub routing: Timed<Uuid, Arc<crate::appeals::Routing>>,
    /// Browser sessions by id: their data and expiry (`None`: no such session).
    pub sessions: Timed<String, Option<(String, DateTime<Utc>)>>,
    /// Names shown in lists, by what is named (see [`Named`]) and id.
    pub names: Timed<(Named, Uuid), String>,
    /// Areas by id, for the set-up links of staff pages.
    pub areas: Timed<Uuid, lianxin_store::orgs::Area>,
    /// How many inbox notices are new, by account.
    pub unread: Timed<Uuid, u64>,
    /// Pages of the staff lists, by what was asked (see [`crate::appeals::queues`]). A page of
    /// up to 100 rows with its renderings is up to about 150 KB, so few are kept: under 40 MB
    /// however many searches and cursors are asked for.
    pub lists: Timed<crate::appeals::queues::ListKey, crate::appeals::queues::KeptPage, MAX_LISTS>,
}

/// What a cached name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Named {
    CategoryZh,
    CategoryEn,
    Org,
    Area,
    Person,
}

impl Caches {
    /// Something that may change access or routing happened: every entry is stale.
    pub fn changed(&self) {
        self.epoch.fetch_add(1, Ordering::SeqCst);
    }

    /// Read before loading what is to be kept, so a change recorded meanwhile makes the entry
    /// stale at once.
    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::SeqCst)
    }

    /// Appeals changed (a commit that wrote them has finished): every kept list is stale. Called
    /// after the commit, so a list read before it is stale and one read after it sees the change.
    pub fn appeals_changed(&self) {
        self.appeals.fetch_add(1, Ordering::SeqCst);
    }

    /// The epoch of kept lists: it moves with every recorded change and every change of appeals
    /// (both counters only grow, so their sum moves whenever either does).
    pub fn lists_epoch(&self) -> u64 {
        self.epoch().wrapping_add(self.appeals.load(Ordering::SeqCst))
    }
}

/// One map of entries that expire (see the module), holding `MAX` entries at most.
#[derive(Debug)]
pub struct Timed<K, V, const MAX: usize = MAX_ENTRIES> {
    map: Mutex<HashMap<K, Entry<V>>>,
}

impl<K, V, const MAX: usize> Default for Timed<K, V, MAX> {
    fn default() -> Self {
        Self { map: Mutex::new(HashMap::new()) }
    }
}

#[derive(Debug)]
struct Entry<V> {
    value: V,
    epoch: u64,
    loaded: Instant,
    at: DateTime<Utc>,
}

impl<V> Entry<V> {
    /// Still serving at epoch `epoch` and the clock's `now` (see the module).
    fn fresh(&self, epoch: u64, now: DateTime<Utc>) -> bool {
        let ttl = chrono::Duration::from_std(TTL).unwrap_or_default();
        self.epoch == epoch && self.loaded.elapsed() < TTL && now >= self.at && now - self.at < ttl
    }
}

impl<K: Eq + Hash, V: Clone, const MAX: usize> Timed<K, V, MAX> {
    /// The value kept for `key`, if still fresh at epoch `epoch` and the clock's `now`.
    pub fn get(&self, key: &K, epoch: u64, now: DateTime<Utc>) -> Option<V> {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.get(key).filter(|e| e.fresh(epoch, now)).map(|e| e.value.clone())
    }

    /// The fresh values of `keys` (each key once), and the keys that must be loaded.
    pub fn get_many(&self, keys: impl IntoIterator<Item = K>, epoch: u64, now: DateTime<Utc>) -> (Vec<(K, V)>, Vec<K>)
    where
        K: Clone,
    {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let (mut found, mut missing) = (Vec::new(), Vec::new());
        let mut asked = std::collections::HashSet::new();
        for k in keys {
            if !asked.insert(k.clone()) {
                continue;
            }
            match map.get(&k).filter(|e| e.fresh(epoch, now)) {
                Some(e) => found.push((k, e.value.clone())),
                None => missing.push(k),
            }
        }
        (found, missing)
    }

    /// Forgets `key` (read it afresh next time).
    pub fn forget(&self, key: &K) {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).remove(key);
    }

    /// Keeps `value`, loaded when the epoch was `epoch`, at the clock's `now`.
    pub fn put(&self, key: K, value: V, epoch: u64, now: DateTime<Utc>) {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX {
            map.clear();
        }
        map.insert(key, Entry { value, epoch, loaded: Instant::now(), at: now });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serves_until_a_change_or_the_clock_moves() {
        let c = Caches::default();
        let t = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let m: Timed<u8, &str> = Timed::default();
        assert_eq!(m.get(&1, c.epoch(), t), None);
        m.put(1, "one", c.epoch(), t);
        assert_eq!(m.get(&1, c.epoch(), t), Some("one"));
        assert_eq!(m.get(&1, c.epoch(), t + chrono::Duration::seconds(4)), Some("one"));
        // The injected clock moved past the entry, or back before it.
        assert_eq!(m.get(&1, c.epoch(), t + chrono::Duration::seconds(5)), None);
        assert_eq!(m.get(&1, c.epoch(), t - chrono::Duration::seconds(1)), None);
        // A recorded change.
        c.changed();
        assert_eq!(m.get(&1, c.epoch(), t), None);
    }

    #[test]
    fn a_full_map_starts_again() {
        let c = Caches::default();
        let t = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let m: Timed<u8, &str, 2> = Timed::default();
        m.put(1, "one", c.epoch(), t);
        m.put(2, "two", c.epoch(), t);
        m.put(3, "three", c.epoch(), t);
        assert_eq!(m.get_many([1, 2, 3], c.epoch(), t), (vec![(3, "three")], vec![1, 2]));
    }

    #[test]
    fn many_keys_at_once_each_once() {
        let c = Caches::default();
        let t = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let m: Timed<u8, &str> = Timed::default();
        m.put(1, "one", c.epoch(), t);
        assert_eq!(m.get_many([1, 2, 1, 3, 2], c.epoch(), t), (vec![(1, "one")], vec![2, 3]));
        c.changed();
        assert_eq!(m.get_many([1], c.epoch(), t), (vec![], vec![1]));
    }

    #[test]
    fn an_entry_loaded_across_a_change_is_stale() {
        let c = Caches::default();
        let t = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let m: Timed<u8, &str> = Timed::default();
        let before = c.epoch();
        c.changed();
        m.put(1, "one", before, t);
        assert_eq!(m.get(&1, c.epoch(), t), None);
    }
}
