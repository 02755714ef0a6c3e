/**
 * The end of the drill: faults stop, stalled printers come back, stopped stations are up again, and a person
 * answers whatever waits for one (printer questions from the tray, needs_attention orders once they have waited a
 * while, so that a job still coming out of a printer is not answered too early), until no order is pending, printing
 * or waiting. What is still pending or printing when nothing has moved for `stuckAfterMs` is stuck.
 */
import type { Collection } from 'mongodb';
import { sleep } from '../args';
import type { DrillFleet } from './fleet';
import type { DrillOperator } from './operator';
import type { StallFault } from './stalls';

export interface SettleResult {
  /** Printer questions and needs_attention orders the person answered while settling. */
  answered: number;
  timedOut: boolean;
  /** Nothing moved for stuckAfterMs with orders still open. */
  gaveUp: boolean;
  seconds: number;
}

export async function settleDrill(d: {
  orders: Collection;
  orderIds: string[];
  fleet: DrillFleet;
  stalls: StallFault;
  operator: DrillOperator;
  /** A needs_attention order is answered once it has waited this long. */
  answerAfterMs: number;
  stuckAfterMs: number;
  deadline: number;
  log: (line: string) => void;
}): Promise<SettleResult> {
  const began = Date.now();
  d.stalls.unstallAll();
  const restarted = await d.fleet.startMissing();
  if (restarted) d.log(`[chaos] started ${restarted} station(s) that had not come back`);
  let answered = 0;
  let timedOut = false;
  let gaveUp = false;
  let lastState = '';
  let lastMove = Date.now();
  let lastReport = 0;
  for (;;) {
    const now = answered;
    answered += await d.operator.attendPrinters({ badRetrievals: false });
    answered += await d.operator.answerNeedsAttention(d.answerAfterMs);
    const open = await d.orders
      .find(
        { orderId: { $in: d.orderIds }, printStatus: { $in: ['pending', 'printing', 'needs_attention'] } },
        { projection: { orderId: 1, printStatus: 1, printJobId: 1, printPhase: 1 } },
      )
      .toArray();
    const state = open
      .map((o) => `${o.orderId}:${o.printStatus}:${o.printPhase}:${o.printJobId}`)
      .sort()
      .join(',');
    if (state !== lastState || answered !== now) {
      lastState = state;
      lastMove = Date.now();
    }
    if (open.length === 0 && answered === now) break;
    if (Date.now() > d.deadline) {
      timedOut = true;
      d.log(`[chaos] time is up while settling, with ${open.length} order(s) open`);
      break;
    }
    if (Date.now() - lastMove > d.stuckAfterMs) {
      gaveUp = true;
      d.log(`[chaos] nothing moved for ${d.stuckAfterMs / 1_000} s with ${open.length} order(s) open; they count as stuck`);
      break;
    }
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      const by: Record<string, number> = {};
      for (const o of open) by[String(o.printStatus)] = (by[String(o.printStatus)] ?? 0) + 1;
      d.log(`[chaos] settling: ${JSON.stringify(by)} open, ${answered} answer(s) so far`);
    }
    await sleep(500);
  }
  return { answered, timedOut, gaveUp, seconds: Math.round((Date.now() - began) / 100) / 10 };
}
