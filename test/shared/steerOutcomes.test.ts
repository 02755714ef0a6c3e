/**
 * What a steer of the queue did (shared/steerOutcomes), said in the console's language: the English catalogue reads
 * exactly as the station's message, German says the same facts in German, and it crosses the contract as data.
 */
import { describe, expect, it } from 'vitest';
import { SteerOutcome, steerOutcomeSentence } from '../../shared/steerOutcomes';
import { CommandResult } from '../../shared/stationApi';
import { doneShown, steerOutcomeWordsIn } from '../../renderer/src/i18n/steerWords';

const EXAMPLES: SteerOutcome[] = [
  { key: 'printsNext', params: { orderId: '1042', priority: 3 } },
  { key: 'priorityChanged', params: { orderId: '1042', from: 0, to: -1 } },
  { key: 'held', params: { orderId: '1042' } },
  { key: 'released', params: { orderId: '1042' } },
  { key: 'pinnedToPrinter', params: { orderId: '1042', printerId: 'st1:front' } },
  { key: 'pinnedToStation', params: { orderId: '1042', stationId: 'st1' } },
  { key: 'unpinned', params: { orderId: '1042' } },
  { key: 'pausesAfterJob', params: { orderId: '1042', printer: 'Counter' } },
  { key: 'simulated', params: { printer: 'Counter', fault: 'slow' } },
];

describe('a steer of the queue said in English and German', () => {
  it('the examples cover every outcome, and each crosses the contract as data', () => {
    expect(new Set(EXAMPLES.map((o) => o.key))).toEqual(new Set(SteerOutcome.options.map((o) => o.shape.key.value)));
    for (const said of EXAMPLES) {
      const done = { ok: true as const, message: steerOutcomeSentence(said), said };
      expect(CommandResult.parse(done)).toEqual(done);
    }
    expect(CommandResult.parse({ ok: true, message: 'm', said: { key: 'fromTheFuture', params: {} } })).toEqual({ ok: true, message: 'm' });
  });

  it('the English catalogue says each exactly as the station does; German in German', () => {
    const en = steerOutcomeWordsIn('en');
    const de = steerOutcomeWordsIn('de');
    for (const said of EXAMPLES) {
      expect(steerOutcomeSentence(said, en)).toBe(steerOutcomeSentence(said));
      expect(steerOutcomeSentence(said, de)).not.toBe(steerOutcomeSentence(said));
    }
    expect(steerOutcomeSentence(EXAMPLES[2]!)).toBe('order 1042 held: no printer takes it until it is released');
    expect(steerOutcomeSentence(EXAMPLES[2]!, de)).toBe('Auftrag 1042 zurückgehalten: kein Drucker nimmt ihn, bis er freigegeben wird');
    expect(steerOutcomeSentence(EXAMPLES[0]!, de)).toBe('Auftrag 1042 wird als Nächstes gedruckt (Priorität 3)');
    expect(steerOutcomeSentence(EXAMPLES[7]!)).toBe('Counter pauses after order 1042');
    expect(steerOutcomeSentence(EXAMPLES[7]!, de)).toBe('Counter pausiert nach Auftrag 1042');
  });

  it('the console shows the outcome in its language when the station said one, else its message', () => {
    const de = steerOutcomeWordsIn('de');
    expect(doneShown({ ok: true, message: 'Order 1042 held: …', said: EXAMPLES[2] }, de)).toBe(
      'Auftrag 1042 zurückgehalten: kein Drucker nimmt ihn, bis er freigegeben wird',
    );
    expect(doneShown({ ok: true, message: 'Settings saved.' }, de)).toBe('Settings saved.');
    expect(doneShown({ ok: true }, de)).toBeUndefined();
    expect(doneShown({ ok: true, said: EXAMPLES[6] }, steerOutcomeWordsIn('en'))).toBe('Order 1042 may print on any printer that fits');
  });
});
