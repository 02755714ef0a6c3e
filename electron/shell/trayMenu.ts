/** The tray menu as data: main.ts turns it into an Electron Menu and maps each id to an action. */
import type { StationSnapshot } from '../../shared/stationApi';
import type { UpdateDecision } from '../../shared/updatePolicy';

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

/** `update`: the update policy's last word (updater.ts); shown while an update is downloaded and waits. */
export function trayMenu(snapshot: StationSnapshot | null, update?: UpdateDecision | null): TrayMenuItem[] {
  const printers = snapshot?.printers ?? [];
  const status: TrayMenuItem[] = printers.map((p) => ({
    kind: 'status',
    label: `${p.name}: ${STATE_WORDS[p.state] ?? p.state}${p.currentJob ? ` (order ${p.currentJob.orderId})` : ''}`,
  }));
  if (snapshot && snapshot.connection !== 'online') status.unshift({ kind: 'status', label: `Database ${snapshot.connection}` });
  if (update?.version) status.push({ kind: 'status', label: update.reason });
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
