/**
 * The station's local journal (DESIGN §4): what this station did with each print attempt, written to disk
 * *before* each irreversible step, so a station killed at any instant knows on restart what it may have printed.
 *
 * - Append-only JSON lines, one fsync per entry: an entry the caller saw recorded survives a power cut. `record`
 *   is synchronous on purpose, so "journal, then submit" cannot be reordered by an await.
 * - Entries are zod-validated on read. A torn last line (crash mid-write) is ignored and cut off, so the next
 *   append does not glue onto it; an invalid line elsewhere is skipped and counted, never fatal.
 * - Compaction rewrites only the attempts that still matter (not done) to a temp file, fsyncs, renames it over
 *   the journal and fsyncs the folder: at every instant the journal is either the old file or the new one.
 *
 * An attempt's entries, by printJobId: claimed → submitting (fsync'd right before the spooler call: from here on
 * paper may come out) → submitted (spoolJobId) → outcome (written: false until the database has it) → written →
 * done. `done` means nothing is left to do: the outcome is in the database (or there was none to write, e.g. the
 * station lost the order), and the printer has moved on.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BSON, ObjectId } from 'mongodb';
import { z } from 'zod';
import { PrintErrorCode } from '../../../shared/domain';
import type { AttemptStage } from '../printer/attempt';

/**
 * The order document's `_id` as Extended JSON (an ObjectId is `{ $oid }`, a UUID `{ $binary }`, a Date `{ $date }`,
 * a sub-document an object), so the fence can be rebuilt exactly whatever the shop used. Entries written by older
 * stations ({ $oid }, a string, a number) are EJSON already.
 */
export const JournalDocId = z.union([z.string(), z.number(), z.record(z.string(), z.unknown())]);
export type JournalDocId = z.infer<typeof JournalDocId>;

/** `released` = back to pending (at `nextAttemptAt` when set); a carried-out cancel is `failed` with code `cancelled`. */
export const ATTEMPT_OUTCOMES = ['printed', 'released', 'failed', 'needs_attention'] as const;
export const AttemptOutcome = z.enum(ATTEMPT_OUTCOMES);
export type AttemptOutcome = z.infer<typeof AttemptOutcome>;

const base = { printJobId: z.string().min(1), orderId: z.string().min(1), at: z.coerce.date() };
export const JournalEntry = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('claimed'),
    ...base,
    docId: JournalDocId,
    printerId: z.string(),
    systemName: z.string().optional(),
    attempt: z.number().int().optional(),
    orderCreatedAt: z.coerce.date().optional(),
  }),
  z.object({ kind: z.literal('submitting'), ...base, systemName: z.string() }),
  z.object({ kind: z.literal('submitted'), ...base, spoolJobId: z.string(), systemName: z.string() }),
  z.object({
    kind: z.literal('outcome'),
    ...base,
    outcome: AttemptOutcome,
    code: PrintErrorCode.optional(),
    message: z.string().optional(),
    nextAttemptAt: z.coerce.date().nullable().optional(),
    completedAt: z.coerce.date().optional(),
    written: z.boolean(),
  }),
  z.object({ kind: z.literal('written'), ...base }),
  /** `reason` when the attempt ends with nothing to write (lost ownership, released on shutdown). */
  z.object({ kind: z.literal('done'), ...base, reason: z.string().optional() }),
]);
export type JournalEntry = z.infer<typeof JournalEntry>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** What callers pass to `record`: `at` defaults to now. */
export type JournalEntryInput = DistributiveOmit<JournalEntry, 'at'> & { at?: Date };

/** Everything the journal knows about one attempt, folded from its entries. */
export interface AttemptRecord {
  printJobId: string;
  orderId: string;
  stage: AttemptStage;
  docId?: JournalDocId;
  printerId?: string;
  systemName?: string;
  attempt?: number;
  orderCreatedAt?: Date;
  claimedAt?: Date;
  submittingAt?: Date;
  submitted?: { spoolJobId: string; systemName: string; at: Date };
  outcome?: {
    outcome: AttemptOutcome;
    code?: PrintErrorCode;
    message?: string;
    nextAttemptAt?: Date | null;
    completedAt?: Date;
    at: Date;
    written: boolean;
  };
}

export interface JournalOptions {
  /** Compact when the file has grown past this since the last compaction. Default 1 MB. */
  compactAtBytes?: number;
}

export const JOURNAL_FILE = 'journal.jsonl';

export class Journal {
  private fd: number;
  private size: number;
  private compactAt: number;
  private readonly attempts = new Map<string, AttemptRecord>();
  /** Lines found unreadable on open (a torn last write, or damage); they were skipped. */
  readonly skippedLines: number;

  private constructor(
    readonly path: string,
    private readonly options: Required<JournalOptions>,
  ) {
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    // Everything after the last newline is a write the crash interrupted: cut it so the next entry starts clean.
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    let skipped = complete.length < text.length ? 1 : 0;
    for (const line of complete.split('\n')) {
      if (!line.trim()) continue;
      const entry = parseLine(line);
      if (entry) this.fold(entry);
      else skipped += 1;
    }
    this.skippedLines = skipped;
    this.fd = openSync(path, 'a', 0o600);
    if (complete.length < text.length) {
      ftruncateSync(this.fd, Buffer.byteLength(complete));
      fsyncSync(this.fd);
    }
    this.size = Buffer.byteLength(complete);
    this.compactAt = Math.max(options.compactAtBytes, this.size * 2);
    syncFolder(join(path, '..'));
  }

  /** Opens (or creates) the journal in `dir`, reading and folding what is there. */
  static open(dir: string, options: JournalOptions = {}): Journal {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return new Journal(join(dir, JOURNAL_FILE), { compactAtBytes: options.compactAtBytes ?? 1024 * 1024 });
  }

  /** Appends one entry and fsyncs it before returning. Throws on an invalid entry (a caller's bug). */
  record(input: JournalEntryInput): void {
    const entry = JournalEntry.parse({ ...input, at: input.at ?? new Date() });
    const line = `${JSON.stringify(entry)}\n`;
    writeSync(this.fd, line);
    fsyncSync(this.fd);
    this.size += Buffer.byteLength(line);
    this.fold(entry);
    if (this.size > this.compactAt) this.compact();
  }

  /** Attempts not yet done, oldest claim first: what reconciliation looks at on start. */
  unfinished(): AttemptRecord[] {
    return [...this.attempts.values()].map(copy);
  }

  /** Outcomes the database has not got yet; the engine writes them (fenced) on reconnect, then `markWritten`. */
  pendingOutcomes(): AttemptRecord[] {
    return this.unfinished().filter((a) => a.outcome && !a.outcome.written);
  }

  attempt(printJobId: string): AttemptRecord | undefined {
    const found = this.attempts.get(printJobId);
    return found && copy(found);
  }

  markWritten(printJobId: string): void {
    const attempt = this.attempts.get(printJobId);
    if (!attempt) return;
    this.record({ kind: 'written', printJobId, orderId: attempt.orderId });
  }

  markDone(printJobId: string, reason?: string): void {
    const attempt = this.attempts.get(printJobId);
    if (!attempt) return;
    this.record({ kind: 'done', printJobId, orderId: attempt.orderId, reason });
  }

  /** Rewrites the journal with only the attempts not done. */
  compact(): void {
    const tmp = `${this.path}.tmp`;
    const lines = [...this.attempts.values()]
      .flatMap(entriesOf)
      .map((e) => `${JSON.stringify(e)}\n`)
      .join('');
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, lines);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    closeSync(this.fd);
    renameSync(tmp, this.path);
    syncFolder(join(this.path, '..'));
    this.fd = openSync(this.path, 'a');
    this.size = Buffer.byteLength(lines);
    // Many unfinished attempts would otherwise make every record compact again.
    this.compactAt = Math.max(this.options.compactAtBytes, this.size * 2);
  }

  close(): void {
    closeSync(this.fd);
  }

  private fold(entry: JournalEntry) {
    if (entry.kind === 'done') {
      this.attempts.delete(entry.printJobId);
      return;
    }
    let a = this.attempts.get(entry.printJobId);
    if (!a) {
      a = { printJobId: entry.printJobId, orderId: entry.orderId, stage: 'claimed' };
      this.attempts.set(entry.printJobId, a);
    }
    switch (entry.kind) {
      case 'claimed': {
        const { docId, printerId, systemName, attempt, orderCreatedAt } = entry;
        Object.assign(a, { docId, printerId, systemName: systemName ?? a.systemName, attempt, orderCreatedAt, claimedAt: entry.at });
        break;
      }
      case 'submitting':
        Object.assign(a, {
          stage: a.stage === 'submitted' ? 'submitted' : 'submitting',
          systemName: entry.systemName,
          submittingAt: entry.at,
        });
        break;
      case 'submitted':
        // Stations before this one journaled "submitting" as a `submitted` entry without a spool id: read it as one
        // (compaction then writes it as a `submitting` entry).
        if (!entry.spoolJobId) {
          Object.assign(a, {
            stage: a.stage === 'submitted' ? 'submitted' : 'submitting',
            systemName: entry.systemName,
            submittingAt: entry.at,
          });
          break;
        }
        a.stage = 'submitted';
        a.systemName = entry.systemName;
        a.submitted = { spoolJobId: entry.spoolJobId, systemName: entry.systemName, at: entry.at };
        break;
      case 'outcome': {
        const { outcome, code, message, nextAttemptAt, completedAt, written, at } = entry;
        a.outcome = { outcome, code, message, nextAttemptAt, completedAt, written, at };
        break;
      }
      case 'written':
        if (a.outcome) a.outcome.written = true;
        break;
    }
  }
}

function parseLine(line: string): JournalEntry | undefined {
  try {
    const parsed = JournalEntry.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The entries that rebuild `a` exactly, for compaction. */
function entriesOf(a: AttemptRecord): JournalEntry[] {
  const ref = { printJobId: a.printJobId, orderId: a.orderId };
  const entries: JournalEntry[] = [];
  if (a.docId !== undefined && a.printerId !== undefined && a.claimedAt) {
    const { docId, printerId, systemName, attempt, orderCreatedAt } = a;
    entries.push({ kind: 'claimed', ...ref, at: a.claimedAt, docId, printerId, systemName, attempt, orderCreatedAt });
  }
  if (a.submittingAt && a.systemName) entries.push({ kind: 'submitting', ...ref, at: a.submittingAt, systemName: a.systemName });
  if (a.submitted) entries.push({ kind: 'submitted', ...ref, ...a.submitted });
  if (a.outcome) entries.push({ kind: 'outcome', ...ref, ...a.outcome });
  return entries;
}

function copy(a: AttemptRecord): AttemptRecord {
  return { ...a, submitted: a.submitted && { ...a.submitted }, outcome: a.outcome && { ...a.outcome } };
}

/** A rename or a new file is durable only once its folder is synced (not possible on Windows: skipped there). */
function syncFolder(dir: string) {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory; NTFS journals the rename itself
  }
}

/** The order's `_id` as the journal stores it. */
export function toJournalDocId(id: unknown): JournalDocId {
  if (id instanceof ObjectId) return { $oid: id.toHexString() };
  if (typeof id === 'string' || typeof id === 'number') return id;
  if (id === null || id === undefined) throw new Error('an order without an _id cannot be journaled');
  return BSON.EJSON.serialize(id, { relaxed: false }) as JournalDocId;
}

/** Back to the value the fenced database writes filter on. */
export function fromJournalDocId(docId: JournalDocId): unknown {
  return typeof docId === 'object' ? BSON.EJSON.deserialize(docId, { relaxed: false }) : docId;
}
