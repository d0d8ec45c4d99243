//! Short-lived caches, generic: maps whose entries expire ([`Timed`]), the epochs that make them
//! stale, and the place where each capability keeps its own maps ([`Caches::room`]). An entry
//! serves while it is younger than [`TTL`] by the process's own timer, the injected clock has not
//! left the [`TTL`] after it was loaded (rules such as password age and posts that end are
//! computed against that clock), and the epoch it was loaded at has not moved.
//!
//! What a change makes stale is said by the use case that records it: every audited change names
//! its [`Stale`] (see [`crate::journal`]), so a change cannot be recorded without saying what it
//! invalidates, and it is made stale again when the change commits ([`crate::Ctx::commit`]), so a
//! read that ran while the transaction was open keeps nothing past the commit. With several server
//! processes on one PostgreSQL, a change made by another process
//! is seen after at most [`TTL`].

use std::{
    any::{Any, TypeId},
    collections::HashMap,
    hash::Hash,
    sync::{
        Arc, Mutex, RwLock,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use chrono::{DateTime, Utc};

/// How long an entry serves at most.
pub const TTL: Duration = Duration::from_secs(5);
/// Entries kept per map at most; a full map is emptied (it refills with what is in use).
const MAX_ENTRIES: usize = 10_000;

/// What a recorded change makes stale, least first (access covers routing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Stale {
    /// Nothing kept depends on it (a step on an appeal, a sign-in, a reveal, an export).
    Nothing,
    /// How appeals are routed and named: categories, a village's overrides and handlers.
    Routing,
    /// Who may do what and the names lists show: accounts, grants, posts, the trees, people.
    /// Everything kept that depends on access or routing is stale.
    Access,
}

impl Stale {
    /// The one of `Stale as u8`.
    pub(crate) fn from_u8(v: u8) -> Stale {
        match v {
            0 => Stale::Nothing,
            1 => Stale::Routing,
            _ => Stale::Access,
        }
    }
}

/// The epochs and each capability's kept data, one per process (in [`crate::App`]).
#[derive(Default)]
pub struct Caches {
    access: AtomicU64,
    routing: AtomicU64,
    /// Every recorded change and every commit, whatever it names: what is computed from the
    /// records themselves ([`Caches::records_epoch`]) is stale after any of them.
    records: AtomicU64,
    rooms: RwLock<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl std::fmt::Debug for Caches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Caches").field("access", &self.access).field("routing", &self.routing).finish_non_exhaustive()
    }
}

impl Caches {
    /// A change that makes `what` stale was recorded.
    pub fn changed(&self, what: Stale) {
        self.records.fetch_add(1, Ordering::SeqCst);
        match what {
            Stale::Nothing => {}
            Stale::Routing => {
                self.routing.fetch_add(1, Ordering::SeqCst);
            }
            Stale::Access => {
                self.access.fetch_add(1, Ordering::SeqCst);
            }
        }
    }

    /// The epoch of what depends on access. Read before loading what is to be kept, so a change
    /// recorded meanwhile makes the entry stale at once.
    pub fn epoch(&self) -> u64 {
        self.access.load(Ordering::SeqCst)
    }

    /// The epoch of what depends on routing or access (both counters only grow, so their sum
    /// moves whenever either does).
    pub fn routing_epoch(&self) -> u64 {
        self.epoch().wrapping_add(self.routing.load(Ordering::SeqCst))
    }

    /// The epoch of what is computed from recorded activity (figures, standings, roll-ups): it
    /// moves with every recorded change of any capability, so such a figure never outlives a
    /// change, at the price of being computed again after unrelated ones.
    pub fn records_epoch(&self) -> u64 {
        self.routing_epoch().wrapping_add(self.records.load(Ordering::SeqCst))
    }

    /// A change not recorded in the journal (a video's watched time) was committed.
    pub fn recorded(&self) {
        self.records.fetch_add(1, Ordering::SeqCst);
    }

    /// What a capability keeps for the whole process, made on first use: each capability owns
    /// its type (its maps, its queues), and this module knows none of them.
    pub fn room<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        let id = TypeId::of::<T>();
        if let Some(r) = self.rooms.read().unwrap_or_else(|e| e.into_inner()).get(&id) {
            return Arc::clone(r).downcast::<T>().unwrap_or_else(|_| unreachable!("rooms are keyed by their type"));
        }
        let mut rooms = self.rooms.write().unwrap_or_else(|e| e.into_inner());
        let r = rooms.entry(id).or_insert_with(|| Arc::new(T::default()) as Arc<dyn Any + Send + Sync>);
        Arc::clone(r).downcast::<T>().unwrap_or_else(|_| unreachable!("rooms are keyed by their type"))
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

    /// The value kept for `key` at epoch `epoch` however old, if the injected clock has not moved
    /// back before it.
    fn get_aged(&self, key: &K, epoch: u64, now: DateTime<Utc>) -> Option<V> {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.get(key).filter(|e| e.epoch == epoch && now >= e.at).map(|e| e.value.clone())
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

/// Computed views kept by key for a few seconds ([`Timed`]), computed one at a time: readers who
/// miss together wait for the first one's result instead of each computing the same view.
pub struct Kept<K, V, const MAX: usize = 256> {
    views: Timed<K, V, MAX>,
    computing: tokio::sync::Mutex<()>,
}

impl<K, V, const MAX: usize> Default for Kept<K, V, MAX> {
    fn default() -> Self {
        Self { views: Timed::default(), computing: tokio::sync::Mutex::new(()) }
    }
}

impl<K: Eq + Hash, V: Clone, const MAX: usize> Kept<K, V, MAX> {
    /// The view kept for `key` at the epoch `epoch()` gives, or the one `load` computes (kept
    /// with the epoch read before it started, so a change meanwhile makes it stale at once).
    /// While one reader computes a view whose only fault is its age (no change was recorded
    /// since, by this process), the others are served the aged one rather than wait.
    pub async fn get_or_load<E, F: std::future::Future<Output = Result<V, E>>>(
        &self,
        key: K,
        epoch: impl Fn() -> u64,
        now: DateTime<Utc>,
        load: impl FnOnce() -> F,
    ) -> Result<V, E> {
        let at = epoch();
        if let Some(v) = self.views.get(&key, at, now) {
            return Ok(v);
        }
        let _turn = match self.computing.try_lock() {
            Ok(turn) => turn,
            Err(_) => match self.views.get_aged(&key, at, now) {
                Some(v) => return Ok(v),
                None => self.computing.lock().await,
            },
        };
        let at = epoch();
        if let Some(v) = self.views.get(&key, at, now) {
            return Ok(v);
        }
        // Boxed: the computation's future is large (a page's figures join several reads), and
        // inline it would make every caller's future as large, copied on every request even when
        // the kept value answers.
        let v = Box::pin(load()).await?;
        self.views.put(key, v.clone(), at, now);
        Ok(v)
    }

    /// [`Kept::get_or_load`] for a view computed from recorded activity: stale after any
    /// recorded change ([`Caches::records_epoch`]).
    pub async fn figures<E, F: std::future::Future<Output = Result<V, E>>>(
        &self,
        caches: &Caches,
        key: K,
        now: DateTime<Utc>,
        load: impl FnOnce() -> F,
    ) -> Result<V, E> {
        self.get_or_load(key, || caches.records_epoch(), now, load).await
    }
}

/// The kept views of one type `V` by key `K` computed from recorded activity, one room per
/// pair of types ([`crate::Ctx::figures`]).
pub struct Figures<K, V>(pub Kept<K, Arc<V>>);

impl<K, V> Default for Figures<K, V> {
    fn default() -> Self {
        Self(Kept::default())
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
        c.changed(Stale::Access);
        assert_eq!(m.get(&1, c.epoch(), t), None);
    }

    use std::future::Future;

    #[tokio::test]
    async fn figures_are_stale_after_any_recorded_change_and_aged_ones_serve_while_one_computes() {
        let c = Caches::default();
        let t = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let k: Kept<u8, u32> = Kept::default();
        let load = |v: u32| move || async move { Ok::<_, ()>(v) };
        assert_eq!(k.figures(&c, 1, t, load(10)).await, Ok(10));
        assert_eq!(k.figures(&c, 1, t, load(11)).await, Ok(10), "kept");
        // A change that names nothing kept still makes figures stale, and so does a commit of
        // what the journal does not record.
        c.changed(Stale::Nothing);
        assert_eq!(k.figures(&c, 1, t, load(12)).await, Ok(12));
        c.recorded();
        assert_eq!(k.figures(&c, 1, t, load(13)).await, Ok(13));
        // Aged by the clock: the reader who finds nobody computing computes.
        let later = t + chrono::Duration::seconds(6);
        assert_eq!(k.figures(&c, 1, later, load(14)).await, Ok(14));
        // Aged while another reader computes: the aged view serves; after a change, nothing aged does.
        let much_later = later + chrono::Duration::seconds(6);
        let turn = k.computing.lock().await;
        assert_eq!(k.figures(&c, 1, much_later, load(15)).await, Ok(14));
        c.changed(Stale::Nothing);
        let mut waiting = std::pin::pin!(k.figures(&c, 1, much_later, load(16)));
        let pending = std::future::poll_fn(|cx| std::task::Poll::Ready(waiting.as_mut().poll(cx).is_pending())).await;
        assert!(pending, "a stale view waits for the computation");
        drop(turn);
        assert_eq!(waiting.await, Ok(16));
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
        c.changed(Stale::Access);
        assert_eq!(m.get_many([1], c.epoch(), t), (vec![], vec![1]));
    }

    #[test]
    fn an_entry_loaded_across_a_change_is_stale() {
        let c = Caches::default();
        let t = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let m: Timed<u8, &str> = Timed::default();
        let before = c.epoch();
        c.changed(Stale::Access);
        m.put(1, "one", before, t);
        assert_eq!(m.get(&1, c.epoch(), t), None);
    }

    #[test]
    fn routing_changes_leave_access_alone() {
        let c = Caches::default();
        let (a, r) = (c.epoch(), c.routing_epoch());
        c.changed(Stale::Nothing);
        assert_eq!((c.epoch(), c.routing_epoch()), (a, r));
        c.changed(Stale::Routing);
        assert_eq!(c.epoch(), a);
        assert_ne!(c.routing_epoch(), r);
        let r = c.routing_epoch();
        c.changed(Stale::Access);
        assert_ne!(c.epoch(), a);
        assert_ne!(c.routing_epoch(), r);
    }

    #[test]
    fn each_room_is_made_once_per_process() {
        #[derive(Default)]
        struct Counter(AtomicU64);
        let c = Caches::default();
        c.room::<Counter>().0.fetch_add(1, Ordering::SeqCst);
        assert_eq!(c.room::<Counter>().0.load(Ordering::SeqCst), 1);
        assert_eq!(Caches::default().room::<Counter>().0.load(Ordering::SeqCst), 0);
    }
}
