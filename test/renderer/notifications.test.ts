/**
 * The console's store turns station events into notices (amber retrievals, red errors) and command answers into
 * toasts that name the outcome; the operator's "no sound" is kept across reloads.
 */
import { describe, expect, it } from 'vitest';
import { createStationClient, type Transport } from '../../renderer/src/client';
import { createStationStore } from '../../renderer/src/store';

function fakeStation(answer: (method: string) => unknown = () => ({ ok: true })) {
  const listeners = new Set<(raw: unknown) => void>();
  const transport: Transport = {
    invoke: async (method) => answer(method),
    onPush: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onLinkChange: () => () => {},
  };
  return { client: createStationClient(transport), push: (raw: unknown) => listeners.forEach((l) => l(raw)) };
}

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

const at = '2026-12-02T10:00:00.000Z';
const printer = {
  printerId: 'p1',
  name: 'Back office',
  systemName: 'back',
  driverKind: 'virtual',
  state: 'ready',
  stateSince: at,
  health: 'online',
  queueLength: 0,
  capabilities: { paperSizes: ['A4'], color: false, duplex: false, maxCopies: 9 },
  requiresRetrieval: false,
  autoPrint: true,
};
const snapshot = {
  station: { id: 's', name: 'Front desk', hostname: 'h', version: '0.1.0', workerId: 'w', startedAt: at },
  connection: 'online',
  connectionSince: at,
  printers: [printer],
  counts: { pending: 0, printing: 0, printed: 0, failed: 0, cancelled: 0, needs_attention: 0 },
  pendingOutcomes: 0,
  updatedAt: at,
};

describe('notices and toasts in the console', () => {
  it('an item to take out is an amber notice, a printer error a red one, each told once', () => {
    const station = fakeStation();
    const store = createStationStore(station.client, memoryStorage());
    station.push({ type: 'event', event: { kind: 'ready_for_retrieval', printerId: 'p1', printerName: 'Counter', orderId: '7', at } });
    station.push({ type: 'event', event: { kind: 'printer_error', printerId: 'p1', printerName: 'Counter', message: 'media-jam', at } });
    station.push({ type: 'event', event: { kind: 'printer_error', printerId: 'p1', printerName: 'Counter', message: 'media-jam', at } });
    expect(store.getState().toasts.map((t) => [t.tone, t.text])).toEqual([
      ['retrieval', 'Counter: ready for retrieval. Order 7 is printed. Take it out and click "Item retrieved".'],
      ['error', 'Counter: paper jam. Open the front cover, clear the paper, then press Printer recovered.'],
    ]);
    expect(store.getState().lastNotice).toMatchObject({ id: 2, note: { kind: 'printer', title: 'Counter: paper jam' } });
  });

  it('a printer command’s toast names the printer and what happened', async () => {
    const station = fakeStation();
    const store = createStationStore(station.client, memoryStorage());
    station.push({ type: 'snapshot', snapshot });
    await store.getState().command('pausePrinter', { printerId: 'p1' });
    expect(store.getState().toasts.at(-1)).toMatchObject({ tone: 'ok', text: 'Back office paused.' });
  });

  it('the sound setting is kept across reloads', () => {
    const storage = memoryStorage();
    const first = createStationStore(fakeStation().client, storage);
    expect(first.getState().soundOn).toBe(true);
    first.getState().setSound(false);
    expect(createStationStore(fakeStation().client, storage).getState().soundOn).toBe(false);
  });
});
