/**
 * WindowsSpoolerDriver with its two processes stood in for: the PowerShell session answers from the recorded samples
 * in fixtures/windows, and "SumatraPDF" is a function that either spools the job or hangs until killed.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrintFailure } from '../../electron/printing/driver';
import type { CimQuery, CimSession } from '../../electron/printing/windowsPowerShell';
import { WindowsSpoolerDriver } from '../../electron/printing/windowsSpoolerDriver';
import { sumatraArgs, type RunFile } from '../../electron/printing/windowsSumatra';
import { DEFAULT_PRINTING_OPTIONS } from '../../shared/domain';

const fixture = (file: string): unknown => JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'windows', file), 'utf8'));
const JOB_NAME = '5d0e3a52-9b1c-4c7e-8f39-2a8d5b1e7c44';

/** A spooler whose printers and jobs the test sets, recording every cancel. */
class RecordedSpooler implements CimSession {
  printers: unknown = fixture('printer-idle.json');
  jobs: unknown = [];
  cancelled: Array<{ printerName: string; jobId: number }> = [];
  async query(request: CimQuery): Promise<unknown> {
    if (request.op === 'printers') return this.printers;
    if (request.op === 'jobs') return this.jobs;
    this.cancelled.push({ printerName: request.printerName, jobId: request.jobId });
    return [];
  }
  async close(): Promise<void> {}
}

let dir: string;
let pdf: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'print-station-win-'));
  pdf = path.join(dir, 'order.pdf');
  await writeFile(pdf, '%PDF-1.4 test');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

function driverWith(spooler: RecordedSpooler, run: RunFile) {
  return new WindowsSpoolerDriver({
    session: spooler,
    run,
    sumatraPath: 'SumatraPDF.exe',
    tempDir: path.join(dir, 'spool'),
    submitTimeoutMs: 1_000,
    findAfterSubmitMs: 0,
  });
}

describe('printing on Windows', () => {
  it('SumatraPDF gets the temp file named after the printJobId and the order options', async () => {
    const spooler = new RecordedSpooler();
    const calls: string[][] = [];
    const driver = driverWith(spooler, async (_file, args) => {
      calls.push(args);
      spooler.jobs = fixture('job-spooling.json');
    });
    const job = await driver.submit({
      systemName: 'Front Desk HP',
      filePath: pdf,
      jobName: JOB_NAME,
      options: { paperSize: 'A4', color: false, duplex: true, copies: 2 },
    });
    expect(calls[0]).toEqual([
      '-print-to',
      'Front Desk HP',
      '-silent',
      '-print-settings',
      'monochrome,duplexlong,paper=A4,2x',
      path.join(dir, 'spool', `${JOB_NAME}.pdf`),
    ]);
    expect(job).toEqual({ systemName: 'Front Desk HP', jobId: '41', jobName: JOB_NAME });
  });

  it('follows the job from printing to printed, and a job paused by Windows is never done', async () => {
    const spooler = new RecordedSpooler();
    const driver = driverWith(spooler, async () => {
      spooler.jobs = fixture('job-printing.json');
    });
    const job = await driver.submit({ systemName: 'Front Desk HP', filePath: pdf, jobName: JOB_NAME, options: DEFAULT_PRINTING_OPTIONS });
    expect((await driver.jobState(job)).state).toBe('processing');
    spooler.jobs = fixture('job-paused.json');
    expect((await driver.jobState(job)).state).toBe('held');
    spooler.jobs = fixture('job-printing.json');
    expect((await driver.jobState(job)).state).toBe('processing');
    // Windows drops a printed job from the queue: seen printing on a healthy printer, gone = printed.
    spooler.jobs = fixture('jobs-empty.json');
    expect(await driver.jobState(job)).toMatchObject({ state: 'completed', reasons: ['left-queue-after-printing'] });
  });

  it('a job on an offline printer stays stopped as printer_offline', async () => {
    const spooler = new RecordedSpooler();
    spooler.printers = fixture('printer-offline-workoffline.json');
    const driver = driverWith(spooler, async () => {
      spooler.jobs = fixture('job-offline-paused.json');
    });
    const job = await driver.submit({ systemName: 'Front Desk HP', filePath: pdf, jobName: JOB_NAME, options: DEFAULT_PRINTING_OPTIONS });
    expect(await driver.jobState(job)).toMatchObject({ state: 'stopped', failureClass: 'printer_offline' });
    expect(await driver.status('Front Desk HP')).toMatchObject({ status: 'offline', queueLength: 1 });
  });

  it('a hung SumatraPDF is killed, the half-spooled job is cancelled, and the order fails as printer_offline', async () => {
    const spooler = new RecordedSpooler();
    const driver = driverWith(spooler, async (_f, _a, { timeoutMs }) => {
      spooler.jobs = fixture('job-spooling.json');
      throw Object.assign(new Error(`killed after ${timeoutMs} ms`), { killed: true, signal: 'SIGKILL' });
    });
    const failure = await driver
      .submit({ systemName: 'Front Desk HP', filePath: pdf, jobName: JOB_NAME, options: DEFAULT_PRINTING_OPTIONS })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PrintFailure);
    expect(failure).toMatchObject({ failureClass: 'printer_offline', message: expect.stringMatching(/SumatraPDF hung/) });
    expect(spooler.cancelled).toEqual([{ printerName: 'Front Desk HP', jobId: 41 }]);
  });

  it('a printer Windows does not know is offline', async () => {
    const driver = driverWith(new RecordedSpooler(), async () => {});
    expect(await driver.status('Nowhere')).toMatchObject({
      status: 'offline',
      failureClass: 'printer_offline',
      reasons: ['not-installed'],
    });
  });

  it('after a restart, a new driver finds the job by its name and cancels it', async () => {
    const spooler = new RecordedSpooler();
    spooler.jobs = fixture('jobs-queue.json');
    const driver = driverWith(spooler, async () => {});
    const found = await driver.findJob('Front Desk HP', JOB_NAME);
    expect(found).toEqual({ systemName: 'Front Desk HP', jobId: '41', jobName: JOB_NAME });
    await driver.cancel(found!);
    expect(spooler.cancelled).toEqual([{ printerName: 'Front Desk HP', jobId: 41 }]);
  });

  it('lists printers with capabilities and connection', async () => {
    const spooler = new RecordedSpooler();
    spooler.printers = fixture('printers-fleet-ps51.json');
    const printers = await driverWith(spooler, async () => {}).list();
    expect(printers.map((p) => [p.systemName, p.connectionType])).toEqual([
      ['Front Desk HP', 'network'],
      ['Microsoft Print to PDF', 'virtual'],
      ['ZDesigner ZD421-203dpi ZPL', 'usb'],
    ]);
  });
});

describe('SumatraPDF print settings', () => {
  it('colour, simplex, Letter, one copy', () => {
    expect(sumatraArgs('HP', 'C:\\t\\x.pdf', { paperSize: 'Letter', color: true, duplex: false, copies: 1 })).toEqual([
      '-print-to',
      'HP',
      '-silent',
      '-print-settings',
      'color,simplex,paper=letter',
      'C:\\t\\x.pdf',
    ]);
  });
  it('a label leaves the paper to the driver', () => {
    expect(sumatraArgs('Zebra', 'x.pdf', { paperSize: 'Label-4x6', color: false, duplex: false, copies: 1 })[4]).toBe('monochrome,simplex');
  });
});
