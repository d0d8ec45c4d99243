//! What appeals keep for the process (see [`crate::cache`]): each village's routing, the names
//! lists show, the areas of the set-up links, the kept pages of staff lists, and the generations
//! that make those pages stale per organization subtree: a change of an appeal makes stale only
//! the lists of its old and new organizations and their ancestors, not every list of the county.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
};

use lianxin_store::{DatabaseTransaction, orgs::Area};
use uuid::Uuid;

use super::{
    Routing,
    queues::{KeptPage, ListKey},
};
use crate::{Result, cache::Timed};

/// Kept list pages at most. A page of up to 100 rows with its renderings is up to about 150 KB,
/// so few are kept: under 40 MB however many searches and cursors are asked for.
const MAX_LISTS: usize = 256;

#[derive(Debug, Default)]
pub(crate) struct Kept {
    /// By village area.
    pub routing: Timed<Uuid, Arc<Routing>>,
    /// Names shown in lists, by what is named (see [`Named`]) and id.
    pub names: Timed<(Named, Uuid), String>,
    /// Areas by id, for the set-up links of staff pages.
    pub areas: Timed<Uuid, Area>,
    /// Pages of the staff lists, by what was asked (see [`super::queues`]).
    pub lists: Timed<ListKey, KeptPage, MAX_LISTS>,
    pub changes: Generations,
}

/// What a cached name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Named {
    CategoryZh,
    CategoryEn,
    Org,
    Area,
    Person,
}

/// Where a committed change of appeals was.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Touched<'a> {
    /// The stored organization paths the changed appeals were in and are in now.
    Orgs(&'a [&'a str]),
    /// Anywhere (the sweeper's batches, generated data).
    Everywhere,
}

/// Counters of changes, only growing: a kept page remembers the one it was read at.
#[derive(Debug, Default)]
pub(crate) struct Generations {
    /// Every change.
    any: AtomicU64,
    /// Changes anywhere (see [`Touched::Everywhere`]).
    everywhere: AtomicU64,
    /// Changes within each organization's subtree.
    orgs: Mutex<HashMap<Uuid, u64>>,
}

impl Generations {
    pub fn changed(&self, touched: Touched<'_>) {
        match touched {
            Touched::Everywhere => {
                self.everywhere.fetch_add(1, Ordering::SeqCst);
            }
            Touched::Orgs(paths) => {
                let mut orgs = self.orgs.lock().unwrap_or_else(|e| e.into_inner());
                let ids: std::collections::HashSet<Uuid> =
                    paths.iter().flat_map(|p| p.split('/')).filter_map(|s| Uuid::parse_str(s).ok()).collect();
                for id in ids {
                    *orgs.entry(id).or_default() += 1;
                }
            }
        }
        self.any.fetch_add(1, Ordering::SeqCst);
    }

    /// The generation of lists within the subtree of the organization `root`, or of lists bound
    /// to no subtree (`None`, e.g. a person's own), which every change moves.
    pub fn of(&self, root: Option<Uuid>) -> u64 {
        match root {
            None => self.any.load(Ordering::SeqCst),
            Some(r) => {
                let here = self.orgs.lock().unwrap_or_else(|e| e.into_inner()).get(&r).copied().unwrap_or(0);
                self.everywhere.load(Ordering::SeqCst).wrapping_add(here)
            }
        }
    }
}

/// Commits a transaction that changed appeals, then makes the kept lists of where they were and
/// are stale: after the commit, so a list read while it was open is stale and one read after it
/// sees the change.
pub(crate) async fn commit_changes(ctx: &crate::Ctx, tx: DatabaseTransaction, touched: Touched<'_>) -> Result<()> {
    ctx.commit(tx).await?;
    changed(&ctx.app, touched);
    Ok(())
}

/// Appeals were changed by a commit that has finished (see [`commit_changes`]).
pub(crate) fn changed(app: &crate::App, touched: Touched<'_>) {
    app.caches.room::<Kept>().changes.changed(touched);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(ids: &[Uuid]) -> String {
        ids.iter().map(|i| i.simple().to_string()).collect::<Vec<_>>().join("/") + "/"
    }

    #[test]
    fn a_change_moves_its_organizations_and_their_ancestors_only() {
        let (county, town, village, other) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let g = Generations::default();
        let before = [county, town, village, other].map(|o| g.of(Some(o)));
        let (mine, any) = (g.of(None), g.of(None));
        let p = path(&[county, town, village]);
        g.changed(Touched::Orgs(&[&p]));
        let after = [county, town, village, other].map(|o| g.of(Some(o)));
        assert_ne!(after[0], before[0]);
        assert_ne!(after[1], before[1]);
        assert_ne!(after[2], before[2]);
        assert_eq!(after[3], before[3], "a sibling subtree's lists stay kept");
        assert_ne!(g.of(None), mine.max(any), "lists bound to no subtree move with every change");
        g.changed(Touched::Everywhere);
        assert_ne!(g.of(Some(other)), after[3]);
    }
}
