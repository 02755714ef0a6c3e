/**
 * The printer commands' own refusals (electron/station/printer/commands) travel as data too (issue 11): the database
 * out of reach while answering at the printer, the order core's refusal of a "did it print?" answer, a printer with no
 * driver for a test page. Made with fakes, so the database's absence is certain, not timed.
 */
import { describe, expect, it } from 'vitest';
import { StationCommands } from '../../electron/station/printer/commands';
import { askedAttempt } from '../helpers/attempts';
import { refusalSentence, type Refusal } from '../../shared/commandRefusals';
import type { Result } from '../../shared/result';

const asked = askedAttempt;
const anna = { source: 'operator' as const, adminEmail: 'anna@printroom.test' };
const cancelledMeanwhile: Refusal = { key: 'notAllowed', params: { orderId: 'ORD-9', action: 'forcePrinted', status: 'cancelled' } };

function commandsWith(database: 'down' | 'refusing') {
  const loop = {
    state: 'awaiting_retrieval',
    awaiting: 'ORD-9',
    awaitingPrint: { orderId: 'ORD-9', printJobId: 'job-asked' },
    unknownAttempt: asked,
    identity: { name: 'P' },
    apply: () => ({ ok: true }),
    resolvedUnknown: async () => ({ ok: true }),
  };
  const refusedByCore = async () => ({ ok: false as const, reason: refusalSentence(cancelledMeanwhile), said: cancelledMeanwhile });
  const orders = {
    reprint: refusedByCore,
    forcePrinted: refusedByCore,
    completePrinted: async () => ({ ok: false, lostOwnership: true }),
    // Cancelled by someone else on the same attempt: the answer is not settled, the order core's refusal stands.
    getOrder: async () => ({ orderId: 'ORD-9', printStatus: 'cancelled', printJobId: 'job-asked' }),
  };
  return new StationCommands({
    loops: new Map([['p1', loop]]) as never,
    orders: orders as never,
    logs: {} as never,
    link: {
      run: async <T>(_what: string, run: () => Promise<T>) => {
        if (database === 'down') throw new Error('connection refused');
        return run();
      },
    } as never,
    logger: { info() {}, warn() {}, error() {}, debug() {} } as never,
    stationId: 's1',
    driverOf: () => undefined,
    outcomes: () => undefined,
    dbTimeoutMs: 1_000,
  });
}

function expectSaid(result: Result, refusal: Refusal) {
  expect(result).toMatchObject({ ok: false, said: refusal });
  expect(result.ok ? undefined : result.reason).toBe(refusalSentence(refusal));
}

describe("a printer command's own refusals carry the refusal as data", () => {
  it('the database out of reach while confirming a retrieval or answering "did it print?"', async () => {
    const commands = commandsWith('down');
    const down: Refusal = { key: 'dbUnreachable', params: { error: 'connection refused' } };
    expectSaid(await commands.confirmRetrieval('p1', 'good', anna), down);
    expectSaid(await commands.resolveUnknown('p1', false, anna), down);
    expect(refusalSentence(down)).toBe('the database is unreachable (connection refused); try again when it is back');
  });

  it('the order core refuses a "did it print?" answer (the order was cancelled meanwhile): its refusal goes on', async () => {
    expectSaid(await commandsWith('refusing').resolveUnknown('p1', true, anna), cancelledMeanwhile);
  });

  it('a test page on a printer with no driver', async () => {
    expectSaid(await commandsWith('refusing').testPrint('p1', anna), { key: 'noDriver', params: {} });
  });
});
