//! A course's files as a phone on a weak network needs them: the video by HTTP range requests
//! (a player asks for the part it needs and resumes where a dropped connection stopped), read
//! chunk by chunk from the store so memory stays small whatever the file's size; the document
//! as a download; and the player's reports of what was played.

use axum::{
    Json,
    body::Body,
    extract::Path,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use lianxin_app::study::{self, File, Media};
use serde::Deserialize;
use uuid::Uuid;

use crate::{Viewer, error::WebResult};

/// A byte range asked for, resolved against the file's size: `start..=end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Asked {
    Whole,
    Part(u64, u64),
    Unsatisfiable,
}

/// Reads a `Range` header: one range of bytes (`a-b`, `a-`, `-n`); several ranges or another
/// unit are answered whole, as RFC 9110 allows.
pub(crate) fn asked(header: Option<&str>, size: u64) -> Asked {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else { return Asked::Whole };
    if spec.contains(',') {
        return Asked::Whole;
    }
    let Some((a, b)) = spec.trim().split_once('-') else { return Asked::Unsatisfiable };
    let (a, b) = (a.trim(), b.trim());
    let range = match (a.parse::<u64>().ok(), b.parse::<u64>().ok()) {
        (Some(s), Some(e)) if s <= e => Some((s, e.min(size.saturating_sub(1)))),
        (Some(s), None) if b.is_empty() => Some((s, size.saturating_sub(1))),
        (None, Some(n)) if a.is_empty() && n > 0 => Some((size.saturating_sub(n), size.saturating_sub(1))),
        _ => None,
    };
    match range {
        Some((s, e)) if s < size && s <= e => Asked::Part(s, e),
        _ => Asked::Unsatisfiable,
    }
}

/// The bytes `start..=end` of a file as a body, one stored chunk at a time.
fn body(app: lianxin_app::App, media: Uuid, start: u64, end: u64) -> Body {
    let chunk = study::CHUNK;
    let stream = futures_util::stream::unfold(Some(start), move |at| {
        let app = app.clone();
        async move {
            let at = at?;
            let last = (at / chunk * chunk + chunk - 1).min(end);
            match study::read(&app, media, at, last).await {
                Ok(bytes) => Some((Ok::<_, std::io::Error>(bytes), (last < end).then_some(last + 1))),
                Err(e) => {
                    tracing::error!(error = %e, %media, "reading a stored file");
                    Some((Err(std::io::Error::other("stored file unreadable")), None))
                }
            }
        }
    });
    Body::from_stream(stream)
}

fn serve(v: &Viewer, m: &Media, headers: &HeaderMap, filename: Option<&str>) -> Response {
    let size = m.size.max(0) as u64;
    let range = headers.get(header::RANGE).and_then(|h| h.to_str().ok());
    let (status, start, end) = match asked(range, size) {
        Asked::Whole => (StatusCode::OK, 0, size.saturating_sub(1)),
        Asked::Part(s, e) => (StatusCode::PARTIAL_CONTENT, s, e),
        Asked::Unsatisfiable => {
            let mut r = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
            r.headers_mut().insert(header::CONTENT_RANGE, HeaderValue::from_str(&format!("bytes */{size}")).expect("ascii"));
            return r;
        }
    };
    let b = if size == 0 { Body::empty() } else { body(v.ctx.app.clone(), m.id, start, end) };
    let mut r = (status, b).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_str(&m.mime).unwrap_or(HeaderValue::from_static("application/octet-stream")));
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(if size == 0 { 0 } else { end - start + 1 }));
    // The file never changes under its id: the tag lets a player resume against the same bytes.
    h.insert(header::ETAG, HeaderValue::from_str(&format!("\"{}\"", m.sha256)).expect("hex"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=86400"));
    if status == StatusCode::PARTIAL_CONTENT {
        h.insert(header::CONTENT_RANGE, HeaderValue::from_str(&format!("bytes {start}-{end}/{size}")).expect("ascii"));
    }
    if let Some(name) = filename {
        h.insert(header::CONTENT_DISPOSITION, crate::shell::attachment(name, "course.pdf"));
    }
    r
}

pub(super) async fn video(v: Viewer, Path(id): Path<Uuid>, headers: HeaderMap) -> WebResult<Response> {
    v.require()?;
    let (_, m) = study::file(&v.ctx, id, File::Video).await?;
    Ok(serve(&v, &m, &headers, None))
}

pub(super) async fn document(v: Viewer, Path(id): Path<Uuid>, headers: HeaderMap) -> WebResult<Response> {
    v.require()?;
    let (course, m) = study::file(&v.ctx, id, File::Document).await?;
    let name = course.document_name.clone().filter(|n| !n.is_empty()).unwrap_or_else(|| format!("{}.pdf", course.title));
    Ok(serve(&v, &m, &headers, Some(&name)))
}

#[derive(Deserialize)]
pub(super) struct Played {
    played: Vec<(f64, f64)>,
}

/// The player's report: the stretches played since the page opened, in seconds.
pub(super) async fn progress(v: Viewer, Path(id): Path<Uuid>, Json(p): Json<Played>) -> WebResult<Response> {
    v.require()?;
    let r = study::report(&v.ctx, id, &p.played).await?;
    let tr = v.tr;
    let watched_text = super::watched_text(&tr, r.watched_ms, r.duration_ms, v.ctx.settings().study.minutes_per_hour);
    Ok(Json(serde_json::json!({
        "counted": r.counted,
        "accepted": r.accepted,
        "watched_ms": r.watched_ms,
        "added_ms": r.added_ms,
        "duration_ms": r.duration_ms,
        "watched_text": watched_text,
    }))
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_as_players_ask_for_them() {
        assert_eq!(asked(None, 100), Asked::Whole);
        assert_eq!(asked(Some("bytes=0-"), 100), Asked::Part(0, 99));
        assert_eq!(asked(Some("bytes=10-19"), 100), Asked::Part(10, 19));
        assert_eq!(asked(Some("bytes=90-500"), 100), Asked::Part(90, 99));
        assert_eq!(asked(Some("bytes=-10"), 100), Asked::Part(90, 99));
        assert_eq!(asked(Some("bytes=100-"), 100), Asked::Unsatisfiable);
        assert_eq!(asked(Some("bytes=20-10"), 100), Asked::Unsatisfiable);
        assert_eq!(asked(Some("bytes=0-1,5-9"), 100), Asked::Whole);
        assert_eq!(asked(Some("lines=1-2"), 100), Asked::Whole);
    }
}
