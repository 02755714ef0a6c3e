import { describe, expect, it } from 'vitest';
import { createStationClient, type Transport } from '../../renderer/src/client';
import type { StationPush } from '../../shared/stationApi';

function transport(answer: unknown): Transport & { push(raw: unknown): void } {
  const listeners = new Set<(raw: unknown) => void>();
  return {
    invoke: async () => answer,
    onPush: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onLinkChange: () => () => {},
    push: (raw) => listeners.forEach((l) => l(raw)),
  };
}

describe('the UI shows text from orders and operators with control characters made visible', () => {
  it('in answers: an order history with a forged-looking reason and a reversed name', async () => {
    const history = {
      order: null,
      history: [
        {
          at: '2026-11-26T10:00:00.000Z',
          action: 'cancel',
          source: 'operator',
          actor: 'Anna\u202Enimda',
          reason: 'ok\n10:01 printed by Boss',
        },
      ],
    };
    const answer = await createStationClient(transport(history)).orderHistory({ orderId: 'A-1' });
    expect(answer.history[0]).toMatchObject({ actor: 'Anna\\u202enimda', reason: 'ok\\n10:01 printed by Boss' });
    expect(answer.history[0]!.at).toBeInstanceOf(Date);
  });

  it('in pushes: a log line with ANSI escapes', () => {
    const t = transport(null);
    const got: StationPush[] = [];
    createStationClient(t).onPush((p) => got.push(p));
    t.push({
      type: 'event',
      event: { kind: 'log', line: { at: new Date().toISOString(), level: 'info', message: '\u001b[31mA-1\u001b[0m', orderId: 'A\r1' } },
    });
    expect(got[0]).toMatchObject({ event: { line: { message: '\\x1b[31mA-1\\x1b[0m', orderId: 'A\\r1' } } });
  });
});
