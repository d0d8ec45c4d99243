//! Long lists shown a page at a time: a page says where it starts and whether more follow, so
//! nothing is left off without the reader being told and able to go on.

/// Where a page of a list starts and how many it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// How many of the list come before this page.
    pub from: u64,
    /// How many this page shows at most.
    pub take: u64,
}

impl Window {
    /// The page starting at `from` (the first when absent) of `take` (at least one).
    pub fn new(from: Option<u64>, take: u64) -> Self {
        Self { from: from.unwrap_or(0), take: take.max(1) }
    }

    /// The first page of `take`.
    pub fn first(take: u64) -> Self {
        Self::new(None, take)
    }

    /// How many rows to read: one more than the page shows, so the page knows whether more follow.
    pub fn fetch(&self) -> u64 {
        self.take + 1
    }
}

/// A page of a list: what it shows, where it starts, and where the next starts if more follow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown<T> {
    pub items: Vec<T>,
    pub from: u64,
    pub next: Option<u64>,
}

impl<T> Shown<T> {
    /// The page of `window` from rows read with [`Window::fetch`]: the extra row, if read, says
    /// that more follow and is not shown.
    pub fn of(mut rows: Vec<T>, window: Window) -> Self {
        let more = rows.len() as u64 > window.take;
        rows.truncate(window.take as usize);
        Self { items: rows, from: window.from, next: more.then_some(window.from + window.take) }
    }

    /// The page of `window` from a whole list held in memory (a kept overview), borrowed.
    pub fn within(all: &[T], window: Window) -> Shown<&T> {
        let at = (window.from as usize).min(all.len());
        let end = at.saturating_add(window.take as usize).min(all.len());
        Shown { items: all[at..end].iter().collect(), from: window.from, next: (end < all.len()).then_some(end as u64) }
    }

    /// Where the page before starts, if this is not the first.
    pub fn previous(&self, take: u64) -> Option<u64> {
        (self.from > 0).then(|| self.from.saturating_sub(take))
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Shown<U> {
        Shown { items: self.items.into_iter().map(f).collect(), from: self.from, next: self.next }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_says_whether_more_follow() {
        let w = Window::new(Some(20), 10);
        assert_eq!(w.fetch(), 11);
        let full = Shown::of((0..11).collect::<Vec<_>>(), w);
        assert_eq!(full.items.len(), 10, "the extra row is not shown");
        assert_eq!(full.next, Some(30));
        assert_eq!(full.previous(10), Some(10));
        let last = Shown::of((0..10).collect::<Vec<_>>(), w);
        assert_eq!(last.next, None, "exactly a page: nothing follows");
        let first = Shown::of(vec![1, 2], Window::first(10));
        assert_eq!((first.next, first.previous(10)), (None, None));
        assert_eq!(Window::new(Some(3), 0).take, 1, "a page shows at least one");
        assert_eq!(Shown::of(vec![1], Window::new(Some(5), 10)).previous(10), Some(0));
    }

    #[test]
    fn a_page_within_a_whole_list() {
        let all: Vec<u32> = (0..25).collect();
        let middle = Shown::within(&all, Window::new(Some(10), 10));
        assert_eq!((middle.items.first().copied(), middle.items.len(), middle.next), (Some(&10), 10, Some(20)));
        let last = Shown::within(&all, Window::new(Some(20), 10));
        assert_eq!((last.items.len(), last.next, last.previous(10)), (5, None, Some(10)));
        let past = Shown::within(&all, Window::new(Some(90), 10));
        assert_eq!((past.items.len(), past.next), (0, None), "past the end: an empty page, not a panic");
    }
}
