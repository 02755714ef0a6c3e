/**
 * What an IPP Everywhere / AirPrint printer says about itself (Get-Printer-Attributes), read as the station needs
 * it: capabilities (the CUPS driver's reading of media/colour/sides, shared), which document format to send, and
 * for PWG raster the resolution and colour space. Pure: tested without a printer.
 */
import type { IppGroup, IppValue } from '@sealsystems/ipp';
import type { PrinterCapabilities } from '../../shared/domain';
import { asArray, asString, asStrings } from './cupsIppClient';
import { CAPABILITY_ATTRIBUTES, capabilitiesOfPrinter } from './cupsOptions';

export const PDF = 'application/pdf';
export const PWG_RASTER = 'image/pwg-raster';

/** Everything the driver asks a printer once, before it lists or prints. */
export const PRINTER_DESCRIPTION_ATTRIBUTES = [
  ...CAPABILITY_ATTRIBUTES,
  'printer-name',
  'printer-info',
  'printer-make-and-model',
  'printer-location',
  'document-format-supported',
  'pwg-raster-document-resolution-supported',
  'pwg-raster-document-type-supported',
  'pwg-raster-document-sheet-back',
];

export interface Resolution {
  x: number;
  y: number;
}

export interface IppPrinterDescription {
  name?: string;
  makeAndModel?: string;
  capabilities: PrinterCapabilities;
  documentFormats: string[];
  mediaSupported: string[];
  rasterResolutions: Resolution[];
  rasterTypes: string[];
}

export function describePrinter(printer: IppGroup): IppPrinterDescription {
  const name = asString(printer['printer-info']) || asString(printer['printer-name']);
  const makeAndModel = asString(printer['printer-make-and-model']);
  return {
    ...(name ? { name } : {}),
    ...(makeAndModel ? { makeAndModel } : {}),
    capabilities: capabilitiesOfPrinter(printer),
    documentFormats: asStrings(printer['document-format-supported']).map((f) => f.toLowerCase()),
    mediaSupported: asStrings(printer['media-supported']),
    rasterResolutions: resolutionsOf(printer['pwg-raster-document-resolution-supported']),
    rasterTypes: asStrings(printer['pwg-raster-document-type-supported']),
  };
}

/** How a document goes to this printer: PDF where it is listed, else PWG raster; undefined when it takes neither. */
export type DocumentPlan =
  { format: typeof PDF } | { format: typeof PWG_RASTER; resolution: Resolution; colorSpace: 'sgray_8' | 'srgb_8' | 'black_1' };

export function planDocument(printer: IppPrinterDescription, wantsColor: boolean): DocumentPlan | undefined {
  if (printer.documentFormats.includes(PDF)) return { format: PDF };
  if (!printer.documentFormats.includes(PWG_RASTER)) return undefined;
  return {
    format: PWG_RASTER,
    resolution: chooseRasterResolution(printer.rasterResolutions),
    colorSpace: chooseColorSpace(printer.rasterTypes, wantsColor),
  };
}

/**
 * 300 dpi where offered (sharp text, a quarter of 600 dpi's bytes), else the nearest above it, else the highest.
 * IPP Everywhere requires the attribute; a printer that omits it gets 300 dpi, the PWG 5102.4 minimum in practice.
 */
export function chooseRasterResolution(offered: Resolution[]): Resolution {
  if (offered.length === 0) return { x: 300, y: 300 };
  const exact = offered.find((r) => r.x === 300 && r.y === 300);
  if (exact) return exact;
  const above = offered.filter((r) => Math.min(r.x, r.y) >= 300).sort((a, b) => a.x * a.y - b.x * b.y);
  if (above[0]) return above[0];
  return [...offered].sort((a, b) => b.x * b.y - a.x * a.y)[0]!;
}

/** srgb_8 only when the order is in colour and the printer takes it; sgray_8 is what IPP Everywhere requires. */
export function chooseColorSpace(types: string[], wantsColor: boolean): 'sgray_8' | 'srgb_8' | 'black_1' {
  if (wantsColor && types.includes('srgb_8')) return 'srgb_8';
  if (types.length === 0 || types.includes('sgray_8')) return 'sgray_8';
  return types.includes('black_1') ? 'black_1' : 'sgray_8';
}

/** The parser gives one resolution as [x, y, 'dpi'] and a set as an array of those; dpcm is turned into dpi. */
export function resolutionsOf(value: IppValue | undefined): Resolution[] {
  const items = asArray(value);
  const list = items.length > 0 && !Array.isArray(items[0]) ? [items] : items;
  return list.flatMap((item) => {
    const [x, y, units] = asArray(item);
    if (typeof x !== 'number' || typeof y !== 'number') return [];
    const scale = units === 'dpcm' ? 2.54 : 1;
    return [{ x: Math.round(x * scale), y: Math.round(y * scale) }];
  });
}
