import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotificationGate, notificationFor } from '../../shared/notificationRules';
import { autostartFile, desktopEntry, isXdgAutostartEnabled, setXdgAutostart } from '../../electron/shell/xdgAutostart';
import { stationConfigFromSettings } from '../../electron/station/stationConfigFromSettings';
import { parseStationConfig } from '../../electron/station/config';
import { StoredSettings } from '../../shared/stationSettings';

describe('start on login on Linux (XDG autostart)', () => {
  it('writes the entry under XDG_CONFIG_HOME, or ~/.config when unset', () => {
    expect(autostartFile({ XDG_CONFIG_HOME: '/cfg' }, '/home/anna')).toBe('/cfg/autostart/print-station.desktop');
    expect(autostartFile({}, '/home/anna')).toBe('/home/anna/.config/autostart/print-station.desktop');
  });

  it('quotes an install path with spaces and starts hidden in the tray', () => {
    expect(desktopEntry('/opt/Print Station/print-station')).toContain('Exec="/opt/Print Station/print-station" --hidden');
  });

  it('turns on and off', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'xdg-')), 'autostart', 'print-station.desktop');
    await setXdgAutostart(true, '/usr/bin/print-station', file);
    expect(readFileSync(file, 'utf8')).toContain('[Desktop Entry]');
    expect(await isXdgAutostartEnabled(file)).toBe(true);
    await setXdgAutostart(false, '/usr/bin/print-station', file);
    expect(existsSync(file)).toBe(false);
  });
});

describe('desktop notifications', () => {
  const at = new Date();
  it('announce an item to take out, a printer error and an order that needs a person; not log lines', () => {
    expect(notificationFor({ kind: 'ready_for_retrieval', printerId: 'p', printerName: 'Front', orderId: 'A-1', at })?.title).toBe(
      'Front: ready for retrieval',
    );
    expect(notificationFor({ kind: 'printer_error', printerId: 'p', printerName: 'Front', message: 'Paper jam', at })).toMatchObject({
      urgent: true,
      title: 'Front: paper jam',
      body: 'Open the front cover, clear the paper, then press Printer recovered.',
    });
    // Words it does not know are passed on as the printer said them.
    expect(notificationFor({ kind: 'printer_error', printerId: 'p', printerName: 'Front', message: 'spool-area-full', at })).toMatchObject({
      title: 'Front: printer error',
      body: 'spool-area-full',
    });
    expect(notificationFor({ kind: 'needs_attention', orderId: 'A-2', message: 'did it print?', at })?.title).toBe(
      'Order A-2 needs attention',
    );
    expect(notificationFor({ kind: 'log', line: { at, level: 'error', message: 'x' } })).toBeNull();
  });

  it('do not repeat the same thing within five minutes', () => {
    let now = 0;
    const gate = new NotificationGate(5 * 60_000, () => now);
    const jam = { kind: 'printer_error', printerId: 'p', printerName: 'Front', message: 'Paper jam', at } as const;
    expect(gate.admit(jam)).not.toBeNull();
    now = 60_000;
    expect(gate.admit(jam)).toBeNull();
    now = 6 * 60_000;
    expect(gate.admit(jam)).not.toBeNull();
  });
});

describe('settings become the engine configuration', () => {
  it('drives only managed printers and converts the timings', () => {
    const settings = StoredSettings.parse({
      stationName: 'Front desk',
      mongoUri: 'mongodb://db:27017',
      dbName: 'printshop',
      printers: [
        {
          systemName: 'hp',
          displayName: 'HP',
          driverKind: 'cups',
          managed: true,
          requiresRetrieval: true,
          capabilities: { paperSizes: ['A4'], color: false, duplex: true, maxCopies: 9 },
        },
        {
          systemName: 'old',
          displayName: 'Old',
          driverKind: 'cups',
          managed: false,
          requiresRetrieval: false,
          capabilities: { paperSizes: ['A4'], color: false, duplex: false, maxCopies: 1 },
        },
      ],
    });
    const config = parseStationConfig(stationConfigFromSettings(settings, '/data'));
    expect(config.printers.map((p) => p.name)).toEqual(['HP']);
    expect(config.printers[0]).toMatchObject({ driver: 'cups', systemName: 'hp', requiresRetrieval: true });
    expect(config.intervals).toMatchObject({ healthMs: 30_000, leaseMs: 60_000, leaseRenewMs: 15_000, metricsMs: 300_000 });
    expect(stationConfigFromSettings(StoredSettings.parse({}), '/data')).toBeNull();
  });
});
