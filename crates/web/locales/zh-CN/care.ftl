## Care and pairing
nav-care = 关怀帮扶
nav-care-mine = 我的联户
page-care = { $name } · { $year } 年关怀帮扶
page-care-difficulty-new = 登记困难党员
page-care-difficulty = { $name } · 困难情况
page-care-visit-new = 安排走访
page-care-pairs = { $name } · { $year } 年结对帮扶
page-care-pair-new = 新建结对
page-care-pair = { $helper } 帮扶 { $helped }
page-care-contacts = { $name } · 超过 { $days } 天未联系的联户
page-care-mine = 我的联户和结对

care-kind-illness = 疾病
care-kind-disability = 残疾
care-kind-age = 年老体弱
care-kind-poverty = 生活困难
care-kind-disaster = 受灾
care-occasion-spring-festival = 春节走访
care-occasion-july-first = “七一”走访
care-occasion-illness = 探望病人
care-occasion-help = 帮扶解困
care-occasion-other = 其他走访
care-contact-visit = 上门走访
care-contact-phone = 电话联系
care-contact-service = 办实事

btn-care-difficulty-new = 登记困难党员
btn-care-visit-new = 安排走访
btn-care-pairs = 结对帮扶
btn-care-contacts = 联户联系
btn-care-plan = 安排走访
btn-care-close = 办结困难
btn-care-made = 登记走访情况
btn-care-pair-new = 新建结对
btn-care-log = 记一次联系
btn-care-all-links = 看全部联户
btn-care-overdue-only = 只看超过 { $days } 天未联系的

field-care-member = 党员
field-care-kind = 困难类别
field-care-difficulty = 困难情况
field-care-registered-on = 登记日期
field-care-closed-on = 办结日期
field-care-done = 做了什么
field-care-state = 状态
field-care-occasion = 走访事由
field-care-planned-on = 计划日期
field-care-visited-on = 走访日期
field-care-visitors = 其他走访人
field-care-visiting-members = 走访的党员
field-care-visit-note = 走访情况
field-care-why = 为什么要走访
field-care-visited = 已走访
field-care-planned = 已安排未走访
field-care-helper = 帮扶人
field-care-helped = 被帮扶人
field-care-goal = 帮扶目标
field-care-starts-on = 开始日期
field-care-ends-on = 结束日期
field-care-period = 帮扶期限
field-care-pair = 结对
field-care-contacts = 联系情况
field-care-contacted-on = 联系日期
field-care-contact-kind = 联系方式
field-care-contact-note = 联系内容
field-care-household = 联系户
field-care-last = 最近联系
field-care-days = 未联系天数
field-care-served = 今年办过实事
field-care-links = 联户总数
field-care-overdue = 超过 { $days } 天未联系
field-date = 日期

help-care-difficulty = 写清困难的具体情况，例如“慢性病长期服药，医药费负担重”。
help-care-done = 写清为他做了什么：送去的慰问、办成的事、转介的部门。
help-care-visited-on = 已经走访了就填上日期，只是安排就空着。
help-care-visitors = 本支部以外的人，例如：镇联村干部。记录已走访时，支部党员和其他走访人至少填一项。
help-care-visiting-members = 本组织去看望的党员，可以选几位（按住 Ctrl 或在手机上逐个点选）。看望计入他们的积分和关怀联系次数。
help-care-helper = 帮扶人须是正式党员。
help-care-goal = 例如：帮助发展大棚蔬菜，年内家庭增收一万元。
help-care-pair-note = 这次帮了什么、进展如何。
help-care-contact-note = 聊了什么、办了什么事，或群众反映了什么。
help-care-must = 生活困难党员、党龄满 50 年的老党员、80 岁以上的老党员，每年都应走访慰问。年龄和党龄按当年最后一天计算，党龄从转正之日算起。
help-care-contacts = 党员联系的每一户，最多 { $days } 天要联系一次，每年至少办一件实事。

label-care-must-visit = 走访慰问名单
label-care-must-count = 应走访 { $count } 人，还有 { $not_visited } 人未走访
label-care-not-visited = 未走访
label-care-rules = 依据
label-care-difficulties = 困难党员
label-care-visits = 走访记录
label-care-open = 帮扶中
label-care-closed-on = { $on } 办结
label-care-made = 已走访
label-care-made-on = { $on } 已走访
label-care-planned = 已安排
label-care-contacts = 共 { $count } 次，最近 { $last }
label-care-contact-count = 联系记录（{ $count } 次）
label-care-no-contact = 还没有联系记录
label-care-never = 从未联系
label-care-no-service = 今年未办实事
label-care-due = 该联系了
label-care-my-households = 我联系的户
label-care-my-pairs = 我的结对帮扶

msg-care-no-must = 今年没有需要走访的党员。
msg-care-no-difficulties = 没有登记困难党员。
msg-care-no-visits = 还没有走访记录。
msg-care-no-pairs = 还没有结对。
msg-care-all-contacted = 所有联户都按时联系了。
msg-care-no-links = 还没有给您分配联系户，请找支部书记。
msg-care-not-member = 只有党员才有联系户。

error-care-member-unknown = 选的人不是本组织的党员。
error-care-future = 日期不能晚于今天。
error-care-before-registered = 办结日期不能早于登记日期。
error-care-closed = 这项困难已经办结了。
error-care-visited = 这次走访已经登记过了。
error-care-pair-same = 帮扶人和被帮扶人不能是同一个人。
error-care-pair-helper = 帮扶人须是正式党员。
error-care-backwards = 结束日期不能早于开始日期。
error-care-outside-period = 联系日期不在结对期限内。
error-care-before-link = 联系日期早于分配这户的日期。

## Rules
rule-title-must-visit = 每年走访慰问名单
rule-says-must-visit = 每年春节前后走访慰问生活困难党员、老党员；这里把登记在册的困难党员、党龄满 50 年（从转正算起）和年满 80 岁的党员列入名单，按当年最后一天计算。
rule-title-household-contact = 党员联户联系
rule-says-household-contact = 党员联系的每一户，两次联系相隔不超过规定天数（默认 30 天，可设置），每年至少办一件实事。
rule-input-year = 年份
rule-input-difficulty = 登记为困难党员
rule-choice-difficulty-no = 否
rule-choice-difficulty-yes = 是
rule-input-birth = 出生日期
rule-input-joined = 转正日期
rule-input-linked-since = 开始联系日期
rule-input-last-contact = 最近一次联系
rule-input-household-contact-on = 查看日期
rule-output-must = 应走访
rule-output-age = 年龄
rule-output-party-years = 党龄
rule-output-limit = 最多间隔天数
rule-output-overdue = 已超期
reason-care-must-difficulty = 登记为困难党员，应当走访慰问。
reason-care-must-veteran = 到 { $on } 党龄 { $party_years } 年，满 { $veteran_years } 年的老党员应当走访慰问。
reason-care-must-elderly = 到 { $on } 年满 { $age } 岁，{ $elderly_age } 岁以上的党员应当走访慰问。
reason-care-must-none = 未登记为困难党员，到 { $on } 党龄不满 { $veteran_years } 年、年龄不满 { $elderly_age } 岁，不在必访名单上。
reason-care-contact = { $met ->
    [yes] 最近一次联系在 { $from }，已 { $days } 天，没有超过 { $limit } 天。
   *[no] 最近一次联系在 { $from }，已 { $days } 天，超过了 { $limit } 天，该联系了。
}
reason-care-contact-never = { $met ->
    [yes] 从 { $from } 开始联系这户，还没有联系记录，已 { $days } 天，没有超过 { $limit } 天。
   *[no] 从 { $from } 开始联系这户，一直没有联系记录，已 { $days } 天，超过了 { $limit } 天。
}
msg-care-more = 共 { $count } 条，这里显示前 { $limit } 条；各支部的页面列出本支部的全部。
