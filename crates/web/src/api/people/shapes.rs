//! What the people API answers with: our own structs, so encrypted values and lookup hashes
//! can never be serialized.

use super::*;

/// A person, with the ID number and phone masked.
#[derive(Serialize, ToSchema)]
pub struct PersonOut {
    pub id: Uuid,
    pub name: String,
    /// male, female
    pub gender: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub ethnicity: Option<String>,
    /// primary, junior, senior, vocational, college, bachelor, postgraduate, none
    pub education: Option<String>,
    /// farmer, migrant_worker, worker, business, cadre, teacher, medical, student, retired, other
    pub occupation: Option<String>,
    /// The ID number with all but its first four and last four characters starred.
    pub id_number_mask: Option<String>,
    /// The phone with its middle starred.
    pub phone_mask: Option<String>,
    pub household_id: Option<Uuid>,
    /// The village or villager group the person lives in.
    pub area_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Person> for PersonOut {
    fn from(p: Person) -> Self {
        Self {
            id: p.id,
            name: p.name,
            gender: p.gender,
            birth_date: p.birth_date,
            ethnicity: p.ethnicity,
            education: p.education,
            occupation: p.occupation,
            id_number_mask: p.id_number_mask,
            phone_mask: p.phone_mask,
            household_id: p.household_id,
            area_id: p.area_id,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// A member record (党员档案).
#[derive(Serialize, ToSchema)]
pub struct MemberOut {
    pub id: Uuid,
    pub person_id: Uuid,
    pub person_name: String,
    pub org_id: Uuid,
    /// applicant, activist, development_target, probationary, full, suspended, out_of_contact, removed, deceased
    pub status: String,
    pub status_since: NaiveDate,
    pub applied_on: Option<NaiveDate>,
    pub activist_on: Option<NaiveDate>,
    pub target_on: Option<NaiveDate>,
    pub admitted_on: Option<NaiveDate>,
    pub full_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub mobile: bool,
    pub mobile_since: Option<NaiveDate>,
    pub mobile_place: Option<String>,
    pub in_difficulty: bool,
    pub elderly_frail: bool,
    /// 留党察看 (party probation under discipline): in force from this day…
    pub party_probation_from: Option<NaiveDate>,
    /// …until the day before this one (one or two years later).
    pub party_probation_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Member> for MemberOut {
    fn from(m: Member) -> Self {
        Self {
            id: m.id,
            person_id: m.person_id,
            person_name: m.person_name,
            org_id: m.org_id,
            status: m.status,
            status_since: m.status_since,
            applied_on: m.applied_on,
            activist_on: m.activist_on,
            target_on: m.target_on,
            admitted_on: m.admitted_on,
            full_on: m.full_on,
            ended_on: m.ended_on,
            mobile: m.mobile,
            mobile_since: m.mobile_since,
            mobile_place: m.mobile_place,
            in_difficulty: m.in_difficulty,
            elderly_frail: m.elderly_frail,
            party_probation_from: m.party_probation_from,
            party_probation_until: m.party_probation_until,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

/// One entry of a member record's status history.
#[derive(Serialize, ToSchema)]
pub struct HistoryOut {
    /// A member status (see `MemberOut.status`).
    pub status: String,
    pub org_id: Uuid,
    pub since: NaiveDate,
    pub note: String,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

impl From<MemberHistory> for HistoryOut {
    fn from(h: MemberHistory) -> Self {
        Self { status: h.status, org_id: h.org_id, since: h.since, note: h.note, recorded_at: h.recorded_at, recorded_by: h.recorded_by }
    }
}

/// A post held for a term, in an organization, a village body or a grid.
#[derive(Serialize, ToSchema)]
pub struct PositionOut {
    pub id: Uuid,
    pub person_id: Uuid,
    /// secretary, deputy_secretary, committee_member, party_group_leader, vc_director, vc_deputy_director, vc_member,
    /// supervision_chair, supervision_member, collective_head, villager_representative, grid_leader, other
    pub post: String,
    pub org_id: Option<Uuid>,
    pub body_id: Option<Uuid>,
    pub grid_id: Option<Uuid>,
    pub started_on: NaiveDate,
    pub planned_end: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

impl From<Position> for PositionOut {
    fn from(p: Position) -> Self {
        Self {
            id: p.id,
            person_id: p.person_id,
            post: p.post,
            org_id: p.org_id,
            body_id: p.body_id,
            grid_id: p.grid_id,
            started_on: p.started_on,
            planned_end: p.planned_end,
            ended_on: p.ended_on,
            note: p.note,
            created_at: p.created_at,
        }
    }
}

/// A transfer of membership (组织关系转接) inside the system, or a letter for leaving it.
#[derive(Serialize, ToSchema)]
pub struct TransferOut {
    pub id: Uuid,
    pub member_id: Uuid,
    pub from_org_id: Uuid,
    /// The receiving organization; absent for a letter.
    pub to_org_id: Option<Uuid>,
    /// Where a letter sends the member.
    pub destination: Option<String>,
    /// requested, confirmed, rejected, cancelled, letter_issued
    pub status: String,
    pub reason: String,
    pub letter_no: Option<String>,
    pub letter_valid_until: Option<NaiveDate>,
    pub requested_at: DateTime<Utc>,
    pub requested_by: String,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
    pub note: String,
}

impl From<Transfer> for TransferOut {
    fn from(t: Transfer) -> Self {
        Self {
            id: t.id,
            member_id: t.member_id,
            from_org_id: t.from_org_id,
            to_org_id: t.to_org_id,
            destination: t.destination,
            status: t.status,
            reason: t.reason,
            letter_no: t.letter_no,
            letter_valid_until: t.letter_valid_until,
            requested_at: t.requested_at,
            requested_by: t.requested_by,
            decided_at: t.decided_at,
            decided_by: t.decided_by,
            note: t.note,
        }
    }
}

/// A household (户).
#[derive(Serialize, ToSchema)]
pub struct HouseholdOut {
    pub id: Uuid,
    pub area_id: Uuid,
    pub grid_id: Option<Uuid>,
    pub head_person_id: Option<Uuid>,
    pub household_no: Option<String>,
    pub address: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Household> for HouseholdOut {
    fn from(h: Household) -> Self {
        Self {
            id: h.id,
            area_id: h.area_id,
            grid_id: h.grid_id,
            head_person_id: h.head_person_id,
            household_no: h.household_no,
            address: h.address,
            created_at: h.created_at,
            updated_at: h.updated_at,
        }
    }
}

/// A grid (网格) of a village.
#[derive(Serialize, ToSchema)]
pub struct GridOut {
    pub id: Uuid,
    pub area_id: Uuid,
    pub name: String,
    pub leader_person_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Grid> for GridOut {
    fn from(g: Grid) -> Self {
        Self {
            id: g.id,
            area_id: g.area_id,
            name: g.name,
            leader_person_id: g.leader_person_id,
            created_at: g.created_at,
            updated_at: g.updated_at,
        }
    }
}

/// A village body led by a party organization.
#[derive(Serialize, ToSchema)]
pub struct BodyOut {
    pub id: Uuid,
    pub area_id: Uuid,
    /// village_committee, representative_assembly, supervision_committee, collective_economy, cooperative, enterprise,
    /// social_organization
    pub kind: String,
    pub name: String,
    pub leading_org_id: Option<Uuid>,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<VillageBody> for BodyOut {
    fn from(b: VillageBody) -> Self {
        Self {
            id: b.id,
            area_id: b.area_id,
            kind: b.kind,
            name: b.name,
            leading_org_id: b.leading_org_id,
            status: b.status,
            created_at: b.created_at,
            updated_at: b.updated_at,
        }
    }
}
