//! Tests of the parent module.

use super::*;
use lianxin_core::people::parse_id_number;

#[test]
fn county_codes_are_valid_and_apart() {
    let a = county_codes(1);
    assert_eq!(a.county.len(), 12);
    assert!(a.county.starts_with(&a.region));
    assert!(a.city.starts_with(&a.region[..4]));
    assert!(a.region[2..4].starts_with('8'), "city digits 80–89 are unused by real prefectures");
    assert_ne!(county_codes(2).county, a.county);
    let id = make_id_number(&a.region, NaiveDate::from_ymd_opt(1980, 5, 1).unwrap(), 12, true);
    assert!(parse_id_number(&id, NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()).is_ok());
}

fn builder(key: &DataKey) -> Builder<'_> {
    let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    Builder::new(key, "438101", today, Utc::now(), "test".into()).unwrap()
}

fn area(name: &str, level: AreaLevel) -> Area {
    new_area(Uuid::now_v7(), "438101201000".into(), name.into(), level, None, Utc::now())
}

fn org(kind: OrgKind) -> Org {
    let id = Uuid::now_v7();
    Org {
        id,
        name: "中共石门村支部委员会".into(),
        kind: kind.as_str().into(),
        basis: "area".into(),
        parent_id: None,
        path: TreePath::root(id).as_str().into(),
        status: "active".into(),
        merged_into: None,
        established_on: None,
        ended_at: None,
        note: String::new(),
        created_at: Utc::now(),
        updated_at: Utc::now(),
    }
}

fn build(seed: u64) -> Rows {
    let key = DataKey::from_hex(&"ab".repeat(32)).unwrap();
    let mut b = builder(&key);
    let branch = org(OrgKind::Branch);
    let v = VillageIn {
        area: area("石门村", AreaLevel::Village),
        groups: vec![area("第一村民小组", AreaLevel::Group), area("第二村民小组", AreaLevel::Group)],
        label: "青山镇石门村".into(),
        households: 120,
        grids: 3,
        leading_org: Some(branch.id),
    };
    let mut rng = village_rng(seed, 0);
    let out = b.village(&mut rng, &v);
    let bi = BranchIn {
        org: branch.clone(),
        villages: vec![0],
        members: 30,
        placed_in: vec![branch],
        party_groups: vec![],
        secretary: Some(("张明".into(), Gender::Male)),
        member: None,
    };
    b.branch(&mut rng, &bi, &[out]);
    b.rows
}

#[test]
fn same_seed_same_people() {
    let (a, b) = (build(7), build(7));
    let names =
        |r: &Rows| r.persons.iter().map(|p| (p.name.clone(), p.birth_date, p.gender.clone(), p.id_number_mask.clone())).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b));
    assert_ne!(names(&a), names(&build(8)));
    let statuses = |r: &Rows| r.members.iter().map(|m| (m.status.clone(), m.admitted_on, m.full_on)).collect::<Vec<_>>();
    assert_eq!(statuses(&a), statuses(&b));
}

#[test]
fn generated_records_are_consistent() {
    let key = DataKey::from_hex(&"ab".repeat(32)).unwrap();
    let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let rows = build(3);
    let per_household = rows.persons.len() as f64 / rows.households.len() as f64;
    assert!((2.6..3.6).contains(&per_household), "{per_household}");
    let mut hashes = HashSet::new();
    for p in &rows.persons {
        let number = key.decrypt(&super::super::persons::id_context(p.id), p.id_number_enc.as_deref().unwrap()).unwrap();
        let id = parse_id_number(&number, today).unwrap();
        assert_eq!(Some(id.birth), p.birth_date);
        assert_eq!(p.gender.as_deref(), Some(id.gender.as_str()));
        assert!(hashes.insert(p.id_number_hash.clone()), "ID numbers never repeat");
        let age = age_on(id.birth, today);
        assert!(age <= 96, "{age}");
    }
    let by_id: HashMap<Uuid, &store::Person> = rows.persons.iter().map(|p| (p.id, p)).collect();
    assert_eq!(rows.members.len(), 30);
    for m in &rows.members {
        let p = by_id[&m.person_id];
        assert_eq!(m.person_name, p.name);
        assert!(age_on(p.birth_date.unwrap(), today) >= 18);
        let dates: Vec<NaiveDate> = [m.applied_on, m.activist_on, m.target_on, m.admitted_on, m.full_on].into_iter().flatten().collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{:?}", dates);
        assert!(dates.iter().all(|d| *d <= today));
        assert!(dates.iter().all(|d| age_on(p.birth_date.unwrap(), *d) >= 18), "{:?} {:?}", p.birth_date, dates);
        match MemberStatus::parse(&m.status).unwrap() {
            MemberStatus::Full => assert!(m.full_on.is_some() && m.admitted_on.is_some()),
            MemberStatus::Probationary => assert!(m.admitted_on.is_some() && m.full_on.is_none()),
            _ => assert!(m.admitted_on.is_none()),
        }
    }
    let secretary = rows.positions.iter().find(|p| p.post == "secretary" && p.ended_on.is_none()).unwrap();
    assert_eq!(by_id[&secretary.person_id].name, "张明");
    assert!(rows.grids.iter().all(|g| g.leader_person_id.is_some()));
    assert_eq!(rows.positions.iter().filter(|p| p.post == "grid_leader").count(), 3);
    assert_eq!(rows.positions.iter().filter(|p| p.post == "vc_director").count(), 1);
    let links: HashSet<(Uuid, Uuid)> = rows.links.iter().map(|(m, h, _)| (*m, *h)).collect();
    assert_eq!(links.len(), rows.links.len(), "a member links a household once");
}
