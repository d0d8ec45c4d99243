## 任务分解下达与逐级汇总

nav-tasks = 目标任务
page-tasks-of = { $name } · 目标任务
help-tasks = 上级把目标任务分解下达到下级组织，下级可以再分解到所属组织；各级上报进度和佐证，完成情况逐级汇总。逾期未完成的先提醒，一周后仍未完成的报告下达它的上级。
label-task-rules = 分解和上报的规则
btn-task-issue = 下达一项任务
field-task-title = 任务名称
field-task-kind = 任务类型
task-kind-number = 完成数量
task-kind-checklist = 逐项完成清单
task-kind-evidence = 提交佐证材料
help-task-kind = 完成数量：达到一个数字（如走访户数）；清单：每个组织逐项完成；佐证：每个组织提交照片、文件或会议记录的说明。
field-task-target = 目标
field-task-unit = 单位
field-task-checklist = 清单事项
help-task-checklist = 每行一项（清单类任务填写）。
field-task-due = 完成期限
field-task-description = 说明
field-task-parts = 下达给
help-task-parts = 勾选下级组织，完成数量类任务写明各自的目标：各部分之和不能超过总目标，不足的部分会注明差多少。
label-task-handed = 下达给本组织的任务
msg-task-none-handed = 没有下达给本组织的任务。
label-task-issued = 本组织下达的任务
msg-task-none-issued = 本组织还没有下达任务。
field-task-percent = 完成率
field-task-status = 状态
task-status-open = 进行中
task-status-done = 已完成
task-status-returned = 退回重做
task-due-open = 还有 { $days } 天到期
task-due-overdue = 逾期 { $days } 天
task-due-done = 按期完成
task-due-done-late = 逾期 { $days } 天完成
field-task-issuer = 下达单位
btn-task-export = 导出汇总表（Excel）
label-task-rollup = 逐级完成情况
label-task-short = 分解到下级的目标还差 { $short }
field-task-achieved = 已完成
field-task-returned = 退回原因：
btn-task-report = 上报进度
field-task-done = 已完成数量
field-task-done-items = 已完成事项数（佐证类填 1）
field-task-note = 情况说明
field-task-evidence = 佐证
help-task-evidence = 写明照片、文件存放在哪里，或在哪次会议上记录。佐证类任务必须填写。
btn-task-split = 分解给下级
btn-task-return = 退回重做
field-task-reason = 退回原因
label-task-reports = 上报记录
msg-task-no-reports = 还没有上报。
field-task-level = 层级
error-task-due-past = 请填写今天或以后的完成期限。
error-task-target = 完成数量类任务的目标应为 1 至 10 亿。
error-task-checklist = 清单类任务请写 1 至 50 项，每项不超过 200 字。
error-task-no-parts = 请至少选择一个下级组织。
error-task-org-below = 任务只能下达给本组织下属的、正在运行的组织。
error-task-org-twice = 同一个组织在这项任务里已经有一份了。
error-task-part-zero = 选中的每个组织都要写目标。
error-task-parts-over = 分解给下级的目标之和超过了总目标。
error-task-part-done = 这一份已经完成，不能再分解。
error-task-due-within = 分解后的期限不能晚于本级的期限，也不能早于今天。
error-task-split-reports = 这一份已经分解给下级，完成情况由下级汇总，不能直接上报。
error-task-over-target = 上报的数量超过了目标，请在情况说明里写明原因。
reason-task-split = { $met ->
    [yes] 总目标 { $whole }，分解 { $parts }{ $short ->
        [0] 。
       *[other] ，还差 { $short } 没有分解下去。
    }
   *[no] 总目标 { $whole }，分解 { $parts }，超出 { $over }，不能这样分解。
}
reason-task-progress = { $met ->
    [yes] 目标 { $target }，已完成 { $done }（{ $percent }%）。
   *[no] 目标 { $target }，上报 { $done }，超过目标；超过的须写明原因。
}
rule-title-task-split = 任务分解
rule-says-task-split = 分解给下级组织的目标之和不能超过本级的目标；不足的部分照样可以下达，页面会注明还差多少。
rule-title-task-progress = 上报进度
rule-says-task-progress = 上报的完成数量超过目标的，须写明原因；达到目标即为完成。已分解给下级的部分，由下级的完成情况汇总，每个下级超出自己目标的部分不抵补别的下级。
rule-input-whole = 本级目标
rule-input-parts = 分给各下级的目标（用逗号隔开）
rule-input-target = 目标
rule-input-reported = 上报的完成数量
rule-input-noted = 是否写明原因
rule-choice-noted-no = 没有
rule-choice-noted-yes = 写明了
rule-output-unassigned = 还差多少没有分解
rule-output-over = 超出多少
rule-output-complete = 是否完成
notice-task-issued = 收到任务：{ $body }
notice-task-returned = 任务退回重做：{ $body }
notice-task-overdue = 任务逾期未完成：{ $body }
notice-task-escalated = 下级任务逾期一周以上仍未完成：{ $body }
