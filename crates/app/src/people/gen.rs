//! Generated people for the demo and for benchmarks: a county (areas, organization tree, households,
//! residents, members, posts, grids, member–household links) built deterministically from a seed and
//! written through the storage layer in bulk, a few large transactions, one audit entry per run.
//!
//! The same seed gives the same names, dates, statuses and structure (relative to today); only the
//! record ids (UUIDv7) and the ciphertexts (random nonces) differ between runs.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use lianxin_core::{
    orgs::{AreaLevel, OrgBasis, OrgKind},
    people::{BodyKind, Education, Gender, MemberStatus, Occupation, PostKind, age_on, make_id_number, term_end},
    tree::TreePath,
};
use lianxin_store::{
    DatabaseTransaction,
    orgs::{self as orgs_store, Area, Org},
    people as store,
};
use rand::{
    Rng, SeedableRng,
    distributions::{Distribution, WeightedIndex},
    rngs::StdRng,
    seq::SliceRandom,
};
use serde_json::json;
use uuid::Uuid;

use super::persons::{seal_id, seal_phone};
use crate::journal::Stale;
use crate::{App, AppError, Ctx, Result, crypto::DataKey, journal::record};

/// What to generate. For 300 villages the defaults give ≈130 000 households, ≈400 000 residents
/// (≈3.1 a household) and ≈20 000 members.
#[derive(Clone, Debug)]
pub struct GenSpec {
    pub villages: usize,
    pub seed: u64,
    pub households_per_village: usize,
    pub groups_per_village: usize,
    pub members_per_village: usize,
}

impl GenSpec {
    pub fn new(villages: usize, seed: u64) -> Self {
        Self { villages, seed, households_per_village: 430, groups_per_village: 5, members_per_village: 67 }
    }
}

/// How many rows of each kind were written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct GenCounts {
    pub households: usize,
    pub persons: usize,
    pub members: usize,
    pub positions: usize,
    pub grids: usize,
    pub bodies: usize,
    pub links: usize,
}

impl GenCounts {
    fn add(&mut self, o: GenCounts) {
        self.households += o.households;
        self.persons += o.persons;
        self.members += o.members;
        self.positions += o.positions;
        self.grids += o.grids;
        self.bodies += o.bodies;
        self.links += o.links;
    }
}

/// What [`generate`] made.
#[derive(Clone, Debug)]
pub struct GenReport {
    pub county_area_id: Uuid,
    pub county_org_id: Uuid,
    pub county_name: String,
    pub codes: CountyCodes,
    pub townships: usize,
    pub villages: usize,
    pub orgs: usize,
    pub counts: GenCounts,
}

/// Provinces a generated county may lie in (their real two-digit codes, so ID numbers check).
#[rustfmt::skip]
const PROVINCES: &[(&str, &str)] = &[
    ("13", "河北省"), ("14", "山西省"), ("21", "辽宁省"), ("22", "吉林省"), ("23", "黑龙江省"), ("32", "江苏省"), ("33", "浙江省"), ("34", "安徽省"),
    ("35", "福建省"), ("36", "江西省"), ("37", "山东省"), ("41", "河南省"), ("42", "湖北省"), ("43", "湖南省"), ("44", "广东省"), ("45", "广西壮族自治区"),
    ("51", "四川省"), ("52", "贵州省"), ("53", "云南省"), ("61", "陕西省"), ("62", "甘肃省"),
];

/// Statistical codes of a generated county. The city digits are 80–89, which no real prefecture
/// uses (the demo uses 99 for its province), so generated counties clash neither with real codes,
/// nor with the demo, nor — for different seeds, bar a 1-in-20 790 coincidence — with each other.
/// The county's six digits are a valid ID-number region (province codes 8x are not, except Hong
/// Kong and Macao), so residents' ID numbers start with them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountyCodes {
    pub province: String,
    pub province_name: &'static str,
    pub city: String,
    pub county: String,
    /// The six digits the residents' ID numbers start with.
    pub region: String,
}

pub fn county_codes(seed: u64) -> CountyCodes {
    let x = splitmix64(seed) % (PROVINCES.len() as u64 * 990);
    let (code, name) = PROVINCES[(x / 990) as usize];
    let rest = x % 990;
    let region = format!("{code}{:02}{:02}", 80 + rest / 99, 1 + rest % 99);
    CountyCodes {
        province: format!("{code}0000000000"),
        province_name: name,
        city: format!("{}00000000", &region[..4]),
        county: format!("{region}000000"),
        region,
    }
}

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

// ---- names ----

/// Common surnames with their approximate share of the population, per mille.
#[rustfmt::skip]
const SURNAMES: &[(&str, u32)] = &[
    ("王", 71), ("李", 70), ("张", 67), ("刘", 54), ("陈", 45), ("杨", 31), ("黄", 22), ("赵", 20), ("吴", 19), ("周", 19), ("徐", 15),
    ("孙", 14), ("马", 13), ("朱", 12), ("胡", 11), ("郭", 11), ("何", 10), ("高", 9), ("林", 9), ("罗", 9), ("郑", 8), ("梁", 8), ("谢", 7),
    ("宋", 6), ("唐", 6), ("许", 6), ("韩", 5), ("冯", 5), ("邓", 5), ("曹", 5), ("彭", 5), ("曾", 5), ("肖", 5), ("田", 4), ("董", 4),
    ("袁", 4), ("潘", 4), ("于", 4), ("蒋", 4), ("蔡", 4), ("余", 4), ("杜", 4), ("叶", 4), ("程", 4), ("苏", 3), ("魏", 3), ("吕", 3),
    ("丁", 3), ("任", 3), ("沈", 3), ("姚", 3), ("卢", 3), ("姜", 3), ("崔", 3), ("钟", 3), ("谭", 3), ("陆", 3), ("汪", 3), ("范", 3),
    ("金", 3), ("石", 3), ("廖", 3), ("贾", 3), ("夏", 3), ("韦", 2), ("付", 2), ("方", 2), ("白", 2), ("邹", 2), ("孟", 2), ("熊", 2),
    ("秦", 2), ("邱", 2), ("江", 2), ("尹", 2), ("薛", 2), ("段", 2), ("雷", 2), ("侯", 2), ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2),
    ("贺", 2), ("顾", 2), ("毛", 2), ("郝", 2), ("龚", 2), ("邵", 2), ("万", 2),
];

/// Given names in fashion for each generation (born before 1960, 1960–1984, 1985–2004, from
/// 2005), men first.
#[rustfmt::skip]
const GIVEN: [[&[&str]; 4]; 2] = [
    [
        &["建国", "国庆", "德明", "福生", "长林", "振华", "志刚", "保国", "金山", "树林", "正国", "永福", "有才", "富贵", "家兴", "学军", "卫东", "红军", "德胜", "玉林"],
        &["建华", "志强", "海涛", "国平", "立新", "建军", "小军", "晓东", "卫国", "勇", "军", "伟", "强", "刚", "志明", "春生", "海波", "俊峰", "新华", "文斌"],
        &["浩", "磊", "鹏", "杰", "涛", "超", "俊杰", "宇航", "家豪", "志鹏", "明轩", "文博", "嘉伟", "子豪", "晨阳", "天宇", "博文", "鑫", "帅", "亮"],
        &["子轩", "浩然", "梓睿", "宇轩", "俊熙", "一鸣", "睿泽", "子墨", "奕辰", "铭泽", "锦程", "沐阳", "皓轩", "思远", "承泽", "梓豪", "宇辰", "嘉懿", "煜城", "俊宇"],
    ],
    [
        &["秀英", "桂英", "玉兰", "秀兰", "凤英", "桂兰", "淑珍", "玉珍", "翠花", "金花", "素芳", "月娥", "秀珍", "玉梅", "春花", "桂香", "冬梅", "兰英", "菊香", "腊梅"],
        &["丽", "艳", "静", "敏", "红梅", "丽华", "秀梅", "春燕", "海燕", "晓红", "玉芳", "小红", "雪梅", "建英", "桂芳", "红英", "丽娟", "美玲", "爱华", "慧敏"],
        &["婷婷", "丹", "倩", "雪", "慧", "娜", "佳", "颖", "晶晶", "欣", "琳", "梦", "思思", "文静", "雅琴", "丹丹", "莉", "玲", "燕", "璐"],
        &["梓涵", "欣怡", "诗涵", "一诺", "子涵", "雨桐", "可馨", "梦瑶", "语汐", "若曦", "思彤", "芷若", "欣妍", "佳怡", "紫萱", "雨欣", "梓萱", "诗琪", "静怡", "安琪"],
    ],
];

/// Characters for composed given names, men first.
const GIVEN_CHARS: [&str; 2] = [
    "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳建国志文海春德成东福贵生荣祥顺发兴胜利永忠义仁新峰松柏山江金宝才力",
    "芳娜敏静丽艳娟霞秀英华玲萍红燕梅琳雪慧婷倩兰凤洁琴云莉颖佳欣桂珍翠莲香月春花玉琼娥丹",
];

const PLACE_FIRST: &str = "青石龙凤桃柳松梅竹兰清金银玉宝安平新和兴福永长东南西北中上下大小高黄白红云星月阳春双三五马鹤樟枫杨花茶";
const PLACE_SECOND: &str = "山岭峰溪泉塘湾坪坝沟岗田林桥源口寨庄铺冲岩洲渡河湖园坡垭堡坊";
#[rustfmt::skip]
const NUMERALS: &[&str] = &[
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
];
#[rustfmt::skip]
const ETHNICITIES: &[(&str, u32)] = &[
    ("汉族", 950), ("土家族", 12), ("苗族", 10), ("回族", 8), ("壮族", 8), ("侗族", 4), ("瑶族", 4), ("满族", 4),
];
#[rustfmt::skip]
const PHONE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "157", "158", "159", "166", "177",
    "180", "182", "183", "185", "186", "187", "188", "189", "191", "199",
];
#[rustfmt::skip]
const MOBILE_PLACES: &[&str] = &[
    "广东省深圳市", "广东省东莞市", "广东省广州市", "浙江省杭州市", "浙江省宁波市", "江苏省苏州市", "上海市", "北京市", "福建省厦门市", "湖南省长沙市",
];
/// Household sizes 1–6, weighted so the mean is ≈3.1.
const HOUSEHOLD_SIZES: &[u32] = &[14, 23, 24, 21, 12, 6];

fn numeral(n: usize) -> String {
    NUMERALS.get(n).map(|s| (*s).to_owned()).unwrap_or_else(|| (n + 1).to_string())
}

fn char_at(s: &str, rng: &mut StdRng) -> char {
    let n = s.chars().count();
    s.chars().nth(rng.gen_range(0..n)).unwrap_or('山')
}

fn place_name(rng: &mut StdRng) -> String {
    format!("{}{}", char_at(PLACE_FIRST, rng), char_at(PLACE_SECOND, rng))
}

/// A place name not in `taken`, with the suffix (村, 镇, 乡 …).
fn unique_place(rng: &mut StdRng, suffix: &str, taken: &mut HashSet<String>) -> String {
    let mut attempt = 0;
    loop {
        let base = place_name(rng);
        // Once two-character names run short (≈2 000 of them), a third character keeps names unique.
        let name = if attempt < 50 { format!("{base}{suffix}") } else { format!("{base}{}{suffix}", char_at(PLACE_SECOND, rng)) };
        if taken.insert(name.clone()) {
            return name;
        }
        attempt += 1;
    }
}

fn generation(birth: NaiveDate) -> usize {
    match birth.year() {
        ..1960 => 0,
        1960..1985 => 1,
        1985..2005 => 2,
        _ => 3,
    }
}

fn given_name(rng: &mut StdRng, gender: Gender, birth: NaiveDate) -> String {
    let g = usize::from(gender == Gender::Female);
    if rng.gen_bool(0.6) {
        let list = GIVEN[g][generation(birth)];
        return list[rng.gen_range(0..list.len())].to_owned();
    }
    let a = char_at(GIVEN_CHARS[g], rng);
    if rng.gen_bool(0.15) { a.to_string() } else { format!("{a}{}", char_at(GIVEN_CHARS[g], rng)) }
}

fn education_for(rng: &mut StdRng, age: u32) -> Option<Education> {
    use Education::*;
    let adult = |w: [u32; 8], rng: &mut StdRng| {
        let all = [None, Primary, Junior, Senior, Vocational, College, Bachelor, Postgraduate];
        WeightedIndex::new(w).ok().map(|d| all[d.sample(rng)])
    };
    match age {
        0..=5 => Option::None,
        6..=12 => Some(Primary),
        13..=15 => Some(Junior),
        16..=18 => Some(if rng.gen_bool(0.7) { Senior } else { Vocational }),
        19..=29 => adult([0, 3, 30, 20, 17, 15, 14, 1], rng),
        30..=49 => adult([1, 10, 45, 20, 10, 8, 6, 0], rng),
        50..=69 => adult([5, 30, 45, 14, 4, 1, 1, 0], rng),
        _ => adult([25, 45, 22, 6, 1, 1, 0, 0], rng),
    }
}

fn occupation_for(rng: &mut StdRng, age: u32) -> Option<Occupation> {
    use Occupation::*;
    let pick = |w: [u32; 10], rng: &mut StdRng| {
        let all = [Farmer, MigrantWorker, Worker, Business, Cadre, Teacher, Medical, Student, Retired, Other];
        WeightedIndex::new(w).ok().map(|d| all[d.sample(rng)])
    };
    match age {
        0..=5 => None,
        6..=18 => Some(Student),
        19..=22 => pick([10, 30, 8, 2, 0, 0, 0, 45, 0, 5], rng),
        23..=59 => pick([45, 25, 8, 8, 1, 1, 1, 0, 0, 11], rng),
        _ => pick([60, 2, 1, 2, 0, 0, 0, 0, 15, 20], rng),
    }
}

fn years_before(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(years * 12)).unwrap_or(d)
}

/// A birth date giving exactly `age` years on `today`.
fn birth_for(rng: &mut StdRng, today: NaiveDate, age: u32) -> NaiveDate {
    years_before(today, age) - Duration::days(rng.gen_range(0..=363))
}

fn days_ago(rng: &mut StdRng, today: NaiveDate, lo: i64, hi: i64) -> NaiveDate {
    today - Duration::days(rng.gen_range(lo..=hi.max(lo)))
}

// ---- the rows of one batch ----

#[derive(Default)]
struct Rows {
    bodies: Vec<store::VillageBody>,
    grids: Vec<store::Grid>,
    households: Vec<store::Household>,
    persons: Vec<store::Person>,
    members: Vec<store::Member>,
    history: Vec<store::MemberHistory>,
    positions: Vec<store::Position>,
    links: Vec<(Uuid, Uuid, NaiveDate)>,
}

impl Rows {
    fn counts(&self) -> GenCounts {
        GenCounts {
            households: self.households.len(),
            persons: self.persons.len(),
            members: self.members.len(),
            positions: self.positions.len(),
            grids: self.grids.len(),
            bodies: self.bodies.len(),
            links: self.links.len(),
        }
    }

    /// Writes everything, parents before children (foreign keys).
    async fn write(self, tx: &DatabaseTransaction) -> Result<GenCounts> {
        let counts = self.counts();
        for b in self.bodies {
            store::insert_body(tx, b).await?;
        }
        for g in self.grids {
            store::insert_grid(tx, g).await?;
        }
        store::insert_households(tx, self.households).await?;
        store::insert_persons(tx, self.persons).await?;
        store::insert_members(tx, self.members).await?;
        store::insert_histories(tx, self.history).await?;
        store::insert_positions(tx, self.positions).await?;
        store::insert_links(tx, self.links).await?;
        Ok(counts)
    }
}

/// A village to fill.
struct VillageIn {
    area: Area,
    groups: Vec<Area>,
    /// Township and village name, the start of every address.
    label: String,
    households: usize,
    grids: usize,
    /// The party organization that leads the village (its village committee, its grids).
    leading_org: Option<Uuid>,
}

struct Resident {
    /// Index into `Rows::persons`.
    idx: usize,
    id: Uuid,
    gender: Gender,
    birth: NaiveDate,
    grid: usize,
}

struct VillageOut {
    residents: Vec<Resident>,
    /// Household ids by grid.
    grid_households: Vec<Vec<Uuid>>,
    /// Indexes into `Rows::grids`.
    grids: Vec<usize>,
    body: Uuid,
    leading_org: Option<Uuid>,
}

/// A party organization to fill with members drawn from the residents of `villages`.
struct BranchIn {
    org: Org,
    /// Indexes into the villages of the batch.
    villages: Vec<usize>,
    members: usize,
    /// Where members are placed (the branch itself, or the branches of a general branch).
    placed_in: Vec<Org>,
    party_groups: Vec<Org>,
    /// A name to give the secretary (the demo's accounts name theirs).
    secretary: Option<(String, Gender)>,
    /// Name for one more full member (the demo's member account).
    member: Option<(String, Gender)>,
}

struct BranchOut {
    secretary: Option<Uuid>,
    named_member: Option<Uuid>,
}

struct Builder<'a> {
    key: &'a DataKey,
    region: String,
    today: NaiveDate,
    now: DateTime<Utc>,
    recorded_by: String,
    surnames: WeightedIndex<u32>,
    ethnicities: WeightedIndex<u32>,
    sizes: WeightedIndex<u32>,
    /// Next ID-number sequence by birth date and gender (male), so numbers never repeat.
    seqs: HashMap<(NaiveDate, bool), u16>,
    /// Persons (by index into `rows.persons`) already on a member record.
    taken: HashSet<usize>,
    rows: Rows,
}

fn weighted(w: impl IntoIterator<Item = u32>) -> Result<WeightedIndex<u32>> {
    WeightedIndex::new(w).map_err(|e| AppError::Internal(format!("weights: {e}")))
}

impl<'a> Builder<'a> {
    fn new(key: &'a DataKey, region: &str, today: NaiveDate, now: DateTime<Utc>, recorded_by: String) -> Result<Self> {
        Ok(Self {
            key,
            region: region.to_owned(),
            today,
            now,
            recorded_by,
            surnames: weighted(SURNAMES.iter().map(|s| s.1))?,
            ethnicities: weighted(ETHNICITIES.iter().map(|e| e.1))?,
            sizes: weighted(HOUSEHOLD_SIZES.iter().copied())?,
            seqs: HashMap::new(),
            taken: HashSet::new(),
            rows: Rows::default(),
        })
    }

    fn surname(&self, rng: &mut StdRng) -> &'static str {
        SURNAMES[self.surnames.sample(rng)].0
    }

    fn age(&self, birth: NaiveDate) -> u32 {
        age_on(birth, self.today)
    }

    /// Adds a resident: ID number consistent with birth date and gender, phone for most.
    fn person(&mut self, rng: &mut StdRng, name: String, gender: Gender, birth: NaiveDate, area: &Area, household: Uuid) -> usize {
        let male = gender == Gender::Male;
        let next = self.seqs.entry((birth, male)).or_insert(0);
        let seq = (*next * 2 + u16::from(male)) % 1000;
        *next += 1;
        let id = Uuid::now_v7();
        let number = make_id_number(&self.region, birth, seq, male);
        let sid = seal_id(self.key, id, &number);
        let age = self.age(birth);
        let phone_share = match age {
            0..=11 => 0.0,
            12..=17 => 0.6,
            18..=69 => 0.93,
            _ => 0.6,
        };
        let sph = rng.gen_bool(phone_share).then(|| {
            let prefix = PHONE_PREFIXES[rng.gen_range(0..PHONE_PREFIXES.len())];
            seal_phone(self.key, id, &format!("{prefix}{:08}", rng.gen_range(0..100_000_000u32)))
        });
        let ethnicity = ETHNICITIES[self.ethnicities.sample(rng)].0;
        let education = education_for(rng, age);
        let occupation = occupation_for(rng, age);
        self.rows.persons.push(store::Person {
            id,
            name,
            gender: Some(gender.as_str().into()),
            birth_date: Some(birth),
            ethnicity: Some(ethnicity.into()),
            education: education.map(|e| e.as_str().into()),
            occupation: occupation.map(|o| o.as_str().into()),
            id_number_enc: Some(sid.enc),
            id_number_hash: Some(sid.hash),
            id_number_mask: Some(sid.mask),
            phone_enc: sph.as_ref().map(|s| s.enc.clone()),
            phone_hash: sph.as_ref().map(|s| s.hash.clone()),
            phone_mask: sph.map(|s| s.mask),
            household_id: Some(household),
            area_id: area.id,
            area_path: area.path.clone(),
            created_at: self.now,
            updated_at: self.now,
        });
        self.rows.persons.len() - 1
    }

    /// The people of one household: a head, usually a spouse, children, sometimes a parent or
    /// grandchildren. Returns (name, gender, birth) of each.
    fn family(&self, rng: &mut StdRng, clan: &'static str) -> Vec<(String, Gender, NaiveDate)> {
        let size = self.sizes.sample(rng) + 1;
        let head_age = [(25, 34), (35, 44), (45, 54), (55, 64), (65, 74), (75, 90)][weighted_pick(rng, &[12, 18, 24, 22, 15, 9])];
        let head_age = rng.gen_range(head_age.0..=head_age.1);
        let head_male = rng.gen_bool(if size == 1 && head_age > 65 { 0.45 } else { 0.85 });
        let head_gender = if head_male { Gender::Male } else { Gender::Female };
        let surname = if rng.gen_bool(0.3) { clan } else { self.surname(rng) };
        let mut out = Vec::with_capacity(size);
        let head_birth = birth_for(rng, self.today, head_age);
        out.push((format!("{surname}{}", given_name(rng, head_gender, head_birth)), head_gender, head_birth));
        let mut kids_surname = surname;
        if size >= 2 && (size > 2 || rng.gen_bool(0.8)) {
            let g = if head_male { Gender::Female } else { Gender::Male };
            let age = if head_male { head_age.saturating_sub(rng.gen_range(0..=5)) } else { head_age + rng.gen_range(0..=5) };
            let b = birth_for(rng, self.today, age.clamp(20, 95));
            let s = self.surname(rng);
            if !head_male {
                kids_surname = s;
            }
            out.push((format!("{s}{}", given_name(rng, g, b)), g, b));
        }
        if size >= 5 && head_age < 50 {
            let g = if rng.gen_bool(0.5) { Gender::Male } else { Gender::Female };
            let age = (head_age + rng.gen_range(24..=32)).min(95);
            let b = birth_for(rng, self.today, age);
            let s = if g == Gender::Male { surname } else { self.surname(rng) };
            out.push((format!("{s}{}", given_name(rng, g, b)), g, b));
        }
        let mut adult_child: Option<u32> = None;
        while out.len() < size {
            let g = if rng.gen_bool(0.52) { Gender::Male } else { Gender::Female };
            let age = match adult_child {
                _ if head_age >= 58 && adult_child.is_none() => {
                    let a = head_age - rng.gen_range(24..=32);
                    adult_child = Some(a);
                    a
                }
                Some(parent) => parent.saturating_sub(rng.gen_range(22..=30)).min(rng.gen_range(0..=12)),
                None => match head_age.checked_sub(rng.gen_range(22..=36)) {
                    Some(a) => a,
                    None => rng.gen_range(0..=head_age.saturating_sub(20).max(1)),
                },
            };
            let b = birth_for(rng, self.today, age);
            out.push((format!("{kids_surname}{}", given_name(rng, g, b)), g, b));
        }
        out
    }

    /// Households, residents, grids and the village committee of one village.
    fn village(&mut self, rng: &mut StdRng, v: &VillageIn) -> VillageOut {
        let now = self.now;
        let village_name = v.area.name.clone();
        let body = Uuid::now_v7();
        self.rows.bodies.push(store::VillageBody {
            id: body,
            area_id: v.area.id,
            area_path: v.area.path.clone(),
            kind: BodyKind::VillageCommittee.as_str().into(),
            name: format!("{village_name}村民委员会"),
            leading_org_id: v.leading_org,
            status: "active".into(),
            created_at: now,
            updated_at: now,
        });
        let mut grids = Vec::with_capacity(v.grids);
        for g in 0..v.grids.max(1) {
            self.rows.grids.push(store::Grid {
                id: Uuid::now_v7(),
                area_id: v.area.id,
                area_path: v.area.path.clone(),
                name: format!("第{}网格", numeral(g)),
                leader_person_id: None,
                created_at: now,
                updated_at: now,
            });
            grids.push(self.rows.grids.len() - 1);
        }
        let clan = self.surname(rng);
        let mut residents = Vec::new();
        let mut grid_households = vec![Vec::new(); grids.len()];
        for h in 0..v.households {
            let group = if v.groups.is_empty() { &v.area } else { &v.groups[h * v.groups.len() / v.households] };
            let grid = h * grids.len() / v.households;
            let id = Uuid::now_v7();
            let group_name = if v.groups.is_empty() { String::new() } else { group.name.clone() };
            let mut household = store::Household {
                id,
                area_id: group.id,
                area_path: group.path.clone(),
                grid_id: Some(self.rows.grids[grids[grid]].id),
                head_person_id: None,
                household_no: Some(format!("{}{:04}", v.area.code, h + 1)),
                address: format!("{}{group_name}{}号", v.label, h + 1),
                created_at: now,
                updated_at: now,
            };
            for (i, (name, gender, birth)) in self.family(rng, clan).into_iter().enumerate() {
                let idx = self.person(rng, name, gender, birth, group, id);
                let person = self.rows.persons[idx].id;
                if i == 0 {
                    household.head_person_id = Some(person);
                }
                residents.push(Resident { idx, id: person, gender, birth, grid });
            }
            self.rows.households.push(household);
            grid_households[grid].push(id);
        }
        VillageOut { residents, grid_households, grids, body, leading_org: v.leading_org }
    }

    fn position(
        &mut self,
        person: Uuid,
        post: PostKind,
        place: (Option<Uuid>, Option<Uuid>, Option<Uuid>),
        started: NaiveDate,
        ended: Option<NaiveDate>,
    ) {
        let planned_end = term_end(started, post.default_term_years());
        self.rows.positions.push(store::Position {
            id: Uuid::now_v7(),
            person_id: person,
            post: post.as_str().into(),
            org_id: place.0,
            body_id: place.1,
            grid_id: place.2,
            started_on: started,
            planned_end,
            ended_on: ended,
            note: String::new(),
            created_at: self.now,
        });
    }

    /// Start of the current five-year term: most are mid-term, about one in ten ends within six
    /// months and a few are already past their planned end (the election is due).
    fn term_start(&self, rng: &mut StdRng) -> NaiveDate {
        let base = years_before(self.today, 5);
        let r: f64 = rng.r#gen();
        if r < 0.10 {
            base + Duration::days(rng.gen_range(1..=175))
        } else if r < 0.14 {
            base - Duration::days(rng.gen_range(1..=150))
        } else {
            base + Duration::days(rng.gen_range(190..=5 * 365 - 30))
        }
    }

    /// Key dates of a member record by status, consistent with each other and the birth date.
    fn member_dates(&self, rng: &mut StdRng, status: MemberStatus, birth: NaiveDate) -> [Option<NaiveDate>; 5] {
        let today = self.today;
        let adult = term_end(birth, 18);
        match status {
            MemberStatus::Applicant => [Some(days_ago(rng, today, 20, 360).max(adult)), None, None, None, None],
            MemberStatus::Activist => {
                let activist = days_ago(rng, today, 20, 700).max(adult);
                [Some((activist - Duration::days(rng.gen_range(30..=200))).max(adult)), Some(activist), None, None, None]
            }
            MemberStatus::DevelopmentTarget => {
                let target = days_ago(rng, today, 20, 330).max(adult);
                let activist = (target - Duration::days(rng.gen_range(366..=540))).max(adult);
                [Some((activist - Duration::days(rng.gen_range(30..=200))).max(adult)), Some(activist), Some(target), None, None]
            }
            MemberStatus::Probationary => {
                let admitted = days_ago(rng, today, 10, 360).max(adult);
                let target = (admitted - Duration::days(rng.gen_range(90..=300))).max(adult);
                let activist = (target - Duration::days(rng.gen_range(366..=540))).max(adult);
                [Some((activist - Duration::days(rng.gen_range(30..=200))).max(adult)), Some(activist), Some(target), Some(admitted), None]
            }
            _ => {
                // Admitted between 20 and 45 (or recently), full membership a year later.
                let age = self.age(birth);
                let at = rng.gen_range(20..=45u32).min(age.saturating_sub(1));
                let admitted = (term_end(birth, at) + Duration::days(rng.gen_range(0..=300))).min(today - Duration::days(370));
                let full = term_end(admitted, 1);
                if admitted.year() < 1995 {
                    return [None, None, None, Some(admitted), Some(full)];
                }
                let target = (admitted - Duration::days(rng.gen_range(90..=300))).max(adult);
                let activist = (target - Duration::days(rng.gen_range(366..=540))).max(adult).min(target);
                let applied = (activist - Duration::days(rng.gen_range(30..=400))).max(adult).min(activist);
                [Some(applied), Some(activist), Some(target), Some(admitted), Some(full)]
            }
        }
    }

    /// Members, committee posts, the village committee, grid leaders and links of one branch.
    fn branch(&mut self, rng: &mut StdRng, b: &BranchIn, villages: &[VillageOut]) -> BranchOut {
        let chosen = self.choose_members(rng, b, villages);
        let mut team = Team { members: self.enroll(rng, b, villages, &chosen), posted: HashSet::new() };
        let start = self.term_start(rng);
        let out = self.committee(rng, b, &mut team, start);
        self.village_posts(rng, b, villages, &mut team, start, out.secretary);
        self.links(rng, villages, &team.members);
        out
    }

    /// Adults of the branch's villages not yet on record; men and people past 30 are likelier.
    fn choose_members(&self, rng: &mut StdRng, b: &BranchIn, villages: &[VillageOut]) -> Vec<(usize, usize)> {
        let mut pool: Vec<(usize, usize)> = Vec::new();
        for &vi in &b.villages {
            for (ri, r) in villages[vi].residents.iter().enumerate() {
                if self.age(r.birth) >= 18 && !self.taken.contains(&r.idx) {
                    pool.push((vi, ri));
                }
            }
        }
        pool.shuffle(rng);
        let mut chosen: Vec<(usize, usize)> = Vec::with_capacity(b.members);
        for &(vi, ri) in &pool {
            if chosen.len() == b.members {
                break;
            }
            let r = &villages[vi].residents[ri];
            let p = (if r.gender == Gender::Male { 1.0 } else { 0.4 }) * (if self.age(r.birth) < 30 { 0.5 } else { 1.0 });
            if rng.gen_bool(p) {
                chosen.push((vi, ri));
            }
        }
        let picked: HashSet<(usize, usize)> = chosen.iter().copied().collect();
        let rest: Vec<(usize, usize)> =
            pool.into_iter().filter(|c| !picked.contains(c)).take(b.members.saturating_sub(chosen.len())).collect();
        chosen.extend(rest);
        chosen
    }

    /// Member records with their history: mostly full members, some still in the pipeline.
    fn enroll(&mut self, rng: &mut StdRng, b: &BranchIn, villages: &[VillageOut], chosen: &[(usize, usize)]) -> Vec<Enrolled> {
        let (today, now) = (self.today, self.now);
        let mut out = Vec::with_capacity(chosen.len());
        for (n, &(vi, ri)) in chosen.iter().enumerate() {
            let r = &villages[vi].residents[ri];
            self.taken.insert(r.idx);
            let age = self.age(r.birth);
            let status = if age < 20 {
                MemberStatus::Applicant
            } else if age <= 45 && rng.gen_bool(0.16) {
                use MemberStatus::*;
                [Probationary, DevelopmentTarget, Activist, Applicant][weighted_pick(rng, &[5, 2, 5, 4])]
            } else {
                MemberStatus::Full
            };
            let dates = self.member_dates(rng, status, r.birth);
            let since = dates.iter().rev().flatten().next().copied().unwrap_or(today);
            let org = &b.placed_in[n % b.placed_in.len()];
            let mobile = age <= 55 && rng.gen_bool(0.14);
            let person = &self.rows.persons[r.idx];
            let m = store::Member {
                id: Uuid::now_v7(),
                person_id: person.id,
                person_name: person.name.clone(),
                org_id: org.id,
                org_path: org.path.clone(),
                status: status.as_str().into(),
                status_since: since,
                applied_on: dates[0],
                activist_on: dates[1],
                target_on: dates[2],
                admitted_on: dates[3],
                full_on: dates[4],
                ended_on: None,
                mobile,
                mobile_since: mobile.then(|| days_ago(rng, today, 190, 1800)),
                mobile_place: mobile.then(|| MOBILE_PLACES[rng.gen_range(0..MOBILE_PLACES.len())].to_owned()),
                mobile_contact_id: None,
                in_difficulty: rng.gen_bool(0.05),
                elderly_frail: rng.gen_bool(match age {
                    80.. => 0.9,
                    70..=79 => 0.6,
                    65..=69 => 0.25,
                    _ => 0.0,
                }),
                created_at: now,
                updated_at: now,
            };
            // A full member's history starts with their probation.
            let earlier = (status == MemberStatus::Full)
                .then_some(m.admitted_on)
                .flatten()
                .map(|a| (MemberStatus::Probationary, a, now - Duration::seconds(1)));
            for (status, since, recorded_at) in earlier.into_iter().chain([(status, since, now)]) {
                self.rows.history.push(store::MemberHistory {
                    id: Uuid::now_v7(),
                    member_id: m.id,
                    status: status.as_str().into(),
                    org_id: m.org_id,
                    since,
                    note: String::new(),
                    recorded_at,
                    recorded_by: self.recorded_by.clone(),
                });
            }
            out.push(Enrolled {
                person: m.person_id,
                idx: r.idx,
                member: self.rows.members.len(),
                village: vi,
                grid: r.grid,
                gender: r.gender,
                age,
                status,
            });
            self.rows.members.push(m);
        }
        out
    }

    /// The secretary (and the term before), the committee, the secretaries of a general branch's
    /// branches and the party-group leaders, all for the same term.
    fn committee(&mut self, rng: &mut StdRng, b: &BranchIn, team: &mut Team, start: NaiveDate) -> BranchOut {
        let mut out = BranchOut { secretary: None, named_member: None };
        let org = Some(b.org.id);
        let secretary = match &b.secretary {
            Some((_, g)) => team.take(rng, |c| c.gender == *g && (35..=58).contains(&c.age)),
            None => {
                let male = rng.gen_bool(0.8);
                team.take(rng, |c| (c.gender == Gender::Male) == male && (35..=60).contains(&c.age))
            }
        };
        if let Some(s) = secretary {
            let chosen = &team.members[s];
            if let Some((name, g)) = &b.secretary
                && chosen.gender == *g
            {
                self.rename(chosen, name);
            }
            let person = chosen.person;
            out.secretary = Some(person);
            self.position(person, PostKind::Secretary, (org, None, None), start, None);
            // The term before: the same secretary re-elected, or a predecessor.
            let r: f64 = rng.r#gen();
            let previous = match r {
                ..0.35 => Some(person),
                ..0.6 => team.candidates(|c| c.age >= 55).choose(rng).map(|i| team.members[*i].person),
                _ => None,
            };
            if let Some(p) = previous {
                self.position(p, PostKind::Secretary, (org, None, None), years_before(start, 5), Some(start));
            }
            for c in &team.members {
                if self.rows.members[c.member].mobile {
                    self.rows.members[c.member].mobile_contact_id = Some(person);
                }
            }
        }
        if let Some((name, g)) = &b.member
            && let Some(i) = team.take(rng, |c| c.gender == *g && c.age >= 25)
        {
            self.rename(&team.members[i], name);
            out.named_member = Some(team.members[i].person);
        }
        // RULES.md §2: a committee of 3–5 from 7 full members; fewer have a secretary only.
        let full = team.members.iter().filter(|m| m.status == MemberStatus::Full).count();
        let committee = match full {
            30.. => 5,
            7.. => 3,
            _ => 1,
        };
        for k in 1..committee {
            let Some(i) = team.take(rng, |c| (28..=62).contains(&c.age)) else { break };
            let post = if k == 1 { PostKind::DeputySecretary } else { PostKind::CommitteeMember };
            self.position(team.members[i].person, post, (org, None, None), start, None);
        }
        for sub in b.placed_in.iter().filter(|o| o.id != b.org.id) {
            let placed_here: HashSet<usize> =
                team.members.iter().filter(|c| self.rows.members[c.member].org_id == sub.id).map(|c| c.member).collect();
            if let Some(i) = team.take(rng, |c| placed_here.contains(&c.member)) {
                self.position(team.members[i].person, PostKind::Secretary, (Some(sub.id), None, None), start, None);
            }
        }
        for pg in &b.party_groups {
            if let Some(i) = team.take(rng, |c| (30..=65).contains(&c.age)) {
                self.position(team.members[i].person, PostKind::PartyGroupLeader, (Some(pg.id), None, None), start, None);
            }
        }
        out
    }

    /// In the villages the branch leads: the village committee (often directed by the secretary,
    /// 一肩挑) and a leader for every grid, a member living there when there is one.
    fn village_posts(
        &mut self,
        rng: &mut StdRng,
        b: &BranchIn,
        villages: &[VillageOut],
        team: &mut Team,
        start: NaiveDate,
        secretary: Option<Uuid>,
    ) {
        let today = self.today;
        for (k, &vi) in b.villages.iter().enumerate() {
            let v = &villages[vi];
            if v.leading_org != Some(b.org.id) {
                continue;
            }
            let body = Some(v.body);
            let adults = |lo: u32, hi: u32, grid: Option<usize>| -> Vec<Uuid> {
                v.residents
                    .iter()
                    .filter(|r| (lo..=hi).contains(&age_on(r.birth, today)) && grid.is_none_or(|g| r.grid == g))
                    .map(|r| r.id)
                    .collect()
            };
            let director = match secretary {
                Some(s) if k == 0 && rng.gen_bool(0.7) => Some(s),
                _ => adults(35, 60, None).choose(rng).copied(),
            };
            if let Some(d) = director {
                self.position(d, PostKind::VcDirector, (None, body, None), start, None);
            }
            let others = adults(25, 60, None);
            for p in others.choose_multiple(rng, 2).copied().filter(|p| Some(*p) != director).collect::<Vec<_>>() {
                self.position(p, PostKind::VcMember, (None, body, None), start, None);
            }
            for (g, &grid_row) in v.grids.iter().enumerate() {
                let leader = match team.take_fitting(rng, |c| c.village == vi && c.grid == g && c.age <= 65) {
                    Some(i) => Some(team.members[i].person),
                    None => adults(25, 65, Some(g)).choose(rng).copied(),
                };
                if let Some(l) = leader {
                    let started = days_ago(rng, today, 30, 3 * 365 - 20);
                    self.position(l, PostKind::GridLeader, (None, None, Some(self.rows.grids[grid_row].id)), started, None);
                    self.rows.grids[grid_row].leader_person_id = Some(l);
                }
            }
        }
    }

    /// 联户: most party members look after 5–10 households of their own grid.
    fn links(&mut self, rng: &mut StdRng, villages: &[VillageOut], members: &[Enrolled]) {
        for c in members {
            if !c.status.is_party_member() || !rng.gen_bool(0.6) {
                continue;
            }
            let m = &self.rows.members[c.member];
            let from = &villages[c.village].grid_households[c.grid];
            let n = rng.gen_range(5..=10).min(from.len());
            let since = days_ago(rng, self.today, 30, 1000).max(m.admitted_on.unwrap_or(self.today));
            let member_id = m.id;
            for h in from.choose_multiple(rng, n) {
                self.rows.links.push((member_id, *h, since));
            }
        }
    }

    fn rename(&mut self, c: &Enrolled, name: &str) {
        self.rows.persons[c.idx].name = name.to_owned();
        self.rows.members[c.member].person_name = name.to_owned();
    }
}

/// A member record just made, with what choosing people for posts needs.
struct Enrolled {
    person: Uuid,
    /// Index into `Rows::persons`.
    idx: usize,
    /// Index into `Rows::members`.
    member: usize,
    village: usize,
    grid: usize,
    gender: Gender,
    age: u32,
    status: MemberStatus,
}

/// The members of a branch and which of them already hold a post.
struct Team {
    members: Vec<Enrolled>,
    posted: HashSet<usize>,
}

impl Team {
    /// Full members without a post that fit.
    fn candidates(&self, fits: impl Fn(&Enrolled) -> bool) -> Vec<usize> {
        (0..self.members.len())
            .filter(|i| self.members[*i].status == MemberStatus::Full && !self.posted.contains(i) && fits(&self.members[*i]))
            .collect()
    }

    /// A full member for a post: one that fits, else any without a post.
    fn take(&mut self, rng: &mut StdRng, fits: impl Fn(&Enrolled) -> bool) -> Option<usize> {
        let good = self.candidates(fits);
        let from = if good.is_empty() { self.candidates(|_| true) } else { good };
        let i = *from.choose(rng)?;
        self.posted.insert(i);
        Some(i)
    }

    /// A full member that fits, or none.
    fn take_fitting(&mut self, rng: &mut StdRng, fits: impl Fn(&Enrolled) -> bool) -> Option<usize> {
        let i = *self.candidates(fits).choose(rng)?;
        self.posted.insert(i);
        Some(i)
    }
}

fn weighted_pick(rng: &mut StdRng, w: &[u32]) -> usize {
    let total: u32 = w.iter().sum();
    let mut x = rng.gen_range(0..total.max(1));
    for (i, wi) in w.iter().enumerate() {
        if x < *wi {
            return i;
        }
        x -= wi;
    }
    w.len().saturating_sub(1)
}

/// A generator for one village, independent of how the villages are batched.
fn village_rng(seed: u64, village: usize) -> StdRng {
    StdRng::seed_from_u64(splitmix64(seed ^ splitmix64(village as u64 + 1)))
}

// ---- a whole county ----

fn new_area(id: Uuid, code: String, name: String, level: AreaLevel, parent: Option<&Area>, now: DateTime<Utc>) -> Area {
    let path = match parent {
        Some(p) => TreePath::parse(&p.path).map(|pp| TreePath::child(&pp, id)).unwrap_or_else(|| TreePath::root(id)),
        None => TreePath::root(id),
    };
    Area {
        id,
        code,
        name,
        level: level.as_str().into(),
        parent_id: parent.map(|p| p.id),
        path: path.as_str().into(),
        created_at: now,
        updated_at: now,
    }
}

async fn area_once(
    tx: &DatabaseTransaction,
    code: &str,
    name: &str,
    level: AreaLevel,
    parent: Option<&Area>,
    now: DateTime<Utc>,
) -> Result<Area> {
    match orgs_store::area_by_code(tx, code).await? {
        Some(a) => Ok(a),
        None => Ok(orgs_store::insert_area(tx, new_area(Uuid::now_v7(), code.into(), name.into(), level, parent, now)).await?),
    }
}

async fn new_org(
    tx: &DatabaseTransaction,
    parent: Option<&Org>,
    name: String,
    kind: OrgKind,
    areas: &[Uuid],
    est: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<Org> {
    let id = Uuid::now_v7();
    let path = match parent.and_then(|p| TreePath::parse(&p.path)) {
        Some(pp) => TreePath::child(&pp, id),
        None => TreePath::root(id),
    };
    let o = Org {
        id,
        name,
        kind: kind.as_str().into(),
        basis: OrgBasis::Area.as_str().into(),
        parent_id: parent.map(|p| p.id),
        path: path.as_str().into(),
        status: "active".into(),
        merged_into: None,
        established_on: est,
        ended_at: None,
        note: String::new(),
        created_at: now,
        updated_at: now,
    };
    let o = orgs_store::insert_org(tx, o).await?;
    if !areas.is_empty() {
        orgs_store::set_org_areas(tx, o.id, areas).await?;
    }
    Ok(o)
}

/// A village of the generated county with its organizations, before people are added.
struct PlannedVillage {
    village: VillageIn,
    branch: BranchIn,
}

/// Separates the people's random stream of a village from that of its organizations.
const PEOPLE_STREAM: u64 = 0x5EED_BEEF;
/// Villages per township, as counties usually have.
const VILLAGES_PER_TOWNSHIP: usize = 20;
/// Villages whose people are built and written in one transaction.
const BATCH: usize = 30;

/// Generates a county: its areas and organization tree in one transaction, then its villages'
/// people in transactions of [`BATCH`] villages, then one audit entry. `progress(phase, done,
/// total)` is called as the work advances.
pub async fn generate(app: &App, spec: &GenSpec, mut progress: impl FnMut(&str, usize, usize)) -> Result<GenReport> {
    let key = app.key()?;
    if !(1..=5000).contains(&spec.villages) {
        return Err(AppError::invalid("villages", "error-out-of-range"));
    }
    if !(1..=20).contains(&spec.groups_per_village) || !(1..=5000).contains(&spec.households_per_village) {
        return Err(AppError::invalid("groups_per_village", "error-out-of-range"));
    }
    let ctx = Ctx::system(app.clone(), "gen");
    let now = app.now();
    let today = app.today();
    let codes = county_codes(spec.seed);
    let mut rng = StdRng::seed_from_u64(splitmix64(spec.seed));
    let mut names = HashSet::new();
    let county_name = unique_place(&mut rng, "县", &mut names);
    let mut city_rng = StdRng::seed_from_u64(splitmix64(codes.city.parse().unwrap_or(0)));
    let city_name = format!("{}市", place_name(&mut city_rng));

    // ---- areas and organizations ----
    let tx = app.db.write().await?;
    if orgs_store::area_by_code(&tx, &codes.county).await?.is_some() {
        return Err(AppError::Conflict { field: "seed", key: "error-area-code-taken" });
    }
    let province = area_once(&tx, &codes.province, codes.province_name, AreaLevel::Province, None, now).await?;
    let city = area_once(&tx, &codes.city, &city_name, AreaLevel::City, Some(&province), now).await?;
    let county = orgs_store::insert_area(
        &tx,
        new_area(Uuid::now_v7(), codes.county.clone(), county_name.clone(), AreaLevel::County, Some(&city), now),
    )
    .await?;
    let county_org = new_org(&tx, None, format!("中共{county_name}委员会"), OrgKind::Committee, &[county.id], None, now).await?;
    let townships = spec.villages.div_ceil(VILLAGES_PER_TOWNSHIP);
    let mut orgs = 1;
    let mut planned: Vec<PlannedVillage> = Vec::with_capacity(spec.villages);
    for t in 0..townships {
        let suffix = if rng.gen_bool(0.6) { "镇" } else { "乡" };
        let t_name = unique_place(&mut rng, suffix, &mut names);
        let t_code = format!("{}{:03}000", codes.region, 100 + t);
        let township =
            orgs_store::insert_area(&tx, new_area(Uuid::now_v7(), t_code, t_name.clone(), AreaLevel::Township, Some(&county), now)).await?;
        let t_org = new_org(&tx, Some(&county_org), format!("中共{t_name}委员会"), OrgKind::Committee, &[township.id], None, now).await?;
        orgs += 1;
        let first = t * VILLAGES_PER_TOWNSHIP;
        for i in first..(first + VILLAGES_PER_TOWNSHIP).min(spec.villages) {
            let mut vr = village_rng(spec.seed, i);
            let v_name = unique_place(&mut rng, "村", &mut names);
            let v_code = format!("{}{:03}", &township.code[..9], 201 + i - first);
            let village = orgs_store::insert_area(
                &tx,
                new_area(Uuid::now_v7(), v_code.clone(), v_name.clone(), AreaLevel::Village, Some(&township), now),
            )
            .await?;
            let mut groups = Vec::with_capacity(spec.groups_per_village);
            for g in 0..spec.groups_per_village {
                let name = format!("第{}村民小组", numeral(g));
                groups.push(
                    orgs_store::insert_area(
                        &tx,
                        new_area(Uuid::now_v7(), format!("{v_code}{:03}", g + 1), name, AreaLevel::Group, Some(&village), now),
                    )
                    .await?,
                );
            }
            // Every tenth village is large enough for a general branch with two branches.
            let general = i % 10 == 9;
            let est = Some(NaiveDate::from_ymd_opt(vr.gen_range(1950..=2010), vr.gen_range(1..=12), vr.gen_range(1..=28)).unwrap_or(today));
            let (kind, suffix) =
                if general { (OrgKind::GeneralBranch, "总支部委员会") } else { (OrgKind::Branch, "支部委员会") };
            let branch = new_org(&tx, Some(&t_org), format!("中共{v_name}{suffix}"), kind, &[village.id], est, now).await?;
            orgs += 1;
            let mut placed_in = Vec::new();
            let mut party_groups = Vec::new();
            if general {
                for part in 0..2 {
                    let sub =
                        new_org(&tx, Some(&branch), format!("中共{v_name}第{}支部委员会", numeral(part)), OrgKind::Branch, &[], est, now)
                            .await?;
                    party_groups.push(new_org(&tx, Some(&sub), "第一党小组".into(), OrgKind::PartyGroup, &[], est, now).await?);
                    placed_in.push(sub);
                    orgs += 2;
                }
            } else {
                for pg in 0..2 {
                    party_groups
                        .push(new_org(&tx, Some(&branch), format!("第{}党小组", numeral(pg)), OrgKind::PartyGroup, &[], est, now).await?);
                    orgs += 1;
                }
                placed_in.push(branch.clone());
            }
            let scale = if general { 1.4 } else { vr.gen_range(0.65..1.25) };
            let members = ((spec.members_per_village as f64) * scale).round() as usize;
            let households = ((spec.households_per_village as f64) * vr.gen_range(0.8..1.2)).round().max(1.0) as usize;
            planned.push(PlannedVillage {
                village: VillageIn {
                    label: format!("{t_name}{v_name}"),
                    area: village,
                    groups,
                    households,
                    grids: vr.gen_range(3..=5),
                    leading_org: Some(branch.id),
                },
                branch: BranchIn { org: branch, villages: vec![0], members, placed_in, party_groups, secretary: None, member: None },
            });
        }
        progress("areas and organizations", t + 1, townships);
    }
    tx.commit().await?;

    // ---- people, a batch of villages per transaction ----
    let mut counts = GenCounts::default();
    let mut builder = Builder::new(key, &codes.region, today, now, ctx.actor.name())?;
    progress("villages", 0, spec.villages);
    for (b, batch) in planned.chunks(BATCH).enumerate() {
        for (i, p) in batch.iter().enumerate() {
            // One generator per village, so a village's people do not depend on the batch size.
            let mut vr = village_rng(spec.seed ^ PEOPLE_STREAM, b * BATCH + i);
            let out = builder.village(&mut vr, &p.village);
            builder.branch(&mut vr, &p.branch, std::slice::from_ref(&out));
        }
        let rows = std::mem::take(&mut builder.rows);
        builder.taken.clear();
        let tx = app.db.write().await?;
        counts.add(rows.write(&tx).await?);
        tx.commit().await?;
        progress("villages", (b * BATCH + batch.len()).min(spec.villages), spec.villages);
    }

    let tx = app.db.write().await?;
    record(
        &tx,
        &ctx,
        Stale::Access,
        "gen.run",
        "area",
        Some(&county.id.to_string()),
        "ok",
        json!({ "seed": spec.seed, "county": county_name, "code": codes.county, "townships": townships, "villages": spec.villages, "orgs": orgs, "counts": counts }),
    )
    .await?;
    tx.commit().await?;
    Ok(GenReport {
        county_area_id: county.id,
        county_org_id: county_org.id,
        county_name,
        codes,
        townships,
        villages: spec.villages,
        orgs,
        counts,
    })
}

// ---- filling existing villages (the demo) ----

/// An existing village to fill with households and residents.
#[derive(Clone, Debug)]
pub struct VillageFill {
    pub area_id: Uuid,
    /// Township name for addresses.
    pub township: String,
    pub households: usize,
    pub grids: usize,
    /// The organization leading the village: its village committee and grid leaders.
    pub leading_org: Option<Uuid>,
}

/// An existing organization to fill with members drawn from the residents of some villages.
#[derive(Clone, Debug)]
pub struct BranchFill {
    pub org_id: Uuid,
    /// Villages (area ids, among the filled ones) whose residents may be its members.
    pub villages: Vec<Uuid>,
    pub members: usize,
    /// Organizations to place members in; empty means the organization itself.
    pub placed_in: Vec<Uuid>,
    pub party_groups: Vec<Uuid>,
    pub secretary: Option<(String, Gender)>,
    pub member: Option<(String, Gender)>,
}

#[derive(Clone, Debug)]
pub struct PopulateSpec {
    pub seed: u64,
    /// The six digits residents' ID numbers start with.
    pub region: String,
    pub villages: Vec<VillageFill>,
    /// Filled in order: branches that lead villages first, so they choose from every resident.
    pub branches: Vec<BranchFill>,
}

/// A grid and its leader.
#[derive(Clone, Debug)]
pub struct GridLeader {
    pub village: Uuid,
    pub grid: Uuid,
    pub grid_name: String,
    pub person: Uuid,
    pub person_name: String,
}

/// What [`populate`] made.
#[derive(Clone, Debug, Default)]
pub struct Populated {
    /// Secretary's person by organization.
    pub secretaries: HashMap<Uuid, Uuid>,
    /// The person given each branch's `member` name, by organization.
    pub named_members: HashMap<Uuid, Uuid>,
    pub grid_leaders: Vec<GridLeader>,
    pub counts: GenCounts,
}

/// Fills existing villages and organizations with people in one transaction and one audit entry.
pub async fn populate(ctx: &Ctx, spec: &PopulateSpec) -> Result<Populated> {
    let key = ctx.app.key()?;
    let c = ctx.db().conn();
    let mut villages = Vec::with_capacity(spec.villages.len());
    for v in &spec.villages {
        let area = orgs_store::area(c, v.area_id).await?.ok_or(AppError::invalid("area_id", "error-unknown-area"))?;
        let groups = orgs_store::area_children(c, v.area_id).await?;
        let label = format!("{}{}", v.township, area.name);
        villages.push(VillageIn {
            area,
            groups,
            label,
            households: v.households.max(1),
            grids: v.grids.max(1),
            leading_org: v.leading_org,
        });
    }
    let mut branches = Vec::with_capacity(spec.branches.len());
    for b in &spec.branches {
        let org = orgs_store::org(c, b.org_id).await?.ok_or(AppError::invalid("org_id", "error-unknown-org"))?;
        let placed_in = if b.placed_in.is_empty() { vec![org.clone()] } else { orgs_store::orgs_by_ids(c, &b.placed_in).await? };
        let mut party_groups = orgs_store::orgs_by_ids(c, &b.party_groups).await?;
        party_groups.sort_by(|a, b| a.path.cmp(&b.path));
        let mut placed_in = placed_in;
        placed_in.sort_by(|a, b| a.path.cmp(&b.path));
        let vs = b.villages.iter().filter_map(|id| spec.villages.iter().position(|v| v.area_id == *id)).collect();
        branches.push(BranchIn {
            org,
            villages: vs,
            members: b.members,
            placed_in,
            party_groups,
            secretary: b.secretary.clone(),
            member: b.member.clone(),
        });
    }
    let mut builder = Builder::new(key, &spec.region, ctx.app.today(), ctx.now(), ctx.actor.name())?;
    let mut outs = Vec::with_capacity(villages.len());
    for (i, v) in villages.iter().enumerate() {
        outs.push(builder.village(&mut village_rng(spec.seed, i), v));
    }
    let mut done = Populated::default();
    for (i, b) in branches.iter().enumerate() {
        let out = builder.branch(&mut village_rng(spec.seed ^ PEOPLE_STREAM, i), b, &outs);
        if let Some(s) = out.secretary {
            done.secretaries.insert(b.org.id, s);
        }
        if let Some(m) = out.named_member {
            done.named_members.insert(b.org.id, m);
        }
    }
    let names: HashMap<Uuid, &str> = builder.rows.persons.iter().map(|p| (p.id, p.name.as_str())).collect();
    for g in &builder.rows.grids {
        if let Some(l) = g.leader_person_id {
            let person_name = names.get(&l).map(|n| (*n).to_owned()).unwrap_or_default();
            done.grid_leaders.push(GridLeader { village: g.area_id, grid: g.id, grid_name: g.name.clone(), person: l, person_name });
        }
    }
    let tx = ctx.db().write().await?;
    done.counts = std::mem::take(&mut builder.rows).write(&tx).await?;
    record(
        &tx,
        ctx,
        Stale::Access,
        "gen.run",
        "area",
        None,
        "ok",
        json!({ "seed": spec.seed, "villages": spec.villages.len(), "branches": spec.branches.len(), "counts": done.counts }),
    )
    .await?;
    tx.commit().await?;
    Ok(done)
}

#[cfg(test)]
mod tests;
