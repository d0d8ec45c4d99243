//! Queries for tasks: a task with its parts and reports, the tasks an organization issued, the
//! parts handed to an organization, and the parts past their deadline.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::entity::{task, task_part, task_report};

pub use task::Model as Task;
pub use task_part::Model as Part;
pub use task_report::Model as Report;

pub async fn insert_task<C: ConnectionTrait>(c: &C, t: Task, parts: Vec<Part>) -> crate::Result<Task> {
    let t = t.into_active_model().reset_all().insert(c).await?;
    insert_parts(c, parts).await?;
    Ok(t)
}

pub async fn insert_parts<C: ConnectionTrait>(c: &C, parts: Vec<Part>) -> crate::Result<()> {
    if !parts.is_empty() {
        task_part::Entity::insert_many(parts.into_iter().map(IntoActiveModel::into_active_model)).exec(c).await?;
    }
    Ok(())
}

pub async fn task<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Task>> {
    Ok(task::Entity::find_by_id(id).one(c).await?)
}

pub async fn part<C: ConnectionTrait>(c: &C, id: Uuid) -> crate::Result<Option<Part>> {
    Ok(task_part::Entity::find_by_id(id).one(c).await?)
}

pub async fn update_part<C: ConnectionTrait>(c: &C, p: Part) -> crate::Result<Part> {
    Ok(p.into_active_model().reset_all().update(c).await?)
}

pub async fn parts_of<C: ConnectionTrait>(c: &C, task: Uuid) -> crate::Result<Vec<Part>> {
    Ok(task_part::Entity::find().filter(task_part::Column::TaskId.eq(task)).order_by_asc(task_part::Column::OrgPath).all(c).await?)
}

/// The parts of several tasks at once (a list of tasks with their roll-ups).
pub async fn parts_of_tasks<C: ConnectionTrait>(c: &C, tasks: &[Uuid]) -> crate::Result<Vec<Part>> {
    if tasks.is_empty() {
        return Ok(Vec::new());
    }
    Ok(task_part::Entity::find().filter(task_part::Column::TaskId.is_in(tasks.iter().copied())).all(c).await?)
}

pub async fn insert_report<C: ConnectionTrait>(c: &C, r: Report) -> crate::Result<()> {
    r.into_active_model().reset_all().insert(c).await?;
    Ok(())
}

pub async fn reports_of<C: ConnectionTrait>(c: &C, task: Uuid) -> crate::Result<Vec<Report>> {
    Ok(task_report::Entity::find().filter(task_report::Column::TaskId.eq(task)).order_by_desc(task_report::Column::At).all(c).await?)
}

/// The tasks an organization issued, the latest first.
pub async fn issued_by<C: ConnectionTrait>(c: &C, org: Uuid, limit: u64) -> crate::Result<Vec<Task>> {
    Ok(task::Entity::find().filter(task::Column::OrgId.eq(org)).order_by_desc(task::Column::CreatedAt).limit(limit).all(c).await?)
}

/// The parts handed to an organization, the nearest deadline first.
pub async fn parts_for<C: ConnectionTrait>(c: &C, org: Uuid, limit: u64) -> crate::Result<Vec<Part>> {
    Ok(task_part::Entity::find()
        .filter(task_part::Column::OrgId.eq(org))
        .order_by_asc(task_part::Column::DueOn)
        .limit(limit)
        .all(c)
        .await?)
}

pub async fn tasks_by_ids<C: ConnectionTrait>(c: &C, ids: &[Uuid]) -> crate::Result<Vec<Task>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(task::Entity::find().filter(task::Column::Id.is_in(ids.iter().copied())).all(c).await?)
}

/// Parts not done whose deadline passed before `today`.
pub async fn overdue<C: ConnectionTrait>(c: &C, today: chrono::NaiveDate) -> crate::Result<Vec<Part>> {
    Ok(task_part::Entity::find()
        .filter(task_part::Column::Status.ne("done"))
        .filter(task_part::Column::DueOn.lt(today))
        .order_by_asc(task_part::Column::DueOn)
        .limit(10_000)
        .all(c)
        .await?)
}
