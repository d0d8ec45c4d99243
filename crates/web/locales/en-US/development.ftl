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
