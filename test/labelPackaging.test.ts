/**
 * The desktop package carries what the label rasteriser needs at run time (issue 10): pdfjs-dist whole (its
 * standard fonts, CMaps, ICC profiles and wasm decoders are read from its folder) and a loadable @napi-rs/canvas
 * (its native .node outside the asar). Checked on what ships: electron-vite builds the main bundle, electron-builder
 * packs it for Linux (`--dir`, against a stand-in Electron when the real binary is missing, as packaging.test.ts
 * does), the app.asar is unpacked to a folder, and plain Node runs the bundle's own PWG rasteriser chunk from there:
 * every package it loads comes from the packed app's node_modules, nothing from this checkout.
 *
 * Not checked here: Electron's own asar reading (no Electron binary on this machine: in the app pdfjs reads its
 * fonts through Electron's asar-aware fs), and the Windows and macOS canvas binaries (npm installs only this
 * platform's @napi-rs/canvas-<platform>; an installer must be built where its platform's binary is installed).
 */
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRendererBuildLock } from './helpers/rendererBuild';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(file: string): string[]; extractAll(file: string, dest: string): void };
const work = mkdtempSync(path.join(os.tmpdir(), 'print-station-label-pack-'));
const realElectron = path.join(root, 'node_modules/electron/dist/electron');

let resources: string;
let app: string;

beforeAll(async () => {
  // The same lock as the browser tests' renderer build (electron-vite rewrites out/), held while packing too, so no
  // other build under the lock changes out/ while electron-builder reads it.
  await withRendererBuildLock(() => buildAndPack());
  // The app as Electron sees it: the asar's files with the unpacked ones beside them.
  app = path.join(work, 'app');
  asar.extractAll(path.join(resources, 'app.asar'), app);
  cpSync(path.join(resources, 'app.asar.unpacked'), app, { recursive: true });
}, 600_000);

async function buildAndPack(): Promise<void> {
  await run(path.join(root, 'node_modules/.bin/electron-vite'), ['build'], { cwd: root, timeout: 300_000 });
  const out = path.join(work, 'dist');
  const args = ['--config', 'electron-builder.yml', '--linux', '--x64', '--dir', `-c.directories.output=${out}`];
  if (!(existsSync(realElectron) && process.platform === 'linux')) {
    const standIn = path.join(work, 'electron-linux');
    mkdirSync(standIn);
    writeFileSync(path.join(standIn, 'electron'), '#!/bin/sh\necho stand-in\n');
    chmodSync(path.join(standIn, 'electron'), 0o755);
    args.push(`-c.electronDist=${standIn}`);
  }
  await run(path.join(root, 'node_modules/.bin/electron-builder'), args, {
    cwd: root,
    timeout: 300_000,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  resources = path.join(out, 'linux-unpacked', 'resources');
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the desktop package carries the label rasteriser's run-time files", () => {
  it('pdfjs-dist goes in whole: standard fonts, CMaps, ICC profiles and wasm decoders', () => {
    const files = asar.listPackage(path.join(resources, 'app.asar'));
    const inFolder = (folder: string, ext: RegExp) =>
      files.filter((f) => f.startsWith(`/node_modules/pdfjs-dist/${folder}/`) && ext.test(f));
    expect(files).toContain('/node_modules/pdfjs-dist/legacy/build/pdf.mjs');
    expect(files).toContain('/node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs');
    expect(inFolder('standard_fonts', /\.pfb$/).length).toBeGreaterThanOrEqual(10);
    expect(inFolder('cmaps', /\.bcmap$/).length).toBeGreaterThan(100);
    expect(inFolder('wasm', /\.wasm$/).map((f) => path.basename(f))).toEqual(expect.arrayContaining(['openjpeg.wasm', 'qcms_bg.wasm']));
    expect(inFolder('iccs', /\.icc$/).length).toBeGreaterThan(0);
  });

  it("Skia's native module is outside the asar, where it can be loaded", () => {
    const unpacked = readdirSync(path.join(resources, 'app.asar.unpacked'), { recursive: true, encoding: 'utf8' });
    expect(unpacked.filter((f) => f.endsWith('.node'))).toEqual([
      path.join('node_modules/@napi-rs/canvas-linux-x64-gnu/skia.linux-x64-gnu.node'),
    ]);
  });

  it("plain Node runs the main bundle's PWG rasteriser from the packed app, text in a standard font drawn", async () => {
    const pdfFile = path.join(work, 'label.pdf');
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.HelveticaBold); // not embedded: pdfjs draws it from its standard fonts
    doc.addPage([612, 792]).drawText('PACKED', { x: 72, y: 600, size: 96, font });
    writeFileSync(pdfFile, await doc.save());

    // Loaded by path from the packed app; bare imports resolve from app/node_modules (the work folder is outside this checkout).
    const script = path.join(work, 'rasterise.mjs');
    writeFileSync(
      script,
      [
        "import { readdirSync, readFileSync } from 'node:fs';",
        "import path from 'node:path';",
        'const [app, pdf] = process.argv.slice(2);',
        "const chunks = path.join(app, 'out/main/chunks');",
        "const chunk = readdirSync(chunks).find((f) => f.startsWith('ippEverywhereRaster-'));",
        'const { pwgRasteriser } = await import(path.join(chunks, chunk));',
        "const target = { resolution: { x: 100, y: 100 }, colorSpace: 'sgray_8', media: 'na_letter_8.5x11in', copies: 1 };",
        'const out = await pwgRasteriser(readFileSync(pdf), target);',
        "process.stdout.write(out.toString('base64'));",
      ].join('\n'),
    );
    const { stdout } = await run(process.execPath, [script, app, pdfFile], { cwd: work, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    const { readPwgRaster } = await import('./helpers/pwgDecode');
    const [page] = readPwgRaster(Buffer.from(stdout, 'base64'));
    expect(page).toMatchObject({ width: 850, height: 1100, colorSpace: 18 });
    // The word sits between 1 and 5 inches from the left, about 1.9 to 2.7 inches from the top: dark dots there, none below.
    const darkIn = (x0: number, y0: number, x1: number, y1: number) => {
      let dark = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (page!.dots[y * page!.width + x]! < 128) dark++;
      return dark;
    };
    expect(darkIn(100, 180, 500, 280)).toBeGreaterThan(2_000);
    expect(darkIn(0, 400, 850, 1100)).toBe(0);
  }, 150_000);
});
