/**
 * One request must never stop the station (issue 9, items 1-3): a real `npm run station` with its console on
 * loopback, attacked with raw bytes; after each attack the process is alive and the console still answers.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnStation, virtualStationConfig, type ChildStation } from '../../bench/fuzz/stationChild';
import { openTestDatabase } from '../helpers/db';
import { tempDir } from '../station/stationFixture';
import { askConsole, frame, rawExchange, upgradeRequest } from './consoleClient';

const TOKEN = 'hostile-test-token';
const t = await openTestDatabase('hostile');

describe('the console survives hostile requests', () => {
  let station: ChildStation;
  let port: number;
  const wsUrl = () => `ws://127.0.0.1:${port}/api?token=${TOKEN}`;

  // One station for the file; a fresh one only if an attack killed it, so each test shows its own failure.
  beforeEach(async () => {
    if (station && !station.exited) return;
    const config = virtualStationConfig({ mongodbUri: t.uri, dbName: t.dbName, dataDir: tempDir('hostile') });
    station = spawnStation(config, ['--no-migrate', '--web', '0', '--web-token', TOKEN]);
    const ready = await station.ready();
    port = Number(new URL(ready.web!).port);
  });
  afterAll(() => station?.stop());

  /** The process lives and the console still answers a StationApi call. */
  async function stillServing(): Promise<void> {
    expect(station.exited, `the station died:\n${station.output()}`).toBe(false);
    const answer = await askConsole(wsUrl(), 'recentLogs', { limit: 5 });
    expect(answer).toMatchObject({ id: 1, ok: true });
  }

  it('answers 400 to a WebSocket upgrade of `//` (and to a plain GET of it), before any token check', async () => {
    const upgrade = await rawExchange(port, [upgradeRequest(port, '//')]);
    expect(upgrade.status).toBe(400);
    expect(upgrade.closed).toBe(true);
    await stillServing();
    const plain = await rawExchange(port, [`GET // HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`]);
    expect(plain.status).toBe(400);
    const badEscape = await rawExchange(port, [`GET /%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`]);
    expect(badEscape.status).toBe(400);
    await stillServing();
  });

  it('refuses `Origin: null` (a sandboxed iframe) and an unparsable Origin with 403', async () => {
    for (const origin of ['null', 'http://[', '::::']) {
      const answer = await rawExchange(port, [upgradeRequest(port, `/api?token=${TOKEN}`, { Origin: origin })]);
      expect(answer.status, `Origin: ${origin}`).toBe(403);
      expect(answer.closed).toBe(true);
      await stillServing();
    }
  });

  const protocolErrors: Array<[string, () => Buffer]> = [
    ['a message over the size limit', () => frame(0x1, Buffer.alloc(16), { length: 8 * 1024 * 1024 })],
    ['a text frame with invalid UTF-8', () => frame(0x1, Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d]))],
    ['a frame with an unknown opcode', () => frame(0x3, Buffer.from('{}'))],
    ['an unmasked client frame', () => frame(0x1, Buffer.from('{"id":1}'), { masked: false })],
    ['a fragmented ping', () => frame(0x9, Buffer.from('x'), { fin: false })],
    ['reserved bits set', () => frame(0x1, Buffer.from('{}'), { rsv: 0b100 })],
  ];
  for (const [what, bytes] of protocolErrors) {
    it(`closes the socket on ${what} and keeps running`, async () => {
      const answer = await rawExchange(port, [upgradeRequest(port, `/api?token=${TOKEN}`), bytes()]);
      expect(answer.status).toBe(101);
      expect(answer.closed).toBe(true);
      await stillServing();
    });
  }

  it('logs a socket protocol error once, as one line', async () => {
    await rawExchange(port, [upgradeRequest(port, `/api?token=${TOKEN}`), frame(0x3, Buffer.from('{}'))]);
    await stillServing();
    const lines = station
      .output()
      .split('\n')
      .filter((l) => /invalid opcode 3/i.test(l));
    expect(lines.length).toBeGreaterThan(0);
    // One attack above and one here: one line each, not one per listener.
    expect(lines.length).toBe(2);
  });
});
