/**
 * One virtual printer: its folder, its queue, its condition (jam, offline, slow, die mid-job) and the page clock.
 * The driver (virtualPrinter.ts) holds one per configured printer; the file comment there explains the choices.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PrintFailure, isFinalJobState, type PrinterStatusReport, type SpoolJobStateName, type SpoolJobStatus } from './driver';
import { printedDir, printedFileName, printerDir, spoolDir, stateFile, type PrinterCommand } from './virtualPrinterControl';
import type { VirtualPrinterSpec } from './virtualPrinter';

export interface VirtualJob {
  jobId: string;
  jobName: string;
  state: SpoolJobStateName;
  pagesTotal: number;
  pagesDone: number;
  submittedAt: string;
  finishedAt?: string;
  reasons: string[];
  message?: string;
  failureClass?: SpoolJobStatus['failureClass'];
}

interface Condition {
  jam: string | null;
  offline: boolean;
  slowFactor: number;
  dieMidJob: boolean;
  /** Jobs are accepted but nothing is printed until unstall (see PrinterCommand 'stall'). */
  stalled?: boolean;
  /** The next submit queues its job and then throws (PrinterCommand 'throwAfterQueue'). */
  throwAfterQueue?: boolean;
}

/** Completed jobs are kept for findJob after a crash; older ones are forgotten, as spoolers do. */
const HISTORY_LIMIT = 2000;

export class VirtualPrinter {
  readonly dir: string;
  condition: Condition = { jam: null, offline: false, slowFactor: 1, dieMidJob: false };
  jobs: VirtualJob[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly spec: VirtualPrinterSpec,
    root: string,
    private readonly msPerPage: number,
    afterCrash: 'resume' | 'forget',
  ) {
    this.dir = printerDir(root, spec.systemName);
    mkdirSync(printedDir(this.dir), { recursive: true });
    mkdirSync(spoolDir(this.dir), { recursive: true });
    this.load(afterCrash);
  }

  private load(afterCrash: 'resume' | 'forget') {
    if (!existsSync(stateFile(this.dir))) return;
    try {
      const saved = JSON.parse(readFileSync(stateFile(this.dir), 'utf8')) as { condition: Condition; jobs: VirtualJob[] };
      this.condition = { ...this.condition, ...saved.condition };
      this.jobs = saved.jobs;
    } catch {
      return; // a state file we cannot read is a printer that lost its memory: start empty
    }
    for (const job of this.jobs.filter((j) => !isFinalJobState(j.state))) {
      if (existsSync(join(printedDir(this.dir), printedFileName(job.jobName, job.jobId)))) {
        this.finish(job, 'completed', []); // the paper came out just before the crash
      } else if (afterCrash === 'forget' || !existsSync(this.spoolPath(job))) {
        this.jobs = this.jobs.filter((j) => j !== job);
        rmSync(this.spoolPath(job), { force: true });
      } else {
        job.state = 'pending';
      }
    }
    this.save();
    this.pump();
  }

  spoolPath(job: VirtualJob) {
    return join(spoolDir(this.dir), `${job.jobId}.pdf`);
  }

  save() {
    const keep = this.jobs.length > HISTORY_LIMIT ? this.jobs.slice(-HISTORY_LIMIT) : this.jobs;
    this.jobs = keep;
    const tmp = `${stateFile(this.dir)}.tmp`;
    writeFileSync(tmp, JSON.stringify({ condition: this.condition, jobs: keep }));
    renameSync(tmp, stateFile(this.dir)); // whole old file or whole new file, even under kill -9
  }

  refuseReason(): PrintFailure | undefined {
    const name = this.spec.systemName;
    if (this.condition.offline) return new PrintFailure('printer_offline', `Printer ${name} does not answer (offline).`, { sent: 'no' });
    if (this.condition.jam) {
      return new PrintFailure('printer_jam', `Printer ${name} reports ${this.condition.jam}: clear it and mark the printer recovered.`, {
        sent: 'no',
      });
    }
    return undefined;
  }

  accept(jobName: string, filePath: string, pages: number): VirtualJob {
    const job: VirtualJob = {
      jobId: `v-${randomUUID()}`,
      jobName,
      state: 'pending',
      pagesTotal: Math.max(1, pages),
      pagesDone: 0,
      submittedAt: new Date().toISOString(),
      reasons: [],
    };
    copyFileSync(filePath, this.spoolPath(job));
    this.jobs.push(job);
    this.save();
    this.pump();
    return job;
  }

  /** Starts the next queued job when the printer is free, healthy and not stalled. */
  pump() {
    if (this.timer || this.refuseReason() || this.condition.stalled) return;
    const next = this.jobs.find((j) => j.state === 'pending');
    if (!next) return;
    next.state = 'processing';
    this.save();
    this.schedulePage(next);
  }

  private schedulePage(job: VirtualJob) {
    const ms = (this.spec.msPerPage ?? this.msPerPage) * this.condition.slowFactor;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.printPage(job);
    }, ms);
  }

  private restartPage() {
    const job = this.jobs.find((j) => j.state === 'processing');
    if (!job || !this.timer) return;
    clearTimeout(this.timer);
    this.schedulePage(job);
  }

  private printPage(job: VirtualJob) {
    if (job.state !== 'processing') return;
    if (this.condition.dieMidJob && job.pagesDone >= Math.floor(job.pagesTotal / 2)) {
      this.condition.dieMidJob = false;
      this.finish(
        job,
        'aborted',
        ['job-aborted-by-printer'],
        `the printer gave up at page ${job.pagesDone + 1} of ${job.pagesTotal}`,
        'printer_jam',
      );
      return this.pump();
    }
    job.pagesDone += 1;
    if (job.pagesDone < job.pagesTotal) return this.schedulePage(job);
    renameSync(this.spoolPath(job), join(printedDir(this.dir), printedFileName(job.jobName, job.jobId)));
    this.finish(job, 'completed', []);
    this.pump();
  }

  finish(job: VirtualJob, state: SpoolJobStateName, reasons: string[], message?: string, failureClass?: VirtualJob['failureClass']) {
    if (job.state === 'processing' && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    Object.assign(job, { state, reasons, message, failureClass, finishedAt: new Date().toISOString() });
    if (state === 'completed') job.pagesDone = job.pagesTotal;
    else rmSync(this.spoolPath(job), { force: true });
    this.save();
  }

  /** jam and offline drop the running job and the queue (see the file comment for why). */
  private dropUnfinished(reason: string, message: string, failureClass: 'printer_jam' | 'printer_offline') {
    for (const job of this.jobs.filter((j) => !isFinalJobState(j.state))) {
      this.finish(job, 'aborted', [reason], message, failureClass);
    }
  }

  apply(command: PrinterCommand) {
    const name = this.spec.systemName;
    switch (command.command) {
      case 'jam':
        this.condition.jam = command.reason;
        this.dropUnfinished(command.reason, `Printer ${name} reports ${command.reason}.`, 'printer_jam');
        break;
      case 'clearJam':
        this.condition.jam = null;
        break;
      case 'goOffline':
        this.condition.offline = true;
        this.dropUnfinished('offline-report', `Printer ${name} stopped answering.`, 'printer_offline');
        break;
      case 'comeOnline':
        this.condition.offline = false;
        break;
      case 'slow':
        this.condition.slowFactor = command.factor;
        this.restartPage(); // the new speed applies to the page being printed, not only the next one
        break;
      case 'dieMidJob':
        this.condition.dieMidJob = true;
        break;
      case 'stall':
        this.condition.stalled = true;
        if (this.timer) clearTimeout(this.timer); // the job being printed pauses where it is
        this.timer = undefined;
        break;
      case 'unstall': {
        this.condition.stalled = false;
        const paused = this.jobs.find((j) => j.state === 'processing');
        if (paused && !this.timer && !this.refuseReason()) this.schedulePage(paused);
        break;
      }
      case 'throwAfterQueue':
        this.condition.throwAfterQueue = true;
        break;
    }
    this.save();
    this.pump();
  }

  status(): PrinterStatusReport {
    const queueLength = this.jobs.filter((j) => !isFinalJobState(j.state)).length;
    const name = this.spec.systemName;
    if (this.condition.offline) {
      return {
        status: 'offline',
        reasons: ['offline-report'],
        message: `Printer ${name} does not answer (offline)`,
        queueLength,
        failureClass: 'printer_offline',
      };
    }
    if (this.condition.jam) {
      return {
        status: 'error',
        reasons: [this.condition.jam],
        message: `Printer ${name} reports ${this.condition.jam}`,
        queueLength,
        failureClass: 'printer_jam',
      };
    }
    if (this.condition.stalled) {
      return {
        status: 'offline',
        reasons: ['not-responding'],
        message: `Printer ${name} is not responding`,
        queueLength,
        failureClass: 'printer_offline',
      };
    }
    return { status: this.timer ? 'busy' : 'online', reasons: [], queueLength };
  }

  /** True once after a throwAfterQueue command: the submit that asks must throw after queueing its job. */
  takeThrowAfterQueue(): boolean {
    if (!this.condition.throwAfterQueue) return false;
    this.condition.throwAfterQueue = false;
    this.save();
    return true;
  }

  stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined; // unfinished jobs stay 'processing' in state.json, exactly as after a crash
  }
}
