//! The single place that answers "may this actor do this to this thing". Use cases call
//! [`Ctx::authorize`](crate::Ctx::authorize); nothing else decides permissions.
//!
//! Scoped roles reach a subtree of organizations and the areas those organizations serve. The
//! three administrator roles reach only their own functions, never organization data.

use lianxin_core::{accounts::Role, tree::TreePath};
use uuid::Uuid;

use crate::{Actor, AppError, Ctx, Result, ScopedRole, TokenAccess, journal::Stale};

impl Ctx {
    /// Asks [`decide`] and, on a denial, audits it and returns 404 when the target is
    /// outside what the actor may see, 403 otherwise.
    pub async fn authorize(&self, action: Action, target: Target<'_>, target_kind: &str, target_id: Option<&str>) -> Result<()> {
        let decision = decide(&self.actor, action, target);
        if decision == Decision::Allow {
            return Ok(());
        }
        if matches!(self.actor, Actor::Anonymous) && !matches!(target, Target::System | Target::Account { .. }) {
            return Err(AppError::Unauthenticated);
        }
        crate::journal::record_alone(
            self,
            Stale::Nothing,
            action.as_str(),
            target_kind,
            target_id,
            lianxin_core::audit::DENIED,
            serde_json::json!({ "decision": format!("{decision:?}") }),
        )
        .await?;
        Err(match (decision, target) {
            (Decision::Hidden, _) => AppError::NotFound,
            // Their own duty, on an account that only the console changes: say so.
            (_, Target::Account { admin: true }) if allowed_on_accounts(&self.actor, action) => {
                AppError::Refused { key: "error-admin-account-console" }
            }
            _ => AppError::Forbidden,
        })
    }
}

/// The organizations the actor acts for (whose appeal queues they may read, whose notices they
/// receive), first the one they act for.
pub fn acting_orgs(ctx: &Ctx) -> Vec<(Uuid, TreePath)> {
    let Some(p) = ctx.actor.principal() else { return Vec::new() };
    let mut out: Vec<(Uuid, TreePath)> = Vec::new();
    for r in &p.roles {
        if let Some(root) = &r.org
            && role_allows(r.role, Action::ReadAppeals)
            && r.role != lianxin_core::accounts::Role::Member
            && let Some(id) = root.last_id()
            && !out.iter().any(|(o, _)| *o == id)
        {
            out.push((id, root.clone()));
        }
    }
    out
}

/// Whether the actor's roles allow `action` on ordinary accounts (their duty), so a refusal on an
/// administrator's account is about that account, not about the duty.
fn allowed_on_accounts(actor: &Actor, action: Action) -> bool {
    matches!(decide(actor, action, Target::Account { admin: false }), Decision::Allow)
}

/// Whether the actor holds a role that allows `action` somewhere: for showing a link or a button.
/// The use case behind it still decides on the thing itself.
pub fn may_somewhere(actor: &Actor, action: Action) -> bool {
    actor.principal().is_some_and(|p| p.roles.iter().any(|r| role_allows(r.role, action)))
}

/// The sections a signed-in actor's menu leads to, decided from their roles here rather than by
/// each page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Menu {
    /// A grid leader's work is their grid: one link per grid.
    pub grids: Vec<Uuid>,
    pub orgs: bool,
    pub areas: bool,
    /// The people rolls: for roles that read people across an organization (not a grid's).
    pub people: bool,
    /// The appeal queues and the staff inbox.
    pub appeals: bool,
    pub accounts: bool,
    pub audit: bool,
    /// Filing an appeal on a villager's behalf.
    pub file: bool,
    /// Meetings and their cadence compliance.
    pub meetings: bool,
    /// Village matters under 四议两公开.
    pub decisions: bool,
    /// Elections of the organization's committee.
    pub elections: bool,
    /// Member development cases.
    pub development: bool,
    /// Party dues: the book for those who keep it, the yearly publication for members.
    pub dues: bool,
    /// Study: courses to watch, and the year's hours.
    pub study: bool,
    /// Care: difficulties, visits, pairs and household contacts of an organization.
    pub care: bool,
    /// A member's own linked households and pairs, to log contacts.
    pub mine: bool,
    /// Points standings of an organization.
    pub points: bool,
    /// Enterprises and cooperatives of an area.
    pub enterprises: bool,
    /// The leaders' candidate pools of the organizations below.
    pub leaders: bool,
    /// Tasks handed down and their roll-up.
    pub tasks: bool,
}

pub fn menu(actor: &Actor) -> Menu {
    let Some(p) = actor.principal() else { return Menu::default() };
    Menu {
        grids: p.roles.iter().filter(|r| r.role == Role::GridLeader).flat_map(|r| r.grids.iter().copied()).collect(),
        orgs: may_somewhere(actor, Action::ReadOrg),
        areas: may_somewhere(actor, Action::ReadArea),
        people: p.roles.iter().any(|r| role_allows(r.role, Action::ReadPeople) && role_allows(r.role, Action::ReadOrg)),
        appeals: may_somewhere(actor, Action::ReadAppeals),
        accounts: may_somewhere(actor, Action::ManageAccounts) || may_somewhere(actor, Action::ManageGrants),
        audit: may_somewhere(actor, Action::ReadAudit),
        file: may_somewhere(actor, Action::FileAppeal),
        meetings: may_somewhere(actor, Action::ReadMeetings),
        decisions: may_somewhere(actor, Action::ReadDecisions),
        elections: may_somewhere(actor, Action::ReadElections),
        development: may_somewhere(actor, Action::ReadDevelopment),
        dues: may_somewhere(actor, Action::ReadDuesPublication),
        study: may_somewhere(actor, Action::Study),
        care: may_somewhere(actor, Action::ReadCare),
        mine: p.person_id.is_some() && p.roles.iter().any(|r| r.role == Role::Member),
        points: may_somewhere(actor, Action::ReadPoints),
        enterprises: may_somewhere(actor, Action::ReadEnterprises),
        leaders: may_somewhere(actor, Action::ReadLeaders),
        tasks: may_somewhere(actor, Action::ReadTasks),
    }
}

/// The organization an actor's work on `action` starts from: the root of the first scope whose
/// role may do it.
pub fn home_org(actor: &Actor, action: Action) -> Option<Uuid> {
    let p = actor.principal()?;
    p.roles.iter().filter(|r| role_allows(r.role, action)).find_map(|r| r.org.as_ref().and_then(TreePath::last_id))
}

/// The area an actor's work on `action` starts from: the first area of the first scope whose
/// role may do it.
pub fn home_area(actor: &Actor, action: Action) -> Option<Uuid> {
    let p = actor.principal()?;
    p.roles.iter().filter(|r| role_allows(r.role, action)).find_map(|r| r.areas.first().and_then(TreePath::last_id))
}

/// What is being attempted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    ReadOrg,
    ChangeOrg,
    ReadArea,
    ChangeArea,
    /// Create, disable and reset accounts (system administrator).
    ManageAccounts,
    /// Grant and revoke roles, unlock accounts, reset second factors (security administrator).
    ManageGrants,
    /// Read and verify the audit log (audit administrator).
    ReadAudit,
    /// Inspect and trigger scheduled jobs (system administrator).
    ManageJobs,
    /// Read people, households and member records (sensitive fields masked).
    ReadPeople,
    /// Create and change them, import rosters, transfer members.
    ChangePeople,
    /// See a full ID number or phone (each reveal is audited).
    RevealSensitive,
    /// Read appeals with their private parts (masked requester, internal notes).
    ReadAppeals,
    /// Act on appeals: accept, note, resolve, reject, reassign, escalate, add co-handlers.
    HandleAppeals,
    /// File an appeal on a villager's behalf (walk-in, phone call, visit, API, Open311 key).
    FileAppeal,
    /// Edit the duty matrix: categories (county), village overrides and designated handlers.
    SetupAppeals,
    /// Re-encrypt every sealed value under a new data key: the operator at the console only, as
    /// the key itself lives outside the database.
    RotateDataKey,
    /// Read an organization's meetings, minutes, attendance and cadence compliance (a member: of
    /// their own organization).
    ReadMeetings,
    /// Plan, notice, hold and record meetings, write minutes, record votes and appraisals.
    RunMeetings,
    /// Approve minutes, which locks them (the secretary).
    ApproveMinutes,
    /// Read an organization's village matters under 四议两公开, their steps and disclosures (a
    /// member: of their own organization, whose assembly reviews them).
    ReadDecisions,
    /// Open a matter and record its steps: the votes of the meetings, the villagers' or
    /// representatives' meeting, the disclosures.
    RunDecisions,
    /// Read an organization's elections: candidates, the roll, the public board and the result
    /// (a member: of their own organization).
    ReadElections,
    /// Prepare an election, open and close its rounds, and cast at the kiosk for a voter present.
    RunElections,
    /// Cast one's own ballot (a member, on their own phone: `Target::Own`).
    Vote,
    /// Read the tasks an organization issued and the parts handed to it, with their roll-up.
    ReadTasks,
    /// Hand a task down, split a part, report progress and return a part for rework.
    RunTasks,
    /// Fix the official candidates from the public recommendation and approve the result: the
    /// committee *above* the organization electing, never the organization itself.
    ApproveElection,
    /// Read the member development cases of an organization (applicants' files: not for members).
    ReadDevelopment,
    /// Open a case and record its steps (the branch: talks, votes, training, notice).
    RunDevelopment,
    /// Approve an admission (细则 第二十四条): the committee *above* the branch, never the branch
    /// itself.
    ApproveDevelopment,
    /// Read an organization's dues book: each member's base, amount and payments (incomes can
    /// be read off bases: not for members).
    ReadDues,
    /// Fix the year's bases, record payments (also by the branch on a member's behalf), import
    /// them, publish the year.
    RecordDues,
    /// Approve or reject a branch's proposal to reduce or waive a member's dues (第七条): the
    /// party committee above decides.
    ApproveDuesRelief,
    /// Read the yearly publication of an organization's dues (a member: of their own branch).
    ReadDuesPublication,
    /// Watch the courses published for an organization (`Target::Course`) and report what was
    /// played.
    Study,
    /// Read an organization's study hours: each member's year against the requirement.
    ReadStudy,
    /// Publish courses and record trainings with their attendees.
    RecordStudy,
    /// Read an organization's care records: members in difficulty, visits, pairs, and which
    /// linked households went without contact (personal circumstances: not for members).
    ReadCare,
    /// Register difficulties, plan and record visits, set up pairs.
    RecordCare,
    /// Log a contact: with a linked household (联户) or in a pair. A member logs their own
    /// (`Target::Own`); the branch may log for any of its members.
    LogContact,
    /// Read an organization's points standings and each member's points with their evidence (a
    /// member: their own, `Target::Own`).
    ReadPoints,
    /// Enter points by hand with their evidence.
    RecordPoints,
    /// Approve or reject points entered by hand (never one's own entry: the use case checks).
    ApprovePoints,
    /// Read the enterprises and cooperatives of an area: who serves them, their offers, what
    /// members did for them.
    ReadEnterprises,
    /// Register enterprises and cooperatives, link the members who serve them, publish and
    /// withdraw their offers.
    ManageEnterprises,
    /// Record what a member did for an enterprise: the member who serves it for themself
    /// (`Target::Own`), the staff of the area for anyone.
    ServeEnterprises,
    /// Read the leaders' candidate pool of an organization: for the level above only, as the
    /// township prepares an election.
    ReadLeaders,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::ReadOrg => "org.read",
            Action::ChangeOrg => "org.change",
            Action::ReadArea => "area.read",
            Action::ChangeArea => "area.change",
            Action::ManageAccounts => "accounts.manage",
            Action::ManageGrants => "grants.manage",
            Action::ReadAudit => "audit.read",
            Action::ManageJobs => "jobs.manage",
            Action::ReadPeople => "people.read",
            Action::ChangePeople => "people.change",
            Action::RevealSensitive => "people.reveal",
            Action::ReadAppeals => "appeals.read",
            Action::HandleAppeals => "appeals.handle",
            Action::FileAppeal => "appeals.file",
            Action::SetupAppeals => "appeals.setup",
            Action::RotateDataKey => "data_key.rotate",
            Action::ReadMeetings => "meetings.read",
            Action::RunMeetings => "meetings.run",
            Action::ApproveMinutes => "meetings.approve",
            Action::ReadDecisions => "decisions.read",
            Action::RunDecisions => "decisions.run",
            Action::ReadElections => "elections.read",
            Action::RunElections => "elections.run",
            Action::Vote => "elections.vote",
            Action::ApproveElection => "elections.approve",
            Action::ReadTasks => "tasks.read",
            Action::RunTasks => "tasks.run",
            Action::ReadDevelopment => "development.read",
            Action::RunDevelopment => "development.run",
            Action::ApproveDevelopment => "development.approve",
            Action::ReadDues => "dues.read",
            Action::RecordDues => "dues.record",
            Action::ApproveDuesRelief => "dues.approve_relief",
            Action::ReadDuesPublication => "dues.read_publication",
            Action::Study => "study.watch",
            Action::ReadStudy => "study.read",
            Action::RecordStudy => "study.record",
            Action::ReadCare => "care.read",
            Action::RecordCare => "care.record",
            Action::LogContact => "care.contact",
            Action::ReadPoints => "points.read",
            Action::RecordPoints => "points.record",
            Action::ApprovePoints => "points.approve",
            Action::ReadEnterprises => "enterprises.read",
            Action::ManageEnterprises => "enterprises.manage",
            Action::ServeEnterprises => "enterprises.serve",
            Action::ReadLeaders => "leaders.read",
        }
    }

    /// Whether the action needs a token with write access: every change, and revealing an ID
    /// number or phone.
    fn changes(self) -> bool {
        !matches!(
            self,
            Action::ReadOrg
                | Action::ReadArea
                | Action::ReadAudit
                | Action::ReadPeople
                | Action::ReadAppeals
                | Action::ReadMeetings
                | Action::ReadDecisions
                | Action::ReadElections
                | Action::ReadDevelopment
                | Action::ReadDues
                | Action::ReadDuesPublication
                | Action::ReadStudy
                | Action::ReadCare
                | Action::ReadPoints
                | Action::ReadEnterprises
                | Action::ReadLeaders
                | Action::ReadTasks
        )
    }
}

/// What the action is aimed at.
#[derive(Clone, Copy, Debug)]
pub enum Target<'a> {
    Org(&'a TreePath),
    Area(&'a TreePath),
    /// An account to change; `admin` when it holds an administrator role. Administrator accounts
    /// are changed only from the console, so no administrator can lock out, take over or silence
    /// another (MLPS level 3).
    Account {
        admin: bool,
    },
    /// A function of the whole system (accounts, grants, audit, jobs).
    System,
    /// A person, household or member record: where they live, the organization a member
    /// belongs to, and the grid of their household.
    People {
        area: Option<&'a TreePath>,
        org: Option<&'a TreePath>,
        grid: Option<Uuid>,
    },
    /// An appeal: the organization whose queue holds it, the village it came from, and the
    /// person handling it.
    Appeal {
        org: &'a TreePath,
        village: &'a TreePath,
        handler: Option<Uuid>,
    },
    /// A course, published by the organization at this path for its members and those below.
    Course(&'a TreePath),
    /// A person's own record (their study hours): `person` is whose it is, `org` their
    /// organization.
    Own {
        person: Uuid,
        org: &'a TreePath,
    },
}

/// The answer, with the reason kept for the audit entry of a denial.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// Denied, but the actor may see the thing exists (answer 403).
    Deny,
    /// Denied, and the thing is outside what the actor may see at all (answer 404).
    Hidden,
}

/// What a scoped role may do to organizations and areas inside its scope.
pub(crate) fn role_allows(role: Role, action: Action) -> bool {
    use Action::*;
    match role {
        // An organizer (组织委员 of a township or county) may do what a secretary may, change
        // areas, and read the candidate pools of the organizations below.
        Role::Organizer => matches!(action, ChangeArea | ReadLeaders) || role_allows(Role::Secretary, action),
        Role::Secretary => matches!(
            action,
            ReadOrg
                | ChangeOrg
                | ReadArea
                | ReadPeople
                | ChangePeople
                | RevealSensitive
                | ReadAppeals
                | HandleAppeals
                | FileAppeal
                | SetupAppeals
                | ReadMeetings
                | RunMeetings
                | ApproveMinutes
                | ReadDecisions
                | RunDecisions
                | ReadElections
                | RunElections
                | Vote
                | ApproveElection
                | ReadTasks
                | RunTasks
                | ReadDevelopment
                | RunDevelopment
                | ApproveDevelopment
                | ApproveDuesRelief
                | ReadDues
                | RecordDues
                | ReadDuesPublication
                | Study
                | ReadStudy
                | RecordStudy
                | ReadCare
                | RecordCare
                | LogContact
                | ReadPoints
                | RecordPoints
                | ApprovePoints
                | ReadEnterprises
                | ManageEnterprises
                | ServeEnterprises
        ),
        Role::Viewer => matches!(
            action,
            ReadOrg
                | ReadArea
                | ReadPeople
                | ReadAppeals
                | ReadMeetings
                | ReadDecisions
                | ReadElections
                | ReadDevelopment
                | ReadDues
                | ReadDuesPublication
                | Study
                | ReadStudy
                | ReadCare
                | ReadPoints
                | ReadEnterprises
                | ReadLeaders
                | ReadTasks
        ),
        // A member handles the appeals routed to them, files for the households they serve and
        // reads their own organization's meetings and dues publication.
        Role::Member => {
            matches!(
                action,
                ReadOrg
                    | ReadArea
                    | ReadAppeals
                    | HandleAppeals
                    | FileAppeal
                    | ReadMeetings
                    | ReadDecisions
                    | ReadElections
                    | ReadDuesPublication
                    | Study
            )
        }
        Role::GridLeader => matches!(action, ReadPeople | FileAppeal),
        Role::SystemAdmin => matches!(action, ManageAccounts | ManageJobs),
        Role::SecurityAdmin => matches!(action, ManageGrants),
        Role::AuditAdmin => matches!(action, ReadAudit),
    }
}

/// Whether a scoped role reaches `target`. A member reaches only the organization they belong
/// to, not the organizations below it.
fn reaches(r: &ScopedRole, target: Target<'_>) -> bool {
    match target {
        Target::Org(p) => match (&r.org, r.role) {
            (Some(root), Role::Member) => p == root,
            (Some(root), _) => p.is_within(root),
            (None, _) => false,
        },
        Target::Area(p) => r.areas.iter().any(|a| p.is_within(a)),
        Target::System => r.role.is_admin(),
        Target::Account { admin } => r.role.is_admin() && !admin,
        Target::People { area, org, grid } => {
            // A grid leader reaches the households of their grids only.
            if r.role == Role::GridLeader {
                return grid.is_some_and(|g| r.grids.contains(&g));
            }
            let by_area = area.is_some_and(|p| r.areas.iter().any(|a| p.is_within(a)));
            let by_org = org.is_some_and(|p| r.org.as_ref().is_some_and(|root| p.is_within(root)));
            by_area || by_org
        }
        Target::Appeal { .. } => false,
        // A course reaches the members of the publishing organization and of those below it;
        // staff also reach the courses published inside their scope.
        Target::Course(p) => match (&r.org, r.role) {
            (Some(root), Role::Member) => root.is_within(p),
            (Some(root), _) => root.is_within(p) || p.is_within(root),
            (None, _) => false,
        },
        // Whose it is reads it; otherwise it is an organization's record like any other.
        Target::Own { org, .. } => reaches(r, Target::Org(org)),
    }
}

/// Whether a scoped role reaches an appeal for `action`. Handling needs the appeal in the role's
/// organization subtree (once escalated, the village can no longer act on it, only read); reading
/// also reaches the appeals of the villages the role serves. A member reaches only the appeals
/// handed to them; filing needs the village among the role's areas.
fn reaches_appeal(r: &ScopedRole, person: Option<Uuid>, action: Action, org: &TreePath, village: &TreePath, handler: Option<Uuid>) -> bool {
    let by_area = r.areas.iter().any(|a| village.is_within(a));
    if action == Action::FileAppeal {
        return by_area;
    }
    let mine = person.is_some() && handler == person;
    match r.role {
        Role::Member => mine,
        Role::GridLeader => false,
        _ => {
            let by_org = r.org.as_ref().is_some_and(|root| org.is_within(root));
            match action {
                Action::ReadAppeals => by_org || by_area,
                _ => by_org,
            }
        }
    }
}

fn allowed(roles: &[ScopedRole], person: Option<Uuid>, action: Action, target: Target<'_>) -> bool {
    roles.iter().any(|r| {
        // A member reads their own study hours, though not their organization's, and logs
        // their own contacts with households and in pairs.
        if let Target::Own { person: whose, .. } = target
            && matches!(action, Action::ReadStudy | Action::LogContact | Action::ReadPoints | Action::ServeEnterprises | Action::Vote)
            && r.role == Role::Member
            && person == Some(whose)
        {
            return true;
        }
        role_allows(r.role, action)
            && match target {
                Target::Appeal { org, village, handler } => reaches_appeal(r, person, action, org, village, handler),
                // Approval belongs to the level above: a role reaches only organizations strictly
                // below its own.
                // The candidate pool too: a branch does not rank its own members for election.
                Target::Org(p)
                    if matches!(
                        action,
                        Action::ApproveDevelopment | Action::ApproveDuesRelief | Action::ReadLeaders | Action::ApproveElection
                    ) =>
                {
                    reaches(r, target) && r.org.as_ref() != Some(p)
                }
                _ => reaches(r, target),
            }
    })
}

/// Whether someone without an account may act on an appeal as the person who filed it: they hold
/// its private link (the key matched), or they signed in with the phone it was filed with.
pub fn requester_may(key_matches: bool, signed_in_phone: Option<&str>, appeal_phone: Option<&str>) -> bool {
    key_matches || signed_in_phone.is_some_and(|p| appeal_phone == Some(p))
}

/// Decides whether `actor` may perform `action` on `target`.
pub fn decide(actor: &Actor, action: Action, target: Target<'_>) -> Decision {
    match actor {
        // The operator at the console and the scheduler act for the system itself.
        Actor::System(_) => Decision::Allow,
        Actor::Anonymous => match target {
            Target::System | Target::Account { .. } => Decision::Deny,
            _ => Decision::Hidden,
        },
        Actor::Account(p) => {
            if action.changes() && p.token == Some(TokenAccess::Read) {
                return Decision::Deny;
            }
            if allowed(&p.roles, p.person_id, action, target) {
                return Decision::Allow;
            }
            let can_see = match target {
                Target::Org(_) => allowed(&p.roles, p.person_id, Action::ReadOrg, target),
                Target::Area(_) => allowed(&p.roles, p.person_id, Action::ReadArea, target),
                Target::People { .. } => allowed(&p.roles, p.person_id, Action::ReadPeople, target),
                Target::Appeal { .. } => allowed(&p.roles, p.person_id, Action::ReadAppeals, target),
                Target::Course(_) => allowed(&p.roles, p.person_id, Action::Study, target),
                Target::Own { org, .. } => allowed(&p.roles, p.person_id, Action::ReadOrg, Target::Org(org)),
                Target::System | Target::Account { .. } => true,
            };
            if can_see { Decision::Deny } else { Decision::Hidden }
        }
    }
}

#[cfg(test)]
mod tests;
