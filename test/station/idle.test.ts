import { describe, expect, it } from 'vitest';
import type { CommandStartedEvent } from 'mongodb';
import { startShopSimulator } from '../../electron/headless/shopSimulator';
import { openTestDatabase } from '../helpers/db';
import { cleanupAfterEach, createFixtureStation, freshDatabase, tempDir, waitFor } from './stationFixture';

const t = await openTestDatabase('station_idle');
const cleanup = cleanupAfterEach();

describe('an idle station leaves the shop database alone', () => {
  it('claims nothing and rewrites no unchanged printer while nothing happens, beats its heart, and still picks up the next order', async () => {
    const { db, dbName, drop } = await freshDatabase(t, 'idle');
    const shop = await startShopSimulator({ db });
    const s = createFixtureStation({
      uri: t.uri,
      dbName,
      name: 'quiet',
      printerRoot: tempDir('idle'),
      printers: [{ name: 'A' }, { name: 'B', requiresRetrieval: true }],
      // Everything a few times a second, so a short wait covers many health checks and safety polls.
      intervals: { healthMs: 200, safetyPollMs: 300, reaperMs: 300, unprintableMs: 300 },
    });
    cleanup.push(
      drop,
      () => shop.stop(),
      () => s.engine.stop('test over'),
    );
    // As bench/idle.ts does: the pools copy the client's options when the engine connects in start().
    s.engine.link.client.options.monitorCommands = true;
    const seen: string[] = [];
    s.engine.link.client.on('commandStarted', (e: CommandStartedEvent) => {
      const target = e.command[e.commandName];
      seen.push(`${e.commandName} ${typeof target === 'string' ? target : ((e.command as { collection?: string }).collection ?? '')}`);
    });
    await s.engine.start();
    await waitFor('both printers ready', () => s.engine.snapshot().printers.every((p) => p.state === 'ready'));
    const beats = () => seen.filter((c) => c === 'update stations').length;
    await waitFor('start-up writes done, one heartbeat since', async () => {
      const before = beats();
      await new Promise((r) => setTimeout(r, 400));
      return beats() > before;
    });

    seen.length = 0;
    await waitFor('several heartbeats while idle', () => beats() >= 6, 20_000);
    expect(seen.filter((c) => c === 'findAndModify orders')).toEqual([]); // no claim without a reason
    expect(seen.filter((c) => c === 'update printers')).toEqual([]); // nothing changed, nothing written
    expect(seen.filter((c) => c === 'find orders').length).toBeGreaterThan(0); // the safety poll and the reaper go on

    // A change is written at once: B goes offline.
    s.driver.goOffline('quiet-B');
    await waitFor('B offline in printers', () => db.collection('printers').findOne({ printer_id: s.printerId('B'), state: 'offline' }));
    s.driver.comeOnline('quiet-B');
    await waitFor('B ready', () => s.engine.snapshot().printers[1]!.state === 'ready');

    // Work still wakes it: the change feed (or the safety poll) signals, a printer claims and prints.
    const { orderId } = await shop.createOrder({ pages: 1 });
    await waitFor('printed', async () => (await db.collection('orders').findOne({ orderId }))?.printStatus === 'printed');
  });
});
