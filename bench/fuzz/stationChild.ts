/**
 * A headless station in a child process (`npm run station`'s own entry), started with any command-line options:
 * the fuzzer's target, and the tests that must see whether the process lived or died.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repoRoot, 'electron/headless/stationCli.ts');

export interface StationReady {
  stationId: string;
  pid: number;
  /** The console's address (never with the token). */
  web: string | null;
}

export interface ChildStation {
  pid: number;
  output(): string;
  readonly exited: boolean;
  /** Resolves with the exit code once the process is gone. */
  readonly exit: Promise<number | null>;
  /** Resolves when the station said it is ready; rejects when it exited first or took too long. */
  ready(timeoutMs?: number): Promise<StationReady>;
  /** SIGTERM (graceful), then SIGKILL if it does not go within killAfterMs. */
  stop(killAfterMs?: number): Promise<number | null>;
}

/** Writes `config` to <dataDir>/station.config.json and starts the station with it plus `args`. */
export function spawnStation(
  config: Record<string, unknown> & { dataDir: string },
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): ChildStation {
  mkdirSync(config.dataDir, { recursive: true });
  const configFile = path.join(config.dataDir, 'station.config.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', cli, '--config', configFile, ...args], {
    cwd: repoRoot,
    env: { ...process.env, MONGODB_URI: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let exited = false;
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => ((exited = true), resolve(code ?? (signal ? 128 : null)))),
  );
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return {
    pid: child.pid!,
    output: () => out,
    get exited() {
      return exited;
    },
    exit,
    ready(timeoutMs = 60_000) {
      return new Promise<StationReady>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the station did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
        const look = () => {
          const match = /PRINT_STATION_READY (\{.*\})/.exec(out);
          if (!match) return;
          clearTimeout(timer);
          child.stdout!.off('data', look);
          resolve(JSON.parse(match[1]!) as StationReady);
        };
        child.stdout!.on('data', look);
        look();
        void exit.then((code) => {
          clearTimeout(timer);
          reject(new Error(`the station exited with ${code} before it was ready:\n${out}`));
        });
      });
    },
    async stop(killAfterMs = 15_000) {
      if (exited) return exit;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
}

/** A station config with one virtual printer that prints without waiting for anyone (no retrieval step). */
export function virtualStationConfig(o: { mongodbUri: string; dbName: string; dataDir: string; name?: string; msPerPage?: number }) {
  return {
    mongodbUri: o.mongodbUri,
    dbName: o.dbName,
    station: { id: o.name ?? 'fuzz-station', name: o.name ?? 'Fuzz station' },
    dataDir: o.dataDir,
    printers: [
      {
        name: 'Counter',
        driver: 'virtual',
        systemName: 'counter',
        requiresRetrieval: false,
        capabilities: { paperSizes: ['A4', 'A5', 'Letter'], color: true, duplex: true, maxCopies: 99 },
      },
    ],
    // Seconds, not minutes: the printer takes each new order within a second or two.
    intervals: {
      healthMs: 2_000,
      leaseMs: 20_000,
      leaseRenewMs: 4_000,
      reaperMs: 5_000,
      safetyPollMs: 1_000,
      pollFallbackMs: 500,
      orderPollMs: 500,
      jobPollMs: 50,
      shutdownGraceMs: 2_000,
      dbRetryMs: 500,
    },
    database: { serverSelectionTimeoutMS: 5_000, heartbeatFrequencyMS: 1_000, connectTimeoutMS: 5_000 },
    // The shop simulator serves its files on loopback, which the fetch policy refuses unless told.
    fetch: { allowPrivateNetworks: true },
    virtual: { root: path.join(o.dataDir, 'virtual-printers'), msPerPage: o.msPerPage ?? 20 },
    log: { level: 'info', console: true, file: true },
  };
}
