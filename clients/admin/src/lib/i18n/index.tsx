import { useMemo } from "react";
import { createI18n, locales, type Locale, type Translate as TranslateOf } from "@wechat/ui/i18n";
import { en, type MessageKey } from "./en";
import { zhCN } from "./zh-CN";

export { locales, type Locale };

export const { initialLocale, I18nProvider, useI18n, useT } = createI18n<MessageKey>({ en, "zh-CN": zhCN }, "wechat.admin.locale");

export type Translate = TranslateOf<MessageKey>;

/** A date and time in the console's language. */
export function useFormatDateTime(): (iso: string) => string {
  const { locale } = useI18n();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    return (iso: string) => format.format(new Date(iso));
  }, [locale]);
}

export function LanguageSelect() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="language-select">
      <span>{t("language")}</span>
      <select value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
        {locales.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
      </select>
    </label>
  );
}

export type { MessageKey };
