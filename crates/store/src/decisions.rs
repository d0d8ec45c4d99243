//! Queries for 四议两公开: matters by organization subtree (newest first, keyset), a matter's
//! steps, the villagers' and representatives' meetings, and the rolls they are counted against,
//! read from the people records of the village.

use chrono::NaiveDate;
use lianxin_core::tree::TreePath;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use crate::entity::{decision_matter, decision_step, household, person, position, village_body, village_meeting, village_meeting_attendee};

pub use decision_matter::Model as Matter;
pub use decision_step::Model as Step;
pub use village_meeting::Model as VillageMeeting;
pub use village_meeting_attendee::Model as Attendee;

/// The post of a villagers' representative (村民代表), held in the representatives' assembly.
pub const REPRESENTATIVE_POST: &str = "villager_representative";

pub async fn insert_matter<C: ConnectionTrait>(c: &C, m: Matter) -> crate::Result<Matter> {
    Ok(m.into_active_model().reset_all().insert(c).await?)
}

pub async fn update_matter<C: ConnectionTrait>(c: &C, m: Matter) -> crate::Result<Matter> {
    Ok(m.into_active_model().reset_all().update(c).await?)
}

pub async fn matter<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Matter>> {
    Ok(decision_matter::Entity::find_by_id(id).one(c).await?)
}

/// What a list of matters is narrowed to.
#[derive(Clone, Debug, Default)]
pub struct MatterFilter {
    /// Only matters still open (a step or a disclosure to come).
    pub open: bool,
    /// Words in the title.
    pub q: Option<String>,
}

/// The matters of a subtree, newest first, before `before` (keyset on creation time and id).
pub async fn matters_in<C: ConnectionTrait>(
    c: &C,
    root: &TreePath,
    f: &MatterFilter,
    before: Option<(chrono::DateTime<chrono::Utc>, Uuid)>,
    limit: u64,
) -> crate::Result<Vec<Matter>> {
    let (lo, hi) = root.subtree_range();
    let mut q =
        decision_matter::Entity::find().filter(decision_matter::Column::OrgPath.gte(lo)).filter(decision_matter::Column::OrgPath.lt(hi));
    if f.open {
        q = q.filter(decision_matter::Column::Status.eq("open"));
    }
    if let Some(words) = &f.q {
        q = q.filter(decision_matter::Column::Title.contains(words));
    }
    if let Some((at, id)) = before {
        q = q.filter(
            Condition::any()
                .add(decision_matter::Column::CreatedAt.lt(at))
                .add(Condition::all().add(decision_matter::Column::CreatedAt.eq(at)).add(decision_matter::Column::Id.lt(id))),
        );
    }
    Ok(q.order_by_desc(decision_matter::Column::CreatedAt).order_by_desc(decision_matter::Column::Id).limit(limit).all(c).await?)
}

/// Open matters with a disclosure owed and the level above not yet told: resolved and not
/// disclosed, or past the planned end of the implementation and its result not disclosed.
pub async fn owing_disclosure<C: ConnectionTrait>(c: &C) -> crate::Result<Vec<Matter>> {
    let resolution = Condition::all()
        .add(decision_matter::Column::ResolvedOn.is_not_null())
        .add(decision_matter::Column::ResolutionDisclosedOn.is_null())
        .add(decision_matter::Column::ResolutionToldOn.is_null());
    let result = Condition::all()
        .add(decision_matter::Column::FinishBy.is_not_null())
        .add(decision_matter::Column::ResultDisclosedOn.is_null())
        .add(decision_matter::Column::ResultToldOn.is_null());
    Ok(decision_matter::Entity::find()
        .filter(decision_matter::Column::Status.eq("open"))
        .filter(Condition::any().add(resolution).add(result))
        .all(c)
        .await?)
}

pub async fn insert_step<C: ConnectionTrait>(c: &C, s: Step) -> crate::Result<Step> {
    Ok(s.into_active_model().reset_all().insert(c).await?)
}

/// A matter's steps in the order they were recorded.
pub async fn steps_of<C: ConnectionTrait>(c: &C, matter: Uuid) -> crate::Result<Vec<Step>> {
    Ok(decision_step::Entity::find()
        .filter(decision_step::Column::MatterId.eq(matter))
        .order_by_asc(decision_step::Column::RecordedAt)
        .order_by_asc(decision_step::Column::Id)
        .all(c)
        .await?)
}

/// Whether a meeting's vote already counts for a step.
pub async fn vote_used<C: ConnectionTrait>(c: &C, vote: Uuid) -> crate::Result<bool> {
    Ok(decision_step::Entity::find().filter(decision_step::Column::VoteId.eq(vote)).count(c).await? > 0)
}

pub async fn insert_village_meeting<C: ConnectionTrait>(c: &C, m: VillageMeeting, roll: Vec<Attendee>) -> crate::Result<VillageMeeting> {
    let m = m.into_active_model().reset_all().insert(c).await?;
    for chunk in roll.chunks(500) {
        village_meeting_attendee::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model)).exec(c).await?;
    }
    Ok(m)
}

pub async fn village_meetings<C: ConnectionTrait>(c: &C, ids: &[Uuid]) -> crate::Result<Vec<VillageMeeting>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(village_meeting::Entity::find().filter(village_meeting::Column::Id.is_in(ids.iter().copied())).all(c).await?)
}

pub async fn attendees<C: ConnectionTrait>(c: &C, meeting: Uuid) -> crate::Result<Vec<Attendee>> {
    Ok(village_meeting_attendee::Entity::find()
        .filter(village_meeting_attendee::Column::MeetingId.eq(meeting))
        .order_by_asc(village_meeting_attendee::Column::PersonName)
        .all(c)
        .await?)
}

/// The village's roll on `on`: residents of 18 or more and households in the areas (subtrees).
pub async fn adults_and_households<C: ConnectionTrait>(c: &C, areas: &[TreePath], on: NaiveDate) -> crate::Result<(u64, u64)> {
    let born_by = lianxin_core::people::eighteen_before(on);
    let (mut adults, mut households) = (0, 0);
    for a in areas {
        let (lo, hi) = a.subtree_range();
        adults += person::Entity::find()
            .filter(person::Column::AreaPath.gte(lo.clone()))
            .filter(person::Column::AreaPath.lt(hi.clone()))
            .filter(person::Column::BirthDate.lte(born_by))
            .count(c)
            .await?;
        households += household::Entity::find()
            .filter(household::Column::AreaPath.gte(lo))
            .filter(household::Column::AreaPath.lt(hi))
            .count(c)
            .await?;
    }
    Ok((adults, households))
}

/// The representatives in office on `on` in the representatives' assemblies of the areas, as
/// (person, name), by name.
pub async fn representatives<C: ConnectionTrait>(c: &C, areas: &[TreePath], on: NaiveDate) -> crate::Result<Vec<(Uuid, String)>> {
    let mut bodies = Vec::new();
    for a in areas {
        let (lo, hi) = a.subtree_range();
        bodies.extend(
            village_body::Entity::find()
                .filter(village_body::Column::AreaPath.gte(lo))
                .filter(village_body::Column::AreaPath.lt(hi))
                .filter(village_body::Column::Kind.eq("representative_assembly"))
                .all(c)
                .await?
                .into_iter()
                .map(|b| b.id),
        );
    }
    if bodies.is_empty() {
        return Ok(Vec::new());
    }
    let posts = position::Entity::find()
        .filter(position::Column::BodyId.is_in(bodies))
        .filter(position::Column::Post.eq(REPRESENTATIVE_POST))
        .filter(position::Column::StartedOn.lte(on))
        .filter(crate::people::current(on))
        .all(c)
        .await?;
    let ids: Vec<Uuid> = posts.iter().map(|p| p.person_id).collect();
    let mut out: Vec<(Uuid, String)> = crate::people::persons_by_ids(c, &ids).await?.into_iter().map(|p| (p.id, p.name)).collect();
    out.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    out.dedup_by_key(|p| p.0);
    Ok(out)
}
