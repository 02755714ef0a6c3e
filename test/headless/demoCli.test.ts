/**
 * `npm run demo -- --help` answers at once, without building the operator UI first (issue 11), and says that the
 * demo's own database lives in memory and is lost when the demo stops.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { demoBanner } from '../../electron/headless/demoArgs';
import { withRendererBuildLock } from '../helpers/rendererBuild';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const builtUi = path.join(root, 'out/renderer/index.html');
const builtAt = () => (existsSync(builtUi) ? statSync(builtUi).mtimeMs : 'absent');

describe('npm run demo', () => {
  it('--help prints the options and the in-memory database note, and builds nothing', async () => {
    // Under the UI build lock, so no other test's build of the UI rewrites it meanwhile.
    const { before, stdout, after } = await withRendererBuildLock(async () => {
      const before = builtAt();
      const { stdout } = await run('npm', ['run', '-s', 'demo', '--', '--help'], {
        cwd: root,
        timeout: 120_000,
        env: { ...process.env, MONGODB_URI: '' },
      });
      return { before, stdout, after: builtAt() };
    });
    expect(stdout).toContain('Usage: npm run demo -- [options]');
    expect(stdout).toMatch(/in memory.*lost when the demo stops/s);
    expect(after).toBe(before);
  }, 150_000);

  it('says where its database is, and that an embedded one is lost on exit', () => {
    const embedded = demoBanner({
      url: 'http://127.0.0.1:7070',
      mongoUri: 'mongodb://127.0.0.1:40000',
      dbName: 'printshop',
      embeddedDatabase: true,
      folders: ['/tmp/a'],
    });
    expect(embedded).toMatch(/database: .*printshop.* in memory, lost when the demo stops/);
    const own = demoBanner({
      url: 'http://127.0.0.1:7070',
      mongoUri: 'mongodb://db.shop:27017',
      dbName: 'printshop',
      embeddedDatabase: false,
      folders: [],
    });
    expect(own).not.toMatch(/in memory/);
    expect(own).toContain('mongodb://db.shop:27017 (printshop)');
  });
});
