//! lianxin store
