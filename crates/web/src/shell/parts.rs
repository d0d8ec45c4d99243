//! Parts of pages written once for each kept value they show: an overview kept by `app` (an
//! `Arc` it hands out until the value is stale) is read many times between changes, and writing
//! its lines, chart and words again on every request cost more than everything else the page did.
//! A part is found by the value's address, the language and the part's name; the entry holds a
//! weak reference to the value, which keeps its memory from being given to another value while the
//! entry lives, so an address found with its value still alive is that value.

use std::{
    any::Any,
    collections::HashMap,
    sync::{Arc, LazyLock, Mutex, Weak},
};

use crate::i18n::Tr;

/// Parts kept at most; past it, those whose value is gone are dropped, then all.
const PARTS_MAX: usize = 512;

type Key = (usize, u8, &'static str);

struct Part {
    of: Weak<dyn Any + Send + Sync>,
    html: Arc<str>,
}

static PARTS: LazyLock<Mutex<HashMap<Key, Part>>> = LazyLock::new(Default::default);

/// The part `name` of a page showing `of` in `tr`'s language: written by `write` the first time,
/// then kept for as long as `of` is the value `app` hands out. `write` may use only `of`, the
/// language and what `of`'s own key fixed (the organization, the year it was computed for).
pub fn part<T: Send + Sync + 'static>(of: &Arc<T>, tr: Tr, name: &'static str, write: impl FnOnce() -> String) -> Arc<str> {
    let key = (Arc::as_ptr(of) as *const () as usize, tr.0 as u8, name);
    if let Some(p) = parts().get(&key).filter(|p| p.of.strong_count() > 0) {
        return Arc::clone(&p.html);
    }
    let html: Arc<str> = write().into();
    let mut parts = parts();
    if parts.len() >= PARTS_MAX {
        parts.retain(|_, p| p.of.strong_count() > 0);
        if parts.len() >= PARTS_MAX {
            parts.clear();
        }
    }
    let weak: Weak<T> = Arc::downgrade(of);
    parts.insert(key, Part { of: weak, html: Arc::clone(&html) });
    html
}

/// A part's template written out (empty, and the failure logged, if it fails).
pub fn html<T: askama::Template>(t: &T) -> String {
    t.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "template failed");
        String::new()
    })
}

fn parts() -> std::sync::MutexGuard<'static, HashMap<Key, Part>> {
    PARTS.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lianxin_app::Locale;

    #[test]
    fn a_part_is_written_once_per_value_and_language() {
        let zh = Tr(Locale::ZhCn);
        let a = Arc::new(1_u32);
        let mut writes = 0;
        let mut w = |s: &str| {
            writes += 1;
            s.to_owned()
        };
        assert_eq!(&*part(&a, zh, "t", || w("a")), "a");
        assert_eq!(&*part(&a, zh, "t", || w("again")), "a", "kept");
        assert_eq!(&*part(&a, Tr(Locale::EnUs), "t", || w("en")), "en", "each language its own");
        assert_eq!(&*part(&a, zh, "other", || w("o")), "o", "each part its own");
        // A new value (as `app` hands out once the old one is stale) is written afresh, even
        // when it is equal to the old one.
        let b = Arc::new(1_u32);
        assert_eq!(&*part(&b, zh, "t", || w("b")), "b");
        drop(a);
        let c = Arc::new(1_u32);
        assert_eq!(&*part(&c, zh, "t", || w("c")), "c", "never the part of a value that is gone");
        assert_eq!(writes, 5);
    }
}
