## Tasks handed down and rolled up

nav-tasks = Tasks
page-tasks-of = { $name } · tasks
help-tasks = The level above hands tasks down to the organizations below, which may split them further among their own; each level reports progress with what shows it, and achievement rolls up level by level. A part past its deadline is reminded; a week later the level that handed it down is told.
label-task-rules = The rules of splitting and reporting
btn-task-issue = Hand down a task
field-task-title = Task
field-task-kind = Kind
task-kind-number = A number to reach
task-kind-checklist = A checklist
task-kind-evidence = Evidence to show
help-task-kind = A number: reach a figure (households visited, say); a checklist: each organization ticks every item; evidence: each organization says where the photos, document or meeting record are.
field-task-target = Target
field-task-unit = Unit
field-task-checklist = Checklist items
help-task-checklist = One item a line (for a checklist).
field-task-due = Deadline
field-task-description = Description
field-task-parts = Handed to
help-task-parts = Tick the organizations below and, for a number, each one's target: the parts cannot exceed the whole; when they fall short the page says by how much.
label-task-handed = Tasks handed to this organization
msg-task-none-handed = No task has been handed to this organization.
label-task-issued = Tasks this organization handed down
msg-task-none-issued = This organization has handed down no task yet.
field-task-percent = Achieved
field-task-status = State
task-status-open = In progress
task-status-done = Done
task-status-returned = Returned for rework
task-due-open = { $days } days left
task-due-overdue = { $days } days overdue
task-due-done = Done on time
task-due-done-late = Done { $days } days late
field-task-issuer = Handed down by
btn-task-export = Export the roll-up (Excel)
label-task-rollup = Achievement level by level
label-task-short = The parts handed down fall short by { $short }
field-task-achieved = Achieved
field-task-returned = Returned because:{" "}
btn-task-report = Report progress
field-task-done = Reached so far
field-task-done-items = Items done (1 for evidence)
field-task-note = Note
field-task-evidence = Evidence
help-task-evidence = Where the photos or the document are, or the meeting it was recorded at. Required for an evidence task.
btn-task-split = Split among those below
btn-task-return = Return for rework
field-task-reason = Why it is returned
label-task-reports = Reports
msg-task-no-reports = Nothing reported yet.
field-task-level = Level
error-task-due-past = Give a deadline today or later.
error-task-target = A number's target is between 1 and 1 000 000 000.
error-task-checklist = A checklist has 1 to 50 items of up to 200 characters.
error-task-no-parts = Choose at least one organization below.
error-task-org-below = A task goes only to active organizations below this one.
error-task-org-twice = That organization already has a part of this task.
error-task-part-zero = Give each organization ticked a target.
error-task-parts-over = The parts' targets add up to more than the whole.
error-task-part-done = This part is done: it cannot be split now.
error-task-due-within = A part's deadline cannot be later than the one it is split from, nor before today.
error-task-split-reports = This part is split among those below: it achieves what they report.
error-task-over-target = The figure is over the target: say why in the note.
reason-task-split = { $met ->
    [yes] Whole { $whole }, parts { $parts }{ $short ->
        [0] .
       *[other] ; { $short } not handed down yet.
    }
   *[no] Whole { $whole }, parts { $parts }: { $over } over, which cannot be.
}
reason-task-progress = { $met ->
    [yes] Target { $target }, reached { $done } ({ $percent }%).
   *[no] Target { $target }, reported { $done }: over the target, which needs a note saying why.
}
rule-title-task-split = Splitting a task
rule-says-task-split = The targets handed to the organizations below cannot add up to more than the share they come from; they may fall short, and the page says by how much.
rule-title-task-progress = Reporting progress
rule-says-task-progress = A figure over the target stands only with a note saying why; reaching the target completes the part. A part split among those below achieves what they achieve, each capped at its own target.
rule-input-whole = The share to split
rule-input-parts = The parts' targets (separated by commas)
rule-input-target = Target
rule-input-reported = Figure reported
rule-input-noted = A note says why
rule-choice-noted-no = No
rule-choice-noted-yes = Yes
rule-output-unassigned = Not handed down yet
rule-output-over = Over by
rule-output-complete = Complete
notice-task-issued = Task received: { $body }
notice-task-returned = Task returned for rework: { $body }
notice-task-overdue = Task overdue: { $body }
notice-task-escalated = A part handed down is still not done a week after its reminder: { $body }
