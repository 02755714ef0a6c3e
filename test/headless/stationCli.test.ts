/**
 * `npm run station` as a print server runs it (issue 9): console options are checked before anything is claimed
 * (item 4), and the console token never lands in a log (item 12, the console half).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnStation, virtualStationConfig, type ChildStation } from '../../bench/fuzz/stationChild';
import { migrate } from '../../electron/db/migrate';
import { openTestDatabase } from '../helpers/db';
import { tempDir, waitFor } from '../station/stationFixture';
import { askConsole } from './consoleClient';

const t = await openTestDatabase('cli');
await migrate(t.db);
const orders = t.db.collection('orders');

const started: ChildStation[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

function station(args: string[], env: NodeJS.ProcessEnv = {}) {
  const dataDir = tempDir('cli');
  const child = spawnStation(virtualStationConfig({ mongodbUri: t.uri, dbName: t.dbName, dataDir }), ['--no-migrate', ...args], env);
  started.push(child);
  return { child, dataDir };
}

describe('npm run station checks every option before it claims anything', () => {
  const refused: Array<[string, string[], RegExp]> = [
    ['a network address without a token', ['--web', '0', '--web-host', '0.0.0.0'], /only with a token/],
    ['a network address without a token after a bare --web', ['--web', '--web-host', '0.0.0.0'], /only with a token/],
    ['a port that is not a number', ['--web', 'seventy'], /port/i],
    ['a port out of range', ['--web', '70000'], /port/i],
    ['a token without the console', ['--web-token', 'tok-123456'], /--web-token.*--web|--web.*--web-token/],
    ['a virtual printer count that is not a number', ['--virtual-printers', 'two'], /virtual-printers/],
  ];
  for (const [what, args, message] of refused) {
    it(`refuses ${what}: exits non-zero with a sentence, the engine never started and the order is still pending`, async () => {
      const orderId = `CLI-${Math.random().toString(36).slice(2, 8)}`;
      await orders.insertOne({
        orderId,
        paymentStatus: 'completed',
        printStatus: 'pending',
        createdAt: new Date(),
        fileURL: 'http://127.0.0.1:9/none.pdf',
        printingOptions: { paperSize: 'A4', color: false, duplex: false, copies: 1 },
      });
      const { child } = station(args);
      const code = await child.exit;
      expect(code).not.toBe(0);
      expect(child.output()).toMatch(message);
      expect(child.output()).not.toMatch(/starting with \d+ printer/);
      const order = await orders.findOne({ orderId });
      expect(order).toMatchObject({ printStatus: 'pending' });
      expect(order?.printAttempt ?? 0).toBe(0);
      await orders.deleteOne({ orderId });
    });
  }
});

describe('the console token stays out of the logs', () => {
  const TOKEN = 'secret-console-token-4711';

  for (const [how, args, env] of [
    ['--web-token', ['--web', '0', '--web-token', TOKEN], {}],
    ['PRINT_STATION_WEB_TOKEN', ['--web', '0'], { PRINT_STATION_WEB_TOKEN: TOKEN }],
  ] as const) {
    it(`logs the console address without the token given by ${how} (stdout, log file, the operator's log view)`, async () => {
      const { child, dataDir } = station([...args], env);
      const ready = await child.ready();
      expect(ready.web).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const port = new URL(ready.web!).port;
      const logFile = path.join(dataDir, 'logs', 'station.log');
      const fileText = await waitFor('the console line in the log file', () => {
        const text = readFileSync(logFile, 'utf8');
        return text.includes('Operator console') && text;
      });
      expect(fileText).not.toContain(TOKEN);
      expect(child.output()).toContain('Operator console');
      expect(child.output()).not.toContain(TOKEN);
      const logs = await askConsole(`ws://127.0.0.1:${port}/api?token=${TOKEN}`, 'recentLogs', { limit: 500 });
      expect(logs.ok).toBe(true);
      const messages = (logs.result as Array<{ message: string }>).map((l) => l.message).join('\n');
      expect(messages).toContain('Operator console');
      expect(messages).not.toContain(TOKEN);
    });
  }
});
