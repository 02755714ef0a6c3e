/**
 * The browser tests' fixture: a demo station (in-process engine + shop + virtual printers + web console, exactly
 * what `npm run demo` runs) on the test database, and Debian Chromium looking at its web console as an operator.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, inject } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemo } from '../../../electron/headless/demo';
import { launchChromium, openPage } from '../../helpers/browser';
import { ensureRendererBuilt } from '../../helpers/rendererBuild';

export type Demo = Awaited<ReturnType<typeof startDemo>>;
export type DemoOptions = NonNullable<Parameters<typeof startDemo>[0]>;

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../../test-results/screenshots');

export interface OperatorSession {
  demo: Demo;
  page: Page;
  close(): Promise<void>;
}

/** Starts a station with these printers and opens its console as operator `operatorName`. */
export async function openStation(options: Partial<DemoOptions> & { operatorName?: string } = {}): Promise<OperatorSession> {
  await ensureRendererBuilt();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'print-station-e2e-'));
  const { operatorName = 'Anna', ...demoOptions } = options;
  const demo = await startDemo({
    mongoUri: inject('mongoUri'),
    dbName: `e2e_${randomUUID().slice(0, 8)}`,
    dataDir,
    orderIntervalMs: null,
    seedOrders: 0,
    openBrowser: false,
    ...demoOptions,
  });
  const chromium = await launchChromium();
  const page = await openPage(chromium.browser);
  await page.goto(demo.url);
  await page.getByLabel('Operator name').fill(operatorName);
  return {
    demo,
    page,
    close: async () => {
      await chromium.close();
      await demo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Saves the screen as the operator sees it, without the passing toasts in the corner. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.addStyleTag({ content: '.toasts { display: none !important; }' });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  await page.addStyleTag({ content: '.toasts { display: flex !important; }' });
  return file;
}

export const printerCard = (page: Page, name: string) => page.getByTestId(`printer-${name}`);

export async function goTo(page: Page, screen: 'Printers' | 'Queue' | 'Fleet' | 'Metrics' | 'Logs' | 'Settings') {
  await page.locator('.sidebar').getByRole('button', { name: screen, exact: false }).first().click();
  await expect.poll(() => page.locator('h1').first().textContent()).toBe(screen);
}

const TAB_NAMES = {
  pending: 'Pending',
  printing: 'Printing',
  needs_attention: 'Needs attention',
  failed: 'Failed',
  printed: 'Printed (24 h)',
} as const;

/** Opens the queue on a tab, searches for the order, and waits until its row is there. */
export async function findOrder(page: Page, orderId: string, tab: keyof typeof TAB_NAMES, timeout = 30_000) {
  await goTo(page, 'Queue');
  await page.getByRole('tab', { name: TAB_NAMES[tab] }).click();
  await page.getByLabel('Search orders').fill(orderId);
  const row = page.getByTestId(`order-${orderId}`);
  await expect
    .poll(
      async () => {
        if (await row.count()) return true;
        // The queue refreshes on snapshot changes; re-click the tab to be sure the list is current.
        await page.getByRole('tab', { name: TAB_NAMES[tab] }).click();
        return false;
      },
      { timeout, interval: 500 },
    )
    .toBe(true);
  return row;
}

/** Opens the order's panel and returns its history list. */
export async function openOrderHistory(page: Page, orderId: string, tab: keyof typeof TAB_NAMES) {
  const row = await findOrder(page, orderId, tab);
  await row.click();
  const panel = page.getByRole('complementary', { name: `Order ${orderId}` });
  await expect.poll(() => panel.getByTestId('order-history').isVisible()).toBe(true);
  return panel;
}

/** The action dialog: reason, PIN when asked, confirm. */
export async function confirmAction(page: Page, confirmLabel: string, input: { reason?: string; pin?: string } = {}) {
  const dialog = page.getByRole('dialog');
  if (input.reason !== undefined) await dialog.getByLabel(/Reason/).fill(input.reason);
  if (input.pin !== undefined) await dialog.getByLabel('Operator PIN').fill(input.pin);
  await dialog.getByRole('button', { name: confirmLabel, exact: true }).click();
}

export async function orderStatus(demo: Demo, orderId: string): Promise<string | undefined> {
  const order = await demo.engine.repositories.orders.getOrder(orderId);
  return order?.printStatus;
}
