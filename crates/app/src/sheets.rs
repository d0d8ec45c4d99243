//! Spreadsheets in and out (placeholder being written).
