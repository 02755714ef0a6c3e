/**
 * One driver selection for every way a station boots (desktop shell, `npm run station`, the demo): which driver
 * prints for each configured printer, and the sentence when this computer has none for it.
 */
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stationDrivers } from '../../electron/station/boot';
import { parseStationConfig } from '../../electron/station/config';

const configWith = (printers: unknown[]) =>
  parseStationConfig({ mongodbUri: 'mongodb://127.0.0.1:1', dataDir: path.join(os.tmpdir(), 'boot-test'), printers });

describe('stationDrivers: which driver prints for each printer', () => {
  it('the virtual printers share one driver, which the demo can steer', async () => {
    const config = configWith([
      { name: 'Counter', driver: 'virtual' },
      { name: 'Back office', driver: 'virtual' },
    ]);
    const drivers = stationDrivers(config);
    const [a, b] = config.printers.map((p) => drivers.driverFor(p));
    expect(a).toBe(drivers.virtual);
    expect(b).toBe(drivers.virtual);
    await drivers.virtual?.close?.();
  });

  it('one driver per kind, shared by the printers of that kind', () => {
    const config = configWith([
      { name: 'Hall', driver: 'ipp', uri: 'ipp://10.0.0.9:631/ipp/print' },
      { name: 'Office', driver: 'ipp', uri: 'ipp://10.0.0.8:631/ipp/print' },
    ]);
    const drivers = stationDrivers(config);
    expect(drivers.driverFor(config.printers[0]!)).toBe(drivers.driverFor(config.printers[1]!));
    expect(drivers.virtual).toBeUndefined();
  });

  it("another OS's spooler is refused with a sentence naming the printer", () => {
    const config = configWith([{ name: 'Front desk', driver: 'windows' }]);
    expect(() => stationDrivers(config, { platform: 'linux' }).driverFor(config.printers[0]!)).toThrow(
      'Printer Front desk: no windows driver on this computer.',
    );
    const cups = configWith([{ name: 'Back room', driver: 'cups' }]);
    expect(() => stationDrivers(cups, { platform: 'win32' }).driverFor(cups.printers[0]!)).toThrow(
      'Printer Back room: no cups driver on this computer.',
    );
  });

  it('the HTML driver only where the Electron shell passes its print API', () => {
    const config = configWith([{ name: 'Receipts', driver: 'electron' }]);
    expect(() => stationDrivers(config, { platform: 'linux' }).driverFor(config.printers[0]!)).toThrow(/only inside Electron/);
  });
});
