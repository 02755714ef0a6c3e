/**
 * The version a station reports (its snapshot, its document in `stations`, the fleet screen's "older version") is
 * the install's, package.json's, when the caller names none: the demo and the tests build the engine without one,
 * and a made-up '0.1.0' would show every such station as older (or newer) than the fleet.
 */
import { describe, expect, it, vi } from 'vitest';
import { packageVersion } from '../../electron/headless/packageVersion';
import { VirtualPrinterDriver } from '../../electron/printing/virtualPrinter';
import { parseStationConfig } from '../../electron/station/config';
import { StationEngine } from '../../electron/station/engine';
import { fixtureConfig, tempDir } from './stationFixture';

// package.json says 0.1.0 today, the old made-up default: a version of its own tells the two apart.
vi.mock('../../electron/headless/packageVersion', () => ({ packageVersion: () => '9.4.2-package' }));

function engineWith(version?: string): StationEngine {
  const printerRoot = tempDir('version-printers');
  const config = parseStationConfig(
    fixtureConfig({
      uri: 'mongodb://127.0.0.1:9/',
      dbName: 'unused',
      name: 'version',
      printerRoot,
      dataDir: tempDir('version'),
      printers: [{ name: 'P' }],
    }),
  );
  const driver = new VirtualPrinterDriver({ root: printerRoot, printers: [], msPerPage: 0 });
  // Never started: the version is known from construction on, without a database.
  return new StationEngine({ config, driverFor: () => driver, ...(version ? { version } : {}) });
}

describe("a station's version", () => {
  it("is the package's version when the caller names none", () => {
    expect(packageVersion()).toBe('9.4.2-package');
    expect(engineWith().snapshot().station.version).toBe('9.4.2-package');
  });

  it('is the version the caller names (the desktop app passes its own)', () => {
    expect(engineWith('7.3.1').snapshot().station.version).toBe('7.3.1');
  });
});
