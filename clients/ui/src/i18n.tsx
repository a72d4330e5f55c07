import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";

export type Locale = "en" | "zh-CN";
export const locales: { value: Locale; label: string }[] = [
  { value: "en", label: "English" },
  { value: "zh-CN", label: "简体中文" },
];

export type Translate<Key extends string> = (key: Key, values?: Record<string, string | number>) => string;

export interface I18n<Key extends string> {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate<Key>;
}

/**
 * An app's language setup: its catalogues (English is the reference; a key missing in another falls back to it) and
 * where it keeps the reader's choice. Each app has its own messages and its own saved choice.
 */
export function createI18n<Key extends string>(
  catalogs: { en: Record<Key, string>; "zh-CN": Partial<Record<Key, string>> },
  storageKey: string,
) {
  /** The saved choice, else the browser's first language: Chinese for any zh, English otherwise. */
  function initialLocale(): Locale {
    const saved = localStorage.getItem(storageKey);
    if (saved === "en" || saved === "zh-CN") return saved;
    const preferred = navigator.languages?.[0] ?? navigator.language ?? "en";
    return preferred.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
  }

  const I18nContext = createContext<I18n<Key> | null>(null);

  function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
    const [locale, setLocaleState] = useState<Locale>(() => fixed ?? initialLocale());
    const setLocale = useCallback((next: Locale) => {
      localStorage.setItem(storageKey, next);
      setLocaleState(next);
    }, []);
    useEffect(() => {
      document.documentElement.lang = locale;
    }, [locale]);
    const value = useMemo<I18n<Key>>(() => ({
      locale,
      setLocale,
      t: (key, values) => {
        const text: string = catalogs[locale][key] ?? catalogs.en[key];
        return values ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? "")) : text;
      },
    }), [locale, setLocale]);
    return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
  }

  function useI18n(): I18n<Key> {
    const i18n = useContext(I18nContext);
    if (!i18n) throw new Error("useI18n outside I18nProvider");
    return i18n;
  }

  function useT(): Translate<Key> {
    return useI18n().t;
  }

  return { initialLocale, I18nProvider, useI18n, useT };
}
