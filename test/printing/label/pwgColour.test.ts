/**
 * Issue 10: a colour order to a printer that takes only PWG raster prints in colour when the printer lists srgb_8.
 * The driver already chooses `srgb_8` (ippEverywhereAttributes.chooseColorSpace); here the rasteriser must honour
 * it: 24-bit sRGB pages whose dots keep the PDF's colours, read back by a reader written from PWG 5102.4 and by
 * cups-filters' rastertopdf + pdfimages.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pwgRasteriser } from '../../../electron/printing/ippEverywhereRaster';
import { encodePwgRaster } from '../../../electron/printing/label/pwgRaster';
import { labelPictures, missingDecoders } from '../../helpers/labelDecoders';
import { readPwgRaster, type PwgPageRead } from '../../helpers/pwgDecode';

const DPI = 100;
const MEDIA = 'na_letter_8.5x11in';

/** A Letter page: a red square top-left, a blue square top-right, one inch each, half an inch in. */
async function colourPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  page.drawRectangle({ x: 36, y: 792 - 36 - 72, width: 72, height: 72, color: rgb(1, 0, 0) });
  page.drawRectangle({ x: 612 - 36 - 72, y: 792 - 36 - 72, width: 72, height: 72, color: rgb(0, 0, 1) });
  return doc.save();
}

function dotAt(page: { width: number; dots: Uint8Array }, x: number, y: number, channels: number): number[] {
  const at = (y * page.width + x) * channels;
  return [...page.dots.subarray(at, at + channels)];
}

/** The middle of each square, in dots at DPI: one inch in from the sides, one inch down. */
const RED_AT = [Math.round(DPI * 1), Math.round(DPI * 1)] as const;
const BLUE_AT = [Math.round(DPI * 7.5), Math.round(DPI * 1)] as const;

describe('PWG raster in colour', () => {
  it('a colour order rasterised for srgb_8 is 24-bit sRGB with the PDF colours in place', async () => {
    const bytes = await pwgRasteriser(await colourPdf(), { resolution: { x: DPI, y: DPI }, colorSpace: 'srgb_8', media: MEDIA, copies: 1 });
    const [page] = readPwgRaster(bytes) as [PwgPageRead];
    expect(page).toMatchObject({ dpi: DPI, width: 850, height: 1100, bitsPerPixel: 24, colorSpace: 19, numColors: 3, pageSizeName: MEDIA });
    expect(dotAt(page, ...RED_AT, 3)).toEqual([255, 0, 0]);
    expect(dotAt(page, ...BLUE_AT, 3)).toEqual([0, 0, 255]);
    expect(dotAt(page, 425, 550, 3)).toEqual([255, 255, 255]);
  });

  it('a grey order (sgray_8) stays 8-bit grey', async () => {
    const bytes = await pwgRasteriser(await colourPdf(), {
      resolution: { x: DPI, y: DPI },
      colorSpace: 'sgray_8',
      media: MEDIA,
      copies: 1,
    });
    const [page] = readPwgRaster(bytes) as [PwgPageRead];
    expect(page).toMatchObject({ bitsPerPixel: 8, colorSpace: 18, numColors: 1 });
    expect(dotAt(page, ...RED_AT, 1)[0]).toBeLessThan(128);
  });

  it('runs and literals count pixels of three bytes', () => {
    const row = [255, 0, 0, 255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 255, 0];
    const bytes = encodePwgRaster([{ width: 5, height: 2, rgb: Uint8Array.from([...row, ...row]) }], { dpi: 72 });
    expect([...bytes.subarray(4 + 1796)]).toEqual([1, 2, 255, 0, 0, 255, 0, 0, 255, 0, 255, 0]);
    expect(readPwgRaster(bytes)[0]!.dots).toEqual(Uint8Array.from([...row, ...row]));
  });

  it.skipIf(missingDecoders('pwg') !== undefined && process.env.CI !== 'true')(
    "cups-filters' rastertopdf reads the colour page back with the same colours",
    async () => {
      const missing = missingDecoders('pwg');
      if (missing) throw new Error(`The independent PWG decoder is missing: ${missing}.`);
      const bytes = await pwgRasteriser(await colourPdf(), {
        resolution: { x: DPI, y: DPI },
        colorSpace: 'srgb_8',
        media: MEDIA,
        copies: 1,
      });
      mkdirSync(labelPictures, { recursive: true });
      const prefix = path.join(labelPictures, 'pwg-colour-letter');
      for (const old of readdirSync(labelPictures).filter((f) => f.startsWith('pwg-colour-letter-'))) rmSync(path.join(labelPictures, old));
      writeFileSync(`${prefix}.pwg`, bytes);
      const pdf = execFileSync('/usr/lib/cups/filter/rastertopdf', ['1', 'station', 'colour', '1', 'cm-calibration'], {
        input: bytes,
        timeout: 120_000,
      });
      writeFileSync(`${prefix}.pdf`, pdf);
      execFileSync('pdfimages', ['-png', `${prefix}.pdf`, prefix], { stdio: 'ignore', timeout: 120_000 });
      const [png] = readdirSync(labelPictures).filter((f) => f.startsWith('pwg-colour-letter-') && f.endsWith('.png'));
      const image = await loadImage(path.join(labelPictures, png!));
      const canvas = createCanvas(image.width, image.height);
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const pixel = (x: number, y: number) => [...context.getImageData(x, y, 1, 1).data.subarray(0, 3)];
      expect([image.width, image.height]).toEqual([850, 1100]);
      expect(pixel(...RED_AT)).toEqual([255, 0, 0]);
      expect(pixel(...BLUE_AT)).toEqual([0, 0, 255]);
    },
    120_000,
  );
});
