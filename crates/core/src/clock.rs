//! Time is injected: every rule that depends on "now" receives it from a [`Clock`], so tests move
//! the world forward instead of sleeping.

use chrono::{DateTime, Duration, Utc};
use std::sync::{Arc, Mutex};

/// Source of the current instant.
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> DateTime<Utc>;
}

/// A clock that only moves when told to; shared between clones.
#[derive(Clone, Debug)]
pub struct ManualClock(Arc<Mutex<DateTime<Utc>>>);

impl ManualClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Arc::new(Mutex::new(at)))
    }

    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = at;
    }

    pub fn advance(&self, by: Duration) {
        let mut t = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *t += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Truncates an instant to whole microseconds, the precision both databases keep.
pub fn to_micros(t: DateTime<Utc>) -> DateTime<Utc> {
    // Only the nanoseconds change: no round trip through a timestamp and back to a calendar date
    // (every request asks the clock several times).
    use chrono::Timelike;
    t.with_nanosecond(t.nanosecond() / 1000 * 1000).unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn micros_drop_only_the_nanoseconds() {
        let t = DateTime::from_timestamp(1_700_000_000, 123_456_789).unwrap();
        assert_eq!(to_micros(t), DateTime::from_timestamp(1_700_000_000, 123_456_000).unwrap());
        let before_1970 = DateTime::from_timestamp(-1, 999_999_999).unwrap();
        assert_eq!(to_micros(before_1970), DateTime::from_timestamp(-1, 999_999_000).unwrap());
        // A leap second's nanoseconds (≥ 1 000 000 000) stay a leap second.
        let leap = DateTime::from_timestamp(1_483_228_799, 1_500_000_123).unwrap();
        assert_eq!(to_micros(leap).timestamp_subsec_nanos(), 1_500_000_000);
    }

    #[test]
    fn manual_clock_moves_only_when_told() {
        let start = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let c = ManualClock::new(start);
        let shared = c.clone();
        assert_eq!(c.now(), start);
        shared.advance(Duration::minutes(5));
        assert_eq!(c.now(), start + Duration::minutes(5));
    }

    #[test]
    fn micros_truncation_drops_nanos() {
        let t = DateTime::from_timestamp(1_700_000_000, 123_456_789).unwrap();
        assert_eq!(to_micros(t).timestamp_subsec_nanos(), 123_456_000);
    }
}
