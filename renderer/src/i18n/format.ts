/** Dates, times, numbers and durations in a locale's manner (Intl), so "02.12.2026, 14:05" in German. */
import { ENGLISH_DURATION, formatAgo, formatDuration, type DurationWords } from '../../../shared/duration';

export type Locale = 'en' | 'de';

/** The Intl locale a catalogue language formats with (English as in Britain: day before month, 24 h clock). */
export const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', de: 'de-DE' };

export const GERMAN_DURATION: DurationWords = {
  underSecond: 'unter 1 s',
  second: 's',
  minute: 'min',
  hour: 'h',
  day: 'Tag',
  days: 'Tage',
  justNow: 'gerade eben',
  ago: 'vor {duration}',
  daysAgo: { day: 'Tag', days: 'Tagen' },
};

export const DURATION_WORDS: Record<Locale, DurationWords> = { en: ENGLISH_DURATION, de: GERMAN_DURATION };

type When = Date | string | number | null | undefined;
const valid = (when: When): Date | undefined => {
  if (when === null || when === undefined || when === '') return undefined;
  const d = new Date(when);
  return Number.isFinite(d.getTime()) ? d : undefined;
};

export interface LocaleFormat {
  number(n: number, options?: Intl.NumberFormatOptions): string;
  /** "02.12.26, 14:05:09" */
  dateTime(when: When): string;
  /** "02.12.2026" */
  date(when: When): string;
  /** "14:05:09" */
  clock(when: When): string;
  /** "in 5 minutes", "vor 2 Stunden": an estimate or a past moment as Intl.RelativeTimeFormat says it. */
  relative(ms: number): string;
  duration(ms: number): string;
  ago(when: When, now?: number): string;
}

/**
 * Formats for a catalogue language. `regionTag` is the browser's own tag (navigator.language): when it is of the same
 * language it decides the region's manner (en-US month first, de-AT), else the language's default region does.
 */
export function localeFormat(locale: Locale, regionTag?: string): LocaleFormat {
  // Every t() asks for one: made once per language and region (five Intl objects cost about 0.25 ms, and a
  // screen of queue rows says some thousand words).
  const key = `${locale}|${regionTag ?? ''}`;
  let made = madeFormats.get(key);
  if (!made) madeFormats.set(key, (made = makeLocaleFormat(locale, regionTag)));
  return made;
}
const madeFormats = new Map<string, LocaleFormat>();

function makeLocaleFormat(locale: Locale, regionTag?: string): LocaleFormat {
  const sameLanguage = regionTag?.toLowerCase().split(/[-_]/)[0] === locale;
  const tag = sameLanguage && regionTag ? regionTag : INTL_LOCALE[locale];
  const numbers = new Intl.NumberFormat(tag);
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'medium' });
  const date = new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric' });
  const clock = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const relative = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
  const words = DURATION_WORDS[locale];
  return {
    number: (n, options) => (options ? new Intl.NumberFormat(tag, options).format(n) : numbers.format(n)),
    dateTime: (when) => (valid(when) ? dateTime.format(valid(when)) : '—'),
    date: (when) => (valid(when) ? date.format(valid(when)) : '—'),
    clock: (when) => (valid(when) ? clock.format(valid(when)) : '—'),
    relative: (ms) => {
      const abs = Math.abs(ms);
      if (abs < 60_000) return relative.format(Math.round(ms / 1_000), 'second');
      if (abs < 3_600_000) return relative.format(Math.round(ms / 60_000), 'minute');
      if (abs < 86_400_000) return relative.format(Math.round(ms / 3_600_000), 'hour');
      return relative.format(Math.round(ms / 86_400_000), 'day');
    },
    duration: (ms) => formatDuration(ms, words),
    ago: (when, now = Date.now()) => (valid(when) ? formatAgo(valid(when)!, now, words) : '—'),
  };
}
