//! The duty matrix: each county's categories (who owns them under the two-committee split, the
//! deadline, keywords, group, extra fields), each village's overrides of the owner, and the
//! designated handler of each owning body in a village.

use chrono::Utc;
use lianxin_core::appeals::{Owner, Sla, attributes::AttributeDef};
use lianxin_store::{ConnectionTrait, appeals as store, orgs as orgs_store, people as people_store};
use serde_json::json;
use uuid::Uuid;

use crate::journal::Stale;
use crate::{
    AppError, Ctx, Result,
    input::path,
    journal::record,
    policy::{Action, Target},
};

/// The categories every new county starts with (code, 中文, English, group, owner, deadline,
/// keywords). Counties edit them.
pub const DEFAULT_CATEGORIES: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
    ("road", "道路交通", "Roads and transport", "基础设施", "village_committee", "5d", "路 桥 路灯 坑 塌"),
    ("water", "饮水用水", "Drinking water", "基础设施", "village_committee", "3d", "水 自来水 停水 水井"),
    ("land", "土地宅基地", "Land and homesteads", "土地", "village_committee", "10d", "土地 宅基地 承包 确权"),
    ("social", "社会保障", "Social security", "民生", "village_committee", "5d", "低保 医保 养老保险 救助"),
    ("dispute", "矛盾纠纷", "Disputes", "平安", "party_branch", "5d", "纠纷 矛盾 邻里 调解"),
    ("elderly", "养老助老", "Elderly care", "民生", "party_branch", "3d", "老人 养老 独居 助老"),
    ("employment", "就业创业", "Employment", "发展", "party_branch", "10d", "就业 务工 培训 创业"),
    ("agriculture", "农业生产", "Agriculture", "发展", "collective_economy", "5d", "种植 养殖 农资 合作社"),
    ("environment", "人居环境", "Environment", "环境", "village_committee", "5d", "垃圾 污水 卫生 环境"),
    ("security", "治安安全", "Public security", "平安", "party_branch", "2d", "治安 安全 防火 防汛"),
    ("other", "其他", "Other", "其他", "party_branch", "5d", ""),
];

fn default_attributes(code: &str) -> Vec<AttributeDef> {
    use lianxin_core::appeals::attributes::AttributeValue;
    let v = |k: &str, n: &str, en: &str| AttributeValue { key: k.into(), name: n.into(), name_en: en.into() };
    match code {
        "road" => vec![AttributeDef {
            code: "hazard".into(),
            datatype: "singlevaluelist".into(),
            required: true,
            description: "是否影响通行安全".into(),
            description_en: "Is it a safety hazard".into(),
            order: 1,
            values: vec![v("yes", "是", "Yes"), v("no", "否", "No")],
        }],
        "water" => vec![AttributeDef {
            code: "households".into(),
            datatype: "number".into(),
            required: false,
            description: "影响户数".into(),
            description_en: "Households affected".into(),
            order: 1,
            values: vec![],
        }],
        _ => Vec::new(),
    }
}

/// Gives a county the default categories it lacks (for new counties, the demo and generated data).
pub async fn ensure_defaults<C: ConnectionTrait>(c: &C, county: Uuid, now: chrono::DateTime<Utc>) -> Result<usize> {
    let have: Vec<String> = store::categories(c, county, false).await?.into_iter().map(|k| k.code).collect();
    let mut n = 0;
    for (i, (code, zh, en, group, owner, sla, keywords)) in DEFAULT_CATEGORIES.iter().enumerate() {
        if have.iter().any(|h| h == code) {
            continue;
        }
        store::insert_category(
            c,
            store::Category {
                id: Uuid::now_v7(),
                county_area_id: county,
                code: (*code).into(),
                name_zh: (*zh).into(),
                name_en: (*en).into(),
                group_name: (*group).into(),
                keywords: (*keywords).into(),
                description: String::new(),
                owner: (*owner).into(),
                sla: (*sla).into(),
                attributes: serde_json::to_string(&default_attributes(code)).unwrap_or_else(|_| "[]".into()),
                active: true,
                sort: i32::try_from(i).unwrap_or(0),
                created_at: now,
                updated_at: now,
            },
        )
        .await?;
        n += 1;
    }
    Ok(n)
}

/// The categories offered in a village (its county's active ones), for anyone.
pub async fn categories_for_village(ctx: &Ctx, village: Uuid) -> Result<Vec<store::Category>> {
    let v = super::village(ctx.db().conn(), village).await?;
    Ok(store::categories(ctx.db().conn(), v.county.id, true).await?)
}

/// A county's categories (all, for editing); anyone may read the active ones through the
/// village and Open311.
pub async fn categories_of_county(ctx: &Ctx, county: Uuid) -> Result<Vec<store::Category>> {
    Ok(store::categories(ctx.db().conn(), county, false).await?)
}

/// Changes to a category.
#[derive(Clone, Debug, Default)]
pub struct CategoryPatch {
    pub name_zh: Option<String>,
    pub name_en: Option<String>,
    pub group_name: Option<String>,
    pub keywords: Option<String>,
    pub owner: Option<String>,
    pub sla: Option<String>,
    pub active: Option<bool>,
    /// The extra fields, as a JSON array of Open311 attributes.
    pub attributes: Option<String>,
}

pub async fn update_category(ctx: &Ctx, id: Uuid, p: CategoryPatch) -> Result<store::Category> {
    let c = ctx.db().conn();
    let mut k = store::category(c, id).await?.ok_or(AppError::NotFound)?;
    let county = orgs_store::area(c, k.county_area_id).await?.ok_or(AppError::NotFound)?;
    let county_path = path(&county.path)?;
    ctx.authorize(Action::SetupAppeals, Target::Area(&county_path), "appeal_category", Some(&id.to_string())).await?;
    if let Some(v) = p.name_zh {
        k.name_zh = crate::input::name("name_zh", &v, 50, true)?.unwrap_or_default();
    }
    if let Some(v) = p.name_en {
        k.name_en = crate::input::name("name_en", &v, 80, true)?.unwrap_or_default();
    }
    if let Some(v) = p.group_name {
        k.group_name = crate::input::name("group_name", &v, 50, false)?.unwrap_or_default();
    }
    if let Some(v) = p.keywords {
        k.keywords = crate::input::clean("keywords", &v, 500, false)?.unwrap_or_default();
    }
    if let Some(v) = p.owner {
        k.owner = Owner::parse(v.trim()).ok_or(AppError::invalid("owner", "error-appeal-owner"))?.as_str().into();
    }
    if let Some(v) = p.sla {
        k.sla = Sla::parse(&v).ok_or(AppError::invalid("sla", "error-appeal-sla"))?.code();
    }
    if let Some(v) = p.active {
        k.active = v;
    }
    if let Some(v) = p.attributes {
        let defs: Vec<AttributeDef> =
            serde_json::from_str(&v).map_err(|_| AppError::invalid("attributes", "error-appeal-attributes-json"))?;
        let mut codes: Vec<&str> = defs.iter().map(|d| d.code.trim()).collect();
        codes.sort_unstable();
        codes.dedup();
        let bad = |d: &AttributeDef| {
            !lianxin_core::appeals::attributes::DATATYPES.contains(&d.datatype.as_str())
                || d.code.trim().is_empty()
                || (d.datatype.ends_with("valuelist") && d.values.is_empty())
        };
        if codes.len() != defs.len() || defs.iter().any(bad) {
            return Err(AppError::invalid("attributes", "error-appeal-attributes-json"));
        }
        k.attributes = serde_json::to_string(&defs).unwrap_or_else(|_| "[]".into());
    }
    k.updated_at = ctx.now();
    let tx = ctx.db().write().await?;
    let k = store::update_category(&tx, k).await?;
    record(
        &tx,
        ctx,
        Stale::Routing,
        "appeal.category",
        "appeal_category",
        Some(&id.to_string()),
        "ok",
        json!({ "code": k.code, "owner": k.owner, "sla": k.sla }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(k)
}

/// A new category for a county (its service code: lowercase letters, digits, `_` or `-`).
#[derive(Clone, Debug, Default)]
pub struct CategoryNew {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub owner: String,
    pub sla: String,
}

pub async fn create_category(ctx: &Ctx, county: Uuid, n: CategoryNew) -> Result<store::Category> {
    let c = ctx.db().conn();
    let area = orgs_store::area(c, county).await?.filter(|a| a.level == "county").ok_or(AppError::NotFound)?;
    let county_path = path(&area.path)?;
    ctx.authorize(Action::SetupAppeals, Target::Area(&county_path), "appeal_category", None).await?;
    let code = n.code.trim().to_ascii_lowercase();
    if code.is_empty() || code.len() > 20 || !code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-') {
        return Err(AppError::invalid("code", "error-appeal-category-code"));
    }
    let name_zh = crate::input::name("name_zh", &n.name_zh, 50, true)?.unwrap_or_default();
    let name_en = crate::input::name("name_en", &n.name_en, 80, true)?.unwrap_or_default();
    let owner = Owner::parse(n.owner.trim()).ok_or(AppError::invalid("owner", "error-appeal-owner"))?;
    let sla = Sla::parse(&n.sla).ok_or(AppError::invalid("sla", "error-appeal-sla"))?;
    let now = ctx.now();
    let sort = i32::try_from(store::categories(c, county, false).await?.len()).unwrap_or(i32::MAX);
    let k = store::Category {
        id: Uuid::now_v7(),
        county_area_id: county,
        code,
        name_zh,
        name_en,
        group_name: String::new(),
        keywords: String::new(),
        description: String::new(),
        owner: owner.as_str().into(),
        sla: sla.code(),
        attributes: "[]".into(),
        active: true,
        sort,
        created_at: now,
        updated_at: now,
    };
    let tx = ctx.db().write().await?;
    let k = store::insert_category(&tx, k).await.map_err(AppError::on_unique(
        "uq_appeal_categories_county_area_id_code",
        "code",
        "error-appeal-category-taken",
    ))?;
    record(&tx, ctx, Stale::Routing, "appeal.category_create", "appeal_category", Some(&k.id.to_string()), "ok", json!({ "code": k.code }))
        .await?;
    ctx.commit(tx).await?;
    Ok(k)
}

/// A village's duty set-up: the county's categories with the owner that applies here, and the
/// designated handler of each body.
#[derive(Clone, Debug, serde::Serialize)]
pub struct VillageDuties {
    pub village: orgs_store::Area,
    pub categories: Vec<(store::Category, Option<String>)>,
    pub handlers: Vec<(String, Uuid, String)>,
}

pub async fn village_duties(ctx: &Ctx, village: Uuid) -> Result<VillageDuties> {
    let c = ctx.db().conn();
    let v = super::village(c, village).await?;
    ctx.authorize(Action::ReadAppeals, Target::Area(&v.path), "village", Some(&village.to_string())).await?;
    let overrides = store::overrides_of(c, village).await?;
    let categories = store::categories(c, v.county.id, false)
        .await?
        .into_iter()
        .map(|k| {
            let o = overrides.iter().find(|o| o.category_id == k.id).map(|o| o.owner.clone());
            (k, o)
        })
        .collect();
    let hs = store::handlers_of(c, village).await?;
    let ids: Vec<Uuid> = hs.iter().map(|h| h.person_id).collect();
    let names = people_store::persons_by_ids(c, &ids).await?;
    let handlers = hs
        .into_iter()
        .map(|h| {
            let n = names.iter().find(|p| p.id == h.person_id).map(|p| p.name.clone()).unwrap_or_default();
            (h.owner, h.person_id, n)
        })
        .collect();
    Ok(VillageDuties { village: v.area, categories, handlers })
}

/// Overrides the owner of a category in one village (`None` returns to the county's matrix).
pub async fn set_override(ctx: &Ctx, village: Uuid, category: Uuid, owner: Option<&str>) -> Result<()> {
    let c = ctx.db().conn();
    let v = super::village(c, village).await?;
    ctx.authorize(Action::SetupAppeals, Target::Area(&v.path), "village", Some(&village.to_string())).await?;
    let k = store::category(c, category)
        .await?
        .filter(|k| k.county_area_id == v.county.id)
        .ok_or(AppError::invalid("category", "error-appeal-unknown-category"))?;
    let owner = match owner.map(str::trim).filter(|o| !o.is_empty()) {
        Some(o) => Some(Owner::parse(o).ok_or(AppError::invalid("owner", "error-appeal-owner"))?),
        None => None,
    };
    let tx = ctx.db().write().await?;
    store::set_override(&tx, village, k.id, owner.map(Owner::as_str)).await?;
    record(
        &tx,
        ctx,
        Stale::Routing,
        "appeal.override",
        "village",
        Some(&village.to_string()),
        "ok",
        json!({ "category": k.code, "owner": owner.map(Owner::as_str) }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(())
}

/// Designates who handles a body's appeals in a village when no linked member does (`None`
/// removes the designation). The person must live in the village or hold a post in its org.
pub async fn set_handler(ctx: &Ctx, village: Uuid, owner: &str, person: Option<Uuid>) -> Result<()> {
    let c = ctx.db().conn();
    let v = super::village(c, village).await?;
    ctx.authorize(Action::SetupAppeals, Target::Area(&v.path), "village", Some(&village.to_string())).await?;
    let owner = Owner::parse(owner.trim()).ok_or(AppError::invalid("owner", "error-appeal-owner"))?;
    if let Some(p) = person {
        let pr = people_store::person(c, p).await?.ok_or(AppError::invalid("person", "error-appeal-handler"))?;
        let lives = path(&pr.area_path)?.is_within(&v.path);
        let member = people_store::member_by_person(c, p).await?;
        let belongs = member.map(|m| path(&m.org_path)).transpose()?.is_some_and(|mp| mp.is_within(&v.org_path));
        if !lives && !belongs {
            return Err(AppError::invalid("person", "error-appeal-handler"));
        }
    }
    let tx = ctx.db().write().await?;
    store::set_handler(&tx, village, owner.as_str(), person).await?;
    record(
        &tx,
        ctx,
        Stale::Routing,
        "appeal.handler",
        "village",
        Some(&village.to_string()),
        "ok",
        json!({ "owner": owner.as_str(), "person": person }),
    )
    .await?;
    ctx.commit(tx).await?;
    Ok(())
}
