//! The links under a list shown a page at a time (`?from=`): back to the page before, on to the
//! next, so nothing a list holds is out of reach.

use lianxin_core::paging::Shown;
use serde::Deserialize;

use crate::i18n::Tr;

/// `?from=` of a paged list: how many come before the page asked for.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FromQ {
    pub from: String,
}

impl FromQ {
    /// Where the page starts (the first page when absent or not a number).
    pub fn from(&self) -> Option<u64> {
        from_param(&self.from)
    }
}

/// A `from` parameter read: where the page starts, or the first page when it is not a number.
pub fn from_param(s: &str) -> Option<u64> {
    s.trim().parse().ok()
}

/// The links of a paged list, written as a paragraph (empty when the list fits one page).
pub struct Pager {
    pub prev: Option<String>,
    pub next: Option<String>,
    tr: Tr,
}

impl Pager {
    /// The links for `shown` (pages of `take`), to `base` (a path with its query, if any, to
    /// which `from` is added as `param`) and on to `anchor` on the page (`""` for none).
    pub fn of<T>(tr: Tr, shown: &Shown<T>, take: u64, base: &str, param: &str, anchor: &str) -> Self {
        let sep = if base.contains('?') { "&" } else { "?" };
        let link = |from: u64| if from == 0 { format!("{base}{anchor}") } else { format!("{base}{sep}{param}={from}{anchor}") };
        Self { prev: shown.previous(take).map(link), next: shown.next.map(link), tr }
    }
}

impl std::fmt::Display for Pager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.prev.is_none() && self.next.is_none() {
            return Ok(());
        }
        let esc = |s: &str| s.replace('&', "&amp;").replace('"', "&quot;");
        f.write_str("<p class=\"actions pager\">")?;
        if let Some(p) = &self.prev {
            write!(f, "<a class=\"button secondary\" href=\"{}\">{}</a> ", esc(p), self.tr.s("btn-prev-page"))?;
        }
        if let Some(n) = &self.next {
            write!(f, "<a class=\"button secondary\" href=\"{}\">{}</a>", esc(n), self.tr.s("btn-next-page"))?;
        }
        f.write_str("</p>")
    }
}

#[cfg(test)]
mod tests {
    use lianxin_app::Locale;
    use lianxin_core::paging::Window;

    use super::*;

    #[test]
    fn links_go_back_and_on() {
        let tr = Tr(Locale::ZhCn);
        let middle = Shown::of(vec![0; 11], Window::new(Some(10), 10));
        let p = Pager::of(tr, &middle, 10, "/x?year=2026", "from", "#list");
        assert_eq!(p.prev.as_deref(), Some("/x?year=2026#list"), "the first page has no `from`");
        assert_eq!(p.next.as_deref(), Some("/x?year=2026&from=20#list"));
        let html = p.to_string();
        assert!(html.contains("href=\"/x?year=2026&amp;from=20#list\"") && html.contains("下一页") && html.contains("上一页"), "{html}");
        let one = Shown::of(vec![0; 3], Window::first(10));
        assert_eq!(Pager::of(tr, &one, 10, "/x", "from", "").to_string(), "", "one page: no links");
        let last = Shown::of(vec![0; 3], Window::new(Some(30), 10));
        assert_eq!(Pager::of(tr, &last, 10, "/x", "from", "").prev.as_deref(), Some("/x?from=20"));
    }
}
