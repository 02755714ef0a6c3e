import { describe, expect, it } from 'vitest';
import { MetricsRepository } from '../../electron/db/metricsRepository';
import { PrintLogRepository } from '../../electron/db/printLogRepository';
import { PrinterRepository } from '../../electron/db/printerRepository';
import { StationRepository } from '../../electron/db/stationRepository';
import { migrate } from '../../electron/db/migrate';
import type { PrinterDoc } from '../../shared/domain';
import { openTestDatabase } from '../helpers/db';
import { colourInkjet, officeLaserCaps } from './fixtures';

const t = await openTestDatabase('registries');
await migrate(t.db);

const laser: PrinterDoc = {
  printer_id: 'laser-1',
  name: 'Office laser',
  status: 'online',
  state: 'ready',
  stationId: 'station-1',
  last_seen_at: new Date(),
  queue_length: 0,
  connectionType: 'network',
  isActive: true,
  autoPrintEnabled: true,
  capabilities: officeLaserCaps,
  requiresRetrieval: true,
};

describe(`printers, stations, logs and metrics (${t.serverKind})`, () => {
  it('registers a printer once however often it is upserted, and reports its health', async () => {
    const printers = new PrinterRepository(t.db);
    await new StationRepository(t.db).register({
      _id: 'station-1',
      name: 'Front desk',
      hostname: 'pc-front',
      version: '0.1.0',
      workerId: 'w-1',
      startedAt: new Date(),
      lastHeartbeatAt: new Date(),
    });
    await printers.upsert(laser);
    await printers.upsert({ ...laser, name: 'Office laser (2nd floor)' });
    await printers.upsert({ ...laser, printer_id: 'inkjet-1', name: 'Inkjet', isActive: false, capabilities: colourInkjet.capabilities });
    await printers.updateHealth('laser-1', { status: 'error', state: 'error', error_message: 'Paper jam (media-jam)' });
    const [first] = await printers.list({ stationId: 'station-1', isActive: true });
    expect(first).toMatchObject({
      printer_id: 'laser-1',
      name: 'Office laser (2nd floor)',
      status: 'error',
      error_message: 'Paper jam (media-jam)',
    });
    // a health write changes only what it names: the registered retrieval setting survives it
    expect(first?.requiresRetrieval).toBe(true);
    expect(await printers.activeCapabilities()).toEqual([officeLaserCaps]);
    expect(await t.db.collection('printers').countDocuments({ printer_id: 'laser-1' })).toBe(1);
  });

  it('keeps one document per station with a heartbeat', async () => {
    const stations = new StationRepository(t.db);
    const startedAt = new Date('2026-11-02T08:00:00Z');
    await stations.register({
      _id: 'station-1',
      name: 'Front desk',
      hostname: 'pc-front',
      version: '0.1.0',
      workerId: 'w-1',
      startedAt,
      lastHeartbeatAt: startedAt,
    });
    // The station's own clock is not trusted for the heartbeat: the database stamps it (others judge it by $$NOW).
    const before = Date.now() - 60_000;
    await stations.heartbeat('station-1', { lastHeartbeatAt: new Date('2026-11-02T08:00:15Z'), connection: 'online' });
    const [doc] = await stations.list();
    expect(doc).toMatchObject({ _id: 'station-1', connection: 'online' });
    expect(doc!.lastHeartbeatAt.getTime()).toBeGreaterThan(before);
  });

  it('printers of a station that stopped heartbeating do not count toward what the fleet can print', async () => {
    const db = t.client.db(`${t.dbName}_fleet`);
    const printers = new PrinterRepository(db);
    const stations = new StationRepository(db);
    await stations.register({
      _id: 'alive',
      name: 'Alive',
      hostname: 'a',
      version: '1',
      workerId: 'w-a',
      startedAt: new Date(),
      lastHeartbeatAt: new Date(),
    });
    await stations.register({
      _id: 'gone',
      name: 'Gone',
      hostname: 'g',
      version: '1',
      workerId: 'w-g',
      startedAt: new Date(),
      lastHeartbeatAt: new Date(),
    });
    await db.collection('stations').updateOne({ _id: 'gone' as never }, { $set: { lastHeartbeatAt: new Date(Date.now() - 3_600_000) } });
    await printers.upsert({ ...laser, stationId: 'alive' });
    await printers.upsert({ ...laser, printer_id: 'inkjet-gone', stationId: 'gone', capabilities: colourInkjet.capabilities });
    expect(await printers.activeCapabilities({ silentAfterMs: 90_000 })).toEqual([officeLaserCaps]);
    await db.dropDatabase();
  });

  it("reads back an order's history newest first", async () => {
    const logs = new PrintLogRepository(t.db);
    await logs.log({ action: 'claimed', orderId: 'H-1', source: 'station', timestamp: new Date('2026-11-02T08:00:00Z') });
    await logs.log({ action: 'printed', orderId: 'H-1', source: 'station', timestamp: new Date('2026-11-02T08:01:00Z') });
    expect((await logs.history('H-1')).map((l) => l.action)).toEqual(['printed', 'claimed']);
  });

  it('writes one metrics document per worker and window, even when written twice', async () => {
    const metrics = new MetricsRepository(t.db);
    const window = new Date('2026-11-02T08:05:00Z');
    const sample = {
      timestamp: window,
      prints_per_hour: 12,
      failures_per_hour: 1,
      average_print_start_delay: 4.5,
      printer_offline_duration: 0,
      workerId: 'w-1',
    };
    await metrics.write(sample);
    await metrics.write({ ...sample, prints_per_hour: 13 });
    const series = await metrics.series({ since: new Date('2026-11-02T08:00:00Z') });
    expect(series).toHaveLength(1);
    expect(series[0]).toMatchObject({ prints_per_hour: 13, workerId: 'w-1' });
  });
});
