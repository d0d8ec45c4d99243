//! Enterprises and cooperatives (seed §4: "members serve enterprises, enterprises serve the
//! masses"): what they offer villagers and when an offer is shown on the village board, what
//! members did for them, and which of them may co-handle a villager's need. Every function here
//! takes the day it answers for; nothing reads a clock.

use chrono::NaiveDate;

use crate::{people::BodyKind, tree::TreePath};

/// What an enterprise or cooperative offers villagers: jobs, purchase of their produce,
/// training, or a service (machinery, cold storage, transport…).
pub const OFFER_KINDS: [&str; 4] = ["jobs", "purchase", "training", "service"];
/// What a member did for an enterprise: explained a policy, found finance, opened a market,
/// brought a technique, settled a dispute, or something else.
pub const SERVICE_KINDS: [&str; 6] = ["policy", "finance", "market", "technology", "dispute", "other"];

/// The village bodies this capability looks after: enterprises, cooperatives, and the
/// collective economy organization.
pub fn is_enterprise(kind: BodyKind) -> bool {
    matches!(kind, BodyKind::Enterprise | BodyKind::Cooperative | BodyKind::CollectiveEconomy)
}

/// Where an offer stands on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfferState {
    /// Its first day has not come.
    Upcoming,
    /// Shown on the board.
    Open,
    /// Its last day has passed.
    Ended,
    /// Taken down by whoever published it.
    Withdrawn,
}

impl OfferState {
    pub fn as_str(self) -> &'static str {
        match self {
            OfferState::Upcoming => "upcoming",
            OfferState::Open => "open",
            OfferState::Ended => "ended",
            OfferState::Withdrawn => "withdrawn",
        }
    }
}

/// Whether an offer is shown on the village board on `on`: from its first day to its last
/// (inclusive; no last day means until withdrawn), unless withdrawn.
pub fn offer_state(from: NaiveDate, until: Option<NaiveDate>, withdrawn: bool, on: NaiveDate) -> OfferState {
    if withdrawn {
        OfferState::Withdrawn
    } else if on < from {
        OfferState::Upcoming
    } else if until.is_some_and(|u| on > u) {
        OfferState::Ended
    } else {
        OfferState::Open
    }
}

/// Why a body may or may not co-handle a need of a village.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cohandle {
    /// A body of the need's own village.
    Village,
    /// An enterprise or cooperative of the township (or county) the village belongs to.
    Above,
    /// Dissolved or inactive.
    Inactive,
    /// A body of another place, or a non-enterprise body above the village.
    Elsewhere,
}

impl Cohandle {
    pub fn allowed(self) -> bool {
        matches!(self, Cohandle::Village | Cohandle::Above)
    }
}

/// Whether a village body may be added as co-handler of a need filed in `village`: any active
/// body of the village itself, and the active enterprises and cooperatives of the places above
/// it (a township's cooperative serves its villages).
pub fn may_cohandle(kind: BodyKind, body_area: &TreePath, active: bool, village: &TreePath) -> Cohandle {
    if !active {
        Cohandle::Inactive
    } else if body_area == village {
        Cohandle::Village
    } else if village.is_within(body_area) && is_enterprise(kind) {
        Cohandle::Above
    } else {
        Cohandle::Elsewhere
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn an_offer_is_shown_from_its_first_day_to_its_last() {
        let (from, until) = (d("2026-03-01"), Some(d("2026-03-31")));
        assert_eq!(offer_state(from, until, false, d("2026-02-28")), OfferState::Upcoming);
        assert_eq!(offer_state(from, until, false, d("2026-03-01")), OfferState::Open);
        assert_eq!(offer_state(from, until, false, d("2026-03-31")), OfferState::Open);
        assert_eq!(offer_state(from, until, false, d("2026-04-01")), OfferState::Ended);
        assert_eq!(offer_state(from, None, false, d("2030-01-01")), OfferState::Open);
        assert_eq!(offer_state(from, until, true, d("2026-03-10")), OfferState::Withdrawn);
    }

    #[test]
    fn enterprises_above_a_village_may_co_handle_and_other_bodies_may_not() {
        let county = TreePath::root(uuid::Uuid::from_u128(1));
        let township = TreePath::child(&county, uuid::Uuid::from_u128(2));
        let village = TreePath::child(&township, uuid::Uuid::from_u128(3));
        let other = TreePath::child(&township, uuid::Uuid::from_u128(4));
        assert_eq!(may_cohandle(BodyKind::VillageCommittee, &village, true, &village), Cohandle::Village);
        assert_eq!(may_cohandle(BodyKind::Cooperative, &township, true, &village), Cohandle::Above);
        assert_eq!(may_cohandle(BodyKind::Enterprise, &county, true, &village), Cohandle::Above);
        assert_eq!(may_cohandle(BodyKind::VillageCommittee, &township, true, &village), Cohandle::Elsewhere);
        assert_eq!(may_cohandle(BodyKind::Enterprise, &other, true, &village), Cohandle::Elsewhere);
        assert_eq!(may_cohandle(BodyKind::Enterprise, &village, false, &village), Cohandle::Inactive);
        assert!(!Cohandle::Elsewhere.allowed() && Cohandle::Above.allowed());
    }
}
