## 学习培训
nav-study = 学习
page-study-courses = { $name } · 学习课程
page-study-course-new = 发布课程
page-study-hours = { $name } · { $year } 年学习学时
page-study-overview = { $name } · { $year } 年学习情况汇总
page-study-member = { $name } · { $year } 年学习学时
page-study-trainings = { $name } · { $year } 年培训
page-study-training-new = 登记培训
help-study-courses = 本组织和上级组织发布的课程。视频课程按实际播放的时间计入学时，同一段只计一次。
help-study-course-new = 上传视频（MP4 格式）或填写网上课程的链接，可以附一份 PDF 讲义。课程发给本组织和下级组织的党员。
help-study-video = 视频约 { $size }。网络不好时可以暂停，过一会儿从断开的地方接着看。
help-study-video-upload = MP4 格式，最大 { $max } MB。手机拍的视频一般就是 MP4。
help-study-link = 网上课程的地址，以 https:// 开头。链接课程不计学时，学时以视频播放、党课和培训为准。
help-study-overview = 每个组织的党员人数、学时达标和未达标的人数、人均学时。点组织名称看每个党员。
help-study-organizer = 谁组织的，例如：县农业农村局、镇党委、村党支部。
help-study-attendees = 勾选参加的党员。行动不便的党员由支部送学上门的，同时勾选“送学上门”。
label-study-hours = { $hours } 学时
label-study-watched = 已看 { $watched } / 共 { $duration }，计 { $hours } 学时
label-study-video = 视频课程
label-study-link = 网上课程
label-study-published-by = 发布：{ $org }
label-study-met = 已达标
label-study-leader = 书记、委员
label-study-brought = 送学上门
label-study-frail = 行动不便
label-study-rules = 学时要求
label-study-attendees = 参加人员（{ $count } 人）
btn-study-publish = 发布课程
btn-study-hours = 学时统计
btn-study-my-hours = 我的学时
btn-study-courses = 学习课程
btn-study-trainings = 培训记录
btn-study-overview = 下级组织汇总
btn-study-training-new = 登记培训
btn-study-open-link = 打开课程链接
btn-study-document = 下载讲义
btn-study-download-video = 下载视频
msg-study-no-courses = 还没有课程。
msg-study-no-trainings = 这一年还没有登记培训。
msg-study-none = 没有。
msg-study-no-script = 浏览器关闭了脚本，视频可以看，但播放时间不能计入学时。
msg-study-not-counted = 你不是交纳党费的党员，可以观看，播放时间不计学时。
field-study-title = 名称
field-study-summary = 简介
field-study-video = 视频文件
field-study-link = 课程链接
field-study-document = 讲义（PDF）
field-study-courses = 视频课程
field-study-lectures = 党课
field-study-trainings = 培训
field-study-total = 合计学时
field-study-required = 应达学时
field-study-short = 还差
field-study-short-members = 未达标人数
field-study-met = 达标人数
field-study-average = 人均学时
field-study-training-kind = 类别
field-study-organizer = 组织单位
field-study-place = 地点
field-study-starts-on = 开始日期
field-study-ends-on = 结束日期
field-study-days = 日期
field-study-hours = 学时
field-study-attendees = 参加人员
field-study-brought = 送学上门
field-study-recorded-by = 登记人
study-training-kind-central = 集中培训
study-training-kind-skills = 技能培训
study-training-kind-other = 其他学习
error-study-video-or-link = 请上传视频，或者填写课程链接。
error-study-link = 链接要以 http:// 或 https:// 开头，不能有空格，不超过 500 个字符。
error-study-not-video = 这个文件不是 MP4 视频，不能发布。请上传手机或电脑导出的 MP4 视频。
error-study-video-too-large = 视频太大了，超过了允许的大小。
error-study-not-pdf = 讲义要是 PDF 文件。
error-study-document-too-large = 讲义太大了，不能超过 20 MB。
error-study-no-video = 这门课程没有视频。
error-study-played = 播放记录不对。
error-study-hours = 请写学时，大于 0，最多一位小数，例如 6 或 2.5。
error-study-backwards = 结束日期不能早于开始日期。
error-study-training-hours = 学时超过了培训天数能容纳的学时（每天最多 8 学时）。
error-study-future = 培训还没有结束，结束后再登记。
error-study-attendees = 请至少勾选一名参加的党员。
error-study-attendee-unknown = 勾选的人不是本组织交纳党费的党员。

## 规则
rule-title-study-hours = 党员每年学习培训学时
rule-says-study-hours = 党员每年集中学习培训时间一般不少于 32 学时；基层党组织书记和班子成员每年不少于 56 学时。视频课程按实际播放时间计算，党课按每次规定的学时计算，培训按登记的学时计算。
rule-title-training-hours = 培训学时与天数
rule-says-training-hours = 一次培训登记的学时不能超过培训天数能容纳的学时，每天最多 8 学时。
rule-input-study-hours-hours = 一年累计学时
rule-input-training-hours-hours = 培训学时
rule-input-leader = 是书记或班子成员
rule-choice-leader-no = 不是
rule-choice-leader-yes = 是
rule-input-starts-on = 开始日期
rule-input-ends-on = 结束日期
rule-output-required = 应达学时
rule-output-short = 还差学时
rule-output-met = 已达标
rule-output-most = 最多学时
rule-problem-study-hours = 请写学时，大于 0，最多一位小数。
reason-study-hours = { $met ->
    [yes] 已有 { $have } 学时，达到每年 { $required } 学时的要求。
   *[no] 已有 { $have } 学时，每年应不少于 { $required } 学时，还差 { $short } 学时。
}
reason-study-hours-leader = { $met ->
    [yes] 书记和班子成员每年不少于 { $required } 学时，已有 { $have } 学时，达到要求。
   *[no] 书记和班子成员每年不少于 { $required } 学时，已有 { $have } 学时，还差 { $short } 学时。
}
reason-study-training-hours = { $met ->
    [yes] 培训 { $days } 天，每天最多 { $per_day } 学时，最多 { $most } 学时；登记 { $hours } 学时，可以。
   *[no] 培训 { $days } 天，每天最多 { $per_day } 学时，最多 { $most } 学时；登记了 { $hours } 学时，超过了。
}
