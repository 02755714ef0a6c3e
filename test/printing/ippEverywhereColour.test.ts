/**
 * A colour order to a real colour IPP Everywhere printer that takes PWG raster only (CUPS's ippeveprinter, in a
 * network namespace of its own, as ippEverywhere.test.ts runs it): the printer lists srgb_8, so the page it receives
 * is 24-bit sRGB with the PDF's colours, and its own job attributes say colour. Needs what ippEverywhere.test.ts
 * needs; outside CI a machine without it skips with the reason, under CI=true it fails naming what is missing.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { PDFDocument, rgb } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintingOptions } from '../../shared/domain';
import { isFinalJobState } from '../../electron/printing/driver';
import { IppEverywhereDriver } from '../../electron/printing/ippEverywhereDriver';
import { missingIppEvePieces, startIppEvePrinter, type IppEvePrinter } from '../helpers/ippeveprinter';
import { inCI } from '../helpers/netns';
import { readPwgRaster } from '../helpers/pwgDecode';
import { waitFor } from '../station/stationFixture';

const missing = missingIppEvePieces();
if (missing.length > 0 && !inCI) console.warn(`[ippeveprinter colour test] skipped: missing ${missing.join('; ')}`);

const LETTER_COLOUR: PrintingOptions = { paperSize: 'Letter', color: true, duplex: false, copies: 1 } as PrintingOptions;

describe.skipIf(missing.length > 0 && !inCI)('driverless IPP: a colour printer taking PWG raster only', () => {
  let printer: IppEvePrinter;
  let dir: string;
  let pdf: string;

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`The driverless IPP tests need: ${missing.join('; ')}`);
    dir = await mkdtemp(path.join(os.tmpdir(), 'ipp-colour-'));
    const doc = await PDFDocument.create();
    const page = doc.addPage([612, 792]);
    page.drawRectangle({ x: 36, y: 792 - 36 - 72, width: 72, height: 72, color: rgb(1, 0, 0) }); // red, top left
    pdf = path.join(dir, 'colour.pdf');
    await writeFile(pdf, await doc.save());
    printer = await startIppEvePrinter({ formats: ['image/pwg-raster'], color: true });
  }, 60_000);
  afterAll(async () => {
    await printer?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lists srgb_8 among its PWG raster types', async () => {
    const described = await new IppEverywhereDriver().describe(printer.uri);
    expect(described.documentFormats).not.toContain('application/pdf');
    expect(described.rasterTypes).toContain('srgb_8');
  });

  it('gets a colour order as 24-bit sRGB with the red where the PDF has it, and records the job as colour', async () => {
    const driver = new IppEverywhereDriver();
    const job = await driver.submit({ systemName: printer.uri, filePath: pdf, jobName: 'pj-ipp-colour-1', options: LETTER_COLOUR });
    const end = await waitFor(
      `job ${job.jobId} to finish`,
      async () => {
        const status = await driver.jobState(job);
        return isFinalJobState(status.state) ? status : undefined;
      },
      60_000,
      200,
    );
    expect(end.state).toBe('completed');
    expect(await driver.jobOptions(job)).toMatchObject({ paperSize: 'Letter', color: true });
    const printed = (await printer.outputs()).find((f) => f.startsWith(`${job.jobId}-`));
    expect(printed).toBeDefined();
    const [page] = readPwgRaster(await readFile(path.join(printer.outputDir, printed!)));
    expect(page).toMatchObject({ bitsPerPixel: 24, colorSpace: 19, numColors: 3 });
    const inch = page!.dpi;
    const at = (inch * page!.width + inch) * 3; // one inch in, one inch down: the middle of the red square
    expect([...page!.dots.subarray(at, at + 3)]).toEqual([255, 0, 0]);
  }, 90_000);
});
