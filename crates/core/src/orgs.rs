//! Areas (行政区划) and party organizations: their kinds and the rules of their tree.

use crate::text::text_enum;

text_enum! {
    /// Level of an administrative area (行政区划), outermost first.
    AreaLevel {
        Province = "province",
        City = "city",
        County = "county",
        Township = "township",
        Village = "village",
        Group = "group",
    }
}

impl AreaLevel {
    /// The level a child of this level has; villager groups have no children.
    pub fn child_level(self) -> Option<AreaLevel> {
        let i = Self::ALL.iter().position(|l| *l == self)?;
        Self::ALL.get(i + 1).copied()
    }

    /// Digits of the national statistical division code (统计用区划代码) at this level: 12 digits
    /// for a village, 15 for a villager group (a local extension of three digits), and the 12-digit
    /// padded form above that.
    pub fn code_len(self) -> usize {
        match self {
            AreaLevel::Group => 15,
            _ => 12,
        }
    }
}

text_enum! {
    /// Kind of party organization.
    OrgKind {
        Committee = "committee",
        GeneralBranch = "general_branch",
        Branch = "branch",
        PartyGroup = "party_group",
        JointBranch = "joint_branch",
    }
}

text_enum! {
    /// What an organization is established on — the seed's "break through the boundaries".
    OrgBasis {
        Area = "area",
        Industry = "industry",
        Enterprise = "enterprise",
        Cooperative = "cooperative",
        Other = "other",
    }
}

text_enum! {
    /// Life state of an organization; history is kept, nothing is deleted.
    OrgStatus {
        Active = "active",
        Merged = "merged",
        Dissolved = "dissolved",
    }
}

/// Why an organization may not be placed under another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PlacementError {
    #[error("a party group has no organizations below it")]
    UnderPartyGroup,
    #[error("a party group is part of a branch or general branch")]
    PartyGroupNeedsBranch,
    #[error("an organization cannot be placed under one that is no longer active")]
    ParentInactive,
    #[error("only a committee can be a root organization")]
    RootMustBeCommittee,
}

/// Checks the kind of a new child against its parent (支部条例: party groups sit in branches).
pub fn check_placement(child: OrgKind, parent: Option<(OrgKind, OrgStatus)>) -> Result<(), PlacementError> {
    match parent {
        None if child == OrgKind::Committee => Ok(()),
        None => Err(PlacementError::RootMustBeCommittee),
        Some((_, status)) if status != OrgStatus::Active => Err(PlacementError::ParentInactive),
        Some((OrgKind::PartyGroup, _)) => Err(PlacementError::UnderPartyGroup),
        Some((OrgKind::Committee, _)) if child == OrgKind::PartyGroup => Err(PlacementError::PartyGroupNeedsBranch),
        Some(_) => Ok(()),
    }
}

/// Checks that a statistical division code has the digits its level uses.
pub fn valid_area_code(level: AreaLevel, code: &str) -> bool {
    code.len() == level.code_len() && code.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_roundtrip() {
        for k in OrgKind::ALL {
            assert_eq!(OrgKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(OrgKind::parse("nope"), None);
    }

    #[test]
    fn levels_descend() {
        assert_eq!(AreaLevel::County.child_level(), Some(AreaLevel::Township));
        assert_eq!(AreaLevel::Group.child_level(), None);
    }

    #[test]
    fn placement_rules() {
        use OrgKind::*;
        assert!(check_placement(Committee, None).is_ok());
        assert_eq!(check_placement(Branch, None), Err(PlacementError::RootMustBeCommittee));
        assert_eq!(check_placement(Branch, Some((PartyGroup, OrgStatus::Active))), Err(PlacementError::UnderPartyGroup));
        assert_eq!(check_placement(PartyGroup, Some((Committee, OrgStatus::Active))), Err(PlacementError::PartyGroupNeedsBranch));
        assert_eq!(check_placement(Branch, Some((Committee, OrgStatus::Dissolved))), Err(PlacementError::ParentInactive));
        assert!(check_placement(PartyGroup, Some((Branch, OrgStatus::Active))).is_ok());
        assert!(check_placement(JointBranch, Some((Committee, OrgStatus::Active))).is_ok());
    }

    #[test]
    fn area_codes() {
        assert!(valid_area_code(AreaLevel::Village, "430124102201"));
        assert!(!valid_area_code(AreaLevel::Village, "43012410220"));
        assert!(!valid_area_code(AreaLevel::Group, "43012410220100a"));
    }
}
