/**
 * The operator's commands at this station's printers (pause, resume, retrieval, recovered, "did it print?",
 * test print). Each is a printer event for the state machine plus, where an order is involved, the order core's
 * conditional operator action, so the database and the printer agree on what the person decided.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { refused } from '../../../shared/commandRefusals';
import type { Actor } from '../../../shared/domain';
import type { SteerOutcome } from '../../../shared/steerOutcomes';
import type { EventCause, TransitionResult } from '../../../shared/printerStateMachine';
import { isFinalJobState, type PrinterDriver } from '../../printing/driver';
import type { OrderRepository } from '../../db/orderRepository';
import type { PrintLogRepository } from '../../db/printLogRepository';
import { fenceOf } from './attempt';
import { jobEndOf } from './jobEnd';
import { simulateFault } from '../../printing/virtualPrinterFaults';
import type { SimulatedFault } from '../../../shared/stationApi';
import type { OutcomeQueue } from '../durability/outcomeQueue';
import type { PrinterLoop } from './printerLoop';
import type { Refused, Result } from '../../../shared/result';
import type { StationContext } from '../stationContext';

/** `message`: what happened, when there is more to say than "done" ("2 printer(s) refused: …"). */
export type CommandResult = Result<{ message?: string; said?: SteerOutcome }>;

export interface CommandDeps extends Pick<StationContext, 'link' | 'logger' | 'stationId'> {
  loops: Map<string, PrinterLoop>;
  orders: OrderRepository;
  logs: PrintLogRepository;
  driverOf(printerId: string): PrinterDriver | undefined;
  outcomes(): OutcomeQueue | undefined;
  dbTimeoutMs: number;
}

export function operatorCause(actor: Actor, stationId?: string): EventCause {
  return { kind: 'operator', name: actor.adminEmail ?? actor.adminId ?? 'an operator', stationId: actor.stationId ?? stationId };
}

// `said` travels with the refusal, so the console can say it in its operator's language.
const asResult = (r: TransitionResult | Refused): CommandResult =>
  r.ok ? { ok: true } : r.said ? { ok: false, reason: r.reason, said: r.said } : { ok: false, reason: r.reason };

export class StationCommands {
  constructor(private readonly deps: CommandDeps) {}

  private loop(printerId: string): PrinterLoop | CommandResult {
    return this.deps.loops.get(printerId) ?? refused({ key: 'noPrinterHere', params: { printerId } });
  }

  private actor(actor: Actor): Actor {
    return { ...actor, stationId: actor.stationId ?? this.deps.stationId };
  }

  async pause(printerId: string, actor: Actor): Promise<CommandResult> {
    const loop = this.loop(printerId);
    if (!('apply' in loop)) return loop;
    return asResult(loop.apply({ type: 'pause', cause: operatorCause(actor, this.deps.stationId) }));
  }

  async resume(printerId: string, actor: Actor): Promise<CommandResult> {
    const loop = this.loop(printerId);
    if (!('apply' in loop)) return loop;
    return asResult(loop.apply({ type: 'resume', cause: operatorCause(actor, this.deps.stationId) }));
  }

  /**
   * "Pause after this job": a printing printer finishes its job (and, where the item must be taken out, waits for
   * that), then pauses; any other printer is paused now (or refused, as pause would be).
   */
  async pauseAfterJob(printerId: string, actor: Actor): Promise<CommandResult> {
    const loop = this.loop(printerId);
    if (!('apply' in loop)) return loop;
    const cause = operatorCause(actor, this.deps.stationId);
    const orderId = loop.state === 'printing' ? loop.view().currentJob?.orderId : undefined;
    if (!orderId || cause.kind !== 'operator') return asResult(loop.apply({ type: 'pause', cause }));
    loop.status.pauseWhenReady({ by: cause.name, stationId: cause.stationId, reason: `after order ${orderId}` });
    const said: SteerOutcome = { key: 'pausesAfterJob', params: { orderId, printer: loop.identity.name } };
    return { ok: true, message: `${loop.identity.name} pauses after order ${orderId}`, said };
  }

  async all(run: (printerId: string) => Promise<CommandResult>): Promise<CommandResult> {
    const results = await Promise.all([...this.deps.loops.keys()].map(run));
    const refusals = results.filter((r): r is Refused => !r.ok);
    if (refusals.length === results.length && results.length > 0) {
      // Every printer refused for the same reason ("already paused"): said once, as data the console can word.
      const first = refusals[0]!.said;
      if (first && refusals.every((r) => JSON.stringify(r.said) === JSON.stringify(first))) return refused(first);
      return { ok: false, reason: refusals.map((r) => r.reason).join('; ') };
    }
    return {
      ok: true,
      message: refusals.length ? `${refusals.length} printer(s) refused: ${refusals.map((r) => r.reason).join('; ')}` : undefined,
    };
  }

  /** "Good" or "bad, reprint" for the item in the tray; the order core records it, the printer goes back to ready. */
  async confirmRetrieval(printerId: string, outcome: 'good' | 'bad', actor: Actor, reason?: string): Promise<CommandResult> {
    const loop = this.loop(printerId);
    if (!('apply' in loop)) return loop;
    const asked = loop.awaitingPrint;
    const orderId = asked?.orderId;
    if (loop.state !== 'awaiting_retrieval' || !orderId)
      return refused({ key: 'notAwaitingItem', params: { printer: loop.identity.name } });
    const stillAsked = () =>
      loop.state === 'awaiting_retrieval' && loop.awaitingPrint?.printJobId === asked.printJobId && loop.awaiting === orderId;
    const outcomes = this.deps.outcomes();
    if (outcomes?.size) await outcomes.flush();
    let result;
    try {
      result = await this.deps.link.run(
        'confirm retrieval',
        () => this.deps.orders.confirmRetrieval(orderId, outcome, this.actor(actor), reason),
        this.deps.dbTimeoutMs,
      );
    } catch (error) {
      return refused({ key: 'dbUnreachable', params: { error: (error as Error).message } });
    }
    if (!result.ok) {
      // Someone at another station was quicker: the item is out of the tray all the same.
      const order = await this.deps.orders.getOrder(orderId).catch(() => null);
      if (!order?.retrievedAt) return asResult(result);
    }
    // The printer's own retrieval look may have seen our write on the order before its reply reached us (a slow
    // database) and moved on, perhaps already to the reprint's item: the answer was carried out, and it must not
    // release an item printed after the one it was about.
    if (!stillAsked()) return { ok: true };
    return asResult(loop.apply({ type: 'retrieved', orderId, cause: operatorCause(actor, this.deps.stationId) }));
  }

  async recovered(printerId: string, actor: Actor): Promise<CommandResult> {
    const loop = this.loop(printerId);
    if (!('apply' in loop)) return loop;
    const result = await loop.recovered(operatorCause(actor, this.deps.stationId));
    if (result.ok) {
      void this.deps.link
        .run(
          'log recovered',
          () =>
            this.deps.logs.log({
              action: 'printer_recovered',
              orderId: '-',
              source: 'operator',
              adminId: actor.adminId ?? null,
              adminEmail: actor.adminEmail ?? null,
              stationId: this.deps.stationId,
              printerId,
              reason: `${loop.identity.name} recovered`,
            }),
          this.deps.dbTimeoutMs,
        )
        .catch(() => {});
    }
    return asResult(result);
  }

  /** The answer to "did order X print?" after a crash: printed → recorded printed; not printed → back to the queue. */
  async resolveUnknown(printerId: string, printed: boolean, actor: Actor): Promise<CommandResult> {
    const loop = this.loop(printerId);
    if (!('apply' in loop)) return loop;
    const attempt = loop.unknownAttempt;
    if (!attempt) return refused({ key: 'noQuestionOn', params: { printer: loop.identity.name } });
    const outcomes = this.deps.outcomes();
    if (outcomes?.size) await outcomes.flush();
    const who = this.actor(actor);
    const why = printed
      ? 'the operator saw it printed after a station restart'
      : 'the operator says it did not print after a station restart';
    // The answer is about this attempt: if the order has moved on since (answered elsewhere, re-queued, printed
    // again), the order core refuses it instead of re-queuing or settling whatever the order is by then.
    const expect = { printJobId: attempt.printJobId };
    try {
      const result = await this.deps.link.run(
        'resolve unknown outcome',
        async () => {
          if (printed) {
            const forced = await this.deps.orders.forcePrinted(attempt.orderId, who, why, expect);
            if (forced.ok) return forced;
            const completed = await this.deps.orders.completePrinted(fenceOf(attempt), { source: 'operator' });
            return completed.ok ? completed : forced;
          }
          return this.deps.orders.reprint(attempt.orderId, who, why, expect);
        },
        this.deps.dbTimeoutMs,
      );
      if (!result.ok) {
        const order = await this.deps.orders.getOrder(attempt.orderId);
        const settled =
          order &&
          (order.printJobId !== attempt.printJobId || (printed ? order.printStatus === 'printed' : order.printStatus === 'pending'));
        if (!settled) return 'reason' in result ? asResult(result) : { ok: false, reason: `order ${attempt.orderId} could not be updated` };
      }
    } catch (error) {
      return refused({ key: 'dbUnreachable', params: { error: (error as Error).message } });
    }
    const moved = await loop.resolvedUnknown(printed, operatorCause(actor, this.deps.stationId));
    // The loop may have seen the answer on the order a moment earlier: the question is settled all the same.
    if (!moved.ok && loop.unknownAttempt?.printJobId !== attempt.printJobId) return { ok: true };
    return asResult(moved);
  }

  /** The demo's "simulate" buttons: a fault on a virtual printer, logged so the newcomer can follow what happens. */
  async simulateFault(printerId: string, fault: SimulatedFault, actor: Actor): Promise<CommandResult> {
    const loop = this.loop(printerId);
    if (!('apply' in loop)) return loop;
    const result = simulateFault(this.deps.driverOf(printerId), loop.identity, fault);
    if (result.ok)
      this.deps.logger.info(`${result.message} Asked by ${actor.adminEmail ?? actor.adminId ?? 'an operator'}.`, { printerId });
    return result;
  }

  /** A one-page test sheet straight to the spooler (no order involved), followed in the background. */
  async testPrint(printerId: string, actor: Actor): Promise<CommandResult> {
    const loop = this.loop(printerId);
    if (!('apply' in loop)) return loop;
    if (loop.state === 'printing') return refused({ key: 'printingAnOrder', params: { printer: loop.identity.name } });
    const driver = this.deps.driverOf(printerId);
    if (!driver) return refused({ key: 'noDriver', params: {} });
    const folder = await mkdtemp(join(tmpdir(), 'print-station-test-'));
    const file = join(folder, 'test.pdf');
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([595, 842]);
    page.drawText(`Print Station test page: ${loop.identity.name}`, { x: 50, y: 780, size: 18, font });
    page.drawText(
      `${new Date().toISOString()} by ${operatorCause(actor).kind === 'operator' ? (actor.adminEmail ?? actor.adminId ?? 'operator') : ''}`,
      { x: 50, y: 750, size: 12, font },
    );
    await writeFile(file, await doc.save());
    try {
      const job = await driver.submit({
        systemName: loop.identity.systemName,
        filePath: file,
        jobName: `test-${randomUUID()}`,
        options: { paperSize: loop.identity.capabilities.paperSizes[0] ?? 'A4', color: false, duplex: false, copies: 1 },
        pageCount: 1,
      });
      void (async () => {
        for (let i = 0; i < 600; i++) {
          const status = await driver.jobState(job).catch(() => undefined);
          if (status && isFinalJobState(status.state)) {
            const end = jobEndOf(status, job);
            const said = `Test page on ${loop.identity.name}: ${testPageOutcome(end)}`;
            if (end?.kind === 'printed' && !end.unconfirmed) this.deps.logger.info(said, { printerId });
            else this.deps.logger.warn(said, { printerId });
            break;
          }
          await new Promise((r) => setTimeout(r, 1_000));
        }
        await rm(folder, { recursive: true, force: true });
      })();
      return { ok: true, message: `test page sent (spool job ${job.jobId})` };
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      return refused({ key: 'testPageRefused', params: { error: (error as Error).message } });
    }
  }
}

/** How a test page ended, in the operator's words: a printer that cannot confirm is said to be just that. */
function testPageOutcome(end: ReturnType<typeof jobEndOf>): string {
  if (!end) return 'ended without an answer from the printer';
  if (end.kind === 'printed') return end.unconfirmed ? `sent without confirmation. ${end.unconfirmed}` : 'printed';
  if (end.kind === 'cancelled') return 'cancelled';
  return `failed: ${end.message}`;
}
