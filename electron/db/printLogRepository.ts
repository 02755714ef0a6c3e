/**
 * `print_logs`: the audit trail of every transition and operator action (seed 001 fields, DESIGN §3).
 * Entries are validated on the way in and on the way out, so the log the shop's admin reads is always well formed.
 */
import type { Db, Document } from 'mongodb';
import { PrintLogDoc } from '../../shared/domain';
import { collections, parseValid, type Collections } from './collections';

export type PrintLogEntry = Omit<PrintLogDoc, '_id' | 'timestamp'> & { timestamp?: Date };

/**
 * Newest first; entries of one batch share a millisecond, and the _id (increasing in insertion order) keeps them in
 * order. The index print_logs_recent_ordered has exactly this key (an index on the timestamp alone cannot give the
 * tie-break); no station reads the whole log newest first any more, an order's history filters by orderId first.
 */
export const LOG_ORDER = { timestamp: -1, _id: -1 } as const;

export class PrintLogRepository {
  private readonly c: Collections;

  constructor(db: Db) {
    this.c = collections(db);
  }

  log(entry: PrintLogEntry): Promise<void> {
    return this.logMany([entry]);
  }

  /** Several entries in one round trip, in the order given (the station batches an attempt's steps). */
  async logMany(entries: PrintLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const docs = entries.map((e) => PrintLogDoc.parse({ ...e, timestamp: e.timestamp ?? new Date() }));
    await this.c.printLogs.insertMany(docs as Document[], { ordered: true });
  }

  async history(orderId: string, limit = 100): Promise<PrintLogDoc[]> {
    const docs = await this.c.printLogs.find({ orderId }).sort(LOG_ORDER).limit(limit).toArray();
    return parseValid(PrintLogDoc, docs);
  }
}
