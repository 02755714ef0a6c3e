/**
 * `npm run bench -- labels [--json] [--samples 20]`
 *
 * What one label costs between a PDF and the printer's bytes: rendering (pdfjs on @napi-rs/canvas at the printer's
 * dpi, then 1-bit by threshold) and encoding (ZPL for the Zebra, Brother QL raster for the QL, PWG raster for an
 * IPP Everywhere printer), p50 over the samples after two warm-up rounds, and the bytes each encoder writes.
 * Cases: a 4x6 in shipping label at 203 dpi (Zebra) and a 62 mm x 100 mm label on the 62 mm roll at 300 dpi (Brother).
 * Baseline, in the same process: pdfjs drawing the same page in grey alone, no 1-bit step, no encoder.
 *
 * Aim: render + encode p50 <= 150 ms per label (a Zebra prints a 6-inch label in about a second).
 * The figures are what was measured, whatever they are.
 */
import { brotherMedia } from '../electron/printing/label/brotherMedia';
import { encodeBrotherQl } from '../electron/printing/label/brotherQl';
import type { Bitmap } from '../electron/printing/label/bitmap';
import { encodePwgRaster } from '../electron/printing/label/pwgRaster';
import { renderPdfToGray, renderPdfToLabels } from '../electron/printing/label/rasterize';
import { encodeZpl } from '../electron/printing/label/zpl';
import { makeLabelPdf } from '../test/printing/label/labelFixture';
import { parseArgs, stdout, type Output } from './args';
import { formatTable } from './table';

export interface LabelBenchRow {
  dpi: number;
  label: string;
  renderMsP50: number;
  /** The printer's own encoder: ZPL for the 4x6 Zebra label, Brother QL raster for the 62 mm label. */
  encodeMsP50: number;
  encodeMsP50ByFormat: { zpl: number; brother: number | null; pwg: number };
  bytesZpl: number;
  /** null: a 4-inch label is wider than a QL's 62 mm roll. */
  bytesBrother: number | null;
  bytesPwg: number;
  /** pdfjs drawing the page in grey alone (the baseline). */
  baselineRenderGrayMsP50: number;
  samples: number;
}

const MM = 72 / 25.4;
const CASES = [
  { label: '4x6in', dpi: 203, page: [288, 432], target: { widthDots: 812, heightDots: 1218 }, native: 'zpl', brother: null },
  {
    label: '62x100mm (62 mm roll)',
    dpi: 300,
    page: [62 * MM, 100 * MM],
    target: { widthDots: 696, heightDots: null },
    native: 'brother',
    brother: '62',
  },
] as const;

export async function run(args: string[], out: Output = stdout): Promise<void> {
  const flags = parseArgs(args);
  const samples = Math.max(1, Math.floor(flags.number('samples', 20)));
  const rows: LabelBenchRow[] = [];
  for (const c of CASES) {
    const pdf = await makeLabelPdf({ widthPt: c.page[0], heightPt: c.page[1], dpi: c.dpi, moduleDots: 2 });
    const target = { dpi: c.dpi, ...c.target, mode: 'threshold' as const };
    const media = c.brother ? brotherMedia(c.brother) : null;
    let labels: Bitmap[] = [];
    const encoders = {
      zpl: () => encodeZpl(labels, { copies: 1 }),
      brother: media ? () => encodeBrotherQl(labels, { media, copies: 1 }) : null,
      pwg: () => encodePwgRaster(labels, { dpi: c.dpi }),
    };
    const render = await timed(samples, async () => (labels = await renderPdfToLabels(pdf, target)));
    const baseline = await timed(samples, () => renderPdfToGray(pdf, target));
    const zpl = await timed(samples, encoders.zpl);
    const brother = encoders.brother ? await timed(samples, encoders.brother) : null;
    const pwg = await timed(samples, encoders.pwg);
    rows.push({
      dpi: c.dpi,
      label: c.label,
      renderMsP50: render.p50,
      encodeMsP50: c.native === 'zpl' ? zpl.p50 : brother!.p50,
      encodeMsP50ByFormat: { zpl: zpl.p50, brother: brother?.p50 ?? null, pwg: pwg.p50 },
      bytesZpl: zpl.last.length,
      bytesBrother: brother ? brother.last.length : null,
      bytesPwg: pwg.last.length,
      baselineRenderGrayMsP50: baseline.p50,
      samples,
    });
  }
  if (flags.has('json')) {
    out(JSON.stringify(rows));
    return;
  }
  out(
    formatTable(
      ['label', 'dpi', 'render p50 ms', 'encode p50 ms', 'render+encode ms', 'ZPL bytes', 'Brother bytes', 'PWG bytes'],
      [
        ...rows.map((r) => [
          r.label,
          r.dpi,
          r.renderMsP50,
          r.encodeMsP50,
          r.renderMsP50 + r.encodeMsP50,
          r.bytesZpl,
          r.bytesBrother ?? 'n/a (too wide)',
          r.bytesPwg,
        ]),
        ...rows.map((r) => [`baseline: pdfjs grey only, ${r.label}`, r.dpi, r.baselineRenderGrayMsP50, '-', '-', '-', '-', '-']),
      ],
    ),
  );
  out('');
  out(
    `Encode p50 by format (ms): ${rows.map((r) => `${r.label}: ZPL ${fmt(r.encodeMsP50ByFormat.zpl)}, Brother ${r.encodeMsP50ByFormat.brother === null ? 'n/a' : fmt(r.encodeMsP50ByFormat.brother)}, PWG ${fmt(r.encodeMsP50ByFormat.pwg)}`).join('; ')}`,
  );
  out(
    `Aim: render + encode p50 <= 150 ms per label; ${samples} samples after 2 warm-up rounds; native encoder: ZPL for 4x6, Brother for 62 mm.`,
  );
}

const fmt = (n: number) => n.toFixed(1);

async function timed<T>(samples: number, body: () => T | Promise<T>): Promise<{ p50: number; last: T }> {
  let last = await body();
  await body();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    last = await body();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: Math.round(times[Math.floor((times.length - 1) / 2)]! * 10) / 10, last };
}
