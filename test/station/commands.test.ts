import { describe, expect, it } from 'vitest';
import { StationCommands } from '../../electron/station/printer/commands';
import { askedAttempt } from '../helpers/attempts';

const asked = askedAttempt;

function commandsWith(order: { printStatus: string; printJobId: string }) {
  const calls: Array<{ action: string; expect: unknown }> = [];
  const refuseUnlessSame = async (action: string, expect?: { printJobId?: string }) => {
    calls.push({ action, expect });
    return expect?.printJobId === order.printJobId ? { ok: true as const } : { ok: false as const, reason: 'moved on' };
  };
  const loop = {
    unknownAttempt: asked,
    identity: { name: 'P' },
    apply: () => ({ ok: true }),
    resolvedUnknown: async () => ({ ok: true }),
  };
  const orders = {
    reprint: (_o: string, _a: unknown, _r: string, expect?: { printJobId?: string }) => refuseUnlessSame('reprint', expect),
    forcePrinted: (_o: string, _a: unknown, _r: string, expect?: { printJobId?: string }) => refuseUnlessSame('forcePrinted', expect),
    completePrinted: async () => ({ ok: false, lostOwnership: true }),
    getOrder: async () => order,
  };
  const commands = new StationCommands({
    loops: new Map([['p1', loop]]) as never,
    orders: orders as never,
    logs: {} as never,
    link: { run: <T>(_w: string, run: () => Promise<T>) => run() } as never,
    logger: { info() {}, warn() {}, error() {}, debug() {} } as never,
    stationId: 's1',
    driverOf: () => undefined,
    outcomes: () => undefined,
    dbTimeoutMs: 1_000,
  });
  return { commands, calls };
}

describe('"did it print?" answers act on the attempt they were asked about', () => {
  it('"not printed" re-queues only the attempt asked about (its printJobId goes with the reprint)', async () => {
    const { commands, calls } = commandsWith({ printStatus: 'printed', printJobId: 'job-later' });
    await commands.resolveUnknown('p1', false, { source: 'operator', adminEmail: 'anna@printroom.test' });
    expect(calls).toEqual([{ action: 'reprint', expect: { printJobId: 'job-asked' } }]);
  });

  it('"it printed" is refused by the order core once the order has moved on', async () => {
    const { commands, calls } = commandsWith({ printStatus: 'pending', printJobId: 'job-later' });
    await commands.resolveUnknown('p1', true, { source: 'operator', adminEmail: 'anna@printroom.test' });
    expect(calls[0]).toEqual({ action: 'forcePrinted', expect: { printJobId: 'job-asked' } });
  });
});
