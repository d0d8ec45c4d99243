//! Tasks handed down and rolled up (seed §2): a township or county issues a task — a number to
//! reach, a checklist, or evidence to show — with a deadline to organizations below it; each may
//! split its part further among its own (the parts never exceed the share; the page says by how
//! much they fall short); the organization holding a part that is not split reports progress with
//! what shows it; achievement rolls up level by level; the level that handed a part down may return
//! it for rework with a reason; a part past its deadline is reminded, then the level that handed it
//! down is told.

use std::collections::HashMap;

use chrono::NaiveDate;
use lianxin_core::{
    tasks::{self as rules, Due, Node, TaskKind},
    tree::TreePath,
};
use lianxin_store::{orgs as orgs_store, tasks as store};
use serde_json::json;
use uuid::Uuid;

use crate::{
    AppError, Checks, Ctx, Result,
    input::{clean, paragraphs, path},
    journal::{Stale, record},
    meetings::{authorized_org, may},
    notify::{self, To},
    policy::{Action, Target},
};

pub use store::{Part, Report, Task};

/// Days after the reminder of an overdue part before the level that handed it down is told.
pub const ESCALATE_AFTER_DAYS: i64 = 7;

/// A task as issued: the parts name the organizations below and their targets (for a number; a
/// checklist or evidence is asked of each part whole).
#[derive(Clone, Debug, Default)]
pub struct TaskNew {
    pub title: String,
    pub description: String,
    pub kind: Option<TaskKind>,
    pub unit: String,
    /// A checklist's items, one a line.
    pub checklist: String,
    /// The number to reach (a number task).
    pub target: u64,
    pub due_on: Option<NaiveDate>,
    pub parts: Vec<(Uuid, u64)>,
}

fn who(ctx: &Ctx) -> String {
    ctx.actor.principal().map(|p| p.display_name.clone()).unwrap_or_default()
}

/// The items of a checklist, one a line, blanks dropped.
pub fn items(checklist: &str) -> Vec<String> {
    checklist.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// The task's kind as stored.
pub fn kind(t: &Task) -> TaskKind {
    TaskKind::parse(&t.kind).unwrap_or(TaskKind::Number)
}

fn split_refused(s: rules::Split) -> AppError {
    AppError::Rule { field: "parts", key: "error-task-parts-over", reasons: vec![lianxin_core::rules::tasks::split_reason(&s)] }
}

/// The organizations a share goes to: each below `from` (never `from` itself), active, named
/// once. Their targets must not exceed `whole` for a number; otherwise each gets the whole.
async fn parts_for(
    ctx: &Ctx,
    from: &TreePath,
    from_id: Uuid,
    kind: TaskKind,
    whole: u64,
    parts: &[(Uuid, u64)],
) -> Result<Vec<(orgs_store::Org, u64)>> {
    if parts.is_empty() {
        return Err(AppError::invalid("parts", "error-task-no-parts"));
    }
    let ids: Vec<Uuid> = parts.iter().map(|(o, _)| *o).collect();
    let orgs = orgs_store::orgs_by_ids(ctx.db().conn(), &ids).await?;
    let mut out = Vec::new();
    for (id, target) in parts {
        let Some(o) = orgs.iter().find(|o| o.id == *id) else { return Err(AppError::invalid("parts", "error-task-org-below")) };
        let p = path(&o.path)?;
        if o.id == from_id || !p.is_within(from) || o.status != "active" {
            return Err(AppError::invalid("parts", "error-task-org-below"));
        }
        if out.iter().any(|(x, _): &(orgs_store::Org, u64)| x.id == o.id) {
            return Err(AppError::invalid("parts", "error-task-org-twice"));
        }
        out.push((o.clone(), if kind == TaskKind::Number { *target } else { whole }));
    }
    if kind == TaskKind::Number {
        if out.iter().any(|(_, t)| *t == 0) {
            return Err(AppError::invalid("parts", "error-task-part-zero"));
        }
        let s = rules::split(whole, &out.iter().map(|(_, t)| *t).collect::<Vec<_>>());
        if !s.allowed {
            return Err(split_refused(s));
        }
    }
    Ok(out)
}

fn new_part(ctx: &Ctx, task: Uuid, parent: Option<Uuid>, assigned_by: Uuid, o: &orgs_store::Org, target: u64, due_on: NaiveDate) -> Part {
    Part {
        id: Uuid::now_v7(),
        task_id: task,
        parent_id: parent,
        org_id: o.id,
        org_path: o.path.clone(),
        assigned_by,
        target: target as i64,
        due_on,
        done: 0,
        status: "open".into(),
        note: String::new(),
        returned_reason: None,
        done_on: None,
        reminded_on: None,
        escalated_on: None,
        updated_at: ctx.now(),
    }
}

/// Issues a task to organizations below the issuer.
pub async fn issue(ctx: &Ctx, org_id: Uuid, new: TaskNew) -> Result<Task> {
    let (org, p) = authorized_org(ctx, org_id, Action::RunTasks).await?;
    let today = ctx.app.today();
    let mut checks = Checks::default();
    let title = checks.take(clean("title", &new.title, 200, true)).flatten();
    let description = checks.take(paragraphs("description", &new.description, 4000, false)).flatten().unwrap_or_default();
    let unit = checks.take(clean("unit", &new.unit, 20, false)).flatten().unwrap_or_default();
    checks.check(new.kind.is_none(), "kind", "error-choose");
    checks.check(new.due_on.is_none_or(|d| d < today), "due_on", "error-task-due-past");
    let kind = new.kind.unwrap_or(TaskKind::Number);
    let list = items(&new.checklist);
    let whole = match kind {
        TaskKind::Number => {
            checks.check(new.target == 0 || new.target > 1_000_000_000, "target", "error-task-target");
            new.target
        }
        TaskKind::Checklist => {
            checks.check(
                list.is_empty() || list.len() > 50 || list.iter().any(|i| i.chars().count() > 200),
                "checklist",
                "error-task-checklist",
            );
            list.len() as u64
        }
        TaskKind::Evidence => 1,
    };
    checks.check(org.status != "active", "org_id", "error-parent-inactive");
    checks.finish()?;
    let due_on = new.due_on.expect("checked");
    let parts = parts_for(ctx, &p, org_id, kind, whole, &new.parts).await?;
    let t = Task {
        id: Uuid::now_v7(),
        org_id,
        org_path: org.path.clone(),
        title: title.expect("checked"),
        description,
        kind: kind.as_str().into(),
        unit,
        checklist: list.join("\n"),
        target: whole as i64,
        due_on,
        created_by: who(ctx),
        created_at: ctx.now(),
    };
    let rows = parts.iter().map(|(o, target)| new_part(ctx, t.id, None, org_id, o, *target, due_on)).collect();
    let tx = ctx.db().write().await?;
    let t = store::insert_task(&tx, t, rows).await?;
    let inbox = parts
        .iter()
        .map(|(o, _)| Ok(notify::notice(ctx, To::Org(o.id), None, "notice-task-issued", &format!("{} · {}", org.name, t.title))?.0))
        .collect::<Result<Vec<_>>>()?;
    lianxin_store::notify::insert_inbox(&tx, inbox).await?;
    record(&tx, ctx, Stale::Nothing, "task.issue", "task", Some(&t.id.to_string()), "ok", json!({ "parts": parts.len() })).await?;
    ctx.commit(tx).await?;
    Ok(t)
}

/// Loads a part with its task and checks `action` in the part's organization.
async fn authorized_part(ctx: &Ctx, id: Uuid, action: Action) -> Result<(Part, Task, TreePath)> {
    let c = ctx.db().conn();
    let Some(part) = store::part(c, id).await? else {
        ctx.authorize(action, Target::Org(&TreePath::root(id)), "task_part", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let p = path(&part.org_path)?;
    ctx.authorize(action, Target::Org(&p), "task_part", Some(&id.to_string())).await?;
    let task = store::task(c, part.task_id).await?.ok_or(AppError::NotFound)?;
    Ok((part, task, p))
}

/// Splits a part among organizations below the part's own; their deadline is the part's unless an
/// earlier one is given.
pub async fn split(ctx: &Ctx, part_id: Uuid, parts: &[(Uuid, u64)], due_on: Option<NaiveDate>) -> Result<Vec<Part>> {
    let (part, task, p) = authorized_part(ctx, part_id, Action::RunTasks).await?;
    if part.status == "done" {
        return Err(AppError::Conflict { field: "parts", key: "error-task-part-done" });
    }
    let due = due_on.unwrap_or(part.due_on);
    if due > part.due_on || due < ctx.app.today() {
        return Err(AppError::invalid("due_on", "error-task-due-within"));
    }
    let existing = store::parts_of(ctx.db().conn(), task.id).await?;
    let already: Vec<u64> = existing.iter().filter(|x| x.parent_id == Some(part.id)).map(|x| x.target as u64).collect();
    let orgs = parts_for(ctx, &p, part.org_id, kind(&task), part.target as u64, parts).await?;
    if kind(&task) == TaskKind::Number {
        let all: Vec<u64> = already.iter().copied().chain(orgs.iter().map(|(_, t)| *t)).collect();
        let s = rules::split(part.target as u64, &all);
        if !s.allowed {
            return Err(split_refused(s));
        }
    }
    if orgs.iter().any(|(o, _)| existing.iter().any(|x| x.org_id == o.id)) {
        return Err(AppError::invalid("parts", "error-task-org-twice"));
    }
    let rows: Vec<Part> = orgs.iter().map(|(o, t)| new_part(ctx, task.id, Some(part.id), part.org_id, o, *t, due)).collect();
    let tx = ctx.db().write().await?;
    store::insert_parts(&tx, rows.clone()).await.map_err(AppError::on_unique_any("parts", "error-task-org-twice"))?;
    let from = orgs_store::org(&tx, part.org_id).await?.map(|o| o.name).unwrap_or_default();
    let inbox = orgs
        .iter()
        .map(|(o, _)| Ok(notify::notice(ctx, To::Org(o.id), None, "notice-task-issued", &format!("{from} · {}", task.title))?.0))
        .collect::<Result<Vec<_>>>()?;
    lianxin_store::notify::insert_inbox(&tx, inbox).await?;
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "task.split",
        "task",
        Some(&task.id.to_string()),
        "ok",
        json!({ "part": part.id, "parts": rows.len() }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(rows)
}

/// Progress reported on a part not split further: the figure reached (items ticked, 1 for the
/// evidence shown), a note, and what shows it. More than the target needs a note (refused with
/// the numbers); evidence is required for an evidence task.
pub async fn report(ctx: &Ctx, part_id: Uuid, done: u64, note: &str, evidence: &str) -> Result<Part> {
    let (mut part, task, _) = authorized_part(ctx, part_id, Action::RunTasks).await?;
    let c = ctx.db().conn();
    if store::parts_of(c, task.id).await?.iter().any(|x| x.parent_id == Some(part.id)) {
        return Err(AppError::Conflict { field: "done", key: "error-task-split-reports" });
    }
    let mut checks = Checks::default();
    let note = checks.take(paragraphs("note", note, 2000, false)).flatten().unwrap_or_default();
    let evidence = checks.take(paragraphs("evidence", evidence, 2000, kind(&task) == TaskKind::Evidence)).flatten().unwrap_or_default();
    checks.check(done > 1_000_000_000, "done", "error-count");
    checks.finish()?;
    let v = rules::progress(part.target as u64, done, !note.is_empty());
    if !v.allowed {
        return Err(AppError::Rule {
            field: "done",
            key: "error-task-over-target",
            reasons: vec![lianxin_core::rules::tasks::progress_reason(&v)],
        });
    }
    let today = ctx.app.today();
    part.done = done as i64;
    part.note = note.clone();
    part.status = if v.complete { "done" } else { "open" }.into();
    part.done_on = v.complete.then_some(today);
    part.returned_reason = None;
    part.updated_at = ctx.now();
    let r = Report {
        id: Uuid::now_v7(),
        part_id: part.id,
        task_id: task.id,
        at: ctx.now(),
        done: done as i64,
        note,
        evidence,
        reported_by: who(ctx),
    };
    let tx = ctx.db().write().await?;
    let part = store::update_part(&tx, part).await?;
    store::insert_report(&tx, r).await?;
    record(&tx, ctx, Stale::Nothing, "task.report", "task", Some(&task.id.to_string()), "ok", json!({ "part": part.id, "done": done }))
        .await?;
    ctx.commit(tx).await?;
    Ok(part)
}

/// Returns a part for rework, with the reason: by the organization that handed it down.
pub async fn return_part(ctx: &Ctx, part_id: Uuid, reason: &str) -> Result<Part> {
    let (mut part, task, _) = authorized_part(ctx, part_id, Action::ReadTasks).await?;
    let c = ctx.db().conn();
    let from = orgs_store::org(c, part.assigned_by).await?.ok_or(AppError::NotFound)?;
    ctx.authorize(Action::RunTasks, Target::Org(&path(&from.path)?), "task_part", Some(&part_id.to_string())).await?;
    let reason = clean("reason", reason, 500, true)?.expect("required");
    part.status = "returned".into();
    part.done_on = None;
    part.returned_reason = Some(reason.clone());
    part.updated_at = ctx.now();
    let tx = ctx.db().write().await?;
    let part = store::update_part(&tx, part).await?;
    let body = format!("{} · {} · {reason}", from.name, task.title);
    lianxin_store::notify::insert_inbox(&tx, vec![notify::notice(ctx, To::Org(part.org_id), None, "notice-task-returned", &body)?.0])
        .await?;
    record(&tx, ctx, Stale::Nothing, "task.return", "task", Some(&task.id.to_string()), "ok", json!({ "part": part.id })).await?;
    ctx.commit(tx).await?;
    Ok(part)
}

/// A task's roll-up: each part's achievement, and the whole's — a number's target, or each
/// organization's checklist or evidence in turn — with what no part carries.
struct RollUp {
    achieved: HashMap<Uuid, u64>,
    whole_achieved: u64,
    percent: u64,
    short: u64,
}

impl RollUp {
    fn of(task: &Task, parts: &[Part]) -> RollUp {
        let nodes: Vec<Node<Uuid>> =
            parts.iter().map(|x| Node { id: x.id, parent: x.parent_id, target: x.target as u64, reported: x.done as u64 }).collect();
        let achieved = rules::rollup(&nodes);
        let tops: Vec<u64> = parts.iter().filter(|x| x.parent_id.is_none()).map(|x| x.target as u64).collect();
        let whole_achieved = parts.iter().filter(|x| x.parent_id.is_none()).map(|x| achieved.get(&x.id).copied().unwrap_or(0)).sum();
        let number = kind(task) == TaskKind::Number;
        let whole = if number { task.target as u64 } else { tops.iter().sum() };
        let short = if number { rules::split(whole, &tops).short } else { 0 };
        RollUp { achieved, whole_achieved, percent: rules::percent(whole_achieved, whole), short }
    }
}

/// A part as the roll-up shows it.
#[derive(Clone, Debug)]
pub struct PartRow {
    pub part: Part,
    pub org_name: String,
    /// How deep below the issuer: 0 for a part the issuer handed down.
    pub depth: usize,
    pub achieved: u64,
    /// Hundredths of a percent.
    pub percent: u64,
    pub due: Due,
    pub split: bool,
    /// The targets of its parts fall short of its own by this much.
    pub short: u64,
    pub may_report: bool,
    pub may_split: bool,
    pub may_return: bool,
    /// `open`, `done` or `returned`: a part split further is done when its parts achieve its target.
    pub state: String,
    /// The organizations directly below the part's own, to split it among (when it may be split).
    pub below: Vec<orgs_store::Org>,
}

/// When a part was finished: a part not split when its report completed it; a split part when
/// its last part was finished, once they achieve its target.
fn finished_on(parts: &[Part], x: &Part, achieved: &HashMap<Uuid, u64>, depth: usize) -> Option<NaiveDate> {
    let kids: Vec<&Part> = parts.iter().filter(|k| k.parent_id == Some(x.id)).collect();
    if kids.is_empty() || depth > 64 {
        return x.done_on.filter(|_| x.status == "done");
    }
    if achieved.get(&x.id).copied().unwrap_or(0) < x.target as u64 {
        return None;
    }
    kids.iter()
        .filter(|k| k.target > 0)
        .map(|k| finished_on(parts, k, achieved, depth + 1))
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .max()
        .or(Some(x.updated_at.date_naive()))
}

#[derive(Clone, Debug)]
pub struct TaskView {
    pub task: Task,
    pub issuer: String,
    /// Parts in the order of the tree (each followed by its own), those the viewer reaches.
    pub parts: Vec<PartRow>,
    pub achieved: u64,
    pub percent: u64,
    pub reports: Vec<(Report, String)>,
    /// The issuer's parts fall short of the whole by this much.
    pub short: u64,
}

/// A task with its roll-up, for the issuer and for every organization holding a part.
pub async fn show(ctx: &Ctx, id: Uuid) -> Result<TaskView> {
    let c = ctx.db().conn();
    let Some(task) = store::task(c, id).await? else {
        ctx.authorize(Action::ReadTasks, Target::Org(&TreePath::root(id)), "task", Some(&id.to_string())).await?;
        return Err(AppError::NotFound);
    };
    let parts = store::parts_of(c, id).await?;
    let issuer_path = path(&task.org_path)?;
    let reach = |p: &str| path(p).map(|p| may(ctx, Action::ReadTasks, &p)).unwrap_or(false);
    let sees_all = may(ctx, Action::ReadTasks, &issuer_path);
    if !sees_all && !parts.iter().any(|x| reach(&x.org_path)) {
        ctx.authorize(Action::ReadTasks, Target::Org(&issuer_path), "task", Some(&id.to_string())).await?;
    }
    let today = ctx.app.today();
    let up = RollUp::of(&task, &parts);
    let achieved = &up.achieved;
    let mut ids: Vec<Uuid> = parts.iter().map(|x| x.org_id).chain([task.org_id]).collect();
    ids.sort();
    ids.dedup();
    let names: HashMap<Uuid, String> = orgs_store::orgs_by_ids(c, &ids).await?.into_iter().map(|o| (o.id, o.name)).collect();
    // Depth-first from the issuer's parts.
    let mut ordered = Vec::new();
    let mut stack: Vec<(&Part, usize)> = parts.iter().filter(|x| x.parent_id.is_none()).rev().map(|x| (x, 0)).collect();
    while let Some((x, depth)) = stack.pop() {
        ordered.push((x, depth));
        stack.extend(parts.iter().filter(|k| k.parent_id == Some(x.id)).rev().map(|k| (k, depth + 1)));
    }
    // The organizations below every part the viewer may split, in one query.
    let runs = |x: &Part| path(&x.org_path).map(|p| may(ctx, Action::RunTasks, &p)).unwrap_or(false);
    let splittable: Vec<Uuid> = ordered.iter().filter(|(x, _)| x.status != "done" && runs(x)).map(|(x, _)| x.org_id).collect();
    let children = orgs_store::active_children_of(c, &splittable).await?;
    let rows = ordered
        .into_iter()
        .filter(|(x, _)| sees_all || reach(&x.org_path))
        .map(|(x, depth)| {
            let kids: Vec<u64> = parts.iter().filter(|k| k.parent_id == Some(x.id)).map(|k| k.target as u64).collect();
            let got = achieved.get(&x.id).copied().unwrap_or(0);
            let own = runs(x);
            let above = parts.iter().find(|k| Some(k.id) == x.parent_id).map(|k| k.org_path.clone()).unwrap_or(task.org_path.clone());
            let finished = finished_on(&parts, x, achieved, 0);
            let state = if !kids.is_empty() && finished.is_some() { "done".to_owned() } else { x.status.clone() };
            PartRow {
                org_name: names.get(&x.org_id).cloned().unwrap_or_default(),
                depth,
                achieved: got,
                percent: rules::percent(got, x.target as u64),
                due: rules::due(x.due_on, today, finished),
                state,
                split: !kids.is_empty(),
                short: if kids.is_empty() || kind(&task) != TaskKind::Number { 0 } else { rules::split(x.target as u64, &kids).short },
                may_report: own && kids.is_empty(),
                may_split: own && x.status != "done",
                below: if own && x.status != "done" {
                    children.iter().filter(|o| o.parent_id == Some(x.org_id)).cloned().collect()
                } else {
                    Vec::new()
                },
                may_return: path(&above).map(|p| may(ctx, Action::RunTasks, &p)).unwrap_or(false) && x.status != "returned",
                part: x.clone(),
            }
        })
        .collect();
    let visible: Vec<Uuid> = parts.iter().filter(|x| sees_all || reach(&x.org_path)).map(|x| x.id).collect();
    let reports = store::reports_of(c, id)
        .await?
        .into_iter()
        .filter(|r| visible.contains(&r.part_id))
        .map(|r| {
            let org = parts.iter().find(|x| x.id == r.part_id).and_then(|x| names.get(&x.org_id)).cloned().unwrap_or_default();
            (r, org)
        })
        .collect();
    Ok(TaskView {
        issuer: names.get(&task.org_id).cloned().unwrap_or_default(),
        achieved: up.whole_achieved,
        percent: up.percent,
        parts: rows,
        reports,
        short: up.short,
        task,
    })
}

/// An organization's tasks: those it issued with their roll-up, and the parts handed to it.
pub struct TaskList {
    pub org: orgs_store::Org,
    pub may_issue: bool,
    pub issued: Vec<(Task, u64)>,
    pub handed: Vec<(Part, Task, Due)>,
    /// The organizations a task can go to: those directly below.
    pub below: Vec<orgs_store::Org>,
}

pub async fn list(ctx: &Ctx, org_id: Uuid) -> Result<TaskList> {
    let (org, p) = authorized_org(ctx, org_id, Action::ReadTasks).await?;
    let c = ctx.db().conn();
    let today = ctx.app.today();
    let tasks = store::issued_by(c, org_id, 200).await?;
    let all_parts = store::parts_of_tasks(c, &tasks.iter().map(|t| t.id).collect::<Vec<_>>()).await?;
    let issued = tasks
        .into_iter()
        .map(|t| {
            let parts: Vec<Part> = all_parts.iter().filter(|x| x.task_id == t.id).cloned().collect();
            let percent = RollUp::of(&t, &parts).percent;
            (t, percent)
        })
        .collect();
    let parts = store::parts_for(c, org_id, 200).await?;
    let tasks = store::tasks_by_ids(c, &parts.iter().map(|x| x.task_id).collect::<Vec<_>>()).await?;
    let handed = parts
        .into_iter()
        .filter_map(|x| {
            let t = tasks.iter().find(|t| t.id == x.task_id)?.clone();
            let due = rules::due(x.due_on, today, x.done_on);
            Some((x, t, due))
        })
        .collect();
    let below = orgs_store::org_children(c, org_id, false).await?;
    Ok(TaskList { may_issue: may(ctx, Action::RunTasks, &p), org, issued, handed, below })
}

/// The active organizations directly below one, to hand a part to.
pub async fn below(ctx: &Ctx, org_id: Uuid) -> Result<Vec<orgs_store::Org>> {
    authorized_org(ctx, org_id, Action::ReadTasks).await?;
    Ok(orgs_store::org_children(ctx.db().conn(), org_id, false).await?)
}

/// The task a part belongs to, for the part's forms to come back to.
pub async fn task_of(ctx: &Ctx, part_id: Uuid) -> Result<Uuid> {
    let c = ctx.db().conn();
    let part = store::part(c, part_id).await?.ok_or(AppError::NotFound)?;
    Ok(part.task_id)
}

/// Reminds each overdue part's organization once, and tells the organization that handed it down
/// once it is still not done a week after the reminder.
pub async fn sweep(ctx: &Ctx, now: chrono::DateTime<chrono::Utc>) -> Result<u64> {
    let today = crate::meetings::local(ctx, now);
    let c = ctx.db().conn();
    let overdue = store::overdue(c, today).await?;
    if overdue.is_empty() {
        return Ok(0);
    }
    let tasks = store::tasks_by_ids(c, &overdue.iter().map(|x| x.task_id).collect::<Vec<_>>()).await?;
    let mut ids: Vec<Uuid> = overdue.iter().flat_map(|x| [x.org_id, x.assigned_by]).collect();
    ids.sort();
    ids.dedup();
    let names: HashMap<Uuid, String> = orgs_store::orgs_by_ids(c, &ids).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let tx = ctx.db().write().await?;
    let mut inbox = Vec::new();
    for mut x in overdue {
        let Some(t) = tasks.iter().find(|t| t.id == x.task_id) else { continue };
        let org = names.get(&x.org_id).cloned().unwrap_or_default();
        let body = format!("{org} · {} · {}", t.title, x.due_on);
        let changed = if x.reminded_on.is_none() {
            inbox.push(notify::notice(ctx, To::Org(x.org_id), None, "notice-task-overdue", &body)?.0);
            x.reminded_on = Some(today);
            true
        } else if x.escalated_on.is_none() && x.reminded_on.is_some_and(|r| (today - r).num_days() >= ESCALATE_AFTER_DAYS) {
            inbox.push(notify::notice(ctx, To::Org(x.assigned_by), None, "notice-task-escalated", &body)?.0);
            x.escalated_on = Some(today);
            true
        } else {
            false
        };
        if changed {
            store::update_part(&tx, x).await?;
        }
    }
    let sent = inbox.len() as u64;
    lianxin_store::notify::insert_inbox(&tx, inbox).await?;
    if sent > 0 {
        record(&tx, ctx, Stale::Nothing, "task.sweep", "task", None, "ok", json!({ "notices": sent })).await?;
    }
    ctx.commit(tx).await?;
    Ok(sent)
}
