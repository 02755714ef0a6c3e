import { describe, expect, it } from 'vitest';
import { hashPin, PinGuard } from '../../electron/station/service/operatorPin';

const stored = hashPin('4321');

/** A guard on a hand-wound clock, so lock lengths are read from the answers, not from waiting. */
function guardAt(start = 1_000_000) {
  let now = start;
  const guard = new PinGuard({ maxFailures: 3, lockMs: 10_000, maxLockMs: 60_000, now: () => now });
  return { guard, advance: (ms: number) => (now += ms) };
}

const wrongTimes = (guard: PinGuard, client: string, n: number) => {
  let last;
  for (let i = 0; i < n; i++) last = guard.check(stored, '0000', client);
  return last;
};

describe('the operator PIN lockout', () => {
  it('locks only the client that guessed wrong; a correct PIN from another client goes through', () => {
    const { guard } = guardAt();
    expect(wrongTimes(guard, 'ws:1', 3)).toMatchObject({ ok: false, code: 'pin_wrong', lockedForMs: 10_000 });
    expect(guard.check(stored, '4321', 'ws:1')).toMatchObject({ ok: false, code: 'pin_locked' });
    expect(guard.check(stored, '4321', 'window:1')).toEqual({ ok: true });
    expect(guard.check(stored, '0000', 'ws:2')).toMatchObject({ ok: false, code: 'pin_wrong' });
  });

  it('each further lockout of the same client lasts longer, up to the ceiling', () => {
    const { guard, advance } = guardAt();
    const lengths: number[] = [];
    for (let round = 0; round < 5; round++) {
      const last = wrongTimes(guard, 'ws:1', 3);
      if (last?.ok === false && last.lockedForMs) lengths.push(last.lockedForMs);
      advance(61_000);
    }
    expect(lengths).toEqual([10_000, 20_000, 40_000, 60_000, 60_000]);
  });

  it('a correct PIN after a lock has passed starts the client over', () => {
    const { guard, advance } = guardAt();
    wrongTimes(guard, 'ws:1', 3);
    advance(10_001);
    expect(guard.check(stored, '4321', 'ws:1')).toEqual({ ok: true });
    expect(wrongTimes(guard, 'ws:1', 3)).toMatchObject({ lockedForMs: 10_000 });
  });

  it('a missing PIN is asked for, not counted as a wrong one', () => {
    const { guard } = guardAt();
    for (let i = 0; i < 5; i++) expect(guard.check(stored, undefined, 'ws:1')).toMatchObject({ code: 'pin_required' });
    expect(guard.check(stored, '4321', 'ws:1')).toEqual({ ok: true });
  });
});
