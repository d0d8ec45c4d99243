//! Generated appeal history for the demo and for benchmarks: months of past needs in every village
//! of a county, written in bulk in time order, the same for the same seed. Nothing in it is
//! personal: no phones, no real names (a few masked made-up ones), no private links.
//!
//! The history is what the sweeper would have left at `now`: appeals past a deadline were escalated
//! when it passed, resolved ones nobody rated were closed after `auto_close_days`, deadlines within
//! the reminder window were reminded. So a sweep at `now` finds nothing to do, except the `overdue`
//! extras, which stand for a sweeper that did not run for a while (an outage).
//!
//! Each appeal gets a short timeline (submitted, escalated, resolved, rated, closed…, about four
//! events) unless `events` is off: the benchmarks read no timeline and skip it, which makes a
//! large history about a quarter faster. Ids (UUIDv7 at the filing instant) and tracking codes
//! (a keyed permutation of the appeal's index) come from the seed too, so a second history of the
//! same seed in the same county is refused before anything is written.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, TimeDelta, Utc};
use lianxin_core::{
    appeals::{Level, TRACKING_ALPHABET, attributes::AttributeDef},
    orgs::AreaLevel,
};
use lianxin_store::{appeals as store, orgs as orgs_store};
use rand::{
    Rng, RngCore, SeedableRng,
    distributions::{Distribution, WeightedIndex},
    rngs::StdRng,
};
use serde_json::json;
use uuid::Uuid;

use super::{Appeal, Event, due_at};
use crate::journal::Stale;
use crate::{App, AppError, Ctx, Result, journal::record, people::path};

/// What to generate.
#[derive(Clone, Debug)]
pub struct HistorySpec {
    pub seed: u64,
    /// Appeals over the whole county, shared among its villages.
    pub appeals: usize,
    /// How far back the history reaches.
    pub months: u32,
    /// The instant the history ends (the appeals' "today").
    pub now: DateTime<Utc>,
    /// Extra open appeals at the village level whose deadline passed before `now` without an
    /// escalation, as after a sweeper outage (for the sweep benchmark).
    pub overdue: usize,
    /// Write each appeal's timeline too.
    pub events: bool,
}

impl HistorySpec {
    pub fn new(seed: u64, appeals: usize, now: DateTime<Utc>) -> Self {
        Self { seed, appeals, months: 12, now, overdue: 0, events: true }
    }
}

/// What [`generate`] wrote.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct HistoryReport {
    pub villages: usize,
    pub appeals: usize,
    pub events: usize,
    pub by_status: BTreeMap<String, usize>,
    pub by_level: BTreeMap<String, usize>,
    /// Active appeals past their deadline at `now` (history at the county level, and the extras).
    pub overdue: usize,
}

impl HistoryReport {
    fn count(&mut self, a: &Appeal, now: DateTime<Utc>) {
        self.appeals += 1;
        *self.by_status.entry(a.status.clone()).or_default() += 1;
        *self.by_level.entry(a.level.clone()).or_default() += 1;
        if store::ACTIVE.contains(&a.status.as_str()) && a.due_at < now {
            self.overdue += 1;
        }
    }
}

// ---- what villagers ask for ----

/// Relative frequency of the default categories, and how it moves with the (local) month.
fn category_weight(code: &str, month: u32) -> f64 {
    let base = match code {
        "road" => 14.0,
        "water" => 10.0,
        "land" => 9.0,
        "social" => 12.0,
        "dispute" => 8.0,
        "elderly" => 9.0,
        "employment" => 6.0,
        "agriculture" => 9.0,
        "environment" => 10.0,
        "security" => 4.0,
        "other" => 9.0,
        _ => 3.0,
    };
    let season = match (code, month) {
        ("water", 6..=8) => 1.6,
        ("agriculture", 3..=5 | 9..=10) => 1.5,
        ("elderly", 12 | 1 | 2) => 1.4,
        ("security", 6..=8 | 12 | 1) => 1.5,
        ("employment", 2 | 3) => 1.7,
        ("environment", 7 | 8) => 1.3,
        ("road", 6..=8) => 1.2,
        _ => 1.0,
    };
    base * season
}

/// Problems per category; `{p}` a place, `{d}` how long, `{i}` the impact, `{x}` a word of the
/// category's own.
#[rustfmt::skip]
fn templates(code: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match code {
        "road" => (&[
            "{p}的路面坑洼严重，下雨后积水，{i}", "{p}的路灯坏了{d}，晚上出行不方便", "{p}的便桥栏杆松动，{i}",
            "通往{p}的机耕道塌方了一段，{i}", "{p}路边杂草和树枝挡住视线，会车很危险", "{p}的水泥路开裂下沉，{i}",
            "{p}的减速带被压坏了，车开得很快",
        ], &[]),
        "water" => (&[
            "{p}停水{d}了，{i}", "{p}自来水水压太小，{x}接不上水", "{p}的水管爆裂，水一直在流",
            "{p}的水井水发浑，有异味，不敢喝", "{p}的蓄水池需要清理，{i}", "{p}的水表漏水，{d}了",
        ], &["二楼", "高处的几户", "早上", "用水高峰时"]),
        "land" => (&[
            "{p}的承包地边界和邻居有争议，希望村里帮忙核实", "想咨询宅基地申请的手续和需要准备的材料",
            "{p}的土地确权信息有误，面积少登记了", "{p}有人在耕地上堆放建筑材料，{i}",
            "土地流转的租金今年还没有发放，想问问进度", "{p}的{x}被征用，补偿标准想了解一下",
        ], &["责任田", "自留地", "林地", "荒坡"]),
        "social" => (&[
            "家里老人想办理高龄补贴，不清楚要带什么材料", "想咨询今年城乡居民医保的缴费时间和标准",
            "家庭遭遇变故，想了解低保申请的条件", "养老保险的认证一直没通过，请帮忙看看", "残疾人证到期了，想问问在哪里换证",
            "大病医疗报销的材料交了{d}，还没有结果", "{x}的补贴这个月没有到账",
        ], &["高龄", "低保", "残疾人两项", "耕地地力"]),
        "dispute" => (&[
            "和邻居因为{x}发生矛盾，希望村里出面调解", "{p}两家因为排水沟的走向争吵{d}了",
            "邻居的{x}占用了公共通道，多次沟通没有结果", "家里兄弟之间因为老人赡养问题有纠纷，请村里协调",
            "{p}有人因为{x}吵架，差点动手",
        ], &["宅基地界线", "树木遮挡采光", "鸡鸭散养", "排水", "建房", "柴垛"]),
        "elderly" => (&[
            "{p}有一位独居老人{d}没见出门了，请去看看", "家里老人行动不便，想申请上门助老服务",
            "希望村里的老年活动室能延长开放时间", "{p}的老年助餐点{d}没开了，老人吃饭不方便", "想给家里老人申请{x}，请问怎么办理",
        ], &["居家养老服务", "助浴服务", "紧急呼叫器", "轮椅"]),
        "employment" => (&[
            "想参加村里组织的{x}培训，请问怎么报名", "在外务工被拖欠工资{d}，想请村里帮忙咨询",
            "返乡想做{x}，想了解有没有扶持政策", "有没有附近企业的招工信息，家里有人想找份工作", "公益性岗位还招人吗，想报名",
        ], &["电商", "家政", "焊工", "种植技术", "养殖技术", "民宿", "农家乐"]),
        "agriculture" => (&[
            "{p}的{x}出现了病虫害，想请农技员来看看", "今年的农资补贴什么时候发放", "{p}的灌溉渠堵塞了，{i}",
            "合作社的{x}收购价格想了解一下", "养殖场需要办理防疫手续，想咨询流程", "{p}的{x}受了灾，想问问能不能报保险",
        ], &["水稻", "玉米", "茶叶", "柑橘", "蔬菜", "油菜"]),
        "environment" => (&[
            "{p}的垃圾桶满了{d}没人清运，气味很大", "{p}有人乱倒建筑垃圾", "{p}的污水直排到河沟里，{i}",
            "{p}的公共厕所需要维修和打扫", "{p}有人焚烧秸秆，烟很大", "{p}的河道里漂着很多{x}",
        ], &["塑料袋", "垃圾", "水草", "死鱼"]),
        "security" => (&[
            "{p}的河堤有渗水，汛期前需要检查", "{p}最近晚上有陌生车辆出入，希望加强巡逻", "{p}的电线老化垂得很低，有安全隐患",
            "{p}的消防通道被杂物挡住了", "{p}的山坡有落石，{i}",
        ], &[]),
        _ => (&[
            "建议在{p}安装一个公告栏", "希望村里能组织一次{x}", "{p}的健身器材坏了，请安排维修",
            "想了解村务公开的内容在哪里查看", "{p}的广播声音太小，通知听不清",
        ], &["义诊", "法律讲座", "文艺演出", "防诈骗宣传", "消防演练"]),
    }
}

#[rustfmt::skip]
const PLACES: &[&str] = &[
    "村东头", "村西口", "一组", "二组", "三组", "四组", "五组", "小学门口", "村委会旁边", "老祠堂附近", "河边",
    "后山脚下", "大桥旁", "卫生室附近", "文化广场", "菜市场边", "水库下游", "村道拐弯处", "老街", "新村安置点", "幼儿园对面", "茶园边上",
];
const DURATIONS: &[&str] = &["两天", "三天", "好几天", "一个多星期", "快半个月", "一个月"];
#[rustfmt::skip]
const IMPACTS: &[&str] = &[
    "老人孩子出行不安全", "影响正常生活", "下雨天根本走不了", "农用车过不去", "影响了十几户人家", "大家意见很大", "存在安全隐患",
];
const ASKS: &[&str] =
    &["，希望尽快处理。", "，麻烦村里帮忙看看。", "，请安排人来处理，谢谢！", "。", "，希望能给个答复。", "，盼早日解决。"];
const REPLIES: &[&str] = &["已安排人员处理完毕", "已现场核实并解决", "已协调相关部门处理", "已电话回复群众并办结", "已组织维修，恢复正常"];
#[rustfmt::skip]
const REJECT_REASONS: &[&str] = &[
    "不属于村级受理范围，已告知办理渠道", "该事项已在其他渠道办结", "经现场核实，情况与反映不符", "涉及司法程序，已引导通过法律途径解决",
];
const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"];

/// Channels with their weights; the on-behalf ones are typed in by staff.
const CHANNELS: &[(&str, u32)] = &[("web", 45), ("phone_call", 20), ("walk_in", 15), ("visit", 15), ("api", 3), ("open311", 2)];

fn pick<'a>(rng: &mut StdRng, from: &[&'a str]) -> &'a str {
    from[rng.gen_range(0..from.len())]
}

fn description(rng: &mut StdRng, code: &str) -> String {
    let (problems, words) = templates(code);
    let mut s = pick(rng, problems).to_owned();
    for (slot, options) in [("{p}", PLACES), ("{d}", DURATIONS), ("{i}", IMPACTS), ("{x}", words)] {
        if s.contains(slot) && !options.is_empty() {
            s = s.replace(slot, pick(rng, options));
        }
    }
    s.push_str(pick(rng, ASKS));
    s
}

/// Values for a category's extra fields: a choice for lists, a small number for numbers.
fn attribute_values(rng: &mut StdRng, defs: &[AttributeDef]) -> String {
    let mut out = BTreeMap::new();
    for d in defs {
        if !d.required && rng.gen_bool(0.5) {
            continue;
        }
        let v = match d.datatype.as_str() {
            "singlevaluelist" | "multivaluelist" if !d.values.is_empty() => d.values[rng.gen_range(0..d.values.len())].key.clone(),
            "number" => rng.gen_range(1..=30).to_string(),
            _ if d.required => "—".to_owned(),
            _ => continue,
        };
        out.insert(d.code.clone(), v);
    }
    serde_json::to_string(&out).unwrap_or_else(|_| "{}".into())
}

// ---- when ----

/// Filing by local weekday (Monday first) and month: fewer on weekends and around the Spring
/// Festival and National Day, more in the wet summer.
const WEEKDAY: [f64; 7] = [1.25, 1.1, 1.05, 1.0, 1.0, 0.6, 0.5];
const MONTH: [f64; 12] = [0.8, 0.7, 1.0, 1.05, 1.05, 1.15, 1.2, 1.15, 1.0, 0.9, 0.95, 0.9];
/// Filing by local hour: office hours, a lunch dip, a little in the evening.
const HOURS: [u32; 24] = [1, 1, 1, 1, 1, 2, 4, 10, 30, 45, 45, 35, 15, 20, 35, 40, 35, 25, 15, 15, 12, 8, 4, 2];

/// How long a need takes until the village acts on it for good (hours), by bucket: most within a
/// few days, a tail of weeks.
fn work_hours(rng: &mut StdRng, code: &str) -> f64 {
    let h = match rng.gen_range(0..100) {
        0..20 => rng.gen_range(2.0..24.0),
        20..55 => rng.gen_range(24.0..72.0),
        55..85 => rng.gen_range(72.0..168.0),
        85..97 => rng.gen_range(168.0..504.0),
        _ => rng.gen_range(504.0..1000.0),
    };
    let speed = match code {
        "land" => 1.8,
        "dispute" => 1.3,
        "social" => 1.2,
        "water" | "security" => 0.6,
        _ => 1.0,
    };
    h * speed
}

fn hours(h: f64) -> Duration {
    Duration::seconds((h * 3600.0) as i64)
}

// ---- identities ----

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn stream(seed: u64, parts: &[u64]) -> StdRng {
    StdRng::seed_from_u64(parts.iter().fold(splitmix64(seed ^ 0x4150_5045_414C_5321), |h, p| splitmix64(h ^ p)))
}

/// The tracking code of the `index`-th generated appeal: a keyed permutation (a four-round
/// Feistel network over 50 bits) of the index, spelled in the tracking alphabet's 5-bit symbols.
/// Different indices give different codes, so one history never collides with itself.
pub fn tracking_code_of(key: u64, index: u64) -> String {
    const HALF: u32 = 25;
    const MASK: u64 = (1 << HALF) - 1;
    let x = index & ((1 << (2 * HALF)) - 1);
    let (mut l, mut r) = (x >> HALF, x & MASK);
    for round in 0..4u64 {
        let f = splitmix64(key ^ (round << 56) ^ r) & MASK;
        (l, r) = (r, l ^ f);
    }
    let v = (l << HALF) | r;
    (0..10).map(|i| char::from(TRACKING_ALPHABET[((v >> (45 - 5 * i)) & 31) as usize])).collect()
}

/// A UUIDv7 at `t` whose other bits come from the seeded stream, so ids sort by time like the
/// live ones and the same seed gives the same ids.
fn id_at(t: DateTime<Utc>, rng: &mut StdRng) -> Uuid {
    let mut bits = [0u8; 10];
    rng.fill_bytes(&mut bits);
    uuid::Builder::from_unix_timestamp_millis(u64::try_from(t.timestamp_millis()).unwrap_or(0), &bits).into_uuid()
}

// ---- where ----

/// An organization a village's appeals may be with: its id and path.
#[derive(Clone, Debug)]
struct OrgAt {
    id: Uuid,
    path: String,
}

/// A village with the organizations of its three levels and its duty set-up.
struct Place {
    area_id: Uuid,
    path: String,
    name: String,
    /// Village, township and county organizations (fewer when the tree is shallower).
    orgs: Vec<OrgAt>,
    handlers: HashMap<String, Uuid>,
    overrides: HashMap<Uuid, String>,
}

struct Cat {
    id: Uuid,
    code: String,
    owner: String,
    sla: String,
    defs: Vec<AttributeDef>,
}

/// The villages of a county that have an organization, in code order.
async fn places(app: &App, county: &orgs_store::Area) -> Result<Vec<Place>> {
    let c = app.db.conn();
    let mut areas: Vec<_> = orgs_store::area_subtree(c, &path(&county.path)?, 1_000_000)
        .await?
        .into_iter()
        .filter(|a| AreaLevel::parse(&a.level) == Some(AreaLevel::Village))
        .collect();
    areas.sort_by(|a, b| a.code.cmp(&b.code).then(a.id.cmp(&b.id)));
    let mut parents: HashMap<Uuid, Option<orgs_store::Org>> = HashMap::new();
    let mut out = Vec::with_capacity(areas.len());
    for area in areas {
        let Ok(v) = super::village(c, area.id).await else { continue };
        let mut orgs = vec![OrgAt { id: v.org.id, path: v.org.path.clone() }];
        let mut parent = v.org.parent_id;
        while orgs.len() < 3
            && let Some(p) = parent
        {
            if let std::collections::hash_map::Entry::Vacant(e) = parents.entry(p) {
                e.insert(orgs_store::org(c, p).await?);
            }
            let Some(Some(o)) = parents.get(&p) else { break };
            orgs.push(OrgAt { id: o.id, path: o.path.clone() });
            parent = o.parent_id;
        }
        let handlers = store::handlers_of(c, area.id).await?.into_iter().map(|h| (h.owner, h.person_id)).collect();
        let overrides = store::overrides_of(c, area.id).await?.into_iter().map(|o| (o.category_id, o.owner)).collect();
        out.push(Place { area_id: area.id, path: area.path, name: area.name, orgs, handlers, overrides });
    }
    Ok(out)
}

// ---- the generator ----

struct Gen<'a> {
    app: &'a App,
    spec: &'a HistorySpec,
    cats: Vec<Cat>,
    /// Category choice by local month (index 0 = January).
    by_month: Vec<WeightedIndex<f64>>,
    channels: WeightedIndex<u32>,
    hours: WeightedIndex<u32>,
    offset: TimeDelta,
    actor: String,
}

/// An appeal and its timeline, before ids and codes (given in time order).
struct Draft {
    a: Appeal,
    events: Vec<(DateTime<Utc>, &'static str, String, serde_json::Value)>,
}

impl Gen<'_> {
    fn local(&self, t: DateTime<Utc>) -> chrono::NaiveDateTime {
        t.naive_utc() + self.offset
    }

    /// The deadline chain of a stage that starts at `start` on `level`: each level's deadline
    /// counted from when the one below passed (the sweeper escalates at once). Stops where the
    /// tree has no organization above.
    fn chain(&self, p: &Place, cat: &Cat, level: usize, start: DateTime<Utc>) -> Vec<(usize, DateTime<Utc>, DateTime<Utc>)> {
        let s = &self.app.settings;
        let mut out = Vec::with_capacity(3);
        let mut from = start;
        for (l, at) in LEVELS.iter().enumerate().take(p.orgs.len().min(3)).skip(level) {
            let due = due_at(s, *at, &cat.sla, from);
            out.push((l, from, due));
            from = due;
        }
        out
    }

    fn one(&self, rng: &mut StdRng, p: &Place, created: DateTime<Utc>) -> Draft {
        let s = &self.app.settings.appeals;
        let now = self.spec.now;
        let month = self.local(created).month0() as usize;
        let cat = &self.cats[self.by_month[month].sample(rng)];
        let channel = CHANNELS[self.channels.sample(rng)].0;
        let on_behalf = matches!(channel, "phone_call" | "walk_in" | "visit");
        let owner = p.overrides.get(&cat.id).cloned().unwrap_or_else(|| cat.owner.clone());
        let designated = p.handlers.get(&owner).copied();
        let named = rng.gen_bool(if on_behalf { 0.7 } else { 0.3 });
        let public = rng.gen_bool(if s.public_by_default { 0.9 } else { 0.2 });
        let description = description(rng, &cat.code);
        let mut d = Draft {
            a: Appeal {
                id: Uuid::nil(),
                code: String::new(),
                // Nobody holds a private link to generated appeals: no key hashes to this.
                key_hash: String::new(),
                village_area_id: p.area_id,
                village_path: p.path.clone(),
                category_id: cat.id,
                service_code: cat.code.clone(),
                owner,
                level: Level::Village.as_str().into(),
                org_id: p.orgs[0].id,
                org_path: p.orgs[0].path.clone(),
                handler_person_id: designated,
                household_id: None,
                status: "submitted".into(),
                public,
                address: rng.gen_bool(0.4).then(|| format!("{}{}", p.name, pick(rng, PLACES))),
                description,
                lat: None,
                lon: None,
                attributes: attribute_values(rng, &cat.defs),
                channel: channel.into(),
                name_enc: None,
                name_mask: named.then(|| format!("{}{}", pick(rng, SURNAMES), if rng.gen_bool(0.6) { "**" } else { "*" })),
                phone_enc: None,
                phone_hash: None,
                phone_mask: None,
                account_id: None,
                filed_by: on_behalf.then(|| self.actor.clone()),
                supporters: if public && rng.gen_bool(0.08) { rng.gen_range(1..=6) } else { 0 },
                reopen_count: 0,
                rating: None,
                rating_comment: None,
                rated_at: None,
                due_at: created,
                reminded: false,
                beyond_capacity: false,
                escalations: 0,
                reject_reason: None,
                resolved_at: None,
                closed_at: None,
                created_at: created,
                updated_at: created,
                version: 0,
            },
            events: Vec::with_capacity(4),
        };
        let routed = if designated.is_some() { "designated" } else { "unassigned" };
        d.events.push((created, "submitted", String::new(), json!({ "channel": channel, "routed": routed })));

        let outcome = rng.gen_range(0..100);
        let took = match outcome {
            0..3 => hours(rng.gen_range(2.0..96.0)),
            3..6 => hours(rng.gen_range(1.0..240.0)),
            _ => hours(work_hours(rng, &cat.code)),
        };
        let chain = self.chain(p, cat, 0, created);
        let end = created + took;
        if end > now {
            let status = match rng.gen_range(0..10) {
                0..3 if now - created < Duration::days(2) => "submitted",
                0..4 => "accepted",
                _ => "in_progress",
            };
            self.open_at(&mut d, p, &chain, status, now);
            return d;
        }
        self.move_through(&mut d, p, &chain, end);
        match outcome {
            0..3 => {
                let reason = pick(rng, REJECT_REASONS).to_owned();
                self.finish(&mut d, end, "rejected", "rejected", reason.clone(), json!({}));
                d.a.reject_reason = Some(reason);
                d.a.closed_at = Some(end);
            }
            3..6 => {
                self.finish(&mut d, end, "withdrawn", "withdrawn", String::new(), json!({}));
                d.a.closed_at = Some(end);
            }
            _ => self.resolved(rng, &mut d, p, cat, end),
        }
        d
    }

    /// Records the escalations of `chain` that happened before `t` and leaves the appeal on the
    /// level it had at `t`.
    fn move_through(&self, d: &mut Draft, p: &Place, chain: &[(usize, DateTime<Utc>, DateTime<Utc>)], t: DateTime<Utc>) {
        let Some(first) = chain.first() else { return };
        let mut at = *first;
        for next in &chain[1..] {
            if t < at.2 {
                break;
            }
            let (from, to) = (LEVELS[at.0].as_str(), LEVELS[next.0].as_str());
            d.events.push((next.1, "escalated", String::new(), json!({ "from": from, "to": to, "why": "overdue" })));
            d.a.escalations += 1;
            d.a.version += 1;
            d.a.handler_person_id = None;
            at = *next;
        }
        d.a.level = LEVELS[at.0].as_str().into();
        d.a.org_id = p.orgs[at.0].id;
        d.a.org_path = p.orgs[at.0].path.clone();
        d.a.due_at = at.2;
        d.a.updated_at = d.events.last().map_or(d.a.created_at, |e| e.0);
    }

    /// Leaves the appeal open at `now` with `status`, on the level the sweeper would have put it.
    fn open_at(&self, d: &mut Draft, p: &Place, chain: &[(usize, DateTime<Utc>, DateTime<Utc>)], status: &str, now: DateTime<Utc>) {
        self.move_through(d, p, chain, now);
        d.a.status = status.into();
        if status != "submitted" {
            d.a.version += if status == "accepted" { 1 } else { 2 };
        }
        // The sweeper would already have reminded a deadline within its window.
        d.a.reminded = d.a.due_at - Duration::hours(self.app.settings.appeals.remind_before_hours) <= now;
    }

    fn finish(&self, d: &mut Draft, at: DateTime<Utc>, status: &str, kind: &'static str, body: String, data: serde_json::Value) {
        d.a.status = status.into();
        d.a.updated_at = at;
        d.a.version += 1;
        d.events.push((at, kind, body, data));
    }

    /// Resolved at `end`, then rated (or not) and closed as the villager and the sweeper would.
    fn resolved(&self, rng: &mut StdRng, d: &mut Draft, p: &Place, cat: &Cat, end: DateTime<Utc>) {
        let s = &self.app.settings.appeals;
        let now = self.spec.now;
        let auto_close = Duration::days(s.auto_close_days);
        d.a.version += 1;
        self.finish(d, end, "resolved", "resolved", pick(rng, REPLIES).into(), json!({}));
        d.a.resolved_at = Some(end);
        d.a.reminded = end >= d.a.due_at - Duration::hours(s.remind_before_hours);
        let rated = rng.gen_bool(0.82);
        let delay = hours(rng.gen_range(0.5..(s.auto_close_days.max(1) * 24) as f64 * 0.9));
        let rating = match rng.gen_range(0..100) {
            0..70 => "satisfied",
            70..90 => "basically",
            _ => "unsatisfied",
        };
        if !rated || end + delay > now {
            if end + auto_close <= now {
                self.finish(d, end + auto_close, "closed", "closed", String::new(), json!({ "why": "not_rated" }));
                d.a.closed_at = Some(end + auto_close);
            }
            return;
        }
        let rated_at = end + delay;
        let comment = match rating {
            "satisfied" => pick(rng, &["处理及时，谢谢", "很满意", "", "感谢村里"]),
            "basically" => pick(rng, &["基本解决了", "速度可以再快一点", ""]),
            _ => pick(rng, &["问题没有彻底解决", "等了太久", "希望再来看看"]),
        };
        d.a.rating = Some(rating.into());
        d.a.rating_comment = (!comment.is_empty()).then(|| comment.to_owned());
        d.a.rated_at = Some(rated_at);
        d.events.push((rated_at, "rated", comment.to_owned(), json!({ "rating": rating })));
        if rating != "unsatisfied" {
            self.finish(d, rated_at, "closed", "closed", String::new(), json!({}));
            d.a.closed_at = Some(rated_at);
            return;
        }
        // Unsatisfied: reopened on the same level with a fresh deadline, worked on again.
        d.a.reopen_count = 1;
        d.a.resolved_at = None;
        self.finish(d, rated_at, "in_progress", "reopened", String::new(), json!({}));
        let level = LEVELS.iter().position(|l| l.as_str() == d.a.level).unwrap_or(0);
        let chain = self.chain(p, cat, level, rated_at);
        let again = rated_at + hours(rng.gen_range(4.0..120.0));
        if again > now {
            self.open_at(d, p, &chain, "in_progress", now);
            return;
        }
        self.move_through(d, p, &chain, again);
        self.finish(d, again, "resolved", "resolved", pick(rng, REPLIES).into(), json!({}));
        d.a.resolved_at = Some(again);
        if again + auto_close <= now {
            self.finish(d, again + auto_close, "closed", "closed", String::new(), json!({ "why": "not_rated" }));
            d.a.closed_at = Some(again + auto_close);
        }
    }

    /// An open appeal at the village level whose deadline passed without an escalation.
    fn overdue(&self, rng: &mut StdRng, p: &Place) -> Draft {
        let now = self.spec.now;
        let due = now - Duration::minutes(rng.gen_range(1..3 * 24 * 60));
        let created = due - Duration::minutes(rng.gen_range(5 * 24 * 60..12 * 24 * 60));
        let mut d = self.one(rng, p, created);
        d.events.truncate(1);
        let a = &mut d.a;
        a.status = pick(rng, &["submitted", "accepted", "in_progress"]).into();
        a.level = Level::Village.as_str().into();
        a.org_id = p.orgs[0].id;
        a.org_path = p.orgs[0].path.clone();
        a.handler_person_id = p.handlers.get(&a.owner).copied();
        a.due_at = due;
        a.reminded = true;
        a.escalations = 0;
        a.version = i32::from(a.status != "submitted");
        a.updated_at = created;
        for f in [&mut a.resolved_at, &mut a.closed_at, &mut a.rated_at] {
            *f = None;
        }
        a.rating = None;
        a.rating_comment = None;
        a.reject_reason = None;
        a.reopen_count = 0;
        d
    }
}

const LEVELS: [Level; 3] = [Level::Village, Level::Township, Level::County];

/// Local days of the history with their weight (season, weekday, a slow rise in use), the first
/// and last cut to the part inside `[start, now)`.
fn day_weights(start: DateTime<Utc>, now: DateTime<Utc>, offset: TimeDelta) -> Vec<(NaiveDate, f64)> {
    let first = (start.naive_utc() + offset).date();
    let last = (now.naive_utc() + offset).date();
    let total = (last - first).num_days().max(1) as f64;
    let hour_sum: u32 = HOURS.iter().sum();
    let mut out = Vec::new();
    let mut day = first;
    while day <= last {
        let t = (day - first).num_days() as f64 / total;
        let mut w = MONTH[day.month0() as usize] * WEEKDAY[day.weekday().num_days_from_monday() as usize] * (0.8 + 0.4 * t);
        if day == first || day == last {
            let inside: u32 = (0..24u32)
                .filter(|h| {
                    let at = day.and_hms_opt(*h, 30, 0).map(|l| (l - offset).and_utc());
                    at.is_some_and(|at| at >= start && at < now)
                })
                .map(|h| HOURS[h as usize])
                .sum();
            w *= f64::from(inside) / f64::from(hour_sum);
        }
        if w > 0.0 {
            out.push((day, w));
        }
        day = match day.succ_opt() {
            Some(d) => d,
            None => break,
        };
    }
    out
}

/// Shares `total` among `n` villages of different sizes (0.5–1.5 of the mean), exactly.
fn village_totals(seed: u64, n: usize, total: usize) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let sizes: Vec<f64> = (0..n).map(|v| stream(seed, &[1, v as u64]).gen_range(0.5..1.5)).collect();
    let sum: f64 = sizes.iter().sum();
    let exact: Vec<f64> = sizes.iter().map(|s| s / sum * total as f64).collect();
    let mut out: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| (exact[*b] - exact[*b].floor()).total_cmp(&(exact[*a] - exact[*a].floor())).then(a.cmp(b)));
    let short = total - out.iter().sum::<usize>();
    for v in order.into_iter().take(short) {
        out[v] += 1;
    }
    out
}

/// How many appeals a write transaction carries.
const BATCH: usize = 25_000;

/// Writes the history of every village of the county `county` (an area). `progress` hears
/// (appeals written, appeals planned) after each transaction.
pub async fn generate(app: &App, county: Uuid, spec: &HistorySpec, mut progress: impl FnMut(usize, usize)) -> Result<HistoryReport> {
    if !(1..=120).contains(&spec.months) {
        return Err(AppError::invalid("months", "error-out-of-range"));
    }
    if spec.appeals > 50_000_000 || spec.overdue > 10_000_000 {
        return Err(AppError::invalid("appeals", "error-out-of-range"));
    }
    let spec = &HistorySpec { now: lianxin_core::clock::to_micros(spec.now), ..spec.clone() };
    let ctx = Ctx::system(app.clone(), "gen");
    let c = app.db.conn();
    let county = orgs_store::area(c, county)
        .await?
        .filter(|a| AreaLevel::parse(&a.level) == Some(AreaLevel::County))
        .ok_or(AppError::invalid("county", "error-unknown-area"))?;
    let tx = app.db.write().await?;
    super::setup::ensure_defaults(&tx, county.id, app.now()).await?;
    super::commit_changes(app, tx, super::Touched::Everywhere).await?;
    let mut cats: Vec<Cat> = store::categories(c, county.id, true)
        .await?
        .into_iter()
        .map(|k| Cat { id: k.id, defs: serde_json::from_str(&k.attributes).unwrap_or_default(), code: k.code, owner: k.owner, sla: k.sla })
        .collect();
    cats.sort_by(|a, b| a.code.cmp(&b.code));
    let places = places(app, &county).await?;
    let mut report = HistoryReport { villages: places.len(), ..Default::default() };
    if places.is_empty() || cats.is_empty() || spec.appeals + spec.overdue == 0 {
        return Ok(report);
    }
    let by_month = (1..=12)
        .map(|m| WeightedIndex::new(cats.iter().map(|k| category_weight(&k.code, m))))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let weights = |w: Vec<u32>| WeightedIndex::new(w).map_err(|e| AppError::Internal(e.to_string()));
    let g = Gen {
        app,
        spec,
        cats,
        by_month,
        channels: weights(CHANNELS.iter().map(|c| c.1).collect())?,
        hours: weights(HOURS.to_vec())?,
        offset: TimeDelta::minutes(i64::from(app.settings.display_utc_offset_minutes)),
        actor: ctx.actor.name(),
    };
    let now = spec.now;
    let start = now.checked_sub_months(Months::new(spec.months)).unwrap_or(now);
    // Codes are keyed by the seed and the county, so two histories of one seed in two counties
    // (the demo's and a generated one) do not meet.
    let code_key =
        splitmix64(spec.seed ^ splitmix64(county.code.bytes().fold(0u64, |h, b| h.wrapping_mul(131).wrapping_add(u64::from(b)))));
    if store::by_code(c, &tracking_code_of(code_key, 0)).await?.is_some() {
        return Err(AppError::Conflict { field: "seed", key: "error-area-code-taken" });
    }

    // Which day each village's appeals fall on, then the days in order, a batch per transaction.
    let days = day_weights(start, now, g.offset);
    let totals = village_totals(spec.seed, places.len(), spec.appeals);
    let day_index = if days.is_empty() { None } else { Some(WeightedIndex::new(days.iter().map(|d| d.1))) };
    let day_index = day_index.transpose().map_err(|e| AppError::Internal(e.to_string()))?;
    let mut per_day: Vec<Vec<(usize, u32)>> = vec![Vec::new(); days.len()];
    if let Some(di) = &day_index {
        for (v, n) in totals.iter().enumerate() {
            let mut counts: BTreeMap<usize, u32> = BTreeMap::new();
            let mut rng = stream(spec.seed, &[2, v as u64]);
            for _ in 0..*n {
                *counts.entry(di.sample(&mut rng)).or_default() += 1;
            }
            for (day, k) in counts {
                per_day[day].push((v, k));
            }
        }
    }
    let planned = spec.appeals + spec.overdue;
    let mut index: u64 = 0;
    let mut pending: Vec<Draft> = Vec::new();
    let mut writer = Writer { app: app.clone(), in_flight: None, written: 0 };
    for (di, (day, _)) in days.iter().enumerate() {
        for (v, k) in &per_day[di] {
            let mut rng = stream(spec.seed, &[3, *v as u64, di as u64]);
            for _ in 0..*k {
                let created = g.instant_on(&mut rng, *day, start, now);
                pending.push(g.one(&mut rng, &places[*v], created));
            }
        }
        if pending.len() >= BATCH || di + 1 == days.len() {
            writer.send(&g, std::mem::take(&mut pending), code_key, &mut index, &mut report).await?;
            progress(writer.written, planned);
        }
    }
    // The extras, spread over the villages in turn.
    for chunk in (0..spec.overdue).collect::<Vec<_>>().chunks(BATCH) {
        let drafts = chunk
            .iter()
            .map(|i| {
                let v = i % places.len();
                g.overdue(&mut stream(spec.seed, &[4, *i as u64]), &places[v])
            })
            .collect();
        writer.send(&g, drafts, code_key, &mut index, &mut report).await?;
        progress(writer.written, planned);
    }
    writer.wait().await?;
    progress(writer.written, planned);

    let tx = app.db.write().await?;
    record(
        &tx,
        &ctx,
        Stale::Access,
        "appeals.history",
        "area",
        Some(&county.id.to_string()),
        "ok",
        json!({ "seed": spec.seed, "months": spec.months, "appeals": report.appeals, "events": report.events, "overdue": spec.overdue }),
    )
    .await?;
    super::commit_changes(app, tx, super::Touched::Everywhere).await?;
    Ok(report)
}

impl Gen<'_> {
    /// A filing instant on a local day, by the hour weights, inside `[start, now)`.
    fn instant_on(&self, rng: &mut StdRng, day: NaiveDate, start: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
        for _ in 0..50 {
            let h = self.hours.sample(rng) as u32;
            let Some(local) = day.and_hms_opt(h, rng.gen_range(0..60), rng.gen_range(0..60)) else { continue };
            let at = (local - self.offset).and_utc();
            if at >= start && at < now {
                return at;
            }
        }
        now - Duration::minutes(1)
    }
}

/// Writes batches in the background, one transaction each, so the next batch is made while the
/// database takes the last one.
struct Writer {
    app: App,
    in_flight: Option<(usize, tokio::task::JoinHandle<Result<()>>)>,
    /// Appeals committed so far.
    written: usize,
}

impl Writer {
    /// Gives drafts ids and codes in time order and hands them to a write transaction.
    async fn send(
        &mut self,
        g: &Gen<'_>,
        mut drafts: Vec<Draft>,
        code_key: u64,
        index: &mut u64,
        report: &mut HistoryReport,
    ) -> Result<()> {
        drafts.sort_by_key(|d| d.a.created_at);
        let mut appeals = Vec::with_capacity(drafts.len());
        let mut events = Vec::new();
        for d in drafts {
            let mut rng = stream(g.spec.seed, &[5, *index]);
            let mut a = d.a;
            a.id = id_at(a.created_at, &mut rng);
            a.code = tracking_code_of(code_key, *index);
            *index += 1;
            if g.spec.events {
                for (at, kind, body, data) in d.events {
                    events.push(Event {
                        id: id_at(at, &mut rng),
                        appeal_id: a.id,
                        at,
                        kind: kind.into(),
                        actor: g.actor.clone(),
                        public: true,
                        body,
                        data: data.to_string(),
                    });
                }
            }
            report.count(&a, g.spec.now);
            appeals.push(a);
        }
        report.events += events.len();
        self.wait().await?;
        let app = self.app.clone();
        let n = appeals.len();
        self.in_flight = Some((n, tokio::spawn(async move { insert(&app, appeals, events).await })));
        Ok(())
    }

    /// Waits for the batch in flight.
    async fn wait(&mut self) -> Result<()> {
        if let Some((n, task)) = self.in_flight.take() {
            task.await.map_err(|e| AppError::Internal(format!("history writer: {e}")))??;
            self.written += n;
        }
        Ok(())
    }
}

async fn insert(app: &App, appeals: Vec<Appeal>, events: Vec<Event>) -> Result<()> {
    let tx = app.db.write().await?;
    store::insert_many(&tx, appeals).await.map_err(|e| match lianxin_store::unique_violation(&e).as_deref() {
        Some("uq_appeals_code") => AppError::Conflict { field: "seed", key: "error-area-code-taken" },
        _ => e.into(),
    })?;
    store::insert_events(&tx, events).await?;
    super::commit_changes(app, tx, super::Touched::Everywhere).await?;
    Ok(())
}

#[cfg(test)]
mod tests;
