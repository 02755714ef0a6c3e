import { describe, expect, it } from 'vitest';
import { attentionSummary, attentionWords, notificationFor, titleWithCount } from '../../shared/notificationRules';

describe('what waits for a person', () => {
  const snapshot = {
    printers: [
      { state: 'error' as const },
      { state: 'offline' as const },
      { state: 'awaiting_retrieval' as const },
      { state: 'ready' as const },
    ],
    counts: { needs_attention: 3, pending: 10 },
  };

  it('counts printers in trouble, items to take out and orders needing attention, once', () => {
    expect(attentionSummary(snapshot)).toEqual({ printers: 2, retrievals: 1, orders: 3, total: 6 });
    expect(attentionSummary(null)).toEqual({ printers: 0, retrievals: 0, orders: 0, total: 0 });
  });

  it('puts the count in front of the tab title only when there is one', () => {
    expect(titleWithCount('Print Station', 6)).toBe('(6) Print Station');
    expect(titleWithCount('Print Station', 0)).toBe('Print Station');
  });

  it('says it in words, singular and plural', () => {
    expect(attentionWords(attentionSummary(snapshot))).toEqual([
      '2 printers need a person',
      '1 item to take out',
      '3 orders need attention',
    ]);
    expect(attentionWords({ printers: 1, retrievals: 0, orders: 1, total: 2 })).toEqual([
      '1 printer needs a person',
      '1 order needs attention',
    ]);
  });

  it('tells an error from a retrieval, so each can have its colour', () => {
    const at = new Date();
    expect(notificationFor({ kind: 'ready_for_retrieval', printerId: 'p', printerName: 'Counter', orderId: '7', at })?.kind).toBe(
      'retrieval',
    );
    expect(notificationFor({ kind: 'printer_error', printerId: 'p', printerName: 'Counter', message: 'media-jam', at })).toMatchObject({
      kind: 'printer',
      title: 'Counter: paper jam',
    });
  });
});
