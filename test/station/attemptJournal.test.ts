/**
 * The journal speaks one vocabulary: what the printer loop calls "submitting" is a `submitting` entry on disk, the
 * claim records what its entry has room for, and a journal written by an older station still reads the same.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAttemptJournal } from '../../electron/station/durability/attemptJournal';
import type { Attempt, AttemptJournal } from '../../electron/station/printer/attempt';
import { JOURNAL_FILE } from '../../electron/station/durability/journal';

let dir: string;
let journal: AttemptJournal | undefined;
const entries = () =>
  readFileSync(join(dir, JOURNAL_FILE), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'attempt-journal-'));
});
afterEach(async () => {
  await journal?.close();
  journal = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const attempt: Attempt = {
  printJobId: 'job-7',
  orderId: 'ORD-7',
  orderKey: 'ORD-7-key',
  printerId: 'front-desk',
  systemName: 'Front_Desk',
  attemptNo: 2,
  claimedAt: new Date('2026-12-01T10:00:00Z'),
  orderCreatedAt: new Date('2026-12-01T09:59:00Z'),
};

describe('the attempt journal', () => {
  it('journals a claim with its printer queue and order time, then "submitting" as a submitting entry', async () => {
    journal = openAttemptJournal(dir, () => 'from-config');
    await journal.claimed(attempt);
    await journal.submitting(attempt);
    expect(entries().map((e) => e.kind)).toEqual(['claimed', 'submitting']);
    expect(entries()[0]).toMatchObject({ systemName: 'Front_Desk', attempt: 2, orderCreatedAt: '2026-12-01T09:59:00.000Z' });
    expect(await journal.unfinished()).toMatchObject([{ printJobId: 'job-7', stage: 'submitting', systemName: 'Front_Desk' }]);
    expect((await journal.unfinished())[0]?.spoolJobId).toBeUndefined();

    await journal.submitted(attempt, '314');
    expect(await journal.unfinished()).toMatchObject([{ stage: 'submitted', spoolJobId: '314' }]);
  });

  it('reads a journal from an older station, where "submitting" was a submitted entry without a spool id', async () => {
    appendFileSync(
      join(dir, JOURNAL_FILE),
      [
        {
          kind: 'claimed',
          printJobId: 'job-8',
          orderId: 'ORD-8',
          at: '2026-12-01T10:00:00Z',
          docId: 'ORD-8-key',
          printerId: 'front-desk',
          attempt: 1,
        },
        { kind: 'submitted', printJobId: 'job-8', orderId: 'ORD-8', at: '2026-12-01T10:00:01Z', spoolJobId: '', systemName: 'Front_Desk' },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n') + '\n',
    );
    journal = openAttemptJournal(dir, () => 'from-config');
    expect(await journal.unfinished()).toMatchObject([{ printJobId: 'job-8', stage: 'submitting', systemName: 'Front_Desk' }]);
    expect((await journal.unfinished())[0]?.spoolJobId).toBeUndefined();
    // Compacted, it is written in today's words and reads the same.
    await journal.compact();
    await journal.close();
    journal = openAttemptJournal(dir, () => 'from-config');
    expect(await journal.unfinished()).toMatchObject([{ printJobId: 'job-8', stage: 'submitting', systemName: 'Front_Desk' }]);
  });
});
