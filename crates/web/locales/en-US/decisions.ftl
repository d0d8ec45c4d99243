## Four deliberations, two disclosures: democratic decisions on village matters

nav-decisions = Village decisions
page-decisions-of = { $name } · village decisions
page-decisions-board = { $name } · decisions board
help-decisions = Major village matters go through four deliberations and two disclosures: the party organization proposes, the joint meeting of the two committees deliberates, the members' assembly reviews, the villagers' meeting or the representatives' meeting resolves, then the resolution and the result of its implementation are disclosed. Each step happens at a recorded meeting and is counted by that meeting's quorum and majority.
label-decision-rules = The rules
label-decision-board = Decisions board
label-decision-open = Matters in progress
label-decision-all = All matters
label-decision-finished = Finished
label-decision-overdue = Disclosure overdue
label-decision-reserved = For the villagers' meeting
label-decision-steps = Steps taken
label-decision-meeting = Meeting record
label-decision-record = Record:
label-decision-present = Present:
label-decision-absent = Absent:
label-decision-vote = Vote
label-decision-delegated = Delegated by the villagers' meeting to the representatives' meeting.
label-decision-numbers = Should attend { $base }, present { $present }; yes { $yes }, no { $no }, abstain { $abstain }.
label-decision-village-meeting = { $body }, held at { $place }.
label-decision-settings = Disclosed within { $days } days of the resolution (or of the planned end of the implementation) (local setting).
btn-decision-open = New matter
btn-decision-record = Record this step
btn-decision-skip = Decide within the two committees' powers, without a villagers' meeting
field-decision-title = Matter
field-decision-kind = Kind of matter
field-decision-description = What is proposed
field-decision-search = Find by name
field-decision-next = Next step
field-decision-opened = Entered on
field-decision-opened-by = Recorded by
field-decision-vote = Vote at the meeting
field-decision-body = Body that resolves
field-decision-held-on = Meeting date
field-decision-place = Meeting place
field-decision-adults-present = Villagers aged 18 or over present
field-decision-households-present = Household representatives present
field-decision-representatives-present = Representatives present ({ $count } in all; tick those present)
field-decision-delegated = The villagers' meeting delegated this matter to the representatives' meeting
field-decision-yes = Yes votes
field-decision-no = No votes
field-decision-abstain = Abstentions
field-decision-disclosed-on = Disclosed on
field-decision-disclosed = What was disclosed and where (e.g. the resolution posted on the village affairs board)
field-decision-finish-by = Implementation to be finished by
field-decision-on = Date
field-decision-skip-reason = Reason (why it is within the two committees' powers)
help-decision-kind = The first nine are the matters the villagers' meeting decides (Organic Law of Villagers' Committees, art. 24); none of their steps may be skipped. Choose "general matter" for anything else.
help-decision-reserved = This matter is decided by the villagers' meeting (or the representatives' meeting it delegates); no step may be skipped.
help-decision-vote = First hold the meeting under Meetings and record its attendance and vote, then choose that vote here.
help-decision-merge = Under the local one-person-two-posts rule, the proposal may be made at the joint meeting of the two committees, which then counts as the deliberation too.
help-decision-resolution = A villagers' meeting needs more than half of the villagers aged 18 or over, or representatives of two thirds of the households; a representatives' meeting needs two thirds of its members. A resolution passes with more than half of those present. Without a quorum there is no vote.
help-decision-villagers-roll = By the people records the village has { $adults } villagers aged 18 or over in { $households } households.
help-decision-disclose = The resolution and the result of its implementation are each disclosed within { $days } days (of the resolution, of the planned end); an overdue disclosure is reported to the level above.
help-decision-skip = Only a general matter may be decided this way; a matter for the villagers' meeting cannot skip it.
help-decision-board = The village's matters decided by the four deliberations and two disclosures, with their resolutions and results.
msg-decision-none = No matters.
msg-decision-no-steps = No step recorded yet.
msg-decision-no-votes = No meeting vote is available yet.
msg-decision-no-representatives = The people records hold no representative in office. Register the representatives in the representatives' assembly first.
msg-decision-board-empty = Nothing disclosed yet.
notice-disclosure-overdue = Disclosure overdue: { $body }

decision-step-proposal = Proposal by the party organization
decision-step-deliberation = Deliberation by the two committees
decision-step-review = Review by the members' assembly
decision-step-resolution = Resolution of the villagers' or representatives' meeting
decision-step-resolution-disclosed = Resolution disclosed
decision-step-result-disclosed = Result disclosed
decision-outcome-passed = Passed
decision-outcome-failed = Not passed
decision-outcome-done = Disclosed
decision-outcome-skipped = Not put to a villagers' meeting
decision-body-villagers = Villagers' meeting
decision-body-representatives = Representatives' meeting
matter-kind-allowances = Who is paid for lost work, and how much
matter-kind-collective-income = Use of the collective's income
matter-kind-public-works = Public works, with money or labour raised
matter-kind-land-contracting = Land contracting
matter-kind-collective-projects = Collective economic projects
matter-kind-homesteads = Use of homesteads
matter-kind-compensation = Use and sharing of land compensation
matter-kind-asset-disposal = Disposal of collective assets (loans, leases…)
matter-kind-villagers-interest = Other matters of the villagers' interest
matter-kind-general = General matter

error-decision-order = Steps go in order: this one cannot be recorded now.
error-decision-reserved = This matter is for the villagers' meeting: its resolution cannot be skipped.
error-decision-closed = This matter is finished.
error-decision-vote-required = Choose a vote taken at a meeting.
error-decision-wrong-meeting = That vote was not taken at this organization's meeting of the kind this step needs.
error-decision-vote-used = That vote already counts for another step.
error-decision-before-last = The date cannot be before the previous step's.
error-decision-no-quorum = Not enough present: this meeting cannot vote.
error-decision-reserved-villagers = This matter is for the villagers' meeting; the representatives' meeting may decide it only when delegated — tick the delegation.
error-decision-no-roll = The people records hold no villagers or households of this village, so a villagers' meeting cannot be counted.
error-decision-no-representatives = The people records hold no representative in office.
error-decision-not-on-roll = Someone ticked is not on the representatives' roll.
error-decision-over-roll = More present than the village's villagers or households.
error-decision-finish-before = The planned end cannot be before the disclosure.

reason-decision-order = { $met ->
    [yes] Every step before it is done: "{ $step }" may be taken now.
   *[no] "{ $expected }" comes next; "{ $step }" cannot be taken yet.
}
reason-decision-finished = All six steps are done.
reason-decision-reserved = { $met ->
    [yes] "{ $matter_kind }" is for the villagers' meeting: no step may be skipped.
   *[no] "{ $matter_kind }" is for the villagers' meeting: its resolution cannot be skipped.
}
reason-decision-skip = { $met ->
    [yes] A general matter may be decided within the two committees' powers without a villagers' meeting; it is still disclosed.
   *[no] Only the resolution may be taken this way.
}
reason-decision-committee-passes = { $met ->
    [yes] { $yes } yes votes, more than half of the { $members } who should attend (at least { $need }): passed.
   *[no] { $yes } yes votes, not more than half of the { $members } who should attend (at least { $need }): not passed.
}
reason-review-quorum = { $met ->
    [yes] { $present } members present, at least two thirds of the { $members } who should attend (at least { $need }): the assembly may review.
   *[no] { $present } members present, fewer than two thirds of the { $members } who should attend (at least { $need }): the assembly cannot review.
}
reason-review-passes = { $met ->
    [yes] { $yes } yes votes, more than half of the { $members } members who should attend (at least { $need }): approved.
   *[no] { $yes } yes votes, not more than half of the { $members } members who should attend (at least { $need }): not approved.
}
reason-disclosure-due = { $met ->
    [yes] Due within { $days } days of { $from }, by { $due }{ $on ->
        [none] ; not yet due
       *[other] ; disclosed on { $on }
    }.
   *[no] Due within { $days } days of { $from }, by { $due }{ $on ->
        [none] ; not disclosed, overdue
       *[other] ; disclosed late, on { $on }
    }.
}

rule-title-decision-step = The order of the steps
rule-says-decision-step = The six steps go in order: proposal by the party organization → deliberation by the two committees → review by the members' assembly → resolution of the villagers' or representatives' meeting → the resolution disclosed → the result disclosed. The nine kinds of matter reserved for the villagers' meeting skip nothing; a general matter may be decided within the two committees' powers without a villagers' meeting, and is still disclosed.
rule-title-assembly-review = Review by the members' assembly
rule-says-assembly-review = The members' assembly reviews a major village matter with at least two thirds of the members who should attend present; it is approved with more than half of them voting yes (local practice).
rule-title-disclosure-due = When a resolution and its result are disclosed
rule-says-disclosure-due = Major matters of the villagers' interest are published at once: after the resolution, and after the planned end of the implementation, each within the set number of days.
rule-input-decision-step-kind = Kind of matter
rule-input-done = Steps done (codes separated by commas: proposal, deliberation, review, resolution, resolution_disclosed)
rule-input-step = Step to take
rule-input-skip = Without a villagers' meeting
rule-input-assembly-review-members = Members who should attend
rule-input-from = Counted from (the resolution, or the planned end)
rule-input-disclosure-due-on = Disclosed on (empty if not yet)
rule-output-expected = Step to take now
rule-output-due-on = Disclose by
rule-output-disclosure-due-overdue = Overdue
rule-choice-skip-no = No
rule-choice-skip-yes = Yes
rule-choice-kind-allowances = Who is paid for lost work, and how much
rule-choice-kind-collective-income = Use of the collective's income
rule-choice-kind-public-works = Public works, with money or labour raised
rule-choice-kind-land-contracting = Land contracting
rule-choice-kind-collective-projects = Collective economic projects
rule-choice-kind-homesteads = Use of homesteads
rule-choice-kind-compensation = Use and sharing of land compensation
rule-choice-kind-asset-disposal = Disposal of collective assets (loans, leases…)
rule-choice-kind-villagers-interest = Other matters of the villagers' interest
rule-choice-kind-general = General matter
rule-choice-step-proposal = Proposal by the party organization
rule-choice-step-deliberation = Deliberation by the two committees
rule-choice-step-review = Review by the members' assembly
rule-choice-step-resolution = Resolution of the villagers' or representatives' meeting
rule-choice-step-resolution-disclosed = Resolution disclosed
rule-choice-step-result-disclosed = Result disclosed
btn-decision-export = Export to Excel
