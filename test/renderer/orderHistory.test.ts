/**
 * An order's history in the order panel reads in the operator's words (issue 11: "not status keys"): the action as
 * a word of the catalogue, the status move with the statuses' labels, and no "cancelled → cancelled" when the
 * status did not move. An action a newer station logs that this console does not know is shown as written.
 */
import { describe, expect, it } from 'vitest';
import { PRINT_LOG_ACTIONS } from '../../shared/domain';
import { historyLine } from '../../renderer/src/orderHistory';

describe('an order history line', () => {
  it('says a cancel in German, without status keys or a move that did not happen', () => {
    expect(historyLine({ action: 'cancel', previousStatus: 'cancelled', newStatus: 'cancelled' }, 'de')).toEqual({ what: 'Storniert' });
    expect(historyLine({ action: 'cancel', previousStatus: 'pending', newStatus: 'cancelled' }, 'de')).toEqual({
      what: 'Storniert',
      move: 'Wartend → Storniert',
    });
  });

  it('says every action the station logs in English and German, never as its key', () => {
    for (const action of PRINT_LOG_ACTIONS) {
      for (const locale of ['en', 'de'] as const) {
        const { what } = historyLine({ action }, locale);
        expect(what, `${locale}: ${action}`).not.toBe(action);
        expect(what, `${locale}: ${action}`).not.toMatch(/_/);
      }
    }
  });

  it('an action it does not know is shown as the station wrote it', () => {
    expect(historyLine({ action: 'teleported_elsewhere', newStatus: 'printed' }, 'de')).toEqual({
      what: 'teleported elsewhere',
      move: '… → Gedruckt',
    });
  });
});
