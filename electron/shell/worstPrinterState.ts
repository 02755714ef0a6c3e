/**
 * The tray shows the state of the printer that most needs a person. Blocking states first (an error or an item
 * in the tray stops that printer until someone acts), then offline, paused, then the busy and happy ones.
 */
import type { PrinterState } from '../../shared/domain';
import type { PrinterView } from '../../shared/stationApi';

export const STATE_SEVERITY: readonly PrinterState[] = [
  'error',
  'awaiting_retrieval',
  'offline',
  'paused',
  'starting',
  'printing',
  'ready',
];

export type TrayState = PrinterState | 'idle' | 'database_offline';

export function worstPrinterState(printers: Array<Pick<PrinterView, 'state'>>): TrayState {
  if (printers.length === 0) return 'idle';
  let worst = STATE_SEVERITY.length;
  for (const p of printers) worst = Math.min(worst, STATE_SEVERITY.indexOf(p.state));
  return STATE_SEVERITY[worst] ?? 'idle';
}

/** The tray's state including the database link: a station that cannot reach the database takes no orders. */
export function trayState(snapshot: { connection: string; printers: Array<Pick<PrinterView, 'state'>> } | null): TrayState {
  if (!snapshot) return 'idle';
  const worst = worstPrinterState(snapshot.printers);
  if (snapshot.connection === 'offline' && (worst === 'ready' || worst === 'printing' || worst === 'idle' || worst === 'starting')) {
    return 'database_offline';
  }
  return worst;
}

const TOOLTIP: Record<TrayState, string> = {
  error: 'A printer needs you: error',
  awaiting_retrieval: 'A printed item is waiting to be taken out',
  offline: 'A printer is offline',
  paused: 'A printer is paused',
  starting: 'Starting',
  printing: 'Printing',
  ready: 'Ready',
  idle: 'No printers',
  database_offline: 'Database offline: not taking orders',
};

export function trayTooltip(state: TrayState, stationName: string): string {
  return `Print Station${stationName ? ` (${stationName})` : ''}: ${TOOLTIP[state]}`;
}

/** Icon file (build/tray/<name>.png) per tray state: one colour per state, as in the UI. */
export function trayIconName(state: TrayState): string {
  if (state === 'database_offline') return 'offline';
  if (state === 'idle' || state === 'starting') return 'idle';
  return state.replace('_', '-');
}
