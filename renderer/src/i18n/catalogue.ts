/**
 * The message catalogues and a message in a given language: pure (no React, no page state), so the desktop shell's
 * main process can say a notification in the operator's language from the same catalogue as the console.
 */
import { de } from './de';
import { en, type MessageKey, type SourceCatalogue } from './en';
import { localeFormat, type Locale } from './format';
import { translate, type Message, type ParamsOf } from './messages';

export const LOCALES: readonly Locale[] = ['en', 'de'];
/** Each language's name in itself, as the picker offers it. */
export const LOCALE_NAME: Record<Locale, string> = { en: 'English', de: 'Deutsch' };
const CATALOGUES: Record<Locale, Partial<Record<string, Message>>> = { en, de };

/** The catalogue language for a BCP 47 tag: "de-AT" → de, "fr" → en. */
export function localeOf(tag: string | null | undefined): Locale {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as Locale) : 'en';
}

/** A key whose text has no {holes}: t(key) alone. */
export type PlainKey = { [K in MessageKey]: ParamsArg<K> extends [] ? K : never }[MessageKey];
export type ParamsArg<K extends MessageKey> = [ParamsOf<SourceCatalogue, K>] extends [Record<string, never>]
  ? []
  : [ParamsOf<SourceCatalogue, K>];

/** The page's own language tag (its region's number manner); none outside a page (the shell's main process, a test). */
const pageLanguage = (): string | undefined => (typeof window !== 'undefined' ? window.navigator.language : undefined);

/** A message in `locale`, parameters filled (numbers and dates in that locale's manner). */
export function translateIn<K extends MessageKey>(locale: Locale, key: K, ...params: ParamsArg<K>): string {
  const format = localeFormat(locale, pageLanguage());
  return translate(CATALOGUES[locale], en, locale, key, params[0] as Record<string, string | number | Date> | undefined, {
    number: (n) => format.number(n),
    date: (d) => format.dateTime(d),
  });
}

/** A words table's t(key, params): translateIn with its language bound. */
export type Say = <K extends MessageKey>(key: K, ...params: ParamsArg<K>) => string;
export const sayIn =
  (locale: Locale): Say =>
  (key, ...params) =>
    translateIn(locale, key, ...params);

/**
 * A words table made once per language: a table says dozens of messages when it is built, and the console asks for
 * one per printer card, per queue row and per station event (the catalogue does not change while it runs).
 */
export function perLocale<T>(make: (locale: Locale) => T): (locale: Locale) => T {
  const made = new Map<Locale, T>();
  return (locale) => {
    let table = made.get(locale);
    if (table === undefined) made.set(locale, (table = make(locale)));
    return table;
  };
}
