/**
 * Every screen, every size, every operator (issue 11): at 1920, 1280, 800 and 390 px wide the order id column
 * stays and nothing overflows sideways (with an order open too); axe-core finds no serious or critical WCAG 2.1 AA
 * violation on any screen, an open order or a dialog, in the light and the dark theme; a dialog keeps the keyboard
 * inside and gives focus back when it closes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { MongoClient } from 'mongodb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { memorySettingsStore } from '../../electron/station/service/settingsStore';
import { openFakeConsole } from './helpers/fakeConsole';
import { goTo, openStation, screenshot, type OperatorSession } from './helpers/operatorUi';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCREENS = ['Printers', 'Queue', 'Fleet', 'Metrics', 'Logs', 'Settings'] as const;
const ORDER = 'A11Y-0001';

let s: OperatorSession;
let client: MongoClient;

beforeAll(async () => {
  // The printers take only Letter, so the A4 orders stay in the queue as they are put there.
  const letterOnly = { paperSizes: ['Letter'], color: false, duplex: false, maxCopies: 1 };
  s = await openStation({
    printers: [
      { name: 'Counter printer', requiresRetrieval: true, capabilities: letterOnly },
      { name: 'Back office', requiresRetrieval: false, capabilities: letterOnly },
    ],
  });
  client = await new MongoClient(s.demo.mongoUri).connect();
  const order = (n: number, printStatus: string, extra: Record<string, unknown> = {}) => ({
    orderId: `A11Y-${String(n).padStart(4, '0')}`,
    paymentStatus: 'completed',
    printStatus,
    createdAt: new Date(Date.now() - n * 60_000),
    fileURL: s.demo.shop.fileUrl('good'),
    printingOptions: { paperSize: 'A4', color: n % 2 === 0, duplex: false, copies: 1 },
    printAttempt: 0,
    customerName: `Customer with a fairly long name ${n}`,
    ...extra,
  });
  await client
    .db(s.demo.dbName)
    .collection('orders')
    .insertMany([
      order(1, 'pending'),
      ...Array.from({ length: 30 }, (_, i) => order(i + 2, 'pending')),
      order(40, 'needs_attention', { printError: 'The lease expired while the job was at the printer: it may have printed.' }),
      order(41, 'failed', { printError: 'The printer reported a paper jam three times.' }),
    ]);
});
afterAll(async () => {
  await client?.close();
  await s?.close();
});

async function openOrder(page: Page, orderId: string) {
  await goTo(page, 'Queue');
  await page.getByRole('tab', { name: 'All' }).click();
  const row = page.getByTestId(`order-${orderId}`);
  await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
  await row.click();
  const panel = page.getByRole('complementary', { name: `Order ${orderId}` });
  await expect.poll(() => panel.getByRole('button').count(), { timeout: 30_000 }).toBeGreaterThan(1);
  return panel;
}

/** The widest thing sideways: the page, or a screen scrolled inside its frame (hidden from the page's width). */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const inner = [...document.querySelectorAll<HTMLElement>('.content, .queue-main')].map((el) => el.scrollWidth - el.clientWidth);
    return { scrollWidth: document.scrollingElement!.scrollWidth + Math.max(0, ...inner), innerWidth: window.innerWidth };
  });

describe('every size', () => {
  for (const [width, height] of [
    [1920, 1080],
    [1280, 800],
    [800, 700],
    [390, 844],
  ] as const) {
    it(`at ${width} px: every screen fits, and the queue keeps the order id column with an order open`, async () => {
      await s.page.setViewportSize({ width, height });
      for (const screen of SCREENS) {
        await goTo(s.page, screen);
        const { scrollWidth, innerWidth } = await overflow(s.page);
        expect(scrollWidth, `${screen} at ${width} px overflows sideways`).toBeLessThanOrEqual(innerWidth);
      }
      await goTo(s.page, 'Queue');
      await s.page.getByRole('tab', { name: 'All' }).click(); // newest first: A11Y-0001 heads the list
      const idCell = s.page.getByTestId(`order-${ORDER}`).locator('.col-order');
      await expect.poll(() => idCell.isVisible(), { timeout: 30_000 }).toBe(true);
      await screenshot(s.page, `queue-${width}px`);

      const panel = await openOrder(s.page, ORDER);
      await screenshot(s.page, `queue-order-open-${width}px`);
      // With the panel open, the id is still readable wherever the list shows (a phone shows the panel alone).
      if (width > 640) {
        expect(await idCell.isVisible()).toBe(true);
        expect((await idCell.boundingBox())!.width).toBeGreaterThan(60);
      }
      const { scrollWidth, innerWidth } = await overflow(s.page);
      expect(scrollWidth, `the queue with an order open at ${width} px overflows sideways`).toBeLessThanOrEqual(innerWidth);
      await panel.getByRole('button', { name: 'Close' }).click();
    });
  }
});

describe('the counter tablet', () => {
  it('gives every button, tab and field a touch target of at least 44 px', async () => {
    const context = await s.page
      .context()
      .browser()!
      .newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true });
    try {
      const tablet = await context.newPage();
      await tablet.goto(s.demo.url);
      await tablet.getByLabel('Operator name').fill('Tablet');
      await expect.poll(() => tablet.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
      for (const screen of ['Printers', 'Queue'] as const) {
        await goTo(tablet, screen);
        if (screen === 'Queue') {
          await tablet.getByRole('tab', { name: 'All' }).click();
          await expect.poll(() => tablet.getByTestId(`order-${ORDER}`).count(), { timeout: 30_000 }).toBe(1);
        }
        const small = await tablet.evaluate(() =>
          [
            ...document.querySelectorAll<HTMLElement>(
              'button, select, input:not([type="checkbox"]), [role="tab"], .order-row[tabindex="0"]',
            ),
          ]
            .filter((el) => el.offsetParent !== null)
            .map((el) => ({
              what: `${el.tagName} ${el.textContent?.trim().slice(0, 30) || el.getAttribute('aria-label') || ''}`,
              h: el.getBoundingClientRect().height,
            }))
            .filter((t) => t.h < 44),
        );
        expect(small, `${screen}: targets under 44 px`).toEqual([]);
        await screenshot(tablet, `tablet-${screen.toLowerCase()}`);
      }
    } finally {
      await context.close();
    }
  });
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** axe-core over the page as it is now: the serious and critical WCAG 2.1 A/AA violations, printed if any. */
async function seriousViolations(page: Page, where: string): Promise<string[]> {
  // Evaluated through DevTools, which the page's CSP (script-src 'self') does not govern, unlike a script tag.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations: AxeViolation[] = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const lines = serious.flatMap((v) =>
    v.nodes.slice(0, 5).map((n) => `${where}: ${v.id} (${v.impact}) ${v.help} at ${JSON.stringify(n.target)} — ${n.failureSummary ?? ''}`),
  );
  if (lines.length) console.log(lines.join('\n'));
  return lines;
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical violation on any screen, an open order or a dialog (${colorScheme})`, async () => {
      await s.page.setViewportSize({ width: 1360, height: 860 });
      await s.page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      const found: string[] = [];
      for (const screen of SCREENS) {
        await goTo(s.page, screen);
        // Let each screen load what it shows (the queue its rows, the fleet its stations).
        if (screen === 'Queue') {
          await s.page.getByRole('tab', { name: 'All' }).click();
          await expect.poll(() => s.page.getByTestId(`order-${ORDER}`).count(), { timeout: 30_000 }).toBe(1);
        }
        await s.page.waitForLoadState('networkidle').catch(() => {});
        found.push(...(await seriousViolations(s.page, `${screen} (${colorScheme})`)));
        await screenshot(s.page, `a11y-${screen.toLowerCase()}-${colorScheme}`);
      }
      const panel = await openOrder(s.page, 'A11Y-0040');
      found.push(...(await seriousViolations(s.page, `order panel (${colorScheme})`)));
      await panel
        .getByRole('button')
        .filter({ hasText: /Reprint|Back to queue/ })
        .first()
        .click();
      await expect.poll(() => s.page.getByRole('dialog').isVisible()).toBe(true);
      found.push(...(await seriousViolations(s.page, `dialog (${colorScheme})`)));
      await screenshot(s.page, `a11y-dialog-${colorScheme}`);
      await s.page.keyboard.press('Escape');
      await expect.poll(() => s.page.getByRole('dialog').count()).toBe(0);
      await panel.getByRole('button', { name: 'Close' }).click();
      expect(found).toEqual([]);
    });
  }

  it('a dialog keeps Tab inside, closes on Escape from any field, and gives focus back to its button', async () => {
    await s.page.emulateMedia({ colorScheme: 'light' });
    const panel = await openOrder(s.page, 'A11Y-0041');
    const opener = panel
      .getByRole('button')
      .filter({ hasText: /Reprint|Back to queue/ })
      .first();
    await opener.focus();
    await s.page.keyboard.press('Enter');
    const dialog = s.page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const focusInDialog = () => s.page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')));
    for (let i = 0; i < 8; i++) {
      await s.page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await focusInDialog()).toBe(true);
    }
    await s.page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/Reprint|Back to queue/);
    await panel.getByRole('button', { name: 'Close' }).click();
  });

  it('marks the screen shown in the sidebar with aria-current and labels the printer dots', async () => {
    await goTo(s.page, 'Fleet');
    const current = s.page.locator('.sidebar [aria-current="page"]');
    await expect.poll(() => current.textContent()).toBe('Fleet');
    const dots = s.page.getByRole('list', { name: 'Printers at a glance' }).getByRole('listitem');
    await expect.poll(() => dots.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toContain('Back office: Ready');
  });
});

describe('first run and settings: true words', () => {
  it('onboarding offers the printshop database, shows the connection string on request, and starts only with a printer', async () => {
    const c = await openFakeConsole({
      engine: null,
      settingsStore: memorySettingsStore(),
      discoverPrinters: async () => [
        {
          systemName: 'HP_LaserJet',
          displayName: 'HP LaserJet',
          driverKind: 'cups',
          capabilities: { paperSizes: ['A4'], color: false, duplex: true, maxCopies: 99 },
        },
      ],
      applySettings: async () => {},
    });
    try {
      const { page } = c;
      await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toBe('Welcome to Print Station');
      expect(await page.getByLabel('Database', { exact: true }).inputValue()).toBe('printshop');
      const uri = page.getByLabel('MongoDB connection string');
      await uri.fill(inject('mongoUri'));
      expect(await uri.getAttribute('type')).toBe('password');
      await page.getByRole('button', { name: 'Show connection string' }).click();
      expect(await uri.getAttribute('type')).toBe('text');
      await page.getByRole('button', { name: 'Test connection' }).click();
      await expect.poll(() => page.getByTestId('mongo-test-result').textContent(), { timeout: 20_000 }).toContain('Connected');
      await page.getByRole('button', { name: 'Next' }).click();

      const start = page.getByRole('button', { name: 'Start printing' });
      expect(await start.isDisabled()).toBe(true);
      await expect.poll(() => page.locator('.onboarding').textContent()).toContain('Tick at least one printer');
      await screenshot(page, 'onboarding-needs-a-printer');
      await page.getByRole('checkbox', { name: /HP_LaserJet/ }).check();
      expect(await start.isDisabled()).toBe(false);
    } finally {
      await c.close();
    }
  });

  it('settings keep the engineer timings apart, and a headless station says plainly that printer changes apply when saved', async () => {
    await s.page.setViewportSize({ width: 1360, height: 860 });
    await goTo(s.page, 'Settings');
    const engineer = s.page.getByRole('region', { name: /Engineer/ });
    await expect.poll(() => engineer.getByLabel(/Order lease/).count()).toBe(1);
    expect(await engineer.getByLabel(/Expired-lease check/).count()).toBe(1);
    // The demo applies saved printers and timings at once (headless/liveStation), and the page says so, with no restart text.
    await expect.poll(() => s.page.locator('.settings').textContent()).toContain('Printer and timing changes apply when you save');
    expect(await s.page.locator('.settings').textContent()).not.toContain('take effect when the station restarts');
    await screenshot(s.page, 'settings-operator-and-engineer');
  });
});
