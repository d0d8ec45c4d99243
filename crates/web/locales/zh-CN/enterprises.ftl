## Enterprises and cooperatives
nav-enterprises = 企业和合作社
page-enterprises = { $name } · 企业和合作社
page-enterprise-new = 登记企业或合作社
page-enterprise-link = { $name } · 安排联系党员
page-enterprise-offer = { $name } · 发布为村民提供的机会
page-enterprise-service = { $name } · 记录为企业办的事
help-enterprises = 党员服务企业，企业服务群众。这里是本地的企业、合作社和集体经济组织，联系服务它们的党员，它们为村民提供的岗位、收购、培训和服务，以及它们协助办理的群众诉求。

btn-enterprise-new = 登记企业或合作社
btn-enterprise-link = 安排联系党员
btn-enterprise-unlink = 结束联系
btn-enterprise-offer = 发布机会
btn-enterprise-publish = 发布
btn-enterprise-withdraw = 撤下
btn-enterprise-service = 记录为企业办的事

msg-enterprise-none = 还没有登记企业或合作社。
msg-enterprise-no-offers = 还没有发布过机会。
msg-enterprise-no-services = 这一年还没有记录。
msg-enterprise-no-needs = 还没有协助办理的群众诉求。

field-enterprise-name = 名称
field-enterprise-kind = 类型
field-enterprise-place = 所在村镇
field-enterprise-liaisons = 联系党员
field-enterprise-offers = 正在提供的机会
field-enterprise-services = 党员服务次数
field-enterprise-services-year = { $year }年党员服务次数
field-enterprise-needs = 协办诉求
field-enterprise-member = 党员
field-enterprise-since = 开始联系日期
field-offer-kind = 机会类型
field-offer-title = 标题
field-offer-detail = 具体内容
field-offer-places = 数量
field-offer-how-to = 怎么报名
field-offer-from = 开始日期
field-offer-until = 截止日期
field-service-on = 日期
field-service-kind = 办了什么
field-service-note = 具体情况

help-enterprise-name = 写营业执照或登记证上的名称，如“石门村茶叶专业合作社”。
help-enterprise-liaisons = 联系服务这家企业的党员：帮企业对接政策、资金、销路和技术，也把群众的需要带给企业。
help-enterprise-member = 可以选本村（或本镇）党组织的正式党员和预备党员。
help-enterprise-offers = 正在提供的机会会显示在村务公开栏上，村民不用登录就能看到。过了截止日期或撤下后不再显示。
help-enterprise-needs = 群众诉求办理时把这家企业加为协办单位，就会列在这里。
help-offer-title = 一句话说清楚，如“招采茶工 20 名，日结 150 元”。
help-offer-places = 岗位数、收购量或培训名额，没有可以不填。
help-offer-how-to = 写给村民看：找谁、去哪里、带什么。不要写个人手机号。
help-offer-until = 不填就一直显示，直到撤下。
help-service-note = 写清楚办了什么、结果怎样，如“帮合作社申请到农机购置补贴 3 万元”。

label-enterprise-inactive = 已注销
label-enterprise-no-liaison = 还没有联系党员
label-enterprise-liaisons = 联系党员
label-enterprise-serving = 从 { $since } 开始联系
label-enterprise-served = { $since } 至 { $until } 联系过
label-enterprise-offers = 为村民提供的机会
label-enterprise-places = 数量 { $count }
label-enterprise-services = { $year }年党员为企业办的事
label-enterprise-needs = 协助办理的群众诉求
label-care-my-enterprises = 我联系的企业
msg-care-no-enterprises = 没有安排你联系企业。

offer-kind-jobs = 就业岗位
offer-kind-purchase = 收购农产品
offer-kind-training = 技能培训
offer-kind-service = 服务
offer-state-upcoming = 还没开始
offer-state-open = 正在提供
offer-state-ended = 已截止
offer-state-withdrawn = 已撤下
service-kind-policy = 政策宣讲和帮办
service-kind-finance = 对接资金
service-kind-market = 打开销路
service-kind-technology = 引进技术
service-kind-dispute = 调解矛盾
service-kind-other = 其他

label-board-offers = 本地企业和合作社提供的机会
help-board-offers = 岗位、收购、培训和服务，按上面写的方法报名。
label-board-offer-until = 截止到 { $until }

error-enterprise-area = 企业和合作社只能登记在村或乡镇。
error-enterprise-linked = 这名党员已经在联系这家企业。
error-enterprise-ended = 这名党员的联系已经结束。
error-enterprise-inactive = 这家企业已注销。
error-enterprise-places = 数量要填 1 到 100000 之间的整数。
error-enterprise-ended-already = 截止日期已经过了，这条机会不会显示。
error-enterprise-withdrawn = 这条机会已经撤下了。
error-enterprise-not-linked = 只能记录正在联系这家企业的党员办的事。
error-enterprise-before-link = 日期早于开始联系这家企业的日期。

## Rules
rule-title-offer-shown = 企业机会在公开栏上显示
rule-says-offer-shown = 企业和合作社为村民提供的机会，从开始日期到截止日期（含当天）在本村和下属各村的公开栏上显示；没有截止日期的一直显示，撤下后不再显示。
rule-input-valid-from = 开始日期
rule-input-valid-until = 截止日期
rule-input-withdrawn = 已撤下
rule-choice-withdrawn-no = 否
rule-choice-withdrawn-yes = 是
rule-input-offer-shown-on = 查看日期
rule-output-shown = 显示在公开栏上
rule-output-offer-state = 情况
reason-offer-open = 从 { $from } 到 { $until }，{ $on } 在这期间，显示在公开栏上。
reason-offer-open-always = 从 { $from } 开始，没有截止日期，{ $on } 显示在公开栏上。
reason-offer-upcoming = 从 { $from } 才开始，{ $on } 还不显示。
reason-offer-ended = 截止到 { $until }，{ $on } 已经过了，不再显示。
reason-offer-withdrawn = 已经撤下，不再显示。

msg-enterprise-more = 这里只列出按名称排在前面的 { $count } 个，还有更多；请到下级乡镇或村查看完整名单。
btn-enterprise-dissolve = 注销
page-enterprise-dissolve = 注销{ $name }
help-enterprise-dissolve = 企业或合作社已经注销或停止经营时在这里登记。登记后，它发布的信息从村务公开栏撤下，为它服务的党员从今天起不再联系它；它仍留在名单上，标为“已注销”，以前的记录都保留。
field-enterprise-dissolve-reason = 注销原因
error-enterprise-active = 这家企业没有注销。
btn-enterprise-reopen = 恢复经营
page-enterprise-reopen = 恢复{ $name }
help-enterprise-reopen = 注销登记错了，或者企业重新经营时，在这里恢复。恢复后，它以前发布的信息和联系它的党员不会自动恢复，需要重新发布、重新安排。
field-enterprise-reopen-reason = 恢复原因
