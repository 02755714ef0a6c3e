/**
 * The operator's "test page" on a raw 9100 label printer that cannot confirm (statusQuery off): the printer takes
 * the whole page but never says it printed. The test page must end at once as "sent without confirmation", said
 * as such in the station log, instead of being polled for ten minutes as if it were still printing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Raw9100Driver } from '../../electron/printing/raw9100Driver';
import { StationCommands } from '../../electron/station/printer/commands';
import { FakeZebra } from '../printing/labelPrinterFakes';
import { waitFor } from './stationFixture';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function commandsFor(driver: Raw9100Driver, lines: Array<{ level: string; message: string }>) {
  const loop = {
    state: 'ready',
    identity: {
      name: 'Shipping labels',
      systemName: 'Label',
      capabilities: { paperSizes: ['Label-4x6'], color: false, duplex: false, maxCopies: 1 },
    },
    apply: () => ({ ok: true }),
  };
  const log = (level: string) => (message: string) => lines.push({ level, message });
  return new StationCommands({
    loops: new Map([['p1', loop]]) as never,
    orders: {} as never,
    logs: {} as never,
    link: {} as never,
    logger: { info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') } as never,
    stationId: 's1',
    driverOf: () => driver,
    outcomes: () => undefined,
    dbTimeoutMs: 1_000,
  });
}

describe('test page on a label printer that cannot confirm', () => {
  it('ends as "sent without confirmation" as soon as the printer has it, and says so', async () => {
    const zebra = await FakeZebra.start({ silent: true });
    closers.push(() => zebra.close());
    const driver = new Raw9100Driver({
      printers: [
        { systemName: 'Label', host: '127.0.0.1', port: zebra.port, language: 'zpl', dpi: 203, media: ['Label-4x6'], statusQuery: false },
      ],
    });
    closers.push(() => driver.close());
    const lines: Array<{ level: string; message: string }> = [];
    const commands = commandsFor(driver, lines);

    const sent = await commands.testPrint('p1', { source: 'operator', adminEmail: 'anna@printroom.test' });
    expect(sent).toMatchObject({ ok: true });

    const said = await waitFor(
      'the test page to end',
      () => lines.find((l) => l.message.startsWith('Test page on Shipping labels')),
      15_000,
    );
    expect(said.message).toMatch(/^Test page on Shipping labels: sent without confirmation/);
    expect(said.message).toMatch(/nobody confirmed that the 1 label came out/);
    expect(said.level).toBe('warn');
    expect(zebra.formatsReceived).toBe(1); // it did reach the printer, as ZPL
  });
});
