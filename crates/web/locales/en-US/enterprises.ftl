## Enterprises and cooperatives
nav-enterprises = Enterprises and cooperatives
page-enterprises = { $name } · Enterprises and cooperatives
page-enterprise-new = Register an enterprise or cooperative
page-enterprise-link = { $name } · Assign a member
page-enterprise-offer = { $name } · Publish an offer for villagers
page-enterprise-service = { $name } · Record what was done for it
help-enterprises = Members serve enterprises, enterprises serve the people. Here are the local enterprises, cooperatives and collective economies, the members who serve them, the jobs, purchases, training and services they offer villagers, and the needs they help with.

btn-enterprise-new = Register an enterprise or cooperative
btn-enterprise-link = Assign a member
btn-enterprise-unlink = End the assignment
btn-enterprise-offer = Publish an offer
btn-enterprise-publish = Publish
btn-enterprise-withdraw = Take down
btn-enterprise-service = Record what was done

msg-enterprise-none = No enterprise or cooperative is registered yet.
msg-enterprise-no-offers = Nothing has been offered yet.
msg-enterprise-no-services = Nothing recorded in this year.
msg-enterprise-no-needs = It has not helped with any need yet.

field-enterprise-name = Name
field-enterprise-kind = Kind
field-enterprise-place = Village or township
field-enterprise-liaisons = Members serving it
field-enterprise-offers = Open offers
field-enterprise-services = Services by members
field-enterprise-services-year = Services by members in { $year }
field-enterprise-needs = Needs it co-handles
field-enterprise-member = Member
field-enterprise-since = Serving since
field-offer-kind = Kind of offer
field-offer-title = Title
field-offer-detail = Details
field-offer-places = How many
field-offer-how-to = How to take it up
field-offer-from = From
field-offer-until = Until
field-service-on = Date
field-service-kind = What was done
field-service-note = Details

help-enterprise-name = The name on its licence or registration, such as "Shimen Tea Cooperative".
help-enterprise-liaisons = The members who serve this enterprise: they bring it policies, finance, markets and techniques, and bring the people's needs to it.
help-enterprise-member = Full and probationary members of the village's (or township's) party organizations.
help-enterprise-offers = Open offers show on the village's public board, readable without signing in. They stop showing after their last day or once taken down.
help-enterprise-needs = When a need is handled with this enterprise added as co-handler, it is listed here.
help-offer-title = One sentence, such as "20 tea pickers wanted, 150 yuan a day, paid daily".
help-offer-places = Jobs, tonnes to buy or places in a class; leave empty if it does not apply.
help-offer-how-to = For villagers: whom to see, where, what to bring. No personal phone numbers.
help-offer-until = Leave empty to show it until taken down.
help-service-note = What was done and what came of it, such as "helped the cooperative get a 30 000 yuan machinery subsidy".

label-enterprise-inactive = Dissolved
label-enterprise-no-liaison = No member serves it yet
label-enterprise-liaisons = Members serving it
label-enterprise-serving = Serving since { $since }
label-enterprise-served = Served from { $since } to { $until }
label-enterprise-offers = Offers for villagers
label-enterprise-places = { $count } places
label-enterprise-services = What members did for it in { $year }
label-enterprise-needs = Needs it helps with
label-care-my-enterprises = Enterprises I serve
msg-care-no-enterprises = You are not assigned to any enterprise.

offer-kind-jobs = Jobs
offer-kind-purchase = Buying produce
offer-kind-training = Skills training
offer-kind-service = Services
offer-state-upcoming = Not started
offer-state-open = Open
offer-state-ended = Ended
offer-state-withdrawn = Taken down
service-kind-policy = Explaining and applying for policies
service-kind-finance = Finding finance
service-kind-market = Opening markets
service-kind-technology = Bringing techniques
service-kind-dispute = Settling disputes
service-kind-other = Other

label-board-offers = What local enterprises and cooperatives offer
help-board-offers = Jobs, purchases, training and services: apply as each says.
label-board-offer-until = Until { $until }

error-enterprise-area = Enterprises and cooperatives are registered at a village or a township.
error-enterprise-linked = This member already serves this enterprise.
error-enterprise-ended = This assignment has already ended.
error-enterprise-inactive = This enterprise is dissolved.
error-enterprise-places = How many must be a whole number from 1 to 100000.
error-enterprise-ended-already = The last day has passed: this offer would never show.
error-enterprise-withdrawn = This offer has already been taken down.
error-enterprise-not-linked = Only what a member serving this enterprise did can be recorded.
error-enterprise-before-link = The date is before the member began serving this enterprise.

## Rules
rule-title-offer-shown = An enterprise's offer on the public board
rule-says-offer-shown = What enterprises and cooperatives offer villagers shows on the public board of their village and the villages below from its first day to its last (inclusive); without a last day it shows until taken down.
rule-input-valid-from = From
rule-input-valid-until = Until
rule-input-withdrawn = Taken down
rule-choice-withdrawn-no = No
rule-choice-withdrawn-yes = Yes
rule-input-offer-shown-on = On
rule-output-shown = Shown on the board
rule-output-offer-state = State
reason-offer-open = From { $from } to { $until }; { $on } is within, so it shows on the board.
reason-offer-open-always = From { $from } with no last day; it shows on the board on { $on }.
reason-offer-upcoming = It starts on { $from }; on { $on } it does not show yet.
reason-offer-ended = It ended on { $until }; on { $on } it no longer shows.
reason-offer-withdrawn = It was taken down and no longer shows.

msg-enterprise-more = Only the first { $count } by name are listed here and there are more; open a township or village below for the whole list.
btn-enterprise-dissolve = Close
page-enterprise-dissolve = Close { $name }
help-enterprise-dissolve = Record here that an enterprise or cooperative has been deregistered or stopped trading. Its offers leave the village board and the members serving it stop today; it stays on the list marked closed, with everything recorded for it.
field-enterprise-dissolve-reason = Why it closed
error-enterprise-active = This enterprise is not closed.
btn-enterprise-reopen = Reopen
page-enterprise-reopen = Reopen { $name }
help-enterprise-reopen = Reopen an enterprise whose closing was recorded by mistake, or that trades again. Its earlier offers and the members who served it do not come back by themselves: publish and link them again.
field-enterprise-reopen-reason = Why it reopens
