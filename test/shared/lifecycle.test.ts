import { describe, expect, it } from 'vitest';
import { PRINT_STATUSES, TransitionSource, type PrintStatus } from '../../shared/domain';
import {
  OPERATOR_ACTIONS,
  OPERATOR_RULES,
  TRANSITIONS,
  canTransition,
  operatorActionAllowed,
  operatorMove,
  type OperatorAction,
} from '../../shared/lifecycle';

const SOURCES = TransitionSource.options;

// The whole table, written out once more in the print room's words: [from, to, who may do it].
const EXPECTED: Array<[PrintStatus, PrintStatus, string[]]> = [
  ['pending', 'printing', ['station']],
  ['pending', 'failed', ['station']],
  ['pending', 'cancelled', ['operator', 'shop', 'station']],
  ['pending', 'printed', ['operator']],
  ['printing', 'printed', ['station', 'operator']],
  ['printing', 'pending', ['station', 'reaper', 'operator']],
  ['printing', 'failed', ['station', 'reaper']],
  ['printing', 'needs_attention', ['station', 'reaper']],
  ['printing', 'cancelled', ['station', 'reaper']],
  ['needs_attention', 'printed', ['station', 'operator']],
  ['needs_attention', 'failed', ['station']],
  ['needs_attention', 'pending', ['operator']],
  ['needs_attention', 'cancelled', ['operator']],
  ['failed', 'pending', ['operator']],
  ['failed', 'cancelled', ['operator']],
  ['failed', 'printed', ['operator']],
  ['printed', 'pending', ['operator']],
  ['cancelled', 'pending', ['operator']],
];

describe('the order lifecycle', () => {
  for (const from of PRINT_STATUSES) {
    for (const to of PRINT_STATUSES) {
      const allowed = EXPECTED.find(([f, t]) => f === from && t === to)?.[2] ?? [];
      it(`${from} -> ${to}: only ${allowed.length ? allowed.join(', ') : 'nobody'}`, () => {
        for (const source of SOURCES) expect(canTransition(from, to, source), source).toBe(allowed.includes(source));
      });
    }
  }

  it('lists no transition twice', () => {
    const keys = TRANSITIONS.map((m) => `${m.from}->${m.to}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('never lets the reaper re-queue an order that may have printed', () => {
    expect(canTransition('printing', 'needs_attention', 'reaper')).toBe(true);
    expect(canTransition('needs_attention', 'pending', 'reaper')).toBe(false);
    expect(canTransition('needs_attention', 'pending', 'station')).toBe(false);
  });
});

const ALLOWED_FROM: Record<OperatorAction, Partial<Record<PrintStatus, PrintStatus>>> = {
  reprint: { printed: 'pending', failed: 'pending', cancelled: 'pending', needs_attention: 'pending' },
  cancel: { pending: 'cancelled', failed: 'cancelled', needs_attention: 'cancelled', printing: 'printing' },
  resetStuck: { printing: 'pending', needs_attention: 'pending' },
  forcePrinted: { pending: 'printed', printing: 'printed', failed: 'printed', needs_attention: 'printed' },
  confirmRetrieval: { printed: 'printed' },
  rejectRetrieval: { printed: 'pending' },
};

describe('operator actions', () => {
  for (const action of OPERATOR_ACTIONS) {
    for (const from of PRINT_STATUSES) {
      const to = ALLOWED_FROM[action][from];
      it(`${action} from ${from}: ${to ? `-> ${to}` : 'refused'}`, () => {
        expect(operatorActionAllowed(action, from)).toBe(to !== undefined);
        const move = operatorMove(action, from);
        if (to) {
          expect(move).toMatchObject({ ok: true, to });
          // whatever an operator may do, the lifecycle table allows the operator to do
          if (to !== from) expect(canTransition(from, to, 'operator')).toBe(true);
        } else {
          expect(move.ok).toBe(false);
          if (!move.ok) expect(move.reason).toContain(`an order that is ${from}`);
        }
      });
    }
  }

  it('records cancelling a printing order as a request, the others under seed 001 names', () => {
    expect(operatorMove('cancel', 'printing')).toMatchObject({ ok: true, log: 'cancel_requested' });
    expect(operatorMove('cancel', 'pending')).toMatchObject({ ok: true, log: 'cancel' });
    expect(OPERATOR_RULES.resetStuck.log).toBe('reset_state');
    expect(OPERATOR_RULES.forcePrinted.log).toBe('force_printed');
  });
});
