import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PrintFailure, type SubmitRequest } from '../../electron/printing/driver';
import { VirtualPrinterDriver, type VirtualPrinterOptions } from '../../electron/printing/virtualPrinter';
import { printedJobNames, printerDir, sendPrinterCommand } from '../../electron/printing/virtualPrinterControl';
import { writeSamplePdf } from '../helpers/samplePdf';

const A4 = { paperSize: 'A4', color: false, duplex: false, copies: 1 } as const;
let root: string;
let pdf: string;
const drivers: VirtualPrinterDriver[] = [];

function openDriver(options: Partial<VirtualPrinterOptions> = {}) {
  const driver = new VirtualPrinterDriver({
    root,
    printers: [{ systemName: 'Front-Desk' }, { systemName: 'Back-Office' }],
    msPerPage: 5,
    controlPollMs: 20,
    ...options,
  });
  drivers.push(driver);
  return driver;
}

function job(jobName: string, extra: Partial<SubmitRequest> = {}): SubmitRequest {
  return { systemName: 'Front-Desk', filePath: pdf, jobName, options: A4, ...extra };
}

async function untilFinal(driver: VirtualPrinterDriver, ref: Parameters<VirtualPrinterDriver['jobState']>[0]) {
  return vi.waitFor(
    async () => {
      const state = await driver.jobState(ref);
      if (!['completed', 'aborted', 'canceled'].includes(state.state)) throw new Error(`still ${state.state}`);
      return state;
    },
    { timeout: 10_000, interval: 10 },
  );
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'virtual-printer-'));
  pdf = await writeSamplePdf(join(root, 'order.pdf'), 1);
});

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.close()));
  rmSync(root, { recursive: true, force: true });
});

describe('the virtual printer', () => {
  it('lists its printers as virtual ones', async () => {
    const printers = await openDriver().list();
    expect(printers.map((p) => [p.systemName, p.driverKind, p.connectionType])).toEqual([
      ['Front-Desk', 'virtual', 'virtual'],
      ['Back-Office', 'virtual', 'virtual'],
    ]);
  });

  it('prints a job into a file named after the job, and the spooler says completed', async () => {
    const driver = openDriver();
    const ref = await driver.submit(job('job-ORD-1', { pageCount: 2 }));
    expect(ref).toMatchObject({ systemName: 'Front-Desk', jobName: 'job-ORD-1' });
    expect(await untilFinal(driver, ref)).toMatchObject({ state: 'completed', pagesDone: 2, pagesTotal: 2 });
    expect(printedJobNames(driver.folder('Front-Desk'))).toEqual(['job-ORD-1']);
    expect(driver.printed('Back-Office')).toEqual([]);
  });

  it('counts the pages of the PDF when the caller does not know them, times the copies', async () => {
    const driver = openDriver();
    const threePages = await writeSamplePdf(join(root, 'three.pdf'), 3);
    const ref = await driver.submit(job('job-ORD-2', { filePath: threePages, options: { ...A4, copies: 2 } }));
    expect(await untilFinal(driver, ref)).toMatchObject({ state: 'completed', pagesTotal: 6 });
  });

  it('keeps its own copy of the file, so the station may delete its temp file right after submitting', async () => {
    const driver = openDriver();
    const temp = await writeSamplePdf(join(root, 'temp.pdf'), 2);
    const ref = await driver.submit(job('job-ORD-3', { filePath: temp }));
    rmSync(temp);
    expect(await untilFinal(driver, ref)).toMatchObject({ state: 'completed' });
  });

  it('prints queued jobs one after the other', async () => {
    const driver = openDriver();
    const refs = await Promise.all(['job-a', 'job-b', 'job-c'].map((name) => driver.submit(job(name))));
    for (const ref of refs) expect(await untilFinal(driver, ref)).toMatchObject({ state: 'completed' });
    expect(printedJobNames(driver.folder('Front-Desk'))).toEqual(['job-a', 'job-b', 'job-c']);
  });

  it('refuses a file that is gone as invalid data', async () => {
    const failure = await openDriver()
      .submit(job('job-x', { filePath: join(root, 'missing.pdf') }))
      .catch((e) => e);
    expect(failure).toBeInstanceOf(PrintFailure);
    expect(failure.failureClass).toBe('invalid_data');
  });

  it('a cancelled job leaves no paper, and the next one prints', async () => {
    const driver = openDriver({ msPerPage: 60_000 });
    const ref = await driver.submit(job('job-cancelled'));
    await driver.cancel(ref);
    expect(await driver.jobState(ref)).toMatchObject({ state: 'canceled' });
    driver.slow('Front-Desk', 0.0001);
    const next = await driver.submit(job('job-next'));
    expect(await untilFinal(driver, next)).toMatchObject({ state: 'completed' });
    expect(printedJobNames(driver.folder('Front-Desk'))).toEqual(['job-next']);
  });

  it('answers unknown for a job it never had', async () => {
    const state = await openDriver().jobState({ systemName: 'Front-Desk', jobId: 'v-nope', jobName: 'job-nope' });
    expect(state.state).toBe('unknown');
  });
});

describe('faults', () => {
  it('a paper jam aborts the job, puts the printer in error and refuses work until cleared', async () => {
    const driver = openDriver({ msPerPage: 60_000 });
    const ref = await driver.submit(job('job-jammed'));
    driver.jam('Front-Desk');
    expect(await driver.jobState(ref)).toMatchObject({ state: 'aborted', reasons: ['media-jam'], failureClass: 'printer_jam' });
    expect(await driver.status('Front-Desk')).toMatchObject({ status: 'error', reasons: ['media-jam'], failureClass: 'printer_jam' });
    const refused = await driver.submit(job('job-refused')).catch((e) => e);
    expect(refused).toMatchObject({ failureClass: 'printer_jam' });
    expect(refused.message).toContain('media-jam');

    driver.clearJam('Front-Desk');
    driver.slow('Front-Desk', 0.0001);
    expect(await driver.status('Front-Desk')).toMatchObject({ status: 'online', reasons: [] });
    expect(await untilFinal(driver, await driver.submit(job('job-after-jam')))).toMatchObject({ state: 'completed' });
    expect(printedJobNames(driver.folder('Front-Desk'))).toEqual(['job-after-jam']);
  });

  it('an offline printer drops its job, reports offline and refuses submissions as printer_offline', async () => {
    const driver = openDriver({ msPerPage: 60_000 });
    const ref = await driver.submit(job('job-lost-link'));
    driver.goOffline('Front-Desk');
    expect(await driver.jobState(ref)).toMatchObject({ state: 'aborted', failureClass: 'printer_offline' });
    expect(await driver.status('Front-Desk')).toMatchObject({ status: 'offline', failureClass: 'printer_offline' });
    const refused = await driver.submit(job('job-refused')).catch((e) => e);
    expect(refused).toBeInstanceOf(PrintFailure);
    expect(refused.failureClass).toBe('printer_offline');
    expect(await driver.status('Back-Office')).toMatchObject({ status: 'online' });

    driver.comeOnline('Front-Desk');
    expect(await driver.status('Front-Desk')).toMatchObject({ status: 'online' });
    expect(driver.printed('Front-Desk')).toEqual([]);
  });

  it('a printer that dies mid-job aborts that job only', async () => {
    const driver = openDriver();
    driver.dieMidJob('Front-Desk');
    const dead = await driver.submit(job('job-died', { pageCount: 4 }));
    expect(await untilFinal(driver, dead)).toMatchObject({ state: 'aborted', reasons: ['job-aborted-by-printer'], pagesDone: 2 });
    const next = await driver.submit(job('job-fine', { pageCount: 4 }));
    expect(await untilFinal(driver, next)).toMatchObject({ state: 'completed' });
    expect(printedJobNames(driver.folder('Front-Desk'))).toEqual(['job-fine']);
  });

  it('a slowed printer still finishes its job', async () => {
    const driver = openDriver();
    driver.slow('Front-Desk', 3);
    expect(await untilFinal(driver, await driver.submit(job('job-slow', { pageCount: 2 })))).toMatchObject({ state: 'completed' });
  });

  it('can be jammed and brought back from another process through its control folder', async () => {
    const driver = openDriver();
    const folder = printerDir(root, 'Front-Desk');
    sendPrinterCommand(folder, { command: 'jam', reason: 'door-open' });
    await vi.waitFor(async () => expect(await driver.status('Front-Desk')).toMatchObject({ status: 'error', reasons: ['door-open'] }));
    sendPrinterCommand(folder, { command: 'clearJam' });
    sendPrinterCommand(folder, { command: 'goOffline' });
    await vi.waitFor(async () => expect(await driver.status('Front-Desk')).toMatchObject({ status: 'offline' }));
  });

  it('a stalled printer accepts jobs but prints nothing until unstalled, then prints everything queued', async () => {
    const driver = openDriver({ msPerPage: 30 });
    const first = await driver.submit(job('job-paused', { pageCount: 4 }));
    await vi.waitFor(async () => expect((await driver.jobState(first)).pagesDone).toBeGreaterThanOrEqual(1), {
      timeout: 10_000,
      interval: 5,
    });
    driver.stall('Front-Desk');
    const queued = await driver.submit(job('job-queued'));
    expect(await driver.status('Front-Desk')).toMatchObject({ status: 'offline', failureClass: 'printer_offline' });
    expect((await driver.status('Front-Desk')).message).toContain('not responding');
    const pausedAt = (await driver.jobState(first)).pagesDone;
    await new Promise((r) => setTimeout(r, 200)); // a stalled printer must not move on by itself
    expect(await driver.jobState(first)).toMatchObject({ pagesDone: pausedAt });
    expect(await driver.jobState(queued)).toMatchObject({ state: 'pending' });
    expect(driver.printed('Front-Desk')).toEqual([]);

    driver.unstall('Front-Desk');
    expect(await untilFinal(driver, first)).toMatchObject({ state: 'completed' });
    expect(await untilFinal(driver, queued)).toMatchObject({ state: 'completed' });
    expect(printedJobNames(driver.folder('Front-Desk'))).toEqual(['job-paused', 'job-queued']);
  });

  it('a job queued at a stalled printer can be cancelled and never prints', async () => {
    const driver = openDriver();
    driver.stall('Front-Desk');
    const ref = await driver.submit(job('job-stuck'));
    await driver.cancel(ref);
    expect(await driver.jobState(ref)).toMatchObject({ state: 'canceled' });
    driver.unstall('Front-Desk');
    expect(await untilFinal(driver, await driver.submit(job('job-after')))).toMatchObject({ state: 'completed' });
    expect(printedJobNames(driver.folder('Front-Desk'))).toEqual(['job-after']);
  });

  it('throwAfterQueue: the next submit queues its job, throws a plain error, and the job still prints once', async () => {
    sendPrinterCommand(printerDir(root, 'Front-Desk'), { command: 'throwAfterQueue' }); // read when the driver opens
    const driver = openDriver();
    const error = await driver.submit(job('job-ambiguous')).catch((x) => x);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PrintFailure);
    expect(error.message).toContain('connection reset after upload');
    const found = await driver.findJob('Front-Desk', 'job-ambiguous');
    expect(found).toBeDefined();
    expect(await untilFinal(driver, found!)).toMatchObject({ state: 'completed' });
    expect(await untilFinal(driver, await driver.submit(job('job-next')))).toMatchObject({ state: 'completed' }); // one-shot
    expect(printedJobNames(driver.folder('Front-Desk'))).toEqual(['job-ambiguous', 'job-next']);
  });

  it('a stall survives a restart of the driver', async () => {
    openDriver().stall('Front-Desk');
    const second = openDriver();
    expect(await second.status('Front-Desk')).toMatchObject({ status: 'offline' });
    second.unstall('Front-Desk');
    expect(await second.status('Front-Desk')).toMatchObject({ status: 'online' });
  });

  it('a command sent before the station starts waits for the driver', async () => {
    sendPrinterCommand(printerDir(root, 'Back-Office'), { command: 'goOffline' });
    expect(await openDriver().status('Back-Office')).toMatchObject({ status: 'offline' });
  });
});

describe('after the station crashed', () => {
  it('a new driver over the same folder still finds completed jobs by name and finishes the unfinished one', async () => {
    const first = openDriver();
    const done = await first.submit(job('job-done-before-crash'));
    await untilFinal(first, done);
    first.slow('Front-Desk', 10_000);
    await first.submit(job('job-interrupted'));
    await first.close(); // as good as kill -9 for the printer: nothing more is written

    const second = openDriver();
    const found = await second.findJob('Front-Desk', 'job-done-before-crash');
    expect(found && (await second.jobState(found))).toMatchObject({ state: 'completed' });
    second.slow('Front-Desk', 1);
    const resumed = await second.findJob('Front-Desk', 'job-interrupted');
    expect(resumed).toBeDefined();
    expect(await untilFinal(second, resumed!)).toMatchObject({ state: 'completed' });
    expect(printedJobNames(second.folder('Front-Desk'))).toEqual(['job-done-before-crash', 'job-interrupted']);
  });

  it('after a power cut the queue is gone: the unfinished job cannot be found, the completed one can', async () => {
    const first = openDriver();
    await untilFinal(first, await first.submit(job('job-printed')));
    first.slow('Front-Desk', 10_000);
    await first.submit(job('job-in-question'));
    await first.close();

    const second = openDriver({ afterCrash: 'forget' });
    expect(await second.findJob('Front-Desk', 'job-in-question')).toBeUndefined();
    expect(await second.findJob('Front-Desk', 'job-printed')).toBeDefined();
  });

  it('a jammed printer is still jammed after a restart', async () => {
    openDriver().jam('Front-Desk');
    expect(await openDriver().status('Front-Desk')).toMatchObject({ status: 'error', reasons: ['media-jam'] });
  });

  it('survives kill -9 of the process that drives it', async () => {
    const script = `
      import { VirtualPrinterDriver } from ${JSON.stringify(join(process.cwd(), 'electron/printing/virtualPrinter.ts'))};
      const driver = new VirtualPrinterDriver({ root: ${JSON.stringify(root)}, printers: [{ systemName: 'Front-Desk' }], msPerPage: 5 });
      const options = { paperSize: 'A4', color: false, duplex: false, copies: 1 };
      const ref = await driver.submit({ systemName: 'Front-Desk', filePath: ${JSON.stringify(pdf)}, jobName: 'job-before-kill', options });
      while ((await driver.jobState(ref)).state !== 'completed') await new Promise((r) => setTimeout(r, 5));
      driver.slow('Front-Desk', 100000);
      await driver.submit({ systemName: 'Front-Desk', filePath: ${JSON.stringify(pdf)}, jobName: 'job-during-kill', options });
      console.log('printing');
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('printing') && resolve());
      child.on('exit', (code) => reject(new Error(`the printer process exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const driver = openDriver();
    const before = await driver.findJob('Front-Desk', 'job-before-kill');
    expect(before && (await driver.jobState(before))).toMatchObject({ state: 'completed' });
    driver.slow('Front-Desk', 1);
    const during = await driver.findJob('Front-Desk', 'job-during-kill');
    expect(await untilFinal(driver, during!)).toMatchObject({ state: 'completed' });
    expect(printedJobNames(driver.folder('Front-Desk'))).toEqual(['job-before-kill', 'job-during-kill']);
    expect(existsSync(join(driver.folder('Front-Desk'), 'state.json'))).toBe(true);
  });
});
