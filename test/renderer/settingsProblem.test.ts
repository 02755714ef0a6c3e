/**
 * Settings the station would refuse are caught by the console before it sends them, in the catalogue's words (issue
 * 11): the contract's own zod messages are English ("the station needs a name"), so a German operator would read them
 * untranslated. Each case here is one the contract (SettingsInput) refuses too, so the console asks nothing extra.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_INTERVALS, SettingsInput } from '../../shared/stationSettings';
import { translateIn } from '../../renderer/src/i18n/locale';
import { settingsProblem } from '../../renderer/src/settingsProblem';

const good: SettingsInput = {
  stationName: 'Front desk',
  dbName: 'printshop',
  printers: [],
  intervals: DEFAULT_INTERVALS,
  startOnLogin: false,
  operatorName: 'Anna',
};

describe("settings checked in the console's words before they are sent", () => {
  it('good settings pass, as they pass the contract', () => {
    expect(SettingsInput.safeParse(good).success).toBe(true);
    expect(settingsProblem(good)).toBeUndefined();
    expect(settingsProblem({ ...good, newPin: '4321' })).toBeUndefined();
    expect(settingsProblem({ ...good, newPin: null })).toBeUndefined();
  });

  it('a missing station name, a missing database name and a PIN that is not 4 to 8 digits, in English and German', () => {
    const cases: Array<[Partial<SettingsInput>, string, string]> = [
      [{ stationName: '' }, 'Give the station a name.', 'Geben Sie der Station einen Namen.'],
      [{ dbName: '' }, 'Give the database a name.', 'Geben Sie der Datenbank einen Namen.'],
      [{ newPin: '12' }, 'The new PIN must be 4 to 8 digits.', 'Die neue PIN muss aus 4 bis 8 Ziffern bestehen.'],
      [{ newPin: '12ab' }, 'The new PIN must be 4 to 8 digits.', 'Die neue PIN muss aus 4 bis 8 Ziffern bestehen.'],
    ];
    for (const [change, en, de] of cases) {
      const input = { ...good, ...change };
      expect(SettingsInput.safeParse(input).success, JSON.stringify(change)).toBe(false);
      const key = settingsProblem(input);
      expect(key, JSON.stringify(change)).toBeDefined();
      expect(translateIn('en', key!)).toBe(en);
      expect(translateIn('de', key!)).toBe(de);
    }
  });
});
