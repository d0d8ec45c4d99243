## Points
nav-points = 党员积分
page-points = { $name } · { $period }党员积分
page-points-member = { $name } · { $period }积分
page-points-new = 录入积分
page-points-pending = { $name } · 待审核的积分

points-item-appeal-resolved = 办结群众诉求
points-item-appeal-satisfied = 群众评价满意
points-item-meeting-present = 参加组织生活
points-item-meeting-absent = 无故缺席组织生活
points-item-household-contact = 联系服务联户
points-item-study-hour = 学习时长（每满 1 小时）
points-item-pair-contact = 结对帮扶联系
points-item-care-visit = 看望慰问
points-item-hand = 录入积分
points-action-talk = 书记谈话提醒
points-action-remedial = 列为后进，参加整顿学习
points-action-probation-not-confirmed = 预备党员不予按期转正或延长预备期
points-status-pending = 待审核
points-status-approved = 已通过
points-status-rejected = 未通过

btn-points-new = 录入积分
btn-points-pending = 待审核（{ $count }）
btn-points-approve = 通过
btn-points-reject = 不通过
btn-points-mine = 我的积分

field-points-rank = 排名
field-points-total = 积分
field-points-parts = 构成
field-points-actions = 需要处理
field-points-on = 发生日期
field-points-item = 事项
field-points-points = 分值
field-points-evidence = 佐证
field-points-entered-by = 录入人
field-points-decision-note = 审核意见

help-points = 基础分 { $base } 分，加上按规则从办结诉求、群众评价、参加组织生活、联系联户等记录自动计算的分数（每项每期有上限），再加上经审核通过的录入积分。
help-points-item = 例如：带头参加防汛抢险、见义勇为、违反村规民约。
help-points-points = 整数，-20 到 20，加分写正数，扣分写负数，例如 3 或 -2。
help-points-evidence = 写明能证明这件事的材料：文件、照片存放处、记录编号、证明人。
help-points-pending = 录入的积分要由录入人以外的支部书记或上级审核通过后才计入。

label-points-appeals = 办结的群众诉求（{ $count } 件）
label-points-meetings = 组织生活出勤（{ $count } 次）
label-points-contacts = 联系联户 { $count } 次
label-points-entries = 录入的积分（{ $count } 条）

msg-points-none-pending = 没有待审核的积分。

error-points-points = 分值须是 -20 到 20 之间的整数，不能为 0。
error-points-decided = 这条积分已经审核过了。
error-points-own-entry = 自己录入的积分不能自己审核，请由其他负责人审核。

## Rules
rule-title-points = 党员积分
rule-says-points = 基础分加上各项积分（每项每期有上限）和审核通过的录入积分；季度低于 60 分列为后进，低于 90 分由书记谈话提醒；预备党员全年低于 85 分不予按期转正或延长预备期。分值和门槛是本县设置。
rule-input-appeal-resolved = 办结诉求件数
rule-input-appeal-satisfied = 评价满意件数
rule-input-meeting-present = 参加组织生活次数
rule-input-meeting-absent = 无故缺席次数
rule-input-household-contact = 联系联户次数
rule-input-study-hour = 学习时长（整小时数）
rule-input-pair-contact = 结对帮扶联系次数
rule-input-care-visit = 参加看望慰问次数
rule-input-hand-added = 录入加分
rule-input-hand-taken = 录入扣分
rule-input-probationary = 预备党员
rule-choice-probationary-no = 否
rule-choice-probationary-yes = 是
rule-input-yearly = 全年积分
rule-choice-yearly-no = 否（季度或月度）
rule-choice-yearly-yes = 是
rule-output-total = 积分
rule-output-talk = 书记谈话提醒
rule-output-remedial = 列为后进
rule-output-probation-not-confirmed = 不予按期转正
reason-points-base = 基础分 { $base } 分。
reason-points-item = { $item } { $times } 次，每次 { $each } 分，计 { $counted } 分。
reason-points-item-capped = { $item } { $times } 次，每次 { $each } 分，共 { $raw } 分，超过每期上限，计 { $counted } 分。
reason-points-hand = 审核通过的录入积分 { $hand } 分。
reason-points-total = 合计 { $total } 分。
reason-points-action = 低于 { $below } 分：{ $action }。
