//! The yearly democratic appraisal of members (民主评议党员, RULES.md §1 第十八条): each member's
//! self-assessment and the members' mutual assessment, and a grade for every full member, with at
//! most a third graded excellent. Probationary members take part without a grade.

use std::collections::HashMap;

use lianxin_core::{
    meetings::{Grade, appraisal_cap},
    people::MemberStatus,
};
use lianxin_store::{meetings as store, people as people_store};
use serde_json::json;
use uuid::Uuid;

use super::{Appraisal, authorized_org};
use crate::{
    AppError, Checks, Ctx, Result,
    input::paragraphs,
    journal::{Stale, record},
    policy::Action,
};

/// One member's appraisal as entered.
#[derive(Clone, Debug)]
pub struct Entry {
    pub person_id: Uuid,
    pub self_assessment: String,
    pub mutual_assessment: String,
    pub grade: Option<Grade>,
}

/// A year's appraisal of an organization: a row per member taking part.
#[derive(Clone, Debug)]
pub struct Sheet {
    pub org_id: Uuid,
    pub org_name: String,
    pub year: i32,
    /// Members taking part (full and probationary), with what was recorded for them.
    pub rows: Vec<Row>,
    pub full_members: u64,
    pub max_excellent: u64,
    pub excellent: u64,
    pub may_run: bool,
}

#[derive(Clone, Debug)]
pub struct Row {
    pub person_id: Uuid,
    pub name: String,
    pub probationary: bool,
    pub saved: Option<Appraisal>,
}

async fn participants(ctx: &Ctx, root: &lianxin_core::tree::TreePath) -> Result<Vec<people_store::Member>> {
    let f = people_store::RosterFilter {
        statuses: vec![MemberStatus::Full.as_str().into(), MemberStatus::Probationary.as_str().into()],
        ..Default::default()
    };
    Ok(people_store::roster(ctx.db().conn(), root, &f, 5000).await?)
}

pub async fn sheet(ctx: &Ctx, org_id: Uuid, year: i32) -> Result<Sheet> {
    let (org, root) = authorized_org(ctx, org_id, Action::ReadMeetings).await?;
    let members = participants(ctx, &root).await?;
    let saved: HashMap<Uuid, Appraisal> =
        store::appraisals_of(ctx.db().conn(), org_id, year).await?.into_iter().map(|a| (a.person_id, a)).collect();
    let full = members.iter().filter(|m| m.status == MemberStatus::Full.as_str()).count() as u64;
    let excellent = saved.values().filter(|a| a.grade.as_deref() == Some(Grade::Excellent.as_str())).count() as u64;
    let rows = members
        .into_iter()
        .map(|m| Row {
            person_id: m.person_id,
            name: m.person_name,
            probationary: m.status == MemberStatus::Probationary.as_str(),
            saved: saved.get(&m.person_id).cloned(),
        })
        .collect();
    let may_run = super::may(ctx, Action::RunMeetings, &root);
    Ok(Sheet { org_id, org_name: org.name, year, rows, full_members: full, max_excellent: full / 3, excellent, may_run })
}

/// Saves entries of a year's appraisal. Refused, with nothing saved: a grade for a probationary
/// member, a member not taking part, and more excellent grades than a third of the full members
/// (the numbers are in the error's field).
pub async fn save(ctx: &Ctx, org_id: Uuid, year: i32, entries: Vec<Entry>) -> Result<Sheet> {
    let (org, root) = authorized_org(ctx, org_id, Action::RunMeetings).await?;
    let today = ctx.app.today();
    let mut checks = Checks::default();
    checks.check(!(2000..=chrono::Datelike::year(&today)).contains(&year), "year", "error-appraisal-year");
    let members = participants(ctx, &root).await?;
    let tx = ctx.db().write().await?;
    let mut saved: HashMap<Uuid, Appraisal> =
        store::appraisals_of(&tx, org_id, year).await?.into_iter().map(|a| (a.person_id, a)).collect();
    let mut changed = Vec::new();
    for e in &entries {
        let Some(m) = members.iter().find(|m| m.person_id == e.person_id) else {
            checks.check(true, "person_id", "error-appraisal-not-member");
            continue;
        };
        let probationary = m.status == MemberStatus::Probationary.as_str();
        checks.check(probationary && e.grade.is_some(), "grade", "error-appraisal-probationary");
        let self_text = checks.take(paragraphs("self_assessment", &e.self_assessment, 4000, false)).flatten().unwrap_or_default();
        let mutual = checks.take(paragraphs("mutual_assessment", &e.mutual_assessment, 4000, false)).flatten().unwrap_or_default();
        let row = match saved.get(&e.person_id) {
            Some(a) => Appraisal {
                self_assessment: self_text,
                mutual_assessment: mutual,
                grade: e.grade.map(|g| g.as_str().into()),
                probationary,
                graded_by: ctx.actor.principal().map(|p| p.account_id),
                graded_at: ctx.now(),
                ..a.clone()
            },
            None => Appraisal {
                id: Uuid::now_v7(),
                org_id,
                year,
                person_id: m.person_id,
                person_name: m.person_name.clone(),
                probationary,
                self_assessment: self_text,
                mutual_assessment: mutual,
                grade: e.grade.map(|g| g.as_str().into()),
                meeting_id: None,
                graded_by: ctx.actor.principal().map(|p| p.account_id),
                graded_at: ctx.now(),
            },
        };
        changed.push((saved.contains_key(&e.person_id), row.clone()));
        saved.insert(e.person_id, row);
    }
    let full = members.iter().filter(|m| m.status == MemberStatus::Full.as_str()).count() as u64;
    let excellent = saved.values().filter(|a| a.grade.as_deref() == Some(Grade::Excellent.as_str())).count() as u64;
    match appraisal_cap(full, excellent) {
        Ok(cap) if cap.allowed => {}
        _ => checks.check(true, "grade", "error-appraisal-too-many-excellent"),
    }
    checks.finish()?;
    for (existed, row) in changed {
        if existed {
            store::update_appraisal(&tx, row).await?;
        } else {
            store::insert_appraisal(&tx, row).await.map_err(AppError::on_unique(
                "uq_appraisals_org_id_year_person_id",
                "person_id",
                "error-conflict",
            ))?;
        }
    }
    record(
        &tx,
        ctx,
        Stale::Nothing,
        "meeting.appraisal",
        "org",
        Some(&org.id.to_string()),
        "ok",
        json!({ "year": year, "entries": entries.len(), "excellent": excellent, "full_members": full }),
    )
    .await?;
    ctx.commit(tx).await?;
    sheet(ctx, org_id, year).await
}
