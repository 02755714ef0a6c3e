/**
 * Durations in the unit that fits: "12 s", "4 min", "2 h 5 min", "3 days". A person reads "at the printer for 12 s",
 * never "for over 0 min". Rounded down, so a duration never reads longer than it was. The words are a parameter
 * (English by default) so the console can say them in the operator's language (renderer/src/i18n).
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The words a duration is made of, in one language. `daysAgo`: the days' word after "ago" where grammar differs. */
export interface DurationWords {
  underSecond: string;
  second: string;
  minute: string;
  hour: string;
  day: string;
  days: string;
  justNow: string;
  /** "{duration} ago" in this language, e.g. "vor {duration}". */
  ago: string;
  daysAgo?: { day: string; days: string };
}

export const ENGLISH_DURATION: DurationWords = {
  underSecond: 'under 1 s',
  second: 's',
  minute: 'min',
  hour: 'h',
  day: 'day',
  days: 'days',
  justNow: 'just now',
  ago: '{duration} ago',
};

export function formatDuration(
  ms: number,
  words: DurationWords = ENGLISH_DURATION,
  dayWords: { day: string; days: string } = words,
): string {
  const t = Math.max(0, Math.floor(Number.isFinite(ms) ? ms : 0));
  const { second: s, minute: min, hour: h } = words;
  if (t < 1_000) return t === 0 ? `0 ${s}` : words.underSecond;
  if (t < MINUTE) return `${Math.floor(t / 1_000)} ${s}`;
  if (t < 10 * MINUTE) {
    const seconds = Math.floor((t % MINUTE) / 1_000);
    return `${Math.floor(t / MINUTE)} ${min}${seconds ? ` ${seconds} ${s}` : ''}`;
  }
  if (t < HOUR) return `${Math.floor(t / MINUTE)} ${min}`;
  if (t < DAY) {
    const minutes = Math.floor((t % HOUR) / MINUTE);
    return `${Math.floor(t / HOUR)} ${h}${minutes ? ` ${minutes} ${min}` : ''}`;
  }
  const days = Math.floor(t / DAY);
  const hours = Math.floor((t % DAY) / HOUR);
  return `${days} ${days === 1 ? dayWords.day : dayWords.days}${hours ? ` ${hours} ${h}` : ''}`;
}

/** "12 s ago", "just now": how long ago something happened, from `now`. */
export function formatAgo(at: Date | string | number, now: number = Date.now(), words: DurationWords = ENGLISH_DURATION): string {
  const ms = now - new Date(at).getTime();
  if (!Number.isFinite(ms)) return '—';
  if (ms < 5_000) return words.justNow;
  return words.ago.replace('{duration}', formatDuration(ms, words, words.daysAgo ?? words));
}
