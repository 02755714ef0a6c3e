/**
 * What the chaos drill found: the orders' final statuses from the database, the prints from the files the virtual
 * printers left (drill/output.ts: the order named inside each file, and when it landed), and what operators asked
 * for from print_logs. A print is attributed to its order by the order id inside the file (drill/orderFiles.ts), so
 * an order printed under two printJobIds is caught as surely as one job printed twice.
 *
 * How many copies an order may have: one, plus one for each operator re-queue (reprint, "bad, reprint", "reprint"
 * as the answer to "did it print?", reset stuck) made when every copy allowed so far was already out. A re-queue made
 * while the last attempt had not come out (its job stuck at a stalled printer, say) replaces that attempt: the
 * station that lost the order must keep its copy from printing, so a copy from it is a duplicate.
 */
import type { Collection } from 'mongodb';
import { PrinterOutput, type PrintedCopy } from './output';

export interface DrillTally {
  /** Orders the database has as printed. */
  printed: number;
  /** Orders that came out of the printers more times than operators asked for. */
  duplicates: number;
  /** Orders with no copy out that are neither cancelled, failed nor waiting for a person (nor marked printed by an operator). */
  lost: number;
  /** Orders cancelled in the end of which a copy came out after an operator's cancel was accepted. */
  cancelledButPrinted: number;
  /** Orders still pending or printing at the end (the drill has settled: nothing more would move them). */
  stuck: number;
  needsAttention: number;
  failed: number;
  cancelled: number;
  orders: number;
  /** Printed files in every printer folder. */
  files: number;
  /** Job names (printJobIds) that left more than one file. */
  jobsPrintedTwice: number;
  /** Files that name no order of this drill (should be 0). */
  unattributedFiles: number;
  /** Orders the database has as printed with no file, not marked printed by an operator: the customer got nothing. */
  printedWithoutFile: number;
  /** Copies operators asked for beyond the first (re-queues that counted). */
  reprintsAllowed: number;
  byStatus: Record<string, number>;
  /** Why orders wait for a person (`printError`, order id and printer left out), with how many. */
  needsAttentionReasons: Record<string, number>;
  /** The first 20 of them, to look up. */
  needsAttentionOrders: string[];
  /** The first 20 orders of each finding, to look up (order id, copies, allowed). */
  examples: {
    duplicates: Array<{ orderId: string; copies: number; allowed: number; jobs: string[] }>;
    lost: string[];
    cancelledButPrinted: string[];
    stuck: string[];
  };
  /** The story of the first few duplicates and cancelled-but-printed orders: their copies and print_logs, oldest first. */
  stories: Array<{ orderId: string; finding: string; copies: string[]; logs: string[] }>;
}

export interface TallyOptions {
  /** print_logs: operator re-queues, cancels and force-printed orders. */
  logs?: Collection;
  /** Cancels the drill's operator saw accepted (order id → ms since epoch), besides those in print_logs. */
  cancels?: ReadonlyMap<string, number>;
}

const NOT_LOST = new Set(['cancelled', 'failed', 'needs_attention']);

export async function tallyDrill(
  orders: Collection,
  orderIds: string[],
  printerDirs: string[],
  options: TallyOptions = {},
): Promise<DrillTally> {
  const docs = await orders.find({ orderId: { $in: orderIds } }, { projection: { orderId: 1, printStatus: 1, printError: 1 } }).toArray();
  const byStatus: Record<string, number> = {};
  const statusOf = new Map<string, string>();
  const needsAttentionReasons: Record<string, number> = {};
  const needsAttentionOrders: string[] = [];
  for (const d of docs) {
    const status = String(d.printStatus ?? 'missing');
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    statusOf.set(d.orderId, status);
    if (status === 'needs_attention') {
      // Grouped by the sentence without its order id and printer name, so a hundred questions read as one line.
      const reason = String(d.printError ?? '(no reason given)')
        .replaceAll(String(d.orderId), '<order>')
        .replace(/ on \S+ and /, ' on <printer> and ');
      needsAttentionReasons[reason] = (needsAttentionReasons[reason] ?? 0) + 1;
      if (needsAttentionOrders.length < 20) needsAttentionOrders.push(String(d.orderId));
    }
  }
  const missing = orderIds.length - docs.length;
  if (missing > 0) byStatus.missing = missing;

  const copies = await new PrinterOutput(printerDirs).look();
  const copiesOf = new Map<string, PrintedCopy[]>();
  const filesPerJob = new Map<string, number>();
  let unattributedFiles = 0;
  for (const copy of copies) {
    filesPerJob.set(copy.printJobId, (filesPerJob.get(copy.printJobId) ?? 0) + 1);
    if (!copy.orderId || !statusOf.has(copy.orderId)) unattributedFiles += 1;
    else copiesOf.set(copy.orderId, [...(copiesOf.get(copy.orderId) ?? []), copy]);
  }

  const asked = await operatorRecord(options.logs, orderIds, options.cancels);
  let reprintsAllowed = 0;
  const examples: DrillTally['examples'] = { duplicates: [], lost: [], cancelledButPrinted: [], stuck: [] };
  const note = <T>(list: T[], item: T) => void (list.length < 20 && list.push(item));
  let duplicates = 0;
  let lost = 0;
  let cancelledButPrinted = 0;
  let stuck = 0;
  let printedWithoutFile = 0;
  for (const orderId of orderIds) {
    const status = statusOf.get(orderId) ?? 'missing';
    const out = copiesOf.get(orderId) ?? [];
    const allowed = allowedCopies(out, asked.requeues.get(orderId) ?? []);
    reprintsAllowed += allowed - 1;
    if (out.length > allowed) {
      duplicates += 1;
      note(examples.duplicates, { orderId, copies: out.length, allowed, jobs: out.map((c) => `${c.printer}/${c.printJobId}`) });
    }
    const forced = asked.forcePrinted.has(orderId);
    if (out.length === 0 && !NOT_LOST.has(status) && !(forced && status === 'printed')) {
      lost += 1;
      note(examples.lost, orderId);
    }
    if (status === 'printed' && out.length === 0 && !forced) printedWithoutFile += 1;
    const cancelAt = asked.cancels.get(orderId);
    if (status === 'cancelled' && cancelAt !== undefined && out.some((c) => c.at > cancelAt)) {
      cancelledButPrinted += 1;
      note(examples.cancelledButPrinted, orderId);
    }
    if (status === 'pending' || status === 'printing') {
      stuck += 1;
      note(examples.stuck, orderId);
    }
  }

  const stories: DrillTally['stories'] = [];
  const tell = [
    ...examples.duplicates.slice(0, 3).map((d) => [d.orderId, 'duplicate'] as const),
    ...examples.cancelledButPrinted.slice(0, 2).map((id) => [id, 'cancelledButPrinted'] as const),
  ];
  for (const [orderId, finding] of tell) {
    const entries = options.logs ? await options.logs.find({ orderId }).sort({ timestamp: 1, _id: 1 }).toArray() : [];
    stories.push({
      orderId,
      finding,
      copies: (copiesOf.get(orderId) ?? []).map((c) => `${new Date(c.at).toISOString()} ${c.printer} ${c.printJobId}`),
      logs: entries.map(
        (e) =>
          `${new Date(e.timestamp).toISOString()} ${e.action} by ${e.source}${e.stationId ? `@${e.stationId}` : ''}${e.printerId ? ` on ${e.printerId}` : ''} ` +
          `${e.previousStatus ?? '-'}→${e.newStatus ?? '-'} job ${e.printJobId ?? '-'}${e.reason ? `: ${e.reason}` : ''}${e.metadata?.refused ? ` (refused: ${e.metadata.refused})` : ''}`,
      ),
    });
  }

  const count = (status: string) => byStatus[status] ?? 0;
  return {
    printed: count('printed'),
    duplicates,
    lost,
    cancelledButPrinted,
    stuck,
    needsAttention: count('needs_attention'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    orders: orderIds.length,
    files: copies.length,
    jobsPrintedTwice: [...filesPerJob.values()].filter((n) => n > 1).length,
    unattributedFiles,
    printedWithoutFile,
    reprintsAllowed,
    byStatus,
    needsAttentionReasons,
    needsAttentionOrders,
    examples,
    stories,
  };
}

/** One, plus one for each re-queue made when every copy allowed so far was out (see the file comment). */
export function allowedCopies(copies: readonly PrintedCopy[], requeueTimes: readonly number[]): number {
  let allowed = 1;
  for (const at of [...requeueTimes].sort((a, b) => a - b)) {
    if (copies.filter((c) => c.at <= at).length >= allowed) allowed += 1;
  }
  return allowed;
}

interface OperatorAsked {
  /** Accepted operator re-queues per order (ms since epoch). */
  requeues: Map<string, number[]>;
  /** The last accepted operator cancel per order. */
  cancels: Map<string, number>;
  /** Orders an operator marked printed ("yes, it printed", or printed by hand elsewhere). */
  forcePrinted: Set<string>;
}

async function operatorRecord(
  logs: Collection | undefined,
  orderIds: string[],
  drillCancels?: ReadonlyMap<string, number>,
): Promise<OperatorAsked> {
  const asked: OperatorAsked = { requeues: new Map(), cancels: new Map(), forcePrinted: new Set() };
  const entries = logs
    ? await logs
        .find({ orderId: { $in: orderIds }, source: 'operator', 'metadata.refused': { $exists: false } })
        .sort({ timestamp: 1 })
        .toArray()
    : [];
  for (const e of entries) {
    const orderId = String(e.orderId);
    const at = new Date(e.timestamp).getTime();
    if (e.newStatus === 'pending' && e.previousStatus !== 'pending')
      asked.requeues.set(orderId, [...(asked.requeues.get(orderId) ?? []), at]);
    if (e.action === 'cancel') asked.cancels.set(orderId, at);
    if (e.newStatus === 'printed' && e.previousStatus !== 'printed') asked.forcePrinted.add(orderId);
  }
  // The drill's own record of a cancel covers a log entry the station still held when it was stopped.
  for (const [orderId, at] of drillCancels ?? []) {
    const logged = asked.cancels.get(orderId);
    asked.cancels.set(orderId, logged === undefined ? at : Math.min(logged, at));
  }
  return asked;
}
