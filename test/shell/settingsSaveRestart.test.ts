/**
 * A desktop Settings save rebuilds the engine (its printers stop and start again) only when it changes what the
 * engine runs on: a new PIN or operator name leaves a printing station undisturbed; a printer or timing does not.
 */
import { describe, expect, it } from 'vitest';
import { stationConfigFromSettings } from '../../electron/station/stationConfigFromSettings';
import { engineConfigChanged, parseStationConfig, type StationConfig } from '../../electron/station/config';
import { StoredSettings } from '../../shared/stationSettings';

const front = {
  systemName: 'Front_Laser',
  displayName: 'Front',
  driverKind: 'cups',
  managed: true,
  requiresRetrieval: true,
  capabilities: { paperSizes: ['A4'], color: false, duplex: true, maxCopies: 50 },
} as const;

function engineConfigOf(settings: Record<string, unknown>): StationConfig {
  const input = stationConfigFromSettings(
    StoredSettings.parse({ mongoUri: 'mongodb://db.shop.lan/', printers: [front], ...settings }),
    '/data',
  );
  if (!input) throw new Error('settings with a database and a printer should make a station config');
  return parseStationConfig(input);
}

describe('a Settings save and the running engine', () => {
  const running = engineConfigOf({});

  it('a new PIN, operator name, start-on-login or quiet hour changes nothing the engine runs on', () => {
    const routine = { pinHash: 'scrypt$abc$def', operatorName: 'Anna', startOnLogin: false };
    expect(engineConfigChanged(running, engineConfigOf(routine))).toBe(false);
  });

  it('a printer change, a timing change or no engine yet means a new engine', () => {
    expect(engineConfigChanged(running, engineConfigOf({ printers: [{ ...front, requiresRetrieval: false }] }))).toBe(true);
    expect(engineConfigChanged(running, engineConfigOf({ printers: [] }))).toBe(true);
    expect(engineConfigChanged(undefined, running)).toBe(true);
  });
});
