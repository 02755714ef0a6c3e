import { describe, expect, it } from 'vitest';
import { PRINTER_STATES, PrintErrorCode } from '../../shared/domain';
import {
  faultOf,
  interruptedOrderId,
  orderOutcome,
  orderProblem,
  orderWhereabouts,
  printerCommandOutcome,
  printerSentence,
  slowJobNote,
  type PrinterFacts,
} from '../../shared/operatorWords';
import { transition, type PrinterContext } from '../../shared/printerStateMachine';

/** Words the operator must never read: IPP keywords, error codes, arrows, status keys. */
const RAW = /media-jam|media-empty|lease_expired|outcome_unknown|printer_jam|needs_attention|awaiting_retrieval|->|→|\bundefined\b/;

const counter = (facts: Partial<PrinterFacts>): PrinterFacts => ({ name: 'Counter printer', state: 'ready', ...facts });

describe('a printer in words', () => {
  it('a jam reads as the issue asks: the fault, then what to do', () => {
    const words = printerSentence(
      counter({
        state: 'error',
        stateReason: 'Printer Counter printer reports media-jam.',
        lastError: { code: 'printer_jam', message: 'Printer Counter printer reports media-jam.' },
      }),
    );
    expect(words.headline).toBe('Counter printer: paper jam.');
    expect(words.action).toBe('Open the front cover, clear the paper, then press Printer recovered.');
  });

  it.each([
    ['media-empty', 'out of paper', /Load paper/],
    ['toner-empty-error', 'out of toner or ink', /cartridge/],
    ['door-open', 'a cover or door is open', /Close/],
    ['output-area-full', 'the output tray is full', /Empty the output tray/],
    ['marker-waste-full', 'it needs service', /technician/],
  ])('%s reads "%s"', (keyword, problem, action) => {
    const words = printerSentence(counter({ state: 'error', stateReason: `Printer Counter printer reports ${keyword}.` }));
    expect(words.headline).toBe(`Counter printer: ${problem}.`);
    expect(words.action).toMatch(action);
  });

  it('a fault in words it does not know still says what to look at, without the raw words', () => {
    const words = printerSentence(counter({ state: 'error', stateReason: 'spool-area-full, other-warning' }));
    expect(words.headline).toBe('Counter printer: stopped with a fault.');
    expect(words.action).toMatch(/Printer recovered/);
  });

  it('after a crash it asks whether the order printed, with both answers', () => {
    const words = printerSentence(counter({ state: 'error', unknownOutcome: { orderId: '1042' } }));
    expect(words.headline).toMatch(/did order 1042 print\?/);
    expect(words.action).toMatch(/Yes, it printed.*Reprint/);
  });

  it('a printer paused from another station names no station id', () => {
    const words = printerSentence(counter({ state: 'paused', stateReason: 'paused by station st-7f3a (via the database)' }));
    expect(words.headline).toBe('Counter printer: paused by another station.');
  });

  it('offline says for how long, in a unit that fits', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    const words = printerSentence(counter({ state: 'offline', stateSince: new Date(now - 12_000) }), now);
    expect(words.headline).toBe('Counter printer: not answering for 12 s.');
  });

  it('every state reads without raw keys', () => {
    for (const state of PRINTER_STATES) {
      const words = printerSentence(
        counter({
          state,
          stateReason: 'media-jam',
          currentJob: { orderId: '7' },
          awaitingOrderId: '7',
          notClaimingReason: 'auto-print is off',
        }),
      );
      expect(`${words.headline} ${words.action ?? ''}`, state).not.toMatch(RAW);
      expect(words.headline.startsWith('Counter printer: '), state).toBe(true);
    }
  });

  it('names the fault from whichever of the printer’s words carries it', () => {
    expect(faultOf(undefined, 'jammed at the fuser exit')?.problem).toBe('paper jam');
    expect(faultOf('', null)).toBeUndefined();
  });
});

describe('the order a fault stopped part-way', () => {
  const ctx: PrinterContext = { autoPrint: true, printerOnline: true, requiresRetrieval: true };
  const station = { kind: 'station' } as const;

  it('is read from the printer’s last moves, as the state machine words them', () => {
    const claimed = transition('ready', { type: 'claimed', orderId: '1042', printJobId: 'j1', cause: station }, ctx);
    const jam = transition('printing', { type: 'fault', reason: 'Printer Counter printer reports media-jam.', cause: station }, ctx);
    if (!claimed.ok || !jam.ok) throw new Error('the table refused a claim or a fault');
    const moves = [
      { from: 'ready', to: claimed.next, reason: claimed.reason },
      { from: 'printing', to: jam.next, reason: jam.reason },
    ];
    expect(interruptedOrderId(moves)).toBe('1042');
  });

  it('is none when the printer did not stop while printing', () => {
    expect(interruptedOrderId([{ from: 'ready', to: 'error', reason: 'media-jam' }])).toBeUndefined();
    expect(interruptedOrderId(undefined)).toBeUndefined();
  });
});

describe('an order in words', () => {
  it.each(PrintErrorCode.options)('%s reads as a sentence without raw codes', (code) => {
    const words = orderProblem({ printErrorCode: code, printerName: 'Counter printer' });
    expect(words?.headline).toMatch(/^[A-Z].*\.$/);
    expect(`${words?.headline} ${words?.action ?? ''}`).not.toMatch(RAW);
  });

  it('a mid-job failure asks for the partial pages to be thrown away', () => {
    expect(orderProblem({ printErrorCode: 'printer_jam', printerName: 'Counter printer' })?.action).toMatch(
      /partial pages of it at Counter printer/,
    );
  });

  it('lease_expired says what happened and what to check', () => {
    const words = orderProblem({ printErrorCode: 'lease_expired', printerName: 'Back office' });
    expect(words?.headline).toMatch(/stopped answering.*Back office/);
    expect(words?.action).toMatch(/mark it printed.*reprint/);
  });

  it('toasts name the outcome, never "printing → printing"', () => {
    expect(orderOutcome('cancel', '1042', { previousStatus: 'pending', newStatus: 'cancelled' })).toBe('Order 1042 cancelled.');
    expect(orderOutcome('cancel', '1042', { previousStatus: 'printing', newStatus: 'printing' })).toBe(
      'Order 1042: cancel sent to the printer.',
    );
    expect(orderOutcome('reprint', '7', { previousStatus: 'failed', newStatus: 'pending' })).toMatch(/^Order 7 is back in the queue/);
    expect(orderOutcome('forcePrinted', '7', { newStatus: 'printed' })).toBe('Order 7 marked as printed.');
    expect(orderOutcome('resetStuck', '7', { newStatus: 'pending' })).toBe('Order 7 reset: back in the queue.');
  });

  it('a slow job says "12 s", not "over 0 min"', () => {
    expect(slowJobNote('1042', 12_000, 'processing')).toBe(
      'order 1042 has been at the printer for 12 s (spooler: processing); check the printer',
    );
  });
});

describe('a printer command in words', () => {
  it('names the printer and what happened', () => {
    expect(printerCommandOutcome('pausePrinter', { printerId: 'p1' }, 'Back office')).toBe('Back office paused.');
    expect(printerCommandOutcome('printerRecovered', { printerId: 'p1' }, 'Counter printer')).toBe('Counter printer is back at work.');
    expect(printerCommandOutcome('confirmRetrieval', { printerId: 'p1', outcome: 'bad' }, 'Counter printer')).toMatch(/prints again/);
    expect(printerCommandOutcome('reprint', {})).toBeUndefined();
  });
});

describe('where an order prints after a fault', () => {
  const names = (id: string) => ({ a: 'Counter printer', b: 'Back office' })[id];
  const jamOnA = [
    { action: 'retry_scheduled', printerId: 'a' },
    { action: 'claimed', printerId: 'a' },
  ];

  it('names the printer the customer’s copy comes out of now, and the partial pages to throw away', () => {
    const now = orderWhereabouts(
      { orderId: '7', printStatus: 'printing', printerId: 'b', printerName: 'Back office' },
      [{ action: 'claimed', printerId: 'b' }, ...jamOnA],
      names,
    );
    expect(now).toBe(
      "Order 7 now prints on Back office: the customer's copy comes out there. Throw away the partial pages of it at Counter printer.",
    );
  });

  it('while it waits, says it goes to the next free printer', () => {
    expect(orderWhereabouts({ orderId: '7', printStatus: 'pending' }, jamOnA, names)).toMatch(
      /^Order 7 stopped part-way on Counter printer/,
    );
  });

  it('says nothing once it printed, or when it never failed', () => {
    expect(orderWhereabouts({ orderId: '7', printStatus: 'printed' }, jamOnA, names)).toBeUndefined();
    expect(orderWhereabouts({ orderId: '7', printStatus: 'pending' }, [{ action: 'printed' }, ...jamOnA], names)).toBeUndefined();
    expect(orderWhereabouts({ orderId: '7', printStatus: 'pending' }, [{ action: 'claimed', printerId: 'a' }], names)).toBeUndefined();
  });
});
