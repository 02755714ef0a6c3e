import { describe, expect, it } from 'vitest';
import { PRINTER_STATES, type PrinterState } from '../../shared/domain';
import {
  PRINTER_EVENT_TYPES,
  accepts,
  notClaimingReason,
  transition,
  type EventCause,
  type PrinterContext,
  type PrinterEvent,
  type PrinterEventType,
} from '../../shared/printerStateMachine';

const anna: EventCause = { kind: 'operator', name: 'Anna' };
const station: EventCause = { kind: 'station' };
const spooler: EventCause = { kind: 'spooler' };
const health: EventCause = { kind: 'health_check' };
const job = { orderId: 'ORD-1', printJobId: 'job-1' };

/** One well-formed event of each type, from a cause allowed to send it. */
const EVENTS: Record<PrinterEventType, PrinterEvent> = {
  started: { type: 'started', cause: station },
  journal_unknown_outcome: { type: 'journal_unknown_outcome', cause: station, ...job },
  claimed: { type: 'claimed', cause: station, ...job },
  job_done: { type: 'job_done', cause: spooler, ...job },
  job_failed_retry: { type: 'job_failed_retry', cause: station, reason: 'download timed out', ...job },
  job_released: { type: 'job_released', cause: station, reason: 'cancelled', ...job },
  fault: { type: 'fault', cause: health, reason: 'media-jam' },
  went_offline: { type: 'went_offline', cause: health },
  came_online: { type: 'came_online', cause: health },
  pause: { type: 'pause', cause: anna },
  resume: { type: 'resume', cause: anna },
  retrieved: { type: 'retrieved', cause: anna, orderId: 'ORD-1' },
  recovered: { type: 'recovered', cause: anna },
  resolve_unknown: { type: 'resolve_unknown', cause: anna, printed: true },
  cancel: { type: 'cancel', cause: anna },
};

/** A context in which every guard passes, except resolve_unknown's (no outcome is in question here). */
const CTX: PrinterContext = {
  autoPrint: true,
  printerOnline: true,
  requiresRetrieval: true,
  currentJob: job,
  awaitingOrderId: 'ORD-1',
};

// The specification, written out independently of the table: every pair not listed is refused.
const MOVES: Record<PrinterState, Partial<Record<PrinterEventType, PrinterState>>> = {
  starting: { started: 'ready', journal_unknown_outcome: 'error', fault: 'error', went_offline: 'offline', job_done: 'awaiting_retrieval' },
  ready: { claimed: 'printing', fault: 'error', went_offline: 'offline', pause: 'paused' },
  printing: {
    job_done: 'awaiting_retrieval',
    job_failed_retry: 'ready',
    job_released: 'ready',
    fault: 'error',
    went_offline: 'offline',
    cancel: 'printing',
  },
  awaiting_retrieval: { retrieved: 'ready' },
  paused: { resume: 'ready' },
  error: { recovered: 'ready' },
  offline: { came_online: 'ready' },
};

describe('printer state machine: every state × event has a defined outcome', () => {
  for (const state of PRINTER_STATES) {
    for (const type of PRINTER_EVENT_TYPES) {
      const expected = MOVES[state][type];
      it(`${state} + ${type} → ${expected ?? 'refused'}`, () => {
        const result = transition(state, EVENTS[type], CTX);
        expect(result.from).toBe(state);
        expect(result.event).toBe(type);
        expect(result.cause).toEqual(EVENTS[type].cause);
        expect(result.reason.length).toBeGreaterThan(0);
        if (expected) {
          expect(result).toMatchObject({ ok: true, next: expected, changed: expected !== state });
        } else {
          expect(result.ok).toBe(false);
          expect(result.reason).toMatch(new RegExp(`^${type} refused: `));
        }
      });
    }
  }

  it('accepts() agrees with the table wherever a guard does not decide', () => {
    for (const state of PRINTER_STATES) {
      for (const type of PRINTER_EVENT_TYPES) {
        const moves = MOVES[state][type] !== undefined || (state === 'error' && type === 'resolve_unknown');
        expect(accepts(state, type), `${state} + ${type}`).toBe(moves);
      }
    }
  });
});

describe('claiming', () => {
  it('a ready printer with auto-print off does not claim', () => {
    const r = transition('ready', EVENTS.claimed, { ...CTX, autoPrint: false });
    expect(r).toMatchObject({ ok: false, reason: 'claimed refused: auto-print is off' });
  });

  it('a ready printer that failed its health check does not claim', () => {
    const r = transition('ready', EVENTS.claimed, { ...CTX, printerOnline: false });
    expect(r).toMatchObject({ ok: false, reason: 'claimed refused: the printer did not pass its health check' });
  });

  it('a claim says which order is printing', () => {
    expect(transition('ready', EVENTS.claimed, CTX)).toMatchObject({ ok: true, reason: 'printing order ORD-1' });
  });

  it('only the station claims', () => {
    const r = transition('ready', { ...EVENTS.claimed, cause: anna }, CTX);
    expect(r).toMatchObject({ ok: false, reason: 'claimed refused: it may come only from station, not Anna' });
  });
});

describe('a finished job', () => {
  it('waits in the tray when the printer requires retrieval', () => {
    const r = transition('printing', EVENTS.job_done, CTX);
    expect(r).toMatchObject({ ok: true, next: 'awaiting_retrieval', reason: 'awaiting retrieval of order ORD-1' });
  });

  it('goes straight back to ready when the printer does not require retrieval', () => {
    const r = transition('printing', EVENTS.job_done, { ...CTX, requiresRetrieval: false });
    expect(r).toMatchObject({ ok: true, next: 'ready', reason: 'printed order ORD-1' });
  });

  it('of another attempt does not end the one on the printer', () => {
    const stale = { ...EVENTS.job_done, printJobId: 'job-0' } as PrinterEvent;
    const r = transition('printing', stale, CTX);
    expect(r).toMatchObject({ ok: false, reason: 'job_done refused: job job-0 is not the one printing (job-1, order ORD-1)' });
  });

  it('a failed or released job frees the printer and says why', () => {
    expect(transition('printing', EVENTS.job_failed_retry, CTX)).toMatchObject({
      next: 'ready',
      reason: 'order ORD-1 failed and goes back for a retry: download timed out',
    });
    expect(transition('printing', EVENTS.job_released, CTX)).toMatchObject({
      next: 'ready',
      reason: 'released order ORD-1: cancelled',
    });
  });
});

describe('while printing', () => {
  it('cancel is accepted and the printer stays printing until the spooler ends the job', () => {
    const r = transition('printing', EVENTS.cancel, CTX);
    expect(r).toMatchObject({ ok: true, next: 'printing', changed: false, reason: 'cancel of order ORD-1 requested by Anna' });
  });

  it('a cancel requested at another station arrives through the database', () => {
    const r = transition('printing', { type: 'cancel', cause: { kind: 'database', stationId: 'B' } }, CTX);
    expect(r).toMatchObject({ ok: true, reason: 'cancel of order ORD-1 requested by station B (via the database)' });
  });

  it('no other operator command is accepted', () => {
    for (const type of ['pause', 'resume', 'retrieved', 'recovered', 'resolve_unknown'] as const) {
      expect(transition('printing', EVENTS[type], CTX)).toMatchObject({
        ok: false,
        reason: `${type} refused: a printing printer accepts no command but cancel`,
      });
    }
  });

  it('a paper jam puts the printer in error with the reason', () => {
    expect(transition('printing', EVENTS.fault, CTX)).toMatchObject({ ok: true, next: 'error', reason: 'media-jam' });
  });

  it('an unreachable printer goes offline', () => {
    const r = transition('printing', { type: 'went_offline', cause: spooler, reason: 'connection refused' }, CTX);
    expect(r).toMatchObject({ ok: true, next: 'offline', reason: 'unreachable: connection refused' });
  });
});

describe('blocking states are left only by a person', () => {
  it('retrieval confirmed here frees the printer', () => {
    expect(transition('awaiting_retrieval', EVENTS.retrieved, CTX)).toMatchObject({
      ok: true,
      next: 'ready',
      reason: 'order ORD-1 retrieved by Anna',
    });
  });

  it('retrieval confirmed at another station is seen through the database', () => {
    const r = transition('awaiting_retrieval', { type: 'retrieved', cause: { kind: 'database' }, orderId: 'ORD-1' }, CTX);
    expect(r).toMatchObject({ ok: true, next: 'ready', reason: 'order ORD-1 retrieved by another station (via the database)' });
  });

  it('retrieval of an order that is not in the tray is refused', () => {
    const r = transition('awaiting_retrieval', { type: 'retrieved', cause: anna, orderId: 'ORD-9' }, CTX);
    expect(r).toMatchObject({ ok: false, reason: 'retrieved refused: order ORD-9 is not the one in the tray (order ORD-1)' });
  });

  it('the health check cannot confirm a retrieval or a recovery', () => {
    expect(transition('awaiting_retrieval', { type: 'retrieved', cause: health, orderId: 'ORD-1' }, CTX).ok).toBe(false);
    expect(transition('error', { type: 'recovered', cause: health }, CTX)).toMatchObject({
      ok: false,
      reason: 'recovered refused: it may come only from operator, not the health check',
    });
  });

  it('going offline does not skip the retrieval gate, the error or an operator pause', () => {
    for (const state of ['awaiting_retrieval', 'error', 'paused'] as const) {
      expect(transition(state, EVENTS.went_offline, CTX).ok, state).toBe(false);
    }
  });

  it('a paused printer ignores faults: the operator is at it already', () => {
    expect(transition('paused', EVENTS.fault, CTX)).toMatchObject({
      ok: false,
      reason: 'fault refused: the printer is paused; only an operator ends it, its health shows the rest',
    });
  });

  it('pause and resume name the operator', () => {
    expect(transition('ready', { type: 'pause', cause: anna, reason: 'changing paper' }, CTX)).toMatchObject({
      next: 'paused',
      reason: 'paused by Anna: changing paper',
    });
    expect(transition('paused', EVENTS.resume, CTX)).toMatchObject({ next: 'ready', reason: 'resumed by Anna' });
  });
});

describe('a station killed while printing', () => {
  const unknown: PrinterContext = { ...CTX, unknownOutcome: { orderId: 'ORD-7', printJobId: 'job-7' } };

  it('comes back in error and asks whether the order printed', () => {
    const r = transition('starting', { type: 'journal_unknown_outcome', cause: station, orderId: 'ORD-7', printJobId: 'job-7' }, CTX);
    expect(r).toMatchObject({
      ok: true,
      next: 'error',
      reason: 'did order ORD-7 print? The station stopped while printing it (job job-7)',
    });
  });

  it('cannot simply be marked recovered: the question must be answered', () => {
    expect(transition('error', EVENTS.recovered, unknown)).toMatchObject({
      ok: false,
      reason: 'recovered refused: first answer whether order ORD-7 printed',
    });
  });

  it('is ready again once the operator says it printed, or sends it for a reprint', () => {
    expect(transition('error', { type: 'resolve_unknown', cause: anna, printed: true }, unknown)).toMatchObject({
      ok: true,
      next: 'ready',
      reason: 'Anna confirmed order ORD-7 printed',
    });
    expect(transition('error', { type: 'resolve_unknown', cause: anna, printed: false }, unknown)).toMatchObject({
      ok: true,
      next: 'ready',
      reason: 'Anna sent order ORD-7 back for a reprint',
    });
  });

  it('is ready again when a person at another station answered, as seen on the order', () => {
    expect(
      transition('error', { type: 'resolve_unknown', cause: { kind: 'database', stationId: 'B' }, printed: true }, unknown),
    ).toMatchObject({
      ok: true,
      next: 'ready',
      reason: 'station B (via the database) confirmed order ORD-7 printed',
    });
    expect(
      transition('error', { type: 'resolve_unknown', cause: { kind: 'database' }, printed: false, settledAs: 'cancelled' }, unknown),
    ).toMatchObject({
      ok: true,
      reason: 'another station (via the database) settled order ORD-7 as cancelled',
    });
    expect(transition('error', { type: 'resolve_unknown', cause: { kind: 'health_check' }, printed: true }, unknown).ok).toBe(false);
  });
});

describe('why a printer is not claiming', () => {
  const since = new Date(2026, 10, 22, 10, 42);
  const view = { autoPrint: true, since };

  it('says it in the operator’s words for every state', () => {
    expect(notClaimingReason({ ...view, state: 'starting' })).toBe('starting up');
    expect(notClaimingReason({ ...view, state: 'printing', currentOrderId: 'ORD-1' })).toBe('printing order ORD-1');
    expect(notClaimingReason({ ...view, state: 'awaiting_retrieval', awaitingOrderId: 'ORD-1' })).toBe('awaiting retrieval of order ORD-1');
    expect(notClaimingReason({ ...view, state: 'paused', cause: anna })).toBe('paused by Anna');
    expect(notClaimingReason({ ...view, state: 'offline' })).toBe('offline since 10:42');
    expect(notClaimingReason({ ...view, state: 'error', reason: 'media-jam' })).toBe('error: media-jam');
    expect(notClaimingReason({ ...view, state: 'error', reason: 'x', unknownOutcome: { orderId: 'ORD-7', printJobId: 'job-7' } })).toBe(
      'error: did order ORD-7 print?',
    );
  });

  it('a ready printer claims unless auto-print is off', () => {
    expect(notClaimingReason({ ...view, state: 'ready' })).toBeUndefined();
    expect(notClaimingReason({ ...view, state: 'ready', autoPrint: false })).toBe('auto-print is off');
  });

  it('a blocking state is named before auto-print', () => {
    expect(notClaimingReason({ ...view, autoPrint: false, state: 'paused', cause: anna })).toBe('paused by Anna');
  });
});
