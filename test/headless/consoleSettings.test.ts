/**
 * Which printers and timings a headless station runs on when its data dir holds Settings saved from its console:
 * the console's last save wins over the config file's, says so in one line, and keeps what Settings cannot edit.
 */
import { describe, expect, it } from 'vitest';
import { withConsoleSettings } from '../../electron/headless/consoleSettings';
import { parseStationConfig } from '../../electron/station/config';
import { StoredSettings } from '../../shared/stationSettings';

const start = parseStationConfig({
  mongodbUri: 'mongodb://db.shop.lan/',
  dbName: 'printshop',
  station: { id: 'front', name: 'Front desk' },
  dataDir: '/var/lib/print-station',
  printers: [
    { name: 'Counter', driver: 'virtual', systemName: 'counter', msPerPage: 5, autoPrint: false },
    { name: 'Labels', driver: 'raw', systemName: '10.0.0.20:9100', language: 'zpl', dpi: 300, media: ['oe_4x6-label_4x6in'] },
  ],
  intervals: { healthMs: 2_000, leaseMs: 20_000, leaseRenewMs: 4_000, reaperMs: 5_000, pollFallbackMs: 500, jobPollMs: 50 },
  fetch: { allowPrivateNetworks: true, maxFilesPerOrder: 3 },
});
const where = { settingsFile: '/var/lib/print-station/console-settings.json', configFile: '/etc/print-station.json' };

const counter = {
  systemName: 'counter',
  displayName: 'Counter',
  driverKind: 'virtual' as const,
  managed: true,
  requiresRetrieval: false,
  capabilities: { paperSizes: ['A4'], color: false, duplex: false, maxCopies: 99 },
};
const labels = {
  systemName: '10.0.0.20:9100',
  displayName: 'Labels',
  driverKind: 'raw' as const,
  managed: true,
  requiresRetrieval: false,
  capabilities: start.printers[1]!.capabilities,
  language: 'zpl' as const,
  dpi: 300,
};
/** What the console saves when the operator changed nothing: the running engine's timings as the page shows them (rounded). */
const asShown = { healthCheckSeconds: 5, leaseSeconds: 20, reaperSeconds: 10, pollSeconds: 1, metricsMinutes: 5 };
const saved = (over: Partial<StoredSettings> = {}) =>
  StoredSettings.parse({
    stationName: 'Front desk',
    mongoUri: start.mongodbUri,
    dbName: 'printshop',
    printers: [counter, labels],
    intervals: asShown,
    fileSources: { allowedHosts: [], allowPrivateNetworks: true },
    ...over,
  });

describe('saved console settings over the config file', () => {
  it('without saved settings, or with none of their printers saved, the config file is the station', () => {
    expect(withConsoleSettings(start, null, where)).toEqual({ config: start, note: null });
    expect(withConsoleSettings(start, saved({ printers: [] }), where)).toEqual({ config: start, note: null });
  });

  it("the console's printers, name and timings win, and one line says which file and why", () => {
    const wide = { ...counter, systemName: 'wide', displayName: 'Wide', capabilities: { ...counter.capabilities, paperSizes: ['A3'] } };
    const { config, note } = withConsoleSettings(
      start,
      saved({
        stationName: 'Front',
        printers: [counter, { ...labels, managed: false }, wide],
        intervals: { ...asShown, healthCheckSeconds: 60 },
      }),
      where,
    );
    expect(config.station).toEqual({ id: 'front', name: 'Front' });
    expect(config.printers.map((p) => [p.name, p.systemName, p.capabilities.paperSizes])).toEqual([
      ['Counter', 'counter', ['A4']],
      ['Wide', 'wide', ['A3']],
    ]);
    expect(config.intervals.healthMs).toBe(60_000);
    expect(note).toContain(where.settingsFile);
    expect(note).toContain(where.configFile);
    expect(note).toMatch(/2 printers/);
  });

  it("keeps what Settings cannot edit: the database, the station id, a printer's config-only options, the finer timings", () => {
    const { config } = withConsoleSettings(start, saved({ mongoUri: 'mongodb://elsewhere/', dbName: 'other' }), where);
    expect([config.mongodbUri, config.dbName, config.station.id, config.dataDir]).toEqual([
      start.mongodbUri,
      'printshop',
      'front',
      start.dataDir,
    ]);
    expect(config.printers[0]).toMatchObject({ msPerPage: 5, autoPrint: false });
    expect(config.printers[1]).toMatchObject({ language: 'zpl', dpi: 300, media: ['oe_4x6-label_4x6in'] });
    // Timings the operator did not change stay as the config file gave them, to the millisecond.
    expect(config.intervals).toEqual(start.intervals);
    expect(config.fetch).toEqual(start.fetch);
  });

  it("a label printer's paper sizes changed in the console are its paper sizes, not the config file's media", () => {
    const { config } = withConsoleSettings(
      start,
      saved({ printers: [counter, { ...labels, capabilities: { ...labels.capabilities, paperSizes: ['A6'] } }] }),
      where,
    );
    expect(config.printers[1]!.capabilities.paperSizes).toEqual(['A6']);
    expect(config.printers[1]!.media).toBeUndefined();
  });

  it('file sources changed in the console apply; saved settings the engine would refuse leave the config file in charge, said in the note', () => {
    expect(
      withConsoleSettings(start, saved({ fileSources: { allowedHosts: ['files.shop.example'], allowPrivateNetworks: false } }), where)
        .config.fetch,
    ).toMatchObject({
      allowedHosts: ['files.shop.example'],
      allowPrivateNetworks: false,
      maxFilesPerOrder: 3,
    });
    const broken = withConsoleSettings(
      start,
      saved({ printers: [{ ...counter, displayName: ' '.repeat(0) + 'X', driverKind: 'ipp' as const }] }),
      where,
    );
    expect(broken.config).toBe(start);
    expect(broken.note).toMatch(/cannot run on|refused|config file/i);
  });
});
