/**
 * The five collections of DESIGN §3, opened once with the write concern each needs.
 * Order state writes use `w: 'majority'` so a replica-set failover cannot undo a claim or an outcome
 * (a rolled-back claim is how an order gets printed twice).
 */
import type { Collection, Db, Document } from 'mongodb';
import type { z } from 'zod';

export interface Collections {
  orders: Collection;
  printers: Collection;
  stations: Collection;
  printLogs: Collection /* 'print_logs' */;
  metrics: Collection;
}

export const COLLECTION_NAMES = {
  orders: 'orders',
  printers: 'printers',
  stations: 'stations',
  printLogs: 'print_logs',
  metrics: 'metrics',
} as const;

const majority = { writeConcern: { w: 'majority' as const } };

export function collections(db: Db): Collections {
  return {
    orders: db.collection<Document>(COLLECTION_NAMES.orders, majority),
    printers: db.collection<Document>(COLLECTION_NAMES.printers),
    stations: db.collection<Document>(COLLECTION_NAMES.stations),
    printLogs: db.collection<Document>(COLLECTION_NAMES.printLogs, majority),
    metrics: db.collection<Document>(COLLECTION_NAMES.metrics),
  };
}

/** How many orders the database holds, from its metadata (cheap): what "Test connection" in Settings reports. */
export function estimatedOrderCount(db: Db): Promise<number> {
  return db.collection(COLLECTION_NAMES.orders).estimatedDocumentCount();
}

/** A $set without the fields whose value is undefined (a patch's absent fields are left as they are). */
export function dropUndefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** Documents read back through their schema; ones someone else wrote badly are skipped rather than breaking a view. */
export function parseValid<S extends z.ZodType>(schema: S, docs: unknown[]): z.output<S>[] {
  return docs.flatMap((d) => {
    const parsed = schema.safeParse(d);
    return parsed.success ? [parsed.data] : [];
  });
}
