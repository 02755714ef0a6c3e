/**
 * Outcomes go to the journal first and to the database second. While the database is away they wait in the journal
 * (they survive a restart there) and are written, fenced by printJobId, once it answers again; the order core
 * accepts a late "printed" or "failed" even after the reaper moved the order to needs_attention. A write the
 * database refuses for good (not a link error) is logged and left in the journal for a person; it does not hold up
 * the outcomes behind it.
 */
import type { OrderRepository, FencedResult } from '../../db/orderRepository';
import { fenceOf, type Attempt, type AttemptJournal, type Outcome, type PendingOutcome } from '../printer/attempt';
import { isLinkError } from '../link/databaseLink';
import type { StationContext } from '../stationContext';

export interface OutcomeQueueOptions extends Pick<StationContext, 'link' | 'logger'> {
  orders: OrderRepository;
  journal: AttemptJournal;
  /** Bound on one write, so a half-open socket cannot hold the loop. */
  writeTimeoutMs: number;
  /** While outcomes wait, how often to try again (besides on reconnect). */
  retryMs: number;
  /** Told when an outcome could not be written because the order is no longer ours. */
  onLostOwnership?: (pending: PendingOutcome) => void;
  onChange?: () => void;
}

export class OutcomeQueue {
  private readonly waiting = new Map<string, PendingOutcome>();
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly offLink: () => void;

  constructor(private readonly options: OutcomeQueueOptions) {
    this.offLink = options.link.onChange((state) => {
      if (state === 'online') void this.flush();
    });
  }

  get size(): number {
    return this.waiting.size;
  }

  /** Reloads outcomes a previous run journaled but never wrote. */
  async load(): Promise<void> {
    for (const pending of await this.options.journal.pendingOutcomes()) {
      this.waiting.set(pending.attempt.printJobId, pending);
    }
    if (this.waiting.size) this.options.logger.info(`${this.waiting.size} outcome(s) from the journal wait to be written`);
    this.scheduleRetry();
  }

  /** Journals the outcome (durable before anything else happens) and tries to write it now. */
  async record(attempt: Attempt, outcome: Outcome): Promise<void> {
    await this.options.journal.outcome(attempt, outcome);
    const pending = { attempt, outcome };
    this.waiting.set(attempt.printJobId, pending);
    this.options.onChange?.();
    if (this.options.link.state !== 'offline') await this.writeOne(pending);
    this.scheduleRetry();
  }

  /** Writes everything waiting, oldest first; stops at the first link failure. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    const run = async () => {
      try {
        for (const pending of [...this.waiting.values()]) {
          if (!(await this.writeOne(pending))) break;
        }
      } finally {
        this.flushing = undefined;
        this.scheduleRetry();
      }
    };
    // Assigned before the first await inside run() can finish, so `flushing` never outlives the flush.
    const promise = Promise.resolve().then(run);
    this.flushing = promise;
    return promise;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.offLink();
  }

  /** true when the outcome is settled (written, or can never be written); false when the link failed. */
  private async writeOne(pending: PendingOutcome): Promise<boolean> {
    const { orders, link, journal, logger, writeTimeoutMs } = this.options;
    const { attempt, outcome } = pending;
    let result: FencedResult;
    try {
      result = await link.run(`the outcome of order ${attempt.orderId}`, () => write(orders, attempt, outcome), writeTimeoutMs);
    } catch (error) {
      if (isLinkError(error)) {
        logger.debug(`Outcome of order ${attempt.orderId} not written yet: ${(error as Error).message}`, { orderId: attempt.orderId });
        return false;
      }
      // The database answered and refused this write for good: retrying it would block every later outcome.
      // It stays in the journal (reloaded on the next start) for a person to look at; the queue moves on.
      this.waiting.delete(attempt.printJobId);
      this.options.onChange?.();
      logger.error(
        `The database refused the outcome of order ${attempt.orderId} (${outcome.kind}): ${(error as Error).message}. It stays in the station's journal; check the order by hand.`,
        { orderId: attempt.orderId, printerId: attempt.printerId },
      );
      return true;
    }
    if (!this.waiting.has(attempt.printJobId)) return true; // written by a concurrent flush
    this.waiting.delete(attempt.printJobId);
    await journal.written(attempt.printJobId);
    this.options.onChange?.();
    if (!result.ok) {
      logger.warn(`Order ${attempt.orderId} is no longer this station's; its outcome (${outcome.kind}) was not recorded on it`, {
        orderId: attempt.orderId,
        printerId: attempt.printerId,
      });
      this.options.onLostOwnership?.(pending);
    }
    return true;
  }

  private scheduleRetry(): void {
    if (this.timer || this.waiting.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.options.link.state !== 'offline') void this.flush();
      else this.scheduleRetry();
    }, this.options.retryMs);
    this.timer.unref();
  }
}

function write(orders: OrderRepository, attempt: Attempt, outcome: Outcome): Promise<FencedResult> {
  const fence = fenceOf(attempt);
  switch (outcome.kind) {
    case 'printed':
      return orders.completePrinted(fence, { completedAt: outcome.completedAt, source: 'station', unconfirmed: outcome.unconfirmed });
    case 'retry':
      return orders.releaseForRetry(fence, {
        code: outcome.code,
        message: outcome.message,
        nextAttemptAt: outcome.nextAttemptAt,
        counts: outcome.counts,
      });
    case 'failed':
      return orders.failOrder(fence, { code: outcome.code, message: outcome.message });
    case 'needs_attention':
      return orders.flagNeedsAttention(fence, outcome.message);
    case 'cancelled':
      return orders.completeCancelled(fence, outcome.message);
  }
}
