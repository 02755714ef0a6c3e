/**
 * True numbers on the fleet screen (issue 11): a printed order stamps its printer's "last print"; a station that
 * stopped heartbeating shows offline after two of its heartbeats, and its printers' states as unknown, not what they
 * last said ("printing"); the metrics read the seed's seconds as seconds.
 */
import { describe, expect, it } from 'vitest';
import { StationStats } from '../../electron/station/housekeeping/metrics';
import { StationApiService } from '../../electron/station/service/stationApiService';
import { metricsPoint } from '../../electron/station/service/stationViews';
import { openTestDatabase } from '../helpers/db';
import { cleanupAfterEach, openPrintRoom, waitFor } from './stationFixture';

const t = await openTestDatabase('fleet_view');
const cleanup = cleanupAfterEach();

describe('the fleet in true numbers', () => {
  it('a printed order stamps its printer’s last print, and the fleet shows it', async () => {
    const room = await openPrintRoom(t, cleanup, 'last_print', { printers: [{ name: 'P1' }] });
    const service = new StationApiService({ engine: room.s.engine });
    const before = await service.api.fleet({});
    expect(before.printers[0]?.lastSuccessfulPrintAt ?? null).toBeNull();

    const [orderId] = await room.shop.createOrders(1, { pages: 1 });
    await waitFor('the order printed', async () => (await room.order(orderId!))?.printStatus === 'printed');
    const printer = await waitFor('the last print written', async () => {
      const fleet = await service.api.fleet({});
      return fleet.printers.find((p) => p.name === 'P1' && p.lastSuccessfulPrintAt);
    });
    const printedAt = (await room.order(orderId!))?.printCompletedAt as Date;
    // Within a few seconds of the order's own printed time (both stamped at the end of the same print).
    expect(Math.abs(new Date(printer.lastSuccessfulPrintAt!).getTime() - printedAt.getTime())).toBeLessThan(10_000);
  });

  it('a station that stopped heartbeating shows offline, its printers unknown instead of printing', async () => {
    const room = await openPrintRoom(t, cleanup, 'silent_station', { printers: [{ name: 'P1' }], intervals: { healthMs: 500 } });
    const service = new StationApiService({ engine: room.s.engine });
    // Another station that was printing, then went silent (killed, unplugged): its documents stay as it left them.
    await room.db.collection('stations').insertOne({
      _id: 'back-room' as never,
      name: 'Back room',
      hostname: 'back',
      version: '0.1.0',
      workerId: 'back-room-1',
      startedAt: new Date(),
      lastHeartbeatAt: new Date(),
    });
    await room.db.collection('printers').insertOne({
      printer_id: 'back-room:laser',
      name: 'Back laser',
      status: 'busy',
      state: 'printing',
      stationId: 'back-room',
      last_seen_at: new Date(),
      queue_length: 1,
      isActive: true,
      capabilities: { paperSizes: ['A4'], color: false, duplex: false, maxCopies: 9 },
    });

    // Waited for as one look: this station heartbeats every 500 ms, so it is alive in the same look (a loaded machine
    // may delay one of its heartbeats; the next look sees it again).
    const fleet = await waitFor('the silent station offline beside this live one', async () => {
      const look = await service.api.fleet({});
      const back = look.stations.find((s) => s.id === 'back-room');
      const here = look.stations.find((s) => s.isThisStation);
      return back && !back.alive && here?.alive ? look : undefined;
    });
    expect(fleet.printers.find((p) => p.printerId === 'back-room:laser')).toMatchObject({ state: 'printing', stateKnown: false });
    expect(fleet.printers.find((p) => p.name === 'P1')?.stateKnown).toBe(true);
  });
});

describe('metrics read in the seed’s units', () => {
  it('start delay and offline time are seconds in the document, milliseconds in the view', () => {
    const point = metricsPoint({
      timestamp: new Date(),
      workerId: 'w',
      prints_per_hour: 12,
      failures_per_hour: 0,
      average_print_start_delay: 4.5,
      printer_offline_duration: 240,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    expect(point.averageStartDelayMs).toBe(4_500);
    expect(point.offlineMs).toBe(240_000);
  });
});

describe('metrics never extrapolate', () => {
  const attempt = { printJobId: 'j', orderId: 'o', orderKey: 'o', printerId: 'p', systemName: 's', attemptNo: 1, claimedAt: new Date() };

  it('one print in a one-minute window is one print in the past hour, not sixty', () => {
    const start = Date.now();
    const stats = new StationStats();
    stats.ended({ kind: 'printed' } as never, attempt);
    const window = stats.takeWindow(start + 60_000);
    expect(window.prints_per_hour).toBe(1);
    expect(window).toMatchObject({ prints: 1, failures: 0 });
    expect(window.window_seconds).toBeGreaterThanOrEqual(60);
  });

  it('the past hour is a true count: prints older than an hour drop out, none are multiplied', () => {
    const stats = new StationStats();
    stats.ended({ kind: 'printed' } as never, attempt);
    stats.ended({ kind: 'failed' } as never, attempt);
    const later = Date.now() + 61 * 60_000;
    expect(stats.takeWindow(later)).toMatchObject({ prints_per_hour: 0, failures_per_hour: 0 });
  });
});
