/**
 * CupsDriver against a real, private cupsd with a CUPS-PDF queue (test/helpers/cupsd.ts).
 * Outside CI a machine without cupsd / cups-pdf / root skips these with the reason; under CI=true it fails.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CupsDriver } from '../../electron/printing/cupsDriver';
import { isFinalJobState, PrintFailure, type SpoolJobRef, type SpoolJobStatus } from '../../electron/printing/driver';
import { DEFAULT_PRINTING_OPTIONS, type PrintingOptions } from '../../shared/domain';
import { missingCupsPieces, startPrivateCupsd, type PrivateCupsd } from '../helpers/cupsd';

const missing = missingCupsPieces();
const inCI = process.env.CI === 'true' || process.env.CI === '1';
if (missing.length > 0 && !inCI) console.warn(`[cups tests] skipped: missing ${missing.join('; ')}`);

describe.skipIf(missing.length > 0 && !inCI)('printing through a real CUPS spooler', () => {
  let cups: PrivateCupsd;
  let driver: CupsDriver;
  let workDir: string;
  let pdfPath: string;
  const outputs: string[] = [];

  beforeAll(async () => {
    cups = await startPrivateCupsd();
    driver = new CupsDriver({ server: cups.server });
    workDir = await mkdtemp(path.join(os.tmpdir(), 'print-station-cups-test-'));
    pdfPath = path.join(workDir, 'order.pdf');
    await writeFile(pdfPath, await onePagePdf('Order 1001: business cards'));
  });

  afterAll(async () => {
    await cups?.stop();
    await rm(workDir, { recursive: true, force: true });
    for (const file of outputs) await rm(file, { force: true });
  });

  function submit(systemName: string, options: Partial<PrintingOptions> = {}): Promise<SpoolJobRef> {
    return driver.submit({ systemName, filePath: pdfPath, jobName: randomUUID(), options: { ...DEFAULT_PRINTING_OPTIONS, ...options } });
  }

  it('lists the CUPS-PDF queue with the capabilities CUPS reports', async () => {
    const printers = await driver.list();
    const pdf = printers.find((p) => p.systemName === cups.pdfPrinterName);
    expect(pdf).toMatchObject({ driverKind: 'cups', connectionType: 'virtual' });
    expect(pdf!.capabilities.paperSizes).toEqual(expect.arrayContaining(['A3', 'A4', 'A5', 'Letter', 'Legal']));
    expect(pdf!.capabilities).toMatchObject({ color: true, duplex: false });
    expect(pdf!.capabilities.maxCopies).toBeGreaterThan(1);
  });

  it('an idle queue reads as online with an empty queue', async () => {
    expect(await driver.status(cups.pdfPrinterName)).toMatchObject({ status: 'online', queueLength: 0 });
  });

  it('a PDF sent to the CUPS-PDF printer is followed to completed, and the PDF comes out', async () => {
    const job = await submit(cups.pdfPrinterName);
    expect(job).toMatchObject({ systemName: cups.pdfPrinterName, jobId: expect.stringMatching(/^\d+$/) });

    const final = await followToEnd(driver, job);
    expect(final.state).toBe('completed');
    const output = await cups.waitForOutput(job.jobName);
    outputs.push(output);
    expect((await stat(output)).size).toBeGreaterThan(0);
  });

  it("the order's options reach the CUPS job", async () => {
    const job = await submit(cups.pdfPrinterName, { paperSize: 'A5', color: false, duplex: false, copies: 2 });
    expect(await driver.jobOptions(job)).toEqual({ paperSize: 'A5', color: false, duplex: false, copies: 2 });

    const colourJob = await submit(cups.pdfPrinterName, { paperSize: 'Letter', color: true });
    expect(await driver.jobOptions(colourJob)).toMatchObject({ paperSize: 'Letter', color: true, copies: 1 });

    for (const j of [job, colourJob]) {
      expect((await followToEnd(driver, j)).state).toBe('completed');
      outputs.push(await cups.waitForOutput(j.jobName));
    }
  });

  it('a paused (disabled) printer reads as offline, and a job sent to it waits and is never done', async () => {
    await cups.addPdfPrinter('Paused_PDF');
    await cups.admin('cupsdisable', ['-r', 'operator took it out for maintenance', 'Paused_PDF']);

    const status = await driver.status('Paused_PDF');
    expect(status).toMatchObject({ status: 'offline', failureClass: 'printer_offline' });
    expect(status.reasons).toContain('paused');
    expect(status.message).toMatch(/paused/);

    const job = await submit('Paused_PDF');
    const state = await driver.jobState(job);
    expect(['pending', 'held', 'stopped']).toContain(state.state);
    expect(isFinalJobState(state.state)).toBe(false);
    expect(await driver.queueLength('Paused_PDF')).toBe(1);

    // An operator holding the job in CUPS makes it held: still not done, and the sentence says how to release it.
    await cups.admin('lp', ['-i', job.jobId, '-H', 'hold']);
    const held = await driver.jobState(job);
    expect(held).toMatchObject({ state: 'held', message: expect.stringMatching(new RegExp(`lp -i ${job.jobId} -H resume`)) });
    expect(isFinalJobState(held.state)).toBe(false);

    await driver.cancel(job);
    expect((await driver.jobState(job)).state).toBe('canceled');
    expect(await driver.queueLength('Paused_PDF')).toBe(0);
  });

  it('a printer rejecting jobs reads as offline and refuses a job as printer_offline', async () => {
    await cups.addPdfPrinter('Closed_PDF');
    await cups.admin('cupsreject', ['-r', 'closed for the night', 'Closed_PDF']);

    expect(await driver.status('Closed_PDF')).toMatchObject({ status: 'offline', failureClass: 'printer_offline' });
    const refused = await submit('Closed_PDF').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(PrintFailure);
    expect(refused).toMatchObject({ failureClass: 'printer_offline', message: expect.stringMatching(/rejecting jobs/) });
  });

  it('a queue CUPS does not know is offline, not a crash', async () => {
    expect(await driver.status('No_Such_Printer')).toMatchObject({ status: 'offline', failureClass: 'printer_offline' });
    await expect(submit('No_Such_Printer')).rejects.toMatchObject({ failureClass: 'printer_offline' });
  });

  it('cancelling a job that already finished is harmless and it stays completed', async () => {
    const job = await submit(cups.pdfPrinterName);
    expect((await followToEnd(driver, job)).state).toBe('completed');
    outputs.push(await cups.waitForOutput(job.jobName));
    await driver.cancel(job);
    expect((await driver.jobState(job)).state).toBe('completed');
  });

  it('after a crash, a new driver finds the job by its printJobId, finished or still waiting', async () => {
    const printed = await submit(cups.pdfPrinterName);
    expect((await followToEnd(driver, printed)).state).toBe('completed');
    outputs.push(await cups.waitForOutput(printed.jobName));

    await cups.addPdfPrinter('Stalled_PDF');
    await cups.admin('cupsdisable', ['Stalled_PDF']);
    const waiting = await submit('Stalled_PDF');

    const afterRestart = new CupsDriver({ server: cups.server });
    expect(await afterRestart.findJob(cups.pdfPrinterName, printed.jobName)).toEqual(printed);
    expect((await afterRestart.jobState(printed)).state).toBe('completed');
    expect(await afterRestart.findJob('Stalled_PDF', waiting.jobName)).toEqual(waiting);
    expect(await afterRestart.findJob(cups.pdfPrinterName, randomUUID())).toBeUndefined();
    await afterRestart.cancel(waiting);
  });
});

describe('a CUPS server that does not answer', () => {
  const driver = new CupsDriver({ server: '127.0.0.1:9', timeoutMs: 5_000 });

  it('makes its printers read as offline with a sentence naming the server', async () => {
    const status = await driver.status('Office');
    expect(status).toMatchObject({ status: 'offline', failureClass: 'printer_offline' });
    expect(status.message).toMatch(/CUPS print service at 127\.0\.0\.1:9 is not answering/);
  });

  it('refuses a job as printer_offline so the order goes to another printer', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'print-station-cups-down-'));
    const file = path.join(dir, 'order.pdf');
    await writeFile(file, await onePagePdf('Order 1002'));
    await expect(
      driver.submit({ systemName: 'Office', filePath: file, jobName: randomUUID(), options: DEFAULT_PRINTING_OPTIONS }),
    ).rejects.toMatchObject({ failureClass: 'printer_offline' });
    await rm(dir, { recursive: true, force: true });
  });
});

/** Polls the job until CUPS finishes it, or it stops or is held (states that need a person, never "done"). */
async function followToEnd(driver: CupsDriver, job: SpoolJobRef): Promise<SpoolJobStatus> {
  const deadline = Date.now() + 45_000;
  let status = await driver.jobState(job);
  while (!isFinalJobState(status.state) && status.state !== 'stopped' && status.state !== 'held' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    status = await driver.jobState(job);
  }
  return status;
}

async function onePagePdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(text, { x: 72, y: 760, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}
