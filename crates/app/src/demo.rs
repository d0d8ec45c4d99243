//! The sample county `lianxin demo` serves: townships, villages, villager groups, the organization
//! tree (with a joint branch and an industry branch), the people of every village (households,
//! grids, members, posts, links) and one account for each role. The content is the same on every
//! run.

use lianxin_core::{
    accounts::Role,
    orgs::{AreaLevel, OrgBasis, OrgKind},
    people::Gender,
    totp,
};
use lianxin_store::accounts::{self as account_store, AccountPatch};
use uuid::Uuid;

use crate::journal::Stale;
use crate::{
    Ctx, Locale, Result,
    accounts::{AccountNew, GrantScope, create, grant_role},
    fixtures::people::{BranchFill, PopulateSpec, VillageFill, populate},
    orgs::{AreaNew, OrgNew, create_area, create_org},
};

/// The county code that marks a database as already holding the demo.
pub const COUNTY_CODE: &str = "990121000000";
/// Password of every demo account.
pub const PASSWORD: &str = "qingshan-demo-2026";
/// The six digits the demo residents' ID numbers start with: a valid province (43) with a city
/// number (79) no real prefecture and no generated county uses, as the county code 990121 is not
/// a valid ID-number region.
const ID_REGION: &str = "437921";
/// Seed of the demo's people.
const PEOPLE_SEED: u64 = 2026;
/// Second-factor secret of the demo accounts that need one (base32, for any authenticator app).
pub const TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPQINGSHANDEMO2345";

/// One printed login.
#[derive(Clone, Debug)]
pub struct DemoLogin {
    pub username: String,
    pub role: String,
    pub scope: String,
    pub totp: bool,
}

const TOWNSHIPS: &[(&str, &str, &[&str])] = &[
    ("100", "青山镇", &["青山村", "石门村", "柳湾村", "桃源村"]),
    ("101", "白石乡", &["白石村", "龙泉村", "杨家村", "松林村"]),
    ("200", "河口镇", &["河口村", "新桥村", "枫树村", "长塘村"]),
];
const GROUPS: &[&str] = &["第一村民小组", "第二村民小组", "第三村民小组"];

/// True when the database holds the whole demo county: the account made last is there, so an
/// interrupted build is not taken for a finished one.
pub async fn exists(ctx: &Ctx) -> Result<bool> {
    Ok(account_store::by_username(ctx.db().conn(), "member").await?.is_some())
}

/// True when a demo build started (the county exists) but did not finish.
pub async fn interrupted(ctx: &Ctx) -> Result<bool> {
    Ok(lianxin_store::orgs::area_by_code(ctx.db().conn(), COUNTY_CODE).await?.is_some() && !exists(ctx).await?)
}

/// Builds the demo county through the ordinary use cases (so it is audited like any other
/// change) and returns the logins to print.
pub async fn seed(ctx: &Ctx) -> Result<Vec<DemoLogin>> {
    let province =
        create_area(ctx, AreaNew { parent: None, level: Some(AreaLevel::Province), code: "990000000000".into(), name: "示例省".into() })
            .await?;
    let city =
        create_area(ctx, AreaNew { parent: Some(province.id), level: None, code: "990100000000".into(), name: "示例市".into() }).await?;
    let county = create_area(ctx, AreaNew { parent: Some(city.id), level: None, code: COUNTY_CODE.into(), name: "青山县".into() }).await?;
    let county_org = org(ctx, None, "中共青山县委员会", OrgKind::Committee, OrgBasis::Area, vec![county.id]).await?;

    let mut village_branches: Vec<(Uuid, String)> = Vec::new();
    let mut township_orgs = Vec::new();
    let mut fills: Vec<VillageFill> = Vec::new();
    let mut branch_fills: Vec<BranchFill> = Vec::new();
    for (t_code, t_name, villages) in TOWNSHIPS {
        let t_code = format!("990121{t_code}000");
        let township =
            create_area(ctx, AreaNew { parent: Some(county.id), level: None, code: t_code.clone(), name: (*t_name).into() }).await?;
        let t_org =
            org(ctx, Some(county_org), &format!("中共{t_name}委员会"), OrgKind::Committee, OrgBasis::Area, vec![township.id]).await?;
        township_orgs.push((t_org, *t_name));
        let mut village_ids = Vec::new();
        for (i, v_name) in villages.iter().enumerate() {
            let v_code = format!("{}{:03}", &t_code[..9], 201 + i);
            let village =
                create_area(ctx, AreaNew { parent: Some(township.id), level: None, code: v_code.clone(), name: (*v_name).into() }).await?;
            for (g, g_name) in GROUPS.iter().enumerate() {
                create_area(
                    ctx,
                    AreaNew { parent: Some(village.id), level: None, code: format!("{v_code}{:03}", g + 1), name: (*g_name).into() },
                )
                .await?;
            }
            village_ids.push((village.id, *v_name));
        }
        // The last two villages of each township are small and share a joint branch, except in
        // 青山镇 where every village has its own and the first one a general branch.
        let (own, joint) = if *t_name == "青山镇" { (village_ids.len(), 0) } else { (village_ids.len() - 2, 2) };
        for (vid, v_name) in &village_ids[..own] {
            let kind = if *v_name == "青山村" { OrgKind::GeneralBranch } else { OrgKind::Branch };
            let suffix = if kind == OrgKind::GeneralBranch { "总支部委员会" } else { "支部委员会" };
            let b = org(ctx, Some(t_org), &format!("中共{v_name}{suffix}"), kind, OrgBasis::Area, vec![*vid]).await?;
            village_branches.push((b, (*v_name).into()));
            let (mut placed_in, mut party_groups) = (Vec::new(), Vec::new());
            if kind == OrgKind::GeneralBranch {
                for part in ["第一支部", "第二支部"] {
                    let sub = org(ctx, Some(b), &format!("中共{v_name}{part}委员会"), OrgKind::Branch, OrgBasis::Area, vec![]).await?;
                    party_groups.push(org(ctx, Some(sub), "第一党小组", OrgKind::PartyGroup, OrgBasis::Area, vec![]).await?);
                    placed_in.push(sub);
                }
            } else {
                party_groups.push(org(ctx, Some(b), "第一党小组", OrgKind::PartyGroup, OrgBasis::Area, vec![]).await?);
                party_groups.push(org(ctx, Some(b), "第二党小组", OrgKind::PartyGroup, OrgBasis::Area, vec![]).await?);
            }
            // The demo accounts `secretary`, `secretary2` and `member` are these people.
            let (secretary, member) = match *v_name {
                "石门村" => (Some(("张明".into(), Gender::Male)), Some(("赵小军".into(), Gender::Male))),
                "柳湾村" => (Some(("李红梅".into(), Gender::Female)), None),
                _ => (None, None),
            };
            let members = if kind == OrgKind::GeneralBranch { 22 } else { 14 };
            fills.push(VillageFill { area_id: *vid, township: (*t_name).into(), households: 25, grids: 3, leading_org: Some(b) });
            branch_fills.push(BranchFill { org_id: b, villages: vec![*vid], members, placed_in, party_groups, secretary, member });
        }
        if joint > 0 {
            let names: Vec<&str> = village_ids[own..].iter().map(|(_, n)| *n).collect();
            let ids: Vec<Uuid> = village_ids[own..].iter().map(|(id, _)| *id).collect();
            let b =
                org(ctx, Some(t_org), &format!("中共{}联合支部委员会", names.join("")), OrgKind::JointBranch, OrgBasis::Area, ids.clone())
                    .await?;
            for id in &ids {
                fills.push(VillageFill { area_id: *id, township: (*t_name).into(), households: 20, grids: 3, leading_org: Some(b) });
            }
            branch_fills.push(BranchFill {
                org_id: b,
                villages: ids,
                members: 12,
                placed_in: vec![],
                party_groups: vec![],
                secretary: None,
                member: None,
            });
        }
    }
    let (qingshan_org, _) = township_orgs[0];
    let tea = org(ctx, Some(qingshan_org), "中共青山镇茶叶产业支部委员会", OrgKind::Branch, OrgBasis::Industry, vec![]).await?;
    let coop = org(ctx, Some(qingshan_org), "中共青山绿茶专业合作社支部委员会", OrgKind::Branch, OrgBasis::Cooperative, vec![]).await?;
    let firm = org(ctx, Some(county_org), "中共青山县建材有限公司支部委员会", OrgKind::Branch, OrgBasis::Enterprise, vec![]).await?;
    // Members of the industry, cooperative and enterprise branches live in the villages around.
    let qingshan_villages: Vec<Uuid> = fills.iter().filter(|f| f.township == "青山镇").map(|f| f.area_id).collect();
    let all_villages: Vec<Uuid> = fills.iter().map(|f| f.area_id).collect();
    for (org_id, villages, members) in [(tea, qingshan_villages.clone(), 5), (coop, qingshan_villages, 4), (firm, all_villages, 6)] {
        branch_fills.push(BranchFill { org_id, villages, members, placed_in: vec![], party_groups: vec![], secretary: None, member: None });
    }
    let people =
        populate(ctx, &PopulateSpec { seed: PEOPLE_SEED, region: ID_REGION.into(), villages: fills, branches: branch_fills }).await?;

    let (branch_a, village_a) = village_branches[1].clone();
    let (branch_b, village_b) = village_branches[2].clone();
    let accounts: Vec<(&str, &str, Role, GrantScope, String)> = vec![
        ("sysadmin", "系统管理员", Role::SystemAdmin, GrantScope::None, "—".into()),
        ("secadmin", "安全管理员", Role::SecurityAdmin, GrantScope::None, "—".into()),
        ("auditor", "审计管理员", Role::AuditAdmin, GrantScope::None, "—".into()),
        ("county", "县委组织部 王建国", Role::Organizer, GrantScope::Org(county_org), "青山县".into()),
        ("inspector", "县委组织部 督查员 陈静", Role::Viewer, GrantScope::Org(county_org), "青山县".into()),
        ("township", "青山镇党委 组织委员 刘芳", Role::Organizer, GrantScope::Org(qingshan_org), "青山镇".into()),
        ("secretary", &format!("{village_a}党支部书记 张明"), Role::Secretary, GrantScope::Org(branch_a), village_a.clone()),
        ("secretary2", &format!("{village_b}党支部书记 李红梅"), Role::Secretary, GrantScope::Org(branch_b), village_b.clone()),
        ("member", &format!("{village_a}党员 赵小军"), Role::Member, GrantScope::Org(branch_a), village_a.clone()),
    ]
    .into_iter()
    .map(|(u, d, r, s, sc)| (u, Box::leak(d.to_owned().into_boxed_str()) as &str, r, s, sc))
    .collect();
    let mut logins = Vec::new();
    // A grid leader of 石门村 with no role granted: what they may see comes from their post.
    let village_a_areas = lianxin_store::orgs::org_area_ids(ctx.db().conn(), branch_a).await?;
    if let Some(g) = people.grid_leaders.iter().find(|g| village_a_areas.contains(&g.village)) {
        let a = create(
            ctx,
            AccountNew {
                username: "gridleader".into(),
                display_name: format!("{village_a}{} 网格长 {}", g.grid_name, g.person_name),
                password: PASSWORD.into(),
                locale: Locale::ZhCn,
            },
        )
        .await?;
        link_person(ctx, a.id, g.person).await?;
        logins.push(DemoLogin {
            username: "gridleader".into(),
            role: "grid_leader".into(),
            scope: format!("{village_a}{}", g.grid_name),
            totp: false,
        });
    }
    for (username, display, role, scope, scope_name) in accounts {
        let a = create(
            ctx,
            AccountNew { username: username.into(), display_name: display.into(), password: PASSWORD.into(), locale: Locale::ZhCn },
        )
        .await?;
        grant_role(ctx, username, role, scope).await?;
        let linked = match username {
            "secretary" => people.secretaries.get(&branch_a),
            // The member handles the needs of the households linked to them.
            "member" => people.named_members.get(&branch_a),
            _ => None,
        };
        if let Some(person) = linked {
            link_person(ctx, a.id, *person).await?;
        }
        let principal = crate::auth::load_principal(&ctx.app, a.id, None).await?.ok_or(crate::AppError::NotFound)?;
        let totp = crate::auth::second_factor_required(ctx, &principal).await?;
        if totp {
            let sealed = crate::auth::seal_totp(ctx, a.id, TOTP_SECRET)?;
            let tx = ctx.db().write().await?;
            account_store::update(
                &tx,
                a.id,
                AccountPatch { totp_secret: Some(Some(sealed)), totp_enabled: Some(true), ..Default::default() },
                ctx.now(),
            )
            .await?;
            ctx.commit(tx).await?;
        }
        logins.push(DemoLogin { username: username.into(), role: role.as_str().into(), scope: scope_name, totp });
    }
    seed_appeals(ctx, county.id, &village_branches, &people).await?;
    Ok(logins)
}

/// The duty matrix of the county, and in each village with a known secretary, the secretary as
/// the designated handler of the branch's and the village committee's needs (一肩挑).
async fn seed_appeals(ctx: &Ctx, county: Uuid, branches: &[(Uuid, String)], people: &crate::fixtures::people::Populated) -> Result<()> {
    let tx = ctx.db().write().await?;
    crate::appeals::setup::ensure_defaults(&tx, county, ctx.now()).await?;
    ctx.commit(tx).await?;
    for (branch, _) in branches {
        let Some(secretary) = people.secretaries.get(branch) else { continue };
        for village in lianxin_store::orgs::org_area_ids(ctx.db().conn(), *branch).await? {
            for owner in ["party_branch", "village_committee"] {
                crate::appeals::setup::set_handler(ctx, village, owner, Some(*secretary)).await?;
            }
        }
    }
    Ok(())
}

/// A year of past needs in the demo's villages, so the boards, charts and queues have something to
/// show (the demo command adds it; tests start from an empty history).
pub async fn seed_history(ctx: &Ctx) -> Result<usize> {
    let county = lianxin_store::orgs::area_by_code(ctx.db().conn(), COUNTY_CODE).await?.ok_or(crate::AppError::NotFound)?;
    let spec = crate::fixtures::appeals::HistorySpec::new(PEOPLE_SEED, 600, ctx.now());
    Ok(crate::fixtures::appeals::generate(&ctx.app, county.id, &spec, |_, _| {}).await?.appeals)
}

/// Three years of the demo county's meetings, with their gaps.
pub async fn seed_meetings(ctx: &Ctx) -> Result<u64> {
    let county = lianxin_store::orgs::org_subtree_roots(ctx.db().conn()).await?.into_iter().find(|o| o.name == "中共青山县委员会");
    let Some(county) = county else { return Err(crate::AppError::NotFound) };
    Ok(crate::fixtures::meetings::generate(&ctx.app, county.id, 3, PEOPLE_SEED).await?.meetings)
}

/// Member development cases in every branch of the demo county.
pub async fn seed_development(ctx: &Ctx) -> Result<u64> {
    let county = lianxin_store::orgs::org_subtree_roots(ctx.db().conn()).await?.into_iter().find(|o| o.name == "中共青山县委员会");
    let Some(county) = county else { return Err(crate::AppError::NotFound) };
    crate::fixtures::development::generate(&ctx.app, county.id, PEOPLE_SEED).await
}

/// Two years of party dues for every member of the demo county.
pub async fn seed_dues(ctx: &Ctx) -> Result<u64> {
    let county = lianxin_store::orgs::org_subtree_roots(ctx.db().conn()).await?.into_iter().find(|o| o.name == "中共青山县委员会");
    let Some(county) = county else { return Err(crate::AppError::NotFound) };
    crate::fixtures::dues::generate(&ctx.app, county.id, 2, PEOPLE_SEED).await
}

/// Two years of study for the demo county: a course with a video and the branches' trainings.
pub async fn seed_study(ctx: &Ctx) -> Result<u64> {
    let county = lianxin_store::orgs::org_subtree_roots(ctx.db().conn()).await?.into_iter().find(|o| o.name == "中共青山县委员会");
    let Some(county) = county else { return Err(crate::AppError::NotFound) };
    crate::fixtures::study::generate(&ctx.app, county.id, 2, PEOPLE_SEED).await
}

/// The demo county's care: difficulties and visits, a pair in every branch, household contacts.
pub async fn seed_care(ctx: &Ctx) -> Result<u64> {
    let county = lianxin_store::orgs::org_subtree_roots(ctx.db().conn()).await?.into_iter().find(|o| o.name == "中共青山县委员会");
    let Some(county) = county else { return Err(crate::AppError::NotFound) };
    link_named_member(ctx).await?;
    crate::fixtures::care::generate(&ctx.app, county.id, PEOPLE_SEED).await
}

/// The demo county's enterprises: a tea cooperative in 石门村 served by the demo login
/// `member`, a fruit cooperative in 柳湾村, a township mill; each with what it offers villagers
/// now, and what members did for them.
pub async fn seed_enterprises(ctx: &Ctx) -> Result<u64> {
    use crate::enterprises::{EnterpriseInput, OfferInput, ServiceInput, link, publish, record_service, register};
    let c = ctx.db().conn();
    let today = ctx.app.today();
    let days = |n: u64| today - chrono::Days::new(n);
    let area = |name: &'static str| async move {
        let areas = crate::orgs::area_tree(ctx, 5000).await?;
        areas.into_iter().find(|a| a.name == name).map(|a| a.id).ok_or(crate::AppError::NotFound)
    };
    let offer =
        |kind: &str, title: &str, detail: &str, places: &str, how_to: &str, from: chrono::NaiveDate, until: Option<chrono::NaiveDate>| {
            OfferInput {
                kind: kind.into(),
                title: title.into(),
                detail: detail.into(),
                places: Some(places.into()),
                how_to: how_to.into(),
                valid_from: Some(from),
                valid_until: until,
            }
        };
    let mut n = 0;
    let tea =
        register(ctx, area("石门村").await?, EnterpriseInput { kind: "cooperative".into(), name: "石门村茶叶专业合作社".into() }).await?;
    let fruit =
        register(ctx, area("柳湾村").await?, EnterpriseInput { kind: "cooperative".into(), name: "柳湾村果蔬专业合作社".into() }).await?;
    let mill = register(ctx, area("青山镇").await?, EnterpriseInput { kind: "enterprise".into(), name: "青山镇粮油加工厂".into() }).await?;
    publish(
        ctx,
        tea.id,
        offer(
            "jobs",
            "招采茶工 20 名，日结 150 元",
            "春茶采摘，管午饭，年纪大的可以做分拣。",
            "20",
            "到村委会旁的合作社办公室报名，带身份证。",
            days(10),
            Some(today + chrono::Days::new(40)),
        ),
    )
    .await?;
    publish(
        ctx,
        tea.id,
        offer("purchase", "收购鲜叶，每斤 8 元", "一芽一叶，当天采当天送。", "", "早上 7 点到 10 点送到合作社收购点。", days(5), None),
    )
    .await?;
    publish(
        ctx,
        fruit.id,
        offer(
            "purchase",
            "收购桃子，保底每斤 2.5 元",
            "合作社统一收购、统一销往县城超市。",
            "",
            "到合作社登记种植面积。",
            days(3),
            Some(today + chrono::Days::new(60)),
        ),
    )
    .await?;
    publish(
        ctx,
        mill.id,
        offer("training", "粮油加工技能培训，免费", "三天，结业发证书，优先招进厂。", "30", "到镇农技站报名。", days(20), None),
    )
    .await?;
    n += 4;
    // The demo member serves the tea cooperative; the first member of 柳湾村's branch the fruit one.
    let member = account_store::by_username(c, "member").await?.and_then(|a| a.person_id);
    let member = match member {
        Some(p) => lianxin_store::people::member_by_person(c, p).await?,
        None => None,
    };
    if let Some(m) = member {
        link(ctx, tea.id, Some(m.id), Some(days(120))).await?;
        let service =
            |on, kind: &str, note: &str| ServiceInput { member_id: Some(m.id), served_on: Some(on), kind: kind.into(), note: note.into() };
        record_service(ctx, tea.id, service(days(60), "finance", "帮合作社申请到农机购置补贴 3 万元。")).await?;
        record_service(ctx, tea.id, service(days(12), "market", "联系县城两家超市，谈成春茶长期供货。")).await?;
        n += 3;
    }
    let (_, candidates) = crate::enterprises::candidates(ctx, fruit.id).await?;
    if let Some(m) = candidates.into_iter().find(|m| m.status == "full") {
        link(ctx, fruit.id, Some(m.id), Some(days(90))).await?;
        n += 1;
    }
    Ok(n)
}

/// The demo login `member` looks after six households of their village (联户), so their own
/// page has households to contact.
pub async fn link_named_member(ctx: &Ctx) -> Result<()> {
    let c = ctx.db().conn();
    let Some(person) = account_store::by_username(c, "member").await?.and_then(|a| a.person_id) else { return Ok(()) };
    let Some(m) = lianxin_store::people::member_by_person(c, person).await? else { return Ok(()) };
    if !lianxin_store::people::links_of_member(c, m.id).await?.is_empty() {
        return Ok(());
    }
    let Some(p) = lianxin_store::people::person(c, person).await? else { return Ok(()) };
    let village = crate::input::path(&p.area_path)?;
    let since = ctx.app.today() - chrono::Days::new(200);
    let tx = ctx.db().write().await?;
    for h in lianxin_store::people::households(&tx, &village, None, None, 6).await? {
        lianxin_store::people::link(&tx, m.id, h.id, since).await?;
    }
    ctx.commit(tx).await?;
    Ok(())
}

/// The logins of an existing demo database (for printing again on a second run).
pub async fn logins(ctx: &Ctx) -> Result<Vec<DemoLogin>> {
    let mut out = Vec::new();
    for a in account_store::list(ctx.db().conn(), None, 100).await? {
        let grants = account_store::grants_of(ctx.db().conn(), a.id).await?;
        // An account without grants reaches only what its person's posts give it.
        let role = grants.first().map(|g| g.role.clone()).unwrap_or_else(|| "(posts)".into());
        let scope = match grants.first().and_then(|g| g.org_id) {
            Some(o) => lianxin_store::orgs::org(ctx.db().conn(), o).await?.map(|o| o.name).unwrap_or_default(),
            None => "—".into(),
        };
        out.push(DemoLogin { username: a.username, role, scope, totp: a.totp_enabled });
    }
    Ok(out)
}

/// The current code for the demo second factor, for tests and for the demo banner.
pub fn current_code(unix_secs: i64) -> String {
    totp::code_at(&totp::base32_decode(TOTP_SECRET).unwrap_or_default(), unix_secs)
}

/// Makes an account the person's, so their posts widen what it may see.
async fn link_person(ctx: &Ctx, account: Uuid, person: Uuid) -> Result<()> {
    let tx = ctx.db().write().await?;
    account_store::update(&tx, account, AccountPatch { person_id: Some(Some(person)), ..Default::default() }, ctx.now()).await?;
    crate::journal::record(
        &tx,
        ctx,
        Stale::Access,
        "account.link_person",
        "account",
        Some(&account.to_string()),
        "ok",
        serde_json::json!({ "person": person }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(())
}

async fn org(ctx: &Ctx, parent: Option<Uuid>, name: &str, kind: OrgKind, basis: OrgBasis, areas: Vec<Uuid>) -> Result<Uuid> {
    Ok(create_org(ctx, OrgNew { parent, name: name.into(), kind, basis, areas, established_on: None, note: String::new() }).await?.id)
}

/// Holds a meeting of `kind` of the organization at 09:30 on `day` with every invitee present but
/// `absent_pct` per cent of them, and records a vote passed by those who vote present less
/// `yes_short` (the rest against). Returns the vote.
pub async fn held_vote(
    ctx: &Ctx,
    org: Uuid,
    kind: lianxin_core::meetings::MeetingKind,
    title: &str,
    day: chrono::NaiveDate,
    absent_pct: usize,
    yes_short: u64,
) -> Result<Uuid> {
    use crate::meetings::{
        MeetingNew, plan,
        record::{HeldInput, Mark, VoteInput, held, vote},
    };
    use lianxin_core::meetings::Attendance;
    let at = day.and_hms_opt(1, 30, 0).expect("a time").and_utc();
    let m = plan(
        ctx,
        MeetingNew {
            org_id: org,
            kind,
            pair: None,
            talk_with: Vec::new(),
            title: title.into(),
            agenda: String::new(),
            place: "村委会议室".into(),
            starts_at: at,
            counts_for: None,
        },
    )
    .await?;
    let invitees = lianxin_store::meetings::invitees(ctx.db().conn(), m.id).await?;
    let marks: Vec<Mark> = invitees
        .iter()
        .enumerate()
        .map(|(i, x)| Mark {
            person_id: x.person_id,
            attendance: if i < invitees.len() * absent_pct / 100 { Attendance::Absent } else { Attendance::Present },
            leave_reason: String::new(),
            unable: None,
        })
        .collect();
    held(ctx, m.id, HeldInput { held_at: at, marks, lecturer: String::new(), lecturer_from: String::new(), topic: String::new() }).await?;
    let present = lianxin_store::meetings::invitees(ctx.db().conn(), m.id)
        .await?
        .iter()
        .filter(|i| {
            i.attendance.as_deref() == Some(Attendance::Present.as_str())
                && (kind != lianxin_core::meetings::MeetingKind::Assembly || i.role == "full")
        })
        .count() as u64;
    let yes = present.saturating_sub(yes_short);
    let v = vote(ctx, m.id, VoteInput { motion: title.into(), yes, no: present - yes, abstain: 0 }).await?;
    Ok(v.id)
}

/// 四议两公开 in the demo's 石门村 and 柳湾村: a road finished and both disclosures made, a
/// homestead plan waiting for the members' assembly, and a resolution whose disclosure is
/// overdue (the township sees it flagged); 柳湾村's representatives resolve a general matter.
pub async fn seed_decisions(ctx: &Ctx) -> Result<u64> {
    use crate::decisions::{MatterNew, StepInput, open, record_step};
    use lianxin_core::decisions::{Body, MatterKind, Step};
    use lianxin_core::meetings::MeetingKind::{Assembly, Committee, JointCommittees};
    let c = ctx.db().conn();
    let today = ctx.app.today();
    let day = |n: u64| today - chrono::Days::new(n);
    let orgs = lianxin_store::orgs::org_subtree_roots(c).await?;
    let Some(county) = orgs.into_iter().find(|o| o.name == "中共青山县委员会") else { return Err(crate::AppError::NotFound) };
    let all = lianxin_store::orgs::org_subtree(c, &crate::input::path(&county.path)?, &Default::default(), 1000).await?;
    let branch = |name: &str| all.iter().find(|o| o.name == name).map(|o| o.id).ok_or(crate::AppError::NotFound);
    let (shimen, liuwan) = (branch("中共石门村支部委员会")?, branch("中共柳湾村支部委员会")?);
    let vote_step = |id: Uuid, vote: Uuid| async move {
        record_step(ctx, id, Step::Proposal, StepInput { vote_id: Some(vote), ..Default::default() }).await.map(|_| ())
    };
    let mut n = 0;

    // A road: every step, the villagers' meeting counted by household representatives.
    let road = open(
        ctx,
        shimen,
        MatterNew {
            title: "硬化石门村二组至三组通组道路".into(),
            kind: Some(MatterKind::PublicWorks),
            description: "道路长1.2公里、宽4米，预算36万元，其中上级补助30万元，村集体出资6万元；不向村民筹资。".into(),
        },
    )
    .await?;
    vote_step(road.id, held_vote(ctx, shimen, Committee, "提议：硬化二组至三组通组道路", day(120), 0, 0).await?).await?;
    let joint = held_vote(ctx, shimen, JointCommittees, "商议：通组道路硬化方案", day(113), 0, 0).await?;
    record_step(ctx, road.id, Step::Deliberation, StepInput { vote_id: Some(joint), ..Default::default() }).await?;
    let review = held_vote(ctx, shimen, Assembly, "审议：通组道路硬化方案", day(106), 10, 1).await?;
    record_step(ctx, road.id, Step::Review, StepInput { vote_id: Some(review), ..Default::default() }).await?;
    let roll = crate::decisions::roll(ctx, shimen, day(99)).await?;
    let households = roll.households * 3 / 4;
    record_step(
        ctx,
        road.id,
        Step::Resolution,
        StepInput {
            body: Some(Body::Villagers),
            on: Some(day(99)),
            place: "石门村文化广场".into(),
            adults_present: Some(roll.adults / 3),
            households_present: Some(households),
            yes: Some(households - 6),
            no: Some(4),
            abstain: Some(2),
            ..Default::default()
        },
    )
    .await?;
    let disclose = |on, note: &str, finish_by| StepInput { on: Some(on), note: note.into(), finish_by, ..Default::default() };
    record_step(ctx, road.id, Step::ResolutionDisclosed, disclose(day(97), "决议全文在村务公开栏和村民微信群公布。", Some(day(30))))
        .await?;
    record_step(ctx, road.id, Step::ResultDisclosed, disclose(day(27), "道路已完工验收，实际支出35.2万元，明细张贴于村务公开栏。", None))
        .await?;
    n += 1;

    // A homestead plan: proposed and deliberated, the assembly still to review it.
    let homesteads = open(
        ctx,
        shimen,
        MatterNew {
            title: "2027年度宅基地使用方案".into(),
            kind: Some(MatterKind::Homesteads),
            description: "拟安排新增宅基地8处，优先保障分户无房户。".into(),
        },
    )
    .await?;
    vote_step(homesteads.id, held_vote(ctx, shimen, Committee, "提议：2027年度宅基地使用方案", day(20), 0, 0).await?).await?;
    let joint = held_vote(ctx, shimen, JointCommittees, "商议：2027年度宅基地使用方案", day(12), 10, 0).await?;
    record_step(ctx, homesteads.id, Step::Deliberation, StepInput { vote_id: Some(joint), ..Default::default() }).await?;
    n += 1;

    // 柳湾村: a general matter resolved by the representatives, its disclosure overdue.
    let water = open(
        ctx,
        liuwan,
        MatterNew {
            title: "更换柳湾村自来水主管道".into(),
            kind: Some(MatterKind::General),
            description: "主管道老化漏水，拟更换800米，费用由村集体承担。".into(),
        },
    )
    .await?;
    vote_step(water.id, held_vote(ctx, liuwan, Committee, "提议：更换自来水主管道", day(40), 0, 0).await?).await?;
    let joint = held_vote(ctx, liuwan, JointCommittees, "商议：更换自来水主管道", day(35), 0, 0).await?;
    record_step(ctx, water.id, Step::Deliberation, StepInput { vote_id: Some(joint), ..Default::default() }).await?;
    let review = held_vote(ctx, liuwan, Assembly, "审议：更换自来水主管道", day(30), 0, 1).await?;
    record_step(ctx, water.id, Step::Review, StepInput { vote_id: Some(review), ..Default::default() }).await?;
    let reps = crate::decisions::roll(ctx, liuwan, day(20)).await?.representatives;
    let present: Vec<Uuid> = reps.iter().skip(reps.len() / 5).map(|r| r.0).collect();
    let yes = present.len() as u64 - 1;
    record_step(
        ctx,
        water.id,
        Step::Resolution,
        StepInput {
            body: Some(Body::Representatives),
            on: Some(day(20)),
            place: "柳湾村村委会".into(),
            present,
            yes: Some(yes),
            no: Some(1),
            ..Default::default()
        },
    )
    .await?;
    n += 1;
    Ok(n)
}
