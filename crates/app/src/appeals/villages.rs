//! A township's (or county's) table of the villages below it: what is open, overdue and sent
//! up, how satisfied villagers were and how long answers took — each row a way into that
//! village's queue. Read behind `app::policy` like the queues.

use std::collections::BTreeMap;

use lianxin_core::{
    appeals::{Rating, median, satisfaction_rate},
    orgs::AreaLevel,
    tree::TreePath,
};
use lianxin_store::{appeals as store, orgs as orgs_store};
use serde::Serialize;
use uuid::Uuid;

use crate::{
    AppError, Ctx, Result,
    input::path,
    policy::{Action, Target},
};

/// One village's figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct VillageFigures {
    pub village_id: Uuid,
    pub name: String,
    pub filed: u64,
    /// Still needing work.
    pub open: u64,
    /// Open and past their deadline.
    pub overdue: u64,
    /// Open and sent up above the village (at the township or the county now).
    pub escalated: u64,
    /// Satisfied or basically satisfied among the rated (none when nothing was rated).
    pub satisfaction: Option<f64>,
    /// Median hours from filing to the answer among the resolved.
    pub median_hours: Option<i64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct VillageTable {
    pub org: Uuid,
    pub villages: Vec<VillageFigures>,
}

/// The villages served by `org` (default: the first organization the viewer acts for), most
/// overdue first.
pub async fn village_table(ctx: &Ctx, org: Option<Uuid>) -> Result<VillageTable> {
    let c = ctx.db().conn();
    let (id, root) = match org {
        Some(o) => {
            let org = orgs_store::org(c, o).await?.ok_or(AppError::NotFound)?;
            (o, path(&org.path)?)
        }
        None => super::queues::my_orgs(ctx).first().cloned().ok_or(AppError::Forbidden)?,
    };
    ctx.authorize(
        Action::ReadAppeals,
        Target::Appeal { org: &root, village: &root, handler: None },
        "appeal_villages",
        Some(&id.to_string()),
    )
    .await?;
    // The villages within the areas the organization serves.
    let served = orgs_store::areas_by_ids(c, &orgs_store::org_area_ids(c, id).await?).await?;
    let mut roots: Vec<TreePath> = Vec::new();
    let mut villages: BTreeMap<Uuid, VillageFigures> = BTreeMap::new();
    for a in &served {
        let p = path(&a.path)?;
        for v in orgs_store::area_subtree(c, &p, 10_000).await? {
            if AreaLevel::parse(&v.level) == Some(AreaLevel::Village) {
                villages.insert(v.id, VillageFigures { village_id: v.id, name: v.name, ..Default::default() });
            }
        }
        roots.push(p);
    }
    let now = ctx.now();
    let mut hours: BTreeMap<Uuid, Vec<i64>> = BTreeMap::new();
    let mut rated: BTreeMap<Uuid, [u64; 3]> = BTreeMap::new();
    for r in store::village_figure_rows(c, &roots).await? {
        let Some(f) = villages.get_mut(&r.village_area_id) else { continue };
        f.filed += 1;
        if store::ACTIVE.contains(&r.status.as_str()) {
            f.open += 1;
            if r.due_at < now {
                f.overdue += 1;
            }
            if r.level != "village" {
                f.escalated += 1;
            }
        }
        if let Some(done) = r.resolved_at {
            hours.entry(r.village_area_id).or_default().push((done - r.created_at).num_hours().max(0));
        }
        if let Some(rating) = r.rating.as_deref().and_then(Rating::parse) {
            let n = rated.entry(r.village_area_id).or_default();
            match rating {
                Rating::Satisfied => n[0] += 1,
                Rating::Basically => n[1] += 1,
                Rating::Unsatisfied => n[2] += 1,
            }
        }
    }
    let mut out: Vec<VillageFigures> = villages
        .into_values()
        .map(|mut f| {
            f.median_hours = hours.get_mut(&f.village_id).and_then(|h| median(h));
            f.satisfaction = rated.get(&f.village_id).and_then(|n| satisfaction_rate(n[0], n[1], n[2]));
            f
        })
        .collect();
    out.sort_by(|a, b| b.overdue.cmp(&a.overdue).then(b.open.cmp(&a.open)).then(a.name.cmp(&b.name)));
    Ok(VillageTable { org: id, villages: out })
}
