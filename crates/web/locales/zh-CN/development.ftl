## 发展党员、党费的规则

rule-title-development-gate = 发展党员各环节的条件
rule-says-development-gate = 年满十八岁方可申请；收到申请一个月内谈话；作为积极分子培养一年以上方可确定为发展对象；两名正式党员作入党介绍人（受留党察看处分的不能）；集中培训不少于三天或二十四学时；公示期满后才能召开支部大会；上级党委三个月内审批，特殊情况不超过六个月；预备期一年，可延长一次（六至十二个月），期满方可转正。
rule-title-dues = 党费计算
rule-says-dues = 在职党员按每月工资收入（税后）分档交纳：3000 元以下（含）0.5%，3000 至 5000 元（含）1%，5000 至 10000 元（含）1.5%，10000 元以上 2%，全部基数按同一比例；离退休党员 5000 元以下（含）0.5%，以上 1%；农民党员按省里规定的数额；学生、下岗失业、领取救济或低保的党员每月 0.2 元。
label-development-settings = 公示期：{ $days } 个工作日（本地规定）。
label-dues-settings = 本省农民党员每月交纳 { $amount } 元。
label-yuan = { $amount } 元
rule-input-gate = 环节
rule-choice-gate-application = 递交入党申请（年龄）
rule-choice-gate-talk = 谈话
rule-choice-gate-development-target = 确定为发展对象
rule-choice-gate-introducers = 入党介绍人
rule-choice-gate-training = 集中培训
rule-choice-gate-notice = 公示
rule-choice-gate-approval = 上级党委审批
rule-choice-gate-extension = 延长预备期
rule-choice-gate-confirmation = 预备党员转正
rule-input-applicant-birth = 申请人出生日期
rule-input-application-on = 递交申请日期
rule-input-activist-since = 确定为积极分子日期
rule-input-introducers = 两名介绍人的身份（用逗号分开：正式党员填 full，预备党员 probationary，留党察看 party_probation，非党员 not_member）
rule-input-training-from = 培训开始日期
rule-input-training-to = 培训结束日期
rule-input-hours = 培训学时
rule-input-notice-from = 公示开始日期
rule-input-assembly-on = 支部大会日期
rule-input-probation-from = 预备期开始日期（支部大会通过之日）
rule-input-extension-months = 延长预备期月数
rule-input-extended-before = 是否已经延长过
rule-choice-extended-before-no = 没有
rule-choice-extended-before-yes = 已延长过
rule-input-on = 拟办理日期
rule-input-dues-kind = 党员类别
rule-choice-kind-employed = 在职
rule-choice-kind-self-employed = 个体经营
rule-choice-kind-retired = 离退休
rule-choice-kind-farmer = 农民
rule-choice-kind-student = 学生
rule-choice-kind-other = 下岗失业、领取救济或低保
rule-input-base = 每月收入基数（元）
rule-output-earliest = 最早可以办理的日期
rule-output-late = 是否超期
rule-output-dues = 每月党费
rule-problem-money = 金额格式不对：请填写元，最多两位小数。
rule-problem-negative = 不能是负数。
rule-problem-backwards = 不能早于“{ $name }”。
rule-problem-hours = 学时超过了这几天的全部时长。
dues-kind-employed = 在职党员
dues-kind-self-employed = 个体经营党员
dues-kind-retired = 离退休党员
dues-kind-farmer = 农民党员
dues-kind-student = 学生党员
dues-kind-other = 下岗失业、领取救济或低保的党员
introducer-status-full = 正式党员
introducer-status-probationary = 预备党员
introducer-status-party-probation = 受留党察看处分的党员
introducer-status-not-member = 非党员
reason-dev-age = { $met ->
    [yes] 申请时已满 { $age } 周岁，符合年满十八岁的条件。
   *[no] 申请时 { $age } 周岁，不满十八岁；{ $eighteen_on } 起才能申请。
}
reason-dev-talk = { $met ->
    [yes] 收到申请（{ $from }）后在一个月内（{ $latest } 前）谈话，符合要求。
   *[no] 谈话应在收到申请（{ $from }）后、{ $latest } 以前进行；{ $on } 不在此期间。
}
reason-dev-target = { $met ->
    [yes] 自 { $from } 确定为积极分子，到 { $on } 已满一年，可以确定为发展对象。
   *[no] 自 { $from } 确定为积极分子，须满一年，{ $earliest } 起才能确定为发展对象。
}
reason-dev-introducers = { $met ->
    [yes] 有两名正式党员作入党介绍人，符合要求。
   *[no] 入党介绍人须为两名正式党员，现有 { $count } 名，或有人不符合条件。
}
reason-dev-introducer-refused = 第 { $position } 名介绍人是{ $status }，不能作入党介绍人。
reason-dev-training = { $met ->
    [yes] 集中培训 { $days } 天、{ $hours } 学时，达到三天或二十四学时。
   *[no] 集中培训 { $days } 天、{ $hours } 学时，不足三天，也不足二十四学时。
}
reason-dev-notice = { $met ->
    [yes] 公示自 { $from } 起，已满 { $required } 个工作日，{ $earliest } 起可以召开支部大会。
   *[no] 公示自 { $from } 起须满 { $required } 个工作日，{ $earliest } 起才能召开支部大会。
}
reason-dev-approval = { $met ->
    [yes] 支部大会（{ $from }）后三个月内（{ $latest } 前）审批，符合要求。
   *[no] 上级党委应在支部大会（{ $from }）后三个月内（{ $latest } 前）审批，特殊情况不超过六个月（{ $special } 前）；{ $on } 已超期或早于支部大会，超过六个月的须重新履行程序。
}
reason-dev-extension = { $met ->
    [yes] 延长预备期 { $months } 个月，在六至十二个月之内，且是第一次延长。
   *[no] 预备期只能延长一次，时间为六至十二个月；{ $months } 个月或再次延长不符合规定。
}
reason-dev-confirmation = { $met ->
    [yes] 预备期自 { $from } 起已满，{ $earliest } 起可以讨论转正。
   *[no] 预备期自 { $from } 起计算，{ $earliest } 才期满，之前不能转正。
}
reason-dues-band = { $dues_kind }每月基数 { $base } 元，属于 { $upto } 元以下（含）这一档，按 { $rate }% 交纳，每月 { $dues } 元。
reason-dues-top = { $dues_kind }每月基数 { $base } 元，属于最高一档，按 { $rate }% 交纳，每月 { $dues } 元。
reason-dues-fixed = { $dues_kind }每月交纳 { $dues } 元，与收入无关。
reason-dues-rounding = 按全部基数同一比例计算，四舍五入到分。

## 发展党员的页面

nav-development = 发展党员
page-development-of = { $name } · 发展党员
page-development-new = 登记入党申请
page-development-case = { $name } · 发展党员
help-development = 从递交入党申请到转为正式党员，每一步都按《发展党员工作细则》检查：太早或缺少材料的步骤会被拒绝，并说明依据和最早日期。
label-dev-rules = 查看各环节的规定
btn-dev-open = 登记入党申请
label-dev-due = 本月该办的
msg-dev-none-due = 本月没有到期或可以办理的环节。
label-dev-all = 全部（含已转正、已取消）
label-dev-open = 正在进行的
msg-dev-none = 还没有发展对象的记录。
btn-more = 更多
help-dev-open = 先按姓名找到申请人（须已登记在人员信息中，并有出生日期），再填写递交申请的日期。
field-dev-find-person = 申请人姓名
help-dev-find-person = 只能按姓名查找；身份证号和手机号不能放在网址里。
msg-dev-no-person = 没有找到这个人。请先在人员信息中登记。
field-dev-applicant = 申请人
label-born = { $date } 出生
field-dev-stage = 所处阶段
field-dev-applied-on = 递交申请日期
field-dev-next = 下一步
field-dev-introducers = 入党介绍人
field-dev-introducer = 入党介绍人
label-dev-timeline = 经过
label-dev-meeting = 支部大会
field-dev-vote = 支部大会的表决
msg-dev-no-votes = 还没有可用的表决：先召开支部党员大会，并记录对此人的表决结果（须通过）。
help-dev-vote = 每人单独表决；一次表决只能用于一个人。支部大会的日期就是本步骤的日期。
btn-dev-record = 记录
field-dev-on = 日期
field-dev-on-training = 日期
field-dev-review-conclusion = 政治审查结论
label-dev-from = ，{ $date } 起
label-dev-by = ，应在 { $date } 前
dev-stage-applicant = 入党申请人
dev-stage-activist = 入党积极分子
dev-stage-development-target = 发展对象
dev-stage-admitted = 待上级审批
dev-stage-probationary = 预备党员
dev-stage-full = 正式党员
dev-stage-cancelled = 已取消预备党员资格
dev-step-application = 递交入党申请
dev-step-talk = 谈话
dev-step-activist = 确定为入党积极分子
dev-step-development-target = 确定为发展对象
dev-step-introducers = 确定入党介绍人
dev-step-review = 政治审查
dev-step-training = 集中培训
dev-step-pre-review = 上级党委预审
dev-step-notice = 公示
dev-step-admission = 支部大会讨论接收
dev-step-approval = 上级党委审批
dev-step-extension = 延长预备期
dev-step-confirmation = 转为正式党员
dev-step-cancellation = 取消预备党员资格
help-dev-step-talk = 收到入党申请后一个月内，派人同申请人谈话。
help-dev-step-activist = 经党员推荐或群团组织推优、支委会研究，确定为入党积极分子（须先谈话）。
help-dev-step-development-target = 作为积极分子培养教育一年以上，经支委会讨论同意，确定为发展对象。
help-dev-step-introducers = 两名正式党员作入党介绍人；受留党察看处分的党员不能作介绍人。
help-dev-step-review = 记录政治审查的结论（必填）。
help-dev-step-training = 集中培训不少于三天或二十四学时；学时不能超过这几天的全部时长。
help-dev-step-pre-review = 介绍人、政治审查和培训都完成后，报上级党委预审。
help-dev-step-notice = 预审通过后公示，公示期满才能召开支部大会。
help-dev-step-admission = 支部大会讨论，到会人数须过半，赞成票须超过应到会有表决权党员的半数。
help-dev-step-approval = 上级党委在支部大会后三个月内审批，特殊情况不超过六个月。审批后登记为预备党员。
help-dev-step-extension = 预备期只能延长一次，六至十二个月；须写明原因。
help-dev-step-confirmation = 预备期满，经支部大会讨论通过，转为正式党员；党龄从预备期满之日算起。
help-dev-step-cancellation = 不具备党员条件的，取消预备党员资格；须写明原因。
error-dev-birth-unknown = 此人没有登记出生日期，无法核对年龄。请先在人员信息中补上。
error-dev-under-age = 申请时不满十八岁，不能申请入党（细则第五条）。
error-dev-already-member = 此人已经是党员。
error-dev-case-exists = 此人已有发展记录。
error-dev-vote-required = 请选择支部大会对此人的表决。
error-dev-vote-not-assembly = 这次表决不是本支部已召开的党员大会上的表决。
error-dev-vote-date = 日期应为支部大会召开的日期。
error-dev-vote-failed = 这次表决没有通过。
error-dev-vote-used = 这次表决已经用于另一个人；每人须单独表决。
error-dev-step-stage = 当前阶段不能办理这一步。
error-dev-review-conclusion = 请填写政治审查结论。
error-dev-before-application = 谈话不能早于递交申请的日期。
error-dev-talk-first = 请先记录谈话（细则第七条）。
error-dev-target-early = 作为入党积极分子培养不满一年，还不能确定为发展对象（细则第十三条）。
error-dev-introducers = 入党介绍人须为两名正式党员，且不能是本人（细则第十四条）。
error-dev-hours-over = 学时超过了这几天的全部时长。
error-dev-training-short = 集中培训不足三天，也不足二十四学时（细则第十七条）。
error-dev-incomplete = 前面的环节还没有完成：介绍人、政治审查、培训、预审、公示。
error-dev-pre-review-first = 公示须在上级党委预审之后。
error-dev-notice-running = 公示期还没有满，不能召开支部大会讨论接收。
error-dev-approval-expired = 支部大会已过去六个月以上，须重新履行接收程序。
error-dev-extension = 预备期只能延长一次，时间为六至十二个月（细则第三十二条）。
error-dev-probation-running = 预备期还没有满，不能转正（细则第三十三条）。
