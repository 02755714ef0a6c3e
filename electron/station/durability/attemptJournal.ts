/**
 * The engine's view of the journal (journal.ts): the attempt stages and outcomes the printer loop speaks, mapped
 * onto the journal's entries, one word for one thing (claimed → submitting → submitted: AttemptStage in attempt.ts).
 * Two things need a word:
 *   - a carried-out cancel is a `failed` outcome with code `cancelled` (the journal has no outcome of its own for it).
 *   - a `needs_attention` outcome is not done once written: it is the open question "did order X print?", and
 *     only `answered` ends it (DESIGN §5: only a person takes a printer out of error, however often it restarts).
 */
import { Journal, fromJournalDocId, toJournalDocId, type AttemptRecord } from './journal';
import type { Attempt, AttemptJournal, Outcome, PendingOutcome, UnfinishedAttempt } from '../printer/attempt';

export function openAttemptJournal(dir: string, systemNameOf: (printerId: string) => string | undefined): AttemptJournal {
  const journal = Journal.open(dir);
  const attemptOf = (r: AttemptRecord): Attempt | undefined => {
    if (r.docId === undefined || !r.printerId) return undefined;
    return {
      printJobId: r.printJobId,
      orderId: r.orderId,
      orderKey: fromJournalDocId(r.docId),
      printerId: r.printerId,
      systemName: r.submitted?.systemName || r.systemName || systemNameOf(r.printerId) || '',
      attemptNo: r.attempt ?? 1,
      claimedAt: r.claimedAt ?? new Date(),
      ...(r.orderCreatedAt ? { orderCreatedAt: r.orderCreatedAt } : {}),
    };
  };
  const ref = (a: Attempt) => ({ printJobId: a.printJobId, orderId: a.orderId });

  return {
    async claimed(a) {
      journal.record({
        kind: 'claimed',
        ...ref(a),
        docId: toJournalDocId(a.orderKey),
        printerId: a.printerId,
        systemName: a.systemName,
        attempt: a.attemptNo,
        ...(a.orderCreatedAt ? { orderCreatedAt: a.orderCreatedAt } : {}),
      });
    },
    async submitting(a) {
      journal.record({ kind: 'submitting', ...ref(a), systemName: a.systemName });
    },
    async submitted(a, spoolJobId) {
      journal.record({ kind: 'submitted', ...ref(a), spoolJobId, systemName: a.systemName });
    },
    async outcome(a, outcome) {
      if (!journal.attempt(a.printJobId)) await this.claimed(a);
      journal.record({ kind: 'outcome', ...ref(a), written: false, ...toEntry(outcome) });
    },
    async abandoned(a) {
      journal.markDone(a.printJobId);
    },
    async written(printJobId) {
      // Written means nothing is left to do for that attempt, except when a person still has to say whether it
      // printed: the question is the printer's reason to stay in error, and must outlive the next power cut too.
      if (journal.attempt(printJobId)?.outcome?.outcome === 'needs_attention') journal.markWritten(printJobId);
      else journal.markDone(printJobId);
    },
    async openQuestions() {
      return journal
        .unfinished()
        .filter((r) => r.outcome?.outcome === 'needs_attention')
        .flatMap((r) => {
          const a = attemptOf(r);
          return a ? [a] : [];
        });
    },
    async answered(printJobId, answer) {
      journal.markDone(printJobId, answer);
    },
    async unfinished() {
      return journal
        .unfinished()
        .filter((r) => !r.outcome)
        .flatMap((r): UnfinishedAttempt[] => {
          const a = attemptOf(r);
          if (!a) return [];
          return [{ ...a, stage: r.stage, ...(r.submitted ? { spoolJobId: r.submitted.spoolJobId } : {}) }];
        });
    },
    async pendingOutcomes() {
      return journal.pendingOutcomes().flatMap((r): PendingOutcome[] => {
        const attempt = attemptOf(r);
        return attempt && r.outcome ? [{ attempt, outcome: fromEntry(r.outcome) }] : [];
      });
    },
    async compact() {
      journal.compact();
    },
    async close() {
      journal.close();
    },
  };
}

function toEntry(o: Outcome) {
  switch (o.kind) {
    case 'printed':
      return { outcome: 'printed' as const, at: o.completedAt, ...(o.unconfirmed ? { message: o.unconfirmed } : {}) };
    case 'retry':
      return { outcome: 'released' as const, code: o.code, message: o.message, nextAttemptAt: o.nextAttemptAt };
    case 'failed':
      return { outcome: 'failed' as const, code: o.code, message: o.message };
    case 'needs_attention':
      return { outcome: 'needs_attention' as const, message: o.message };
    case 'cancelled':
      return { outcome: 'failed' as const, code: 'cancelled' as const, message: o.message };
  }
}

function fromEntry(o: NonNullable<AttemptRecord['outcome']>): Outcome {
  switch (o.outcome) {
    case 'printed':
      return { kind: 'printed', completedAt: o.at, ...(o.message ? { unconfirmed: o.message } : {}) };
    case 'released':
      return { kind: 'retry', code: o.code ?? 'network', message: o.message ?? 'released', nextAttemptAt: o.nextAttemptAt ?? null };
    case 'failed':
      return o.code === 'cancelled'
        ? { kind: 'cancelled', message: o.message ?? 'cancelled' }
        : { kind: 'failed', code: o.code ?? 'exhausted', message: o.message ?? 'failed' };
    case 'needs_attention':
      return { kind: 'needs_attention', message: o.message ?? 'outcome unknown' };
    default:
      // An outcome kind this version does not know: a person should look at the order.
      return { kind: 'needs_attention', message: `${o.message ?? 'unknown outcome'} (${String(o.outcome)})` };
  }
}
