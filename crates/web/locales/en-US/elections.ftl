## Rules of elections and democratic decisions (four deliberations and two disclosures, villagers' meetings, public recommendation and direct election)

rule-title-villagers-meeting = Villagers' meeting
rule-says-villagers-meeting = A villagers' meeting needs more than half of the village's adults (18 and over), or the representatives of at least two thirds of its households; a decision needs more than half of those present.
rule-title-representatives-meeting = Villagers' representatives' meeting
rule-says-representatives-meeting = A representatives' meeting needs at least two thirds of its members present; a decision needs more than half of those present.
rule-title-election-quorum = Whether an election meeting is valid
rule-says-election-quorum = The meeting is valid when more than four fifths of the members with a vote who should attend are present (exactly four fifths is also accepted). Members left out of those expected with approval are recorded with the reason.
rule-title-competitive-margin = Candidates in a competitive election
rule-says-competitive-margin = There must be at least 20% more candidates than seats, a part of one counting as one: 3 seats need at least 4 candidates, 5 need 6, 7 need 9.
rule-title-ballot = Whether a ballot is valid
rule-says-ballot = A ballot is valid when it chooses (approvals and written-in names) no more persons than there are seats. A voter may vote yes, no or abstain on each candidate; a voter who votes no may write in another name instead, but an abstention cannot carry a written-in name.
rule-title-election-round = Counting one round of an election
rule-says-election-round = If more ballots are returned than were issued, the election is void and held again. A candidate is elected only with yes votes from more than half of the voters present; if more pass than there are seats, the seats go by the number of votes; those tied at the cut-off are voted on again among themselves only; seats still empty are filled by a further round among those not elected.

rule-input-adults = Adults (18 and over) in the village
rule-input-adults-present = Adults present
rule-input-households = Households in the village
rule-input-household-reps-present = Household representatives present
rule-input-representatives-meeting-members = Members of the representatives' meeting
rule-input-villagers-meeting-yes = Yes votes (leave empty if no vote yet)
rule-input-election-round-present = Voters present
rule-input-election-quorum-present = Members with a vote present
rule-input-expected = Members with a vote who should attend
rule-input-seats = Seats
rule-input-candidates = Candidates
rule-input-ballot = Marks on the ballot (write approve: Zhang,Li; disapprove: Wang; abstain: Zhao; write_in: Qian — yes, no, abstain, another name instead of a no)
rule-input-issued = Ballots issued
rule-input-returned = Ballots returned
rule-input-election-round-yes = Yes votes by candidate (e.g. Zhang San:30, Li Si:25)
rule-output-minimum-candidates = At least candidates
rule-output-chosen = Persons chosen on this ballot
rule-output-result = Result of the count
rule-output-elected = Elected
rule-output-shortfall = Seats still empty
rule-output-revote-among = Candidates to vote on again
rule-output-revote-seats = Seats in that vote
rule-output-election-quorum-valid = Meeting valid
rule-output-ballot-valid = Valid ballot
round-result-void = Void: hold the election again
round-result-counted = Counted
rule-problem-votes = Write "name:votes", several separated by commas, e.g. Zhang San:30, Li Si:25.
rule-problem-ballot = Write "approve: name,name; disapprove: name; abstain: name; write_in: name".

reason-election-quorum = { $met ->
    [yes] { $present } of the { $expected } members with a vote who should attend are present, at least four fifths (at least { $need }): the meeting is valid.
   *[no] { $present } of the { $expected } members with a vote who should attend are present, fewer than four fifths (at least { $need }): the meeting is not valid and cannot elect.
}
reason-competitive-margin = { $met ->
    [yes] { $candidates } candidates for { $seats } seats meet the margin (at least { $minimum }).
   *[no] Only { $candidates } candidates for { $seats } seats; there must be at least 20% more candidates than seats, at least { $minimum }.
}
reason-ballot-chosen = { $met ->
    [yes] This ballot chooses { $chosen }, no more than the { $seats } seats.
   *[no] This ballot chooses { $chosen }, more than the { $seats } seats: it is void.
}
reason-ballot-write-in = { $met ->
    [yes] { $write_in } written in, each in place of a no ({ $no } no votes).
   *[no] { $write_in } written in but only { $no } no votes: a written-in name only replaces a no, never an abstention; the ballot is void.
}
reason-ballot-twice = One person is marked twice on the ballot: it is void.
reason-round-void = { $returned } ballots returned, more than the { $issued } issued: the election is void and must be held again.
reason-round-need = { $present } voters present: a candidate needs yes votes from more than half, at least { $need }.
reason-round-elected = { $count ->
    [0] { $seats } seats; no one elected in this round.
   *[other] { $seats } seats; { $count } elected: { $names }.
}
reason-round-revote = { $names } are tied at the cut-off: they alone are voted on again for { $seats } seats.
reason-round-shortfall = { $count } seats still empty: a further round among the candidates not elected.
reason-villagers-adults = { $met ->
    [yes] { $present } adults present, more than half of the village's { $adults } (at least { $need }).
   *[no] { $present } adults present, not more than half of the village's { $adults } (at least { $need }).
}
reason-villagers-households = { $met ->
    [yes] { $present } household representatives present, at least two thirds of the { $households } households (at least { $need }).
   *[no] { $present } household representatives present, fewer than two thirds of the { $households } households (at least { $need }).
}
reason-village-vote-passes = { $met ->
    [yes] { $yes } yes votes, more than half of the { $present } present (at least { $need }): passed.
   *[no] { $yes } yes votes, not more than half of the { $present } present (at least { $need }): not passed.
}
reason-representatives-quorum = { $met ->
    [yes] { $present } representatives present, at least two thirds of the { $members } members (at least { $need }): the meeting can decide.
   *[no] { $present } representatives present, fewer than two thirds of the { $members } members (at least { $need }): the meeting cannot decide.
}

error-election-seats = Seats must be from 1 to 15.
error-election-candidate-twice = A candidate is listed twice.
error-election-margin = Too few candidates for the competitive margin.
error-election-roll-fixed = The roll cannot change once the first round has opened.
error-election-not-on-roll = This person is not on the roll of members with a vote, or is excluded from those expected.
error-election-present-over = More present than expected.
error-election-no-quorum = Not enough present: the election meeting is not valid and cannot vote.
error-election-candidates-unknown = A round's candidates must be candidates of this election, with at least one seat.
error-election-round-open = A round is already open.
error-election-not-voting = No round is open.
error-election-not-a-candidate = Someone marked is not a candidate of this round (write other names in the write-in space).
error-election-ballot = This ballot cannot be counted.
error-election-ballot-void = By the rules this ballot is void; fill it in again.
error-election-voted = Already voted: one ballot per person in each round.

nav-elections = Elections
page-elections-of = { $name } · elections
page-election-ballot = Vote · { $title }
page-election-board = Election board · { $title }
help-elections = The committee's election: at least a fifth more candidates than seats; the meeting is valid with more than four fifths of those expected present; a secret ballot; elected with yes votes from more than half of those present.
label-election-rules = The election rules
label-election-all = All elections
btn-election-prepare = Prepare an election
field-election-title = Election
field-election-seats = Seats
field-election-candidates = Candidates
help-election-candidates = One name a line (or separated by 、), in the order of the ballot (stroke order of the surname).
msg-election-none = No election yet.
field-election-status = Stage
election-status-preparing = Being prepared
election-status-voting = Voting
election-status-counted = Counted
field-election-expected = Members with a vote expected
field-election-voted = Voted this round
label-election-round = Round { $round }:
label-election-elected = elected { $names }.
label-election-none = no one
label-election-revote = { $names } tied: a re-vote among them for { $seats }.
label-election-shortfall = { $count } seats left, for a further round among those not elected.
label-election-board = Election board
label-election-board-ok = The board checks: the hash chain is whole, and a recount from its ballots matches the published result.
label-election-board-broken = The board does not check: an entry was changed or removed, or the published result differs from the recount.
help-election-secrecy = About secrecy: in the database the roll says only who voted and the box only what was voted, with its receipt; nothing links the two, and a ballot carries no time. But a ballot is put in the box on the server, so whoever runs the server and watches its traffic or memory while someone votes can see that vote, and whoever can read the database files directly may infer from how the records lie the order in which people voted, and line it up with the order of the ballots on the board. Paper ballots are not exposed this way.
btn-election-vote = Vote
btn-election-kiosk = Record a vote at the kiosk
btn-election-close = Close this round and count
btn-election-open = Open a round
help-election-open = Enter those present with a vote. The meeting is valid with more than four fifths of those expected (exactly four fifths also passes). Each person present receives one ballot.
field-election-present = Present with a vote
label-election-excluded = Not counted among those expected
btn-election-exclude = Leave out of those expected
field-election-person = Member
field-election-reason = Reason
help-election-exclude = Approved by the level above and the members' assembly: abroad more than six months, serving a sentence, bedridden… Not after the first round opens.
help-election-ballot = For each candidate choose yes, no or abstain. Yes votes plus names written in may not exceed { $seats }.
field-election-voter = Voter
label-election-myself = Myself
label-ballot-yes = Yes
label-ballot-no = No
label-ballot-abstain = Abstain
field-election-write-in = Someone else
help-election-write-in = Only in place of a "no"; an abstention cannot carry a name.
btn-election-cast = Cast the ballot
msg-election-cast = Your ballot is in the box.
field-election-receipt = Receipt:
field-election-secret = Your secret (keep it to yourself):
help-election-receipt = The receipt appears on the election board. With the secret you can check that the ballot there is yours; without it nobody can tie the receipt to you.
msg-election-no-ballot = There is no ballot for you now.
help-election-board = Each entry is chained to the one before by its hash: change or remove one and those after it no longer match. Anyone can recount from the ballots shown.
label-election-opened = Round { $round } opened: { $seats } seats, candidates { $names }; { $expected } expected, { $present } present.
label-election-ballot = A ballot of round { $round }
label-election-closed = Round { $round } closed: { $issued } ballots issued, { $returned } returned.
label-election-published = Round { $round } result published.

## Public recommendation, paper ballots, the new committee, approval
election-status-recommending = Public recommendation
election-status-elected = All seats filled; secretary to be chosen
election-status-reported = Sent to the level above for approval
election-status-approved = Approved by the level above
label-election-way-site = {" "}(voted on site by phone or kiosk)
label-election-way-paper = {" "}(paper ballots, counted by two tellers)
label-election-counted = Round { $round } counted (tellers { $tellers } entered the same figures): { $valid } valid and { $void } void ballots; yes votes: { $votes }.
label-election-officers = The new committee ({ $members } members, { $present } present) elected { $secretary } secretary with { $yes } votes.
label-election-deputy = Deputy secretary: { $deputy }, with { $yes } votes.
label-election-pool-out = Not ranked in the leaders' pool
label-election-pool-place = No. { $place } in the leaders' pool
label-election-pool-hidden = Shown to the level above
election-how-registered = Registered themselves
election-how-members = Nominated by members
election-how-masses = Nominated by villagers
label-election-next = Next round: { $seats } to elect among { $names }.
help-election-score = Score = share of the members' recommendation votes × { $member }% + share of the villagers' × { $villager }% (the weights are the county's settings). The leaders' pool place comes from the service team's pool and is shown to the level above only.
label-election-teller-entered = Teller { $slot } ({ $name }) has entered the count.
label-election-term-none = No current committee posts are recorded for this organization.
label-election-term = The committee's term runs to { $end }: { $state }.
btn-election-plan = Public direct election: start the recommendation
help-election-plan = Register the people who come forward or are nominated, record the members' and the villagers' recommendation votes (weighted into a score), then the party committee above reviews and fixes the official candidates, and the members' assembly elects among more candidates than seats.
help-election-stroke-order = Candidates are listed by the strokes of their surname (equal counts by character code).
field-election-elected = Elected
field-election-secretary = Secretary
field-election-deputy = Deputy secretary
field-election-reported-on = Sent for approval on
field-election-approved-on = Approved on
msg-election-approved = The level above approved the result; the new committee's posts and terms are in the people records.
label-election-nominees = People registered and nominated
msg-election-no-nominees = Nobody has registered or been nominated yet.
field-election-how = How they came forward
field-election-member-votes = Members' recommendation votes
field-election-villager-votes = Villagers' recommendation votes
field-election-score = Score
field-election-pool = Leaders' pool
btn-election-nominate = Register or nominate someone
help-election-nominate = The name of a full member of this organization; probationary members and members under probation within the party cannot be elected.
btn-election-recommend = Enter the recommendation votes
help-election-recommend = The recommendation ballots returned at each meeting and each person's votes. Entering again replaces the figures.
field-election-member-ballots = Ballots returned at the members' recommendation
field-election-villager-ballots = Ballots returned at the villagers' (representatives') recommendation
btn-election-fix = Fix the official candidates
help-election-fix = After review, the party committee above ticks the official candidates: at least 20% more than the seats.
label-election-tellers = Counting paper ballots
help-election-tellers = Two tellers count on their own and enter their figures separately. The count stands only when both agree in every figure; any difference is listed, never averaged — count again and re-enter.
field-election-slot = Entered by
label-election-teller-1 = Teller one
label-election-teller-2 = Teller two
field-election-teller = Teller's name
field-election-issued = Ballots issued
field-election-returned = Ballots returned
field-election-void = Of which void
field-election-yes-of = Yes votes for { $name }
field-election-write-ins = Votes for names written in
help-election-write-ins = One a line, as "name: votes".
btn-election-count = Enter the count
field-election-way = How to vote
election-way-site = On site by phone or kiosk
election-way-paper = Paper ballots
label-election-officers-form = The new committee elects its secretary and deputy
help-election-officers = The newly elected members hold their first meeting and elect the secretary (and deputy) among themselves: more than half of them present, and elected with the votes of more than half of the whole committee.
field-election-committee-present = Committee members present
field-election-officer-yes = Yes votes
label-election-no-deputy = No deputy secretary
btn-election-officers = Record the secretary's election
help-election-report = Send the result to the party committee above for approval; the new posts and terms start when it is approved.
btn-election-report = Send for approval
btn-election-approve = Approve the result
help-election-approve = On approval the current committee's posts end today and those elected take theirs from today, for a five-year term.
error-election-candidates-not-fixed = The level above has not fixed the official candidates yet: voting cannot start.
error-election-complete = Every seat is filled: no more voting is needed.
error-election-paper-round = This round is on paper: the tellers enter the count.
error-election-not-paper = This round is not on paper.
error-election-not-recommending = The public recommendation is over (the candidates are fixed).
error-election-not-eligible = No full member of this organization has that name, or they cannot be elected.
error-election-votes-over-ballots = Recommendation votes cannot be more than the ballots returned.
error-election-issued-over = Ballots issued cannot be more than those present.
error-election-count-adds-up = The figures do not add up: void ballots cannot be more than those returned, nor anyone's yes votes more than the valid ballots.
error-election-same-teller = The two tellers must be two people.
error-election-tellers-differ = The two tellers' figures differ; this entry was not kept. Please count again.
error-election-not-elected = Seats are still empty: the secretary cannot be elected yet.
error-election-officer-not-elected = The secretary and deputy must be newly elected members, and two different people.
error-election-officer-votes = Not enough votes to be elected.
error-election-seats-left = Seats are still empty: hold the further round before sending the result for approval.
error-election-reported = The result has already been sent to the level above.
error-election-no-officers = First record the new committee's election of the secretary.
error-election-not-reported = The result has not been sent for approval.
error-election-elected-unknown = Someone elected is not on this organization's roster by that name, so their post cannot be recorded.
error-election-write-in-line = Write one name a line as "name: votes".
reason-tellers-differ = "{ $what }": teller one entered { $first }, teller two { $second }.
reason-election-seats-filled = { $met ->
    [yes] All { $seats } seats are filled.
   *[no] { $elected } of { $seats } seats are filled; { $left } left.
}
reason-election-not-a-member = Not found: { $names }.
reason-officer-vote = { $met ->
    [yes] { $yes } yes votes of a committee of { $members } ({ $present } present), more than half of the whole committee (at least { $need }): elected.
   *[no] { $yes } yes votes of a committee of { $members } ({ $present } present); more than half must be present and more than half of the whole committee must vote yes (at least { $need }): not elected.
}
notice-election-reported = Election result for approval: { $body }
notice-election-term-ended = Committee term ended without a new one: { $body }
rule-title-officer-vote = The new committee elects its secretary and deputy
rule-says-officer-vote = The secretary and deputy are elected by the newly elected committee among its members and approved by the party organization above: more than half of the committee must be present, and one is elected with the yes votes of more than half of the whole committee.
rule-title-recommendation-score = A nominee's score in the public recommendation
rule-says-recommendation-score = The members' and the villagers' (representatives') recommendations are counted apart; score = share of the members' votes × the members' weight + share of the villagers' votes × the villagers' weight. The weights are the county's settings.
rule-input-member-votes = Members' recommendation votes
rule-input-member-ballots = Ballots returned at the members' recommendation
rule-input-villager-votes = Villagers' recommendation votes
rule-input-villager-ballots = Ballots returned at the villagers' recommendation
rule-output-score = Score
reason-recommendation-score = Members: { $member_votes } of { $member_ballots } votes, weight { $member_weight }%; villagers: { $villager_votes } of { $villager_ballots } votes, weight { $villager_weight }%.
reason-tellers-differ-issued = "Ballots issued": teller one entered { $first }, teller two { $second }.
reason-tellers-differ-returned = "Ballots returned": teller one entered { $first }, teller two { $second }.
reason-tellers-differ-void = "Void ballots": teller one entered { $first }, teller two { $second }.
error-election-officer-count = Members present cannot be more than those elected, nor yes votes more than those present.
error-election-write-in-revote = A re-vote is among the tied candidates only: no names may be written in.
error-election-write-in-elected = The name written in is already elected.
label-election-revote-round = {" "}(a re-vote among the tied: the most votes win)
