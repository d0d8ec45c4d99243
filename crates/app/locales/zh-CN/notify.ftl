# Texts sent to people outside the product (SMS), in the recipient's language.
sms-appeal-submitted = 【连心】您反映的诉求已登记，编号 { $code }。{ $link }
sms-appeal-resolved = 【连心】您反映的诉求 { $code } 已办结，请查看答复并评价。{ $link }
sms-appeal-rejected = 【连心】您反映的诉求 { $code } 未予办理，原因请查看。{ $link }
sms-phone-code = 【连心】您的验证码是 { $code }，{ $minutes } 分钟内有效。
