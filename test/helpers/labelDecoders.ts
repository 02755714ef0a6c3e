/**
 * Independent decoders for what the label encoders write, so the encoders are checked against someone else's reading
 * of the format and not against themselves:
 * - Brother QL raster: PyPI brother_ql's BrotherQLReader; ZPL ^GFA: PyPI zebrafy (both in test/label-decoders/.venv,
 *   which .ci/run creates from requirements.txt);
 * - PWG raster: OpenPrinting cups-filters' rastertopdf (reads it with libcups' raster reader) and poppler's pdfimages,
 *   which lifts the embedded page picture out unchanged.
 * Every decoded page is written as a PNG under test-results/labels/ for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import type { GrayBitmap } from '../../electron/printing/label/bitmap';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const venvPython = path.join(root, 'test', 'label-decoders', '.venv', 'bin', 'python');
const scripts = path.join(root, 'test', 'label-decoders');
export const labelPictures = path.join(root, 'test-results', 'labels');
const rastertopdf = '/usr/lib/cups/filter/rastertopdf';

/** Why the decoders cannot run here, or undefined when they can. */
export function missingDecoders(kind: 'python' | 'pwg'): string | undefined {
  if (kind === 'python') {
    if (!existsSync(venvPython))
      return `the label decoders' virtualenv ${path.relative(root, venvPython)} (made by .ci/run: python3 -m venv test/label-decoders/.venv && pip install -r test/label-decoders/requirements.txt)`;
    return undefined;
  }
  if (!existsSync(rastertopdf)) return `${rastertopdf} (Debian cups-filters-core-drivers, pulled in by cups)`;
  try {
    execFileSync('pdfimages', ['-v'], { stdio: 'ignore' });
  } catch {
    return 'pdfimages (Debian poppler-utils)';
  }
  return undefined;
}

/** Under CI a missing decoder is a failure that names it; elsewhere the test is skipped with the same sentence. */
export function needDecoders(kind: 'python' | 'pwg', skip: (note: string) => void): void {
  const missing = missingDecoders(kind);
  if (!missing) return;
  const sentence = `The independent label decoder is missing: ${missing}.`;
  if (process.env.CI === 'true') throw new Error(sentence);
  skip(sentence);
}

function workFile(name: string, bytes: Uint8Array): string {
  mkdirSync(labelPictures, { recursive: true });
  const file = path.join(labelPictures, name);
  writeFileSync(file, bytes);
  return file;
}

function pagesWritten(prefix: string): string[] {
  const dir = path.dirname(prefix);
  const base = path.basename(prefix);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** A PNG as grey dots (0 black … 255 white). */
export async function readPng(file: string): Promise<GrayBitmap> {
  const image = await loadImage(file);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, image.width, image.height);
  context.drawImage(image, 0, 0);
  const rgba = context.getImageData(0, 0, image.width, image.height).data;
  const gray = new Uint8Array(image.width * image.height);
  for (let i = 0; i < gray.length; i++) gray[i] = rgba[i * 4]!;
  return { width: image.width, height: image.height, gray };
}

async function runDecoder(script: string, name: string, bytes: Uint8Array, ext: string): Promise<GrayBitmap[]> {
  const input = workFile(`${name}.${ext}`, bytes);
  const prefix = path.join(labelPictures, name);
  for (const old of pagesWritten(prefix)) rmSync(old); // never read a stale picture as this run's
  execFileSync(venvPython, [path.join(scripts, script), input, prefix], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  return Promise.all(pagesWritten(prefix).map(readPng));
}

/** Brother QL raster as brother_ql reads it: one 720-dot-wide picture per printed page, mirrored back as seen on the tape. */
export function decodeBrotherQl(name: string, bytes: Uint8Array): Promise<GrayBitmap[]> {
  return runDecoder('decode_brother.py', name, bytes, 'bin');
}

/** ZPL as zebrafy reads it: one picture per ^GF graphic field, bytesPerRow * 8 dots wide. */
export function decodeZpl(name: string, bytes: Uint8Array): Promise<GrayBitmap[]> {
  return runDecoder('decode_zpl.py', name, bytes, 'zpl');
}

/** PWG raster through cups-filters' rastertopdf, the page pictures taken back out with pdfimages (lossless). */
export async function decodePwgRaster(name: string, bytes: Uint8Array): Promise<GrayBitmap[]> {
  workFile(`${name}.pwg`, bytes);
  const pdf = path.join(labelPictures, `${name}.pdf`);
  const prefix = path.join(labelPictures, name);
  for (const old of pagesWritten(prefix)) rmSync(old);
  // cm-calibration: pass the grey values through as they are (colour management would map white 255 to 250).
  const converted = execFileSync(rastertopdf, ['1', 'station', name, '1', 'cm-calibration'], {
    input: bytes,
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  writeFileSync(pdf, converted);
  execFileSync('pdfimages', ['-png', pdf, prefix], { stdio: 'ignore', timeout: 120_000 });
  return Promise.all(pagesWritten(prefix).map(readPng));
}
