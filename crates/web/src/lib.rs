//! lianxin web
