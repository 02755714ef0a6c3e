/**
 * The printer card's sentences (shared/operatorWords) in the catalogue's words: in English exactly the shared English
 * sentences (so nothing changes for an English operator), in German German ones with the same facts.
 */
import { describe, expect, it } from 'vitest';
import type { PrintErrorCode } from '../../shared/domain';
import {
  ENGLISH_ORDER_PROBLEMS,
  ENGLISH_PRINTER_WORDS,
  interruptedJobSentence,
  orderProblem,
  printerSentence,
  type PrinterFacts,
} from '../../shared/operatorWords';
import {
  forecastWordsIn,
  noticeWordsIn,
  orderOutcomeWordsIn,
  orderProblemWordsIn,
  printerCommandWordsIn,
  printerWordsIn,
  whereaboutsWordsIn,
} from '../../renderer/src/i18n/printerWords';
import { orderOutcome, orderOutcomeSaidIn, orderWhereabouts, printerCommandOutcome, slowJobNote } from '../../shared/operatorWords';
import { forecastQueue, startsIn, whyNoPrinter, type ForecastOrder, type ForecastPrinter } from '../../shared/queueForecast';
import { notificationFor } from '../../shared/notificationRules';
import type { StationEvent } from '../../shared/stationApi';

const at = '2026-12-02T10:00:00.000Z';
const now = Date.parse(at) + 12 * 60_000;
const cases: PrinterFacts[] = [
  { name: 'Counter', state: 'starting' },
  { name: 'Counter', state: 'ready' },
  { name: 'Counter', state: 'ready', notClaimingReason: 'no paper loaded' },
  { name: 'Counter', state: 'printing', currentJob: { orderId: '1042' }, stateReason: 'printing order 1042' },
  { name: 'Counter', state: 'printing', currentJob: { orderId: '1042' }, stateReason: 'slow: 5 min at the printer' },
  { name: 'Counter', state: 'awaiting_retrieval', awaitingOrderId: '1042' },
  { name: 'Counter', state: 'awaiting_retrieval' },
  { name: 'Counter', state: 'paused', stateReason: 'paused by Anna' },
  { name: 'Counter', state: 'paused' },
  { name: 'Counter', state: 'offline', stateSince: at },
  { name: 'Counter', state: 'error', unknownOutcome: { orderId: '1042' } },
  { name: 'Counter', state: 'error', stateReason: 'media-jam' },
  { name: 'Counter', state: 'error', stateReason: 'media-empty' },
  { name: 'Counter', state: 'error', stateReason: 'door-open' },
  { name: 'Counter', state: 'error', stateReason: 'offline' },
  { name: 'Counter', state: 'error', stateReason: 'something odd' },
];

describe('printer sentences from the catalogue', () => {
  it('in English read exactly as the shared English ones', () => {
    const en = printerWordsIn('en');
    for (const facts of cases) expect(printerSentence(facts, now, en), JSON.stringify(facts)).toEqual(printerSentence(facts, now));
    expect(en.faults).toEqual(ENGLISH_PRINTER_WORDS.faults);
    expect(interruptedJobSentence('7', 'Counter', en)).toBe(interruptedJobSentence('7', 'Counter'));
  });

  it('in German say the same facts in German', () => {
    const de = printerWordsIn('de');
    expect(printerSentence(cases[11]!, now, de)).toEqual({
      headline: 'Counter: Papierstau.',
      action: 'Öffnen Sie die vordere Klappe, entfernen Sie das Papier und drücken Sie dann „Drucker wieder bereit“.',
    });
    expect(printerSentence(cases[1]!, now, de).headline).toBe('Counter: bereit für den nächsten Auftrag.');
    expect(printerSentence(cases[9]!, now, de).headline).toBe('Counter: antwortet seit 12 min nicht.');
    expect(printerSentence(cases[7]!, now, de).headline).toBe('Counter: pausiert von Anna.');
    for (const facts of cases) expect(printerSentence(facts, now, de).headline).not.toBe(printerSentence(facts, now).headline);
  });
});

describe('order problems from the catalogue', () => {
  const codes = Object.keys(ENGLISH_ORDER_PROBLEMS) as PrintErrorCode[];
  it('in English read exactly as the shared English ones, with and without a printer', () => {
    const en = orderProblemWordsIn('en');
    for (const printErrorCode of codes)
      for (const printerName of [null, 'Counter'])
        expect(orderProblem({ printErrorCode, printerName }, en), `${printErrorCode} ${printerName}`).toEqual(
          orderProblem({ printErrorCode, printerName }),
        );
  });

  it('in German say them in German', () => {
    const de = orderProblemWordsIn('de');
    expect(orderProblem({ printErrorCode: 'printer_jam', printerName: 'Counter' }, de)).toEqual({
      headline: 'Der Drucker Counter hatte beim Drucken einen Stau oder Fehler.',
      action: 'Werfen Sie Teilseiten davon an Counter weg; er wird vollständig neu gedruckt.',
    });
    for (const printErrorCode of codes)
      expect(orderProblem({ printErrorCode }, de)?.headline).not.toBe(orderProblem({ printErrorCode })?.headline);
  });
});

describe('order and printer command toasts from the catalogue', () => {
  const actions = ['reprint', 'cancel', 'resetStuck', 'forcePrinted'] as const;
  const results = [{}, { newStatus: 'cancelled' as const }, { newStatus: 'needs_attention' as const }, { newStatus: 'printing' as const }];
  const methods = [
    'confirmRetrieval',
    'printerRecovered',
    'resolveUnknownOutcome',
    'pausePrinter',
    'resumePrinter',
    'testPrint',
    'pauseAll',
    'resumeAll',
    'other',
  ];

  it('in English read exactly as the shared English ones', () => {
    const en = orderOutcomeWordsIn('en');
    for (const action of actions)
      for (const result of results) expect(orderOutcome(action, '1042', result, en)).toBe(orderOutcome(action, '1042', result));
    expect(slowJobNote('1042', 12_500, 'cups', en.slowJob)).toBe(slowJobNote('1042', 12_500, 'cups'));
    const words = printerCommandWordsIn('en');
    for (const method of methods)
      for (const outcome of ['good', 'bad'])
        for (const name of [undefined, 'Counter'])
          expect(printerCommandOutcome(method, { outcome }, name, words), `${method} ${outcome} ${name}`).toBe(
            printerCommandOutcome(method, { outcome }, name),
          );
  });

  it('in German say them in German', () => {
    const de = orderOutcomeWordsIn('de');
    expect(orderOutcome('cancel', '1042', { newStatus: 'cancelled' }, de)).toBe('Auftrag 1042 storniert.');
    expect(orderOutcome('resetStuck', '1042', {}, de)).toBe('Auftrag 1042 zurückgesetzt: zurück in der Warteschlange.');
    expect(slowJobNote('1042', 12_500, 'cups', de.slowJob)).toBe(
      'Auftrag 1042 ist seit 12 s am Drucker (Spooler: cups); sehen Sie am Drucker nach',
    );
    const words = printerCommandWordsIn('de');
    expect(printerCommandOutcome('pausePrinter', {}, 'Counter', words)).toBe('Counter pausiert.');
    for (const action of actions) expect(orderOutcome(action, '1042', {}, de)).not.toBe(orderOutcome(action, '1042', {}));
    for (const method of methods.slice(0, -1))
      expect(printerCommandOutcome(method, {}, undefined, words)).not.toBe(printerCommandOutcome(method, {}, undefined));
  });
});

describe("the station's order toast said again in the console's language", () => {
  const actions = ['reprint', 'cancel', 'resetStuck', 'forcePrinted'] as const;
  const results = [{}, { newStatus: 'cancelled' as const }, { newStatus: 'needs_attention' as const }, { newStatus: 'printing' as const }];

  it('finds the outcome the English message names and says it in the words given; other messages are left alone', () => {
    const en = orderOutcomeWordsIn('en');
    const de = orderOutcomeWordsIn('de');
    for (const action of actions)
      for (const result of results) {
        const english = orderOutcome(action, '1042', result);
        expect(orderOutcomeSaidIn(en, action, '1042', english)).toBe(english);
        expect(orderOutcomeSaidIn(de, action, '1042', english)).toBe(orderOutcome(action, '1042', result, de));
      }
    expect(orderOutcomeSaidIn(de, 'cancel', '1042', 'Order 1042 cancelled.')).toBe('Auftrag 1042 storniert.');
    expect(orderOutcomeSaidIn(de, 'cancel', '1042', 'Something else happened.')).toBeUndefined();
    expect(orderOutcomeSaidIn(de, 'pausePrinter', '1042', 'Order 1042 cancelled.')).toBeUndefined();
  });
});

describe("an interrupted order's whereabouts from the catalogue", () => {
  const history = [{ action: 'retry_scheduled', printerId: 'p1' }];
  const orders = [
    { orderId: '7', printStatus: 'printing' as const, printerId: 'p2', printerName: 'Back' },
    { orderId: '7', printStatus: 'printing' as const, printerId: 'p2' },
    { orderId: '7', printStatus: 'printing' as const, printerId: 'p1' },
    { orderId: '7', printStatus: 'pending' as const },
  ];
  const names = [(id: string) => (id === 'p1' ? 'Counter' : undefined), () => undefined];

  it('in English reads exactly as the shared English, in German differs', () => {
    const en = whereaboutsWordsIn('en');
    const de = whereaboutsWordsIn('de');
    for (const order of orders)
      for (const nameOf of names) {
        const english = orderWhereabouts(order, history, nameOf);
        expect(english).toBeDefined();
        expect(orderWhereabouts(order, history, nameOf, en)).toBe(english);
        expect(orderWhereabouts(order, history, nameOf, de)).not.toBe(english);
      }
    expect(orderWhereabouts(orders[2]!, history, names[0]!, de)).toBe(
      'Auftrag 7 wird an Counter noch einmal vollständig gedruckt. Werfen Sie seine Teilseiten an Counter weg.',
    );
  });
});

describe("the queue's forecast from the catalogue", () => {
  const caps = { paperSizes: ['A4'], color: false, duplex: false, maxCopies: 2 };
  const printer = (printerId: string, state: ForecastPrinter['state'], stationId = 's1'): ForecastPrinter => ({
    printerId,
    name: `P-${printerId}`,
    stationId,
    state,
    capabilities: caps,
  });
  const options = { paperSize: 'A4', color: false, duplex: false, copies: 1 };
  const order = (o: Partial<ForecastOrder>): ForecastOrder => ({ orderId: 'o', printingOptions: options, ...o });
  const fleets = [[], [printer('a', 'ready')], [printer('a', 'paused')], [printer('a', 'ready'), printer('b', 'error')]];
  const orders: ForecastOrder[] = [
    order({ pinnedPrinterId: 'zz' }),
    order({ pinnedPrinterId: 'b' }),
    order({ pinnedPrinterId: 'a', printingOptions: { ...options, paperSize: 'A3' } }),
    order({ pinnedPrinterId: 'a', printingOptions: { ...options, copies: 5 } }),
    order({ pinnedStationId: 's9' }),
    order({ printingOptions: { ...options, paperSize: 'A3' } }),
    order({ printingOptions: { ...options, color: true } }),
    order({ printingOptions: { ...options, duplex: true } }),
    order({ printingOptions: { ...options, copies: 9 } }),
    order({ hold: { by: 'Anna', reason: 'customer called', at: new Date() } as ForecastOrder['hold'] }),
  ];
  const now = new Date('2026-12-02T10:00:00Z');
  const starts = [undefined, 10_000, 3 * 60_000, 150 * 60_000].map((ms) => (ms === undefined ? undefined : new Date(now.getTime() + ms)));

  it('in English reads exactly as the shared English, in German differs', () => {
    const en = forecastWordsIn('en');
    const de = forecastWordsIn('de');
    for (const printers of fleets)
      for (const o of orders) {
        const english = forecastQueue([o], printers, now)[0]?.why ?? whyNoPrinter(o, printers);
        expect(forecastQueue([o], printers, now, undefined, en)[0]?.why ?? whyNoPrinter(o, printers, en), english).toBe(english);
        expect(whyNoPrinter(o, printers, en)).toBe(whyNoPrinter(o, printers));
        expect(whyNoPrinter(o, printers, de), english).not.toBe(whyNoPrinter(o, printers));
      }
    for (const at of starts) expect(startsIn(at, now, en)).toBe(startsIn(at, now));
    for (const at of starts.slice(1)) expect(startsIn(at, now, de)).not.toBe(startsIn(at, now));
    expect(whyNoPrinter(orders[5]!, fleets[1]!, de)).toBe('braucht A3, kein A3-Drucker online');
    expect(startsIn(starts[2], now, de)).toBe('in etwa 3 min');
  });
});

describe("the console's notices from the catalogue", () => {
  const events = [
    { kind: 'ready_for_retrieval', printerId: 'p1', printerName: 'Counter', orderId: '1042' },
    { kind: 'printer_error', printerId: 'p1', printerName: 'Counter', message: 'media-jam' },
    { kind: 'printer_error', printerId: 'p1', printerName: 'Counter', message: 'something odd' },
    { kind: 'needs_attention', orderId: '1042', message: 'failed three times', printerName: 'Counter' },
  ] as unknown as StationEvent[];

  it('in English read exactly as the shared English, in German differ', () => {
    const en = noticeWordsIn('en');
    const de = noticeWordsIn('de');
    for (const event of events) {
      const english = notificationFor(event);
      expect(notificationFor(event, en)).toEqual(english);
      expect(notificationFor(event, de)?.title).not.toBe(english?.title);
      expect(notificationFor(event, de)?.key).toBe(english?.key);
    }
    expect(notificationFor(events[1]!, de)?.title).toBe('Counter: Papierstau');
  });
});
