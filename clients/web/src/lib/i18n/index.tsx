import { createI18n, type Translate as TranslateOf } from "@wechat/ui/i18n";
import { en, type MessageKey } from "./en";
import { zhCN } from "./zh-CN";

export { locales, type Locale } from "@wechat/ui/i18n";

export const { initialLocale, I18nProvider, useI18n, useT } = createI18n<MessageKey>({ en, "zh-CN": zhCN }, "wechat.locale");

export type Translate = TranslateOf<MessageKey>;

export type { MessageKey };
