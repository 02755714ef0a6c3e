/**
 * The failure policy (DESIGN §6, seed 000's retry table) as data, and the one function that applies it.
 * The engine classifies a failure, calls `decideAfterFailure`, and writes what it says: retry (back to pending,
 * `nextAttemptAt = now + delayMs`) or fail, and what happens to the printer that hit it.
 *
 * Limits count failures of one class on one order (`failureCounts.<class>`, kept by the repository on every
 * give-back, DESIGN §4), not claims: a bounce (the printer stopped being ready between check and claim) is not the
 * order's fault and counts nothing, and four jams do not use up the network retries. A person's re-queue starts
 * the counts again.
 */
import type { FailureClass, PrintErrorCode } from './domain';

export type PrinterConsequence = 'keep' | 'error' | 'offline';

export type FailureDecision =
  | { kind: 'retry'; delayMs: number; printer: PrinterConsequence }
  | { kind: 'fail'; code: PrintErrorCode; message: string; printer: PrinterConsequence };

interface FailureRule {
  /** How long to wait before the next attempt; `null` = never retry. `count` (failures of this class) counts from 1. */
  delayMs: ((count: number) => number) | null;
  /** Failures of this class after which the order fails as exhausted; `null` = no limit for this class. */
  maxAttempts: number | null;
  /** How the exhausted message explains the limit, when "gave up after N attempts" would mislead. */
  exhaustedBecause?: string;
  printer: PrinterConsequence;
  what: string;
}

export const NETWORK_BACKOFF = { firstDelayMs: 15_000, maxDelayMs: 10 * 60_000 } as const;

export const FAILURE_POLICY: Record<FailureClass, FailureRule> = {
  network: {
    // 15 s, 30 s, 60 s, 120 s: long enough for a shop CDN hiccup or a database election to pass.
    delayMs: (attempt) => Math.min(NETWORK_BACKOFF.firstDelayMs * 2 ** (attempt - 1), NETWORK_BACKOFF.maxDelayMs),
    maxAttempts: 5,
    printer: 'keep',
    what: 'back to pending with exponential backoff',
  },
  printer_jam: {
    // No delay: the printer sits in `error` until a person clears it, and then the order should print at once
    // (here or on another printer that is ready).
    delayMs: () => 0,
    maxAttempts: 3,
    printer: 'error',
    what: 'printer to error until recovered; the order is retried at once',
  },
  printer_offline: {
    // Usually the order did nothing wrong: it goes to another printer at once, and this printer stops claiming.
    // But a file a driver chokes on (a PDF SumatraPDF cannot open) takes printer after printer offline; the third
    // one stops it.
    delayMs: () => 0,
    maxAttempts: 3,
    printer: 'offline',
    what: 'released at once for another printer; this printer to offline; failed on the third printer',
    exhaustedBecause: 'printer after printer went offline while printing it, so the file may be at fault',
  },
  interrupted: {
    // The station stopped (quit, crash, lost lease) before the job reached the printer: nothing printed, so the
    // order goes straight back. A file that crashes the station each time must not loop for ever.
    delayMs: () => 0,
    maxAttempts: 5,
    printer: 'keep',
    what: 'back to pending at once; failed after the fifth interruption',
    exhaustedBecause: 'the station stopped before the job reached the printer each time; the file may crash it',
  },
  invalid_data: { delayMs: null, maxAttempts: 1, printer: 'keep', what: 'failed at once, no retry' },
  capability_mismatch: { delayMs: null, maxAttempts: 1, printer: 'keep', what: 'failed, the message names the requirement' },
  exhausted: { delayMs: null, maxAttempts: 1, printer: 'keep', what: 'failed with the last error' },
};

/**
 * What to do after an attempt failed. `countOfThisClass` is how many failures of `failureClass` the order has had
 * including this one (`(order.failureCounts?.[class] ?? 0) + 1`), not its `printAttempt`; `message` is the
 * operator-readable sentence of that failure.
 */
export function decideAfterFailure(failureClass: FailureClass, countOfThisClass: number, message: string): FailureDecision {
  const rule = FAILURE_POLICY[failureClass];
  if (rule.delayMs === null) return { kind: 'fail', code: failureClass, message, printer: rule.printer };
  if (isExhausted(failureClass, countOfThisClass)) {
    return { kind: 'fail', code: 'exhausted', message: exhaustedMessage(failureClass, countOfThisClass, message), printer: rule.printer };
  }
  return { kind: 'retry', delayMs: rule.delayMs(Math.max(1, countOfThisClass)), printer: rule.printer };
}

/** True when `count` failures of this class use up its limit (the repository asks this on its own give-backs). */
export function isExhausted(failureClass: FailureClass, count: number): boolean {
  const limit = FAILURE_POLICY[failureClass].maxAttempts;
  return limit !== null && count >= limit;
}

export function exhaustedMessage(failureClass: FailureClass, count: number, lastError: string): string {
  const rule = FAILURE_POLICY[failureClass];
  const why = rule.exhaustedBecause ? `: ${rule.exhaustedBecause}` : '';
  return `gave up after ${count} ${failureClass} failures (${failureClass} allows ${rule.maxAttempts})${why}; last error: ${lastError}`;
}
