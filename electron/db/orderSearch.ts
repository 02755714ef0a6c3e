/**
 * Finding any order (issue 11): a tab (a status, held, or all), words to find, a date range and filters, answered a
 * page at a time. The status, the printer and the creation date are the indexed prefix (orders_by_status_newest,
 * orders_by_printer, orders_by_created); the words are matched within what that prefix leaves, and a page is
 * limited, so a search over a year of orders reads one page of documents, not the collection.
 */
import type { Collection, Document, Filter, Sort } from 'mongodb';
import type { ListOrdersRequest, QueueTab } from '../../shared/stationApi';
import { CLAIM_ORDER } from './orderQueries';

export type OrderSearch = Omit<ListOrdersRequest, 'tab'> & { tab: QueueTab };

/** Where the shop may keep who ordered: the words search these, and the order view shows the first one set. */
export const CUSTOMER_FIELDS = ['customerName', 'customer.name', 'customerEmail', 'customer.email', 'email'] as const;
/** Where the words are looked for: the order id, the customer, the file names and URLs, the printer. */
const SEARCHED_FIELDS = ['orderId', ...CUSTOMER_FIELDS, 'files.name', 'fileURL', 'printerName'];

/** A total past this is shown as "at least"; counting further would read the whole collection for a number. */
export const COUNT_LIMIT = 100_000;
const DAY_MS = 24 * 3600_000;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The filter for a search, as a pure function of the request and the clock (the `printed` tab's "last 24 h"). */
export function orderSearchFilter(q: OrderSearch, now: Date): Filter<Document> {
  const and: Filter<Document>[] = [];
  if (q.tab === 'held') and.push({ printStatus: 'pending', hold: { $ne: null } });
  else if (q.tab !== 'all') and.push({ printStatus: q.tab });

  const created: Record<string, Date> = {};
  if (q.from) created.$gte = q.from;
  if (q.to) created.$lt = q.to;
  if (q.from || q.to) and.push({ createdAt: created });
  else if (q.tab === 'printed') {
    // Without a range, the printed tab is the day's work: made or finished in the last 24 hours.
    const since = new Date(now.getTime() - DAY_MS);
    and.push({ $or: [{ createdAt: { $gte: since } }, { printCompletedAt: { $gte: since } }] });
  }

  if (q.printerId) and.push({ printerId: q.printerId });
  if (q.stationId) and.push({ stationId: q.stationId });
  if (q.paperSize) and.push({ 'printingOptions.paperSize': q.paperSize });
  if (q.color !== undefined) and.push({ 'printingOptions.color': q.color });
  if (q.duplex !== undefined) and.push({ 'printingOptions.duplex': q.duplex });

  const words = q.search?.trim().split(/\s+/).filter(Boolean) ?? [];
  // Every word must be found somewhere ("anna a3" finds Anna's A3 file), each in any of the searched fields.
  for (const word of words) {
    const pattern = { $regex: escapeRegex(word), $options: 'i' };
    and.push({ $or: SEARCHED_FIELDS.map((field) => ({ [field]: pattern })) });
  }
  if (and.length === 0) return {};
  return and.length === 1 ? and[0]! : { $and: and };
}

/** Pending work in the order it will print; everything else newest first. */
export function orderSearchSort(tab: QueueTab): Sort {
  return tab === 'pending' || tab === 'held' ? CLAIM_ORDER : { createdAt: -1 };
}

/** One page of orders and how many match (up to COUNT_LIMIT). `page` counts from 0. */
export async function searchOrders(orders: Collection, q: OrderSearch, now: Date): Promise<{ docs: Document[]; total: number }> {
  const filter = orderSearchFilter(q, now);
  const pageSize = Math.max(1, Math.min(500, Math.floor(q.pageSize)));
  const skip = Math.max(0, Math.floor(q.page)) * pageSize;
  const page = orders.find(filter).sort(orderSearchSort(q.tab)).skip(skip).limit(pageSize).toArray();
  // Every order (the All tab, nothing narrowed): the collection's own count, not a pass over every order; a total
  // shown beside a list may be a moment behind after a crash (what estimatedDocumentCount gives up), never a scan.
  const count = () =>
    Object.keys(filter).length === 0 ? orders.estimatedDocumentCount() : orders.countDocuments(filter, { limit: COUNT_LIMIT });
  // A tab without words is usually longer than a page: its count goes alongside the page instead of after it.
  const counting = q.search?.trim() ? undefined : count();
  counting?.catch(() => {}); // awaited only for a full page: unawaited, its failure must not be an unhandled rejection
  const docs = await page;
  // A page that is not full ends the list: its total needs no second pass over the orders (most searches).
  if (docs.length < pageSize && (docs.length > 0 || skip === 0)) return { docs, total: skip + docs.length };
  return { docs, total: await (counting ?? count()) };
}

/** Who ordered, from the first customer field the shop filled in. */
export function customerOf(doc: Record<string, unknown>): string | null {
  for (const field of CUSTOMER_FIELDS) {
    const value = field
      .split('.')
      .reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), doc);
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return null;
}
