/**
 * The fuzzer's target: a small print room on loopback. The demo's shop side (startShopRoom: the database given or
 * the embedded test server, indexes, a shop that keeps selling paid orders and serves their PDFs on 127.0.0.1), and
 * a real `npm run station` child process with one virtual printer and its console on 127.0.0.1 with a token: a
 * child, not the demo's in-process station, so the fuzzer sees a hang or a crash as one.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startShopRoom } from '../../electron/headless/demo';
import { spawnStation, virtualStationConfig, type ChildStation } from './stationChild';

export interface PrintRoomOptions {
  /** Default: MONGODB_URI, else the embedded test server. */
  mongoUri?: string;
  dbName?: string;
  /** A new paid order every this many ms. */
  orderIntervalMs?: number;
}

export interface PrintRoom {
  token: string;
  /** The console's port on 127.0.0.1 (changes when the station is restarted). */
  port(): number;
  station(): ChildStation;
  /** Order ids the shop created so far (real targets for the API). */
  orderIds(): string[];
  /** Kills the station if it still runs (it hung) and starts a fresh one on the same data dir. */
  restartStation(): Promise<void>;
  /** Orders printed since `since` (by any station run). */
  printedSince(since: Date): Promise<number>;
  stop(): Promise<void>;
}

export async function startPrintRoom(options: PrintRoomOptions = {}): Promise<PrintRoom> {
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step().catch(() => {});
  };
  try {
    const ids: string[] = [];
    const {
      mongoUri,
      dbName,
      db,
      stop: stopShop,
    } = await startShopRoom({
      mongoUri: options.mongoUri,
      dbName: options.dbName ?? `fuzz_${randomBytes(4).toString('hex')}`,
      dropOnStop: !options.dbName,
      orderIntervalMs: options.orderIntervalMs ?? 700,
      orderIdPrefix: 'FUZZ',
      onOrder: (id) => void (ids.length < 500 && ids.push(id)),
    });
    stops.push(stopShop);

    const token = randomBytes(18).toString('base64url');
    const dataDir = mkdtempSync(path.join(tmpdir(), 'print-station-fuzz-'));
    const config = virtualStationConfig({ mongodbUri: mongoUri, dbName, dataDir, name: 'Fuzz station' });
    let station!: ChildStation;
    let port = 0;
    const startStation = async () => {
      station = spawnStation(config, ['--no-migrate', '--web', '0', `--web-token=${token}`]);
      const ready = await station.ready(120_000);
      port = Number(new URL(ready.web!).port);
    };
    await startStation();
    stops.push(() => station.stop());

    return {
      token,
      port: () => port,
      station: () => station,
      orderIds: () => ids,
      async restartStation() {
        await station.stop(2_000);
        await startStation();
      },
      printedSince: (since) => db.collection('orders').countDocuments({ printStatus: 'printed', printCompletedAt: { $gte: since } }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
