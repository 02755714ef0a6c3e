/**
 * Debian Chromium driven by playwright-core, for the browser tests (DESIGN §9). playwright's launch() gives every
 * browser a fresh temporary profile (user-data-dir) and removes it on close.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `extraArgs`: more Chromium switches (the UI bench lets the page it serves itself reach the station on 127.0.0.1). */
export async function launchChromium(extraArgs: string[] = []): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
  return { browser, close: () => browser.close().catch(() => {}) };
}

/** Playwright's own auto-waits (click, fill, goto), stretched for a loaded machine: they only stop a hung test. */
const ACTION_TIMEOUT_MS = 60_000;
const NAVIGATION_TIMEOUT_MS = 90_000;

/**
 * A page the size of the station's screen, with page errors on the test's console. To rehearse a busy machine,
 * PRINT_STATION_E2E_CPU_SLOWDOWN=N (N > 1) runs the page's CPU N times slower (DevTools CPU throttling).
 */
export async function openPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  page.on('pageerror', (error) => console.error('[page error]', error.message));
  const slowdown = Number(process.env.PRINT_STATION_E2E_CPU_SLOWDOWN ?? 1);
  if (slowdown > 1) {
    const devtools = await page.context().newCDPSession(page);
    await devtools.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  }
  return page;
}
