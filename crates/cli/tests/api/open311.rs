//! (tests of open311)
