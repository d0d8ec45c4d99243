//! People rules (placeholder being written).
