/**
 * The database link drops and comes back: the operator sees a banner while it is down, and it goes away when the
 * station reconnects; printing then carries on. The station reaches MongoDB through a TCP proxy the test cuts.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startTcpProxyForUri, type TcpProxy } from '../helpers/tcpProxy';
import { openStation, orderStatus, screenshot, type OperatorSession } from './helpers/operatorUi';

let s: OperatorSession;
let proxy: TcpProxy;
beforeAll(async () => {
  proxy = await startTcpProxyForUri(inject('mongoUri'));
  s = await openStation({
    mongoUri: proxy.uri,
    stationName: 'Cellar',
    pagesPerSecond: 5,
    printers: [{ name: 'Front', requiresRetrieval: false }],
  });
});
afterAll(async () => {
  await s?.close();
  await proxy?.close();
});

/** What the station said last, so a failure explains itself (the link's state changes and failures are logged). */
const lastLines = () =>
  s.demo.engine
    .recentLogs(15)
    .map((l) => `${new Date(l.at).toISOString()} ${l.level} ${l.message}`)
    .join('\n');

describe('the database going offline and coming back', () => {
  it('shows a banner while the database is unreachable and clears it when it is back', async () => {
    const banner = s.page.getByTestId('banner');
    await expect.poll(() => banner.count()).toBe(0); // the station is online before the cut
    proxy.cut();
    // First "unstable" (degraded), then, once it has failed for the link's offline threshold, "offline".
    await expect.poll(() => banner.textContent().catch(() => ''), { timeout: 60_000, interval: 500 }).toMatch(/Database offline/);
    expect(s.demo.engine.snapshot().connection).toBe('offline');
    await screenshot(s.page, 'database-offline');
    // The toast lives 5 s: watch for it from before the restore instead of hoping a later look still finds it.
    const backOnline = s.page.locator('.toast', { hasText: 'Database back online.' }).waitFor({ timeout: 120_000 });
    proxy.restore();
    await expect
      .poll(
        async () =>
          (await banner.count()) === 0
            ? 'gone'
            : `banner shown, engine says ${s.demo.engine.snapshot().connection}; its last log lines:\n${lastLines()}`,
        {
          timeout: 90_000,
          interval: 1_000,
        },
      )
      .toBe('gone');
    await backOnline;

    const id = (await s.demo.shop.createOrder({ pages: 1 })).orderId;
    await expect.poll(() => orderStatus(s.demo, id), { timeout: 45_000 }).toBe('printed');
  }, 300_000); // the outage itself lasts the link's offline threshold, and the reconnect one heartbeat
});
