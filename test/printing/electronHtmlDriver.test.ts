/** The HTML driver with a stand-in for the Electron print API (no Electron needed). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrinterDriver, SpoolJobRef } from '../../electron/printing/driver';
import * as htmlDriver from '../../electron/printing/electronHtmlDriver';
import {
  ElectronHtmlDriver,
  withTitle,
  type ElectronHtmlPrintOptions,
  type ElectronPrintApi,
} from '../../electron/printing/electronHtmlDriver';
import { DEFAULT_PRINTING_OPTIONS } from '../../shared/domain';

const JOB = '0b7c1c55-2f0e-4a5e-9d1b-6f2b9c3e4d10';

class FakeElectron implements ElectronPrintApi {
  printed: Array<{ html: string; options: ElectronHtmlPrintOptions }> = [];
  result: { success: boolean; failureReason?: string } = { success: true };
  async getPrintersAsync() {
    return [{ name: 'Slip Printer', displayName: 'Slip printer (front desk)' }];
  }
  async printHtml(html: string, options: ElectronHtmlPrintOptions) {
    this.printed.push({ html, options });
    return this.result;
  }
}

let dir: string;
let slip: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'print-station-html-'));
  slip = path.join(dir, 'slip.html');
  await writeFile(slip, '<html><head><title>Packing slip</title></head><body>Order 1001</body></html>');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('printing an HTML slip through Electron', () => {
  it("titles the page with the printJobId and passes the order options in Electron's terms", async () => {
    const electron = new FakeElectron();
    const driver = new ElectronHtmlDriver({ api: electron });
    const job = await driver.submit({
      systemName: 'Slip Printer',
      filePath: slip,
      jobName: JOB,
      options: { paperSize: 'A5', color: false, duplex: true, copies: 2 },
    });
    expect(electron.printed[0]!.html).toContain(`<title>${JOB}</title>`);
    expect(electron.printed[0]!.html).not.toContain('Packing slip</title>');
    expect(electron.printed[0]!.options).toEqual({
      deviceName: 'Slip Printer',
      silent: true,
      printBackground: true,
      color: false,
      copies: 2,
      duplexMode: 'longEdge',
      pageSize: { width: 148000, height: 210000 },
    });
    // Without a spooler driver to follow it, a job is only "sent", and says so.
    expect(await driver.jobState(job)).toMatchObject({ state: 'completed', reasons: ['sent-without-confirmation'] });
  });

  it("a failed print is printer_offline with Chromium's reason", async () => {
    const electron = new FakeElectron();
    electron.result = { success: false, failureReason: 'Print job failed' };
    await expect(
      new ElectronHtmlDriver({ api: electron }).submit({
        systemName: 'Slip Printer',
        filePath: slip,
        jobName: JOB,
        options: DEFAULT_PRINTING_OPTIONS,
      }),
    ).rejects.toMatchObject({
      failureClass: 'printer_offline',
      message: expect.stringMatching(/Print job failed/),
    });
  });

  it('with the spooler driver as follower, the job is found by its title and followed there', async () => {
    const ref: SpoolJobRef = { systemName: 'Slip Printer', jobId: '77', jobName: JOB };
    const follower = {
      kind: 'cups',
      findJob: async (_s: string, name: string) => (name === JOB ? ref : undefined),
      jobState: async () => ({ state: 'held', reasons: ['job-hold-until-specified'] }),
      status: async () => ({ status: 'offline', reasons: ['paused'], queueLength: 1, failureClass: 'printer_offline' }),
    } as unknown as PrinterDriver;
    const driver = new ElectronHtmlDriver({ api: new FakeElectron(), follower });
    const job = await driver.submit({ systemName: 'Slip Printer', filePath: slip, jobName: JOB, options: DEFAULT_PRINTING_OPTIONS });
    expect(job).toEqual(ref);
    expect((await driver.jobState(job)).state).toBe('held');
    expect((await driver.status('Slip Printer')).status).toBe('offline');
  });

  it('lists what Electron knows, and a printer it does not know is offline', async () => {
    const driver = new ElectronHtmlDriver({ api: new FakeElectron() });
    expect((await driver.list()).map((p) => [p.systemName, p.displayName, p.driverKind])).toEqual([
      ['Slip Printer', 'Slip printer (front desk)', 'electron'],
    ]);
    expect(await driver.status('Nowhere')).toMatchObject({ status: 'offline', failureClass: 'printer_offline' });
  });

  it('gives a bare fragment a page with a title', () => {
    expect(withTitle('<p>Order 1001</p>', JOB)).toBe(
      `<!doctype html><html><head><title>${JOB}</title></head><body><p>Order 1001</p></body></html>`,
    );
  });

  it('refuses a file that is not HTML by type (a PDF, binary, plain text) as invalid_data, and prints nothing', async () => {
    const electron = new FakeElectron();
    const driver = new ElectronHtmlDriver({ api: electron });
    for (const [name, body] of [
      ['order.pdf', '%PDF-1.7\n1 0 obj <<>> endobj <html>'],
      ['blob.bin', Buffer.from([0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e, 0x00, 0x01])],
      ['notes.txt', 'Dear shop, please print <b>this</b>'],
    ] as const) {
      const file = path.join(dir, name);
      await writeFile(file, body);
      await expect(
        driver.submit({ systemName: 'Slip Printer', filePath: file, jobName: JOB, options: DEFAULT_PRINTING_OPTIONS }),
      ).rejects.toMatchObject({ failureClass: 'invalid_data' });
    }
    expect(electron.printed).toHaveLength(0);
  });

  it('prints the page under a CSP that blocks every network request, placed before anything from the file', async () => {
    const electron = new FakeElectron();
    const hostile = path.join(dir, 'hostile.html');
    await writeFile(
      hostile,
      '<!DOCTYPE html><img src="http://169.254.169.254/latest/meta-data/"><html><head><meta http-equiv="Content-Security-Policy" content="default-src *"></head><body>x</body></html>',
    );
    await new ElectronHtmlDriver({ api: electron }).submit({
      systemName: 'Slip Printer',
      filePath: hostile,
      jobName: JOB,
      options: DEFAULT_PRINTING_OPTIONS,
    });
    const html = electron.printed[0]!.html;
    const csp = htmlDriver.PRINT_PAGE_CSP;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/https?:|\*/);
    const meta = html.indexOf(`<meta http-equiv="Content-Security-Policy" content="${csp}">`);
    expect(meta).toBeGreaterThan(-1);
    expect(meta).toBeLessThan(html.indexOf('<img'));
    expect(html.slice(0, meta)).toMatch(/^<!DOCTYPE html>$/i);
  });
});
