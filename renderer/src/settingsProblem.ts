/**
 * What the station would refuse in a Settings save, found before it is sent and said in the catalogue's words (issue
 * 11): the contract's zod messages (shared/stationSettings' SettingsInput) are English, and the station answers with
 * them, so the console checks the same rules itself. Pure; test/renderer/settingsProblem.test.ts keeps it in step.
 */
import type { SettingsInput } from '../../shared/stationSettings';
import type { PlainKey } from './i18n/locale';

/** The first thing to fix, as a catalogue key, or undefined when the station would take the settings. */
export function settingsProblem(input: SettingsInput): PlainKey | undefined {
  if (input.stationName.trim() === '') return 'settings.needsStationName';
  if (input.dbName.trim() === '') return 'settings.needsDbName';
  if (typeof input.newPin === 'string' && !/^\d{4,8}$/.test(input.newPin)) return 'settings.pinDigits';
  return undefined;
}
