/**
 * What the chaos drill found: the orders' final statuses from the database, and the prints from the files the
 * virtual printers left. A print is attributed to its order by the order id inside the file (drill/orderFiles.ts),
 * so an order printed under two printJobIds is caught as surely as one job printed twice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Collection } from 'mongodb';
import { printedDir, printedFiles } from '../../electron/printing/virtualPrinterControl';
import { orderIdOfPdf } from './orderFiles';

export interface DrillTally {
  /** Orders the database has as printed. */
  printed: number;
  /** Orders that came out of the printers more than once (by order id in the files, across every printer). */
  duplicates: number;
  /** Orders neither printed, failed, cancelled nor needs_attention at the end. */
  lost: number;
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
  /** Orders the database has as printed but no printer has a file for: the customer would get nothing. */
  printedWithoutFile: number;
  byStatus: Record<string, number>;
  /** Why orders wait for a person (`printError`, order id and printer left out), with how many. */
  needsAttentionReasons: Record<string, number>;
  /** The first 20 of them, to look up. */
  needsAttentionOrders: string[];
}

const FINAL_OR_PERSON = new Set(['printed', 'failed', 'cancelled', 'needs_attention']);

export async function tallyDrill(orders: Collection, orderIds: string[], printerDirs: string[]): Promise<DrillTally> {
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
      const reason = String(d.printError ?? '(no reason given)').replaceAll(String(d.orderId), '<order>').replace(/ on \S+ and /, ' on <printer> and ');
      needsAttentionReasons[reason] = (needsAttentionReasons[reason] ?? 0) + 1;
      if (needsAttentionOrders.length < 20) needsAttentionOrders.push(String(d.orderId));
    }
  }
  const missing = orderIds.length - docs.length;
  if (missing > 0) byStatus.missing = missing;

  const filesPerOrder = new Map<string, number>();
  const filesPerJob = new Map<string, number>();
  let files = 0;
  let unattributedFiles = 0;
  for (const dir of printerDirs) {
    for (const name of printedFiles(dir)) {
      files += 1;
      const job = name.slice(0, name.lastIndexOf('--'));
      filesPerJob.set(job, (filesPerJob.get(job) ?? 0) + 1);
      const orderId = await orderIdOfPdf(readFileSync(join(printedDir(dir), name)));
      if (!orderId || !statusOf.has(orderId)) unattributedFiles += 1;
      else filesPerOrder.set(orderId, (filesPerOrder.get(orderId) ?? 0) + 1);
    }
  }

  const count = (status: string) => byStatus[status] ?? 0;
  return {
    printed: count('printed'),
    duplicates: [...filesPerOrder.values()].filter((n) => n > 1).length,
    lost: orderIds.length - [...statusOf.values()].filter((s) => FINAL_OR_PERSON.has(s)).length,
    needsAttention: count('needs_attention'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    orders: orderIds.length,
    files,
    jobsPrintedTwice: [...filesPerJob.values()].filter((n) => n > 1).length,
    unattributedFiles,
    printedWithoutFile: [...statusOf].filter(([id, s]) => s === 'printed' && !filesPerOrder.has(id)).length,
    byStatus,
    needsAttentionReasons,
    needsAttentionOrders,
  };
}
