/**
 * The shop's monitoring scrapes GET /metrics (Prometheus text format) from the station's console: the figures move
 * when an order prints, and the console's binding and token rules hold for the scrape as for the UI's socket.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWebConsole } from '../../electron/headless/webConsole';
import { stationMetrics } from '../../electron/station/housekeeping/prometheus';
import { StationApiService } from '../../electron/station/service/stationApiService';
import { openTestDatabase } from '../helpers/db';
import { startStationProcess } from '../helpers/stationProcess';
import { cleanupAfterEach, fixtureConfig, freshDatabase, openPrintRoom, tempDir, waitFor } from '../station/stationFixture';

const t = await openTestDatabase('headless_metrics');
const cleanup = cleanupAfterEach();
const staticDir = mkdtempSync(path.join(os.tmpdir(), 'ui-'));
writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Print Station</title>');

/** The value of one sample line (`name{labels} value`), or undefined when the scrape has no such line. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(match[3]);
  }
  return undefined;
}

async function scrape(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(new URL('/metrics', url), { headers });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** A scrape with a Host header of our choosing (fetch will not send one: it is a forbidden header there). */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL('/metrics', url), { headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
}

describe('GET /metrics for the shop monitoring', () => {
  it('counts a printed order: prints, pickup and print durations, queue depth, printer states, the database link', async () => {
    const room = await openPrintRoom(t, cleanup, 'metrics', { name: 'Counter', printers: [{ name: 'Laser' }] });
    const metrics = stationMetrics(room.s.engine);
    const web = await startWebConsole(new StationApiService({ engine: room.s.engine }), { staticDir, metrics });
    cleanup.push(() => web.close());
    await waitFor('the printer ready', () => room.view('Laser').state === 'ready');

    const before = await scrape(web.address);
    expect(before.status).toBe(200);
    expect(before.type).toContain('text/plain');
    expect(sample(before.text, 'print_station_prints_total', { printer: 'Laser' }) ?? 0).toBe(0);
    expect(sample(before.text, 'print_station_printer_state', { printer: 'Laser', state: 'ready' })).toBe(1);
    expect(sample(before.text, 'print_station_printer_state', { printer: 'Laser', state: 'error' })).toBe(0);
    expect(sample(before.text, 'print_station_database_link', { state: 'online' })).toBe(1);
    expect(sample(before.text, 'print_station_outcomes_waiting')).toBe(0);

    const { orderId } = await room.shop.createOrder();
    await waitFor('the order printed', async () => (await room.order(orderId))?.printStatus === 'printed');
    const after = await waitFor('the scrape to show the print', async () => {
      const s = await scrape(web.address);
      return sample(s.text, 'print_station_prints_total', { printer: 'Laser' }) === 1 && s;
    });
    expect(sample(after.text, 'print_station_pickup_seconds_count')).toBe(1);
    expect(sample(after.text, 'print_station_print_seconds_count', { printer: 'Laser' })).toBe(1);
    expect(sample(after.text, 'print_station_print_seconds_bucket', { printer: 'Laser', le: '+Inf' })).toBe(1);
    expect(sample(after.text, 'print_station_failures_total', { class: 'network' }) ?? 0).toBe(0);
    // Queue depth comes from the station's counts of the shared queue.
    await waitFor('the queue depth to count the printed order', async () => {
      const s = await scrape(web.address);
      return (sample(s.text, 'print_station_queue_depth', { status: 'printed' }) ?? 0) >= 1;
    });
  });

  it('counts a failed order under its failure class', async () => {
    const room = await openPrintRoom(t, cleanup, 'metrics_fail', { name: 'Back', printers: [{ name: 'Inkjet' }] });
    const web = await startWebConsole(new StationApiService({ engine: room.s.engine }), {
      staticDir,
      metrics: stationMetrics(room.s.engine),
    });
    cleanup.push(() => web.close());
    const { orderId } = await room.shop.createOrder({ fileURL: room.shop.fileUrl('not-pdf') });
    await waitFor('the order failed', async () => (await room.order(orderId))?.printStatus === 'failed');
    await waitFor('the scrape to count the failure', async () => {
      const s = await scrape(web.address);
      return sample(s.text, 'print_station_failures_total', { printer: 'Inkjet', class: 'invalid_data' }) === 1;
    });
  });

  it('refuses a scrape without the console token, and takes it as a bearer token or ?token=', async () => {
    const room = await openPrintRoom(t, cleanup, 'metrics_auth', { name: 'Locked', printers: [{ name: 'P' }] });
    const metrics = stationMetrics(room.s.engine);
    const web = await startWebConsole(new StationApiService({ engine: room.s.engine }), { staticDir, metrics, token: 'tok-9' });
    cleanup.push(() => web.close());

    const bare = await scrape(web.address);
    expect(bare.status).toBe(401);
    expect(bare.text).not.toContain('print_station_');
    expect((await scrape(web.address, { Authorization: 'Bearer wrong' })).status).toBe(401);
    const good = await scrape(web.address, { Authorization: 'Bearer tok-9' });
    expect(good.status).toBe(200);
    expect(sample(good.text, 'print_station_printer_state', { printer: 'P', state: 'ready' })).toBeDefined();
    expect((await fetch(new URL('/metrics?token=tok-9', web.address))).status).toBe(200);
  });

  it('on loopback answers only loopback names (a rebinding page cannot read it) and says so when no metrics were given', async () => {
    const room = await openPrintRoom(t, cleanup, 'metrics_host', { name: 'Loop', printers: [{ name: 'P' }] });
    const web = await startWebConsole(new StationApiService({ engine: room.s.engine }), {
      staticDir,
      metrics: stationMetrics(room.s.engine),
    });
    cleanup.push(() => web.close());
    expect(await statusWithHost(web.address, 'evil.example')).toBe(403);
    expect(await statusWithHost(web.address, 'localhost')).toBe(200);

    const without = await startWebConsole(new StationApiService({ engine: room.s.engine }), { staticDir });
    cleanup.push(() => without.close());
    expect((await scrape(without.address)).status).toBe(404);
  });

  it('keeps each engine in its own registry: two stations in one process do not collide', async () => {
    const a = await openPrintRoom(t, cleanup, 'metrics_a', { name: 'A', printers: [{ name: 'PA' }] });
    const b = await openPrintRoom(t, cleanup, 'metrics_b', { name: 'B', printers: [{ name: 'PB' }] });
    const ma = stationMetrics(a.s.engine);
    const mb = stationMetrics(b.s.engine);
    await waitFor('both ready', () => a.view('PA').state === 'ready' && b.view('PB').state === 'ready');
    const ta = await ma.scrape();
    const tb = await mb.scrape();
    expect(sample(ta, 'print_station_printer_state', { printer: 'PA', state: 'ready' })).toBe(1);
    expect(sample(ta, 'print_station_printer_state', { printer: 'PB', state: 'ready' })).toBeUndefined();
    expect(sample(tb, 'print_station_printer_state', { printer: 'PB', state: 'ready' })).toBe(1);
    ma.close();
    mb.close();
  });

  it('the headless station (npm run station -- --web) serves it, with the Node process figures, behind its token', async () => {
    const { dbName, drop } = await freshDatabase(t, 'metrics_cli');
    const config = fixtureConfig({
      uri: t.uri,
      dbName,
      name: 'Cli',
      printers: [{ name: 'P' }],
      printerRoot: tempDir('metrics-cli'),
      dataDir: tempDir('metrics-cli-data'),
    });
    const station = await startStationProcess({ config, args: ['--web', '0'], env: { PRINT_STATION_WEB_TOKEN: 'tok-cli' } });
    cleanup.push(drop, () => station.stop());
    const address = JSON.parse(/PRINT_STATION_READY (\{.*\})/.exec(station.output())![1]!).web as string;
    expect((await scrape(address)).status).toBe(401);
    const scraped = await waitFor('the printer ready in the scrape', async () => {
      const s = await scrape(address, { Authorization: 'Bearer tok-cli' });
      return sample(s.text, 'print_station_printer_state', { printer: 'P', state: 'ready' }) === 1 && s;
    });
    expect(sample(scraped.text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(scraped.text, 'print_station_info', { station: 'Cli' })).toBe(1);
  });
});
