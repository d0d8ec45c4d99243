//! (tests of appeals_api)
