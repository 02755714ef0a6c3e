/**
 * The health check (DESIGN §7, every 30 s): asks each printer's driver how the printer is, feeds the answer to its
 * loop (offline / fault / back online), mirrors it to `printers`, and beats the station's heart in `stations`.
 * It is also the station's idle probe of the database: a heartbeat that fails shows as a degraded link.
 */
import type { PrinterDriver, PrinterStatusReport } from '../printing/driver';
import type { PrinterRepository } from '../db/printerRepository';
import type { StationRepository } from '../db/stationRepository';
import type { DatabaseLink } from './databaseLink';
import type { StationLogger } from './logger';
import type { PrinterLoop } from './printerLoop';

export interface HealthDeps {
  loops: PrinterLoop[];
  driverOf(printerId: string): PrinterDriver;
  printers: PrinterRepository;
  stations: StationRepository;
  stationId: string;
  link: DatabaseLink;
  logger: StationLogger;
  /** Bound on one printer status query: a printer that does not answer is offline, not a hung check. */
  statusTimeoutMs: number;
  dbTimeoutMs: number;
}

export async function checkPrinter(deps: HealthDeps, loop: PrinterLoop): Promise<PrinterStatusReport> {
  const { systemName } = loop.identity;
  let report: PrinterStatusReport;
  try {
    report = await withTimeout(deps.driverOf(loop.id).status(systemName), deps.statusTimeoutMs);
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

export async function runHealthCheck(deps: HealthDeps): Promise<void> {
  const now = new Date();
  const reports = await Promise.all(deps.loops.map(async (loop) => [loop, await checkPrinter(deps, loop)] as const));
  try {
    await deps.link.run('health', async () => {
      await Promise.all(
        reports.map(([loop, report]) => {
          const view = loop.view();
          return deps.printers.updateHealth(loop.id, {
            status: view.state === 'printing' ? 'busy' : view.state === 'error' ? 'error' : report.status,
            state: view.state,
            last_seen_at: now,
            queue_length: report.queueLength,
            error_message: report.message ?? (view.state === 'error' ? view.stateReason : null) ?? null,
          });
        }),
      );
      await deps.stations.heartbeat(deps.stationId, { lastHeartbeatAt: now, connection: deps.link.state });
    }, deps.dbTimeoutMs);
  } catch (error) {
    deps.logger.debug(`Health write failed: ${(error as Error).message}`);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}
