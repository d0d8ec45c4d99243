//! Every permission decision tried from both sides of its line.

use super::*;
use crate::Principal;

fn path(ids: &[u128]) -> TreePath {
    let mut p = TreePath::root(Uuid::from_u128(ids[0]));
    for id in &ids[1..] {
        p = TreePath::child(&p, Uuid::from_u128(*id));
    }
    p
}

fn actor(role: Role, org: Option<TreePath>, token: Option<TokenAccess>) -> Actor {
    let areas = org.iter().cloned().collect();
    Actor::Account(std::sync::Arc::new(Principal {
        account_id: Uuid::nil(),
        username: "t".into(),
        display_name: "t".into(),
        roles: vec![ScopedRole { role, org, areas, grids: Vec::new() }],
        token,
        password_expired: false,
        locale: crate::Locale::ZhCn,
        person_id: None,
    }))
}

#[test]
fn menus_follow_the_roles_and_nothing_more() {
    let org = Some(path(&[1, 2]));
    let m = menu(&actor(Role::Member, org.clone(), None));
    assert!(m.orgs && m.appeals && m.file, "{m:?}");
    assert!(!m.people && !m.accounts && !m.audit, "a member reads no rolls and administers nothing: {m:?}");
    let mut grid = actor(Role::GridLeader, None, None);
    if let Actor::Account(p) = &mut grid {
        std::sync::Arc::make_mut(p).roles[0].grids = vec![Uuid::from_u128(9)];
    }
    let m = menu(&grid);
    assert_eq!(m, Menu { grids: vec![Uuid::from_u128(9)], file: true, ..Menu::default() }, "a grid leader sees their grid only");
    for admin in [Role::SystemAdmin, Role::SecurityAdmin] {
        let m = menu(&actor(admin, None, None));
        assert_eq!(m, Menu { accounts: true, ..Menu::default() }, "{admin:?} reaches no organization data");
    }
    assert_eq!(menu(&actor(Role::AuditAdmin, None, None)), Menu { audit: true, ..Menu::default() });
    let m = menu(&actor(Role::Viewer, org.clone(), None));
    assert!(m.people && m.appeals && !m.file, "a viewer reads but files nothing: {m:?}");
    assert_eq!(menu(&Actor::Anonymous), Menu::default());
    assert!(!may_somewhere(&actor(Role::SecurityAdmin, None, None), Action::ManageAccounts));
    assert!(may_somewhere(&actor(Role::SecurityAdmin, None, None), Action::ManageGrants));
}

#[test]
fn matrix_of_roles_over_own_sibling_and_parent() {
    let county = path(&[1]);
    let own = path(&[1, 2]);
    let own_child = path(&[1, 2, 3]);
    let sibling = path(&[1, 4]);
    use Decision::*;
    // (role, target, read, change)
    let cases = [
        (Role::Organizer, &own_child, Allow, Allow),
        (Role::Organizer, &sibling, Hidden, Hidden),
        (Role::Organizer, &county, Hidden, Hidden),
        (Role::Secretary, &own, Allow, Allow),
        (Role::Secretary, &sibling, Hidden, Hidden),
        (Role::Secretary, &county, Hidden, Hidden),
        (Role::Viewer, &own_child, Allow, Deny),
        (Role::Viewer, &sibling, Hidden, Hidden),
        (Role::Member, &own, Allow, Deny),
        (Role::Member, &own_child, Hidden, Hidden),
        (Role::SystemAdmin, &own, Hidden, Hidden),
        (Role::SecurityAdmin, &own, Hidden, Hidden),
        (Role::AuditAdmin, &own, Hidden, Hidden),
    ];
    for (role, target, read, change) in cases {
        let a = actor(role, Some(own.clone()), None);
        assert_eq!(decide(&a, Action::ReadOrg, Target::Org(target)), read, "{role:?} read {target}");
        assert_eq!(decide(&a, Action::ChangeOrg, Target::Org(target)), change, "{role:?} change {target}");
    }
}

#[test]
fn dues_books_are_kept_by_the_branch_and_members_read_only_their_publication() {
    let township = path(&[1, 2]);
    let branch = path(&[1, 2, 3]);
    let sibling = path(&[1, 4, 5]);
    use Decision::*;
    // (role, scope, target, read the book, record, read the publication)
    let cases = [
        (Role::Secretary, &branch, &branch, Allow, Allow, Allow),
        (Role::Secretary, &branch, &township, Hidden, Hidden, Hidden),
        (Role::Organizer, &township, &branch, Allow, Allow, Allow),
        (Role::Organizer, &township, &sibling, Hidden, Hidden, Hidden),
        (Role::Viewer, &township, &branch, Allow, Deny, Allow),
        (Role::Member, &branch, &branch, Deny, Deny, Allow),
        (Role::Member, &branch, &sibling, Hidden, Hidden, Hidden),
        (Role::GridLeader, &branch, &branch, Hidden, Hidden, Hidden),
        (Role::SystemAdmin, &branch, &branch, Hidden, Hidden, Hidden),
    ];
    for (role, scope, target, read, record, publication) in cases {
        let a = actor(role, Some(scope.clone()), None);
        assert_eq!(decide(&a, Action::ReadDues, Target::Org(target)), read, "{role:?} read {target}");
        assert_eq!(decide(&a, Action::RecordDues, Target::Org(target)), record, "{role:?} record {target}");
        assert_eq!(decide(&a, Action::ReadDuesPublication, Target::Org(target)), publication, "{role:?} publication {target}");
    }
    let read_only = actor(Role::Secretary, Some(branch.clone()), Some(TokenAccess::Read));
    assert_eq!(decide(&read_only, Action::ReadDues, Target::Org(&branch)), Allow);
    assert_eq!(decide(&read_only, Action::RecordDues, Target::Org(&branch)), Deny);
}

#[test]
fn courses_reach_the_members_below_their_publisher_and_hours_are_read_by_their_owner() {
    let county = path(&[1]);
    let township = path(&[1, 2]);
    let branch = path(&[1, 2, 3]);
    let sibling = path(&[1, 4, 5]);
    use Decision::*;
    // (role, scope, course published at, may watch)
    let cases = [
        (Role::Member, &branch, &county, Allow),
        (Role::Member, &branch, &branch, Allow),
        (Role::Member, &branch, &sibling, Hidden),
        (Role::Member, &township, &branch, Hidden),
        (Role::Secretary, &township, &branch, Allow),
        (Role::Secretary, &branch, &county, Allow),
        (Role::Secretary, &branch, &sibling, Hidden),
        (Role::Viewer, &township, &county, Allow),
        (Role::GridLeader, &branch, &branch, Hidden),
    ];
    for (role, scope, course, watch) in cases {
        let a = actor(role, Some(scope.clone()), None);
        assert_eq!(decide(&a, Action::Study, Target::Course(course)), watch, "{role:?} at {scope} watches {course}");
    }
    // Recording trainings and reading the hours of an organization: its secretary and those above.
    for (role, scope, target, read, record) in [
        (Role::Secretary, &branch, &branch, Allow, Allow),
        (Role::Organizer, &township, &branch, Allow, Allow),
        (Role::Viewer, &township, &branch, Allow, Deny),
        (Role::Member, &branch, &branch, Deny, Deny),
        (Role::Secretary, &branch, &sibling, Hidden, Hidden),
    ] {
        let a = actor(role, Some(scope.clone()), None);
        assert_eq!(decide(&a, Action::ReadStudy, Target::Org(target)), read, "{role:?} read {target}");
        assert_eq!(decide(&a, Action::RecordStudy, Target::Org(target)), record, "{role:?} record {target}");
    }
    // A member reads their own hours and nobody else's.
    let me = Uuid::from_u128(7);
    let mut member = actor(Role::Member, Some(branch.clone()), None);
    if let Actor::Account(p) = &mut member {
        std::sync::Arc::make_mut(p).person_id = Some(me);
    }
    assert_eq!(decide(&member, Action::ReadStudy, Target::Own { person: me, org: &branch }), Allow);
    assert_eq!(decide(&member, Action::ReadStudy, Target::Own { person: Uuid::from_u128(8), org: &branch }), Deny);
    let secretary = actor(Role::Secretary, Some(branch.clone()), None);
    assert_eq!(decide(&secretary, Action::ReadStudy, Target::Own { person: me, org: &branch }), Allow);
    assert_eq!(decide(&secretary, Action::ReadStudy, Target::Own { person: me, org: &sibling }), Hidden);
}

#[test]
fn care_is_the_branch_s_and_a_member_logs_only_their_own_contacts() {
    let township = path(&[1, 2]);
    let branch = path(&[1, 2, 3]);
    let sibling = path(&[1, 4, 5]);
    use Decision::*;
    // (role, scope, target, read, record, log for anyone of the organization)
    for (role, scope, target, read, record, log) in [
        (Role::Secretary, &branch, &branch, Allow, Allow, Allow),
        (Role::Organizer, &township, &branch, Allow, Allow, Allow),
        (Role::Viewer, &township, &branch, Allow, Deny, Deny),
        (Role::Member, &branch, &branch, Deny, Deny, Deny),
        (Role::GridLeader, &branch, &branch, Hidden, Hidden, Hidden),
        (Role::Secretary, &branch, &sibling, Hidden, Hidden, Hidden),
    ] {
        let a = actor(role, Some(scope.clone()), None);
        assert_eq!(decide(&a, Action::ReadCare, Target::Org(target)), read, "{role:?} read {target}");
        assert_eq!(decide(&a, Action::RecordCare, Target::Org(target)), record, "{role:?} record {target}");
        let someone = Target::Own { person: Uuid::from_u128(9), org: target };
        assert_eq!(decide(&a, Action::LogContact, someone), log, "{role:?} logs for someone in {target}");
    }
    // A member logs their own contacts, not another member's, and reads no care records.
    let me = Uuid::from_u128(7);
    let mut member = actor(Role::Member, Some(branch.clone()), None);
    if let Actor::Account(p) = &mut member {
        std::sync::Arc::make_mut(p).person_id = Some(me);
    }
    assert_eq!(decide(&member, Action::LogContact, Target::Own { person: me, org: &branch }), Allow);
    assert_eq!(decide(&member, Action::LogContact, Target::Own { person: Uuid::from_u128(8), org: &branch }), Deny);
    assert_eq!(decide(&member, Action::ReadCare, Target::Own { person: me, org: &branch }), Deny);
    assert!(menu(&member).mine && !menu(&member).care);
    // A read-only token logs nothing, even its own.
    if let Actor::Account(p) = &mut member {
        std::sync::Arc::make_mut(p).token = Some(TokenAccess::Read);
    }
    assert_eq!(decide(&member, Action::LogContact, Target::Own { person: me, org: &branch }), Deny);
}

#[test]
fn points_are_read_by_the_branch_and_above_and_by_the_member_their_own() {
    let township = path(&[1, 2]);
    let branch = path(&[1, 2, 3]);
    let sibling = path(&[1, 4, 5]);
    use Decision::*;
    for (role, scope, target, read, record, approve) in [
        (Role::Secretary, &branch, &branch, Allow, Allow, Allow),
        (Role::Organizer, &township, &branch, Allow, Allow, Allow),
        (Role::Viewer, &township, &branch, Allow, Deny, Deny),
        (Role::Member, &branch, &branch, Deny, Deny, Deny),
        (Role::Secretary, &branch, &sibling, Hidden, Hidden, Hidden),
    ] {
        let a = actor(role, Some(scope.clone()), None);
        assert_eq!(decide(&a, Action::ReadPoints, Target::Org(target)), read, "{role:?} read {target}");
        assert_eq!(decide(&a, Action::RecordPoints, Target::Org(target)), record, "{role:?} record {target}");
        assert_eq!(decide(&a, Action::ApprovePoints, Target::Org(target)), approve, "{role:?} approve {target}");
    }
    let me = Uuid::from_u128(7);
    let mut member = actor(Role::Member, Some(branch.clone()), None);
    if let Actor::Account(p) = &mut member {
        std::sync::Arc::make_mut(p).person_id = Some(me);
    }
    assert_eq!(decide(&member, Action::ReadPoints, Target::Own { person: me, org: &branch }), Allow);
    assert_eq!(decide(&member, Action::ReadPoints, Target::Own { person: Uuid::from_u128(8), org: &branch }), Deny);
    assert_eq!(decide(&member, Action::RecordPoints, Target::Own { person: me, org: &branch }), Deny);
}

#[test]
fn development_is_run_by_the_branch_and_approved_only_from_above() {
    let township = path(&[1, 2]);
    let branch = path(&[1, 2, 3]);
    let sibling = path(&[1, 4, 5]);
    use Decision::*;
    // (role, scope, target, read, run, approve)
    let cases = [
        (Role::Secretary, &branch, &branch, Allow, Allow, Deny),
        (Role::Organizer, &township, &branch, Allow, Allow, Allow),
        (Role::Organizer, &township, &township, Allow, Allow, Deny),
        (Role::Organizer, &township, &sibling, Hidden, Hidden, Hidden),
        (Role::Secretary, &township, &branch, Allow, Allow, Allow),
        (Role::Viewer, &township, &branch, Allow, Deny, Deny),
        (Role::Member, &branch, &branch, Deny, Deny, Deny),
        (Role::GridLeader, &branch, &branch, Hidden, Hidden, Hidden),
    ];
    for (role, scope, target, read, run, approve) in cases {
        let a = actor(role, Some(scope.clone()), None);
        assert_eq!(decide(&a, Action::ReadDevelopment, Target::Org(target)), read, "{role:?} read {target}");
        assert_eq!(decide(&a, Action::RunDevelopment, Target::Org(target)), run, "{role:?} run {target}");
        assert_eq!(decide(&a, Action::ApproveDevelopment, Target::Org(target)), approve, "{role:?} approve {target}");
    }
    let read_only = actor(Role::Organizer, Some(township.clone()), Some(TokenAccess::Read));
    assert_eq!(decide(&read_only, Action::ReadDevelopment, Target::Org(&branch)), Allow);
    assert_eq!(decide(&read_only, Action::ApproveDevelopment, Target::Org(&branch)), Deny);
}

#[test]
fn meetings_are_run_by_the_secretary_and_read_by_their_members() {
    let own = path(&[1, 2]);
    let party_group = path(&[1, 2, 3]);
    let sibling = path(&[1, 4]);
    use Decision::*;
    // (role, target, read, run, approve)
    let cases = [
        (Role::Secretary, &own, Allow, Allow, Allow),
        (Role::Secretary, &party_group, Allow, Allow, Allow),
        (Role::Secretary, &sibling, Hidden, Hidden, Hidden),
        (Role::Organizer, &party_group, Allow, Allow, Allow),
        (Role::Viewer, &own, Allow, Deny, Deny),
        (Role::Member, &own, Allow, Deny, Deny),
        (Role::Member, &party_group, Hidden, Hidden, Hidden),
        (Role::GridLeader, &own, Hidden, Hidden, Hidden),
        (Role::SystemAdmin, &own, Hidden, Hidden, Hidden),
    ];
    for (role, target, read, run, approve) in cases {
        let a = actor(role, Some(own.clone()), None);
        assert_eq!(decide(&a, Action::ReadMeetings, Target::Org(target)), read, "{role:?} read {target}");
        assert_eq!(decide(&a, Action::RunMeetings, Target::Org(target)), run, "{role:?} run {target}");
        assert_eq!(decide(&a, Action::ApproveMinutes, Target::Org(target)), approve, "{role:?} approve {target}");
    }
    let read_only = actor(Role::Secretary, Some(own.clone()), Some(TokenAccess::Read));
    assert_eq!(decide(&read_only, Action::ReadMeetings, Target::Org(&own)), Allow);
    assert_eq!(decide(&read_only, Action::RunMeetings, Target::Org(&own)), Deny, "a read token records no meeting");
    assert!(menu(&actor(Role::Member, Some(own.clone()), None)).meetings);
    assert!(!menu(&actor(Role::GridLeader, None, None)).meetings);
}

#[test]
fn decisions_are_read_by_the_branch_and_recorded_by_its_secretary() {
    let own = path(&[1, 2]);
    let below = path(&[1, 2, 3]);
    let sibling = path(&[1, 4]);
    use Decision::*;
    // (role, target, read, run)
    let cases = [
        (Role::Secretary, &own, Allow, Allow),
        (Role::Secretary, &below, Allow, Allow),
        (Role::Secretary, &sibling, Hidden, Hidden),
        (Role::Organizer, &below, Allow, Allow),
        (Role::Viewer, &own, Allow, Deny),
        (Role::Member, &own, Allow, Deny),
        (Role::Member, &below, Hidden, Hidden),
        (Role::GridLeader, &own, Hidden, Hidden),
        (Role::AuditAdmin, &own, Hidden, Hidden),
    ];
    for (role, target, read, run) in cases {
        let a = actor(role, Some(own.clone()), None);
        assert_eq!(decide(&a, Action::ReadDecisions, Target::Org(target)), read, "{role:?} read {target}");
        assert_eq!(decide(&a, Action::RunDecisions, Target::Org(target)), run, "{role:?} run {target}");
    }
    let read_only = actor(Role::Secretary, Some(own.clone()), Some(TokenAccess::Read));
    assert_eq!(decide(&read_only, Action::ReadDecisions, Target::Org(&own)), Allow);
    assert_eq!(decide(&read_only, Action::RunDecisions, Target::Org(&own)), Deny, "a read token records no step");
    assert!(menu(&actor(Role::Member, Some(own.clone()), None)).decisions);
    assert!(!menu(&actor(Role::GridLeader, None, None)).decisions);
}

#[test]
fn a_member_casts_only_their_own_ballot() {
    let own = path(&[1, 2]);
    let me = Uuid::now_v7();
    let someone = Uuid::now_v7();
    let mut a = actor(Role::Member, Some(own.clone()), None);
    if let Actor::Account(p) = &mut a {
        std::sync::Arc::make_mut(p).person_id = Some(me);
    }
    assert_eq!(decide(&a, Action::Vote, Target::Own { person: me, org: &own }), Decision::Allow);
    assert_eq!(decide(&a, Action::Vote, Target::Own { person: someone, org: &own }), Decision::Deny);
    assert_eq!(decide(&a, Action::ReadElections, Target::Org(&own)), Decision::Allow);
    assert_eq!(decide(&a, Action::RunElections, Target::Org(&own)), Decision::Deny);
    // The secretary runs the election and casts at the kiosk for the voter in front of it.
    let sec = actor(Role::Secretary, Some(own.clone()), None);
    assert_eq!(decide(&sec, Action::Vote, Target::Own { person: someone, org: &own }), Decision::Allow);
    assert_eq!(decide(&sec, Action::RunElections, Target::Org(&path(&[1, 4]))), Decision::Hidden);
    let viewer = actor(Role::Viewer, Some(own.clone()), None);
    assert_eq!(decide(&viewer, Action::Vote, Target::Own { person: someone, org: &own }), Decision::Deny);
    let read_only = actor(Role::Secretary, Some(own.clone()), Some(TokenAccess::Read));
    assert_eq!(decide(&read_only, Action::Vote, Target::Own { person: someone, org: &own }), Decision::Deny);
}

#[test]
fn admin_roles_are_separated() {
    // Replacing the data key is for the console alone (the key lives outside the database).
    let fns = [Action::ManageAccounts, Action::ManageGrants, Action::ReadAudit, Action::ManageJobs, Action::RotateDataKey];
    let expect = [
        (Role::SystemAdmin, [true, false, false, true, false]),
        (Role::SecurityAdmin, [false, true, false, false, false]),
        (Role::AuditAdmin, [false, false, true, false, false]),
        (Role::Organizer, [false, false, false, false, false]),
    ];
    for (role, allowed) in expect {
        let a = actor(role, if role.is_admin() { None } else { Some(path(&[1])) }, None);
        for (f, ok) in fns.iter().zip(allowed) {
            assert_eq!(decide(&a, *f, Target::System) == Decision::Allow, ok, "{role:?} {f:?}");
        }
    }
}

#[test]
fn read_tokens_cannot_change() {
    let own = path(&[1, 2]);
    let a = actor(Role::Organizer, Some(own.clone()), Some(TokenAccess::Read));
    assert_eq!(decide(&a, Action::ReadOrg, Target::Org(&own)), Decision::Allow);
    assert_eq!(decide(&a, Action::ChangeOrg, Target::Org(&own)), Decision::Deny);
}

#[test]
fn areas_follow_the_granted_areas() {
    let village = path(&[10, 11]);
    let group = path(&[10, 11, 12]);
    let neighbour = path(&[10, 13]);
    let a = actor(Role::Secretary, Some(path(&[1, 2])), None);
    let Actor::Account(mut p) = a else { unreachable!() };
    std::sync::Arc::make_mut(&mut p).roles[0].areas = vec![village.clone()];
    let a = Actor::Account(p);
    assert_eq!(decide(&a, Action::ReadArea, Target::Area(&group)), Decision::Allow);
    assert_eq!(decide(&a, Action::ChangeArea, Target::Area(&group)), Decision::Deny);
    assert_eq!(decide(&a, Action::ReadArea, Target::Area(&neighbour)), Decision::Hidden);
}

#[test]
fn anonymous_sees_nothing() {
    let p = path(&[1]);
    assert_eq!(decide(&Actor::Anonymous, Action::ReadOrg, Target::Org(&p)), Decision::Hidden);
    assert_eq!(decide(&Actor::Anonymous, Action::ReadAudit, Target::System), Decision::Deny);
}

#[test]
fn people_follow_areas_orgs_and_grids() {
    let village = path(&[10, 11]);
    let neighbour = path(&[10, 12]);
    let branch = path(&[1, 2]);
    let industry = path(&[1, 3]);
    let mk = |role: Role, org: Option<TreePath>, areas: Vec<TreePath>, grids: Vec<Uuid>| {
        Actor::Account(std::sync::Arc::new(Principal {
            account_id: Uuid::nil(),
            username: "t".into(),
            display_name: "t".into(),
            roles: vec![ScopedRole { role, org, areas, grids }],
            token: None,
            password_expired: false,
            locale: crate::Locale::ZhCn,
            person_id: None,
        }))
    };
    let secretary = mk(Role::Secretary, Some(branch.clone()), vec![village.clone()], vec![]);
    let villager = Target::People { area: Some(&village), org: None, grid: None };
    let stranger = Target::People { area: Some(&neighbour), org: None, grid: None };
    let member_elsewhere = Target::People { area: Some(&neighbour), org: Some(&branch), grid: None };
    let industry_member = Target::People { area: Some(&neighbour), org: Some(&industry), grid: None };
    assert_eq!(decide(&secretary, Action::ReadPeople, villager), Decision::Allow);
    assert_eq!(decide(&secretary, Action::RevealSensitive, villager), Decision::Allow);
    assert_eq!(decide(&secretary, Action::ReadPeople, stranger), Decision::Hidden);
    assert_eq!(decide(&secretary, Action::ReadPeople, member_elsewhere), Decision::Allow, "own branch's member living elsewhere");
    assert_eq!(decide(&secretary, Action::ReadPeople, industry_member), Decision::Hidden);
    let viewer = mk(Role::Viewer, Some(branch.clone()), vec![village.clone()], vec![]);
    assert_eq!(decide(&viewer, Action::RevealSensitive, villager), Decision::Deny);
    assert_eq!(decide(&viewer, Action::ChangePeople, villager), Decision::Deny);
    let g1 = Uuid::from_u128(77);
    let g2 = Uuid::from_u128(78);
    let leader = mk(Role::GridLeader, None, vec![], vec![g1]);
    assert_eq!(decide(&leader, Action::ReadPeople, Target::People { area: Some(&village), org: None, grid: Some(g1) }), Decision::Allow);
    assert_eq!(decide(&leader, Action::ReadPeople, Target::People { area: Some(&village), org: None, grid: Some(g2) }), Decision::Hidden);
    assert_eq!(decide(&leader, Action::ReadPeople, villager), Decision::Hidden, "no grid, no access");
    assert_eq!(
        decide(&leader, Action::RevealSensitive, Target::People { area: Some(&village), org: None, grid: Some(g1) }),
        Decision::Deny
    );
}

#[test]
fn enterprises_are_the_area_s_and_a_member_records_only_their_own_service() {
    let township = path(&[1, 2]);
    let village = path(&[1, 2, 3]);
    let other = path(&[1, 4, 5]);
    use Decision::*;
    // (role, scope, target area, read, manage, record anyone's service)
    for (role, scope, target, read, manage, serve) in [
        (Role::Secretary, &village, &village, Allow, Allow, Allow),
        (Role::Organizer, &township, &village, Allow, Allow, Allow),
        (Role::Organizer, &township, &township, Allow, Allow, Allow),
        (Role::Viewer, &township, &village, Allow, Deny, Deny),
        (Role::Secretary, &village, &township, Hidden, Hidden, Hidden),
        (Role::Secretary, &village, &other, Hidden, Hidden, Hidden),
        (Role::GridLeader, &village, &village, Hidden, Hidden, Hidden),
    ] {
        let a = actor(role, Some(scope.clone()), None);
        assert_eq!(decide(&a, Action::ReadEnterprises, Target::Area(target)), read, "{role:?} read {target}");
        assert_eq!(decide(&a, Action::ManageEnterprises, Target::Area(target)), manage, "{role:?} manage {target}");
        assert_eq!(decide(&a, Action::ServeEnterprises, Target::Area(target)), serve, "{role:?} serve {target}");
    }
    let me = Uuid::from_u128(7);
    let mut member = actor(Role::Member, Some(village.clone()), None);
    if let Actor::Account(p) = &mut member {
        std::sync::Arc::make_mut(p).person_id = Some(me);
    }
    assert_eq!(decide(&member, Action::ServeEnterprises, Target::Own { person: me, org: &village }), Allow);
    assert_eq!(decide(&member, Action::ServeEnterprises, Target::Own { person: Uuid::from_u128(8), org: &village }), Deny);
    assert_eq!(decide(&member, Action::ManageEnterprises, Target::Area(&village)), Deny);
    assert_eq!(decide(&member, Action::ReadEnterprises, Target::Area(&village)), Deny);
    let reader = actor(Role::Secretary, Some(village.clone()), Some(TokenAccess::Read));
    assert_eq!(decide(&reader, Action::ManageEnterprises, Target::Area(&village)), Deny, "a read-only token changes nothing");
}

#[test]
fn the_candidate_pool_is_read_only_from_the_level_above() {
    let county = path(&[1]);
    let township = path(&[1, 2]);
    let branch = path(&[1, 2, 3]);
    use Decision::*;
    for (role, scope, target, read) in [
        (Role::Organizer, &township, &branch, Allow),
        (Role::Organizer, &county, &branch, Allow),
        (Role::Viewer, &county, &branch, Allow),
        (Role::Organizer, &township, &township, Deny),
        (Role::Secretary, &branch, &branch, Deny),
        (Role::Secretary, &township, &branch, Deny),
        (Role::Member, &branch, &branch, Deny),
        (Role::Organizer, &branch, &township, Hidden),
    ] {
        let a = actor(role, Some(scope.clone()), None);
        assert_eq!(decide(&a, Action::ReadLeaders, Target::Org(target)), read, "{role:?} at {scope} reads the pool of {target}");
    }
    assert!(menu(&actor(Role::Organizer, Some(township), None)).leaders);
    assert!(!menu(&actor(Role::Secretary, Some(branch), None)).leaders);
}

#[test]
fn dues_relief_is_proposed_by_the_branch_and_decided_only_from_above() {
    let township = path(&[1, 2]);
    let branch = path(&[1, 2, 3]);
    let sibling = path(&[1, 4, 5]);
    use Decision::*;
    // (role, scope, target, propose, decide)
    let cases = [
        (Role::Secretary, &branch, &branch, Allow, Deny),
        (Role::Organizer, &township, &branch, Allow, Allow),
        (Role::Organizer, &township, &township, Allow, Deny),
        (Role::Organizer, &township, &sibling, Hidden, Hidden),
        (Role::Viewer, &township, &branch, Deny, Deny),
        (Role::Member, &branch, &branch, Deny, Deny),
    ];
    for (role, scope, target, propose, approve) in cases {
        let a = actor(role, Some(scope.clone()), None);
        assert_eq!(decide(&a, Action::RecordDues, Target::Org(target)), propose, "{role:?} propose {target}");
        assert_eq!(decide(&a, Action::ApproveDuesRelief, Target::Org(target)), approve, "{role:?} decide {target}");
    }
    let read_only = actor(Role::Organizer, Some(township.clone()), Some(TokenAccess::Read));
    assert_eq!(decide(&read_only, Action::ApproveDuesRelief, Target::Org(&branch)), Deny);
}

#[test]
fn elections_are_approved_and_their_candidates_fixed_only_from_above() {
    let own = path(&[1, 2]);
    let below = path(&[1, 2, 3]);
    use Decision::*;
    let cases = [
        (Role::Secretary, &own, Deny),
        (Role::Secretary, &below, Allow),
        (Role::Organizer, &own, Deny),
        (Role::Organizer, &below, Allow),
        (Role::Viewer, &below, Deny),
        (Role::Member, &own, Deny),
    ];
    for (role, target, approve) in cases {
        let a = actor(role, Some(own.clone()), None);
        assert_eq!(decide(&a, Action::ApproveElection, Target::Org(target)), approve, "{role:?} approve {target}");
    }
    let read_only = actor(Role::Organizer, Some(own.clone()), Some(TokenAccess::Read));
    assert_eq!(decide(&read_only, Action::ApproveElection, Target::Org(&below)), Deny);
}

#[test]
fn tasks_are_handed_down_by_staff_and_read_by_viewers_never_by_members() {
    let own = path(&[1, 2]);
    let below = path(&[1, 2, 3]);
    let sibling = path(&[1, 4]);
    use Decision::*;
    // (role, target, read, run)
    let cases = [
        (Role::Secretary, &own, Allow, Allow),
        (Role::Secretary, &below, Allow, Allow),
        (Role::Secretary, &sibling, Hidden, Hidden),
        (Role::Organizer, &below, Allow, Allow),
        (Role::Viewer, &below, Allow, Deny),
        (Role::Member, &own, Deny, Deny),
        (Role::GridLeader, &own, Hidden, Hidden),
    ];
    for (role, target, read, run) in cases {
        let a = actor(role, Some(own.clone()), None);
        assert_eq!(decide(&a, Action::ReadTasks, Target::Org(target)), read, "{role:?} read {target}");
        assert_eq!(decide(&a, Action::RunTasks, Target::Org(target)), run, "{role:?} run {target}");
    }
    let read_only = actor(Role::Secretary, Some(own.clone()), Some(TokenAccess::Read));
    assert_eq!(decide(&read_only, Action::RunTasks, Target::Org(&own)), Deny, "a read token reports nothing");
    assert!(menu(&actor(Role::Secretary, Some(own.clone()), None)).tasks);
    assert!(!menu(&actor(Role::Member, Some(own.clone()), None)).tasks);
}
