/** How the print room's states read and look: labels, colours, and times in the operator's words. */
import { PRINT_STATUSES, PRINTER_STATES, type PrinterState, type PrintStatus } from '../../shared/domain';
import { fmt, t } from './i18n';

/** Labels read in the operator's language each time they are read (LocaleProvider redraws on a change). */
function labels<K extends string>(keys: readonly K[], label: (key: K) => string): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of keys) Object.defineProperty(out, key, { get: () => label(key), enumerable: true });
  return out;
}

export const PRINTER_STATE_LABEL: Record<PrinterState, string> = labels(PRINTER_STATES, (state) => t(`state.${state}`));

/** CSS class per printer state (colours in styles.css): ready green, printing blue, retrieval amber, error red… */
export const stateClass = (state: PrinterState) => `state-${state.replace('_', '-')}`;

export const ORDER_STATUS_LABEL: Record<PrintStatus, string> = labels(PRINT_STATUSES, (status) => t(`status.${status}`));

/** "12 s ago" within a day, the date and time after that; in the operator's language. */
export function timeAgo(date: Date | string | null | undefined, now = Date.now()): string {
  if (!date) return '—';
  return now - new Date(date).getTime() < 86_400_000 ? fmt().ago(date, now) : fmt().dateTime(date);
}

export function clock(date: Date | string | null | undefined): string {
  return fmt().clock(date);
}

export function dateTime(date: Date | string | null | undefined): string {
  return fmt().dateTime(date);
}

export function optionsSummary(o: { paperSize: string; color: boolean; duplex: boolean; copies: number }): string {
  return [
    o.paperSize,
    o.color ? t('options.colour') : t('options.bw'),
    o.duplex ? t('options.duplex') : null,
    o.copies > 1 ? `×${o.copies}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}
