/**
 * What the order core writes, apart from the filters: the update an operator action makes, and the print_logs
 * entries of station and operator. Pure functions of their inputs (the clock is passed in), so the repository
 * reads as "which order, on which condition" and this file as "what changes".
 */
import type { Document, UpdateFilter } from 'mongodb';
import type { Actor, PrintLogAction, PrintStatus, TransitionSource } from '../../shared/domain';
import { OPERATOR_RULES, type OperatorAction } from '../../shared/lifecycle';
import type { PrintLogEntry } from './printLogRepository';

/** Fields that belong to one claim; cleared ($unset, never null: the printJobId index is sparse) when an order goes back to the queue. */
export const OWNERSHIP = { printJobId: '', printingBy: '', printPhase: '', leaseExpiresAt: '', leaseRenewedAt: '', leaseMs: '' } as const;

/** The lease of an attempt that ended (kept: printJobId, for the record). */
export const LEASE = { leaseExpiresAt: '', leaseRenewedAt: '', leaseMs: '' } as const;

/** The parts of a fence an entry needs (kept structural so this file does not import the repository). */
interface Attempt {
  orderId: string;
  printJobId: string;
}

export function operatorUpdate(action: OperatorAction, to: PrintStatus, actor: Actor, now: Date): UpdateFilter<Document> {
  const by = actor.adminEmail ?? actor.adminId ?? actor.stationId ?? actor.source;
  if (action === 'cancel' && to === 'printing') return { $set: { cancelRequestedAt: now } };
  if (action === 'confirmRetrieval') return { $set: { retrievedAt: now, retrievedBy: by } };
  if (to === 'pending') {
    // A person re-queued it: a fresh set of attempts (the log keeps the history of the earlier ones).
    const $set: Document = { printStatus: 'pending', printAttempt: 0 };
    // ... and a fresh count per failure class (DESIGN §6): the person has decided the order deserves another go.
    const $unset: Document = {
      ...OWNERSHIP,
      printError: '',
      printErrorCode: '',
      nextAttemptAt: '',
      cancelRequestedAt: '',
      printCompletedAt: '',
      failureCounts: '',
    };
    if (action === 'rejectRetrieval') Object.assign($set, { retrievedAt: now, retrievedBy: by });
    else $unset.retrievedAt = '';
    return { $set, $unset };
  }
  if (to === 'cancelled') return { $set: { printStatus: 'cancelled' }, $unset: { leaseExpiresAt: '', nextAttemptAt: '' } };
  return {
    $set: { printStatus: 'printed', printCompletedAt: now },
    $unset: { leaseExpiresAt: '', nextAttemptAt: '', printError: '', printErrorCode: '' },
  };
}

export function stationEntry(
  at: Date,
  action: PrintLogAction,
  fence: Attempt,
  previousStatus: PrintStatus | null,
  newStatus: PrintStatus | null,
  more: { source?: TransitionSource; reason?: string; stationId?: string; printerId?: string; metadata?: Record<string, unknown> } = {},
): PrintLogEntry {
  return {
    action,
    orderId: fence.orderId,
    printJobId: fence.printJobId,
    previousStatus,
    newStatus,
    reason: more.reason ?? null,
    source: more.source ?? 'station',
    stationId: more.stationId ?? null,
    printerId: more.printerId ?? null,
    timestamp: at,
    ...(more.metadata ? { metadata: more.metadata } : {}),
  };
}

export function operatorEntry(
  at: Date,
  action: OperatorAction,
  orderId: string,
  printJobId: string | undefined,
  previousStatus: PrintStatus | undefined,
  newStatus: PrintStatus | undefined,
  actor: Actor,
  reason?: string,
  metadata?: Record<string, unknown>,
): PrintLogEntry {
  return {
    action: action === 'cancel' && previousStatus === 'printing' ? 'cancel_requested' : OPERATOR_RULES[action].log,
    orderId,
    printJobId: printJobId ?? null,
    adminId: actor.adminId ?? null,
    adminEmail: actor.adminEmail ?? null,
    previousStatus: previousStatus ?? null,
    newStatus: newStatus ?? null,
    reason: reason ?? null,
    source: actor.source,
    stationId: actor.stationId ?? null,
    timestamp: at,
    metadata: { operatorAction: action, ...metadata },
  };
}
