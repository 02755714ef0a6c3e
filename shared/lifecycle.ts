/**
 * The order lifecycle (DESIGN §4) as data: which `printStatus` may follow which, who may cause it, and what each
 * operator action does from each status. The repositories ask these tables before they write; nothing else decides.
 *
 *   pending ──claim──► printing ──done──► printed ──"bad, reprint"──► pending
 *      ▲                 │  │  └──fault──► failed / needs_attention (a person decides)
 *      └──release/reap───┘  └──cancel request carried out──► cancelled
 */
import { z } from 'zod';
import type { PrintLogAction, PrintStatus, TransitionSource } from './domain';
import type { Result } from './result';

type Move = { from: PrintStatus; to: PrintStatus; by: readonly TransitionSource[]; why: string };

/** Every status change that may happen, and who may make it. Anything not listed is refused. */
export const TRANSITIONS: readonly Move[] = [
  { from: 'pending', to: 'printing', by: ['station'], why: 'a ready printer claimed it' },
  { from: 'pending', to: 'failed', by: ['station'], why: 'malformed (invalid_data) or no printer can print it (capability_mismatch)' },
  {
    from: 'pending',
    to: 'cancelled',
    by: ['operator', 'shop', 'station'],
    why: 'cancelled before printing (the station: a cancel request left on a pending order, which the claim never takes)',
  },
  { from: 'pending', to: 'printed', by: ['operator'], why: 'force printed (printed by hand elsewhere)' },

  { from: 'printing', to: 'printed', by: ['station', 'operator'], why: 'the spooler finished the job, or force printed' },
  {
    from: 'printing',
    to: 'pending',
    by: ['station', 'reaper', 'operator'],
    why: 'released before the spooler got it, lease expired before submit, shutdown, or reset stuck',
  },
  // Every give-back (station retry or shutdown, reaper) counts toward the policy's limits and honours a cancel
  // request in the same write, so the reaper too may end an order failed (interruptions exhausted) or cancelled.
  {
    from: 'printing',
    to: 'failed',
    by: ['station', 'reaper'],
    why: "a failure the policy does not retry, or a class's failures exhausted",
  },
  {
    from: 'printing',
    to: 'needs_attention',
    by: ['station', 'reaper'],
    why: 'it may have printed and nobody can tell (or it prints with no lease)',
  },
  {
    from: 'printing',
    to: 'cancelled',
    by: ['station', 'reaper'],
    why: 'a cancel request carried out, or honoured when the order was given back',
  },

  // Outcomes kept in a station's journal while the database was away arrive late, after the reaper flagged them.
  { from: 'needs_attention', to: 'printed', by: ['station', 'operator'], why: 'the journal or a person says it printed' },
  { from: 'needs_attention', to: 'failed', by: ['station'], why: 'the journal says the job failed' },
  { from: 'needs_attention', to: 'pending', by: ['operator'], why: 'a person says reprint' },
  { from: 'needs_attention', to: 'cancelled', by: ['operator'], why: 'a person cancels it' },

  { from: 'failed', to: 'pending', by: ['operator'], why: 'reprint' },
  { from: 'failed', to: 'cancelled', by: ['operator'], why: 'cancel' },
  { from: 'failed', to: 'printed', by: ['operator'], why: 'force printed' },

  { from: 'printed', to: 'pending', by: ['operator'], why: 'reprint, or the retrieved item was bad' },
  { from: 'cancelled', to: 'pending', by: ['operator'], why: 'reprint a cancelled order' },
];

/** True when `source` may move an order from `from` to `to`. Staying in the same status is not a transition. */
export function canTransition(from: PrintStatus, to: PrintStatus, source: TransitionSource): boolean {
  return TRANSITIONS.some((m) => m.from === from && m.to === to && m.by.includes(source));
}

export const OPERATOR_ACTIONS = [
  'reprint',
  'cancel',
  'resetStuck',
  'forcePrinted',
  'confirmRetrieval', // "good": the item was taken from the tray
  'rejectRetrieval', // "bad, reprint"
] as const;
export const OperatorAction = z.enum(OPERATOR_ACTIONS);
export type OperatorAction = z.infer<typeof OperatorAction>;

interface OperatorRule {
  /** From status → resulting status. Same status means the action records something without moving the order. */
  moves: Partial<Record<PrintStatus, PrintStatus>>;
  /** The print_logs action it is recorded as (seed 001 names where they exist). */
  log: PrintLogAction;
  /** How the refusal reads: "cannot <verb> an order that is <status>". */
  verb: string;
}

export const OPERATOR_RULES: Record<OperatorAction, OperatorRule> = {
  reprint: {
    moves: { printed: 'pending', failed: 'pending', cancelled: 'pending', needs_attention: 'pending' },
    log: 'reprint',
    verb: 'reprint',
  },
  cancel: {
    // A printing order is not cancelled here: the request is recorded and the owning station stops its spooler job.
    moves: { pending: 'cancelled', failed: 'cancelled', needs_attention: 'cancelled', printing: 'printing' },
    log: 'cancel',
    verb: 'cancel',
  },
  resetStuck: { moves: { printing: 'pending', needs_attention: 'pending' }, log: 'reset_state', verb: 'reset' },
  forcePrinted: {
    moves: { pending: 'printed', printing: 'printed', failed: 'printed', needs_attention: 'printed' },
    log: 'force_printed',
    verb: 'mark as printed',
  },
  confirmRetrieval: { moves: { printed: 'printed' }, log: 'retrieval_confirmed', verb: 'confirm retrieval of' },
  rejectRetrieval: { moves: { printed: 'pending' }, log: 'retrieval_rejected', verb: 'reject and reprint' },
};

export function operatorActionAllowed(action: OperatorAction, from: PrintStatus): boolean {
  return OPERATOR_RULES[action].moves[from] !== undefined;
}

/** Where the action takes an order in `from`, or a sentence saying why it cannot. */
export function operatorMove(action: OperatorAction, from: PrintStatus): Result<{ to: PrintStatus; log: PrintLogAction }> {
  const rule = OPERATOR_RULES[action];
  const to = rule.moves[from];
  if (to === undefined) {
    const allowed = Object.keys(rule.moves).join(', ');
    return { ok: false, reason: `cannot ${rule.verb} an order that is ${from} (only from: ${allowed})` };
  }
  return { ok: true, to, log: action === 'cancel' && from === 'printing' ? 'cancel_requested' : rule.log };
}
