/** Where order files may come from is settable from the desktop Settings (issue 9, item 6) and reaches the engine. */
import { describe, expect, it } from 'vitest';
import { stationConfigFromSettings } from '../../electron/station/stationConfigFromSettings';
import { parseStationConfig } from '../../electron/station/config';
import { memorySettingsStore } from '../../electron/station/service/settingsStore';
import { StationApiService } from '../../electron/station/service/stationApiService';
import { DEFAULT_INTERVALS, SettingsInput, StoredSettings } from '../../shared/stationSettings';
import { FakeStationEngine } from '../helpers/fakeStationEngine';

const saved = {
  stationName: 'Front desk',
  dbName: 'printshop',
  printers: [],
  intervals: DEFAULT_INTERVALS,
  startOnLogin: true,
  operatorName: 'Anna',
};

describe('order file sources in Settings', () => {
  it('a new station fetches only from public addresses', () => {
    const config = parseStationConfig(stationConfigFromSettings(StoredSettings.parse({ mongoUri: 'mongodb://db.shop.lan/' }), '/data'));
    expect(config.fetch.allowPrivateNetworks).toBe(false);
    expect(config.fetch.allowedHosts).toBeUndefined();
  });

  it('allowed hosts and private networks chosen in Settings become the engine fetch policy', () => {
    const settings = StoredSettings.parse({
      mongoUri: 'mongodb://db.shop.lan/',
      fileSources: { allowedHosts: ['files.shop.lan', '192.168.1.0/24'], allowPrivateNetworks: true },
    });
    const config = parseStationConfig(stationConfigFromSettings(settings, '/data'));
    expect(config.fetch).toMatchObject({ allowedHosts: ['files.shop.lan', '192.168.1.0/24'], allowPrivateNetworks: true });
  });

  it('are saved and shown again by the Settings screen', async () => {
    const service = new StationApiService({ engine: new FakeStationEngine(), settingsStore: memorySettingsStore(), snapshotThrottleMs: 0 });
    const fileSources = { allowedHosts: ['.cdn.shop.example', '10.0.0.5'], allowPrivateNetworks: false };
    expect(await service.api.saveSettings({ settings: { ...saved, fileSources }, operator: { name: 'Anna' } })).toMatchObject({ ok: true });
    expect((await service.api.settings({})).settings.fileSources).toEqual(fileSources);
    service.dispose();
  });

  it('refuses an allowed-host entry that is not a host, domain, address or range', () => {
    const bad = SettingsInput.safeParse({
      ...saved,
      fileSources: { allowedHosts: ['http://files.shop.lan/x'], allowPrivateNetworks: false },
    });
    expect(bad.success).toBe(false);
  });
});
