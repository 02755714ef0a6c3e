/**
 * Follows one raw 9100 job by what the printer says about it, and nothing else.
 * - Zebra: each `~HS` answer gives the labels still to print (labels remaining in the batch of the format being
 *   printed, plus the formats waiting in the receive buffer); none left and no fault = completed. A fault (paper
 *   out, head open, paused…) stops the job with a sentence; the Zebra keeps the rest and prints it once cleared.
 * - Brother QL: the printer sends a status block on the job's connection for each page ("printing completed") and
 *   one "error occurred" block on a fault, after which it has dropped the rest of the job: the job is aborted.
 * - A printer that did not answer before the job, or falls silent for `confirmMs` during it, cannot confirm: the
 *   job ends `sent-without-confirmation` with a sentence saying how far it got.
 */
import { BROTHER_STATUS_TYPE, brotherErrors, splitBrotherBlocks, type BrotherStatusBlock } from './brotherStatus';
import type { PrinterStatusReport, SpoolJobRef, SpoolJobStatus } from './driver';
import type { RawStatusProtocol } from './raw9100Status';
import type { RawSession } from './raw9100Socket';
import { readZebraHostStatus, zebraFaults, zebraLabelsLeft } from './zebraStatus';

export interface RawJobWatchOptions {
  ref: SpoolJobRef;
  printerName: string;
  /** Labels the job should put out. */
  labels: number;
  labelsPerFormat: number;
  confirmMs: number;
  /** Undefined: the printer cannot confirm (not asked, or silent before the job). */
  protocol: RawStatusProtocol | undefined;
  /** The sentence for an unconfirmed end when the printer never confirmed anything. */
  whyUnconfirmed: string;
}

const plural = (n: number) => `${n} label${n === 1 ? '' : 's'}`;

export class RawJobWatch {
  readonly ref: SpoolJobRef;
  private done = 0;
  private final: SpoolJobStatus | undefined;
  private latest: SpoolJobStatus;
  private lastHeard = Date.now();
  private session: RawSession | undefined;

  constructor(private readonly o: RawJobWatchOptions) {
    this.ref = o.ref;
    this.latest = { state: 'processing', reasons: [], pagesDone: 0, pagesTotal: o.labels };
    if (!o.protocol)
      this.final = { state: 'sent-without-confirmation', reasons: ['no-status'], message: `${o.whyUnconfirmed}.`, pagesTotal: o.labels };
  }

  /** Zebra jobs are asked about on every look until they end. */
  needsZebraQuestion(): boolean {
    return this.o.protocol === 'zebra' && !this.final;
  }

  /** A `~HS` answer (undefined: no answer, or one that cannot be read). */
  heardZebra(answer: Buffer | undefined): void {
    if (this.final) return;
    const status = answer ? readZebraHostStatus(answer) : undefined;
    if (!status) return this.silence();
    this.lastHeard = Date.now();
    const left = Math.min(this.o.labels, zebraLabelsLeft(status, this.o.labelsPerFormat));
    this.done = this.o.labels - left;
    const faults = zebraFaults(status);
    if (faults.length > 0) {
      const first = faults[0]!;
      this.latest = {
        state: 'stopped',
        reasons: faults.map((f) => f.reason),
        failureClass: 'printer_jam',
        message: `${first.sentence} on ${this.o.printerName} (${first.reason}) after ${this.done} of ${plural(this.o.labels)}; the rest print once it is cleared.`,
        pagesDone: this.done,
        pagesTotal: this.o.labels,
      };
      return;
    }
    if (left === 0 && !status.partialFormat) {
      this.final = { state: 'completed', reasons: ['printer-confirmed'], pagesDone: this.o.labels, pagesTotal: this.o.labels };
      return;
    }
    this.latest = { state: 'processing', reasons: ['printing'], pagesDone: this.done, pagesTotal: this.o.labels };
  }

  /** Brother: reads the status blocks the printer sends on the job's connection. */
  listen(session: RawSession): void {
    this.session = session;
    let pending: Buffer = Buffer.alloc(0);
    session.onData(() => {
      const { blocks, rest } = splitBrotherBlocks(Buffer.concat([pending, session.take()]));
      pending = rest;
      for (const block of blocks) this.heardBrother(block);
      if (session.closed && !this.final)
        this.endUnconfirmed(
          `${this.o.printerName} closed the connection after confirming ${this.done} of ${plural(this.o.labels)}: check that the rest came out`,
        );
    });
  }

  private heardBrother(block: BrotherStatusBlock): void {
    if (this.final) return;
    this.lastHeard = Date.now();
    const errors = brotherErrors(block);
    if (block.statusType === BROTHER_STATUS_TYPE.errorOccurred || block.statusType === BROTHER_STATUS_TYPE.turnedOff || errors.length > 0) {
      const first = errors.find((e) => !e.offline) ?? errors[0];
      const sentence = first ? `${first.sentence} on ${this.o.printerName} (${first.reason})` : `${this.o.printerName} turned off`;
      this.finish({
        state: 'aborted',
        reasons: errors.map((e) => e.reason),
        failureClass: first && !first.offline ? 'printer_jam' : 'printer_offline',
        message: `${sentence} after ${this.done} of ${plural(this.o.labels)}; the printer dropped the rest of the job.`,
        pagesDone: this.done,
        pagesTotal: this.o.labels,
      });
      return;
    }
    if (block.statusType === BROTHER_STATUS_TYPE.printingCompleted) {
      this.done += 1;
      if (this.done >= this.o.labels) {
        this.finish({ state: 'completed', reasons: ['printer-confirmed'], pagesDone: this.o.labels, pagesTotal: this.o.labels });
        return;
      }
    }
    this.latest = { state: 'processing', reasons: ['printing'], pagesDone: this.done, pagesTotal: this.o.labels };
  }

  status(): SpoolJobStatus {
    if (this.final) return this.final;
    if (Date.now() - this.lastHeard > this.o.confirmMs) {
      this.endUnconfirmed(
        `${this.o.printerName} stopped answering after confirming ${this.done} of ${plural(this.o.labels)}: check that the rest came out`,
      );
      return this.final!;
    }
    return this.latest;
  }

  /**
   * The printer's state as this job sees it, while the job keeps the printer's connection (Brother): a QL takes one
   * connection at a time, so a health check on a second one would go unanswered. Undefined once the job ended.
   */
  printerReport(): PrinterStatusReport | undefined {
    if (this.final || !this.session) return undefined;
    const status = this.status();
    if (status.failureClass)
      return {
        status: 'error',
        reasons: status.reasons,
        queueLength: 1,
        failureClass: status.failureClass,
        ...(status.message ? { message: status.message } : {}),
      };
    return { status: 'busy', reasons: status.reasons, queueLength: 1 };
  }

  canceled(): void {
    this.finish({ state: 'canceled', reasons: [], pagesDone: this.done, pagesTotal: this.o.labels });
  }

  stop(): void {
    this.session?.destroy();
  }

  private silence(): void {
    this.latest = { ...this.latest, reasons: ['status-no-answer'] };
  }

  private endUnconfirmed(message: string): void {
    this.finish({
      state: 'sent-without-confirmation',
      reasons: ['status-no-answer'],
      message: `${message}.`,
      pagesDone: this.done,
      pagesTotal: this.o.labels,
    });
  }

  private finish(status: SpoolJobStatus): void {
    if (this.final) return;
    this.final = status;
    this.session?.destroy();
    this.session = undefined;
  }
}
