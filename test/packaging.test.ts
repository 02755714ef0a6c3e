/**
 * Packaging: what the installers carry. electron-builder runs for real (`--dir`), but Electron itself cannot be
 * downloaded on this machine, so unless node_modules/electron has its binary, the test packs against a stand-in
 * Electron distribution (one empty executable). What it checks does not depend on Electron: the app.asar
 * electron-builder writes holds the built app and its production dependencies and nothing from tests or sources,
 * SumatraPDF (pdf-to-printer) sits outside the asar in app.asar.unpacked on Windows, and the tray icons ship as
 * resources. The Windows step skips exe editing and asar integrity, which need a real electron.exe.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRendererBuildLock } from './helpers/rendererBuild';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(file: string, options?: object): string[] };
const work = mkdtempSync(path.join(os.tmpdir(), 'print-station-pack-'));

const realElectronDist = path.join(root, 'node_modules/electron/dist');
const haveRealElectron = existsSync(path.join(realElectronDist, process.platform === 'win32' ? 'electron.exe' : 'electron'));

function standInElectron(platform: 'win' | 'linux'): string {
  const dir = path.join(work, `electron-${platform}`);
  mkdirSync(dir, { recursive: true });
  const exe = path.join(dir, platform === 'win' ? 'electron.exe' : 'electron');
  writeFileSync(exe, platform === 'win' ? 'MZ stand-in' : '#!/bin/sh\necho stand-in\n');
  chmodSync(exe, 0o755);
  return dir;
}

async function pack(platform: 'win' | 'linux'): Promise<string> {
  const out = path.join(work, `dist-${platform}`);
  const args = ['--config', 'electron-builder.yml', `--${platform}`, '--x64', '--dir', `-c.directories.output=${out}`];
  if (!(haveRealElectron && platform === process.platform.slice(0, 5).replace('win32', 'win'))) {
    args.push(`-c.electronDist=${standInElectron(platform)}`);
    if (platform === 'win') args.push('-c.win.signAndEditExecutable=false', '-c.disableAsarIntegrity=true');
  }
  await run(path.join(root, 'node_modules/.bin/electron-builder'), args, {
    cwd: root,
    timeout: 300_000,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  return path.join(out, platform === 'win' ? 'win-unpacked' : 'linux-unpacked', 'resources');
}

let winResources: string;
let linuxResources: string;

beforeAll(async () => {
  if (!haveRealElectron)
    console.log('[packaging] Electron binary not available on this machine: packing against a stand-in Electron distribution');
  // The same lock as the browser tests' renderer build: electron-vite empties out/renderer while it builds.
  await withRendererBuildLock(() => run(path.join(root, 'node_modules/.bin/electron-vite'), ['build'], { cwd: root, timeout: 300_000 }));
  winResources = await pack('win');
  linuxResources = await pack('linux');
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed app (electron-builder --dir)', () => {
  it('app.asar holds the built main, preload, renderer and the production dependencies', () => {
    const files = asar.listPackage(path.join(linuxResources, 'app.asar'));
    for (const f of ['/package.json', '/out/main/main.js', '/out/preload/preload.cjs', '/out/renderer/index.html'])
      expect(files).toContain(f);
    // pdfjs-dist too: the label rasteriser reads its standard fonts and wasm decoders from the package's folder.
    for (const dep of ['mongodb', 'zod', 'ws', 'electron-log', 'pdf-lib', '@sealsystems/ipp', 'pdfjs-dist'])
      expect(files).toContain(`/node_modules/${dep}/package.json`);
    expect(files).toContain('/node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf');
  });

  it('app.asar carries nothing from tests, sources, benchmarks or development tools', () => {
    const files = asar.listPackage(path.join(linuxResources, 'app.asar'));
    const offending = files.filter(
      (f) =>
        /^\/(test|electron|renderer|shared|bench|docs|build|src)\//.test(f) ||
        /\.(map|tsx?)$/.test(f) ||
        /mongo-java-server|vitest|playwright|electron-builder|\/vite\/|\/typescript\/|\/react\//.test(f),
    );
    expect(offending).toEqual([]);
  });

  it('on Windows SumatraPDF sits outside the asar, where it can be run', () => {
    const unpacked = path.join(winResources, 'app.asar.unpacked/node_modules/pdf-to-printer/dist');
    expect(readdirSync(unpacked).filter((f) => f.endsWith('.exe'))).toEqual(['SumatraPDF-3.4.6-32.exe']);
    const inAsar = asar.listPackage(path.join(winResources, 'app.asar'));
    expect(inAsar).toContain('/node_modules/pdf-to-printer/dist/SumatraPDF-3.4.6-32.exe'); // listed, but marked unpacked
    expect(existsSync(path.join(winResources, 'app.asar.unpacked/out'))).toBe(false);
  });

  it('Linux packages carry no Windows executables', () => {
    // Native modules (the label rasteriser's @napi-rs/canvas) are unpacked so they can be loaded; nothing else is.
    const unpackedDir = path.join(linuxResources, 'app.asar.unpacked');
    const unpacked = existsSync(unpackedDir) ? readdirSync(unpackedDir, { recursive: true, encoding: 'utf8' }) : [];
    expect(unpacked.filter((f) => f.endsWith('.exe'))).toEqual([]);
    expect(unpacked.filter((f) => f.startsWith('out'))).toEqual([]);
    expect(asar.listPackage(path.join(linuxResources, 'app.asar')).filter((f) => f.endsWith('.exe'))).toEqual([]);
  });

  it('the tray icons ship as resources, one per printer state', () => {
    for (const resources of [winResources, linuxResources]) {
      const icons = readdirSync(path.join(resources, 'tray'));
      for (const state of ['ready', 'printing', 'awaiting-retrieval', 'error', 'offline', 'paused', 'idle'])
        expect(icons).toContain(`${state}.png`);
    }
  });
});
