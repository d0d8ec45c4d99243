## Party dues: payments, arrears alerts, the yearly publication

nav-dues = Party dues
page-dues-book = Party dues of { $name }, { $year }
page-dues-member = Party dues of { $name }, { $year }
page-dues-publication = Party dues of { $name } in { $year }: publication
page-dues-overview = Party dues across { $name }, { $year }
page-dues-import = Import dues payments from a spreadsheet
help-dues-book = Each January every member's base and monthly amount are fixed for the year; payments are recorded month by month (also by the branch on a member's behalf, with a note saying how). Members six months in a row without paying are marked.
label-dues-rules = The rules on dues
label-dues-through = up to { $month }
label-dues-alerts = { $count } six months in a row without paying
label-dues-alert = Six months unpaid
label-dues-no-base = No base fixed
label-dues-months-paid = { $paid } of { $due } months paid
label-dues-month = { $month }/{ $year }
label-dues-paid-by-branch = { $amount } yuan (paid by the branch)
label-dues-unpaid = Unpaid
label-dues-late = Back-payment over six months
label-dues-year-months = Month by month in { $year }
label-dues-published-on = Published to the branch's members on { $date }.
label-total = Total
label-line-n = Line { $line }
field-file = File
field-dues-members = Members
field-dues-paid = Paid this year (yuan)
field-dues-owed = Owed (yuan)
field-dues-alert = Alert
field-dues-kind = Kind of member
field-dues-base = Monthly base (yuan)
field-dues-monthly = Dues a month (yuan)
field-dues-months = Months paid
field-dues-months-paid = Months paid
field-dues-starts = Dues since
field-dues-months-to-pay = Months to pay
field-dues-paid-on = Date paid
field-dues-by-branch = Paid by the branch
field-dues-due = Due (yuan)
field-dues-rate = Collected
field-dues-silent = Nothing paid in six months
field-dues-run = Longest unpaid run (months)
btn-dues-publication = Yearly publication
btn-dues-import = Import payments
btn-dues-overview = By organization
btn-dues-pay = Record a payment
btn-dues-record-payment = Record
btn-dues-set-base = Fix the base for { $year }
btn-dues-publish = Publish { $year } to the branch's members
help-dues-by-branch = Tick when the branch pays for a frail or far-away member, and say in the note who paid and how.
help-dues-base = Employed, self-employed and retired members pay a share of a monthly base; farmers, students and others a fixed amount, with no base. Once a month of the year is paid, the base stays until next January.
help-dues-base-amount = Monthly net pay; for the self-employed, last quarter's average monthly net income; for retirees, the monthly pension.
help-dues-publish = Once published, every member of the branch is told and can read each member's monthly amount and what they paid in the year (bases, being incomes, are not shown). A year can be published from its December on, once.
help-dues-overview = What each organization owed and paid this year, up to { $month }; "nothing paid in six months" counts members with no payment at all in the last six months.
help-dues-import = The first row holds the headers: name, month (such as 2026-03), date paid, and optionally "by branch" (yes/no) and "note". Payments are recorded only when every row is right; otherwise none is, and every problem is listed by line.
msg-dues-no-members = No members here yet.
msg-dues-base-first = Fix this year's base first.
msg-dues-nothing-payable = No month of this year can be recorded now.
msg-dues-preview = Not published yet: this preview is seen only by those who keep the book.
msg-dues-imported = { $count } payments recorded, { $amount } yuan in all.
msg-dues-import-refused = The sheet has problems, so nothing was recorded. Correct the lines below and upload it again.
notice-dues-published = Party dues published: { $body }
error-dues-not-paying = Only probationary and full members pay dues.
error-dues-year = No base for that year: the member had not joined yet, or the year is too far off.
error-dues-amount = Write an amount in yuan with at most two decimals, such as 3000 or 3000.50.
error-dues-negative = A base cannot be negative.
error-dues-base-fixed = Dues of this year were paid on the base as it is: it stays for the year and is fixed again next January.
error-dues-no-month = Choose at least one month.
error-dues-branch-note = When the branch pays, say in the note who paid and how.
error-dues-month-paid = That month is already paid; it cannot be paid twice.
error-dues-before-start = Dues start in the month the member was admitted as a probationary member; that month is before it.
error-dues-too-far-ahead = Months can be paid ahead only to the end of the quarter (two months at most).
error-dues-no-base = No base is fixed for that year yet; fix it first.
error-dues-publish-early = A year's dues can be published from its December on.
error-dues-published = That year is already published.
error-dues-file = This file cannot be read; upload an .xlsx or .csv sheet.
error-dues-columns = The sheet lacks a required column: name, month, date paid.
error-dues-name-twice = Two members of the branch have this name; record their payments on the page one by one.
error-dues-name-unknown = No dues-paying member of the branch has this name.
error-dues-month = Not a month; write it as 2026-03.
error-dues-date = Not a date; write it as 2026-03-05.
error-dues-yes-no = Write yes or no.
error-dues-file-empty = The sheet holds no payments.

## Rules
rule-title-dues-payment = Paying dues month by month
rule-says-dues-payment = Dues are paid from the day the branch assembly admits the probationary member, monthly, or by the quarter with consent; months missed may be paid back, generally within six months.
rule-title-dues-arrears = Six months without paying dues
rule-says-dues-arrears = A member who without good reason pays no dues for six months in a row is treated as having left the party. The longest run of unpaid months is counted, and the branch is alerted at six.
rule-input-starts = Dues start (the date or month of admission as a probationary member)
rule-input-month = Month paid for
rule-input-paid-on = Date paid
rule-input-already-paid = The month is already paid
rule-choice-already-paid-no = No
rule-choice-already-paid-yes = Already paid
rule-input-through = Count up to the month
rule-input-paid = The months paid, separated by commas (such as 2026-01, 2026-02)
rule-output-owed = Months owed
rule-output-longest-run = Longest unpaid run (months)
rule-output-alert = Alert
rule-title-dues-relief = Reduced or waived dues for members in hardship
rule-says-dues-relief = A member in economic difficulty may pay less or nothing, once the branch committee or assembly has considered it and the party committee above has approved. A reduced amount must be below what the table gives; waived means 0 a month.
rule-input-dues = Monthly dues by the table (yuan)
rule-input-relief = Monthly dues asked for (yuan, 0 to waive)
rule-input-branch-agreed = The branch has agreed
rule-choice-branch-agreed-no = No
rule-choice-branch-agreed-yes = Agreed
rule-input-higher-approved = The committee above has approved
rule-choice-higher-approved-no = No
rule-choice-higher-approved-yes = Approved
rule-output-applies = The reduced amount is owed
rule-problem-relief-not-less = A reduced amount must be below what the table gives.
reason-dues-relief-branch = { $met ->
    [yes] The branch has agreed.
   *[no] The branch committee or assembly must agree first.
}
reason-dues-relief-higher = { $met ->
    [yes] The party committee above has approved.
   *[no] The party committee above must approve.
}
reason-dues-relief-amount = { $met ->
    [yes] By the table { $computed } yuan a month; approved, { $relief } yuan a month.
   *[no] Until approved, { $computed } yuan a month by the table ({ $relief } yuan asked for).
}
rule-problem-month = Write a month, such as 2026-03.
reason-dues-starts = { $met ->
    [yes] { $month } is not before the dues start ({ $starts }): it is owed.
   *[no] Dues start in { $starts }; { $month } is not owed.
}
reason-dues-ahead = { $met ->
    [yes] Paid on { $on }, { $month } is within the months that may be paid ahead ({ $ahead } after this one).
   *[no] On { $on } months may be paid up to { $ahead } ahead; { $month } is too far.
}
reason-dues-once = { $met ->
    [yes] { $month } is not paid yet.
   *[no] { $month } is already paid; it cannot be paid twice.
}
reason-dues-late = { $month } is paid back more than { $back } months late; the record says so.
reason-dues-arrears = { $met ->
    [yes] From { $starts } to { $through }: { $owed } months owed, the longest unpaid run { $run } months, under { $alert_months }.
   *[no] From { $starts } to { $through }: { $owed } months owed, the longest unpaid run { $run } months, reaching { $alert_months }: the branch should talk with the member and act as the rules say.
}

## Reduced or waived dues for members in hardship (Article 7)
label-dues-relief = Reduced or waived dues
label-dues-relief-pending = Waiting for the committee above
label-dues-relief-approved = Approved
label-dues-relief-rejected = Not approved
label-dues-relief-proposed = { $name }, { $date }
label-dues-relief-decided = { $name }, { $date }
field-dues-relief = Dues a month after relief (yuan)
field-dues-relief-reason = The hardship
field-dues-relief-proposed-by = Proposed by the branch
field-dues-relief-decided-by = Decided by the committee above
field-dues-relief-note = Decision note
field-dues-relief-member = Member
field-dues-relief-year = Year
help-dues-relief = For a member in economic difficulty, once the branch committee or assembly agreed: proposed here, owed at the new amount once the party committee above approves; until then the table's amount is owed. Fixing the base again needs a new proposal.
help-dues-relief-amount = A reduced amount must be below the table's amount; 0 waives the dues.
help-dues-relief-note = Say why when not approving.
help-dues-reliefs = Reduced or waived dues proposed by the branches below and waiting for this committee. Open a member's name to decide.
msg-dues-no-reliefs = No reduced or waived dues are waiting.
link-dues-reliefs = Reduced and waived dues waiting for approval
page-dues-reliefs = { $name }: reduced and waived dues waiting for approval
btn-dues-relief-propose = Propose reduced or waived dues
btn-dues-relief-submit = Send to the committee above
btn-dues-relief-approve = Approve
btn-dues-relief-reject = Do not approve
error-dues-waived = The year's dues are waived; there is nothing to record.
error-dues-relief-approved = Reduced or waived dues are already approved for the year.
error-dues-relief-not-pending = This proposal has already been decided.
error-dues-relief-not-less = A reduced amount must be below the table's amount.
error-dues-relief-negative = The amount cannot be negative.
field-dues-relief-table = Due a month by the table (yuan)
