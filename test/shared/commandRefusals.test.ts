/**
 * The station's refusals (shared/commandRefusals) said in the console's language: every refusal kind reads in English
 * from the catalogue exactly as the station's own `reason` (so an English operator sees nothing change), and in German
 * as a German sentence with the same facts. Plus capabilityMismatch in the catalogue's words ("braucht Papier A3").
 */
import { describe, expect, it } from 'vitest';
import { ENGLISH_REFUSALS, Refusal, refusalSentence, refused, SaidRefusal, type RefusalKey } from '../../shared/commandRefusals';
import { capabilityMismatch, type PrinterCapabilities } from '../../shared/domain';
import { PrinterRefusalWhy } from '../../shared/printerRefusals';
import { transition, type PrinterContext } from '../../shared/printerStateMachine';
import { CommandResult } from '../../shared/stationApi';
import { forecastQueue, type ForecastPrinter } from '../../shared/queueForecast';
import { forecastWordsIn } from '../../renderer/src/i18n/printerWords';
import { misfitWordsIn, refusalShown, refusalWordsIn } from '../../renderer/src/i18n/refusalWords';

/** One refusal of each kind (the test below checks none is missing). */
const EXAMPLES: Refusal[] = [
  { key: 'noSuchOrder', params: { orderId: '1042' } },
  { key: 'alreadyPrinting', params: { orderId: '1042', printer: 'Counter' } },
  { key: 'alreadyPrinting', params: { orderId: '1042' } },
  { key: 'alreadyPrinted', params: { orderId: '1042' } },
  { key: 'wasCancelled', params: { orderId: '1042' } },
  { key: 'hasFailed', params: { orderId: '1042' } },
  { key: 'needsPerson', params: { orderId: '1042' } },
  { key: 'notSteerable', params: { orderId: '1042', status: 'weird' } },
  { key: 'changedWhileDeciding', params: { orderId: '1042' } },
  { key: 'changedWhileDeciding', params: { orderId: '1042', was: 'needs_attention' } },
  { key: 'movedOnSinceAsked', params: { orderId: '1042', status: 'pending', printJobId: null, expected: 'job-1' } },
  { key: 'movedOnSinceAsked', params: { orderId: '1042', status: 'printing', printJobId: 'job-2', expected: 'job-1' } },
  { key: 'noValidStatus', params: { orderId: '1042', status: 'lost' } },
  { key: 'alreadyHeld', params: { orderId: '1042', by: 'Anna', reason: 'customer calls back' } },
  { key: 'notHeld', params: { orderId: '1042' } },
  { key: 'notPinned', params: { orderId: '1042' } },
  { key: 'noSuchPrinter', params: { printerId: 'p-9' } },
  { key: 'cannotPrintOn', params: { orderId: '1042', printer: 'Counter', misfit: { need: 'paper', size: 'A3' } } },
  { key: 'cannotPrintOn', params: { orderId: '1042', printer: 'Counter', misfit: { need: 'colour' } } },
  { key: 'cannotPrintOn', params: { orderId: '1042', printer: 'Counter', misfit: { need: 'duplex' } } },
  { key: 'cannotPrintOn', params: { orderId: '1042', printer: 'Counter', misfit: { need: 'copies', copies: 12, max: 5 } } },
  { key: 'notAllowed', params: { orderId: '1042', action: 'cancel', status: 'cancelled' } },
  { key: 'notAllowed', params: { orderId: '1042', action: 'reprint', status: 'printing' } },
  { key: 'notAllowed', params: { orderId: '1042', action: 'resetStuck', status: 'pending' } },
  { key: 'notAllowed', params: { orderId: '1042', action: 'forcePrinted', status: 'printed' } },
  { key: 'notAllowed', params: { orderId: '1042', action: 'confirmRetrieval', status: 'failed' } },
  { key: 'notAllowed', params: { orderId: '1042', action: 'rejectRetrieval', status: 'needs_attention' } },
  { key: 'alreadyRetrieved', params: { orderId: '1042', at: '2026-12-02T10:00:00.000Z', by: 'Anna' } },
  { key: 'alreadyRetrieved', params: { orderId: '1042', at: '2026-12-02T10:00:00.000Z', by: null } },
  { key: 'notConnected', params: {} },
  { key: 'notRunning', params: {} },
  { key: 'pinRequired', params: {} },
  { key: 'pinWrong', params: { attemptsLeft: 1 } },
  { key: 'pinWrong', params: { attemptsLeft: 4 } },
  { key: 'pinLockedOut', params: { seconds: 30 } },
  { key: 'pinLocked', params: { seconds: 12 } },
  // a printer's commands: one of each reason (shared/printerRefusals), then the station's own
  ...PrinterRefusalWhy.options.map((why): Refusal => ({
    key: 'printerRefused',
    params: { command: 'pause', why, ...(why === 'answerFirst' ? { orderId: '1042' } : {}) },
  })),
  { key: 'printerRefused', params: { command: 'recovered', why: 'notInError' } },
  { key: 'printerRefused', params: { command: 'came_online', why: 'notInError' } },
  { key: 'noPrinterHere', params: { printerId: 'p-9' } },
  { key: 'notAwaitingItem', params: { printer: 'Counter' } },
  { key: 'noQuestionOn', params: { printer: 'Counter' } },
  { key: 'printingAnOrder', params: { printer: 'Counter' } },
  { key: 'printerStillReports', params: { report: 'media-jam' } },
  { key: 'printerNotAnswering', params: { error: 'connect ECONNREFUSED' } },
  { key: 'noDriver', params: {} },
  { key: 'testPageRefused', params: { error: 'out of paper' } },
  { key: 'dbUnreachable', params: { error: 'connection refused' } },
];

describe('a refusal said in English and German', () => {
  it('the examples cover every kind of refusal', () => {
    const kinds = new Set(Refusal.options.map((o) => o.shape.key.value as RefusalKey));
    expect(new Set(EXAMPLES.map((r) => r.key))).toEqual(kinds);
  });

  it('the station reads it in English as before, and a refused result carries the refusal as data', () => {
    expect(refusalSentence(EXAMPLES[1]!)).toBe('order 1042 is already printing on Counter: it can no longer be steered');
    expect(refusalSentence(EXAMPLES[21]!)).toBe(
      'order 1042: cannot cancel an order that is cancelled (only from: pending, failed, needs_attention, printing)',
    );
    expect(refused(EXAMPLES[17]!)).toEqual({
      ok: false,
      reason: 'order 1042 cannot print on Counter: it needs paper A3',
      said: EXAMPLES[17],
    });
    // It crosses the contract as it was made; a refusal this console does not know is dropped, not an error.
    for (const refusal of EXAMPLES) expect(CommandResult.parse(refused(refusal))).toEqual(refused(refusal));
    expect(CommandResult.parse({ ok: false, reason: 'x', said: { key: 'fromTheFuture', params: {} } })).toEqual({ ok: false, reason: 'x' });
    expect(SaidRefusal.parse(undefined)).toBeUndefined();
  });

  it('the English catalogue says every refusal exactly as the station does (its moment in the locale manner)', () => {
    const en = refusalWordsIn('en');
    for (const refusal of EXAMPLES) {
      const said = refusalSentence(refusal, en);
      if (refusal.key === 'alreadyRetrieved')
        expect(said).toMatch(/^order 1042 was already taken from the tray at \S.* by (Anna|someone)$/);
      // The printer's fault code in words, as its card says it (the station's log keeps the code).
      else if (refusal.key === 'printerStillReports') expect(said).toBe('the printer still reports paper jam; fix it first');
      else expect(said, JSON.stringify(refusal)).toBe(refusalSentence(refusal, ENGLISH_REFUSALS));
    }
  });

  it('the German catalogue says every refusal in German', () => {
    const de = refusalWordsIn('de');
    for (const refusal of EXAMPLES) expect(refusalSentence(refusal, de), JSON.stringify(refusal)).not.toBe(refusalSentence(refusal));
    const say = (r: Refusal) => refusalSentence(r, de);
    expect(say(EXAMPLES[0]!)).toBe('es gibt keinen Auftrag 1042');
    expect(say(EXAMPLES[1]!)).toBe('Auftrag 1042 wird bereits auf Counter gedruckt: er lässt sich nicht mehr steuern');
    expect(say(EXAMPLES[4]!)).toBe('Auftrag 1042 wurde storniert; holen Sie ihn zuerst in die Warteschlange zurück');
    expect(say(EXAMPLES[13]!)).toBe('Auftrag 1042 ist bereits angehalten von Anna: customer calls back');
    expect(say(EXAMPLES[17]!)).toBe('Auftrag 1042 kann nicht auf Counter gedruckt werden: er braucht Papier A3');
    expect(say(EXAMPLES[21]!)).toBe(
      'Auftrag 1042 ist bereits storniert und kann nicht mehr storniert werden (nur aus: in der Warteschlange, fehlgeschlagen, zur Klärung bei einer Person, im Druck)',
    );
    expect(say(EXAMPLES[22]!)).toBe(
      'Auftrag 1042 kann nicht neu gedruckt werden, solange er im Druck ist (nur aus: gedruckt, fehlgeschlagen, storniert, zur Klärung bei einer Person)',
    );
    expect(say(EXAMPLES[29]!)).toBe('Die Station ist noch mit keiner Datenbank verbunden.');
    expect(say(EXAMPLES[33]!)).toBe('Falsche PIN: noch 4 Versuche, bevor diese Konsole gesperrt wird.');
    expect(say(EXAMPLES[32]!)).toBe('Falsche PIN: noch 1 Versuch, bevor diese Konsole gesperrt wird.');
  });

  it('the console shows the refusal in its language when the station said one, else the reason as written', () => {
    const de = refusalWordsIn('de');
    expect(refusalShown(refused(EXAMPLES[21]!), de)).toMatch(/^Auftrag 1042 ist bereits storniert und kann/);
    expect(refusalShown({ ok: false, reason: 'the printer caught fire' }, de)).toBe('The printer caught fire');
    expect(refusalShown(refused(EXAMPLES[0]!), refusalWordsIn('en'))).toBe('There is no order 1042');
  });
});

describe("a printer's refusal of an operator's command", () => {
  const anna = { kind: 'operator' as const, name: 'Anna' };
  const ctx: PrinterContext = { autoPrint: true, printerOnline: true, requiresRetrieval: false };

  it('the state machine refuses with the reason as data, its English as before', () => {
    const paused = transition('paused', { type: 'pause', cause: anna }, ctx);
    expect(paused).toMatchObject({
      ok: false,
      reason: 'pause refused: the printer is already paused',
      said: { key: 'printerRefused', params: { command: 'pause', why: 'alreadyPaused' } },
    });
    const unanswered = transition(
      'error',
      { type: 'recovered', cause: anna },
      { ...ctx, unknownOutcome: { orderId: '1042', printJobId: 'j' } },
    );
    expect(unanswered).toMatchObject({
      reason: 'recovered refused: first answer whether order 1042 printed',
      said: { key: 'printerRefused', params: { command: 'recovered', why: 'answerFirst', orderId: '1042' } },
    });
    const recoverReady = transition('ready', { type: 'recovered', cause: anna }, ctx);
    expect(recoverReady).toMatchObject({ said: { params: { why: 'notInError' } } });
    for (const r of [paused, unanswered, recoverReady]) expect(r.ok ? '' : refusalSentence(r.said!)).toBe(r.reason);
  });

  it('German says which command and why', () => {
    const de = refusalWordsIn('de');
    expect(refusalShown(refused({ key: 'printerRefused', params: { command: 'recovered', why: 'notInError' } }), de)).toBe(
      '„Drucker wieder bereit“ abgelehnt: der Drucker hat keinen Fehler',
    );
    expect(refusalSentence({ key: 'printerRefused', params: { command: 'pause', why: 'alreadyPaused' } }, de)).toBe(
      'Pausieren abgelehnt: der Drucker ist bereits pausiert',
    );
    expect(refusalSentence({ key: 'noPrinterHere', params: { printerId: 'p-9' } }, de)).toBe('diese Station hat keinen Drucker p-9');
    // The printer's own code ("media-jam") in the fault's words, as the printer card says it; any other report as written.
    expect(refusalSentence({ key: 'printerStillReports', params: { report: 'media-jam' } }, de)).toBe(
      'der Drucker meldet noch Papierstau; beheben Sie das zuerst',
    );
    expect(refusalSentence({ key: 'printerStillReports', params: { report: 'lid open' } }, de)).toBe(
      'der Drucker meldet noch lid open; beheben Sie das zuerst',
    );
  });
});

describe("what a printer lacks, in the catalogue's words", () => {
  const a4: PrinterCapabilities = { paperSizes: ['A4'], color: false, duplex: false, maxCopies: 5 };
  const options = { paperSize: 'A3', color: true, duplex: true, copies: 12 };
  const cases = [
    options,
    { ...options, paperSize: 'A4' },
    { ...options, paperSize: 'A4', color: false },
    { ...options, paperSize: 'A4', color: false, duplex: false },
  ];

  it('the station keeps English; the English catalogue says the same', () => {
    expect(cases.map((o) => capabilityMismatch(o, a4))).toEqual([
      'needs paper A3',
      'needs colour',
      'needs duplex',
      'needs 12 copies (printer allows 5)',
    ]);
    for (const o of cases) expect(capabilityMismatch(o, a4, misfitWordsIn('en'))).toBe(capabilityMismatch(o, a4));
  });

  it('German says "braucht Papier A3", also in the forecast of an order pinned to a printer that lacks it', () => {
    const de = misfitWordsIn('de');
    expect(cases.map((o) => capabilityMismatch(o, a4, de))).toEqual([
      'braucht Papier A3',
      'braucht Farbe',
      'braucht Duplex',
      'braucht 12 Exemplare (der Drucker erlaubt 5)',
    ]);
    const front: ForecastPrinter = { printerId: 'p1', name: 'Front', state: 'ready', capabilities: a4 };
    const pinned = { orderId: '1042', printingOptions: { ...options, color: false, duplex: false, copies: 1 }, pinnedPrinterId: 'p1' };
    const [forecast] = forecastQueue([pinned], [front], new Date(), undefined, forecastWordsIn('de'));
    expect(forecast?.why).toBe('fest an Front gebunden, dem fehlt, was er braucht: Papier A3');
    const [english] = forecastQueue([pinned], [front], new Date());
    expect(english?.why).toBe('pinned to Front, which lacks what it needs: paper A3');
  });
});
