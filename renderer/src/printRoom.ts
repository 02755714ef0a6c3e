/** How the print room's states read and look: labels, colours, and times in the operator's words. */
import type { PrinterState, PrintStatus } from '../../shared/domain';

export const PRINTER_STATE_LABEL: Record<PrinterState, string> = {
  starting: 'Starting',
  ready: 'Ready',
  printing: 'Printing',
  awaiting_retrieval: 'Awaiting retrieval',
  paused: 'Paused',
  error: 'Error',
  offline: 'Offline',
};

/** CSS class per printer state (colours in styles.css): ready green, printing blue, retrieval amber, error red… */
export const stateClass = (state: PrinterState) => `state-${state.replace('_', '-')}`;

export const ORDER_STATUS_LABEL: Record<PrintStatus, string> = {
  pending: 'Pending',
  printing: 'Printing',
  printed: 'Printed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  needs_attention: 'Needs attention',
};

export function timeAgo(date: Date | string | null | undefined, now = Date.now()): string {
  if (!date) return '—';
  const seconds = Math.max(0, Math.round((now - new Date(date).getTime()) / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min ago`;
  return new Date(date).toLocaleString();
}

export function clock(date: Date | string | null | undefined): string {
  if (!date) return '—';
  return new Date(date).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function dateTime(date: Date | string | null | undefined): string {
  if (!date) return '—';
  return new Date(date).toLocaleString([], { dateStyle: 'short', timeStyle: 'medium' });
}

export function optionsSummary(o: { paperSize: string; color: boolean; duplex: boolean; copies: number }): string {
  return [o.paperSize, o.color ? 'colour' : 'b/w', o.duplex ? 'duplex' : null, o.copies > 1 ? `×${o.copies}` : null]
    .filter(Boolean)
    .join(' · ');
}
