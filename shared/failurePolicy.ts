/**
 * The failure policy (DESIGN §6, seed 000's retry table) as data, and the one function that applies it.
 * The engine classifies a failure, calls `decideAfterFailure`, and writes what it says: retry (back to pending,
 * `nextAttemptAt = now + delayMs`) or fail, and what happens to the printer that hit it.
 */
import type { FailureClass, PrintErrorCode } from './domain';

export type PrinterConsequence = 'keep' | 'error' | 'offline';

export type FailureDecision =
  | { kind: 'retry'; delayMs: number; printer: PrinterConsequence }
  | { kind: 'fail'; code: PrintErrorCode; message: string; printer: PrinterConsequence };

interface FailureRule {
  /** How long to wait before the next attempt; `null` = never retry. `attempt` counts from 1. */
  delayMs: ((attempt: number) => number) | null;
  /** Attempts (claims) after which the order fails as exhausted; `null` = no limit for this class. */
  maxAttempts: number | null;
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
    // The order did nothing wrong: it goes to another printer at once, and this printer stops claiming.
    // No limit, because the attempt count measures the printer here, not the order.
    delayMs: () => 0,
    maxAttempts: null,
    printer: 'offline',
    what: 'released at once for another printer; this printer to offline',
  },
  invalid_data: { delayMs: null, maxAttempts: 1, printer: 'keep', what: 'failed at once, no retry' },
  capability_mismatch: { delayMs: null, maxAttempts: 1, printer: 'keep', what: 'failed, the message names the requirement' },
  exhausted: { delayMs: null, maxAttempts: 1, printer: 'keep', what: 'failed with the last error' },
};

/**
 * What to do after an attempt failed. `attemptsSoFar` is the order's `printAttempt` including the attempt that
 * just failed; `message` is the operator-readable sentence of that failure.
 */
export function decideAfterFailure(failureClass: FailureClass, attemptsSoFar: number, message: string): FailureDecision {
  const rule = FAILURE_POLICY[failureClass];
  if (rule.delayMs === null) return { kind: 'fail', code: failureClass, message, printer: rule.printer };
  if (rule.maxAttempts !== null && attemptsSoFar >= rule.maxAttempts) {
    return {
      kind: 'fail',
      code: 'exhausted',
      message: `gave up after ${attemptsSoFar} attempts (${failureClass} allows ${rule.maxAttempts}); last error: ${message}`,
      printer: rule.printer,
    };
  }
  return { kind: 'retry', delayMs: rule.delayMs(Math.max(1, attemptsSoFar)), printer: rule.printer };
}
