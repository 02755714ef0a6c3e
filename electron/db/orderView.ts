/**
 * Orders as the operator's screens see them. A malformed order still has to be visible (it is the one the
 * operator must look at), so when the schema refuses a document we show what can be read and fill the rest
 * with safe defaults instead of hiding it.
 */
import { DEFAULT_PRINTING_OPTIONS, PrintStatus, parseOrder, type OrderDoc } from '../../shared/domain';

export function orderForDisplay(doc: Record<string, unknown>): OrderDoc {
  const parsed = parseOrder(doc);
  if (parsed.ok) return parsed.order;
  const status = PrintStatus.safeParse(doc.printStatus);
  const createdAt = doc.createdAt instanceof Date ? doc.createdAt : new Date(0);
  return {
    ...doc,
    _id: doc._id,
    orderId: orderIdOf(doc),
    paymentStatus: doc.paymentStatus === 'completed' ? 'completed' : 'pending',
    createdAt,
    fileURL: typeof doc.fileURL === 'string' ? doc.fileURL : undefined,
    files: undefined,
    printingOptions: DEFAULT_PRINTING_OPTIONS,
    priority: typeof doc.priority === 'number' ? doc.priority : 0,
    printStatus: status.success ? status.data : 'failed',
    printAttempt: typeof doc.printAttempt === 'number' ? doc.printAttempt : 0,
    printError: typeof doc.printError === 'string' ? doc.printError : parsed.message,
  } as OrderDoc;
}

/** The shop's order number, or the document's `_id` when the order has none (so a malformed order can still be named). */
export function orderIdOf(doc: Record<string, unknown>): string {
  return typeof doc.orderId === 'string' ? doc.orderId : String(doc._id);
}
