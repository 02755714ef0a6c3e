/** The tray menu as data: main.ts turns it into an Electron Menu and maps each id to an action. */
import type { StationSnapshot } from '../../shared/stationApi';

export type TrayAction = 'open' | 'pauseAll' | 'resumeAll' | 'quit';
export type TrayMenuItem =
  { kind: 'action'; id: TrayAction; label: string; enabled: boolean } | { kind: 'status'; label: string } | { kind: 'separator' };

const STATE_WORDS: Record<string, string> = {
  awaiting_retrieval: 'item waiting in the tray',
  error: 'error',
  offline: 'offline',
  paused: 'paused',
  printing: 'printing',
  ready: 'ready',
  starting: 'starting',
};

export function trayMenu(snapshot: StationSnapshot | null): TrayMenuItem[] {
  const printers = snapshot?.printers ?? [];
  const status: TrayMenuItem[] = printers.map((p) => ({
    kind: 'status',
    label: `${p.name}: ${STATE_WORDS[p.state] ?? p.state}${p.currentJob ? ` (order ${p.currentJob.orderId})` : ''}`,
  }));
  if (snapshot && snapshot.connection !== 'online') status.unshift({ kind: 'status', label: `Database ${snapshot.connection}` });
  return [
    { kind: 'action', id: 'open', label: 'Open Print Station', enabled: true },
    { kind: 'separator' },
    ...status,
    ...(status.length ? [{ kind: 'separator' } as const] : []),
    { kind: 'action', id: 'pauseAll', label: 'Pause all printers', enabled: printers.some((p) => p.state === 'ready') },
    { kind: 'action', id: 'resumeAll', label: 'Resume all printers', enabled: printers.some((p) => p.state === 'paused') },
    { kind: 'separator' },
    { kind: 'action', id: 'quit', label: 'Quit (stop printing on this computer)', enabled: true },
  ];
}
