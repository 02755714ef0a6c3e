/** Each printer keeps its last moves with who or what caused them, so "how did it get here?" has an answer. */
import { describe, expect, it } from 'vitest';
import { TRANSITION_HISTORY } from '../../electron/station/printer/printerStatus';
import { openTestDatabase } from '../helpers/db';
import { cleanupAfterEach, createFixtureStation, freshDatabase, tempDir, waitFor } from './stationFixture';

const t = await openTestDatabase('station_printer_history');
const cleanup = cleanupAfterEach();
const anna = { source: 'operator' as const, adminEmail: 'anna@printroom.test' };

describe('a printer remembers how it got where it is', () => {
  it('lists its last moves with their causes: started by the station, paused and resumed by Anna', async () => {
    const { dbName, drop } = await freshDatabase(t, 'history');
    const s = createFixtureStation({ uri: t.uri, dbName, name: 'hist', printerRoot: tempDir('hist'), printers: [{ name: 'P' }] });
    cleanup.push(drop, () => s.engine.stop('test over'));
    await s.engine.start();
    const printer = s.engine.printer(s.printerId('P'))!;
    await waitFor('ready', () => printer.state === 'ready');

    expect((await s.engine.pausePrinter(s.printerId('P'), anna)).ok).toBe(true);
    expect((await s.engine.resumePrinter(s.printerId('P'), anna)).ok).toBe(true);

    const moves = printer
      .transitions()
      .map((m) => ({ from: m.from, to: m.to, event: m.event, by: m.cause.kind === 'operator' ? m.cause.name : m.cause.kind }));
    expect(moves.slice(-2)).toEqual([
      { from: 'ready', to: 'paused', event: 'pause', by: 'anna@printroom.test' },
      { from: 'paused', to: 'ready', event: 'resume', by: 'anna@printroom.test' },
    ]);
    expect(moves[0]).toMatchObject({ from: 'starting' });

    // The UI gets the same moves in its printer view, the cause in words.
    const view = s.engine.snapshot().printers.find((p) => p.printerId === s.printerId('P'))!;
    expect(view.recentTransitions?.slice(-2)).toEqual([
      expect.objectContaining({ from: 'ready', to: 'paused', cause: 'anna@printroom.test', at: expect.any(Date) }),
      expect.objectContaining({ from: 'paused', to: 'ready', cause: 'anna@printroom.test' }),
    ]);

    for (let i = 0; i < TRANSITION_HISTORY; i++) {
      await s.engine.pausePrinter(s.printerId('P'), anna);
      await s.engine.resumePrinter(s.printerId('P'), anna);
    }
    expect(printer.transitions()).toHaveLength(TRANSITION_HISTORY);
    expect(printer.transitions().at(-1)).toMatchObject({ to: 'ready', event: 'resume' });
  });
});
