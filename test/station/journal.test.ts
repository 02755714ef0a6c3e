import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BSON, ObjectId, UUID } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, Journal, fromJournalDocId, toJournalDocId } from '../../electron/station/durability/journal';

let dir: string;
const open: Journal[] = [];
function openJournal(options?: Parameters<typeof Journal.open>[1]) {
  const journal = Journal.open(dir, options);
  open.push(journal);
  return journal;
}
const lines = () => readFileSync(join(dir, JOURNAL_FILE), 'utf8').split('\n').filter(Boolean);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'journal-'));
});
afterEach(() => {
  for (const j of open.splice(0)) j.close();
  rmSync(dir, { recursive: true, force: true });
});

const claim = (printJobId: string, orderId: string) =>
  ({ kind: 'claimed', printJobId, orderId, docId: { $oid: '65a1b2c3d4e5f60718293a4b' }, printerId: 'front-desk', attempt: 1 }) as const;

describe('the journal of print attempts', () => {
  it('follows an attempt from claim to done', () => {
    const journal = openJournal();
    journal.record(claim('job-1', 'ORD-1'));
    expect(journal.unfinished()).toMatchObject([{ printJobId: 'job-1', orderId: 'ORD-1', printerId: 'front-desk', attempt: 1 }]);

    journal.record({ kind: 'submitted', printJobId: 'job-1', orderId: 'ORD-1', spoolJobId: '42', systemName: 'Front-Desk' });
    expect(journal.attempt('job-1')?.submitted).toMatchObject({ spoolJobId: '42', systemName: 'Front-Desk' });

    journal.record({ kind: 'outcome', printJobId: 'job-1', orderId: 'ORD-1', outcome: 'printed', written: false });
    expect(journal.pendingOutcomes().map((a) => a.printJobId)).toEqual(['job-1']);

    journal.markWritten('job-1');
    expect(journal.pendingOutcomes()).toEqual([]);
    expect(journal.attempt('job-1')?.outcome).toMatchObject({ outcome: 'printed', written: true });

    journal.markDone('job-1');
    expect(journal.unfinished()).toEqual([]);
  });

  it('knows how far each attempt got: claimed, submitting (paper may be out), submitted', () => {
    const journal = openJournal();
    journal.record(claim('job-1', 'ORD-1'));
    expect(journal.attempt('job-1')?.stage).toBe('claimed');
    journal.record({ kind: 'submitting', printJobId: 'job-1', orderId: 'ORD-1', systemName: 'Front-Desk' });
    expect(journal.attempt('job-1')).toMatchObject({ stage: 'submitting', systemName: 'Front-Desk' });
    journal.record({ kind: 'submitted', printJobId: 'job-1', orderId: 'ORD-1', spoolJobId: '42', systemName: 'Front-Desk' });
    expect(journal.attempt('job-1')?.stage).toBe('submitted');
  });

  it('an attempt the station lost ends with a reason and nothing to write', () => {
    const journal = openJournal();
    journal.record(claim('job-1', 'ORD-1'));
    journal.markDone('job-1', 'another station owns order ORD-1 now');
    expect(journal.unfinished()).toEqual([]);
    expect(JSON.parse(lines().at(-1)!)).toMatchObject({ kind: 'done', reason: 'another station owns order ORD-1 now' });
  });

  it('is on disk as soon as record returns, one line per entry', () => {
    const journal = openJournal();
    journal.record(claim('job-1', 'ORD-1'));
    expect(lines()).toHaveLength(1);
    expect(JSON.parse(lines()[0]!)).toMatchObject({ kind: 'claimed', printJobId: 'job-1' });
  });

  it('refuses an entry that does not make sense instead of writing it', () => {
    const journal = openJournal();
    expect(() =>
      journal.record({ kind: 'outcome', printJobId: 'job-1', orderId: 'ORD-1', outcome: 'maybe' as never, written: false }),
    ).toThrow();
    expect(journal.unfinished()).toEqual([]);
  });

  it('a station restarted after a crash reads back what was submitted and which outcomes the database lacks', () => {
    const before = openJournal();
    before.record(claim('job-1', 'ORD-1'));
    before.record({ kind: 'submitted', printJobId: 'job-1', orderId: 'ORD-1', spoolJobId: '42', systemName: 'Front-Desk' });
    before.record(claim('job-2', 'ORD-2'));
    before.record({
      kind: 'outcome',
      printJobId: 'job-2',
      orderId: 'ORD-2',
      outcome: 'failed',
      code: 'invalid_data',
      message: '404',
      written: false,
    });

    const after = openJournal();
    expect(after.skippedLines).toBe(0);
    expect(after.unfinished().map((a) => [a.printJobId, a.submitted?.spoolJobId, a.outcome?.outcome])).toEqual([
      ['job-1', '42', undefined],
      ['job-2', undefined, 'failed'],
    ]);
    expect(after.pendingOutcomes()).toMatchObject([{ printJobId: 'job-2', outcome: { code: 'invalid_data', message: '404' } }]);
    expect(after.attempt('job-1')?.claimedAt).toBeInstanceOf(Date);
  });

  it('ignores a last line torn by a crash mid-write, and the next entry is read back whole', () => {
    const before = openJournal();
    before.record(claim('job-1', 'ORD-1'));
    appendFileSync(join(dir, JOURNAL_FILE), '{"kind":"submitted","printJobId":"job-1","ord');

    const after = openJournal();
    expect(after.skippedLines).toBe(1);
    expect(after.attempt('job-1')?.submitted).toBeUndefined();
    after.record({ kind: 'submitted', printJobId: 'job-1', orderId: 'ORD-1', spoolJobId: '7', systemName: 'Front-Desk' });

    const again = openJournal();
    expect(again.skippedLines).toBe(0);
    expect(again.attempt('job-1')?.submitted?.spoolJobId).toBe('7');
  });

  it('skips a damaged line in the middle without losing the rest', () => {
    const journal = openJournal();
    journal.record(claim('job-1', 'ORD-1'));
    appendFileSync(join(dir, JOURNAL_FILE), '{"kind":"claimed","printJobId":""}\nnot json at all\n');
    journal.record(claim('job-2', 'ORD-2'));
    const reopened = openJournal();
    expect(reopened.skippedLines).toBe(2);
    expect(reopened.unfinished().map((a) => a.printJobId)).toEqual(['job-1', 'job-2']);
  });

  it('keeps the order _id exactly, ObjectId or not', () => {
    const id = new ObjectId();
    expect(fromJournalDocId(toJournalDocId(id))).toEqual(id);
    expect(fromJournalDocId(toJournalDocId('order-7'))).toBe('order-7');
    for (const other of [{ shop: 'eu', n: 7, part: 1.5 }, new UUID(), new Date('2024-05-01T10:00:00Z'), 42]) {
      const back = fromJournalDocId(JSON.parse(JSON.stringify(toJournalDocId(other))));
      expect(BSON.serialize({ _id: back })).toEqual(BSON.serialize({ _id: other }));
    }
    // Entries written by older stations still read back.
    expect(fromJournalDocId({ $oid: id.toHexString() })).toEqual(id);
  });
});

describe('compaction', () => {
  function busyDay(journal: Journal, finished: number) {
    for (let i = 0; i < finished; i++) {
      const id = `job-done-${i}`;
      journal.record(claim(id, `ORD-${i}`));
      journal.record({ kind: 'submitted', printJobId: id, orderId: `ORD-${i}`, spoolJobId: String(i), systemName: 'Front-Desk' });
      journal.record({ kind: 'outcome', printJobId: id, orderId: `ORD-${i}`, outcome: 'printed', written: false });
      journal.markWritten(id);
      journal.markDone(id);
    }
  }

  it('keeps only the attempts that still matter, and a reopened journal sees the same', () => {
    const journal = openJournal();
    journal.record({ ...claim('job-printing', 'ORD-A'), systemName: 'Front-Desk', orderCreatedAt: new Date('2026-11-22T09:00:00Z') });
    journal.record({ kind: 'submitting', printJobId: 'job-printing', orderId: 'ORD-A', systemName: 'Front-Desk' });
    journal.record(claim('job-cancelled', 'ORD-C'));
    journal.record({
      kind: 'outcome',
      printJobId: 'job-cancelled',
      orderId: 'ORD-C',
      outcome: 'failed',
      code: 'cancelled',
      message: 'cancelled by Anna',
      written: false,
    });
    journal.markWritten('job-cancelled');
    busyDay(journal, 20);
    journal.record(claim('job-offline', 'ORD-B'));
    journal.record({
      kind: 'outcome',
      printJobId: 'job-offline',
      orderId: 'ORD-B',
      outcome: 'released',
      code: 'network',
      nextAttemptAt: new Date('2026-11-22T10:00:00Z'),
      written: false,
    });
    const before = { unfinished: journal.unfinished(), pending: journal.pendingOutcomes() };

    journal.compact();
    // the one at the spooler, the cancelled one whose outcome is written but not done, the one waiting for the
    // database; none of the 20 done
    expect(lines().map((l) => JSON.parse(l).kind)).toEqual(['claimed', 'submitting', 'claimed', 'outcome', 'claimed', 'outcome']);
    expect(journal.attempt('job-cancelled')?.outcome?.written).toBe(true);
    expect(journal.unfinished()).toEqual(before.unfinished);

    const reopened = openJournal();
    expect(reopened.skippedLines).toBe(0);
    expect(reopened.unfinished()).toEqual(before.unfinished);
    expect(reopened.pendingOutcomes()).toEqual(before.pending);
  });

  it('happens by itself when the file grows, and entries after it still land', () => {
    const journal = openJournal({ compactAtBytes: 4 * 1024 });
    journal.record(claim('job-waiting', 'ORD-W'));
    busyDay(journal, 50);
    expect(statSync(join(dir, JOURNAL_FILE)).size).toBeLessThan(4 * 1024);
    journal.record({ kind: 'submitted', printJobId: 'job-waiting', orderId: 'ORD-W', spoolJobId: '9', systemName: 'Front-Desk' });
    const reopened = openJournal();
    expect(reopened.unfinished()).toMatchObject([{ printJobId: 'job-waiting', submitted: { spoolJobId: '9' } }]);
  });
});

describe('a station killed -9 while writing its journal', () => {
  it('restarts with every entry it had recorded, and nothing it cannot read is fatal', async () => {
    const script = `
      import { Journal } from ${JSON.stringify(join(process.cwd(), 'electron/station/durability/journal.ts'))};
      const journal = Journal.open(${JSON.stringify(dir)});
      for (let i = 0; ; i++) {
        journal.record({ kind: 'claimed', printJobId: 'job-' + i, orderId: 'ORD-' + i, docId: 'd' + i, printerId: 'p' });
        if (i === 20) console.log('recording');
      }
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('recording') && resolve());
      child.on('exit', (code) => reject(new Error(`the journal process exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const journal = openJournal();
    expect(journal.skippedLines).toBeLessThanOrEqual(1);
    const ids = journal.unfinished().map((a) => a.printJobId);
    expect(ids.length).toBeGreaterThan(20);
    expect(ids).toEqual(ids.map((_, i) => `job-${i}`)); // a prefix, no gaps
  });
});
