/**
 * `npm run bench -- idle [--json] [--seconds 60] [--settle-seconds 5] [--polling] [--trace]`
 *
 * What an idle station costs the shop's database: a real StationEngine with the timing defaults of DESIGN §7 and two
 * virtual printers, against an empty `orders` collection, with the driver's command monitoring on the engine's own
 * MongoClient. Start-up work (registration, reconciliation, the first poll) is left out by a settle period; then
 * every command the station sends during the window is counted, by command name and by target collection.
 * Driver heartbeats (`hello` on the monitoring connection) are not commands and are reported apart.
 *
 * `--trace` writes each counted command to stderr (second, command, collection, filter keys), to find its source.
 * `--polling` runs the station with change streams off (the fallback of DESIGN §7), for comparison.
 *
 * Aim: <= 6 commands per minute. The figure is what was measured, whatever it is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { MongoClient, type CommandStartedEvent } from 'mongodb';
import { migrate } from '../electron/db/migrate';
import { VirtualPrinterDriver } from '../electron/printing/virtualPrinter';
import { parseStationConfig } from '../electron/station/config';
import { StationEngine } from '../electron/station/engine';
import { sleep, stdout, withTestServer, type Output } from './args';
import { formatTable } from './table';

export interface IdleResult {
  commandsPerMinute: number;
  /** Commands in the window by command name (find, update, getMore, aggregate …). */
  byCommand: Record<string, number>;
  /** The same commands by "command collection", to tell the health check's updates from the reaper's. */
  byTarget: Record<string, number>;
  /** Server heartbeats of the driver per minute (monitoring connection; not counted above). */
  heartbeatsPerMinute: number;
  seconds: number;
  changeFeedMode: string;
}

export interface IdleOptions {
  uri: string;
  dbName: string;
  seconds: number;
  settleSeconds: number;
  /** false: the station polls instead of watching (default: the station's default, change streams on). */
  useChangeStreams?: boolean;
  log?: (line: string) => void;
  trace?: (line: string) => void;
}

export function run(args: string[], out: Output = stdout): Promise<void> {
  return withTestServer('idle', args, async ({ flags, json, server, log }) => {
    const result = await measureIdle({
      uri: server.uri,
      dbName: `bench_idle_${randomUUID().slice(0, 8)}`,
      seconds: flags.number('seconds', 60),
      settleSeconds: flags.number('settle-seconds', 5),
      ...(flags.has('polling') ? { useChangeStreams: false } : {}),
      log,
      ...(flags.has('trace') ? { trace: (line: string) => process.stderr.write(`${line}\n`) } : {}),
    });
    if (json) {
      out(JSON.stringify(result));
    } else {
      const rows = Object.entries(result.byTarget).sort((a, b) => b[1] - a[1]);
      out(formatTable(['command collection', 'count'], rows));
      out('');
      out(
        `${result.commandsPerMinute} commands/min over ${result.seconds} s (aim <= 6; change feed ${result.changeFeedMode}; ` +
          `${result.heartbeatsPerMinute} driver heartbeats/min not counted; database: ${server.kind})`,
      );
    }
  });
}

export async function measureIdle(o: IdleOptions): Promise<IdleResult> {
  const admin = await new MongoClient(o.uri).connect();
  const db = admin.db(o.dbName);
  const work = mkdtempSync(path.join(tmpdir(), 'ps-bench-idle-'));
  let engine: StationEngine | undefined;
  try {
    await migrate(db);
    const printers = ['Idle 1', 'Idle 2'].map((name, i) => ({
      name,
      driver: 'virtual' as const,
      systemName: `idle-${i + 1}`,
      requiresRetrieval: i === 0,
    }));
    const driver = new VirtualPrinterDriver({
      root: path.join(work, 'printers'),
      printers: printers.map((p) => ({ systemName: p.systemName })),
    });
    const config = parseStationConfig({
      mongodbUri: o.uri,
      dbName: o.dbName,
      station: { id: 'idle-bench', name: 'Idle bench' },
      dataDir: path.join(work, 'station'),
      printers,
      ...(o.useChangeStreams === false ? { database: { useChangeStreams: false } } : {}),
      log: { level: 'info', console: false, file: false },
    });
    engine = new StationEngine({ config, driverFor: () => driver });
    // The engine connects in start(); connection pools copy the client's options then, so this reaches every
    // connection the station will use. (The engine offers no hook of its own for this.)
    engine.link.client.options.monitorCommands = true;
    let counting = false;
    let started = 0;
    const byCommand: Record<string, number> = {};
    const byTarget: Record<string, number> = {};
    let heartbeats = 0;
    let changeStreamOpened = false;
    engine.link.client.on('commandStarted', (event: CommandStartedEvent) => {
      if (event.commandName === 'aggregate' && isChangeStream(event)) changeStreamOpened = true;
      if (!counting) return;
      byCommand[event.commandName] = (byCommand[event.commandName] ?? 0) + 1;
      const target = `${event.commandName} ${collectionOf(event)}`.trim();
      byTarget[target] = (byTarget[target] ?? 0) + 1;
      o.trace?.(`[idle] ${((Date.now() - started) / 1_000).toFixed(1).padStart(6)} s  ${target}  ${describeCommand(event)}`);
    });
    engine.link.client.on('serverHeartbeatStarted', () => {
      if (counting) heartbeats += 1;
    });

    await engine.start();
    o.log?.(`[idle] station running; settling ${o.settleSeconds} s, then counting for ${o.seconds} s`);
    await sleep(o.settleSeconds * 1_000);
    counting = true;
    started = Date.now();
    await sleep(o.seconds * 1_000);
    counting = false;
    const minutes = (Date.now() - started) / 60_000;
    const total = Object.values(byCommand).reduce((a, b) => a + b, 0);
    return {
      commandsPerMinute: round1(total / minutes),
      byCommand,
      byTarget,
      heartbeatsPerMinute: round1(heartbeats / minutes),
      seconds: o.seconds,
      changeFeedMode: changeStreamOpened ? 'change_stream' : 'polling',
    };
  } finally {
    await engine?.stop('idle bench over').catch(() => {});
    await db.dropDatabase().catch(() => {});
    await admin.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The collection a command works on (`find: "orders"`, `getMore: <cursor>, collection: "orders"`). */
function collectionOf(event: CommandStartedEvent): string {
  const value = event.command[event.commandName];
  if (typeof value === 'string') return value;
  const collection = (event.command as { collection?: unknown }).collection;
  return typeof collection === 'string' ? collection : '';
}

/** The shape of a command, without values: enough to tell the claim from the poll from the reaper. */
function describeCommand(event: CommandStartedEvent): string {
  const c = event.command as Record<string, unknown>;
  const shape = (v: unknown): string =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? `{${Object.keys(v).join(',')}}`
      : Array.isArray(v)
        ? `[${v.map(shape).join(',')}]`
        : '';
  const parts: string[] = [];
  for (const key of ['filter', 'query', 'pipeline', 'updates', 'update', 'sort']) if (key in c) parts.push(`${key}${shape(c[key])}`);
  return parts.join(' ');
}

function isChangeStream(event: CommandStartedEvent): boolean {
  const pipeline = (event.command as { pipeline?: unknown }).pipeline;
  return Array.isArray(pipeline) && pipeline.some((stage) => stage && typeof stage === 'object' && '$changeStream' in stage);
}

const round1 = (n: number) => Math.round(n * 10) / 10;
