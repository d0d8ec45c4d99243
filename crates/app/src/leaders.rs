//! The leaders' candidate pool (seed §4): an organization's members ranked by their service
//! record of a year — points, needs resolved and their ratings, meetings attended, study hours,
//! the latest appraisal grade, care given and service to enterprises — each figure from what
//! was recorded and opening its evidence. Who may stand is `lianxin_core::leaders::standing`;
//! the order is `lianxin_core::leaders::order`. Read by the level above, as it prepares an
//! election.

use std::sync::Arc;

use std::collections::HashMap;

use lianxin_core::{
    leaders::{self as rules, Record, Standing},
    meetings::{Grade, Period},
    people::MemberStatus,
};
use lianxin_store::orgs as orgs_store;
use uuid::Uuid;

use crate::{Ctx, Result, meetings::authorized_org, policy::Action};

pub type Member = lianxin_store::entity::member::Model;

/// A member in the pool, with the figures behind their place.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub member: Member,
    pub record: Record,
    pub standing: Standing,
    /// The latest appraisal grade and its year (this year's, else last year's).
    pub grade: Option<(Grade, i32)>,
    /// Services to enterprises in the year.
    pub enterprise_services: u64,
}

/// An organization's pool for a year: the eligible ranked, the others with why, and the
/// organizations below whose pools can be opened.
#[derive(Clone, Debug)]
pub struct Pool {
    pub org: orgs_store::Org,
    pub year: i32,
    pub ranked: Vec<Candidate>,
    pub others: Vec<Candidate>,
    pub below: Vec<orgs_store::Org>,
}

/// Kept until any recorded change ([`Ctx::figures`]).
pub async fn pool(ctx: &Ctx, org_id: Uuid, year: i32) -> Result<Arc<Pool>> {
    let (org, _) = authorized_org(ctx, org_id, Action::ReadLeaders).await?;
    ctx.figures((org_id, year, ctx.app.today()), || pool_now(ctx, org, year)).await
}

async fn pool_now(ctx: &Ctx, org: orgs_store::Org, year: i32) -> Result<Pool> {
    let org_id = org.id;
    let c = ctx.db().conn();
    let (from, to) = (Period::Year { year }.first_day(), Period::Year { year }.last_day());
    // The organization's own members, with their points and the counts behind them.
    let standings = crate::points::standings(ctx, org_id, Period::Year { year }).await?;
    let rows: Vec<_> = standings.rows.iter().filter(|s| s.member.org_id == org.id).cloned().collect();
    let study: HashMap<Uuid, (u64, bool)> = crate::study::hours(ctx, org_id, year)
        .await?
        .rows
        .iter()
        .map(|r| (r.member.id, (r.courses + r.lectures + r.trainings, r.req.met)))
        .collect();
    let mut grades: HashMap<Uuid, (Grade, i32)> = HashMap::new();
    for y in [year - 1, year] {
        for a in lianxin_store::meetings::appraisals_of(c, org.id, y).await? {
            if let Some(g) = a.grade.as_deref().and_then(Grade::parse) {
                grades.insert(a.person_id, (g, y));
            }
        }
    }
    let ids: Vec<Uuid> = rows.iter().map(|s| s.member.id).collect();
    let services = lianxin_store::enterprises::services_by(c, &ids, from, to).await?;
    let n = |m: &HashMap<Uuid, i64>, id: &Uuid| m.get(id).copied().unwrap_or(0).max(0) as u64;
    let (mut ranked, mut others): (Vec<Candidate>, Vec<Candidate>) = rows
        .into_iter()
        .map(|s| {
            let (study_tenths, study_met) = study.get(&s.member.id).copied().unwrap_or((0, false));
            let grade = grades.get(&s.member.person_id).copied();
            let status = MemberStatus::parse(&s.member.status).unwrap_or(MemberStatus::Probationary);
            let record = Record {
                points: s.score.total,
                resolved: s.times.resolved,
                satisfied: s.times.satisfied,
                present: s.times.present,
                absent: s.times.absent,
                study_tenths,
                study_met,
                care: s.times.contacts + s.times.pair_contacts + s.times.visits,
            };
            let enterprise_services = n(&services, &s.member.id);
            Candidate { standing: rules::standing(status, grade.map(|(g, _)| g)), member: s.member, record, grade, enterprise_services }
        })
        .partition(|c| c.standing.eligible());
    ranked.sort_by(|a, b| rules::order(&a.record, &b.record).then_with(|| a.member.person_name.cmp(&b.member.person_name)));
    others.sort_by(|a, b| a.member.person_name.cmp(&b.member.person_name));
    let below = orgs_store::org_children(c, org.id, false).await?;
    Ok(Pool { org, year, ranked, others, below })
}

/// Where the pools start for the signed-in actor: their organization and the organizations
/// directly below it, whose pools they may read.
pub async fn start(ctx: &Ctx) -> Result<(orgs_store::Org, Vec<orgs_store::Org>)> {
    let home = crate::policy::home_org(&ctx.actor, Action::ReadLeaders).ok_or(crate::AppError::Forbidden)?;
    let (org, _) = authorized_org(ctx, home, Action::ReadOrg).await?;
    let below = orgs_store::org_children(ctx.db().conn(), org.id, false).await?;
    Ok((org, below))
}
