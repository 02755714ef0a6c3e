/**
 * The chaos drill's count can see what it is there to see: an order printed twice under two printJobIds, one job
 * printed twice, a print nobody ordered, an order the database calls printed with no paper, an order left behind.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { printedDir, printedFileName } from '../../electron/printing/virtualPrinterControl';
import { taggedPdf } from '../../bench/drill/orderFiles';
import { tallyDrill } from '../../bench/drill/tally';
import { openTestDatabase } from '../helpers/db';

const t = await openTestDatabase('bench_tally');
const root = mkdtempSync(join(tmpdir(), 'ps-tally-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function print(printer: string, orderId: string | undefined, printJobId: string, jobId: string) {
  const dir = join(root, printer);
  mkdirSync(printedDir(dir), { recursive: true });
  const bytes = orderId ? await taggedPdf(orderId, 1) : new TextEncoder().encode("%PDF-1.7 not one of the drill's files");
  writeFileSync(join(printedDir(dir), printedFileName(printJobId, jobId)), bytes);
  return dir;
}

describe('the chaos drill count', () => {
  it('finds double prints by the order inside the file, whatever their job names', async () => {
    const orders = t.db.collection('orders');
    await orders.insertMany([
      { orderId: 'A', printStatus: 'printed', printJobId: 'job-a2' },
      { orderId: 'B', printStatus: 'printed', printJobId: 'job-b' },
      { orderId: 'C', printStatus: 'printed', printJobId: 'job-c' },
      {
        orderId: 'D',
        printStatus: 'needs_attention',
        printError: 'did order D print? The station stopped while printing it on P1 and the spooler no longer knows the job',
      },
      { orderId: 'E', printStatus: 'pending' },
      { orderId: 'F', printStatus: 'failed' },
    ]);
    const dirs = [
      await print('north-P1', 'A', 'job-a1', '1'), // A's first attempt came out …
      await print('south-P2', 'A', 'job-a2', '7'), // … and its second, on another station: a duplicate
      await print('north-P2', 'B', 'job-b', '2'),
      await print('north-P2', 'B', 'job-b', '3'), // one job, two sheets: a duplicate too
      await print('east-P1', undefined, 'job-x', '4'), // a print that names no order
    ];
    const tally = await tallyDrill(orders, ['A', 'B', 'C', 'D', 'E', 'F'], [...new Set(dirs)]);
    expect(tally).toMatchObject({
      printed: 3,
      duplicates: 2,
      jobsPrintedTwice: 1,
      lost: 2, // C: the database says printed, no paper came out; E: still pending at the end
      stuck: 1, // E
      cancelledButPrinted: 0,
      needsAttention: 1,
      failed: 1,
      files: 5,
      unattributedFiles: 1,
      printedWithoutFile: 1, // C: the database says printed, no printer has it
      byStatus: { printed: 3, needs_attention: 1, pending: 1, failed: 1 },
      needsAttentionReasons: {
        'did order <order> print? The station stopped while printing it on <printer> and the spooler no longer knows the job': 1,
      },
      needsAttentionOrders: ['D'],
    });
  });

  it('allows one more copy for each reprint an operator asked for, and no more', async () => {
    const orders = t.db.collection('orders_asked');
    const logs = t.db.collection('print_logs_asked');
    await orders.insertMany([
      { orderId: 'R', printStatus: 'printed' }, // printed, reprinted by an operator, printed again: two copies wanted
      { orderId: 'S', printStatus: 'printed' }, // stuck at a stalled printer, "reprint": the stalled copy came out too
      { orderId: 'K', printStatus: 'cancelled' }, // cancelled by an operator, a copy came out afterwards
      { orderId: 'L', printStatus: 'cancelled' }, // printed, then reprinted and cancelled: the copy predates the cancel
      { orderId: 'M', printStatus: 'printed' }, // marked printed by an operator: no paper expected
    ]);
    const earlier = new Date(Date.now() - 60_000);
    const later = new Date(Date.now() + 60_000);
    const op = (orderId: string, action: string, previousStatus: string, newStatus: string, timestamp: Date, refused?: string) => ({
      orderId,
      action,
      previousStatus,
      newStatus,
      timestamp,
      source: 'operator',
      ...(refused ? { metadata: { refused } } : {}),
    });
    await logs.insertMany([
      op('S', 'reprint', 'needs_attention', 'pending', earlier), // nothing of S was out yet: this replaces the attempt
      op('K', 'cancel', 'printing', 'printing', earlier),
      op('L', 'reprint', 'printed', 'pending', later),
      op('L', 'cancel', 'pending', 'cancelled', later),
      op('M', 'force_printed', 'pending', 'printed', earlier),
      op('R', 'reprint', 'printed', 'printed', later, 'refused: changed while you were deciding'), // refused: counts for nothing
    ]);
    const dirs = [
      await print('a-P1', 'R', 'job-r1', '1'),
      await print('b-P1', 'S', 'job-s1', '2'), // the stalled printer's copy, after the operator's reprint
      await print('b-P2', 'S', 'job-s2', '3'),
      await print('a-P1', 'K', 'job-k1', '4'),
      await print('a-P2', 'L', 'job-l1', '5'),
    ];
    // R's reprint comes after its first copy, and its second copy after that.
    await logs.insertOne(op('R', 'reprint', 'printed', 'pending', new Date(Date.now() + 1)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    dirs.push(await print('b-P2', 'R', 'job-r2', '6'));
    const tally = await tallyDrill(orders, ['R', 'S', 'K', 'L', 'M'], [...new Set(dirs)], { logs });
    expect(tally).toMatchObject({
      duplicates: 1,
      cancelledButPrinted: 1,
      lost: 0, // M was marked printed by a person
      printedWithoutFile: 0,
      stuck: 0,
      reprintsAllowed: 2, // R and L
    });
    expect(tally.examples.duplicates).toEqual([{ orderId: 'S', copies: 2, allowed: 1, jobs: ['b-P1/job-s1', 'b-P2/job-s2'] }]);
    expect(tally.examples.cancelledButPrinted).toEqual(['K']);
  });
});
