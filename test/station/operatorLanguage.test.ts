/**
 * The operator's language reaches the desktop shell (issue 11): picking a language in the console saves it with the
 * station's settings (no PIN: it is the operator's own preference) and tells the shell, without rebuilding the engine.
 */
import { describe, expect, it, vi } from 'vitest';
import { StationApiService } from '../../electron/station/service/stationApiService';
import { memorySettingsStore } from '../../electron/station/service/settingsStore';
import { needsPin } from '../../shared/stationApi';
import { StoredSettings } from '../../shared/stationSettings';
import { hashPin } from '../../electron/station/service/operatorPin';
import { FakeStationEngine } from '../helpers/fakeStationEngine';

describe('the operator’s language', () => {
  it('is saved with the settings and told to the shell, without applying settings (no engine rebuild)', async () => {
    const store = memorySettingsStore(StoredSettings.parse({ stationName: 'Front desk', pinHash: hashPin('1234') }));
    const applySettings = vi.fn(async () => undefined);
    const languages: string[] = [];
    const service = new StationApiService({
      engine: new FakeStationEngine(),
      settingsStore: store,
      applySettings,
      onOperatorLanguage: (locale) => languages.push(locale),
    });
    // A PIN is set, yet no PIN is asked for.
    expect(await service.invoke('setOperatorLanguage', { locale: 'de' })).toMatchObject({ ok: true });
    expect((await store.load())?.locale).toBe('de');
    expect((await store.load())?.stationName).toBe('Front desk');
    expect(languages).toEqual(['de']);
    expect(applySettings).not.toHaveBeenCalled();
    expect(needsPin('setOperatorLanguage', { locale: 'de' })).toBe(false);
  });

  it('outlives saving the Settings form, which does not carry it', async () => {
    const store = memorySettingsStore(StoredSettings.parse({ stationName: 'Front desk' }));
    const service = new StationApiService({ engine: null, settingsStore: store });
    await service.invoke('setOperatorLanguage', { locale: 'de' });
    const saved = await service.invoke('saveSettings', {
      operator: { name: 'Anna' },
      settings: {
        stationName: 'Back desk',
        dbName: 'printshop',
        printers: [],
        intervals: StoredSettings.parse({}).intervals,
        startOnLogin: true,
        operatorName: 'Anna',
      },
    });
    expect(saved).toMatchObject({ ok: true });
    expect(await store.load()).toMatchObject({ stationName: 'Back desk', locale: 'de' });
  });

  it('refuses a language the catalogue does not have', async () => {
    const store = memorySettingsStore(StoredSettings.parse({}));
    const service = new StationApiService({ engine: null, settingsStore: store });
    expect(await service.invoke('setOperatorLanguage', { locale: 'fr' })).toMatchObject({ ok: false, code: 'refused' });
    expect((await store.load())?.locale).toBeUndefined();
  });

  it('with no settings saved yet (a station run from its config file) writes no settings, and the first save keeps it', async () => {
    const store = memorySettingsStore();
    const languages: string[] = [];
    const service = new StationApiService({ engine: null, settingsStore: store, onOperatorLanguage: (l) => languages.push(l) });
    expect(await service.invoke('setOperatorLanguage', { locale: 'de' })).toMatchObject({ ok: true });
    expect(await store.load()).toBeNull();
    expect(languages).toEqual(['de']);
    await service.invoke('saveSettings', {
      operator: { name: 'Anna' },
      settings: {
        stationName: 'Front desk',
        dbName: 'printshop',
        printers: [],
        intervals: StoredSettings.parse({}).intervals,
        startOnLogin: true,
        operatorName: 'Anna',
      },
    });
    expect((await store.load())?.locale).toBe('de');
  });
});
