import type { Locale } from "./i18n";

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** The local calendar day of an instant, as a key for day separators. */
export function dayKey(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

export function formatTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" }).format(new Date(iso));
}

/** Today / Yesterday / a date, for day separators. */
export function formatDay(iso: string, locale: Locale, words: { today: string; yesterday: string }, now = new Date()): string {
  const date = new Date(iso);
  if (sameDay(date, now)) return words.today;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(date, yesterday)) return words.yesterday;
  const options: Intl.DateTimeFormatOptions = { month: "long", day: "numeric", weekday: "long" };
  if (date.getFullYear() !== now.getFullYear()) options.year = "numeric";
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** A time for the conversation list: the time today, the weekday this week, the date before. */
export function formatListTime(iso: string, locale: Locale, now = new Date()): string {
  const date = new Date(iso);
  if (sameDay(date, now)) return formatTime(iso, locale);
  const days = (now.getTime() - date.getTime()) / 86_400_000;
  if (days < 6) return new Intl.DateTimeFormat(locale, { weekday: "short" }).format(date);
  return new Intl.DateTimeFormat(locale, { year: "2-digit", month: "numeric", day: "numeric" }).format(date);
}
