/**
 * The console tells the station the operator's language when it is picked (issue 11), so the desktop shell's own
 * notifications speak it even while no window is open. The console does not wait for the answer, nor mind a refusal.
 */
import { describe, expect, it } from 'vitest';
import { createStationClient, type Transport } from '../../renderer/src/client';
import { createLocaleStore } from '../../renderer/src/i18n/locale';
import { createStationStore } from '../../renderer/src/store';
import { waitFor } from '../station/stationFixture';
import { memoryStorage } from '../helpers/memoryStorage';

function fakeStation(answer: (method: string) => unknown) {
  const calls: Array<[string, unknown]> = [];
  const linkListeners = new Set<(link: 'up' | 'down' | 'connecting') => void>();
  const transport: Transport = {
    invoke: async (method, params) => {
      calls.push([method, params]);
      return answer(method);
    },
    onPush: () => () => {},
    onLinkChange: (l) => {
      linkListeners.add(l);
      return () => linkListeners.delete(l);
    },
  };
  return { client: createStationClient(transport), calls, linkUp: () => linkListeners.forEach((l) => l('up')) };
}

const languageCalls = (calls: Array<[string, unknown]>) => calls.filter(([m]) => m === 'setOperatorLanguage').map(([, p]) => p);

describe('the operator’s language to the station', () => {
  it('is sent when the operator picks one, and "as the browser" sends the browser’s', async () => {
    const station = fakeStation((m) => (m === 'settings' ? Promise.reject(new Error('down')) : { ok: true }));
    const languages = createLocaleStore(memoryStorage(), 'de-AT');
    createStationStore(station.client, memoryStorage(), languages);
    languages.set('en');
    await waitFor('the language sent (1)', () => languageCalls(station.calls).length === 1);
    languages.set(undefined);
    await waitFor('the language sent (2)', () => languageCalls(station.calls).length === 2);
    expect(languageCalls(station.calls)).toEqual([{ locale: 'en' }, { locale: 'de' }]);
  });

  it('a pick made before is sent once the station is reached; a refusal is not the operator’s problem', async () => {
    const station = fakeStation((m) => (m === 'setOperatorLanguage' ? Promise.reject(new Error('unknown method')) : { ok: true }));
    const storage = memoryStorage();
    const languages = createLocaleStore(storage, 'en-GB');
    languages.set('de');
    const store = createStationStore(station.client, memoryStorage(), languages);
    station.linkUp();
    await waitFor('the language sent (1)', () => languageCalls(station.calls).length === 1);
    expect(languageCalls(station.calls)).toEqual([{ locale: 'de' }]);
    expect(store.getState().toasts).toEqual([]);
  });
});
