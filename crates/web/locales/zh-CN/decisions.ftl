## 四议两公开：村级重大事项的民主决策

nav-decisions = 四议两公开
page-decisions-of = { $name } · 四议两公开
page-decisions-board = { $name } · 决策公开栏
help-decisions = 村级重大事项按“四议两公开”办理：党组织提议、“两委”会议商议、党员大会审议、村民会议或村民代表会议决议，决议公开、实施结果公开。每一步都在有记录的会议上进行，按该会议的到会和表决规则计算。
label-decision-rules = 办理规则
label-decision-board = 决策公开栏
label-decision-open = 办理中的事项
label-decision-all = 全部事项
label-decision-finished = 已办结
label-decision-overdue = 公开逾期
label-decision-reserved = 须经村民会议
label-decision-steps = 办理经过
label-decision-meeting = 会议记录
label-decision-record = 记录：
label-decision-present = 到会：
label-decision-absent = 未到会：
label-decision-vote = 表决
label-decision-delegated = 经村民会议授权，由村民代表会议决定。
label-decision-numbers = 应到 { $base } 人，实到 { $present } 人；赞成 { $yes }，反对 { $no }，弃权 { $abstain }。
label-decision-village-meeting = { $body }，地点：{ $place }。
label-decision-settings = 决议作出（或实施完成期限）后 { $days } 天内应当公开（本地设置）。
btn-decision-open = 新建事项
btn-decision-record = 记录这一步
btn-decision-skip = 在“两委”职权内办理，不提交村民会议
field-decision-title = 事项名称
field-decision-kind = 事项类别
field-decision-description = 事项内容和提议方案
field-decision-search = 按名称查找
field-decision-next = 下一步
field-decision-opened = 登记日期
field-decision-opened-by = 记录人
field-decision-vote = 会议表决
field-decision-body = 决议机构
field-decision-held-on = 会议日期
field-decision-place = 会议地点
field-decision-adults-present = 到会的十八周岁以上村民人数
field-decision-households-present = 到会的户代表人数
field-decision-representatives-present = 到会的村民代表（共 { $count } 名，请勾选到会的）
field-decision-delegated = 本事项已由村民会议授权村民代表会议决定
field-decision-yes = 赞成票数
field-decision-no = 反对票数
field-decision-abstain = 弃权票数
field-decision-disclosed-on = 公开日期
field-decision-disclosed = 公开的内容和地点（如：在村务公开栏张贴决议全文）
field-decision-finish-by = 计划实施完成日期
field-decision-on = 日期
field-decision-skip-reason = 理由（属于“两委”职权的依据）
help-decision-kind = 前九类是《村民委员会组织法》第二十四条规定须经村民会议讨论决定的事项，一步也不能少；其他事项选“一般事项”。
help-decision-reserved = 本事项须经村民会议（或经其授权的村民代表会议）决定，每一步都不能省略。
help-decision-vote = 先在“会议”里召开并记录这次会议的到会情况和表决，再在这里选中那次表决。
help-decision-merge = 本地实行“一肩挑”：提议也可以在“两委”联席会议上作出，同时算作商议。
help-decision-resolution = 村民会议须有本村十八周岁以上村民过半数，或三分之二以上的户的代表参加；村民代表会议须有三分之二以上组成人员参加。决定须经到会人员过半数通过。到会人数不够的，不能表决。
help-decision-villagers-roll = 按人员信息，本村现有十八周岁以上村民 { $adults } 人，{ $households } 户。
help-decision-disclose = 决议和实施结果都要在作出（或计划完成）后 { $days } 天内公开；逾期未公开的，系统会告知上级。
help-decision-skip = 只有一般事项可以这样办理；须经村民会议的事项不能跳过。
help-decision-board = 本村按“四议两公开”办理的事项，决议和实施结果在这里公开。
msg-decision-none = 没有事项。
msg-decision-no-steps = 还没有记录任何一步。
msg-decision-no-votes = 还没有可用的会议表决。
msg-decision-no-representatives = 人员信息中没有在任的村民代表。请先在村民代表会议中登记代表。
msg-decision-board-empty = 目前没有公开的决策事项。
notice-disclosure-overdue = 决策公开逾期：{ $body }

decision-step-proposal = 党组织提议
decision-step-deliberation = “两委”会议商议
decision-step-review = 党员大会审议
decision-step-resolution = 村民会议或村民代表会议决议
decision-step-resolution-disclosed = 决议公开
decision-step-result-disclosed = 实施结果公开
decision-outcome-passed = 通过
decision-outcome-failed = 未通过
decision-outcome-done = 已公开
decision-outcome-skipped = 未提交村民会议
decision-body-villagers = 村民会议
decision-body-representatives = 村民代表会议
matter-kind-allowances = 享受误工补贴的人员及补贴标准
matter-kind-collective-income = 集体经济所得收益的使用
matter-kind-public-works = 公益事业的兴办和筹资筹劳方案
matter-kind-land-contracting = 土地承包经营方案
matter-kind-collective-projects = 集体经济项目的立项、承包方案
matter-kind-homesteads = 宅基地的使用方案
matter-kind-compensation = 征地补偿费的使用、分配方案
matter-kind-asset-disposal = 以借贷、租赁等方式处分集体财产
matter-kind-villagers-interest = 其他涉及村民利益的事项
matter-kind-general = 一般事项

error-decision-order = 步骤顺序不对，不能记录这一步。
error-decision-reserved = 这是须经村民会议决定的事项，不能跳过决议。
error-decision-closed = 这个事项已办结。
error-decision-vote-required = 请选择会议上的表决。
error-decision-wrong-meeting = 这次表决不是本组织这一步应开的会议上作出的。
error-decision-vote-used = 这次表决已经用于另一步。
error-decision-before-last = 日期不能早于上一步。
error-decision-no-quorum = 到会人数不够，这次会议不能表决。
error-decision-reserved-villagers = 这是须经村民会议决定的事项；由村民代表会议决定须经村民会议授权，请勾选授权。
error-decision-no-roll = 人员信息中没有本村的村民或户，无法计算村民会议的到会人数。
error-decision-no-representatives = 人员信息中没有在任的村民代表。
error-decision-not-on-roll = 勾选的人不在村民代表名单上。
error-decision-over-roll = 到会人数不能多于本村的人数或户数。
error-decision-finish-before = 计划完成日期不能早于公开日期。

reason-decision-order = { $met ->
    [yes] 前面的步骤都已完成，现在可以进行“{ $step }”。
   *[no] 现在应进行“{ $expected }”，还不能进行“{ $step }”。
}
reason-decision-finished = 六个步骤都已完成。
reason-decision-reserved = { $met ->
    [yes] “{ $matter_kind }”须经村民会议决定，每一步都不能省略。
   *[no] “{ $matter_kind }”须经村民会议决定，不能跳过决议这一步。
}
reason-decision-skip = { $met ->
    [yes] 一般事项可以在“两委”职权内办理，不提交村民会议，但仍须公开。
   *[no] 只有决议这一步可以这样办理。
}
reason-decision-committee-passes = { $met ->
    [yes] 赞成 { $yes } 票，超过应到 { $members } 人的半数（至少 { $need } 票），通过。
   *[no] 赞成 { $yes } 票，未超过应到 { $members } 人的半数（至少 { $need } 票），未通过。
}
reason-review-quorum = { $met ->
    [yes] 到会党员 { $present } 人，达到应到 { $members } 人的三分之二（至少 { $need } 人），可以审议。
   *[no] 到会党员 { $present } 人，不足应到 { $members } 人的三分之二（至少 { $need } 人），不能审议。
}
reason-review-passes = { $met ->
    [yes] 赞成 { $yes } 票，超过应到党员 { $members } 人的半数（至少 { $need } 票），审议通过。
   *[no] 赞成 { $yes } 票，未超过应到党员 { $members } 人的半数（至少 { $need } 票），审议未通过。
}
reason-disclosure-due = { $met ->
    [yes] 自 { $from } 起 { $days } 天内，即 { $due } 前应当公开{ $on ->
        [none] ，尚未到期
       *[other] ，已于 { $on } 公开
    }。
   *[no] 自 { $from } 起 { $days } 天内，即 { $due } 前应当公开{ $on ->
        [none] ，至今未公开，已逾期
       *[other] ，{ $on } 才公开，晚了
    }。
}

rule-title-decision-step = 四议两公开的步骤顺序
rule-says-decision-step = 六个步骤必须依次进行：党组织提议 → “两委”会议商议 → 党员大会审议 → 村民会议或村民代表会议决议 → 决议公开 → 实施结果公开。须经村民会议决定的九类事项一步也不能省略；一般事项可以在“两委”职权内办理而不提交村民会议，但仍须公开。
rule-title-assembly-review = 党员大会审议
rule-says-assembly-review = 党员大会审议村级重大事项，须有应到党员三分之二以上到会，赞成票超过应到党员半数为通过（地方做法）。
rule-title-disclosure-due = 决议和实施结果的公开期限
rule-says-disclosure-due = 涉及村民利益的重大事项应当随时公布：决议作出后、实施计划完成后，都要在规定天数内公开。
rule-input-decision-step-kind = 事项类别
rule-input-done = 已完成的步骤（用代码，逗号隔开：proposal 提议、deliberation 商议、review 审议、resolution 决议、resolution_disclosed 决议公开）
rule-input-step = 要进行的步骤
rule-input-skip = 是否不提交村民会议
rule-input-assembly-review-members = 应到会的党员人数
rule-input-from = 起算日期（决议日期或计划完成日期）
rule-input-disclosure-due-on = 公开日期（未公开可不填）
rule-output-expected = 现在应进行的步骤
rule-output-due-on = 最晚公开日期
rule-output-disclosure-due-overdue = 是否逾期未公开
rule-choice-skip-no = 否
rule-choice-skip-yes = 是
rule-choice-kind-allowances = 享受误工补贴的人员及补贴标准
rule-choice-kind-collective-income = 集体经济所得收益的使用
rule-choice-kind-public-works = 公益事业的兴办和筹资筹劳方案
rule-choice-kind-land-contracting = 土地承包经营方案
rule-choice-kind-collective-projects = 集体经济项目的立项、承包方案
rule-choice-kind-homesteads = 宅基地的使用方案
rule-choice-kind-compensation = 征地补偿费的使用、分配方案
rule-choice-kind-asset-disposal = 以借贷、租赁等方式处分集体财产
rule-choice-kind-villagers-interest = 其他涉及村民利益的事项
rule-choice-kind-general = 一般事项
rule-choice-step-proposal = 党组织提议
rule-choice-step-deliberation = “两委”会议商议
rule-choice-step-review = 党员大会审议
rule-choice-step-resolution = 村民会议或村民代表会议决议
rule-choice-step-resolution-disclosed = 决议公开
rule-choice-step-result-disclosed = 实施结果公开
btn-decision-export = 导出 Excel
