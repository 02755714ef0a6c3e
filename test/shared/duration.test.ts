import { describe, expect, it } from 'vitest';
import { formatAgo, formatDuration } from '../../shared/duration';

describe('a duration reads in the unit that fits', () => {
  it.each([
    [0, '0 s'],
    [400, 'under 1 s'],
    [12_000, '12 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [90_000, '1 min 30 s'],
    [9 * 60_000 + 5_000, '9 min 5 s'],
    [12 * 60_000 + 40_000, '12 min'],
    [3_600_000, '1 h'],
    [2 * 3_600_000 + 5 * 60_000, '2 h 5 min'],
    [86_400_000, '1 day'],
    [3 * 86_400_000 + 4 * 3_600_000, '3 days 4 h'],
  ])('%i ms reads "%s"', (ms, words) => {
    expect(formatDuration(ms)).toBe(words);
  });

  it('12 seconds at the printer is never "over 0 min"', () => {
    expect(formatDuration(12_000)).not.toMatch(/0 min/);
  });

  it('never reads negative or NaN', () => {
    expect(formatDuration(-5)).toBe('0 s');
    expect(formatDuration(Number.NaN)).toBe('0 s');
  });

  it('says how long ago, and "just now" for the last few seconds', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(formatAgo(new Date(now - 2_000), now)).toBe('just now');
    expect(formatAgo(new Date(now - 12_000), now)).toBe('12 s ago');
    expect(formatAgo(new Date(now - 2 * 3_600_000), now)).toBe('2 h ago');
  });
});
