//! The year a yearly page shows (`?year=`), and the years its picker offers.

use chrono::Datelike;
use serde::Deserialize;

use crate::Viewer;

/// `?year=` of a yearly page.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct YearQ {
    pub year: String,
}

/// The year asked for, or this one when none (or no sensible one) is asked.
pub fn year_of(v: &Viewer, q: &str) -> i32 {
    q.trim().parse::<i32>().ok().filter(|y| (1990..=2100).contains(y)).unwrap_or_else(|| v.ctx.app.today().year())
}

/// This year and the three before it, newest first, for a year picker.
pub fn recent_years(v: &Viewer) -> Vec<i32> {
    let this = v.ctx.app.today().year();
    (this - 3..=this).rev().collect()
}
