/**
 * The headless station as a print server installs it (issue 12): the built JavaScript (out/headless, with the
 * operator console's out/renderer), package.json and package-lock.json in a directory of their own, the production
 * dependencies only (`npm ci --omit=dev`: no tsx, no TypeScript, no sources), started with plain `node`. It prints an
 * order on a virtual printer and a label on a raw label printer (the rasteriser: pdfjs-dist and the native
 * @napi-rs/canvas from the production dependencies), and writes its version to its document in `stations`. Slow (a build and an install);
 * it never skips: a station that cannot run from its build cannot be installed.
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { virtualStationConfig } from '../../bench/fuzz/stationChild';
import { startShopSimulator } from '../../electron/headless/shopSimulator';
import { openTestDatabase } from '../helpers/db';
import { ensureRendererBuilt } from '../helpers/rendererBuild';
import { FakeZebra } from '../printing/labelPrinterFakes';
import { tempDir, waitFor } from '../station/stationFixture';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
/** The install: nothing of the checkout but what the README tells a print server to copy. */
const install = mkdtempSync(path.join(os.tmpdir(), 'print-station-install-'));
const station = path.join(install, 'out/headless/station.js');
const t = await openTestDatabase('built');

/** Plain Node in the install directory, nothing inherited that could find the checkout's modules. */
function node(args: string[]) {
  const env = { ...process.env, MONGODB_URI: '', NODE_PATH: '', NODE_OPTIONS: '' };
  return run(process.execPath, [station, ...args], { cwd: install, env, timeout: 60_000 });
}

beforeAll(async () => {
  // `npm run build`'s headless step, written straight into the install (the checkout's out/ is shared with others).
  await run('npm', ['run', '-s', 'build:headless', '--', '--outDir', path.join(install, 'out/headless')], { cwd: root, timeout: 300_000 });
  cpSync(await ensureRendererBuilt(), path.join(install, 'out/renderer'), { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) cpSync(path.join(root, file), path.join(install, file));
  // From npm's cache when it has the packages; the registry otherwise.
  await run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: install,
    timeout: 600_000,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
}, 900_000);

afterAll(() => rmSync(install, { recursive: true, force: true }));

describe('the built headless station, installed without the checkout', () => {
  it('the install holds the build and the production dependencies, and no development tool', () => {
    expect(existsSync(station)).toBe(true);
    expect(existsSync(path.join(install, 'out/renderer/index.html'))).toBe(true);
    for (const dep of ['mongodb', 'zod', '@napi-rs/canvas', 'pdfjs-dist'])
      expect(existsSync(path.join(install, 'node_modules', dep))).toBe(true);
    for (const dev of ['tsx', 'typescript', 'vite', 'vitest', 'electron'])
      expect(existsSync(path.join(install, 'node_modules', dev))).toBe(false);
  });

  it('--version prints package.json version; --help prints the usage', async () => {
    expect((await node(['--version'])).stdout.trim()).toBe(version);
    // The file is the `print-station` command too (package.json "bin"): executable, with a #!/usr/bin/env node line.
    const { stdout } = await run(station, ['--version'], { cwd: install, env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 });
    expect(stdout.trim()).toBe(version);
    expect((await node(['--help'])).stdout).toMatch(/^Usage: node out\/headless\/station\.js/m);
  });

  it('prints an order on a virtual printer and a label rendered for a Zebra, writes its version to stations, serves the console from its own out/renderer', async () => {
    const db = t.client.db(`${t.dbName}_run`);
    const shop = await startShopSimulator({ db });
    const zebra = await FakeZebra.start({ msPerLabel: 20 });
    const dataDir = tempDir('built-station');
    mkdirSync(dataDir, { recursive: true });
    const configFile = path.join(dataDir, 'station.config.json');
    const config = virtualStationConfig({ mongodbUri: t.uri, dbName: db.databaseName, dataDir, name: 'built' });
    config.printers.push({
      name: 'Zebra',
      driver: 'raw',
      systemName: `127.0.0.1:${zebra.port}`,
      language: 'zpl',
      dpi: 203,
      media: ['oe_4x6-label_4x6in'],
    } as never);
    writeFileSync(configFile, JSON.stringify(config));
    const child = spawn(process.execPath, [station, '--config', configFile, '--web', '0'], {
      cwd: install,
      env: { ...process.env, MONGODB_URI: '', NODE_PATH: '', NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const ready = await waitFor('the station ready', () => /PRINT_STATION_READY (\{.*\})/.exec(output)?.[1], 90_000).catch(
        (error: Error) => {
          throw new Error(`${error.message}\n${output}`);
        },
      );
      const { web } = JSON.parse(ready) as { web: string };

      const { orderId } = await shop.createOrder({ pages: 2 });
      const printed = await waitFor(
        'the order printed',
        async () => {
          const order = await db.collection('orders').findOne({ orderId });
          return order?.printStatus === 'printed' && order;
        },
        90_000,
      );
      expect(printed.printerName).toBe('Counter');

      const label = await shop.createOrder({ pages: 1, printingOptions: { paperSize: 'Label-4x6' } });
      const labelled = await waitFor(
        'the label printed',
        async () => {
          const order = await db.collection('orders').findOne({ orderId: label.orderId });
          return order?.printStatus === 'printed' && order;
        },
        90_000,
      );
      expect(labelled.printerName).toBe('Zebra');
      expect(zebra.labelsPrinted).toBe(1);
      // The page as a ZPL graphic field: rendered by pdfjs onto the native canvas, then encoded.
      expect(zebra.bytes.toString('latin1')).toMatch(/\^XA[\s\S]*\^GF/);
      expect(zebra.bytes.toString('latin1')).not.toContain('%PDF');

      const doc = await waitFor('the station document', () => db.collection('stations').findOne({ _id: 'built' as never }));
      expect(doc.version).toBe(version);

      const page = await fetch(web);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await shop.stop();
      await zebra.close();
      await db.dropDatabase().catch(() => {});
    }
  }, 240_000);
});
