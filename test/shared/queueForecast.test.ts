import { describe, expect, it } from 'vitest';
import { DEFAULT_PACE_MS, forecastQueue, nextPace, startsIn, type ForecastOrder, type ForecastPrinter } from '../../shared/queueForecast';

const now = new Date('2026-12-02T10:00:00Z');
const a4 = { paperSize: 'A4', color: false, duplex: false, copies: 1 };
const order = (orderId: string, more: Partial<ForecastOrder> = {}): ForecastOrder => ({ orderId, printingOptions: a4, ...more });
const laser: ForecastPrinter = {
  printerId: 'laser',
  name: 'Counter laser',
  stationId: 'front',
  state: 'ready',
  capabilities: { paperSizes: ['A4'], color: false, duplex: true, maxCopies: 50 },
  paceMs: 120_000,
};
const inkjet: ForecastPrinter = {
  printerId: 'inkjet',
  name: 'Colour inkjet',
  stationId: 'back',
  state: 'printing',
  jobStartedAt: new Date(now.getTime() - 30_000),
  capabilities: { paperSizes: ['A4', 'A3'], color: true, duplex: false, maxCopies: 5 },
  paceMs: 60_000,
};

describe('the pending list forecast', () => {
  it('gives each order its place, the printer that takes it and when, from each printer’s pace', () => {
    const f = forecastQueue([order('1'), order('2'), order('3')], [laser, inkjet], now);
    expect(f.map((x) => [x.position, x.printer?.name, startsIn(x.startsAt, now)])).toEqual([
      [1, 'Counter laser', 'now'],
      // The inkjet ends its job in 30 s; the laser is busy with order 1 for 2 min.
      [2, 'Colour inkjet', 'in about 1 min'],
      [3, 'Colour inkjet', 'in about 2 min'],
    ]);
  });

  it('says why no printer can take an order: what it needs that no online printer has', () => {
    const f = forecastQueue(
      [
        order('A3', { printingOptions: { ...a4, paperSize: 'A3' } }),
        order('COL', { printingOptions: { ...a4, color: true } }),
        order('DUP', { printingOptions: { ...a4, duplex: true } }),
        order('MANY', { printingOptions: { ...a4, copies: 80 } }),
      ],
      [laser, { ...inkjet, state: 'offline' }],
      now,
    );
    expect(f.map((x) => x.why)).toEqual([
      'needs A3, no A3 printer online',
      'needs colour, no colour printer online',
      undefined,
      'needs 80 copies, no printer online allows that many',
    ]);
    expect(f.map((x) => x.position)).toEqual([1, 2, 3, 4]);
  });

  it('a held order keeps no place and says who holds it; a pinned order waits for its printer', () => {
    const f = forecastQueue(
      [
        order('HELD', { hold: { by: 'Anna', reason: 'customer is changing the file', at: now } }),
        order('PINNED', { pinnedPrinterId: 'inkjet' }),
        order('FREE'),
        order('PINNED-PAUSED', { pinnedPrinterId: 'paused' }),
        order('STATION', { pinnedStationId: 'nowhere' }),
      ],
      [laser, inkjet, { ...laser, printerId: 'paused', name: 'Back laser', state: 'paused' }],
      now,
    );
    expect(f[0]).toEqual({ orderId: 'HELD', why: 'held by Anna: customer is changing the file' });
    expect(f[1]).toMatchObject({ position: 1, printer: { name: 'Colour inkjet' } });
    expect(f[2]).toMatchObject({ position: 2, printer: { name: 'Counter laser' } });
    expect(f[3]).toMatchObject({ position: 3, why: 'pinned to Back laser, which is paused' });
    expect(f[4]).toMatchObject({ why: 'pinned to station nowhere, which has no printer taking work' });
  });

  it('with no printer online, says so; an unknown pace uses the default', () => {
    expect(forecastQueue([order('1')], [], now)[0]!.why).toBe('no printer is online');
    expect(forecastQueue([order('1')], [{ ...laser, state: 'paused' }], now)[0]!.why).toBe(
      'no printer is taking work (paused, in error or offline)',
    );
    const f = forecastQueue([order('1'), order('2')], [{ ...laser, paceMs: undefined }], now);
    expect(f[1]!.startsAt!.getTime() - now.getTime()).toBe(DEFAULT_PACE_MS);
  });

  it('a pace is the mean of the last five jobs', () => {
    let pace = { recent: [] as number[], paceMs: 0 };
    for (const took of [10, 20, 30, 40, 50, 60]) pace = nextPace(pace.recent, took);
    expect(pace).toEqual({ recent: [20, 30, 40, 50, 60], paceMs: 40 });
    expect(startsIn(new Date(now.getTime() + 3 * 3_600_000), now)).toBe('in about 3 h');
  });
});
