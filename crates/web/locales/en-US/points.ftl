## Points
nav-points = Points
page-points = { $name } · points, { $period }
page-points-member = { $name } · points, { $period }
page-points-new = Enter points
page-points-pending = { $name } · points awaiting a decision

points-item-appeal-resolved = Needs resolved
points-item-appeal-satisfied = Rated satisfied
points-item-meeting-present = Meetings attended
points-item-meeting-absent = Meetings missed without leave
points-item-household-contact = Household contacts
points-item-study-hour = Hours of study (each whole hour)
points-item-pair-contact = Contacts with the member helped in a pair
points-item-care-visit = Visits made
points-item-hand = Points entered
points-action-talk = A talk with the secretary
points-action-remedial = Listed as lagging, remedial study
points-action-probation-not-confirmed = Probation not confirmed on time, or extended
points-status-pending = Awaiting a decision
points-status-approved = Approved
points-status-rejected = Rejected

btn-points-new = Enter points
btn-points-pending = Awaiting a decision ({ $count })
btn-points-approve = Approve
btn-points-reject = Reject
btn-points-mine = My points

field-points-rank = Rank
field-points-total = Points
field-points-parts = Made of
field-points-actions = To act on
field-points-on = Happened on
field-points-item = What
field-points-points = Points
field-points-evidence = Evidence
field-points-entered-by = Entered by
field-points-decision-note = Comment

help-points = A base of { $base }, plus points counted by rule from needs resolved, ratings, meetings attended and household contacts (each capped per period), plus entered points once approved.
help-points-item = E.g. led the flood defence, a brave deed, broke the village rules.
help-points-points = A whole number from -20 to 20: positive to add, negative to take, e.g. 3 or -2.
help-points-evidence = What shows it happened: a document, where the photos are kept, a record's number, a witness.
help-points-pending = Entered points count once a secretary or someone above, other than who entered them, approves them.

label-points-appeals = Needs resolved ({ $count })
label-points-meetings = Meetings marked ({ $count })
label-points-contacts = { $count } household contacts
label-points-entries = Points entered ({ $count })

msg-points-none-pending = Nothing awaits a decision.

error-points-points = Points must be a whole number from -20 to 20, not 0.
error-points-decided = These points have already been decided on.
error-points-own-entry = Points you entered are decided on by someone else.

## Rules
rule-title-points = Members' points
rule-says-points = The base plus each item's points (capped per period) and approved entered points; under 60 in a quarter lists a member as lagging, under 90 calls for a talk with the secretary; a probationary member under 85 for the year is not confirmed on time. The points and thresholds are the county's settings.
rule-input-appeal-resolved = Needs resolved
rule-input-appeal-satisfied = Rated satisfied
rule-input-meeting-present = Meetings attended
rule-input-meeting-absent = Meetings missed without leave
rule-input-household-contact = Household contacts
rule-input-study-hour = Whole hours of study
rule-input-pair-contact = Contacts with the member helped in a pair
rule-input-care-visit = Visits made to members in difficulty
rule-input-hand-added = Points added by hand
rule-input-hand-taken = Points taken by hand
rule-input-probationary = Probationary member
rule-choice-probationary-no = No
rule-choice-probationary-yes = Yes
rule-input-yearly = A whole year
rule-choice-yearly-no = No (a quarter or month)
rule-choice-yearly-yes = Yes
rule-output-total = Points
rule-output-talk = Talk with the secretary
rule-output-remedial = Listed as lagging
rule-output-probation-not-confirmed = Probation not confirmed
reason-points-base = A base of { $base }.
reason-points-item = { $item }: { $times } × { $each }, counts { $counted }.
reason-points-item-capped = { $item }: { $times } × { $each } = { $raw }, over the period's cap, counts { $counted }.
reason-points-hand = Approved entered points: { $hand }.
reason-points-total = Total { $total }.
reason-points-action = Under { $below }: { $action }.
