/**
 * Issue 10: the raw 9100 path prints labels for real and knows when a label came out. The driver renders the PDF
 * for the printer (never sends the PDF), sends ZPL or Brother QL raster to a local listener that speaks the
 * printer's status protocol (labelPrinterFakes.ts), and follows the job by what that printer answers.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SpoolJobRef, SpoolJobStatus } from '../../electron/printing/driver';
import { Raw9100Driver, type RawPrinterProfile } from '../../electron/printing/raw9100Driver';
import { DEFAULT_PRINTING_OPTIONS, type PrintingOptions } from '../../shared/domain';
import { waitFor } from '../station/stationFixture';
import { FakeBrother, FakeZebra } from './labelPrinterFakes';

let dir: string;
let labelPdf: string;
let labelZpl: string;
const fakes: Array<{ close(): Promise<void> }> = [];
const drivers: Raw9100Driver[] = [];

/** Shipping labels: an order number and a bar pattern, `pages` of them, in points of a 4x6 in label. */
async function labels(pages: number, widthPt = 288, heightPt = 432): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([widthPt, heightPt]);
    page.drawText(`ORDER 1001-${i}`, { x: 20, y: heightPt - 50, size: 20, font });
    for (let bar = 0; bar < 30; bar++)
      page.drawRectangle({ x: 20 + bar * 8, y: 40, width: bar % 3 === 0 ? 4 : 2, height: 60, color: rgb(0, 0, 0) });
  }
  return doc.save();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'print-station-labels-'));
  labelPdf = path.join(dir, 'labels.pdf');
  await writeFile(labelPdf, await labels(2));
  labelZpl = path.join(dir, 'label.zpl');
  await writeFile(labelZpl, '\ufeff\r\n^XA^FO50,50^A0N,50,50^FDOrder 1001^FS^PQ2^XZ\n', 'utf8');
});
afterEach(async () => {
  for (const d of drivers.splice(0)) await d.close();
  for (const f of fakes.splice(0)) await f.close();
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function zebra(o: Parameters<typeof FakeZebra.start>[0] = {}) {
  const fake = await FakeZebra.start(o);
  fakes.push(fake);
  return fake;
}
async function brother(o: Parameters<typeof FakeBrother.start>[0] = {}) {
  const fake = await FakeBrother.start(o);
  fakes.push(fake);
  return fake;
}

function driver(profile: Omit<RawPrinterProfile, 'host' | 'systemName'>, options: { confirmTimeoutMs?: number } = {}) {
  const d = new Raw9100Driver({
    printers: [{ systemName: 'Label', host: '127.0.0.1', displayName: 'Label', ...profile }],
    statusTimeoutMs: 400,
    ...options,
  });
  drivers.push(d);
  return d;
}

const print = (d: Raw9100Driver, filePath: string, options: Partial<PrintingOptions> = {}) =>
  d.submit({ systemName: 'Label', filePath, jobName: 'job-1001', options: { ...DEFAULT_PRINTING_OPTIONS, ...options } });

/** Follows the job the way the engine does, until it leaves the states the engine waits in. */
async function followToEnd(d: Raw9100Driver, job: SpoolJobRef, seen: SpoolJobStatus[] = []): Promise<SpoolJobStatus> {
  return waitFor('the job to end', async () => {
    const status = await d.jobState(job);
    seen.push(status);
    return !['processing', 'pending'].includes(status.state) && status;
  });
}

const zplPrinter = { language: 'zpl' as const, dpi: 203, media: ['oe_4x6-label_4x6in'] };
const qlPrinter = { language: 'brother_ql' as const, media: ['roll_max_62x1000mm'] };

describe('a Zebra on raw 9100', () => {
  it('gets the PDF as ZPL graphics (never the PDF) and the job completes only when ~HS says every label came out', async () => {
    const fake = await zebra({ msPerLabel: 60 });
    const d = driver({ ...zplPrinter, port: fake.port });
    const job = await print(d, labelPdf, { paperSize: 'Label-4x6', copies: 2 });
    const seen: SpoolJobStatus[] = [];
    const end = await followToEnd(d, job, seen);
    expect(end).toMatchObject({ state: 'completed', pagesDone: 4, pagesTotal: 4 });
    expect(fake.labelsPrinted).toBe(4); // 2 pages x 2 copies, counted by the printer: ^XA…^XZ blocks x ^PQ
    expect(fake.formatsReceived).toBe(2);
    const sent = fake.bytes.toString('latin1');
    expect(sent).not.toContain('%PDF');
    expect(sent).toMatch(/\^XA\n\^PW812\n\^LL1218\n\^FO0,0\^GFA,/);
    expect(sent).toContain('^PQ2');
    expect(seen.some((s) => s.state === 'processing')).toBe(true); // it was followed, not assumed
  });

  it('paper out in the middle of the job stops it as printer_jam with a sentence; reloaded, the rest comes out', async () => {
    const fake = await zebra({ paperOutAfter: 1, msPerLabel: 30 });
    const d = driver({ ...zplPrinter, port: fake.port });
    const job = await print(d, labelPdf, { paperSize: 'Label-4x6', copies: 2 });
    const stopped = await followToEnd(d, job);
    expect(stopped).toMatchObject({ state: 'stopped', failureClass: 'printer_jam', reasons: ['media-empty'] });
    expect(stopped.message).toBe('Out of labels on Label (media-empty) after 1 of 4 labels; the rest print once it is cleared.');
    fake.reload();
    expect(await followToEnd(d, job)).toMatchObject({ state: 'completed' });
    expect(fake.labelsPrinted).toBe(4);
  });

  it('the print head opened mid-job is printer_jam too', async () => {
    const fake = await zebra({ coverOpenAfter: 2, msPerLabel: 30 });
    const d = driver({ ...zplPrinter, port: fake.port });
    const stopped = await followToEnd(d, await print(d, labelPdf, { paperSize: 'oe_4x6-label_4x6in', copies: 2 }));
    expect(stopped).toMatchObject({ state: 'stopped', failureClass: 'printer_jam', reasons: ['door-open'] });
    expect(stopped.message).toMatch(/^The print head is open on Label \(door-open\) after 2 of 4 labels/);
  });

  it('a Zebra that never answers ~HS gets the job, which ends sent-without-confirmation, never completed', async () => {
    const fake = await zebra({ silent: true });
    const d = driver({ ...zplPrinter, port: fake.port });
    const end = await followToEnd(d, await print(d, labelPdf, { paperSize: 'Label-4x6' }));
    expect(end.state).toBe('sent-without-confirmation');
    expect(end.message).toMatch(/took the job \(2 labels\) but did not answer its zebra status query/);
    await waitFor('the silent Zebra to print', () => fake.labelsPrinted === 2);
  });

  it('a Zebra that falls silent mid-job: unconfirmed after the confirm timeout, saying how far it got', async () => {
    const fake = await zebra({ silentAfter: 1, msPerLabel: 40 });
    const d = driver({ ...zplPrinter, port: fake.port }, { confirmTimeoutMs: 600 });
    const end = await followToEnd(d, await print(d, labelPdf, { paperSize: 'Label-4x6', copies: 2 }));
    expect(end.state).toBe('sent-without-confirmation');
    expect(end.message).toMatch(/Label stopped answering after confirming \d of 4 labels/);
  });

  it('a ZPL order passes through unchanged to a ZPL printer that allows it, and its ^PQ is what is counted', async () => {
    const fake = await zebra();
    const d = driver({ ...zplPrinter, passThrough: true, port: fake.port });
    const end = await followToEnd(d, await print(d, labelZpl, { paperSize: 'Label-4x6' }));
    expect(end).toMatchObject({ state: 'completed', pagesTotal: 2 });
    expect(fake.bytes.toString('utf8')).toContain('\ufeff\r\n^XA^FO50,50^A0N,50,50^FDOrder 1001^FS^PQ2^XZ\n');
    expect(fake.labelsPrinted).toBe(2);
  });

  it('a ZPL order for a ZPL printer without pass-through, or for a Brother, is refused before anything is sent', async () => {
    const z = await zebra();
    await expect(print(driver({ ...zplPrinter, port: z.port }), labelZpl)).rejects.toMatchObject({
      failureClass: 'invalid_data',
      sent: 'no',
      message: 'The order file is ZPL, but printer Label is not set to pass ZPL through (passThrough).',
    });
    const b = await brother();
    await expect(print(driver({ ...qlPrinter, port: b.port }), labelZpl)).rejects.toMatchObject({
      failureClass: 'invalid_data',
      message: expect.stringMatching(/speaks Brother QL raster, not ZPL/),
    });
    expect(z.bytes.length + b.bytes.length).toBe(0);
  });
});

describe('a Brother QL on raw 9100', () => {
  it('gets QL raster, reports "printing completed" per page, and the job completes when every page is confirmed', async () => {
    const fake = await brother({ msPerLabel: 40 });
    const d = driver({ ...qlPrinter, port: fake.port });
    const job = await print(d, labelPdf, { paperSize: 'om_62x100mm_62x100mm', copies: 2 });
    const end = await followToEnd(d, job);
    expect(end).toMatchObject({ state: 'completed', pagesDone: 4, pagesTotal: 4 });
    expect(fake.pagesReceived).toBe(4); // counted by the printer at each 0x0C / 0x1A
    expect(fake.pagesPrinted).toBe(4);
    expect(fake.unknownCommands).toEqual([]);
    expect(fake.rasterLines).toBe(4 * 1181); // 100 mm at 300 dpi, cut off the 62 mm roll
    expect(fake.bytes.includes(Buffer.from('%PDF'))).toBe(false);
  });

  it('the cover opened after the first page aborts the job as printer_jam, saying how far it got', async () => {
    const fake = await brother({ coverOpenAfter: 1, msPerLabel: 30 });
    const d = driver({ ...qlPrinter, port: fake.port });
    const end = await followToEnd(d, await print(d, labelPdf, { paperSize: 'om_62x100mm_62x100mm', copies: 2 }));
    expect(end).toMatchObject({ state: 'aborted', failureClass: 'printer_jam', reasons: ['cover-open'], pagesDone: 1 });
    expect(end.message).toBe('The cover is open on Label (cover-open) after 1 of 4 labels; the printer dropped the rest of the job.');
  });

  it('the end of the roll mid-job is printer_jam too', async () => {
    const fake = await brother({ paperOutAfter: 2, msPerLabel: 30 });
    const d = driver({ ...qlPrinter, port: fake.port });
    const end = await followToEnd(d, await print(d, labelPdf, { paperSize: 'om_62x100mm_62x100mm', copies: 2 }));
    expect(end).toMatchObject({ state: 'aborted', failureClass: 'printer_jam', reasons: ['media-end'], pagesDone: 2 });
    expect(end.message).toMatch(/^End of the label roll on Label \(media-end\) after 2 of 4 labels/);
  });

  it('a cover already open: nothing is sent, the submit fails printer_jam', async () => {
    const fake = await brother({ coverOpenNow: true });
    const d = driver({ ...qlPrinter, port: fake.port });
    await expect(print(d, labelPdf, { paperSize: 'om_62x100mm_62x100mm' })).rejects.toMatchObject({
      failureClass: 'printer_jam',
      sent: 'no',
      message: expect.stringMatching(/The cover is open on Label.*Nothing was sent/),
    });
    expect(fake.pagesReceived).toBe(0);
  });

  it('while a job holds its connection, the printer status comes from that job, not from a second connection', async () => {
    const fake = await brother({ msPerLabel: 150, coverOpenAfter: 2 });
    const d = driver({ ...qlPrinter, port: fake.port });
    const job = await print(d, labelPdf, { paperSize: 'om_62x100mm_62x100mm', copies: 2 });
    expect(await d.status('Label')).toMatchObject({ status: 'busy', queueLength: 1 });
    const end = await followToEnd(d, job);
    expect(end.state).toBe('aborted');
    expect(fake.statusQueries).toBe(1); // only the question before the job; a QL takes one connection at a time
    expect(await d.status('Label')).toMatchObject({ status: 'error', reasons: ['cover-open'] }); // asked anew once the job ended
  });

  it('a QL with another roll loaded than the one configured gets nothing, and says which roll it has', async () => {
    const fake = await brother({ mediaWidthMm: 29 });
    const d = driver({ ...qlPrinter, port: fake.port });
    await expect(print(d, labelPdf, { paperSize: 'om_62x100mm_62x100mm' })).rejects.toMatchObject({
      failureClass: 'printer_jam',
      sent: 'no',
      message:
        "Label has a 29 mm roll loaded, but it is set up for roll_max_62x1000mm (62 mm); load that roll or change the printer's media.",
    });
    expect(fake.pagesReceived).toBe(0);
  });

  it('a QL that never answers gets the job, which ends sent-without-confirmation', async () => {
    const fake = await brother({ silent: true });
    const d = driver({ ...qlPrinter, port: fake.port });
    const end = await followToEnd(d, await print(d, labelPdf, { paperSize: 'om_62x100mm_62x100mm' }));
    expect(end).toMatchObject({
      state: 'sent-without-confirmation',
      message: expect.stringMatching(/did not answer its brother status query/),
    });
    await waitFor('the silent QL to print', () => fake.pagesPrinted === 2);
  });

  it('a QL that goes quiet mid-job is unconfirmed after the confirm timeout', async () => {
    const fake = await brother({ silentAfter: 1, msPerLabel: 30 });
    const d = driver({ ...qlPrinter, port: fake.port }, { confirmTimeoutMs: 600 });
    const end = await followToEnd(d, await print(d, labelPdf, { paperSize: 'om_62x100mm_62x100mm', copies: 2 }));
    expect(end.state).toBe('sent-without-confirmation');
    expect(end.message).toMatch(/Label stopped answering after confirming 1 of 4 labels/);
  });
});

describe('media the printer does not have', () => {
  it('an order for a size not loaded is refused as capability_mismatch before anything is sent', async () => {
    const fake = await zebra();
    await expect(print(driver({ ...zplPrinter, port: fake.port }), labelPdf, { paperSize: 'om_62x100mm_62x100mm' })).rejects.toMatchObject({
      failureClass: 'capability_mismatch',
      sent: 'no',
      message: 'Printer Label has oe_4x6-label_4x6in loaded, not om_62x100mm_62x100mm.',
    });
    expect(fake.bytes.length).toBe(0);
  });
});

describe('labels that cannot be made', () => {
  it('more copies than a Brother QL job can hold fail as invalid data, nothing sent (not a maybe-print)', async () => {
    const fake = await brother();
    await expect(
      print(driver({ ...qlPrinter, port: fake.port }), labelPdf, { paperSize: 'om_62x100mm_62x100mm', copies: 1000 }),
    ).rejects.toMatchObject({
      failureClass: 'invalid_data',
      sent: 'no',
      message: expect.stringMatching(/could not be encoded for printer Label: Brother QL copies must be 1\.\.999/),
    });
    expect(fake.bytes.length).toBe(0);
  });
});
