import { describe, expect, it } from 'vitest';

describe('the metrics charts', () => {
  it('add up the stations per 5-minute slot and average the start delay', async () => {
    const { fleetSeries } = await import('../../renderer/src/screens/MetricsScreen');
    const at = (min: number) => new Date(Date.UTC(2026, 10, 26, 10, min));
    const point = (min: number, workerId: string, prints: number, delayMs: number) => ({
      at: at(min),
      workerId,
      printsPerHour: prints,
      failuresPerHour: 1,
      averageStartDelayMs: delayMs,
      offlineMs: 60_000,
    });
    const s = fleetSeries([point(5, 'b', 20, 4000), point(0, 'a', 10, 2000), point(1, 'b', 30, 6000), point(6, 'a', 5, 0)]);
    expect(s.times).toEqual([+at(0) / 1000, +at(5) / 1000]);
    expect(s.prints).toEqual([40, 25]);
    expect(s.failures).toEqual([2, 2]);
    expect(s.delay).toEqual([4, 2]);
    expect(s.offline).toEqual([2, 2]);
  });
});
