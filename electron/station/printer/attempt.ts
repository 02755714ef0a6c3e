/**
 * The vocabulary shared by the printer loop, the journal, the outcome queue and reconciliation: one attempt
 * (= one claim = one printJobId) and how it ended.
 */
import type { PrintErrorCode } from '../../../shared/domain';
import type { Fence } from '../../db/orderRepository';

export interface Attempt {
  printJobId: string;
  orderId: string;
  /** The order's `_id`, as the database gave it (fenced writes filter on it). */
  orderKey: unknown;
  printerId: string;
  systemName: string;
  /** `printAttempt` after this claim: what the failure policy counts. */
  attemptNo: number;
  claimedAt: Date;
  /** When the shop created the order: the metrics' print start delay. */
  orderCreatedAt?: Date;
  /** The order's failures per class before this attempt (the failure policy counts each class on its own). */
  failureCounts?: Partial<Record<string, number>> | null;
}

/**
 * How far an attempt got, as the journal knows it: `claimed`, then `submitting` (fsync'd right before the spooler
 * call: from here on paper may come out, the submit may or may not have happened), then `submitted` (with the
 * spooler's job id).
 */
export type AttemptStage = 'claimed' | 'submitting' | 'submitted';

export interface UnfinishedAttempt extends Attempt {
  stage: AttemptStage;
  spoolJobId?: string;
}

/** What must be written to the order when the database answers. */
export type Outcome =
  /** `unconfirmed`: sent, but the printer could not confirm it printed (stored as printedUnconfirmed + printNote). */
  | { kind: 'printed'; completedAt: Date; unconfirmed?: string }
  /** `counts: false` for a bounce that is not the order's fault (the printer stopped being ready before it began). */
  | { kind: 'retry'; code: PrintErrorCode; message: string; nextAttemptAt: Date | null; counts?: boolean }
  | { kind: 'failed'; code: PrintErrorCode; message: string }
  | { kind: 'needs_attention'; message: string }
  | { kind: 'cancelled'; message: string };

export interface PendingOutcome {
  attempt: Attempt;
  outcome: Outcome;
}

export function fenceOf(attempt: Pick<Attempt, 'orderKey' | 'orderId' | 'printJobId'>): Fence {
  return { _id: attempt.orderKey, orderId: attempt.orderId, printJobId: attempt.printJobId };
}

/** What the loop, reconciliation and the queue need from the on-disk journal (adapter: attemptJournal.ts). */
export interface AttemptJournal {
  /** Written right after the claim: on restart an attempt that got no further is released at once. */
  claimed(attempt: Attempt): Promise<void>;
  /** Written (fsync'd) before the job is handed to the spooler: the last step that can be undone. */
  submitting(attempt: Attempt): Promise<void>;
  /** Written once the spooler took the job, with its own id. */
  submitted(attempt: Attempt, spoolJobId: string): Promise<void>;
  /** The attempt is over; the outcome waits until written. */
  outcome(attempt: Attempt, outcome: Outcome): Promise<void>;
  /** The attempt is over and there is nothing to write (lost ownership, released on shutdown). */
  abandoned(attempt: Attempt, reason: string): Promise<void>;
  /**
   * The outcome reached the database (or can never be written). A `needs_attention` outcome is a question to a
   * person ("did order X print?"): written, it stays in the journal until `answered`, through any number of restarts.
   */
  written(printJobId: string): Promise<void>;
  /** Attempts whose question nobody has answered yet, oldest first: each keeps its printer in `error`. */
  openQuestions(): Promise<Attempt[]>;
  /** A person answered "did it print?" (at this station, or at another one as seen on the order). */
  answered(printJobId: string, answer: string): Promise<void>;
  unfinished(): Promise<UnfinishedAttempt[]>;
  pendingOutcomes(): Promise<PendingOutcome[]>;
  compact(): Promise<void>;
  close(): Promise<void>;
}
