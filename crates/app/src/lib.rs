//! lianxin app
