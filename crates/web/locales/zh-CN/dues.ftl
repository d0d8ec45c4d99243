## 党费：收缴、欠交提醒、年度公示

nav-dues = 党费
page-dues-book = { $name } { $year } 年党费收缴
page-dues-member = { $name } { $year } 年党费
page-dues-publication = { $name } { $year } 年党费收缴情况公示
page-dues-overview = { $name } { $year } 年党费收缴汇总
page-dues-import = 从表格导入党费收缴记录
help-dues-book = 每年一月核定每名党员的交纳基数和每月交纳额，全年不变；按月登记交纳（也可由支部代交并写明情况）。连续六个月未交纳的党员标出提醒。
label-dues-rules = 党费规定
label-dues-through = 计至 { $month }
label-dues-alerts = { $count } 人连续六个月未交纳
label-dues-alert = 连续六个月未交纳
label-dues-no-base = 未核定基数
label-dues-months-paid = 应交 { $due } 个月，已交 { $paid } 个月
label-dues-month = { $year } 年 { $month } 月
label-dues-paid-by-branch = { $amount } 元（支部代交）
label-dues-unpaid = 未交
label-dues-late = 补交超过六个月
label-dues-year-months = { $year } 年逐月交纳情况
label-dues-published-on = 已于 { $date } 向本支部党员公示。
label-total = 合计
label-line-n = 第 { $line } 行
field-file = 文件
field-dues-members = 党员人数
field-dues-paid = 本年已交（元）
field-dues-owed = 欠交（元）
field-dues-alert = 提醒
field-dues-kind = 党员类别
field-dues-base = 每月交纳基数（元）
field-dues-monthly = 每月交纳额（元）
field-dues-months = 交纳月数
field-dues-months-paid = 已交月数
field-dues-starts = 起交月份
field-dues-months-to-pay = 交纳哪几个月
field-dues-paid-on = 交纳日期
field-dues-by-branch = 由支部代交
field-dues-due = 应交（元）
field-dues-rate = 收缴率
field-dues-silent = 近六个月未交人数
field-dues-run = 最长连续未交（月）
btn-dues-publication = 年度公示
btn-dues-import = 导入交纳记录
btn-dues-overview = 各支部汇总
btn-dues-pay = 登记交纳
btn-dues-record-payment = 登记
btn-dues-set-base = 核定 { $year } 年基数
btn-dues-publish = 向本支部党员公示 { $year } 年党费
help-dues-by-branch = 党员年老体弱或在外地、由支部代为交纳时勾选，并在备注里写明由谁代交、怎样交的。
help-dues-base = 在职、个体经营和离退休党员按每月基数分档计算；农民、学生等按固定数额，不用填基数。本年已有交纳记录后，基数不再调整，次年一月重新核定。
help-dues-base-amount = 税后每月工资收入；个体经营党员填上一季度月平均纯收入；离退休党员填每月养老金。
help-dues-publish = 公示后本支部每名党员都会收到通知，可以查看本年每人每月交纳额和全年交纳情况（不公示收入基数）。每年十二月起可以公示，每年一次。
help-dues-overview = 各组织本年应交、已交和收缴率，计至 { $month }；“近六个月未交人数”指最近六个月没有任何交纳记录的党员。
help-dues-import = 表格第一行是标题：姓名、月份（如 2026-03）、交纳日期，可选“代交”（是/否）和“备注”。每一行都检查无误才会登记；有任何问题时一条也不登记，并逐行列出问题。
msg-dues-no-members = 这里还没有党员。
msg-dues-base-first = 请先核定本年交纳基数。
msg-dues-nothing-payable = 本年没有可以登记的月份。
msg-dues-preview = 尚未公示：这是预览，只有管理党费的人能看到。
msg-dues-imported = 已登记 { $count } 条交纳记录，共 { $amount } 元。
msg-dues-import-refused = 表格里有问题，一条也没有登记。请按下面的行号改正后重新上传。
notice-dues-published = 党费收缴情况已公示：{ $body }
error-dues-not-paying = 只有预备党员和正式党员交纳党费。
error-dues-year = 这一年不能核定：党员那时还没有入党，或年份太远。
error-dues-amount = 金额请写成元，最多两位小数，例如 3000 或 3000.50。
error-dues-negative = 基数不能是负数。
error-dues-base-fixed = 本年已按原基数收缴，基数全年不变，次年一月重新核定。
error-dues-no-month = 请至少选择一个月份。
error-dues-branch-note = 支部代交时请在备注里写明由谁代交、怎样交的。
error-dues-month-paid = 这个月已经交过了，不能重复交纳。
error-dues-before-start = 党费从接收为预备党员的那个月起交纳，这个月还不用交。
error-dues-too-far-ahead = 最多只能预交到本季度末（两个月以内）。
error-dues-no-base = 这一年还没有核定交纳基数，请先核定。
error-dues-publish-early = 每年十二月起才能公示当年的党费。
error-dues-published = 这一年已经公示过了。
error-dues-file = 读不了这个文件，请上传 .xlsx 或 .csv 表格。
error-dues-columns = 表格缺少必填的列：姓名、月份、交纳日期。
error-dues-name-twice = 本支部有同名党员，请在页面上逐个登记。
error-dues-name-unknown = 本支部没有这名交纳党费的党员。
error-dues-month = 不是一个月份，请写成 2026-03。
error-dues-date = 不是一个日期，请写成 2026-03-05。
error-dues-yes-no = 请填“是”或“否”。
error-dues-file-empty = 表格里没有交纳记录。

## 规则
rule-title-dues-payment = 党费按月交纳
rule-says-dues-payment = 党费从支部大会接收为预备党员之日起交纳，按月交纳，经同意可按季度交纳；因故未按时交纳的可以补交，补交一般不超过六个月。
rule-title-dues-arrears = 连续六个月不交纳党费
rule-says-dues-arrears = 党员没有正当理由，连续六个月不交纳党费的，按自行脱党处理。系统计算最长连续未交月数，达到六个月时提醒支部。
rule-input-starts = 起交（接收为预备党员的日期或月份）
rule-input-month = 交纳的月份
rule-input-paid-on = 交纳日期
rule-input-already-paid = 这个月已经交过
rule-choice-already-paid-no = 没有
rule-choice-already-paid-yes = 已经交过
rule-input-through = 计算到哪个月
rule-input-paid = 已交的月份，用逗号分开（如 2026-01, 2026-02）
rule-output-owed = 欠交月数
rule-output-longest-run = 最长连续未交（月）
rule-output-alert = 需要提醒
rule-problem-month = 请写成月份，例如 2026-03。
rule-title-dues-relief = 困难党员少交或免交党费
rule-says-dues-relief = 对经济困难的党员，经党支部委员会或党支部大会研究，报上级党委批准，可以少交或免交党费。少交的数额必须低于按标准应交的数额，免交即每月 0 元。
rule-input-dues = 按标准每月应交（元）
rule-input-relief = 申请后每月交纳（元，免交填 0）
rule-input-branch-agreed = 支部已经研究同意
rule-choice-branch-agreed-no = 没有
rule-choice-branch-agreed-yes = 已同意
rule-input-higher-approved = 上级党委已经批准
rule-choice-higher-approved-no = 没有
rule-choice-higher-approved-yes = 已批准
rule-output-applies = 按少交或免交的数额交纳
rule-problem-relief-not-less = 少交的数额必须低于按标准应交的数额。
reason-dues-relief-branch = { $met ->
    [yes] 支部已经研究同意。
   *[no] 还需要支部委员会或支部大会研究同意。
}
reason-dues-relief-higher = { $met ->
    [yes] 上级党委已经批准。
   *[no] 还需要报上级党委批准。
}
reason-dues-relief-amount = { $met ->
    [yes] 按标准每月 { $computed } 元，批准后每月交纳 { $relief } 元。
   *[no] 批准以前仍按标准每月交纳 { $computed } 元（申请每月 { $relief } 元）。
}
reason-dues-starts = { $met ->
    [yes] { $month } 在起交月份（{ $starts }）以后，应当交纳。
   *[no] 党费从 { $starts } 起交纳，{ $month } 还不用交。
}
reason-dues-ahead = { $met ->
    [yes] { $on } 交纳 { $month } 的党费，没有超过预交期限（本月以后 { $ahead } 个月以内）。
   *[no] { $on } 最多预交到本月以后 { $ahead } 个月，{ $month } 太远了。
}
reason-dues-once = { $met ->
    [yes] { $month } 还没有交过。
   *[no] { $month } 已经交过，不能重复交纳。
}
reason-dues-late = { $month } 的党费补交超过 { $back } 个月，登记时标明。
reason-dues-arrears = { $met ->
    [yes] 从 { $starts } 到 { $through }，欠交 { $owed } 个月，最长连续 { $run } 个月未交，不到 { $alert_months } 个月。
   *[no] 从 { $starts } 到 { $through }，欠交 { $owed } 个月，最长连续 { $run } 个月未交，已达 { $alert_months } 个月，请支部与本人谈话并按规定处理。
}

## 困难党员少交、免交党费（第七条）
label-dues-relief = 少交或免交党费
label-dues-relief-pending = 待上级党委审批
label-dues-relief-approved = 已批准
label-dues-relief-rejected = 未批准
label-dues-relief-proposed = { $name }，{ $date }
label-dues-relief-decided = { $name }，{ $date }
field-dues-relief = 少交后每月交纳（元）
field-dues-relief-reason = 困难情况
field-dues-relief-proposed-by = 支部提出
field-dues-relief-decided-by = 上级党委审批
field-dues-relief-note = 审批意见
field-dues-relief-member = 党员
field-dues-relief-year = 年度
help-dues-relief = 经济困难的党员，经支部委员会或支部大会研究同意后在这里提出，报上级党委批准后按新的数额交纳；批准以前仍按标准交纳。重新核定基数后需要重新提出。
help-dues-relief-amount = 少交填每月交纳的数额，必须低于按标准应交的数额；免交填 0。
help-dues-relief-note = 不批准时请写明理由。
help-dues-reliefs = 下级支部提出、等待本级党委审批的少交或免交党费。点开党员的名字审批。
msg-dues-no-reliefs = 没有等待审批的少交或免交党费。
link-dues-reliefs = 待审批的少交、免交党费
page-dues-reliefs = { $name }：待审批的少交、免交党费
btn-dues-relief-propose = 提出少交或免交
btn-dues-relief-submit = 报上级党委审批
btn-dues-relief-approve = 批准
btn-dues-relief-reject = 不批准
error-dues-waived = 这一年的党费已批准免交，不用登记交纳。
error-dues-relief-approved = 这一年已经批准少交或免交，不能重复提出。
error-dues-relief-not-pending = 这项申请已经审批过了。
error-dues-relief-not-less = 少交的数额必须低于按标准应交的数额。
error-dues-relief-negative = 交纳的数额不能是负数。
field-dues-relief-table = 按标准每月应交（元）
