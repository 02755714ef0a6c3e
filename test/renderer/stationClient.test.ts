import { describe, expect, it } from 'vitest';
import { createStationClient, type Transport } from '../../renderer/src/client';

function transport(
  answer: (method: string, params: unknown) => unknown,
): Transport & { sent: Array<[string, unknown]>; push(raw: unknown): void } {
  const sent: Array<[string, unknown]> = [];
  const listeners = new Set<(raw: unknown) => void>();
  return {
    sent,
    invoke: async (method, params) => {
      sent.push([method, params]);
      return answer(method, params);
    },
    onPush: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onLinkChange: () => () => {},
    push: (raw) => listeners.forEach((l) => l(raw)),
  };
}

describe('the UI client validates both ways', () => {
  it('refuses to send a request the contract does not allow', async () => {
    const t = transport(() => ({ ok: true }));
    const client = createStationClient(t);
    await expect(client.reprint({ orderId: 'A-1', reason: '', operator: { name: 'Anna' } })).rejects.toThrow(/give a reason/);
    expect(t.sent).toEqual([]);
  });

  it('turns dates sent as JSON strings back into dates, and rejects a malformed answer', async () => {
    const history = { order: null, history: [{ at: '2026-11-26T10:00:00.000Z', action: 'printed', source: 'station' }] };
    const client = createStationClient(transport(() => history));
    const answer = await client.orderHistory({ orderId: 'A-1' });
    expect(answer.history[0]!.at).toBeInstanceOf(Date);
    const broken = createStationClient(transport(() => ({ orders: 'lots' })));
    await expect(broken.listOrders({ tab: 'pending', page: 0, pageSize: 10 })).rejects.toThrow();
  });

  it('passes on valid pushes only', () => {
    const t = transport(() => null);
    const seen: string[] = [];
    createStationClient(t).onPush((p) => seen.push(p.type));
    t.push({ type: 'settings_changed' });
    t.push({ type: 'snapshot', snapshot: { nonsense: true } });
    t.push({
      type: 'event',
      event: { kind: 'printer_error', printerId: 'p', printerName: 'Front', message: 'Paper jam', at: '2026-11-26T10:00:00Z' },
    });
    expect(seen).toEqual(['settings_changed', 'event']);
  });
});
