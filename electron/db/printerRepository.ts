/**
 * `printers`: one document per physical printer (seed 001 fields plus the station's own, DESIGN §3). The station
 * owning a printer writes its health and state here so the shop's admin page and other stations can see them.
 */
import type { Db, Document, Filter } from 'mongodb';
import { PrinterDoc, type PrinterCapabilities } from '../../shared/domain';
import { collections, dropUndefined, parseValid, type Collections } from './collections';

/** Three missed heartbeats at the default health interval (30 s, DESIGN §7). */
export const DEFAULT_STATION_SILENT_AFTER_MS = 90_000;

export class PrinterRepository {
  private readonly c: Collections;

  constructor(db: Db) {
    this.c = collections(db);
  }

  /** Registers or refreshes a printer by its `printer_id`; fields the shop added to the document are kept. */
  async upsert(doc: PrinterDoc): Promise<void> {
    const { _id, ...fields } = PrinterDoc.parse(doc);
    await this.c.printers.updateOne({ printer_id: fields.printer_id }, { $set: fields }, { upsert: true });
  }

  /** Health and state changes; `last_seen_at` is stamped when the patch does not carry it. */
  async updateHealth(printerId: string, patch: Partial<PrinterDoc>): Promise<void> {
    const { _id, printer_id, ...parsed } = PrinterDoc.partial().parse(patch);
    // zod fills defaults even in a partial schema: write only the fields the caller gave, so a health write never
    // resets requiresRetrieval, isActive or autoPrintEnabled to their defaults.
    const fields = Object.fromEntries(Object.entries(parsed).filter(([key]) => key in patch));
    await this.c.printers.updateOne({ printer_id: printerId }, { $set: { last_seen_at: new Date(), ...dropUndefined(fields) } });
  }

  /**
   * A print came out of this printer: the fleet's "last print". Stamped with the database's clock, like the
   * heartbeats it is read beside.
   */
  async recordPrinted(printerId: string): Promise<void> {
    await this.c.printers.updateOne({ printer_id: printerId }, { $currentDate: { last_successful_print_at: true } });
  }

  async list(filter: { stationId?: string; isActive?: boolean } = {}): Promise<PrinterDoc[]> {
    const query: Filter<Document> = {};
    if (filter.stationId !== undefined) query.stationId = filter.stationId;
    if (filter.isActive !== undefined) query.isActive = filter.isActive;
    const docs = await this.c.printers.find(query).sort({ printer_id: 1 }).toArray();
    return parseValid(PrinterDoc, docs);
  }

  /**
   * What the fleet can print, for `failUnprintable`: active printers of stations that are alive. A printer that is
   * offline or in error still counts: it will be back, and its orders should wait for it. A printer whose station
   * stopped heartbeating (by the database's clock) does not: nothing will print on it until that station returns,
   * and an order only it could print must not wait in the queue for ever (capability_mismatch tells a person).
   */
  async activeCapabilities(options: { silentAfterMs?: number } = {}): Promise<PrinterCapabilities[]> {
    const silentAfterMs = options.silentAfterMs ?? DEFAULT_STATION_SILENT_AFTER_MS;
    const alive = await this.c.stations
      .find(
        { lastHeartbeatAt: { $type: 'date' }, $expr: { $gt: ['$lastHeartbeatAt', { $subtract: ['$$NOW', silentAfterMs] }] } },
        { projection: { _id: 1 } },
      )
      .toArray();
    const printers = await this.c.printers
      .find({ isActive: { $ne: false }, stationId: { $in: alive.map((s) => s._id) } })
      .sort({ printer_id: 1 })
      .toArray();
    return parseValid(PrinterDoc, printers).map((p) => p.capabilities);
  }
}
