import { describe, expect, it } from 'vitest';
import { isBlack, type Bitmap } from '../../../electron/printing/label/bitmap';
import { placePageOnLabel } from '../../../electron/printing/label/labelFit';
import { renderPdfToLabels } from '../../../electron/printing/label/rasterize';
import { BARCODE_MODULES, fixtureGeometry, makeLabelPdf, runsAlong } from './labelFixture';

const blackIn = (label: Bitmap, x0: number, y0: number, w: number, h: number) => {
  let n = 0;
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) if (isBlack(label, x, y)) n++;
  return n;
};

describe('label placement', () => {
  it('turns a landscape page on a portrait die-cut label and fits it', () => {
    const place = placePageOnLabel(432, 288, { dpi: 203, widthDots: 812, heightDots: 1218 });
    expect(place).toMatchObject({ rotate: true, widthDots: 812, heightDots: 1218, offsetX: 0, offsetY: 0 });
    expect(place.dotsPerPoint).toBeCloseTo(203 / 72, 6);
  });

  it('never turns a page on a continuous roll; the label is as long as the page at the roll width', () => {
    const place = placePageOnLabel(175.75, 82.2, { dpi: 300, widthDots: 696, heightDots: null });
    expect(place.rotate).toBe(false);
    expect(place.heightDots).toBe(Math.round(82.2 * (696 / 175.75)));
  });

  it('centres a page of another shape', () => {
    const place = placePageOnLabel(200, 200, { dpi: 203, widthDots: 812, heightDots: 1218 });
    expect(place).toMatchObject({ rotate: false, offsetX: 0, offsetY: 203 });
  });

  it('refuses a resolution no label printer has, with a sentence', () => {
    expect(() => placePageOnLabel(100, 100, { dpi: 5, widthDots: 10, heightDots: 10 })).toThrow(/5 dpi/);
  });
});

describe('the rasteriser', () => {
  const spec = { widthPt: 288, heightPt: 432, dpi: 203, moduleDots: 2 };
  const g = fixtureGeometry(spec);

  it('draws a 4x6 label at 203 dpi with the square and the bars on the dots they were laid out for', async () => {
    const [label] = await renderPdfToLabels(await makeLabelPdf(spec), { dpi: 203, widthDots: 812, heightDots: 1218, mode: 'threshold' });
    expect(label).toMatchObject({ width: 812, height: 1218, bytesPerRow: 102 });
    const s = g.square;
    expect(blackIn(label!, s.x, s.y, s.size, s.size)).toBe(s.size * s.size);
    expect(blackIn(label!, s.x - 3, s.y, 2, s.size)).toBe(0);
    const runs = runsAlong(label!, g.bars.y + 10, g.bars.x, BARCODE_MODULES.length);
    expect(runs).toEqual(BARCODE_MODULES.map((m) => m * spec.moduleDots));
    expect(blackIn(label!, 0, 1100, 812, 100)).toBeGreaterThan(0); // the frame's bottom edge
  });

  it('turns a landscape page a quarter clockwise onto a portrait label', async () => {
    const landscape = { widthPt: 432, heightPt: 288, dpi: 203, moduleDots: 2 };
    const [label] = await renderPdfToLabels(await makeLabelPdf(landscape), {
      dpi: 203,
      widthDots: 812,
      heightDots: 1218,
      mode: 'threshold',
    });
    const s = fixtureGeometry(landscape).square;
    // The page's top-left corner goes to the label's top-right.
    expect(blackIn(label!, 812 - s.y - s.size + 2, s.x + 2, s.size - 4, s.size - 4)).toBe((s.size - 4) ** 2);
    expect(blackIn(label!, s.x + 2, s.y + 2, s.size - 4, s.size - 4)).toBe(0);
  });

  it('thresholds a 50% grey patch to white and dithers it to about half its dots', async () => {
    const pdf = await makeLabelPdf(spec);
    const target = { dpi: 203, widthDots: 812, heightDots: 1218 } as const;
    const patch = [Math.ceil(812 * 0.55) + 4, Math.ceil(1218 * 0.35) + 4, Math.floor(812 * 0.3) - 8, Math.floor(1218 * 0.1) - 8] as const;
    const area = patch[2] * patch[3];
    const [threshold] = await renderPdfToLabels(pdf, { ...target, mode: 'threshold' });
    const [floyd] = await renderPdfToLabels(pdf, { ...target, mode: 'dither' });
    const [ordered] = await renderPdfToLabels(pdf, { ...target, mode: 'dither', dither: 'ordered' });
    const [dark] = await renderPdfToLabels(pdf, { ...target, mode: 'threshold', threshold: 200 });
    expect(blackIn(threshold!, ...patch)).toBe(0);
    expect(blackIn(dark!, ...patch)).toBe(area);
    for (const dithered of [floyd!, ordered!]) expect(Math.abs(blackIn(dithered, ...patch) / area - 0.5)).toBeLessThan(0.05);
  });

  it('says which PDF cannot be read', async () => {
    await expect(
      renderPdfToLabels(new TextEncoder().encode('not a pdf'), { dpi: 203, widthDots: 10, heightDots: 10, mode: 'threshold' }),
    ).rejects.toThrow(/cannot be read for the label printer/);
  });
});
