/**
 * A shutdown goes on when one of its steps fails (the next start settles what is left), but the failure is said in
 * the station's log: a journal that would not close or an outcome that would not flush is something a person may
 * need to know after the fact.
 */
import { describe, expect, it } from 'vitest';
import { VirtualPrinterDriver } from '../../electron/printing/virtualPrinter';
import { parseStationConfig } from '../../electron/station/config';
import { StationEngine } from '../../electron/station/engine';
import { openTestDatabase } from '../helpers/db';
import { cleanupAfterEach, fixtureConfig, freshDatabase, tempDir } from './stationFixture';

const t = await openTestDatabase('station_shutdown');
const cleanup = cleanupAfterEach();

/** A spooler connection that breaks as it is closed. */
class BreaksOnClose extends VirtualPrinterDriver {
  override async close(): Promise<void> {
    await super.close();
    throw new Error('the spooler connection broke while closing');
  }
}

describe('shutdown', () => {
  it('a step that fails during shutdown is logged, and the station still stops', async () => {
    const { dbName, drop } = await freshDatabase(t, 'shutdown');
    cleanup.push(drop);
    const printerRoot = tempDir('shutdown-printers');
    const config = parseStationConfig(
      fixtureConfig({ uri: t.uri, dbName, name: 'bye', printerRoot, dataDir: tempDir('shutdown'), printers: [{ name: 'P' }] }),
    );
    const driver = new BreaksOnClose({
      root: printerRoot,
      printers: config.printers.map((p) => ({ systemName: p.systemName!, capabilities: p.capabilities })),
    });
    const engine = new StationEngine({ config, driverFor: () => driver });
    await engine.start();
    await engine.stop('test over');

    expect(engine.recentLogs(200).map((l) => l.message)).toContain('Station stopped');
    const warnings = engine.recentLogs(200).filter((l) => l.level === 'warn' || l.level === 'error');
    expect(warnings.map((l) => l.message)).toContainEqual(
      expect.stringMatching(/closing the printer drivers.*the spooler connection broke while closing/),
    );
  });
});
