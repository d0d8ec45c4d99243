//! Texts sent outside the product (SMS), from the Fluent files in `crates/app/locales`, like every
//! other text; formatted in the recipient's language.

use std::{borrow::Cow, collections::HashMap};

use fluent_templates::{LanguageIdentifier, Loader, fluent_bundle::FluentValue, langid};

use crate::Locale;

fluent_templates::static_loader! {
    static TEXTS = {
        locales: "./locales",
        fallback_language: "zh-CN",
        // Plain text for phones: no bidirectional isolation marks around the arguments.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static ZH: LanguageIdentifier = langid!("zh-CN");
static EN: LanguageIdentifier = langid!("en-US");

/// The text `key` in `locale` with its arguments.
pub fn text(locale: Locale, key: &str, args: &[(&str, String)]) -> String {
    let lang = match locale {
        Locale::ZhCn => &ZH,
        Locale::EnUs => &EN,
    };
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> =
        args.iter().map(|(k, v)| (Cow::Owned((*k).to_owned()), FluentValue::from(v.clone()))).collect();
    TEXTS.lookup_with_args(lang, key, &args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_in_both_languages_with_its_arguments() {
        for key in ["sms-appeal-submitted", "sms-appeal-resolved", "sms-appeal-rejected"] {
            let args = [("code", "A-1234".to_owned()), ("link", " https://x/track/1".to_owned())];
            let (zh, en) = (text(Locale::ZhCn, key, &args), text(Locale::EnUs, key, &args));
            assert!(zh.contains("A-1234") && zh.contains("https://x/track/1") && zh.starts_with("【连心】"), "{zh}");
            assert!(en.contains("A-1234") && en.contains("https://x/track/1") && en.starts_with("[lianxin]"), "{en}");
        }
        let code = text(Locale::ZhCn, "sms-phone-code", &[("code", "123456".into()), ("minutes", "10".into())]);
        assert_eq!(code, "【连心】您的验证码是 123456，10 分钟内有效。");
    }
}
