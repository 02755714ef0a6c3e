/**
 * True numbers, in the browser (issue 11): a station that stopped shows offline on the fleet screen with its printers
 * unknown, without a click (the screen updates live); "last print" is written; the header's counts, the Printers
 * screen's words, the queue tab's badge and the list's total agree; the metrics count prints instead of multiplying a
 * short window up to "per hour".
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../electron/headless/demo';
import { goTo, openStation, orderStatus, screenshot, type Demo, type OperatorSession } from './helpers/operatorUi';

let s: OperatorSession;
let client: MongoClient;
const caps = { paperSizes: ['A4'], color: true, duplex: true, maxCopies: 9 };

beforeAll(async () => {
  s = await openStation({
    stationName: 'Front desk',
    pagesPerSecond: 5,
    printers: [{ name: 'Counter printer', requiresRetrieval: false, capabilities: caps }],
  });
  client = await new MongoClient(s.demo.mongoUri).connect();
});
afterAll(async () => {
  await client?.close();
  await s?.close();
});

/** An order as the reaper leaves it when a lease expired while the job was at the printer. */
async function needsAttentionOrder(): Promise<string> {
  const orderId = `NA-${randomUUID().slice(0, 6)}`;
  await client
    .db(s.demo.dbName)
    .collection('orders')
    .insertOne({
      orderId,
      paymentStatus: 'completed',
      createdAt: new Date(),
      fileURL: s.demo.shop.fileUrl('good'),
      printingOptions: { paperSize: 'A4', color: false, duplex: false, copies: 1 },
      printStatus: 'needs_attention',
      printPhase: 'submitted',
      printJobId: randomUUID(),
      printAttempt: 1,
      printError: 'The lease expired while the job was at the printer: it may have printed.',
      printErrorCode: 'lease_expired',
    });
  return orderId;
}

describe('true numbers', () => {
  it('a stopped station shows offline on the fleet screen, its printers unknown, without a click', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'print-station-e2e-back-'));
    let back: Demo | undefined = await startDemo({
      mongoUri: s.demo.mongoUri,
      dbName: s.demo.dbName,
      dataDir,
      stationName: 'Back room',
      orderIntervalMs: null,
      seedOrders: 0,
      openBrowser: false,
      printers: [{ name: 'Back laser', requiresRetrieval: false, capabilities: caps }],
    });
    try {
      await goTo(s.page, 'Fleet');
      const row = s.page.getByTestId('station-Back room');
      await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('Online');
      await expect.poll(() => s.page.getByTestId('fleet-printer-Back laser').textContent()).toContain('Ready');

      await back.stop();
      back = undefined;
      // Live: no Refresh click. Offline after two of its heartbeats (5 s in the demo) and the screen's next look.
      await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain('Offline');
      await expect.poll(() => s.page.getByTestId('fleet-printer-Back laser').textContent()).toContain('Unknown (station offline)');
      await expect.poll(() => s.page.getByTestId('station-Front desk').textContent()).toContain('Online');
      await screenshot(s.page, 'true-numbers-fleet-station-offline');
    } finally {
      await back?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a print writes the fleet’s "last print"', async () => {
    const { orderId } = await s.demo.shop.createOrder({ printingOptions: { paperSize: 'A4' }, pages: 1 });
    await expect.poll(() => orderStatus(s.demo, orderId), { timeout: 30_000 }).toBe('printed');
    await goTo(s.page, 'Fleet');
    const counter = s.page.getByTestId('fleet-printer-Counter printer');
    await expect.poll(() => counter.locator('td').nth(4).textContent(), { timeout: 20_000 }).toMatch(/just now|s ago|min ago/);
  });

  it('the header, the Printers screen, the queue tab and the list total count the same orders', async () => {
    await needsAttentionOrder();
    await needsAttentionOrder();
    await goTo(s.page, 'Printers');
    const sidebarBadge = s.page.locator('.sidebar').getByRole('button', { name: /Queue/ }).locator('.badge');
    await expect.poll(() => sidebarBadge.textContent(), { timeout: 30_000 }).toBe('2');
    await expect.poll(() => s.page.getByTestId('attention-count').textContent()).toContain('2 orders need attention');
    await expect.poll(() => s.page.title()).toBe('(2) Print Station');
    await screenshot(s.page, 'true-numbers-counts');

    // The count is a way to those orders.
    await s.page.getByRole('button', { name: '2 orders need attention' }).click();
    await expect.poll(() => s.page.locator('h1').first().textContent()).toBe('Queue');
    const tab = s.page.getByRole('tab', { name: /Needs attention/ });
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => tab.locator('.badge').textContent()).toBe('2');
    await expect.poll(() => s.page.locator('.queue-main > .muted.small').textContent()).toMatch(/^2 orders/);
  });

  it('metrics count prints: one print in a one-minute window is one print, and the axes say what they measure', async () => {
    await s.demo.engine.repositories.metrics.write({
      timestamp: new Date(Date.now() - 10 * 60_000),
      workerId: 'other-station',
      prints_per_hour: 1,
      failures_per_hour: 0,
      average_print_start_delay: 3,
      printer_offline_duration: 120,
      prints: 1,
      failures: 0,
      window_seconds: 60,
    } as never);
    await goTo(s.page, 'Metrics');
    await expect.poll(() => s.page.locator('.chart').count()).toBe(4);
    await expect
      .poll(() => s.page.getByTestId('metrics-totals').textContent())
      .toMatch(/\d+ prints?, \d+ failures?, printers offline for [1-9]\d* min/);
    const titles = await s.page.locator('.chart figcaption').allTextContents();
    expect(titles).toEqual([
      'Prints per 5 minutes',
      'Failures per 5 minutes',
      'Start delay (order to printer)',
      'Printer offline time per 5 minutes',
    ]);
    expect(titles.join(' ')).not.toMatch(/per hour/);
    // uPlot draws the axis labels on its canvas (the screenshot shows them); the figure names the same unit for readers.
    expect(await s.page.locator('.chart').evaluateAll((figs) => figs.map((f) => f.getAttribute('aria-label')))).toEqual([
      'Prints per 5 minutes, in prints over time',
      'Failures per 5 minutes, in failures over time',
      'Start delay (order to printer), in seconds over time',
      'Printer offline time per 5 minutes, in minutes over time',
    ]);
    await screenshot(s.page, 'true-numbers-metrics');
  });
});
