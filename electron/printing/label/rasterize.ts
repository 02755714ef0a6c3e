/**
 * The one rasteriser: a PDF page becomes the picture a printer head prints, at the printer's own resolution.
 *
 * Renderer: pdfjs-dist (Apache-2.0, Mozilla's PDF.js, maintained, already in the project) drawing onto
 * @napi-rs/canvas (MIT, Skia in a prebuilt N-API module: no system libraries, no DOM), so the same code runs in plain
 * Node (tests, the headless station) and in Electron's main process. MuPDF would be faster but is AGPL, which the
 * shipped app cannot carry; Poppler's pdftoppm is GPL and a separate binary to ship per platform.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import type { Bitmap, GrayBitmap, RgbBitmap } from './bitmap';
import { placePageOnLabel, type LabelTarget } from './labelFit';
import { toOneBit, type DitherKind, type OneBitMode } from './oneBit';

export interface RenderTarget extends LabelTarget {
  mode: OneBitMode;
  threshold?: number;
  dither?: DitherKind;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;
// The legacy build is the one meant for Node (no DOM, no module workers); loaded once, on first use.
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/**
 * Where pdfjs keeps what it reads at run time: the 14 standard fonts (PDFs that name Helvetica without embedding it),
 * the Adobe CMaps (CJK text), ICC profiles and its wasm image decoders (JPEG 2000, JBIG2). Undefined when the
 * package folder is not on disk. The desktop package carries the folder (electron-builder.yml; test/labelPackaging).
 */
function pdfjsAssets(): { standardFontDataUrl?: string; wasmUrl?: string; cMapUrl?: string; cMapPacked?: boolean; iccUrl?: string } {
  try {
    const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    const folder = (name: string) => path.join(root, name) + path.sep;
    return {
      standardFontDataUrl: folder('standard_fonts'),
      wasmUrl: folder('wasm'),
      cMapUrl: folder('cmaps'),
      cMapPacked: true,
      iccUrl: folder('iccs'),
    };
  } catch {
    return {};
  }
}

/** Each page of the PDF as grey dots on the label (0 black, 255 white), fitted and turned as labelFit says. */
export async function renderPdfToGray(pdf: Uint8Array, target: LabelTarget): Promise<GrayBitmap[]> {
  return renderPdfPages(pdf, target, toGray);
}

/** Each page in colour (sRGB, 8 bits a channel), for printers that print colour raster; placed as renderPdfToGray does. */
export async function renderPdfToRgb(pdf: Uint8Array, target: LabelTarget): Promise<RgbBitmap[]> {
  return renderPdfPages(pdf, target, toRgb);
}

async function renderPdfPages<T>(
  pdf: Uint8Array,
  target: LabelTarget,
  picture: (rgba: Uint8ClampedArray, width: number, height: number) => T,
): Promise<T[]> {
  const { getDocument } = await loadPdfJs();
  // pdfjs takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    ...pdfjsAssets(),
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy();
    throw new Error(`The order's PDF cannot be read for the label printer: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const pages: T[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const natural = page.getViewport({ scale: 1 });
      const place = placePageOnLabel(natural.width, natural.height, target);
      const viewport = page.getViewport({ scale: place.dotsPerPoint, rotation: (page.rotate + (place.rotate ? 90 : 0)) % 360 });
      const canvas = createCanvas(place.widthDots, place.heightDots);
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, place.widthDots, place.heightDots);
      await page.render({
        canvas: canvas as unknown as HTMLCanvasElement,
        canvasContext: context as unknown as CanvasRenderingContext2D,
        viewport,
        transform: [1, 0, 0, 1, place.offsetX, place.offsetY],
        background: '#ffffff',
      }).promise;
      pages.push(picture(context.getImageData(0, 0, place.widthDots, place.heightDots).data, place.widthDots, place.heightDots));
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** Each page of the PDF as a 1-bit label, one Bitmap per page. */
export async function renderPdfToLabels(pdf: Uint8Array, target: RenderTarget): Promise<Bitmap[]> {
  const pages = await renderPdfToGray(pdf, target);
  return pages.map((page) => toOneBit(page, target));
}

/** RGBA (drawn over white, so opaque) to luminance, Rec. 601 weights in integers. */
function toGray(rgba: Uint8ClampedArray, width: number, height: number): GrayBitmap {
  const gray = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < gray.length; i++, p += 4) {
    gray[i] = (rgba[p]! * 299 + rgba[p + 1]! * 587 + rgba[p + 2]! * 114 + 500) / 1000;
  }
  return { width, height, gray };
}

/** RGBA (drawn over white, so opaque) to packed RGB. */
function toRgb(rgba: Uint8ClampedArray, width: number, height: number): RgbBitmap {
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, p = 0; i < rgb.length; i += 3, p += 4) {
    rgb[i] = rgba[p]!;
    rgb[i + 1] = rgba[p + 1]!;
    rgb[i + 2] = rgba[p + 2]!;
  }
  return { width, height, rgb };
}
