/**
 * The health check (DESIGN §7, every 30 s): asks each printer's driver how the printer is, feeds the answer to its
 * loop (offline / fault / back online), mirrors it to `printers`, and beats the station's heart in `stations`.
 * It is also the station's idle probe of the database: a heartbeat that fails shows as a degraded link.
 * An idle station should cost the shop's database little: a printer's document is written when what it shows
 * changed, and otherwise only every `keepAliveMs` (so `last_seen_at` still says the station is looking after it);
 * the station's heartbeat is one write per check.
 */
import type { PrinterDriver, PrinterStatusReport } from '../../printing/driver';
import type { PrinterRepository } from '../../db/printerRepository';
import type { StationRepository } from '../../db/stationRepository';
import type { PrinterLoop } from '../printer/printerLoop';
import { withTimeout } from '../link/timers';
import type { StationContext } from '../stationContext';

export interface HealthDeps extends Pick<StationContext, 'link' | 'logger' | 'stationId'> {
  loops: PrinterLoop[];
  driverOf(printerId: string): PrinterDriver;
  printers: PrinterRepository;
  stations: StationRepository;
  /** Written with every heartbeat: the fleet screen tells stations running an older version by it. */
  version: string;
  /** Bound on one printer status query: a printer that does not answer is offline, not a hung check. */
  statusTimeoutMs: number;
  dbTimeoutMs: number;
  /** An unchanged printer document is refreshed this often. */
  keepAliveMs: number;
}

export async function checkPrinter(deps: HealthDeps, loop: PrinterLoop): Promise<PrinterStatusReport> {
  const { systemName } = loop.identity;
  let report: PrinterStatusReport;
  try {
    report = await withTimeout(deps.driverOf(loop.id).status(systemName), deps.statusTimeoutMs, `no answer in ${deps.statusTimeoutMs} ms`);
  } catch (error) {
    report = {
      status: 'offline',
      reasons: ['no-answer'],
      message: `printer ${systemName} did not answer its health check (${(error as Error).message})`,
      queueLength: 0,
      failureClass: 'printer_offline',
    };
  }
  loop.applyHealth(report);
  return report;
}

export type HealthReports = Array<readonly [PrinterLoop, PrinterStatusReport]>;

/** The periodic check; remembers what it last wrote for each printer, so unchanged health is not rewritten. */
export class HealthCheck {
  private readonly written = new Map<string, { shown: string; at: number }>();

  constructor(private readonly deps: HealthDeps) {}

  /** Every printer's document is written at the next check, changed or not (they were just overwritten). */
  forget(): void {
    this.written.clear();
  }

  async run(): Promise<void> {
    await this.write(await this.check());
  }

  /** Asks every printer and feeds the answers to the loops; nothing is written yet. */
  check(): Promise<HealthReports> {
    return Promise.all(this.deps.loops.map(async (loop) => [loop, await checkPrinter(this.deps, loop)] as const));
  }

  /** Mirrors what changed (or is due for a keep-alive) to `printers`, and beats the station's heart. */
  async write(reports: HealthReports): Promise<void> {
    const { deps } = this;
    const now = new Date();
    const due = reports.flatMap(([loop, report]) => {
      const view = loop.view();
      const shown = {
        status: view.state === 'printing' ? 'busy' : view.state === 'error' ? 'error' : report.status,
        state: view.state,
        queue_length: report.queueLength,
        error_message: report.message ?? (view.state === 'error' ? view.stateReason : null) ?? null,
      } as const;
      const key = JSON.stringify(shown);
      const last = this.written.get(loop.id);
      if (last && last.shown === key && now.getTime() - last.at < deps.keepAliveMs) return [];
      return [{ printerId: loop.id, patch: { ...shown, last_seen_at: now }, key }];
    });
    try {
      await deps.link.run(
        'health',
        async () => {
          await Promise.all(due.map((d) => deps.printers.updateHealth(d.printerId, d.patch)));
          await deps.stations.heartbeat(deps.stationId, { lastHeartbeatAt: now, connection: deps.link.state, version: deps.version });
        },
        deps.dbTimeoutMs,
      );
      for (const d of due) this.written.set(d.printerId, { shown: d.key, at: now.getTime() });
    } catch (error) {
      deps.logger.debug(`Health write failed: ${(error as Error).message}`);
    }
  }
}
