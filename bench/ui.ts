/**
 * `npm run bench -- ui [--json] [--orders 10000] [--samples 15]`
 *
 * The operator's UI with a big queue (issue 11), in Chromium against a headless demo station (the web console),
 * each time measured inside the page (performance.now) from the operator's act to the pixels' DOM:
 * - first render: a fresh page, the click on Queue, until the first order row is in the list;
 * - status to row: an order's status changed in the database (as another station or the shop would) until its
 *   row on the open All tab shows the new status;
 * - search: the last keystroke of an order id in the search box until the list shows that order alone.
 * Baseline in the same run: the first render of the empty queue, before the orders are added (the ratio is what
 * ten thousand orders cost). Aims at p95: first render 300 ms, status to row 500 ms, search 150 ms.
 * The figures are what was measured, whatever they are.
 *
 * The page is the production build of the UI, made for this run in a directory of its own: out/renderer is whatever
 * was built last, and a build made inside vitest (NODE_ENV=test) carries React's development build, several times
 * slower to render, so a bench on it measured whoever had built last.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { MongoClient, type Collection } from 'mongodb';
import type { Browser, Page } from 'playwright-core';
import { startDemo } from '../electron/headless/demo';
import { launchChromium, openPage } from '../test/helpers/browser';
import { stdout, withTestServer, type Output } from './args';
import { formatTable } from './table';

export interface UiMeasure {
  p50Ms: number;
  /** With 15 samples, the slowest of them. */
  p95Ms: number;
  samples: number;
  /** Every sample in the order taken (the first of a kind is often the slowest: the test server's first query). */
  valuesMs: number[];
}
export interface UiBenchResult {
  orders: number;
  baselineEmptyQueueRender: UiMeasure;
  firstQueueRender: UiMeasure & { aimP95Ms: 300; ratioToBaselineP50: number };
  statusChangeToRow: UiMeasure & { aimP95Ms: 500 };
  searchKeystrokeToResults: UiMeasure & { aimP95Ms: 150 };
  database: string;
}

export function run(args: string[], out: Output = stdout): Promise<void> {
  return withTestServer('ui', args, async ({ flags, json, server, log }) => {
    const result = await measureUi({
      uri: server.uri,
      orders: flags.number('orders', 10_000),
      samples: Math.max(3, flags.number('samples', 15)),
      log,
    });
    result.database = server.kind;
    if (json) {
      out(JSON.stringify(result));
      return;
    }
    const row = (name: string, m: UiMeasure, aim: number | string) => [name, m.p50Ms, m.p95Ms, aim, m.samples];
    out(
      formatTable(
        ['measure', 'p50 ms', 'p95 ms', 'aim p95 ms', 'samples'],
        [
          row('baseline: empty queue, first render', result.baselineEmptyQueueRender, '-'),
          row(`queue of ${result.orders}, first render`, result.firstQueueRender, 300),
          row('status change in database -> row', result.statusChangeToRow, 500),
          row('search keystroke -> results', result.searchKeystrokeToResults, 150),
        ],
      ),
    );
    out(`first render with ${result.orders} orders is ${result.firstQueueRender.ratioToBaselineP50.toFixed(2)}x the empty queue's (p50)`);
  });
}

async function measureUi(o: { uri: string; orders: number; samples: number; log: (line: string) => void }): Promise<UiBenchResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'print-station-bench-ui-'));
  const uiDir = path.join(dataDir, 'renderer');
  o.log('[ui] building the UI for production');
  await buildProductionUi(uiDir);
  const dbName = `bench_ui_${randomUUID().slice(0, 8)}`;
  // Its one printer takes only Letter: the A4 orders stay in the queue while we look at them (for the whole run:
  // the unprintable sweep would fail them 500 at a time after the demo's 60 s grace, moving rows under the samples).
  const demo = await startDemo({
    capabilityGraceMs: 24 * 60 * 60_000,
    mongoUri: o.uri,
    dbName,
    dataDir,
    orderIntervalMs: null,
    seedOrders: 0,
    openBrowser: false,
    printers: [
      { name: 'Front', requiresRetrieval: false, capabilities: { paperSizes: ['Letter'], color: false, duplex: false, maxCopies: 1 } },
    ],
  });
  const client = await new MongoClient(o.uri).connect();
  const chromium = await launchBenchChromium();
  try {
    const page = await openPage(chromium.browser);
    await servePagesFrom(page, demo.url, uiDir);
    // tsx keeps function names with a helper (__name) that the page does not have.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.goto(demo.url);
    await page.getByLabel('Operator name').fill('Bench');
    const orders = client.db(dbName).collection('orders');

    o.log(`[ui] baseline: ${o.samples} first renders of the empty queue`);
    const baseline = await repeat(o.samples, () => firstQueueRender(page, demo.url, '.order-grid ~ .empty'));

    o.log(`[ui] adding ${o.orders} orders`);
    await addOrders(orders, o.orders, demo.shop.fileUrl('good'));
    o.log(`[ui] ${o.samples} first renders of the queue`);
    const first = await repeat(o.samples, () => firstQueueRender(page, demo.url, '.order-row[data-testid^="order-"]'));

    o.log(`[ui] ${o.samples} status changes`);
    await page.getByRole('tab', { name: 'All' }).click();
    await page.waitForSelector('[data-testid="order-UI-00000"]');
    const statuses = await repeat(o.samples, (i) => statusChangeToRow(page, orders, `UI-${String(i).padStart(5, '0')}`));

    o.log(`[ui] ${o.samples} searches`);
    const searches = await repeat(o.samples, (i) => searchToResults(page, `UI-${String(o.orders - 1 - i * 37).padStart(5, '0')}`));

    const baselineM = measure(baseline);
    const firstM = measure(first);
    return {
      orders: o.orders,
      baselineEmptyQueueRender: baselineM,
      firstQueueRender: { ...firstM, aimP95Ms: 300, ratioToBaselineP50: firstM.p50Ms / Math.max(1, baselineM.p50Ms) },
      statusChangeToRow: { ...measure(statuses), aimP95Ms: 500 },
      searchKeystrokeToResults: { ...measure(searches), aimP95Ms: 150 },
      database: '',
    };
  } finally {
    await chromium.close();
    await client.close();
    await demo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Chromium as the browser tests launch it, but letting a page the bench serves itself (servePagesFrom) open the
 * station's WebSocket on 127.0.0.1, which its local network access checks would refuse.
 */
function launchBenchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  return launchChromium(['--disable-features=LocalNetworkAccessChecks']);
}

/** The UI as `npm run build` makes it (production React), into `outDir`. */
async function buildProductionUi(outDir: string): Promise<void> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const { build } = await import('vite');
    const configFile = path.resolve(import.meta.dirname, '../renderer/vite.config.ts');
    await build({ configFile, logLevel: 'warn', mode: 'production', build: { outDir, emptyOutDir: true } });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

/** The console's page and assets from `dir` instead of the station's out/renderer; the WebSocket is the station's. */
async function servePagesFrom(page: Page, consoleUrl: string, dir: string): Promise<void> {
  const origin = new URL(consoleUrl).origin;
  await page.route(
    (url) => url.origin === origin,
    async (route) => {
      const { pathname } = new URL(route.request().url());
      const file = path.join(dir, pathname === '/' ? 'index.html' : pathname);
      if (file.startsWith(dir) && existsSync(file) && !file.endsWith(path.sep)) await route.fulfill({ path: file });
      else await route.continue();
    },
  );
}

/** Newest first: UI-00000 is the newest, so it heads the All tab. */
async function addOrders(orders: Collection, count: number, fileURL: string): Promise<void> {
  const now = Date.now();
  for (let start = 0; start < count; start += 2_000) {
    const batch = Array.from({ length: Math.min(2_000, count - start) }, (_, k) => {
      const i = start + k;
      return {
        orderId: `UI-${String(i).padStart(5, '0')}`,
        paymentStatus: 'completed',
        printStatus: 'pending',
        createdAt: new Date(now - i * 1_000),
        fileURL,
        customerName: `Customer ${i}`,
        printingOptions: { paperSize: 'A4', color: false, duplex: false, copies: 1 },
        printAttempt: 0,
      };
    });
    await orders.insertMany(batch);
  }
}

/** A fresh page (nothing cached in the UI's store), then the click on Queue until `selector` is in the page. */
async function firstQueueRender(page: Page, url: string, selector: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Printers');
  // The console is up once the station's snapshot is in (the sidebar shows the station's name).
  await page.waitForFunction(() => !document.querySelector('.sidebar .brand .muted')?.textContent?.includes('…'));
  return page.evaluate(async (wanted) => {
    const queueButton = [...document.querySelectorAll<HTMLButtonElement>('.sidebar button')].find((b) =>
      b.textContent?.startsWith('Queue'),
    );
    const started = performance.now();
    queueButton!.click();
    return waitInPage(() => document.querySelector(wanted) !== null, started);

    function waitInPage(done: () => boolean, since: number): Promise<number> {
      return new Promise((resolve) => {
        const check = () => (done() ? resolve(performance.now() - since) : requestAnimationFrame(check));
        check();
      });
    }
  }, selector);
}

/** Changes the order's status in the database and waits, in the page, until its row says so. */
async function statusChangeToRow(page: Page, orders: Collection, orderId: string): Promise<number> {
  await page.waitForSelector(`[data-testid="order-${orderId}"]`);
  const watching = page.evaluate((id) => {
    return new Promise<number>((resolve) => {
      const check = () => {
        const row = document.querySelector(`[data-testid="order-${id}"]`);
        if (row?.textContent?.includes('Cancelled')) resolve(performance.timeOrigin + performance.now());
        else requestAnimationFrame(check);
      };
      check();
    });
  }, orderId);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  const changedAt = Date.now();
  await orders.updateOne({ orderId }, { $set: { printStatus: 'cancelled', cancelledBy: 'bench' } });
  return (await watching) - changedAt;
}

/** Types the order id but its last character, lets the list settle, then times the last keystroke to the one row. */
async function searchToResults(page: Page, orderId: string): Promise<number> {
  const search = page.getByLabel('Search orders');
  await search.fill(orderId.slice(0, -1));
  // Settled: every row shown is one the prefix finds.
  await page.waitForFunction(
    (prefix) => {
      const rows = [...document.querySelectorAll('.order-row[data-testid^="order-"]')];
      return rows.length > 0 && rows.every((r) => r.getAttribute('data-testid')!.startsWith(`order-${prefix}`));
    },
    orderId.slice(0, -1),
  );
  const watching = page.evaluate((id) => {
    return new Promise<number>((resolve) => {
      const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
      let typedAt = 0;
      input.addEventListener('keydown', () => (typedAt = performance.now()), { once: true });
      const check = () => {
        const rows = document.querySelectorAll('.order-row[data-testid^="order-"]');
        if (typedAt && rows.length === 1 && rows[0]!.getAttribute('data-testid') === `order-${id}`) resolve(performance.now() - typedAt);
        else requestAnimationFrame(check);
      };
      check();
    });
  }, orderId);
  await search.press(orderId.slice(-1));
  return watching;
}

async function repeat(n: number, sample: (i: number) => Promise<number>): Promise<number[]> {
  const values: number[] = [];
  for (let i = 0; i < n; i++) values.push(await sample(i));
  return values;
}

function measure(values: number[]): UiMeasure {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50Ms: Math.round(at(50)), p95Ms: Math.round(at(95)), samples: values.length, valuesMs: values.map(Math.round) };
}
