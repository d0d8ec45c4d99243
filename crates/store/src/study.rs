//! Queries for study and training: media kept in chunks and read by range, courses, what each
//! member played, trainings and their attendees, and a year's hours per member summed in the
//! database (a few grouped queries whatever the subtree's size).

use std::collections::HashMap;

use chrono::NaiveDate;
use lianxin_core::tree::TreePath;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, OnConflict},
};
use uuid::Uuid;

use crate::entity::{
    meeting, meeting_invitee, position, study_attendee, study_chunk, study_course, study_medium, study_play, study_training, study_view,
};

pub use study_attendee::Model as Attendee;
pub use study_chunk::Model as Chunk;
pub use study_course::Model as Course;
pub use study_medium::Model as Media;
pub use study_play::Model as Play;
pub use study_training::Model as Training;
pub use study_view::Model as View;

/// Bytes per stored chunk: a range request reads only the chunks it covers.
pub const CHUNK: usize = 256 * 1024;

/// Stores a file and its chunks.
pub async fn insert_media<C: ConnectionTrait>(c: &C, m: Media, bytes: &[u8]) -> crate::Result<Media> {
    let m = m.into_active_model().reset_all().insert(c).await?;
    for (seq, data) in bytes.chunks(CHUNK).enumerate() {
        study_chunk::Entity::insert(Chunk { media_id: m.id, seq: seq as i32, data: data.to_vec() }.into_active_model().reset_all())
            .exec_without_returning(c)
            .await?;
    }
    Ok(m)
}

pub async fn media<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Media>> {
    Ok(study_medium::Entity::find_by_id(id).one(c).await?)
}

/// Chunks `first..=last` of a file, in order.
pub async fn chunks<C: ConnectionTrait>(c: &C, media: Uuid, first: i32, last: i32) -> crate::Result<Vec<Chunk>> {
    Ok(study_chunk::Entity::find()
        .filter(study_chunk::Column::MediaId.eq(media))
        .filter(study_chunk::Column::Seq.gte(first))
        .filter(study_chunk::Column::Seq.lte(last))
        .order_by_asc(study_chunk::Column::Seq)
        .all(c)
        .await?)
}

pub async fn insert_course<C: ConnectionTrait>(c: &C, course: Course) -> crate::Result<Course> {
    Ok(course.into_active_model().reset_all().insert(c).await?)
}

pub async fn course<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Course>> {
    Ok(study_course::Entity::find_by_id(id).one(c).await?)
}

/// The courses the members of `path` study: published by it or by an organization above it,
/// newest first.
pub async fn courses_for<C: ConnectionTrait>(c: &C, path: &TreePath) -> crate::Result<Vec<Course>> {
    let paths: Vec<String> = path.ancestors().into_iter().chain([path.clone()]).map(|p| p.as_str().to_owned()).collect();
    Ok(study_course::Entity::find()
        .filter(study_course::Column::OrgPath.is_in(paths))
        .order_by_desc(study_course::Column::PublishedAt)
        .all(c)
        .await?)
}

pub async fn view<C: ConnectionTrait>(c: &C, member: Uuid, course: Uuid) -> crate::Result<Option<View>> {
    Ok(study_view::Entity::find_by_id((member, course)).one(c).await?)
}

/// What a member played of the given courses.
pub async fn views_of<C: ConnectionTrait>(c: &C, member: Uuid) -> crate::Result<Vec<View>> {
    Ok(study_view::Entity::find().filter(study_view::Column::MemberId.eq(member)).all(c).await?)
}

/// Keeps a member's played stretches of a course, and adds what was new to the day's count.
pub async fn save_view<C: ConnectionTrait>(
    c: &C,
    v: View,
    existed: bool,
    day: NaiveDate,
    org_path: &str,
    added_ms: i64,
) -> crate::Result<()> {
    let (member, course) = (v.member_id, v.course_id);
    if existed {
        v.into_active_model().reset_all().update(c).await?;
    } else {
        v.into_active_model().reset_all().insert(c).await?;
    }
    if added_ms > 0 {
        let play = Play { member_id: member, course_id: course, day, org_path: org_path.to_owned(), ms: added_ms };
        study_play::Entity::insert(play.into_active_model().reset_all())
            .on_conflict(
                OnConflict::columns([study_play::Column::MemberId, study_play::Column::CourseId, study_play::Column::Day])
                    .value(study_play::Column::Ms, Expr::col((study_play::Entity, study_play::Column::Ms)).add(added_ms))
                    .to_owned(),
            )
            .exec_without_returning(c)
            .await?;
    }
    Ok(())
}

/// Milliseconds played in `[from, to]`, per member, of the members in a subtree.
pub async fn played_in<C: ConnectionTrait>(c: &C, root: &TreePath, from: NaiveDate, to: NaiveDate) -> crate::Result<HashMap<Uuid, i64>> {
    let (lo, hi) = root.subtree_range();
    let rows: Vec<(Uuid, i64)> = study_play::Entity::find()
        .select_only()
        .column(study_play::Column::MemberId)
        .column_as(Expr::col(study_play::Column::Ms).sum().cast_as("BIGINT"), "ms")
        .filter(study_play::Column::OrgPath.gte(lo))
        .filter(study_play::Column::OrgPath.lt(hi))
        .filter(study_play::Column::Day.gte(from))
        .filter(study_play::Column::Day.lte(to))
        .group_by(study_play::Column::MemberId)
        .into_tuple()
        .all(c)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Milliseconds played per course in `[from, to]` by one member.
pub async fn played_by<C: ConnectionTrait>(c: &C, member: Uuid, from: NaiveDate, to: NaiveDate) -> crate::Result<Vec<(Uuid, i64)>> {
    Ok(study_play::Entity::find()
        .select_only()
        .column(study_play::Column::CourseId)
        .column_as(Expr::col(study_play::Column::Ms).sum().cast_as("BIGINT"), "ms")
        .filter(study_play::Column::MemberId.eq(member))
        .filter(study_play::Column::Day.gte(from))
        .filter(study_play::Column::Day.lte(to))
        .group_by(study_play::Column::CourseId)
        .into_tuple()
        .all(c)
        .await?)
}

pub async fn insert_training<C: ConnectionTrait>(c: &C, t: Training, attendees: Vec<Attendee>) -> crate::Result<Training> {
    let t = t.into_active_model().reset_all().insert(c).await?;
    insert_attendees(c, attendees).await?;
    Ok(t)
}

pub async fn insert_attendees<C: ConnectionTrait>(c: &C, attendees: Vec<Attendee>) -> crate::Result<()> {
    for chunk in attendees.chunks(500) {
        study_attendee::Entity::insert_many(chunk.iter().cloned().map(|a| a.into_active_model().reset_all()))
            .exec_without_returning(c)
            .await?;
    }
    Ok(())
}

/// Generated trainings with their attendees, in chunks.
pub async fn insert_trainings<C: ConnectionTrait>(c: &C, trainings: Vec<Training>, attendees: Vec<Attendee>) -> crate::Result<()> {
    for chunk in trainings.chunks(300) {
        study_training::Entity::insert_many(chunk.iter().cloned().map(|t| t.into_active_model().reset_all()))
            .exec_without_returning(c)
            .await?;
    }
    insert_attendees(c, attendees).await
}

/// Generated plays, in chunks.
pub async fn insert_plays<C: ConnectionTrait>(c: &C, plays: Vec<Play>) -> crate::Result<()> {
    for chunk in plays.chunks(500) {
        study_play::Entity::insert_many(chunk.iter().cloned().map(|p| p.into_active_model().reset_all())).exec_without_returning(c).await?;
    }
    Ok(())
}

pub async fn training<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Training>> {
    Ok(study_training::Entity::find_by_id(id).one(c).await?)
}

pub async fn attendees_of<C: ConnectionTrait>(c: &C, training: Uuid) -> crate::Result<Vec<Attendee>> {
    Ok(study_attendee::Entity::find()
        .filter(study_attendee::Column::TrainingId.eq(training))
        .order_by_asc(study_attendee::Column::PersonName)
        .all(c)
        .await?)
}

/// The trainings an organization held in `[from, to]` (by their last day), newest first.
pub async fn trainings_of<C: ConnectionTrait>(c: &C, org: Uuid, from: NaiveDate, to: NaiveDate) -> crate::Result<Vec<Training>> {
    Ok(study_training::Entity::find()
        .filter(study_training::Column::OrgId.eq(org))
        .filter(study_training::Column::EndsOn.gte(from))
        .filter(study_training::Column::EndsOn.lte(to))
        .order_by_desc(study_training::Column::EndsOn)
        .all(c)
        .await?)
}

/// The trainings one member attended in `[from, to]`, with whether it was brought to them.
pub async fn trainings_attended<C: ConnectionTrait>(
    c: &C,
    member: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> crate::Result<Vec<(Training, bool)>> {
    let seats = study_attendee::Entity::find()
        .filter(study_attendee::Column::MemberId.eq(member))
        .filter(study_attendee::Column::EndsOn.gte(from))
        .filter(study_attendee::Column::EndsOn.lte(to))
        .all(c)
        .await?;
    let brought: HashMap<Uuid, bool> = seats.iter().map(|a| (a.training_id, a.brought)).collect();
    let ts = study_training::Entity::find()
        .filter(study_training::Column::Id.is_in(brought.keys().copied()))
        .order_by_desc(study_training::Column::EndsOn)
        .all(c)
        .await?;
    Ok(ts.into_iter().map(|t| (t.clone(), brought[&t.id])).collect())
}

/// Tenths of hours of training in `[from, to]`, per member, of the members in a subtree.
pub async fn trained_in<C: ConnectionTrait>(c: &C, root: &TreePath, from: NaiveDate, to: NaiveDate) -> crate::Result<HashMap<Uuid, i64>> {
    let (lo, hi) = root.subtree_range();
    let rows: Vec<(Uuid, i64)> = study_attendee::Entity::find()
        .select_only()
        .column(study_attendee::Column::MemberId)
        .column_as(Expr::col(study_attendee::Column::Tenths).sum().cast_as("BIGINT"), "tenths")
        .filter(study_attendee::Column::OrgPath.gte(lo))
        .filter(study_attendee::Column::OrgPath.lt(hi))
        .filter(study_attendee::Column::EndsOn.gte(from))
        .filter(study_attendee::Column::EndsOn.lte(to))
        .group_by(study_attendee::Column::MemberId)
        .into_tuple()
        .all(c)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Party lectures held in `[from, to]` that each of the given people attended or had brought to
/// them (送学上门), counted per person.
pub async fn lectures_of<C: ConnectionTrait>(c: &C, people: &[Uuid], from: NaiveDate, to: NaiveDate) -> crate::Result<HashMap<Uuid, i64>> {
    let rows = crate::meetings::rows_for(
        c,
        people,
        |r: &(Uuid, i64)| r.0,
        |chunk| {
            let q = meeting_invitee::Entity::find();
            let q = match chunk {
                None => crate::meetings::invitees_of_held_between(q, from, to, Some("lecture")),
                Some(chunk) => crate::meetings::invitees_held_between(q, from, to, Some("lecture"))
                    .filter(meeting_invitee::Column::PersonId.is_in(chunk.iter().copied())),
            };
            q.select_only()
                .column(meeting_invitee::Column::PersonId)
                .column_as(Expr::col((meeting_invitee::Entity, meeting_invitee::Column::MeetingId)).count(), "n")
                .filter(meeting_invitee::Column::Attendance.eq("present").or(meeting_invitee::Column::MakeupOn.is_not_null()))
                .group_by(meeting_invitee::Column::PersonId)
        },
    )
    .await?;
    Ok(rows.into_iter().collect())
}

/// The people among `people` who held a secretary's or committee post of a party organization at
/// any time in `[from, to]`: they owe 56 hours.
pub async fn leaders_among<C: ConnectionTrait>(c: &C, people: &[Uuid], from: NaiveDate, to: NaiveDate) -> crate::Result<Vec<Uuid>> {
    let mut out = Vec::new();
    for chunk in people.chunks(500) {
        let rows: Vec<Uuid> = position::Entity::find()
            .select_only()
            .column(position::Column::PersonId)
            .distinct()
            .filter(position::Column::PersonId.is_in(chunk.iter().copied()))
            .filter(position::Column::Post.is_in(["secretary", "deputy_secretary", "committee_member"]))
            .filter(position::Column::OrgId.is_not_null())
            .filter(position::Column::StartedOn.lte(to))
            .filter(position::Column::EndedOn.is_null().or(position::Column::EndedOn.gte(from)))
            .into_tuple()
            .all(c)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// The party lectures held in `[from, to]` one person attended or had brought to them, by date.
pub async fn lectures_attended<C: ConnectionTrait>(
    c: &C,
    person: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> crate::Result<Vec<(meeting::Model, meeting_invitee::Model)>> {
    let seats: HashMap<Uuid, meeting_invitee::Model> = meeting_invitee::Entity::find()
        .filter(meeting_invitee::Column::PersonId.eq(person))
        .filter(meeting_invitee::Column::Attendance.eq("present").or(meeting_invitee::Column::MakeupOn.is_not_null()))
        .all(c)
        .await?
        .into_iter()
        .map(|i| (i.meeting_id, i))
        .collect();
    let mut out = Vec::new();
    for chunk in seats.keys().copied().collect::<Vec<_>>().chunks(500) {
        let found = meeting::Entity::find()
            .filter(meeting::Column::Id.is_in(chunk.iter().copied()))
            .filter(meeting::Column::Kind.eq("lecture"))
            .filter(meeting::Column::Status.eq("held"))
            .filter(meeting::Column::HeldOn.gte(from))
            .filter(meeting::Column::HeldOn.lte(to))
            .all(c)
            .await?;
        out.extend(found.into_iter().map(|m| {
            let seat = seats[&m.id].clone();
            (m, seat)
        }));
    }
    out.sort_by_key(|(m, _)| m.held_on);
    Ok(out)
}

pub async fn media_by_ids<C: ConnectionTrait>(c: &C, ids: &[Uuid]) -> crate::Result<Vec<Media>> {
    Ok(study_medium::Entity::find().filter(study_medium::Column::Id.is_in(ids.iter().copied())).all(c).await?)
}

pub async fn courses_by_ids<C: ConnectionTrait>(c: &C, ids: &[Uuid]) -> crate::Result<Vec<Course>> {
    Ok(study_course::Entity::find()
        .filter(study_course::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(study_course::Column::Title)
        .all(c)
        .await?)
}
