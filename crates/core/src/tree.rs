//! Materialized paths for the area and organization trees. A path is `/seg/seg/…/`, one segment per
//! ancestor and the node itself, so a subtree is a contiguous key range and is read by an index range
//! scan, never by walking the tree.

use uuid::Uuid;

/// A node's materialized path, always starting and ending with `/`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TreePath(String);

/// The segment that names one node in a path.
pub fn segment(id: Uuid) -> String {
    id.simple().to_string()
}

impl TreePath {
    /// The path of a root node.
    pub fn root(id: Uuid) -> Self {
        Self(format!("/{}/", segment(id)))
    }

    /// The path of `id` placed under `parent`.
    pub fn child(parent: &TreePath, id: Uuid) -> Self {
        Self(format!("{}{}/", parent.0, segment(id)))
    }

    /// Accepts a stored path; `None` if it is not of the form `/seg/…/`.
    pub fn parse(s: &str) -> Option<Self> {
        let well_formed = s.len() >= 3
            && s.starts_with('/')
            && s.ends_with('/')
            && s[1..s.len() - 1].split('/').all(|seg| !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_alphanumeric()));
        well_formed.then(|| Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Number of nodes on the path (a root has depth 1).
    pub fn depth(&self) -> usize {
        self.0.matches('/').count() - 1
    }

    /// True when `self` is `ancestor` or lies below it.
    pub fn is_within(&self, ancestor: &TreePath) -> bool {
        self.0.starts_with(&ancestor.0)
    }

    /// The half-open key range `[lo, hi)` holding exactly this node and its descendants. Every path
    /// ends with `/` (0x2F); replacing that last byte with `0` (0x30) gives the least string greater
    /// than every string that starts with the path.
    pub fn subtree_range(&self) -> (String, String) {
        let mut hi = self.0.clone();
        hi.pop();
        hi.push('0');
        (self.0.clone(), hi)
    }

    /// The path of a node after its subtree moved from `old_root` to `new_root`; `None` if the node
    /// is not inside `old_root`.
    pub fn rebase(&self, old_root: &TreePath, new_root: &TreePath) -> Option<TreePath> {
        self.0.strip_prefix(&old_root.0).map(|rest| TreePath(format!("{}{}", new_root.0, rest)))
    }

    /// The paths of the ancestors, outermost first, excluding the node itself.
    /// The id the path ends with: the node itself.
    pub fn last_id(&self) -> Option<Uuid> {
        self.0.trim_end_matches('/').rsplit('/').next().and_then(|s| Uuid::parse_str(s).ok())
    }

    pub fn ancestors(&self) -> Vec<TreePath> {
        let segs: Vec<&str> = self.0.trim_matches('/').split('/').collect();
        (1..segs.len()).map(|n| TreePath(format!("/{}/", segs[..n].join("/")))).collect()
    }
}

impl std::fmt::Display for TreePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a move inside the tree is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    #[error("a node cannot be moved under itself or one of its descendants")]
    IntoOwnSubtree,
}

/// Checks that moving the subtree at `moving` under `new_parent` keeps the tree a tree.
pub fn check_move(moving: &TreePath, new_parent: &TreePath) -> Result<(), MoveError> {
    if new_parent.is_within(moving) { Err(MoveError::IntoOwnSubtree) } else { Ok(()) }
}

/// The subtrees an account may see, reduced so that no path lies inside another.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    roots: Vec<TreePath>,
}

impl Scope {
    pub fn new(paths: impl IntoIterator<Item = TreePath>) -> Self {
        let mut all: Vec<TreePath> = paths.into_iter().collect();
        all.sort();
        all.dedup();
        let mut roots: Vec<TreePath> = Vec::new();
        for p in all {
            // Sorted order puts an ancestor before its descendants.
            if !roots.iter().any(|r| p.is_within(r)) {
                roots.push(p);
            }
        }
        Self { roots }
    }

    pub fn roots(&self) -> &[TreePath] {
        &self.roots
    }

    pub fn covers(&self, path: &TreePath) -> bool {
        self.roots.iter().any(|r| path.is_within(r))
    }

    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn child_extends_parent() {
        let root = TreePath::root(id(1));
        let child = TreePath::child(&root, id(2));
        assert!(child.is_within(&root));
        assert!(!root.is_within(&child));
        assert_eq!(child.depth(), 2);
        assert_eq!(child.ancestors(), vec![root]);
    }

    #[test]
    fn sibling_prefix_is_not_inside() {
        // "/ab/" must not cover "/abc/": the trailing slash keeps sibling ids apart.
        let a = TreePath::parse("/ab/").unwrap();
        let b = TreePath::parse("/abc/").unwrap();
        assert!(!b.is_within(&a));
        let (lo, hi) = a.subtree_range();
        assert!(!(b.as_str() >= lo.as_str() && b.as_str() < hi.as_str()));
    }

    #[test]
    fn parse_rejects_malformed() {
        for bad in ["", "/", "//", "ab/", "/ab", "/a//b/", "/a b/"] {
            assert!(TreePath::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn cannot_move_into_own_subtree() {
        let a = TreePath::root(id(1));
        let b = TreePath::child(&a, id(2));
        assert_eq!(check_move(&a, &b), Err(MoveError::IntoOwnSubtree));
        assert_eq!(check_move(&a, &a), Err(MoveError::IntoOwnSubtree));
        assert!(check_move(&b, &TreePath::root(id(3))).is_ok());
    }

    #[test]
    fn rebase_moves_descendants() {
        let a = TreePath::root(id(1));
        let b = TreePath::child(&a, id(2));
        let c = TreePath::child(&b, id(3));
        let z = TreePath::root(id(9));
        let new_b = TreePath::child(&z, id(2));
        assert_eq!(c.rebase(&b, &new_b), Some(TreePath::child(&new_b, id(3))));
        assert_eq!(a.rebase(&b, &new_b), None);
    }

    #[test]
    fn scope_drops_nested_roots() {
        let a = TreePath::root(id(1));
        let b = TreePath::child(&a, id(2));
        let s = Scope::new([b.clone(), a.clone(), TreePath::root(id(5))]);
        assert_eq!(s.roots().len(), 2);
        assert!(s.covers(&b));
        assert!(!Scope::new([b.clone()]).covers(&a));
    }

    /// Builds a random tree as parent indexes and returns every node's path.
    fn tree(parents: &[usize]) -> Vec<TreePath> {
        let mut paths: Vec<TreePath> = vec![TreePath::root(id(1))];
        for (i, p) in parents.iter().enumerate() {
            let parent = paths[p % paths.len()].clone();
            paths.push(TreePath::child(&parent, id(i as u128 + 2)));
        }
        paths
    }

    proptest! {
        // TESTING.md: a subtree query returns exactly the descendants.
        #[test]
        fn subtree_range_is_exactly_the_descendants(parents in proptest::collection::vec(0usize..1000, 0..60), pick in 0usize..1000) {
            let paths = tree(&parents);
            let root = &paths[pick % paths.len()];
            let (lo, hi) = root.subtree_range();
            for p in &paths {
                let in_range = p.as_str() >= lo.as_str() && p.as_str() < hi.as_str();
                let descendant = p == root || p.ancestors().contains(root);
                prop_assert_eq!(in_range, descendant, "{} under {}", p, root);
            }
        }
    }
}
