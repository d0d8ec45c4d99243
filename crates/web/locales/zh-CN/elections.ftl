## 选举与民主决策的规则（四议两公开、村民会议、公推直选）

rule-title-villagers-meeting = 村民会议
rule-says-villagers-meeting = 村民会议须有本村十八周岁以上村民的过半数，或者本村三分之二以上的户的代表参加；所作决定须经到会人员的过半数通过。
rule-title-representatives-meeting = 村民代表会议
rule-says-representatives-meeting = 村民代表会议须有三分之二以上的组成人员参加方可召开；所作决定须经到会人员的过半数同意。
rule-title-election-quorum = 选举大会是否有效
rule-says-election-quorum = 有选举权的到会人数超过应到会人数的五分之四，会议有效（恰为五分之四的，中组部答复亦可）。经批准不计入应到会人数的党员，须记录理由。
rule-title-competitive-margin = 差额选举的候选人人数
rule-says-competitive-margin = 委员候选人的差额不少于应选人数的20%（不足一人的按一人计）：应选3名至少4名候选人，5名至少6名，7名至少9名。
rule-title-ballot = 选票是否有效
rule-says-ballot = 所选人数（赞成的加另选的）等于或少于应选人数的为有效票，多于的为无效票；对候选人可以赞成、不赞成或弃权，投不赞成票的可以另选他人，弃权的不能另选。
rule-title-election-round = 一轮选举的计票
rule-says-election-round = 收回的选票多于发出的，本次选举无效，应重新选举。获得赞成票超过到会有选举权人数一半的，才能当选；超过的多于应选名额时，按得票多少取足名额；在名额线上得票相等的，只在他们中再次投票；当选人数不足应选名额的，不足的名额在未当选的候选人中另行选举。

rule-input-adults = 本村十八周岁以上村民人数
rule-input-adults-present = 到会的十八周岁以上村民人数
rule-input-households = 本村户数
rule-input-household-reps-present = 到会的户代表人数
rule-input-representatives-meeting-members = 村民代表会议组成人员数
rule-input-villagers-meeting-yes = 赞成票数（未表决可不填）
rule-input-election-round-present = 到会有选举权的人数
rule-input-election-quorum-present = 到会有选举权的人数
rule-input-expected = 应到会有选举权的党员人数
rule-input-seats = 应选名额
rule-input-candidates = 候选人人数
rule-input-ballot = 选票上的标记（写成 approve: 张三,李四; disapprove: 王五; abstain: 赵六; write_in: 钱七 ——赞成、不赞成、弃权、另选他人）
rule-input-issued = 发出的选票
rule-input-returned = 收回的选票
rule-input-election-round-yes = 各候选人的赞成票（如 张三:30, 李四:25）
rule-output-minimum-candidates = 至少要有候选人
rule-output-chosen = 本票所选人数
rule-output-result = 计票结果
rule-output-elected = 当选
rule-output-shortfall = 还差几名
rule-output-revote-among = 须再次投票的候选人
rule-output-revote-seats = 再次投票选几名
rule-output-election-quorum-valid = 大会是否有效
rule-output-ballot-valid = 是否有效票
round-result-void = 选举无效，须重新选举
round-result-counted = 已计票
rule-problem-votes = 请按“姓名:票数”填写，多人用逗号隔开，例如 张三:30, 李四:25。
rule-problem-ballot = 请按“approve: 姓名,姓名; disapprove: 姓名; abstain: 姓名; write_in: 姓名”填写。

reason-election-quorum = { $met ->
    [yes] 有选举权的到会 { $present } 人，应到会 { $expected } 人，达到五分之四（至少 { $need } 人），大会有效。
   *[no] 有选举权的到会 { $present } 人，应到会 { $expected } 人，不足五分之四（至少 { $need } 人），大会无效，不能选举。
}
reason-competitive-margin = { $met ->
    [yes] 应选 { $seats } 名，候选人 { $candidates } 名，达到差额要求（至少 { $minimum } 名）。
   *[no] 应选 { $seats } 名，候选人只有 { $candidates } 名；差额不少于应选人数的20%，至少要 { $minimum } 名。
}
reason-ballot-chosen = { $met ->
    [yes] 本票选了 { $chosen } 人，不超过应选 { $seats } 名。
   *[no] 本票选了 { $chosen } 人，多于应选 { $seats } 名，是无效票。
}
reason-ballot-write-in = { $met ->
    [yes] 另选了 { $write_in } 人，都替代了不赞成票（不赞成 { $no } 人）。
   *[no] 另选了 { $write_in } 人，但不赞成票只有 { $no } 人：另选他人只能替代不赞成票，弃权的不能另选，是无效票。
}
reason-ballot-twice = 同一个人在票上被标了两次，是无效票。
reason-round-void = 收回 { $returned } 张，多于发出的 { $issued } 张：本次选举无效，应重新选举。
reason-round-need = 到会有选举权的 { $present } 人，当选须获得超过半数的赞成票，至少 { $need } 票。
reason-round-elected = { $count ->
    [0] 应选 { $seats } 名，本轮无人当选。
   *[other] 应选 { $seats } 名，当选 { $count } 名：{ $names }。
}
reason-round-revote = { $names } 在名额线上得票相等，只在他们中再次投票，选出 { $seats } 名。
reason-round-shortfall = 还差 { $count } 名，在未当选的候选人中另行选举。
reason-villagers-adults = { $met ->
    [yes] 到会的十八周岁以上村民 { $present } 人，超过全村 { $adults } 人的半数（至少 { $need } 人）。
   *[no] 到会的十八周岁以上村民 { $present } 人，未超过全村 { $adults } 人的半数（至少 { $need } 人）。
}
reason-villagers-households = { $met ->
    [yes] 到会的户代表 { $present } 人，达到全村 { $households } 户的三分之二（至少 { $need } 户）。
   *[no] 到会的户代表 { $present } 人，不足全村 { $households } 户的三分之二（至少 { $need } 户）。
}
reason-village-vote-passes = { $met ->
    [yes] 赞成 { $yes } 票，超过到会 { $present } 人的半数（至少 { $need } 票），通过。
   *[no] 赞成 { $yes } 票，未超过到会 { $present } 人的半数（至少 { $need } 票），未通过。
}
reason-representatives-quorum = { $met ->
    [yes] 到会代表 { $present } 人，达到组成人员 { $members } 人的三分之二（至少 { $need } 人），可以开会。
   *[no] 到会代表 { $present } 人，不足组成人员 { $members } 人的三分之二（至少 { $need } 人），不能开会。
}

error-election-seats = 应选名额应为 1 至 15 名。
error-election-candidate-twice = 同一个候选人列了两次。
error-election-margin = 候选人人数不够差额要求。
error-election-roll-fixed = 第一轮投票开始后，选举人名单不能再改。
error-election-not-on-roll = 这个人不在有选举权的党员名单上，或已不计入应到人数。
error-election-present-over = 到会人数不能多于应到人数。
error-election-no-quorum = 到会人数不够，选举大会无效，不能投票。
error-election-candidates-unknown = 这一轮的候选人必须是本次选举的候选人，名额至少为 1。
error-election-round-open = 已有一轮投票正在进行。
error-election-not-voting = 现在没有进行中的投票。
error-election-not-a-candidate = 选票上标记的人不是本轮的候选人（另选他人请写在另选栏）。
error-election-ballot = 这张选票无法计算。
error-election-ballot-void = 这张选票按规定是无效票，请重新填写。
error-election-voted = 已经投过票了：每人每轮只能投一张票。

nav-elections = 换届选举
page-elections-of = { $name } · 换届选举
page-election-ballot = 投票 · { $title }
page-election-board = 选举公示栏 · { $title }
help-elections = 支部委员会的换届选举：候选人差额不少于应选人数的20%，有选举权的到会人数超过应到会人数的五分之四会议才有效，无记名投票，获得赞成票超过到会有选举权人数一半的才能当选。
label-election-rules = 选举规则
label-election-all = 全部选举
btn-election-prepare = 筹备一次选举
field-election-title = 选举名称
field-election-seats = 应选名额
field-election-candidates = 候选人
help-election-candidates = 每行写一个姓名（或用顿号隔开），按选票上的顺序（姓氏笔画为序）。
msg-election-none = 还没有选举。
field-election-status = 进行情况
election-status-preparing = 筹备中
election-status-voting = 正在投票
election-status-counted = 已计票
field-election-expected = 应到会有选举权的党员
field-election-voted = 本轮已投票
label-election-round = 第 { $round } 轮：
label-election-elected = 当选：{ $names }。
label-election-none = 无人
label-election-revote = { $names } 得票相等，在他们中再次投票选出 { $seats } 名。
label-election-shortfall = 还差 { $count } 名，须在未当选的候选人中另行选举。
label-election-board = 选举公示栏
label-election-board-ok = 公示栏核对无误：哈希链完整，按公示的选票重新计票，与公布的结果一致。
label-election-board-broken = 公示栏核对不一致：有记录被改动、删除，或公布的结果与重新计票不符。
help-election-secrecy = 保密说明：数据库中，投票人名单只记“谁已投票”，票箱只记选票内容和回执，两者之间没有任何关联，选票也不记投票时间。但选票是在服务器上放进票箱的，运行服务器的人在投票当时如果监视服务器的通信或内存，能够看到这一票投给了谁；能直接读取数据库文件的人，也可能从记录存放的先后推出投票的次序，再与公示栏上选票的次序对照。纸质投票不受此限。
btn-election-vote = 投票
btn-election-kiosk = 现场代为登记投票
btn-election-close = 结束本轮投票并计票
btn-election-open = 开始一轮投票
help-election-open = 填写有选举权的到会人数。超过应到会人数的五分之四（恰为五分之四亦可），选举大会才有效。每位到会者领一张选票。
field-election-present = 有选举权的到会人数
label-election-excluded = 不计入应到会人数的党员
btn-election-exclude = 不计入应到会人数
field-election-person = 党员
field-election-reason = 理由
help-election-exclude = 须经上级党组织批准、党员大会通过：如在国外半年以上、服刑、长期卧床等。第一轮投票开始后不能再改。
help-election-ballot = 对每位候选人选择赞成、不赞成或弃权。赞成的加另选的人数不能超过应选名额 { $seats } 名。
field-election-voter = 投票人
label-election-myself = 我本人
label-ballot-yes = 赞成
label-ballot-no = 不赞成
label-ballot-abstain = 弃权
field-election-write-in = 另选他人
help-election-write-in = 只能代替一张不赞成票；弃权的不能另选。
btn-election-cast = 投出选票
msg-election-cast = 选票已投入票箱。
field-election-receipt = 回执：
field-election-secret = 您的密码（请自己保管，不要给别人看）：
help-election-receipt = 回执会出现在选举公示栏上。凭这个密码，您可以自己核对公示栏上的那一票就是您投的；没有密码，谁也不能把回执和您对上号。
msg-election-no-ballot = 现在没有您可以投的票。
help-election-board = 每一项都和前一项用哈希相连：删改任何一项，后面的都对不上。任何人都可以用公示的选票重新计票。
label-election-opened = 第 { $round } 轮开始：应选 { $seats } 名，候选人 { $names }；应到 { $expected } 人，实到 { $present } 人。
label-election-ballot = 第 { $round } 轮的一张选票
label-election-closed = 第 { $round } 轮结束：发出选票 { $issued } 张，收回 { $returned } 张。
label-election-published = 第 { $round } 轮结果公布。

## 公推直选、纸质选票、新一届委员会、报批
election-status-recommending = 公开推荐中
election-status-elected = 已选满，待选书记
election-status-reported = 已报上级审批
election-status-approved = 上级已批准
label-election-way-site = （现场用手机或终端投票）
label-election-way-paper = （纸质选票，两名计票人计票）
label-election-counted = 第 { $round } 轮计票（计票人 { $tellers } 两人录入一致）：有效票 { $valid } 张，无效票 { $void } 张；得赞成票：{ $votes }。
label-election-officers = 新一届委员会（共 { $members } 名委员，到会 { $present } 名）选举书记：{ $secretary }，得 { $yes } 票。
label-election-deputy = 副书记：{ $deputy }，得 { $yes } 票。
label-election-pool-out = 不在人才库排名内
label-election-pool-place = 人才库第 { $place } 名
label-election-pool-hidden = 由上级查看
election-how-registered = 个人报名
election-how-members = 党员推荐
election-how-masses = 群众推荐
label-election-next = 下一轮：在 { $names } 中选出 { $seats } 名。
help-election-score = 综合得分 = 党员推荐得票率 × { $member }% + 群众推荐得票率 × { $villager }%（权重是本县的设置）。人才库排名来自服务队伍的带头人人才库，只有上级看得到。
label-election-teller-entered = 计票人{ $slot }（{ $name }）已录入。
label-election-term-none = 本组织没有在任的支部委员会成员记录。
label-election-term = 本届委员会任期到 { $end }：{ $state }。
btn-election-plan = 公推直选：开始公开推荐
help-election-plan = 先登记报名和推荐的人选，党员和群众分别投推荐票，按权重算出综合得分；再由上级党委审查、确定正式候选人，然后召开党员大会差额选举。
help-election-stroke-order = 候选人按姓氏笔画排列（笔画数相同的按字符编码排）。
field-election-elected = 已当选
field-election-secretary = 书记
field-election-deputy = 副书记
field-election-reported-on = 报上级日期
field-election-approved-on = 上级批准日期
msg-election-approved = 上级已批准选举结果，新一届委员会的职务和任期已记入人员档案。
label-election-nominees = 报名和推荐人选
msg-election-no-nominees = 还没有人报名或被推荐。
field-election-how = 产生方式
field-election-member-votes = 党员推荐票
field-election-villager-votes = 群众推荐票
field-election-score = 综合得分
field-election-pool = 人才库
btn-election-nominate = 登记报名或推荐人选
help-election-nominate = 写本支部正式党员的姓名；预备党员和受留党察看处分的党员没有被选举权。
btn-election-recommend = 录入推荐票
help-election-recommend = 推荐会上收回的推荐票张数，以及每个人得到的推荐票。再次录入会替换原来的数字。
field-election-member-ballots = 党员推荐会收回推荐票
field-election-villager-ballots = 群众（村民代表）推荐会收回推荐票
btn-election-fix = 确定正式候选人
help-election-fix = 上级党委审查后勾选正式候选人：人数至少比应选名额多20%。
label-election-tellers = 纸质选票计票
help-election-tellers = 两名计票人各自清点后分别录入。两份数字完全一致才算数；有不一致的，会列出每一处，不会取平均，请重新清点后再录入。
field-election-slot = 录入人
label-election-teller-1 = 计票人一
label-election-teller-2 = 计票人二
field-election-teller = 计票人姓名
field-election-issued = 发出选票
field-election-returned = 收回选票
field-election-void = 其中无效票
field-election-yes-of = { $name } 得赞成票
field-election-write-ins = 另选他人得票
help-election-write-ins = 每行一人，写“姓名:票数”。
btn-election-count = 录入计票结果
field-election-way = 投票方式
election-way-site = 现场用手机或终端投票
election-way-paper = 纸质选票
label-election-officers-form = 新一届委员会选举书记、副书记
help-election-officers = 新当选的委员召开第一次全体会议，在委员中选举书记（和副书记）：到会委员须超过半数，当选须得到全体委员过半数的赞成票。
field-election-committee-present = 到会委员人数
field-election-officer-yes = 得赞成票
label-election-no-deputy = 不设副书记
btn-election-officers = 记录书记、副书记选举
help-election-report = 把选举结果报上级党委审批；批准后新职务和任期才开始。
btn-election-report = 报上级审批
btn-election-approve = 批准选举结果
help-election-approve = 批准后，原委员会成员的职务在今天结束，新当选的书记、副书记和委员从今天起任职，任期五年。
error-election-candidates-not-fixed = 正式候选人还没有由上级确定，不能开始投票。
error-election-complete = 应选名额已经选满，不再需要投票。
error-election-paper-round = 这一轮用纸质选票，由计票人录入计票结果。
error-election-not-paper = 这一轮不是纸质选票。
error-election-not-recommending = 公开推荐已经结束（正式候选人已确定）。
error-election-not-eligible = 本支部没有这个姓名的正式党员，或者他（她）没有被选举权。
error-election-votes-over-ballots = 推荐票不能多于收回的推荐票。
error-election-issued-over = 发出的选票不能多于到会人数。
error-election-count-adds-up = 数字对不上：无效票不能多于收回的票，每人的赞成票不能多于有效票。
error-election-same-teller = 两名计票人不能是同一个人。
error-election-tellers-differ = 两名计票人的数字不一致，这次录入没有保存。请重新清点。
error-election-not-elected = 应选名额还没有选满，不能选举书记。
error-election-officer-not-elected = 书记、副书记必须是新当选的委员，且不能是同一个人。
error-election-officer-votes = 票数不够，不能当选。
error-election-seats-left = 还有名额没有选满，要先另行选举，才能报上级审批。
error-election-reported = 选举结果已经报上级了。
error-election-no-officers = 请先记录新一届委员会选举书记的结果。
error-election-not-reported = 选举结果还没有报上来。
error-election-elected-unknown = 有当选的人在本支部的党员名单里找不到，无法记入职务。
error-election-write-in-line = 另选他人请每行写“姓名:票数”。
reason-tellers-differ = “{ $what }”：计票人一录入 { $first }，计票人二录入 { $second }。
reason-election-seats-filled = { $met ->
    [yes] 应选 { $seats } 名，已选满。
   *[no] 应选 { $seats } 名，已当选 { $elected } 名，还差 { $left } 名。
}
reason-election-not-a-member = 找不到的人：{ $names }。
reason-officer-vote = { $met ->
    [yes] 委员 { $members } 名，到会 { $present } 名，得赞成票 { $yes } 票，超过全体委员的半数（至少 { $need } 票），当选。
   *[no] 委员 { $members } 名，到会 { $present } 名，得赞成票 { $yes } 票；须到会委员超过半数、赞成票超过全体委员半数（至少 { $need } 票），不能当选。
}
notice-election-reported = 选举结果报请审批：{ $body }
notice-election-term-ended = 委员会任期已满，还没有完成换届：{ $body }
rule-title-officer-vote = 新一届委员会选举书记、副书记
rule-says-officer-vote = 书记、副书记由新当选的委员会在委员中选举产生，报上级党组织批准：到会委员须超过全体委员的半数，当选须得到全体委员过半数的赞成票。
rule-title-recommendation-score = 公推直选的推荐综合得分
rule-says-recommendation-score = 党员推荐和群众（村民代表）推荐分别计票，综合得分 = 党员推荐得票率 × 党员推荐权重 + 群众推荐得票率 × 群众推荐权重；权重是本县的设置。
rule-input-member-votes = 党员推荐得票
rule-input-member-ballots = 党员推荐会收回的推荐票
rule-input-villager-votes = 群众推荐得票
rule-input-villager-ballots = 群众推荐会收回的推荐票
rule-output-score = 综合得分
reason-recommendation-score = 党员推荐 { $member_votes } / { $member_ballots } 票，权重 { $member_weight }%；群众推荐 { $villager_votes } / { $villager_ballots } 票，权重 { $villager_weight }%。
reason-tellers-differ-issued = “发出选票”：计票人一录入 { $first }，计票人二录入 { $second }。
reason-tellers-differ-returned = “收回选票”：计票人一录入 { $first }，计票人二录入 { $second }。
reason-tellers-differ-void = “无效票”：计票人一录入 { $first }，计票人二录入 { $second }。
error-election-officer-count = 到会委员人数不能多于当选的委员人数，赞成票不能多于到会人数。
error-election-write-in-revote = 再次投票只在得票相等的候选人中进行，不能另选他人。
error-election-write-in-elected = 另选的人已经当选，不能再选。
label-election-revote-round = （得票相等者再次投票：得票多的当选）
