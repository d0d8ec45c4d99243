## Care and pairing
nav-care = Care
nav-care-mine = My households
page-care = { $name } · care in { $year }
page-care-difficulty-new = Register a member in difficulty
page-care-difficulty = { $name } · difficulty
page-care-visit-new = Plan a visit
page-care-pairs = { $name } · pairs in { $year }
page-care-pair-new = New pair
page-care-pair = { $helper } helps { $helped }
page-care-contacts = { $name } · households not contacted for over { $days } days
page-care-mine = My households and pairs

care-kind-illness = Illness
care-kind-disability = Disability
care-kind-age = Old age and frailty
care-kind-poverty = Hardship
care-kind-disaster = Disaster
care-occasion-spring-festival = Spring Festival visit
care-occasion-july-first = July 1 visit
care-occasion-illness = Visit in illness
care-occasion-help = Help given
care-occasion-other = Other visit
care-contact-visit = Home visit
care-contact-phone = Phone call
care-contact-service = Practical help

btn-care-difficulty-new = Register a member in difficulty
btn-care-visit-new = Plan a visit
btn-care-pairs = Pairs
btn-care-contacts = Household contacts
btn-care-plan = Plan a visit
btn-care-close = Close the difficulty
btn-care-made = Record the visit
btn-care-pair-new = New pair
btn-care-log = Log a contact
btn-care-all-links = All households
btn-care-overdue-only = Only those over { $days } days

field-care-member = Member
field-care-kind = Kind of difficulty
field-care-difficulty = The difficulty
field-care-registered-on = Registered on
field-care-closed-on = Closed on
field-care-done = What was done
field-care-state = State
field-care-occasion = Occasion
field-care-planned-on = Planned for
field-care-visited-on = Visited on
field-care-visitors = Other visitors
field-care-visiting-members = Members who visited
field-care-visit-note = The visit
field-care-why = Why visit
field-care-visited = Visited
field-care-planned = Planned, not yet visited
field-care-helper = Helper
field-care-helped = Helped
field-care-goal = Goal
field-care-starts-on = From
field-care-ends-on = Until
field-care-period = Period
field-care-pair = Pair
field-care-contacts = Contacts
field-care-contacted-on = Contacted on
field-care-contact-kind = How
field-care-contact-note = What about
field-care-household = Household
field-care-last = Last contact
field-care-days = Days without contact
field-care-served = Practical help this year
field-care-links = Linked households
field-care-overdue = Over { $days } days without contact
field-date = Date

help-care-difficulty = Say what the difficulty is, e.g. "long-term medication, heavy medical costs".
help-care-done = Say what was done: what was given, what was arranged, who it was referred to.
help-care-visited-on = Fill in the day if the visit was made; leave it empty to plan it.
help-care-visitors = People from outside the branch, e.g. the township's village cadre. A visit made names its members who went, other visitors, or both.
help-care-visiting-members = The organization's members who went; choose one or several (hold Ctrl, or tap each on a phone). The visit counts in their points and care given.
help-care-helper = The helper must be a full member.
help-care-goal = E.g. start greenhouse vegetables and raise the household's income by 10 000 yuan this year.
help-care-pair-note = What was helped with and how it is going.
help-care-contact-note = What was talked about, what was done, or what the household raised.
help-care-must = Members in hardship, members of 50 years' standing and members aged 80 or more are visited every year. Age and party standing are counted on the year's last day; standing counts from becoming a full member.
help-care-contacts = Each household a member is linked to is contacted at least every { $days } days, with practical help at least once a year.

label-care-must-visit = Must-visit list
label-care-must-count = { $count } to visit, { $not_visited } not yet visited
label-care-not-visited = Not visited
label-care-rules = The rule
label-care-difficulties = Members in difficulty
label-care-visits = Visits
label-care-open = Being helped
label-care-closed-on = Closed { $on }
label-care-made = Visited
label-care-made-on = Visited { $on }
label-care-planned = Planned
label-care-contacts = { $count } contacts, last { $last }
label-care-contact-count = Contacts ({ $count })
label-care-no-contact = No contact recorded yet
label-care-never = Never
label-care-no-service = No practical help this year
label-care-due = Time to get in touch
label-care-my-households = Households I am linked to
label-care-my-pairs = Pairs I help in

msg-care-no-must = Nobody must be visited this year.
msg-care-no-difficulties = No member is registered in difficulty.
msg-care-no-visits = No visits yet.
msg-care-no-pairs = No pairs yet.
msg-care-all-contacted = Every linked household was contacted in time.
msg-care-no-links = No household is linked to you yet; ask your branch secretary.
msg-care-not-member = Only members are linked to households.

error-care-member-unknown = The person chosen is not a member of this organization.
error-care-future = The date cannot be after today.
error-care-before-registered = It cannot be closed before it was registered.
error-care-closed = This difficulty is already closed.
error-care-visited = This visit is already recorded.
error-care-pair-same = A member cannot be paired with themself.
error-care-pair-helper = The helper must be a full member.
error-care-backwards = The last day cannot come before the first.
error-care-outside-period = The date is outside the pair's period.
error-care-before-link = The date is before the household was linked.

## Rules
rule-title-must-visit = The year's must-visit list
rule-says-must-visit = Members in hardship and veteran members are visited around the Spring Festival each year; here, members registered in difficulty, members of 50 years' standing (from becoming full members) and members aged 80 or more, counted on the year's last day.
rule-title-household-contact = Members' contact with linked households
rule-says-household-contact = Each household a member is linked to is contacted with no more than the set number of days between contacts (30 by default, a setting), with practical help at least once a year.
rule-input-year = Year
rule-input-difficulty = Registered in difficulty
rule-choice-difficulty-no = No
rule-choice-difficulty-yes = Yes
rule-input-birth = Date of birth
rule-input-joined = Became a full member on
rule-input-linked-since = Linked since
rule-input-last-contact = Last contact
rule-input-household-contact-on = On
rule-output-must = Must be visited
rule-output-age = Age
rule-output-party-years = Years of standing
rule-output-limit = Most days between contacts
rule-output-overdue = Overdue
reason-care-must-difficulty = Registered in difficulty: to be visited.
reason-care-must-veteran = { $party_years } years of standing by { $on }: members of { $veteran_years } years are visited.
reason-care-must-elderly = Aged { $age } by { $on }: members aged { $elderly_age } or more are visited.
reason-care-must-none = Not registered in difficulty, under { $veteran_years } years of standing and under { $elderly_age } by { $on }: not on the must-visit list.
reason-care-contact = { $met ->
    [yes] Last contact { $from }, { $days } days ago: within { $limit } days.
   *[no] Last contact { $from }, { $days } days ago: over { $limit } days, time to get in touch.
}
reason-care-contact-never = { $met ->
    [yes] Linked since { $from } with no contact yet, { $days } days: within { $limit } days.
   *[no] Linked since { $from } with no contact at all, { $days } days: over { $limit } days.
}
msg-care-more = { $count } in all; the first { $limit } are shown here. Each branch's own page lists all of its own.
