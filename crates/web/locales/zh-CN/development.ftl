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
