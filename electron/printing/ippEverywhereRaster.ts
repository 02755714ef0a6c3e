/**
 * PDF → PWG raster for driverless printers that take no PDF, built from the label rasteriser (helper 10a's
 * renderPdfToGray + encodePwgRaster): each page rendered in grey at the printer's resolution onto the order's
 * media, fitted and centred. A colour order to a printer that lists srgb_8 goes as 24-bit sRGB (the driver chooses the
 * colour space, ippEverywhereAttributes.chooseColorSpace); everything else as sgray_8, the one type every IPP
 * Everywhere printer must take (black_1 is sent as sgray_8 too).
 */
import { paperSizeOfMedia, PWG_MEDIA } from './cupsOptions';
import type { PwgRasteriser } from './ippEverywhereDriver';
import { mmToDots } from './label/labelFit';
import { encodePwgRaster } from './label/pwgRaster';
import { renderPdfToGray, renderPdfToRgb } from './label/rasterize';

/** Width and height (portrait, mm) of a PWG media keyword such as iso_a4_210x297mm or na_letter_8.5x11in. */
export function mediaSizeMm(media: string): { widthMm: number; heightMm: number } {
  const match = /_(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)(mm|in)$/.exec(media);
  if (match) {
    const scale = match[3] === 'in' ? 25.4 : 1;
    const [a, b] = [Number(match[1]) * scale, Number(match[2]) * scale];
    return { widthMm: Math.min(a, b), heightMm: Math.max(a, b) };
  }
  const size = paperSizeOfMedia(media);
  if (size) return PWG_MEDIA[size];
  throw new Error(`the media "${media}" has no size the rasteriser can read`);
}

export const pwgRasteriser: PwgRasteriser = async (pdf, target) => {
  const dpi = Math.min(target.resolution.x, target.resolution.y);
  const { widthMm, heightMm } = mediaSizeMm(target.media);
  const sheet = { dpi, widthDots: mmToDots(widthMm, dpi), heightDots: mmToDots(heightMm, dpi) };
  const pages = target.colorSpace === 'srgb_8' ? await renderPdfToRgb(pdf, sheet) : await renderPdfToGray(pdf, sheet);
  return encodePwgRaster(pages, { dpi, pageSizeName: target.media });
};
