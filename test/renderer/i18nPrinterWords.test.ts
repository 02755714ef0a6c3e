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
import { orderProblemWordsIn, printerWordsIn } from '../../renderer/src/i18n/printerWords';

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
