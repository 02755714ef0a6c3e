/**
 * The driverless IPP driver's rules without a printer: what printer and job states mean, which document format and
 * raster resolution a printer gets, and which refusals sent nothing.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrintingOptions } from '../../shared/domain';
import {
  chooseRasterResolution,
  planDocument,
  resolutionsOf,
  type IppPrinterDescription,
} from '../../electron/printing/ippEverywhereAttributes';
import { IppEverywhereDriver } from '../../electron/printing/ippEverywhereDriver';
import { failureOfPrinterStatus, jobStatusFromIpp, printerStatusFromIpp } from '../../electron/printing/ippEverywhereStates';
import { mediaSizeMm } from '../../electron/printing/ippEverywhereRaster';
import { writeSamplePdf } from '../helpers/samplePdf';

const idle = { label: 'Office', state: 'idle', reasons: [] as string[], acceptingJobs: true, queueLength: 0 };

describe('printer states', () => {
  it('paused at the panel is offline (the order goes elsewhere); a jam needs hands', () => {
    expect(printerStatusFromIpp({ ...idle, state: 'stopped', reasons: ['paused'] })).toMatchObject({
      status: 'offline',
      failureClass: 'printer_offline',
      message: expect.stringMatching(/paused/),
    });
    expect(printerStatusFromIpp({ ...idle, state: 'stopped', reasons: ['media-jam-error'] })).toMatchObject({
      status: 'error',
      failureClass: 'printer_jam',
      message: expect.stringMatching(/Paper jam/),
    });
    expect(printerStatusFromIpp({ ...idle, state: 'stopped', reasons: ['media-jam'] })).toMatchObject({ failureClass: 'printer_jam' });
  });

  it('warnings and moving-to-paused are said, not faults', () => {
    expect(printerStatusFromIpp({ ...idle, reasons: ['toner-low-warning'] })).toMatchObject({
      status: 'online',
      message: 'Office: toner-low-warning',
    });
    const pausing = printerStatusFromIpp({ ...idle, state: 'processing', reasons: ['moving-to-paused'] });
    expect(pausing).toMatchObject({ status: 'busy', message: expect.stringMatching(/pausing after the current job/) });
    expect(pausing.failureClass).toBeUndefined();
  });

  it('a printer not accepting jobs is offline', () => {
    expect(printerStatusFromIpp({ ...idle, acceptingJobs: false })).toMatchObject({ status: 'offline', failureClass: 'printer_offline' });
  });
});

describe('job states', () => {
  it('only completed is done; a job waiting on a paused printer says so', () => {
    const paused = printerStatusFromIpp({ ...idle, state: 'stopped', reasons: ['paused'] });
    const waiting = jobStatusFromIpp({ jobId: 4, label: 'Office', state: 'pending', reasons: ['printer-stopped'], printer: paused });
    expect(waiting).toMatchObject({ state: 'pending', message: expect.stringMatching(/waiting: .*paused/) });
    expect(
      jobStatusFromIpp({ jobId: 4, label: 'Office', state: 'completed', reasons: ['job-completed-successfully'], pagesDone: 2 }),
    ).toEqual({ state: 'completed', reasons: ['job-completed-successfully'], pagesDone: 2 });
  });

  it("a document the printer cannot read is invalid_data; an aborted job otherwise takes the printer's class", () => {
    expect(jobStatusFromIpp({ jobId: 5, label: 'Office', state: 'aborted', reasons: ['document-format-error'] })).toMatchObject({
      failureClass: 'invalid_data',
    });
    const jammed = printerStatusFromIpp({ ...idle, state: 'stopped', reasons: ['media-jam-error'] });
    expect(jobStatusFromIpp({ jobId: 6, label: 'Office', state: 'processing-stopped', reasons: [], printer: jammed })).toMatchObject({
      state: 'stopped',
      failureClass: 'printer_jam',
    });
  });

  it("refusals created no job: sent no, with the CUPS table's class", () => {
    expect(failureOfPrinterStatus('server-error-not-accepting-jobs', undefined, 'Office')).toMatchObject({
      failureClass: 'printer_offline',
      sent: 'no',
    });
    expect(failureOfPrinterStatus('server-error-busy', 'Currently printing another job.', 'Office')).toMatchObject({
      failureClass: 'network',
      sent: 'no',
      message: expect.stringMatching(/too busy.*Currently printing/),
    });
    expect(failureOfPrinterStatus('client-error-document-format-not-supported', undefined, 'Office')).toMatchObject({
      failureClass: 'invalid_data',
      sent: 'no',
    });
  });
});

describe('document format and raster resolution', () => {
  const printer = (
    formats: string[],
    resolutions = [
      { x: 600, y: 600 },
      { x: 300, y: 300 },
    ],
    types = ['sgray_8', 'srgb_8'],
  ): IppPrinterDescription => ({
    capabilities: { paperSizes: ['A4'], color: true, duplex: false, maxCopies: 99 },
    documentFormats: formats,
    mediaSupported: [],
    rasterResolutions: resolutions,
    rasterTypes: types,
  });

  it('PDF where listed, PWG raster otherwise, nothing for a printer taking neither', () => {
    expect(planDocument(printer(['application/pdf', 'image/pwg-raster']), false)).toEqual({ format: 'application/pdf' });
    expect(planDocument(printer(['image/pwg-raster']), true)).toEqual({
      format: 'image/pwg-raster',
      resolution: { x: 300, y: 300 },
      colorSpace: 'srgb_8',
    });
    expect(planDocument(printer(['image/pwg-raster']), false)).toMatchObject({ colorSpace: 'sgray_8' });
    expect(planDocument(printer(['image/urf']), false)).toBeUndefined();
  });

  it('300 dpi where offered, else the nearest above, else the highest', () => {
    expect(
      chooseRasterResolution([
        { x: 600, y: 600 },
        { x: 1200, y: 1200 },
      ]),
    ).toEqual({ x: 600, y: 600 });
    expect(
      chooseRasterResolution([
        { x: 150, y: 150 },
        { x: 200, y: 200 },
      ]),
    ).toEqual({ x: 200, y: 200 });
    expect(chooseRasterResolution([])).toEqual({ x: 300, y: 300 });
  });

  it('reads one resolution or a set as the parser gives them, dpcm as dpi', () => {
    expect(resolutionsOf([300, 300, 'dpi'])).toEqual([{ x: 300, y: 300 }]);
    expect(
      resolutionsOf([
        [150, 150, 'dpi'],
        [118, 118, 'dpcm'],
      ]),
    ).toEqual([
      { x: 150, y: 150 },
      { x: 300, y: 300 },
    ]);
  });

  it('media sizes for the rasteriser', () => {
    const letter = mediaSizeMm('na_letter_8.5x11in');
    expect(letter.widthMm).toBeCloseTo(215.9, 6);
    expect(letter.heightMm).toBeCloseTo(279.4, 6);
    expect(mediaSizeMm('iso_a4_210x297mm')).toEqual({ widthMm: 210, heightMm: 297 });
  });
});

describe('submit refusals that sent nothing', () => {
  const options = { paperSize: 'A4', color: false, duplex: false, copies: 1 } as PrintingOptions;

  it('a printer that refuses the connection: printer_offline, sent no', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ipp-refused-'));
    try {
      const pdf = await writeSamplePdf(path.join(dir, 'a.pdf'));
      const error = await new IppEverywhereDriver()
        .submit({ systemName: `ipp://127.0.0.1:${closed}/ipp/print`, filePath: pdf, jobName: 'pj-1', options })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ failureClass: 'printer_offline', sent: 'no', message: expect.stringMatching(/not answering/) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a file that is not a PDF is refused before the printer is asked', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ipp-notpdf-'));
    try {
      await writeFile(path.join(dir, 'label.zpl'), '^XA^FDhello^FS^XZ');
      const error = await new IppEverywhereDriver()
        .submit({ systemName: 'ipp://127.0.0.1:1/ipp/print', filePath: path.join(dir, 'label.zpl'), jobName: 'pj-2', options })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ failureClass: 'invalid_data', sent: 'no' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
