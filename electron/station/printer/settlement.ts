/**
 * How an attempt's end becomes what is written to the order and what happens to the printer: pure, so the loop
 * and reconciliation apply the same failure policy (shared/failurePolicy.ts) and the same printer events.
 */
import type { PrintErrorCode } from '../../../shared/domain';
import { decideAfterFailure } from '../../../shared/failurePolicy';
import type { EventCause, PrinterEvent } from '../../../shared/printerStateMachine';
import type { Attempt, Outcome } from './attempt';
import type { JobEnd } from './printJob';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface Settlement {
  /** What the order gets (journaled, then written); none when nothing is to be written. */
  outcome?: Outcome;
  /** The printer's event, without its cause's details filled in by the loop. */
  event?: DistributiveOmit<PrinterEvent, 'cause'> & { cause: EventCause };
  /** The printer stays unusable until it proves otherwise (jam, offline). */
  printerUnhealthy: boolean;
  /** A person must answer "did it print?". */
  unknown: boolean;
  lastError?: { code: PrintErrorCode; message: string };
  log: { level: 'info' | 'warn'; message: string };
}

export function settle(end: JobEnd, attempt: Attempt, printerName: string, now = Date.now()): Settlement {
  const ref = { orderId: attempt.orderId, printJobId: attempt.printJobId };
  const station: EventCause = { kind: 'station' };
  const spooler: EventCause = { kind: 'spooler' };
  const base = { printerUnhealthy: false, unknown: false };
  switch (end.kind) {
    case 'printed':
      return {
        ...base,
        outcome: { kind: 'printed', completedAt: end.completedAt, ...(end.unconfirmed ? { unconfirmed: end.unconfirmed } : {}) },
        event: { type: 'job_done', ...ref, cause: spooler },
        log: end.unconfirmed
          ? { level: 'warn', message: `Order ${attempt.orderId} sent to ${printerName} without confirmation: ${end.unconfirmed}` }
          : { level: 'info', message: `Order ${attempt.orderId} printed on ${printerName}` },
      };
    case 'abandoned':
      return {
        ...base,
        event: { type: 'job_released', ...ref, reason: end.reason, cause: station },
        log: { level: 'info', message: `Gave up order ${attempt.orderId} before printing: ${end.reason}` },
      };
    case 'cancelled':
      return {
        ...base,
        outcome: { kind: 'cancelled', message: end.message },
        event: { type: 'job_released', ...ref, reason: end.message, cause: spooler },
        log: { level: 'info', message: `Order ${attempt.orderId} cancelled: ${end.message}` },
      };
    case 'left':
      return { ...base, log: { level: 'info', message: `Order ${attempt.orderId} left to the journal: ${end.reason}` } };
    case 'withdrawn':
      return {
        ...base,
        event: { type: 'job_released', ...ref, reason: `${end.reason}; its spool job was cancelled`, cause: station },
        log: { level: 'warn', message: `${end.reason}: its spool job on ${printerName} was cancelled and is gone` },
      };
    case 'stray': {
      const question = strayQuestion(attempt.orderId, printerName, end);
      return {
        ...base,
        event: { type: 'fault', reason: question, cause: station },
        lastError: { code: 'outcome_unknown', message: question },
        log: { level: 'warn', message: question },
      };
    }
    case 'unknown':
      return {
        ...base,
        unknown: true,
        outcome: { kind: 'needs_attention', message: end.message },
        event: { type: 'fault', reason: end.message, cause: station },
        lastError: { code: 'outcome_unknown', message: end.message },
        log: { level: 'warn', message: end.message },
      };
    case 'failed': {
      // Each class counts on its own: four bounces off offline printers do not use up a network error's tries.
      const decision = decideAfterFailure(end.failureClass, (attempt.failureCounts?.[end.failureClass] ?? 0) + 1, end.message);
      const cause = end.submitted ? spooler : station;
      const outcome: Outcome =
        decision.kind === 'retry'
          ? {
              kind: 'retry',
              code: end.failureClass,
              message: end.message,
              nextAttemptAt: decision.delayMs > 0 ? new Date(now + decision.delayMs) : null,
            }
          : { kind: 'failed', code: decision.code, message: decision.message };
      const event: Settlement['event'] =
        decision.printer === 'error'
          ? { type: 'fault', reason: end.message, cause }
          : decision.printer === 'offline'
            ? { type: 'went_offline', reason: end.message, cause }
            : decision.kind === 'retry'
              ? { type: 'job_failed_retry', ...ref, reason: end.message, cause }
              : { type: 'job_released', ...ref, reason: end.message, cause };
      return {
        ...base,
        outcome,
        event,
        printerUnhealthy: decision.printer !== 'keep',
        lastError: { code: decision.kind === 'fail' ? decision.code : end.failureClass, message: end.message },
        log: { level: 'warn', message: `Order ${attempt.orderId} failed (${end.failureClass}): ${end.message} -> ${decision.kind}` },
      };
    }
  }
}

/** The operator's question when a job of an order this station lost may still print. */
export function strayQuestion(orderId: string, printerName: string, end: { reason: string; detail?: string }): string {
  return `A copy of order ${orderId} may still come out of printer ${printerName}: ${end.reason}, and ${end.detail ?? 'its spool job could not be cancelled'}. Cancel it at the printer or take the copy out, then mark the printer recovered.`;
}
