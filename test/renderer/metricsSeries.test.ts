import { describe, expect, it } from 'vitest';

describe('the metrics charts', () => {
  const at = (min: number) => new Date(Date.UTC(2026, 10, 26, 10, min));
  const point = (min: number, workerId: string, prints: number, delayMs: number, counted = true) => ({
    at: at(min),
    workerId,
    printsPerHour: counted ? 0 : prints * 12, // an older station's point: only its rate over a 5-minute window
    failuresPerHour: 12,
    averageStartDelayMs: delayMs,
    offlineMs: 60_000,
    ...(counted ? { prints, failures: 1, windowMs: 5 * 60_000 } : {}),
  });

  it('add up the stations per 5-minute slot, in counts, and average the start delay', async () => {
    const { fleetSeries } = await import('../../renderer/src/screens/MetricsScreen');
    const s = fleetSeries([point(5, 'b', 20, 4000), point(0, 'a', 10, 2000), point(1, 'b', 30, 6000, false), point(6, 'a', 5, 0)]);
    expect(s.times).toEqual([+at(0) / 1000, +at(5) / 1000]);
    expect(s.prints).toEqual([40, 25]);
    expect(s.failures).toEqual([2, 2]);
    expect(s.delay).toEqual([4, 2]);
    expect(s.offline).toEqual([2, 2]);
    expect(s).toMatchObject({ totalPrints: 65, totalFailures: 4, totalOfflineMinutes: 4 });
  });

  it('never turn one print in a short window into a rate', async () => {
    const { fleetSeries } = await import('../../renderer/src/screens/MetricsScreen');
    const oneMinute = { ...point(0, 'a', 1, 0), printsPerHour: 60, windowMs: 60_000 };
    expect(fleetSeries([oneMinute]).prints).toEqual([1]);
  });
});
