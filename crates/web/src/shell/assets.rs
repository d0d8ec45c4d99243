//! The files every page links: the stylesheet and the favicon, each served under a name that
//! carries a hash of its bytes, so a browser keeps it for a year and a new build is fetched at once.

use std::sync::LazyLock;

use axum::{
    http::{HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use sha2::{Digest, Sha256};

const CSS: &str = include_str!("../../static/app.css");
const FAVICON: &str = include_str!("../../static/favicon.svg");
const STUDY_JS: &str = include_str!("../../static/study.js");
const FOREVER: &str = "public, max-age=31536000, immutable";

/// `/static/<stem>.<first 10 hex digits of the SHA-256 of the bytes>.<ext>`.
fn versioned(stem: &str, ext: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    format!("/static/{stem}.{hex}.{ext}")
}

static CSS_PATH: LazyLock<String> = LazyLock::new(|| versioned("app", "css", CSS.as_bytes()));
static STUDY_JS_PATH: LazyLock<String> = LazyLock::new(|| versioned("study", "js", STUDY_JS.as_bytes()));
static FAVICON_PATH: LazyLock<String> = LazyLock::new(|| versioned("favicon", "svg", FAVICON.as_bytes()));

/// Where pages link the stylesheet.
pub fn css_path() -> &'static str {
    &CSS_PATH
}

/// Where the course page links the script that counts what is played.
pub fn study_js_path() -> &'static str {
    &STUDY_JS_PATH
}

/// The course page's script under its versioned name: kept for a year.
pub async fn study_js() -> Response {
    file(STUDY_JS, "text/javascript; charset=utf-8", FOREVER)
}

/// Where pages link the favicon.
pub fn favicon_path() -> &'static str {
    &FAVICON_PATH
}

fn file(body: &'static str, content_type: &'static str, cache: &'static str) -> Response {
    let mut r = body.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    r
}

/// The stylesheet under its versioned name: kept for a year.
pub async fn css() -> Response {
    file(CSS, "text/css; charset=utf-8", FOREVER)
}

/// The old unversioned name keeps working for pages already open, kept only briefly.
pub async fn css_unversioned() -> Response {
    file(CSS, "text/css; charset=utf-8", "public, max-age=300")
}

pub async fn favicon() -> Response {
    file(FAVICON, "image/svg+xml", FOREVER)
}

/// Browsers ask for `/favicon.ico` on their own: sent to the SVG.
pub async fn favicon_ico() -> Response {
    Redirect::permanent(favicon_path()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_ten_hex_digits_of_the_bytes() {
        let p = css_path();
        let hex = p.strip_prefix("/static/app.").and_then(|r| r.strip_suffix(".css")).unwrap();
        assert_eq!(hex.len(), 10);
        assert!(hex.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(versioned("app", "css", b"a"), versioned("app", "css", b"b"));
    }
}
