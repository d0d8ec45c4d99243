## Rules of member development and party dues

rule-title-development-gate = Steps of member development
rule-says-development-gate = An applicant must be 18; the first talk comes within a month of the application; a development target must have been an activist for at least a year; two full members introduce (none under party probation); the concentrated training lasts at least three days or 24 hours; the branch assembly meets only after the public notice has run; the higher committee approves within three months (six at most in special cases); probation lasts a year and may be extended once by 6 to 12 months, and confirmation comes when it has run.
rule-title-dues = Party dues
rule-says-dues = Employed members pay on their monthly net pay: up to 3,000 yuan (inclusive) 0.5%, up to 5,000 yuan 1%, up to 10,000 yuan 1.5%, above 2%, the whole base at one rate; retirees up to 5,000 yuan 0.5%, above 1%; farmers the amount their province sets; students, the unemployed and members on welfare or minimum living allowance 0.2 yuan a month.
label-development-settings = Public notice: { $days } working days (local rule).
label-dues-settings = Farmers in this province pay { $amount } yuan a month.
label-yuan = { $amount } yuan
rule-input-gate = Step
rule-choice-gate-application = Application (age)
rule-choice-gate-talk = First talk
rule-choice-gate-development-target = Becoming a development target
rule-choice-gate-introducers = Introducers
rule-choice-gate-training = Concentrated training
rule-choice-gate-notice = Public notice
rule-choice-gate-approval = Approval by the higher committee
rule-choice-gate-extension = Extending probation
rule-choice-gate-confirmation = Confirmation as a full member
rule-input-applicant-birth = Applicant's date of birth
rule-input-application-on = Date of the application
rule-input-activist-since = Activist since
rule-input-introducers = The two introducers' standing, separated by commas (full member: full, probationary member: probationary, under party probation: party_probation, not a member: not_member)
rule-input-training-from = First day of training
rule-input-training-to = Last day of training
rule-input-hours = Training hours
rule-input-notice-from = First day of the public notice
rule-input-assembly-on = Date of the branch assembly
rule-input-probation-from = Probation from (the day the assembly admitted)
rule-input-extension-months = Months of extension
rule-input-extended-before = Extended before
rule-choice-extended-before-no = No
rule-choice-extended-before-yes = Yes, once already
rule-input-on = Date of the step
rule-input-dues-kind = Kind of member
rule-choice-kind-employed = Employed
rule-choice-kind-self-employed = Self-employed
rule-choice-kind-retired = Retired
rule-choice-kind-farmer = Farmer
rule-choice-kind-student = Student
rule-choice-kind-other = Unemployed, on welfare or minimum living allowance
rule-input-base = Monthly base (yuan)
rule-output-earliest = Earliest date
rule-output-late = Late
rule-output-dues = Dues a month
rule-problem-money = Write an amount in yuan with at most two decimals.
rule-problem-negative = Must not be negative.
rule-problem-backwards = Must not be before “{ $name }”.
rule-problem-hours = More hours than those days hold.
dues-kind-employed = An employed member
dues-kind-self-employed = A self-employed member
dues-kind-retired = A retired member
dues-kind-farmer = A farmer
dues-kind-student = A student
dues-kind-other = A member out of work or on welfare
introducer-status-full = a full member
introducer-status-probationary = a probationary member
introducer-status-party-probation = a member under party probation
introducer-status-not-member = not a party member
reason-dev-age = { $met ->
    [yes] { $age } years old at the application: meets the minimum age of 18.
   *[no] { $age } years old at the application, under 18; may apply from { $eighteen_on }.
}
reason-dev-talk = { $met ->
    [yes] Talked with within a month of the application ({ $from }, by { $latest }).
   *[no] The talk belongs between the application ({ $from }) and { $latest }; { $on } is outside it.
}
reason-dev-target = { $met ->
    [yes] An activist since { $from }, a full year by { $on }: may become a development target.
   *[no] An activist since { $from } needs a full year: a development target from { $earliest }.
}
reason-dev-introducers = { $met ->
    [yes] Two full members introduce: as required.
   *[no] Two full members must introduce; { $count } given, or one of them may not.
}
reason-dev-introducer-refused = Introducer { $position } is { $status } and may not introduce.
reason-dev-training = { $met ->
    [yes] { $days } days and { $hours } hours of training: at least three days or 24 hours.
   *[no] { $days } days and { $hours } hours of training: less than three days and less than 24 hours.
}
reason-dev-notice = { $met ->
    [yes] The notice from { $from } has run its { $required } working days; the assembly may meet from { $earliest }.
   *[no] The notice from { $from } must run { $required } working days; the assembly may meet from { $earliest }.
}
reason-dev-approval = { $met ->
    [yes] Approved within three months of the assembly ({ $from }, by { $latest }).
   *[no] The higher committee approves within three months of the assembly ({ $from }, by { $latest }), six at most in special cases (by { $special }); { $on } is late or before the assembly, and after six months the procedure starts again.
}
reason-dev-extension = { $met ->
    [yes] An extension of { $months } months: within 6 to 12 months, and the first.
   *[no] Probation may be extended once, by 6 to 12 months; { $months } months, or a second extension, is not allowed.
}
reason-dev-confirmation = { $met ->
    [yes] The probation from { $from } has run: confirmation may be discussed from { $earliest }.
   *[no] The probation from { $from } runs until { $earliest }; no confirmation before.
}
reason-dues-band = { $dues_kind } with a monthly base of { $base } yuan is in the band up to { $upto } yuan (inclusive): { $rate }%, { $dues } yuan a month.
reason-dues-top = { $dues_kind } with a monthly base of { $base } yuan is in the top band: { $rate }%, { $dues } yuan a month.
reason-dues-fixed = { $dues_kind } pays { $dues } yuan a month, whatever the income.
reason-dues-rounding = The whole base at one rate, rounded to the fen.

## Pages of member development

nav-development = Member development
page-development-of = { $name } · member development
page-development-new = Record an application to join
page-development-case = { $name } · member development
help-development = From the application to full membership, every step is checked against the rules on member development: a step taken too early or without what it needs is refused, with the rule and the earliest date.
label-dev-rules = The rules of each step
btn-dev-open = Record an application
label-dev-due = Due this month
msg-dev-none-due = Nothing is due or may be taken this month.
label-dev-all = All (including full members and cancelled)
label-dev-open = In progress
msg-dev-none = No cases yet.
btn-more = More
help-dev-open = Find the applicant by name (they must be on record among the people, with a date of birth), then give the date of the application.
field-dev-find-person = Applicant's name
help-dev-find-person = Search by name only: ID and phone numbers must not travel in an address.
msg-dev-no-person = Nobody found. Record the person among the people first.
field-dev-applicant = Applicant
label-born = born { $date }
field-dev-stage = Stage
field-dev-applied-on = Applied on
field-dev-next = Next step
field-dev-introducers = Introducers
field-dev-introducer = Introducer
label-dev-timeline = Timeline
label-dev-meeting = branch assembly
field-dev-vote = The branch assembly's vote
msg-dev-no-votes = No vote to use yet: hold a branch members' assembly and record its vote on this person (it must pass).
help-dev-vote = Each person is voted on separately; a vote serves one person only. The assembly's date is this step's date.
btn-dev-record = Record
field-dev-on = Date
field-dev-on-training = Date
field-dev-review-conclusion = Conclusion of the political review
label-dev-from = , from { $date }
label-dev-by = , by { $date }
dev-stage-applicant = Applicant
dev-stage-activist = Activist
dev-stage-development-target = Development target
dev-stage-admitted = Awaiting approval
dev-stage-probationary = Probationary member
dev-stage-full = Full member
dev-stage-cancelled = Probation cancelled
dev-step-application = Application
dev-step-talk = First talk
dev-step-activist = Chosen as an activist
dev-step-development-target = Chosen as a development target
dev-step-introducers = Introducers named
dev-step-review = Political review
dev-step-training = Concentrated training
dev-step-pre-review = Pre-review by the higher committee
dev-step-notice = Public notice
dev-step-admission = Admitted by the branch assembly
dev-step-approval = Approved by the higher committee
dev-step-extension = Probation extended
dev-step-confirmation = Confirmed as a full member
dev-step-cancellation = Probation cancelled
help-dev-step-talk = Within a month of the application, someone talks with the applicant.
help-dev-step-activist = Recommended by members or mass organizations and decided by the branch committee (after the talk).
help-dev-step-development-target = After at least a year as an activist, with the branch committee's agreement.
help-dev-step-introducers = Two full members introduce; a member under party probation may not.
help-dev-step-review = Record the conclusion of the political review (required).
help-dev-step-training = At least three days or 24 hours; no more hours than the days hold.
help-dev-step-pre-review = Once introducers, review and training are done, the higher committee pre-reviews.
help-dev-step-notice = After the pre-review the case is made public; the assembly meets when the notice has run.
help-dev-step-admission = The branch assembly discusses: more than half present, and more yes votes than half of the members who should attend.
help-dev-step-approval = The higher committee approves within three months of the assembly, six at most in special cases. The person then becomes a probationary member.
help-dev-step-extension = Probation may be extended once, by 6 to 12 months; give the reason.
help-dev-step-confirmation = When probation has run and the branch assembly agrees, the member becomes a full member; party standing counts from the end of probation.
help-dev-step-cancellation = A probationary member who does not meet the conditions has the status cancelled; give the reason.
error-dev-birth-unknown = This person has no date of birth on record, so the age cannot be checked. Add it among the people first.
error-dev-under-age = Under 18 at the application: may not apply (Art. 5).
error-dev-already-member = This person is already a party member.
error-dev-case-exists = This person already has a case.
error-dev-vote-required = Choose the branch assembly's vote on this person.
error-dev-vote-not-assembly = That vote was not taken at a held members' assembly of this branch.
error-dev-vote-date = The date must be the day of the branch assembly.
error-dev-vote-failed = That vote did not pass.
error-dev-vote-used = That vote already served another person; each person is voted on separately.
error-dev-step-stage = This step cannot be taken at the current stage.
error-dev-review-conclusion = Write the conclusion of the political review.
error-dev-before-application = The talk cannot come before the application.
error-dev-talk-first = Record the first talk first (Art. 7).
error-dev-target-early = Less than a year as an activist: may not yet become a development target (Art. 13).
error-dev-introducers = Two full members must introduce, neither the applicant (Art. 14).
error-dev-hours-over = More hours than those days hold.
error-dev-training-short = Less than three days and less than 24 hours of training (Art. 17).
error-dev-incomplete = Earlier steps are not done: introducers, political review, training, pre-review, public notice.
error-dev-pre-review-first = The public notice comes after the pre-review.
error-dev-notice-running = The public notice has not run yet: the assembly may not discuss the admission.
error-dev-approval-expired = More than six months since the assembly: the admission must go through the procedure again.
error-dev-extension = Probation may be extended once, by 6 to 12 months (Art. 32).
error-dev-probation-running = Probation has not run yet: no confirmation (Art. 33).
