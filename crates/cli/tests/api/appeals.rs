//! (tests of appeals)
