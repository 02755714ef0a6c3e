/**
 * Who in the fleet could claim an order (issue 12): the printers of stations still beating, with what they can print
 * and whether they claim at all (active, auto-print on, not paused, in error or offline). A station reads it now and
 * then to rank itself among the stations that could take a new order (station/printer/claimScheduler.ts); it is a
 * hint for who goes first, never a decision: the claim stays one conditional findOneAndUpdate.
 */
import type { Db } from 'mongodb';
import { PrinterDoc, type PrinterCapabilities } from '../../shared/domain';
import { collections, parseValid, type Collections } from './collections';
import { DEFAULT_STATION_SILENT_AFTER_MS } from './printerRepository';

export interface RosterPrinter {
  stationId: string;
  capabilities: PrinterCapabilities;
}

/** Printer states in which a printer claims, or soon will again (printing: it looks for more when done). */
const CLAIMING_STATES = ['ready', 'printing', 'starting'];

export class FleetRoster {
  private readonly c: Collections;

  constructor(db: Db) {
    this.c = collections(db);
  }

  /** The claiming printers of the stations heard from within `silentAfterMs` (by the database's clock). */
  async claimingPrinters(options: { silentAfterMs?: number } = {}): Promise<RosterPrinter[]> {
    const silentAfterMs = options.silentAfterMs ?? DEFAULT_STATION_SILENT_AFTER_MS;
    const alive = await this.c.stations
      .find(
        { lastHeartbeatAt: { $type: 'date' }, $expr: { $gt: ['$lastHeartbeatAt', { $subtract: ['$$NOW', silentAfterMs] }] } },
        { projection: { _id: 1 } },
      )
      .toArray();
    if (alive.length === 0) return [];
    const printers = await this.c.printers
      .find({
        isActive: { $ne: false },
        autoPrintEnabled: { $ne: false },
        state: { $in: CLAIMING_STATES },
        stationId: { $in: alive.map((s) => s._id) },
      })
      .toArray();
    return parseValid(PrinterDoc, printers).map((p) => ({ stationId: p.stationId, capabilities: p.capabilities }));
  }
}
