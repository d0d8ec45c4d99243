//! What every answer carries and every request is given, in one layer: the server's own request
//! id (a client's `X-Request-Id` moved aside to `X-Client-Request-Id`), the same id on the answer,
//! and the security headers (content security policy, nosniff, frame options, referrer policy),
//! each unless the handler set its own. One layer with a plain future instead of six layers
//! (each a service and a future wrapped around the next) is what a small answer could feel.

use std::{
    future::Future,
    pin::Pin,
    task::{Context, Poll},
};

use axum::http::{HeaderName, HeaderValue, Request, Response, header};
use tower::{Layer, Service};

use crate::request::CountingId;

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
const X_CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("x-client-request-id");

/// The headers every answer carries, unless the handler set its own.
const SECURITY: [(HeaderName, &str); 4] = [
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    ),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (header::REFERRER_POLICY, "same-origin"),
];

/// Stamps requests with their id and answers with their id and the security headers.
#[derive(Clone, Debug)]
pub struct StampLayer {
    ids: CountingId,
}

impl Default for StampLayer {
    fn default() -> Self {
        StampLayer { ids: CountingId::new() }
    }
}

impl<S> Layer<S> for StampLayer {
    type Service = Stamp<S>;

    fn layer(&self, inner: S) -> Stamp<S> {
        Stamp { inner, ids: self.ids.clone() }
    }
}

#[derive(Clone, Debug)]
pub struct Stamp<S> {
    inner: S,
    ids: CountingId,
}

impl<S, B, R> Service<Request<B>> for Stamp<S>
where
    S: Service<Request<B>, Response = Response<R>>,
{
    type Response = Response<R>;
    type Error = S::Error;
    type Future = Stamped<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<B>) -> Self::Future {
        let headers = req.headers_mut();
        if let Some(v) = headers.remove(X_REQUEST_ID)
            && v.len() <= 64
        {
            headers.insert(X_CLIENT_REQUEST_ID, v);
        }
        let id = self.ids.header();
        headers.insert(X_REQUEST_ID, id.clone());
        Stamped { inner: self.inner.call(req), id: Some(id) }
    }
}

pin_project_lite::pin_project! {
    /// The inner service's answer, stamped when it comes.
    pub struct Stamped<F> {
        #[pin]
        inner: F,
        id: Option<HeaderValue>,
    }
}

impl<F, R, E> Future for Stamped<F>
where
    F: Future<Output = Result<Response<R>, E>>,
{
    type Output = Result<Response<R>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut res = std::task::ready!(this.inner.poll(cx))?;
        let headers = res.headers_mut();
        for (name, value) in SECURITY {
            if !headers.contains_key(&name) {
                headers.insert(name, HeaderValue::from_static(value));
            }
        }
        if let Some(id) = this.id.take()
            && !headers.contains_key(X_REQUEST_ID)
        {
            headers.insert(X_REQUEST_ID, id);
        }
        Poll::Ready(Ok(res))
    }
}
