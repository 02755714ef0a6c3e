/** An order's history (print_logs) as the order panel says it: catalogue words, not the log's keys. */
import type { PrintLogAction, PrintStatus } from '../../shared/domain';
import type { HistoryEntry } from '../../shared/stationApi';
import { translateIn, type Locale, type MessageKey } from './i18n';

export interface HistoryLine {
  /** What happened ("Cancelled", "Sent to the printer"). */
  what: string;
  /** How the order's status moved ("Pending → Cancelled"); absent when it did not move. */
  move?: string;
}

export function historyLine(h: Pick<HistoryEntry, 'action' | 'previousStatus' | 'newStatus'>, locale: Locale): HistoryLine {
  const key = `history.${h.action as PrintLogAction}` satisfies MessageKey;
  const said = translateIn(locale, key);
  // A newer station's action this console has no word for: shown as written.
  const what = said === key ? h.action.replace(/_/g, ' ') : said;
  const status = (s: PrintStatus | null | undefined) => (s ? translateIn(locale, `status.${s}`) : '…');
  const moved = (h.previousStatus || h.newStatus) && h.previousStatus !== h.newStatus;
  return moved ? { what, move: `${status(h.previousStatus)} → ${status(h.newStatus)}` } : { what };
}
