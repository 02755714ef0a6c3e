/**
 * Durations in the unit that fits: "12 s", "4 min", "2 h 5 min", "3 days". A person reads "at the printer for 12 s",
 * never "for over 0 min". Rounded down, so a duration never reads longer than it was.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatDuration(ms: number): string {
  const t = Math.max(0, Math.floor(Number.isFinite(ms) ? ms : 0));
  if (t < 1_000) return t === 0 ? '0 s' : 'under 1 s';
  if (t < MINUTE) return `${Math.floor(t / 1_000)} s`;
  if (t < 10 * MINUTE) {
    const seconds = Math.floor((t % MINUTE) / 1_000);
    return `${Math.floor(t / MINUTE)} min${seconds ? ` ${seconds} s` : ''}`;
  }
  if (t < HOUR) return `${Math.floor(t / MINUTE)} min`;
  if (t < DAY) {
    const minutes = Math.floor((t % HOUR) / MINUTE);
    return `${Math.floor(t / HOUR)} h${minutes ? ` ${minutes} min` : ''}`;
  }
  const days = Math.floor(t / DAY);
  const hours = Math.floor((t % DAY) / HOUR);
  return `${days} ${days === 1 ? 'day' : 'days'}${hours ? ` ${hours} h` : ''}`;
}

/** "12 s ago", "just now": how long ago something happened, from `now`. */
export function formatAgo(at: Date | string | number, now: number = Date.now()): string {
  const ms = now - new Date(at).getTime();
  if (!Number.isFinite(ms)) return '—';
  if (ms < 5_000) return 'just now';
  return `${formatDuration(ms)} ago`;
}
