# Texts sent to people outside the product (SMS), in the recipient's language.
sms-appeal-submitted = [lianxin] Your need was registered: { $code }.{ $link }
sms-appeal-resolved = [lianxin] Your need { $code } was answered. Please read the answer and rate it.{ $link }
sms-appeal-rejected = [lianxin] Your need { $code } was turned down; the reason is on its page.{ $link }
sms-phone-code = [lianxin] Your code is { $code }, valid for { $minutes } minutes.
