/**
 * Background updates for the desktop app (issue 12): electron-updater downloads from a generic feed while the
 * station prints; shared/updatePolicy.ts decides when the downloaded update may install, and the tray says why it
 * waits. main.ts passes electron-updater's `autoUpdater` in (this file stays free of Electron, so it type-checks
 * and runs in plain Node); installing is quitting, and main.ts's before-quit stops the engine gracefully first.
 */
import type { StationSnapshot } from '../../shared/stationApi';
import { updateDecision, type QuietHours, type UpdateDecision, type UpdateSituation } from '../../shared/updatePolicy';

/** The part of electron-updater's AppUpdater used here. */
export interface AppUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdaterOptions {
  updater: AppUpdaterLike;
  /** Settings' feed URL; empty: the `publish` entry of electron-builder.yml (app-update.yml in the installed app). */
  feedUrl: () => string;
  quietHours: () => QuietHours | null;
  /** The running engine's snapshot; null while none runs. */
  snapshot: () => StationSnapshot | null;
  /** Whether the shell is rebuilding the engine (settings changed): no snapshot then, yet work may be in flight. */
  stationRestarting: () => boolean;
  /** Quits and installs (main.ts: autoUpdater.quitAndInstall after marking the app as quitting). */
  install: () => void;
  /** Each new decision, for the tray. */
  onDecision: (decision: UpdateDecision) => void;
  log: { info(message: string): void; warn(message: string): void };
  /** How often the feed is asked (default 4 h) and the decision taken again (default 30 s; also on every snapshot). */
  checkEveryMs?: number;
  decideEveryMs?: number;
}

export interface Updater {
  /** Takes the decision again now (main.ts calls it on each snapshot). */
  decide(): UpdateDecision;
  stop(): void;
}

/** What the policy needs, read from the engine's snapshot. */
export function situationOf(
  snapshot: StationSnapshot | null,
  downloaded: { version: string } | null,
  now: Date,
  quietHours: QuietHours | null,
  stationRestarting = false,
): UpdateSituation {
  const printers = (snapshot?.printers ?? []).map((p) => ({
    name: p.name,
    state: p.state,
    ...(p.currentJob ? { job: { orderId: p.currentJob.orderId, phase: p.currentJob.phase } } : {}),
  }));
  return {
    downloaded,
    printers,
    // Jobs followed again after a restart belong to their printer's loop and show as its current job.
    jobsAtSpooler: [],
    outcomesWaiting: snapshot?.pendingOutcomes ?? 0,
    engineRunning: snapshot !== null,
    stationRestarting,
    now,
    quietHours,
  };
}

export function startUpdater(o: UpdaterOptions): Updater {
  const { updater, log } = o;
  let downloaded: { version: string } | null = null;
  let last: UpdateDecision | undefined;
  let installing = false;
  updater.autoDownload = true;
  // A quit by the operator is theirs to time: the update goes in with it.
  updater.autoInstallOnAppQuit = true;
  const feed = o.feedUrl().trim();
  if (feed) updater.setFeedURL({ provider: 'generic', url: feed });
  updater.on('error', (error) => log.warn(`Update check failed: ${error.message}`));
  updater.on('update-downloaded', (info) => {
    downloaded = { version: info.version };
    log.info(`Update ${info.version} downloaded`);
    decide();
  });

  const check = () => void updater.checkForUpdates().catch((error: Error) => log.warn(`Update check failed: ${error.message}`));
  function decide(): UpdateDecision {
    const decision = updateDecision(situationOf(o.snapshot(), downloaded, new Date(), o.quietHours(), o.stationRestarting()));
    if (decision.reason !== last?.reason) {
      last = decision;
      if (decision.version) log.info(decision.reason);
      o.onDecision(decision);
    }
    if (decision.install && !installing) {
      installing = true;
      o.install();
    }
    return decision;
  }

  check();
  const checking = setInterval(check, o.checkEveryMs ?? 4 * 3_600_000);
  const deciding = setInterval(decide, o.decideEveryMs ?? 30_000);
  checking.unref();
  deciding.unref();
  return {
    decide,
    stop() {
      clearInterval(checking);
      clearInterval(deciding);
    },
  };
}
