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
  const bytes = orderId ? await taggedPdf(orderId, 1) : new TextEncoder().encode('%PDF-1.7 not one of the drill\'s files');
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
      { orderId: 'D', printStatus: 'needs_attention', printError: 'did order D print? The station stopped while printing it on P1 and the spooler no longer knows the job' },
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
      lost: 1, // E: still pending at the end
      needsAttention: 1,
      failed: 1,
      files: 5,
      unattributedFiles: 1,
      printedWithoutFile: 1, // C: the database says printed, no printer has it
      byStatus: { printed: 3, needs_attention: 1, pending: 1, failed: 1 },
      needsAttentionReasons: { 'did order <order> print? The station stopped while printing it on <printer> and the spooler no longer knows the job': 1 },
      needsAttentionOrders: ['D'],
    });
  });
});
